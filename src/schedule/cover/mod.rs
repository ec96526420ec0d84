//! "Suggestions" (DESIGN.md): the cheapest set of plan purchases that covers a trip, found by an
//! exact search and checked by re-running the schedule.
//!
//! The problem is interval covering with rules (the "parking permit problem" with several
//! SIMs, countries and `Extend`/`Restart`/`LaterOf`): [`cover_trip`] returns a cover of minimum
//! total cost whenever one exists, or, past its time budget, the best cover found with
//! [`TripCover::optimal`] `false`. How the search works and why it is exact is in
//! `search.rs`; the candidate days and why they suffice are in `options.rs`.
//!
//! - `pricing.rs`: the currency prices are compared in, and the plans left out for want of a rate.
//! - `model.rs`: the trip, the SIMs and the plans as small numbers (days from today, country bits).
//! - `options.rs`: the purchases worth trying on one day for one SIM.
//! - `search.rs`: the branch and bound over days.
//! - `report.rs`: the purchases applied to the real schedule, what they cover, and why a day
//!   cannot be covered.

mod engine;
mod model;
mod options;
mod pricing;
mod report;
mod search;
mod types;

use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::model::{State, TripId};

pub use types::{
    COVER_BUDGET, CoverError, DayCountry, LeftOutPlan, LeftOutReason, MAX_COVER_DAYS, Purchase,
    TripCover, Uncoverable, UncoverableReason, UncoverableRun,
};

/// "Suggestions" (DESIGN.md): for trip `trip`, a set of plan purchases of minimum total cost
/// that leaves no coverable (day, country) uncovered when added as `Planned` renewals and the
/// schedule is re-run under each SIM's rule.
///
/// - Candidates: each SIM with each plan it may take ("Who can take a plan") whose coverage for
///   that SIM ([`crate::model::Plan::coverage_for`]) has a country of the trip, bought on a day
///   from `today` through the trip's last day. A purchase's effect is worked out under its SIM's
///   rule: `Extend` stacks after the validity it already has, `Restart` throws days away (which
///   can uncover a later trip day), `LaterOf` keeps the later end; renewals already in the state
///   stay and apply in date order, before the purchases of the same day.
/// - Costs compare in `settings.base_currency` through `settings.rates`; a plan whose currency
///   has no rate is left out and listed in [`TripCover::left_out`]. With no base currency, the
///   prices compare as they are when every candidate plan has one currency; with several, no
///   price can be compared, every plan is left out and the days are listed as
///   [`UncoverableReason::OnlyUnpricedPlans`]: set a base currency.
/// - The objective: as many of the trip's (day, country) covered as can be, then the least total
///   cost, then the fewest purchases. When every coverable day can be covered together (the
///   usual case) this is exactly the cheapest full cover.
/// - Of covers that tie, the first found: the search tries buying nothing before buying on a
///   day with no trip country left to serve, so purchases come as late as they can.
/// - The search is exact (see `search.rs`). Past `budget` it stops and returns the best cover
///   found with `optimal: false`; with no time at all that is buying nothing.
///
/// The cover returned has been checked by adding its purchases to `state` and re-running
/// [`crate::schedule::sim_schedule`]: [`Purchase::covers`] and [`TripCover::uncoverable`] are
/// what that schedule says.
pub fn cover_trip(
    state: &State,
    trip: TripId,
    today: NaiveDate,
    budget: Duration,
) -> Result<TripCover, CoverError> {
    let deadline = Instant::now().checked_add(budget);
    let trip = state.trip(trip).ok_or(CoverError::UnknownTrip(trip))?;
    let pricing = pricing::pricing(state, trip);
    let Some(model) = model::Model::build(state, trip, today, &pricing)? else {
        // No day of the trip is today or later: nothing bought now can change it.
        return Ok(report::report(
            state,
            trip,
            today,
            &pricing,
            &report::Searched::nothing(),
        ));
    };
    let searched = search::solve(&model, deadline);
    Ok(report::report(state, trip, today, &pricing, &searched))
}
