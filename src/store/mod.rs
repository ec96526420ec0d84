//! Everything that touches files: loading and checking the state file, saving it atomically
//! with a backup, and setting aside a file that does not load (DESIGN.md, "Behaviour that
//! users rely on").
//!
//! - [`load`] / [`load_bytes`] / [`parse_state`]: a regular file (a named pipe, device or
//!   folder is refused without blocking), size limit, UTF-8, schema version, RON with line,
//!   column and item on errors, then [`validate`]. Loading never changes the file.
//! - [`save`] / [`to_ron_string`]: a valid state under the load limit only, temporary file,
//!   fsync, backup as `<filename>.bak`, rename, fsync of the folder; [`write_file_atomic`] is
//!   the same without the backup, for exports.
//! - [`preview_import`]: what importing a state file would give ([`ImportMode::Merge`] or
//!   [`ImportMode::Replace`]), checked, with an [`ImportPreview::summary`]; pure.
//! - [`set_aside`]: moves a file that failed to load out of the way, never overwriting.
//! - [`StateLock`]: one writer at a time, an advisory lock on `<state file>.lock` beside it;
//!   [`save_locked`] and [`save_if_unchanged`] save under it, the latter only if the file still
//!   holds what its [`FileStamp`] (from [`load_with_stamp`] or the last save) says, and
//!   [`keep_conflict_copy`] keeps theirs as `<state file>.conflict-<timestamp>` for "keep mine".
//! - Limits ([`MAX_SIMS`], [`MAX_TOTAL_LEG_DAYS`], …): every file that loads is handled in
//!   bounded time and memory, and saves again under [`MAX_STATE_BYTES`].

mod aside;
mod error;
mod import;
mod lenient;
mod limits;
mod load;
mod locate;
mod lock;
mod locked_save;
mod open;
mod problem;
mod save;
mod stamp;
mod validate;
mod warnings;

pub use aside::set_aside;
pub use error::{LoadError, SaveError};
pub use import::{ImportMode, ImportPreview, Updated, UpdatedKind, preview_import};
pub use lenient::{load_lenient, parse_lenient};
pub use limits::{
    MAX_COVERAGE, MAX_LEGS, MAX_NAME_CHARS, MAX_NOTES_CHARS, MAX_NUMBER_CHARS, MAX_PLANS,
    MAX_RATES, MAX_REMINDER_STAGES, MAX_RENEWALS, MAX_SIMS, MAX_TOTAL_LEG_DAYS, MAX_TRIP_DAYS,
    MAX_TRIPS, MAX_URL_CHARS,
};
pub use load::{load, load_bytes, load_with_stamp, parse_state};
pub use lock::{IMPORT_LOCK_WAIT, LockError, StateLock};
pub use locked_save::{keep_conflict_copy, save_if_unchanged, save_locked};
pub use problem::{
    DATE_YEARS, Item, MAX_KEEP_ALIVE_DAYS, MAX_LEAD_DAYS, MAX_VALIDITY_DAYS, MAX_VALIDITY_MONTHS,
    MAX_VALIDITY_WEEKS, Problem, ValidationError,
};
pub use save::{save, to_ron_string, write_file_atomic};
pub use stamp::FileStamp;
pub use validate::validate;
pub use warnings::{Warning, warnings};

/// The largest state file accepted: 16 MiB, far more than any real one needs.
pub const MAX_STATE_BYTES: u64 = 16 * 1024 * 1024;
