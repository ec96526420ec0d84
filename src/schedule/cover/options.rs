//! The purchases worth trying for one SIM on one day, and why leaving out the others loses no
//! cover.
//!
//! A purchase is a (plan, day) from today through the trip's end. Trying every plan on every day
//! is exact but slow; the rules below only skip purchases for which a purchase set at least as
//! good (covering every required (day, country) it covers, costing no more, with no more
//! purchases) exists among those tried. "Serves" below means: gives service that day through a
//! plan that works in a required country of that day. "Final" service is that of an `Extend` or
//! `LaterOf` SIM (no later renewal changes it).
//!
//! - **`Restart`**: at most one purchase a day, and only a plan that serves the day it is bought.
//!   Service on a day comes from the last renewal bought on or before it, so of two purchases on
//!   one day the first gives nothing. A purchase on a day it does not serve can move to the next
//!   day it serves without losing a required pair: the days between are not served by it, its
//!   run from then on is at least as long (a plan's end never moves earlier when its start moves
//!   later), and if another renewal of the SIM comes first, the purchase served nothing at all
//!   and goes.
//! - **`LaterOf`**: a purchase must serve a required pair that no final service serves yet. A
//!   purchase that does not can go: the days it held go to the next renewal that reaches them
//!   (under `LaterOf` a day belongs to the first renewal, in order, bought on or before it whose
//!   plan reaches it), which only adds service, and every other day keeps its renewal. Every day
//!   can matter for the rest (the plan's end fixes where later renewals start), so all are tried.
//! - **`Extend`, SIM without service that day** (the plan starts that day): the purchase must
//!   serve a required pair not yet finally served, unless it can push a renewal already in the
//!   state later: that is when the plan ends on or after the day before the SIM's next renewal
//!   in the state. Otherwise it changes no other renewal (the next ones start on their own day)
//!   and can go. Every day can be a start worth trying: starting early places where the next plan
//!   begins.
//! - **`Extend`, SIM with service that day** (the plan stacks after the current end): only on
//!   the day before a renewal of the state. A stacked purchase starts after the current end
//!   whatever day it is bought; moving it later changes nothing as long as it stays before the
//!   same renewals, so it moves to the day its plan starts (tried there as a purchase without
//!   service) or, when a renewal of the state comes first, to the day before that renewal, whose
//!   plan it then pushes later.
//!
//! Of plans with the same effect on the search (same end and same required countries) only the
//! cheapest is tried.

use super::engine::{Choice, Engine};
use super::model::Day;
use crate::model::RenewalRule;

/// A purchase worth trying, with what guides the order they are tried in.
struct Option_ {
    candidate: usize,
    /// Serves a required country of the day that nothing serves yet.
    serves_today: bool,
    /// Price per required pair newly served.
    price_per_pair: f64,
    end: i64,
    class: u64,
    price: rust_decimal::Decimal,
}

impl Engine<'_> {
    /// The choices for model SIM `sim` on `day`, after `bought` purchases of it that day: the
    /// purchases worth trying (best first, by a guess) and [`Choice::Next`].
    pub(super) fn options(&self, sim: usize, day: Day, bought: u32) -> Vec<Choice> {
        let Some(model_sim) = self.model.sims.get(sim) else {
            return vec![Choice::Next];
        };
        if model_sim.candidates.is_empty() || !self.goal.purchases {
            return vec![Choice::Next];
        }
        let horizon = self.goal.horizon;
        let end = self.end_of(sim);
        let day_i = day as i64;
        // Where a purchase today would start, if anywhere useful.
        let start = match model_sim.rule {
            RenewalRule::Restart if bought > 0 => return vec![Choice::Next],
            RenewalRule::Restart | RenewalRule::LaterOf => day,
            RenewalRule::Extend if end < day_i => day,
            RenewalRule::Extend => {
                let before_existing = model_sim
                    .existing
                    .iter()
                    .any(|event| event.day == day + 1 && event.day < horizon);
                if !before_existing {
                    return vec![Choice::Next];
                }
                (end + 1).unsigned_abs() as Day
            }
        };
        if start >= horizon {
            return vec![Choice::Next];
        }
        let required_today = self.goal.required.get(day).copied().unwrap_or(0);
        let missing_today = required_today & !self.served(day);
        // For `Extend`: the day of the SIM's next renewal in the state, if within the horizon.
        let next_existing = model_sim
            .existing
            .iter()
            .map(|event| event.day)
            .find(|&d| d > day && d < horizon);

        let mut options: Vec<Option_> = Vec::new();
        for (index, candidate) in model_sim.candidates.iter().enumerate() {
            let (from, to) = match model_sim.rule {
                RenewalRule::Restart => {
                    if candidate.class & required_today == 0 {
                        continue;
                    }
                    (day, self.model.end(candidate.slot, day))
                }
                RenewalRule::LaterOf => {
                    let own_end = self.model.end(candidate.slot, day);
                    if own_end <= end {
                        continue;
                    }
                    let from = day.max((end + 1).unsigned_abs() as Day);
                    if from >= horizon || !self.serves_unfinal(from, own_end, candidate.class) {
                        continue;
                    }
                    (from, own_end)
                }
                RenewalRule::Extend => {
                    let plan_end = self.model.end(candidate.slot, start);
                    let fresh = end < day_i;
                    let pushes = next_existing.is_some_and(|b| plan_end >= b as i64 - 1);
                    if fresh && !pushes && !self.serves_unfinal(start, plan_end, candidate.class) {
                        continue;
                    }
                    (start, plan_end)
                }
            };
            let clamped_end = to.min(horizon as i64 - 1);
            let class = candidate.class & self.required_anywhere;
            if let Some(same) = options
                .iter_mut()
                .find(|option| option.end == clamped_end && option.class == class)
            {
                if candidate.price < same.price {
                    same.candidate = index;
                    same.price = candidate.price;
                }
                continue;
            }
            let newly = self.newly_served(from, to, candidate.class);
            let price = rust_decimal::prelude::ToPrimitive::to_f64(&candidate.price).unwrap_or(0.0);
            options.push(Option_ {
                candidate: index,
                serves_today: from == day && candidate.class & missing_today != 0,
                price_per_pair: price / f64::from(newly.max(1)),
                end: clamped_end,
                class,
                price: candidate.price,
            });
        }
        options.sort_by(|a, b| {
            b.serves_today
                .cmp(&a.serves_today)
                .then(a.price_per_pair.total_cmp(&b.price_per_pair))
        });
        let mut choices: Vec<Choice> = Vec::with_capacity(options.len() + 1);
        let serving_today = options.iter().filter(|o| o.serves_today).count();
        choices.extend(
            options
                .iter()
                .take(serving_today)
                .map(|o| Choice::Buy(o.candidate)),
        );
        choices.push(Choice::Next);
        choices.extend(
            options
                .iter()
                .skip(serving_today)
                .map(|o| Choice::Buy(o.candidate)),
        );
        choices
    }

    /// Whether a plan working in `class` on days `from..=to` would serve a required pair that
    /// has no final service yet.
    fn serves_unfinal(&self, from: Day, to: i64, class: u64) -> bool {
        self.days_within(from, to).any(|d| {
            let required = self.goal.required.get(d).copied().unwrap_or(0);
            class & required & !self.final_service(d) != 0
        })
    }

    /// How many required pairs on days `from..=to` nothing serves yet and `class` would.
    fn newly_served(&self, from: Day, to: i64, class: u64) -> u32 {
        self.days_within(from, to)
            .map(|d| {
                let required = self.goal.required.get(d).copied().unwrap_or(0);
                (class & required & !self.served(d)).count_ones()
            })
            .sum()
    }

    /// Days `from..=to` that are within the horizon.
    fn days_within(&self, from: Day, to: i64) -> std::ops::Range<Day> {
        let end = usize::try_from(to.saturating_add(1))
            .unwrap_or(0)
            .min(self.goal.horizon);
        from..end.max(from)
    }
}
