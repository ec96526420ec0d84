//! Trip coverage: which (day, country) of a trip no SIM covers.

use chrono::NaiveDate;
use serde::Serialize;

use super::sim_schedule::SimSchedule;
use crate::model::{State, Trip, TripId};

/// The uncovered days of one trip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TripCoverage {
    pub id: TripId,
    pub uncovered: Vec<UncoveredDay>,
}

/// A trip day in a country where no SIM has service that works there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct UncoveredDay {
    pub date: NaiveDate,
    pub country: String,
}

/// "Trip coverage": a trip day in country `c` is covered when some SIM has service that day and
/// `c` is in the coverage of the plan that gives that day's service (the SIM's own coverage when
/// that plan's list is empty, and for the `valid_until` period). Lists every uncovered
/// (day, country), in leg order then day order.
pub fn trip_coverage(state: &State, schedules: &[SimSchedule], trip: &Trip) -> TripCoverage {
    let mut uncovered = Vec::new();
    for leg in &trip.legs {
        let days = leg.from.iter_days().take_while(|day| *day <= leg.to);
        for day in days {
            if !covers(state, schedules, day, &leg.country) {
                uncovered.push(UncoveredDay {
                    date: day,
                    country: leg.country.clone(),
                });
            }
        }
    }
    TripCoverage {
        id: trip.id,
        uncovered,
    }
}

/// Whether any SIM's service on `day` works in `country`.
pub fn covers(state: &State, schedules: &[SimSchedule], day: NaiveDate, country: &str) -> bool {
    schedules
        .iter()
        .any(|schedule| sim_covers_on(state, schedule, day, country))
}

/// Whether `schedule`'s SIM has service on `day` through a plan that works in `country`.
pub fn sim_covers_on(state: &State, schedule: &SimSchedule, day: NaiveDate, country: &str) -> bool {
    let Some(segment) = schedule.segment_on(day) else {
        return false;
    };
    let Some(sim) = state.sim(schedule.id) else {
        return false;
    };
    // The `valid_until` period (and a renewal whose plan is gone) works where the SIM does.
    let coverage = segment
        .plan
        .and_then(|id| state.plan(id))
        .map_or(sim.coverage.as_slice(), |plan| plan.coverage_for(sim));
    coverage
        .iter()
        .any(|code| code.eq_ignore_ascii_case(country))
}
