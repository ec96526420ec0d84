//! Trip coverage: which (day, country) of a trip no SIM covers, and which only SIMs whose data
//! has run out cover.

use chrono::NaiveDate;
use serde::Serialize;

use super::sim_schedule::SimSchedule;
use crate::model::{SimId, State, Trip, TripId};

/// The uncovered days of one trip, and the days with service but no data left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TripCoverage {
    pub id: TripId,
    pub uncovered: Vec<UncoveredDay>,
    /// "No data on a trip day": covered only by SIMs whose forecast data has run out; one entry
    /// per such SIM. These days still count as covered.
    pub no_data: Vec<NoDataDay>,
}

/// A trip day in a country where `sim` has service but, by the forecast, no data left.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct NoDataDay {
    pub date: NaiveDate,
    pub country: String,
    pub sim: SimId,
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
///
/// "No data on a trip day": a covered (day, country) where every SIM that covers it has run
/// out of data that day ([`has_data_on`]) is listed in `no_data`, once per such SIM, in the same
/// order.
pub fn trip_coverage(state: &State, schedules: &[SimSchedule], trip: &Trip) -> TripCoverage {
    let mut uncovered = Vec::new();
    let mut no_data = Vec::new();
    for leg in &trip.legs {
        let days = leg.from.iter_days().take_while(|day| *day <= leg.to);
        for day in days {
            let working: Vec<&SimSchedule> = schedules
                .iter()
                .filter(|schedule| sim_covers_on(state, schedule, day, &leg.country))
                .collect();
            if working.is_empty() {
                uncovered.push(UncoveredDay {
                    date: day,
                    country: leg.country.clone(),
                });
            } else if working.iter().all(|schedule| !has_data_on(schedule, day)) {
                no_data.extend(working.iter().map(|schedule| NoDataDay {
                    date: day,
                    country: leg.country.clone(),
                    sim: schedule.id,
                }));
            }
        }
    }
    TripCoverage {
        id: trip.id,
        uncovered,
        no_data,
    }
}

/// Whether the SIM has data on `day` by the "Data run-out" forecast: `false` on the days after
/// the data of the renewal giving that day's service has run out (its `without_data`), `true`
/// otherwise (also for the `valid_until` period and a SIM without `daily_use_mb`, where nothing
/// is forecast).
pub fn has_data_on(schedule: &SimSchedule, day: NaiveDate) -> bool {
    let Some(renewal) = schedule.segment_on(day).and_then(|segment| segment.renewal) else {
        return true;
    };
    !schedule
        .renewals
        .iter()
        .find(|applied| applied.id == renewal)
        .and_then(|applied| applied.without_data)
        .is_some_and(|range| range.contains(day))
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
