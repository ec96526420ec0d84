//! What the trip cover compares prices in, and which plans it must leave out.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::Decimal;

use super::{LeftOutPlan, LeftOutReason};
use crate::model::{Plan, PlanId, State, Trip};
use crate::schedule::costs::rate_to_base;

/// The comparable price of every candidate plan, in one currency.
pub(super) struct Pricing {
    /// The currency of [`Pricing::price`]; `None` when nothing can be compared.
    pub currency: Option<String>,
    prices: HashMap<PlanId, Decimal>,
    pub left_out: Vec<LeftOutPlan>,
}

impl Pricing {
    /// The price of `plan` in [`Pricing::currency`], or `None` when it is left out.
    pub fn price(&self, plan: PlanId) -> Option<Decimal> {
        self.prices.get(&plan).copied()
    }
}

/// Whether `plan` could be bought for some SIM of `state` and work in a country of `trip`:
/// the plans whose price matters to the cover.
pub(super) fn is_candidate(state: &State, trip: &Trip, plan: &Plan) -> bool {
    state.sims.iter().any(|sim| {
        State::can_take(sim, plan)
            && plan.coverage_for(sim).iter().any(|code| {
                trip.legs
                    .iter()
                    .any(|leg| leg.country.eq_ignore_ascii_case(code))
            })
    })
}

/// Prices in `settings.base_currency` through `settings.rates`, a plan without a rate left out
/// ("Suggestions"). With no base currency: as they are when every candidate plan has one
/// currency; otherwise nothing compares, and every candidate plan is left out.
pub(super) fn pricing(state: &State, trip: &Trip) -> Pricing {
    let candidates: Vec<&Plan> = state
        .plans
        .iter()
        .filter(|plan| is_candidate(state, trip, plan))
        .collect();
    let mut prices = HashMap::new();
    let mut left_out = Vec::new();
    let currency = if let Some(base) = state.settings.base_currency.as_deref() {
        for plan in &candidates {
            match rate_to_base(state, base, &plan.price.currency) {
                Some(rate) => {
                    prices.insert(plan.id, plan.price.amount.saturating_mul(rate));
                }
                None => left_out.push(LeftOutPlan {
                    plan: plan.id,
                    currency: plan.price.currency.clone(),
                    reason: LeftOutReason::NoRate {
                        base: base.to_owned(),
                    },
                }),
            }
        }
        Some(base.to_owned())
    } else {
        let currencies: BTreeSet<String> = candidates
            .iter()
            .map(|plan| plan.price.currency.to_ascii_uppercase())
            .collect();
        if currencies.len() <= 1 {
            for plan in &candidates {
                prices.insert(plan.id, plan.price.amount);
            }
            candidates.first().map(|plan| plan.price.currency.clone())
        } else {
            let currencies: Vec<String> = currencies.into_iter().collect();
            left_out = candidates
                .iter()
                .map(|plan| LeftOutPlan {
                    plan: plan.id,
                    currency: plan.price.currency.clone(),
                    reason: LeftOutReason::NoBaseCurrency {
                        currencies: currencies.clone(),
                    },
                })
                .collect();
            None
        }
    };
    Pricing {
        currency,
        prices,
        left_out,
    }
}
