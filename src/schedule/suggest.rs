//! Suggestions: the cheapest set of plan purchases that covers a trip's uncovered days.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::agenda::Agenda;
use super::costs::rate_to_base;
use super::coverage::UncoveredDay;
use super::dates::plan_end;
use crate::model::{Money, Plan, PlanId, RenewalRule, Sim, SimId, State};

/// One plan purchase to add as a Planned renewal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub sim: SimId,
    pub plan: PlanId,
    pub on: NaiveDate,
    pub price: Money,
    /// The uncovered (day, country) this purchase covers.
    pub covers: Vec<UncoveredDay>,
}

/// "Suggestions": for the uncovered trip days in `agenda`, a cheap set of purchases (over SIMs and
/// the plans each may take that cover the country) that covers as many of them as can be.
///
/// Choosing the cheapest set is a weighted set cover; this picks, again and again, the purchase
/// with the lowest price per newly covered day (the classic greedy rule, within a factor of
/// ln(n) of the optimum and exact for the usual single-country trip). Prices compare in the base
/// currency where a rate is known, else as they are. A purchase starts on an uncovered day on
/// which its SIM has no service (or, for a `Restart` SIM, on any day, since it starts at once).
pub fn suggestions(state: &State, agenda: &Agenda) -> Vec<Suggestion> {
    let mut remaining: BTreeSet<(NaiveDate, String)> = agenda
        .trips
        .iter()
        .flat_map(|trip| trip.uncovered.iter())
        .map(|day| (day.date, day.country.clone()))
        .collect();
    let start_days: BTreeSet<NaiveDate> = remaining.iter().map(|(day, _)| *day).collect();

    let mut candidates = Vec::new();
    for sim in &state.sims {
        let Some(schedule) = agenda.sim(sim.id) else {
            continue;
        };
        for plan in state.plans.iter().filter(|plan| State::can_take(sim, plan)) {
            for &on in &start_days {
                if sim.rule == RenewalRule::Restart || !schedule.has_service(on) {
                    candidates.push(Candidate {
                        sim,
                        plan,
                        on,
                        end: plan_end(plan.validity, on),
                    });
                }
            }
        }
    }

    let mut chosen = Vec::new();
    while !remaining.is_empty() {
        let best = candidates
            .iter()
            .filter_map(|candidate| {
                let covered = candidate.covered(&remaining);
                (!covered.is_empty()).then(|| {
                    let cost = comparable_price(state, candidate.plan);
                    let count = Decimal::from(covered.len());
                    (cost.checked_div(count).unwrap_or(cost), candidate, covered)
                })
            })
            .min_by(|a, b| a.0.cmp(&b.0).then(b.2.len().cmp(&a.2.len())));
        let Some((_, candidate, covered)) = best else {
            break;
        };
        for item in &covered {
            remaining.remove(item);
        }
        chosen.push(Suggestion {
            sim: candidate.sim.id,
            plan: candidate.plan.id,
            on: candidate.on,
            price: candidate.plan.price.clone(),
            covers: covered
                .into_iter()
                .map(|(date, country)| UncoveredDay { date, country })
                .collect(),
        });
    }
    chosen.sort_by_key(|suggestion| (suggestion.on, suggestion.sim, suggestion.plan));
    chosen
}

struct Candidate<'a> {
    sim: &'a Sim,
    plan: &'a Plan,
    on: NaiveDate,
    end: NaiveDate,
}

impl Candidate<'_> {
    /// The remaining (day, country) pairs this purchase would cover.
    fn covered(&self, remaining: &BTreeSet<(NaiveDate, String)>) -> Vec<(NaiveDate, String)> {
        let coverage = if self.plan.coverage.is_empty() {
            &self.sim.coverage
        } else {
            &self.plan.coverage
        };
        remaining
            .range((self.on, String::new())..)
            .take_while(|(day, _)| *day <= self.end)
            .filter(|(_, country)| {
                coverage
                    .iter()
                    .any(|code| code.eq_ignore_ascii_case(country))
            })
            .cloned()
            .collect()
    }
}

/// The plan's price in the base currency where a rate is known, else as it is.
fn comparable_price(state: &State, plan: &Plan) -> Decimal {
    state
        .settings
        .base_currency
        .as_deref()
        .and_then(|base| rate_to_base(state, base, &plan.price.currency))
        .map_or(plan.price.amount, |rate| {
            plan.price.amount.saturating_mul(rate)
        })
}
