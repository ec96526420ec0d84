//! What a problem with a state is: the item it is about, what is wrong (worded for the user),
//! and the ranges those words name. `validate` and the limits both report them.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use iso_currency::Currency;
use isocountry::CountryCode;
use rust_decimal::Decimal;

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
            Self::Settings => f.write_str("settings"),
            Self::Sim(id) => write!(f, "SIM {id}"),
            Self::Plan(id) => write!(f, "plan {id}"),
            Self::Renewal(id) => write!(f, "renewal {id}"),
            Self::Trip(id) => write!(f, "trip {id}"),
            Self::TripLeg { trip, leg } => write!(f, "trip {trip}, leg {leg}"),
        }
    }
}

/// What is wrong with an [`Item`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the id is used {count} times; give each one its own id")]
    DuplicateId { count: usize },
    #[error("SIM {0} does not exist")]
    MissingSim(SimId),
    #[error("plan {0} does not exist")]
    MissingPlan(PlanId),
    #[error("the name is empty")]
    EmptyName,
    #[error("unknown country code {0:?} (use two capital letters from ISO 3166-1, e.g. \"DE\")")]
    UnknownCountry(String),
    #[error("unknown currency code {0:?} (use three capital letters from ISO 4217, e.g. \"USD\")")]
    UnknownCurrency(String),
    #[error("the trip has no legs; add at least one country with its dates")]
    NoLegs,
    #[error("ends ({to}) before it starts ({from})")]
    EndsBeforeStart { from: NaiveDate, to: NaiveDate },
    #[error(
        "the validity {0} is out of range (1 to {MAX_VALIDITY_DAYS} days, {MAX_VALIDITY_WEEKS} \
         weeks or {MAX_VALIDITY_MONTHS} months)"
    )]
    ValidityOutOfRange(Validity),
    #[error("the price {0} is negative; it must be 0 or more")]
    PriceNegative(Money),
    #[error("the exchange rate for {currency:?} is {rate}; it must be more than 0")]
    RateNotPositive { currency: String, rate: Decimal },
    #[error(
        "the {what} {value} has {places} decimal places; at most {MAX_DECIMAL_PLACES} are kept, \
         and nothing is rounded: shorten it",
        places = .value.scale()
    )]
    TooPrecise { what: &'static str, value: Decimal },
    #[error(
        "the file has {count} {what}; at most {max} fit in one file (this is the first past the limit)"
    )]
    TooMany {
        what: &'static str,
        count: usize,
        max: usize,
    },
    #[error("{field}: {chars} characters, more than the {max} allowed")]
    TextTooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error("the {field} list has {len} entries; at most {max} are allowed")]
    ListTooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error(
        "the trip lasts {days} days from its first day to its last; a trip lasts at most {max} days"
    )]
    TripTooLong { days: u32, max: u32 },
    #[error(
        "the legs of the trips up to this one add up to {total} days; all trips together may have \
         at most {max} days of legs"
    )]
    TooManyLegDays { total: u32, max: u32 },
    #[error("lead days {0} is more than {MAX_LEAD_DAYS}")]
    LeadDaysTooLarge(u32),
    #[error("the reminder {0} days before is more than {MAX_LEAD_DAYS} days before")]
    ReminderStageTooLarge(u32),
    #[error("daily use must be at least 1 MB (or None)")]
    DailyUseZero,
    #[error("keep-alive days {0} is out of range (1 to {MAX_KEEP_ALIVE_DAYS}, or None)")]
    KeepAliveOutOfRange(u32),
    #[error(
        "the date {date} is outside the years {first} to {last}",
        date = .0,
        first = DATE_YEARS.start(),
        last = DATE_YEARS.end()
    )]
    DateOutOfRange(NaiveDate),
}

/// One problem with one item, shown as e.g. `renewal 3: plan 42 does not exist`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{item}: {problem}")]
pub struct ValidationError {
    pub item: Item,
    pub problem: Problem,
}

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
