//! A plan: a pack the user can buy to renew a SIM.

use serde::{Deserialize, Serialize};

use super::{Money, PlanId, Sim};

/// A plan (daily, weekly, monthly pack…) with its price, data and validity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: PlanId,
    pub name: String,
    /// Empty means any SIM may take this plan ("Who can take a plan").
    #[serde(default)]
    pub carrier: String,
    pub validity: Validity,
    pub price: Money,
    pub data: DataAllowance,
    /// ISO 3166-1 alpha-2 codes; empty means the SIM's own coverage.
    #[serde(default)]
    pub coverage: Vec<String>,
}

impl Plan {
    /// Where this plan works when bought for `sim` ("Trip coverage"): the plan's countries,
    /// else the SIM's own coverage when the plan's list is empty.
    pub fn coverage_for<'a>(&'a self, sim: &'a Sim) -> &'a [String] {
        if self.coverage.is_empty() {
            &sim.coverage
        } else {
            &self.coverage
        }
    }
}

/// How long a plan lasts from the day it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Validity {
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Validity {
    /// The count inside, whatever the unit.
    pub fn count(self) -> u32 {
        match self {
            Self::Days(n) | Self::Weeks(n) | Self::Months(n) => n,
        }
    }
}

impl std::fmt::Display for Validity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match *self {
            Self::Days(n) => (n, "day"),
            Self::Weeks(n) => (n, "week"),
            Self::Months(n) => (n, "month"),
        };
        let plural = if n == 1 { "" } else { "s" };
        write!(f, "{n} {unit}{plural}")
    }
}

/// The data a plan includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DataAllowance {
    Megabytes(u64),
    Unlimited,
}

impl std::fmt::Display for DataAllowance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::Unlimited => f.write_str("unlimited"),
            Self::Megabytes(mb) if mb >= 1024 && mb % 1024 == 0 => write!(f, "{} GB", mb / 1024),
            Self::Megabytes(mb) if mb >= 1024 => write!(f, "{:.1} GB", mb as f64 / 1024.0),
            Self::Megabytes(mb) => write!(f, "{mb} MB"),
        }
    }
}
