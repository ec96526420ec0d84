//! The whole state file.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Plan, PlanId, Renewal, RenewalId, Sim, SimId, Trip, TripId};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the user keeps: one RON file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u32,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub sims: Vec<Sim>,
    #[serde(default)]
    pub plans: Vec<Plan>,
    #[serde(default)]
    pub renewals: Vec<Renewal>,
    #[serde(default)]
    pub trips: Vec<Trip>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            version: SCHEMA_VERSION,
            settings: Settings::default(),
            sims: Vec::new(),
            plans: Vec::new(),
            renewals: Vec::new(),
            trips: Vec::new(),
        }
    }
}

impl State {
    pub fn sim(&self, id: SimId) -> Option<&Sim> {
        self.sims.iter().find(|sim| sim.id == id)
    }

    pub fn plan(&self, id: PlanId) -> Option<&Plan> {
        self.plans.iter().find(|plan| plan.id == id)
    }

    pub fn renewal(&self, id: RenewalId) -> Option<&Renewal> {
        self.renewals.iter().find(|renewal| renewal.id == id)
    }

    pub fn trip(&self, id: TripId) -> Option<&Trip> {
        self.trips.iter().find(|trip| trip.id == id)
    }

    /// One more than the highest SIM id in use.
    pub fn next_sim_id(&self) -> SimId {
        SimId(
            self.sims
                .iter()
                .map(|s| s.id.0)
                .max()
                .unwrap_or(0)
                .saturating_add(1),
        )
    }

    /// One more than the highest plan id in use.
    pub fn next_plan_id(&self) -> PlanId {
        PlanId(
            self.plans
                .iter()
                .map(|p| p.id.0)
                .max()
                .unwrap_or(0)
                .saturating_add(1),
        )
    }

    /// One more than the highest renewal id in use.
    pub fn next_renewal_id(&self) -> RenewalId {
        RenewalId(
            self.renewals
                .iter()
                .map(|r| r.id.0)
                .max()
                .unwrap_or(0)
                .saturating_add(1),
        )
    }

    /// One more than the highest trip id in use.
    pub fn next_trip_id(&self) -> TripId {
        TripId(
            self.trips
                .iter()
                .map(|t| t.id.0)
                .max()
                .unwrap_or(0)
                .saturating_add(1),
        )
    }

    /// "Who can take a plan": a plan may be bought for a SIM of the same carrier (compared
    /// without case), or for any SIM when the plan's carrier is empty.
    pub fn can_take(sim: &Sim, plan: &Plan) -> bool {
        let plan_carrier = plan.carrier.trim();
        plan_carrier.is_empty() || plan_carrier.to_lowercase() == sim.carrier.trim().to_lowercase()
    }

    /// The lead days that apply to `sim`: its own, else the settings'.
    pub fn lead_days(&self, sim: &Sim) -> u32 {
        sim.lead_days.unwrap_or(self.settings.lead_days)
    }
}

/// App-wide settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Remind this many days before a validity ends.
    #[serde(default = "default_lead_days")]
    pub lead_days: u32,
    /// Extra ICS alarms, days before the renew-by date.
    #[serde(default)]
    pub reminder_stages: Vec<u32>,
    #[serde(default)]
    pub week_start: WeekStart,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub base_currency: Option<String>,
    /// 1 unit of the key's currency = value units of `base_currency`.
    #[serde(default)]
    pub rates: BTreeMap<String, RateValue>,
}

/// An exchange rate, stored as a decimal string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RateValue(#[serde(with = "super::strict::amount")] pub Decimal);

fn default_lead_days() -> u32 {
    3
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lead_days: default_lead_days(),
            reminder_stages: vec![7, 3, 0],
            week_start: WeekStart::Monday,
            language: Language::English,
            base_currency: None,
            rates: BTreeMap::new(),
        }
    }
}

/// The first day of the week in the month view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeekStart {
    #[default]
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl WeekStart {
    pub fn weekday(self) -> chrono::Weekday {
        match self {
            Self::Monday => chrono::Weekday::Mon,
            Self::Tuesday => chrono::Weekday::Tue,
            Self::Wednesday => chrono::Weekday::Wed,
            Self::Thursday => chrono::Weekday::Thu,
            Self::Friday => chrono::Weekday::Fri,
            Self::Saturday => chrono::Weekday::Sat,
            Self::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    SimplifiedChinese,
}

impl Language {
    /// Every language, in the order the menus offer them.
    pub const ALL: [Self; 2] = [Self::English, Self::SimplifiedChinese];

    /// The locale of its strings in `assets/locales/` (also the HTML `lang`): `en`, `zh-CN`.
    pub fn locale(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::SimplifiedChinese => "zh-CN",
        }
    }

    /// The language for a BCP 47 tag as systems report it (`zh-CN`, `zh_Hans_CN`, `zh-TW`,
    /// `en-GB`): any Chinese reads Simplified Chinese here, anything else English.
    pub fn for_tag(tag: &str) -> Self {
        let primary = tag.split(['-', '_', '.', '@']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Self::SimplifiedChinese
        } else {
            Self::English
        }
    }

    /// The language its own speakers call it by, as the switch offers it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::SimplifiedChinese => "简体中文",
        }
    }
}
