//! Every change the user can make, as a value: the UI collects `Edit`s during a frame and the
//! app applies them in one place ([`super::document::Document::apply`]), where undo/redo and
//! autosave hang.

use crate::model::{Plan, PlanId, Renewal, RenewalId, Settings, Sim, SimId, State, Trip, TripId};

/// One user action that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddSim(Sim),
    UpdateSim(Sim),
    /// Deletes the SIM and its renewals.
    DeleteSim(SimId),
    AddPlan(Plan),
    UpdatePlan(Plan),
    /// Deletes the plan and the renewals that use it.
    DeletePlan(PlanId),
    AddRenewal(Renewal),
    UpdateRenewal(Renewal),
    DeleteRenewal(RenewalId),
    AddTrip(Trip),
    UpdateTrip(Trip),
    DeleteTrip(TripId),
    SetSettings(Settings),
    /// Several edits that undo as one (e.g. adding all suggested renewals).
    Batch(Vec<Edit>),
    /// Replaces everything (load the example, start empty, import).
    ReplaceState(Box<State>),
}

impl Edit {
    /// Applies the edit to `state`. Updates and deletes of ids that do not exist change nothing.
    pub fn apply(self, state: &mut State) {
        match self {
            Self::AddSim(sim) => state.sims.push(sim),
            Self::UpdateSim(sim) => replace_by(&mut state.sims, sim, |s| s.id),
            Self::DeleteSim(id) => {
                state.sims.retain(|sim| sim.id != id);
                state.renewals.retain(|renewal| renewal.sim != id);
            }
            Self::AddPlan(plan) => state.plans.push(plan),
            Self::UpdatePlan(plan) => replace_by(&mut state.plans, plan, |p| p.id),
            Self::DeletePlan(id) => {
                state.plans.retain(|plan| plan.id != id);
                state.renewals.retain(|renewal| renewal.plan != id);
            }
            Self::AddRenewal(renewal) => state.renewals.push(renewal),
            Self::UpdateRenewal(renewal) => replace_by(&mut state.renewals, renewal, |r| r.id),
            Self::DeleteRenewal(id) => state.renewals.retain(|renewal| renewal.id != id),
            Self::AddTrip(trip) => state.trips.push(trip),
            Self::UpdateTrip(trip) => replace_by(&mut state.trips, trip, |t| t.id),
            Self::DeleteTrip(id) => state.trips.retain(|trip| trip.id != id),
            Self::SetSettings(settings) => state.settings = settings,
            Self::Batch(edits) => {
                for edit in edits {
                    edit.apply(state);
                }
            }
            Self::ReplaceState(new_state) => *state = *new_state,
        }
    }
}

/// Replaces the item with the same id as `new`, keeping its place in the list.
fn replace_by<T, K: PartialEq>(items: &mut [T], new: T, key: impl Fn(&T) -> K) {
    let wanted = key(&new);
    if let Some(slot) = items.iter_mut().find(|item| key(item) == wanted) {
        *slot = new;
    }
}
