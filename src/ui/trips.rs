//! The Trips tab: every trip with its dates, its countries and how many of its days no SIM
//! covers (or covers without data left); add, edit, duplicate and delete them. Selecting a
//! trip shows its coverage day by day.

use rust_i18n::t;

use super::action::{Action, DeleteTarget};
use super::context::ViewContext;
use super::style;
use super::view_state::CalendarKind;
use crate::model::Trip;
use crate::plural_key;
use crate::schedule::TripCoverage;

/// The Trips tab.
pub fn trips_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (state, agenda, view) = (ctx.state, &ctx.schedule.agenda, ctx.view);
    ui.horizontal(|ui| {
        if ui.button(t!("trips.add")).clicked() {
            ctx.push(Action::NewTrip);
        }
        if let Some(trip) = view.selected_trip.and_then(|id| state.trip(id)) {
            if ui.button(t!("trips.edit")).clicked() {
                ctx.push(Action::EditTrip(trip.id));
            }
            if ui.button(t!("trips.duplicate")).clicked() {
                ctx.push(Action::DuplicateTrip(trip.id));
            }
            if ui.button(t!("trips.delete")).clicked() {
                ctx.push(Action::ConfirmDelete(DeleteTarget::Trip(trip.id)));
            }
        }
    });
    if state.trips.is_empty() {
        ui.label(t!("trips.empty"));
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            for (trip, coverage) in state.trips.iter().zip(&agenda.trips) {
                ui.add_space(4.0);
                trip_row_ui(ui, ctx, trip, coverage);
            }
        });
}

/// One trip: its name (a selectable row), dates and countries, and how its days stand.
fn trip_row_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, trip: &Trip, coverage: &TripCoverage) {
    let selected = ctx.view.selected_trip == Some(trip.id);
    let name = egui::RichText::new(&trip.name).strong();
    let response = ui
        .add(egui::Button::selectable(selected, name).truncate())
        .on_hover_text(t!("trips.select_hint"));
    if response.clicked() {
        ctx.push(Action::SelectTrip(trip.id));
        ctx.push(Action::ShowCalendar(CalendarKind::Coverage));
    }
    if response.double_clicked() {
        ctx.push(Action::EditTrip(trip.id));
    }
    let first = trip.legs.iter().map(|leg| leg.from).min();
    let last = trip.legs.iter().map(|leg| leg.to).max();
    let mut countries: Vec<&str> = Vec::new();
    for leg in &trip.legs {
        if !countries.contains(&leg.country.as_str()) {
            countries.push(leg.country.as_str());
        }
    }
    if let (Some(first), Some(last)) = (first, last) {
        ui.add(
            egui::Label::new(t!(
                "trips.dates",
                from = first.to_string(),
                to = last.to_string(),
                countries = countries.join(", ")
            ))
            .truncate(),
        );
    }
    ui.horizontal_wrapped(|ui| {
        let uncovered = coverage.uncovered.len();
        // A day without data is listed once per SIM that has run out: count the days.
        let mut no_data: Vec<_> = coverage
            .no_data
            .iter()
            .map(|day| (day.date, day.country.as_str()))
            .collect();
        no_data.sort_unstable();
        no_data.dedup();
        let no_data = no_data.len();
        if uncovered == 0 && no_data == 0 {
            ui.colored_label(style::TRIP, t!("trips.covered"));
        }
        if uncovered > 0 {
            ui.colored_label(
                style::DANGER,
                t!(plural_key!("trips.uncovered", uncovered), count = uncovered),
            );
        }
        if no_data > 0 {
            ui.colored_label(
                style::WARNING,
                t!(plural_key!("trips.no_data", no_data), count = no_data),
            );
        }
    });
}
