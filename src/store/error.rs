//! What can go wrong when reading or writing the state file, worded for the user.

use std::io;
use std::path::PathBuf;

use super::ValidationError;

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
