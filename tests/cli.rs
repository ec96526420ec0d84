//! The headless CLI, run as a user would: the real binary on the fixtures.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Command, Output};

use serde_json::Value;

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
    let output = sim_planner(&["check", "--state", &common::fixture("traveller.ron")]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        "ok: 3 SIMs, 5 plans, 4 renewals, 2 trips"
    );
}

#[test]
fn check_reads_the_state_path_from_the_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_sim-planner"))
        .arg("check")
        .env("SIM_PLANNER_STATE", common::fixture("traveller.ron"))
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
        &common::fixture("traveller.ron"),
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
    assert!(text.contains("2026-12-03  OVERDUE"), "{text}");
    assert!(text.contains("LOST      中国移动 主号"), "{text}");
    assert!(
        text.contains("2026-12-10  NO SIM    利雅得出差: no SIM works in SA for 6 days"),
        "{text}"
    );
    assert!(
        text.contains("2026-12-26  RENEW BY  中国移动 主号"),
        "{text}"
    );
    assert!(text.contains("2026-12-28  DATA      巴林流量卡"), "{text}");
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
    for word in ["check", "agenda", "--state", "--today", "SIM_PLANNER_STATE"] {
        assert!(text.contains(word), "--help lacks {word}: {text}");
    }
}
