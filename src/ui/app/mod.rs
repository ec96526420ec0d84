//! The app shell, split by role as rerun's `re_viewer/src/app/` is: this file holds the struct
//! and `eframe::App` (the frame's layout); `handle.rs` applies the actions a frame collected,
//! `menus.rs` draws the menu bar, the status line and the calendar's header, `prompts.rs` the
//! modal questions and the editor window, `files.rs` the File menu's work.

mod files;
mod handle;
mod menus;
mod prompts;

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use super::action::{Action, DeleteTarget};
use super::clock::Clock;
use super::command::Command;
use super::context::ViewContext;
use super::costs::CostsCache;
use super::cover::{CoverRunner, CoverStatus};
use super::coverage::CoverageCache;
use super::day_panel::{self, DayPanelCache};
use super::document::Document;
use super::edit::Edit;
use super::editors::Editor;
use super::file_dialogs::{FileDialogs, NoDialogs};
use super::files::{FilesWindow, JobOutput};
use super::month::MonthCache;
use super::schedule_cache::ScheduleCache;
use super::sim_list::SimListCache;
use super::startup::{Startup, fresh_state};
use super::tasks::Tasks;
use super::timeline::TimelineCache;
use super::view_state::{AlertHorizon, CalendarKind, LeftTab, ViewState};
use super::writer::OutsideChange;
use super::{alerts, costs, coverage, details, legend, month, plans, sim_list, timeline, trips};
use crate::model::{PlanId, State};
use crate::schedule::Agenda;

/// The views' context for one frame, built from the app's fields one by one so the views'
/// caches (other fields) can be lent mutably beside it.
macro_rules! view_context {
    ($app:expr, $actions:expr) => {
        ViewContext {
            state: $app.doc.state(),
            schedule: &$app.cache,
            view: &$app.view,
            today: $app.today,
            actions: $actions,
        }
    };
}

/// The widths the left and right panels may take in a window `width` wide: each has a floor
/// its contents need, and together they leave the calendar over two fifths of the window (a
/// 900 px window keeps all seven weekday columns in view).
fn side_panel_ranges(width: f32) -> (egui::Rangef, egui::Rangef) {
    let left_max = (width * 0.36).clamp(260.0, 520.0);
    let right_max = (width * 0.22).clamp(200.0, 420.0);
    (
        egui::Rangef::new(260.0, left_max),
        egui::Rangef::new(200.0, right_max),
    )
}

/// Where the recent-files list is kept in eframe's storage.
pub const RECENT_FILES_KEY: &str = "recent_files";
/// Where the alerts' horizon is kept in eframe's storage.
pub const ALERT_HORIZON_KEY: &str = "alert_horizon";

/// How long closing the window waits for the last write before it gives up and says so.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

/// What the month grid, the SIM table and the timeline keep between frames. They are drawn
/// from one schedule and start empty whenever it is computed again.
#[derive(Default)]
struct ViewCaches {
    costs: CostsCache,
    coverage: CoverageCache,
    day_panel: DayPanelCache,
    month: MonthCache,
    sim_list: SimListCache,
    timeline: TimelineCache,
}

/// A question the app is asking in a modal.
enum Prompt {
    /// Which SIM should take a plan dropped on a day.
    ChooseSim {
        plan: PlanId,
        on: NaiveDate,
    },
    ConfirmDelete(DeleteTarget),
    /// First run, a file that did not load, or a newer file.
    Welcome(Box<Startup>),
    /// An edit was refused.
    Refused(Vec<String>),
    /// The window is closing, but the last change could not be written: why.
    CloseUnsaved(String),
    /// The file changed from outside while this window had a change of its own waiting.
    Conflict(Box<OutsideChange>),
}

/// Where closing the window stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closing {
    Open,
    /// Asked to close while a write was still running: waiting for it.
    Waiting,
    /// Everything is written (or the user chose to close anyway).
    Confirmed,
}

/// The SIM Planner window.
pub struct SimPlannerApp {
    doc: Document,
    clock: Clock,
    today: NaiveDate,
    cache: ScheduleCache,
    views: ViewCaches,
    view: ViewState,
    editor: Option<Editor>,
    prompt: Option<Prompt>,
    dialogs: Box<dyn FileDialogs>,
    files: Option<FilesWindow>,
    tasks: Tasks<JobOutput>,
    /// "Cover this trip", worked out off the frame.
    cover: CoverRunner,
    recent: Vec<PathBuf>,
    /// The last file action's result, shown in the status line.
    notice: Option<String>,
    /// An import's summary and its step in the undo history, so the notice follows undo and
    /// redo of that step.
    import_step: Option<(usize, String)>,
    closing: Closing,
    /// Help → Legend is open.
    legend_open: bool,
}

impl SimPlannerApp {
    /// The app as it opens after `startup`; `today` pins the date (else the clock is read).
    pub fn new(mut startup: Startup, today: Option<NaiveDate>) -> Self {
        let lock = startup.take_lock();
        let (doc, prompt) = match startup {
            Startup::Loaded {
                state, lock, stamp, ..
            } => (Document::open(state, lock, Some(stamp), true), None),
            Startup::NoPath => (Document::new(fresh_state(), None, false), None),
            Startup::Newer {
                ref path,
                ref message,
                ref shown,
            }
            | Startup::InUse {
                ref path,
                ref message,
                ref shown,
            } => (
                Document::read_only(
                    shown.clone().unwrap_or_default(),
                    path.clone(),
                    message.clone(),
                ),
                Some(Prompt::Welcome(Box::new(startup))),
            ),
            Startup::FirstRun { ref path, .. } | Startup::Broken { ref path, .. } => {
                // The file's lock is kept from the start: the first file written is this
                // window's.
                let doc = match lock {
                    Some(lock) => Document::open(fresh_state(), lock, None, false),
                    None => Document::new(fresh_state(), Some(path.clone()), false),
                };
                (doc, Some(Prompt::Welcome(Box::new(startup))))
            }
        };
        let clock = today.map_or(Clock::Local, Clock::Pinned);
        Self::from_parts(doc, clock, prompt)
    }

    /// An app over `state` kept in memory only, on `today` (tests, benches).
    pub fn with_state(state: State, today: NaiveDate) -> Self {
        Self::from_parts(
            Document::new(state, None, false),
            Clock::Pinned(today),
            None,
        )
    }

    /// An app over a [`Document`] on `today` (tests that check autosave).
    pub fn with_document(doc: Document, today: NaiveDate) -> Self {
        Self::from_parts(doc, Clock::Pinned(today), None)
    }

    /// Reads today from `clock` every frame instead (tests of a window left open past
    /// midnight).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Fn() -> NaiveDate + 'static) -> Self {
        self.clock = Clock::Custom(Box::new(clock));
        self
    }

    fn from_parts(doc: Document, clock: Clock, prompt: Option<Prompt>) -> Self {
        let today = clock.today();
        // The alerts' sentences are made with the schedule: in the state's language.
        crate::text::use_language(doc.state().settings.language);
        let cache = ScheduleCache::compute(&doc, today, AlertHorizon::default());
        let view = ViewState::new(today, doc.state().sims.first().map(|sim| sim.id));
        Self {
            doc,
            clock,
            today,
            cache,
            views: ViewCaches::default(),
            view,
            editor: None,
            prompt,
            dialogs: Box::new(NoDialogs::default()),
            files: None,
            tasks: Tasks::default(),
            cover: CoverRunner::default(),
            recent: Vec::new(),
            notice: None,
            import_step: None,
            closing: Closing::Open,
            legend_open: false,
        }
    }

    /// Uses `dialogs` for the File menu's "Browse..." buttons.
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// Starts with this recent-files list (most recent first).
    #[must_use]
    pub fn with_recent_files(mut self, recent: Vec<PathBuf>) -> Self {
        self.recent = recent;
        self
    }

    /// Starts with the alerts looking `horizon` ahead (the choice kept from the last run).
    #[must_use]
    pub fn with_alert_horizon(mut self, horizon: AlertHorizon) -> Self {
        self.view.alert_horizon = horizon;
        self.refresh();
        self
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    /// The last file action's result, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn state(&self) -> &State {
        self.doc.state()
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn view(&self) -> &ViewState {
        &self.view
    }

    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    pub fn agenda(&self) -> &Agenda {
        &self.cache.agenda
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Applies an edit as the UI would (tests use this to set up a state).
    pub fn apply(&mut self, edit: Edit) -> Result<(), Vec<String>> {
        let result = self.doc.apply(edit);
        self.refresh();
        result
    }

    /// Waits (at most `timeout`) for the autosave and any file task, and takes their results,
    /// as the next frame would. Tests call it before they look at the disk.
    pub fn wait_for_background_work(&mut self, timeout: Duration) -> bool {
        let saved = self.doc.wait_for_saves(timeout);
        if self.tasks.is_running() {
            let Some(output) = self.tasks.wait(timeout) else {
                return false;
            };
            self.task_finished(output);
        }
        if !self.cover.wait(timeout) {
            return false;
        }
        self.refresh();
        saved
    }

    /// Recomputes the schedule when the state, the document or today changed, and keeps the
    /// selection to things that exist and belong together.
    fn refresh(&mut self) {
        // The state's language is the window's: a switch (or its undo) applies at once, and
        // the alerts' sentences below are made in it.
        crate::text::use_language(self.doc.state().settings.language);
        let horizon = self.view.alert_horizon;
        if !self.cache.is_for(&self.doc, self.today, horizon) {
            self.cache = ScheduleCache::compute(&self.doc, self.today, horizon);
            self.views = ViewCaches::default();
        }
        self.view.keep_coherent(self.doc.state());
    }

    /// Today from the clock; a new day recomputes the schedule (in `refresh`).
    fn follow_the_clock(&mut self, ctx: &egui::Context) {
        self.today = self.clock.today();
        self.clock.wake_at_midnight(ctx);
    }

    /// A change of the file from outside: reloaded as one undoable step when this window has
    /// nothing waiting to be saved, else asked about (never overwritten silently).
    fn outside_changes(&mut self) {
        if let Some(kept) = self.doc.take_kept_theirs() {
            self.notice = Some(
                rust_i18n::t!("outside.kept_theirs", path = kept.display().to_string())
                    .into_owned(),
            );
        }
        let Some((change, mine_waiting)) = self.doc.take_outside_change() else {
            return;
        };
        match change.theirs {
            Ok(theirs) if !mine_waiting => {
                self.doc.take_theirs(theirs, change.stamp);
                self.notice = Some(rust_i18n::t!("outside.reloaded").into_owned());
            }
            Err(error) if !mine_waiting => {
                self.notice =
                    Some(rust_i18n::t!("outside.does_not_load", error = error).into_owned());
            }
            theirs => {
                self.prompt = Some(Prompt::Conflict(Box::new(OutsideChange {
                    theirs,
                    stamp: change.stamp,
                })));
            }
        }
    }

    /// The keys of the command table, when no window or popup has them.
    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        // Escape closes the topmost window first (an editor and a modal close themselves).
        let windows_open = self.files.is_some() || self.legend_open;
        if windows_open
            && self.editor.is_none()
            && self.prompt.is_none()
            && !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            if self.files.is_some() {
                self.files = None;
            } else {
                self.legend_open = false;
            }
            return;
        }
        if self.editor.is_some()
            || self.prompt.is_some()
            || self.files.is_some()
            || egui::Popup::is_any_open(ctx)
        {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let pressed = ctx.input_mut(|input| Command::pressed(input, typing));
        actions.extend(pressed.into_iter().map(Command::action));
    }

    /// Help → Legend, in a window of its own.
    fn legend_window_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.legend_open;
        egui::Window::new(rust_i18n::t!("legend.title"))
            .id(egui::Id::unique("legend-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, legend::legend_ui);
        self.legend_open = open;
    }

    /// The right panel: the selection's details and the day clicked, scrolling in the upper
    /// part, and the alerts beneath.
    fn side_panel_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let upper = (ui.available_height() * 0.6).max(160.0);
        let mut ctx = view_context!(self, actions);
        egui::ScrollArea::vertical()
            .id_salt("details-scroll")
            .max_height(upper)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                details::details_ui(ui, &mut ctx);
                if ctx.view.selected_day.is_some() {
                    ui.separator();
                    day_panel::day_panel_ui(ui, &mut ctx, &mut self.views.day_panel);
                }
            });
        ui.separator();
        alerts::alerts_ui(ui, &mut ctx);
    }

    /// The left panel: the SIMs, Plans and Trips tabs.
    fn lists_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            for (tab, label) in [
                (LeftTab::Sims, rust_i18n::t!("tabs.sims")),
                (LeftTab::Plans, rust_i18n::t!("tabs.plans")),
                (LeftTab::Trips, rust_i18n::t!("tabs.trips")),
            ] {
                if ui
                    .selectable_label(self.view.left_tab == tab, label)
                    .clicked()
                {
                    actions.push(Action::ShowTab(tab));
                }
            }
        });
        ui.separator();
        let mut ctx = view_context!(self, actions);
        match self.view.left_tab {
            LeftTab::Sims => sim_list::sim_list_ui(ui, &mut ctx, &mut self.views.sim_list),
            LeftTab::Plans => plans::plans_ui(ui, &mut ctx),
            LeftTab::Trips => trips::trips_ui(ui, &mut ctx),
        }
    }
}

impl eframe::App for SimPlannerApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.doc.set_repaint(&ctx);
        self.tasks.set_repaint(&ctx);
        self.cover.set_repaint(&ctx);
        self.cover.poll();
        self.follow_the_clock(&ctx);
        self.doc.poll_saves();
        self.outside_changes();
        self.refresh();
        self.closing_ui(&ctx);
        let mut actions = Vec::new();
        self.shortcuts(&ctx, &mut actions);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        // The side panels keep to their ranges (the calendar never shifts with their contents)
        // and together leave the calendar at least half the window.
        let width = ctx.content_rect().width();
        let (left, right) = side_panel_ranges(width);
        egui::Panel::left("lists")
            .resizable(true)
            .default_size(left.max)
            .size_range(left)
            .show(ui, |ui| self.lists_ui(ui, &mut actions));
        egui::Panel::right("details")
            .resizable(true)
            .default_size(right.max.min(300.0))
            .size_range(right)
            .show(ui, |ui| self.side_panel_ui(ui, &mut actions));
        egui::CentralPanel::default().show(ui, |ui| {
            self.calendar_header_ui(ui, &mut actions);
            ui.separator();
            if matches!(
                self.view.calendar,
                CalendarKind::Month | CalendarKind::Timeline
            ) {
                egui::Panel::bottom("legend-key")
                    .show_separator_line(false)
                    .show(ui, legend::legend_key_ui);
            }
            let mut view_ctx = view_context!(self, &mut actions);
            match self.view.calendar {
                CalendarKind::Month => {
                    month::month_ui(ui, &mut view_ctx, &mut self.views.month);
                }
                CalendarKind::Timeline => {
                    timeline::timeline_ui(ui, &mut view_ctx, &mut self.views.timeline);
                }
                CalendarKind::Coverage => {
                    let key = view_ctx.view.selected_trip.map(|trip| self.cover_key(trip));
                    let status = key.map_or(CoverStatus::NotAsked, |key| self.cover.status(key));
                    coverage::coverage_ui(ui, &mut view_ctx, &status, &mut self.views.coverage);
                }
                CalendarKind::Costs => costs::costs_ui(ui, &mut view_ctx, &mut self.views.costs),
            }
        });

        self.legend_window_ui(&ctx);
        self.editor_ui(&ctx, &mut actions);
        self.prompt_ui(&ctx, &mut actions);
        self.files_ui(&ctx, Some(frame));
        self.handle(&ctx, actions);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_FILES_KEY, &self.recent);
        eframe::set_value(storage, ALERT_HORIZON_KEY, &self.view.alert_horizon);
    }

    fn on_exit(&mut self) {
        if !self.doc.wait_for_saves(CLOSE_WAIT) {
            log::error!(
                "the window closed while the last change was still being written to {}",
                self.doc
                    .path()
                    .map_or_else(String::new, |path| path.display().to_string())
            );
        }
    }
}
