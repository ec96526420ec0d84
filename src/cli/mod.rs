//! The command line: argument parsing and the headless subcommands, built on `schedule` and
//! `store`. With no subcommand the binary opens the window.

mod export;
mod import;
mod inert;
mod suggest;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use rust_i18n::t;

use crate::model::State;
use crate::schedule::{Agenda, DateRange, alerts};
use crate::store;
use crate::text::alert_sentence;

pub use export::{DEFAULT_EXPORT_DAYS, ExportArgs, export_range};
pub use import::ImportArgs;
pub use inert::{inert, inert_lines};
pub use suggest::{SuggestArgs, suggest_text};

/// Plan renewals of prepaid SIM cards, eSIMs and data cards on a calendar. Offline: nothing
/// leaves this machine.
///
/// With no subcommand, opens the window.
#[derive(Debug, Parser)]
#[command(name = "sim-planner", version, about, long_about)]
pub struct Cli {
    /// The state file [default: the app's storage folder/state.ron]
    #[arg(long, global = true, env = "SIM_PLANNER_STATE", value_name = "PATH")]
    pub state: Option<PathBuf>,

    /// The date to treat as today (default: the local date), for reproducible output
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the state file; print a summary, or every problem found (exit 1)
    Check,
    /// What is coming: renew-by dates, expiries, gaps, lost days, overdue renewals, data
    /// run-outs, keep-alive deadlines, uncovered trip days
    Agenda {
        /// How many days ahead to list
        #[arg(long, default_value_t = 30, value_name = "N")]
        days: u32,
        /// Print the whole agenda as JSON instead
        #[arg(long)]
        json: bool,
    },
    /// Write the schedule to an iCalendar, CSV or HTML file, or the whole state to a RON file
    ///
    /// The schedule holds each renewal, renew-by date and expiry and each uncovered trip day
    /// in the range, as seen on --today. Without --from/--to, --trip or --days it covers the
    /// next 90 days. Prints `wrote N events to FILE` (for RON: `wrote state to FILE`).
    ///
    /// Examples:
    ///   sim-planner export --out renewals.ics
    ///   sim-planner export --format csv --from 2026-12-01 --to 2027-02-28 --out winter.csv
    ///   sim-planner export --trip 2 --out europe.html
    ///   sim-planner export --out backup.ron
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Merge a state file into the state, or replace the state with it
    ///
    /// The file is checked first; if it has problems, every one is printed and nothing
    /// changes (exit 1). A merge gives the file's items new ids after the ones you have, skips
    /// items that are exact duplicates of yours (renewals of a duplicate SIM or plan then
    /// refer to yours) and keeps your settings. Prints what the import changed, then saves
    /// the state (the previous file is kept as <state>.bak). With no state file yet, the
    /// import starts from an empty state with the file's settings.
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
    /// The cheapest plans to buy so that every day of a trip has a SIM that works there
    ///
    /// Over your SIMs and the plans each may take, bought from --today on, checked by running
    /// each SIM's renewal rule with them added. Prices compare in the base currency; a plan
    /// whose currency has no rate is left out. Lists what to buy, the total, whether it is
    /// proven the cheapest (the search stops after 2 s) and the days nothing can cover, and
    /// why. Nothing is changed: add the purchases in the window, or by hand.
    ///
    /// Example:
    ///   sim-planner suggest --trip 2 --today 2026-12-04
    #[command(verbatim_doc_comment)]
    Suggest(SuggestArgs),
}

impl Cli {
    /// The state file to use: `--state`, `SIM_PLANNER_STATE`, or `default` (the app's storage
    /// folder, which `main` asks the window's toolkit for).
    pub fn state_path(&self, default: Option<PathBuf>) -> Option<PathBuf> {
        self.state.clone().or(default)
    }

    /// `--today`, or the local date.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// Runs a headless subcommand, printing to stdout (results) and stderr (problems).
/// `default_state` is where the state lives unless `--state` says otherwise.
pub fn run(cli: &Cli, command: &Command, default_state: Option<PathBuf>) -> ExitCode {
    let Some(path) = cli.state_path(default_state) else {
        eprintln!("error: no folder for the state file on this system; pass --state PATH");
        return ExitCode::FAILURE;
    };
    match command {
        // Import may start from no state file at all, so it loads the state itself.
        Command::Import(args) => import::run_import(&path, args),
        Command::Export(args) => with_state(&path, |state| {
            export::run_export(state, &path, args, cli.today())
        }),
        Command::Suggest(args) => with_state(&path, |state| {
            suggest::run_suggest(state, args, cli.today())
        }),
        Command::Check => with_state(&path, |state| {
            println!("{}", check_summary(state));
            for warning in store::warnings(state) {
                eprintln!("warning: {warning}");
            }
            ExitCode::SUCCESS
        }),
        Command::Agenda { json: true, .. } => {
            with_state(&path, |state| match agenda_json(state, cli.today()) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: could not write the agenda as JSON: {error}");
                    ExitCode::FAILURE
                }
            })
        }
        Command::Agenda { days, json: false } => with_state(&path, |state| {
            print!("{}", agenda_text(state, &path, cli.today(), *days));
            ExitCode::SUCCESS
        }),
    }
}

/// Loads the state file at `path` and runs `command` on it, or prints why it cannot be used.
fn with_state(path: &Path, command: impl FnOnce(&State) -> ExitCode) -> ExitCode {
    match store::load(path) {
        Ok(state) => {
            // Readable output is in the state's language; `--json` never changes with it.
            crate::text::use_language(state.settings.language);
            command(&state)
        }
        Err(error) => {
            let message = format!("error: {} cannot be used:\n{error}", path.display());
            eprintln!("{}", inert_lines(&message));
            ExitCode::FAILURE
        }
    }
}

/// `ok: N SIMs, N plans, N renewals, N trips`.
pub fn check_summary(state: &State) -> String {
    t!(
        "cli.check_ok",
        sims = state.sims.len(),
        plans = state.plans.len(),
        renewals = state.renewals.len(),
        trips = state.trips.len()
    )
    .into_owned()
}

/// The agenda as the JSON document `agenda --json` prints.
pub fn agenda_json(state: &State, today: NaiveDate) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&Agenda::compute(state, today))
}

/// A readable list of what needs attention from `today` through `days` days later.
pub fn agenda_text(state: &State, path: &Path, today: NaiveDate, days: u32) -> String {
    let agenda = Agenda::compute(state, today);
    let last = today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let window = DateRange::new(today, last);
    let items = alerts(&agenda, window);
    let mut lines = vec![
        t!(
            crate::plural_key!("cli.agenda_from", days),
            from = today.to_string(),
            to = last.to_string(),
            days = days,
            path = inert(&path.display().to_string())
        )
        .into_owned(),
        String::new(),
    ];
    if items.is_empty() {
        lines.push(t!("alerts.none_at_all").into_owned());
    } else {
        lines.extend(
            items
                .iter()
                .map(|alert| format!("{}  {}", alert.date, inert(&alert_sentence(state, alert)))),
        );
        lines.push(String::new());
        lines.push(
            t!(
                crate::plural_key!("cli.items", items.len()),
                count = items.len()
            )
            .into_owned(),
        );
    }
    lines.push(String::new());
    lines.join("\n")
}
