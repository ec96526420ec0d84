//! The window and its disk: saves run on their own thread (a save that blocks does not freeze
//! the calendar, and the file ends with the latest state), an edit that changes nothing writes
//! nothing, the open state file is never an export's target, a new file's schedule is shown at
//! once, and today follows the clock.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::ui::{App, TODAY, harness, settle};
use common::{d, traveller};
use egui_kittest::kittest::Queryable as _;
use sim_planner::model::{RenewalId, RenewalStatus, State};
use sim_planner::schedule::Agenda;
use sim_planner::store::{self, SaveError};
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::document::Document;
use sim_planner::ui::edit::Edit;
use sim_planner::ui::writer::StateWriter;

const OVERDUE_CHIP: &str = "Renew 巴林流量卡 with 每月 20GB on 2026-12-03";

/// The store's save, held up until the test lets each write through.
struct GatedWriter {
    gate: Receiver<()>,
    writes: Arc<AtomicUsize>,
}

impl StateWriter for GatedWriter {
    fn write(&mut self, path: &Path, state: &State) -> Result<(), SaveError> {
        // Each write waits for one "go"; dropping the sender lets every write through.
        self.gate.recv_timeout(Duration::from_secs(30)).ok();
        self.writes.fetch_add(1, Ordering::SeqCst);
        store::save(path, state)
    }
}

fn gated_app(path: &Path) -> (App, Sender<()>, Arc<AtomicUsize>) {
    let (go, gate) = channel();
    let writes = Arc::new(AtomicUsize::new(0));
    let gated = GatedWriter {
        gate,
        writes: Arc::clone(&writes),
    };
    let doc = Document::new(traveller(), Some(path.to_owned()), true).with_writer(Box::new(gated));
    let app = harness(SimPlannerApp::with_document(doc, d(TODAY)));
    (app, go, writes)
}

fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn shows(harness: &App, text: &str) -> bool {
    harness.query_all_by_label_contains(text).count() > 0
}

#[test]
fn a_save_that_blocks_leaves_the_calendar_answering_and_the_file_ends_with_the_latest_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    let (mut harness, go, writes) = gated_app(&path);

    click(&mut harness, OVERDUE_CHIP);
    click(&mut harness, "Mark paid");
    assert!(
        shows(&harness, "Saving…"),
        "the status line says it is saving"
    );
    for _ in 0..30 {
        harness.step();
    }
    assert!(!path.exists(), "the first write is still held up");
    assert!(shows(&harness, "Saving…"));

    // Meanwhile the calendar still answers clicks, and more changes are made.
    harness.get_by_label("2026-12-17").click();
    harness.run();
    assert_eq!(harness.state().view().selected_day, Some(d("2026-12-17")));
    click(&mut harness, "Mark planned");
    click(&mut harness, "Mark paid");
    let latest = harness.state().state().clone();
    assert_eq!(
        latest.renewal(RenewalId(2)).unwrap().status,
        RenewalStatus::Paid
    );

    drop(go);
    settle(&mut harness);
    assert_eq!(
        store::load(&path).unwrap(),
        latest,
        "the file holds the latest state"
    );
    assert!(shows(&harness, "Saved at "));
    assert_eq!(
        writes.load(Ordering::SeqCst),
        2,
        "only the latest snapshot waiting is written: the held write, then one more"
    );
}

#[test]
fn an_edit_that_changes_nothing_adds_no_undo_step_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    let doc = Document::new(traveller(), Some(path.clone()), true);
    let mut app = SimPlannerApp::with_document(doc, d(TODAY));
    let same = app.state().renewal(RenewalId(2)).unwrap().clone();
    app.apply(Edit::UpdateRenewal(same)).unwrap();
    app.wait_for_background_work(Duration::from_secs(10));
    assert!(!app.document().can_undo(), "no undo step");
    assert!(!path.exists(), "nothing written");
}

#[test]
fn export_state_never_replaces_the_open_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    store::save(&path, &traveller()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let doc = Document::new(traveller(), Some(path.clone()), true);
    let mut harness = harness(SimPlannerApp::with_document(doc, d(TODAY)));

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export state...").click();
    harness.run();
    common::ui::type_path(&mut harness, "Path", &path);
    harness.get_by_label("Export").click();
    harness.step();
    settle(&mut harness);
    assert!(
        shows(&harness, "is the state file itself"),
        "the window says why"
    );
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the state file is untouched"
    );
}

#[test]
fn opening_another_file_shows_its_own_schedule_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    let mut small = traveller();
    small.sims.truncate(1);
    small
        .renewals
        .retain(|renewal| renewal.sim == small.sims[0].id);
    store::save(&other, &small).unwrap();

    let mut harness = harness(SimPlannerApp::with_state(traveller(), d(TODAY)));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open...").click();
    harness.run();
    let field = harness.get_by_label("Path");
    field.focus();
    harness.run();
    harness
        .get_by_label("Path")
        .type_text(&other.display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    harness.step();
    // The result is taken without drawing a frame: the schedule is already the new file's.
    assert!(
        harness
            .state_mut()
            .wait_for_background_work(Duration::from_secs(10))
    );
    assert_eq!(harness.state().state(), &small);
    assert_eq!(harness.state().agenda(), &Agenda::compute(&small, d(TODAY)));
}

#[test]
fn today_follows_the_clock_past_midnight() {
    let now = Arc::new(Mutex::new(d("2026-12-04")));
    let clock = Arc::clone(&now);
    let app =
        SimPlannerApp::with_state(traveller(), d(TODAY)).with_clock(move || *clock.lock().unwrap());
    let mut harness = harness(app);
    assert_eq!(harness.state().agenda().today, d("2026-12-04"));
    assert!(shows(&harness, "Today 2026-12-04"));

    *now.lock().unwrap() = d("2026-12-05");
    harness.step();
    harness.run();
    assert_eq!(harness.state().today(), d("2026-12-05"));
    assert_eq!(
        harness.state().agenda(),
        &Agenda::compute(&traveller(), d("2026-12-05")),
        "the schedule is computed for the new day"
    );
    assert!(shows(&harness, "Today 2026-12-05"));
}
