//! A SIM card or eSIM the user keeps alive.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{LinkSafety, SimId};

/// One SIM (physical or eSIM), with what the user already has on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sim {
    pub id: SimId,
    pub name: String,
    #[serde(default)]
    pub carrier: String,
    #[serde(default)]
    pub number: Option<String>,
    pub kind: SimKind,
    pub color: Rgb,
    /// ISO 3166-1 alpha-2 codes where this SIM works.
    #[serde(default)]
    pub coverage: Vec<String>,
    pub rule: RenewalRule,
    /// The last day of the period the user already has.
    #[serde(default, deserialize_with = "super::strict::option_date")]
    pub valid_until: Option<NaiveDate>,
    /// `None` means `settings.lead_days`.
    #[serde(default)]
    pub lead_days: Option<u32>,
    /// Expected use per day, for the data run-out forecast.
    #[serde(default)]
    pub daily_use_mb: Option<u32>,
    /// The number is recycled after this many days without service.
    #[serde(default)]
    pub keep_alive_days: Option<u32>,
    #[serde(default)]
    pub renew_url: Option<String>,
    #[serde(default)]
    pub payment: String,
    #[serde(default)]
    pub notes: String,
}

impl Sim {
    /// The renewal link, trimmed, with what may be done with it; `None` when there is none.
    pub fn renew_link(&self) -> Option<(&str, LinkSafety)> {
        let url = self.renew_url.as_deref()?.trim();
        (!url.is_empty()).then(|| (url, LinkSafety::of(url)))
    }
}

/// A physical card or an eSIM profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SimKind {
    #[default]
    Physical,
    Esim,
}

/// How a carrier applies a new plan to what is left of the old one (DESIGN.md, "Schedule rules").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RenewalRule {
    /// Days stack onto what is left: the plan starts the day after the current end.
    #[default]
    Extend,
    /// The plan starts on the day bought; what was left is lost.
    Restart,
    /// The later of the two ends wins.
    LaterOf,
}

/// A colour as red, green, blue; written `(212, 68, 68)` in the state file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);
