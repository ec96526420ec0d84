//! Applying what a frame collected: every [`Action`] ends here, and every change of the state
//! goes through [`Document::apply`](crate::ui::document::Document::apply) from here.

use chrono::NaiveDate;
use rust_i18n::t;

use super::{Prompt, SimPlannerApp};
use crate::model::{PlanId, Renewal, SimId, TripId};
use crate::ui::action::Action;
use crate::ui::cover::CoverKey;
use crate::ui::dnd::{self, DragPayload};
use crate::ui::edit::Edit;
use crate::ui::editors::Editor;
use crate::ui::file_dialogs::FilePurpose;
use crate::ui::files::FilesWindow;

impl SimPlannerApp {
    /// Applies what the frame collected, in order, and draws the result in another frame.
    pub(super) fn handle(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        if !actions.is_empty() {
            ctx.request_repaint();
        }
        for action in actions {
            self.handle_one(ctx, action);
            self.refresh();
        }
    }

    fn handle_one(&mut self, ctx: &egui::Context, action: Action) {
        if changes_state(&action)
            && let Some(reason) = self.doc.read_only_reason()
        {
            self.prompt = Some(Prompt::Refused(vec![reason.to_owned()]));
            return;
        }
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
            Action::GoTo { day, sim } => self.view.go_to(day, sim),
            Action::ShowToday => self.view.show_today(self.today),
            Action::Page(pages) => self.view.page(pages),
            Action::ShowTab(tab) => self.view.left_tab = tab,
            Action::ShowCalendar(kind) => self.view.calendar = kind,
            Action::PanTimeline(days) => self.view.pan_timeline(days),
            Action::ZoomTimeline(days) => self.view.zoom_timeline(days),
            Action::SetSimFilter(filter) => self.view.sim_filter = filter,
            Action::SetAlertHorizon(horizon) => self.view.alert_horizon = horizon,
            Action::SortSims(sort) => self.view.sim_sort = sort,
            Action::ArmPlan(plan) => self.view.armed_plan = plan,
            Action::Cancel => self.view.armed_plan = None,
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
            Action::SelectTrip(id) => self.view.selected_trip = Some(id),
            Action::NewTrip => self.editor = Some(Editor::new_trip()),
            Action::EditTrip(id) => self.editor = state.trip(id).map(Editor::edit_trip),
            Action::DuplicateTrip(id) => self.editor = state.trip(id).map(Editor::duplicate_trip),
            Action::CoverTrip(id) => {
                self.view.selected_trip = Some(id);
                let key = self.cover_key(id);
                if !self.cover.start(key, state.clone()) {
                    self.notice = Some(t!("coverage.busy").into_owned());
                }
            }
            Action::Settings => self.editor = Some(Editor::settings(&state.settings)),
            Action::ConfirmDelete(target) => self.prompt = Some(Prompt::ConfirmDelete(target)),
            Action::StartWith(state, autosave) => {
                self.apply_or_report(Edit::ReplaceState(state));
                if autosave {
                    self.doc.enable_autosave();
                }
            }
            Action::Files(purpose) => {
                self.files = Some(FilesWindow::new(purpose, self.doc.path()));
            }
            Action::OpenRecent(path) => {
                self.files = Some(FilesWindow::with_path(FilePurpose::Open, &path));
                self.run_file_window();
            }
            Action::Undo => {
                let step = self.doc.undo_depth();
                if self.doc.undo() {
                    self.notice_follows_history(step, false);
                }
            }
            Action::Redo => {
                if self.doc.redo() {
                    self.notice_follows_history(self.doc.undo_depth(), true);
                }
            }
            // The same path as the window's close button, which waits for the last write.
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::ShowLegend => self.legend_open = !self.legend_open,
        }
    }

    /// After undoing (or redoing) the step at `step` of the history: an import's notice says
    /// it was undone (or done again), so the status line never claims what is not so.
    fn notice_follows_history(&mut self, step: usize, redone: bool) {
        let Some((import_step, summary)) = &self.import_step else {
            return;
        };
        if *import_step == step {
            let key = if redone {
                "files.imported"
            } else {
                "files.import_undone"
            };
            self.notice = Some(t!(key, summary = summary.as_str()).into_owned());
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
            Some(renewal) => self.apply_or_report(Edit::AddRenewal(renewal)),
            None => self.prompt = Some(Prompt::ChooseSim { plan: plan_id, on }),
        }
    }

    /// What "Cover this trip" works out for `trip` now: this document's revision, today.
    pub(super) fn cover_key(&self, trip: TripId) -> CoverKey {
        CoverKey {
            document: self.doc.id(),
            revision: self.doc.revision(),
            today: self.today,
            trip,
        }
    }

    /// Applies `edit`, or says why it was refused.
    pub(super) fn apply_or_report(&mut self, edit: Edit) {
        let made = match &edit {
            Edit::AddSim(sim) => Some((sim.id, None)),
            Edit::AddRenewal(renewal) => Some((renewal.sim, Some(renewal.id))),
            _ => None,
        };
        let new_trip = match &edit {
            Edit::AddTrip(trip) => Some(trip.id),
            _ => None,
        };
        match self.doc.apply(edit) {
            // What was just made is what the user looks at next.
            Ok(()) => {
                if let Some((sim, renewal)) = made {
                    self.view.selected_sim = Some(sim);
                    self.view.selected_renewal = renewal;
                }
                if new_trip.is_some() {
                    self.view.selected_trip = new_trip;
                }
            }
            Err(problems) => self.prompt = Some(Prompt::Refused(problems)),
        }
    }
}

/// Whether `action` changes the state or opens a way to (refused in a read-only document).
fn changes_state(action: &Action) -> bool {
    matches!(
        action,
        Action::Edit(_)
            | Action::DropPlan { .. }
            | Action::MoveRenewal { .. }
            | Action::NewSim
            | Action::EditSim(_)
            | Action::NewPlan
            | Action::EditPlan(_)
            | Action::EditRenewal(_)
            | Action::ScheduleRenewal(_)
            | Action::NewTrip
            | Action::EditTrip(_)
            | Action::DuplicateTrip(_)
            | Action::Settings
            | Action::ConfirmDelete(_)
            | Action::Files(FilePurpose::Import)
    )
}
