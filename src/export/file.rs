//! Making an export and writing it: the one path the CLI's `export` and the window's File menu
//! share.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::csv_table::csv_from_events;
use super::ics::ics_from_events;
use super::trip_sheet::html_from_events;
use super::{ExportError, ExportRange, schedule_events, with_suggestions};
use crate::model::State;
use crate::schedule::{Agenda, TripCover};
use crate::store::{self, SaveError};

/// A format `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// Every format, in the order the CLI's help and the window list them.
    pub const ALL: [Self; 4] = [Self::Ics, Self::Csv, Self::Ron, Self::Html];

    /// The format's name on the command line (`--format ics`).
    pub fn name(self) -> &'static str {
        self.extension()
    }

    /// What the format is for, as the CLI's help says it.
    pub fn description(self) -> &'static str {
        match self {
            Self::Ics => "iCalendar for phone and desktop calendars: all-day events with reminders",
            Self::Csv => "A spreadsheet: one row per event",
            Self::Ron => {
                "The whole state file, to back up or to import elsewhere; the range is ignored"
            }
            Self::Html => "A trip sheet to print or keep offline",
        }
    }

    /// The format named `name` (as [`Self::name`] gives it, compared without case).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name.trim()))
    }

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
    /// Writing here would replace the state file with the export.
    #[error("{} is the state file itself; choose another file to export to", .0.display())]
    IsStateFile(PathBuf),
}

/// An export, made but not yet written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportText {
    pub text: String,
    /// How many schedule events it holds; `None` for RON, which holds the state.
    pub events: Option<usize>,
}

/// What a schedule export holds besides the schedule of its range.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportContent<'a> {
    /// The trip sheet's title.
    pub title: &'a str,
    /// A trip cover whose purchases, not yet in the state, the export lists as suggestions
    /// ([`super::EventKind::Suggestion`]): the iCalendar as events with reminders, the trip
    /// sheet in a section of its own and on their days. CSV and RON leave them out.
    pub suggestions: Option<&'a TripCover>,
    /// CSV starts with a UTF-8 byte order mark, so spreadsheet programs that guess the
    /// encoding read Chinese names right (`--no-bom` leaves it out).
    pub csv_bom: bool,
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
    let content = ExportContent {
        title,
        suggestions: None,
        csv_bom: true,
    };
    export_text_with(state, format, range, today, stamp, content)
}

/// The byte order mark CSV exports start with ([`ExportContent::csv_bom`]).
pub const UTF8_BOM: char = '\u{feff}';

/// [`export_text`] with `content`: its title, and suggested purchases if any.
pub fn export_text_with(
    state: &State,
    format: ExportFormat,
    range: &ExportRange,
    today: NaiveDate,
    stamp: DateTime<Utc>,
    content: ExportContent<'_>,
) -> Result<ExportText, ExportFileError> {
    // The agenda and its events are drawn once, for both the text and its count.
    let drawn = |suggested: bool| {
        let agenda = Agenda::compute(state, today);
        let mut events = schedule_events(state, &agenda, range);
        if let (true, Some(cover)) = (suggested, content.suggestions) {
            events = with_suggestions(state, events, cover);
        }
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
            let (_, events) = drawn(true);
            (ics_from_events(state, &events, stamp), events.len())
        }
        ExportFormat::Csv => {
            let (_, events) = drawn(false);
            let mut text = if content.csv_bom {
                String::from(UTF8_BOM)
            } else {
                String::new()
            };
            text.push_str(&csv_from_events(&events)?);
            (text, events.len())
        }
        ExportFormat::Html => {
            let (agenda, events) = drawn(true);
            let text = html_from_events(state, &agenda, *range, &events, content.title);
            (text, events.len())
        }
    };
    Ok(ExportText {
        text,
        events: Some(events),
    })
}

/// Where an export goes, and the state file it must never replace.
#[derive(Clone, Copy, Debug)]
pub struct ExportTarget<'a> {
    pub out: &'a Path,
    /// The open state file, if any: an export to it is refused.
    pub state_file: Option<&'a Path>,
}

/// Makes [`export_text`] and writes it to `target.out` with [`store::write_file_atomic`].
/// Returns the number of events written (`None` for RON). Refuses, before making anything, to
/// write over the state file ([`ExportFileError::IsStateFile`]).
pub fn export_to_file(
    state: &State,
    format: ExportFormat,
    range: &ExportRange,
    today: NaiveDate,
    stamp: DateTime<Utc>,
    title: &str,
    target: ExportTarget<'_>,
) -> Result<Option<usize>, ExportFileError> {
    let content = ExportContent {
        title,
        suggestions: None,
        csv_bom: true,
    };
    export_to_file_with(state, format, range, today, stamp, content, target)
}

/// [`export_to_file`] with `content`: its title, and suggested purchases if any.
pub fn export_to_file_with(
    state: &State,
    format: ExportFormat,
    range: &ExportRange,
    today: NaiveDate,
    stamp: DateTime<Utc>,
    content: ExportContent<'_>,
    target: ExportTarget<'_>,
) -> Result<Option<usize>, ExportFileError> {
    let out = target.out;
    if target
        .state_file
        .is_some_and(|state_file| is_same_file(out, state_file))
    {
        return Err(ExportFileError::IsStateFile(out.to_path_buf()));
    }
    let export = export_text_with(state, format, range, today, stamp, content)?;
    store::write_file_atomic(out, export.text.as_bytes())?;
    Ok(export.events)
}

/// Whether `a` and `b` name one existing file (through links or `..` as well).
pub fn is_same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
