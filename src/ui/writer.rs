//! Writing the state file, as the autosave thread asks: the store's atomic save, or the open
//! file's guarded writer, or a test's; and what the file holds when a write finds it changed
//! from outside.

use std::path::{Path, PathBuf};

use crate::model::State;
use crate::store::{self, FileStamp, SaveError};

/// What the state file holds now, when it is not what the window last knew.
#[derive(Clone, Debug)]
pub struct OutsideChange {
    /// Their state, or why it does not load (a sync tool half-way, a hand edit with a typo).
    pub theirs: Result<State, String>,
    /// The stamp of their bytes; `None` when the file is gone.
    pub stamp: Option<FileStamp>,
}

/// Writes a state file. The store's atomic save in the app; tests put in one that blocks or
/// fails to show what the window does meanwhile.
pub trait StateWriter: Send {
    fn write(&mut self, path: &Path, state: &State) -> Result<(), SaveError>;

    /// "Keep mine" after a change from outside: their version kept beside the file, then
    /// `state` written. Returns where theirs was kept. A writer that guards nothing just writes.
    fn keep_mine(&mut self, path: &Path, state: &State) -> Result<Option<PathBuf>, SaveError> {
        self.write(path, state).map(|()| None)
    }

    /// After a write refused because the file changed from outside: what it holds now.
    fn outside_change(&mut self, _path: &Path) -> Option<OutsideChange> {
        None
    }
}

/// [`store::save`]: temporary file, fsync, backup, rename, fsync of the folder.
pub struct StoreWriter;

impl StateWriter for StoreWriter {
    fn write(&mut self, path: &Path, state: &State) -> Result<(), SaveError> {
        store::save(path, state)
    }
}
