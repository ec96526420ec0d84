//! The trip, the SIMs and the plans as the search sees them: days are numbers counted from
//! today, a plan's coverage is a bit set of the trip's countries, and every plan end the search
//! can ask for is worked out once with [`plan_end`].

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::pricing::Pricing;
use super::types::{CoverError, MAX_COVER_DAYS};
use crate::model::{PlanId, Renewal, RenewalRule, SimId, State, Trip};
use crate::schedule::dates::add_days;
use crate::schedule::{plan_end, sim_schedule};

/// A day, counted from today (day 0).
pub(super) type Day = usize;

/// Everything the search needs, with no reference back to the state.
pub(super) struct Model {
    pub today: NaiveDate,
    /// Days 0 through `days - 1`: today through the trip's last day.
    pub days: usize,
    /// The trip's countries (ISO codes as the trip writes them, upper-cased); bit `i` of a
    /// country set is `countries[i]`.
    pub countries: Vec<String>,
    /// Per day, the countries the trip is in.
    pub trip_countries: Vec<u64>,
    /// The SIMs whose service can matter to the trip, in file order.
    pub sims: Vec<SimModel>,
    /// Per plan slot, the last day of the plan bought (or started) on each day: `ends[slot][j]`
    /// may be `days` or more, when it ends after the trip.
    pub ends: Vec<Vec<i64>>,
}

/// One SIM: what it has from before today, the renewals already planned, and what it may buy.
pub(super) struct SimModel {
    pub id: SimId,
    pub rule: RenewalRule,
    /// Service on days from today on, from `valid_until` and the renewals before today, as the
    /// schedule gives it. For a `Restart` SIM only the last run (its only one from today on).
    pub service: Vec<Span>,
    /// The renewals of the state from today through the trip's last day, in the order they
    /// apply (by day, then id): before any purchase of the same day, whose ids come later.
    pub existing: Vec<Event>,
    /// The plans the SIM may take that work in a country of the trip and have a price.
    pub candidates: Vec<Candidate>,
}

/// Days `from..=to` of service whose plan works in the countries `class`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    pub from: Day,
    pub to: i64,
    pub class: u64,
}

/// A renewal already in the state.
#[derive(Clone, Copy, Debug)]
pub(super) struct Event {
    pub day: Day,
    pub slot: usize,
    pub class: u64,
}

/// A plan a SIM may buy.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub plan: PlanId,
    pub slot: usize,
    pub class: u64,
    pub price: Decimal,
}

impl Model {
    /// The model of `trip` seen on `today`, or `None` when the trip ends before today.
    pub fn build(
        state: &State,
        trip: &Trip,
        today: NaiveDate,
        pricing: &Pricing,
    ) -> Result<Option<Self>, CoverError> {
        let Some((_, last)) = trip.date_range() else {
            return Ok(None);
        };
        if last < today {
            return Ok(None);
        }
        let span = (last - today).num_days();
        if span >= MAX_COVER_DAYS {
            return Err(CoverError::TooFarAhead { days: span });
        }
        let days = usize::try_from(span).unwrap_or(0) + 1;

        let mut countries: Vec<String> = Vec::new();
        for leg in &trip.legs {
            let code = leg.country.to_ascii_uppercase();
            if !countries.contains(&code) {
                countries.push(code);
            }
        }
        if countries.len() > 64 {
            return Err(CoverError::TooManyCountries(countries.len()));
        }
        let mut model = Self {
            today,
            days,
            countries,
            trip_countries: vec![0; days],
            sims: Vec::new(),
            ends: Vec::new(),
        };
        for leg in &trip.legs {
            let bit = model.class_of(std::slice::from_ref(&leg.country));
            let from = model.day_index(leg.from).max(0);
            let to = model.day_index(leg.to).min(model.last_day());
            for day in from..=to {
                if let Some(mask) = usize::try_from(day)
                    .ok()
                    .and_then(|day| model.trip_countries.get_mut(day))
                {
                    *mask |= bit;
                }
            }
        }

        let mut slots: HashMap<PlanId, usize> = HashMap::new();
        for sim in &state.sims {
            let mine: Vec<&Renewal> = state
                .renewals
                .iter()
                .filter(|renewal| renewal.sim == sim.id && state.plan(renewal.plan).is_some())
                .collect();
            let before: Vec<&Renewal> = mine.iter().copied().filter(|r| r.on < today).collect();
            let schedule = sim_schedule(
                sim,
                before,
                |id| state.plan(id),
                state.settings.lead_days,
                today,
            );
            let mut service: Vec<Span> = schedule
                .segments
                .iter()
                .filter(|segment| segment.end >= today)
                .map(|segment| {
                    let coverage = segment
                        .plan
                        .and_then(|id| state.plan(id))
                        .map_or(sim.coverage.as_slice(), |plan| plan.coverage_for(sim));
                    Span {
                        from: segment.start.map_or(0, |start| {
                            Day::try_from(model.day_index(start)).unwrap_or(0)
                        }),
                        to: model.day_index(segment.end).min(model.last_day()),
                        class: model.class_of(coverage),
                    }
                })
                .collect();
            if sim.rule == RenewalRule::Restart && service.len() > 1 {
                service.drain(..service.len() - 1);
            }

            let mut after: Vec<&Renewal> = mine
                .iter()
                .copied()
                .filter(|r| r.on >= today && r.on <= last)
                .collect();
            after.sort_by_key(|r| (r.on, r.id));
            let mut existing = Vec::with_capacity(after.len());
            for renewal in after {
                let Some(plan) = state.plan(renewal.plan) else {
                    continue;
                };
                existing.push(Event {
                    day: Day::try_from(model.day_index(renewal.on)).unwrap_or(0),
                    slot: model.slot(&mut slots, plan),
                    class: model.class_of(plan.coverage_for(sim)),
                });
            }

            let mut candidates = Vec::new();
            for plan in &state.plans {
                let class = model.class_of(plan.coverage_for(sim));
                if class == 0 || !State::can_take(sim, plan) {
                    continue;
                }
                let Some(price) = pricing.price(plan.id) else {
                    continue;
                };
                candidates.push(Candidate {
                    plan: plan.id,
                    slot: model.slot(&mut slots, plan),
                    class,
                    price,
                });
            }

            let matters = service.iter().any(|span| span.class != 0)
                || existing.iter().any(|event| event.class != 0)
                || !candidates.is_empty();
            if matters {
                model.sims.push(SimModel {
                    id: sim.id,
                    rule: sim.rule,
                    service,
                    existing,
                    candidates,
                });
            }
        }
        Ok(Some(model))
    }

    /// The date of day `day`.
    pub fn date(&self, day: Day) -> NaiveDate {
        add_days(self.today, day as u64)
    }

    /// `date` counted from today (negative before it).
    fn day_index(&self, date: NaiveDate) -> i64 {
        (date - self.today).num_days()
    }

    fn last_day(&self) -> i64 {
        self.days as i64 - 1
    }

    /// The trip's countries among `codes`, as bits.
    pub fn class_of(&self, codes: &[String]) -> u64 {
        codes
            .iter()
            .filter_map(|code| {
                self.countries
                    .iter()
                    .position(|country| country.eq_ignore_ascii_case(code))
            })
            .fold(0, |mask, index| mask | (1 << index))
    }

    /// The slot of `plan` in [`Model::ends`], working out its ends the first time.
    fn slot(&mut self, slots: &mut HashMap<PlanId, usize>, plan: &crate::model::Plan) -> usize {
        if let Some(&slot) = slots.get(&plan.id) {
            return slot;
        }
        let ends = (0..self.days)
            .map(|day| self.day_index(plan_end(plan.validity, self.date(day))))
            .collect();
        self.ends.push(ends);
        let slot = self.ends.len() - 1;
        slots.insert(plan.id, slot);
        slot
    }

    /// The last day of the plan in `slot` started on `start`.
    pub fn end(&self, slot: usize, start: Day) -> i64 {
        self.ends
            .get(slot)
            .and_then(|ends| ends.get(start))
            .copied()
            .unwrap_or(i64::MAX)
    }
}
