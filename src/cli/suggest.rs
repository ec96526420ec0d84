//! `sim-planner suggest`: the cheapest plan purchases that cover a trip ("Suggestions"), as a
//! readable list or as JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_i18n::t;
use serde::Serialize;

use super::export::trip_list;
use super::inert::inert;
use crate::model::{PlanId, SimId, State, TripId, format_amount};
use crate::schedule::{
    COVER_BUDGET, CoverError, DayCountry, LeftOutReason, TripCover, UncoverableReason, cover_trip,
};

/// The arguments of `sim-planner suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The trip to cover: its id, as in the state file
    #[arg(long, value_name = "ID")]
    pub trip: u32,

    /// Print the cover as JSON: the renewals to add, the total in the base currency, whether
    /// it is proven the cheapest, and the (day, country) pairs nothing can cover
    #[arg(long)]
    pub json: bool,
}

/// Runs `suggest` on the loaded `state`, as seen on `today`.
pub(super) fn run_suggest(state: &State, args: &SuggestArgs, today: NaiveDate) -> ExitCode {
    let cover = match cover_trip(state, TripId(args.trip), today, COVER_BUDGET) {
        Ok(cover) => cover,
        Err(CoverError::UnknownTrip(id)) => {
            eprintln!("error: there is no trip with id {id}. {}", trip_list(state));
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&SuggestJson::from(&cover)) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("error: could not write the cover as JSON: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", suggest_text(state, &cover));
    }
    ExitCode::SUCCESS
}

/// The document `suggest --json` prints.
#[derive(Debug, Serialize)]
struct SuggestJson {
    trip: TripId,
    /// Sorted by date, then SIM.
    renewals: Vec<RenewalJson>,
    /// The sum of the prices in the base currency, with two decimals.
    total: String,
    currency: Option<String>,
    optimal: bool,
    uncoverable: Vec<DayJson>,
}

#[derive(Debug, Serialize)]
struct RenewalJson {
    sim: SimId,
    plan: PlanId,
    on: NaiveDate,
}

#[derive(Debug, Serialize)]
struct DayJson {
    date: NaiveDate,
    country: String,
}

impl From<&TripCover> for SuggestJson {
    fn from(cover: &TripCover) -> Self {
        Self {
            trip: cover.trip,
            renewals: cover
                .purchases
                .iter()
                .map(|purchase| RenewalJson {
                    sim: purchase.sim,
                    plan: purchase.plan,
                    on: purchase.on,
                })
                .collect(),
            total: two_decimals(cover.total),
            currency: cover.currency.clone(),
            optimal: cover.optimal,
            uncoverable: cover
                .uncoverable
                .iter()
                .map(|day| DayJson {
                    date: day.date,
                    country: day.country.clone(),
                })
                .collect(),
        }
    }
}

/// `amount` with exactly two decimals (half away from zero), as `suggest --json` writes totals.
fn two_decimals(amount: Decimal) -> String {
    let mut amount = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    amount.rescale(2);
    amount.to_string()
}

/// The readable cover: what to buy and what it covers, the total, whether it is proven the
/// cheapest, the days nothing can cover and why, and the plans left out. Names pass through
/// [`inert`].
pub fn suggest_text(state: &State, cover: &TripCover) -> String {
    let mut out = String::new();
    let trip_name = state
        .trip(cover.trip)
        .map_or("?", |trip| trip.name.as_str());
    let heading = t!(
        "cli.cover_for",
        id = cover.trip.to_string(),
        name = inert(trip_name),
        today = cover.today.to_string()
    );
    out.push_str(&heading);
    match &cover.currency {
        Some(currency) => {
            let _ = writeln!(out, "{}", t!("cli.prices_in", currency = inert(currency)));
        }
        None => out.push('\n'),
    }
    out.push('\n');
    let seconds = COVER_BUDGET.as_secs();
    let proof = if cover.optimal {
        t!("cli.proven")
    } else {
        t!("cli.not_proven", seconds = seconds)
    };
    if cover.purchases.is_empty() {
        if cover.optimal {
            let _ = writeln!(out, "{}", t!("cli.nothing_to_buy"));
        } else {
            let _ = writeln!(out, "{}", t!("cli.nothing_found", seconds = seconds));
        }
    } else {
        let _ = writeln!(out, "{}", t!("cli.buy"));
        for purchase in &cover.purchases {
            let sim = state.sim(purchase.sim).map_or("?", |sim| sim.name.as_str());
            let plan = state
                .plan(purchase.plan)
                .map_or("?", |plan| plan.name.as_str());
            let _ = write!(
                out,
                "  {}  {}: {}, {}",
                purchase.on,
                inert(sim),
                inert(plan),
                inert(&purchase.price.to_string())
            );
            if let Some(currency) = &cover.currency
                && !purchase.price.currency.eq_ignore_ascii_case(currency)
            {
                let _ = write!(
                    out,
                    " = {} {}",
                    format_amount(purchase.cost, currency),
                    inert(currency)
                );
            }
            out.push('\n');
            if !purchase.covers.is_empty() {
                let covers = t!("cli.covers", days = runs_text(&purchase.covers));
                let _ = writeln!(out, "              {covers}");
            }
        }
        let total = match &cover.currency {
            Some(currency) => format!(
                "{} {}",
                format_amount(cover.total, currency),
                inert(currency)
            ),
            None => cover.total.to_string(),
        };
        let _ = writeln!(out, "{}", t!("cli.total", total = total, proof = proof));
    }

    if !cover.uncoverable.is_empty() {
        let _ = writeln!(out, "\n{}", t!("cli.cannot_cover"));
        for run in cover.uncoverable_runs() {
            let days = if run.from == run.to {
                run.from.to_string()
            } else {
                t!(
                    "export.date_range",
                    from = run.from.to_string(),
                    to = run.to.to_string()
                )
                .into_owned()
            };
            let _ = writeln!(
                out,
                "  {} {days}: {}",
                inert(run.country),
                reason_text(run.reason, run.country)
            );
        }
    }

    if !cover.left_out.is_empty() {
        let _ = writeln!(out, "\n{}", t!("cli.left_out"));
        for left_out in &cover.left_out {
            let name = state
                .plan(left_out.plan)
                .map_or("?", |plan| plan.name.as_str());
            let why = match &left_out.reason {
                LeftOutReason::NoRate { base } => t!(
                    "cli.no_rate",
                    currency = inert(&left_out.currency),
                    base = inert(base)
                ),
                LeftOutReason::NoBaseCurrency { currencies } => {
                    t!("cli.no_base", currencies = inert(&currencies.join(", ")))
                }
            };
            let line = t!(
                "cli.left_out_plan",
                id = left_out.plan.to_string(),
                name = inert(name),
                currency = inert(&left_out.currency),
                why = why
            );
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// Why a day cannot be covered, in a few words.
fn reason_text(reason: &UncoverableReason, country: &str) -> String {
    match reason {
        UncoverableReason::BeforeToday => t!("cli.why_past"),
        UncoverableReason::NoPlan => t!("cli.why_no_plan", country = inert(country)),
        UncoverableReason::OnlyUnpricedPlans { currencies } => t!(
            "cli.why_unpriced",
            currencies = inert(&currencies.join(", "))
        ),
        UncoverableReason::Blocked => t!("cli.why_blocked"),
        UncoverableReason::Conflict => t!("cli.why_conflict"),
    }
    .into_owned()
}

/// `DE 2027-01-10 to 2027-01-14, FR 2027-01-15`: runs of consecutive days per country.
fn runs_text(days: &[DayCountry]) -> String {
    let mut runs: Vec<(String, NaiveDate, NaiveDate)> = Vec::new();
    let mut sorted: Vec<&DayCountry> = days.iter().collect();
    sorted.sort_by(|a, b| (&a.country, a.date).cmp(&(&b.country, b.date)));
    for day in sorted {
        match runs.last_mut() {
            Some((country, _, to))
                if *country == day.country && to.succ_opt() == Some(day.date) =>
            {
                *to = day.date;
            }
            _ => runs.push((day.country.clone(), day.date, day.date)),
        }
    }
    runs.sort_by_key(|(_, from, _)| *from);
    runs.iter()
        .map(|(country, from, to)| {
            if from == to {
                format!("{} {from}", inert(country))
            } else {
                t!(
                    "export.country_days",
                    country = inert(country),
                    from = from.to_string(),
                    to = to.to_string()
                )
                .into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
