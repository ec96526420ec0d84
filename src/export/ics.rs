//! iCalendar (RFC 5545), written by hand: the `icalendar` crate writes an inclusive `DTEND` for
//! all-day events, which calendars show one day too long.

use chrono::{DateTime, NaiveDate, Utc};

use super::{ExportRange, ScheduleEvent, schedule_events};
use crate::model::State;
use crate::schedule::Agenda;

/// The product identifier written in every calendar (RFC 5545 §3.7.3).
pub const PRODID: &str = concat!(
    "-//SIM Planner//sim-planner ",
    env!("CARGO_PKG_VERSION_MAJOR"),
    ".",
    env!("CARGO_PKG_VERSION_MINOR"),
    "//EN"
);

/// The longest content line, in octets, line break excluded (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// The events of [`schedule_events`] as an iCalendar file: one all-day `VEVENT` each, with a
/// stable `UID`, `DTSTAMP` = `stamp`, `DTSTART;VALUE=DATE` and an exclusive `DTEND` (the next
/// day), a `SUMMARY`, a `DESCRIPTION` with the details, and for planned renewals and renew-by
/// dates one `VALARM` per distinct `settings.reminder_stages` entry (days before the event).
///
/// Lines end with CRLF and are folded at 75 octets without splitting a character; TEXT values
/// are escaped, and control characters other than tab and newline (which RFC 5545 does not allow
/// in TEXT) are dropped, so whatever a name holds it stays inside its property.
pub fn to_ics(state: &State, agenda: &Agenda, range: &ExportRange, stamp: DateTime<Utc>) -> String {
    ics_from_events(state, &schedule_events(state, agenda, range), stamp)
}

/// [`to_ics`] of events already drawn.
pub(super) fn ics_from_events(
    state: &State,
    events: &[ScheduleEvent],
    stamp: DateTime<Utc>,
) -> String {
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let stages = reminder_stages(&state.settings.reminder_stages);
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_text(&mut out, "PRODID", PRODID);
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_text(&mut out, "X-WR-CALNAME", "SIM Planner");
    for event in events {
        push_event(&mut out, event, &stamp, &stages);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// One `VEVENT`, with its alarms.
fn push_event(out: &mut String, event: &ScheduleEvent, stamp: &str, stages: &[u32]) {
    let summary = event.summary();
    push_line(out, "BEGIN:VEVENT");
    push_text(out, "UID", &event.uid);
    push_line(out, &format!("DTSTAMP:{stamp}"));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", ics_date(event.date)));
    // All-day events end on the next day, exclusive. On chrono's very last day there is no
    // next day; without a DTEND an all-day event lasts one day anyway.
    if let Some(end) = event.date.succ_opt() {
        push_line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
    }
    push_text(out, "SUMMARY", &summary);
    if !event.details.is_empty() {
        push_text(out, "DESCRIPTION", &event.details.join("\n"));
    }
    // Reminders should not mark the day as busy.
    push_line(out, "TRANSP:TRANSPARENT");
    if event.has_reminders() {
        for &days in stages {
            push_line(out, "BEGIN:VALARM");
            push_line(out, "ACTION:DISPLAY");
            push_line(out, &format!("TRIGGER:{}", trigger(days)));
            push_text(out, "DESCRIPTION", &summary);
            push_line(out, "END:VALARM");
        }
    }
    push_line(out, "END:VEVENT");
}

/// The distinct stages, earliest reminder first.
fn reminder_stages(stages: &[u32]) -> Vec<u32> {
    let mut stages = stages.to_vec();
    stages.sort_unstable_by(|a, b| b.cmp(a));
    stages.dedup();
    stages
}

/// A `TRIGGER` duration `days` before the event's start: `-P7D`, and `PT0S` for the day itself.
fn trigger(days: u32) -> String {
    if days == 0 {
        "PT0S".to_owned()
    } else {
        format!("-P{days}D")
    }
}

/// `YYYYMMDD`.
fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// A property whose value is TEXT, escaped.
fn push_text(out: &mut String, name: &str, value: &str) {
    push_line(out, &format!("{name}:{}", escape_text(value)));
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline are
/// escaped; CR and the other control characters except tab are dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_ascii_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded (RFC 5545 §3.1): at most 75 octets per line, each
/// continuation starting with one space that counts toward the 75, never splitting a UTF-8
/// character; every line ends with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    while rest.len() > limit {
        // A character is at most 4 octets and `limit` at least 74, so `cut` is never 0.
        let cut = rest.floor_char_boundary(limit);
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        limit = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}
