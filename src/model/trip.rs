//! A trip: the countries the user will be in, and when.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TripId;

/// A trip of one or more legs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trip {
    pub id: TripId,
    pub name: String,
    pub legs: Vec<TripLeg>,
}

/// Days `from..=to` spent in one country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TripLeg {
    pub country: String,
    #[serde(deserialize_with = "super::strict::date")]
    pub from: NaiveDate,
    #[serde(deserialize_with = "super::strict::date")]
    pub to: NaiveDate,
}

impl Trip {
    /// The first and last day of the trip, if it has any legs.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let from = self.legs.iter().map(|leg| leg.from).min()?;
        let to = self.legs.iter().map(|leg| leg.to).max()?;
        Some((from, to))
    }
}
