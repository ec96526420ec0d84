//! Costs: what the renewals cost per month and currency, and in the base currency.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::State;

/// The total of one currency's renewals in one month (of their `on` day).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthCost {
    /// `YYYY-MM`.
    pub month: String,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// One month's total in `base_currency`; currencies with no rate are in `missing`, not the sum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseMonthCost {
    pub month: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub missing: Vec<String>,
}

/// "Costs": a renewal costs its plan's price on its `on` day; totals per month and currency,
/// sorted by month then currency.
pub fn costs(state: &State) -> Vec<MonthCost> {
    let mut totals: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for renewal in &state.renewals {
        let Some(plan) = state.plan(renewal.plan) else {
            continue;
        };
        let month = renewal.on.format("%Y-%m").to_string();
        let total = totals
            .entry((month, plan.price.currency.clone()))
            .or_default();
        *total = total.saturating_add(plan.price.amount);
    }
    totals
        .into_iter()
        .map(|((month, currency), amount)| MonthCost {
            month,
            currency,
            amount,
        })
        .collect()
}

/// Per month, the sum of `costs` in `settings.base_currency` using `settings.rates`
/// (empty when no base currency is set).
pub fn base_costs(state: &State, costs: &[MonthCost]) -> Vec<BaseMonthCost> {
    let Some(base) = state.settings.base_currency.as_deref() else {
        return Vec::new();
    };
    let mut months: BTreeMap<&str, (Decimal, BTreeSet<String>)> = BTreeMap::new();
    for cost in costs {
        let (sum, missing) = months.entry(cost.month.as_str()).or_default();
        match rate_to_base(state, base, &cost.currency) {
            Some(rate) => *sum = sum.saturating_add(cost.amount.saturating_mul(rate)),
            None => {
                missing.insert(cost.currency.clone());
            }
        }
    }
    months
        .into_iter()
        .map(|(month, (amount, missing))| BaseMonthCost {
            month: month.to_owned(),
            amount,
            missing: missing.into_iter().collect(),
        })
        .collect()
}

/// How many units of `base` one unit of `currency` is worth, if known.
pub(crate) fn rate_to_base(state: &State, base: &str, currency: &str) -> Option<Decimal> {
    if currency.eq_ignore_ascii_case(base) {
        return Some(Decimal::ONE);
    }
    state.settings.rates.get(currency).map(|rate| rate.0)
}
