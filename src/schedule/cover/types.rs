//! What a trip cover is: the purchases, what they cover and what stays uncovered, and why.

use std::time::Duration;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Money, PlanId, Renewal, RenewalStatus, SimId, State, TripId};

/// The longest stretch from today to a trip's last day that [`super::cover_trip`] works on
/// (about ten years, as for exports): the search walks every day of it.
pub const MAX_COVER_DAYS: i64 = 3660;

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

/// Consecutive uncoverable days in one country for one reason, said once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UncoverableRun<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub country: &'a str,
    pub reason: &'a UncoverableReason,
}

impl TripCover {
    /// [`TripCover::uncoverable`] as runs of consecutive days with the same country and
    /// reason, earliest first.
    pub fn uncoverable_runs(&self) -> Vec<UncoverableRun<'_>> {
        let mut days: Vec<&Uncoverable> = self.uncoverable.iter().collect();
        days.sort_by(|a, b| (&a.country, a.date).cmp(&(&b.country, b.date)));
        let mut runs: Vec<UncoverableRun<'_>> = Vec::new();
        for day in days {
            if let Some(run) = runs.last_mut()
                && run.country == day.country
                && *run.reason == day.reason
                && run.to.succ_opt() == Some(day.date)
            {
                run.to = day.date;
                continue;
            }
            runs.push(UncoverableRun {
                from: day.date,
                to: day.date,
                country: &day.country,
                reason: &day.reason,
            });
        }
        runs.sort_by_key(|run| run.from);
        runs
    }

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
