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

/// Flat, axis-aligned fills gathered into one mesh. A month grid is hundreds of rectangles;
/// one mesh shape costs a fraction of what hundreds of rectangle shapes cost to tessellate.
/// Edges are not feathered, which axis-aligned rectangles do not need.
#[derive(Default)]
pub struct Fills {
    mesh: egui::Mesh,
}

impl Fills {
    pub fn rect(&mut self, rect: Rect, color: Color32) {
        if color.a() > 0 && rect.is_positive() {
            self.mesh.add_colored_rect(rect, color);
        }
    }

    /// A border `width` wide inside `rect`.
    pub fn outline(&mut self, rect: Rect, width: f32, color: Color32) {
        let width = width.min(rect.width() / 2.0).min(rect.height() / 2.0);
        let (min, max) = (rect.min, rect.max);
        self.rect(
            Rect::from_min_max(min, egui::pos2(max.x, min.y + width)),
            color,
        );
        self.rect(
            Rect::from_min_max(egui::pos2(min.x, max.y - width), max),
            color,
        );
        let inner = Rect::from_min_max(
            egui::pos2(min.x, min.y + width),
            egui::pos2(max.x, max.y - width),
        );
        self.rect(inner.with_max_x(min.x + width), color);
        self.rect(inner.with_min_x(max.x - width), color);
    }

    pub fn triangle(&mut self, corners: [egui::Pos2; 3], color: Color32) {
        let first = u32::try_from(self.mesh.vertices.len()).unwrap_or(u32::MAX);
        for corner in corners {
            self.mesh.colored_vertex(corner, color);
        }
        self.mesh.add_triangle(first, first + 1, first + 2);
    }

    pub fn into_shape(self) -> egui::Shape {
        egui::Shape::mesh(self.mesh)
    }
}
