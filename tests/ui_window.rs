//! The window tells the truth at a glance, at any size: layouts from 900×600 to 1920×1080,
//! Details that never show another SIM's renewal, paid and planned dates told apart, the day
//! panel, Escape closing the File windows, Browse without a native dialog, and a click-then-
//! click scheduling that previews before it commits.
#![allow(clippy::unwrap_used)]

mod common;

use common::ui::{self, App, TODAY, select_sim, settle};
use common::{d, traveller};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use sim_planner::model::{RenewalId, RenewalStatus, SimId};
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::view_state::CalendarKind;

fn sized(width: f32, height: f32) -> App {
    ui::build(
        ui::builder().with_size([width, height]).with_max_steps(24),
        SimPlannerApp::with_state(traveller(), d(TODAY)),
    )
}

fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn shows(harness: &App, text: &str) -> bool {
    harness.query_all_by_label_contains(text).count() > 0
}

fn window_open(harness: &App) -> bool {
    harness.query_all_by_role(Role::Window).count() > 0
}

/// The text of the Details panel's row named `name` (the label beside it).
fn detail(harness: &App, name: &str) -> String {
    // The Details panel is the rightmost node of that name (the SIM table has a column too).
    let row = harness
        .query_all_by_label(name)
        .map(|node| node.rect())
        .max_by(|a, b| a.left().total_cmp(&b.left()))
        .unwrap_or_else(|| panic!("no {name}"));
    harness
        .query_all_by_role(Role::Label)
        .filter(|node| {
            let rect = node.rect();
            rect.left() > row.right() && (rect.center().y - row.center().y).abs() < 4.0
        })
        .find_map(|node| node.accesskit_node().value())
        .unwrap_or_else(|| panic!("no value beside {name}"))
}

// ---------------------------------------------------------------------------------------------
// Layouts.

#[test]
fn at_the_minimum_size_the_whole_week_and_the_navigation_stay_in_view() {
    let harness = sized(900.0, 600.0);
    // The left panel ends left of the calendar, the Details panel starts right of it.
    let lists_right = harness.get_by_label("Add SIM").rect().right();
    let details_left = harness.get_by_label("Details").rect().left();
    for label in ["Sun", "Mon", "<", ">", "Today"] {
        let rect = harness.get_by_label(label).rect();
        assert!(
            rect.left() >= 0.0 && rect.right() <= 900.0 && rect.bottom() <= 600.0,
            "{label} is inside the window: {rect:?}"
        );
        assert!(
            rect.left() > lists_right && rect.right() < details_left,
            "{label} is not under a side panel: {rect:?}, lists end {lists_right}, \
             details start {details_left}"
        );
    }
}

#[test]
fn the_timeline_rows_grow_to_use_the_height() {
    // Twelve SIMs: the traveller's three and nine more like its eSIM.
    let mut state = traveller();
    let esim = state.sims[2].clone();
    for id in 4..=12 {
        state.sims.push(sim_planner::model::Sim {
            id: SimId(id),
            name: format!("eSIM {id}"),
            ..esim.clone()
        });
    }
    let build = |width: f32, height: f32| {
        ui::build(
            ui::builder().with_size([width, height]).with_max_steps(24),
            SimPlannerApp::with_state(state.clone(), d(TODAY)),
        )
    };
    let mut small = build(900.0, 600.0);
    let mut large = build(1920.0, 1080.0);
    for harness in [&mut small, &mut large] {
        click(harness, "Timeline");
        assert_eq!(harness.state().view().calendar, CalendarKind::Timeline);
    }
    let row = |harness: &App| {
        harness
            .get_by_label("Timeline row 巴林流量卡")
            .rect()
            .height()
    };
    assert!(row(&small) >= 30.0, "{}", row(&small));
    assert!(
        row(&large) > row(&small),
        "taller window, taller rows: {} vs {}",
        row(&large),
        row(&small)
    );
    assert!(row(&large) <= 80.0, "up to a comfortable maximum");
}

/// The whole window at `width`×`height`, month and timeline, the data card selected.
fn snapshots_at(width: f32, height: f32) {
    let mut harness = sized(width, height);
    select_sim(&mut harness, 2);
    harness.snapshot(format!("window_month_{width}x{height}"));
    click(&mut harness, "Timeline");
    harness.snapshot(format!("window_timeline_{width}x{height}"));
}

#[test]
fn snapshots_of_the_window_at_900_by_600() {
    snapshots_at(900.0, 600.0);
}

#[test]
fn snapshots_of_the_window_at_1280_by_800() {
    snapshots_at(1280.0, 800.0);
}

#[test]
fn snapshots_of_the_window_at_1920_by_1080() {
    snapshots_at(1920.0, 1080.0);
}

// ---------------------------------------------------------------------------------------------
// Selection.

const WEEKLY_CHIP: &str = "Renew 巴林流量卡 with 每周 5GB on 2027-01-12";

#[test]
fn details_never_show_a_renewal_of_another_sim() {
    let mut harness = sized(1280.0, 800.0);
    harness.key_press(Key::PageDown);
    harness.run();
    click(&mut harness, WEEKLY_CHIP);
    assert_eq!(harness.state().view().selected_sim, Some(SimId(2)));
    assert!(shows(&harness, "Renewal: 每周 5GB on 2027-01-12"));

    // Another SIM selected: its details, and no renewal of the data card.
    select_in_list(&mut harness, "Travel eSIM");
    assert_eq!(harness.state().view().selected_sim, Some(SimId(3)));
    assert_eq!(harness.state().view().selected_renewal, None);
    assert!(!shows(&harness, "Renewal: 每周 5GB"));
    assert!(!shows(&harness, "Mark planned") && !shows(&harness, "Delete renewal"));

    // With the data card's renewal selected again, a plan only the eSIM can take is dropped
    // on a day: asked which SIM, the eSIM; Details then shows that new renewal, of that SIM.
    click(&mut harness, WEEKLY_CHIP);
    click(&mut harness, "Plans");
    let before = harness.state().state().renewals.len();
    harness.get_by_label("Eurolink 10GB / 30 days").click();
    harness.run();
    harness.get_by_label("2027-01-20").click();
    harness.run();
    harness
        .get_by_role(Role::Dialog)
        .get_by_label("Travel eSIM")
        .click();
    harness.run();
    let state = harness.state().state().clone();
    assert_eq!(state.renewals.len(), before + 1);
    let added = state.renewals.last().unwrap();
    assert_eq!(added.sim, SimId(3));
    assert_eq!(harness.state().view().selected_sim, Some(SimId(3)));
    assert_eq!(harness.state().view().selected_renewal, Some(added.id));
    assert!(shows(
        &harness,
        "Renewal: Eurolink 10GB / 30 days on 2027-01-20"
    ));
    assert!(!shows(&harness, "Renewal: 每周 5GB"));

    // Undo: the renewal is gone, and so is its selection.
    ui::undo(&mut harness);
    assert_eq!(harness.state().view().selected_renewal, None);
    assert!(!shows(&harness, "Renewal: Eurolink"));
}

fn select_in_list(harness: &mut App, name: &str) {
    harness.get_by_role_and_label(Role::Cell, name).click();
    harness.run();
}

// ---------------------------------------------------------------------------------------------
// Paid and planned.

#[test]
fn the_data_card_is_paid_through_its_own_validity_and_planned_through_its_renewal() {
    let mut harness = sized(1280.0, 800.0);
    select_sim(&mut harness, 2);
    // 巴林流量卡: valid until 2026-12-05; the 2026-12-03 monthly renewal is overdue, not paid,
    // and stacks (Extend) to 2027-01-05; the weekly one on 2027-01-12 follows a gap.
    assert_eq!(detail(&harness, "Paid through"), "2026-12-05");
    assert_eq!(detail(&harness, "Planned through"), "2027-01-05");
    assert_eq!(
        detail(&harness, "Last planned day (after a gap)"),
        "2027-01-18"
    );
    let cells: Vec<String> = harness
        .query_all_by_role(Role::Cell)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    for date in ["2026-12-05", "2027-01-05"] {
        assert!(cells.contains(&date.to_owned()), "{date} in {cells:?}");
    }

    // The overdue renewal says so.
    click(
        &mut harness,
        "Renew 巴林流量卡 with 每月 20GB on 2026-12-03",
    );
    assert!(shows(&harness, "Overdue, not paid"));

    // Paid, it moves the paid-through date.
    click(&mut harness, "Mark paid");
    assert_eq!(
        harness
            .state()
            .state()
            .renewal(RenewalId(2))
            .unwrap()
            .status,
        RenewalStatus::Paid
    );
    assert_eq!(detail(&harness, "Paid through"), "2027-01-05");
    assert!(!shows(&harness, "Overdue, not paid"));
}

// ---------------------------------------------------------------------------------------------
// The day panel.

#[test]
fn a_day_clicked_shows_everything_on_it_with_its_actions() {
    let mut harness = sized(1280.0, 800.0);
    click(&mut harness, "2026-12-03");
    assert_eq!(harness.state().view().selected_day, Some(d("2026-12-03")));
    assert!(shows(&harness, "Thu 3 Dec 2026"), "the day's heading");
    assert!(shows(
        &harness,
        "巴林流量卡: renew with 每月 20GB (overdue, not paid)"
    ));
    // Its action works from the day panel.
    let before = harness.state().state().clone();
    harness
        .query_all_by_label("Mark paid")
        .last()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .state()
            .renewal(RenewalId(2))
            .unwrap()
            .status,
        RenewalStatus::Paid
    );
    assert_ne!(harness.state().state(), &before);

    click(&mut harness, "2026-12-12");
    assert!(shows(&harness, "利雅得出差: in SA, no SIM works there"));
}

// ---------------------------------------------------------------------------------------------
// Dialogs.

#[test]
fn escape_closes_each_file_window_and_the_legend() {
    for item in [
        "New state file...",
        "Open...",
        "Save as...",
        "Import...",
        "Export state...",
        "Export schedule...",
    ] {
        let mut harness = sized(1280.0, 800.0);
        click(&mut harness, "File");
        click(&mut harness, item);
        assert!(window_open(&harness), "{item} opens a window");
        harness.key_press(Key::Escape);
        harness.run();
        assert!(!window_open(&harness), "Escape closes {item}");
    }
    let mut harness = sized(1280.0, 800.0);
    harness.key_press(Key::F1);
    harness.run();
    assert!(window_open(&harness), "F1 opens the legend");
    assert!(shows(
        &harness,
        "Days already paid that a renewal throws away"
    ));
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!window_open(&harness), "Escape closes the legend");
}

#[test]
fn browse_without_a_native_dialog_says_so_and_focuses_the_typed_path() {
    let mut harness = sized(1280.0, 800.0);
    click(&mut harness, "File");
    click(&mut harness, "Import...");
    click(&mut harness, "Browse...");
    harness.run();
    assert!(shows(
        &harness,
        "No file dialog is available on this system"
    ));
    assert!(
        harness.get_by_label("Path").is_focused(),
        "the keyboard is in the typed path"
    );
}

// ---------------------------------------------------------------------------------------------
// Scheduling by clicks.

#[test]
fn click_then_click_shows_the_preview_before_it_commits() {
    let mut harness = sized(1280.0, 800.0);
    select_sim(&mut harness, 2);
    click(&mut harness, "Plans");
    click(&mut harness, "每日 1GB");
    assert!(harness.state().view().armed_plan.is_some());
    let before = harness.state().state().clone();

    harness.get_by_label("2026-12-20").hover();
    harness.run();
    assert!(
        shows(&harness, "巴林流量卡 valid until"),
        "hovering a day previews what the schedule would make of it"
    );
    assert_eq!(
        harness.state().state(),
        &before,
        "nothing is scheduled by hovering"
    );

    click(&mut harness, "2026-12-20");
    let after = harness.state().state().clone();
    assert_eq!(after.renewals.len(), before.renewals.len() + 1);
    assert_eq!(after.renewals.last().unwrap().on, d("2026-12-20"));
    settle(&mut harness);
}

#[test]
fn schedule_renewal_previews_the_drafted_renewal() {
    let mut harness = sized(1280.0, 800.0);
    select_sim(&mut harness, 2);
    click(&mut harness, "Schedule renewal...");
    assert!(window_open(&harness));
    assert!(
        shows(&harness, "巴林流量卡 valid until"),
        "the form says what the renewal gives before it is saved"
    );
}
