//! What a problem with a state is: the item it is about, what is wrong (worded for the user),
//! and the ranges those words name. `validate` and the limits both report them.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use iso_currency::Currency;
use isocountry::CountryCode;
use rust_decimal::Decimal;
use rust_i18n::t;

use crate::model::{MAX_DECIMAL_PLACES, Money, PlanId, RenewalId, SimId, TripId, Validity};

/// The most days a reminder or lead time may reach back: a year.
pub const MAX_LEAD_DAYS: u32 = 365;
/// The longest plan: a hundred years, whatever the unit.
pub const MAX_VALIDITY_DAYS: u32 = 36_500;
/// See [`MAX_VALIDITY_DAYS`].
pub const MAX_VALIDITY_WEEKS: u32 = 5_200;
/// See [`MAX_VALIDITY_DAYS`].
pub const MAX_VALIDITY_MONTHS: u32 = 1_200;
/// The longest keep-alive period: a hundred years.
pub const MAX_KEEP_ALIVE_DAYS: u32 = 36_500;
/// Dates must fall in these years, so date arithmetic in `schedule` never nears chrono's limits.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Which part of the state a [`ValidationError`] is about. Items are named by their id, legs by
/// their position in the trip (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Settings,
    Sim(SimId),
    Plan(PlanId),
    Renewal(RenewalId),
    Trip(TripId),
    TripLeg { trip: TripId, leg: usize },
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Settings => f.write_str(&t!("problem.item_settings")),
            Self::Sim(id) => f.write_str(&t!("problem.item_sim", id = id.to_string())),
            Self::Plan(id) => f.write_str(&t!("problem.item_plan", id = id.to_string())),
            Self::Renewal(id) => f.write_str(&t!("problem.item_renewal", id = id.to_string())),
            Self::Trip(id) => f.write_str(&t!("problem.item_trip", id = id.to_string())),
            Self::TripLeg { trip, leg } => {
                f.write_str(&t!("problem.item_leg", trip = trip.to_string(), leg = leg))
            }
        }
    }
}

/// What is wrong with an [`Item`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    DuplicateId {
        count: usize,
    },
    MissingSim(SimId),
    MissingPlan(PlanId),
    EmptyName,
    UnknownCountry(String),
    UnknownCurrency(String),
    NoLegs,
    EndsBeforeStart {
        from: NaiveDate,
        to: NaiveDate,
    },
    ValidityOutOfRange(Validity),
    PriceNegative(Money),
    RateNotPositive {
        currency: String,
        rate: Decimal,
    },
    TooPrecise {
        what: &'static str,
        value: Decimal,
    },
    TooMany {
        what: &'static str,
        count: usize,
        max: usize,
    },
    TextTooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    ListTooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    TripTooLong {
        days: u32,
        max: u32,
    },
    TooManyLegDays {
        total: u32,
        max: u32,
    },
    LeadDaysTooLarge(u32),
    ReminderStageTooLarge(u32),
    DailyUseZero,
    KeepAliveOutOfRange(u32),
    DateOutOfRange(NaiveDate),
}

/// One problem with one item, shown as e.g. `renewal 3: plan 42 does not exist`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub item: Item,
    pub problem: Problem,
}

impl std::fmt::Display for Problem {
    /// The problem in the state's language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::DuplicateId { count } => t!("problem.duplicate_id", count = count),
            Self::MissingSim(id) => t!("problem.missing_sim", id = id.to_string()),
            Self::MissingPlan(id) => t!("problem.missing_plan", id = id.to_string()),
            Self::EmptyName => t!("problem.empty_name"),
            Self::UnknownCountry(code) => {
                t!("problem.unknown_country", code = format!("{code:?}"))
            }
            Self::UnknownCurrency(code) => {
                t!("problem.unknown_currency", code = format!("{code:?}"))
            }
            Self::NoLegs => t!("problem.no_legs"),
            Self::EndsBeforeStart { from, to } => t!(
                "problem.ends_before_start",
                from = from.to_string(),
                to = to.to_string()
            ),
            Self::ValidityOutOfRange(validity) => t!(
                "problem.validity_out_of_range",
                validity = validity.to_string(),
                days = MAX_VALIDITY_DAYS,
                weeks = MAX_VALIDITY_WEEKS,
                months = MAX_VALIDITY_MONTHS
            ),
            Self::PriceNegative(price) => {
                t!("problem.price_negative", price = price.to_string())
            }
            Self::RateNotPositive { currency, rate } => t!(
                "problem.rate_not_positive",
                currency = format!("{currency:?}"),
                rate = rate.to_string()
            ),
            Self::TooPrecise { what, value } => t!(
                "problem.too_precise",
                what = *what,
                value = value.to_string(),
                places = value.scale(),
                max = MAX_DECIMAL_PLACES
            ),
            Self::TooMany { what, count, max } => {
                t!("problem.too_many", what = *what, count = count, max = max)
            }
            Self::TextTooLong { field, chars, max } => t!(
                "problem.text_too_long",
                field = *field,
                chars = chars,
                max = max
            ),
            Self::ListTooLong { field, len, max } => {
                t!(
                    "problem.list_too_long",
                    field = *field,
                    len = len,
                    max = max
                )
            }
            Self::TripTooLong { days, max } => {
                t!("problem.trip_too_long", days = days, max = max)
            }
            Self::TooManyLegDays { total, max } => {
                t!("problem.too_many_leg_days", total = total, max = max)
            }
            Self::LeadDaysTooLarge(days) => {
                t!(
                    "problem.lead_days_too_large",
                    days = days,
                    max = MAX_LEAD_DAYS
                )
            }
            Self::ReminderStageTooLarge(days) => t!(
                "problem.reminder_stage_too_large",
                days = days,
                max = MAX_LEAD_DAYS
            ),
            Self::DailyUseZero => t!("problem.daily_use_zero"),
            Self::KeepAliveOutOfRange(days) => t!(
                "problem.keep_alive_out_of_range",
                days = days,
                max = MAX_KEEP_ALIVE_DAYS
            ),
            Self::DateOutOfRange(date) => t!(
                "problem.date_out_of_range",
                date = date.to_string(),
                first = DATE_YEARS.start(),
                last = DATE_YEARS.end()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for Problem {}

/// Shown as e.g. `renewal 3: plan 42 does not exist`.
impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = t!(
            "problem.of_item",
            item = self.item.to_string(),
            problem = self.problem.to_string()
        );
        f.write_str(&text)
    }
}

impl std::error::Error for ValidationError {}

/// Collects problems in file order.
#[derive(Default)]
pub(super) struct Report(pub(super) Vec<ValidationError>);

impl Report {
    pub(super) fn push(&mut self, item: Item, problem: Problem) {
        self.0.push(ValidationError { item, problem });
    }

    pub(super) fn name(&mut self, item: Item, name: &str) {
        if name.trim().is_empty() {
            self.push(item, Problem::EmptyName);
        }
    }

    pub(super) fn country(&mut self, item: Item, code: &str) {
        if CountryCode::for_alpha2(code).is_err() {
            self.push(item, Problem::UnknownCountry(code.to_owned()));
        }
    }

    pub(super) fn currency(&mut self, item: Item, code: &str) {
        if Currency::from_code(code).is_none() {
            self.push(item, Problem::UnknownCurrency(code.to_owned()));
        }
    }

    pub(super) fn date(&mut self, item: Item, date: NaiveDate) {
        if !DATE_YEARS.contains(&date.year()) {
            self.push(item, Problem::DateOutOfRange(date));
        }
    }

    /// Reports an amount with more decimal places than a file may hold. The strict reader
    /// refuses those in a file; this catches one typed in the window before it is saved.
    pub(super) fn precision(&mut self, item: Item, what: &'static str, value: Decimal) {
        if value.scale() > MAX_DECIMAL_PLACES {
            self.push(item, Problem::TooPrecise { what, value });
        }
    }

    pub(super) fn lead_days(&mut self, item: Item, days: u32) {
        if days > MAX_LEAD_DAYS {
            self.push(item, Problem::LeadDaysTooLarge(days));
        }
    }

    /// Reports each id used more than once, at its first use.
    pub(super) fn unique_ids<I: Ord + Copy>(
        &mut self,
        ids: impl Iterator<Item = I>,
        item: fn(I) -> Item,
    ) {
        let mut counts: BTreeMap<I, usize> = BTreeMap::new();
        let mut order = Vec::new();
        for id in ids {
            let count = counts.entry(id).or_insert(0);
            if *count == 0 {
                order.push(id);
            }
            *count += 1;
        }
        for id in order {
            match counts.get(&id) {
                Some(&count) if count > 1 => self.push(item(id), Problem::DuplicateId { count }),
                _ => {}
            }
        }
    }
}
