//! The right panel's top: details of the selected SIM and, when it belongs to that SIM, the
//! selected renewal, with what can be done to it.

use chrono::NaiveDate;
use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::edit::Edit;
use super::labels::{paid_and_planned, plan_chip_text};
use super::style;
use crate::model::{LinkSafety, Renewal, RenewalStatus, Sim, State};
use crate::plural_key;
use crate::schedule::Agenda;

/// Details of the selected SIM and renewal.
pub fn details_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>) {
    let (state, agenda, view) = (ctx.state, &ctx.schedule.agenda, ctx.view);
    ui.heading(t!("details.title"));
    let Some(sim) = view.selected_sim.and_then(|id| state.sim(id)) else {
        ui.label(t!("details.nothing"));
        return;
    };
    sim_details_ui(ui, agenda, sim, ctx.today);
    let renewal = view
        .selected_renewal
        .and_then(|id| state.renewal(id))
        .filter(|renewal| renewal.sim == sim.id);
    if let Some(renewal) = renewal {
        ui.separator();
        renewal_details_ui(ui, state, agenda, renewal, ctx.actions);
    }
}

fn sim_details_ui(ui: &mut egui::Ui, agenda: &Agenda, sim: &Sim, today: NaiveDate) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, style::sim_color(sim.color));
        ui.add(egui::Label::new(egui::RichText::new(&sim.name).strong()).truncate());
    });
    detail_row(ui, &t!("details.carrier"), &sim.carrier, None);
    if let Some(number) = &sim.number {
        detail_row(ui, &t!("details.number"), number, None);
    }
    let rule_key = format!("rules.{:?}", sim.rule);
    let rule_name = format!("rule_names.{:?}", sim.rule);
    detail_row(
        ui,
        &t!("details.rule"),
        &t!(&rule_name),
        Some(&t!(&rule_key)),
    );
    detail_row(ui, &t!("details.coverage"), &sim.coverage.join(", "), None);
    if let Some(schedule) = agenda.sim(sim.id) {
        let (paid, planned) = paid_and_planned(schedule, today);
        let paid_hint = t!("sims.paid_through_hint");
        detail_row(ui, &t!("sims.paid_through"), &paid, Some(&paid_hint));
        let planned_hint = t!("sims.planned_through_hint");
        detail_row(
            ui,
            &t!("sims.planned_through"),
            &planned,
            Some(&planned_hint),
        );
        if let Some(last) = schedule.last_day()
            && Some(last) != schedule.planned_through(today)
        {
            detail_row(ui, &t!("details.last_planned_day"), &last.to_string(), None);
        }
    }
    if !sim.payment.is_empty() {
        detail_row(ui, &t!("details.payment"), &sim.payment, None);
    }
    if let Some(link) = sim.renew_link() {
        renew_link_ui(ui, link);
    }
    if !sim.notes.is_empty() {
        ui.add(egui::Label::new(egui::RichText::new(&sim.notes).italics()).wrap());
    }
}

/// One line of the details: a name in the first two fifths, its value beside it, cut with
/// "…" to the panel's width (whole on hover), so a long value never widens the panel.
fn detail_row(ui: &mut egui::Ui, name: &str, value: &str, hint: Option<&str>) {
    ui.horizontal(|ui| {
        let name_width = (ui.available_width() * 0.4).max(60.0);
        let size = egui::vec2(name_width, ui.spacing().interact_size.y);
        let name_label = ui
            .allocate_ui_with_layout(
                size,
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_size(size);
                    ui.add(egui::Label::new(name).truncate())
                },
            )
            .inner;
        name_label.on_hover_text(hint.unwrap_or(name));
        ui.add(egui::Label::new(value).truncate());
    });
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
                t!(
                    plural_key!("dnd.days_lost", applied.lost_days),
                    count = applied.lost_days
                ),
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
