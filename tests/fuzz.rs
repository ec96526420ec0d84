//! Fuzzing in CI (issue 11): structured mutations of `traveller.ron` and random bytes. Each
//! input loads or is refused cleanly (no panic); each one that loads then runs the agenda,
//! `agenda --json`, every export and one window frame of the month and of the timeline without
//! panic, and saves and loads back equal.
//!
//! Each attack runs as its own proptest runner so that the counts can be printed: the table of
//! the closing note of issue 11 comes from `cargo test --test fuzz -- --nocapture`. (A panic
//! fails the test with the smallest input that panics.)
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::Cell;
use std::path::Path;

use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sim_planner::cli::{agenda_json, agenda_text};
use sim_planner::export::{ExportFormat, ExportRange, export_text};
use sim_planner::model::State;
use sim_planner::store;
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::view_state::CalendarKind;

fn traveller_bytes() -> Vec<u8> {
    std::fs::read(common::fixture("traveller-en.ron")).unwrap()
}

fn today() -> NaiveDate {
    common::d("2026-12-04")
}

/// What the fuzzer saw of one attack.
#[derive(Default)]
struct Counts {
    tried: Cell<usize>,
    accepted: Cell<usize>,
    refused: Cell<usize>,
}

/// Loads `bytes`; if they load, runs everything on the state and checks that it saves and
/// loads back equal. A panic anywhere fails the case.
fn load_and_use(bytes: &[u8], counts: &Counts) -> Result<(), TestCaseError> {
    counts.tried.set(counts.tried.get() + 1);
    let Ok(state) = store::load_bytes(bytes) else {
        counts.refused.set(counts.refused.get() + 1);
        return Ok(());
    };
    counts.accepted.set(counts.accepted.get() + 1);
    use_everything(&state)?;
    let text = store::to_ron_string(&state)
        .map_err(|error| TestCaseError::fail(format!("a state that loads must save: {error}")))?;
    let again = store::load_bytes(text.as_bytes())
        .map_err(|error| TestCaseError::fail(format!("what is saved must load: {error}")))?;
    prop_assert_eq!(again, state);
    Ok(())
}

/// The agenda (readable and JSON) and every export: the next 90 days, and each trip.
fn use_everything(state: &State) -> Result<(), TestCaseError> {
    let _ = agenda_text(state, Path::new("fuzz.ron"), today(), 30);
    agenda_json(state, today()).map_err(|error| TestCaseError::fail(error.to_string()))?;
    let mut ranges = vec![ExportRange::next_days(today(), 90)];
    ranges.extend(
        state.trips.iter().filter_map(|trip| {
            ExportRange::for_trip(state, trip.id, state.settings.lead_days).ok()
        }),
    );
    window_frames(state);
    for range in &ranges {
        for format in [
            ExportFormat::Ics,
            ExportFormat::Csv,
            ExportFormat::Html,
            ExportFormat::Ron,
        ] {
            export_text(state, format, range, today(), Utc::now(), "Fuzz")
                .map_err(|error| TestCaseError::fail(format!("{format:?}: {error}")))?;
        }
    }
    Ok(())
}

/// One frame of the window on `state`, in the month view and in the timeline (kittest, no
/// rendering).
fn window_frames(state: &State) {
    let app = SimPlannerApp::with_state(state.clone(), today());
    // User text may hold any character; what no font can draw is a box (as in the app, whose
    // context keeps egui's default), not the UI tests' panic.
    let mut harness = common::ui::builder()
        .allow_missing_glyphs()
        .build_eframe(move |cc| {
            sim_planner::ui::install_fonts(&cc.egui_ctx);
            app
        });
    harness.step();
    harness.state_mut().view_mut().calendar = CalendarKind::Timeline;
    harness.step();
}

/// Runs `cases` inputs of `strategy` through [`load_and_use`] and prints the counts.
fn attack<S: Strategy<Value = Vec<u8>>>(name: &str, cases: u32, strategy: S) {
    let counts = Counts::default();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |bytes| load_and_use(&bytes, &counts));
    eprintln!(
        "{name:<28} tried {:>5}  refused cleanly {:>5}  accepted {:>5}",
        counts.tried.get(),
        counts.refused.get(),
        counts.accepted.get()
    );
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
}

/// Byte offsets in the fixture of each run of ASCII digits, each date string's digits and each
/// string literal's contents.
struct Landmarks {
    numbers: Vec<(usize, usize)>,
    dates: Vec<(usize, usize)>,
    strings: Vec<(usize, usize)>,
}

fn landmarks(bytes: &[u8]) -> Landmarks {
    let mut numbers = Vec::new();
    let mut strings = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let start = at + 1;
                let mut end = start;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                strings.push((start, end.min(bytes.len())));
                at = end + 1;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            byte if byte.is_ascii_digit() => {
                let start = at;
                while at < bytes.len() && bytes[at].is_ascii_digit() {
                    at += 1;
                }
                numbers.push((start, at));
            }
            _ => at += 1,
        }
    }
    let dates = strings
        .iter()
        .copied()
        .filter(|&(start, end)| {
            end - start == 10
                && std::str::from_utf8(&bytes[start..end])
                    .is_ok_and(|text| text.parse::<NaiveDate>().is_ok())
        })
        .collect();
    Landmarks {
        numbers,
        dates,
        strings,
    }
}

/// `bytes` with `range` replaced by `with`.
fn splice(bytes: &[u8], (start, end): (usize, usize), with: &[u8]) -> Vec<u8> {
    let mut out = bytes[..start].to_vec();
    out.extend_from_slice(with);
    out.extend_from_slice(&bytes[end..]);
    out
}

const EXTREME_NUMBERS: &[&str] = &[
    "0",
    "1",
    "255",
    "256",
    "65535",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "-2147483648",
    "99999999999999999999999999999999999",
    "1e309",
    "0x7fffffff",
    "1_000",
    "007",
    "NaN",
    "inf",
];

const EXTREME_DATES: &[&str] = &[
    "+262142-12-31",
    "-262143-01-01",
    "262142-12-31",
    "9999-12-31",
    "0000-01-01",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "2199-12-31",
    "2200-01-01",
    "2024-02-29",
    "2023-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-12-32",
    " 2026-12-01",
    "2026-1-1",
    "2026-12-01T00:00",
];

/// Texts for a string's contents: long ones, ones a format or a terminal would act on, and
/// escapes RON reads.
fn hostile_contents() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            proptest::sample::select(
                &["x", "\u{202e}", "中", "\\u{202e}", "\\\\", "\\\"", "🎉"][..]
            ),
            0..200_000_usize
        )
            .prop_map(|(unit, count)| unit.repeat(count)),
        "[\\u{0}-\\u{1f}\\u{7f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}=+@,;<>&'a-z中]{0,300}",
        proptest::sample::select(
            &[
                "\\0",
                "\\u{0}",
                "\\u{110000}",
                "\\x7f",
                "\\",
                "\\u{d800}",
                "\\q",
                "\"",
                ""
            ][..]
        )
        .prop_map(str::to_owned),
    ]
}

#[test]
fn byte_flips_are_loaded_or_refused_cleanly() {
    let bytes = traveller_bytes();
    let len = bytes.len();
    let strategy = prop::collection::vec((0..len, 1..=255_u8), 1..8).prop_map(move |flips| {
        let mut mutated = bytes.clone();
        for (at, mask) in flips {
            mutated[at] ^= mask;
        }
        mutated
    });
    attack("byte flips", 700, strategy);
}

#[test]
fn span_deletions_and_duplications_are_loaded_or_refused_cleanly() {
    let bytes = traveller_bytes();
    let len = bytes.len();
    let source = bytes.clone();
    let deletions = (0..len, 1..400_usize)
        .prop_map(move |(start, span)| splice(&source, (start, (start + span).min(len)), b""));
    attack("span deletions", 500, deletions);
    let duplications = (0..len, 1..600_usize, 0..len).prop_map(move |(start, span, insert_at)| {
        let span = bytes[start..(start + span).min(len)].to_vec();
        splice(&bytes, (insert_at, insert_at), &span)
    });
    attack("span duplications", 500, duplications);
}

#[test]
fn numbers_swapped_for_extremes_are_loaded_or_refused_cleanly() {
    let bytes = traveller_bytes();
    let numbers = landmarks(&bytes).numbers;
    let strategy = prop::collection::vec(
        (
            proptest::sample::select(numbers),
            proptest::sample::select(EXTREME_NUMBERS),
        ),
        1..4,
    )
    .prop_map(move |swaps| swap_all(&bytes, swaps));
    attack("numbers swapped for extremes", 600, strategy);
}

#[test]
fn dates_at_the_limits_are_loaded_or_refused_cleanly() {
    let bytes = traveller_bytes();
    let dates = landmarks(&bytes).dates;
    assert!(dates.len() >= 10);
    let strategy = prop::collection::vec(
        (
            proptest::sample::select(dates),
            proptest::sample::select(EXTREME_DATES),
        ),
        1..4,
    )
    .prop_map(move |swaps| swap_all(&bytes, swaps));
    attack("dates at chrono's limits", 600, strategy);
}

#[test]
fn long_and_hostile_strings_are_loaded_or_refused_cleanly() {
    let bytes = traveller_bytes();
    let strings = landmarks(&bytes).strings;
    let strategy = (proptest::sample::select(strings), hostile_contents())
        .prop_map(move |(range, text)| splice(&bytes, range, text.as_bytes()));
    attack("long and hostile strings", 400, strategy);
}

/// A NUL, a byte order mark, half of one, four NULs.
const MARKS: &[&[u8]] = &[b"\0", b"\xef\xbb\xbf", b"\xef\xbb", b"\0\0\0\0"];

#[test]
fn nul_bytes_and_byte_order_marks_are_loaded_or_refused_cleanly() {
    let bytes = traveller_bytes();
    let len = bytes.len();
    let marks = MARKS;
    let source = bytes.clone();
    let inserted = (0..=len, proptest::sample::select(marks))
        .prop_map(move |(at, mark)| splice(&source, (at, at), mark));
    attack("NUL and BOM inserted", 400, inserted);
    let prefixed = proptest::sample::select(marks).prop_map(move |mark| {
        let mut out = mark.to_vec();
        out.extend_from_slice("\u{feff}".as_bytes());
        out.extend_from_slice(&bytes);
        out
    });
    attack("NUL and BOM in front", 50, prefixed);
}

#[test]
fn random_bytes_are_refused_cleanly() {
    let strategy = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..4096),
        prop::collection::vec(
            proptest::sample::select(&b"()[]{},:\"\\/*0123456789-.eE_rbSNox #\nversion:"[..]),
            0..4096
        ),
    ];
    attack("random bytes", 1200, strategy);
}

/// Applies `swaps` (range, replacement) from the last range to the first, so that earlier
/// offsets stay right; a range swapped twice is swapped once.
fn swap_all(bytes: &[u8], mut swaps: Vec<((usize, usize), &str)>) -> Vec<u8> {
    swaps.sort_by_key(|(range, _)| std::cmp::Reverse(*range));
    swaps.dedup_by_key(|(range, _)| *range);
    swaps
        .into_iter()
        .fold(bytes.to_vec(), |out, (range, with)| {
            splice(&out, range, with.as_bytes())
        })
}

/// The fuzzer's structured mutations must reach the parts they aim at: the landmarks are found
/// and a swap changes what it should.
#[test]
fn the_mutations_hit_what_they_aim_at() {
    let bytes = traveller_bytes();
    let found = landmarks(&bytes);
    assert!(found.numbers.len() > 40, "{}", found.numbers.len());
    assert!(found.strings.len() > 40, "{}", found.strings.len());
    let first_date = found.dates[0];
    let swapped = swap_all(&bytes, vec![(first_date, "2199-12-31")]);
    assert_eq!(
        &swapped[first_date.0..first_date.0 + 10],
        b"2199-12-31".as_slice()
    );
    let mut runner = TestRunner::default();
    let value = hostile_contents().new_tree(&mut runner).unwrap().current();
    // The longest unit, `\u{202e}` written as an escape, is 8 bytes.
    assert!(value.len() <= 200_000 * 8, "{}", value.len());
}
