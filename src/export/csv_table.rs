//! CSV for spreadsheets: one row per event.

use rust_i18n::t;

use super::{ExportError, ExportRange, ScheduleEvent, schedule_events};
use crate::model::{State, is_bidi_control};
use crate::schedule::Agenda;

/// The header row's cells, in the state's language (`date`, `event`, ... in English).
pub fn csv_header() -> [String; 8] {
    [
        t!("export.csv_date"),
        t!("export.csv_event"),
        t!("export.csv_sim"),
        t!("export.csv_plan"),
        t!("export.csv_price"),
        t!("export.csv_currency"),
        t!("export.csv_valid_until"),
        t!("export.csv_details"),
    ]
    .map(std::borrow::Cow::into_owned)
}

/// The events of [`schedule_events`] as CSV (RFC 4180, CRLF line ends, UTF-8): the header
/// [`csv_header`], then one row per event. Dates are `YYYY-MM-DD`, prices decimal strings as
/// stored, details joined with `"; "`. A cell a spreadsheet could run as a formula gets a
/// leading `'`, so that it shows as text (see `neutralise`).
pub fn to_csv(state: &State, agenda: &Agenda, range: &ExportRange) -> Result<String, ExportError> {
    csv_from_events(&schedule_events(state, agenda, range))
}

/// [`to_csv`] of events already drawn.
pub(super) fn csv_from_events(events: &[ScheduleEvent]) -> Result<String, ExportError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(csv_header())?;
    for event in events {
        let plan = event.plan.as_ref();
        let row = [
            event.date.to_string(),
            event.label(),
            event
                .sim
                .as_ref()
                .map(|sim| sim.name.clone())
                .unwrap_or_default(),
            plan.map(|plan| plan.name.clone()).unwrap_or_default(),
            plan.map(|plan| plan.price.amount.to_string())
                .unwrap_or_default(),
            plan.map(|plan| plan.price.currency.clone())
                .unwrap_or_default(),
            event
                .valid_until
                .map(|day| day.to_string())
                .unwrap_or_default(),
            event.details.join("; "),
        ];
        writer.write_record(row.iter().map(|cell| neutralise(cell)))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| ExportError::Csv(error.to_string()))?;
    String::from_utf8(bytes).map_err(|error| ExportError::Csv(error.to_string()))
}

/// Prefixes `'` to a cell a spreadsheet could read as a formula (CSV injection): one whose
/// first character that is not white space (nor an invisible zero-width one) is `=`, `+`, `-`
/// or `@`, or their full-width forms `＝ ＋ － ＠`, which some spreadsheets take for the same;
/// and one that starts with a tab, a CR or a bidi control, which can hide what follows.
fn neutralise(cell: &str) -> String {
    let starts_badly = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '\t' | '\r') || is_bidi_control(c));
    let first_visible = cell
        .chars()
        .find(|&c| !(c.is_whitespace() || is_invisible(c) || is_bidi_control(c)));
    let formula = first_visible.is_some_and(|c| {
        matches!(
            c,
            '=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
        )
    });
    if starts_badly || formula {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Zero-width characters a spreadsheet may skip before a formula: zero-width space, joiners,
/// word joiner and the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}
