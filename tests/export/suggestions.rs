//! Exports with the trip cover's suggested purchases ("Suggestions", issue 9): listed only when
//! asked for, marked as suggestions, and nothing else changes.

use icalendar::parser::{read_calendar, unfold};
use sim_planner::export::{
    ExportContent, ExportFormat, ExportRange, export_text, export_text_with,
};
use sim_planner::model::{RenewalId, State, TripId};
use sim_planner::schedule::{COVER_BUDGET, TripCover, cover_trip};

use super::{stamp, today, traveller};

/// The traveller without its planned eSIM top-up, whose Europe trip then needs one purchase:
/// the eSIM plan on 2027-01-10 (see tests/suggest.rs).
fn europe_to_cover() -> (State, TripCover, ExportRange) {
    let mut state = traveller();
    state.renewals.retain(|renewal| renewal.id != RenewalId(4));
    let cover = cover_trip(&state, TripId(2), today(), COVER_BUDGET).unwrap();
    assert_eq!(cover.purchases.len(), 1);
    let range = ExportRange::for_trip(&state, TripId(2), state.settings.lead_days).unwrap();
    (state, cover, range)
}

fn export(
    state: &State,
    format: ExportFormat,
    range: ExportRange,
    cover: Option<&TripCover>,
) -> String {
    let content = ExportContent {
        title: "Europe",
        suggestions: cover,
        csv_bom: true,
    };
    export_text_with(
        state,
        format,
        &range,
        today(),
        stamp("2026-12-04T08:00:00Z"),
        content,
    )
    .unwrap()
    .text
}

#[test]
fn without_suggestions_every_export_is_as_before() {
    let (state, _, range) = europe_to_cover();
    for format in [ExportFormat::Ics, ExportFormat::Csv, ExportFormat::Html] {
        let before = export_text(
            &state,
            format,
            &range,
            today(),
            stamp("2026-12-04T08:00:00Z"),
            "Europe",
        )
        .unwrap()
        .text;
        assert_eq!(export(&state, format, range, None), before, "{format:?}");
        assert!(!before.contains("Suggest"), "{format:?}");
    }
}

#[test]
fn the_calendar_lists_each_suggested_purchase_as_an_event_with_reminders() {
    let (state, cover, range) = europe_to_cover();
    let plain = export(&state, ExportFormat::Ics, range, None);
    let text = export(&state, ExportFormat::Ics, range, Some(&cover));
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).unwrap();
    let suggested: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .filter(|c| {
            c.properties
                .iter()
                .any(|p| p.name == "SUMMARY" && p.val.as_str().starts_with("Suggested: "))
        })
        .collect();
    assert_eq!(suggested.len(), 1);
    let event = suggested[0];
    let property = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
            .unwrap_or_default()
    };
    assert_eq!(property("UID"), "suggestion-2-3-5-20270110@sim-planner");
    assert_eq!(property("DTSTART"), "20270110");
    assert_eq!(
        property("SUMMARY"),
        "Suggested: buy Eurolink 10GB / 30 days for Travel eSIM, 26.00 USD"
    );
    assert!(property("DESCRIPTION").contains("Suggestion: not in your plan yet"));
    assert!(property("DESCRIPTION").contains("184.60 CNY"));
    assert!(
        !event.components.is_empty(),
        "a purchase to make gets its reminders"
    );
    // Everything else is the calendar without suggestions.
    let plain_events = plain.matches("BEGIN:VEVENT").count();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), plain_events + 1);
}

#[test]
fn the_trip_sheet_lists_the_suggestions_apart_and_on_their_day() {
    let (state, cover, range) = europe_to_cover();
    let html = export(&state, ExportFormat::Html, range, Some(&cover));
    assert!(html.contains("<h2>Suggested purchases</h2>"), "{html}");
    assert!(html.contains(
        "<li class=\"suggestion\">2027-01-10: <bdi>Suggested: buy Eurolink 10GB / 30 days for \
         Travel eSIM, 26.00 USD</bdi>"
    ));
    assert!(html.contains("Covers: DE 2027-01-10 to 2027-01-14, FR 2027-01-15 to 2027-01-20"));
    let start = html.find("<tr id=\"day-2027-01-10\">").unwrap();
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    assert!(
        row.contains("Suggested: buy <bdi>Eurolink 10GB / 30 days</bdi>"),
        "{row}"
    );
    // Still the truth about today's plan: until it is bought, no SIM works there.
    assert!(row.contains("No SIM works in <bdi>DE</bdi>"), "{row}");
}

#[test]
fn suggested_names_are_escaped_in_the_trip_sheet() {
    let (mut state, _, range) = europe_to_cover();
    state.plans[4].name = "<script>alert(1)</script>".to_owned();
    let cover = cover_trip(&state, TripId(2), today(), COVER_BUDGET).unwrap();
    let html = export(&state, ExportFormat::Html, range, Some(&cover));
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the plan's name is there, escaped: {html}"
    );
}

#[test]
fn the_spreadsheet_leaves_suggestions_out() {
    let (state, cover, range) = europe_to_cover();
    assert_eq!(
        export(&state, ExportFormat::Csv, range, Some(&cover)),
        export(&state, ExportFormat::Csv, range, None)
    );
}
