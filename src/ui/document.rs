//! The open document: the state, where it is saved, its undo history and its autosave. The one
//! place where the state changes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Local};

use super::autosave::Autosaver;
use super::edit::Edit;
use super::guard::{FileGuard, WATCH_EVERY};
use super::history::History;
use super::writer::OutsideChange;
use super::writer::{StateWriter, StoreWriter};
use crate::model::State;
use crate::store::{self, FileStamp, StateLock};

/// What the status line says about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing has changed since the file was opened.
    Unchanged,
    /// A change is being written.
    Saving,
    Saved(DateTime<Local>),
    /// The last save failed; the state is kept in memory and saving is tried again on the next
    /// change.
    Failed(String),
    /// Autosave is off (a file that did not load, a newer version, or no file at all).
    Off(String),
}

/// Tells documents apart, so nothing computed from one is shown for another (after Open).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DocumentId(u64);

impl DocumentId {
    fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// The state being edited and everything that hangs off changing it.
pub struct Document {
    id: DocumentId,
    state: State,
    path: Option<PathBuf>,
    autosave: bool,
    /// A file this build must never write (a newer version): every edit is refused.
    read_only: Option<String>,
    history: History,
    revision: u64,
    save_status: SaveStatus,
    /// The writer the autosave thread will use, until the thread is started.
    writer: Option<Box<dyn StateWriter>>,
    saver: Option<Autosaver>,
    /// The window to wake when a save finishes.
    repaint: Option<egui::Context>,
    /// The snapshot whose report the status line waits for.
    latest_save: u64,
    /// The open file's lock, known stamp and watch, when the window holds the file.
    guard: Option<FileGuard>,
    /// A change found in the file from outside, waiting for the window to decide; `true` when
    /// a save found it (so a change of this window's waits too).
    outside: Option<(OutsideChange, bool)>,
    /// "Keep mine" kept their version here; the window says so once.
    kept_theirs: Option<PathBuf>,
}

impl Document {
    /// A document for `state`, saved to `path` on every change when `autosave` is on.
    pub fn new(state: State, path: Option<PathBuf>, autosave: bool) -> Self {
        let save_status = if autosave && path.is_some() {
            SaveStatus::Unchanged
        } else {
            SaveStatus::Off(rust_i18n::t!("status.autosave_off").into_owned())
        };
        Self {
            id: DocumentId::next(),
            state,
            path,
            autosave,
            read_only: None,
            history: History::default(),
            revision: 0,
            save_status,
            writer: None,
            saver: None,
            repaint: None,
            latest_save: 0,
            guard: None,
            outside: None,
            kept_theirs: None,
        }
    }

    /// The state file at `path`, held by `lock` (the window is its one writer) and loaded as
    /// `stamp` stamped (`None`: no file yet): saved on every change, only over what it holds,
    /// and watched for changes from outside.
    pub fn open(state: State, lock: StateLock, stamp: Option<FileStamp>, autosave: bool) -> Self {
        Self::open_watching(state, lock, stamp, autosave, WATCH_EVERY)
    }

    /// [`Self::open`], looking at the file every `every` (tests choose when a change is seen).
    pub fn open_watching(
        state: State,
        lock: StateLock,
        stamp: Option<FileStamp>,
        autosave: bool,
        every: std::time::Duration,
    ) -> Self {
        let path = lock.state_path().to_path_buf();
        let mut doc = Self::new(state, Some(path), autosave);
        doc.guard = Some(FileGuard::new(lock, stamp, every));
        doc
    }

    /// A document that shows `state` from `path` and can change nothing (a file from a newer
    /// version): `reason` says why, in the status line and to every edit.
    pub fn read_only(state: State, path: PathBuf, reason: String) -> Self {
        let mut doc = Self::new(state, Some(path), false);
        doc.save_status = SaveStatus::Off(
            rust_i18n::t!("status.read_only", reason = reason.as_str()).into_owned(),
        );
        doc.read_only = Some(reason);
        doc
    }

    /// Writes with `writer` instead of the store's atomic save (tests that make a save block
    /// or fail).
    #[must_use]
    pub fn with_writer(mut self, writer: Box<dyn StateWriter>) -> Self {
        self.writer = Some(writer);
        self
    }

    pub fn id(&self) -> DocumentId {
        self.id
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Bumped on every change: caches of derived data compare it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn save_status(&self) -> &SaveStatus {
        &self.save_status
    }

    /// Why nothing can be changed, if so.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn can_undo(&self) -> bool {
        self.read_only.is_none() && self.history.can_undo()
    }

    /// How many steps can be undone (a step's place in the history, for notices about it).
    pub fn undo_depth(&self) -> usize {
        self.history.depth()
    }

    pub fn can_redo(&self) -> bool {
        self.read_only.is_none() && self.history.can_redo()
    }

    /// "Apply, then validate": applies `edit` if the result is a valid state; otherwise changes
    /// nothing and returns every problem. An edit that changes nothing adds no undo step and
    /// writes nothing. Records undo and autosaves.
    pub fn apply(&mut self, edit: Edit) -> Result<(), Vec<String>> {
        let next = self.checked(edit)?;
        if next == self.state {
            return Ok(());
        }
        let before = std::mem::replace(&mut self.state, next);
        self.history.record(before);
        self.changed();
        Ok(())
    }

    /// The state `edit` would give, if it is valid: the one check the editors and
    /// [`Self::apply`] share.
    pub fn checked(&self, edit: Edit) -> Result<State, Vec<String>> {
        if let Some(reason) = &self.read_only {
            return Err(vec![reason.clone()]);
        }
        let mut next = self.state.clone();
        edit.apply(&mut next);
        let problems = store::validate(&next);
        if problems.is_empty() {
            Ok(next)
        } else {
            Err(problems.iter().map(ToString::to_string).collect())
        }
    }

    /// Restores the state before the last change.
    pub fn undo(&mut self) -> bool {
        let undone = self.read_only.is_none() && self.history.undo(&mut self.state);
        if undone {
            self.changed();
        }
        undone
    }

    /// Re-applies the change the last undo reverted.
    pub fn redo(&mut self) -> bool {
        let redone = self.read_only.is_none() && self.history.redo(&mut self.state);
        if redone {
            self.changed();
        }
        redone
    }

    /// Continues at the file `lock` holds, where the state as of `revision` was just written
    /// as `stamp` stamped (File > Save as): later changes are saved there, one made meanwhile
    /// at once. The previous file's lock is let go.
    pub fn continue_at(&mut self, lock: StateLock, stamp: FileStamp, revision: u64) {
        // The autosave thread writes with the old file's guard: finish it, then start anew.
        self.saver = None;
        self.path = Some(lock.state_path().to_path_buf());
        self.guard = Some(FileGuard::new(lock, Some(stamp), WATCH_EVERY));
        if let Some(ctx) = self.repaint.clone() {
            self.set_repaint_of_guard(&ctx);
        }
        self.autosave = true;
        self.save_status = SaveStatus::Saved(Local::now());
        if revision != self.revision {
            self.save();
        }
    }

    fn set_repaint_of_guard(&self, ctx: &egui::Context) {
        if let Some(guard) = &self.guard {
            guard.set_repaint(ctx);
        }
    }

    /// Writes the state once more (after a failed save, when the user asks to try again).
    pub fn save_again(&mut self) {
        if self.autosave {
            self.save();
        }
    }

    /// Turns autosave on (the user chose to start afresh) and saves at once.
    pub fn enable_autosave(&mut self) {
        if self.read_only.is_none() {
            self.autosave = true;
            self.save();
        }
    }

    /// Wakes `ctx` when a save finishes.
    pub fn set_repaint(&mut self, ctx: &egui::Context) {
        if let Some(guard) = &self.guard {
            guard.set_repaint(ctx);
        }
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
            if let Some(saver) = &self.saver {
                saver.set_repaint(ctx);
            }
        }
    }

    /// Takes the autosave thread's reports into the status line. Call once a frame.
    pub fn poll_saves(&mut self) {
        let Some(saver) = &self.saver else {
            return;
        };
        for report in saver.poll() {
            if let Some(change) = report.outside {
                self.outside = Some((change, true));
            }
            if report.kept_theirs.is_some() {
                self.kept_theirs = report.kept_theirs;
            }
            if report.seq == self.latest_save {
                self.save_status = match report.result {
                    Ok(at) => SaveStatus::Saved(at),
                    Err(error) => SaveStatus::Failed(error),
                };
            }
        }
    }

    /// A change from outside waiting for the window (from the watch, or found by a save), once:
    /// with `true` when this window's own change is waiting too (a conflict).
    pub fn take_outside_change(&mut self) -> Option<(OutsideChange, bool)> {
        if let Some(change) = self.guard.as_ref().and_then(FileGuard::poll) {
            let mine_waiting = !self.saves_idle()
                || matches!(self.save_status, SaveStatus::Failed(_) | SaveStatus::Saving);
            self.outside = Some((change, mine_waiting));
        }
        self.outside.take()
    }

    /// Where "keep mine" kept their version, once.
    pub fn take_kept_theirs(&mut self) -> Option<PathBuf> {
        self.kept_theirs.take()
    }

    /// "Reload": their version becomes the state, as one undoable step; the file already holds
    /// it, so nothing is written.
    pub fn take_theirs(&mut self, theirs: State, stamp: Option<FileStamp>) {
        if let Some(guard) = &self.guard {
            guard.accept(stamp);
        }
        if theirs != self.state {
            let before = std::mem::replace(&mut self.state, theirs);
            self.history.record(before);
            self.revision += 1;
        }
        self.save_status = SaveStatus::Unchanged;
    }

    /// "Keep mine": their version is kept beside the file, then this state is written.
    pub fn keep_mine(&mut self) {
        let (Some(path), true) = (self.path.clone(), self.autosave) else {
            return;
        };
        self.ensure_saver();
        if let Some(saver) = &mut self.saver {
            self.latest_save = saver.submit_keep_mine(&path, self.state.clone());
            self.save_status = SaveStatus::Saving;
        }
    }

    /// "Merge": their version (stamped `stamp`) is what the file is known to hold from now on,
    /// so the merged state can be written over it.
    pub fn accept_outside(&mut self, stamp: Option<FileStamp>) {
        if let Some(guard) = &self.guard {
            guard.accept(stamp);
        }
    }

    /// Whether every change has been written (or its write has failed).
    pub fn saves_idle(&self) -> bool {
        self.saver.as_ref().is_none_or(Autosaver::is_idle)
    }

    /// Waits for the last write, at most `timeout`, and takes its report. `true` when done.
    pub fn wait_for_saves(&mut self, timeout: Duration) -> bool {
        let idle = self
            .saver
            .as_ref()
            .is_none_or(|saver| saver.wait_idle(timeout));
        self.poll_saves();
        idle
    }

    fn changed(&mut self) {
        self.revision += 1;
        if self.autosave {
            self.save();
        }
    }

    /// Hands a snapshot to the autosave thread (started on the first save).
    fn save(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        self.ensure_saver();
        if let Some(saver) = &mut self.saver {
            self.latest_save = saver.submit(&path, self.state.clone());
            self.save_status = SaveStatus::Saving;
        }
    }

    /// Starts the autosave thread with the guarded writer of the open file (or the test's, or
    /// the store's plain atomic save).
    fn ensure_saver(&mut self) {
        if self.saver.is_some() {
            return;
        }
        let writer = match (&self.guard, self.writer.take()) {
            (_, Some(writer)) => writer,
            (Some(guard), None) => guard.writer(),
            (None, None) => Box::new(StoreWriter),
        };
        let saver = Autosaver::new(writer);
        if let Some(ctx) = &self.repaint {
            saver.set_repaint(ctx);
        }
        self.saver = Some(saver);
    }
}
