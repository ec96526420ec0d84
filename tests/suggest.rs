//! "Suggestions" (DESIGN.md): the trip cover against brute force on small generated states, and
//! worked by hand on the traveller fixture.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use chrono::NaiveDate;
use common::d;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rust_decimal::Decimal;
use sim_planner::model::{
    DataAllowance, Money, Plan, PlanId, Renewal, RenewalId, RenewalRule, RenewalStatus, Rgb, Sim,
    SimId, SimKind, State, Trip, TripId, TripLeg, Validity,
};
use sim_planner::schedule::{
    TripCover, UncoverableReason, cover_trip, sim_covers_on, sim_schedule,
};

/// Time enough for every search here to finish, so that each cover is proven optimal.
const BUDGET: Duration = Duration::from_mins(1);

// --- Generated states -----------------------------------------------------------------------

const COUNTRIES: [&str; 4] = ["DE", "FR", "IT", "CH"];

fn today() -> NaiveDate {
    d("2027-03-01")
}

fn day(offset: i64) -> NaiveDate {
    today() + chrono::Duration::days(offset)
}

fn countries() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(COUNTRIES.to_vec(), 0..=3)
        .prop_map(|codes| codes.into_iter().map(str::to_owned).collect())
}

fn rule() -> impl Strategy<Value = RenewalRule> {
    prop_oneof![
        Just(RenewalRule::Extend),
        Just(RenewalRule::Restart),
        Just(RenewalRule::LaterOf)
    ]
}

fn sim_strategy() -> impl Strategy<Value = (RenewalRule, &'static str, Vec<String>, Option<i64>)> {
    (
        rule(),
        prop_oneof![Just("A"), Just("B")],
        countries(),
        proptest::option::of(-3i64..=8),
    )
}

fn validity() -> impl Strategy<Value = Validity> {
    prop_oneof![
        3 => (1u32..=4).prop_map(Validity::Days),
        1 => Just(Validity::Weeks(1)),
        1 => Just(Validity::Months(1)),
    ]
}

/// EUR is the base; USD has a rate; JPY has none (such a plan must be left out).
fn currency() -> impl Strategy<Value = &'static str> {
    prop_oneof![6 => Just("EUR"), 2 => Just("USD"), 1 => Just("JPY")]
}

fn plan_strategy() -> impl Strategy<Value = (&'static str, Vec<String>, Validity, i64, &'static str)>
{
    (
        prop_oneof![Just("A"), Just("B"), Just("")],
        prop_oneof![2 => Just(Vec::new()), 1 => countries()],
        validity(),
        1i64..=9,
        currency(),
    )
}

fn leg_strategy() -> impl Strategy<Value = (usize, i64, i64)> {
    (0..COUNTRIES.len(), -2i64..=8, 0i64..=3)
}

fn state_strategy() -> impl Strategy<Value = State> {
    (
        proptest::collection::vec(sim_strategy(), 2..=3),
        proptest::collection::vec(plan_strategy(), 3..=4),
        proptest::collection::vec((0usize..3, 0usize..4, -3i64..=10, any::<bool>()), 0..=2),
        proptest::collection::vec(leg_strategy(), 1..=3),
    )
        .prop_map(|(sims, plans, renewals, legs)| build(&sims, &plans, &renewals, &legs))
}

#[allow(clippy::type_complexity)]
fn build(
    sims: &[(RenewalRule, &str, Vec<String>, Option<i64>)],
    plans: &[(&str, Vec<String>, Validity, i64, &str)],
    renewals: &[(usize, usize, i64, bool)],
    legs: &[(usize, i64, i64)],
) -> State {
    let mut state = State::default();
    state.settings.base_currency = Some("EUR".to_owned());
    state.settings.rates = BTreeMap::from([(
        "USD".to_owned(),
        sim_planner::model::RateValue("0.5".parse().unwrap()),
    )]);
    state.sims = sims
        .iter()
        .zip(1..)
        .map(|((rule, carrier, coverage, valid_until), id)| Sim {
            id: SimId(id),
            name: format!("SIM {id}"),
            carrier: (*carrier).to_owned(),
            number: None,
            kind: SimKind::Esim,
            color: Rgb(1, 2, 3),
            coverage: coverage.clone(),
            rule: *rule,
            valid_until: valid_until.map(day),
            lead_days: None,
            daily_use_mb: None,
            keep_alive_days: None,
            renew_url: None,
            payment: String::new(),
            notes: String::new(),
        })
        .collect();
    state.plans = plans
        .iter()
        .zip(1..)
        .map(
            |((carrier, coverage, validity, price, currency), id)| Plan {
                id: PlanId(id),
                name: format!("Plan {id}"),
                carrier: (*carrier).to_owned(),
                validity: *validity,
                price: Money {
                    amount: Decimal::from(*price),
                    currency: (*currency).to_owned(),
                },
                data: DataAllowance::Unlimited,
                coverage: coverage.clone(),
            },
        )
        .collect();
    state.renewals = renewals
        .iter()
        .zip(1..)
        .filter(|((sim, plan, ..), _)| *sim < state.sims.len() && *plan < state.plans.len())
        .map(|((sim, plan, on, paid), id)| Renewal {
            id: RenewalId(id),
            sim: SimId(*sim as u32 + 1),
            plan: PlanId(*plan as u32 + 1),
            on: day(*on),
            status: if *paid {
                RenewalStatus::Paid
            } else {
                RenewalStatus::Planned
            },
        })
        .collect();
    let mut legs: Vec<TripLeg> = legs
        .iter()
        .map(|(country, from, length)| TripLeg {
            country: COUNTRIES[*country].to_owned(),
            from: day(*from),
            to: day((*from + *length).min(9)),
        })
        .collect();
    legs.sort_by_key(|leg| leg.from);
    state.trips = vec![Trip {
        id: TripId(1),
        name: "Generated".to_owned(),
        legs,
    }];
    state
}

// --- Brute force ----------------------------------------------------------------------------

/// The trip's (day, country) pairs, once each.
fn pairs(trip: &Trip) -> Vec<(NaiveDate, String)> {
    let mut pairs: Vec<(NaiveDate, String)> = trip
        .legs
        .iter()
        .flat_map(|leg| {
            leg.from
                .iter_days()
                .take_while(|day| *day <= leg.to)
                .map(|day| (day, leg.country.clone()))
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// The price of `plan` in EUR, if it has one.
fn price_in_eur(plan: &Plan) -> Option<Decimal> {
    match plan.price.currency.as_str() {
        "EUR" => Some(plan.price.amount),
        "USD" => Some(plan.price.amount * Decimal::new(5, 1)),
        _ => None,
    }
}

/// Which of `pairs` the SIM serves with `extra` renewals added after the state's, as the
/// schedule says (bit `i` for `pairs[i]`).
fn served_by(state: &State, sim: &Sim, extra: &[Renewal], pairs: &[(NaiveDate, String)]) -> u64 {
    let schedule = sim_schedule(
        sim,
        state.renewals.iter().chain(extra),
        |id| state.plan(id),
        state.settings.lead_days,
        today(),
    );
    pairs
        .iter()
        .enumerate()
        .filter(|(_, (date, country))| sim_covers_on(state, &schedule, *date, country))
        .fold(0, |mask, (index, _)| mask | (1 << index))
}

/// A purchase brute force may make: (plan, day).
type Buy = (PlanId, NaiveDate);

/// What brute force finds: the most pairs any set of up to three purchases covers, the least it
/// costs to cover that many, and every pair some such set covers.
struct Brute {
    most: u32,
    cheapest: Decimal,
    coverable: u64,
}

/// Every set of up to three purchases (the candidates: a SIM with a plan it may take that
/// works in a trip country and has a price, on a day from today through the trip's end), each
/// checked by re-running the schedule. A SIM's service depends only on its own renewals, so the
/// sets are enumerated per SIM (with every order of same-day purchases) and then combined.
fn brute_force(state: &State, pairs: &[(NaiveDate, String)]) -> Brute {
    let trip = &state.trips[0];
    let last = trip.date_range().unwrap().1;
    let next_id = state.next_renewal_id().0;
    // Per SIM, per number of purchases, the least cost of each set of pairs served.
    let mut tables: Vec<Vec<HashMap<u64, Decimal>>> = Vec::new();
    for sim in &state.sims {
        let mut buys: Vec<(Buy, Decimal)> = Vec::new();
        for plan in &state.plans {
            let works = plan
                .coverage_for(sim)
                .iter()
                .any(|code| pairs.iter().any(|(_, country)| country == code));
            let (true, true, Some(price)) = (works, State::can_take(sim, plan), price_in_eur(plan))
            else {
                continue;
            };
            for on in today().iter_days().take_while(|on| *on <= last) {
                buys.push(((plan.id, on), price));
            }
        }
        let mut table: Vec<HashMap<u64, Decimal>> = vec![HashMap::new(); 4];
        let mut record = |k: usize, chosen: &[usize]| {
            let mut orders = vec![chosen.to_vec()];
            if chosen.len() > 1 {
                orders = permutations(chosen);
            }
            let cost: Decimal = chosen.iter().map(|&i| buys[i].1).sum();
            for order in orders {
                let extra: Vec<Renewal> = order
                    .iter()
                    .zip(next_id..)
                    .map(|(&i, id)| Renewal {
                        id: RenewalId(id),
                        sim: sim.id,
                        plan: buys[i].0.0,
                        on: buys[i].0.1,
                        status: RenewalStatus::Planned,
                    })
                    .collect();
                let mask = served_by(state, sim, &extra, pairs);
                let best = table[k].entry(mask).or_insert(cost);
                if cost < *best {
                    *best = cost;
                }
            }
        };
        record(0, &[]);
        let n = buys.len();
        for a in 0..n {
            record(1, &[a]);
            for b in a + 1..n {
                record(2, &[a, b]);
                for c in b + 1..n {
                    record(3, &[a, b, c]);
                }
            }
        }
        tables.push(table);
    }
    let mut brute = Brute {
        most: 0,
        cheapest: Decimal::ZERO,
        coverable: 0,
    };
    combine(&tables, 0, 3, 0, Decimal::ZERO, &mut brute);
    brute
}

/// Orders of `items` that differ (all of them; at most six).
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut all = Vec::new();
    for (index, &first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(index);
        for mut tail in permutations(&rest) {
            tail.insert(0, first);
            all.push(tail);
        }
    }
    all
}

fn combine(
    tables: &[Vec<HashMap<u64, Decimal>>],
    sim: usize,
    left: usize,
    mask: u64,
    cost: Decimal,
    brute: &mut Brute,
) {
    let Some(table) = tables.get(sim) else {
        let count = mask.count_ones();
        brute.coverable |= mask;
        if count > brute.most || (count == brute.most && cost < brute.cheapest) {
            brute.most = count;
            brute.cheapest = cost;
        }
        return;
    };
    for (k, sets) in table.iter().enumerate().take(left + 1) {
        for (&served, &price) in sets {
            combine(
                tables,
                sim + 1,
                left - k,
                mask | served,
                cost + price,
                brute,
            );
        }
    }
}

/// Which pairs the cover serves, by the schedule re-run here (not by the cover's own account).
fn served_with(state: &State, cover: &TripCover, pairs: &[(NaiveDate, String)]) -> u64 {
    let extra = cover.renewals(state);
    state
        .sims
        .iter()
        .fold(0, |mask, sim| mask | served_by(state, sim, &extra, pairs))
}

/// Whether brute force could have tried the cover: at most three distinct purchases.
fn brute_could_try(cover: &TripCover) -> bool {
    let mut seen: Vec<(SimId, PlanId, NaiveDate)> = cover
        .purchases
        .iter()
        .map(|p| (p.sim, p.plan, p.on))
        .collect();
    seen.sort();
    seen.dedup();
    cover.purchases.len() <= 3 && seen.len() == cover.purchases.len()
}

fn check(state: &State, tried: &Cell<u32>, beyond: &Cell<u32>) -> Result<(), TestCaseError> {
    let trip = &state.trips[0];
    let pairs = pairs(trip);
    let cover = cover_trip(state, TripId(1), today(), BUDGET).unwrap();
    prop_assert!(cover.optimal, "the search did not finish: {cover:?}");

    // The cover is what the schedule says: its uncovered pairs are exactly those the schedule
    // re-run with its purchases leaves uncovered, and its total is the sum of its prices.
    let served = served_with(state, &cover, &pairs);
    let uncovered: Vec<(NaiveDate, String)> = cover
        .uncoverable
        .iter()
        .map(|u| (u.date, u.country.clone()))
        .collect();
    let unserved: Vec<(NaiveDate, String)> = pairs
        .iter()
        .enumerate()
        .filter(|(index, _)| served & (1 << index) == 0)
        .map(|(_, pair)| pair.clone())
        .collect();
    prop_assert_eq!(&uncovered, &unserved);
    let total: Decimal = cover
        .purchases
        .iter()
        .map(|p| price_in_eur(state.plan(p.plan).unwrap()).unwrap())
        .sum();
    prop_assert_eq!(total, cover.total);
    for purchase in &cover.purchases {
        prop_assert!(purchase.on >= today() && purchase.on <= trip.date_range().unwrap().1);
    }

    let brute = brute_force(state, &pairs);
    let count = served.count_ones();
    // Never worse than any set of up to three purchases...
    prop_assert!(
        count >= brute.most,
        "covers {count}, brute force {}",
        brute.most
    );
    if count == brute.most {
        prop_assert!(
            total <= brute.cheapest,
            "costs {total}, brute force {}",
            brute.cheapest
        );
    }
    // ...and exactly the brute-force optimum whenever the cover is a set brute force tried.
    if brute_could_try(&cover) {
        tried.set(tried.get() + 1);
        prop_assert_eq!(count, brute.most);
        prop_assert_eq!(total, brute.cheapest);
    } else {
        beyond.set(beyond.get() + 1);
    }
    // A pair given a reason other than a conflict is one no set of purchases covers.
    for (index, pair) in pairs.iter().enumerate() {
        let Some(u) = cover
            .uncoverable
            .iter()
            .find(|u| (u.date, &u.country) == (pair.0, &pair.1))
        else {
            continue;
        };
        match &u.reason {
            // Coverable alone: a trip of just that day and country gets covered.
            UncoverableReason::Conflict => {
                let mut alone = state.clone();
                alone.trips[0].legs = vec![TripLeg {
                    country: pair.1.clone(),
                    from: pair.0,
                    to: pair.0,
                }];
                let single = cover_trip(&alone, TripId(1), today(), BUDGET).unwrap();
                prop_assert!(
                    single.uncoverable.is_empty(),
                    "{pair:?} is a conflict, yet cannot be covered alone: {single:?}"
                );
            }
            UncoverableReason::BeforeToday => prop_assert!(pair.0 < today()),
            reason => prop_assert!(
                brute.coverable & (1 << index) == 0,
                "{pair:?} is {reason:?}, yet brute force covers it"
            ),
        }
    }
    Ok(())
}

#[test]
fn the_cover_is_the_brute_force_optimum_on_generated_states() {
    let tried = Cell::new(0);
    let beyond = Cell::new(0);
    let mut runner = TestRunner::new(Config::with_cases(300));
    let result = runner.run(&state_strategy(), |state| check(&state, &tried, &beyond));
    if let Err(error) = result {
        panic!("{error}");
    }
    // The comparison is exact for the covers brute force could try; most of them must be.
    eprintln!(
        "{} covers compared exactly with brute force, {} needed more than three purchases",
        tried.get(),
        beyond.get()
    );
    assert!(
        tried.get() >= 200,
        "too few exact comparisons: {}",
        tried.get()
    );
}

// --- Rules the generated states rarely reach --------------------------------------------------

/// A SIM of carrier "A" working in `coverage`, valid through day `valid_until` if any.
fn sim_on(id: u32, rule: RenewalRule, coverage: &[&str], valid_until: Option<i64>) -> Sim {
    let mut sim = common::sim(id, "A", rule, None);
    sim.coverage = coverage.iter().map(|code| (*code).to_owned()).collect();
    sim.valid_until = valid_until.map(day);
    sim
}

/// A plan of carrier "A" in EUR working in `coverage` (empty: the SIM's).
fn plan_in(id: u32, coverage: &[&str], validity: Validity, price: &str) -> Plan {
    let mut plan = common::plan(id, "A", validity, price, "EUR");
    plan.coverage = coverage.iter().map(|code| (*code).to_owned()).collect();
    plan
}

fn planned(id: u32, sim: u32, plan: u32, on: i64) -> Renewal {
    common::renewal(id, sim, plan, &day(on).to_string())
}

fn trip_of(legs: &[(&str, i64, i64)]) -> Trip {
    Trip {
        id: TripId(1),
        name: "Trip".to_owned(),
        legs: legs
            .iter()
            .map(|(country, from, to)| TripLeg {
                country: (*country).to_owned(),
                from: day(*from),
                to: day(*to),
            })
            .collect(),
    }
}

/// (SIM, plan, day from today) of each purchase.
fn picks(cover: &TripCover) -> Vec<(u32, u32, i64)> {
    cover
        .purchases
        .iter()
        .map(|p| (p.sim.0, p.plan.0, (p.on - today()).num_days()))
        .collect()
}

/// The cover of `state`'s trip, which must cover everything and agree with brute force.
fn full_cover(state: &State) -> TripCover {
    let cover = cover_trip(state, TripId(1), today(), BUDGET).unwrap();
    assert!(cover.optimal);
    assert!(cover.uncoverable.is_empty(), "{cover:?}");
    let pairs = pairs(&state.trips[0]);
    let brute = brute_force(state, &pairs);
    assert_eq!(brute.most as usize, pairs.len());
    assert_eq!(cover.total, brute.cheapest);
    cover
}

#[test]
fn a_later_of_purchase_bought_with_service_left_ends_where_the_next_plan_must_start() {
    // LaterOf, service through day 1. DE on days 2-3, then FR on days 4-6. The DE plan lasts
    // 4 days: bought on day 2 it would run to day 5 and hold FR's days 4-5. Bought on day 0 it
    // ends on day 3 (0 + 4 - 1) and, with service already through day 1, adds days 2-3 only;
    // the FR plan then starts on day 4 and runs to day 6. Two plans, 2 EUR, nothing cheaper.
    let mut state = common::state(
        vec![sim_on(1, RenewalRule::LaterOf, &["DE", "FR"], Some(1))],
        vec![
            plan_in(1, &["DE"], Validity::Days(4), "1"),
            plan_in(2, &["FR"], Validity::Days(3), "1"),
        ],
        vec![],
    );
    state.trips = vec![trip_of(&[("DE", 2, 3), ("FR", 4, 6)])];
    assert_eq!(picks(&full_cover(&state)), vec![(1, 1, 0), (1, 2, 4)]);
}

#[test]
fn an_extend_purchase_bought_before_a_planned_renewal_pushes_it_later() {
    // Extend, service through day 2; a renewal of a 2-day FR plan is planned for day 3. DE on
    // days 3-4, FR on days 5-6. As it is, the FR plan runs days 3-4 and nothing else works.
    // A 2-day DE plan bought on day 2 (before the planned renewal, so it applies first) stacks
    // onto days 3-4, and the planned FR plan, stacking after it, moves to days 5-6: 1 EUR.
    // Bought on day 3 instead it would apply after the FR plan and stack onto days 5-6.
    let mut state = common::state(
        vec![sim_on(1, RenewalRule::Extend, &["DE", "FR"], Some(2))],
        vec![
            plan_in(1, &["DE"], Validity::Days(2), "1"),
            plan_in(2, &["FR"], Validity::Days(2), "5"),
        ],
        vec![planned(1, 1, 2, 3)],
    );
    state.trips = vec![trip_of(&[("DE", 3, 4), ("FR", 5, 6)])];
    assert_eq!(picks(&full_cover(&state)), vec![(1, 1, 2)]);
}

#[test]
fn an_extend_purchase_that_serves_nothing_new_can_still_push_a_planned_renewal() {
    // SIM 1 (Extend, DE and FR, no service) has a 3-day renewal planned for day 1: days 1-3.
    // SIM 2 (carrier B, so it buys nothing) already works in DE on days 0-1. The trip is DE on
    // day 1, FR on days 2-4: only FR on day 4 is uncovered, and the only FR plan costs 9. A 2-day
    // DE plan for SIM 1 bought today runs days 0-1 (serving nothing SIM 2 does not) and pushes
    // the planned renewal to days 2-4: 1 EUR covers the trip.
    let mut other = sim_on(2, RenewalRule::Extend, &["DE"], Some(1));
    other.carrier = "B".to_owned();
    let mut state = common::state(
        vec![sim_on(1, RenewalRule::Extend, &["DE", "FR"], None), other],
        vec![
            plan_in(1, &["DE"], Validity::Days(2), "1"),
            plan_in(2, &[], Validity::Days(3), "9"),
        ],
        vec![planned(1, 1, 2, 1)],
    );
    state.trips = vec![trip_of(&[("DE", 1, 1), ("FR", 2, 4)])];
    assert_eq!(picks(&full_cover(&state)), vec![(1, 1, 0)]);
}

#[test]
fn a_restart_purchase_that_throws_days_away_is_paid_back_elsewhere() {
    // Restart, working in DE and FR through day 5 from what it already has. The trip is IT on
    // day 1 and FR on days 2-5. A 1-day IT plan bought on day 1 gives IT that day but throws
    // away days 2-5, so FR must be bought again: a 4-day plan on day 2. The cover pays for
    // both (3 EUR) rather than leave IT uncovered or lose FR.
    let mut state = common::state(
        vec![sim_on(1, RenewalRule::Restart, &["DE", "FR"], Some(5))],
        vec![
            plan_in(1, &["IT"], Validity::Days(1), "1"),
            plan_in(2, &["FR"], Validity::Days(4), "2"),
            plan_in(3, &["FR"], Validity::Days(1), "1"),
        ],
        vec![],
    );
    state.trips = vec![trip_of(&[("IT", 1, 1), ("FR", 2, 5)])];
    let cover = full_cover(&state);
    assert_eq!(picks(&cover), vec![(1, 1, 1), (1, 2, 2)]);
    assert_eq!(cover.total, Decimal::from(3));
}

// --- The traveller fixture, worked by hand ----------------------------------------------------
//
// Seen on 2026-12-04. Base currency CNY: 1 BHD = 18.90 CNY, 1 USD = 7.10 CNY.
// - SIM 1 中国移动 (China Mobile, Restart) works in CN; it may take plan 4 only (China Mobile
//   monthly, the SIM's own coverage: CN).
// - SIM 2 巴林流量卡 (Batelco, Extend) works in BH, SA, AE, KW, OM, QA, with service through
//   Dec 5; it may take plans 1 (daily, 1.000 BHD), 2 (weekly, 3.000 BHD), both with the SIM's
//   own coverage, and 3 (monthly, 8.000 BHD, BH only). Renewal 2 (plan 3, planned for Dec 3,
//   overdue but applied as every renewal is) stacks onto Dec 6 - Jan 5; renewal 3 (plan 2) is on
//   Jan 12.
// - SIM 3 Travel eSIM (Airalo, LaterOf) works in DE, FR, IT, ES, NL, with no service of its own;
//   it may take plan 5 (Eurolink 30 days, 26.00 USD, the SIM's own coverage). Renewal 4 (plan 5)
//   is planned for Jan 9: service Jan 9 - Feb 7.

fn today_of_the_fixture() -> NaiveDate {
    d("2026-12-04")
}

fn traveller_without(renewal: u32) -> State {
    let mut state = common::traveller();
    state.renewals.retain(|r| r.id != RenewalId(renewal));
    state
}

/// (date, country, reason) of each pair the cover leaves uncovered.
fn uncoverable(cover: &TripCover) -> Vec<(NaiveDate, &str, &UncoverableReason)> {
    cover
        .uncoverable
        .iter()
        .map(|u| (u.date, u.country.as_str(), &u.reason))
        .collect()
}

#[test]
fn riyadh_cannot_be_covered_while_the_planned_bh_only_month_holds_the_card() {
    // The trip is SA, Dec 10-15. Only plans 1 and 2 work in SA, and only SIM 2 may take them.
    // SIM 2 stacks (Extend): anything bought from today on starts after Jan 5, the end of the
    // planned BH-only month, whose days it keeps. Nothing can be bought: six days, blocked.
    let state = common::traveller();
    let cover = cover_trip(&state, TripId(1), today_of_the_fixture(), BUDGET).unwrap();
    assert!(cover.optimal);
    assert!(cover.purchases.is_empty());
    assert_eq!(cover.total, Decimal::ZERO);
    assert_eq!(cover.currency.as_deref(), Some("CNY"));
    let days: Vec<_> = d("2026-12-10")
        .iter_days()
        .take(6)
        .map(|date| (date, "SA", &UncoverableReason::Blocked))
        .collect();
    assert_eq!(uncoverable(&cover), days);
    assert!(cover.left_out.is_empty());
}

#[test]
fn riyadh_without_the_planned_month_is_one_weekly_pack() {
    // Without renewal 2, SIM 2 has service through Dec 5 and nothing else before the trip. Six
    // daily packs cost 6 x 1.000 BHD = 113.40 CNY; a weekly pack, 3.000 BHD = 56.70 CNY, covers
    // seven days from the day it starts (bought Dec 9 or 10, it covers Dec 10-15; bought earlier
    // it ends before Dec 15); the monthly plan does not work in SA. Of the two days the search
    // buys as late as it can: Dec 10.
    let state = traveller_without(2);
    let cover = cover_trip(&state, TripId(1), today_of_the_fixture(), BUDGET).unwrap();
    assert!(cover.optimal);
    assert_eq!(cover.purchases.len(), 1);
    let weekly = &cover.purchases[0];
    assert_eq!(
        (weekly.sim, weekly.plan, weekly.on),
        (SimId(2), PlanId(2), d("2026-12-10"))
    );
    assert_eq!(weekly.price.to_string(), "3.000 BHD");
    assert_eq!(weekly.cost, "56.70".parse().unwrap());
    assert_eq!(weekly.covers.len(), 6);
    assert_eq!(cover.total, "56.70".parse().unwrap());
    assert!(cover.uncoverable.is_empty());
}

#[test]
fn europe_is_covered_by_the_planned_top_up_but_switzerland_by_no_plan() {
    // DE Jan 10-14 and FR Jan 15-20 are within renewal 4's Jan 9 - Feb 7. CH (Jan 21-22) is in
    // no SIM's coverage and no plan lists it: nothing to buy, two days with no plan.
    let state = common::traveller();
    let cover = cover_trip(&state, TripId(2), today_of_the_fixture(), BUDGET).unwrap();
    assert!(cover.optimal);
    assert!(cover.purchases.is_empty());
    assert_eq!(
        uncoverable(&cover),
        vec![
            (d("2027-01-21"), "CH", &UncoverableReason::NoPlan),
            (d("2027-01-22"), "CH", &UncoverableReason::NoPlan),
        ]
    );
}

#[test]
fn europe_without_the_planned_top_up_is_the_esim_plan_on_the_first_day() {
    // Without renewal 4, SIM 3 has no service. Only plan 5 works in DE and FR (for SIM 3; SIM
    // 2's plans take its Gulf list, SIM 1's plan CN). One purchase covers Jan 10-20 if bought
    // from Dec 22 (30 days: Dec 22 - Jan 20) to Jan 10; the search buys it on Jan 10. It costs
    // 26.00 USD = 184.60 CNY. CH still has no plan.
    let state = traveller_without(4);
    let cover = cover_trip(&state, TripId(2), today_of_the_fixture(), BUDGET).unwrap();
    assert!(cover.optimal);
    assert_eq!(cover.purchases.len(), 1);
    let esim = &cover.purchases[0];
    assert_eq!(
        (esim.sim, esim.plan, esim.on),
        (SimId(3), PlanId(5), d("2027-01-10"))
    );
    assert_eq!(esim.covers.len(), 11);
    assert_eq!(cover.total, "184.60".parse().unwrap());
    assert_eq!(uncoverable(&cover).len(), 2);
}

#[test]
fn a_plan_whose_currency_has_no_rate_is_left_out_and_the_view_says_why() {
    // As above, but with no USD rate: plan 5 cannot be compared, so DE and FR are left to
    // plans without a price, and nothing is bought.
    let mut state = traveller_without(4);
    state.settings.rates.remove("USD");
    let cover = cover_trip(&state, TripId(2), today_of_the_fixture(), BUDGET).unwrap();
    assert!(cover.purchases.is_empty());
    assert_eq!(cover.left_out.len(), 1);
    assert_eq!(cover.left_out[0].plan, PlanId(5));
    assert_eq!(
        cover.left_out[0].reason,
        sim_planner::schedule::LeftOutReason::NoRate {
            base: "CNY".to_owned()
        }
    );
    let unpriced = UncoverableReason::OnlyUnpricedPlans {
        currencies: vec!["USD".to_owned()],
    };
    let reasons = uncoverable(&cover);
    assert_eq!(reasons.len(), 13);
    assert!(
        reasons[..11]
            .iter()
            .all(|(_, _, reason)| **reason == unpriced)
    );
    assert_eq!(reasons[11].2, &UncoverableReason::NoPlan);
}

#[test]
fn with_no_base_currency_one_currency_compares_as_it_is_and_two_do_not() {
    let mut state = traveller_without(4);
    state.settings.base_currency = None;
    // Every plan that works in Europe is in USD: compared in USD.
    let cover = cover_trip(&state, TripId(2), today_of_the_fixture(), BUDGET).unwrap();
    assert_eq!(cover.currency.as_deref(), Some("USD"));
    assert_eq!(cover.total, "26.00".parse().unwrap());
    // A trip through SA and DE has candidates in BHD and USD: nothing can be compared.
    state.trips[0].legs.push(TripLeg {
        country: "DE".to_owned(),
        from: d("2026-12-16"),
        to: d("2026-12-16"),
    });
    let cover = cover_trip(&state, TripId(1), today_of_the_fixture(), BUDGET).unwrap();
    assert_eq!(cover.currency, None);
    assert!(cover.purchases.is_empty());
    let currencies = vec!["BHD".to_owned(), "USD".to_owned()];
    assert_eq!(
        cover.left_out.iter().map(|l| l.plan.0).collect::<Vec<_>>(),
        vec![1, 2, 5]
    );
    assert!(cover.left_out.iter().all(|l| l.reason
        == sim_planner::schedule::LeftOutReason::NoBaseCurrency {
            currencies: currencies.clone()
        }));
}

#[test]
fn an_unknown_trip_is_an_error() {
    let state = common::traveller();
    assert_eq!(
        cover_trip(&state, TripId(9), today_of_the_fixture(), BUDGET),
        Err(sim_planner::schedule::CoverError::UnknownTrip(TripId(9)))
    );
}
