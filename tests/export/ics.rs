//! iCalendar: parsed back with the `icalendar` crate's parser.

use chrono::NaiveDate;
use icalendar::parser::{Component, read_calendar, unfold};
use proptest::prelude::*;
use sim_planner::export::{PRODID, to_ics};
use sim_planner::schedule::Agenda;

use super::{d, expected_events, ics_of, one_sim, stamp, today, traveller, tricky_text, winter};

/// The calendar's `VEVENT`s, parsed by the `icalendar` crate after unfolding.
fn parsed_events(text: &str) -> Vec<Component<'static>> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).unwrap();
    let events: Vec<Component<'static>> = calendar
        .components
        .iter()
        .filter(|component| component.name == "VEVENT")
        .map(owned)
        .collect();
    events
}

fn owned(component: &Component<'_>) -> Component<'static> {
    Component {
        name: component.name.clone().into_owned(),
        properties: component
            .properties
            .iter()
            .map(|p| icalendar::parser::Property {
                name: p.name.clone().into_owned(),
                val: p.val.clone().into_owned(),
                params: p
                    .params
                    .iter()
                    .map(|param| icalendar::parser::Parameter {
                        key: param.key.clone().into_owned(),
                        val: param
                            .val
                            .clone()
                            .map(icalendar::parser::ParseString::into_owned),
                    })
                    .collect(),
            })
            .collect(),
        components: component.components.iter().map(owned).collect(),
    }
}

fn prop(component: &Component<'_>, name: &str) -> String {
    component.find_prop(name).unwrap().val.as_str().to_owned()
}

fn value_is_date(component: &Component<'_>, name: &str) -> bool {
    component
        .find_prop(name)
        .unwrap()
        .params
        .iter()
        .any(|param| {
            param.key == "VALUE" && param.val.as_ref().is_some_and(|val| val.as_str() == "DATE")
        })
}

/// Whether a raw TEXT value is escaped as RFC 5545 §3.3.11 requires: every `;` and `,` escaped,
/// and a backslash only before `\\`, `;`, `,`, `n` or `N` (lenient parsers accept less).
fn strictly_escaped(raw: &str) -> bool {
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' | ',' => return false,
            '\\' if !matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')) => return false,
            _ => {}
        }
    }
    true
}

/// The raw (unfolded, still escaped) values of every TEXT property the export writes.
fn raw_text_values(text: &str) -> Vec<String> {
    unfold(text)
        .split("\r\n")
        .filter_map(|line| {
            ["SUMMARY:", "DESCRIPTION:", "UID:"]
                .iter()
                .find_map(|name| line.strip_prefix(name))
                .map(str::to_owned)
        })
        .collect()
}

fn ics_day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y%m%d").unwrap()
}

#[test]
fn ics_parses_back_with_every_event_date_summary_and_alarm() {
    let text = ics_of(&traveller());
    let calendar_text = unfold(&text);
    let calendar = read_calendar(&calendar_text).unwrap();
    let calendar_prop = |name: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .val
            .as_str()
            .to_owned()
    };
    assert_eq!(calendar_prop("VERSION"), "2.0");
    assert_eq!(calendar_prop("PRODID"), PRODID);
    assert_eq!(PRODID, "-//SIM Planner//sim-planner 0.1//EN");
    assert_eq!(calendar_prop("CALSCALE"), "GREGORIAN");

    let events = parsed_events(&text);
    let expected = expected_events();
    assert_eq!(events.len(), expected.len());
    for (event, (date, summary, alarms)) in events.iter().zip(expected) {
        assert_eq!(ics_day(&prop(event, "DTSTART")), d(date), "{summary}");
        assert!(value_is_date(event, "DTSTART") && value_is_date(event, "DTEND"));
        assert_eq!(prop(event, "SUMMARY"), summary);
        assert_eq!(prop(event, "DTSTAMP"), "20261204T083000Z");
        let valarms: Vec<&Component<'_>> = event
            .components
            .iter()
            .filter(|c| c.name == "VALARM")
            .collect();
        assert_eq!(valarms.len(), alarms, "{summary}");
        if alarms > 0 {
            let triggers: Vec<String> = valarms.iter().map(|a| prop(a, "TRIGGER")).collect();
            assert_eq!(triggers, ["-P7D", "-P3D", "PT0S"]);
            assert!(valarms.iter().all(|a| prop(a, "ACTION") == "DISPLAY"));
            assert!(valarms.iter().all(|a| prop(a, "DESCRIPTION") == summary));
        }
    }
    let bahrain = events
        .iter()
        .find(|e| prop(e, "UID") == "renewal-2-20261203@sim-planner");
    let description = prop(bahrain.unwrap(), "DESCRIPTION");
    assert!(description.contains("Carrier: Batelco\n"), "{description}");
    assert!(description.contains("Renewal link: https://www.batelco.com/"));
    assert!(description.contains("Valid until: 2027-01-05"));
}

#[test]
fn all_day_events_end_exclusively_on_the_next_day_as_a_calendar_library_reads_them() {
    use icalendar::{Component as _, DatePerhapsTime};
    let calendar: icalendar::Calendar = ics_of(&traveller()).parse().unwrap();
    let mut count = 0;
    for event in calendar.events() {
        let (Some(DatePerhapsTime::Date(start)), Some(DatePerhapsTime::Date(end))) =
            (event.get_start(), event.get_end())
        else {
            panic!("not an all-day event: {event:?}");
        };
        assert_eq!(end, start.succ_opt().unwrap());
        count += 1;
    }
    assert_eq!(count, expected_events().len());
}

#[test]
fn two_exports_give_the_same_uids() {
    let state = traveller();
    let agenda = Agenda::compute(&state, today());
    let first = to_ics(&state, &agenda, &winter(), stamp("2026-12-04T08:30:00Z"));
    let second = to_ics(&state, &agenda, &winter(), stamp("2027-01-01T23:59:59Z"));
    assert_ne!(first, second, "the DTSTAMPs differ");
    let uids = |text: &str| {
        parsed_events(text)
            .iter()
            .map(|e| prop(e, "UID"))
            .collect::<Vec<_>>()
    };
    let uids_first = uids(&first);
    assert_eq!(uids_first, uids(&second));
    let distinct: std::collections::BTreeSet<&String> = uids_first.iter().collect();
    assert_eq!(distinct.len(), uids_first.len(), "UIDs are unique");
    for uid in [
        "renewal-3-20270112@sim-planner",
        "renew-by-2-20270102@sim-planner",
        "expiry-2-20270105@sim-planner",
        "uncovered-2-CH-20270121@sim-planner",
    ] {
        assert!(uids_first.iter().any(|u| u == uid), "{uid}");
    }
}

#[test]
fn an_injected_name_stays_inside_one_property() {
    let mut state = traveller();
    let injected = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT";
    state.sims[1].name = injected.to_owned();
    let text = ics_of(&state);
    let events = parsed_events(&text);
    assert_eq!(events.len(), expected_events().len());
    let renewal = events
        .iter()
        .find(|e| prop(e, "UID") == "renewal-3-20270112@sim-planner");
    assert_eq!(
        prop(renewal.unwrap(), "SUMMARY"),
        "Renew x\nEND:VEVENT\nBEGIN:VEVENT — 每周 5GB, 3.000 BHD"
    );
    assert!(
        raw_text_values(&text)
            .iter()
            .all(|raw| strictly_escaped(raw))
    );
    let ends = text
        .split("\r\n")
        .filter(|line| *line == "END:VEVENT")
        .count();
    assert_eq!(ends, expected_events().len());
}

#[test]
fn every_line_ends_with_crlf_and_holds_at_most_75_octets() {
    let mut state = traveller();
    state.sims[0].name = "中国移动主号".repeat(20);
    state.sims[0].payment = "Visa, Alipay; WeChat \\ cash".repeat(8);
    let text = ics_of(&state);
    assert!(text.ends_with("\r\n"));
    let body = text.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF: {line:?}");
        assert!(!line.is_empty());
    }
}

#[test]
fn folding_never_splits_a_character_and_uses_the_whole_line() {
    let mut state = traveller();
    let long_name = "巴林流量卡🎉".repeat(25);
    state.sims[1].name.clone_from(&long_name);
    let text = ics_of(&state);
    let lines: Vec<&[u8]> = text.as_bytes().split(|b| *b == b'\n').collect();
    for line in &lines {
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a line splits a character"
        );
    }
    // The folded SUMMARY of the renewal: each line but the last is filled to within one
    // character (at most 4 octets) of the limit.
    let start = text.find("SUMMARY:Renew 巴林").unwrap();
    let summary_lines: Vec<&str> = text[start..]
        .split("\r\n")
        .enumerate()
        .take_while(|(i, line)| *i == 0 || line.starts_with(' '))
        .map(|(_, line)| line)
        .collect();
    assert!(summary_lines.len() > 5);
    for line in &summary_lines[..summary_lines.len() - 1] {
        assert!(line.len() > 75 - 4, "{} octets", line.len());
    }
    let renewal = parsed_events(&text)
        .into_iter()
        .find(|e| prop(e, "UID") == "renewal-3-20270112@sim-planner")
        .unwrap();
    assert_eq!(
        prop(&renewal, "SUMMARY"),
        format!("Renew {long_name} — 每周 5GB, 3.000 BHD")
    );
}

#[test]
fn reminder_stages_are_deduplicated_and_the_day_itself_is_pt0s() {
    let mut state = traveller();
    state.settings.reminder_stages = vec![0, 14, 14];
    let events = parsed_events(&ics_of(&state));
    let renew_by = events
        .iter()
        .find(|e| prop(e, "UID") == "renew-by-2-20270102@sim-planner");
    let triggers: Vec<String> = renew_by
        .unwrap()
        .components
        .iter()
        .map(|alarm| prop(alarm, "TRIGGER"))
        .collect();
    assert_eq!(triggers, ["-P14D", "PT0S"]);
}

proptest! {
    #[test]
    fn any_name_round_trips_through_escaping_and_folding(name in tricky_text()) {
        let state = one_sim(&name);
        let text = ics_of(&state);
        for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
            prop_assert!(line.len() <= 75);
            prop_assert!(!line.contains(['\r', '\n']));
        }
        for raw in raw_text_values(&text) {
            prop_assert!(strictly_escaped(&raw), "{:?}", raw);
        }
        let events = parsed_events(&text);
        prop_assert_eq!(events.len(), 2);
        // RFC 5545 has no place for control characters in TEXT but tab and newline.
        let kept: String = name
            .chars()
            .filter(|c| !c.is_ascii_control() || *c == '\t' || *c == '\n')
            .collect();
        let expiry = events.iter().find(|e| prop(e, "UID") == "expiry-7-20261220@sim-planner");
        prop_assert_eq!(prop(expiry.unwrap(), "SUMMARY"), format!("{kept} expires"));
    }
}
