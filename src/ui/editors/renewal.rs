//! The renewal editor: "Schedule renewal…" and changing or deleting one.

use chrono::NaiveDate;
use egui::{ComboBox, Ui};
use rust_i18n::t;

use super::fields::{FieldError, FormContext, Target, checked, date, note_ui, problem_ui, row};
use crate::model::{Plan, PlanId, Renewal, RenewalId, RenewalStatus, SimId, State};
use crate::ui::dnd::preview_lines;
use crate::ui::edit::Edit;
use crate::ui::pickers;

/// The draft of a renewal.
pub(super) struct RenewalForm {
    target: Target<RenewalId>,
    sim: Option<SimId>,
    plan: Option<PlanId>,
    on: String,
    paid: bool,
}

impl RenewalForm {
    pub(super) fn new(state: &State, sim: Option<SimId>, on: NaiveDate) -> Self {
        let sim = sim
            .filter(|id| state.sim(*id).is_some())
            .or_else(|| state.sims.first().map(|sim| sim.id));
        Self {
            target: Target::New,
            sim,
            plan: sim.and_then(|sim| plans_for(state, sim).first().map(|plan| plan.id)),
            on: on.format(pickers::DATE_FORMAT).to_string(),
            paid: false,
        }
    }

    pub(super) fn edit(renewal: &Renewal) -> Self {
        Self {
            target: Target::Existing(renewal.id),
            sim: Some(renewal.sim),
            plan: Some(renewal.plan),
            on: renewal.on.format(pickers::DATE_FORMAT).to_string(),
            paid: renewal.status.is_paid(),
        }
    }

    pub(super) fn title(&self) -> String {
        match self.target {
            Target::New => t!("editors.renewal.title_new"),
            Target::Existing(_) => t!("editors.renewal.title_edit"),
        }
        .into_owned()
    }

    pub(super) fn target_key(&self) -> Option<u32> {
        self.target.existing().map(|id| id.0)
    }

    /// `Delete` is offered only for a renewal that exists.
    pub(super) fn delete_edit(&self) -> Option<Edit> {
        self.target.existing().map(Edit::DeleteRenewal)
    }

    /// Draws the form; returns the edit when every field is valid.
    pub(super) fn ui(&mut self, ui: &mut Ui, form: &FormContext<'_>) -> Option<Edit> {
        let state = form.state;
        let id = match self.target {
            Target::New => state.next_renewal_id(),
            Target::Existing(id) => id,
        };
        let gone = matches!(self.target, Target::Existing(_)) && state.renewal(id).is_none();
        let calendar = form.calendar();
        let renewal = egui::Grid::new("renewal_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let sim = row(ui, &t!("editors.field.sim"), |ui, label| {
                    self.sim_ui(ui, state, label)
                });
                let plan = row(ui, &t!("editors.field.plan"), |ui, label| {
                    self.plan_ui(ui, state, label)
                });
                let on = row(ui, &t!("editors.field.date"), |ui, label| {
                    pickers::date_field_ui(ui, &mut self.on, label, calendar);
                    checked(ui, date(&self.on))
                });
                row(ui, &t!("editors.field.status"), |ui, _| {
                    ui.checkbox(&mut self.paid, t!("editors.field.paid"));
                });
                let status = if self.paid {
                    RenewalStatus::Paid
                } else {
                    RenewalStatus::Planned
                };
                Some(Renewal {
                    id,
                    sim: sim?,
                    plan: plan?,
                    on: on?,
                    status,
                })
            });
        if gone {
            problem_ui(ui, &t!("editors.renewal.gone"));
            return None;
        }
        let renewal = renewal.inner?;
        // What the schedule will make of it, before it is saved: the same lines a drag shows.
        for (line, color) in preview_lines(state, Some(&renewal), form.today) {
            let color = if color == egui::Color32::PLACEHOLDER {
                ui.visuals().text_color()
            } else {
                color
            };
            ui.colored_label(color, line);
        }
        Some(match self.target {
            Target::New => Edit::AddRenewal(renewal),
            Target::Existing(_) => Edit::UpdateRenewal(renewal),
        })
    }

    /// The SIM combo box; choosing another SIM keeps the plan only if that SIM can take it.
    fn sim_ui(&mut self, ui: &mut Ui, state: &State, label: egui::Id) -> Option<SimId> {
        let shown = self.sim.and_then(|id| state.sim(id)).map_or_else(
            || t!("editors.renewal.choose_sim").into_owned(),
            |sim| sim.name.clone(),
        );
        let before = self.sim;
        ComboBox::from_id_salt("renewal_sim")
            .selected_text(shown)
            .width(240.0)
            .show_ui(ui, |ui| {
                for sim in &state.sims {
                    ui.selectable_value(&mut self.sim, Some(sim.id), &sim.name);
                }
            })
            .response
            .labelled_by(label);
        if self.sim != before
            && let Some(sim) = self.sim
        {
            let plans = plans_for(state, sim);
            if !plans.iter().any(|plan| Some(plan.id) == self.plan) {
                self.plan = plans.first().map(|plan| plan.id);
            }
        }
        let selected = self.sim.and_then(|id| state.sim(id));
        if state.sims.is_empty() {
            note_ui(ui, &t!("editors.renewal.no_sims"));
            return None;
        }
        match selected {
            Some(sim) => Some(sim.id),
            None => checked(
                ui,
                Err(FieldError::Missing(t!("editors.renewal.choose_sim"))),
            ),
        }
    }

    /// The plan combo box, listing only the plans the chosen SIM can take.
    fn plan_ui(&mut self, ui: &mut Ui, state: &State, label: egui::Id) -> Option<PlanId> {
        let sim = self.sim.and_then(|id| state.sim(id));
        let plans = sim.map(|sim| plans_for(state, sim.id)).unwrap_or_default();
        let shown = self
            .plan
            .and_then(|id| state.plan(id))
            .map_or_else(|| t!("editors.renewal.choose_plan").into_owned(), plan_text);
        ComboBox::from_id_salt("renewal_plan")
            .selected_text(shown)
            .width(240.0)
            .show_ui(ui, |ui| {
                for plan in &plans {
                    ui.selectable_value(&mut self.plan, Some(plan.id), plan_text(plan));
                }
            })
            .response
            .labelled_by(label);
        let sim = sim?;
        let selected = self.plan.and_then(|id| state.plan(id));
        if plans.is_empty() {
            let carrier = sim.carrier.clone();
            problem_ui(ui, &t!("editors.renewal.no_plans", carrier = carrier));
            return None;
        }
        match selected {
            Some(plan) if State::can_take(sim, plan) => Some(plan.id),
            Some(_) => checked(
                ui,
                Err(FieldError::Invalid(t!("editors.renewal.wrong_carrier"))),
            ),
            None => checked(
                ui,
                Err(FieldError::Missing(t!("editors.renewal.choose_plan"))),
            ),
        }
    }
}

/// The plans `sim` can take ("Who can take a plan").
fn plans_for(state: &State, sim: SimId) -> Vec<&Plan> {
    let Some(sim) = state.sim(sim) else {
        return Vec::new();
    };
    state
        .plans
        .iter()
        .filter(|plan| State::can_take(sim, plan))
        .collect()
}

fn plan_text(plan: &Plan) -> String {
    format!("{} ({})", plan.name, plan.price)
}
