//! The timeline: one row per SIM, days across. Service runs are bars, gaps red, lost days
//! hatched, renewals markers on the bars, renew-by ticks, trips bands behind the rows with the
//! uncovered days marked. Only the visible rows and days are painted.

use chrono::{Datelike as _, Days, NaiveDate};
use egui::{Align2, FontId, Rect, Sense, Stroke, pos2, vec2};
use rust_i18n::t;

use super::app::{Action, DragPayload, ViewState};
use super::{dnd, painted, style};
use crate::model::State;
use crate::schedule::{Agenda, DateRange, SimSchedule};

/// About three months visible at first.
pub const DEFAULT_DAYS_VISIBLE: f32 = 90.0;
/// Zoom, as the number of days across the view.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 14.0..=400.0;
const LABEL_WIDTH: f32 = 150.0;
const HEADER_HEIGHT: f32 = 34.0;
const TRIP_STRIP_HEIGHT: f32 = 18.0;
const ROW_HEIGHT: f32 = 30.0;
const MARKER_SIZE: f32 = 12.0;
/// Room a month's name needs in the header.
const MONTH_LABEL_WIDTH: f32 = 100.0;

/// A day as a number (days from the common era), for the arithmetic a frame does per span.
fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

/// What the timeline draws for each SIM beyond the agenda's own lists, made once per schedule:
/// the lost days and the days without data of all its renewals, merged and as day numbers, and
/// the trips' legs. A frame then finds the visible part by binary search instead of walking a
/// year of renewals per row.
#[derive(Default)]
pub struct TimelineCache {
    built: bool,
    /// Per SIM, in the agenda's order: merged ranges of lost days.
    lost: Vec<Vec<(i32, i32)>>,
    /// Per SIM: merged ranges of days without data.
    without_data: Vec<Vec<(i32, i32)>>,
    /// Every trip leg's days.
    legs: Vec<(i32, i32)>,
}

impl TimelineCache {
    fn update(&mut self, state: &State, agenda: &Agenda) {
        if self.built {
            return;
        }
        let merged = |ranges: &mut dyn Iterator<Item = DateRange>| {
            let mut spans: Vec<(i32, i32)> = ranges
                .map(|range| (day_number(range.start), day_number(range.end)))
                .collect();
            spans.sort_unstable();
            let mut out: Vec<(i32, i32)> = Vec::with_capacity(spans.len());
            for (start, end) in spans {
                match out.last_mut() {
                    Some(last) if start <= last.1 + 1 => last.1 = last.1.max(end),
                    _ => out.push((start, end)),
                }
            }
            out
        };
        self.lost = agenda
            .sims
            .iter()
            .map(|s| merged(&mut s.renewals.iter().filter_map(|r| r.lost)))
            .collect();
        self.without_data = agenda
            .sims
            .iter()
            .map(|s| merged(&mut s.renewals.iter().filter_map(|r| r.without_data)))
            .collect();
        self.legs = state
            .trips
            .iter()
            .flat_map(|trip| &trip.legs)
            .map(|leg| (day_number(leg.from), day_number(leg.to)))
            .collect();
        self.built = true;
    }
}

/// The x spans of the sorted, disjoint `ranges` that are visible on `axis`.
fn visible_spans<'a>(
    axis: &'a DayAxis,
    ranges: &'a [(i32, i32)],
) -> impl Iterator<Item = (f32, f32)> + 'a {
    let first = ranges.partition_point(|range| range.1 < axis.start_number);
    ranges[first..]
        .iter()
        .take_while(|range| range.0 <= axis.start_number + axis.days as i32)
        .filter_map(|range| axis.span_numbers(range.0, range.1))
}

/// Maps days to x positions.
#[derive(Clone, Copy)]
struct DayAxis {
    start: NaiveDate,
    /// `start` as a [`day_number`].
    start_number: i32,
    left: f32,
    /// The right edge of the view: spans are cut to it.
    right: f32,
    px_per_day: f32,
    days: u32,
}

impl DayAxis {
    fn x(&self, day: NaiveDate) -> f32 {
        self.x_of_number(day_number(day))
    }

    fn x_of_number(&self, day: i32) -> f32 {
        self.left + (day - self.start_number) as f32 * self.px_per_day
    }

    fn end(&self) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(u64::from(self.days)))
            .unwrap_or(self.start)
    }

    /// The x span of the day numbers `start..=end`, cut to what is visible.
    fn span_numbers(&self, start: i32, end: i32) -> Option<(f32, f32)> {
        let last = self.start_number + self.days as i32;
        let start = start.max(self.start_number);
        let end = end.min(last);
        if end < start {
            return None;
        }
        Some((
            self.x_of_number(start),
            (self.x_of_number(end) + self.px_per_day).min(self.right),
        ))
    }

    fn day_at(&self, x: f32) -> Option<NaiveDate> {
        let offset = ((x - self.left) / self.px_per_day).floor();
        (offset >= 0.0)
            .then(|| self.start.checked_add_days(Days::new(offset as u64)))
            .flatten()
    }

    /// The x span of the days `start..=end`, clipped to what is visible.
    fn span(&self, start: Option<NaiveDate>, end: NaiveDate) -> Option<(f32, f32)> {
        let start = start.map_or(self.start_number, day_number);
        self.span_numbers(start, day_number(end))
    }
}

/// Draws the timeline and turns clicks, drags and drops into actions.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    state: &State,
    agenda: &Agenda,
    cache: &mut TimelineCache,
    view: &mut ViewState,
    today: NaiveDate,
    actions: &mut Vec<Action>,
) {
    cache.update(state, agenda);
    let visuals = ui.visuals().clone();
    // What is really visible: the panel's clip, not a width a wide header may have claimed.
    let available = ui.available_rect_before_wrap();
    let full = egui::Rect::from_min_max(
        available.min,
        pos2(ui.max_rect().right(), available.bottom()),
    );
    let days_width = (full.width() - LABEL_WIDTH).max(50.0);
    let mut px_per_day = days_width / view.timeline_days;
    let background = ui.interact(full, ui.make_persistent_id("timeline-pan"), Sense::drag());
    if background.dragged() {
        pan(view, -background.drag_delta().x / px_per_day);
    }
    if ui.rect_contains_pointer(full) {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        if (zoom - 1.0).abs() > f32::EPSILON {
            view.timeline_days =
                (view.timeline_days / zoom).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
            px_per_day = days_width / view.timeline_days;
        }
        if scroll.x.abs() > 0.5 {
            pan(view, -scroll.x / px_per_day);
        }
    }
    view.px_per_day = px_per_day;

    let axis = DayAxis {
        start: view.timeline_start,
        start_number: day_number(view.timeline_start),
        left: full.left() + LABEL_WIDTH,
        right: full.right(),
        px_per_day,
        days: view.timeline_days.ceil() as u32,
    };

    let (header, _) = ui.allocate_exact_size(
        vec2(full.width(), HEADER_HEIGHT + TRIP_STRIP_HEIGHT),
        Sense::hover(),
    );
    header_ui(ui, header, &axis, state, agenda, today, &visuals);

    let mut hovered_drop = None;
    let rows: Vec<&SimSchedule> = agenda.sims.iter().collect();
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            // The rows' bars, markers and bands go into one mesh under their labels.
            let fills_slot = ui.painter().add(egui::Shape::Noop);
            let mut fills = painted::Fills::new(ui.ctx().pixels_per_point());
            for index in range {
                let Some(schedule) = rows.get(index) else {
                    continue;
                };
                let (row_rect, _) =
                    ui.allocate_exact_size(vec2(full.width(), ROW_HEIGHT), Sense::hover());
                let ranges = RowRanges {
                    legs: &cache.legs,
                    lost: cache.lost.get(index).map_or(&[], Vec::as_slice),
                    without_data: cache.without_data.get(index).map_or(&[], Vec::as_slice),
                };
                if let Some(found) = row_ui(
                    ui, &mut fills, row_rect, &axis, &ranges, state, schedule, view, today,
                    &visuals, actions,
                ) {
                    hovered_drop = Some(found);
                }
            }
            ui.painter().set(fills_slot, fills.into_shape());
        });

    if let Some((payload, day, sim)) = hovered_drop {
        let renewal = dnd::renewal_for_drop(state, payload, day, Some(sim), view.selected_sim);
        dnd::paint_preview(
            ui.ctx(),
            &dnd::preview_lines(state, renewal.as_ref(), today),
        );
    }
}

/// Moves the timeline by `days`; fractions of a day add up across frames, so a slow drag moves
/// it too.
pub fn pan(view: &mut ViewState, days: f32) {
    view.pan_remainder += days;
    let whole = view.pan_remainder.trunc();
    view.pan_remainder -= whole;
    shift(view, whole as i64);
}

fn shift(view: &mut ViewState, days: i64) {
    let moved = if days >= 0 {
        view.timeline_start
            .checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        view.timeline_start
            .checked_sub_days(Days::new(days.unsigned_abs()))
    };
    view.timeline_start = moved.unwrap_or(view.timeline_start);
}

/// Month names, day numbers, today, and the trips strip with uncovered days in red.
fn header_ui(
    ui: &egui::Ui,
    rect: Rect,
    axis: &DayAxis,
    state: &State,
    agenda: &Agenda,
    today: NaiveDate,
    visuals: &egui::Visuals,
) {
    let painter = ui.painter_at(rect);
    let font = FontId::proportional(11.0);
    for offset in 0..=axis.days {
        let Some(day) = axis.start.checked_add_days(Days::new(u64::from(offset))) else {
            break;
        };
        let x = axis.x(day);
        // The first column names its month only when that month's label has room before the next.
        let days_left_in_month = chrono::Datelike::num_days_in_month(&day)
            .saturating_sub(u8::try_from(day.day()).unwrap_or(31));
        let room_for_first =
            offset == 0 && f32::from(days_left_in_month) * axis.px_per_day >= MONTH_LABEL_WIDTH;
        if day.day() == 1 || room_for_first {
            painter.text(
                pos2(x + 2.0, rect.top() + 2.0),
                Align2::LEFT_TOP,
                super::month::month_title(day),
                font.clone(),
                visuals.strong_text_color(),
            );
            painter.vline(
                x,
                rect.y_range(),
                Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            );
        }
        if axis.px_per_day >= 14.0
            || (axis.px_per_day >= 5.0 && day.weekday() == state.settings.week_start.weekday())
        {
            painter.text(
                pos2(x + axis.px_per_day / 2.0, rect.top() + 18.0),
                Align2::CENTER_TOP,
                day.day().to_string(),
                FontId::proportional(10.0),
                visuals.weak_text_color(),
            );
        }
        if day == today {
            painter.rect_filled(
                Rect::from_min_size(
                    pos2(x, rect.top() + 16.0),
                    vec2(axis.px_per_day.max(2.0), 14.0),
                ),
                2.0,
                style::ACCENT.gamma_multiply(0.4),
            );
        }
    }
    let strip = Rect::from_min_max(
        pos2(axis.left, rect.top() + HEADER_HEIGHT),
        pos2(rect.right(), rect.bottom()),
    );
    for (trip, coverage) in state.trips.iter().zip(&agenda.trips) {
        for leg in &trip.legs {
            let Some((x0, x1)) = axis.span(Some(leg.from), leg.to) else {
                continue;
            };
            let band = Rect::from_x_y_ranges(x0..=x1, strip.y_range()).shrink2(vec2(0.0, 2.0));
            painter.rect_filled(band, 2.0, style::TRIP.gamma_multiply(0.3));
            let label = painted::one_line(
                &painter,
                &format!("{} {}", leg.country, trip.name),
                FontId::proportional(10.0),
                visuals.text_color(),
                band.width() - 4.0,
            );
            let label_pos = pos2(band.left() + 3.0, band.center().y - label.size().y / 2.0);
            painter.galley(label_pos, label, visuals.text_color());
        }
        for day in &coverage.uncovered {
            if let Some((x0, x1)) = axis.span(Some(day.date), day.date) {
                painter.rect_filled(
                    Rect::from_x_y_ranges(x0..=x1, (strip.bottom() - 4.0)..=strip.bottom()),
                    0.0,
                    style::DANGER,
                );
            }
        }
    }
}

/// The ranges a row paints, from the [`TimelineCache`].
struct RowRanges<'a> {
    legs: &'a [(i32, i32)],
    lost: &'a [(i32, i32)],
    without_data: &'a [(i32, i32)],
}

/// One SIM's row; returns the drop target under the pointer while something is dragged.
#[expect(clippy::too_many_arguments, reason = "the row needs the whole view")]
fn row_ui(
    ui: &mut egui::Ui,
    fills: &mut painted::Fills,
    rect: Rect,
    axis: &DayAxis,
    ranges: &RowRanges<'_>,
    state: &State,
    schedule: &SimSchedule,
    view: &ViewState,
    today: NaiveDate,
    visuals: &egui::Visuals,
    actions: &mut Vec<Action>,
) -> Option<(DragPayload, NaiveDate, crate::model::SimId)> {
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
        let near = |applied: &&crate::schedule::AppliedRenewal| {
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
    if response.clicked() {
        match marker_under(cursor_pos) {
            Some(applied) => actions.push(Action::SelectRenewal(applied.id)),
            None => actions.push(Action::SelectSim(Some(sim.id))),
        }
    }
    if response.double_clicked()
        && let Some(applied) = marker_under(cursor_pos)
    {
        actions.push(Action::EditRenewal(applied.id));
    }
    if let Some(applied) = marker_under(response.hover_pos()) {
        let plan_name = state.plan(applied.plan).map_or("?", |p| p.name.as_str());
        let label = super::month::renewal_label(plan_name, &sim.name, applied.on);
        response.clone().on_hover_text_at_pointer(label);
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

    let bar_y = (rect.center().y - 6.0)..=(rect.center().y + 6.0);
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
        let fill = if applied.status.is_paid() {
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
