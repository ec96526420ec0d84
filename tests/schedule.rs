//! The schedule rules of DESIGN.md, each with worked examples, and their properties.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Datelike as _, NaiveDate};
use common::{d, plan, renewal, sim, state, trip};
use proptest::prelude::*;
use rust_decimal::Decimal;
use sim_planner::model::{
    DataAllowance, PlanId, RenewalId, RenewalRule, RenewalStatus, SimId, State, TripId, Validity,
};
use sim_planner::schedule::{
    Agenda, AlertKind, DataForecast, DateRange, DayStatus, ServiceRun, UncoverableReason, alerts,
    cover_trip, monthly_spending, plan_end, preview_renewal, trip_cost, trip_days,
};

fn run(start: Option<&str>, end: &str) -> ServiceRun {
    ServiceRun {
        start: start.map(d),
        end: d(end),
    }
}

fn range(start: &str, end: &str) -> DateRange {
    DateRange::new(d(start), d(end))
}

// --- Length of a plan -------------------------------------------------------------------------

#[test]
fn days_plan_ends_n_minus_one_days_later() {
    assert_eq!(
        plan_end(Validity::Days(1), d("2026-12-10")),
        d("2026-12-10")
    );
    assert_eq!(
        plan_end(Validity::Days(30), d("2027-01-09")),
        d("2027-02-07")
    );
}

#[test]
fn weeks_plan_is_seven_days_each() {
    assert_eq!(
        plan_end(Validity::Weeks(1), d("2027-01-12")),
        d("2027-01-18")
    );
    assert_eq!(
        plan_end(Validity::Weeks(4), d("2027-01-01")),
        d("2027-01-28")
    );
}

#[test]
fn monthly_plan_bought_on_january_31_ends_february_27_or_28_in_a_leap_year() {
    assert_eq!(
        plan_end(Validity::Months(1), d("2027-01-31")),
        d("2027-02-27")
    );
    assert_eq!(
        plan_end(Validity::Months(1), d("2028-01-31")),
        d("2028-02-28")
    );
}

#[test]
fn twelve_month_plan_from_february_29_clamps_to_february_28() {
    // 2028-02-29 + 12 months clamps to 2029-02-28; the plan ends the day before.
    assert_eq!(
        plan_end(Validity::Months(12), d("2028-02-29")),
        d("2029-02-27")
    );
    // Counted from the start, not stepped: Jan 31 + 2 months is Mar 31, not Mar 28.
    assert_eq!(
        plan_end(Validity::Months(2), d("2027-01-31")),
        d("2027-03-30")
    );
}

#[test]
fn a_plan_near_the_end_of_time_saturates_instead_of_panicking() {
    assert_eq!(
        plan_end(Validity::Days(36_500), NaiveDate::MAX),
        NaiveDate::MAX
    );
    assert_eq!(
        plan_end(Validity::Months(1200), NaiveDate::MAX),
        NaiveDate::MAX
    );
}

// --- Extend ---------------------------------------------------------------------------------

#[test]
fn extend_stacks_a_renewal_onto_the_days_left() {
    let s = state(
        vec![sim(1, "Batelco", RenewalRule::Extend, Some("2026-12-05"))],
        vec![plan(1, "Batelco", Validity::Months(1), "8.000", "BHD")],
        vec![renewal(1, 1, 1, "2026-12-03")],
    );
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    let schedule = &agenda.sims[0];
    let applied = &schedule.renewals[0];
    assert_eq!(applied.start, Some(d("2026-12-06")));
    assert_eq!(applied.end, d("2027-01-05"));
    assert_eq!(applied.lost_days, 0);
    assert_eq!(schedule.service, vec![run(None, "2027-01-05")]);
    assert!(schedule.gaps.is_empty());
}

#[test]
fn extend_bought_late_leaves_a_gap() {
    let s = state(
        vec![sim(1, "Batelco", RenewalRule::Extend, Some("2027-01-05"))],
        vec![plan(2, "Batelco", Validity::Weeks(1), "3.000", "BHD")],
        vec![renewal(3, 1, 2, "2027-01-12")],
    );
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    let schedule = &agenda.sims[0];
    assert_eq!(schedule.renewals[0].start, Some(d("2027-01-12")));
    assert_eq!(schedule.renewals[0].end, d("2027-01-18"));
    assert_eq!(
        schedule.service,
        vec![
            run(None, "2027-01-05"),
            run(Some("2027-01-12"), "2027-01-18")
        ]
    );
    assert_eq!(schedule.gaps, vec![range("2027-01-06", "2027-01-11")]);
    assert!(!schedule.has_service(d("2027-01-08")));
    assert!(schedule.has_service(d("2027-01-12")));
}

#[test]
fn extend_the_day_after_the_end_leaves_no_gap() {
    let s = state(
        vec![sim(1, "", RenewalRule::Extend, Some("2027-01-05"))],
        vec![plan(1, "", Validity::Days(3), "1", "USD")],
        vec![renewal(1, 1, 1, "2027-01-06")],
    );
    let agenda = Agenda::compute(&s, d("2027-01-01"));
    assert_eq!(agenda.sims[0].service, vec![run(None, "2027-01-08")]);
    assert!(agenda.sims[0].gaps.is_empty());
}

// --- Restart --------------------------------------------------------------------------------

#[test]
fn restart_loses_the_days_from_on_through_the_old_end() {
    let s = state(
        vec![sim(
            1,
            "China Mobile",
            RenewalRule::Restart,
            Some("2026-12-31"),
        )],
        vec![plan(4, "China Mobile", Validity::Months(1), "30.00", "CNY")],
        vec![renewal(1, 1, 4, "2026-12-01")],
    );
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    let applied = &agenda.sims[0].renewals[0];
    assert_eq!(applied.start, Some(d("2026-12-01")));
    assert_eq!(applied.end, d("2026-12-31"));
    assert_eq!(applied.lost_days, 31);
    assert_eq!(applied.lost, Some(range("2026-12-01", "2026-12-31")));
    // The old period is cut at on - 1 and joins the new one.
    assert_eq!(agenda.sims[0].service, vec![run(None, "2026-12-31")]);
}

#[test]
fn restart_after_the_old_end_loses_nothing_and_can_shorten_service() {
    let s = state(
        vec![sim(1, "", RenewalRule::Restart, Some("2027-03-31"))],
        vec![plan(1, "", Validity::Days(7), "1", "USD")],
        vec![
            renewal(1, 1, 1, "2027-03-01"),
            renewal(2, 1, 1, "2027-04-10"),
        ],
    );
    let agenda = Agenda::compute(&s, d("2027-01-01"));
    let schedule = &agenda.sims[0];
    assert_eq!(schedule.renewals[0].lost_days, 31);
    assert_eq!(schedule.renewals[0].end, d("2027-03-07"));
    assert_eq!(schedule.renewals[1].lost_days, 0);
    assert_eq!(
        schedule.service,
        vec![
            run(None, "2027-03-07"),
            run(Some("2027-04-10"), "2027-04-16")
        ]
    );
    assert_eq!(schedule.gaps, vec![range("2027-03-08", "2027-04-09")]);
}

// --- LaterOf --------------------------------------------------------------------------------

#[test]
fn later_of_top_up_that_adds_nothing() {
    let s = state(
        vec![sim(1, "Airalo", RenewalRule::LaterOf, Some("2027-03-01"))],
        vec![plan(1, "Airalo", Validity::Days(7), "5", "USD")],
        vec![renewal(1, 1, 1, "2027-02-01")],
    );
    let agenda = Agenda::compute(&s, d("2027-01-01"));
    let applied = &agenda.sims[0].renewals[0];
    assert_eq!(applied.start, None);
    assert_eq!(applied.end, d("2027-03-01"));
    assert_eq!(applied.lost_days, 7);
    assert_eq!(agenda.sims[0].service, vec![run(None, "2027-03-01")]);
}

#[test]
fn later_of_reaching_past_the_end_starts_the_day_after_it() {
    let s = state(
        vec![sim(1, "Airalo", RenewalRule::LaterOf, Some("2027-02-05"))],
        vec![plan(1, "Airalo", Validity::Days(7), "5", "USD")],
        vec![renewal(1, 1, 1, "2027-02-01")],
    );
    let agenda = Agenda::compute(&s, d("2027-01-01"));
    let applied = &agenda.sims[0].renewals[0];
    assert_eq!(applied.start, Some(d("2027-02-06")));
    assert_eq!(applied.end, d("2027-02-07"));
    assert_eq!(
        applied.lost_days, 5,
        "Feb 1-5 overlap what the SIM already had"
    );
}

#[test]
fn later_of_with_no_service_starts_on_the_day_bought() {
    let s = state(
        vec![sim(3, "Airalo", RenewalRule::LaterOf, None)],
        vec![plan(5, "Airalo", Validity::Days(30), "26.00", "USD")],
        vec![renewal(4, 3, 5, "2027-01-09")],
    );
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    assert_eq!(agenda.sims[0].renewals[0].start, Some(d("2027-01-09")));
    assert_eq!(
        agenda.sims[0].service,
        vec![run(Some("2027-01-09"), "2027-02-07")]
    );
}

// --- Order of renewals ------------------------------------------------------------------------

#[test]
fn renewals_apply_in_date_order_then_by_id() {
    let s = state(
        vec![sim(1, "", RenewalRule::Extend, None)],
        vec![
            plan(1, "", Validity::Days(1), "1", "USD"),
            plan(2, "", Validity::Days(10), "1", "USD"),
        ],
        vec![
            renewal(9, 1, 2, "2027-01-01"),
            renewal(3, 1, 1, "2027-01-01"),
            renewal(1, 1, 1, "2027-01-20"),
        ],
    );
    let agenda = Agenda::compute(&s, d("2027-01-01"));
    let order: Vec<u32> = agenda.sims[0].renewals.iter().map(|r| r.id.0).collect();
    assert_eq!(order, vec![3, 9, 1]);
    assert_eq!(agenda.sims[0].renewals[1].start, Some(d("2027-01-02")));
    assert_eq!(agenda.sims[0].renewals[1].end, d("2027-01-11"));
}

// --- Renew-by, overdue, data, keep-alive -------------------------------------------------------

#[test]
fn renew_by_is_end_minus_lead_days_and_the_sims_own_lead_days_win() {
    let mut own = sim(1, "", RenewalRule::Extend, Some("2026-12-31"));
    own.lead_days = Some(5);
    let s = state(
        vec![
            own,
            sim(2, "", RenewalRule::Extend, Some("2026-12-31")),
            sim(3, "", RenewalRule::Extend, Some("2026-11-30")),
        ],
        vec![],
        vec![],
    );
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    assert_eq!(agenda.sims[0].renew_by[0].date, d("2026-12-26"));
    assert_eq!(agenda.sims[1].renew_by[0].date, d("2026-12-28"));
    assert_eq!(agenda.sims[1].renew_by[0].expires, d("2026-12-31"));
    assert!(
        agenda.sims[2].renew_by.is_empty(),
        "a run that ended before today needs no renew-by"
    );
}

#[test]
fn a_planned_renewal_before_today_is_overdue_and_a_paid_one_is_not() {
    let mut paid = renewal(2, 1, 1, "2026-12-01");
    paid.status = RenewalStatus::Paid;
    let s = state(
        vec![sim(1, "", RenewalRule::Extend, None)],
        vec![plan(1, "", Validity::Days(1), "1", "USD")],
        vec![
            renewal(1, 1, 1, "2026-12-02"),
            paid,
            renewal(3, 1, 1, "2026-12-04"),
        ],
    );
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    let overdue: Vec<(u32, bool)> = agenda.sims[0]
        .renewals
        .iter()
        .map(|r| (r.id.0, r.overdue))
        .collect();
    assert_eq!(overdue, vec![(2, false), (1, true), (3, false)]);
}

#[test]
fn data_runs_out_after_floor_of_allowance_over_daily_use() {
    let mut card = sim(2, "Batelco", RenewalRule::Extend, Some("2026-12-05"));
    card.daily_use_mb = Some(900);
    let mut monthly = plan(3, "Batelco", Validity::Months(1), "8.000", "BHD");
    monthly.data = DataAllowance::Megabytes(20_480);
    let mut big = plan(4, "Batelco", Validity::Days(2), "1", "BHD");
    big.data = DataAllowance::Megabytes(1800);
    let unlimited = plan(5, "Batelco", Validity::Days(30), "1", "BHD");
    let s = state(
        vec![card],
        vec![monthly, big, unlimited],
        vec![
            renewal(2, 2, 3, "2026-12-03"),
            renewal(3, 2, 4, "2027-02-01"),
            renewal(4, 2, 5, "2027-03-01"),
        ],
    );
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    let renewals = &agenda.sims[0].renewals;
    // 20480 / 900 = 22 days from Dec 6: the first day without data is Dec 28.
    assert_eq!(renewals[0].data_runs_out, Some(d("2026-12-28")));
    // 1800 / 900 = 2 days covers the whole 2-day plan.
    assert_eq!(renewals[1].data_runs_out, None);
    assert_eq!(
        renewals[2].data_runs_out, None,
        "unlimited data never runs out"
    );
    let without: Vec<DateRange> = agenda.sims[0]
        .renewals
        .iter()
        .filter_map(|r| r.without_data)
        .collect();
    assert_eq!(without, vec![range("2026-12-28", "2027-01-05")]);
}

#[test]
fn keep_alive_deadline_is_the_last_day_of_service_plus_k() {
    let mut home = sim(1, "", RenewalRule::Restart, Some("2026-12-31"));
    home.keep_alive_days = Some(90);
    let s = state(
        vec![home, sim(2, "", RenewalRule::Extend, Some("2026-12-31"))],
        vec![],
        vec![],
    );
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    assert_eq!(agenda.sims[0].keep_alive_deadline, Some(d("2027-03-31")));
    assert_eq!(agenda.sims[1].keep_alive_deadline, None);
}

// --- Trip coverage ----------------------------------------------------------------------------

#[test]
fn a_trip_day_is_covered_only_by_the_plan_that_gives_that_days_service() {
    let mut card = sim(2, "Batelco", RenewalRule::Extend, Some("2026-12-05"));
    card.coverage = vec!["BH".into(), "SA".into()];
    let mut bh_only = plan(3, "Batelco", Validity::Months(1), "8.000", "BHD");
    bh_only.coverage = vec!["BH".into()];
    let mut s = state(
        vec![card],
        vec![bh_only],
        vec![renewal(2, 2, 3, "2026-12-03")],
    );
    s.trips = vec![trip(
        1,
        &[
            ("SA", "2026-12-04", "2026-12-07"),
            ("BH", "2026-12-07", "2026-12-07"),
        ],
    )];
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    let uncovered: Vec<(NaiveDate, &str)> = agenda.trips[0]
        .uncovered
        .iter()
        .map(|u| (u.date, u.country.as_str()))
        .collect();
    // Dec 4-5 are the valid_until period (the SIM's coverage has SA); from Dec 6 the BH-only plan.
    assert_eq!(
        uncovered,
        vec![(d("2026-12-06"), "SA"), (d("2026-12-07"), "SA")]
    );
}

#[test]
fn a_trip_day_with_no_service_at_all_is_uncovered() {
    let mut s = state(
        vec![sim(1, "", RenewalRule::Extend, Some("2026-12-01"))],
        vec![],
        vec![],
    );
    s.trips = vec![trip(7, &[("BH", "2026-12-01", "2026-12-02")])];
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    assert_eq!(agenda.trips[0].id, TripId(7));
    assert_eq!(agenda.trips[0].uncovered.len(), 1);
    assert_eq!(agenda.trips[0].uncovered[0].date, d("2026-12-02"));
}

/// SIM 1 (SA, 1000 MB a day) with a weekly 3000 MB plan from Dec 10: data for Dec 10-12, none
/// from Dec 13 (3000 / 1000 = 3 days). SIM 2 works in SA through Dec 14 from what it already
/// has (no forecast: the allowance of that period is not known). The trip is SA, Dec 10-15.
fn data_run_out_trip() -> State {
    let mut card = sim(1, "Batelco", RenewalRule::Extend, None);
    card.coverage = vec!["SA".into()];
    card.daily_use_mb = Some(1000);
    let mut other = sim(2, "Zain", RenewalRule::Extend, Some("2026-12-14"));
    other.coverage = vec!["SA".into()];
    let mut weekly = plan(1, "Batelco", Validity::Weeks(1), "3.000", "BHD");
    weekly.data = DataAllowance::Megabytes(3000);
    let mut s = state(
        vec![card, other],
        vec![weekly],
        vec![renewal(1, 1, 1, "2026-12-10")],
    );
    s.trips = vec![trip(1, &[("SA", "2026-12-10", "2026-12-15")])];
    s
}

#[test]
fn a_trip_day_covered_only_by_sims_without_data_is_listed_as_no_data() {
    let s = data_run_out_trip();
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    let coverage = &agenda.trips[0];
    assert!(
        coverage.uncovered.is_empty(),
        "no data still counts as covered"
    );
    // Dec 13-14 SIM 2 still has service (and, as far as anyone knows, data); Dec 15 only SIM 1
    // works there, and its data ran out on Dec 13.
    let no_data: Vec<(NaiveDate, &str, SimId)> = coverage
        .no_data
        .iter()
        .map(|n| (n.date, n.country.as_str(), n.sim))
        .collect();
    assert_eq!(no_data, vec![(d("2026-12-15"), "SA", SimId(1))]);
}

#[test]
fn trip_days_give_each_day_its_sims_plans_data_forecast_and_status() {
    let mut s = data_run_out_trip();
    s.trips[0].legs.push(sim_planner::model::TripLeg {
        country: "AE".into(),
        from: d("2026-12-15"),
        to: d("2026-12-15"),
    });
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    let days = trip_days(&s, &agenda, &s.trips[0]);
    let rows: Vec<(NaiveDate, &str, DayStatus)> = days
        .iter()
        .map(|day| (day.date, day.country.as_str(), day.status))
        .collect();
    assert_eq!(rows[0], (d("2026-12-10"), "SA", DayStatus::Covered));
    assert_eq!(rows[5], (d("2026-12-15"), "SA", DayStatus::NoData));
    assert_eq!(rows[6], (d("2026-12-15"), "AE", DayStatus::Uncovered));
    assert_eq!(rows.len(), 7);
    assert_eq!(days[0].weekday, chrono::Weekday::Thu);

    // Dec 11: SIM 1 from renewal 1 (plan 1) with 3000 - 2 x 1000 MB left; SIM 2 from the
    // period it already had, with no forecast.
    let dec_11 = &days[1].service;
    assert_eq!(dec_11.len(), 2);
    assert_eq!(
        (dec_11[0].sim, dec_11[0].renewal, dec_11[0].plan),
        (SimId(1), Some(RenewalId(1)), Some(PlanId(1)))
    );
    assert_eq!(dec_11[0].data, DataForecast::Left { mb: 1000 });
    assert_eq!((dec_11[1].sim, dec_11[1].renewal), (SimId(2), None));
    assert_eq!(dec_11[1].data, DataForecast::Unknown);
    // Dec 12 uses the last of it; Dec 13 has none.
    assert_eq!(days[2].service[0].data, DataForecast::Left { mb: 0 });
    assert_eq!(days[3].service[0].data, DataForecast::RunOut);
    assert_eq!(
        days[3].status,
        DayStatus::Covered,
        "SIM 2 still has service"
    );
}

// --- Who can take a plan --------------------------------------------------------------------

#[test]
fn a_plan_fits_a_sim_of_the_same_carrier_without_case_or_any_sim_when_its_carrier_is_empty() {
    let batelco = sim(1, "Batelco", RenewalRule::Extend, None);
    assert!(State::can_take(
        &batelco,
        &plan(1, "BATELCO", Validity::Days(1), "1", "BHD")
    ));
    assert!(State::can_take(
        &batelco,
        &plan(2, "", Validity::Days(1), "1", "BHD")
    ));
    assert!(!State::can_take(
        &batelco,
        &plan(3, "Airalo", Validity::Days(1), "1", "USD")
    ));
}

// --- Costs ----------------------------------------------------------------------------------

#[test]
fn costs_are_summed_per_month_and_currency_and_in_the_base_currency() {
    let mut s = state(
        vec![sim(1, "", RenewalRule::Extend, None)],
        vec![
            plan(1, "", Validity::Days(1), "1.000", "BHD"),
            plan(2, "", Validity::Days(1), "26.00", "USD"),
            plan(3, "", Validity::Days(1), "100", "JPY"),
        ],
        vec![
            renewal(1, 1, 1, "2026-12-03"),
            renewal(2, 1, 1, "2026-12-30"),
            renewal(3, 1, 2, "2026-12-31"),
            renewal(4, 1, 3, "2027-01-02"),
        ],
    );
    s.settings.base_currency = Some("USD".into());
    s.settings.rates.insert(
        "BHD".into(),
        sim_planner::model::RateValue("2.65".parse().unwrap()),
    );
    let agenda = Agenda::compute(&s, d("2026-12-01"));
    let costs: Vec<(&str, &str, String)> = agenda
        .costs
        .iter()
        .map(|c| (c.month.as_str(), c.currency.as_str(), c.amount.to_string()))
        .collect();
    assert_eq!(
        costs,
        vec![
            ("2026-12", "BHD", "2.000".into()),
            ("2026-12", "USD", "26.00".into()),
            ("2027-01", "JPY", "100".into())
        ]
    );
    // 2.000 BHD x 2.65 + 26.00 USD = 31.30 USD, exactly (decimals, not floats).
    assert_eq!(agenda.base_costs[0].amount, "31.3".parse().unwrap());
    assert!(agenda.base_costs[0].missing.is_empty());
    assert!(agenda.base_costs[1].amount.is_zero());
    assert_eq!(agenda.base_costs[1].missing, vec!["JPY".to_owned()]);
}

/// A month, each SIM's part and the total.
type Bar<'a> = (&'a str, Vec<(u32, Decimal)>, Decimal);

#[test]
fn spending_per_month_is_stacked_by_sim_in_the_base_currency() {
    // The traveller, in CNY (1 BHD = 18.90, 1 USD = 7.10): December is SIM 1's 30.00 CNY and
    // SIM 2's 8.000 BHD = 151.20; January SIM 2's 3.000 BHD = 56.70 and SIM 3's 26.00 USD =
    // 184.60.
    let s = common::traveller();
    let months = monthly_spending(&s);
    let bars: Vec<Bar<'_>> = months
        .iter()
        .map(|m| {
            let sims = m.by_sim.iter().map(|p| (p.sim.0, p.amount)).collect();
            (m.month.as_str(), sims, m.total)
        })
        .collect();
    let cny = |text: &str| text.parse::<Decimal>().unwrap();
    assert_eq!(
        bars,
        vec![
            (
                "2026-12",
                vec![(1, cny("30.00")), (2, cny("151.20"))],
                cny("181.20")
            ),
            (
                "2027-01",
                vec![(2, cny("56.70")), (3, cny("184.60"))],
                cny("241.30")
            ),
        ]
    );
    assert!(months.iter().all(|m| m.missing.is_empty()));

    // Without a USD rate, January misses it and says so; with no base currency there is no bar.
    let mut no_usd = s.clone();
    no_usd.settings.rates.remove("USD");
    let january = &monthly_spending(&no_usd)[1];
    assert_eq!(january.total, cny("56.70"));
    assert_eq!(january.missing, vec!["USD".to_owned()]);
    let mut no_base = s;
    no_base.settings.base_currency = None;
    assert!(monthly_spending(&no_base).is_empty());
}

#[test]
fn a_trip_costs_the_renewals_whose_service_gives_its_days() {
    // Europe: only renewal 4 (the eSIM, 26.00 USD = 184.60 CNY) gives service on its days;
    // Jan 10-20 are covered, Jan 21-22 (CH) are not: 184.60 / 11 = 16.78 CNY a covered day.
    let s = common::traveller();
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    let europe = trip_cost(&s, &agenda, &s.trips[1]);
    assert_eq!(europe.renewals, vec![RenewalId(4)]);
    assert_eq!(europe.by_currency.len(), 1);
    assert_eq!(europe.by_currency[0].to_string(), "26.00 USD");
    assert_eq!(europe.total, Some("184.60".parse().unwrap()));
    assert_eq!(europe.covered_days, 11);
    assert_eq!(europe.per_covered_day, Some("16.78".parse().unwrap()));
    // Riyadh: nothing gives service there, so nothing pays for it.
    let riyadh = trip_cost(&s, &agenda, &s.trips[0]);
    assert!(riyadh.renewals.is_empty());
    assert_eq!(riyadh.covered_days, 0);
    assert_eq!(riyadh.per_covered_day, None);
}

// --- Suggestions ----------------------------------------------------------------------------

/// Time enough for the small searches of these tests to finish (and so be proven optimal).
const BUDGET: std::time::Duration = std::time::Duration::from_mins(1);

#[test]
fn suggestions_pick_the_cheapest_plans_that_cover_every_uncovered_day() {
    let mut card = sim(2, "Batelco", RenewalRule::Extend, Some("2026-12-05"));
    card.coverage = vec!["BH".into(), "SA".into()];
    let mut other = sim(3, "Airalo", RenewalRule::LaterOf, None);
    other.coverage = vec!["DE".into()];
    let mut s = state(
        vec![card, other],
        vec![
            plan(1, "Batelco", Validity::Days(1), "1.000", "BHD"),
            plan(2, "Batelco", Validity::Weeks(1), "3.000", "BHD"),
            plan(3, "Batelco", Validity::Months(1), "8.000", "BHD"),
            plan(4, "Airalo", Validity::Days(30), "1.00", "USD"),
        ],
        vec![],
    );
    s.trips = vec![trip(1, &[("SA", "2026-12-10", "2026-12-15")])];
    let agenda = Agenda::compute(&s, d("2026-12-04"));
    assert_eq!(agenda.trips[0].uncovered.len(), 6);
    // No base currency, but every candidate is in BHD (the Airalo plan does not work in SA):
    // one week (3.000) beats six days (6.000) and a month (8.000).
    let cover = cover_trip(&s, TripId(1), d("2026-12-04"), BUDGET).unwrap();
    assert!(cover.optimal);
    assert_eq!(cover.currency.as_deref(), Some("BHD"));
    assert_eq!(cover.purchases.len(), 1);
    let pick = &cover.purchases[0];
    assert_eq!(
        (pick.sim, pick.plan, pick.on),
        (SimId(2), PlanId(2), d("2026-12-10"))
    );
    assert_eq!(pick.covers.len(), 6);
    assert_eq!(cover.total, "3.000".parse().unwrap());
    assert!(cover.uncoverable.is_empty());

    // Adding the suggestion as a renewal leaves nothing uncovered.
    s.renewals.push(renewal(1, 2, 2, "2026-12-10"));
    let after = Agenda::compute(&s, d("2026-12-04"));
    assert!(after.trips[0].uncovered.is_empty());
}

#[test]
fn suggestions_are_empty_when_no_plan_covers_the_country() {
    let mut s = state(
        vec![sim(1, "Batelco", RenewalRule::Extend, None)],
        vec![plan(1, "Batelco", Validity::Days(1), "1.000", "BHD")],
        vec![],
    );
    s.trips = vec![trip(1, &[("CH", "2027-01-21", "2027-01-22")])];
    let cover = cover_trip(&s, TripId(1), d("2026-12-04"), BUDGET).unwrap();
    assert!(cover.purchases.is_empty());
    let reasons: Vec<_> = cover.uncoverable.iter().map(|u| &u.reason).collect();
    assert_eq!(
        reasons,
        vec![&UncoverableReason::NoPlan, &UncoverableReason::NoPlan]
    );
}

// --- Preview (drag tooltip) -----------------------------------------------------------------

#[test]
fn preview_tells_the_new_end_the_lost_days_and_the_gap_before() {
    let s = state(
        vec![
            sim(1, "", RenewalRule::Extend, Some("2027-01-05")),
            sim(2, "", RenewalRule::Restart, Some("2027-01-05")),
        ],
        vec![plan(1, "", Validity::Weeks(1), "3", "BHD")],
        vec![],
    );
    let today = d("2026-12-04");
    let late = preview_renewal(&s, &renewal(1, 1, 1, "2027-01-09"), today).unwrap();
    assert_eq!(
        (late.valid_until, late.gap_days, late.lost_days),
        (d("2027-01-15"), 3, 0)
    );
    let early = preview_renewal(&s, &renewal(1, 2, 1, "2027-01-01"), today).unwrap();
    assert_eq!(
        (early.valid_until, early.gap_days, early.lost_days),
        (d("2027-01-07"), 0, 5)
    );
    assert!(preview_renewal(&s, &renewal(1, 9, 1, "2027-01-01"), today).is_none());
}

// --- Alerts ---------------------------------------------------------------------------------

#[test]
fn alerts_of_the_traveller_list_its_overdue_renewal_lost_days_and_uncovered_trip_days() {
    let text = std::fs::read_to_string(common::fixture("traveller-en.ron")).unwrap();
    let s: State = ron::from_str(&text).unwrap();
    let today = d("2026-12-04");
    let agenda = Agenda::compute(&s, today);
    let window = DateRange::new(today, d("2027-01-03"));
    let items = alerts(&agenda, window);
    assert!(
        items
            .iter()
            .any(|a| matches!(a.kind, AlertKind::Overdue { renewal } if renewal.0 == 2))
    );
    assert!(
        items
            .iter()
            .any(|a| matches!(a.kind, AlertKind::LostDays { range, .. } if range.days() == 31))
    );
    assert!(items.iter().any(
        |a| matches!(&a.kind, AlertKind::Uncovered { country, range, .. }
        if country == "SA" && range.days() == 6)
    ));
    // The Swiss days are past the 30-day window.
    assert!(
        !items
            .iter()
            .any(|a| matches!(&a.kind, AlertKind::Uncovered { country, .. } if country == "CH"))
    );
    assert!(
        items.windows(2).all(|pair| pair[0].date <= pair[1].date),
        "sorted by date"
    );
}

// --- Properties -----------------------------------------------------------------------------

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..8000).prop_map(|offset| d("2020-01-01") + chrono::Duration::days(offset))
}

fn any_rule() -> impl Strategy<Value = RenewalRule> {
    prop_oneof![
        Just(RenewalRule::Extend),
        Just(RenewalRule::Restart),
        Just(RenewalRule::LaterOf)
    ]
}

fn any_validity() -> impl Strategy<Value = Validity> {
    prop_oneof![
        (1u32..60).prop_map(Validity::Days),
        (1u32..8).prop_map(Validity::Weeks),
        (1u32..24).prop_map(Validity::Months)
    ]
}

/// The month step computed independently: the same day `n` months on, clamped to that month's
/// last day, then the day before.
fn months_end_by_hand(start: NaiveDate, n: u32) -> NaiveDate {
    let month0 = start.month0() + n;
    let year = start.year() + (month0 / 12) as i32;
    let month = month0 % 12 + 1;
    let last_day = (28..=31)
        .rev()
        .find(|day| NaiveDate::from_ymd_opt(year, month, *day).is_some())
        .unwrap();
    NaiveDate::from_ymd_opt(year, month, start.day().min(last_day))
        .unwrap()
        .pred_opt()
        .unwrap()
}

/// A SIM with random renewals of random plans under `rule`.
fn random_sim_state() -> impl Strategy<Value = State> {
    (
        any_rule(),
        proptest::option::of(any_date()),
        proptest::collection::vec(any_validity(), 1..5),
        proptest::collection::vec((any_date(), 0usize..5), 0..25),
    )
        .prop_map(|(rule, valid_until, validities, buys)| {
            let mut the_sim = sim(1, "", rule, None);
            the_sim.valid_until = valid_until;
            let plans: Vec<_> = validities
                .iter()
                .enumerate()
                .map(|(i, v)| plan(i as u32 + 1, "", *v, "1", "USD"))
                .collect();
            let renewals = buys
                .iter()
                .enumerate()
                .map(|(i, (on, p))| {
                    let mut r =
                        renewal(i as u32 + 1, 1, (*p % plans.len()) as u32 + 1, "2020-01-01");
                    r.on = *on;
                    r
                })
                .collect();
            state(vec![the_sim], plans, renewals)
        })
}

proptest! {
    #[test]
    fn months_are_always_counted_from_the_start_day(start in any_date(), n in 1u32..=120) {
        prop_assert_eq!(plan_end(Validity::Months(n), start), months_end_by_hand(start, n));
    }

    #[test]
    fn extend_never_loses_a_day(mut s in random_sim_state()) {
        s.sims[0].rule = RenewalRule::Extend;
        s.sims[0].valid_until = None;
        let agenda = Agenda::compute(&s, d("2025-01-01"));
        let schedule = &agenda.sims[0];
        prop_assert!(schedule.renewals.iter().all(|r| r.lost_days == 0));
        // A month's length depends on the day it starts, so count each plan from where it
        // actually starts.
        let bought: u32 = schedule
            .renewals
            .iter()
            .map(|r| {
                let start = r.start.unwrap();
                DateRange::new(start, plan_end(s.plan(r.plan).unwrap().validity, start)).days()
            })
            .sum();
        let served: u32 = schedule.service.iter().map(|run| DateRange::new(run.start.unwrap(), run.end).days()).sum();
        prop_assert_eq!(served, bought, "every day bought is a day of service");
    }

    #[test]
    fn service_runs_never_overlap_and_gaps_lie_between_them(s in random_sim_state()) {
        let agenda = Agenda::compute(&s, d("2025-01-01"));
        let schedule = &agenda.sims[0];
        for run in &schedule.service {
            prop_assert!(run.start.is_none_or(|start| start <= run.end));
        }
        prop_assert_eq!(schedule.gaps.len(), schedule.service.len().saturating_sub(1));
        for (pair, gap) in schedule.service.windows(2).zip(&schedule.gaps) {
            let next_start = pair[1].start.unwrap();
            prop_assert!(pair[0].end < gap.start && gap.end < next_start);
            prop_assert_eq!(gap.start, pair[0].end.succ_opt().unwrap());
            prop_assert_eq!(gap.end, next_start.pred_opt().unwrap());
        }
        for gap in &schedule.gaps {
            prop_assert!(!schedule.has_service(gap.start) && !schedule.has_service(gap.end));
        }
        // Each renewal's end is the SIM's end right after it, and ends never go backwards
        // except by a Restart.
        for pair in schedule.renewals.windows(2) {
            if s.sims[0].rule != RenewalRule::Restart {
                prop_assert!(pair[0].end <= pair[1].end);
            }
        }
    }
}
