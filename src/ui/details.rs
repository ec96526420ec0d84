//! The right panel's top: details of the selected SIM and, when it belongs to that SIM, the
//! selected renewal, with what can be done to it.

use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::edit::Edit;
use super::labels::plan_chip_text;
use super::style;
use crate::model::{LinkSafety, Renewal, RenewalStatus, Sim, State};
use crate::schedule::{Agenda, SimSchedule};

/// Details of the selected SIM and renewal.
pub fn details_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (state, agenda, view) = (ctx.state, &ctx.schedule.agenda, ctx.view);
    ui.heading(t!("details.title"));
    let Some(sim) = view.selected_sim.and_then(|id| state.sim(id)) else {
        ui.label(t!("details.nothing"));
        return;
    };
    sim_details_ui(ui, agenda, sim);
    if let Some(renewal) = view.selected_renewal.and_then(|id| state.renewal(id)) {
        ui.separator();
        renewal_details_ui(ui, state, agenda, renewal, ctx.actions);
    }
}

fn sim_details_ui(ui: &mut egui::Ui, agenda: &Agenda, sim: &Sim) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, style::sim_color(sim.color));
        ui.label(egui::RichText::new(&sim.name).strong());
    });
    egui::Grid::new("sim-details")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(t!("details.carrier"));
            ui.label(&sim.carrier);
            ui.end_row();
            if let Some(number) = &sim.number {
                ui.label(t!("details.number"));
                ui.label(number);
                ui.end_row();
            }
            ui.label(t!("details.rule"));
            let rule_key = format!("rules.{:?}", sim.rule);
            ui.label(format!("{:?}", sim.rule))
                .on_hover_text(t!(&rule_key));
            ui.end_row();
            ui.label(t!("details.coverage"));
            ui.label(sim.coverage.join(", "));
            ui.end_row();
            if let Some(end) = agenda.sim(sim.id).and_then(SimSchedule::last_day) {
                ui.label(t!("details.service_until"));
                ui.label(end.to_string());
                ui.end_row();
            }
            if !sim.payment.is_empty() {
                ui.label(t!("details.payment"));
                ui.label(&sim.payment);
                ui.end_row();
            }
        });
    if let Some(link) = sim.renew_link() {
        renew_link_ui(ui, link);
    }
    if !sim.notes.is_empty() {
        ui.label(egui::RichText::new(&sim.notes).italics());
    }
}

/// Opens only http(s) links ([`LinkSafety`]); a link that is not https carries a warning.
pub fn renew_link_ui(ui: &mut egui::Ui, (url, safety): (&str, LinkSafety)) {
    match safety {
        LinkSafety::Https => {
            ui.hyperlink_to(t!("details.renew_link"), url);
        }
        LinkSafety::Http => {
            ui.hyperlink_to(t!("details.renew_link"), url);
            ui.colored_label(style::WARNING, t!("details.not_https"));
        }
        LinkSafety::NotWeb => {
            ui.colored_label(style::DANGER, t!("details.bad_link", url = url));
        }
    }
}

fn renewal_details_ui(
    ui: &mut egui::Ui,
    state: &State,
    agenda: &Agenda,
    renewal: &Renewal,
    actions: &mut Vec<Action>,
) {
    let plan = state.plan(renewal.plan);
    ui.label(
        egui::RichText::new(t!(
            "details.renewal",
            plan = plan.map_or("?", |p| p.name.as_str()),
            date = renewal.on.to_string()
        ))
        .strong(),
    );
    if let Some(plan) = plan {
        ui.label(plan_chip_text(plan));
    }
    if let Some(applied) = agenda
        .sim(renewal.sim)
        .and_then(|s| s.renewals.iter().find(|a| a.id == renewal.id))
    {
        if let Some(start) = applied.start {
            ui.label(t!(
                "details.gives",
                from = start.to_string(),
                to = applied.end.to_string()
            ));
        } else {
            ui.colored_label(style::DANGER, t!("details.adds_nothing"));
        }
        if applied.lost_days > 0 {
            ui.colored_label(
                style::DANGER,
                t!("dnd.days_lost", count = applied.lost_days),
            );
        }
        if applied.overdue {
            ui.colored_label(style::DANGER, t!("details.overdue"));
        }
    }
    ui.horizontal(|ui| {
        if renewal.status == RenewalStatus::Planned {
            if ui.button(t!("details.mark_paid")).clicked() {
                actions.push(Action::Edit(Edit::UpdateRenewal(Renewal {
                    status: RenewalStatus::Paid,
                    ..renewal.clone()
                })));
            }
        } else if ui.button(t!("details.mark_planned")).clicked() {
            actions.push(Action::Edit(Edit::UpdateRenewal(Renewal {
                status: RenewalStatus::Planned,
                ..renewal.clone()
            })));
        }
        if ui.button(t!("details.edit_renewal")).clicked() {
            actions.push(Action::EditRenewal(renewal.id));
        }
        if ui.button(t!("details.delete_renewal")).clicked() {
            actions.push(Action::Edit(Edit::DeleteRenewal(renewal.id)));
        }
    });
}
