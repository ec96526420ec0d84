//! The plan editor.

use egui::{TextEdit, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use rust_i18n::t;

use super::fields::{
    FieldError, Parsed, Target, checked, coverage_ui, currency, note_ui, price_from_text,
    problem_ui, required_text, row, text_field, whole_number,
};
use crate::model::{DataAllowance, Money, Plan, PlanId, State, Validity};
use crate::store;
use crate::ui::edit::Edit;
use crate::ui::pickers;

/// The most data a plan may list: 100 TB, far beyond any real plan.
const MAX_MEGABYTES: u64 = 100_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Days,
    Weeks,
    Months,
}

impl Unit {
    const ALL: [Self; 3] = [Self::Days, Self::Weeks, Self::Months];

    fn name(self) -> String {
        match self {
            Self::Days => t!("editors.plan.days"),
            Self::Weeks => t!("editors.plan.weeks"),
            Self::Months => t!("editors.plan.months"),
        }
        .into_owned()
    }

    /// The longest plan the store accepts in this unit.
    fn max_count(self) -> u32 {
        match self {
            Self::Days => store::MAX_VALIDITY_DAYS,
            Self::Weeks => store::MAX_VALIDITY_WEEKS,
            Self::Months => store::MAX_VALIDITY_MONTHS,
        }
    }

    fn validity(self, count: u32) -> Validity {
        match self {
            Self::Days => Validity::Days(count),
            Self::Weeks => Validity::Weeks(count),
            Self::Months => Validity::Months(count),
        }
    }
}

/// The draft of a plan: what the user typed, parsed only when saving.
pub(super) struct PlanForm {
    target: Target<PlanId>,
    original_name: String,
    name: String,
    carrier: String,
    validity_count: String,
    validity_unit: Unit,
    price: String,
    currency: String,
    data: String,
    unlimited: bool,
    coverage: Vec<String>,
}

impl PlanForm {
    pub(super) fn new(state: &State) -> Self {
        let currency = state
            .settings
            .base_currency
            .clone()
            .or_else(|| state.plans.last().map(|plan| plan.price.currency.clone()))
            .unwrap_or_default();
        Self {
            target: Target::New,
            original_name: String::new(),
            name: String::new(),
            carrier: String::new(),
            validity_count: "30".to_owned(),
            validity_unit: Unit::Days,
            price: String::new(),
            currency,
            data: String::new(),
            unlimited: false,
            coverage: Vec::new(),
        }
    }

    pub(super) fn edit(plan: &Plan) -> Self {
        let (count, unit) = match plan.validity {
            Validity::Days(n) => (n, Unit::Days),
            Validity::Weeks(n) => (n, Unit::Weeks),
            Validity::Months(n) => (n, Unit::Months),
        };
        let (data, unlimited) = match plan.data {
            DataAllowance::Unlimited => (String::new(), true),
            DataAllowance::Megabytes(mb) if mb >= 1024 && mb % 1024 == 0 => {
                (format!("{} GB", mb / 1024), false)
            }
            DataAllowance::Megabytes(mb) => (mb.to_string(), false),
        };
        Self {
            target: Target::Existing(plan.id),
            original_name: plan.name.clone(),
            name: plan.name.clone(),
            carrier: plan.carrier.clone(),
            validity_count: count.to_string(),
            validity_unit: unit,
            price: plan.price.amount.to_string(),
            currency: plan.price.currency.clone(),
            data,
            unlimited,
            coverage: plan.coverage.clone(),
        }
    }

    pub(super) fn title(&self) -> String {
        match self.target {
            Target::New => t!("editors.plan.title_new").into_owned(),
            Target::Existing(_) => {
                t!("editors.plan.title_edit", name = self.original_name).into_owned()
            }
        }
    }

    pub(super) fn target_key(&self) -> Option<u32> {
        self.target.existing().map(|id| id.0)
    }

    /// Draws the form; returns the edit when every field is valid.
    pub(super) fn ui(&mut self, ui: &mut Ui, state: &State) -> Option<Edit> {
        let id = match self.target {
            Target::New => state.next_plan_id(),
            Target::Existing(id) => id,
        };
        let gone = matches!(self.target, Target::Existing(_)) && state.plan(id).is_none();
        let plan = egui::Grid::new("plan_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let name = row(ui, &t!("editors.field.name"), |ui, label| {
                    text_field(ui, &mut self.name, label);
                    checked(ui, required_text(&self.name))
                });
                row(ui, &t!("editors.field.carrier"), |ui, label| {
                    text_field(ui, &mut self.carrier, label);
                    note_ui(ui, &t!("editors.plan.carrier_note"));
                });
                let validity = row(ui, &t!("editors.field.validity"), |ui, label| {
                    ui.horizontal(|ui| {
                        ui.add(TextEdit::singleline(&mut self.validity_count).desired_width(60.0))
                            .labelled_by(label);
                        egui::ComboBox::from_id_salt("validity_unit")
                            .selected_text(self.validity_unit.name())
                            .show_ui(ui, |ui| {
                                for unit in Unit::ALL {
                                    ui.selectable_value(&mut self.validity_unit, unit, unit.name());
                                }
                            })
                            .response
                            .accessible_name(t!("editors.plan.validity_unit"));
                    });
                    let unit = self.validity_unit;
                    checked(ui, whole_number(&self.validity_count, 1..=unit.max_count()))
                        .map(|count| unit.validity(count))
                });
                let price = row(ui, &t!("editors.field.price"), |ui, label| {
                    ui.add(
                        TextEdit::singleline(&mut self.price)
                            .desired_width(100.0)
                            .char_limit(30),
                    )
                    .labelled_by(label);
                    checked(ui, price_from_text(&self.price))
                });
                let currency = row(ui, &t!("editors.field.currency"), |ui, label| {
                    pickers::currency_picker_ui(ui, &mut self.currency, false).labelled_by(label);
                    checked(ui, currency(&self.currency))
                });
                let data = row(ui, &t!("editors.field.data"), |ui, label| {
                    ui.horizontal(|ui| {
                        ui.add_enabled(
                            !self.unlimited,
                            TextEdit::singleline(&mut self.data)
                                .desired_width(100.0)
                                .char_limit(30)
                                .hint_text(t!("editors.plan.data_hint").into_owned()),
                        )
                        .labelled_by(label);
                        ui.checkbox(&mut self.unlimited, t!("editors.field.unlimited"));
                    });
                    if self.unlimited {
                        return Some(DataAllowance::Unlimited);
                    }
                    let megabytes = checked(ui, megabytes_from_text(&self.data))?;
                    if self.data.to_ascii_lowercase().contains("gb") {
                        note_ui(ui, &t!("editors.plan.data_in_mb", mb = megabytes));
                    }
                    Some(DataAllowance::Megabytes(megabytes))
                });
                row(ui, &t!("editors.field.coverage"), |ui, _| {
                    coverage_ui(ui, &mut self.coverage);
                    if self.coverage.is_empty() {
                        note_ui(ui, &t!("editors.plan.coverage_empty"));
                    }
                });
                Some(Plan {
                    id,
                    name: name?,
                    carrier: self.carrier.trim().to_owned(),
                    validity: validity?,
                    price: Money {
                        amount: price?,
                        currency: currency?,
                    },
                    data: data?,
                    coverage: self.coverage.clone(),
                })
            });
        if gone {
            problem_ui(ui, &t!("editors.plan.gone"));
            return None;
        }
        let plan = plan.inner?;
        Some(match self.target {
            Target::New => Edit::AddPlan(plan),
            Target::Existing(_) => Edit::UpdatePlan(plan),
        })
    }
}

/// Data typed as megabytes (`500`, `500 MB`) or gigabytes (`20 GB`, `1.5 GB`; 1 GB = 1024 MB).
fn megabytes_from_text(text: &str) -> Parsed<u64> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return Err(FieldError::Missing(t!("editors.error.data_missing")));
    }
    let (number, factor) = match (lower.strip_suffix("gb"), lower.strip_suffix("mb")) {
        (Some(number), _) => (number, Decimal::from(1024)),
        (None, Some(number)) => (number, Decimal::ONE),
        (None, None) => (lower.as_str(), Decimal::ONE),
    };
    let invalid = || FieldError::Invalid(t!("editors.error.data"));
    let value: Decimal = number.trim().parse().map_err(|_| invalid())?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(FieldError::Invalid(t!("editors.error.negative")));
    }
    let megabytes = value
        .checked_mul(factor)
        .ok_or_else(invalid)?
        .round()
        .to_u64()
        .ok_or_else(invalid)?;
    if megabytes > MAX_MEGABYTES {
        return Err(invalid());
    }
    Ok(megabytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_typed_in_megabytes_or_gigabytes() {
        assert_eq!(megabytes_from_text("500"), Ok(500));
        assert_eq!(megabytes_from_text("500 MB"), Ok(500));
        assert_eq!(megabytes_from_text("20 GB"), Ok(20_480));
        assert_eq!(megabytes_from_text("1.5gb"), Ok(1536));
        assert_eq!(megabytes_from_text("0"), Ok(0));
        assert!(matches!(
            megabytes_from_text(""),
            Err(FieldError::Missing(_))
        ));
        for bad in ["-1", "lots", "20 TB", "1e9"] {
            assert!(
                matches!(megabytes_from_text(bad), Err(FieldError::Invalid(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_plan_reopens_with_what_was_saved() {
        let plan = Plan {
            id: PlanId(4),
            name: "Monthly 20 GB".to_owned(),
            carrier: "Batelco".to_owned(),
            validity: Validity::Months(1),
            price: Money {
                amount: "8.000".parse().unwrap_or_default(),
                currency: "BHD".to_owned(),
            },
            data: DataAllowance::Megabytes(20_480),
            coverage: vec!["BH".to_owned()],
        };
        let form = PlanForm::edit(&plan);
        assert_eq!(form.data, "20 GB");
        assert_eq!(form.price, "8.000");
        assert_eq!(form.validity_unit, Unit::Months);
    }
}
