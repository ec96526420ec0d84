//! Switching the language from the View menu applies at once, without a restart, is stored in
//! `settings.language`, and is one undoable change. (A test binary of its own: the language is
//! the whole process's.)
#![allow(clippy::unwrap_used)]

mod common;

use common::ui::{TODAY, settle, undo};
use common::{d, traveller};
use egui_kittest::kittest::Queryable as _;
use sim_planner::model::Language;
use sim_planner::ui::SimPlannerApp;

#[test]
fn the_view_menus_language_switch_applies_at_once_and_undoes() {
    let app = SimPlannerApp::with_state(traveller(), d(TODAY));
    let mut harness = common::ui::build(common::ui::builder().with_max_steps(24), app);
    assert!(harness.query_by_label("Trips").is_some());

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Language").click();
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();
    settle(&mut harness);

    let state = harness.state().state().clone();
    assert_eq!(state.settings.language, Language::SimplifiedChinese);
    assert!(
        harness.query_by_label("Trips").is_none(),
        "no English tab is left"
    );
    assert!(harness.query_all_by_label("行程").next().is_some());
    assert!(
        harness.query_by_label("2026年12月").is_some(),
        "dates follow at once"
    );

    undo(&mut harness);
    assert_eq!(harness.state().state(), &traveller());
    assert!(
        harness.query_by_label("Trips").is_some(),
        "undo brings English back"
    );
}
