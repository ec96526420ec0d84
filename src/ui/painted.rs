//! Helpers for items that are painted rather than added as widgets (month chips, table cells):
//! one-line text cut to a width, and an accessibility node so screen readers (and the UI tests)
//! still find them by name.

use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Rect};

/// `text` on one line, cut with "…" at `max_width`. Laid out through egui's galley cache.
pub fn one_line(
    painter: &egui::Painter,
    text: &str,
    font: FontId,
    color: Color32,
    max_width: f32,
) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = TextWrapping::truncate_at_width(max_width.max(0.0));
    painter.layout_job(job)
}

/// Gives the painted item `id` at `rect` an accessibility node named `name`; a `Button` when
/// it can be clicked, else a `Label`. Costs nothing while accessibility is off.
pub fn accessible(ctx: &egui::Context, id: egui::Id, rect: Rect, name: &str, clickable: bool) {
    use egui::accesskit::{Action, Rect as NodeRect, Role};
    ctx.accesskit_node_builder(id, |node| {
        node.set_bounds(NodeRect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
        if clickable {
            node.set_role(Role::Button);
            node.set_label(name);
            node.add_action(Action::Click);
        } else {
            // As egui's own labels: the text is the value of a Label node.
            node.set_role(Role::Label);
            node.set_value(name);
        }
    });
}
