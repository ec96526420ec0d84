//! The alerts list under the details: what needs attention soon, each a click away from its
//! day on the calendar.

use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::style;
use super::view_state::AlertHorizon;
use crate::plural_key;
use crate::schedule::Severity;

/// The alerts list, each alert's sentence made once per change of the state.
pub fn alerts_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (alerts, texts) = (&ctx.schedule.alerts, &ctx.schedule.alert_texts);
    let horizon = ctx.view.alert_horizon;
    ui.horizontal(|ui| {
        ui.heading(t!("alerts.title"));
        egui::ComboBox::from_id_salt("alert-horizon")
            .selected_text(horizon_label(horizon))
            .show_ui(ui, |ui| {
                for choice in AlertHorizon::ALL {
                    if ui
                        .selectable_label(choice == horizon, horizon_label(choice))
                        .clicked()
                    {
                        ctx.push(Action::SetAlertHorizon(choice));
                    }
                }
            })
            .response
            .on_hover_text(t!("alerts.horizon_hint"));
    });
    if alerts.is_empty() {
        ui.label(if let Some(days) = horizon.days() {
            t!(plural_key!("alerts.none", days), days = days)
        } else {
            t!("alerts.none_at_all")
        });
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

/// "Next 30 days", or "Everything ahead".
fn horizon_label(horizon: AlertHorizon) -> std::borrow::Cow<'static, str> {
    if let Some(days) = horizon.days() {
        t!(plural_key!("alerts.next_days", days), days = days)
    } else {
        t!("alerts.everything")
    }
}
