//! The cover as the real schedule sees it: the purchases added as renewals, `sim_schedule` run
//! again, and for each trip (day, country) which purchase serves it, or why nothing does.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::pricing::Pricing;
pub(super) use super::search::Searched;
use super::{DayCountry, Purchase, TripCover, Uncoverable, UncoverableReason};
use crate::model::{RenewalId, State, Trip};
use crate::schedule::{SimSchedule, sim_covers_on, sim_schedule};

/// The [`TripCover`] of `searched`, checked against the schedule re-run with its purchases.
pub(super) fn report(
    state: &State,
    trip: &Trip,
    today: NaiveDate,
    pricing: &Pricing,
    searched: &Searched,
) -> TripCover {
    let mut purchases: Vec<Purchase> = searched
        .bought
        .iter()
        .filter_map(|&(sim, plan, on, cost)| {
            Some(Purchase {
                sim,
                plan,
                on,
                price: state.plan(plan)?.price.clone(),
                cost,
                covers: Vec::new(),
            })
        })
        .collect();
    // Stable: two purchases for one SIM on one day keep the order they apply in.
    purchases.sort_by_key(|purchase| (purchase.on, purchase.sim));
    let mut cover = TripCover {
        trip: trip.id,
        today,
        currency: pricing.currency.clone(),
        total: purchases
            .iter()
            .fold(rust_decimal::Decimal::ZERO, |sum, p| {
                sum.saturating_add(p.cost)
            }),
        purchases,
        optimal: searched.complete,
        uncoverable: Vec::new(),
        left_out: pricing.left_out.clone(),
    };

    let with = cover.applied_to(state);
    let ours: HashMap<RenewalId, usize> = cover
        .renewals(state)
        .iter()
        .enumerate()
        .map(|(index, renewal)| (renewal.id, index))
        .collect();
    let schedules: Vec<SimSchedule> = with
        .sims
        .iter()
        .map(|sim| {
            sim_schedule(
                sim,
                &with.renewals,
                |id| with.plan(id),
                with.settings.lead_days,
                today,
            )
        })
        .collect();

    let mut uncovered_coverable = 0;
    for pair in trip_pairs(trip) {
        let mut served = false;
        for schedule in &schedules {
            if !sim_covers_on(&with, schedule, pair.date, &pair.country) {
                continue;
            }
            served = true;
            let purchase = schedule
                .segment_on(pair.date)
                .and_then(|segment| segment.renewal)
                .and_then(|id| ours.get(&id))
                .and_then(|&index| cover.purchases.get_mut(index));
            if let Some(purchase) = purchase {
                purchase.covers.push(pair.clone());
            }
        }
        if served {
            continue;
        }
        let key = (pair.date, pair.country.to_ascii_uppercase());
        let reason = if pair.date < today {
            UncoverableReason::BeforeToday
        } else if searched.coverable.contains(&key) {
            uncovered_coverable += 1;
            UncoverableReason::Conflict
        } else if searched.priced_countries.contains(&key.1) {
            UncoverableReason::Blocked
        } else {
            unpriced_reason(state, pricing, &pair.country)
        };
        cover.uncoverable.push(Uncoverable {
            date: pair.date,
            country: pair.country,
            reason,
        });
    }
    // The search's own account must agree with the schedule; if it ever does not, the cover is
    // still what the schedule says, but nothing proves it best.
    debug_assert_eq!(uncovered_coverable, searched.uncovered);
    if uncovered_coverable != searched.uncovered {
        cover.optimal = false;
    }
    cover
}

/// Every (day, country) of the trip once, by day then country.
pub(super) fn trip_pairs(trip: &Trip) -> Vec<DayCountry> {
    let mut seen = BTreeSet::new();
    let mut pairs = Vec::new();
    for leg in &trip.legs {
        let days = leg.from.iter_days().take_while(|day| *day <= leg.to);
        for date in days {
            if seen.insert((date, leg.country.to_ascii_uppercase())) {
                pairs.push(DayCountry {
                    date,
                    country: leg.country.clone(),
                });
            }
        }
    }
    pairs.sort();
    pairs
}

/// Why nothing works in `country`: only plans left out for their price, or no plan at all.
fn unpriced_reason(state: &State, pricing: &Pricing, country: &str) -> UncoverableReason {
    let currencies: BTreeSet<String> = pricing
        .left_out
        .iter()
        .filter_map(|left_out| state.plan(left_out.plan))
        .filter(|plan| {
            state.sims.iter().any(|sim| {
                State::can_take(sim, plan)
                    && plan
                        .coverage_for(sim)
                        .iter()
                        .any(|code| code.eq_ignore_ascii_case(country))
            })
        })
        .map(|plan| plan.price.currency.clone())
        .collect();
    if currencies.is_empty() {
        UncoverableReason::NoPlan
    } else {
        UncoverableReason::OnlyUnpricedPlans {
            currencies: currencies.into_iter().collect(),
        }
    }
}
