//! What a renewal would do before it is added or moved: the tooltip while dragging a plan.

use chrono::NaiveDate;

use super::sim_schedule::sim_schedule;
use crate::model::{Renewal, State};

/// The outcome of adding (or moving) one renewal, for the SIM it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenewalPreview {
    /// The SIM's last day of service right after the renewal applies.
    pub valid_until: NaiveDate,
    /// The first day of new service, if it adds any.
    pub start: Option<NaiveDate>,
    pub lost_days: u32,
    /// Days without service left before the renewal's first day.
    pub gap_days: u32,
    /// The first day without data, if the allowance runs out first.
    pub data_runs_out: Option<NaiveDate>,
}

/// Applies the rules to the SIM of `renewal` as if `renewal` were in the state (replacing the
/// renewal of the same id, if any). `None` when its SIM or plan does not exist.
pub fn preview_renewal(
    state: &State,
    renewal: &Renewal,
    today: NaiveDate,
) -> Option<RenewalPreview> {
    let sim = state.sim(renewal.sim)?;
    state.plan(renewal.plan)?;
    let others = state
        .renewals
        .iter()
        .filter(|r| r.sim == sim.id && r.id != renewal.id);
    let schedule = sim_schedule(
        sim,
        others.chain(std::iter::once(renewal)),
        |id| state.plan(id),
        state.settings.lead_days,
        today,
    );
    let applied = schedule
        .renewals
        .iter()
        .find(|applied| applied.id == renewal.id)?;
    Some(RenewalPreview {
        valid_until: applied.end,
        start: applied.start,
        lost_days: applied.lost_days,
        gap_days: applied.gap_before.map_or(0, |gap| gap.days()),
        data_runs_out: applied.data_runs_out,
    })
}
