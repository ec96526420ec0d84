//! Editor windows for a SIM, a plan, a renewal and the settings.
//!
//! An editor keeps what the user types as draft strings and turns them into model values only
//! when every field parses; even then it offers the [`Edit`] only if [`Document::checked`] (the
//! check applying it makes) accepts it. So nothing invalid can reach the state from here.

mod fields;
mod plan;
mod renewal;
mod settings;
mod sim;
mod trip;

use chrono::NaiveDate;
use egui::{Align2, Button, Id, Key, Modifiers, Popup, RichText, Ui};
use rust_i18n::t;

use fields::{FormContext, FormFlags, note_ui, problem_ui};

use super::document::Document;
use super::edit::Edit;
use crate::model::{Plan, Renewal, Settings, Sim, SimId, State, Trip};

/// About half the width of an editor window, to place it in the middle of the screen.
const WINDOW_HALF_WIDTH: f32 = 220.0;

/// The window's height beyond its form: title bar, messages, buttons and a gap.
const FORM_MARGIN: f32 = 200.0;

/// What happened to an editor this frame.
#[derive(Clone, Debug, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "returned by value once per frame; boxing the edit would only complicate matching"
)]
pub enum EditorOutcome {
    /// Still open: show it again next frame.
    Open,
    /// Cancelled or closed: drop the editor.
    Closed,
    /// The user saved (or deleted): apply the edit and drop the editor.
    Save(Edit),
}

/// One open editor window: the draft being typed and what it will change.
pub struct Editor {
    form: Form,
    /// The last complete edit checked with `store::validate`, and what it reported.
    checked: Option<(Edit, Vec<String>)>,
    /// The window's size last frame.
    last_size: Option<egui::Vec2>,
}

enum Form {
    Sim(sim::SimForm),
    Plan(plan::PlanForm),
    Renewal(renewal::RenewalForm),
    Settings(settings::SettingsForm),
    Trip(trip::TripForm),
}

impl Editor {
    /// An editor for a new SIM, with a colour no other SIM uses yet.
    pub fn new_sim(state: &State) -> Self {
        Self::with(Form::Sim(sim::SimForm::new(state)))
    }

    pub fn edit_sim(sim: &Sim) -> Self {
        Self::with(Form::Sim(sim::SimForm::edit(sim)))
    }

    pub fn new_plan(state: &State) -> Self {
        Self::with(Form::Plan(plan::PlanForm::new(state)))
    }

    pub fn edit_plan(plan: &Plan) -> Self {
        Self::with(Form::Plan(plan::PlanForm::edit(plan)))
    }

    /// "Schedule renewal…": the SIM (`sim`, else the first one), a plan that SIM can take, and
    /// the day `on`.
    pub fn new_renewal(state: &State, sim: Option<SimId>, on: NaiveDate) -> Self {
        Self::with(Form::Renewal(renewal::RenewalForm::new(state, sim, on)))
    }

    /// Changes a renewal's day, plan or status, or deletes it.
    pub fn edit_renewal(renewal: &Renewal) -> Self {
        Self::with(Form::Renewal(renewal::RenewalForm::edit(renewal)))
    }

    /// A new trip with one leg to fill in.
    pub fn new_trip() -> Self {
        Self::with(Form::Trip(trip::TripForm::new()))
    }

    pub fn edit_trip(trip: &Trip) -> Self {
        Self::with(Form::Trip(trip::TripForm::edit(trip)))
    }

    /// A new trip with `trip`'s legs, to change and save as its own.
    pub fn duplicate_trip(trip: &Trip) -> Self {
        Self::with(Form::Trip(trip::TripForm::duplicate(trip)))
    }

    pub fn settings(settings: &Settings) -> Self {
        Self::with(Form::Settings(settings::SettingsForm::new(settings)))
    }

    fn with(form: Form) -> Self {
        Self {
            form,
            checked: None,
            last_size: None,
        }
    }

    /// The window title, e.g. "New SIM".
    pub fn title(&self) -> String {
        match &self.form {
            Form::Sim(form) => form.title(),
            Form::Plan(form) => form.title(),
            Form::Renewal(form) => form.title(),
            Form::Settings(_) => t!("editors.settings.title").into_owned(),
            Form::Trip(form) => form.title(),
        }
    }

    /// Stays the same while the title follows the draft, so the window keeps its place.
    fn window_id(&self) -> Id {
        let (kind, target) = match &self.form {
            Form::Sim(form) => ("sim", form.target_key()),
            Form::Plan(form) => ("plan", form.target_key()),
            Form::Renewal(form) => ("renewal", form.target_key()),
            Form::Settings(_) => ("settings", None),
            Form::Trip(form) => ("trip", form.target_key()),
        };
        Id::unique(("sim_planner_editor", kind, target))
    }

    /// Draws the editor window; `Save(edit)` only when the input is valid. Enter saves (when
    /// valid), Escape cancels.
    /// `today` is the app's (the date pickers mark it).
    pub fn show(&mut self, ctx: &egui::Context, doc: &Document, today: NaiveDate) -> EditorOutcome {
        // A key meant for an open popup (a picker's search, a combo box) is not for the window.
        let popup_was_open = Popup::is_any_open(ctx);
        let mut open = true;
        let mut outcome = EditorOutcome::Open;
        let window = egui::Window::new(self.title())
            .id(self.window_id())
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            // Placed by its top-left corner, so it stays put while messages come and go.
            .pivot(Align2::LEFT_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-WINDOW_HALF_WIDTH, 48.0))
            .show(ctx, |ui| {
                outcome = self.contents_ui(ui, doc, today, popup_was_open);
            });
        // A new window's size settles only after its contents were laid out once (the scroll
        // area measures them); draw again until it stops changing instead of waiting for input.
        let size = window.map(|window| window.response.rect.size());
        if size != self.last_size {
            self.last_size = size;
            ctx.request_repaint();
        }
        let escape = !popup_was_open
            && ctx.input_mut(|input| input.consume_key(Modifiers::NONE, Key::Escape));
        if outcome == EditorOutcome::Open && (!open || escape) {
            return EditorOutcome::Closed;
        }
        outcome
    }

    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        today: NaiveDate,
        popup_was_open: bool,
    ) -> EditorOutcome {
        let form_context = FormContext {
            state: doc.state(),
            today,
        };
        let mut flags = FormFlags::default();
        // The form scrolls when the window would not fit; the buttons below it stay in view.
        let form_height = (ui.ctx().content_rect().height() - FORM_MARGIN).max(120.0);
        let form = &mut self.form;
        let mut problems = Vec::new();
        let candidate = egui::ScrollArea::vertical()
            .max_height(form_height)
            .show(ui, |ui| {
                let candidate = match form {
                    Form::Sim(form) => form.ui(ui, &form_context, &mut flags),
                    Form::Plan(form) => form.ui(ui, form_context.state),
                    Form::Renewal(form) => form.ui(ui, &form_context),
                    Form::Settings(form) => form.ui(ui),
                    Form::Trip(form) => form.ui(ui, &form_context),
                };
                // The problems scroll with the form, so Save and Cancel stay in view.
                if let Some(edit) = &candidate {
                    problems = checked_problems(&mut self.checked, doc, edit);
                }
                if !problems.is_empty() {
                    ui.add_space(4.0);
                    ui.label(
                        RichText::new(t!("editors.problems")).color(ui.visuals().error_fg_color),
                    );
                    for problem in &problems {
                        problem_ui(ui, problem);
                    }
                }
                candidate
            })
            .inner;
        let valid = candidate.is_some() && problems.is_empty();

        ui.separator();
        let mut outcome = EditorOutcome::Open;
        let mut save_clicked = false;
        let mut button_has_focus = false;
        ui.horizontal(|ui| {
            save_clicked = ui
                .add_enabled(valid, Button::new(t!("editors.button.save")))
                .clicked();
            let cancel = ui.button(t!("editors.button.cancel"));
            if cancel.clicked() {
                outcome = EditorOutcome::Closed;
            }
            button_has_focus = cancel.has_focus();
            if let Form::Renewal(form) = &self.form
                && let Some(delete) = form.delete_edit()
            {
                let delete_button = ui.button(t!("editors.button.delete"));
                button_has_focus |= delete_button.has_focus();
                if delete_button.clicked() {
                    outcome = EditorOutcome::Save(delete);
                }
            }
        });
        if !valid {
            note_ui(ui, &t!("editors.fix_to_save"));
        }

        let enter = !popup_was_open
            && !flags.enter_types_text
            && !button_has_focus
            && ui.input(|input| input.key_pressed(Key::Enter));
        if outcome == EditorOutcome::Open
            && (save_clicked || enter)
            && let Some(edit) = candidate.filter(|_| valid)
        {
            // Check once more against the state as it is now: it may have changed since the
            // check was cached (an undo while the window was open).
            let fresh = problems_of(doc, &edit);
            if fresh.is_empty() {
                outcome = EditorOutcome::Save(edit);
            } else {
                self.checked = Some((edit, fresh));
            }
        }
        outcome
    }
}

/// What [`Document::checked`] says about `edit`, cached in `checked` while the edit stays the
/// same, since the window redraws every frame.
fn checked_problems(
    checked: &mut Option<(Edit, Vec<String>)>,
    doc: &Document,
    edit: &Edit,
) -> Vec<String> {
    if let Some((last, problems)) = checked.as_ref()
        && last == edit
    {
        return problems.clone();
    }
    let problems = problems_of(doc, edit);
    *checked = Some((edit.clone(), problems.clone()));
    problems
}

/// What [`Document::checked`] (the same check as applying) says about `edit`.
fn problems_of(doc: &Document, edit: &Edit) -> Vec<String> {
    doc.checked(edit.clone()).err().unwrap_or_default()
}

#[cfg(test)]
mod tests;
