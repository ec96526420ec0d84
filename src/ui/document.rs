//! The open document: the state, where it is saved, its undo history and its autosave. The one
//! place where the state changes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use super::edit::Edit;
use super::history::History;
use crate::model::State;
use crate::store;

/// What the status line says about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing has changed since the file was opened.
    Unchanged,
    Saved(DateTime<Local>),
    /// The last save failed; the state is kept in memory and saving is tried again on the next
    /// change.
    Failed(String),
    /// Autosave is off (a file that did not load, a newer version, or no file at all).
    Off(String),
}

/// The state being edited and everything that hangs off changing it.
pub struct Document {
    state: State,
    path: Option<PathBuf>,
    autosave: bool,
    history: History,
    revision: u64,
    save_status: SaveStatus,
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
            state,
            path,
            autosave,
            history: History::default(),
            revision: 0,
            save_status,
        }
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

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies `edit` if the result is a valid state; otherwise changes nothing and returns every
    /// problem. Records undo and autosaves.
    pub fn apply(&mut self, edit: Edit) -> Result<(), Vec<String>> {
        let mut next = self.state.clone();
        edit.apply(&mut next);
        let problems = store::validate(&next);
        if !problems.is_empty() {
            return Err(problems.iter().map(ToString::to_string).collect());
        }
        let before = std::mem::replace(&mut self.state, next);
        self.history.record(before);
        self.changed();
        Ok(())
    }

    /// Restores the state before the last change.
    pub fn undo(&mut self) -> bool {
        let undone = self.history.undo(&mut self.state);
        if undone {
            self.changed();
        }
        undone
    }

    /// Re-applies the change the last undo reverted.
    pub fn redo(&mut self) -> bool {
        let redone = self.history.redo(&mut self.state);
        if redone {
            self.changed();
        }
        redone
    }

    /// Writes the state to `path` and continues there (File > Save as).
    pub fn save_as(&mut self, path: PathBuf) -> Result<(), String> {
        store::save(&path, &self.state).map_err(|error| error.to_string())?;
        self.path = Some(path);
        self.autosave = true;
        self.save_status = SaveStatus::Saved(Local::now());
        Ok(())
    }

    /// Turns autosave on (the user chose to start afresh) and saves at once.
    pub fn enable_autosave(&mut self) {
        self.autosave = true;
        self.save();
    }

    fn changed(&mut self) {
        self.revision += 1;
        if self.autosave {
            self.save();
        }
    }

    fn save(&mut self) {
        let Some(path) = &self.path else {
            return;
        };
        self.save_status = match store::save(path, &self.state) {
            Ok(()) => SaveStatus::Saved(Local::now()),
            Err(error) => SaveStatus::Failed(error.to_string()),
        };
    }
}
