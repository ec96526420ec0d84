//! Making an export and writing it: the one path the CLI's `export` and the window's File menu
//! share.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::{ExportError, ExportRange, schedule_events, to_csv, to_html, to_ics};
use crate::model::State;
use crate::schedule::Agenda;
use crate::store::{self, SaveError};

/// A format `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ExportFormat {
    /// iCalendar for phone and desktop calendars: all-day events with reminders (.ics)
    Ics,
    /// A spreadsheet: one row per event (.csv)
    Csv,
    /// The whole state file, to back up or to import elsewhere; the range is ignored (.ron)
    Ron,
    /// A trip sheet to print or keep offline (.html)
    Html,
}

impl ExportFormat {
    /// The format a file name's extension stands for (compared without case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "ics" | "ical" | "icalendar" => Some(Self::Ics),
            "csv" => Some(Self::Csv),
            "ron" => Some(Self::Ron),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }

    /// The usual extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Ics => "ics",
            Self::Csv => "csv",
            Self::Ron => "ron",
            Self::Html => "html",
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportFileError {
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// An export, made but not yet written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportText {
    pub text: String,
    /// How many schedule events it holds; `None` for RON, which holds the state.
    pub events: Option<usize>,
}

/// The export of `state` in `format`: the schedule events of `range` seen on `today` (ICS
/// with `DTSTAMP` = `stamp`, CSV, or the trip sheet titled `title`), or the whole state as
/// RON, which ignores the range.
pub fn export_text(
    state: &State,
    format: ExportFormat,
    range: &ExportRange,
    today: NaiveDate,
    stamp: DateTime<Utc>,
    title: &str,
) -> Result<ExportText, ExportFileError> {
    let agenda = Agenda::compute(state, today);
    let text = match format {
        ExportFormat::Ron => {
            return Ok(ExportText {
                text: store::to_ron_string(state)?,
                events: None,
            });
        }
        ExportFormat::Ics => to_ics(state, &agenda, range, stamp),
        ExportFormat::Csv => to_csv(state, &agenda, range)?,
        ExportFormat::Html => to_html(state, &agenda, range, title),
    };
    let events = schedule_events(state, &agenda, range).len();
    Ok(ExportText {
        text,
        events: Some(events),
    })
}

/// Makes [`export_text`] and writes it to `out` with [`store::write_file_atomic`]. Returns
/// the number of events written (`None` for RON).
pub fn export_to_file(
    state: &State,
    format: ExportFormat,
    range: &ExportRange,
    today: NaiveDate,
    stamp: DateTime<Utc>,
    title: &str,
    out: &Path,
) -> Result<Option<usize>, ExportFileError> {
    let export = export_text(state, format, range, today, stamp, title)?;
    store::write_file_atomic(out, export.text.as_bytes())?;
    Ok(export.events)
}
