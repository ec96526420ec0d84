//! One writer at a time, and changes from outside never clobbered: a second window on the same
//! file is read-only and says why; the CLI's import waits for the window's lock and names it;
//! a change made by a sync tool while nothing is pending reloads as one undoable step; when
//! both sides changed, Reload, Keep mine and Merge each do what they say.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::ui::{App, TODAY, harness, settle};
use common::{d, traveller};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use sim_planner::model::{RenewalId, RenewalStatus, State};
use sim_planner::store::{self, StateLock};
use sim_planner::ui::document::Document;
use sim_planner::ui::{SimPlannerApp, Startup};

const OVERDUE_CHIP: &str = "Renew 巴林流量卡 with 每月 20GB on 2026-12-03";

fn saved_traveller() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    store::save(&path, &traveller()).unwrap();
    (dir, path)
}

/// The traveller with its eSIM renamed: what a sync tool brings from another machine.
fn theirs() -> State {
    let mut theirs = traveller();
    "Travel eSIM (laptop)".clone_into(&mut theirs.sims[2].name);
    theirs
}

fn shows(harness: &App, text: &str) -> bool {
    harness.query_all_by_label_contains(text).count() > 0
}

fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn click_in_dialog(harness: &mut App, label: &str) {
    harness
        .get_by_role(Role::Dialog)
        .get_by_label(label)
        .click();
    harness.run();
}

/// Steps frames until `done` holds, for at most 10 s (the watch looks twice a second).
fn step_until(harness: &mut App, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(harness) {
        assert!(Instant::now() < deadline, "gave up waiting");
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    harness.run();
}

#[test]
fn a_second_window_on_the_same_file_is_read_only_and_says_why() {
    let (_dir, path) = saved_traveller();
    let first = SimPlannerApp::new(Startup::from_path(path.clone()), Some(d(TODAY)));
    let startup = Startup::from_path(path.clone());
    assert!(matches!(startup, Startup::InUse { .. }), "{startup:?}");
    let mut second = harness(SimPlannerApp::new(startup, Some(d(TODAY))));
    assert!(shows(
        &second,
        "This state file is open in another SIM Planner"
    ));
    assert!(shows(&second, &format!("process {}", std::process::id())));
    click_in_dialog(&mut second, "OK");
    assert_eq!(second.state().state(), &traveller(), "the file is shown");
    click(&mut second, "Add SIM");
    assert!(
        shows(&second, "in use by another SIM Planner"),
        "editing says why not"
    );
    drop(first);
    assert_eq!(store::load(&path).unwrap(), traveller(), "nothing written");
}

#[test]
fn the_cli_import_waits_for_the_windows_lock_then_names_its_holder() {
    let (dir, path) = saved_traveller();
    let window = SimPlannerApp::new(Startup::from_path(path.clone()), Some(d(TODAY)));
    let incoming = dir.path().join("incoming.ron");
    store::save(&incoming, &State::default()).unwrap();
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_sim-planner"))
        .args(["import", "--state", path.to_str().unwrap()])
        .arg(&incoming)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("process {}", std::process::id())),
        "{stderr}"
    );
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "it waited for the lock"
    );
    drop(window);
}

#[test]
fn a_change_from_outside_with_nothing_pending_reloads_as_one_undoable_step() {
    let (_dir, path) = saved_traveller();
    let mut harness = harness(SimPlannerApp::new(
        Startup::from_path(path.clone()),
        Some(d(TODAY)),
    ));
    // A sync tool replaces the file; it takes no lock.
    store::save(&path, &theirs()).unwrap();
    step_until(&mut harness, |h| h.state().state() == &theirs());
    assert!(shows(&harness, "changed outside SIM Planner: reloaded"));
    assert!(shows(&harness, "Travel eSIM (laptop)"));

    common::ui::undo(&mut harness);
    assert_eq!(harness.state().state(), &traveller(), "one undo goes back");
    settle(&mut harness);
    assert_eq!(
        store::load(&path).unwrap(),
        traveller(),
        "and going back is this window's change, saved"
    );
}

/// A window whose watch never looks (so only a save finds the change), on the traveller,
/// after a sync tool wrote theirs and this window made a change of its own.
fn conflict(path: &Path) -> App {
    let lock = StateLock::try_acquire(path).unwrap();
    let (state, stamp) = store::load_with_stamp(path).unwrap();
    let doc = Document::open_watching(state, lock, Some(stamp), true, Duration::from_hours(1));
    let mut harness = harness(SimPlannerApp::with_document(doc, d(TODAY)));
    store::save(path, &theirs()).unwrap();
    click(&mut harness, OVERDUE_CHIP);
    click(&mut harness, "Mark paid");
    settle(&mut harness);
    assert!(
        shows(&harness, "The state file was changed outside SIM Planner"),
        "both changed: the window asks"
    );
    assert_eq!(
        store::load(path).unwrap(),
        theirs(),
        "nothing was overwritten meanwhile"
    );
    harness
}

fn mine() -> State {
    let mut mine = traveller();
    mine.renewals[1].status = RenewalStatus::Paid;
    mine
}

#[test]
fn keep_mine_keeps_theirs_beside_the_file_and_writes_mine() {
    let (dir, path) = saved_traveller();
    let mut harness = conflict(&path);
    click_in_dialog(&mut harness, "Keep mine");
    settle(&mut harness);
    assert_eq!(store::load(&path).unwrap(), mine());
    let copies: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.ron.conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(store::load(&copies[0]).unwrap(), theirs(), "theirs is kept");
    assert!(shows(&harness, "the other version is kept as"));
}

#[test]
fn reload_discards_mine_for_theirs() {
    let (_dir, path) = saved_traveller();
    let mut harness = conflict(&path);
    click_in_dialog(&mut harness, "Reload (discard mine)");
    settle(&mut harness);
    assert_eq!(harness.state().state(), &theirs());
    assert_eq!(store::load(&path).unwrap(), theirs());
    assert_eq!(
        harness
            .state()
            .state()
            .renewal(RenewalId(2))
            .unwrap()
            .status,
        RenewalStatus::Planned
    );
}

#[test]
fn merge_brings_theirs_in_through_the_import_preview() {
    let (_dir, path) = saved_traveller();
    let mut harness = conflict(&path);
    click_in_dialog(&mut harness, "Merge...");
    settle(&mut harness);
    assert!(
        shows(&harness, "Merge adds 1 SIM"),
        "the preview says what merging theirs adds"
    );
    harness.get_by_label("Merge").click();
    harness.step();
    settle(&mut harness);
    let merged = harness.state().state().clone();
    assert_eq!(
        merged.sims.len(),
        4,
        "mine, and their renamed eSIM beside it"
    );
    assert_eq!(
        merged.renewal(RenewalId(2)).unwrap().status,
        RenewalStatus::Paid,
        "my change is kept"
    );
    assert_eq!(
        store::load(&path).unwrap(),
        merged,
        "and written over theirs"
    );
}
