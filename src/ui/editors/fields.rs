//! What the editors' forms share: whether a form makes or changes an item, the parsers that
//! turn draft text into model values (or say what to fix), and the small widgets of a form row.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use chrono::{Datelike as _, NaiveDate};
use egui::{Button, Id, Response, RichText, TextEdit, Ui};
use iso_currency::Currency;
use rust_decimal::Decimal;
use rust_i18n::t;

use crate::model::State;
use crate::store;
use crate::ui::pickers::{self, CalendarDays};

/// What a form reads beside its own draft: the state it edits and the app's today.
#[derive(Clone, Copy)]
pub(super) struct FormContext<'a> {
    pub state: &'a State,
    pub today: NaiveDate,
}

impl FormContext<'_> {
    /// How the forms' date fields lay out their calendars.
    pub fn calendar(&self) -> CalendarDays {
        CalendarDays {
            week_start: self.state.settings.week_start.weekday(),
            today: self.today,
        }
    }
}

/// Whether a form makes something new or changes something that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Target<I> {
    New,
    Existing(I),
}

impl<I: Copy> Target<I> {
    /// The id of the item that exists, if any.
    pub(super) fn existing(self) -> Option<I> {
        match self {
            Self::New => None,
            Self::Existing(id) => Some(id),
        }
    }
}

/// What a form tells the window about the frame beyond its edit.
#[derive(Default)]
pub(super) struct FormFlags {
    /// A multi-line field has the keyboard, so Enter types a new line instead of saving.
    pub enter_types_text: bool,
}

// ---------------------------------------------------------------------------------------------
// Parsing drafts. Each parser returns the model value or what to tell the user.

/// Why a field's text cannot be used yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum FieldError {
    /// Nothing typed where something is needed (shown quietly: the user may not be there yet).
    Missing(Cow<'static, str>),
    /// Something typed that cannot be used (shown in red).
    Invalid(Cow<'static, str>),
}

pub(super) type Parsed<T> = Result<T, FieldError>;

pub(super) fn required_text(text: &str) -> Parsed<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.required")));
    }
    Ok(text.to_owned())
}

pub(super) fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

pub(super) fn whole_number(text: &str, range: RangeInclusive<u32>) -> Parsed<u32> {
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

pub(super) fn optional_whole_number(text: &str, range: RangeInclusive<u32>) -> Parsed<Option<u32>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        whole_number(text, range).map(Some)
    }
}

/// A `YYYY-MM-DD` date in the years the store accepts.
pub(super) fn date(text: &str) -> Parsed<NaiveDate> {
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

pub(super) fn optional_date(text: &str) -> Parsed<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date(text).map(Some)
    }
}

/// A price: a decimal above zero, e.g. `8.000` (the scale typed is kept).
pub(super) fn price_from_text(text: &str) -> Parsed<Decimal> {
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

pub(super) fn currency(code: &str) -> Parsed<String> {
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
pub(super) fn row<R>(ui: &mut Ui, label: &str, add_field: impl FnOnce(&mut Ui, Id) -> R) -> R {
    let label = ui.label(label);
    let inner = ui.vertical(|ui| add_field(ui, label.id)).inner;
    ui.end_row();
    inner
}

/// A one-line text field named by `label`.
pub(super) fn text_field(ui: &mut Ui, text: &mut String, label: Id) -> Response {
    ui.add(
        TextEdit::singleline(text)
            .desired_width(260.0)
            .char_limit(200),
    )
    .labelled_by(label)
}

/// Shows a field's problem under it and returns the value when there is none.
pub(super) fn checked<T>(ui: &mut Ui, parsed: Parsed<T>) -> Option<T> {
    match parsed {
        // The line a message would take stays reserved, so the form does not jump (and move
        // the field under the pointer) when a message comes or goes.
        Ok(value) => {
            ui.label(RichText::new(" ").small());
            Some(value)
        }
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
pub(super) fn problem_ui(ui: &mut Ui, message: &str) {
    let color = ui.visuals().error_fg_color;
    ui.label(RichText::new(message).small().color(color));
}

/// Orange small text: allowed, but worth a second look.
pub(super) fn warning_ui(ui: &mut Ui, message: &str) {
    let color = ui.visuals().warn_fg_color;
    ui.label(RichText::new(message).small().color(color));
}

/// Grey small text: a hint.
pub(super) fn note_ui(ui: &mut Ui, message: &str) {
    ui.label(RichText::new(message).small().weak());
}

/// How wide the coverage chips' rows are.
const COVERAGE_WIDTH: f32 = 300.0;

/// Coverage as chips, each with a button to remove it, and an "Add country…" picker.
pub(super) fn coverage_ui(ui: &mut Ui, coverage: &mut Vec<String>) {
    let mut remove = None;
    // A grid cell starts as narrow as its widest item: give the chips a row's width to wrap
    // in, so they line up in rows rather than one under another.
    ui.set_min_width(COVERAGE_WIDTH);
    ui.set_max_width(COVERAGE_WIDTH);
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
pub(super) fn text_from_optional(number: Option<u32>) -> String {
    number.map(|n| n.to_string()).unwrap_or_default()
}
