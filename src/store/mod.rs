//! Everything that touches files: loading and checking the state file, saving it atomically
//! with a backup, and setting aside a file that does not load (DESIGN.md, "Behaviour that
//! users rely on").
//!
//! - [`load`] / [`load_bytes`] / [`parse_state`]: size limit, UTF-8, schema version, RON with
//!   line and column on errors, then [`validate`]. Loading never changes the file.
//! - [`save`] / [`to_ron_string`]: temporary file, fsync, backup as `<filename>.bak`, rename,
//!   fsync of the folder; [`write_file_atomic`] is the same without the backup, for exports.
//! - [`preview_import`]: what importing a state file would give ([`ImportMode::Merge`] or
//!   [`ImportMode::Replace`]), checked, with an [`ImportPreview::summary`]; pure.
//! - [`set_aside`]: moves a file that failed to load out of the way, never overwriting.

mod aside;
mod error;
mod import;
mod lenient;
mod load;
mod save;
mod validate;
mod warnings;

pub use aside::set_aside;
pub use error::{LoadError, SaveError};
pub use import::{ImportMode, ImportPreview, preview_import};
pub use lenient::{load_lenient, parse_lenient};
pub use load::{load, load_bytes, parse_state};
pub use save::{save, to_ron_string, write_file_atomic};
pub use validate::{
    DATE_YEARS, Item, MAX_KEEP_ALIVE_DAYS, MAX_LEAD_DAYS, MAX_VALIDITY_DAYS, MAX_VALIDITY_MONTHS,
    MAX_VALIDITY_WEEKS, Problem, ValidationError, validate,
};
pub use warnings::{Warning, warnings};

/// The largest state file accepted: 16 MiB, far more than any real one needs.
pub const MAX_STATE_BYTES: u64 = 16 * 1024 * 1024;
