//! The trip coverage view's rows: for each (day, country) of a trip, every SIM with service
//! there that day, the renewal and plan that give it, the data forecast, and whether the day is
//! covered.

use chrono::{NaiveDate, Weekday};
use serde::Serialize;

use super::agenda::Agenda;
use super::coverage::{has_data_on, sim_covers_on};
use super::dates::days_between;
use crate::model::{DataAllowance, PlanId, RenewalId, SimId, State, Trip};

/// One row of the trip coverage view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TripDay {
    pub date: NaiveDate,
    pub weekday: Weekday,
    pub country: String,
    /// Every SIM whose service that day works in the country, in file order.
    pub service: Vec<DayService>,
    pub status: DayStatus,
}

/// One SIM's service on a trip day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayService {
    pub sim: SimId,
    /// The renewal giving that day's service; `None` for the period the SIM already had
    /// (`valid_until`).
    pub renewal: Option<RenewalId>,
    pub plan: Option<PlanId>,
    pub data: DataForecast,
}

/// What the "Data run-out" forecast says about one SIM's data on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DataForecast {
    /// Nothing is forecast: the SIM has no `daily_use_mb`, or the day is in the period it
    /// already had, whose allowance is not known.
    Unknown,
    /// The plan's data is unlimited.
    Unlimited,
    /// Megabytes left at the end of the day, at the expected daily use.
    Left { mb: u64 },
    /// The plan's data has run out by this day.
    RunOut,
}

/// How a trip day stands ("Trip coverage", "No data on a trip day").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DayStatus {
    /// Some SIM works there and has data.
    Covered,
    /// Some SIM works there, but every one of them has run out of data: amber.
    NoData,
    /// No SIM works there that day: red.
    Uncovered,
}

/// The rows of the trip coverage view for `trip`, from `agenda` (computed on `state`): each
/// (day, country) of its legs once, by day, then in leg order.
pub fn trip_days(state: &State, agenda: &Agenda, trip: &Trip) -> Vec<TripDay> {
    let mut rows: Vec<TripDay> = Vec::new();
    for leg in &trip.legs {
        for date in leg.from.iter_days().take_while(|day| *day <= leg.to) {
            let duplicate = rows
                .iter()
                .any(|row| row.date == date && row.country.eq_ignore_ascii_case(&leg.country));
            if duplicate {
                continue;
            }
            let mut service = Vec::new();
            let mut with_data = false;
            for schedule in &agenda.sims {
                if !sim_covers_on(state, schedule, date, &leg.country) {
                    continue;
                }
                with_data |= has_data_on(schedule, date);
                let segment = schedule.segment_on(date);
                let renewal = segment.and_then(|segment| segment.renewal);
                let applied = renewal
                    .and_then(|id| schedule.renewals.iter().find(|applied| applied.id == id));
                let data = match applied {
                    None => DataForecast::Unknown,
                    Some(applied) if applied.without_data.is_some_and(|r| r.contains(date)) => {
                        DataForecast::RunOut
                    }
                    Some(applied) => {
                        forecast(state, schedule.id, applied.plan, applied.start, date)
                    }
                };
                service.push(DayService {
                    sim: schedule.id,
                    renewal,
                    plan: segment.and_then(|segment| segment.plan),
                    data,
                });
            }
            let status = match (service.is_empty(), with_data) {
                (true, _) => DayStatus::Uncovered,
                (false, true) => DayStatus::Covered,
                (false, false) => DayStatus::NoData,
            };
            rows.push(TripDay {
                date,
                weekday: chrono::Datelike::weekday(&date),
                country: leg.country.clone(),
                service,
                status,
            });
        }
    }
    // Stable: the legs' order stays within a day.
    rows.sort_by_key(|row| row.date);
    rows
}

/// The data left at the end of `date` on `sim` from `plan`, whose service began on `start`.
fn forecast(
    state: &State,
    sim: SimId,
    plan: PlanId,
    start: Option<NaiveDate>,
    date: NaiveDate,
) -> DataForecast {
    let (Some(plan), Some(daily), Some(start)) = (
        state.plan(plan),
        state.sim(sim).and_then(|sim| sim.daily_use_mb),
        start,
    ) else {
        return DataForecast::Unknown;
    };
    match plan.data {
        DataAllowance::Unlimited => DataForecast::Unlimited,
        DataAllowance::Megabytes(_) if daily == 0 => DataForecast::Unknown,
        DataAllowance::Megabytes(mb) => {
            let days_used = days_between(start, date).map_or(0, |days| u64::from(days) + 1);
            mb.checked_sub(u64::from(daily).saturating_mul(days_used))
                .map_or(DataForecast::RunOut, |mb| DataForecast::Left { mb })
        }
    }
}
