//! The depth-first branch and bound over days that [`super::search`] runs.
//!
//! The search walks the days from today to the end, as the schedule applies renewals: on each
//! day the renewals already in the state apply first, then each SIM in turn may buy plans
//! (`options.rs` says which purchases are worth trying), then the day's trip countries that no
//! SIM serves are counted as uncovered. Service on a day depends only on renewals bought on or
//! before it (every rule changes days from `on` on), so once a day is passed its coverage is
//! final, and what is left to decide depends only on the state of each SIM:
//!
//! - an `Extend` or `LaterOf` SIM: its current end `e`. No later renewal changes a day up to `e`
//!   under these rules, so those days' service is final and kept in [`Engine::g_mask`]; every
//!   later renewal starts from `e` alone;
//! - a `Restart` SIM: its current run (end and countries), which a later renewal cuts.
//!
//! Two paths that reach the same day with the same state have the same futures, so a memo
//! keyed on the state (the SIMs' ends and runs, and the final service still ahead) keeps only
//! the better path: that makes the search a dynamic programme over days. On top, a path is cut
//! when it can no longer beat the best cover found: more days uncovered, or its cost plus a lower
//! bound on what the days still unserved must cost (`search.rs`) is no better. Every cut keeps
//! some best completion, so when the search finishes the best cover found is optimal.

use std::collections::HashMap;
use std::time::Instant;

use rust_decimal::Decimal;

use super::model::{Day, Model};
use crate::model::RenewalRule;

/// What one search is asked to do.
pub(super) struct Goal<'a> {
    /// Per day, the countries that should be covered.
    pub required: &'a [u64],
    /// Per day and country (`day * countries + country`), a lower bound on what serving that
    /// pair costs when nothing serves it yet; empty for none.
    pub lower_bound: &'a [Decimal],
    /// Per model SIM and renewal already in the state, the most of `lower_bound` it could serve
    /// (taken off the bound until the renewal applies); empty for none.
    pub absorbed: &'a [Vec<Decimal>],
    /// The model's SIMs that take part.
    pub sims: &'a [usize],
    /// Days `0..horizon` are searched; later days do not matter.
    pub horizon: Day,
    /// Whether plans may be bought at all (`false`: the schedule as it is).
    pub purchases: bool,
    /// Stop at the first path that covers everything required (a yes/no question).
    pub first_full_cover: bool,
    pub deadline: Option<Instant>,
}

/// A purchase on the current path: candidate `candidate` of model SIM `sim` on `day`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Bought {
    pub sim: usize,
    pub candidate: usize,
    pub day: Day,
}

/// How good a path is: fewer uncovered pairs, then less cost, then fewer purchases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Score {
    pub uncovered: u32,
    pub cost: Decimal,
    pub count: u32,
}

/// The best cover a search found.
pub(super) struct Outcome {
    pub bought: Vec<Bought>,
    pub score: Score,
    /// Per day, the required countries the cover leaves unserved.
    pub missing: Vec<u64>,
    /// The search ran to the end (rather than stopping at the deadline).
    pub complete: bool,
    /// Some path beat the score the search started with.
    pub improved: bool,
}

/// A choice at one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Choice {
    /// Buy no (more) plan for this SIM today.
    Next,
    /// Buy candidate `n` of this SIM.
    Buy(usize),
}

/// One undoable change to the arrays.
enum Undo {
    /// `delta` was added to the counts of `class` over days `from..=to`.
    Range {
        guaranteed: bool,
        from: Day,
        to: Day,
        class: u64,
        delta: i32,
    },
    End {
        sim: usize,
        old: i64,
    },
    Run {
        sim: usize,
        old_end: i64,
        old_class: u64,
    },
}

/// A decision point on the path: SIM `stage` of `goal.sims` on `day`, after `bought` purchases
/// of it that day.
struct Frame {
    day: Day,
    stage: usize,
    bought: u32,
    undo: usize,
    path: usize,
    score: Score,
    lower_bound: Decimal,
    options: Vec<Choice>,
    next: usize,
}

/// Memo entries kept at most; past it the search still runs, with fewer merges.
const MAX_MEMO: usize = 1 << 20;

pub(super) struct Engine<'a> {
    pub model: &'a Model,
    pub goal: &'a Goal<'a>,
    countries: usize,
    /// Per model SIM: the current end (`Extend`, `LaterOf`) or the end of the current run
    /// (`Restart`), clamped to `-1..horizon`.
    end: Vec<i64>,
    /// Per model SIM, for `Restart`: the countries of the current run.
    run_class: Vec<u64>,
    /// Per day and country: how many final runs (`Extend`, `LaterOf`) serve it.
    count_guaranteed: Vec<u16>,
    /// Per day and country: how many current `Restart` runs serve it.
    count_restart: Vec<u16>,
    /// Per day: countries with final service.
    g_mask: Vec<u64>,
    /// Per day: countries served by a current `Restart` run.
    r_mask: Vec<u64>,
    /// Every country required on some day.
    pub required_anywhere: u64,
    /// The first day not yet passed.
    day: Day,
    score: Score,
    /// The sum of `goal.lower_bound` over required pairs from `day` on that nothing serves, less
    /// `goal.absorbed` of the renewals still to apply (it may be negative).
    lower_bound: Decimal,
    undo: Vec<Undo>,
    path: Vec<Bought>,
    missing: Vec<u64>,
    stack: Vec<Frame>,
    memo: HashMap<Vec<u64>, Score>,
    key: Vec<u64>,
    best: Score,
    best_path: Vec<Bought>,
    best_missing: Vec<u64>,
    found: bool,
    improved: bool,
    complete: bool,
    ticks: u32,
}

impl<'a> Engine<'a> {
    /// A search of `goal` over `model`, starting from what each SIM has before today; the best
    /// cover so far is `baseline` (a score to beat, or `None`).
    pub fn new(model: &'a Model, goal: &'a Goal<'a>, baseline: Option<Score>) -> Self {
        let countries = model.countries.len().max(1);
        let cells = model.days * countries;
        let mut engine = Self {
            model,
            goal,
            countries,
            end: vec![-1; model.sims.len()],
            run_class: vec![0; model.sims.len()],
            count_guaranteed: vec![0; cells],
            count_restart: vec![0; cells],
            g_mask: vec![0; model.days],
            r_mask: vec![0; model.days],
            required_anywhere: goal.required.iter().fold(0, |all, day| all | day),
            day: 0,
            score: Score {
                uncovered: 0,
                cost: Decimal::ZERO,
                count: 0,
            },
            lower_bound: Decimal::ZERO,
            undo: Vec::new(),
            path: Vec::new(),
            missing: vec![0; model.days],
            stack: Vec::new(),
            memo: HashMap::new(),
            key: Vec::new(),
            best: baseline.unwrap_or(Score {
                uncovered: u32::MAX,
                cost: Decimal::MAX,
                count: u32::MAX,
            }),
            best_path: Vec::new(),
            best_missing: Vec::new(),
            found: false,
            improved: false,
            complete: true,
            ticks: 0,
        };
        for &sim in goal.sims {
            let Some(model_sim) = model.sims.get(sim) else {
                continue;
            };
            for span in &model_sim.service {
                let to = engine.clamp(span.to);
                if model_sim.rule == RenewalRule::Restart {
                    set(&mut engine.end, sim, to);
                    set(&mut engine.run_class, sim, span.class);
                }
                if let Ok(to) = Day::try_from(to) {
                    let guaranteed = model_sim.rule != RenewalRule::Restart;
                    engine.cover(guaranteed, span.from, to, span.class, 1, false);
                }
                if model_sim.rule != RenewalRule::Restart {
                    let end = get(&engine.end, sim).max(to);
                    set(&mut engine.end, sim, end);
                }
            }
        }
        engine.undo.clear();
        if !goal.lower_bound.is_empty() {
            for day in 0..goal.horizon {
                let required = goal.required.get(day).copied().unwrap_or(0);
                let unserved = required & !engine.served(day);
                for country in bits(unserved) {
                    engine.lower_bound += engine.bound_of(day, country);
                }
            }
            for &sim in goal.sims {
                let events = model.sims.get(sim).map_or(&[][..], |s| &s.existing);
                for (index, event) in events.iter().enumerate() {
                    if event.day < goal.horizon {
                        engine.lower_bound -= engine.absorbed_by(sim, index);
                    }
                }
            }
        }
        engine
    }

    /// Runs the search to the end, the deadline or (with `first_full_cover`) a full cover.
    pub fn run(mut self) -> Outcome {
        self.enter_day(0);
        self.advance(0, 0);
        while let Some(top) = self.stack.last_mut() {
            let (day, stage, bought, undo, path, score, lower_bound) = (
                top.day,
                top.stage,
                top.bought,
                top.undo,
                top.path,
                top.score,
                top.lower_bound,
            );
            let Some(&choice) = top.options.get(top.next) else {
                self.stack.pop();
                continue;
            };
            top.next += 1;
            if self.out_of_time() {
                break;
            }
            self.undo_to(undo);
            self.path.truncate(path);
            self.score = score;
            self.lower_bound = lower_bound;
            self.day = day;
            match choice {
                Choice::Next => self.advance(day, stage + 1),
                Choice::Buy(candidate) => {
                    let Some(&sim) = self.goal.sims.get(stage) else {
                        continue;
                    };
                    self.buy(sim, candidate, day);
                    if self.cut() {
                        continue;
                    }
                    let options = self.options(sim, day, bought + 1);
                    if options
                        .iter()
                        .any(|choice| matches!(choice, Choice::Buy(_)))
                    {
                        self.push(day, stage, bought + 1, options);
                    } else {
                        self.advance(day, stage + 1);
                    }
                }
            }
            if self.found && self.goal.first_full_cover {
                break;
            }
        }
        Outcome {
            bought: self.best_path,
            score: self.best,
            missing: self.best_missing,
            complete: self.complete,
            improved: self.improved,
        }
    }

    fn out_of_time(&mut self) -> bool {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(256)
            && self
                .goal
                .deadline
                .is_some_and(|deadline| Instant::now() >= deadline)
        {
            self.complete = false;
        }
        !self.complete
    }

    /// Goes on from SIM `stage` on `day`: pushes the next decision point, or passes the days
    /// where no SIM has anything to buy, or ends the path.
    fn advance(&mut self, mut day: Day, mut stage: usize) {
        loop {
            while let Some(&sim) = self.goal.sims.get(stage) {
                let options = self.options(sim, day, 0);
                if options
                    .iter()
                    .any(|choice| matches!(choice, Choice::Buy(_)))
                {
                    self.push(day, stage, 0, options);
                    return;
                }
                stage += 1;
            }
            self.finish_day(day);
            if self.cut() {
                return;
            }
            day += 1;
            if day >= self.goal.horizon {
                self.leaf();
                return;
            }
            if self.seen_better(day) {
                return;
            }
            self.enter_day(day);
            stage = 0;
        }
    }

    fn push(&mut self, day: Day, stage: usize, bought: u32, options: Vec<Choice>) {
        self.stack.push(Frame {
            day,
            stage,
            bought,
            undo: self.undo.len(),
            path: self.path.len(),
            score: self.score,
            lower_bound: self.lower_bound,
            options,
            next: 0,
        });
    }

    /// Whether the path can no longer beat the best cover: more uncovered already, or (as
    /// uncovered as the best) its cost with the lower bound of what is still unserved no less.
    fn cut(&self) -> bool {
        if self.score.uncovered != self.best.uncovered {
            return self.score.uncovered > self.best.uncovered;
        }
        let bound = self
            .score
            .cost
            .saturating_add(self.lower_bound.max(Decimal::ZERO));
        bound > self.best.cost || (bound == self.best.cost && self.score.count >= self.best.count)
    }

    fn leaf(&mut self) {
        if self.score < self.best {
            self.improved = true;
            self.best = self.score;
            self.best_path.clone_from(&self.path);
            self.best_missing.clone_from(&self.missing);
            if self.score.uncovered == 0 {
                self.found = true;
            }
        }
    }

    /// Whether a path as good or better already reached `day` in the same state; records this
    /// one otherwise.
    fn seen_better(&mut self, day: Day) -> bool {
        self.key.clear();
        self.key.push(day as u64);
        for &sim in self.goal.sims {
            let Some(model_sim) = self.model.sims.get(sim) else {
                continue;
            };
            if model_sim.candidates.is_empty() {
                // Nothing bought for it: its state is the same on every path.
                continue;
            }
            let end = get(&self.end, sim);
            match model_sim.rule {
                RenewalRule::Restart if end >= day as i64 => {
                    self.key.push(end.unsigned_abs() + 1);
                    self.key.push(get(&self.run_class, sim));
                }
                RenewalRule::Restart => self.key.push(0),
                RenewalRule::Extend | RenewalRule::LaterOf => {
                    self.key.push((end.max(day as i64 - 1) + 1).unsigned_abs());
                }
            }
        }
        let required = self.goal.required;
        let mut last_nonzero = self.key.len();
        for d in day..self.goal.horizon {
            let word = get(&self.g_mask, d) & get(required, d);
            self.key.push(word);
            if word != 0 {
                last_nonzero = self.key.len();
            }
        }
        self.key.truncate(last_nonzero);
        match self.memo.get_mut(self.key.as_slice()) {
            Some(seen) if *seen <= self.score => true,
            Some(seen) => {
                *seen = self.score;
                false
            }
            None => {
                if self.memo.len() < MAX_MEMO {
                    self.memo.insert(self.key.clone(), self.score);
                }
                false
            }
        }
    }

    /// Applies the renewals already in the state on `day`, for every SIM taking part.
    fn enter_day(&mut self, day: Day) {
        self.day = day;
        for &sim in self.goal.sims {
            let Some(model_sim) = self.model.sims.get(sim) else {
                continue;
            };
            let first = model_sim.existing.partition_point(|event| event.day < day);
            let events = model_sim.existing.get(first..).unwrap_or_default();
            for (index, event) in (first..).zip(events) {
                if event.day != day {
                    break;
                }
                self.apply(sim, day, event.slot, event.class);
                // What it serves is now served; it can take no more off the bound.
                self.lower_bound += self.absorbed_by(sim, index);
            }
        }
    }

    /// Counts the day's required countries that nothing serves, then moves past the day.
    fn finish_day(&mut self, day: Day) {
        let required = self.goal.required.get(day).copied().unwrap_or(0);
        let missing = required & !self.served(day);
        set(&mut self.missing, day, missing);
        self.score.uncovered += missing.count_ones();
        if !self.goal.lower_bound.is_empty() {
            for country in bits(missing) {
                self.lower_bound -= self.bound_of(day, country);
            }
        }
        self.day = day + 1;
    }

    /// Buys candidate `candidate` of model SIM `sim` on `day`.
    fn buy(&mut self, sim: usize, candidate: usize, day: Day) {
        let Some(bought) = self
            .model
            .sims
            .get(sim)
            .and_then(|s| s.candidates.get(candidate))
        else {
            return;
        };
        self.apply(sim, day, bought.slot, bought.class);
        self.score.cost = self.score.cost.saturating_add(bought.price);
        self.score.count += 1;
        self.path.push(Bought {
            sim,
            candidate,
            day,
        });
    }

    /// One renewal of the plan in `slot` (working in `class`) for `sim` on `day`, under the
    /// SIM's rule (DESIGN.md, "Schedule rules"), exactly as `sim_schedule` applies it.
    fn apply(&mut self, sim: usize, day: Day, slot: usize, class: u64) {
        let Some(rule) = self.model.sims.get(sim).map(|s| s.rule) else {
            return;
        };
        let end = get(&self.end, sim);
        match rule {
            // The plan starts at max(on, e + 1).
            RenewalRule::Extend => {
                let start = if end < day as i64 {
                    day
                } else {
                    end.unsigned_abs() as Day + 1
                };
                if start >= self.goal.horizon {
                    return;
                }
                let plan_end = self.model.end(slot, start);
                self.cover_to(true, start, plan_end, class);
                self.set_end(sim, plan_end);
            }
            // The new end is max(e, end of the plan started on `on`).
            RenewalRule::LaterOf => {
                let own_end = self.model.end(slot, day);
                if own_end <= end {
                    return;
                }
                let start = day.max((end + 1).unsigned_abs() as Day);
                if start < self.goal.horizon {
                    self.cover_to(true, start, own_end, class);
                }
                self.set_end(sim, own_end);
            }
            // The plan starts on `on`; what was left from `on` on is lost.
            RenewalRule::Restart => {
                if let Ok(old_end) = Day::try_from(end)
                    && old_end >= day
                {
                    let old_class = get(&self.run_class, sim);
                    self.cover(false, day, old_end, old_class, -1, true);
                }
                let plan_end = self.model.end(slot, day);
                self.cover_to(false, day, plan_end, class);
                self.undo.push(Undo::Run {
                    sim,
                    old_end: end,
                    old_class: get(&self.run_class, sim),
                });
                let end = self.clamp(plan_end);
                set(&mut self.end, sim, end);
                set(&mut self.run_class, sim, class);
            }
        }
    }

    fn set_end(&mut self, sim: usize, end: i64) {
        self.undo.push(Undo::End {
            sim,
            old: get(&self.end, sim),
        });
        let end = self.clamp(end).max(get(&self.end, sim));
        set(&mut self.end, sim, end);
    }

    fn clamp(&self, end: i64) -> i64 {
        end.clamp(-1, self.goal.horizon as i64 - 1)
    }

    /// [`Engine::cover`] of days `from..=to` (`to` clamped to the horizon), adding one.
    fn cover_to(&mut self, guaranteed: bool, from: Day, to: i64, class: u64) {
        if let Ok(to) = Day::try_from(self.clamp(to)) {
            self.cover(guaranteed, from, to, class, 1, true);
        }
    }

    /// Adds `delta` to the counts of `class` over days `from..=to`, keeping the masks and the
    /// lower bound of what is unserved; `log` records it for undoing.
    fn cover(&mut self, guaranteed: bool, from: Day, to: Day, class: u64, delta: i32, log: bool) {
        let to = to.min(self.goal.horizon.saturating_sub(1));
        if from > to || class == 0 {
            return;
        }
        let tracks_bound = log && !self.goal.lower_bound.is_empty();
        for day in from..=to {
            let bits_here = class & get(&self.model.trip_countries, day);
            for country in bits(bits_here) {
                let cell = day * self.countries + country;
                let before = self.cover_count(cell);
                let counts = if guaranteed {
                    &mut self.count_guaranteed
                } else {
                    &mut self.count_restart
                };
                let count = i32::from(get(counts, cell)) + delta;
                set(
                    counts,
                    cell,
                    u16::try_from(count.max(0)).unwrap_or(u16::MAX),
                );
                let masks = if guaranteed {
                    &mut self.g_mask
                } else {
                    &mut self.r_mask
                };
                let mask = get(masks, day);
                let mask = if count > 0 {
                    mask | 1 << country
                } else {
                    mask & !(1 << country)
                };
                set(masks, day, mask);
                let after = self.cover_count(cell);
                if tracks_bound
                    && day >= self.day
                    && get(self.goal.required, day) & (1 << country) != 0
                {
                    if before == 0 && after > 0 {
                        self.lower_bound -= self.bound_of(day, country);
                    } else if before > 0 && after == 0 {
                        self.lower_bound += self.bound_of(day, country);
                    }
                }
            }
        }
        if log {
            self.undo.push(Undo::Range {
                guaranteed,
                from,
                to,
                class,
                delta,
            });
        }
    }

    /// How many runs serve the (day, country) of `cell`.
    fn cover_count(&self, cell: usize) -> u32 {
        u32::from(get(&self.count_guaranteed, cell)) + u32::from(get(&self.count_restart, cell))
    }

    /// The countries something serves on `day`.
    pub fn served(&self, day: Day) -> u64 {
        get(&self.g_mask, day) | get(&self.r_mask, day)
    }

    /// The countries with final service on `day`.
    pub fn final_service(&self, day: Day) -> u64 {
        get(&self.g_mask, day)
    }

    /// The current end of model SIM `sim` (see [`Engine::end`]).
    pub fn end_of(&self, sim: usize) -> i64 {
        get(&self.end, sim)
    }

    /// What renewal `index` of model SIM `sim` could take off the bound.
    fn absorbed_by(&self, sim: usize, index: usize) -> Decimal {
        self.goal
            .absorbed
            .get(sim)
            .and_then(|events| events.get(index))
            .copied()
            .unwrap_or_default()
    }

    fn bound_of(&self, day: Day, country: usize) -> Decimal {
        self.goal
            .lower_bound
            .get(day * self.countries + country)
            .copied()
            .unwrap_or_default()
    }

    fn undo_to(&mut self, mark: usize) {
        while self.undo.len() > mark {
            let Some(change) = self.undo.pop() else {
                break;
            };
            match change {
                Undo::Range {
                    guaranteed,
                    from,
                    to,
                    class,
                    delta,
                } => self.cover(guaranteed, from, to, class, -delta, false),
                Undo::End { sim, old } => set(&mut self.end, sim, old),
                Undo::Run {
                    sim,
                    old_end,
                    old_class,
                } => {
                    set(&mut self.end, sim, old_end);
                    set(&mut self.run_class, sim, old_class);
                }
            }
        }
    }
}

/// `values[index]`; the default past the end, which the search never reaches (every array is
/// sized to the model's days, countries and SIMs).
pub(super) fn get<T: Copy + Default>(values: &[T], index: usize) -> T {
    values.get(index).copied().unwrap_or_default()
}

/// Sets `values[index]`; nothing past the end (see [`get`]).
fn set<T>(values: &mut [T], index: usize, value: T) {
    if let Some(slot) = values.get_mut(index) {
        *slot = value;
    }
}

/// The indices of the set bits of `mask`, lowest first.
pub(super) fn bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let index = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(index)
    })
}
