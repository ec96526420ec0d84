//! What the user looks at and has selected: not part of the saved state. Navigation lives here
//! as methods, so the header's buttons, the View menu and the keys all move the calendar the
//! same way.

use chrono::{Days, NaiveDate};

use crate::model::{PlanId, RenewalId, SimId, State, TripId};
use crate::schedule::step_months;

/// About three months visible at first.
pub const DEFAULT_TIMELINE_DAYS: f32 = 90.0;
/// Timeline zoom, as the number of days across the view.
pub const TIMELINE_ZOOM: std::ops::RangeInclusive<f32> = 14.0..=400.0;
/// How far before the day it shows the timeline starts.
const TIMELINE_LEAD_DAYS: u64 = 14;
/// How far Page Up / Page Down move the timeline.
const TIMELINE_PAGE_DAYS: i64 = 30;

/// The left panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    Sims,
    Plans,
    Trips,
}

/// What the middle of the window shows: the calendar's two views, the selected trip's
/// coverage day by day, or the costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarKind {
    Month,
    Timeline,
    Coverage,
    Costs,
}

/// A sortable column of the SIM table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SimColumn {
    #[default]
    Name,
    Carrier,
    PaidThrough,
    DaysLeft,
    PlannedThrough,
    NextRenewal,
}

/// How the SIM table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimSort {
    pub column: SimColumn,
    pub ascending: bool,
}

impl Default for SimSort {
    fn default() -> Self {
        Self {
            column: SimColumn::Name,
            ascending: true,
        }
    }
}

impl SimSort {
    /// The order after a click on `column`'s header: the other direction when it is the
    /// column sorted by, else ascending by it.
    #[must_use]
    pub fn clicked(self, column: SimColumn) -> Self {
        Self {
            column,
            ascending: self.column != column || !self.ascending,
        }
    }
}

/// How far ahead the alerts list looks (overdue renewals are always listed). Kept in eframe's
/// storage between runs.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum AlertHorizon {
    #[default]
    Days30,
    Days60,
    Days90,
    All,
}

impl AlertHorizon {
    pub const ALL: [Self; 4] = [Self::Days30, Self::Days60, Self::Days90, Self::All];

    /// How many days ahead; `None` for everything ahead.
    pub fn days(self) -> Option<u64> {
        match self {
            Self::Days30 => Some(30),
            Self::Days60 => Some(60),
            Self::Days90 => Some(90),
            Self::All => None,
        }
    }
}

/// What the user looks at and has selected.
#[derive(Clone, Debug)]
pub struct ViewState {
    pub left_tab: LeftTab,
    pub calendar: CalendarKind,
    /// Any day of the month shown in the month view.
    pub month: NaiveDate,
    /// The first day shown in the timeline.
    pub timeline_start: NaiveDate,
    /// Timeline zoom: how many days the view spans.
    pub timeline_days: f32,
    /// Part of a day the timeline was dragged by and has not moved yet.
    pub pan_remainder: f32,
    pub selected_sim: Option<SimId>,
    pub selected_renewal: Option<RenewalId>,
    pub selected_day: Option<NaiveDate>,
    /// The trip whose coverage the Trip view shows.
    pub selected_trip: Option<TripId>,
    /// A plan chip clicked: the next click on a day schedules it.
    pub armed_plan: Option<PlanId>,
    pub sim_filter: String,
    pub sim_sort: SimSort,
    pub alert_horizon: AlertHorizon,
}

impl ViewState {
    /// The view on opening: the month and the timeline around `today`, `first_sim` selected.
    pub fn new(today: NaiveDate, first_sim: Option<SimId>) -> Self {
        Self {
            left_tab: LeftTab::Sims,
            calendar: CalendarKind::Month,
            month: today,
            timeline_start: timeline_start_for(today),
            timeline_days: DEFAULT_TIMELINE_DAYS,
            pan_remainder: 0.0,
            selected_sim: first_sim,
            selected_renewal: None,
            selected_day: None,
            selected_trip: None,
            armed_plan: None,
            sim_filter: String::new(),
            sim_sort: SimSort::default(),
            alert_horizon: AlertHorizon::default(),
        }
    }

    /// Keeps the selection meaningful after any change: a SIM that no longer exists gives way
    /// to the first one (no selection stays none), and a renewal stays selected only while it exists and belongs to the
    /// selected SIM (Details never shows another SIM's renewal).
    pub fn keep_coherent(&mut self, state: &State) {
        if self.selected_sim.is_some_and(|id| state.sim(id).is_none()) {
            self.selected_sim = state.sims.first().map(|sim| sim.id);
        }
        let renewal_fits = self
            .selected_renewal
            .and_then(|id| state.renewal(id))
            .is_some_and(|renewal| Some(renewal.sim) == self.selected_sim);
        if !renewal_fits {
            self.selected_renewal = None;
        }
        if self.armed_plan.is_some_and(|id| state.plan(id).is_none()) {
            self.armed_plan = None;
        }
        if self.selected_trip.is_none_or(|id| state.trip(id).is_none()) {
            self.selected_trip = state.trips.first().map(|trip| trip.id);
        }
    }

    /// Shows `day` in both calendars and selects it (and `sim`, if given).
    pub fn go_to(&mut self, day: NaiveDate, sim: Option<SimId>) {
        self.month = day;
        self.timeline_start = timeline_start_for(day);
        self.selected_day = Some(day);
        if sim.is_some() {
            self.selected_sim = sim;
        }
    }

    /// "Today": the header's button, the View menu and its shortcut.
    pub fn show_today(&mut self, today: NaiveDate) {
        self.go_to(today, None);
    }

    /// Page Up / Page Down: a month in the month view, [`TIMELINE_PAGE_DAYS`] in the timeline.
    pub fn page(&mut self, pages: i32) {
        match self.calendar {
            CalendarKind::Month => self.month = step_months(self.month, pages),
            CalendarKind::Timeline => {
                self.shift_timeline(i64::from(pages) * TIMELINE_PAGE_DAYS);
            }
            CalendarKind::Coverage | CalendarKind::Costs => {}
        }
    }

    /// Moves the timeline by `days`; fractions of a day add up across frames, so a slow drag
    /// moves it too.
    pub fn pan_timeline(&mut self, days: f32) {
        self.pan_remainder += days;
        let whole = self.pan_remainder.trunc();
        self.pan_remainder -= whole;
        self.shift_timeline(whole as i64);
    }

    /// Sets the timeline's zoom to `days` across, kept within [`TIMELINE_ZOOM`].
    pub fn zoom_timeline(&mut self, days: f32) {
        if days.is_finite() {
            self.timeline_days = days.clamp(*TIMELINE_ZOOM.start(), *TIMELINE_ZOOM.end());
        }
    }

    fn shift_timeline(&mut self, days: i64) {
        let step = Days::new(days.unsigned_abs());
        let moved = if days >= 0 {
            self.timeline_start.checked_add_days(step)
        } else {
            self.timeline_start.checked_sub_days(step)
        };
        self.timeline_start = moved.unwrap_or(self.timeline_start);
    }
}

/// The timeline shows a little of what came before the day it is opened on.
fn timeline_start_for(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(TIMELINE_LEAD_DAYS))
        .unwrap_or(day)
}
