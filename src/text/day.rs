//! A day's facts as sentences: the day panel's lines and the calendars' tooltips.

use rust_i18n::t;

use crate::model::{RenewalId, SimId, State};
use crate::schedule::DayFact;

/// One fact of a day as a sentence, in the state's language.
pub fn day_fact_sentence(state: &State, fact: &DayFact) -> String {
    let sim = |id: &SimId| state.sim(*id).map_or("?", |sim| sim.name.as_str());
    let plan_of = |id: &RenewalId| {
        state
            .renewal(*id)
            .and_then(|renewal| state.plan(renewal.plan))
            .map_or("?", |plan| plan.name.as_str())
    };
    match fact {
        DayFact::Renewal {
            sim: id,
            plan,
            paid,
            overdue,
            ..
        } => {
            let plan = state.plan(*plan).map_or("?", |plan| plan.name.as_str());
            let status = if *overdue {
                t!("day.overdue")
            } else if *paid {
                t!("day.paid")
            } else {
                t!("day.planned")
            };
            t!("day.renewal", sim = sim(id), plan = plan, status = status)
        }
        DayFact::Service {
            sim: id,
            plan,
            until,
        } => {
            if let Some(plan) = plan.and_then(|plan| state.plan(plan)) {
                t!(
                    "day.service_plan",
                    sim = sim(id),
                    plan = plan.name.as_str(),
                    until = until.to_string()
                )
            } else {
                t!("day.service_own", sim = sim(id), until = until.to_string())
            }
        }
        DayFact::Expires { sim: id } => t!("day.expires", sim = sim(id)),
        DayFact::RenewBy { sim: id, expires } => {
            t!("day.renew_by", sim = sim(id), expires = expires.to_string())
        }
        DayFact::Gap { sim: id, range } => t!(
            "day.gap",
            sim = sim(id),
            from = range.start.to_string(),
            to = range.end.to_string()
        ),
        DayFact::Lost {
            sim: id,
            renewal,
            range,
        } => t!(
            "day.lost",
            sim = sim(id),
            plan = plan_of(renewal),
            from = range.start.to_string(),
            to = range.end.to_string()
        ),
        DayFact::NoData {
            sim: id,
            renewal,
            range,
        } => t!(
            "day.no_data",
            sim = sim(id),
            plan = plan_of(renewal),
            from = range.start.to_string(),
            to = range.end.to_string()
        ),
        DayFact::KeepAlive { sim: id } => t!("day.keep_alive", sim = sim(id)),
        DayFact::Trip {
            trip,
            country,
            covered,
        } => {
            let trip = state.trip(*trip).map_or("?", |trip| trip.name.as_str());
            if *covered {
                t!("day.trip_covered", trip = trip, country = country.as_str())
            } else {
                t!(
                    "day.trip_uncovered",
                    trip = trip,
                    country = country.as_str()
                )
            }
        }
    }
    .into_owned()
}
