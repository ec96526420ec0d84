//! Strict reading of dates and amounts ("Dates are exactly `YYYY-MM-DD`, amounts plain
//! decimals; nothing is rounded silently" in DESIGN.md).
//!
//! chrono's and `rust_decimal`'s own serde readers are lenient: they take `" 2026-12-01"`,
//! `"2026-1-1"`, `"1e10"` and `"+1"`, and round a price with 29 decimals to 28. These readers
//! take only what SIM Planner itself writes, and say what is wrong with anything else. Writing
//! is unchanged (chrono's `YYYY-MM-DD`, the decimal's plain digits), so what is saved reads back.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};

/// The most decimal places an amount or an exchange rate may have.
pub const MAX_DECIMAL_PLACES: u32 = 8;

/// Parses a date written exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(format!(
            "{text:?} is not a date written YYYY-MM-DD; dates are written \"YYYY-MM-DD\" with a \
             four-digit year and two-digit month and day, e.g. \"2026-12-03\", and nothing around \
             them"
        ));
    }
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|digits| digits.parse::<u32>().ok())
    };
    let date = match (number(0..4), number(5..7), number(8..10)) {
        (Some(year), Some(month), Some(day)) => i32::try_from(year)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day)),
        _ => None,
    };
    date.ok_or_else(|| {
        format!(
            "{text:?} is not a real date; dates are written \"YYYY-MM-DD\", e.g. \"2026-12-03\""
        )
    })
}

/// Parses an amount written as plain decimal digits: `8`, `8.000`, `0.25`; at most
/// [`MAX_DECIMAL_PLACES`] after the point. No exponent, no `+`, no spaces, nothing rounded. A
/// leading `-` is read (so that validation can say the amount is negative, naming the item),
/// except on zero, which has no sign to keep.
pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let example = "amounts are written as plain decimal digits, e.g. \"8.000\"";
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|fraction| !all_digits(fraction)) {
        let why = if text.contains(['e', 'E']) {
            "has an exponent"
        } else if text.starts_with('+') {
            "has a sign"
        } else if text.trim() != text {
            "has spaces around it"
        } else {
            "is not a plain decimal number"
        };
        return Err(format!("the amount {text:?} {why}; {example}"));
    }
    let places = fraction.map_or(0, str::len);
    if places > MAX_DECIMAL_PLACES as usize {
        return Err(format!(
            "the amount {text:?} has {places} decimal places; at most {MAX_DECIMAL_PLACES} are \
             kept, and SIM Planner does not round: shorten it"
        ));
    }
    let amount = Decimal::from_str_exact(text)
        .map_err(|_| format!("the amount {text:?} is too large; {example}"))?;
    if amount.is_zero() && text.starts_with('-') {
        return Err(format!("the amount {text:?} has a sign; {example}"));
    }
    Ok(amount)
}

/// `deserialize_with` for a date field.
pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_date(&text).map_err(serde::de::Error::custom)
}

/// `deserialize_with` for an optional date field (`Some("2026-12-05")` or `None`).
pub fn option_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<StrictDate>::deserialize(deserializer).map(|date| date.map(|date| date.0))
}

/// `with` module for an amount written as a string: reads with [`parse_amount`], writes as
/// `rust_decimal` does (plain digits).
pub mod amount {
    use super::{Decimal, Deserialize, Deserializer, Serializer, parse_amount};

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(value, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_amount(&text).map_err(serde::de::Error::custom)
    }
}

/// A date read with [`parse_date`], for [`option_date`].
struct StrictDate(NaiveDate);

impl<'de> Deserialize<'de> for StrictDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        date(deserializer).map(Self)
    }
}
