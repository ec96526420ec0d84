//! The month view: a 6 x 7 grid starting on the settings' first weekday. Days are painted (one
//! widget per day and per renewal chip, for hit-testing and accessibility), so a frame costs
//! what is visible, not what exists.

use std::collections::HashMap;

use chrono::{Datelike as _, Days, Months, NaiveDate};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, StrokeKind, pos2, vec2};
use rust_i18n::t;

use super::app::{Action, DragPayload, ViewState, first_of_month};
use super::{dnd, style};
use crate::model::{RenewalId, SimId, State};
use crate::schedule::Agenda;

const HEADER_HEIGHT: f32 = 20.0;
const CHIP_HEIGHT: f32 = 15.0;
/// Renewal chips shown in one day; the rest are counted as "+N more" (a day with more is rare,
/// and each chip is a live widget).
const MAX_CHIPS: usize = 3;

/// `day`'s month moved by `delta` months (the first of that month).
pub fn step_months(day: NaiveDate, delta: i32) -> NaiveDate {
    let first = first_of_month(day);
    let step = Months::new(delta.unsigned_abs());
    let moved = if delta >= 0 {
        first.checked_add_months(step)
    } else {
        first.checked_sub_months(step)
    };
    moved.unwrap_or(first)
}

/// "December 2026".
pub fn month_title(day: NaiveDate) -> String {
    let month_key = format!("months.m{}", day.month());
    t!(
        "calendar.month_title",
        month = t!(&month_key),
        year = day.year()
    )
    .into_owned()
}

/// The first day shown: the month's first day, stepped back to the week's first day.
pub fn grid_start(month: NaiveDate, week_start: chrono::Weekday) -> NaiveDate {
    let first = first_of_month(month);
    let back = (7 + first.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
    first
        .checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(first)
}

/// What one day of the grid shows.
#[derive(Default)]
struct DayCell {
    renewals: Vec<RenewalChip>,
    /// SIMs whose service ends this day.
    expiries: Vec<SimId>,
    /// SIMs to renew by this day.
    renew_by: Vec<SimId>,
    /// Trip countries this day, and whether each is uncovered.
    trips: Vec<(String, bool)>,
}

struct RenewalChip {
    id: RenewalId,
    sim: SimId,
    label: String,
    paid: bool,
    overdue: bool,
}

/// Collects what each of the 42 days shows, from the agenda.
fn cells(state: &State, agenda: &Agenda, start: NaiveDate) -> HashMap<NaiveDate, DayCell> {
    let end = start.checked_add_days(Days::new(41)).unwrap_or(start);
    let mut cells: HashMap<NaiveDate, DayCell> = HashMap::new();
    for schedule in &agenda.sims {
        for applied in schedule.renewals_between(start, end) {
            let plan_name = state.plan(applied.plan).map_or("?", |p| p.name.as_str());
            cells
                .entry(applied.on)
                .or_default()
                .renewals
                .push(RenewalChip {
                    id: applied.id,
                    sim: schedule.id,
                    label: plan_name.to_owned(),
                    paid: applied.status.is_paid(),
                    overdue: applied.overdue,
                });
        }
        let first_run = schedule.service.partition_point(|run| run.end < start);
        for run in schedule
            .service
            .iter()
            .skip(first_run)
            .take_while(|run| run.end <= end)
        {
            cells.entry(run.end).or_default().expiries.push(schedule.id);
        }
        let first_renew_by = schedule.renew_by.partition_point(|r| r.date < start);
        for renew_by in schedule
            .renew_by
            .iter()
            .skip(first_renew_by)
            .take_while(|r| r.date <= end)
        {
            cells
                .entry(renew_by.date)
                .or_default()
                .renew_by
                .push(schedule.id);
        }
    }
    for (trip, coverage) in state.trips.iter().zip(&agenda.trips) {
        for leg in &trip.legs {
            for day in leg
                .from
                .iter_days()
                .take_while(|d| *d <= leg.to.min(end))
                .filter(|d| *d >= start)
            {
                let uncovered = coverage
                    .uncovered
                    .iter()
                    .any(|u| u.date == day && u.country == leg.country);
                cells
                    .entry(day)
                    .or_default()
                    .trips
                    .push((leg.country.clone(), uncovered));
            }
        }
    }
    cells
}

/// Draws the month grid and turns clicks and drops on it into actions.
pub fn month_ui(
    ui: &mut egui::Ui,
    state: &State,
    agenda: &Agenda,
    view: &ViewState,
    today: NaiveDate,
    actions: &mut Vec<Action>,
) {
    let week_start = state.settings.week_start.weekday();
    let start = grid_start(view.month, week_start);
    let shown_month = view.month.month();
    let cells = cells(state, agenda, start);
    let selected_schedule = view.selected_sim.and_then(|id| agenda.sim(id));

    let available = ui.available_size();
    let (area, _) = ui.allocate_exact_size(available, Sense::hover());
    let cell_size = vec2(
        area.width() / 7.0,
        ((area.height() - HEADER_HEIGHT) / 6.0).max(48.0),
    );
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(area);

    let mut weekday = week_start;
    for column in 0..7 {
        let x = area.left() + cell_size.x * (column as f32 + 0.5);
        let weekday_key = format!("weekdays.{weekday}");
        painter.text(
            pos2(x, area.top() + HEADER_HEIGHT / 2.0),
            Align2::CENTER_CENTER,
            t!(&weekday_key),
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
        weekday = weekday.succ();
    }

    let mut hovered_drop = None;
    for index in 0..42u64 {
        let Some(day) = start.checked_add_days(Days::new(index)) else {
            continue;
        };
        let (row, column) = (index / 7, index % 7);
        let min = pos2(
            area.left() + cell_size.x * column as f32,
            area.top() + HEADER_HEIGHT + cell_size.y * row as f32,
        );
        let rect = Rect::from_min_size(min, cell_size).shrink(1.0);
        let id = ui.make_persistent_id(("month-day", day));
        let response = ui.interact(rect, id, Sense::click());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, day.to_string()));
        if response.clicked() {
            actions.push(Action::ClickDay(day));
        }

        let in_month = day.month() == shown_month;
        let without_service = selected_schedule.is_some_and(|s| !s.has_service(day));
        let mut fill = if in_month {
            visuals.extreme_bg_color
        } else {
            visuals.faint_bg_color
        };
        if without_service {
            fill = visuals.widgets.noninteractive.bg_fill;
        }
        let drop_hover = response.dnd_hover_payload::<DragPayload>();
        if drop_hover.is_some() {
            fill = style::ACCENT.gamma_multiply(0.35);
        } else if view.armed_plan.is_some() && response.hovered() {
            fill = style::ACCENT.gamma_multiply(0.2);
        }
        // Square corners and no outline on ordinary days: the cell gaps draw the grid, and a
        // month of rounded outlines costs more to tessellate than everything inside them.
        painter.rect_filled(rect, 0.0, fill);
        if without_service && drop_hover.is_none() {
            // A flat band rather than hatching: dozens of line segments per cell cost more to
            // tessellate than the rest of the day.
            let band =
                Rect::from_min_max(pos2(rect.left(), rect.bottom() - 4.0), rect.right_bottom());
            painter.rect_filled(band, 0.0, style::DANGER.gamma_multiply(0.35));
        }
        let border = if day == today {
            Some(Stroke::new(2.0, style::ACCENT))
        } else if view.selected_day == Some(day) {
            Some(Stroke::new(1.5, visuals.strong_text_color()))
        } else {
            None
        };
        if let Some(border) = border {
            painter.rect_stroke(rect, 0.0, border, StrokeKind::Inside);
        }

        let text_color = if in_month {
            visuals.text_color()
        } else {
            visuals.weak_text_color()
        };
        painter.text(
            rect.left_top() + vec2(4.0, 2.0),
            Align2::LEFT_TOP,
            day.day().to_string(),
            FontId::proportional(13.0),
            text_color,
        );

        let Some(cell) = cells.get(&day) else {
            if let Some(payload) = response.dnd_release_payload::<DragPayload>() {
                actions.push(dnd::drop_action(*payload, day, None));
            }
            if let Some(payload) = drop_hover {
                hovered_drop = Some((*payload, day));
            }
            continue;
        };
        let mut x = rect.right() - 3.0;
        for (country, uncovered) in cell.trips.iter().rev() {
            let color = if *uncovered {
                style::DANGER
            } else {
                style::TRIP
            };
            let text_rect = painter.text(
                pos2(x, rect.top() + 2.0),
                Align2::RIGHT_TOP,
                country,
                FontId::monospace(11.0),
                color,
            );
            x = text_rect.left() - 3.0;
        }

        let mut y = rect.top() + 19.0;
        let bottom = rect.bottom() - 2.0;
        let mut hidden = 0;
        for (index, chip) in cell.renewals.iter().enumerate() {
            if index >= MAX_CHIPS || y + CHIP_HEIGHT > bottom {
                hidden += 1;
                continue;
            }
            let chip_rect = Rect::from_min_size(
                pos2(rect.left() + 3.0, y),
                vec2(rect.width() - 6.0, CHIP_HEIGHT - 2.0),
            );
            let color = state
                .sim(chip.sim)
                .map_or(visuals.text_color(), |sim| style::sim_color(sim.color));
            let sim_name = state.sim(chip.sim).map_or("?", |sim| sim.name.as_str());
            let chip_id = ui.make_persistent_id(("renewal-chip", chip.id));
            let label = t!(
                "month.renewal_chip",
                plan = chip.label.as_str(),
                sim = sim_name,
                date = day.to_string()
            );
            let chip_response = ui.interact(chip_rect, chip_id, Sense::click_and_drag());
            chip_response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_ref())
            });
            chip_response.dnd_set_drag_payload(DragPayload::Renewal(chip.id));
            if chip_response.clicked() {
                actions.push(Action::SelectRenewal(chip.id));
            }
            if chip_response.double_clicked() {
                actions.push(Action::EditRenewal(chip.id));
            }
            let selected = view.selected_renewal == Some(chip.id);
            paint_chip(
                &painter,
                chip_rect,
                color,
                chip.paid,
                chip.overdue,
                selected,
                &chip.label,
                &visuals,
            );
            if chip_response.hovered() {
                chip_response.on_hover_text(label.as_ref());
            }
            y += CHIP_HEIGHT;
        }
        for (sims, kind) in [(&cell.renew_by, "renew_by"), (&cell.expiries, "expires")] {
            for sim_id in sims {
                if y + CHIP_HEIGHT > bottom {
                    hidden += 1;
                    continue;
                }
                let Some(sim) = state.sim(*sim_id) else {
                    continue;
                };
                let color = style::sim_color(sim.color);
                let marker = Rect::from_center_size(
                    pos2(rect.left() + 8.0, y + CHIP_HEIGHT / 2.0 - 1.0),
                    vec2(7.0, 7.0),
                );
                if kind == "renew_by" {
                    painter.add(egui::Shape::convex_polygon(
                        vec![
                            marker.left_top(),
                            marker.right_center(),
                            marker.left_bottom(),
                        ],
                        color,
                        Stroke::NONE,
                    ));
                } else {
                    painter.rect_filled(marker, 0.0, color);
                }
                let text = t!(&format!("month.{kind}"), sim = sim.name.as_str());
                painter.with_clip_rect(rect).text(
                    pos2(rect.left() + 15.0, y + CHIP_HEIGHT / 2.0 - 1.0),
                    Align2::LEFT_CENTER,
                    text,
                    FontId::proportional(11.0),
                    visuals.text_color(),
                );
                y += CHIP_HEIGHT;
            }
        }
        if hidden > 0 {
            painter.text(
                rect.right_bottom() - vec2(3.0, 1.0),
                Align2::RIGHT_BOTTOM,
                t!("month.more", count = hidden),
                FontId::proportional(10.0),
                visuals.weak_text_color(),
            );
        }

        if let Some(payload) = response.dnd_release_payload::<DragPayload>() {
            actions.push(dnd::drop_action(*payload, day, None));
        }
        if let Some(payload) = drop_hover {
            hovered_drop = Some((*payload, day));
        }
    }

    if let Some((payload, day)) = hovered_drop {
        let renewal = dnd::renewal_for_drop(state, payload, day, None, view.selected_sim);
        dnd::paint_preview(
            ui.ctx(),
            &dnd::preview_lines(state, renewal.as_ref(), today),
        );
    }
}

/// A renewal chip: outlined when Planned, filled when Paid, a red border when overdue.
#[expect(
    clippy::too_many_arguments,
    reason = "a painter helper with plain inputs"
)]
fn paint_chip(
    painter: &egui::Painter,
    rect: Rect,
    color: Color32,
    paid: bool,
    overdue: bool,
    selected: bool,
    label: &str,
    visuals: &egui::Visuals,
) {
    let (fill, text_color) = if paid {
        (color, contrast_text(color))
    } else {
        (color.gamma_multiply(0.15), visuals.text_color())
    };
    painter.rect_filled(rect, 0.0, fill);
    let stroke = if overdue {
        Stroke::new(2.0, style::DANGER)
    } else if selected {
        Stroke::new(2.0, visuals.strong_text_color())
    } else {
        Stroke::new(1.0, color)
    };
    painter.rect_stroke(rect, 0.0, stroke, StrokeKind::Inside);
    painter.with_clip_rect(rect.shrink(2.0)).text(
        rect.left_center() + vec2(4.0, 0.0),
        Align2::LEFT_CENTER,
        label,
        FontId::proportional(11.0),
        text_color,
    );
}

/// Black or white, whichever reads better on `background`.
pub fn contrast_text(background: Color32) -> Color32 {
    let luma = 0.299 * f32::from(background.r())
        + 0.587 * f32::from(background.g())
        + 0.114 * f32::from(background.b());
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Diagonal lines across `rect`: days without service, lost days.
pub fn hatch(painter: &egui::Painter, rect: Rect, color: Color32) {
    let painter = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
    let step = 7.0;
    let mut x = rect.left() - rect.height();
    while x < rect.right() {
        painter.line_segment(
            [pos2(x, rect.bottom()), pos2(x + rect.height(), rect.top())],
            Stroke::new(1.0, color),
        );
        x += step;
    }
}
