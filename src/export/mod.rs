//! Exports of the schedule before travelling (DESIGN.md, "Behaviour that users rely on"):
//! iCalendar with reminders, CSV for spreadsheets and a printable trip sheet.
//!
//! Every function here is pure: it takes the state and its [`Agenda`](crate::schedule::Agenda)
//! and returns the file's text; the window and the CLI write the bytes through the store.
//! All three formats are drawn from one event list, [`schedule_events`], so they always agree.
//!
//! - [`ExportRange`]: the days to export (next N days, a trip with its lead days, custom dates).
//! - [`to_ics`]: RFC 5545, written by hand (CRLF, folding at 75 octets, escaped TEXT, stable
//!   UIDs, exclusive all-day `DTEND`, `VALARM` reminders).
//! - [`to_csv`]: one row per event, formula-like cells neutralised.
//! - [`to_html`]: a self-contained trip sheet, every text escaped.

mod csv_table;
mod events;
mod file;
mod html;
mod ics;
mod range;
mod suggestions;
mod trip_sheet;

pub use csv_table::{csv_header, to_csv};
pub use events::{
    EventKind, EventPlan, EventSim, ScheduleEvent, schedule_events, with_suggestions,
};
pub use file::{
    ExportContent, ExportFileError, ExportFormat, ExportTarget, ExportText, export_text,
    export_text_with, export_to_file, export_to_file_with, is_same_file,
};
pub use ics::{PRODID, to_ics};
pub use range::{ExportRange, MAX_RANGE_DAYS};
pub use trip_sheet::to_html;

use crate::model::TripId;

/// Why an export could not be made, worded for the user.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// `--trip ID` (or the trip picker) names a trip that is not in the state.
    #[error("there is no trip with id {0}. Pick one of the trips in the list")]
    UnknownTrip(TripId),

    /// The trip has no legs, so it has no dates to export.
    #[error("the trip \"{0}\" has no legs yet, so it has no dates. Add a leg or choose dates")]
    TripWithoutDates(String),

    /// The last day comes before the first.
    #[error("the range ends ({to}) before it starts ({from}). Swap the dates")]
    RangeBackwards {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },

    /// The range is longer than [`MAX_RANGE_DAYS`].
    #[error("the range is {days} days long; at most {MAX_RANGE_DAYS} days can be exported at once")]
    RangeTooLong { days: i64 },

    /// The CSV writer failed (it writes to memory, so this is not expected).
    #[error("could not write the CSV: {0}")]
    Csv(String),
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> Self {
        Self::Csv(error.to_string())
    }
}
