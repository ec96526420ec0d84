//! An amount in one currency.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A price: a decimal amount (stored as a string, e.g. `"8.000"`, so no precision is lost)
/// in an ISO 4217 currency.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    #[serde(with = "super::strict::amount")]
    pub amount: Decimal,
    pub currency: String,
}

impl Money {
    /// The amount with its currency's digits, e.g. `8.000` for BHD: see [`format_amount`].
    pub fn amount_text(&self) -> String {
        format_amount(self.amount, &self.currency)
    }
}

/// Shown as `8.000 BHD`, `30.00 CNY`: the amount with its currency's digits, then the code.
impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount_text(), self.currency)
    }
}

/// How many digits `currency` has after the decimal point (ISO 4217's minor unit: 3 for BHD,
/// 2 for CNY, 0 for JPY); 2 for a code ISO 4217 does not know or gives no minor unit for.
pub fn minor_digits(currency: &str) -> u32 {
    iso_currency::Currency::from_code(&currency.trim().to_ascii_uppercase())
        .and_then(iso_currency::Currency::exponent)
        .map_or(2, u32::from)
}

/// `amount` written with `currency`'s digits ([`minor_digits`]): `8` BHD is `8.000`,
/// `422.50000` CNY (a sum of converted prices) is `422.50`. Trailing zeros past the currency's
/// digits are dropped, but a digit that is not zero never is: "nothing is rounded silently"
/// (DESIGN.md), so `1.2345` USD stays `1.2345`.
pub fn format_amount(amount: Decimal, currency: &str) -> String {
    let digits = minor_digits(currency);
    let mut amount = amount.normalize();
    if amount.scale() < digits {
        // Raising the scale only appends zeros; the value is unchanged.
        amount.rescale(digits);
    }
    amount.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn amounts_take_their_currencys_digits() {
        assert_eq!(format_amount(amount("8"), "BHD"), "8.000");
        assert_eq!(format_amount(amount("30.00"), "CNY"), "30.00");
        assert_eq!(format_amount(amount("422.50000"), "CNY"), "422.50");
        assert_eq!(format_amount(amount("100"), "JPY"), "100");
        assert_eq!(format_amount(amount("0"), "usd"), "0.00");
    }

    #[test]
    fn digits_that_are_not_zero_are_never_rounded_away() {
        assert_eq!(format_amount(amount("1.2345"), "USD"), "1.2345");
        assert_eq!(format_amount(amount("100.5"), "JPY"), "100.5");
    }

    #[test]
    fn an_unknown_code_gets_two_digits() {
        assert_eq!(minor_digits("XYZ"), 2);
        assert_eq!(format_amount(amount("7.1"), "XYZ"), "7.10");
    }

    #[test]
    fn money_shows_its_amount_then_its_code() {
        let money = Money {
            amount: amount("3"),
            currency: "BHD".to_owned(),
        };
        assert_eq!(money.to_string(), "3.000 BHD");
    }
}
