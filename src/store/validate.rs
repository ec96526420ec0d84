//! The rules a state must keep before it is loaded or imported ("Imports are checked before
//! anything changes" in DESIGN.md). Serde has already checked the shape, that dates are real
//! and written `YYYY-MM-DD` and that amounts are plain decimals (`model::strict`); these are
//! the rules that span fields and items, and the limits of [`super::limits`].

use rust_decimal::Decimal;

use super::limits::check_limits;
use super::problem::{
    Item, MAX_KEEP_ALIVE_DAYS, MAX_LEAD_DAYS, MAX_VALIDITY_DAYS, MAX_VALIDITY_MONTHS,
    MAX_VALIDITY_WEEKS, Problem, Report, ValidationError,
};
use crate::model::{State, Validity};

/// Every problem in `state`, in file order (settings, SIMs, plans, renewals, trips); empty when
/// the state is fine. Used on load and before an import changes anything.
pub fn validate(state: &State) -> Vec<ValidationError> {
    let mut report = Report::default();
    check_settings(&mut report, state);
    check_sims(&mut report, state);
    check_plans(&mut report, state);
    check_renewals(&mut report, state);
    check_trips(&mut report, state);
    check_limits(&mut report, state);
    report.0
}

fn check_settings(report: &mut Report, state: &State) {
    let settings = &state.settings;
    report.lead_days(Item::Settings, settings.lead_days);
    for &stage in &settings.reminder_stages {
        if stage > MAX_LEAD_DAYS {
            report.push(Item::Settings, Problem::ReminderStageTooLarge(stage));
        }
    }
    if let Some(base) = &settings.base_currency {
        report.currency(Item::Settings, base);
    }
    for (currency, rate) in &settings.rates {
        report.currency(Item::Settings, currency);
        report.precision(Item::Settings, "exchange rate", rate.0);
        if rate.0 <= Decimal::ZERO {
            report.push(
                Item::Settings,
                Problem::RateNotPositive {
                    currency: currency.clone(),
                    rate: rate.0,
                },
            );
        }
    }
}

fn check_sims(report: &mut Report, state: &State) {
    report.unique_ids(state.sims.iter().map(|sim| sim.id), Item::Sim);
    for sim in &state.sims {
        let item = Item::Sim(sim.id);
        report.name(item, &sim.name);
        for code in &sim.coverage {
            report.country(item, code);
        }
        if let Some(valid_until) = sim.valid_until {
            report.date(item, valid_until);
        }
        if let Some(days) = sim.lead_days {
            report.lead_days(item, days);
        }
        if sim.daily_use_mb == Some(0) {
            report.push(item, Problem::DailyUseZero);
        }
        if let Some(days) = sim.keep_alive_days
            && !(1..=MAX_KEEP_ALIVE_DAYS).contains(&days)
        {
            report.push(item, Problem::KeepAliveOutOfRange(days));
        }
    }
}

fn check_plans(report: &mut Report, state: &State) {
    report.unique_ids(state.plans.iter().map(|plan| plan.id), Item::Plan);
    for plan in &state.plans {
        let item = Item::Plan(plan.id);
        report.name(item, &plan.name);
        let max = match plan.validity {
            Validity::Days(_) => MAX_VALIDITY_DAYS,
            Validity::Weeks(_) => MAX_VALIDITY_WEEKS,
            Validity::Months(_) => MAX_VALIDITY_MONTHS,
        };
        if !(1..=max).contains(&plan.validity.count()) {
            report.push(item, Problem::ValidityOutOfRange(plan.validity));
        }
        report.currency(item, &plan.price.currency);
        report.precision(item, "price", plan.price.amount);
        // `-0` is negative too: it has a sign, which a written amount may not have.
        if plan.price.amount.is_sign_negative() {
            report.push(item, Problem::PriceNegative(plan.price.clone()));
        }
        for code in &plan.coverage {
            report.country(item, code);
        }
    }
}

fn check_renewals(report: &mut Report, state: &State) {
    report.unique_ids(
        state.renewals.iter().map(|renewal| renewal.id),
        Item::Renewal,
    );
    for renewal in &state.renewals {
        let item = Item::Renewal(renewal.id);
        if state.sim(renewal.sim).is_none() {
            report.push(item, Problem::MissingSim(renewal.sim));
        }
        if state.plan(renewal.plan).is_none() {
            report.push(item, Problem::MissingPlan(renewal.plan));
        }
        report.date(item, renewal.on);
    }
}

fn check_trips(report: &mut Report, state: &State) {
    report.unique_ids(state.trips.iter().map(|trip| trip.id), Item::Trip);
    for trip in &state.trips {
        report.name(Item::Trip(trip.id), &trip.name);
        if trip.legs.is_empty() {
            report.push(Item::Trip(trip.id), Problem::NoLegs);
        }
        for (index, leg) in trip.legs.iter().enumerate() {
            let item = Item::TripLeg {
                trip: trip.id,
                leg: index + 1,
            };
            report.country(item, &leg.country);
            report.date(item, leg.from);
            report.date(item, leg.to);
            if leg.to < leg.from {
                report.push(
                    item,
                    Problem::EndsBeforeStart {
                        from: leg.from,
                        to: leg.to,
                    },
                );
            }
        }
    }
}
