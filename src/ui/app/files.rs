//! The File menu's work, shell side: the file window's jobs run on the file thread, their
//! results come back here, and a finished action switches documents, applies an import or
//! says what was written.

use std::path::{Path, PathBuf};

use rust_i18n::t;

use super::{Prompt, SimPlannerApp};
use crate::ui::document::Document;
use crate::ui::edit::Edit;
use crate::ui::file_dialogs::FilePurpose;
use crate::ui::files::{FileOutcome, FilesWindow, Holding, JobOutput, WindowRequest};
use crate::ui::startup::fresh_state;

/// How many recent files the File menu lists.
const MAX_RECENT_FILES: usize = 8;

impl SimPlannerApp {
    /// The file window, the native dialog's answer, the file thread's result, and files
    /// dropped on the window.
    pub(super) fn files_ui(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        if let Some(output) = self.tasks.poll() {
            self.task_finished(output);
        }
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
            self.files = Some(FilesWindow::with_path(FilePurpose::Import, &path));
            self.run_file_window();
        }
        if let Some(answer) = self.dialogs.poll()
            && let Some(window) = &mut self.files
            && window.purpose == answer.purpose
        {
            if let Some(path) = answer.path {
                window.path = path.display().to_string();
                window.import = None;
                self.run_file_window();
            } else if answer.unavailable {
                window.no_native_dialog();
            }
        }
        let busy = self.tasks.is_running();
        let Some(window) = &mut self.files else {
            return;
        };
        let request = window.show(ctx, self.doc.state(), busy, self.dialogs.as_mut(), frame);
        match request {
            Some(WindowRequest::Run) => self.run_file_window(),
            Some(WindowRequest::Outcome(outcome)) => self.file_outcome(outcome),
            // A job still running finishes, and its result is dropped with the window.
            Some(WindowRequest::Close) => self.files = None,
            None => {}
        }
    }

    /// Starts the open file window's action on the file thread.
    pub(super) fn run_file_window(&mut self) {
        let Some(window) = &mut self.files else {
            return;
        };
        if self.tasks.is_running() {
            return;
        }
        if let Some(job) = window.job(&self.doc, self.today)
            && !self.tasks.start(job)
        {
            window.error = Some(t!("files.no_thread").into_owned());
        }
    }

    /// Takes the file thread's result into the window it was for.
    pub(super) fn task_finished(&mut self, output: JobOutput) {
        let Some(window) = &mut self.files else {
            return;
        };
        if let Some(outcome) = window.finished(output) {
            self.file_outcome(outcome);
        }
    }

    /// Carries out a finished file action.
    fn file_outcome(&mut self, outcome: FileOutcome) {
        self.files = None;
        match outcome {
            FileOutcome::New(path, lock) => {
                self.doc = Document::open(fresh_state(), lock, None, true);
                self.doc.enable_autosave();
                self.remember(&path);
                self.notice =
                    Some(t!("files.created", path = path.display().to_string()).into_owned());
            }
            FileOutcome::Open(path, state, holding) => {
                self.doc = match holding {
                    Holding::Locked(lock, stamp) => Document::open(*state, lock, Some(stamp), true),
                    Holding::ReadOnly(reason) => Document::read_only(*state, path.clone(), reason),
                };
                self.remember(&path);
                self.notice =
                    Some(t!("files.opened", path = path.display().to_string()).into_owned());
            }
            FileOutcome::SaveAs {
                path,
                revision,
                lock,
                stamp,
            } => {
                self.doc.continue_at(lock, stamp, revision);
                self.remember(&path);
                self.notice =
                    Some(t!("files.saved_as", path = path.display().to_string()).into_owned());
            }
            FileOutcome::Import(state, summary) => {
                self.apply_or_report(Edit::ReplaceState(state));
                if !matches!(self.prompt, Some(Prompt::Refused(_))) {
                    self.notice =
                        Some(t!("files.imported", summary = summary.as_str()).into_owned());
                    self.import_step = Some((self.doc.undo_depth(), summary));
                }
            }
            FileOutcome::Exported(message) => self.notice = Some(message),
        }
        // Another document may have replaced this one: its own schedule, never the last one's.
        self.refresh();
    }

    fn remember(&mut self, path: &Path) {
        self.recent.retain(|known| known != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT_FILES);
    }
}
