//! The app shell: owns the document, the cached schedule and what is selected; lays out the
//! panels; applies the actions a frame collected, after the frame.

use std::path::PathBuf;

use chrono::{Datelike as _, Days, NaiveDate};
use egui::{Key, KeyboardShortcut, Modifiers};
use rust_i18n::t;

use super::document::{Document, SaveStatus};
use super::edit::Edit;
use super::editors::{Editor, EditorOutcome};
use super::file_dialogs::{FileDialogs, FilePurpose, NoDialogs};
use super::files::{FileOutcome, FilesWindow};
use super::startup::Startup;
use super::{alerts, dnd, month, plans, sim_list, style, timeline, trips};
use crate::model::{PlanId, Renewal, RenewalId, SimId, State};
use crate::schedule::{Agenda, Alert, DateRange, alerts as schedule_alerts};
use crate::text::alert_sentence;

/// Where the recent-files list is kept in eframe's storage.
pub const RECENT_FILES_KEY: &str = "recent_files";
const MAX_RECENT_FILES: usize = 8;

/// How many days ahead the alerts list looks (overdue renewals are always listed).
pub const ALERT_HORIZON_DAYS: u64 = 30;

const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const NEW_SIM: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);

/// The left panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    Sims,
    Plans,
    Trips,
}

/// The calendar's two views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarKind {
    Month,
    Timeline,
}

/// What is dragged: a plan chip (to schedule a renewal) or a renewal (to move it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragPayload {
    Plan(PlanId),
    Renewal(RenewalId),
}

/// What the user looks at and has selected; not part of the saved state.
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
    /// The width of a day in the timeline, as last drawn.
    pub px_per_day: f32,
    /// Part of a day the timeline was dragged by and has not moved yet.
    pub pan_remainder: f32,
    pub selected_sim: Option<SimId>,
    pub selected_renewal: Option<RenewalId>,
    pub selected_day: Option<NaiveDate>,
    /// A plan chip clicked: the next click on a day schedules it.
    pub armed_plan: Option<PlanId>,
    pub sim_filter: String,
    pub sim_sort: sim_list::SimSort,
}

/// Something the user did this frame, applied after the frame is drawn.
#[derive(Clone, Debug)]
pub enum Action {
    Edit(Edit),
    SelectSim(Option<SimId>),
    SelectRenewal(RenewalId),
    /// Show `day` in the calendar (and select `sim`, if any).
    GoTo {
        day: NaiveDate,
        sim: Option<SimId>,
    },
    ArmPlan(Option<PlanId>),
    ShowCalendar(CalendarKind),
    /// Move the timeline by this many days (fractions accumulate while dragging).
    PanTimeline(f32),
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
}

/// What a delete confirmation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteTarget {
    Sim(SimId),
    Plan(PlanId),
}

/// The schedule computed for one revision of the state, with the alerts drawn from it and
/// what the views keep of it; all of it is made anew when the state changes.
pub struct ScheduleCache {
    pub revision: u64,
    pub agenda: Agenda,
    pub alerts: Vec<Alert>,
    /// Each alert's sentence, made once per change rather than every frame.
    pub alert_texts: Vec<String>,
    /// The views' texts and ranges drawn from this schedule, filled as they are shown.
    views: ViewCaches,
}

/// What the month grid, the SIM table and the timeline keep between frames.
#[derive(Default)]
struct ViewCaches {
    month: month::MonthCache,
    sim_list: sim_list::SimListCache,
    timeline: timeline::TimelineCache,
}

impl ScheduleCache {
    fn compute(state: &State, revision: u64, today: NaiveDate) -> Self {
        let agenda = Agenda::compute(state, today);
        let end = today
            .checked_add_days(Days::new(ALERT_HORIZON_DAYS))
            .unwrap_or(today);
        let alerts = schedule_alerts(&agenda, DateRange::new(today, end));
        let alert_texts = alerts
            .iter()
            .map(|alert| alert_sentence(state, alert))
            .collect();
        Self {
            revision,
            agenda,
            alerts,
            alert_texts,
            views: ViewCaches::default(),
        }
    }
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
    Welcome(Startup),
    /// An edit was refused.
    Refused(Vec<String>),
}

/// The SIM Planner window.
pub struct SimPlannerApp {
    doc: Document,
    today: NaiveDate,
    cache: ScheduleCache,
    view: ViewState,
    editor: Option<Editor>,
    prompt: Option<Prompt>,
    dialogs: Box<dyn FileDialogs>,
    files: Option<FilesWindow>,
    recent: Vec<PathBuf>,
    /// The last file action's result, shown in the status line.
    notice: Option<String>,
}

impl SimPlannerApp {
    /// The app as it opens after `startup`; `today` overrides the local date.
    pub fn new(startup: Startup, today: Option<NaiveDate>) -> Self {
        let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
        let (doc, prompt) = match startup {
            Startup::Loaded { state, path } => (Document::new(state, Some(path), true), None),
            Startup::NoPath => (Document::new(State::default(), None, false), None),
            Startup::FirstRun { ref path }
            | Startup::Broken { ref path, .. }
            | Startup::Newer { ref path, .. } => (
                Document::new(State::default(), Some(path.clone()), false),
                Some(Prompt::Welcome(startup)),
            ),
        };
        Self::from_parts(doc, today, prompt)
    }

    /// An app over `state` kept in memory only (tests, benches).
    pub fn with_state(state: State, today: NaiveDate) -> Self {
        Self::from_parts(Document::new(state, None, false), today, None)
    }

    /// An app over a [`Document`] (tests that check autosave).
    pub fn with_document(doc: Document, today: NaiveDate) -> Self {
        Self::from_parts(doc, today, None)
    }

    fn from_parts(doc: Document, today: NaiveDate, prompt: Option<Prompt>) -> Self {
        let cache = ScheduleCache::compute(doc.state(), doc.revision(), today);
        let view = ViewState {
            left_tab: LeftTab::Sims,
            calendar: CalendarKind::Month,
            month: today,
            timeline_start: today.checked_sub_days(Days::new(14)).unwrap_or(today),
            timeline_days: timeline::DEFAULT_DAYS_VISIBLE,
            px_per_day: 0.0,
            pan_remainder: 0.0,
            selected_sim: doc.state().sims.first().map(|sim| sim.id),
            selected_renewal: None,
            selected_day: None,
            armed_plan: None,
            sim_filter: String::new(),
            sim_sort: sim_list::SimSort::default(),
        };
        Self {
            doc,
            today,
            cache,
            view,
            editor: None,
            prompt,
            dialogs: Box::new(NoDialogs::default()),
            files: None,
            recent: Vec::new(),
            notice: None,
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

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    /// The last file action's result, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|known| known != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT_FILES);
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

    /// Recomputes the schedule only when the state changed.
    fn refresh(&mut self) {
        if self.cache.revision != self.doc.revision() {
            self.cache = ScheduleCache::compute(self.doc.state(), self.doc.revision(), self.today);
            self.refresh_selection();
        }
    }

    /// Drops selections of things that no longer exist.
    fn refresh_selection(&mut self) {
        let state = self.doc.state();
        if self
            .view
            .selected_sim
            .is_none_or(|id| state.sim(id).is_none())
        {
            self.view.selected_sim = state.sims.first().map(|sim| sim.id);
        }
        if self
            .view
            .selected_renewal
            .is_some_and(|id| state.renewal(id).is_none())
        {
            self.view.selected_renewal = None;
        }
        if self
            .view
            .armed_plan
            .is_some_and(|id| state.plan(id).is_none())
        {
            self.view.armed_plan = None;
        }
    }

    fn shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if self.editor.is_some() || self.prompt.is_some() {
            return;
        }
        if ctx.input_mut(|input| input.consume_shortcut(&NEW_SIM)) {
            actions.push(Action::NewSim);
        }
        // While a text field has focus, Ctrl+Z belongs to the text, not to the state.
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        ctx.input_mut(|input| {
            // The most specific shortcut first: Ctrl+Shift+Z before Ctrl+Z.
            if input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_Y) {
                actions.push(Action::Redo);
            }
            if input.consume_shortcut(&UNDO) {
                actions.push(Action::Undo);
            }
            if input.key_pressed(Key::Escape) && self.view.armed_plan.is_some() {
                actions.push(Action::ArmPlan(None));
            }
        });
    }

    /// Applies what the frame collected.
    fn handle(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.handle_one(action);
            self.refresh();
        }
    }

    fn handle_one(&mut self, action: Action) {
        let state = self.doc.state();
        match action {
            Action::Edit(edit) => self.apply_or_report(edit),
            Action::SelectSim(id) => self.view.selected_sim = id,
            Action::SelectRenewal(id) => {
                self.view.selected_renewal = Some(id);
                self.view.selected_sim = state
                    .renewal(id)
                    .map(|renewal| renewal.sim)
                    .or(self.view.selected_sim);
            }
            Action::GoTo { day, sim } => {
                self.view.month = day;
                self.view.selected_day = Some(day);
                self.view.timeline_start = day.checked_sub_days(Days::new(14)).unwrap_or(day);
                if sim.is_some() {
                    self.view.selected_sim = sim;
                }
            }
            Action::ArmPlan(plan) => self.view.armed_plan = plan,
            Action::ShowCalendar(kind) => self.view.calendar = kind,
            Action::PanTimeline(days) => timeline::pan(&mut self.view, days),
            Action::ClickDay(day) => {
                self.view.selected_day = Some(day);
                if let Some(plan) = self.view.armed_plan.take() {
                    self.drop_plan(plan, day, None);
                }
            }
            Action::DropPlan { plan, on, sim } => {
                self.view.armed_plan = None;
                self.drop_plan(plan, on, sim);
            }
            Action::MoveRenewal { renewal, on } => {
                if let Some(existing) = state.renewal(renewal).filter(|r| r.on != on) {
                    let moved = Renewal {
                        on,
                        ..existing.clone()
                    };
                    self.apply_or_report(Edit::UpdateRenewal(moved));
                }
            }
            Action::NewSim => self.editor = Some(Editor::new_sim(state)),
            Action::EditSim(id) => self.editor = state.sim(id).map(Editor::edit_sim),
            Action::NewPlan => self.editor = Some(Editor::new_plan(state)),
            Action::EditPlan(id) => self.editor = state.plan(id).map(Editor::edit_plan),
            Action::EditRenewal(id) => self.editor = state.renewal(id).map(Editor::edit_renewal),
            Action::ScheduleRenewal(sim) => {
                let on = self.view.selected_day.unwrap_or(self.today);
                self.editor = Some(Editor::new_renewal(state, Some(sim), on));
            }
            Action::Settings => self.editor = Some(Editor::settings(&state.settings)),
            Action::ConfirmDelete(target) => self.prompt = Some(Prompt::ConfirmDelete(target)),
            Action::StartWith(state, autosave) => {
                self.apply_or_report(Edit::ReplaceState(state));
                if autosave {
                    self.doc.enable_autosave();
                }
            }
            Action::Files(purpose) => self.files = Some(FilesWindow::new(purpose, self.doc.path())),
            Action::OpenRecent(path) => {
                let mut window = FilesWindow::with_path(FilePurpose::Open, &path);
                let outcome = window.run(state, self.today);
                self.files = Some(window);
                if let Some(outcome) = outcome {
                    self.file_outcome(outcome);
                }
            }
            Action::Undo => {
                self.doc.undo();
            }
            Action::Redo => {
                self.doc.redo();
            }
        }
    }

    /// Schedules `plan` on `on` for `sim`, else for the selected SIM if it can take the plan,
    /// else asks which SIM.
    fn drop_plan(&mut self, plan_id: PlanId, on: NaiveDate, sim: Option<SimId>) {
        let state = self.doc.state();
        if state.plan(plan_id).is_none() {
            return;
        }
        // The same choice of SIM the drag preview showed.
        let renewal = dnd::renewal_for_drop(
            state,
            DragPayload::Plan(plan_id),
            on,
            sim,
            self.view.selected_sim,
        );
        match renewal {
            Some(renewal) => {
                self.view.selected_sim = Some(renewal.sim);
                self.apply_or_report(Edit::AddRenewal(renewal));
            }
            None => self.prompt = Some(Prompt::ChooseSim { plan: plan_id, on }),
        }
    }

    /// Carries out a finished file action.
    fn file_outcome(&mut self, outcome: FileOutcome) {
        self.files = None;
        match outcome {
            FileOutcome::New(path) => {
                self.doc = Document::new(State::default(), Some(path.clone()), true);
                self.doc.enable_autosave();
                self.remember(&path);
                self.notice =
                    Some(t!("files.created", path = path.display().to_string()).into_owned());
            }
            FileOutcome::Open(path, state) => {
                self.doc = Document::new(*state, Some(path.clone()), true);
                self.remember(&path);
                self.notice =
                    Some(t!("files.opened", path = path.display().to_string()).into_owned());
            }
            FileOutcome::SaveAs(path) => match self.doc.save_as(path.clone()) {
                Ok(()) => {
                    self.remember(&path);
                    self.notice =
                        Some(t!("files.saved_as", path = path.display().to_string()).into_owned());
                }
                Err(error) => self.prompt = Some(Prompt::Refused(vec![error])),
            },
            FileOutcome::Import(state, summary) => {
                self.apply_or_report(Edit::ReplaceState(state));
                self.notice = Some(t!("files.imported", summary = summary).into_owned());
            }
            FileOutcome::Exported(message) => self.notice = Some(message),
        }
        // Another document may have replaced this one: recompute its schedule.
        self.cache = ScheduleCache::compute(self.doc.state(), self.doc.revision(), self.today);
        self.refresh_selection();
    }

    /// The file window, the native dialog's answer, and files dropped on the window.
    fn files_ui(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().find(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
        }) {
            let mut window = FilesWindow::with_path(FilePurpose::Import, &path);
            window.run(self.doc.state(), self.today);
            self.files = Some(window);
        }
        if let Some(answer) = self.dialogs.poll()
            && let (Some(window), Some(path)) = (&mut self.files, answer.path)
            && window.purpose == answer.purpose
        {
            window.path = path.display().to_string();
            window.import = None;
            if let Some(outcome) = window.run(self.doc.state(), self.today) {
                self.file_outcome(outcome);
                return;
            }
        }
        let Some(window) = &mut self.files else {
            return;
        };
        let mut open = true;
        let outcome = window.show(
            ctx,
            self.doc.state(),
            self.today,
            self.dialogs.as_mut(),
            frame,
            &mut open,
        );
        if let Some(outcome) = outcome {
            self.file_outcome(outcome);
        } else if !open {
            self.files = None;
        }
    }

    fn apply_or_report(&mut self, edit: Edit) {
        if let Err(problems) = self.doc.apply(edit) {
            self.prompt = Some(Prompt::Refused(problems));
        }
    }

    fn menu_bar_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t!("menu.file"), |ui| {
                for (purpose, key) in [
                    (FilePurpose::New, "menu.new"),
                    (FilePurpose::Open, "menu.open"),
                    (FilePurpose::SaveAs, "menu.save_as"),
                ] {
                    if ui.button(t!(key)).clicked() {
                        actions.push(Action::Files(purpose));
                    }
                }
                ui.menu_button(t!("menu.recent"), |ui| {
                    if self.recent.is_empty() {
                        ui.label(t!("menu.no_recent"));
                    }
                    for path in &self.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenRecent(path.clone()));
                        }
                    }
                });
                ui.separator();
                for (purpose, key) in [
                    (FilePurpose::Import, "menu.import"),
                    (FilePurpose::ExportState, "menu.export_state"),
                    (FilePurpose::ExportSchedule, "menu.export_schedule"),
                ] {
                    if ui.button(t!(key)).clicked() {
                        actions.push(Action::Files(purpose));
                    }
                }
                ui.separator();
                if let Some(path) = self.doc.path() {
                    ui.label(
                        egui::RichText::new(t!(
                            "menu.state_file",
                            path = path.display().to_string()
                        ))
                        .small()
                        .weak(),
                    );
                }
                if ui.button(t!("menu.quit")).clicked() {
                    ui.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(t!("menu.edit"), |ui| {
                let undo = egui::Button::new(t!("menu.undo"))
                    .shortcut_text(ui.ctx().format_shortcut(&UNDO));
                if ui.add_enabled(self.doc.can_undo(), undo).clicked() {
                    actions.push(Action::Undo);
                }
                let redo = egui::Button::new(t!("menu.redo"))
                    .shortcut_text(ui.ctx().format_shortcut(&REDO));
                if ui.add_enabled(self.doc.can_redo(), redo).clicked() {
                    actions.push(Action::Redo);
                }
                ui.separator();
                let new_sim = egui::Button::new(t!("menu.new_sim"))
                    .shortcut_text(ui.ctx().format_shortcut(&NEW_SIM));
                if ui.add(new_sim).clicked() {
                    actions.push(Action::NewSim);
                }
                if ui.button(t!("menu.new_plan")).clicked() {
                    actions.push(Action::NewPlan);
                }
                ui.separator();
                if ui.button(t!("menu.settings")).clicked() {
                    actions.push(Action::Settings);
                }
            });
            ui.menu_button(t!("menu.view"), |ui| {
                for (kind, label) in [
                    (CalendarKind::Month, t!("calendar.month")),
                    (CalendarKind::Timeline, t!("calendar.timeline")),
                ] {
                    if ui.radio(self.view.calendar == kind, label).clicked() {
                        actions.push(Action::ShowCalendar(kind));
                        ui.close();
                    }
                }
                if ui.button(t!("calendar.today")).clicked() {
                    actions.push(Action::GoTo {
                        day: self.today,
                        sim: None,
                    });
                }
            });
            ui.menu_button(t!("menu.help"), |ui| {
                ui.label(t!("help.drag"));
                ui.label(t!("help.shortcuts"));
                ui.label(format!("SIM Planner {}", env!("CARGO_PKG_VERSION")));
            });
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            match self.doc.save_status() {
                SaveStatus::Unchanged => ui.label(t!("status.unchanged")),
                SaveStatus::Saved(at) => {
                    ui.label(t!("status.saved", time = at.format("%H:%M:%S").to_string()))
                }
                SaveStatus::Failed(error) => {
                    ui.colored_label(style::DANGER, t!("status.failed", error = error.as_str()))
                }
                SaveStatus::Off(reason) => ui.colored_label(style::WARNING, reason.as_str()),
            };
            if let Some(notice) = &self.notice {
                ui.separator();
                ui.label(notice);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(t!("status.today", date = self.today.to_string()));
                if let Some(plan) = self
                    .view
                    .armed_plan
                    .and_then(|id| self.doc.state().plan(id))
                {
                    ui.colored_label(style::ACCENT, t!("status.armed", plan = plan.name.as_str()));
                }
            });
        });
    }

    fn calendar_header_ui(&mut self, ui: &mut egui::Ui) {
        let (mut back, mut on) =
            ui.input(|i| (i.key_pressed(Key::PageUp), i.key_pressed(Key::PageDown)));
        // Two short rows, so the header never makes the panel wider than it is.
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.view.calendar,
                CalendarKind::Month,
                t!("calendar.month"),
            );
            ui.selectable_value(
                &mut self.view.calendar,
                CalendarKind::Timeline,
                t!("calendar.timeline"),
            );
            ui.separator();
            back |= ui
                .button("<")
                .on_hover_text(t!("calendar.previous"))
                .clicked();
            if ui.button(t!("calendar.today")).clicked() {
                self.view.month = self.today;
                self.view.timeline_start = self
                    .today
                    .checked_sub_days(Days::new(14))
                    .unwrap_or(self.today);
            }
            on |= ui.button(">").on_hover_text(t!("calendar.next")).clicked();
            if self.view.calendar == CalendarKind::Timeline {
                ui.spacing_mut().slider_width = 70.0;
                let zoom = egui::Slider::new(&mut self.view.timeline_days, timeline::ZOOM_RANGE)
                    .logarithmic(true)
                    .show_value(false)
                    .text(t!("calendar.zoom"));
                ui.add(zoom).on_hover_text(t!(
                    "calendar.zoom_hint",
                    days = self.view.timeline_days.round()
                ));
            }
        });
        let title = match self.view.calendar {
            CalendarKind::Month => {
                if back {
                    self.view.month = month::step_months(self.view.month, -1);
                }
                if on {
                    self.view.month = month::step_months(self.view.month, 1);
                }
                month::month_title(self.view.month)
            }
            CalendarKind::Timeline => {
                let step = Days::new(30);
                if back {
                    self.view.timeline_start = self
                        .view
                        .timeline_start
                        .checked_sub_days(step)
                        .unwrap_or(self.view.timeline_start);
                }
                if on {
                    self.view.timeline_start = self
                        .view
                        .timeline_start
                        .checked_add_days(step)
                        .unwrap_or(self.view.timeline_start);
                }
                month::month_title(self.view.timeline_start)
            }
        };
        ui.heading(title);
    }

    fn prompt_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(prompt) = &self.prompt else {
            return;
        };
        let state = self.doc.state();
        let mut close = false;
        let modal =
            egui::Modal::new(egui::Id::unique("sim-planner-prompt")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                match prompt {
                    Prompt::ChooseSim { plan, on } => {
                        let plan_name = state.plan(*plan).map_or("?", |p| p.name.as_str());
                        ui.heading(t!(
                            "prompt.choose_sim",
                            plan = plan_name,
                            date = on.to_string()
                        ));
                        let mut any = false;
                        for sim in state.sims.iter().filter(|sim| {
                            state.plan(*plan).is_some_and(|p| State::can_take(sim, p))
                        }) {
                            any = true;
                            if ui.button(&sim.name).clicked() {
                                actions.push(Action::DropPlan {
                                    plan: *plan,
                                    on: *on,
                                    sim: Some(sim.id),
                                });
                                close = true;
                            }
                        }
                        if !any {
                            ui.label(t!("prompt.no_sim_takes_plan"));
                        }
                        if ui.button(t!("prompt.cancel")).clicked() {
                            close = true;
                        }
                    }
                    Prompt::ConfirmDelete(target) => {
                        let text = match target {
                            DeleteTarget::Sim(id) => {
                                let count = state.renewals.iter().filter(|r| r.sim == *id).count();
                                t!(
                                    "prompt.delete_sim",
                                    name = state.sim(*id).map_or("?", |s| s.name.as_str()),
                                    count = count
                                )
                            }
                            DeleteTarget::Plan(id) => {
                                let count = state.renewals.iter().filter(|r| r.plan == *id).count();
                                t!(
                                    "prompt.delete_plan",
                                    name = state.plan(*id).map_or("?", |p| p.name.as_str()),
                                    count = count
                                )
                            }
                        };
                        ui.label(text);
                        ui.horizontal(|ui| {
                            if ui.button(t!("prompt.delete")).clicked() {
                                actions.push(Action::Edit(match target {
                                    DeleteTarget::Sim(id) => Edit::DeleteSim(*id),
                                    DeleteTarget::Plan(id) => Edit::DeletePlan(*id),
                                }));
                                close = true;
                            }
                            if ui.button(t!("prompt.cancel")).clicked() {
                                close = true;
                            }
                        });
                    }
                    Prompt::Refused(problems) => {
                        ui.heading(t!("prompt.refused"));
                        for problem in problems {
                            ui.colored_label(style::DANGER, problem);
                        }
                        if ui.button(t!("prompt.ok")).clicked() {
                            close = true;
                        }
                    }
                    Prompt::Welcome(startup) => {
                        if let Some(choice) = super::startup::welcome_ui(ui, startup) {
                            // Never autosave over a broken file that could not be moved aside.
                            let autosave = matches!(
                                startup,
                                Startup::FirstRun { .. }
                                    | Startup::Broken {
                                        moved_to: Some(_),
                                        ..
                                    }
                            );
                            actions.push(Action::StartWith(Box::new(choice), autosave));
                            close = true;
                        }
                    }
                }
            });
        let dismissable = !matches!(
            prompt,
            Prompt::Welcome(Startup::FirstRun { .. } | Startup::Broken { .. })
        );
        if close || (dismissable && modal.should_close()) {
            self.prompt = None;
        }
    }

    fn editor_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match editor.show(ctx, self.doc.state()) {
            EditorOutcome::Open => {}
            EditorOutcome::Closed => self.editor = None,
            EditorOutcome::Save(edit) => {
                actions.push(Action::Edit(edit));
                self.editor = None;
            }
        }
    }
}

impl eframe::App for SimPlannerApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.refresh();
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        self.shortcuts(&ctx, &mut actions);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        egui::Panel::left("lists")
            .resizable(true)
            .default_size(380.0)
            .min_size(280.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.view.left_tab, LeftTab::Sims, t!("tabs.sims"));
                    ui.selectable_value(&mut self.view.left_tab, LeftTab::Plans, t!("tabs.plans"));
                    ui.selectable_value(&mut self.view.left_tab, LeftTab::Trips, t!("tabs.trips"));
                });
                ui.separator();
                let state = self.doc.state();
                match self.view.left_tab {
                    LeftTab::Sims => sim_list::sim_list_ui(
                        ui,
                        state,
                        &self.cache.agenda,
                        &mut self.cache.views.sim_list,
                        &mut self.view,
                        self.today,
                        &mut actions,
                    ),
                    LeftTab::Plans => plans::plans_ui(ui, state, &self.view, &mut actions),
                    LeftTab::Trips => trips::trips_ui(ui, state, &self.cache.agenda, &mut actions),
                }
            });
        egui::Panel::right("details")
            .resizable(true)
            .default_size(280.0)
            .size_range(200.0..=360.0)
            .show(ui, |ui| {
                alerts::details_ui(
                    ui,
                    self.doc.state(),
                    &self.cache.agenda,
                    &self.view,
                    &mut actions,
                );
                ui.separator();
                alerts::alerts_ui(
                    ui,
                    &self.cache.alerts,
                    &self.cache.alert_texts,
                    &mut actions,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.calendar_header_ui(ui);
            ui.separator();
            let state = self.doc.state();
            match self.view.calendar {
                CalendarKind::Month => month::month_ui(
                    ui,
                    state,
                    &self.cache.agenda,
                    &mut self.cache.views.month,
                    &self.view,
                    self.today,
                    &mut actions,
                ),
                CalendarKind::Timeline => timeline::timeline_ui(
                    ui,
                    state,
                    &self.cache.agenda,
                    &mut self.cache.views.timeline,
                    &mut self.view,
                    self.today,
                    &mut actions,
                ),
            }
        });

        self.editor_ui(&ctx, &mut actions);
        self.prompt_ui(&ctx, &mut actions);
        self.files_ui(&ctx, Some(frame));
        self.handle(actions);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_FILES_KEY, &self.recent);
    }
}

/// The first day of `day`'s month.
pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}
