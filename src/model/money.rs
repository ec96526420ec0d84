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

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}
