//! Exports before travelling (issue 4): iCalendar checked against a real parser, CSV read back
//! with a CSV reader, the HTML trip sheet escaped and self-contained.
#![allow(clippy::unwrap_used)]

#[path = "export/csv_table.rs"]
mod csv_table;
#[path = "export/ics.rs"]
mod ics;
#[path = "export/suggestions.rs"]
mod suggestions;
#[path = "export/trip_sheet.rs"]
mod trip_sheet;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use sim_planner::export::{ExportError, ExportRange, schedule_events, to_csv, to_html, to_ics};
use sim_planner::model::{RenewalRule, Rgb, Sim, SimId, SimKind, State, TripId};
use sim_planner::schedule::Agenda;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn traveller() -> State {
    let path = format!(
        "{}/tests/fixtures/traveller-en.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn today() -> NaiveDate {
    d("2026-12-04")
}

fn winter() -> ExportRange {
    ExportRange {
        from: d("2026-12-01"),
        to: d("2027-02-28"),
    }
}

fn stamp(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn ics_of(state: &State) -> String {
    let agenda = Agenda::compute(state, today());
    to_ics(state, &agenda, &winter(), stamp("2026-12-04T08:30:00Z"))
}

fn csv_of(state: &State) -> String {
    let agenda = Agenda::compute(state, today());
    to_csv(state, &agenda, &winter()).unwrap()
}

fn html_of(state: &State, title: &str) -> String {
    let agenda = Agenda::compute(state, today());
    to_html(state, &agenda, &winter(), title)
}

/// The worked example: (date, summary, alarms) of every event of `traveller.ron` from
/// 2026-12-01 through 2027-02-28, seen on 2026-12-04, in order.
fn expected_events() -> Vec<(&'static str, &'static str, usize)> {
    vec![
        (
            "2026-12-01",
            "Renewed 中国移动 主号 — China Mobile monthly, 30.00 CNY (paid)",
            0,
        ),
        ("2026-12-03", "Renew 巴林流量卡 — 每月 20GB, 8.000 BHD", 3),
        ("2026-12-10", "No SIM works in SA (利雅得出差)", 0),
        ("2026-12-11", "No SIM works in SA (利雅得出差)", 0),
        ("2026-12-12", "No SIM works in SA (利雅得出差)", 0),
        ("2026-12-13", "No SIM works in SA (利雅得出差)", 0),
        ("2026-12-14", "No SIM works in SA (利雅得出差)", 0),
        ("2026-12-15", "No SIM works in SA (利雅得出差)", 0),
        ("2026-12-26", "Renew 中国移动 主号 by 2026-12-26", 3),
        ("2026-12-31", "中国移动 主号 expires", 0),
        ("2027-01-02", "Renew 巴林流量卡 by 2027-01-02", 3),
        ("2027-01-05", "巴林流量卡 expires", 0),
        (
            "2027-01-09",
            "Renew Travel eSIM — Eurolink 10GB / 30 days, 26.00 USD",
            3,
        ),
        ("2027-01-12", "Renew 巴林流量卡 — 每周 5GB, 3.000 BHD", 3),
        ("2027-01-15", "Renew 巴林流量卡 by 2027-01-15", 3),
        ("2027-01-18", "巴林流量卡 expires", 0),
        ("2027-01-21", "No SIM works in CH (Europe in January)", 0),
        ("2027-01-22", "No SIM works in CH (Europe in January)", 0),
        ("2027-02-04", "Renew Travel eSIM by 2027-02-04", 3),
        ("2027-02-07", "Travel eSIM expires", 0),
    ]
}

/// A SIM whose only events in the winter range are a renew-by date and an expiry.
fn one_sim(name: &str) -> State {
    let mut state = State::default();
    state.sims.push(Sim {
        id: SimId(7),
        name: name.to_owned(),
        carrier: "Carrier".to_owned(),
        number: None,
        kind: SimKind::Esim,
        color: Rgb(1, 2, 3),
        coverage: vec!["BH".to_owned()],
        rule: RenewalRule::Extend,
        valid_until: Some(d("2026-12-20")),
        lead_days: None,
        daily_use_mb: None,
        keep_alive_days: None,
        renew_url: None,
        payment: name.to_owned(),
        notes: String::new(),
    });
    state
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        r"[\\;,:\r\n\t \x00\x7fa-zé中文🎉]{0,160}",
        r"[ \u{3000}\u{200b}\u{202e}\u{2067}=+@＝＋－＠\-a1]{0,8}",
        r"(x\r\nEND:VEVENT\r\nBEGIN:VEVENT|\\n|\\;|,|;|中){0,40}",
    ]
}

// --- the shared event list ---------------------------------------------------------------------

#[test]
fn traveller_events_are_every_renewal_renew_by_expiry_and_uncovered_day_in_date_order() {
    let state = traveller();
    let agenda = Agenda::compute(&state, today());
    let events = schedule_events(&state, &agenda, &winter());
    let got: Vec<(String, String)> = events
        .iter()
        .map(|event| (event.date.to_string(), event.summary()))
        .collect();
    let want: Vec<(String, String)> = expected_events()
        .into_iter()
        .map(|(date, summary, _)| (date.to_owned(), summary.to_owned()))
        .collect();
    assert_eq!(got, want);
    let renewal = events
        .iter()
        .find(|e| e.uid == "renewal-3-20270112@sim-planner")
        .unwrap();
    assert_eq!(renewal.valid_until, Some(d("2027-01-18")));
    assert!(renewal.details.contains(&"Carrier: Batelco".to_owned()));
    assert!(
        renewal
            .details
            .contains(&"Number: +973 3300 0000".to_owned())
    );
    assert!(
        renewal
            .details
            .contains(&"Renewal link: https://www.batelco.com/".to_owned())
    );
    assert!(renewal.details.contains(&"Payment: Visa ..1234".to_owned()));
}

#[test]
fn a_range_keeps_only_its_days() {
    let state = traveller();
    let agenda = Agenda::compute(&state, today());
    let range = ExportRange {
        from: d("2027-01-05"),
        to: d("2027-01-12"),
    };
    let dates: Vec<String> = schedule_events(&state, &agenda, &range)
        .iter()
        .map(|event| event.date.to_string())
        .collect();
    assert_eq!(dates, ["2027-01-05", "2027-01-09", "2027-01-12"]);
}

#[test]
fn a_trip_range_starts_lead_days_before_the_trip_and_ends_on_its_last_day() {
    let state = traveller();
    let range = ExportRange::for_trip(&state, TripId(2), 3).unwrap();
    assert_eq!(
        range,
        ExportRange {
            from: d("2027-01-07"),
            to: d("2027-01-22")
        }
    );
    assert!(matches!(
        ExportRange::for_trip(&state, TripId(9), 3),
        Err(ExportError::UnknownTrip(TripId(9)))
    ));
    assert_eq!(
        ExportRange::next_days(today(), 30),
        ExportRange {
            from: today(),
            to: d("2027-01-02")
        }
    );
    assert!(ExportRange::new(d("2027-01-02"), d("2027-01-01")).is_err());
    assert!(ExportRange::new(d("2027-01-01"), d("2047-01-01")).is_err());
}
