//! A renewal: one plan bought (or to be bought) for one SIM on one day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{PlanId, RenewalId, SimId};

/// A plan bought for a SIM on the day `on`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    pub id: RenewalId,
    pub sim: SimId,
    pub plan: PlanId,
    #[serde(deserialize_with = "super::strict::date")]
    pub on: NaiveDate,
    pub status: RenewalStatus,
}

/// Whether the renewal has been paid for yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RenewalStatus {
    #[default]
    Planned,
    Paid,
}

impl RenewalStatus {
    pub fn is_paid(self) -> bool {
        self == Self::Paid
    }
}
