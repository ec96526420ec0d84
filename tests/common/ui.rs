//! The window under `egui_kittest`, shared by the UI tests: a harness over the app at the size
//! of the README's screenshot, with the bundled fonts, and the steps every UI test takes.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, HarnessBuilder};
use sim_planner::model::SimId;
use sim_planner::ui::SimPlannerApp;

use super::{d, traveller};

pub type App = Harness<'static, SimPlannerApp>;

/// The day the traveller fixture's expectations are written for.
pub const TODAY: &str = "2026-12-04";

/// A harness builder at the window's size; tests add their own steps or limits.
pub fn builder() -> HarnessBuilder<SimPlannerApp> {
    Harness::builder().with_size([1280.0, 800.0])
}

/// `app` in a harness from `builder`, with the bundled fonts, after its first frames.
pub fn build(builder: HarnessBuilder<SimPlannerApp>, app: SimPlannerApp) -> App {
    let mut harness = builder.build_eframe(move |cc| {
        sim_planner::ui::install_fonts(&cc.egui_ctx);
        app
    });
    harness.run();
    harness
}

/// `app` in the default harness.
pub fn harness(app: SimPlannerApp) -> App {
    build(builder(), app)
}

/// The traveller fixture on [`TODAY`].
pub fn traveller_harness() -> App {
    harness(SimPlannerApp::with_state(traveller(), d(TODAY)))
}

/// Lets the autosave and any file work finish and shows their results, as a user would wait
/// for the status line: the tests that look at the disk call it first.
pub fn settle(harness: &mut App) {
    let done = harness
        .state_mut()
        .wait_for_background_work(std::time::Duration::from_secs(30));
    assert!(done, "the background work finished");
    harness.run();
}

pub fn undo(harness: &mut App) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    settle(harness);
}

pub fn redo(harness: &mut App) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    settle(harness);
}

pub fn select_sim(harness: &mut App, sim: u32) {
    harness.state_mut().view_mut().selected_sim = Some(SimId(sim));
    harness.run();
}

/// Whether `text` is on screen (once or more: a total may show in two places).
pub fn shows(harness: &App, text: &str) -> bool {
    harness.query_all_by_label(text).next().is_some()
}

/// Clicks `label`, then waits for what it started, as a user would.
pub fn click(harness: &mut App, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
    settle(harness);
}

/// The window titled `title`.
pub fn window<'a>(harness: &'a App, title: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by_role_and_label(Role::Window, title)
}

/// Types `text` over what the `nth` field labelled `label` of the window `title` holds.
pub fn type_nth(harness: &mut App, title: &str, label: &str, nth: usize, text: &str) {
    window(harness, title)
        .get_all_by_label(label)
        .nth(nth)
        .unwrap()
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    window(harness, title)
        .get_all_by_label(label)
        .nth(nth)
        .unwrap()
        .type_text(text);
    harness.run();
}

/// Drags from `from` to `to` the way a pointer does, one frame per step.
pub fn drag(harness: &mut App, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + (to - from) * 0.5);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}

/// Types `path` over what the file window's field `label` ("Path") holds.
pub fn type_path(harness: &mut App, label: &str, path: &std::path::Path) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(label)
        .type_text(&path.display().to_string());
    harness.run();
}
