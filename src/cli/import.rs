//! `sim-planner import`: check a state file, merge it into the state (or replace the state
//! with it) and save, with the same [`store::preview_import`] the window uses.
//!
//! The whole read-modify-write happens under the state file's lock ("One writer at a time"),
//! so two imports at once both land, one after the other, and an import never overwrites a
//! window's or another program's change: it waits a few seconds for the lock, saves only if
//! the file still holds what it read, and otherwise says plainly that nothing was imported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_i18n::t;

use super::inert::{inert, inert_lines};
use crate::model::State;
use crate::store::{self, IMPORT_LOCK_WAIT, ImportMode, LoadError, SaveError, StateLock};

/// The arguments of `sim-planner import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The state file to import (RON, e.g. from `export --format ron` on another machine)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Replace everything in the state, settings included, with the file's contents instead of
    /// merging
    #[arg(long)]
    pub replace: bool,

    /// Merge, but update in place a SIM, plan or trip you already have (the same id and name,
    /// or for SIMs the same name and number) instead of adding it again: for a file exported,
    /// edited elsewhere and brought back
    #[arg(long, conflicts_with = "replace")]
    pub update: bool,
}

/// Runs `import` into the state file at `state_path`. Nothing is written unless the file
/// loads, the result is valid and it differs from the current state.
pub(super) fn run_import(state_path: &Path, args: &ImportArgs) -> ExitCode {
    let incoming = match store::load(&args.file) {
        Ok(state) => state,
        Err(LoadError::NotFound { path }) => {
            eprintln!(
                "error: there is no file at {}; nothing was imported",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            let message = format!(
                "error: {} cannot be imported, so nothing was changed:\n{error}",
                args.file.display()
            );
            eprintln!("{}", inert_lines(&message));
            return ExitCode::FAILURE;
        }
    };
    // Held until this function returns, after the save.
    let lock = match StateLock::acquire_within(state_path, IMPORT_LOCK_WAIT) {
        Ok(lock) => lock,
        Err(error) => {
            let message = format!("error: {error}. Nothing was imported");
            eprintln!("{}", inert_lines(&message));
            return ExitCode::FAILURE;
        }
    };
    let (current, stamp) = match store::load_with_stamp(state_path) {
        Ok((state, stamp)) => (state, Some(stamp)),
        // The first run: import into an empty state. The user has chosen no settings yet, so
        // the file's apply rather than the defaults.
        Err(error) if error.is_not_found() => (
            State {
                settings: incoming.settings.clone(),
                ..State::default()
            },
            None,
        ),
        Err(error) => {
            let message = format!(
                "error: the state file {} cannot be used, so nothing was imported:\n{error}",
                state_path.display()
            );
            eprintln!("{}", inert_lines(&message));
            return ExitCode::FAILURE;
        }
    };
    // What it prints is in the language of the state it imports into.
    crate::text::use_language(current.settings.language);
    let mode = if args.replace {
        ImportMode::Replace
    } else if args.update {
        ImportMode::MergeUpdating
    } else {
        ImportMode::Merge
    };
    let preview = match store::preview_import(&current, &incoming, mode) {
        Ok(preview) => preview,
        Err(problems) => {
            eprintln!(
                "error: importing {} would give a state with {} problems, so nothing was changed:",
                args.file.display(),
                problems.len()
            );
            for problem in problems {
                eprintln!("  - {}", inert(&problem.to_string()));
            }
            return ExitCode::FAILURE;
        }
    };
    if !preview.changes_state {
        println!("{}", inert(&preview.summary()));
        let path = state_path.display().to_string();
        println!("{}", t!("cli.unchanged", path = path));
        return ExitCode::SUCCESS;
    }
    match store::save_if_unchanged(&lock, &preview.result, stamp.as_ref()) {
        Ok(_) => {
            println!("{}", inert(&preview.summary()));
            let path = state_path.display().to_string();
            println!("{}", t!("cli.saved", path = path));
            ExitCode::SUCCESS
        }
        Err(error @ SaveError::ChangedOutside { .. }) => {
            let message = format!("error: {error}. Nothing was imported; run the import again");
            eprintln!("{}", inert_lines(&message));
            ExitCode::FAILURE
        }
        Err(error) => {
            let message = format!("error: {error}. Nothing was imported");
            eprintln!("{}", inert_lines(&message));
            ExitCode::FAILURE
        }
    }
}
