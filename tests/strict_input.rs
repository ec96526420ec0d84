//! Strict values and special files (issue 11; DESIGN.md: "Dates are exactly `YYYY-MM-DD`,
//! amounts plain decimals; nothing is rounded silently", and a state or import path that is
//! a named pipe, socket, device or folder gives a message and never blocks).
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rust_decimal::Decimal;
use sim_planner::model::{PlanId, parse_amount, parse_date};
use sim_planner::store::{self, Item, LoadError, Problem};

fn traveller_text() -> String {
    fs::read_to_string(common::fixture("traveller-en.ron")).unwrap()
}

/// The fixture with `from` (found exactly once) replaced by `to`, then parsed.
fn parse_edited(from: &str, to: &str) -> LoadError {
    let text = traveller_text();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    store::parse_state(&text.replace(from, to)).unwrap_err()
}

#[test]
fn dates_are_exactly_yyyy_mm_dd() {
    assert_eq!(parse_date("2026-12-01"), Ok(common::d("2026-12-01")));
    for lenient in [
        " 2026-12-01",
        "2026-12-01 ",
        "2026-1-1",
        "+2026-12-01",
        "20261201",
        "2026/12/01",
        "２０２６-12-01",
        "",
    ] {
        let message = parse_date(lenient).unwrap_err();
        assert!(message.contains("YYYY-MM-DD"), "{lenient:?}: {message}");
    }
    let message = parse_date("2027-02-30").unwrap_err();
    assert!(
        message.contains("\"2027-02-30\" is not a real date"),
        "{message}"
    );
}

#[test]
fn amounts_are_plain_decimals_and_never_rounded() {
    assert_eq!(parse_amount("8.000").unwrap().to_string(), "8.000");
    assert_eq!(parse_amount("0.12345678").unwrap().scale(), 8);
    for (lenient, why) in [
        ("1e10", "exponent"),
        ("+1", "sign"),
        (" 1", "spaces"),
        ("1.", "plain"),
        (".5", "plain"),
        ("1,5", "plain"),
        ("0x10", "plain"),
        ("-0", "sign"),
        ("-0.00", "sign"),
        ("0.123456789", "9 decimal places"),
        ("1.00000000000000000000000000001", "29 decimal places"),
        ("99999999999999999999999999999999", "too large"),
    ] {
        let message = parse_amount(lenient).unwrap_err();
        assert!(message.contains(why), "{lenient:?}: {message}");
    }
    // Read, so that validation can say which plan's price is negative.
    assert_eq!(parse_amount("-3.000").unwrap().to_string(), "-3.000");
}

/// Each lenient value of the issue, in the file: refused with the line, the column and the
/// item it is in.
#[test]
fn each_lenient_value_in_a_file_is_refused_naming_the_item() {
    let cases = [
        (
            "on: \"2026-12-01\"",
            "on: \" 2026-12-01\"",
            "renewal 1: \" 2026-12-01\" is not a date written YYYY-MM-DD",
        ),
        (
            "valid_until: Some(\"2026-12-05\")",
            "valid_until: Some(\"2026-12-5\")",
            "SIM 2: \"2026-12-5\" is not a date written YYYY-MM-DD",
        ),
        (
            "from: \"2027-01-21\"",
            "from: \"2027-1-21\"",
            "trip 2, leg 3: \"2027-1-21\"",
        ),
        (
            "\"3.000\", currency",
            "\"1e10\", currency",
            "plan 2: the amount \"1e10\" has an exponent",
        ),
        (
            "\"30.00\", currency",
            "\"+1\", currency",
            "plan 4: the amount \"+1\" has a sign",
        ),
        (
            "\"26.00\", currency",
            "\"26.00000000000000000000000000001\", currency",
            "plan 5: the amount \"26.00000000000000000000000000001\" has 29 decimal places",
        ),
        (
            "\"BHD\": \"18.90\"",
            "\"BHD\": \"1.8e1\"",
            "settings: the amount \"1.8e1\" has an exponent",
        ),
    ];
    for (from, to, says) in cases {
        let error = parse_edited(from, to);
        let LoadError::Syntax { line, message, .. } = &error else {
            panic!("{to}: {error:?}")
        };
        assert!(message.starts_with(says), "{to}: {message}");
        assert!(*line > 1, "{to}");
        assert!(
            error.to_string().contains(&format!("line {line}, column")),
            "{error}"
        );
    }
}

/// The window parses what the user types with `rust_decimal` itself; validation still refuses
/// more places than a file may hold, naming the plan, rather than let the save round them.
#[test]
fn an_amount_typed_with_too_many_places_is_refused_before_saving() {
    let mut state = common::traveller();
    state.plans[0].price.amount = "1.0000000001".parse::<Decimal>().unwrap();
    let problems = store::validate(&state);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].item, Item::Plan(PlanId(1)));
    assert!(matches!(problems[0].problem, Problem::TooPrecise { .. }));
    assert!(
        problems[0].to_string().contains("10 decimal places"),
        "{}",
        problems[0]
    );
    assert!(store::to_ron_string(&state).is_err());

    // `-0` (which arithmetic can give) has a sign, which no written amount has.
    let mut negative_zero = Decimal::ZERO;
    negative_zero.set_sign_negative(true);
    state.plans[0].price.amount = negative_zero;
    assert!(matches!(
        store::validate(&state)[0].problem,
        Problem::PriceNegative(_)
    ));
}

/// Runs `load` on a thread and fails the test if it has not returned within five seconds,
/// instead of hanging the suite.
fn load_within_seconds(path: &Path) -> Result<sim_planner::model::State, LoadError> {
    let (sender, receiver) = mpsc::channel();
    let path = path.to_owned();
    std::thread::Builder::new()
        .name("load of a special file".to_owned())
        .spawn(move || {
            let _ = sender.send(store::load(&path));
        })
        .unwrap();
    receiver
        .recv_timeout(Duration::from_secs(5))
        .expect("load blocked")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_device_or_folder_is_refused_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let fifo = folder.path().join("state.ron");
    mkfifo(&fifo);
    let cases: [(PathBuf, &str); 3] = [
        (fifo.clone(), "a named pipe (FIFO)"),
        (PathBuf::from("/dev/zero"), "a device"),
        (folder.path().to_owned(), "a folder"),
    ];
    for (path, kind) in cases {
        let error = load_within_seconds(&path).unwrap_err();
        assert!(
            matches!(&error, LoadError::NotAFile { kind: found, .. } if *found == kind),
            "{}: {error:?}",
            path.display()
        );
        assert!(error.to_string().contains(kind), "{error}");
    }
    assert!(store::FileStamp::read(&fifo).is_err());
}

/// The CLI on a named pipe, as the state and as the file to import: a message and exit 1,
/// within seconds (the issue's `open` blocked forever).
#[cfg(unix)]
#[test]
fn the_cli_refuses_a_named_pipe_as_state_or_import_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let fifo = folder.path().join("pipe.ron");
    mkfifo(&fifo);
    let state = folder.path().join("state.ron");
    store::save(&state, &common::traveller()).unwrap();
    let runs: [(&Path, Vec<&str>); 3] = [
        (&fifo, vec!["check"]),
        (&fifo, vec!["agenda"]),
        (&state, vec!["import", fifo.to_str().unwrap()]),
    ];
    for (state_path, args) in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sim-planner"))
            .arg("--state")
            .arg(state_path)
            .args(&args)
            .env_remove("SIM_PLANNER_STATE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                panic!("{args:?} blocked on the named pipe");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("is a named pipe (FIFO)"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(store::load(&state).unwrap(), common::traveller());
}

/// A lock file that is a named pipe cannot make the lock block either.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_place_of_the_lock_file_is_an_error_not_a_hang() {
    let folder = tempfile::tempdir().unwrap();
    mkfifo(&folder.path().join("state.ron.lock"));
    let error = store::StateLock::try_acquire(&folder.path().join("state.ron")).unwrap_err();
    assert!(error.to_string().contains("named pipe"), "{error}");
}
