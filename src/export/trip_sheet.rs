//! The trip sheet: one self-contained HTML page to print or keep offline for a trip.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_i18n::t;

use super::html::{bdi, escape};
use super::{EventKind, ExportRange, MAX_RANGE_DAYS, ScheduleEvent, schedule_events};
use crate::model::{LinkSafety, State, TripId, TripLeg};
use crate::schedule::{Agenda, SimSchedule, sim_covers_on};

/// The most SIMs named for one country on one day; the rest are counted. Someone with a
/// hundred SIMs that work there needs a choice, not a list, and the page stays a size a
/// browser opens however many trips and SIMs the file has.
const MAX_SIMS_LISTED: usize = 4;

/// Inline, printable styles: the page loads nothing from anywhere.
const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { margin-bottom: 0.2em; }
.range { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { break-inside: avoid; }
ul { margin: 0; padding-left: 1.2em; }
.warn { color: #a00; font-weight: bold; }
.warnings { border: 2px solid #a00; padding: 0.5em 1em; }
.muted { color: #777; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
";

/// The trip sheet for `range`, titled `title`: warnings first (overdue renewals, runs of
/// uncovered days, renewal links that are not https), then day by day the country of each trip leg, which SIM works there
/// that day (by the "Trip coverage" rule), what to renew and by when, then each SIM's number
/// and renewal link. Days with no trip leg and nothing to do are left out.
///
/// Every text is HTML-escaped, and user text is isolated in `<bdi>` so that a bidi override in
/// a name cannot reorder the page; only `http`/`https` renewal links become links, and the page
/// refers to no other resource (a Content-Security-Policy says so to the browser as well).
pub fn to_html(state: &State, agenda: &Agenda, range: &ExportRange, title: &str) -> String {
    let events = schedule_events(state, agenda, range);
    html_from_events(state, agenda, *range, &events, title)
}

/// [`to_html`] of events already drawn for `range`.
pub(super) fn html_from_events(
    state: &State,
    agenda: &Agenda,
    range: ExportRange,
    events: &[ScheduleEvent],
    title: &str,
) -> String {
    let mut out = String::new();
    let heading = bdi(title);
    let title = escape(title);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">",
        state.settings.language.locale()
    );
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" \
         content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    );
    let _ = writeln!(out, "<h1>{heading}</h1>");
    let _ = writeln!(
        out,
        "<p class=\"range\">{}</p>",
        t!(
            "export.sheet_range",
            from = range.from.to_string(),
            to = range.to.to_string()
        )
    );
    warnings_html(&mut out, state, events);
    super::suggestions::suggestions_html(&mut out, events);
    days_html(&mut out, state, agenda, range, events);
    sims_html(&mut out, state, agenda);
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p>\n</body>\n</html>",
        t!("export.sheet_made_with")
    );
    out
}

/// The list of what can go wrong on the trip.
fn warnings_html(out: &mut String, state: &State, events: &[ScheduleEvent]) {
    let mut warnings = Vec::new();
    for event in events {
        if let EventKind::Renewal { overdue: true, .. } = event.kind {
            warnings.push(
                t!(
                    "export.sheet_overdue",
                    what = event.summary_with(bdi),
                    date = event.date.to_string()
                )
                .into_owned(),
            );
        }
    }
    for run in uncovered_runs(events) {
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
        warnings.push(
            t!(
                "export.sheet_uncovered",
                days = days,
                country = bdi(run.country),
                trip = bdi(run.trip_name)
            )
            .into_owned(),
        );
    }
    for sim in &state.sims {
        let Some((_, safety)) = sim.renew_link() else {
            continue;
        };
        match safety {
            LinkSafety::Https => {}
            LinkSafety::Http => {
                warnings.push(t!("export.sheet_link_http", sim = bdi(&sim.name)).into_owned());
            }
            LinkSafety::NotWeb => {
                warnings.push(t!("export.sheet_link_not_web", sim = bdi(&sim.name)).into_owned());
            }
        }
    }
    if warnings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"warnings\">\n<h2>{}</h2>\n<ul>",
        t!("export.sheet_warnings")
    );
    for warning in warnings {
        let _ = writeln!(out, "<li class=\"warn\">{warning}</li>");
    }
    out.push_str("</ul>\n</section>\n");
}

/// Consecutive uncovered days of one trip in one country.
struct UncoveredRun<'a> {
    trip: TripId,
    trip_name: &'a str,
    country: &'a str,
    from: NaiveDate,
    to: NaiveDate,
}

/// The uncovered days among `events`, grouped into runs, earliest first.
fn uncovered_runs(events: &[ScheduleEvent]) -> Vec<UncoveredRun<'_>> {
    let mut days: Vec<(TripId, &str, &str, NaiveDate)> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Uncovered {
                trip,
                trip_name,
                country,
            } => Some((*trip, country.as_str(), trip_name.as_str(), event.date)),
            _ => None,
        })
        .collect();
    days.sort_unstable();
    let mut runs: Vec<UncoveredRun<'_>> = Vec::new();
    for (trip, country, trip_name, day) in days {
        match runs.last_mut() {
            Some(run)
                if run.trip == trip && run.country == country && run.to.succ_opt() == Some(day) =>
            {
                run.to = day;
            }
            _ => runs.push(UncoveredRun {
                trip,
                trip_name,
                country,
                from: day,
                to: day,
            }),
        }
    }
    runs.sort_by_key(|run| run.from);
    runs
}

/// Day by day: where, which SIM, what to do.
fn days_html(
    out: &mut String,
    state: &State,
    agenda: &Agenda,
    range: ExportRange,
    events: &[ScheduleEvent],
) {
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"days\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th></tr></thead>",
        t!("export.sheet_day_by_day"),
        t!("export.sheet_date"),
        t!("export.sheet_where"),
        t!("export.sheet_sim_to_use"),
        t!("export.sheet_to_do")
    );
    out.push_str("<tbody>\n");
    let max_days = usize::try_from(MAX_RANGE_DAYS).unwrap_or(usize::MAX);
    let mut rows = 0;
    for day in range.days().take(max_days) {
        let stays = stays_on(state, day);
        let todo: Vec<&ScheduleEvent> = events
            .iter()
            .filter(|event| event.date == day && !matches!(event.kind, EventKind::Uncovered { .. }))
            .collect();
        if stays.is_empty() && todo.is_empty() {
            continue;
        }
        rows += 1;
        let weekday_key = format!("weekdays.{}", day.format("%a"));
        let _ = write!(
            out,
            "<tr id=\"day-{day}\"><td>{day}<br>{}</td><td>",
            t!(&weekday_key)
        );
        if stays.is_empty() {
            let _ = write!(
                out,
                "<span class=\"muted\">{}</span>",
                t!("export.sheet_no_trip")
            );
        }
        for (trip, leg) in &stays {
            let _ = write!(
                out,
                "<div>{} <span class=\"muted\">({})</span></div>",
                bdi(&leg.country),
                bdi(trip)
            );
        }
        out.push_str("</td><td>");
        for (_, leg) in &stays {
            sims_to_use_html(out, state, agenda, day, &leg.country);
        }
        out.push_str("</td><td>");
        todo_html(out, &todo);
        out.push_str("</td></tr>\n");
    }
    if rows == 0 {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"4\" class=\"muted\">{}</td></tr>",
            t!("export.sheet_nothing")
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The (trip name, leg) of every leg that includes `day`.
fn stays_on(state: &State, day: NaiveDate) -> Vec<(&str, &TripLeg)> {
    state
        .trips
        .iter()
        .flat_map(|trip| trip.legs.iter().map(move |leg| (trip.name.as_str(), leg)))
        .filter(|(_, leg)| leg.from <= day && day <= leg.to)
        .collect()
}

/// The SIMs whose service on `day` works in `country`, or a warning when none does.
fn sims_to_use_html(
    out: &mut String,
    state: &State,
    agenda: &Agenda,
    day: NaiveDate,
    country: &str,
) {
    let working: Vec<&SimSchedule> = agenda
        .sims
        .iter()
        .filter(|schedule| sim_covers_on(state, schedule, day, country))
        .collect();
    if working.is_empty() {
        let _ = write!(
            out,
            "<div class=\"warn\">{}</div>",
            t!("export.sheet_no_sim", country = bdi(country))
        );
        return;
    }
    for schedule in working.iter().take(MAX_SIMS_LISTED) {
        let number = state
            .sim(schedule.id)
            .and_then(|sim| sim.number.as_deref())
            .filter(|number| !number.trim().is_empty());
        let _ = write!(out, "<div>{}", bdi(&schedule.name));
        if let Some(number) = number {
            let _ = write!(out, " <span class=\"muted\">{}</span>", bdi(number));
        }
        out.push_str("</div>");
    }
    let more = working.len().saturating_sub(MAX_SIMS_LISTED);
    if more > 0 {
        let more_text = t!(
            crate::plural_key!("export.sheet_more_sims", more),
            count = more
        );
        let _ = write!(out, "<div class=\"muted\">{more_text}</div>");
    }
}

/// The renewals, renew-by dates and expiries of one day.
fn todo_html(out: &mut String, todo: &[&ScheduleEvent]) {
    if todo.is_empty() {
        return;
    }
    out.push_str("<ul>");
    for event in todo {
        let class = match event.kind {
            EventKind::Renewal { overdue: true, .. } | EventKind::Expiry => " class=\"warn\"",
            _ => "",
        };
        let _ = write!(out, "<li{class}>{}", event.summary_with(bdi));
        match event.kind {
            EventKind::Renewal { overdue: true, .. } => {
                let _ = write!(out, " {}", t!("export.sheet_overdue_mark"));
            }
            EventKind::RenewBy { expires } => {
                let _ = write!(
                    out,
                    " <span class=\"muted\">{}</span>",
                    t!("export.sheet_service_ends", date = expires.to_string())
                );
            }
            EventKind::Renewal { .. } => {
                if let Some(until) = event.valid_until {
                    let _ = write!(
                        out,
                        " <span class=\"muted\">{}</span>",
                        t!("export.sheet_valid_until", date = until.to_string())
                    );
                }
            }
            EventKind::Expiry | EventKind::Suggestion { .. } | EventKind::Uncovered { .. } => {}
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// Each SIM's number, last day of service, renewal link and payment.
fn sims_html(out: &mut String, state: &State, agenda: &Agenda) {
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"sims\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        t!("export.sheet_sims"),
        t!("export.sheet_sim"),
        t!("export.sheet_carrier"),
        t!("export.sheet_number"),
        t!("export.sheet_last_day"),
        t!("export.sheet_link"),
        t!("export.sheet_payment")
    );
    for sim in &state.sims {
        let last_day = agenda.sim(sim.id).and_then(SimSchedule::last_day);
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
            bdi(&sim.name),
            bdi(&sim.carrier),
            bdi(sim.number.as_deref().unwrap_or("")),
            last_day.map(|day| day.to_string()).unwrap_or_default(),
        );
        if let Some(link) = sim.renew_link() {
            link_html(out, link);
        }
        let _ = writeln!(out, "</td><td>{}</td></tr>", bdi(&sim.payment));
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A renewal link: `https` as a link, `http` as a link with a warning, anything else as text.
fn link_html(out: &mut String, (url, safety): (&str, LinkSafety)) {
    let url = escape(url);
    let _ = match safety {
        LinkSafety::Https => write!(
            out,
            "<a href=\"{url}\" rel=\"noreferrer\"><bdi>{url}</bdi></a>"
        ),
        LinkSafety::Http => write!(
            out,
            "<a href=\"{url}\" rel=\"noreferrer\"><bdi>{url}</bdi></a> \
             <span class=\"warn\">{}</span>",
            t!("export.sheet_not_https")
        ),
        LinkSafety::NotWeb => write!(
            out,
            "<bdi>{url}</bdi> <span class=\"warn\">{}</span>",
            t!("export.sheet_not_web")
        ),
    };
}
