//! Builders shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

pub mod ui;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sim_planner::model::{
    DataAllowance, Money, Plan, PlanId, Renewal, RenewalId, RenewalRule, RenewalStatus, Rgb, Sim,
    SimId, SimKind, State, Trip, TripId, TripLeg, Validity,
};

/// A date from `YYYY-MM-DD`.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The realistic traveller fixture, loaded through the store.
pub fn traveller() -> State {
    sim_planner::store::load(std::path::Path::new(&fixture("traveller-en.ron"))).unwrap()
}

pub fn sim(id: u32, carrier: &str, rule: RenewalRule, valid_until: Option<&str>) -> Sim {
    Sim {
        id: SimId(id),
        name: format!("SIM {id}"),
        carrier: carrier.to_owned(),
        number: None,
        kind: SimKind::Physical,
        color: Rgb(10, 20, 30),
        coverage: vec!["BH".to_owned()],
        rule,
        valid_until: valid_until.map(d),
        lead_days: None,
        daily_use_mb: None,
        keep_alive_days: None,
        renew_url: None,
        payment: String::new(),
        notes: String::new(),
    }
}

pub fn plan(id: u32, carrier: &str, validity: Validity, amount: &str, currency: &str) -> Plan {
    Plan {
        id: PlanId(id),
        name: format!("Plan {id}"),
        carrier: carrier.to_owned(),
        validity,
        price: Money {
            amount: amount.parse::<Decimal>().unwrap(),
            currency: currency.to_owned(),
        },
        data: DataAllowance::Unlimited,
        coverage: Vec::new(),
    }
}

pub fn renewal(id: u32, sim: u32, plan: u32, on: &str) -> Renewal {
    Renewal {
        id: RenewalId(id),
        sim: SimId(sim),
        plan: PlanId(plan),
        on: d(on),
        status: RenewalStatus::Planned,
    }
}

pub fn trip(id: u32, legs: &[(&str, &str, &str)]) -> Trip {
    Trip {
        id: TripId(id),
        name: format!("Trip {id}"),
        legs: legs
            .iter()
            .map(|(country, from, to)| TripLeg {
                country: (*country).to_owned(),
                from: d(from),
                to: d(to),
            })
            .collect(),
    }
}

pub fn state(sims: Vec<Sim>, plans: Vec<Plan>, renewals: Vec<Renewal>) -> State {
    State {
        sims,
        plans,
        renewals,
        ..State::default()
    }
}
