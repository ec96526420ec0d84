//! Making an export and writing it: the one path the CLI's `export` and the window's File menu
//! share.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::csv_table::csv_from_events;
use super::ics::ics_from_events;
use super::trip_sheet::html_from_events;
use super::{ExportError, ExportRange, schedule_events};
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
    // The agenda and its events are drawn once, for both the text and its count.
    let drawn = || {
        let agenda = Agenda::compute(state, today);
        let events = schedule_events(state, &agenda, range);
        (agenda, events)
    };
    let (text, events) = match format {
        ExportFormat::Ron => {
            return Ok(ExportText {
                text: store::to_ron_string(state)?,
                events: None,
            });
        }
        ExportFormat::Ics => {
            let (_, events) = drawn();
            (ics_from_events(state, &events, stamp), events.len())
        }
        ExportFormat::Csv => {
            let (_, events) = drawn();
            (csv_from_events(&events)?, events.len())
        }
        ExportFormat::Html => {
            let (agenda, events) = drawn();
            let text = html_from_events(state, &agenda, *range, &events, title);
            (text, events.len())
        }
    };
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
