//! The agenda: every rule applied to the whole state, once.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::costs::{BaseMonthCost, MonthCost, base_costs, costs};
use super::coverage::{TripCoverage, trip_coverage};
use super::sim_schedule::{SimSchedule, sim_schedule};
use crate::model::{Plan, PlanId, Renewal, SimId, State};

/// What the schedule rules say about a state on a given day. Serialises to exactly the
/// document `sim-planner agenda --json` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub today: NaiveDate,
    /// One per SIM, in file order.
    pub sims: Vec<SimSchedule>,
    /// One per trip, in file order.
    pub trips: Vec<TripCoverage>,
    pub costs: Vec<MonthCost>,
    pub base_costs: Vec<BaseMonthCost>,
}

impl Agenda {
    /// Applies every rule of DESIGN.md to `state` as seen on `today`. Dangling references are
    /// skipped rather than refused: validation is the store's job.
    pub fn compute(state: &State, today: NaiveDate) -> Self {
        let plans: HashMap<PlanId, &Plan> = state.plans.iter().map(|p| (p.id, p)).collect();
        let mut by_sim: HashMap<SimId, Vec<&Renewal>> = HashMap::new();
        for renewal in &state.renewals {
            by_sim.entry(renewal.sim).or_default().push(renewal);
        }
        let sims: Vec<SimSchedule> = state
            .sims
            .iter()
            .map(|sim| {
                let renewals = by_sim.get(&sim.id).map(Vec::as_slice).unwrap_or_default();
                sim_schedule(
                    sim,
                    renewals.iter().copied(),
                    |id| plans.get(&id).copied(),
                    state.settings.lead_days,
                    today,
                )
            })
            .collect();
        let trips = state
            .trips
            .iter()
            .map(|trip| trip_coverage(state, &sims, trip))
            .collect();
        let costs = costs(state);
        let base_costs = base_costs(state, &costs);
        Self {
            today,
            sims,
            trips,
            costs,
            base_costs,
        }
    }

    /// The schedule of one SIM.
    pub fn sim(&self, id: SimId) -> Option<&SimSchedule> {
        self.sims.iter().find(|schedule| schedule.id == id)
    }
}
