//! Editor windows for a SIM, a plan, a renewal and the settings.
//!
//! An editor keeps what the user types as draft strings and turns them into model values only
//! when every field parses; even then it offers the [`Edit`] only if [`Document::checked`] (the
//! check applying it makes) accepts it. So nothing invalid can reach the state from here.

mod plan;
mod renewal;
mod settings;
mod sim;

use std::borrow::Cow;
use std::ops::RangeInclusive;

use chrono::{Datelike as _, NaiveDate};
use egui::{Align2, Button, Id, Key, Modifiers, Popup, Response, RichText, TextEdit, Ui};
use iso_currency::Currency;
use rust_decimal::Decimal;
use rust_i18n::t;

use super::document::Document;
use super::edit::Edit;
use super::pickers;
use crate::model::{Plan, Renewal, Settings, Sim, SimId, State};
use crate::store;

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
}

/// Whether a form makes something new or changes something that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Target<I> {
    New,
    Existing(I),
}

impl<I: Copy> Target<I> {
    /// The id of the item that exists, if any.
    fn existing(self) -> Option<I> {
        match self {
            Self::New => None,
            Self::Existing(id) => Some(id),
        }
    }
}

/// What a form tells the window about the frame beyond its edit.
#[derive(Default)]
struct FormFlags {
    /// A multi-line field has the keyboard, so Enter types a new line instead of saving.
    enter_types_text: bool,
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
        }
    }

    /// Stays the same while the title follows the draft, so the window keeps its place.
    fn window_id(&self) -> Id {
        let (kind, target) = match &self.form {
            Form::Sim(form) => ("sim", form.target_key()),
            Form::Plan(form) => ("plan", form.target_key()),
            Form::Renewal(form) => ("renewal", form.target_key()),
            Form::Settings(_) => ("settings", None),
        };
        Id::unique(("sim_planner_editor", kind, target))
    }

    /// Draws the editor window; `Save(edit)` only when the input is valid. Enter saves (when
    /// valid), Escape cancels.
    pub fn show(&mut self, ctx: &egui::Context, doc: &Document) -> EditorOutcome {
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
                outcome = self.contents_ui(ui, doc, popup_was_open);
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

    fn contents_ui(&mut self, ui: &mut Ui, doc: &Document, popup_was_open: bool) -> EditorOutcome {
        let state = doc.state();
        let mut flags = FormFlags::default();
        // The form scrolls when the window would not fit; the buttons below it stay in view.
        let form_height = (ui.ctx().content_rect().height() - FORM_MARGIN).max(120.0);
        let form = &mut self.form;
        let candidate = egui::ScrollArea::vertical()
            .max_height(form_height)
            .show(ui, |ui| match form {
                Form::Sim(form) => form.ui(ui, state, &mut flags),
                Form::Plan(form) => form.ui(ui, state),
                Form::Renewal(form) => form.ui(ui, state),
                Form::Settings(form) => form.ui(ui),
            })
            .inner;
        let problems = match &candidate {
            Some(edit) => self.problems(doc, edit),
            None => Vec::new(),
        };
        if !problems.is_empty() {
            ui.add_space(4.0);
            ui.label(RichText::new(t!("editors.problems")).color(ui.visuals().error_fg_color));
            for problem in &problems {
                problem_ui(ui, problem);
            }
        }
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

    /// What `store::validate` says about the state with `edit` applied; cached while the edit
    /// stays the same, since the window redraws on every frame.
    fn problems(&mut self, doc: &Document, edit: &Edit) -> Vec<String> {
        if let Some((checked, problems)) = &self.checked
            && checked == edit
        {
            return problems.clone();
        }
        let problems = problems_of(doc, edit);
        self.checked = Some((edit.clone(), problems.clone()));
        problems
    }
}

/// What [`Document::checked`] (the same check as applying) says about `edit`.
fn problems_of(doc: &Document, edit: &Edit) -> Vec<String> {
    doc.checked(edit.clone()).err().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Parsing drafts. Each parser returns the model value or what to tell the user.

/// Why a field's text cannot be used yet.
#[derive(Clone, Debug, PartialEq, Eq)]
enum FieldError {
    /// Nothing typed where something is needed (shown quietly: the user may not be there yet).
    Missing(Cow<'static, str>),
    /// Something typed that cannot be used (shown in red).
    Invalid(Cow<'static, str>),
}

type Parsed<T> = Result<T, FieldError>;

fn required_text(text: &str) -> Parsed<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.required")));
    }
    Ok(text.to_owned())
}

fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn whole_number(text: &str, range: RangeInclusive<u32>) -> Parsed<u32> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.required")));
    }
    let out_of_range = || {
        FieldError::Invalid(t!(
            "editors.error.whole_number",
            min = range.start(),
            max = range.end()
        ))
    };
    let number: u32 = text.parse().map_err(|_| out_of_range())?;
    if range.contains(&number) {
        Ok(number)
    } else {
        Err(out_of_range())
    }
}

fn optional_whole_number(text: &str, range: RangeInclusive<u32>) -> Parsed<Option<u32>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        whole_number(text, range).map(Some)
    }
}

/// A `YYYY-MM-DD` date in the years the store accepts.
fn date(text: &str) -> Parsed<NaiveDate> {
    if text.trim().is_empty() {
        return Err(FieldError::Missing(t!("editors.error.required")));
    }
    let day = pickers::date_from_text(text)
        .ok_or_else(|| FieldError::Invalid(t!("editors.error.date")))?;
    if !store::DATE_YEARS.contains(&day.year()) {
        return Err(FieldError::Invalid(t!(
            "editors.error.date_years",
            first = store::DATE_YEARS.start(),
            last = store::DATE_YEARS.end()
        )));
    }
    Ok(day)
}

fn optional_date(text: &str) -> Parsed<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date(text).map(Some)
    }
}

/// A price: a decimal above zero, e.g. `8.000` (the scale typed is kept).
fn price_from_text(text: &str) -> Parsed<Decimal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.required")));
    }
    let value: Decimal = text
        .parse()
        .map_err(|_| FieldError::Invalid(t!("editors.error.decimal")))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(FieldError::Invalid(t!("editors.error.negative")));
    }
    // A free plan (a keep-alive bundle) is allowed: amounts are >= 0.
    Ok(value)
}

fn currency(code: &str) -> Parsed<String> {
    let code = code.trim().to_uppercase();
    if code.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.choose_currency")));
    }
    // Any ISO 4217 code is kept (as the store does), even one the picker does not offer.
    match Currency::from_code(&code) {
        Some(_) => Ok(code),
        None => Err(FieldError::Invalid(t!(
            "editors.error.currency",
            code = code
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing fields. A form is a two-column grid: the label, then the field with its messages.

/// One form row: a label, then whatever `add_field` draws (named by the label's id).
fn row<R>(ui: &mut Ui, label: &str, add_field: impl FnOnce(&mut Ui, Id) -> R) -> R {
    let label = ui.label(label);
    let inner = ui.vertical(|ui| add_field(ui, label.id)).inner;
    ui.end_row();
    inner
}

/// A one-line text field named by `label`.
fn text_field(ui: &mut Ui, text: &mut String, label: Id) -> Response {
    ui.add(
        TextEdit::singleline(text)
            .desired_width(260.0)
            .char_limit(200),
    )
    .labelled_by(label)
}

/// Shows a field's problem under it and returns the value when there is none.
fn checked<T>(ui: &mut Ui, parsed: Parsed<T>) -> Option<T> {
    match parsed {
        Ok(value) => Some(value),
        Err(FieldError::Missing(message)) => {
            note_ui(ui, &message);
            None
        }
        Err(FieldError::Invalid(message)) => {
            problem_ui(ui, &message);
            None
        }
    }
}

/// Red small text: this input cannot be saved.
fn problem_ui(ui: &mut Ui, message: &str) {
    let color = ui.visuals().error_fg_color;
    ui.label(RichText::new(message).small().color(color));
}

/// Orange small text: allowed, but worth a second look.
fn warning_ui(ui: &mut Ui, message: &str) {
    let color = ui.visuals().warn_fg_color;
    ui.label(RichText::new(message).small().color(color));
}

/// Grey small text: a hint.
fn note_ui(ui: &mut Ui, message: &str) {
    ui.label(RichText::new(message).small().weak());
}

/// Coverage as chips, each with a button to remove it, and an "Add country…" picker.
fn coverage_ui(ui: &mut Ui, coverage: &mut Vec<String>) {
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (index, code) in coverage.iter().enumerate() {
            let name = pickers::country_name(code).unwrap_or_default();
            egui::Frame::new()
                .fill(ui.visuals().faint_bg_color)
                .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                .corner_radius(8)
                .inner_margin(egui::Margin::symmetric(6, 1))
                .show(ui, |ui| {
                    ui.spacing_mut().item_spacing.x = 2.0;
                    ui.label(code.as_str()).on_hover_text(name);
                    let remove_text = t!("editors.coverage.remove", country = code);
                    let button = ui
                        .add(Button::new("\u{d7}").small().frame(false))
                        .accessible_name(remove_text.as_ref())
                        .on_hover_text(remove_text.as_ref());
                    if button.clicked() {
                        remove = Some(index);
                    }
                });
        }
        if let Some(code) = pickers::add_country_ui(ui, coverage) {
            coverage.push(code.to_owned());
        }
    });
    if let Some(index) = remove {
        coverage.remove(index);
    }
}

/// The draft of an optional number: empty for none.
fn text_from_optional(number: Option<u32>) -> String {
    number.map(|n| n.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
