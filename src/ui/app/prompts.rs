//! The modal questions (which SIM takes a dropped plan, delete?, an edit refused, the welcome,
//! closing with a change not saved) and the editor window.

use std::time::Duration;

use rust_i18n::t;

use super::{Closing, Prompt, SimPlannerApp};
use std::path::Path;

use crate::model::State;
use crate::plural_key;
use crate::store::FileStamp;
use crate::ui::action::{Action, DeleteTarget};
use crate::ui::document::SaveStatus;
use crate::ui::edit::Edit;
use crate::ui::editors::EditorOutcome;
use crate::ui::file_dialogs::FilePurpose;
use crate::ui::files::FilesWindow;
use crate::ui::startup::{Startup, welcome_ui};
use crate::ui::style;

/// What the user chose about a change from outside.
enum ConflictChoice {
    /// Discard mine: their version becomes the state (one undoable step).
    Reload(Box<State>, Option<FileStamp>),
    /// Theirs kept beside the file as a conflict copy, mine written.
    KeepMine,
    /// Theirs merged into mine, through the import's preview.
    Merge(Option<FileStamp>),
}

impl SimPlannerApp {
    /// Closing waits for the last write, and says so if it failed.
    pub(super) fn closing_ui(&mut self, ctx: &egui::Context) {
        let asked = ctx.input(|i| i.viewport().close_requested());
        if asked && self.closing == Closing::Open {
            let unsaved = matches!(self.doc.save_status(), SaveStatus::Failed(_));
            if !self.doc.saves_idle() || unsaved {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.closing = Closing::Waiting;
            }
        }
        if self.closing != Closing::Waiting {
            return;
        }
        if !self.doc.saves_idle() {
            ctx.request_repaint_after(Duration::from_millis(50));
            return;
        }
        if let SaveStatus::Failed(error) = self.doc.save_status() {
            self.prompt = Some(Prompt::CloseUnsaved(error.clone()));
            self.closing = Closing::Open;
        } else {
            self.closing = Closing::Confirmed;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn prompt_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(prompt) = &self.prompt else {
            return;
        };
        let state = self.doc.state();
        let mut close = false;
        let (mut retry_save, mut close_anyway) = (false, false);
        let mut conflict = None;
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
                                    plural_key!("prompt.delete_sim", count),
                                    name = state.sim(*id).map_or("?", |s| s.name.as_str()),
                                    count = count
                                )
                            }
                            DeleteTarget::Plan(id) => {
                                let count = state.renewals.iter().filter(|r| r.plan == *id).count();
                                t!(
                                    plural_key!("prompt.delete_plan", count),
                                    name = state.plan(*id).map_or("?", |p| p.name.as_str()),
                                    count = count
                                )
                            }
                            DeleteTarget::Trip(id) => t!(
                                "prompt.delete_trip",
                                name = state.trip(*id).map_or("?", |trip| trip.name.as_str())
                            ),
                        };
                        ui.label(text);
                        ui.horizontal(|ui| {
                            if ui.button(t!("prompt.delete")).clicked() {
                                actions.push(Action::Edit(match target {
                                    DeleteTarget::Sim(id) => Edit::DeleteSim(*id),
                                    DeleteTarget::Plan(id) => Edit::DeletePlan(*id),
                                    DeleteTarget::Trip(id) => Edit::DeleteTrip(*id),
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
                    Prompt::Conflict(change) => {
                        ui.heading(t!("outside.conflict"));
                        ui.label(t!("outside.conflict_text"));
                        if let Err(error) = &change.theirs {
                            ui.colored_label(
                                style::WARNING,
                                t!("outside.theirs_broken", error = error.as_str()),
                            );
                        }
                        ui.horizontal_wrapped(|ui| {
                            if let Ok(theirs) = &change.theirs
                                && ui.button(t!("outside.reload")).clicked()
                            {
                                conflict = Some(ConflictChoice::Reload(
                                    Box::new(theirs.clone()),
                                    change.stamp.clone(),
                                ));
                                close = true;
                            }
                            if ui.button(t!("outside.keep_mine")).clicked() {
                                conflict = Some(ConflictChoice::KeepMine);
                                close = true;
                            }
                            if change.theirs.is_ok() && ui.button(t!("outside.merge")).clicked() {
                                conflict = Some(ConflictChoice::Merge(change.stamp.clone()));
                                close = true;
                            }
                        });
                    }
                    Prompt::CloseUnsaved(error) => {
                        ui.heading(t!("prompt.close_unsaved"));
                        ui.colored_label(style::DANGER, error.as_str());
                        ui.horizontal(|ui| {
                            if ui.button(t!("prompt.close_retry")).clicked() {
                                retry_save = true;
                                close = true;
                            }
                            if ui.button(t!("prompt.close_anyway")).clicked() {
                                close_anyway = true;
                                close = true;
                            }
                            if ui.button(t!("prompt.cancel")).clicked() {
                                close = true;
                            }
                        });
                    }
                    Prompt::Welcome(startup) => {
                        if let Some(choice) = welcome_ui(ui, startup) {
                            // Never autosave over a broken file that could not be moved aside.
                            let autosave = matches!(
                                **startup,
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
        // A conflict is answered, not dismissed: closing it would leave the file unsaved.
        let dismissable = !matches!(prompt, Prompt::Conflict(_))
            && !matches!(
                prompt,
                Prompt::Welcome(startup)
                    if matches!(**startup, Startup::FirstRun { .. } | Startup::Broken { .. })
            );
        if close || (dismissable && modal.should_close()) {
            self.prompt = None;
        }
        match conflict {
            Some(ConflictChoice::Reload(theirs, stamp)) => {
                self.doc.take_theirs(*theirs, stamp);
                self.notice = Some(t!("outside.reloaded").into_owned());
            }
            Some(ConflictChoice::KeepMine) => self.doc.keep_mine(),
            Some(ConflictChoice::Merge(stamp)) => {
                // Theirs is what the file is known to hold now; the import's preview shows
                // what merging it gives, and its Merge writes over theirs.
                self.doc.accept_outside(stamp);
                if let Some(path) = self.doc.path().map(Path::to_path_buf) {
                    self.files = Some(FilesWindow::with_path(FilePurpose::Import, &path));
                    self.run_file_window();
                }
            }
            None => {}
        }
        if retry_save {
            self.doc.save_again();
            self.closing = Closing::Waiting;
        }
        if close_anyway {
            self.closing = Closing::Confirmed;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn editor_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match editor.show(ctx, &self.doc, self.today) {
            EditorOutcome::Open => {}
            EditorOutcome::Closed => self.editor = None,
            EditorOutcome::Save(edit) => {
                actions.push(Action::Edit(edit));
                self.editor = None;
            }
        }
    }
}
