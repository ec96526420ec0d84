//! Limits on counts, lengths and spans ("every file that loads is handled in bounded time and
//! memory" in DESIGN.md).
//!
//! Each limit is far above what a person keeps, and together they bound both the work every
//! command and view does on a file that loads (the agenda, every export, the window's first
//! frame) and the size of the file SIM Planner writes back: a state at every limit, its text
//! written with the longest escapes, still fits in [`super::MAX_STATE_BYTES`], so whatever
//! loads can be saved again (`tests/limits.rs` builds that state).

use chrono::NaiveDate;

use super::problem::{Item, Problem, Report};
use crate::model::{Sim, State};
use crate::schedule::days_between;

/// The most SIMs in one file.
pub const MAX_SIMS: usize = 100;
/// The most plans in one file.
pub const MAX_PLANS: usize = 500;
/// The most renewals in one file: a daily pack bought every day for thirteen years.
pub const MAX_RENEWALS: usize = 5_000;
/// The most trips in one file.
pub const MAX_TRIPS: usize = 1_000;
/// The most legs in one trip.
pub const MAX_LEGS: usize = 100;
/// The most days from a trip's first day to its last. With the lead days before it, a trip
/// always fits in one export (`export::MAX_RANGE_DAYS`).
pub const MAX_TRIP_DAYS: u32 = 3_000;
/// The most days of all trip legs of the file added up: every one is a (day, country) that
/// trip coverage checks and may list, so this bounds that work and what it prints.
pub const MAX_TOTAL_LEG_DAYS: u32 = 20_000;
/// The most countries in one coverage list: there are 249 ISO 3166-1 codes.
pub const MAX_COVERAGE: usize = 250;
/// The most reminder stages.
pub const MAX_REMINDER_STAGES: usize = 8;
/// The most exchange rates: one per ISO 4217 currency, with room to spare.
pub const MAX_RATES: usize = 300;
/// The longest name, carrier or payment note, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest phone number, in characters.
pub const MAX_NUMBER_CHARS: usize = 40;
/// The longest renewal link, in characters.
pub const MAX_URL_CHARS: usize = 500;
/// The longest notes of a SIM, in characters.
pub const MAX_NOTES_CHARS: usize = 5_000;

impl Report {
    /// Reports the first item past `max` in a list of `count`.
    fn count(&mut self, count: usize, max: usize, what: &'static str, first_past: Option<Item>) {
        if let Some(item) = first_past.filter(|_| count > max) {
            self.push(item, Problem::TooMany { what, count, max });
        }
    }

    /// Reports a text longer than `max` characters.
    fn length(&mut self, item: Item, field: &'static str, text: &str, max: usize) {
        // Counting stops just past the limit, so a huge text costs no more than a short one.
        let chars = text.chars().take(max + 1).count();
        if chars > max {
            self.push(
                item,
                Problem::TextTooLong {
                    field,
                    chars: text.chars().count(),
                    max,
                },
            );
        }
    }

    /// Reports a list longer than `max`.
    fn list(&mut self, item: Item, field: &'static str, len: usize, max: usize) {
        if len > max {
            self.push(item, Problem::ListTooLong { field, len, max });
        }
    }
}

/// Checks every limit of this module.
pub(super) fn check_limits(report: &mut Report, state: &State) {
    let settings = &state.settings;
    report.list(
        Item::Settings,
        "reminder stages",
        settings.reminder_stages.len(),
        MAX_REMINDER_STAGES,
    );
    report.list(
        Item::Settings,
        "exchange rates",
        settings.rates.len(),
        MAX_RATES,
    );

    report.count(
        state.sims.len(),
        MAX_SIMS,
        "SIMs",
        state.sims.get(MAX_SIMS).map(|sim| Item::Sim(sim.id)),
    );
    for sim in &state.sims {
        sim_limits(report, sim);
    }

    report.count(
        state.plans.len(),
        MAX_PLANS,
        "plans",
        state.plans.get(MAX_PLANS).map(|plan| Item::Plan(plan.id)),
    );
    for plan in &state.plans {
        let item = Item::Plan(plan.id);
        report.length(item, "name", &plan.name, MAX_NAME_CHARS);
        report.length(item, "carrier", &plan.carrier, MAX_NAME_CHARS);
        report.list(item, "coverage", plan.coverage.len(), MAX_COVERAGE);
    }

    report.count(
        state.renewals.len(),
        MAX_RENEWALS,
        "renewals",
        state
            .renewals
            .get(MAX_RENEWALS)
            .map(|renewal| Item::Renewal(renewal.id)),
    );

    report.count(
        state.trips.len(),
        MAX_TRIPS,
        "trips",
        state.trips.get(MAX_TRIPS).map(|trip| Item::Trip(trip.id)),
    );
    let mut total_leg_days: u32 = 0;
    let mut total_reported = false;
    for trip in &state.trips {
        let item = Item::Trip(trip.id);
        report.length(item, "name", &trip.name, MAX_NAME_CHARS);
        report.list(item, "legs", trip.legs.len(), MAX_LEGS);
        if let Some((first, last)) = trip.date_range() {
            let days = span_days(first, last);
            if days > MAX_TRIP_DAYS {
                report.push(
                    item,
                    Problem::TripTooLong {
                        days,
                        max: MAX_TRIP_DAYS,
                    },
                );
            }
        }
        for leg in &trip.legs {
            total_leg_days = total_leg_days.saturating_add(span_days(leg.from, leg.to));
        }
        if total_leg_days > MAX_TOTAL_LEG_DAYS && !total_reported {
            total_reported = true;
            report.push(
                item,
                Problem::TooManyLegDays {
                    total: total_leg_days,
                    max: MAX_TOTAL_LEG_DAYS,
                },
            );
        }
    }
}

fn sim_limits(report: &mut Report, sim: &Sim) {
    let item = Item::Sim(sim.id);
    report.length(item, "name", &sim.name, MAX_NAME_CHARS);
    report.length(item, "carrier", &sim.carrier, MAX_NAME_CHARS);
    if let Some(number) = &sim.number {
        report.length(item, "number", number, MAX_NUMBER_CHARS);
    }
    if let Some(url) = &sim.renew_url {
        report.length(item, "renewal link", url, MAX_URL_CHARS);
    }
    report.length(item, "payment", &sim.payment, MAX_NAME_CHARS);
    report.length(item, "notes", &sim.notes, MAX_NOTES_CHARS);
    report.list(item, "coverage", sim.coverage.len(), MAX_COVERAGE);
}

/// Days from `first` to `last`, both included (0 when `last` comes first).
fn span_days(first: NaiveDate, last: NaiveDate) -> u32 {
    days_between(first, last).map_or(0, |days| days.saturating_add(1))
}
