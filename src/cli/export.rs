//! `sim-planner export`: the schedule (iCalendar, CSV, trip sheet) or the whole state (RON),
//! written atomically with [`store::write_file_atomic`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::builder::TypedValueParser;
use rust_i18n::t;

use super::inert::{inert, inert_lines};
use crate::export::{
    ExportContent, ExportError, ExportFormat, ExportRange, ExportTarget, MAX_RANGE_DAYS,
    export_to_file_with,
};
use crate::model::{State, TripId};
use crate::schedule::{COVER_BUDGET, TripCover, cover_trip};

/// How many days `export` covers when no range is given.
pub const DEFAULT_EXPORT_DAYS: u32 = 90;

/// The arguments of `sim-planner export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The file format [default: from the extension of --out]
    #[arg(long, value_parser = format_parser())]
    pub format: Option<ExportFormat>,

    /// The first day to export (with --to)
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        requires = "to",
        conflicts_with_all = ["trip", "days"]
    )]
    pub from: Option<NaiveDate>,

    /// The last day to export, included (with --from)
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,

    /// Export the dates of the trip with this id (as in the state file), starting the
    /// settings' lead days before it so that renewals due just before leaving are included
    #[arg(long, value_name = "ID", conflicts_with_all = ["from", "to", "days"])]
    pub trip: Option<u32>,

    /// Export the next N days, starting with --today [default: 90]
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..=MAX_RANGE_DAYS),
        conflicts_with_all = ["from", "to", "trip"]
    )]
    pub days: Option<u32>,

    /// The file to write; an existing file is replaced atomically
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,

    /// With --trip, for a calendar or a trip sheet: also list the cheapest purchases that
    /// cover the trip and are not in the state yet (as `sim-planner suggest` finds them),
    /// marked as suggestions
    #[arg(long, requires = "trip")]
    pub with_suggestions: bool,

    /// For CSV: leave out the UTF-8 byte order mark the file starts with (it lets spreadsheet
    /// programs that guess the encoding read non-English text right)
    #[arg(long)]
    pub no_bom: bool,
}

/// `--format`: the names of [`ExportFormat::ALL`], each with its description in the help.
fn format_parser() -> impl TypedValueParser<Value = ExportFormat> {
    let names = ExportFormat::ALL
        .map(|format| clap::builder::PossibleValue::new(format.name()).help(format.description()));
    clap::builder::PossibleValuesParser::new(names).try_map(|name: String| {
        ExportFormat::from_name(&name).ok_or_else(|| format!("{name} is not a format"))
    })
}

/// The days the arguments ask for: `--from`/`--to`, `--trip`, or the next `--days` (default
/// [`DEFAULT_EXPORT_DAYS`]) from `today`.
pub fn export_range(
    state: &State,
    args: &ExportArgs,
    today: NaiveDate,
) -> Result<ExportRange, ExportError> {
    match (args.from, args.to, args.trip) {
        (Some(from), Some(to), _) => ExportRange::new(from, to),
        (_, _, Some(trip)) => ExportRange::for_trip(state, TripId(trip), state.settings.lead_days),
        _ => Ok(ExportRange::next_days(
            today,
            args.days.unwrap_or(DEFAULT_EXPORT_DAYS),
        )),
    }
}

/// The trip sheet's title: the trip's name, or the dates.
fn title(state: &State, args: &ExportArgs, range: ExportRange) -> String {
    match args.trip.and_then(|id| state.trip(TripId(id))) {
        Some(trip) => format!("{}: SIM plan", trip.name),
        None => format!("SIM plan, {} to {}", range.from, range.to),
    }
}

/// Runs `export` on the loaded `state` from `state_path`.
pub(super) fn run_export(
    state: &State,
    state_path: &Path,
    args: &ExportArgs,
    today: NaiveDate,
) -> ExitCode {
    let Some(format) = args.format.or_else(|| ExportFormat::from_path(&args.out)) else {
        eprintln!(
            "error: cannot tell the format from the name {}; add --format ics, csv, ron or html",
            args.out.display()
        );
        return ExitCode::FAILURE;
    };
    let range = match export_range(state, args, today) {
        Ok(range) => range,
        Err(ExportError::UnknownTrip(id)) => {
            eprintln!("error: there is no trip with id {id}. {}", trip_list(state));
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: {}", inert_lines(&error.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let title = title(state, args, range);
    let target = ExportTarget {
        out: &args.out,
        state_file: Some(state_path),
    };
    let suggestions = match suggestions(state, args, format, today) {
        Ok(cover) => cover,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let content = ExportContent {
        title: &title,
        suggestions: suggestions.as_ref(),
        csv_bom: !args.no_bom,
    };
    match export_to_file_with(state, format, &range, today, Utc::now(), content, target) {
        Ok(Some(events)) => {
            let path = args.out.display().to_string();
            let key = crate::plural_key!("cli.wrote_events", events);
            println!("{}", t!(key, count = events, path = path));
            ExitCode::SUCCESS
        }
        Ok(None) => {
            let path = args.out.display().to_string();
            println!("{}", t!("cli.wrote_state", path = path));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {}", inert_lines(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// The trip cover `--with-suggestions` asks for, if it does.
fn suggestions(
    state: &State,
    args: &ExportArgs,
    format: ExportFormat,
    today: NaiveDate,
) -> Result<Option<TripCover>, String> {
    let (true, Some(trip)) = (args.with_suggestions, args.trip) else {
        return Ok(None);
    };
    if !matches!(format, ExportFormat::Ics | ExportFormat::Html) {
        return Err(format!(
            "suggestions are listed in a calendar (ics) or a trip sheet (html), not in {}",
            format.name()
        ));
    }
    cover_trip(state, TripId(trip), today, COVER_BUDGET)
        .map(Some)
        .map_err(|error| error.to_string())
}

/// `The trips are: 1 (Riyadh), 2 (Europe)`, for a `--trip` that names none.
pub(super) fn trip_list(state: &State) -> String {
    if state.trips.is_empty() {
        return t!("cli.no_trips").into_owned();
    }
    let trips: Vec<String> = state
        .trips
        .iter()
        .map(|trip| format!("{} ({})", trip.id, inert(&trip.name)))
        .collect();
    t!("cli.trips_are", trips = trips.join(", ")).into_owned()
}
