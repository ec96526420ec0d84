//! `sim-planner import`: check a state file, merge it into the state (or replace the state
//! with it) and save, with the same [`store::preview_import`] the window uses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::model::State;
use crate::store::{self, ImportMode, LoadError};

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
            eprintln!(
                "error: {} cannot be imported, so nothing was changed:\n{error}",
                args.file.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let current = match store::load(state_path) {
        Ok(state) => state,
        // The first run: import into an empty state. The user has chosen no settings yet, so
        // the file's apply rather than the defaults.
        Err(error) if error.is_not_found() => State {
            settings: incoming.settings.clone(),
            ..State::default()
        },
        Err(error) => {
            eprintln!(
                "error: the state file {} cannot be used, so nothing was imported:\n{error}",
                state_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let mode = if args.replace {
        ImportMode::Replace
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
                eprintln!("  - {problem}");
            }
            return ExitCode::FAILURE;
        }
    };
    println!("{}", preview.summary());
    if !preview.changes_state {
        println!("{} is unchanged", state_path.display());
        return ExitCode::SUCCESS;
    }
    if let Err(error) = store::save(state_path, &preview.result) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    println!("saved {}", state_path.display());
    ExitCode::SUCCESS
}
