//! What the costs view charts: spending per month and SIM in the base currency, and what a
//! trip costs. The per-currency table is [`super::costs`].

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::agenda::Agenda;
use super::costs::rate_to_base;
use super::coverage::sim_covers_on;
use crate::model::{Money, RenewalId, SimId, State, Trip, TripId, minor_digits};

/// One month's bar of the spending chart, stacked by SIM ("Costs": a renewal costs its plan's
/// price on its `on` day).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthSpending {
    /// `YYYY-MM`.
    pub month: String,
    /// Per SIM with a renewal that month (file order), the sum in the base currency of its
    /// renewals whose currency has a rate.
    pub by_sim: Vec<SimSpending>,
    /// The sum of `by_sim`.
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// Currencies of renewals that month with no rate to the base currency; their amounts are
    /// in no sum, so the month is marked.
    pub missing: Vec<String>,
}

/// One SIM's part of a month's bar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SimSpending {
    pub sim: SimId,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// Per month with a renewal (in order), the spending of each SIM in `settings.base_currency`
/// through `settings.rates`. Empty when no base currency is set: only the per-currency table
/// ([`super::costs`]) can be shown then.
pub fn monthly_spending(state: &State) -> Vec<MonthSpending> {
    let Some(base) = state.settings.base_currency.as_deref() else {
        return Vec::new();
    };
    let mut months: BTreeMap<String, (BTreeMap<usize, Decimal>, BTreeSet<String>)> =
        BTreeMap::new();
    for renewal in &state.renewals {
        let (Some(plan), Some(sim_index)) = (
            state.plan(renewal.plan),
            state.sims.iter().position(|sim| sim.id == renewal.sim),
        ) else {
            continue;
        };
        let (by_sim, missing) = months
            .entry(renewal.on.format("%Y-%m").to_string())
            .or_default();
        match rate_to_base(state, base, &plan.price.currency) {
            Some(rate) => {
                let amount = by_sim.entry(sim_index).or_default();
                *amount = amount.saturating_add(plan.price.amount.saturating_mul(rate));
            }
            None => {
                missing.insert(plan.price.currency.clone());
            }
        }
    }
    months
        .into_iter()
        .map(|(month, (by_sim, missing))| {
            let by_sim: Vec<SimSpending> = by_sim
                .into_iter()
                .filter_map(|(index, amount)| {
                    Some(SimSpending {
                        sim: state.sims.get(index)?.id,
                        amount,
                    })
                })
                .collect();
            MonthSpending {
                month,
                total: by_sim
                    .iter()
                    .fold(Decimal::ZERO, |sum, sim| sum.saturating_add(sim.amount)),
                by_sim,
                missing: missing.into_iter().collect(),
            }
        })
        .collect()
}

/// What a trip costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TripCost {
    pub trip: TripId,
    /// The renewals that pay for the trip: those whose service gives at least one (day,
    /// country) of it (the SIM has service that day from that renewal, through a plan that
    /// works in the country), in file order. Each counts at its whole price.
    pub renewals: Vec<RenewalId>,
    /// Their prices summed per currency, by currency code.
    pub by_currency: Vec<Money>,
    /// Their sum in the base currency, of those whose currency has a rate; `None` with no base
    /// currency.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    /// Currencies among them with no rate (not in `total`).
    pub missing: Vec<String>,
    /// Trip days on which every country the trip is in that day is covered.
    pub covered_days: u32,
    /// `total / covered_days`, rounded half away from zero to the base currency's digits (an
    /// average, not a price); `None` when there is no total, a currency is missing from it, or
    /// no day is covered.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub per_covered_day: Option<Decimal>,
}

/// The cost of `trip` by the schedule in `agenda` (computed on `state`).
pub fn trip_cost(state: &State, agenda: &Agenda, trip: &Trip) -> TripCost {
    let mut paying: BTreeSet<RenewalId> = BTreeSet::new();
    let mut days: BTreeMap<chrono::NaiveDate, bool> = BTreeMap::new();
    for leg in &trip.legs {
        for date in leg.from.iter_days().take_while(|day| *day <= leg.to) {
            let mut covered = false;
            for schedule in &agenda.sims {
                if !sim_covers_on(state, schedule, date, &leg.country) {
                    continue;
                }
                covered = true;
                if let Some(renewal) = schedule.segment_on(date).and_then(|s| s.renewal) {
                    paying.insert(renewal);
                }
            }
            let all_so_far = days.entry(date).or_insert(true);
            *all_so_far &= covered;
        }
    }
    let renewals: Vec<RenewalId> = state
        .renewals
        .iter()
        .filter(|renewal| paying.contains(&renewal.id))
        .map(|renewal| renewal.id)
        .collect();

    let mut by_currency: BTreeMap<String, Decimal> = BTreeMap::new();
    for plan in renewals
        .iter()
        .filter_map(|id| state.renewal(*id))
        .filter_map(|renewal| state.plan(renewal.plan))
    {
        let sum = by_currency.entry(plan.price.currency.clone()).or_default();
        *sum = sum.saturating_add(plan.price.amount);
    }
    let base = state.settings.base_currency.as_deref();
    let mut missing = Vec::new();
    let total = base.map(|base| {
        let mut total = Decimal::ZERO;
        for (currency, amount) in &by_currency {
            if let Some(rate) = rate_to_base(state, base, currency) {
                total = total.saturating_add(amount.saturating_mul(rate));
            } else {
                missing.push(currency.clone());
            }
        }
        total
    });
    let covered_days = days.values().filter(|covered| **covered).count() as u32;
    let per_covered_day = match (total, base) {
        (Some(total), Some(base)) if missing.is_empty() && covered_days > 0 => total
            .checked_div(Decimal::from(covered_days))
            .map(|average| {
                average.round_dp_with_strategy(
                    minor_digits(base),
                    RoundingStrategy::MidpointAwayFromZero,
                )
            }),
        _ => None,
    };
    TripCost {
        trip: trip.id,
        renewals,
        by_currency: by_currency
            .into_iter()
            .map(|(currency, amount)| Money { amount, currency })
            .collect(),
        total,
        missing,
        covered_days,
        per_covered_day,
    }
}
