//! Trips in the window, as a traveller plans one: a trip of two legs made through the Trips
//! tab, its uncovered days in the trip view, "Cover this trip", the purchases added in one
//! step (no red day left), undo back to the exact state; and the costs view's month totals.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Datelike as _;
use common::ui::{self, App, TODAY, click, settle, shows, type_nth, undo, window};
use common::{d, traveller};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use sim_planner::model::{RenewalStatus, State, TripId, TripLeg};
use sim_planner::schedule::{Agenda, DayStatus, trip_days};
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::view_state::CalendarKind;

/// Editor windows grow over several frames (see `ui_app.rs`).
fn traveller_harness() -> App {
    let app = SimPlannerApp::with_state(traveller(), d(TODAY));
    ui::build(ui::builder().with_step_dt(0.25).with_max_steps(24), app)
}

fn the_state(harness: &App) -> State {
    harness.state().state().clone()
}

/// Picks `code` in the `nth` country picker of the window `title`, searching for `name`.
fn pick_country(harness: &mut App, title: &str, nth: usize, code: &str, name: &str) {
    window(harness, title)
        .get_all_by_label("Choose a country...")
        .nth(nth)
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("Search").type_text(name);
    harness.run();
    harness.get_by_label(&format!("{code}  {name}")).click();
    harness.run();
}

/// How the days of `trip` stand in `state` on the fixture's today.
fn statuses(state: &State, trip: TripId) -> Vec<DayStatus> {
    let agenda = Agenda::compute(state, d(TODAY));
    let trip = state.trip(trip).unwrap();
    trip_days(state, &agenda, trip)
        .iter()
        .map(|day| day.status)
        .collect()
}

#[test]
fn a_trip_made_in_the_window_is_covered_by_one_click_and_undone_exactly() {
    let mut harness = traveller_harness();
    click(&mut harness, "Trips");
    click(&mut harness, "Add a trip");
    let title = "New trip";
    type_nth(&mut harness, title, "Name", 0, "Paris and Berlin");
    pick_country(&mut harness, title, 0, "FR", "France");
    type_nth(&mut harness, title, "From", 0, "2027-03-01");
    type_nth(&mut harness, title, "To", 0, "2027-03-05");
    window(&harness, title).get_by_label("Add a leg").click();
    harness.run();
    // The new leg starts on the day the first one ends (the day you fly).
    pick_country(&mut harness, title, 0, "DE", "Germany");
    type_nth(&mut harness, title, "To", 1, "2027-03-08");
    window(&harness, title).get_by_label("Save").click();
    harness.run();
    settle(&mut harness);

    let before_cover = the_state(&harness);
    let trip = before_cover
        .trips
        .iter()
        .find(|trip| trip.name == "Paris and Berlin")
        .expect("the trip was added");
    assert_eq!(
        trip.legs,
        vec![
            TripLeg {
                country: "FR".into(),
                from: d("2027-03-01"),
                to: d("2027-03-05")
            },
            TripLeg {
                country: "DE".into(),
                from: d("2027-03-05"),
                to: d("2027-03-08")
            },
        ]
    );
    let trip = trip.id;
    // The Travel eSIM's January plan (30 days from 2027-01-09) ends before March.
    let days = statuses(&before_cover, trip);
    assert_eq!(
        days.len(),
        9,
        "5 days in France, 4 in Germany, the 5th in both"
    );
    assert!(days.iter().all(|day| *day == DayStatus::Uncovered));

    // The new trip is selected: the trip view shows it, its days in red.
    harness.state_mut().view_mut().calendar = CalendarKind::Coverage;
    harness.run();
    assert!(shows(&harness, "Trip: Paris and Berlin"));
    assert!(shows(&harness, "9 days uncovered"));
    assert_eq!(
        harness.query_all_by_label("Fri 5 Mar 2027").count(),
        2,
        "the day you fly is a row in each country"
    );

    harness.get_by_label("Cover this trip").click();
    harness.run();
    settle(&mut harness);
    // One Eurolink pack (30 days, 26.00 USD = 184.60 CNY) on the trip's first day covers it.
    assert!(
        shows(&harness, "Total: 184.60 CNY"),
        "the cover's total is shown"
    );
    click(&mut harness, "Add as planned renewals");

    let covered = the_state(&harness);
    assert_eq!(covered.renewals.len(), before_cover.renewals.len() + 1);
    let added = covered.renewals.last().unwrap();
    assert_eq!(
        (added.sim.0, added.plan.0, added.on, added.status),
        (3, 5, d("2027-03-01"), RenewalStatus::Planned)
    );
    assert!(
        statuses(&covered, trip)
            .iter()
            .all(|day| *day != DayStatus::Uncovered),
        "no red day is left"
    );
    assert!(shows(&harness, "9 of 9 days covered"));

    undo(&mut harness);
    assert_eq!(
        the_state(&harness),
        before_cover,
        "undo restores the exact state"
    );
}

#[test]
fn clicking_a_trip_day_shows_it_on_the_month_calendar() {
    let mut harness = traveller_harness();
    click(&mut harness, "Trips");
    click(&mut harness, "利雅得出差");
    assert_eq!(harness.state().view().calendar, CalendarKind::Coverage);
    click(&mut harness, "Sat 12 Dec 2026");
    let view = harness.state().view();
    assert_eq!(view.calendar, CalendarKind::Month);
    assert_eq!(view.selected_day, Some(d("2026-12-12")));
    assert_eq!((view.month.year(), view.month.month()), (2026, 12));
}

#[test]
fn the_costs_view_shows_the_fixtures_month_totals() {
    let mut harness = traveller_harness();
    click(&mut harness, "Costs");
    // traveller.ron: December 30.00 CNY + 8.000 BHD (151.20 CNY) = 181.20 CNY; January
    // 3.000 BHD (56.70 CNY) + 26.00 USD (184.60 CNY) = 241.30 CNY.
    for total in ["181.20 CNY", "241.30 CNY"] {
        assert!(shows(&harness, total), "the month total {total} is shown");
    }
    // The per-currency table keeps each currency's digits.
    for amount in ["30.00 CNY", "8.000 BHD", "3.000 BHD", "26.00 USD"] {
        assert!(shows(&harness, amount), "{amount} is in the table");
    }
    // Europe in January is paid by the Eurolink pack alone; 11 of its days are covered
    // (Switzerland is in no plan): 184.60 / 11 = 16.78.
    assert!(shows(&harness, "26.00 USD = 184.60 CNY"));
    assert!(shows(&harness, "16.78 CNY per covered day (11 days)"));
    assert!(shows(&harness, "December 2026"));
    assert!(shows(&harness, "January 2027"));
}

#[test]
fn deleting_a_trip_asks_first_and_is_one_undoable_step() {
    let mut harness = traveller_harness();
    let before = the_state(&harness);
    click(&mut harness, "Trips");
    click(&mut harness, "利雅得出差");
    click(&mut harness, "Delete");
    assert!(shows(
        &harness,
        "Delete the trip 利雅得出差? Its renewals stay."
    ));
    harness
        .get_by_role(Role::Dialog)
        .get_by_label("Delete")
        .click();
    harness.run();
    settle(&mut harness);
    let after = the_state(&harness);
    assert_eq!(after.trips.len(), before.trips.len() - 1);
    assert_eq!(after.renewals, before.renewals);
    undo(&mut harness);
    assert_eq!(the_state(&harness), before);
}

#[test]
fn a_trips_calendar_can_list_the_suggested_purchases_without_adding_them() {
    let mut state = traveller();
    state.trips.push(common::trip(
        9,
        &[
            ("FR", "2027-03-01", "2027-03-05"),
            ("DE", "2027-03-05", "2027-03-08"),
        ],
    ));
    let app = SimPlannerApp::with_state(state.clone(), d(TODAY));
    let mut harness = ui::build(ui::builder().with_step_dt(0.25).with_max_steps(24), app);
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("march.ics");

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export schedule...").click();
    harness.run();
    let trip_name = state.trips.last().unwrap().name.clone();
    harness.get_by_label(&format!("Trip: {trip_name}")).click();
    harness.run();
    harness.get_by_label("Include suggested purchases").click();
    harness.run();
    common::ui::type_path(&mut harness, "Path", &target);
    harness.get_by_label("Export").click();
    harness.step();
    settle(&mut harness);

    let ics = std::fs::read_to_string(&target).unwrap();
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    let suggestions: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|component| component.as_event())
        .filter(|event| {
            icalendar::Component::get_description(*event)
                .is_some_and(|text| text.starts_with("Suggestion"))
        })
        .collect();
    assert_eq!(
        suggestions.len(),
        1,
        "the one Eurolink pack is suggested:\n{ics}"
    );
    assert_eq!(
        icalendar::Component::get_start(suggestions[0]),
        Some(icalendar::DatePerhapsTime::Date(d("2027-03-01")))
    );
    assert_eq!(
        the_state(&harness),
        state,
        "a suggestion is not added to the state"
    );
}
