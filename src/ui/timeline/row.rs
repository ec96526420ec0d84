//! One SIM's row of the timeline: its service bars, gaps, lost and no-data days, renew-by ticks
//! and renewal markers, and the drop target under the pointer while something is dragged.

use chrono::{Days, NaiveDate};
use egui::{FontId, Rect, Sense, pos2, vec2};
use rust_i18n::t;

use super::axis::{RowRanges, TimelineFrame, visible_spans};
use crate::model::SimId;
use crate::schedule::{AppliedRenewal, DateRange, SimSchedule, sim_day_facts};
use crate::text::day_fact_sentence;
use crate::ui::action::Action;
use crate::ui::dnd::{self, DragPayload};
use crate::ui::labels::{long_date, renewal_label, renewal_status};
use crate::ui::{painted, style};

const MARKER_SIZE: f32 = 12.0;

/// One SIM's row; returns the drop target under the pointer while something is dragged.
pub(super) fn row_ui(
    ui: &mut egui::Ui,
    frame: &TimelineFrame<'_>,
    (rect, schedule, ranges): (Rect, &SimSchedule, &RowRanges<'_>),
    fills: &mut painted::Fills,
    actions: &mut Vec<Action>,
) -> Option<(DragPayload, NaiveDate, SimId)> {
    let TimelineFrame {
        axis,
        state,
        view,
        today,
        visuals,
    } = *frame;
    let axis = &axis;
    let sim = state.sim(schedule.id)?;
    let color = style::sim_color(sim.color);
    let selected = view.selected_sim == Some(sim.id);
    let response = ui.interact(
        rect,
        ui.make_persistent_id(("timeline-row", sim.id)),
        Sense::click_and_drag(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            t!("timeline.row", sim = sim.name.as_str()).as_ref(),
        )
    });
    // Renewal markers are painted, not widgets: the row finds the one under the pointer, so a
    // frame costs the same however many renewals a row holds.
    let marker_under = |pos: Option<egui::Pos2>| {
        let pos = pos?;
        let day = axis.day_at(pos.x)?;
        let near = |applied: &&AppliedRenewal| {
            (axis.x(applied.on) + axis.px_per_day / 2.0 - pos.x).abs() <= MARKER_SIZE / 2.0
                && (rect.center().y - pos.y).abs() <= MARKER_SIZE / 2.0
        };
        let slack = Days::new((MARKER_SIZE / axis.px_per_day).ceil() as u64);
        let from = day.checked_sub_days(slack).unwrap_or(day);
        let to = day.checked_add_days(slack).unwrap_or(day);
        schedule.renewals_between(from, to).iter().rev().find(near)
    };
    let cursor_pos = ui.input(|i| i.pointer.interact_pos());
    if response.drag_started() {
        let pressed = ui.input(|i| i.pointer.press_origin());
        if let Some(applied) = marker_under(pressed) {
            egui::DragAndDrop::set_payload(ui.ctx(), DragPayload::Renewal(applied.id));
        }
    }
    if response.dragged() && !egui::DragAndDrop::has_any_payload(ui.ctx()) {
        actions.push(Action::PanTimeline(
            -response.drag_delta().x / axis.px_per_day,
        ));
    }
    let day_under_pointer = cursor_pos
        .filter(|pos| pos.x >= axis.left)
        .and_then(|pos| axis.day_at(pos.x));
    if response.clicked() {
        match (view.armed_plan, day_under_pointer, marker_under(cursor_pos)) {
            // A plan armed by a click goes on the day clicked, for this row's SIM.
            (Some(plan), Some(on), _) => actions.push(Action::DropPlan {
                plan,
                on,
                sim: Some(sim.id),
            }),
            (_, _, Some(applied)) => actions.push(Action::SelectRenewal(applied.id)),
            _ => actions.push(Action::SelectSim(Some(sim.id))),
        }
    }
    if response.double_clicked()
        && let Some(applied) = marker_under(cursor_pos)
    {
        actions.push(Action::EditRenewal(applied.id));
    }
    // Every mark says what it is: a renewal marker its renewal, anything else on the row
    // what the schedule says of that day for this SIM.
    let dragging = egui::DragAndDrop::has_any_payload(ui.ctx()) || view.armed_plan.is_some();
    if let (Some(pos), false) = (response.hover_pos(), dragging) {
        if let Some(applied) = marker_under(Some(pos)) {
            let plan_name = state.plan(applied.plan).map_or("?", |p| p.name.as_str());
            let label = format!(
                "{}\n{}",
                renewal_label(plan_name, &sim.name, applied.on),
                renewal_status(applied.status.is_paid(), applied.overdue)
            );
            response.clone().on_hover_text_at_pointer(label);
        } else if let Some(day) = axis.day_at(pos.x).filter(|_| pos.x >= axis.left) {
            let facts = sim_day_facts(schedule, day);
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(format!("{} · {}", sim.name, long_date(day)));
                if facts.is_empty() {
                    ui.label(t!("timeline.no_service_day"));
                }
                for fact in &facts {
                    ui.label(day_fact_sentence(state, fact));
                }
            });
        }
    }
    let painter = ui.painter();
    if selected {
        fills.rect(rect, visuals.selection.bg_fill.gamma_multiply(0.35));
    }
    fills.rect(
        Rect::from_x_y_ranges(rect.x_range(), (rect.bottom() - 0.5)..=rect.bottom()),
        visuals.widgets.noninteractive.bg_stroke.color,
    );

    // Label column.
    let swatch =
        Rect::from_center_size(pos2(rect.left() + 10.0, rect.center().y), vec2(10.0, 10.0));
    fills.rect(swatch, color);
    let label_left = rect.left() + 20.0;
    let label = painted::one_line(
        painter,
        &sim.name,
        FontId::proportional(13.0),
        visuals.text_color(),
        axis.left - 4.0 - label_left,
    );
    let label_pos = pos2(label_left, rect.center().y - label.size().y / 2.0);
    painter.galley(label_pos, label, visuals.text_color());

    // Trips behind the bars.
    for &(from, to) in ranges.legs {
        if let Some((x0, x1)) = axis.span_numbers(from, to) {
            fills.rect(
                Rect::from_x_y_ranges(x0..=x1, rect.y_range()),
                style::TRIP.gamma_multiply(0.12),
            );
        }
    }
    if let Some((x0, x1)) = axis.span(Some(today), today) {
        fills.rect(
            Rect::from_x_y_ranges(x0..=x1, rect.y_range()),
            style::ACCENT.gamma_multiply(0.25),
        );
    }

    // Bars thicken with the row, so a tall row is not a thin line in empty space.
    let half_bar = (rect.height() * 0.2).clamp(6.0, 14.0);
    let bar_y = (rect.center().y - half_bar)..=(rect.center().y + half_bar);
    let visible = DateRange::new(axis.start, axis.end());
    // One bar per run of service, not per renewal: the same picture with far fewer shapes.
    let first_run = schedule
        .service
        .partition_point(|run| run.end < visible.start);
    let runs = schedule.service.iter().skip(first_run);
    for run in runs.take_while(|run| run.start.is_none_or(|start| start <= visible.end)) {
        if let Some((x0, x1)) = axis.span(run.start, run.end) {
            fills.rect(
                Rect::from_x_y_ranges(x0..=x1, bar_y.clone()),
                color.gamma_multiply(0.85),
            );
        }
    }
    for gap in schedule.gaps.iter().filter(|gap| gap.overlaps(&visible)) {
        if let Some((x0, x1)) = axis.span(Some(gap.start), gap.end) {
            fills.rect(
                Rect::from_x_y_ranges(x0..=x1, (rect.center().y - 2.0)..=(rect.center().y + 2.0)),
                style::DANGER,
            );
        }
    }
    for (x0, x1) in visible_spans(axis, ranges.without_data) {
        let data_rect = Rect::from_x_y_ranges(x0..=x1, bar_y.clone());
        fills.rect(data_rect, visuals.extreme_bg_color.gamma_multiply(0.6));
        fills.outline(data_rect, 1.0, style::WARNING);
    }
    for (x0, x1) in visible_spans(axis, ranges.lost) {
        let lost_rect = Rect::from_x_y_ranges(x0..=x1, (rect.top() + 3.0)..=(rect.bottom() - 3.0));
        fills.hatch(lost_rect, style::DANGER);
    }
    for renew_by in schedule
        .renew_by
        .iter()
        .filter(|r| visible.contains(r.date))
    {
        if let Some((x0, _)) = axis.span(Some(renew_by.date), renew_by.date) {
            fills.rect(
                Rect::from_x_y_ranges(
                    (x0 - 1.0)..=(x0 + 1.0),
                    (rect.top() + 2.0)..=(rect.top() + 10.0),
                ),
                style::WARNING,
            );
        }
    }
    let mut last_marker_x = f32::NEG_INFINITY;
    for applied in schedule.renewals_between(visible.start, visible.end) {
        let x = axis.x(applied.on) + axis.px_per_day / 2.0;
        // Markers closer than a few points would paint over each other: draw the first.
        if x - last_marker_x < MARKER_SIZE / 3.0 {
            continue;
        }
        last_marker_x = x;
        let fill = if applied.overdue {
            style::DANGER
        } else if applied.status.is_paid() {
            color
        } else {
            visuals.extreme_bg_color
        };
        let stroke_color = if applied.overdue {
            style::DANGER
        } else if applied.status.is_paid() {
            visuals.strong_text_color()
        } else {
            color
        };
        let width = if applied.overdue { 2.5 } else { 1.5 };
        fills.diamond(
            pos2(x, rect.center().y),
            MARKER_SIZE,
            fill,
            width,
            stroke_color,
        );
    }

    // The row is a drop target by its rect and this frame's pointer, not by last frame's hit
    // test: the rows move when the list scrolls under a drag.
    if let (Some(plan), Some(day), true) = (view.armed_plan, day_under_pointer, response.hovered())
    {
        return Some((DragPayload::Plan(plan), day, sim.id));
    }
    let payload = egui::DragAndDrop::payload::<DragPayload>(ui.ctx())?;
    let cursor = ui.input(|i| i.pointer.interact_pos())?;
    if !rect.contains(cursor) || !ui.clip_rect().contains(cursor) {
        return None;
    }
    let day = axis.day_at(cursor.x)?;
    if let Some((x0, x1)) = axis.span(Some(day), day) {
        fills.outline(
            Rect::from_x_y_ranges(x0..=x1, rect.y_range()),
            2.0,
            style::ACCENT,
        );
    }
    if ui.input(|i| i.pointer.any_released())
        && egui::DragAndDrop::take_payload::<DragPayload>(ui.ctx()).is_some()
    {
        actions.push(dnd::drop_action(*payload, day, Some(sim.id)));
    }
    Some((*payload, day, sim.id))
}
