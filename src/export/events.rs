//! The one event list every export format is drawn from.

use chrono::NaiveDate;
use rust_i18n::t;

use super::ExportRange;
use crate::model::{
    LinkSafety, Money, PlanId, RenewalId, RenewalStatus, Sim, SimId, State, TripId, format_amount,
};
use crate::plural_key;
use crate::schedule::{Agenda, AppliedRenewal, DayCountry, SimSchedule, TripCover};

/// What an exported event is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// A plan bought (or to buy) for a SIM on the event's day.
    Renewal {
        renewal: RenewalId,
        status: RenewalStatus,
        overdue: bool,
    },
    /// The renew-by date of a run of service (`expires - lead_days`).
    RenewBy { expires: NaiveDate },
    /// The last day of a run of service.
    Expiry,
    /// A purchase the trip cover suggests and the state does not hold yet ("Suggestions"):
    /// listed only when asked for, and marked as a suggestion.
    Suggestion { trip: TripId },
    /// A trip day in `country` that no SIM covers ("Trip coverage").
    Uncovered {
        trip: TripId,
        trip_name: String,
        country: String,
    },
}

/// The SIM an event is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventSim {
    pub id: SimId,
    pub name: String,
}

/// The plan a renewal buys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventPlan {
    pub id: PlanId,
    pub name: String,
    pub price: Money,
}

/// One all-day event of the exported schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleEvent {
    pub date: NaiveDate,
    pub kind: EventKind,
    /// `None` for uncovered trip days.
    pub sim: Option<EventSim>,
    /// Only for renewals.
    pub plan: Option<EventPlan>,
    /// The SIM's last day of service after a renewal, or the end of the run for renew-by dates
    /// and expiries.
    pub valid_until: Option<NaiveDate>,
    /// Lines of detail: what the event means, then the SIM's carrier, number, renewal link and
    /// payment.
    pub details: Vec<String>,
    /// Stays the same from one export to the next (kind, ids and date, never random), so that a
    /// calendar re-importing the file updates its events rather than duplicating them.
    pub uid: String,
}

impl ScheduleEvent {
    /// The one-line title, e.g. `Renew 巴林流量卡 — 每月 20GB, 8.000 BHD`.
    pub fn summary(&self) -> String {
        self.summary_with(str::to_owned)
    }

    /// [`ScheduleEvent::summary`] with each piece of user text in it (names, country, price)
    /// passed through `user` on its own: HTML escapes and isolates each one, so that a
    /// right-to-left override in a SIM's name cannot reorder the plan's name and price.
    pub fn summary_with(&self, user: impl Fn(&str) -> String) -> String {
        let sim = user(self.sim.as_ref().map_or("", |sim| sim.name.as_str()));
        match &self.kind {
            EventKind::Renewal { status, .. } => {
                let paid = status.is_paid();
                match (&self.plan, paid) {
                    (Some(plan), true) => t!(
                        "export.renewed_plan",
                        sim = sim,
                        plan = user(&plan.name),
                        price = user(&plan.price.to_string())
                    ),
                    (Some(plan), false) => t!(
                        "export.renew_plan",
                        sim = sim,
                        plan = user(&plan.name),
                        price = user(&plan.price.to_string())
                    ),
                    (None, true) => t!("export.renewed", sim = sim),
                    (None, false) => t!("export.renew", sim = sim),
                }
                .into_owned()
            }
            EventKind::Suggestion { .. } => if let Some(plan) = &self.plan {
                t!(
                    "export.suggested_plan",
                    sim = sim,
                    plan = user(&plan.name),
                    price = user(&plan.price.to_string())
                )
            } else {
                t!("export.suggested", sim = sim)
            }
            .into_owned(),
            EventKind::RenewBy { .. } => {
                t!("export.renew_by", sim = sim, date = self.date.to_string()).into_owned()
            }
            EventKind::Expiry => t!("export.expires", sim = sim).into_owned(),
            EventKind::Uncovered {
                trip_name, country, ..
            } => t!(
                "export.uncovered",
                country = user(country),
                trip = user(trip_name)
            )
            .into_owned(),
        }
    }

    /// A short word for the kind of event (the CSV's `event` column).
    pub fn label(&self) -> String {
        match self.kind {
            EventKind::Renewal { .. } => t!("export.kind_renewal"),
            EventKind::Suggestion { .. } => t!("export.kind_suggestion"),
            EventKind::RenewBy { .. } => t!("export.kind_renew_by"),
            EventKind::Expiry => t!("export.kind_expires"),
            EventKind::Uncovered { .. } => t!("export.kind_uncovered"),
        }
        .into_owned()
    }

    /// Whether the event gets reminders: renewals still to pay, suggested purchases and
    /// renew-by dates. A paid renewal is a record, not something to act on.
    pub fn has_reminders(&self) -> bool {
        match self.kind {
            EventKind::Renewal { status, .. } => !status.is_paid(),
            EventKind::Suggestion { .. } | EventKind::RenewBy { .. } => true,
            EventKind::Expiry | EventKind::Uncovered { .. } => false,
        }
    }

    /// Sort order within a day: what to do first.
    fn rank(&self) -> u8 {
        match self.kind {
            EventKind::Renewal { .. } | EventKind::Suggestion { .. } => 0,
            EventKind::RenewBy { .. } => 1,
            EventKind::Expiry => 2,
            EventKind::Uncovered { .. } => 3,
        }
    }
}

/// Every event of `agenda` whose day is in `range`: renewals (on their `on` day), renew-by dates,
/// expiries and uncovered trip days, sorted by date, then renewals before renew-by dates before
/// expiries before uncovered days, then by SIM. Each UID appears once.
pub fn schedule_events(state: &State, agenda: &Agenda, range: &ExportRange) -> Vec<ScheduleEvent> {
    let mut events = Vec::new();
    for schedule in &agenda.sims {
        let Some(sim) = state.sim(schedule.id) else {
            continue;
        };
        sim_events(state, sim, schedule, *range, &mut events);
    }
    for coverage in &agenda.trips {
        let Some(trip) = state.trip(coverage.id) else {
            continue;
        };
        for day in coverage
            .uncovered
            .iter()
            .filter(|day| range.contains(day.date))
        {
            events.push(ScheduleEvent {
                date: day.date,
                kind: EventKind::Uncovered {
                    trip: trip.id,
                    trip_name: trip.name.clone(),
                    country: day.country.clone(),
                },
                sim: None,
                plan: None,
                valid_until: None,
                details: vec![
                    t!("export.detail_trip", trip = trip.name.as_str()).into_owned(),
                    t!("export.detail_no_sim", country = day.country.as_str()).into_owned(),
                ],
                uid: uid(
                    &format!("uncovered-{}-{}", trip.id, uid_token(&day.country)),
                    day.date,
                ),
            });
        }
    }
    sort_events(&mut events);
    events
}

/// Sorts by date, then what to do first, then SIM, and drops repeats: overlapping legs of one
/// trip can list the same uncovered day twice.
fn sort_events(events: &mut Vec<ScheduleEvent>) {
    events.sort_by(|a, b| {
        let sim_id = |event: &ScheduleEvent| event.sim.as_ref().map(|sim| sim.id);
        (a.date, a.rank(), sim_id(a), &a.uid).cmp(&(b.date, b.rank(), sim_id(b), &b.uid))
    });
    events.dedup_by(|a, b| a.uid == b.uid);
}

/// `events` with the purchases of `cover` added, each as a [`EventKind::Suggestion`] on its
/// day (whatever the range: a purchase to make before the trip must not be lost), in the same
/// order as [`schedule_events`].
pub fn with_suggestions(
    state: &State,
    mut events: Vec<ScheduleEvent>,
    cover: &TripCover,
) -> Vec<ScheduleEvent> {
    let currency = cover.currency.as_deref();
    for purchase in &cover.purchases {
        let (Some(sim), Some(plan)) = (state.sim(purchase.sim), state.plan(purchase.plan)) else {
            continue;
        };
        let mut details = vec![t!("export.detail_suggestion").into_owned()];
        match currency {
            Some(currency) if !plan.price.currency.eq_ignore_ascii_case(currency) => {
                let price = format!(
                    "{} ({} {currency})",
                    plan.price,
                    format_amount(purchase.cost, currency)
                );
                details.push(t!("export.detail_price", price = price).into_owned());
            }
            _ => {
                details
                    .push(t!("export.detail_price", price = plan.price.to_string()).into_owned());
            }
        }
        if !purchase.covers.is_empty() {
            let runs = day_runs(&purchase.covers);
            details.push(t!("export.detail_covers", days = runs).into_owned());
        }
        details.extend(sim_details(sim));
        events.push(ScheduleEvent {
            date: purchase.on,
            kind: EventKind::Suggestion { trip: cover.trip },
            sim: Some(EventSim {
                id: sim.id,
                name: sim.name.clone(),
            }),
            plan: Some(EventPlan {
                id: plan.id,
                name: plan.name.clone(),
                price: plan.price.clone(),
            }),
            valid_until: None,
            details,
            uid: uid(
                &format!("suggestion-{}-{}-{}", cover.trip, sim.id, plan.id),
                purchase.on,
            ),
        });
    }
    sort_events(&mut events);
    events
}

/// `DE 2027-01-10 to 2027-01-14, FR 2027-01-15`: the days as runs per country, earliest first.
fn day_runs(days: &[DayCountry]) -> String {
    let mut sorted: Vec<&DayCountry> = days.iter().collect();
    sorted.sort_by(|a, b| (&a.country, a.date).cmp(&(&b.country, b.date)));
    let mut runs: Vec<(&str, NaiveDate, NaiveDate)> = Vec::new();
    for day in sorted {
        match runs.last_mut() {
            Some((country, _, to))
                if *country == day.country && to.succ_opt() == Some(day.date) =>
            {
                *to = day.date;
            }
            _ => runs.push((day.country.as_str(), day.date, day.date)),
        }
    }
    runs.sort_by_key(|(_, from, _)| *from);
    runs.iter()
        .map(|(country, from, to)| {
            if from == to {
                format!("{country} {from}")
            } else {
                t!(
                    "export.country_days",
                    country = *country,
                    from = from.to_string(),
                    to = to.to_string()
                )
                .into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The renewal, renew-by and expiry events of one SIM.
fn sim_events(
    state: &State,
    sim: &Sim,
    schedule: &SimSchedule,
    range: ExportRange,
    events: &mut Vec<ScheduleEvent>,
) {
    let event_sim = EventSim {
        id: sim.id,
        name: sim.name.clone(),
    };
    let about_sim = sim_details(sim);
    for applied in schedule.renewals.iter().filter(|r| range.contains(r.on)) {
        let plan = state.plan(applied.plan).map(|plan| EventPlan {
            id: plan.id,
            name: plan.name.clone(),
            price: plan.price.clone(),
        });
        let mut details = renewal_details(applied);
        details.extend(about_sim.iter().cloned());
        events.push(ScheduleEvent {
            date: applied.on,
            kind: EventKind::Renewal {
                renewal: applied.id,
                status: applied.status,
                overdue: applied.overdue,
            },
            sim: Some(event_sim.clone()),
            plan,
            valid_until: Some(applied.end),
            details,
            uid: uid(&format!("renewal-{}", applied.id), applied.on),
        });
    }
    for renew_by in &schedule.renew_by {
        let expires = renew_by.expires;
        if range.contains(renew_by.date) {
            let mut details = vec![
                t!("export.detail_service_ends", date = expires.to_string()).into_owned(),
                t!("export.detail_valid_until", date = expires.to_string()).into_owned(),
            ];
            details.extend(about_sim.iter().cloned());
            events.push(ScheduleEvent {
                date: renew_by.date,
                kind: EventKind::RenewBy { expires },
                sim: Some(event_sim.clone()),
                plan: None,
                valid_until: Some(expires),
                details,
                uid: uid(&format!("renew-by-{}", sim.id), renew_by.date),
            });
        }
        if range.contains(expires) {
            let mut details = vec![
                t!("export.detail_last_day").into_owned(),
                t!("export.detail_valid_until", date = expires.to_string()).into_owned(),
            ];
            details.extend(about_sim.iter().cloned());
            events.push(ScheduleEvent {
                date: expires,
                kind: EventKind::Expiry,
                sim: Some(event_sim.clone()),
                plan: None,
                valid_until: Some(expires),
                details,
                uid: uid(&format!("expiry-{}", sim.id), expires),
            });
        }
    }
}

/// What a renewal does, in words.
fn renewal_details(applied: &AppliedRenewal) -> Vec<String> {
    let status = match (applied.status, applied.overdue) {
        (RenewalStatus::Paid, _) => t!("export.status_paid"),
        (RenewalStatus::Planned, true) => t!("export.status_overdue"),
        (RenewalStatus::Planned, false) => t!("export.status_planned"),
    };
    let mut details = vec![status.into_owned()];
    let end = applied.end.to_string();
    match applied.start {
        Some(start) => details.push(
            t!(
                "export.detail_new_service",
                from = start.to_string(),
                to = end.as_str()
            )
            .into_owned(),
        ),
        None => details.push(t!("export.detail_no_days").into_owned()),
    }
    if applied.lost_days > 0 {
        details.push(
            t!(
                plural_key!("export.detail_lost_days", applied.lost_days),
                count = applied.lost_days
            )
            .into_owned(),
        );
    }
    details.push(t!("export.detail_valid_until", date = end.as_str()).into_owned());
    details
}

/// The SIM's carrier, number, renewal link and payment, as detail lines.
fn sim_details(sim: &Sim) -> Vec<String> {
    let mut details = Vec::new();
    if !sim.carrier.trim().is_empty() {
        details.push(t!("export.detail_carrier", carrier = sim.carrier.as_str()).into_owned());
    }
    if let Some(number) = sim.number.as_deref().filter(|n| !n.trim().is_empty()) {
        details.push(t!("export.detail_number", number = number).into_owned());
    }
    if let Some((url, safety)) = sim.renew_link() {
        let key = if safety == LinkSafety::Https {
            "export.detail_link"
        } else {
            "export.detail_link_unsafe"
        };
        details.push(t!(key, url = url).into_owned());
    }
    if !sim.payment.trim().is_empty() {
        details.push(t!("export.detail_payment", payment = sim.payment.as_str()).into_owned());
    }
    details
}

/// `{what}-{YYYYMMDD}@sim-planner`.
fn uid(what: &str, date: NaiveDate) -> String {
    format!("{what}-{}@sim-planner", date.format("%Y%m%d"))
}

/// Keeps a UID to letters and digits whatever the state holds.
fn uid_token(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}
