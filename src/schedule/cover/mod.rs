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

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Money, PlanId, Renewal, RenewalStatus, SimId, State, TripId};

pub use model::MAX_COVER_DAYS;

/// The time budget the window and the CLI give [`cover_trip`] (the 2 s).
pub const COVER_BUDGET: Duration = Duration::from_secs(2);

/// The cheapest way to cover a trip, as [`cover_trip`] found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TripCover {
    pub trip: TripId,
    /// The day the cover was worked out for: no purchase is before it.
    pub today: NaiveDate,
    /// The currency prices were compared and summed in: `settings.base_currency`, or with no
    /// base currency the one currency every candidate plan is priced in. `None` when there is
    /// nothing to compare (no candidate plan, or plans in several currencies and no base).
    pub currency: Option<String>,
    /// In the order they apply: by day, then SIM, then the order they were bought in.
    pub purchases: Vec<Purchase>,
    /// The sum of the purchases' prices in [`TripCover::currency`].
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// Whether the search finished: the cover is proven to cost the least there is. `false`
    /// when the time budget ran out first; the cover is then the best found.
    pub optimal: bool,
    /// Every (day, country) of the trip that is still uncovered with the purchases, and why.
    pub uncoverable: Vec<Uncoverable>,
    /// Plans that would be candidates but whose price cannot be compared.
    pub left_out: Vec<LeftOutPlan>,
}

/// One plan to buy for one SIM on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Purchase {
    pub sim: SimId,
    pub plan: PlanId,
    pub on: NaiveDate,
    pub price: Money,
    /// The price in [`TripCover::currency`].
    #[serde(with = "rust_decimal::serde::str")]
    pub cost: Decimal,
    /// The trip's (day, country) pairs this purchase gives service for, once all are added.
    pub covers: Vec<DayCountry>,
}

/// A day of a trip in one country.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DayCountry {
    pub date: NaiveDate,
    pub country: String,
}

/// A (day, country) of the trip the cover leaves uncovered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Uncoverable {
    pub date: NaiveDate,
    pub country: String,
    pub reason: UncoverableReason,
}

/// Why a (day, country) stays uncovered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum UncoverableReason {
    /// The day is before today: nothing bought now gives service on it.
    BeforeToday,
    /// No SIM may take a plan that works in the country.
    NoPlan,
    /// Only plans whose price cannot be compared (see [`TripCover::left_out`]) work there.
    OnlyUnpricedPlans { currencies: Vec<String> },
    /// Plans work there, but under the SIMs' rules none bought on or after today can give
    /// service that day (an `Extend` or `LaterOf` SIM already has service then, from a plan that
    /// does not work in the country, and its rule keeps days already had).
    Blocked,
    /// The day could be covered on its own, but not together with the other days: covering it
    /// would uncover more (a `Restart` throws days away, one SIM has one plan a day).
    Conflict,
}

/// A plan left out of the search because its price cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeftOutPlan {
    pub plan: PlanId,
    pub currency: String,
    pub reason: LeftOutReason,
}

/// Why a plan's price cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum LeftOutReason {
    /// `settings.rates` has no rate from the plan's currency to the base currency.
    NoRate { base: String },
    /// No base currency is set and the candidate plans are priced in several currencies.
    NoBaseCurrency { currencies: Vec<String> },
}

/// Why no cover can be worked out at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CoverError {
    #[error("there is no trip with id {0}")]
    UnknownTrip(TripId),
    /// Bounded time and memory: the search walks every day from today to the trip's end.
    #[error(
        "the trip ends {days} days from today; a cover is worked out for trips ending within \
         {MAX_COVER_DAYS} days. Try again nearer the time"
    )]
    TooFarAhead { days: i64 },
    /// Countries are bits of a 64-bit word in the search.
    #[error("the trip visits {0} countries; a cover is worked out for at most 64")]
    TooManyCountries(usize),
}

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

impl TripCover {
    /// The purchases as `Planned` renewals with fresh ids after `state`'s, in the order they
    /// apply (the order matters when one SIM gets two on one day).
    pub fn renewals(&self, state: &State) -> Vec<Renewal> {
        let first = state.next_renewal_id().0;
        self.purchases
            .iter()
            .zip(first..)
            .map(|(purchase, id)| Renewal {
                id: crate::model::RenewalId(id),
                sim: purchase.sim,
                plan: purchase.plan,
                on: purchase.on,
                status: RenewalStatus::Planned,
            })
            .collect()
    }

    /// `state` with the purchases added as `Planned` renewals ([`TripCover::renewals`]).
    pub fn applied_to(&self, state: &State) -> State {
        let mut with = state.clone();
        let renewals = self.renewals(state);
        with.renewals.extend(renewals);
        with
    }
}
