//! Drag and drop shared by the month view and the timeline: what a drop on a day would do,
//! shown while hovering, and the action it becomes on release.

use chrono::NaiveDate;
use rust_i18n::t;

use super::action::Action;
use super::{painted, style};
use crate::model::{PlanId, Renewal, RenewalId, RenewalStatus, SimId, State};
use crate::plural_key;
use crate::schedule::preview_renewal;

/// What is dragged: a plan chip (to schedule a renewal) or a renewal (to move it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragPayload {
    Plan(PlanId),
    Renewal(RenewalId),
}

/// The renewal a drop of `payload` on `on` would create or move to, for `sim` (the target row)
/// or else the selected SIM. `None` when no SIM is known yet (the drop will ask).
pub fn renewal_for_drop(
    state: &State,
    payload: DragPayload,
    on: NaiveDate,
    sim: Option<SimId>,
    selected_sim: Option<SimId>,
) -> Option<Renewal> {
    match payload {
        DragPayload::Plan(plan_id) => {
            let plan = state.plan(plan_id)?;
            let fits = |id: SimId| state.sim(id).is_some_and(|s| State::can_take(s, plan));
            let sim = match sim {
                Some(id) => Some(id).filter(|id| fits(*id))?,
                None => selected_sim.filter(|id| fits(*id))?,
            };
            Some(Renewal {
                id: state.next_renewal_id(),
                sim,
                plan: plan_id,
                on,
                status: RenewalStatus::Planned,
            })
        }
        DragPayload::Renewal(id) => state.renewal(id).map(|existing| Renewal {
            on,
            ..existing.clone()
        }),
    }
}

/// The action a release of `payload` on `on` becomes.
pub fn drop_action(payload: DragPayload, on: NaiveDate, sim: Option<SimId>) -> Action {
    match payload {
        DragPayload::Plan(plan) => Action::DropPlan { plan, on, sim },
        DragPayload::Renewal(renewal) => Action::MoveRenewal { renewal, on },
    }
}

/// The lines of the hover tooltip: the outcome the schedule computes for the drop.
pub fn preview_lines(
    state: &State,
    renewal: Option<&Renewal>,
    today: NaiveDate,
) -> Vec<(String, egui::Color32)> {
    let Some(renewal) = renewal else {
        return vec![(t!("dnd.choose_sim").into_owned(), style::WARNING)];
    };
    let Some(preview) = preview_renewal(state, renewal, today) else {
        return Vec::new();
    };
    let sim_name = state.sim(renewal.sim).map_or("?", |sim| sim.name.as_str());
    let mut lines = vec![(
        t!(
            "dnd.valid_until",
            sim = sim_name,
            date = preview.valid_until.to_string()
        )
        .into_owned(),
        egui::Color32::PLACEHOLDER,
    )];
    if preview.lost_days > 0 {
        lines.push((
            t!(
                plural_key!("dnd.days_lost", preview.lost_days),
                count = preview.lost_days
            )
            .into_owned(),
            style::DANGER,
        ));
    }
    if preview.gap_days > 0 {
        lines.push((
            t!(
                plural_key!("dnd.gap_before", preview.gap_days),
                count = preview.gap_days
            )
            .into_owned(),
            style::DANGER,
        ));
    }
    if let Some(day) = preview.data_runs_out {
        lines.push((
            t!("dnd.data_runs_out", date = day.to_string()).into_owned(),
            style::WARNING,
        ));
    }
    lines
}

/// Paints the preview beside the pointer, above everything.
pub fn paint_preview(ctx: &egui::Context, lines: &[(String, egui::Color32)]) {
    let Some(cursor) = ctx.pointer_latest_pos() else {
        return;
    };
    if lines.is_empty() {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        egui::Id::unique("dnd-preview"),
    ));
    let visuals = ctx.global_style().visuals.clone();
    let font = egui::FontId::proportional(13.0);
    let galleys: Vec<_> = lines
        .iter()
        .map(|(text, color)| {
            let color = if *color == egui::Color32::PLACEHOLDER {
                visuals.text_color()
            } else {
                *color
            };
            painter.layout_no_wrap(text.clone(), font.clone(), color)
        })
        .collect();
    let width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let height: f32 = galleys.iter().map(|g| g.size().y).sum();
    let origin = cursor + egui::vec2(16.0, 16.0);
    let rect = egui::Rect::from_min_size(origin, egui::vec2(width, height)).expand(6.0);
    // Painted, not a widget, yet screen readers (and tests) read it.
    let text: Vec<&str> = lines.iter().map(|(line, _)| line.as_str()).collect();
    painted::accessible(
        ctx,
        egui::Id::unique("dnd-preview-text"),
        rect,
        &text.join("\n"),
        false,
    );
    painter.rect(
        rect,
        4.0,
        visuals.window_fill,
        visuals.window_stroke,
        egui::StrokeKind::Outside,
    );
    let mut y = origin.y;
    for galley in galleys {
        let h = galley.size().y;
        painter.galley(egui::pos2(origin.x, y), galley, visuals.text_color());
        y += h;
    }
}
