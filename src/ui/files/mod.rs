//! The File menu's actions: a small window per action with a typed path (for machines where no
//! native dialog can be shown) and a "Browse..." button for the native one; import with a
//! preview; exports of the state and of the schedule. The window only describes the work
//! ([`FilesWindow::job`], in `jobs.rs`); the shell runs it off the frame and hands the result
//! back ([`FilesWindow::finished`]). `window.rs` draws it.

mod jobs;
mod window;

use std::path::{Path, PathBuf};

use rust_i18n::t;

use crate::export::ExportFormat;
use crate::model::{State, TripId};
use crate::store::{FileStamp, ImportPreview, StateLock};
use crate::ui::file_dialogs::{DialogRequest, FilePurpose};

/// Which days an exported schedule covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeChoice {
    NextDays(u32),
    Trip(TripId),
    Custom { from: String, to: String },
}

/// An import read and checked, waiting for Merge or Replace.
pub enum ImportStage {
    Ready {
        merge: Box<ImportPreview>,
        /// A merge that updates matching items in place, when the file has any.
        update: Option<Box<ImportPreview>>,
        replace: Box<ImportPreview>,
    },
    Refused(Vec<String>),
}

/// What the user asked for, once the window has a path.
pub enum FileOutcome {
    /// Start an empty state in a new file (the current one is saved first), held by `lock`.
    New(PathBuf, StateLock),
    /// Switch to another state file.
    Open(PathBuf, Box<State>, Holding),
    /// The state as of `revision` was written to `path` (held by `lock`, stamped `stamp`):
    /// continue there.
    SaveAs {
        path: PathBuf,
        revision: u64,
        lock: StateLock,
        stamp: FileStamp,
    },
    /// Apply an import (one undo step).
    Import(Box<State>, String),
    /// A file was written; the message says what.
    Exported(String),
}

/// Whether this window may write a file it opens.
pub enum Holding {
    /// It holds the lock; the file loaded as `stamp` stamped.
    Locked(StateLock, FileStamp),
    /// Another window holds it (or it cannot be locked): read-only, for this reason.
    ReadOnly(String),
}

/// What a file job gives back to its window.
pub enum JobOutput {
    /// The action is done.
    Done(FileOutcome),
    /// An import was read and checked: show its preview.
    Checked(ImportStage),
    /// The action failed; the message says why, for the window.
    Failed(String),
}

/// Work for the file thread: it owns everything it needs (a copy of the state).
pub type FileJob = Box<dyn FnOnce() -> JobOutput + Send>;

/// What the window asks the shell for this frame.
pub enum WindowRequest {
    /// Run the action on the typed path (see [`FilesWindow::job`]).
    Run,
    /// The user chose an outcome that needs no file work (Merge or Replace after a preview).
    Outcome(FileOutcome),
    /// The user closed the window.
    Close,
}

/// The window of one file action.
pub struct FilesWindow {
    pub purpose: FilePurpose,
    pub path: String,
    pub format: ExportFormat,
    pub range: RangeChoice,
    /// A trip's calendar or sheet also lists the cheapest purchases that would cover it, not
    /// yet added, marked as suggestions.
    pub with_suggestions: bool,
    pub import: Option<ImportStage>,
    pub error: Option<String>,
    /// The open state file: exports never replace it.
    state_file: Option<PathBuf>,
    /// Why Browse showed nothing (no native dialog on this system), once it did.
    pub browse_note: Option<String>,
    /// Put the keyboard in the typed path next frame.
    focus_path: bool,
}

impl FilesWindow {
    pub fn new(purpose: FilePurpose, current: Option<&Path>) -> Self {
        let suggested = match purpose {
            FilePurpose::ExportSchedule => "sim-schedule.ics",
            FilePurpose::ExportState | FilePurpose::SaveAs => "sim-planner-state.ron",
            FilePurpose::New => "new-state.ron",
            FilePurpose::Open | FilePurpose::Import => "",
        };
        let folder = current.and_then(Path::parent);
        let path = match (folder, suggested.is_empty()) {
            (Some(folder), false) => folder.join(suggested).display().to_string(),
            _ => String::new(),
        };
        Self {
            purpose,
            path,
            with_suggestions: false,
            format: if purpose == FilePurpose::ExportSchedule {
                ExportFormat::Ics
            } else {
                ExportFormat::Ron
            },
            range: RangeChoice::NextDays(90),
            import: None,
            error: None,
            state_file: current.map(Path::to_path_buf),
            browse_note: None,
            focus_path: false,
        }
    }

    /// A window that has a path already (a file dropped on the window, a recent file).
    pub fn with_path(purpose: FilePurpose, path: &Path) -> Self {
        let mut window = Self::new(purpose, None);
        window.path = path.display().to_string();
        window
    }

    fn title(&self) -> String {
        let key = match self.purpose {
            FilePurpose::New => "files.new",
            FilePurpose::Open => "files.open",
            FilePurpose::SaveAs => "files.save_as",
            FilePurpose::Import => "files.import",
            FilePurpose::ExportState => "files.export_state",
            FilePurpose::ExportSchedule => "files.export_schedule",
        };
        t!(key).into_owned()
    }

    /// Browse could show no dialog: say so plainly, and put the keyboard in the typed path.
    pub fn no_native_dialog(&mut self) {
        self.browse_note = Some(t!("files.no_native_dialog").into_owned());
        self.focus_path = true;
    }

    /// The native dialog this window would open.
    pub fn dialog_request(&self) -> DialogRequest {
        let typed = PathBuf::from(self.path.trim());
        let save = !matches!(self.purpose, FilePurpose::Open | FilePurpose::Import);
        DialogRequest {
            purpose: self.purpose,
            save,
            format: self.format,
            file_name: typed
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            directory: typed.parent().filter(|p| p.is_dir()).map(Path::to_path_buf),
        }
    }

    /// Keeps the file name's extension in step with the chosen format.
    fn set_format(&mut self, format: ExportFormat) {
        self.format = format;
        let path = PathBuf::from(self.path.trim());
        if path.file_name().is_some() {
            self.path = path
                .with_extension(format.extension())
                .display()
                .to_string();
        }
    }
}
