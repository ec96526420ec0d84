//! SIM Planner in Chinese, as the fixture's user (`language: SimplifiedChinese`) meets it: the
//! main flows driven by their Chinese labels, snapshots of the month view, the timeline and the
//! trip view, Chinese dates, the exported files and the CLI's readable output.
//!
//! Every test here runs on a Chinese state: the language is the whole process's (as it is the
//! whole window's), so English tests live in other test binaries.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use common::d;
use common::ui::{
    self, App, TODAY, click, drag, select_sim, settle, shows, type_nth, undo, window,
};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use sim_planner::export::{ExportFormat, ExportRange, export_text};
use sim_planner::model::{Language, RenewalStatus, SimId, State};
use sim_planner::schedule::{Agenda, DayStatus, trip_days};
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::view_state::CalendarKind;

/// The Chinese strings, to find widgets by the labels a Chinese reader sees.
static ZH: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    let path = format!("{}/assets/locales/zh-CN.yml", env!("CARGO_MANIFEST_DIR"));
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
});

/// The Chinese text of `key` (which must hold Chinese: a test would pass on English too).
fn zh(key: &str) -> String {
    let text = ZH
        .get(key)
        .unwrap_or_else(|| panic!("no Chinese for {key}"));
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{key} is not Chinese: {text}"
    );
    text.clone()
}

/// `traveller.ron` as filed: its user reads Chinese.
fn chinese_traveller() -> State {
    let state =
        sim_planner::store::load(std::path::Path::new(&common::fixture("traveller.ron"))).unwrap();
    assert_eq!(state.settings.language, Language::SimplifiedChinese);
    state
}

fn harness_of(state: State) -> App {
    let app = SimPlannerApp::with_state(state, d(TODAY));
    ui::build(ui::builder().with_step_dt(0.25).with_max_steps(24), app)
}

fn chinese_harness() -> App {
    harness_of(chinese_traveller())
}

fn the_state(harness: &App) -> State {
    harness.state().state().clone()
}

#[test]
fn the_window_reads_chinese_with_chinese_dates() {
    let mut harness = chinese_harness();
    for key in [
        "tabs.sims",
        "tabs.plans",
        "tabs.trips",
        "calendar.month",
        "menu.file",
    ] {
        assert!(shows(&harness, &zh(key)), "{key} is shown in Chinese");
    }
    assert!(shows(&harness, "2026年12月"), "the month's title");
    let starts_with = |prefix: &str| {
        harness
            .query_all_by(|node| node.label().is_some_and(|label| label.starts_with(prefix)))
            .next()
            .is_some()
    };
    assert!(starts_with("逾期：巴林流量卡"), "the alerts are in Chinese");
    assert!(!starts_with("Overdue"), "no English alert is left");
    harness.get_by_label(&zh("calendar.coverage")).click();
    harness.run();
    // 利雅得出差 is the first trip: its first day, a Thursday.
    assert!(shows(&harness, "2026年12月10日 周四"));
    assert!(!shows(&harness, "Thu 10 Dec 2026"));
}

#[test]
fn snapshots_of_the_month_the_timeline_and_the_trip_view_in_chinese() {
    let mut harness = chinese_harness();
    select_sim(&mut harness, 2);
    harness.snapshot("zh_month_view");
    harness.get_by_label(&zh("calendar.timeline")).click();
    harness.run();
    harness.snapshot("zh_timeline_view");
    harness.get_by_label(&zh("calendar.coverage")).click();
    harness.run();
    harness.get_by_label(&zh("coverage.cover")).click();
    harness.run();
    settle(&mut harness);
    harness.snapshot("zh_trip_view");
}

#[test]
fn a_sim_is_added_in_chinese() {
    let mut harness = chinese_harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    let title = zh("editors.sim.title_new");
    type_nth(
        &mut harness,
        &title,
        &zh("editors.field.name"),
        0,
        "香港副卡",
    );
    window(&harness, &title)
        .get_by_label(&zh("editors.button.save"))
        .click();
    harness.run();
    settle(&mut harness);
    let state = the_state(&harness);
    assert!(state.sims.iter().any(|sim| sim.name == "香港副卡"));
}

#[test]
fn a_plan_dragged_onto_a_day_in_chinese_is_undone_exactly() {
    let mut harness = chinese_harness();
    select_sim(&mut harness, 2);
    harness.get_by_label(&zh("tabs.plans")).click();
    harness.run();
    let before = the_state(&harness);
    let chip = harness.get_by_label("每周 5GB").rect().center();
    let day = harness.get_by_label("2026-12-20").rect().center();
    drag(&mut harness, chip, day);
    let after = the_state(&harness);
    let added: Vec<_> = after
        .renewals
        .iter()
        .filter(|renewal| before.renewal(renewal.id).is_none())
        .map(|renewal| (renewal.sim, renewal.plan.0, renewal.on, renewal.status))
        .collect();
    assert_eq!(
        added,
        vec![(SimId(2), 2, d("2026-12-20"), RenewalStatus::Planned)]
    );
    undo(&mut harness);
    assert_eq!(the_state(&harness), before);
}

#[test]
fn a_trip_is_made_and_covered_in_chinese() {
    let mut harness = chinese_harness();
    click(&mut harness, &zh("tabs.trips"));
    click(&mut harness, &zh("trips.add"));
    let title = zh("editors.trip.title_new");
    let name = zh("editors.field.name");
    type_nth(&mut harness, &title, &name, 0, "巴黎和柏林");
    for (nth, (code, country)) in [("FR", "法国"), ("DE", "德国")].into_iter().enumerate() {
        if nth == 1 {
            window(&harness, &title)
                .get_by_label(&zh("editors.trip.add_leg"))
                .click();
            harness.run();
        }
        window(&harness, &title)
            .get_all_by_label(&zh("editors.picker.choose_country"))
            .next()
            .unwrap()
            .click();
        harness.run();
        // The search finds the Chinese name; the list shows it.
        harness
            .get_by_label(&zh("editors.picker.search"))
            .type_text(country);
        harness.run();
        harness.get_by_label(&format!("{code}  {country}")).click();
        harness.run();
    }
    let (from, to) = (zh("editors.trip.from"), zh("editors.trip.to"));
    type_nth(&mut harness, &title, &from, 0, "2027-03-01");
    type_nth(&mut harness, &title, &to, 0, "2027-03-05");
    type_nth(&mut harness, &title, &from, 1, "2027-03-05");
    type_nth(&mut harness, &title, &to, 1, "2027-03-08");
    window(&harness, &title)
        .get_by_label(&zh("editors.button.save"))
        .click();
    harness.run();
    settle(&mut harness);

    let before = the_state(&harness);
    let trip = before
        .trips
        .iter()
        .find(|trip| trip.name == "巴黎和柏林")
        .unwrap();
    assert_eq!(trip.legs.len(), 2);
    let trip = trip.id;
    harness.state_mut().view_mut().calendar = CalendarKind::Coverage;
    harness.run();
    let uncovered = zh("trips.uncovered").replace("%{count}", "9");
    assert!(shows(&harness, &uncovered), "{uncovered}");
    click(&mut harness, &zh("coverage.cover"));
    settle(&mut harness);
    let total = zh("coverage.total")
        .replace("%{total}", "184.60")
        .replace("%{currency}", "CNY");
    assert!(shows(&harness, &total), "{total}");
    click(&mut harness, &zh("coverage.add"));
    let covered = the_state(&harness);
    let agenda = Agenda::compute(&covered, d(TODAY));
    let days = trip_days(&covered, &agenda, covered.trip(trip).unwrap());
    assert!(days.iter().all(|day| day.status != DayStatus::Uncovered));
    undo(&mut harness);
    assert_eq!(the_state(&harness), before);
}

#[test]
fn the_schedule_is_exported_in_chinese_from_the_window() {
    let mut harness = chinese_harness();
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("日程.csv");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label(&zh("files.format_csv")).click();
    harness.run();
    common::ui::type_path(&mut harness, &zh("files.path"), &target);
    harness.get_by_label(&zh("files.do_export")).click();
    harness.step();
    settle(&mut harness);
    let csv = std::fs::read_to_string(&target).unwrap();
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte order mark for spreadsheets"
    );
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header, "日期,事件,SIM卡,套餐,价格,币种,有效期至,详情");
    assert!(csv.contains("续费"), "{csv}");
}

#[test]
fn exported_calendars_and_trip_sheets_are_in_chinese() {
    let state = chinese_traveller();
    sim_planner::text::use_language(state.settings.language);
    let range = ExportRange::new(d("2026-12-01"), d("2027-02-28")).unwrap();
    let stamp = "2026-12-04T08:00:00Z".parse().unwrap();
    let text = |format| {
        export_text(&state, format, &range, d(TODAY), stamp, "行程单")
            .unwrap()
            .text
    };
    let ics = text(ExportFormat::Ics);
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    let summaries: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|component| component.as_event())
        .filter_map(|event| icalendar::Component::get_summary(event).map(str::to_owned))
        .collect();
    assert!(
        summaries
            .iter()
            .any(|summary| summary.starts_with("续费 巴林流量卡")),
        "{summaries:?}"
    );
    assert!(summaries.iter().any(|s| s.contains("没有可用的 SIM 卡")));
    assert!(!ics.contains("Renew "), "no English left in the calendar");
    let html = text(ExportFormat::Html);
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("<h2>逐日安排</h2>"));
    assert!(html.contains("周四"), "weekdays in Chinese");
    assert!(!html.contains("Day by day"));
}

#[test]
fn the_clis_readable_output_follows_the_states_language_and_json_does_not() {
    let run_on = |fixture: &str, args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_sim-planner"))
            .args(args)
            .args(["--state", &common::fixture(fixture), "--today", TODAY])
            .env_remove("SIM_PLANNER_STATE")
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let run = |args: &[&str]| run_on("traveller.ron", args);
    let agenda = run(&["agenda"]);
    assert!(
        agenda.starts_with("日程：2026-12-04 至 2027-01-03（30 天）"),
        "{agenda}"
    );
    assert!(
        agenda.contains("逾期"),
        "the alerts are in Chinese:\n{agenda}"
    );
    let check = run(&["check"]);
    assert_eq!(
        check.trim(),
        "正常：3 张 SIM 卡，5 个套餐，4 次续费，2 个行程"
    );
    // Europe in January is covered already (the eSIM's January pack), but for Switzerland.
    let suggest = run(&["suggest", "--trip", "2"]);
    assert!(
        suggest.starts_with("行程 2“Europe in January”的覆盖方案，自 2026-12-04 起，价格以 CNY 计"),
        "{suggest}"
    );
    assert!(suggest.contains("无需购买"), "{suggest}");
    assert!(suggest.contains("无法覆盖："), "{suggest}");
    // JSON is for programs: byte for byte the document the English copy gives.
    for args in [
        &["agenda", "--json"][..],
        &["suggest", "--trip", "2", "--json"],
    ] {
        assert_eq!(run(args), run_on("traveller-en.ron", args), "{args:?}");
    }
}

#[test]
fn an_imports_preview_reads_chinese() {
    let state = chinese_traveller();
    sim_planner::text::use_language(state.settings.language);
    let mut incoming = state.clone();
    incoming.sims[0].carrier = "中国移动".to_owned();
    incoming.trips.clear();
    let preview = sim_planner::store::preview_import(
        &state,
        &incoming,
        sim_planner::store::ImportMode::MergeUpdating,
    )
    .unwrap();
    assert_eq!(
        preview.summary(),
        "更新 1 张 SIM 卡（中国移动 主号：运营商）；跳过 11 项完全相同的重复"
    );
    let replace = sim_planner::store::preview_import(
        &state,
        &incoming,
        sim_planner::store::ImportMode::Replace,
    )
    .unwrap();
    assert!(
        replace.summary().starts_with("用文件中的 "),
        "{}",
        replace.summary()
    );
}

#[test]
fn a_file_that_does_not_load_says_why_in_chinese() {
    sim_planner::text::use_language(Language::SimplifiedChinese);
    let path = common::fixture("bad/syntax_error.ron");
    let error = sim_planner::store::load(std::path::Path::new(&path)).unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("第 30 行第 "), "{text}");
    let path = common::fixture("bad/dangling_plan.ron");
    let error = sim_planner::store::load(std::path::Path::new(&path)).unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("文件有 1 个问题："), "{text}");
    assert!(text.contains("不存在"), "{text}");
}
