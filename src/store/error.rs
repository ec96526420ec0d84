//! What can go wrong when reading or writing the state file, worded for the user.

use std::io;
use std::path::PathBuf;

use rust_i18n::t;

use super::{FileStamp, ValidationError};

/// Why a state file (or an import) could not be loaded. Loading never changes the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// There is no file at the path yet: the first run. The UI shows a welcome, not an error.
    #[error("{}", t!("load.not_found", path = .path.display().to_string()))]
    NotFound { path: PathBuf },

    /// The file exists but could not be read.
    #[error("{}", t!("load.io", path = .path.display().to_string(), source = .source.to_string()))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The path names a named pipe, a socket, a device or a folder; refused before it is
    /// opened (it is never read, so nothing blocks).
    #[error("{}", t!("load.not_a_file", path = .path.display().to_string(), kind = *.kind))]
    NotAFile { path: PathBuf, kind: &'static str },

    /// The file is larger than [`super::MAX_STATE_BYTES`]; refused before it is parsed.
    #[error("{}", t!("load.too_large", size = .size, limit = .limit))]
    TooLarge { size: u64, limit: u64 },

    /// The file is not UTF-8 text. `line` and `column` (both from 1) locate the first bad byte.
    #[error("{}", t!("load.not_utf8", line = .line, column = .column))]
    NotUtf8 { line: usize, column: usize },

    /// The file has nothing in it but white space.
    #[error("{}", t!("load.empty"))]
    Empty,

    /// The file is not valid RON for this schema. `line` and `column` count from 1.
    #[error("{}", t!("load.syntax", line = .line, column = .column, message = .message.as_str()))]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },

    /// The file was written by a newer SIM Planner. It is left as it is.
    #[error("{}", t!("load.newer", found = .found, supported = .supported))]
    NewerVersion { found: u32, supported: u32 },

    /// The schema version is one no SIM Planner ever wrote (for now: 0).
    #[error("{}", t!("load.bad_version", found = .found, supported = .supported))]
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
    let key = if count == 1 {
        "load.problems_one"
    } else {
        "load.problems"
    };
    let mut message = t!(key, count = count).into_owned();
    for problem in problems {
        message.push_str("\n  - ");
        message.push_str(&problem.to_string());
    }
    message.push('\n');
    message.push_str(&t!("load.problems_fix"));
    message
}

/// Why the state could not be saved. When saving fails, the previous file is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The state could not be written as RON (a bug: every valid state can be).
    #[error("{}", t!("save.serialize", message = .message.as_str()))]
    Serialize { message: String },

    /// The state breaks the rules a file must keep, so the file would not load again; nothing
    /// was written.
    #[error("{}", not_saved_invalid(.0))]
    Invalid(Vec<ValidationError>),

    /// The text is longer than the load limit, so the file would not load again; nothing was
    /// written.
    #[error("{}", t!("save.too_large", size = .size, limit = .limit))]
    TooLarge { size: u64, limit: u64 },

    /// Another program changed (or removed) the state file since it was loaded or last saved;
    /// it was not overwritten. `theirs` is the stamp of what is there now (`None`: no file).
    #[error("{}", t!("save.changed_outside", path = .path.display().to_string()))]
    ChangedOutside {
        path: PathBuf,
        theirs: Option<FileStamp>,
    },

    /// The state file could not be read to check that no one else changed it.
    #[error("{}", t!("save.read", path = .path.display().to_string(), source = .source.to_string()))]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The folder for the file is missing and could not be created.
    #[error("{}", t!("save.create_folder", path = .path.display().to_string(), source = .source.to_string()))]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Writing the new file (to a temporary file beside it) failed.
    #[error("{}", t!("save.write", path = .path.display().to_string(), source = .source.to_string()))]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Keeping the previous file as a backup failed; nothing was replaced.
    #[error("{}", t!("save.backup", path = .path.display().to_string(), source = .source.to_string()))]
    Backup {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Putting the new file in place of the old one failed.
    #[error("{}", t!("save.replace", path = .path.display().to_string(), source = .source.to_string()))]
    Replace {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn not_saved_invalid(problems: &[ValidationError]) -> String {
    let mut message = t!("save.invalid", count = problems.len()).into_owned();
    for problem in problems {
        message.push_str("\n  - ");
        message.push_str(&problem.to_string());
    }
    message
}
