//! One frame of the whole window (layout + tessellation, headless, 1280 x 720) in the month
//! view and in the timeline with a large generated state, against egui's own demo frame as the
//! yardstick (the window issue's goal: a ratio of at most 1.0). Three frames of interaction
//! too: a plan dragged over a month day (its preview computed), the pointer resting on a
//! timeline bar (its tooltip shown), and the timeline panned by a drag.
#![allow(clippy::unwrap_used)]

mod support;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, vec2};
use sim_planner::model::{PlanId, SimId};
use sim_planner::ui::SimPlannerApp;
use sim_planner::ui::dnd::DragPayload;
use sim_planner::ui::view_state::CalendarKind;

fn input() -> RawInput {
    input_with(Vec::new())
}

fn input_with(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0))),
        events,
        ..Default::default()
    }
}

/// Runs one frame of `run_ui` and tessellates it, as the native loop would.
fn frame(ctx: &egui::Context, run_ui: impl FnMut(&mut egui::Ui)) {
    frame_with(ctx, input(), run_ui);
}

/// [`frame`] with this frame's input.
fn frame_with(ctx: &egui::Context, input: RawInput, run_ui: impl FnMut(&mut egui::Ui)) {
    let mut output = ctx.run_ui(input, run_ui);
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    std::hint::black_box(primitives);
    output.textures_delta.clear();
}

/// The app on the large state (SIM 7 selected) in `calendar`, and a context with its fonts.
fn large_app(renewals: u32, calendar: CalendarKind) -> (SimPlannerApp, egui::Context) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let state = support::large_state(100, renewals, 40, today);
    let mut app = SimPlannerApp::with_state(state, today);
    app.view_mut().calendar = calendar;
    app.view_mut().selected_sim = Some(SimId(7));
    let ctx = egui::Context::default();
    sim_planner::ui::install_fonts(&ctx);
    // Tooltips show at once, as they do after the pointer has rested.
    ctx.global_style_mut(|style| style.interaction.tooltip_delay = 0.0);
    (app, ctx)
}

fn app_bench(c: &mut Criterion, name: &str, renewals: u32, calendar: CalendarKind) {
    let (mut app, ctx) = large_app(renewals, calendar);
    let mut eframe_frame = eframe::Frame::_new_kittest();
    // Warm up: fonts, galley caches, the schedule cache.
    for _ in 0..3 {
        frame(&ctx, |ui| eframe::App::ui(&mut app, ui, &mut eframe_frame));
    }
    c.bench_function(name, |b| {
        b.iter(|| frame(&ctx, |ui| eframe::App::ui(&mut app, ui, &mut eframe_frame)));
    });
}

/// A frame of interaction: `events(i)` is the input of the `i`th frame (warm-up included).
fn interaction_bench(
    c: &mut Criterion,
    name: &str,
    calendar: CalendarKind,
    setup: impl Fn(&egui::Context),
    events: impl Fn(u64) -> Vec<Event>,
) {
    let (mut app, ctx) = large_app(5_000, calendar);
    let mut eframe_frame = eframe::Frame::_new_kittest();
    setup(&ctx);
    let mut step = 0;
    for _ in 0..3 {
        frame_with(&ctx, input_with(events(step)), |ui| {
            eframe::App::ui(&mut app, ui, &mut eframe_frame);
        });
        step += 1;
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            frame_with(&ctx, input_with(events(step)), |ui| {
                eframe::App::ui(&mut app, ui, &mut eframe_frame);
            });
            step += 1;
        });
    });
}

/// A point inside the month grid's third row (the central panel at 1280 px wide).
const ON_A_MONTH_DAY: Pos2 = Pos2::new(730.0, 400.0);
/// A point on the first timeline rows' bars.
const ON_A_TIMELINE_BAR: Pos2 = Pos2::new(800.0, 190.0);

fn bench_interaction(c: &mut Criterion) {
    interaction_bench(
        c,
        "month view: a plan dragged over a day (preview)",
        CalendarKind::Month,
        |ctx| egui::DragAndDrop::set_payload(ctx, DragPayload::Plan(PlanId(1))),
        |_| vec![Event::PointerMoved(ON_A_MONTH_DAY)],
    );
    interaction_bench(
        c,
        "timeline: hovering a bar (tooltip)",
        CalendarKind::Timeline,
        |_| {},
        |_| vec![Event::PointerMoved(ON_A_TIMELINE_BAR)],
    );
    interaction_bench(
        c,
        "timeline: panning by a drag",
        CalendarKind::Timeline,
        |_| {},
        |step| {
            let press = Event::PointerButton {
                pos: ON_A_TIMELINE_BAR,
                button: PointerButton::Primary,
                pressed: true,
                modifiers: Modifiers::NONE,
            };
            // Back and forth by 40 points a frame, the button held from the first frame on.
            let x = if step % 2 == 0 { 0.0 } else { 40.0 };
            let moved = Event::PointerMoved(ON_A_TIMELINE_BAR + vec2(x, 0.0));
            if step == 0 {
                vec![press, moved]
            } else {
                vec![moved]
            }
        },
    );
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

criterion_group!(benches, bench_frames, bench_interaction);
criterion_main!(benches);
