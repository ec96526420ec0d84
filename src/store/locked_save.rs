//! Saves under the state file's lock: removing what killed saves left behind, and never
//! overwriting a change made from outside ("A change made to the file from outside (a sync
//! tool, an editor) is never overwritten silently: reload, keep mine (theirs kept as
//! `state.ron.conflict-<timestamp>`), or merge").

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::PathBuf;

use super::open::{OpenFailure, open_regular, read_bounded};
use super::save::{Cleanup, FileKind, replace_atomically, sibling};
use super::{FileStamp, SaveError, StateLock, to_ron_string};
use crate::model::State;

/// [`super::save`] for the holder of the lock: temporary files that killed saves of this state
/// file left are removed first (every writer of the state file holds the lock while it writes,
/// so none of them is being written). Returns the stamp of the file written.
pub fn save_locked(lock: &StateLock, state: &State) -> Result<FileStamp, SaveError> {
    let text = to_ron_string(state)?;
    replace_atomically(
        lock.state_path(),
        text.as_bytes(),
        FileKind::State,
        Cleanup::Locked,
    )
}

/// [`save_locked`], only if the state file still holds what `expected` stamped (the bytes
/// loaded or last saved; `None`: there was no file). Otherwise nothing is written and the
/// error is [`SaveError::ChangedOutside`] with the stamp of what is there now.
///
/// The check and the write both happen under the lock, so no other SIM Planner can come in
/// between; a program that takes no lock (a sync tool) could still replace the file in the
/// milliseconds between them, and then the backup (`<file>.bak`) is what it wrote.
pub fn save_if_unchanged(
    lock: &StateLock,
    state: &State,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, SaveError> {
    let path = lock.state_path();
    let theirs = FileStamp::read(path).map_err(|source| SaveError::Read {
        path: path.to_owned(),
        source,
    })?;
    let unchanged = match (&theirs, expected) {
        (None, None) => true,
        (Some(theirs), Some(expected)) => theirs.same_content(expected),
        _ => false,
    };
    if !unchanged {
        return Err(SaveError::ChangedOutside {
            path: path.to_owned(),
            theirs,
        });
    }
    save_locked(lock, state)
}

/// For "keep mine": copies what the state file holds now to
/// `<file>.conflict-<YYYYmmddTHHMMSS>` beside it (`-2`, `-3`, … when that name is taken; an
/// existing file is never overwritten) and returns the copy's path with the stamp of the
/// bytes copied, which the caller then passes to [`save_if_unchanged`] with its own state, so
/// that a change made while copying is not lost either. `None` when there is no file.
pub fn keep_conflict_copy(lock: &StateLock) -> Result<Option<(PathBuf, FileStamp)>, SaveError> {
    let path = lock.state_path();
    let read_error = |source| SaveError::Read {
        path: path.to_owned(),
        source,
    };
    let (file, metadata) = match open_regular(path) {
        Ok(opened) => opened,
        Err(OpenFailure::Io(error)) if error.kind() == io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(OpenFailure::Io(error)) => return Err(read_error(error)),
        Err(OpenFailure::Special(kind)) => {
            return Err(read_error(io::Error::new(
                io::ErrorKind::InvalidInput,
                kind,
            )));
        }
    };
    let bytes = read_bounded(file, metadata.len()).map_err(read_error)?;
    let stamp = FileStamp::new(&metadata, &bytes);
    let time = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
    let base = sibling(path, &format!(".conflict-{time}"));
    for counter in 1..=1000_u32 {
        let candidate = if counter == 1 {
            base.clone()
        } else {
            sibling(&base, &format!("-{counter}"))
        };
        let write_error = |source| SaveError::Write {
            path: candidate.clone(),
            source,
        };
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            // It holds the same private data as the state file.
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        match options.open(&candidate) {
            Ok(mut copy) => {
                let written = copy.write_all(&bytes).and_then(|()| copy.sync_all());
                if let Err(error) = written {
                    if let Err(removing) = fs::remove_file(&candidate) {
                        log::warn!("could not remove {}: {removing}", candidate.display());
                    }
                    return Err(write_error(error));
                }
                return Ok(Some((candidate, stamp)));
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(write_error(error)),
        }
    }
    Err(SaveError::Write {
        path: base,
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            "too many conflict copies already exist; delete old ones",
        ),
    })
}
