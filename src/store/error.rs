//! What can go wrong when reading or writing the state file, worded for the user.

use std::io;
use std::path::PathBuf;

use super::{FileStamp, ValidationError};

/// Why a state file (or an import) could not be loaded. Loading never changes the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// There is no file at the path yet: the first run. The UI shows a welcome, not an error.
    #[error(
        "there is no state file at {path} yet; a new one will be created when you add something"
    )]
    NotFound { path: PathBuf },

    /// The file exists but could not be read.
    #[error("could not read {path}: {source}. Check that the file is readable and try again")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The path names a named pipe, a socket, a device or a folder; refused before it is
    /// opened (it is never read, so nothing blocks).
    #[error("{path} is {kind}, not a SIM Planner state file. Choose a regular file")]
    NotAFile { path: PathBuf, kind: &'static str },

    /// The file is larger than [`super::MAX_STATE_BYTES`]; refused before it is parsed.
    #[error(
        "the file is {size} bytes, more than the limit of {limit} bytes, so it is probably not a \
         SIM Planner state file. Choose another file"
    )]
    TooLarge { size: u64, limit: u64 },

    /// The file is not UTF-8 text. `line` and `column` (both from 1) locate the first bad byte.
    #[error(
        "the file is not UTF-8 text (the first bad byte is at line {line}, column {column}). \
         Open it in a text editor and save it as UTF-8"
    )]
    NotUtf8 { line: usize, column: usize },

    /// The file has nothing in it but white space.
    #[error(
        "the file is empty. If it should hold your data, restore the backup (the same name with \
         .bak at the end); otherwise delete it to start fresh"
    )]
    Empty,

    /// The file is not valid RON for this schema. `line` and `column` count from 1.
    #[error(
        "line {line}, column {column}: {message}. Correct this in a text editor while SIM Planner \
         is closed, or restore the backup (the same name with .bak at the end)"
    )]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },

    /// The file was written by a newer SIM Planner. It is left as it is.
    #[error(
        "the file was written by a newer SIM Planner (schema version {found}; this version reads \
         up to {supported}). Update SIM Planner to open it; the file has not been changed"
    )]
    NewerVersion { found: u32, supported: u32 },

    /// The schema version is one no SIM Planner ever wrote (for now: 0).
    #[error(
        "the file says it has schema version {found}, which no SIM Planner writes. Set \
         `version: {supported}` if the rest of the file is in the current format"
    )]
    UnknownVersion { found: u32, supported: u32 },

    /// The file parses but breaks the rules in [`super::validate`]; every problem is listed.
    #[error("{}", invalid_message(.0))]
    Invalid(Vec<ValidationError>),
}

impl LoadError {
    /// Whether this is the first run (no file yet) rather than a real failure.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound { .. })
    }
}

fn invalid_message(problems: &[ValidationError]) -> String {
    let count = problems.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    let mut message = format!("the file has {count} {noun}:");
    for problem in problems {
        message.push_str("\n  - ");
        message.push_str(&problem.to_string());
    }
    message.push_str(
        "\nCorrect them in a text editor while SIM Planner is closed, or restore the backup \
         (the same name with .bak at the end)",
    );
    message
}

/// Why the state could not be saved. When saving fails, the previous file is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The state could not be written as RON (a bug: every valid state can be).
    #[error("could not turn the data into RON text: {message}. Please report this as a bug")]
    Serialize { message: String },

    /// The state breaks the rules a file must keep, so the file would not load again; nothing
    /// was written.
    #[error("{}", not_saved_invalid(.0))]
    Invalid(Vec<ValidationError>),

    /// The text is longer than the load limit, so the file would not load again; nothing was
    /// written.
    #[error(
        "the file would be {size} bytes, more than the {limit} bytes SIM Planner loads, so it \
         was not written and your previous data is unchanged. Shorten long notes or names, or \
         remove items you no longer need"
    )]
    TooLarge { size: u64, limit: u64 },

    /// Another program changed (or removed) the state file since it was loaded or last saved;
    /// it was not overwritten. `theirs` is the stamp of what is there now (`None`: no file).
    #[error(
        "{path} was changed by another program since SIM Planner read it, so it was not \
         overwritten. Reload it, or keep your version (theirs is then kept beside it as a \
         conflict copy)"
    )]
    ChangedOutside {
        path: PathBuf,
        theirs: Option<FileStamp>,
    },

    /// The state file could not be read to check that no one else changed it.
    #[error(
        "could not read {path} to check that no other program changed it: {source}. Your data \
         was not saved; check that the file is readable, then try again"
    )]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The folder for the file is missing and could not be created.
    #[error(
        "could not create the folder {path}: {source}. Check that you may write there, or choose \
         another place with --state"
    )]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Writing the new file (to a temporary file beside it) failed.
    #[error(
        "could not write {path}: {source}. Your previous data is unchanged; check that the disk \
         has free space and that you may write to the folder, then try again"
    )]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Keeping the previous file as a backup failed; nothing was replaced.
    #[error(
        "could not keep the previous file as the backup {path}: {source}. Your data is unchanged; \
         move {path} out of the way or free some disk space, then try again"
    )]
    Backup {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Putting the new file in place of the old one failed.
    #[error(
        "could not replace {path} with the new version: {source}. Your previous data is \
         unchanged; check that the file is not locked by another program, then try again"
    )]
    Replace {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn not_saved_invalid(problems: &[ValidationError]) -> String {
    let mut message = format!(
        "the data breaks {} of the rules a state file must keep, so it was not saved (it would \
         not load again); your previous data is unchanged. Please report this as a bug:",
        problems.len()
    );
    for problem in problems {
        message.push_str("\n  - ");
        message.push_str(&problem.to_string());
    }
    message
}
