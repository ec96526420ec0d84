//! The alerts list under the details: what needs attention soon, each a click away from its
//! day on the calendar.

use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::style;
use crate::schedule::Severity;

/// The alerts list, each alert's sentence made once per change of the state.
pub fn alerts_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (alerts, texts) = (&ctx.schedule.alerts, &ctx.schedule.alert_texts);
    ui.heading(t!("alerts.title"));
    if alerts.is_empty() {
        ui.label(t!("alerts.none"));
        return;
    }
    // One line per alert (full text on hover) so only the visible rows are laid out.
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("alerts")
        .auto_shrink([false; 2])
        .show_rows(ui, row_height, alerts.len(), |ui, rows| {
            let shown = alerts
                .get(rows.clone())
                .unwrap_or_default()
                .iter()
                .zip(texts.get(rows).unwrap_or_default());
            for (alert, text) in shown {
                let color = match alert.severity() {
                    Severity::Danger => style::DANGER,
                    Severity::Warning => style::WARNING,
                    Severity::Info => ui.visuals().text_color(),
                };
                let button = egui::Button::new(egui::RichText::new(text).color(color))
                    .frame(false)
                    .truncate();
                let mut response = ui.add(button);
                if response.hovered() {
                    response = response.on_hover_text(text);
                }
                if response.clicked() {
                    ctx.push(Action::GoTo {
                        day: alert.date,
                        sim: alert.sim,
                    });
                }
            }
        });
}
