//! The exact search for a cheapest trip cover, in three steps:
//!
//! 1. **Which pairs can be covered at all.** A (day, country) is coverable when the schedule as
//!    it is serves it, or when one SIM alone can be made to serve it: a `Restart` SIM by buying a
//!    plan that works there on that very day, any other by a small search of that SIM alone up to
//!    that day (an `Extend` SIM may need several purchases, or to push a renewal already planned).
//!    The others are reported with their reason and left out of the rest.
//! 2. **A lower bound** per coverable pair that the schedule as it is leaves unserved: a cover
//!    must buy a plan whose run holds it, or have a renewal already in the state serve it. A
//!    purchase of plan `p` for SIM `s` serves at most `cap(s, p)` such pairs (the most any
//!    stretch of `p`'s length holds in the countries `p` works in for `s`), so charging each pair
//!    the least `price / cap` over the purchases that could serve it never charges a purchase
//!    more than its price. A renewal already in the state serves at most the charge of the best
//!    stretch of its plan's length it can reach, which is taken off. What the pairs still
//!    unserved are charged, less what the renewals still to apply could take, is a lower bound on
//!    what the rest of a cover costs.
//! 3. **The branch and bound over days** (`engine.rs`), from the schedule as it is (the best
//!    cover so far: buying nothing), over the purchases of `options.rs`. Its objective is the
//!    number of coverable pairs left uncovered, then the cost, then the number of purchases; it
//!    cuts only paths that cannot beat the best found, merges paths that reach one state, and
//!    skips only purchases that some purchase set it does try matches or beats, so the best
//!    cover it finishes with is optimal. Past the deadline it stops; the best found is then
//!    reported as not proven optimal.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::engine::{Engine, Goal, Outcome, Score, bits, get};
use super::model::{Day, Model};
use crate::model::{PlanId, RenewalRule, SimId};

/// What the search found, in the state's terms.
pub(super) struct Searched {
    /// In the order they apply: (SIM, plan, day, price in the comparison currency).
    pub bought: Vec<(SimId, PlanId, NaiveDate, Decimal)>,
    /// The (day, country) pairs from today on that some purchase set can cover.
    pub coverable: BTreeSet<(NaiveDate, String)>,
    /// Countries that some candidate plan works in.
    pub priced_countries: BTreeSet<String>,
    /// Coverable pairs the cover leaves uncovered, as the search counted them.
    pub uncovered: u32,
    /// The search finished before the deadline.
    pub complete: bool,
}

impl Searched {
    /// Nothing searched (no day of the trip is today or later).
    pub fn nothing() -> Self {
        Self {
            bought: Vec::new(),
            coverable: BTreeSet::new(),
            priced_countries: BTreeSet::new(),
            uncovered: 0,
            complete: true,
        }
    }
}

/// Finds a cheapest cover of the trip in `model`, stopping at `deadline`.
pub(super) fn solve(model: &Model, deadline: Option<Instant>) -> Searched {
    let all_sims: Vec<usize> = (0..model.sims.len()).collect();
    let baseline = run(
        model,
        &Goal {
            required: &model.trip_countries,
            lower_bound: &[],
            absorbed: &[],
            sims: &all_sims,
            horizon: model.days,
            purchases: false,
            first_full_cover: false,
            deadline: None,
        },
        None,
    );
    let (required, mut complete) = coverable(model, &baseline.missing, deadline);
    let (lower_bound, absorbed) = lower_bounds(model, &required, &baseline.missing);
    let unserved_at_first: u32 = required
        .iter()
        .zip(&baseline.missing)
        .map(|(required, missing)| (required & missing).count_ones())
        .sum();
    let best = run(
        model,
        &Goal {
            required: &required,
            lower_bound: &lower_bound,
            absorbed: &absorbed,
            sims: &all_sims,
            horizon: model.days,
            purchases: true,
            first_full_cover: false,
            deadline,
        },
        Some(Score {
            uncovered: unserved_at_first,
            cost: Decimal::ZERO,
            count: 0,
        }),
    );
    complete &= best.complete;

    let bought = best
        .bought
        .iter()
        .filter_map(|bought| {
            let sim = model.sims.get(bought.sim)?;
            let candidate = sim.candidates.get(bought.candidate)?;
            Some((
                sim.id,
                candidate.plan,
                model.date(bought.day),
                candidate.price,
            ))
        })
        .collect();
    let coverable = (0..model.days)
        .flat_map(|day| bits(get(&required, day)).map(move |country| (day, country)))
        .filter_map(|(day, country)| Some((model.date(day), model.countries.get(country)?.clone())))
        .collect();
    let priced: u64 = model
        .sims
        .iter()
        .flat_map(|sim| &sim.candidates)
        .fold(0, |all, candidate| all | candidate.class);
    let priced_countries = bits(priced)
        .filter_map(|country| model.countries.get(country).cloned())
        .collect();
    let uncovered = if best.improved {
        best.score.uncovered
    } else {
        unserved_at_first
    };
    Searched {
        bought,
        coverable,
        priced_countries,
        uncovered,
        complete,
    }
}

fn run(model: &Model, goal: &Goal<'_>, baseline: Option<Score>) -> Outcome {
    Engine::new(model, goal, baseline).run()
}

/// Step 1: per day, the trip countries some purchase set can cover (`missing` is what the
/// schedule as it is leaves unserved). `false` when a check ran out of time; the pair then
/// counts as coverable.
fn coverable(model: &Model, missing: &[u64], deadline: Option<Instant>) -> (Vec<u64>, bool) {
    let mut required = model.trip_countries.clone();
    let mut complete = true;
    for day in 0..model.days {
        for country in bits(missing.get(day).copied().unwrap_or(0)) {
            let bit = 1u64 << country;
            let mut can = false;
            for (index, sim) in model.sims.iter().enumerate() {
                let buys_it = sim.candidates.iter().any(|c| c.class & bit != 0);
                let pushes_it = !sim.candidates.is_empty()
                    && sim.existing.iter().any(|event| event.class & bit != 0);
                if !buys_it && !pushes_it {
                    continue;
                }
                if sim.rule == RenewalRule::Restart && buys_it {
                    // Bought that very day, the plan serves it: the last renewal wins.
                    can = true;
                    break;
                }
                let mut alone = vec![0; day];
                alone.push(bit);
                let outcome = run(
                    model,
                    &Goal {
                        required: &alone,
                        lower_bound: &[],
                        absorbed: &[],
                        sims: &[index],
                        horizon: day + 1,
                        purchases: true,
                        first_full_cover: true,
                        deadline,
                    },
                    Some(Score {
                        uncovered: 0,
                        cost: Decimal::MAX,
                        count: u32::MAX,
                    }),
                );
                complete &= outcome.complete;
                if outcome.improved || !outcome.complete {
                    can = true;
                    break;
                }
            }
            if let (false, Some(mask)) = (can, required.get_mut(day)) {
                *mask &= !bit;
            }
        }
    }
    (required, complete)
}

/// Step 2: per day and country, the lower bound of what serving it costs (zero where the
/// bound does not apply), `day * countries + country`; and per SIM and renewal already in the
/// state, the most of that bound the renewal could ever serve for free.
fn lower_bounds(
    model: &Model,
    required: &[u64],
    missing: &[u64],
) -> (Vec<Decimal>, Vec<Vec<Decimal>>) {
    let countries = model.countries.len().max(1);
    let to_pay: Vec<u64> = (0..model.days)
        .map(|day| get(required, day) & get(missing, day))
        .collect();
    let mut bound: Vec<Option<Decimal>> = vec![None; model.days * countries];
    for sim in &model.sims {
        for candidate in &sim.candidates {
            let mut prefix = Vec::with_capacity(model.days + 1);
            prefix.push(0u32);
            for mask in &to_pay {
                let last = prefix.last().copied().unwrap_or(0);
                prefix.push(last + (mask & candidate.class).count_ones());
            }
            let cap = (0..model.days)
                .map(|start| {
                    let last = day_within(model, model.end(candidate.slot, start));
                    get(&prefix, last + 1) - get(&prefix, start)
                })
                .max()
                .unwrap_or(0);
            if cap == 0 {
                continue;
            }
            let Some(share) = candidate.price.checked_div(Decimal::from(cap)) else {
                continue;
            };
            // Rounded down, so the bound stays below what the pairs really cost.
            let share = share.round_dp_with_strategy(12, RoundingStrategy::ToZero);
            for (day, mask) in to_pay.iter().enumerate() {
                for country in bits(mask & candidate.class) {
                    let cell = day * countries + country;
                    if let Some(bound) = bound.get_mut(cell)
                        && bound.is_none_or(|bound| share < bound)
                    {
                        *bound = Some(share);
                    }
                }
            }
        }
    }
    let bound: Vec<Decimal> = bound.into_iter().map(Option::unwrap_or_default).collect();

    // A renewal already in the state serves its run for free: at most the bound of the best
    // stretch of its plan's length it can reach (from its day on, for an `Extend` one that
    // purchases may push later; its own day for the others).
    // Per country set, the running sum of the bound over the days.
    let mut prefixes: HashMap<u64, Vec<Decimal>> = HashMap::new();
    let mut absorbed = Vec::with_capacity(model.sims.len());
    for sim in &model.sims {
        let mut events = Vec::with_capacity(sim.existing.len());
        for event in &sim.existing {
            let prefix = prefixes.entry(event.class).or_insert_with(|| {
                let mut prefix = Vec::with_capacity(model.days + 1);
                let mut sum = Decimal::ZERO;
                prefix.push(sum);
                for day in 0..model.days {
                    for country in bits(get(&to_pay, day) & event.class) {
                        sum += get(&bound, day * countries + country);
                    }
                    prefix.push(sum);
                }
                prefix
            });
            let starts = match sim.rule {
                RenewalRule::Extend => event.day..model.days,
                RenewalRule::Restart | RenewalRule::LaterOf => event.day..event.day + 1,
            };
            let most = starts
                .map(|start| {
                    let last = day_within(model, model.end(event.slot, start));
                    get(prefix, last + 1) - get(prefix, start)
                })
                .max()
                .unwrap_or_default();
            events.push(most);
        }
        absorbed.push(events);
    }
    (bound, absorbed)
}

/// `end` clamped to the model's days.
fn day_within(model: &Model, end: i64) -> Day {
    usize::try_from(end.max(0)).unwrap_or(0).min(model.days - 1)
}
