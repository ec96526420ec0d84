//! The Plans tab: plans as chips grouped by carrier. A chip is a drag source (drop it on a day)
//! and a button (click it, then click a day).

use std::collections::BTreeMap;

use egui::{Align2, FontId, Sense, Stroke, StrokeKind, vec2};
use rust_i18n::t;

use super::action::{Action, DeleteTarget};
use super::context::ViewContext;
use super::dnd::DragPayload;
use super::labels::plan_chip_text;
use super::style;
use crate::model::Plan;

/// The Plans tab: an Add button, then every plan as a chip under its carrier.
pub fn plans_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (state, view) = (ctx.state, ctx.view);
    ui.horizontal(|ui| {
        if ui.button(t!("plans.add")).clicked() {
            ctx.push(Action::NewPlan);
        }
        if view.armed_plan.is_some() && ui.button(t!("plans.disarm")).clicked() {
            ctx.push(Action::ArmPlan(None));
        }
    });
    ui.label(egui::RichText::new(t!("plans.hint")).small().weak());
    let mut by_carrier: BTreeMap<String, Vec<&Plan>> = BTreeMap::new();
    for plan in &state.plans {
        let carrier = if plan.carrier.trim().is_empty() {
            t!("plans.any_carrier").into_owned()
        } else {
            plan.carrier.clone()
        };
        by_carrier.entry(carrier).or_default().push(plan);
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            for (carrier, plans) in by_carrier {
                ui.add_space(4.0);
                ui.label(egui::RichText::new(carrier).strong());
                for plan in plans {
                    ui.horizontal(|ui| {
                        // The edit button first, so a long chip never pushes it out of view.
                        let edit = ui
                            .small_button(t!("plans.edit_short"))
                            .accessible_name(t!("plans.edit_named", name = plan.name.as_str()))
                            .on_hover_text(t!("plans.edit"));
                        if edit.clicked() {
                            ctx.push(Action::EditPlan(plan.id));
                        }
                        plan_chip_ui(ui, plan, ctx);
                    });
                }
            }
        });
}

/// One plan chip: painted, sensing clicks and drags.
fn plan_chip_ui(ui: &mut egui::Ui, plan: &Plan, ctx: &mut ViewContext<'_>) {
    let view = ctx.view;
    let visuals = ui.visuals().clone();
    let font = FontId::proportional(13.0);
    let galley =
        ui.painter()
            .layout_no_wrap(plan_chip_text(plan), font.clone(), visuals.text_color());
    let width = ui.available_width().min(galley.size().x + 16.0).max(60.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, 24.0), Sense::click_and_drag());
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, plan.name.as_str()));
    response.dnd_set_drag_payload(DragPayload::Plan(plan.id));
    let armed = view.armed_plan == Some(plan.id);
    let fill = if armed {
        style::ACCENT.gamma_multiply(0.45)
    } else if response.hovered() {
        visuals.widgets.hovered.bg_fill
    } else {
        visuals.widgets.inactive.bg_fill
    };
    ui.painter().rect(
        rect,
        12.0,
        fill,
        Stroke::new(
            1.0,
            if armed {
                style::ACCENT
            } else {
                visuals.widgets.inactive.bg_stroke.color
            },
        ),
        StrokeKind::Inside,
    );
    ui.painter().with_clip_rect(rect.shrink(4.0)).text(
        rect.left_center() + vec2(8.0, 0.0),
        Align2::LEFT_CENTER,
        plan_chip_text(plan),
        font.clone(),
        visuals.text_color(),
    );
    if response.dragged() {
        // The chip follows the pointer while it is dragged.
        if let Some(pointer) = ui.ctx().pointer_interact_pos() {
            let painter = ui.ctx().layer_painter(egui::LayerId::new(
                egui::Order::Tooltip,
                egui::Id::unique("plan-chip-ghost"),
            ));
            let ghost = egui::Rect::from_center_size(pointer, rect.size());
            painter.rect(
                ghost,
                12.0,
                style::ACCENT.gamma_multiply(0.6),
                Stroke::new(1.0, style::ACCENT),
                StrokeKind::Inside,
            );
            painter.with_clip_rect(ghost.shrink(4.0)).text(
                ghost.left_center() + vec2(8.0, 0.0),
                Align2::LEFT_CENTER,
                plan_chip_text(plan),
                font,
                visuals.strong_text_color(),
            );
        }
    }
    if response.clicked() {
        ctx.push(Action::ArmPlan(if armed { None } else { Some(plan.id) }));
    }
    let response = response.on_hover_text(t!("plans.chip_hint"));
    response.context_menu(|ui| {
        if ui.button(t!("plans.edit")).clicked() {
            ctx.push(Action::EditPlan(plan.id));
        }
        if ui.button(t!("plans.delete")).clicked() {
            ctx.push(Action::ConfirmDelete(DeleteTarget::Plan(plan.id)));
        }
    });
    if response.double_clicked() {
        ctx.push(Action::EditPlan(plan.id));
    }
}
