//! The settings editor.

use std::borrow::Cow;
use std::collections::BTreeMap;

use egui::{Button, ComboBox, TextEdit, Ui};
use rust_decimal::Decimal;
use rust_i18n::t;

use super::fields::{
    FieldError, Parsed, checked, currency, note_ui, row, text_field, warning_ui, whole_number,
};
use crate::model::{Language, RateValue, Settings, WeekStart};
use crate::store;
use crate::ui::edit::Edit;
use crate::ui::pickers;

const WEEK_STARTS: [WeekStart; 7] = [
    WeekStart::Monday,
    WeekStart::Tuesday,
    WeekStart::Wednesday,
    WeekStart::Thursday,
    WeekStart::Friday,
    WeekStart::Saturday,
    WeekStart::Sunday,
];

const LANGUAGES: [Language; 2] = [Language::English, Language::SimplifiedChinese];

/// One exchange rate being typed: 1 unit of `currency` = `rate` units of the base currency.
struct RateDraft {
    currency: String,
    rate: String,
}

/// The draft of the settings.
pub(super) struct SettingsForm {
    lead_days: String,
    reminder_stages: String,
    week_start: WeekStart,
    language: Language,
    base_currency: String,
    rates: Vec<RateDraft>,
}

impl SettingsForm {
    pub(super) fn new(settings: &Settings) -> Self {
        Self {
            lead_days: settings.lead_days.to_string(),
            reminder_stages: settings
                .reminder_stages
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            week_start: settings.week_start,
            language: settings.language,
            base_currency: settings.base_currency.clone().unwrap_or_default(),
            rates: settings
                .rates
                .iter()
                .map(|(currency, rate)| RateDraft {
                    currency: currency.clone(),
                    rate: rate.0.to_string(),
                })
                .collect(),
        }
    }

    /// Draws the form; returns the edit when every field is valid.
    pub(super) fn ui(&mut self, ui: &mut Ui) -> Option<Edit> {
        let settings = egui::Grid::new("settings_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let lead_days = row(ui, &t!("editors.field.lead_days"), |ui, label| {
                    ui.add(TextEdit::singleline(&mut self.lead_days).desired_width(80.0))
                        .labelled_by(label);
                    checked(ui, whole_number(&self.lead_days, 0..=store::MAX_LEAD_DAYS))
                });
                let reminder_stages = row(ui, &t!("editors.field.reminder_stages"), |ui, label| {
                    text_field(ui, &mut self.reminder_stages, label);
                    note_ui(ui, &t!("editors.settings.reminder_stages_note"));
                    checked(ui, stages_from_text(&self.reminder_stages))
                });
                row(ui, &t!("editors.field.week_start"), |ui, label| {
                    ComboBox::from_id_salt("week_start")
                        .selected_text(week_start_name(self.week_start))
                        .show_ui(ui, |ui| {
                            for day in WEEK_STARTS {
                                ui.selectable_value(
                                    &mut self.week_start,
                                    day,
                                    week_start_name(day),
                                );
                            }
                        })
                        .response
                        .labelled_by(label);
                });
                row(ui, &t!("editors.field.language"), |ui, label| {
                    ComboBox::from_id_salt("language")
                        .selected_text(language_name(self.language))
                        .show_ui(ui, |ui| {
                            for language in LANGUAGES {
                                ui.selectable_value(
                                    &mut self.language,
                                    language,
                                    language_name(language),
                                );
                            }
                        })
                        .response
                        .labelled_by(label);
                });
                let base_currency = row(ui, &t!("editors.field.base_currency"), |ui, label| {
                    pickers::currency_picker_ui(ui, &mut self.base_currency, true)
                        .labelled_by(label);
                    if self.base_currency.trim().is_empty() {
                        note_ui(ui, &t!("editors.settings.no_base_currency"));
                        return Some(None);
                    }
                    checked(ui, currency(&self.base_currency)).map(Some)
                });
                let rates = row(ui, &t!("editors.field.rates"), |ui, _| self.rates_ui(ui));
                Some(Settings {
                    lead_days: lead_days?,
                    reminder_stages: reminder_stages?,
                    week_start: self.week_start,
                    language: self.language,
                    base_currency: base_currency?,
                    rates: rates?,
                })
            });
        settings.inner.map(Edit::SetSettings)
    }

    /// The rates table: a currency, the rate, and a button to remove the row; then "Add rate".
    fn rates_ui(&mut self, ui: &mut Ui) -> Option<BTreeMap<String, RateValue>> {
        let base = self.base_currency.trim().to_uppercase();
        let mut rates = Some(BTreeMap::new());
        let mut remove = None;
        if !self.rates.is_empty() {
            note_ui(ui, &t!("editors.settings.rates_note"));
        }
        for (index, draft) in self.rates.iter_mut().enumerate() {
            let number = index + 1;
            ui.horizontal(|ui| {
                pickers::currency_picker_ui(ui, &mut draft.currency, false)
                    .accessible_name(t!("editors.settings.rate_currency", number = number));
                ui.add(
                    TextEdit::singleline(&mut draft.rate)
                        .desired_width(80.0)
                        .char_limit(30),
                )
                .accessible_name(t!("editors.settings.rate_value", number = number));
                let remove_text = t!("editors.settings.remove_rate", number = number);
                let button = ui
                    .add(Button::new("\u{d7}").small())
                    .accessible_name(remove_text.as_ref())
                    .on_hover_text(remove_text.as_ref());
                if button.clicked() {
                    remove = Some(index);
                }
            });
            let code = checked(
                ui,
                currency(&draft.currency).and_then(|code| {
                    if code == base {
                        Err(FieldError::Invalid(t!("editors.settings.rate_is_base")))
                    } else {
                        Ok(code)
                    }
                }),
            );
            let rate = checked(ui, rate_from_text(&draft.rate));
            match (code, rate, rates.as_mut()) {
                (Some(code), Some(rate), Some(map)) => {
                    if map.insert(code, RateValue(rate)).is_some() {
                        checked::<()>(
                            ui,
                            Err(FieldError::Invalid(t!("editors.settings.rate_twice"))),
                        );
                        rates = None;
                    }
                }
                _ => rates = None,
            }
        }
        if let Some(index) = remove {
            self.rates.remove(index);
        }
        if ui.button(t!("editors.settings.add_rate")).clicked() {
            self.rates.push(RateDraft {
                currency: String::new(),
                rate: String::new(),
            });
        }
        if base.is_empty() && !self.rates.is_empty() {
            warning_ui(ui, &t!("editors.settings.rates_need_base"));
        }
        rates
    }
}

/// Days before the renew-by date, typed as a comma list (`7, 3, 0`); kept largest first,
/// without repeats.
fn stages_from_text(text: &str) -> Parsed<Vec<u32>> {
    let mut stages = Vec::new();
    for part in text
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        let stage = whole_number(part, 0..=store::MAX_LEAD_DAYS).map_err(|_| {
            FieldError::Invalid(t!(
                "editors.error.stages",
                part = part,
                max = store::MAX_LEAD_DAYS
            ))
        })?;
        stages.push(stage);
    }
    stages.sort_unstable_by(|a, b| b.cmp(a));
    stages.dedup();
    Ok(stages)
}

/// An exchange rate: a decimal above zero.
fn rate_from_text(text: &str) -> Parsed<Decimal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.required")));
    }
    match text.parse::<Decimal>() {
        Ok(rate) if rate > Decimal::ZERO => Ok(rate),
        Ok(_) => Err(FieldError::Invalid(t!("editors.error.rate_positive"))),
        Err(_) => Err(FieldError::Invalid(t!("editors.error.decimal"))),
    }
}

fn week_start_name(day: WeekStart) -> Cow<'static, str> {
    match day {
        WeekStart::Monday => t!("editors.settings.monday"),
        WeekStart::Tuesday => t!("editors.settings.tuesday"),
        WeekStart::Wednesday => t!("editors.settings.wednesday"),
        WeekStart::Thursday => t!("editors.settings.thursday"),
        WeekStart::Friday => t!("editors.settings.friday"),
        WeekStart::Saturday => t!("editors.settings.saturday"),
        WeekStart::Sunday => t!("editors.settings.sunday"),
    }
}

fn language_name(language: Language) -> Cow<'static, str> {
    match language {
        Language::English => t!("editors.settings.english"),
        Language::SimplifiedChinese => t!("editors.settings.simplified_chinese"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_stages_are_a_comma_list_of_days() {
        assert_eq!(stages_from_text("3, 7,0, 7"), Ok(vec![7, 3, 0]));
        assert_eq!(stages_from_text(""), Ok(Vec::new()));
        assert!(stages_from_text("7, soon").is_err());
        assert!(stages_from_text("-1").is_err());
    }

    #[test]
    fn rates_are_decimals_above_zero() {
        assert_eq!(rate_from_text("2.65"), Ok(Decimal::new(265, 2)));
        assert!(matches!(rate_from_text("0"), Err(FieldError::Invalid(_))));
        assert!(matches!(rate_from_text("-2"), Err(FieldError::Invalid(_))));
        assert!(matches!(rate_from_text("two"), Err(FieldError::Invalid(_))));
    }
}
