//! What the app opens with: the state file, a first-run welcome, or a file that did not load.

use std::path::PathBuf;

use rust_i18n::t;

use crate::model::State;
use crate::store::{self, FileStamp, LoadError, StateLock};

/// How the window starts.
#[derive(Debug)]
pub enum Startup {
    /// The state file loaded, and this window holds it (the one writer).
    Loaded {
        state: State,
        path: PathBuf,
        lock: StateLock,
        stamp: FileStamp,
    },
    /// No state file yet: offer the example or an empty start.
    FirstRun {
        path: PathBuf,
        lock: Option<StateLock>,
    },
    /// The state file did not load. It was moved to `moved_to` (never overwritten); autosave
    /// stays off until the user chooses to start afresh.
    Broken {
        path: PathBuf,
        moved_to: Option<PathBuf>,
        message: String,
        lock: Option<StateLock>,
    },
    /// The state file is from a newer version of the app: shown read-only (what this build can
    /// read of it, if anything), never rewritten.
    Newer {
        path: PathBuf,
        message: String,
        shown: Option<State>,
    },
    /// Another SIM Planner holds the state file (or it cannot be locked): shown read-only,
    /// never written; `message` says why.
    InUse {
        path: PathBuf,
        message: String,
        shown: Option<State>,
    },
    /// No place for a state file: work in memory.
    NoPath,
}

impl Startup {
    /// Loads the state file that `--state`, `SIM_PLANNER_STATE` or the default place names.
    pub fn from_state_path(path: Option<PathBuf>) -> Self {
        match path {
            Some(path) => Self::from_path(path),
            None => Self::NoPath,
        }
    }

    /// Takes the lock of `path` and loads it; a file that fails to load is set aside, never
    /// overwritten. A file another window holds opens read-only.
    pub fn from_path(path: PathBuf) -> Self {
        // A newer file is only looked at, so nothing (not even the lock file) is written for
        // it; every other file is loaded again under the lock, so no other writer comes in
        // between.
        if let Err(error @ LoadError::NewerVersion { .. }) = store::load(&path) {
            return Self::Newer {
                shown: store::load_lenient(&path),
                path,
                message: error.to_string(),
            };
        }
        let lock = match StateLock::try_acquire(&path) {
            Ok(lock) => lock,
            Err(error) => {
                return Self::InUse {
                    shown: store::load(&path).ok(),
                    path,
                    message: error.to_string(),
                };
            }
        };
        match store::load_with_stamp(&path) {
            Ok((state, stamp)) => Self::Loaded {
                state,
                path,
                lock,
                stamp,
            },
            Err(LoadError::NotFound { .. }) => Self::FirstRun {
                path,
                lock: Some(lock),
            },
            Err(error @ LoadError::NewerVersion { .. }) => Self::Newer {
                shown: store::load_lenient(&path),
                path,
                message: error.to_string(),
            },
            Err(error) => {
                let message = error.to_string();
                match store::set_aside(&path) {
                    Ok(moved_to) => Self::Broken {
                        path,
                        moved_to: Some(moved_to),
                        message,
                        lock: Some(lock),
                    },
                    Err(move_error) => Self::Broken {
                        path,
                        moved_to: None,
                        message: format!(
                            "{message}\n{}",
                            t!("startup.not_moved", error = move_error.to_string())
                        ),
                        lock: None,
                    },
                }
            }
        }
    }

    /// The lock it holds, taken out (the document keeps it from then on).
    pub fn take_lock(&mut self) -> Option<StateLock> {
        match self {
            Self::FirstRun { lock, .. } | Self::Broken { lock, .. } => lock.take(),
            Self::Loaded { .. } | Self::Newer { .. } | Self::InUse { .. } | Self::NoPath => None,
        }
    }
}

/// An empty state in the system's language (a first run, a new file).
pub fn fresh_state() -> State {
    let mut state = State::default();
    state.settings.language = crate::text::system_language();
    state
}

/// The example state shown on first run (`assets/example.ron`).
pub fn example_state() -> Result<State, LoadError> {
    store::parse_state(include_str!("../../assets/example.ron"))
}

/// The welcome (first run) or the problem with the state file; returns the state the user
/// chose to start with.
pub fn welcome_ui(ui: &mut egui::Ui, startup: &Startup) -> Option<State> {
    let mut choice = None;
    match startup {
        Startup::FirstRun { path, .. } => {
            ui.heading(t!("startup.welcome"));
            ui.label(t!("startup.welcome_text"));
            ui.label(t!("startup.state_at", path = path.display().to_string()));
        }
        Startup::Broken {
            path,
            moved_to,
            message,
            ..
        } => {
            ui.heading(t!("startup.broken"));
            ui.label(t!("startup.broken_at", path = path.display().to_string()));
            ui.colored_label(super::style::DANGER, message.as_str());
            if let Some(moved_to) = moved_to {
                ui.label(t!(
                    "startup.moved_to",
                    path = moved_to.display().to_string()
                ));
            }
        }
        Startup::Newer {
            path,
            message,
            shown,
        } => {
            ui.heading(t!("startup.newer"));
            ui.label(t!("startup.broken_at", path = path.display().to_string()));
            ui.colored_label(super::style::WARNING, message.as_str());
            ui.label(t!("startup.newer_text"));
            if shown.is_none() {
                ui.label(t!("startup.newer_unreadable"));
            }
            if ui.button(t!("prompt.ok")).clicked() {
                ui.close();
            }
            return None;
        }
        Startup::InUse { path, message, .. } => {
            ui.heading(t!("startup.in_use"));
            ui.label(t!("startup.broken_at", path = path.display().to_string()));
            ui.colored_label(super::style::WARNING, message.as_str());
            ui.label(t!("startup.in_use_text"));
            if ui.button(t!("prompt.ok")).clicked() {
                ui.close();
            }
            return None;
        }
        Startup::Loaded { .. } | Startup::NoPath => return None,
    }
    ui.horizontal(|ui| {
        if ui.button(t!("startup.load_example")).clicked() {
            choice = example_state().ok().map(|mut example| {
                example.settings.language = crate::text::current_language();
                example
            });
        }
        if ui.button(t!("startup.start_empty")).clicked() {
            choice = Some(fresh_state());
        }
    });
    choice
}
