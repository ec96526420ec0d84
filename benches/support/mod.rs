//! A large generated state for the benches: many SIMs, renewals and trips.
#![allow(dead_code)]

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use sim_planner::model::{
    DataAllowance, Money, Plan, PlanId, RateValue, Renewal, RenewalId, RenewalRule, RenewalStatus,
    Rgb, Sim, SimId, SimKind, State, Trip, TripId, TripLeg, Validity,
};

const COUNTRIES: [&str; 8] = ["BH", "SA", "AE", "DE", "FR", "CN", "SG", "JP"];
const CARRIERS: [&str; 4] = ["Batelco", "Airalo", "China Mobile", "Singtel"];

/// A deterministic state of `sims` SIMs, `renewals` renewals spread over them and `trips` trips,
/// all around `start`.
pub fn large_state(sims: u32, renewals: u32, trips: u32, start: NaiveDate) -> State {
    let rules = [
        RenewalRule::Extend,
        RenewalRule::Restart,
        RenewalRule::LaterOf,
    ];
    let sims: Vec<Sim> = (1..=sims)
        .map(|i| Sim {
            id: SimId(i),
            name: format!("SIM {i}"),
            carrier: CARRIERS[i as usize % CARRIERS.len()].to_owned(),
            number: Some(format!("+973 3300 {i:04}")),
            kind: SimKind::Physical,
            color: Rgb(
                (i * 37 % 200) as u8 + 30,
                (i * 91 % 200) as u8 + 30,
                (i * 53 % 200) as u8 + 30,
            ),
            coverage: vec![
                COUNTRIES[i as usize % 8].to_owned(),
                COUNTRIES[(i as usize + 3) % 8].to_owned(),
            ],
            rule: rules[i as usize % 3],
            valid_until: start.checked_add_days(Days::new(u64::from(i % 20))),
            lead_days: None,
            daily_use_mb: Some(500 + i % 7 * 100),
            keep_alive_days: (i % 5 == 0).then_some(90),
            renew_url: None,
            payment: String::new(),
            notes: String::new(),
        })
        .collect();
    let validities = [
        Validity::Days(1),
        Validity::Weeks(1),
        Validity::Months(1),
        Validity::Days(30),
    ];
    let plans: Vec<Plan> = (1..=16u32)
        .map(|i| Plan {
            id: PlanId(i),
            name: format!("Plan {i}"),
            carrier: CARRIERS[i as usize % CARRIERS.len()].to_owned(),
            validity: validities[i as usize % validities.len()],
            price: Money {
                amount: Decimal::new(i64::from(i) * 1250, 3),
                currency: "USD".to_owned(),
            },
            data: DataAllowance::Megabytes(u64::from(i) * 2048),
            coverage: Vec::new(),
        })
        .collect();
    let renewals: Vec<Renewal> = (1..=renewals)
        .map(|i| {
            let sim = i % sims.len().max(1) as u32 + 1;
            let carrier = sim as usize % CARRIERS.len();
            Renewal {
                id: RenewalId(i),
                sim: SimId(sim),
                // A plan of the SIM's own carrier: plan ids are congruent to it modulo 4.
                plan: PlanId(match carrier as u32 + 4 * (i % 4) {
                    0 => 16,
                    id => id,
                }),
                on: start
                    .checked_add_days(Days::new(u64::from(i * 7 % 720)))
                    .unwrap_or(start),
                status: if i % 3 == 0 {
                    RenewalStatus::Paid
                } else {
                    RenewalStatus::Planned
                },
            }
        })
        .collect();
    let trips: Vec<Trip> = (1..=trips)
        .map(|i| {
            let from = start
                .checked_add_days(Days::new(u64::from(i * 17 % 360)))
                .unwrap_or(start);
            let mid = from.checked_add_days(Days::new(4)).unwrap_or(from);
            let to = mid.checked_add_days(Days::new(5)).unwrap_or(mid);
            Trip {
                id: TripId(i),
                name: format!("Trip {i}"),
                legs: vec![
                    TripLeg {
                        country: COUNTRIES[i as usize % 8].to_owned(),
                        from,
                        to: mid,
                    },
                    TripLeg {
                        country: COUNTRIES[(i as usize + 1) % 8].to_owned(),
                        from: mid,
                        to,
                    },
                ],
            }
        })
        .collect();
    State {
        sims,
        plans,
        renewals,
        trips,
        ..State::default()
    }
}

/// The traveller of the cover bench: `sims` SIMs of four carriers, `plans` plans of every kind
/// (daily to monthly, regional and the SIM's own coverage, three currencies), a few renewals
/// already planned, and one trip of `countries` legs of six days each, starting a week after
/// `today`. Trip 1 is the trip.
pub fn traveller_state(sims: u32, plans: u32, countries: usize, today: NaiveDate) -> State {
    const EUROPE: [&str; 8] = ["DE", "FR", "IT", "ES", "CH", "NL", "AT", "PT"];
    let rules = [
        RenewalRule::Extend,
        RenewalRule::LaterOf,
        RenewalRule::Restart,
    ];
    let at = |days: u64| today.checked_add_days(Days::new(days)).unwrap_or(today);
    let sims: Vec<Sim> = (1..=sims)
        .map(|i| {
            let n = i as usize;
            Sim {
                id: SimId(i),
                name: format!("SIM {i}"),
                carrier: CARRIERS[n % CARRIERS.len()].to_owned(),
                number: None,
                kind: SimKind::Esim,
                color: Rgb(40, 80, 120),
                coverage: (0..=n % 3)
                    .map(|k| EUROPE[(n * 3 + k * 2) % EUROPE.len()].to_owned())
                    .collect(),
                rule: rules[n % 3],
                valid_until: (!i.is_multiple_of(3)).then(|| at(u64::from(i * 3 % 17))),
                lead_days: None,
                daily_use_mb: Some(700),
                keep_alive_days: None,
                renew_url: None,
                payment: String::new(),
                notes: String::new(),
            }
        })
        .collect();
    let validities = [
        Validity::Days(1),
        Validity::Days(3),
        Validity::Weeks(1),
        Validity::Days(15),
        Validity::Months(1),
        Validity::Days(30),
    ];
    let currencies = ["EUR", "USD", "GBP"];
    let plans: Vec<Plan> = (1..=plans)
        .map(|i| {
            let n = i as usize;
            let validity = validities[n % validities.len()];
            let days = match validity {
                Validity::Days(d) => d,
                Validity::Weeks(w) => 7 * w,
                Validity::Months(m) => 30 * m,
            };
            Plan {
                id: PlanId(i),
                name: format!("Plan {i}"),
                // Every fifth plan is sold to any SIM.
                carrier: if n.is_multiple_of(5) {
                    String::new()
                } else {
                    CARRIERS[n % CARRIERS.len()].to_owned()
                },
                validity,
                price: Money {
                    // Longer plans cost less a day; prices vary by plan.
                    amount: Decimal::new(i64::from(200 + days * (60 + i % 7 * 10)), 2),
                    currency: currencies[n % currencies.len()].to_owned(),
                },
                data: DataAllowance::Megabytes(u64::from(days) * 1024),
                coverage: if n.is_multiple_of(4) {
                    (0..3)
                        .map(|k| EUROPE[(n + k) % EUROPE.len()].to_owned())
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let renewals: Vec<Renewal> = (1..=5u32)
        .map(|i| Renewal {
            id: RenewalId(i),
            sim: SimId(i * 2 % sims.len().max(1) as u32 + 1),
            plan: PlanId(i * 7 % plans.len().max(1) as u32 + 1),
            on: at(u64::from(i * 5)),
            status: RenewalStatus::Planned,
        })
        .collect();
    let legs: Vec<TripLeg> = (0..countries)
        .map(|k| TripLeg {
            country: EUROPE[k % EUROPE.len()].to_owned(),
            from: at(7 + 6 * k as u64),
            to: at(12 + 6 * k as u64),
        })
        .collect();
    let mut state = State {
        sims,
        plans,
        renewals,
        trips: vec![Trip {
            id: TripId(1),
            name: "Europe".to_owned(),
            legs,
        }],
        ..State::default()
    };
    state.settings.base_currency = Some("EUR".to_owned());
    state.settings.rates = std::collections::BTreeMap::from([
        ("USD".to_owned(), RateValue(Decimal::new(92, 2))),
        ("GBP".to_owned(), RateValue(Decimal::new(117, 2))),
    ]);
    state
}
