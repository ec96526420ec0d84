//! The File menu in the window: native dialogs replaced by scripted ones, typed paths, import
//! with a preview, exports, dropped files.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::ui::{App, harness, settle};
use common::{d, traveller};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use sim_planner::model::State;
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::file_dialogs::{FilePurpose, ScriptedAnswers, ScriptedDialogs};

fn scripted(state: State) -> (App, ScriptedAnswers) {
    let (dialogs, answers) = ScriptedDialogs::new();
    let app = SimPlannerApp::with_state(state, d("2026-12-04")).with_dialogs(Box::new(dialogs));
    (harness(app), answers)
}

fn file_menu(harness: &mut App, item: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

fn type_path(harness: &mut App, path: &Path) {
    common::ui::type_path(harness, "Path", path);
}

fn vevent_uids(ics: &str) -> Vec<String> {
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    calendar
        .components
        .iter()
        .filter_map(|component| component.as_event())
        .map(|event| icalendar::Component::get_uid(event).unwrap().to_owned())
        .collect()
}

#[test]
fn exporting_the_schedule_through_a_native_dialog_writes_an_ics_a_parser_reads() {
    let folder = tempfile::tempdir().unwrap();
    let (mut harness, answers) = scripted(traveller());
    file_menu(&mut harness, "Export schedule...");
    harness.get_by_label("Browse...").click();
    // The dialog's spinner keeps repainting while it is open: step frames, don't wait to settle.
    harness.run_steps(3);
    let request = answers.requests.try_recv().unwrap();
    assert_eq!(request.purpose, FilePurpose::ExportSchedule);
    assert!(request.save, "an export picks a new file");

    let target = folder.path().join("trip.ics");
    answers.answers.send(Some(target.clone())).unwrap();
    harness.step();
    settle(&mut harness);

    let first = std::fs::read_to_string(&target).unwrap();
    let uids = vevent_uids(&first);
    assert!(
        uids.len() >= 10,
        "the next 90 days of the traveller hold many events: {}",
        uids.len()
    );
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .starts_with(&format!("Exported {} events", uids.len()))
    );

    // A second export gives the same UIDs, so calendars update instead of duplicating.
    file_menu(&mut harness, "Export schedule...");
    type_path(&mut harness, &target);
    harness.get_by_label("Export").click();
    harness.step();
    settle(&mut harness);
    assert_eq!(
        vevent_uids(&std::fs::read_to_string(&target).unwrap()),
        uids
    );
}

#[test]
fn the_window_keeps_drawing_frames_while_a_dialog_waits() {
    let (mut harness, answers) = scripted(traveller());
    file_menu(&mut harness, "Import...");
    harness.get_by_label("Browse...").click();
    harness.run_steps(3);
    assert!(answers.requests.try_recv().is_ok());
    for _ in 0..30 {
        harness.step();
    }
    assert!(
        harness
            .query_by_label("Waiting for the file dialog...")
            .is_some()
    );
    // Meanwhile the calendar still answers clicks.
    harness.get_by_label("2026-12-17").click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().selected_day, Some(d("2026-12-17")));
    // A cancelled dialog changes nothing.
    answers.answers.send(None).unwrap();
    harness.run();
    assert!(
        harness
            .query_by_label("Waiting for the file dialog...")
            .is_none()
    );
    assert_eq!(harness.state().state(), &traveller());
}

#[test]
fn import_by_typed_path_shows_a_preview_merges_and_undoes_in_one_step() {
    let (mut harness, _answers) = scripted(traveller());
    let before = harness.state().state().clone();
    let incoming = PathBuf::from(format!("{}/assets/example.ron", env!("CARGO_MANIFEST_DIR")));
    file_menu(&mut harness, "Import...");
    type_path(&mut harness, &incoming);
    harness.get_by_label("Check the file").click();
    harness.step();
    settle(&mut harness);
    assert!(
        harness.query_all_by_label_contains("Merge adds").count() > 0,
        "the preview says what a merge adds"
    );

    harness.get_by_label("Merge").click();
    harness.step();
    settle(&mut harness);
    let after = harness.state().state().clone();
    let example = sim_planner::ui::startup::example_state().unwrap();
    assert_eq!(after.sims.len(), before.sims.len() + example.sims.len());
    for renewal in &after.renewals {
        assert!(after.sim(renewal.sim).is_some() && after.plan(renewal.plan).is_some());
    }

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().state(),
        &before,
        "one undo reverts the whole import"
    );
}

#[test]
fn every_bad_file_is_refused_with_its_problems_and_changes_nothing() {
    let bad = PathBuf::from(format!("{}/tests/fixtures/bad", env!("CARGO_MANIFEST_DIR")));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 15);
    for path in files {
        let (mut harness, _answers) = scripted(traveller());
        file_menu(&mut harness, "Import...");
        type_path(&mut harness, &path);
        harness.get_by_label("Check the file").click();
        harness.step();
        settle(&mut harness);
        assert!(
            harness
                .query_by_label("This file cannot be imported; nothing was changed:")
                .is_some(),
            "{} was not refused",
            path.display()
        );
        assert!(harness.query_by_label("Merge").is_none());
        assert_eq!(harness.state().state(), &traveller(), "{}", path.display());
    }
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn dropping_a_ron_file_on_the_window_starts_an_import() {
    let (mut harness, _answers) = scripted(State::default());
    let path = PathBuf::from(common::fixture("traveller-en.ron"));
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    harness.step();
    settle(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("Merge adds 3 SIMs")
            .count()
            > 0
    );
    harness.get_by_label("Replace").click();
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().state(), &traveller());
}

#[test]
fn save_as_writes_the_state_and_continues_there_and_open_switches_files() {
    let folder = tempfile::tempdir().unwrap();
    let (mut harness, _answers) = scripted(traveller());
    let copy = folder.path().join("copy.ron");
    file_menu(&mut harness, "Save as...");
    type_path(&mut harness, &copy);
    harness.get_by_label("Save").click();
    harness.step();
    settle(&mut harness);
    assert_eq!(sim_planner::store::load(&copy).unwrap(), traveller());
    assert_eq!(harness.state().document().path(), Some(copy.as_path()));
    assert_eq!(harness.state().recent_files().first(), Some(&copy));

    // The next change is autosaved to the new file.
    harness
        .get_by_label("Renew 巴林流量卡 with 每月 20GB on 2026-12-03")
        .click();
    harness.run();
    harness.get_by_label("Mark paid").click();
    harness.step();
    settle(&mut harness);
    assert_eq!(
        &sim_planner::store::load(&copy).unwrap(),
        harness.state().state()
    );

    let other = folder.path().join("other.ron");
    sim_planner::store::save(&other, &State::default()).unwrap();
    file_menu(&mut harness, "Open...");
    type_path(&mut harness, &other);
    harness.get_by_label("Open").click();
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().state(), &State::default());
    assert_eq!(harness.state().document().path(), Some(other.as_path()));
}

#[test]
fn an_import_that_updates_a_sim_edited_elsewhere_and_its_undo() {
    let folder = tempfile::tempdir().unwrap();
    let mut edited = traveller();
    "top up before Zürich".clone_into(&mut edited.sims[2].notes);
    let file = folder.path().join("edited.ron");
    sim_planner::store::save(&file, &edited).unwrap();

    let (mut harness, _answers) = scripted(traveller());
    file_menu(&mut harness, "Import...");
    type_path(&mut harness, &file);
    harness.get_by_label("Check the file").click();
    harness.step();
    settle(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("Merge and update updates 1 SIM (Travel eSIM: notes)")
            .count()
            > 0,
        "the preview says what the update changes"
    );
    harness.get_by_label("Merge and update").click();
    harness.step();
    settle(&mut harness);
    let after = harness.state().state().clone();
    assert_eq!(after.sims.len(), 3, "no second Travel eSIM");
    assert_eq!(
        after.renewals.len(),
        traveller().renewals.len(),
        "no doubled renewals"
    );
    assert_eq!(after.sims[2].notes, "top up before Zürich");
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .starts_with("Imported: updates 1 SIM")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().state(), &traveller(), "one undo reverts it");
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .starts_with("Import undone"),
        "the notice follows the undo: {:?}",
        harness.state().notice()
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().state(), &after);
    assert!(harness.state().notice().unwrap().starts_with("Imported:"));
}
