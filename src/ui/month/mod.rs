//! The month view: a 6 x 7 grid starting on the settings' first weekday. Days are painted, one
//! widget each; what they show is made once per schedule and month ([`MonthCache`]), so a frame
//! costs what is visible, not what exists.

mod cells;

use chrono::Datelike as _;
use egui::{Align2, FontId, Rect, Sense, pos2, vec2};
use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::dnd::{self, DragPayload};
use super::labels::{long_date, weekday_short};
use super::painted;
use super::style::{self, contrast_text};
use chrono::NaiveDate;

use crate::model::State;
use crate::schedule::{Agenda, day_facts, grid_start};
use crate::text::day_fact_sentence;
pub use cells::MonthCache;
use cells::RenewalChip;

const HEADER_HEIGHT: f32 = 20.0;
const CHIP_HEIGHT: f32 = 15.0;
/// From a day cell's top to its first chip: room for the day number.
const CHIPS_TOP: f32 = 19.0;
/// Renewal chips shown in one day; the rest are counted as "+N more".
const MAX_CHIPS: usize = 3;

/// Where the chips of a day cell go: one row each under the day number.
fn chip_rect(cell: Rect, index: usize) -> Rect {
    Rect::from_min_size(
        pos2(
            cell.left() + 3.0,
            cell.top() + CHIPS_TOP + CHIP_HEIGHT * index as f32,
        ),
        vec2(cell.width() - 6.0, CHIP_HEIGHT - 2.0),
    )
}

/// How many chips fit in a day cell of `cell`'s size (at most [`MAX_CHIPS`]).
fn chip_rows(cell: Rect) -> usize {
    let room = (cell.height() - CHIPS_TOP - 2.0) / CHIP_HEIGHT;
    (room.max(0.0) as usize).min(MAX_CHIPS)
}

/// Draws the month grid and turns clicks and drops on it into actions.
///
/// Each day is one widget; its renewal chips are painted and found under the pointer by
/// position (as the timeline finds its markers), so a busy month costs 42 widgets, not one per
/// renewal. The chips still get accessibility nodes, with their own names and bounds.
pub fn month_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, cache: &mut MonthCache) {
    let (state, agenda, view, today) = (ctx.state, &ctx.schedule.agenda, ctx.view, ctx.today);
    let week_start = state.settings.week_start.weekday();
    let start = grid_start(view.month, week_start);
    let shown_month = view.month.month();
    let cells = cache.days(state, agenda, start);
    let selected_schedule = view.selected_sim.and_then(|id| agenda.sim(id));

    let available = ui.available_size();
    let (area, _) = ui.allocate_exact_size(available, Sense::hover());
    let cell_size = vec2(
        area.width() / 7.0,
        ((area.height() - HEADER_HEIGHT) / 6.0).max(48.0),
    );
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(area);
    let small = FontId::proportional(11.0);
    let epoch = painted::font_epoch(ui.ctx());

    let mut weekday = week_start;
    for column in 0..7 {
        let x = area.left() + cell_size.x * (column as f32 + 0.5);
        let name = weekday_short(weekday);
        let rect = Rect::from_center_size(
            pos2(x, area.top() + HEADER_HEIGHT / 2.0),
            vec2(cell_size.x, HEADER_HEIGHT),
        );
        painted::accessible(
            ui.ctx(),
            ui.make_persistent_id(("weekday", column)),
            rect,
            &name,
            false,
        );
        painter.text(
            pos2(x, area.top() + HEADER_HEIGHT / 2.0),
            Align2::CENTER_CENTER,
            name,
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
        weekday = weekday.succ();
    }

    // Every fill and border of the grid goes into one mesh under the texts.
    let fills_slot = painter.add(egui::Shape::Noop);
    let mut fills = painted::Fills::default();
    let cursor = ui.input(|i| i.pointer.interact_pos());
    let mut hovered_drop = None;
    for (index, cell) in cells.iter_mut().enumerate() {
        let day = cell.day;
        let (row, column) = (index / 7, index % 7);
        let min = pos2(
            area.left() + cell_size.x * column as f32,
            area.top() + HEADER_HEIGHT + cell_size.y * row as f32,
        );
        let rect = Rect::from_min_size(min, cell_size).shrink(1.0);
        let response = ui.interact(
            rect,
            ui.make_persistent_id(("month-day", day)),
            Sense::click_and_drag(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &cell.name));
        let shown_chips = chip_rows(rect).min(cell.renewals.len());
        let chip_at = |pos: Option<egui::Pos2>| {
            let pos = pos?;
            (0..shown_chips).find(|i| chip_rect(rect, *i).contains(pos))
        };
        if response.drag_started()
            && let Some(chip) =
                chip_at(ui.input(|i| i.pointer.press_origin())).and_then(|i| cell.renewals.get(i))
        {
            egui::DragAndDrop::set_payload(ui.ctx(), DragPayload::Renewal(chip.id));
        }
        let hovered_chip = if response.hovered() {
            chip_at(cursor)
        } else {
            None
        };
        let hovered_id = hovered_chip
            .and_then(|i| cell.renewals.get(i))
            .map(|chip| chip.id);
        if response.clicked() {
            match hovered_id {
                Some(id) if view.armed_plan.is_none() => ctx.push(Action::SelectRenewal(id)),
                _ => ctx.push(Action::ClickDay(day)),
            }
        }
        if response.double_clicked()
            && let Some(id) = hovered_id
        {
            ctx.push(Action::EditRenewal(id));
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
        fills.rect(rect, fill);
        if without_service && drop_hover.is_none() {
            // A flat band rather than hatching: dozens of line segments per cell cost more to
            // tessellate than the rest of the day.
            let band =
                Rect::from_min_max(pos2(rect.left(), rect.bottom() - 4.0), rect.right_bottom());
            fills.rect(band, style::DANGER.gamma_multiply(0.35));
        }
        if day == today {
            fills.outline(rect, 2.0, style::ACCENT);
        } else if view.selected_day == Some(day) {
            fills.outline(rect, 1.5, visuals.strong_text_color());
        }

        let text_color = if in_month {
            visuals.text_color()
        } else {
            visuals.weak_text_color()
        };
        let number = cell.number_galley.one_line(
            &painter,
            epoch,
            &cell.number,
            &FontId::proportional(13.0),
            text_color,
            f32::INFINITY,
        );
        painter.galley(rect.left_top() + vec2(4.0, 2.0), number, text_color);

        let mut x = rect.right() - 3.0;
        for (country, uncovered, galley) in cell.trips.iter_mut().rev() {
            let color = if *uncovered {
                style::DANGER
            } else {
                style::TRIP
            };
            let code = galley.one_line(
                &painter,
                epoch,
                country,
                &FontId::monospace(11.0),
                color,
                f32::INFINITY,
            );
            x -= code.size().x;
            painter.galley(pos2(x, rect.top() + 2.0), code, color);
            x -= 3.0;
        }

        for (index, chip) in cell.renewals.iter_mut().take(shown_chips).enumerate() {
            let chip_rect = chip_rect(rect, index);
            paint_chip(
                &painter,
                &mut fills,
                chip_rect,
                chip,
                view.selected_renewal == Some(chip.id),
                &visuals,
                epoch,
            );
            painted::accessible(
                ui.ctx(),
                ui.make_persistent_id(("renewal-chip", chip.id)),
                chip_rect,
                &chip.label,
                true,
            );
        }
        let mut hidden = cell.renewals.len() - shown_chips;
        let bottom = rect.bottom() - 2.0;
        let mut y = rect.top() + CHIPS_TOP + CHIP_HEIGHT * shown_chips as f32;
        for marker in &mut cell.markers {
            if y + CHIP_HEIGHT > bottom {
                hidden += 1;
                continue;
            }
            let center = pos2(rect.left() + 8.0, y + CHIP_HEIGHT / 2.0 - 1.0);
            let shape = Rect::from_center_size(center, vec2(7.0, 7.0));
            if marker.renew_by {
                fills.triangle(
                    [shape.left_top(), shape.right_center(), shape.left_bottom()],
                    marker.color,
                );
            } else {
                fills.rect(shape, marker.color);
            }
            let text = marker.galley.one_line(
                &painter,
                epoch,
                &marker.text,
                &small,
                visuals.text_color(),
                rect.right() - 2.0 - (rect.left() + 15.0),
            );
            let text_pos = pos2(rect.left() + 15.0, center.y - text.size().y / 2.0);
            painter.galley(text_pos, text, visuals.text_color());
            y += CHIP_HEIGHT;
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
            ctx.push(dnd::drop_action(*payload, day, None));
        }
        if let Some(payload) = drop_hover {
            hovered_drop = Some((*payload, day));
        } else if let Some(plan) = view.armed_plan.filter(|_| response.hovered()) {
            // A plan armed by a click previews like a drag before the second click commits.
            hovered_drop = Some((DragPayload::Plan(plan), day));
        }
        let previewing = egui::DragAndDrop::has_any_payload(ui.ctx()) || view.armed_plan.is_some();
        if !previewing && response.hovered() {
            match hovered_chip.and_then(|i| cell.renewals.get(i)) {
                Some(chip) => {
                    response.on_hover_text(chip.tooltip.as_str());
                }
                // Anywhere else on the day: everything on it, whole (labels in the cell are
                // cut to fit).
                None => {
                    response.on_hover_ui(|ui| day_tooltip_ui(ui, state, agenda, day));
                }
            }
        }
    }

    painter.set(fills_slot, fills.into_shape());

    if let Some((payload, day)) = hovered_drop {
        let renewal = dnd::renewal_for_drop(state, payload, day, None, view.selected_sim);
        dnd::paint_preview(
            ui.ctx(),
            &dnd::preview_lines(state, renewal.as_ref(), today),
        );
    }
}

/// The day's facts, one line each, for a tooltip.
fn day_tooltip_ui(ui: &mut egui::Ui, state: &State, agenda: &Agenda, day: NaiveDate) {
    ui.strong(long_date(day));
    for fact in day_facts(state, agenda, day) {
        ui.label(day_fact_sentence(state, &fact));
    }
}

/// A renewal chip: outlined when Planned, filled when Paid; an overdue one is red, with a "!"
/// before its plan.
fn paint_chip(
    painter: &egui::Painter,
    fills: &mut painted::Fills,
    rect: Rect,
    chip: &mut RenewalChip,
    selected: bool,
    visuals: &egui::Visuals,
    epoch: u64,
) {
    let (fill, text_color) = if chip.overdue {
        (
            style::DANGER.gamma_multiply(0.35),
            visuals.strong_text_color(),
        )
    } else if chip.paid {
        (chip.color, contrast_text(chip.color))
    } else {
        (chip.color.gamma_multiply(0.15), visuals.text_color())
    };
    fills.rect(rect, fill);
    let (width, color) = if chip.overdue {
        (2.0, style::DANGER)
    } else if selected {
        (2.0, visuals.strong_text_color())
    } else {
        (1.0, chip.color)
    };
    fills.outline(rect, width, color);
    // Cut to the chip rather than clipped: a clip rectangle per chip would split the frame
    // into a draw call per chip.
    let text = chip.galley.one_line(
        painter,
        epoch,
        &chip.plan,
        &FontId::proportional(11.0),
        text_color,
        rect.width() - 6.0,
    );
    let text_pos = pos2(rect.left() + 4.0, rect.center().y - text.size().y / 2.0);
    painter.galley(text_pos, text, text_color);
}
