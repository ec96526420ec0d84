//! The timeline: one row per SIM, days across. Service runs are bars, gaps red, lost days
//! hatched, renewals markers on the bars, renew-by ticks, trips bands behind the rows with the
//! uncovered days marked. Only the visible rows and days are painted.

use chrono::{Datelike as _, Days};
use egui::{Align2, FontId, Rect, Sense, Stroke, pos2, vec2};

mod axis;
mod row;

use axis::{DayAxis, RowRanges, TimelineFrame, day_number};
use row::row_ui;

use super::action::Action;
use super::context::ViewContext;
use super::labels::{long_date, month_title};
use super::view_state::TIMELINE_ZOOM;
use super::{dnd, painted, style};
use crate::model::State;
use crate::schedule::{Agenda, DateRange, DayFact, SimSchedule, day_facts};
use crate::text::day_fact_sentence;

const LABEL_WIDTH: f32 = 150.0;
const HEADER_HEIGHT: f32 = 34.0;
const TRIP_STRIP_HEIGHT: f32 = 18.0;
/// Rows grow with the room the timeline has, between these heights.
const ROW_HEIGHTS: std::ops::RangeInclusive<f32> = 30.0..=80.0;
/// Room a month's name needs in the header.
const MONTH_LABEL_WIDTH: f32 = 100.0;

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

/// Draws the timeline and turns clicks, drags and drops into actions.
pub fn timeline_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, cache: &mut TimelineCache) {
    let (state, agenda, view) = (ctx.state, &ctx.schedule.agenda, ctx.view);
    cache.update(state, agenda);
    let visuals = ui.visuals().clone();
    // What is really visible: the panel's clip, not a width a wide header may have claimed.
    let available = ui.available_rect_before_wrap();
    let full = egui::Rect::from_min_max(
        available.min,
        pos2(ui.max_rect().right(), available.bottom()),
    );
    let days_width = (full.width() - LABEL_WIDTH).max(50.0);
    let mut days_across = view.timeline_days;
    let background = ui.interact(full, ui.make_persistent_id("timeline-pan"), Sense::drag());
    if background.dragged() {
        ctx.push(Action::PanTimeline(
            -background.drag_delta().x * days_across / days_width,
        ));
    }
    if ui.rect_contains_pointer(full) {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        if (zoom - 1.0).abs() > f32::EPSILON {
            // Drawn at the new zoom at once; the view keeps it from the next frame on.
            days_across = (days_across / zoom).clamp(*TIMELINE_ZOOM.start(), *TIMELINE_ZOOM.end());
            ctx.push(Action::ZoomTimeline(days_across));
        }
        if scroll.x.abs() > 0.5 {
            ctx.push(Action::PanTimeline(-scroll.x * days_across / days_width));
        }
    }
    let frame = TimelineFrame {
        axis: DayAxis {
            start: view.timeline_start,
            start_number: day_number(view.timeline_start),
            left: full.left() + LABEL_WIDTH,
            right: full.right(),
            px_per_day: days_width / days_across,
            days: days_across.ceil() as u32,
        },
        state,
        view,
        today: ctx.today,
        visuals: &visuals,
    };

    let (header, header_response) = ui.allocate_exact_size(
        vec2(full.width(), HEADER_HEIGHT + TRIP_STRIP_HEIGHT),
        Sense::hover(),
    );
    header_ui(ui, header, &frame, agenda);
    // The trips strip says which trip is where on the day under the pointer, and whether a
    // SIM covers it.
    if let Some(pos) = header_response.hover_pos()
        && pos.y >= header.top() + HEADER_HEIGHT
        && let Some(day) = frame
            .axis
            .day_at(pos.x)
            .filter(|_| pos.x >= frame.axis.left)
    {
        let trips: Vec<DayFact> = day_facts(state, agenda, day)
            .into_iter()
            .filter(|fact| matches!(fact, DayFact::Trip { .. }))
            .collect();
        if !trips.is_empty() {
            header_response.on_hover_ui_at_pointer(|ui| {
                ui.strong(long_date(day));
                for fact in &trips {
                    ui.label(day_fact_sentence(state, fact));
                }
            });
        }
    }

    let mut hovered_drop = None;
    let rows: Vec<&SimSchedule> = agenda.sims.iter().collect();
    // A few SIMs fill the height; many scroll at the smallest height.
    let row_height = (ui.available_height() / rows.len().max(1) as f32)
        .clamp(*ROW_HEIGHTS.start(), *ROW_HEIGHTS.end())
        .floor();
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            // The rows' bars, markers and bands go into one mesh under their labels.
            let fills_slot = ui.painter().add(egui::Shape::Noop);
            let mut fills = painted::Fills::new(ui.ctx().pixels_per_point());
            for index in range {
                let Some(schedule) = rows.get(index) else {
                    continue;
                };
                let (row_rect, _) =
                    ui.allocate_exact_size(vec2(full.width(), row_height), Sense::hover());
                let ranges = RowRanges {
                    legs: &cache.legs,
                    lost: cache.lost.get(index).map_or(&[], Vec::as_slice),
                    without_data: cache.without_data.get(index).map_or(&[], Vec::as_slice),
                };
                let row = (row_rect, *schedule, &ranges);
                if let Some(found) = row_ui(ui, &frame, row, &mut fills, ctx.actions) {
                    hovered_drop = Some(found);
                }
            }
            ui.painter().set(fills_slot, fills.into_shape());
        });

    if let Some((payload, day, sim)) = hovered_drop {
        let renewal = dnd::renewal_for_drop(state, payload, day, Some(sim), view.selected_sim);
        dnd::paint_preview(
            ui.ctx(),
            &dnd::preview_lines(state, renewal.as_ref(), ctx.today),
        );
    }
}

/// Month names, day numbers, today, and the trips strip with uncovered days in red.
fn header_ui(ui: &egui::Ui, rect: Rect, frame: &TimelineFrame<'_>, agenda: &Agenda) {
    let TimelineFrame {
        axis,
        state,
        today,
        visuals,
        ..
    } = *frame;
    let axis = &axis;
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
                month_title(day),
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
