//! The Trips tab: each trip's legs and how many of its days no SIM covers (the editor comes in a
//! later issue).

use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::style;

/// The Trips tab: each trip with its legs and its uncovered days.
pub fn trips_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (state, agenda) = (ctx.state, &ctx.schedule.agenda);
    if state.trips.is_empty() {
        ui.label(t!("trips.empty"));
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            for (trip, coverage) in state.trips.iter().zip(&agenda.trips) {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(&trip.name).strong());
                    if coverage.uncovered.is_empty() {
                        ui.colored_label(style::TRIP, t!("trips.covered"));
                    } else {
                        ui.colored_label(
                            style::DANGER,
                            t!("trips.uncovered", count = coverage.uncovered.len()),
                        );
                    }
                });
                for leg in &trip.legs {
                    let country =
                        isocountry::CountryCode::for_alpha2(&leg.country).map_or("", |c| c.name());
                    let text = t!(
                        "trips.leg",
                        code = leg.country.as_str(),
                        country = country,
                        from = leg.from.to_string(),
                        to = leg.to.to_string()
                    );
                    if ui.link(text).clicked() {
                        ctx.push(Action::GoTo {
                            day: leg.from,
                            sim: None,
                        });
                    }
                }
            }
        });
}
