//! Everything the user can do in the window, as values. The views push [`Action`]s while they
//! draw; the shell applies them after the frame (as egui's drag-and-drop demo does), so no view
//! changes anything itself and every change of the state goes through one [`Edit`].

use std::path::PathBuf;

use chrono::NaiveDate;

use super::edit::Edit;
use super::file_dialogs::FilePurpose;
use super::view_state::{AlertHorizon, CalendarKind, LeftTab, SimSort};
use crate::model::{PlanId, RenewalId, SimId, State, TripId};

/// Something the user did this frame, applied after the frame is drawn.
#[derive(Clone, Debug)]
pub enum Action {
    /// Change the state (one undo step).
    Edit(Edit),
    SelectSim(Option<SimId>),
    SelectRenewal(RenewalId),
    /// Show `day` in the calendar (and select `sim`, if any).
    GoTo {
        day: NaiveDate,
        sim: Option<SimId>,
    },
    /// Show today in the calendar.
    ShowToday,
    /// Page Up / Page Down: this many months (or timeline pages) on.
    Page(i32),
    ShowTab(LeftTab),
    ShowCalendar(CalendarKind),
    /// Move the timeline by this many days (fractions accumulate while dragging).
    PanTimeline(f32),
    /// Show this many days across the timeline.
    ZoomTimeline(f32),
    SetSimFilter(String),
    SetAlertHorizon(AlertHorizon),
    SortSims(SimSort),
    ArmPlan(Option<PlanId>),
    /// Escape: drop a plan armed by a click.
    Cancel,
    /// A plan dropped (or clicked then a day clicked) on `on`; `sim` when the target names one.
    DropPlan {
        plan: PlanId,
        on: NaiveDate,
        sim: Option<SimId>,
    },
    MoveRenewal {
        renewal: RenewalId,
        on: NaiveDate,
    },
    ClickDay(NaiveDate),
    NewSim,
    EditSim(SimId),
    NewPlan,
    EditPlan(PlanId),
    EditRenewal(RenewalId),
    ScheduleRenewal(SimId),
    SelectTrip(TripId),
    NewTrip,
    EditTrip(TripId),
    DuplicateTrip(TripId),
    /// "Cover this trip": work out the cheapest purchases that cover it (off the frame).
    CoverTrip(TripId),
    Settings,
    ConfirmDelete(DeleteTarget),
    /// Start with this state (the welcome's choice), then autosave if the bool says so: the
    /// first file written is the chosen state, never an empty one.
    StartWith(Box<State>, bool),
    /// Open the window of a File menu action.
    Files(FilePurpose),
    /// Open a recent state file.
    OpenRecent(PathBuf),
    Undo,
    Redo,
    Quit,
    /// Help → Legend: open or close it.
    ShowLegend,
}

/// What a delete confirmation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteTarget {
    Sim(SimId),
    Plan(PlanId),
    Trip(TripId),
}
