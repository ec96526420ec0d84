//! The headless CLI, run as a user would: the real binary on the fixtures.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::traveller;
use serde_json::Value;
use sim_planner::export::{ExportRange, csv_header, schedule_events};
use sim_planner::model::State;
use sim_planner::schedule::Agenda;
use sim_planner::store::{self, ImportMode};

fn sim_planner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sim-planner"))
        .args(args)
        .env_remove("SIM_PLANNER_STATE")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Replaces every string that holds a decimal amount by its value, so `"181.20000"` and
/// `"181.2"` compare equal (the fixture's README: amounts compare as numbers).
fn amounts_as_numbers(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "amount" {
                    if let Some(number) = inner.as_str().and_then(|s| s.parse::<f64>().ok()) {
                        *inner = serde_json::json!(number);
                    }
                } else {
                    amounts_as_numbers(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(amounts_as_numbers),
        _ => {}
    }
}

#[test]
fn check_on_the_traveller_counts_what_it_holds() {
    let output = sim_planner(&["check", "--state", &common::fixture("traveller-en.ron")]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        "ok: 3 SIMs, 5 plans, 4 renewals, 2 trips"
    );
}

#[test]
fn check_warns_about_a_renewal_link_that_is_not_https() {
    let output = sim_planner(&["check", "--state", &common::fixture("traveller-en.ron")]);
    assert!(
        output.status.success(),
        "a warning is not a failure: {output:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        "warning: SIM 3: the renewal link \"http://airalo.example/topup\" is not https; \
         check it before paying"
    );
}

#[test]
fn check_reads_the_state_path_from_the_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_sim-planner"))
        .arg("check")
        .env("SIM_PLANNER_STATE", common::fixture("traveller-en.ron"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).starts_with("ok: 3 SIMs"));
}

#[test]
fn check_on_every_bad_file_prints_the_problem_and_exits_1() {
    let bad = format!("{}/tests/fixtures/bad", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(bad).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "ron") {
            continue;
        }
        let output = sim_planner(&["check", "--state", path.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}: {output:?}",
            path.display()
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("error:"), "{}: {stderr}", path.display());
        assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 15);
}

#[test]
fn check_names_the_dangling_plan() {
    let output = sim_planner(&[
        "check",
        "--state",
        &common::fixture("bad/dangling_plan.ron"),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("renewal 2: plan 42 does not exist"),
        "{stderr}"
    );
}

#[test]
fn agenda_json_of_the_traveller_equals_the_expected_document() {
    let output = sim_planner(&[
        "agenda",
        "--state",
        &common::fixture("traveller.ron"),
        "--today",
        "2026-12-04",
        "--json",
    ]);
    assert!(output.status.success(), "{output:?}");
    let mut actual: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let expected_text = std::fs::read_to_string(common::fixture("traveller.agenda.json")).unwrap();
    let mut expected: Value = serde_json::from_str(&expected_text).unwrap();
    amounts_as_numbers(&mut actual);
    amounts_as_numbers(&mut expected);
    assert_eq!(actual, expected);
}

#[test]
fn agenda_text_lists_what_is_coming_in_the_window() {
    let output = sim_planner(&[
        "agenda",
        "--state",
        &common::fixture("traveller-en.ron"),
        "--today",
        "2026-12-04",
        "--days",
        "30",
    ]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        text.contains("Agenda from 2026-12-04 to 2027-01-03"),
        "{text}"
    );
    assert!(text.contains("2026-12-03  Overdue: 巴林流量卡"), "{text}");
    assert!(
        text.contains("Lost days: \"China Mobile monthly\" on 中国移动 主号"),
        "{text}"
    );
    assert!(
        text.contains("2026-12-10  No SIM in SA for 6 days of 利雅得出差"),
        "{text}"
    );
    assert!(
        text.contains("2026-12-26  Renew 中国移动 主号 by 2026-12-26"),
        "{text}"
    );
    assert!(
        text.contains("2026-12-28  Data runs out: 巴林流量卡"),
        "{text}"
    );
    assert!(
        !text.contains("CH"),
        "the Swiss days are after the window: {text}"
    );
}

#[test]
fn a_missing_state_file_is_an_error_not_a_panic() {
    let output = sim_planner(&["agenda", "--state", "/nonexistent/state.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error:"));
}

#[test]
fn help_documents_the_subcommands_and_the_global_flags() {
    let text = stdout(&sim_planner(&["--help"]));
    for word in [
        "check",
        "agenda",
        "export",
        "import",
        "--state",
        "--today",
        "SIM_PLANNER_STATE",
    ] {
        assert!(text.contains(word), "--help lacks {word}: {text}");
    }
}

/// Runs the binary with `--state state` and `args`, and returns what it printed.
fn sim_planner_on(state: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--state", state.to_str().unwrap()];
    all.extend_from_slice(args);
    sim_planner(&all)
}

/// A copy of a fixture in a fresh folder, as `state.ron`.
fn copy_of(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    fs::copy(common::fixture(fixture), &path).unwrap();
    (folder, path)
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn example() -> State {
    store::parse_state(include_str!("../assets/example.ron")).unwrap()
}

/// The events of the traveller's winter, 2026-12-01 through 2027-02-28, seen on 2026-12-04.
fn winter_events() -> usize {
    let state = traveller();
    let agenda = Agenda::compute(&state, common::d("2026-12-04"));
    let range = ExportRange::new(common::d("2026-12-01"), common::d("2027-02-28")).unwrap();
    schedule_events(&state, &agenda, &range).len()
}

/// `export --format F --from 2026-12-01 --to 2027-02-28 --out FILE` on the traveller.
fn export_winter(format: &str, out: &Path) -> Output {
    sim_planner_on(
        Path::new(&common::fixture("traveller-en.ron")),
        &[
            "--today",
            "2026-12-04",
            "export",
            "--format",
            format,
            "--from",
            "2026-12-01",
            "--to",
            "2027-02-28",
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

#[test]
fn export_ics_writes_a_calendar_a_real_parser_reads() {
    use icalendar::Component as _;
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("winter.ics");
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);

    let output = export_winter("ics", &out);

    assert!(output.status.success(), "{output:?}");
    let events = winter_events();
    assert_eq!(events, 20, "the worked example of tests/export.rs");
    assert_eq!(
        stdout(&output).trim(),
        format!("wrote {events} events to {}", out.display())
    );
    let text = fs::read_to_string(&out).unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let vevents: Vec<_> = calendar.events().collect();
    assert_eq!(vevents.len(), events);
    assert_eq!(text.matches("BEGIN:VEVENT").count(), events);
    // DTSTAMP is when the file was made, in UTC.
    let after = chrono::Utc::now() + chrono::Duration::seconds(1);
    for event in vevents {
        let stamp = event.get_timestamp().unwrap();
        assert!(before <= stamp && stamp <= after, "{stamp}");
    }
    assert!(
        text.contains("SUMMARY:Renew 巴林流量卡 — 每月 20GB\\, 8.000 BHD"),
        "{text}"
    );
    assert_eq!(names_in(folder.path()), ["winter.ics"], "no temp file left");
}

#[test]
fn export_csv_writes_the_header_and_one_row_per_event() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("winter.csv");

    let output = export_winter("csv", &out);

    assert!(output.status.success(), "{output:?}");
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(reader.headers().unwrap(), csv_header().as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), winter_events());
    assert_eq!(&rows[1][0], "2026-12-03");
    assert_eq!(&rows[1][2], "巴林流量卡");
}

#[test]
fn export_html_writes_the_trip_sheet_and_a_trip_uses_its_dates_and_lead_days() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("winter.html");
    let output = export_winter("html", &out);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        format!("wrote {} events to {}", winter_events(), out.display())
    );
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<title>SIM plan, 2026-12-01 to 2027-02-28</title>"),
        "{html}"
    );

    // The format comes from the file name; the trip starts on 2027-01-10, lead days are 3.
    let trip_sheet = folder.path().join("europe.HTML");
    let output = sim_planner_on(
        Path::new(&common::fixture("traveller-en.ron")),
        &[
            "--today",
            "2026-12-04",
            "export",
            "--trip",
            "2",
            "--out",
            trip_sheet.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let html = fs::read_to_string(&trip_sheet).unwrap();
    assert!(
        html.contains("<title>Europe in January: SIM plan</title>"),
        "{html}"
    );
    assert!(html.contains("2027-01-07 to 2027-01-22"), "{html}");
}

#[test]
fn export_ron_loads_back_equal() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("backup.ron");

    let output = export_winter("ron", &out);

    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        format!("wrote state to {}", out.display())
    );
    assert_eq!(store::load(&out).unwrap(), traveller());
}

#[test]
fn export_without_a_range_covers_the_next_90_days() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("next.csv");
    let output = sim_planner_on(
        Path::new(&common::fixture("traveller-en.ron")),
        &[
            "--today",
            "2026-12-04",
            "export",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let state = traveller();
    let agenda = Agenda::compute(&state, common::d("2026-12-04"));
    let range = ExportRange::next_days(common::d("2026-12-04"), 90);
    assert_eq!(range.to, common::d("2027-03-03"));
    let expected = schedule_events(&state, &agenda, &range).len();
    assert_eq!(
        stdout(&output).trim(),
        format!("wrote {expected} events to {}", out.display())
    );
}

#[test]
fn export_refuses_bad_requests_and_writes_nothing() {
    let (folder, state) = copy_of("traveller-en.ron");
    let state_bytes = fs::read(&state).unwrap();
    let out = folder.path().join("out.ics");
    let out_arg = out.to_str().unwrap();
    let txt = folder.path().join("out.txt");
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["export", "--trip", "9", "--out", out_arg],
            1,
            "The trips are: 1 (利雅得出差), 2 (Europe in January)",
        ),
        (
            &[
                "export",
                "--from",
                "2027-01-02",
                "--to",
                "2027-01-01",
                "--out",
                out_arg,
            ],
            1,
            "before it starts",
        ),
        (
            &["export", "--from", "2027-01-02", "--out", out_arg],
            2,
            "--to",
        ),
        (
            &["export", "--days", "10", "--trip", "1", "--out", out_arg],
            2,
            "cannot be used with",
        ),
        (&["export", "--out", txt.to_str().unwrap()], 1, "--format"),
        (
            &[
                "export",
                "--format",
                "ics",
                "--out",
                state.to_str().unwrap(),
            ],
            1,
            "is the state file itself",
        ),
    ];
    for (args, code, message) in cases {
        let output = sim_planner_on(&state, args);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(fs::read(&state).unwrap(), state_bytes);
    assert_eq!(names_in(folder.path()), ["state.ron"]);
}

#[test]
fn import_merges_through_the_binary_and_keeps_a_backup() {
    let folder = tempfile::tempdir().unwrap();
    let state = folder.path().join("state.ron");
    store::save(&state, &example()).unwrap();
    let before = fs::read(&state).unwrap();

    let output = sim_planner_on(&state, &["import", &common::fixture("traveller-en.ron")]);

    assert!(output.status.success(), "{output:?}");
    let expected = store::preview_import(&example(), &traveller(), ImportMode::Merge).unwrap();
    assert_eq!(
        stdout(&output),
        format!(
            "adds 3 SIMs, 5 plans, 4 renewals, 2 trips; keeps your settings (the file's differ)\n\
             saved {}\n",
            state.display()
        )
    );
    assert_eq!(store::load(&state).unwrap(), expected.result);
    assert_eq!(
        fs::read(folder.path().join("state.ron.bak")).unwrap(),
        before
    );

    // The same file again: every item is an exact duplicate, and nothing is written.
    let after_first = fs::read(&state).unwrap();
    let output = sim_planner_on(&state, &["import", &common::fixture("traveller-en.ron")]);
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).starts_with("adds nothing; skips 14 exact duplicates"),
        "{}",
        stdout(&output)
    );
    assert_eq!(fs::read(&state).unwrap(), after_first);
}

#[test]
fn import_replace_through_the_binary_takes_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let state = folder.path().join("state.ron");
    store::save(&state, &example()).unwrap();

    let output = sim_planner_on(
        &state,
        &["import", "--replace", &common::fixture("traveller-en.ron")],
    );

    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).starts_with("replaces everything you have (4 SIMs, 8 plans"),
        "{}",
        stdout(&output)
    );
    assert_eq!(store::load(&state).unwrap(), traveller());
}

#[test]
fn import_without_a_state_file_starts_from_the_file() {
    let folder = tempfile::tempdir().unwrap();
    let state = folder.path().join("new/state.ron");

    let output = sim_planner_on(&state, &["import", &common::fixture("traveller-en.ron")]);

    assert!(output.status.success(), "{output:?}");
    // The file's settings too: the user had chosen none yet.
    assert_eq!(store::load(&state).unwrap(), traveller());
}

#[test]
fn import_of_a_bad_file_exits_1_and_leaves_the_state_byte_identical() {
    let (folder, state) = copy_of("traveller-en.ron");
    let before = fs::read(&state).unwrap();
    let mut checked = 0;
    for entry in fs::read_dir(common::fixture("bad")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "ron") {
            continue;
        }
        for replace in [false, true] {
            let mut args = vec!["import", path.to_str().unwrap()];
            if replace {
                args.push("--replace");
            }
            let output = sim_planner_on(&state, &args);
            assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("cannot be imported, so nothing was changed"),
                "{stderr}"
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert_eq!(fs::read(&state).unwrap(), before, "{}", path.display());
        }
        checked += 1;
    }
    assert_eq!(checked, 15);
    let output = sim_planner_on(
        &state,
        &["import", &common::fixture("bad/dangling_plan.ron")],
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("renewal 2: plan 42 does not exist"),
        "{output:?}"
    );
    assert_eq!(
        names_in(folder.path()),
        ["state.ron"],
        "no backup, no temp file"
    );
}

#[test]
fn import_into_a_state_file_that_does_not_load_changes_nothing() {
    let (folder, state) = copy_of("bad/truncated.ron");
    let before = fs::read(&state).unwrap();
    let output = sim_planner_on(&state, &["import", &common::fixture("traveller-en.ron")]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot be used, so nothing was imported"),
        "{output:?}"
    );
    assert_eq!(fs::read(&state).unwrap(), before);
    // The lock was taken before the state was read; its file stays (see `store::StateLock`).
    assert_eq!(names_in(folder.path()), ["state.ron", "state.ron.lock"]);
}

/// Issue 11, terminal injection: `agenda` printed names raw, so ESC and BEL sequences set the
/// terminal's title or cleared the screen, and a line break forged an agenda line. Readable
/// output now shows them as escapes; `--json` stays JSON (which escapes them its own way).
#[test]
fn names_cannot_drive_the_terminal_or_forge_agenda_lines() {
    let folder = tempfile::tempdir().unwrap();
    let state_path = folder.path().join("state.ron");
    let mut state = traveller();
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\n2026-12-05  OVERDUE   all paid \u{202e}";
    state.sims[1].name = format!("Batelco{evil}");
    state.trips[0].name = format!("Riyadh{evil}");
    store::save(&state_path, &state).unwrap();

    let output = sim_planner_on(
        &state_path,
        &["--today", "2026-12-04", "agenda", "--days", "30"],
    );
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!stdout.contains(raw), "{raw:?} in {stdout}");
    }
    assert!(
        stdout.contains("Batelco\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{a}2026-12-05  OVERDUE"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .all(|line| !line.starts_with("2026-12-05  OVERDUE   all paid")),
        "a forged line: {stdout}"
    );

    let output = sim_planner_on(&state_path, &["--today", "2026-12-04", "agenda", "--json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["sims"][1]["name"],
        Value::String(format!("Batelco{evil}"))
    );
}

/// `check` names what it refuses; user text in its messages is escaped too.
#[test]
fn check_messages_keep_user_text_inert() {
    let folder = tempfile::tempdir().unwrap();
    let state_path = folder.path().join("state.ron");
    let text = fs::read_to_string(common::fixture("traveller-en.ron"))
        .unwrap()
        .replace("\"BHD\": \"18.90\"", "\"\\u{1b}[2J\\nBHD\": \"0\"");
    fs::write(&state_path, text).unwrap();

    let output = sim_planner_on(&state_path, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(
        stderr.contains("settings: unknown currency code"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .filter(|line| line.starts_with("  - "))
            .count()
            == 2,
        "one line per problem: {stderr}"
    );
}
