//! `sim-planner suggest`, run as a user would: the real binary on the traveller fixture.
//! (Beside `tests/cli.rs`, in its style, so the two files change independently.)
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};
use sim_planner::model::{RenewalId, State};

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

/// `suggest` on `state` (a path), seen on the fixture's day, with `args` after it.
fn suggest(state: &Path, args: &[&str]) -> Output {
    let mut all = vec![
        "suggest",
        "--state",
        state.to_str().unwrap(),
        "--today",
        "2026-12-04",
    ];
    all.extend_from_slice(args);
    sim_planner(&all)
}

/// `state` saved as `state.ron` in a fresh folder.
fn saved(state: &State) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    sim_planner::store::save(&path, state).unwrap();
    (folder, path)
}

/// The traveller without its planned eSIM top-up (renewal 4): Europe needs a purchase.
fn traveller_without_the_top_up() -> State {
    let mut state = common::traveller();
    state.renewals.retain(|renewal| renewal.id != RenewalId(4));
    state
}

#[test]
fn suggest_json_is_the_documented_shape_with_the_purchase_total_and_uncoverable_days() {
    let (_folder, path) = saved(&traveller_without_the_top_up());
    let output = suggest(&path, &["--trip", "2", "--json"]);
    assert!(output.status.success(), "{output:?}");
    let actual: Value = serde_json::from_str(&stdout(&output)).unwrap();
    // The eSIM plan (26.00 USD x 7.10 = 184.60 CNY) on the first day covers DE and FR; no plan
    // works in CH (see tests/suggest.rs for the reasoning).
    let expected = json!({
        "trip": 2,
        "renewals": [{"sim": 3, "plan": 5, "on": "2027-01-10"}],
        "total": "184.60",
        "currency": "CNY",
        "optimal": true,
        "uncoverable": [
            {"date": "2027-01-21", "country": "CH"},
            {"date": "2027-01-22", "country": "CH"}
        ]
    });
    assert_eq!(actual, expected);
}

#[test]
fn suggest_json_with_nothing_to_buy_has_no_renewals_and_a_zero_total() {
    let output = suggest(
        Path::new(&common::fixture("traveller-en.ron")),
        &["--trip", "1", "--json"],
    );
    assert!(output.status.success(), "{output:?}");
    let actual: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(actual["renewals"], json!([]));
    assert_eq!(actual["total"], json!("0.00"));
    assert_eq!(actual["optimal"], json!(true));
    assert_eq!(actual["uncoverable"].as_array().unwrap().len(), 6);
}

#[test]
fn suggest_lists_what_to_buy_the_total_and_why_a_day_cannot_be_covered() {
    let (_folder, path) = saved(&traveller_without_the_top_up());
    let output = suggest(&path, &["--trip", "2"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let expected = [
        "Cover for trip 2 \"Europe in January\", from 2026-12-04, prices in CNY",
        "  2027-01-10  Travel eSIM: Eurolink 10GB / 30 days, 26.00 USD = 184.60 CNY",
        "              covers DE 2027-01-10 to 2027-01-14, FR 2027-01-15 to 2027-01-20",
        "Total: 184.60 CNY (the cheapest cover there is)",
        "  CH 2027-01-21 to 2027-01-22: no plan that any of your SIMs may take works in CH",
    ];
    for line in expected {
        assert!(
            text.lines().any(|l| l == line),
            "no line {line:?} in:\n{text}"
        );
    }
}

#[test]
fn suggest_says_when_the_sims_rule_blocks_the_days() {
    let output = suggest(
        Path::new(&common::fixture("traveller-en.ron")),
        &["--trip", "1"],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        text.contains("Nothing to buy: no purchase would cover more of the trip."),
        "{text}"
    );
    assert!(
        text.contains("SA 2026-12-10 to 2026-12-15: the SIMs whose plans work there already"),
        "{text}"
    );
}

#[test]
fn suggest_for_an_unknown_trip_exits_1_and_names_the_trips() {
    let output = suggest(
        Path::new(&common::fixture("traveller-en.ron")),
        &["--trip", "9"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "there is no trip with id 9. The trips are: 1 (利雅得出差), 2 (Europe in January)."
        ),
        "{stderr}"
    );
}

#[test]
fn suggest_keeps_control_characters_in_names_inert() {
    let mut state = traveller_without_the_top_up();
    state.sims[2].name = "Travel\u{1b}[2J\u{202e}eSIM".to_owned();
    let (_folder, path) = saved(&state);
    let output = suggest(&path, &["--trip", "2"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("Travel\\u{1b}[2J\\u{202e}eSIM"), "{text}");
}

#[test]
fn help_lists_suggest() {
    let text = stdout(&sim_planner(&["--help"]));
    assert!(text.contains("suggest"), "{text}");
    let text = stdout(&sim_planner(&["suggest", "--help"]));
    for word in ["--trip", "--json", "--today"] {
        assert!(text.contains(word), "suggest --help lacks {word}: {text}");
    }
}

#[test]
fn export_with_suggestions_lists_the_purchases_in_the_trip_sheet_and_refuses_a_spreadsheet() {
    let (folder, path) = saved(&traveller_without_the_top_up());
    let sheet = folder.path().join("europe.html");
    let export = |out: &Path| {
        sim_planner(&[
            "export",
            "--state",
            path.to_str().unwrap(),
            "--today",
            "2026-12-04",
            "--trip",
            "2",
            "--with-suggestions",
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let output = export(&sheet);
    assert!(output.status.success(), "{output:?}");
    let html = std::fs::read_to_string(&sheet).unwrap();
    assert!(html.contains("<h2>Suggested purchases</h2>"), "{html}");
    assert!(html.contains("Suggested: buy Eurolink 10GB / 30 days for Travel eSIM"));

    let table = folder.path().join("europe.csv");
    let output = export(&table);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("suggestions are listed in a calendar (ics) or a trip sheet (html)")
    );
    assert!(!table.exists());

    // Without --with-suggestions the trip sheet has none.
    let output = sim_planner(&[
        "export",
        "--state",
        path.to_str().unwrap(),
        "--today",
        "2026-12-04",
        "--trip",
        "2",
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    assert!(!std::fs::read_to_string(&sheet).unwrap().contains("Suggest"));
}
