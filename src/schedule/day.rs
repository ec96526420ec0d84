//! One day, as the schedule sees it: every renewal, expiry, renew-by date, gap, lost day,
//! no-data day and trip leg on it. The window's day panel lists these, and the calendars'
//! tooltips say them, so neither works a rule out for itself.

use chrono::NaiveDate;

use super::agenda::Agenda;
use super::dates::DateRange;
use super::sim_schedule::SimSchedule;
use crate::model::{PlanId, RenewalId, SimId, State, TripId};

/// Something the schedule says about a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayFact {
    /// A renewal bought this day.
    Renewal {
        sim: SimId,
        renewal: RenewalId,
        plan: PlanId,
        paid: bool,
        overdue: bool,
    },
    /// The SIM has service this day, from `plan` (`None`: the period it already had).
    Service {
        sim: SimId,
        plan: Option<PlanId>,
        /// The last day of the run of service this day is in.
        until: NaiveDate,
    },
    /// The last day of a run of service.
    Expires { sim: SimId },
    /// Renew by this day so that service does not lapse after `expires`.
    RenewBy { sim: SimId, expires: NaiveDate },
    /// A day without service between two periods.
    Gap { sim: SimId, range: DateRange },
    /// A day of service that `renewal` throws away.
    Lost {
        sim: SimId,
        renewal: RenewalId,
        range: DateRange,
    },
    /// A day of service without data left (at the expected use).
    NoData {
        sim: SimId,
        renewal: RenewalId,
        range: DateRange,
    },
    /// The number may be recycled after this day without a renewal.
    KeepAlive { sim: SimId },
    /// A trip day in `country`, and whether some SIM covers it.
    Trip {
        trip: TripId,
        country: String,
        covered: bool,
    },
}

impl DayFact {
    /// The SIM the fact is about, if it is about one.
    pub fn sim(&self) -> Option<SimId> {
        match self {
            Self::Renewal { sim, .. }
            | Self::Service { sim, .. }
            | Self::Expires { sim }
            | Self::RenewBy { sim, .. }
            | Self::Gap { sim, .. }
            | Self::Lost { sim, .. }
            | Self::NoData { sim, .. }
            | Self::KeepAlive { sim } => Some(*sim),
            Self::Trip { .. } => None,
        }
    }
}

/// Everything on `day`: per SIM in the agenda's order (renewals, service, expiry, renew-by,
/// gap, lost and no-data days, keep-alive), then the trips' legs.
pub fn day_facts(state: &State, agenda: &Agenda, day: NaiveDate) -> Vec<DayFact> {
    let mut facts: Vec<DayFact> = agenda
        .sims
        .iter()
        .flat_map(|schedule| sim_day_facts(schedule, day))
        .collect();
    for (trip, coverage) in state.trips.iter().zip(&agenda.trips) {
        for leg in trip
            .legs
            .iter()
            .filter(|leg| leg.from <= day && day <= leg.to)
        {
            let covered = !coverage
                .uncovered
                .iter()
                .any(|u| u.date == day && u.country == leg.country);
            facts.push(DayFact::Trip {
                trip: trip.id,
                country: leg.country.clone(),
                covered,
            });
        }
    }
    facts
}

/// What one SIM's schedule says about `day` (the timeline's tooltip for its row).
pub fn sim_day_facts(schedule: &SimSchedule, day: NaiveDate) -> Vec<DayFact> {
    let sim = schedule.id;
    let mut facts = Vec::new();
    for applied in schedule.renewals_between(day, day) {
        facts.push(DayFact::Renewal {
            sim,
            renewal: applied.id,
            plan: applied.plan,
            paid: applied.status.is_paid(),
            overdue: applied.overdue,
        });
    }
    if let Some(segment) = schedule.segment_on(day) {
        let until = schedule
            .service
            .iter()
            .find(|run| run.contains(day))
            .map_or(segment.end, |run| run.end);
        facts.push(DayFact::Service {
            sim,
            plan: segment.plan,
            until,
        });
    }
    if schedule.service.iter().any(|run| run.end == day) {
        facts.push(DayFact::Expires { sim });
    }
    for renew_by in schedule.renew_by.iter().filter(|r| r.date == day) {
        facts.push(DayFact::RenewBy {
            sim,
            expires: renew_by.expires,
        });
    }
    for gap in schedule.gaps.iter().filter(|gap| gap.contains(day)) {
        facts.push(DayFact::Gap { sim, range: *gap });
    }
    for applied in &schedule.renewals {
        if let Some(range) = applied.lost.filter(|range| range.contains(day)) {
            facts.push(DayFact::Lost {
                sim,
                renewal: applied.id,
                range,
            });
        }
        if let Some(range) = applied.without_data.filter(|range| range.contains(day)) {
            facts.push(DayFact::NoData {
                sim,
                renewal: applied.id,
                range,
            });
        }
    }
    if schedule.keep_alive_deadline == Some(day) {
        facts.push(DayFact::KeepAlive { sim });
    }
    facts
}
