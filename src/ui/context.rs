//! One context for the views (as rerun's `ViewerContext`): what a view reads to draw a frame,
//! and where it says what the user did, instead of a growing list of parameters.

use chrono::NaiveDate;

use super::action::Action;
use super::schedule_cache::ScheduleCache;
use super::view_state::ViewState;
use crate::model::State;

/// What every view gets for one frame.
pub struct ViewContext<'a> {
    pub state: &'a State,
    /// The schedule computed from `state`, with its alerts. (Read it as
    /// `&ctx.schedule.agenda`: a borrow that outlives the next [`Self::push`].)
    pub schedule: &'a ScheduleCache,
    pub view: &'a ViewState,
    pub today: NaiveDate,
    /// Where the view's actions go; the shell applies them after the frame.
    pub actions: &'a mut Vec<Action>,
}

impl ViewContext<'_> {
    /// Says what the user did; it is applied after the frame.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }
}
