//! The window, driven as a user would: `egui_kittest` clicks by label, types, and drags with
//! `hover_at` / `drag_at` / `drop_at`, then the test checks the state and the screen.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use common::d;
use common::ui::{App, redo, select_sim, traveller_harness, undo};
use egui::{Key, Pos2};
use egui_kittest::kittest::Queryable as _;
use sim_planner::model::{PlanId, RenewalId, RenewalStatus, SimId, State};
use sim_planner::ui::view_state::CalendarKind;

/// Drags from `from` to `to` the way a pointer does, one frame per step.
fn drag(harness: &mut App, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    let middle = from + (to - from) * 0.5;
    harness.hover_at(middle);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}

/// Undo gives back `before` exactly, redo gives back `after` exactly.
fn assert_undo_redo(harness: &mut App, before: &State, after: &State) {
    undo(harness);
    assert_eq!(
        harness.state().state(),
        before,
        "undo restores the state before"
    );
    redo(harness);
    assert_eq!(
        harness.state().state(),
        after,
        "redo restores the state after"
    );
}

fn show_plans(harness: &mut App) {
    harness.get_by_label("Plans").click();
    harness.run();
}

fn new_renewals(before: &State, after: &State) -> Vec<(SimId, PlanId, NaiveDate, RenewalStatus)> {
    after
        .renewals
        .iter()
        .filter(|r| before.renewal(r.id).is_none())
        .map(|r| (r.sim, r.plan, r.on, r.status))
        .collect()
}

#[test]
fn dragging_a_plan_chip_onto_a_month_day_schedules_it_for_the_selected_sim() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 2);
    show_plans(&mut harness);
    let before = harness.state().state().clone();

    let chip = harness.get_by_label("每周 5GB").rect().center();
    let day = harness.get_by_label("2026-12-20").rect().center();
    drag(&mut harness, chip, day);

    let after = harness.state().state().clone();
    assert_eq!(
        new_renewals(&before, &after),
        vec![(SimId(2), PlanId(2), d("2026-12-20"), RenewalStatus::Planned)]
    );
    assert!(
        harness
            .query_by_label("Renew 巴林流量卡 with 每周 5GB on 2026-12-20")
            .is_some(),
        "the day shows the renewal"
    );
    assert_undo_redo(&mut harness, &before, &after);
}

#[test]
fn dropping_a_plan_no_selected_sim_can_take_asks_which_sim() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 1);
    show_plans(&mut harness);
    let before = harness.state().state().clone();

    let chip = harness.get_by_label("每日 1GB").rect().center();
    let day = harness.get_by_label("2026-12-18").rect().center();
    drag(&mut harness, chip, day);
    assert_eq!(
        harness.state().state(),
        &before,
        "nothing is added before a SIM is chosen"
    );

    harness.get_by_label("巴林流量卡").click();
    harness.run();
    let after = harness.state().state().clone();
    assert_eq!(
        new_renewals(&before, &after),
        vec![(SimId(2), PlanId(1), d("2026-12-18"), RenewalStatus::Planned)]
    );
}

#[test]
fn escape_cancels_a_drag() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 2);
    show_plans(&mut harness);
    let before = harness.state().state().clone();
    let chip = harness.get_by_label("每周 5GB").rect().center();
    let day = harness.get_by_label("2026-12-20").rect().center();
    harness.hover_at(chip);
    harness.run();
    harness.drag_at(chip);
    harness.run();
    harness.hover_at(day);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.drop_at(day);
    harness.run();
    assert_eq!(harness.state().state(), &before);
}

#[test]
fn dragging_a_plan_chip_onto_a_timeline_row_schedules_it_for_that_rows_sim() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 1);
    show_plans(&mut harness);
    harness.get_by_label("Timeline").click();
    harness.run();
    assert_eq!(harness.state().view().calendar, CalendarKind::Timeline);
    let before = harness.state().state().clone();

    let view = harness.state().view().clone();
    let row = harness.get_by_label("Timeline row 巴林流量卡").rect();
    let target = d("2026-12-24");
    let days = (target - view.timeline_start).num_days() as f32;
    let px_per_day = (row.width() - 150.0) / view.timeline_days;
    let x = row.left() + 150.0 + px_per_day * (days + 0.5);
    let chip = harness.get_by_label("每月 20GB").rect().center();
    drag(&mut harness, chip, egui::pos2(x, row.center().y - 8.0));

    let after = harness.state().state().clone();
    assert_eq!(
        new_renewals(&before, &after),
        vec![(SimId(2), PlanId(3), target, RenewalStatus::Planned)]
    );
    assert_undo_redo(&mut harness, &before, &after);
}

#[test]
fn dragging_a_renewal_to_another_day_moves_it() {
    let mut harness = traveller_harness();
    harness.state_mut().view_mut().month = d("2027-01-01");
    harness.run();
    let before = harness.state().state().clone();

    let chip = harness
        .get_by_label("Renew 巴林流量卡 with 每周 5GB on 2027-01-12")
        .rect()
        .center();
    let day = harness.get_by_label("2027-01-07").rect().center();
    drag(&mut harness, chip, day);

    let after = harness.state().state().clone();
    assert_eq!(after.renewal(RenewalId(3)).unwrap().on, d("2027-01-07"));
    assert_eq!(after.renewals.len(), before.renewals.len());
    assert!(
        harness
            .query_by_label("Renew 巴林流量卡 with 每周 5GB on 2027-01-07")
            .is_some()
    );
    assert_undo_redo(&mut harness, &before, &after);
}

#[test]
fn clicking_a_plan_then_a_day_schedules_it() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 2);
    show_plans(&mut harness);
    let before = harness.state().state().clone();

    harness.get_by_label("每日 1GB").click();
    harness.run();
    assert_eq!(harness.state().view().armed_plan, Some(PlanId(1)));
    harness.get_by_label("2026-12-11").click();
    harness.run();

    let after = harness.state().state().clone();
    assert_eq!(
        new_renewals(&before, &after),
        vec![(SimId(2), PlanId(1), d("2026-12-11"), RenewalStatus::Planned)]
    );
    assert_eq!(harness.state().view().armed_plan, None);
    assert_undo_redo(&mut harness, &before, &after);
}

#[test]
fn the_alerts_list_shows_the_overdue_renewal_lost_days_and_uncovered_trip_days() {
    let harness = traveller_harness();
    let has = |text: &str| harness.query_all_by_label_contains(text).count() > 0;
    assert!(has(
        "Overdue: 巴林流量卡, \"每月 20GB\" was planned for 2026-12-03"
    ));
    assert!(has(
        "Lost days: \"China Mobile monthly\" on 中国移动 主号 throws away 31 days"
    ));
    assert!(has(
        "No SIM in SA for 6 days of 利雅得出差, 2026-12-10 to 2026-12-15"
    ));
}

#[test]
fn clicking_an_alert_goes_to_its_day_and_selects_its_sim() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 3);
    harness
        .get_by_label_contains("Renew 中国移动 主号 by 2026-12-26")
        .click();
    harness.run();
    assert_eq!(harness.state().view().selected_sim, Some(SimId(1)));
    assert_eq!(harness.state().view().selected_day, Some(d("2026-12-26")));
}

#[test]
fn marking_a_renewal_paid_from_the_details_panel() {
    let mut harness = traveller_harness();
    harness
        .get_by_label("Renew 巴林流量卡 with 每月 20GB on 2026-12-03")
        .click();
    harness.run();
    let before = harness.state().state().clone();
    harness.get_by_label("Mark paid").click();
    harness.run();
    let after = harness.state().state().clone();
    assert_eq!(
        after.renewal(RenewalId(2)).unwrap().status,
        RenewalStatus::Paid
    );
    assert!(!harness.state().agenda().sim(SimId(2)).unwrap().renewals[0].overdue);
    assert_undo_redo(&mut harness, &before, &after);
}

#[test]
fn month_view_snapshot() {
    let mut harness = traveller_harness();
    select_sim(&mut harness, 2);
    harness.snapshot("month_view");
}

#[test]
fn timeline_snapshot() {
    let mut harness = traveller_harness();
    harness.get_by_label("Timeline").click();
    harness.run();
    harness.snapshot("timeline_view");
}

#[test]
fn dragging_a_renewal_marker_along_a_timeline_row_moves_it() {
    let mut harness = traveller_harness();
    harness.get_by_label("Timeline").click();
    harness.run();
    let before = harness.state().state().clone();
    let view = harness.state().view().clone();
    let row = harness.get_by_label("Timeline row 巴林流量卡").rect();
    let px_per_day = (row.width() - 150.0) / view.timeline_days;
    let x_of = |day: &str| {
        let days = (d(day) - view.timeline_start).num_days() as f32;
        row.left() + 150.0 + px_per_day * (days + 0.5)
    };
    let from = egui::pos2(x_of("2027-01-12"), row.center().y);
    let to = egui::pos2(x_of("2027-01-20"), row.center().y);
    drag(&mut harness, from, to);

    let after = harness.state().state().clone();
    assert_eq!(after.renewal(RenewalId(3)).unwrap().on, d("2027-01-20"));
    assert_eq!(
        harness.state().view().timeline_start,
        view.timeline_start,
        "a marker drag does not pan"
    );
    assert_undo_redo(&mut harness, &before, &after);
}
