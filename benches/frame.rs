//! One frame of the whole window (layout + tessellation, headless, 1280 x 720) in the month
//! view and in the timeline with a large generated state, against egui's own demo frame as the
//! yardstick (the window issue's goal: a ratio of at most 1.0).
#![allow(clippy::unwrap_used)]

mod support;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use sim_planner::model::SimId;
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::view_state::CalendarKind;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0))),
        ..Default::default()
    }
}

/// Runs one frame of `run_ui` and tessellates it, as the native loop would.
fn frame(ctx: &egui::Context, run_ui: impl FnMut(&mut egui::Ui)) {
    let mut output = ctx.run_ui(input(), run_ui);
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    std::hint::black_box(primitives);
    output.textures_delta.clear();
}

fn app_bench(c: &mut Criterion, name: &str, renewals: u32, calendar: CalendarKind) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let state = support::large_state(100, renewals, 40, today);
    let mut app = SimPlannerApp::with_state(state, today);
    app.view_mut().calendar = calendar;
    app.view_mut().selected_sim = Some(SimId(7));
    let ctx = egui::Context::default();
    sim_planner::ui::install_fonts(&ctx);
    let mut eframe_frame = eframe::Frame::_new_kittest();
    // Warm up: fonts, galley caches, the schedule cache.
    for _ in 0..3 {
        frame(&ctx, |ui| eframe::App::ui(&mut app, ui, &mut eframe_frame));
    }
    c.bench_function(name, |b| {
        b.iter(|| frame(&ctx, |ui| eframe::App::ui(&mut app, ui, &mut eframe_frame)));
    });
}

fn bench_frames(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    for _ in 0..3 {
        frame(&ctx, |ui| demo.ui(ui));
    }
    c.bench_function("demo: egui_demo_lib DemoWindows", |b| {
        b.iter(|| frame(&ctx, |ui| demo.ui(ui)));
    });

    app_bench(
        c,
        "month view: 100 SIMs, 5000 renewals, 40 trips",
        5_000,
        CalendarKind::Month,
    );
    app_bench(
        c,
        "timeline: 100 SIMs, 5000 renewals, 40 trips",
        5_000,
        CalendarKind::Timeline,
    );
    app_bench(
        c,
        "month view: 100 SIMs, 50000 renewals, 40 trips",
        50_000,
        CalendarKind::Month,
    );
    app_bench(
        c,
        "timeline: 100 SIMs, 50000 renewals, 40 trips",
        50_000,
        CalendarKind::Timeline,
    );
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
