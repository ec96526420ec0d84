//! Alerts: what needs the user's attention in a window of days, drawn from the agenda.

use chrono::NaiveDate;

use super::agenda::Agenda;
use super::dates::{DateRange, next_day};
use crate::model::{RenewalId, SimId, TripId};

/// What an alert is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AlertKind {
    /// A renewal still `Planned` on a day before today.
    Overdue { renewal: RenewalId },
    /// Renew by `date` or service ends on `expires`.
    RenewBy { expires: NaiveDate },
    /// The last day of a service run.
    Expires,
    /// Days without service between two periods.
    Gap { range: DateRange },
    /// Days a renewal throws away (`Restart`) or overlaps (`LaterOf`).
    LostDays {
        renewal: RenewalId,
        range: DateRange,
    },
    /// The plan's data runs out on `date`, before its period ends on `until`.
    DataRunsOut {
        renewal: RenewalId,
        until: NaiveDate,
    },
    /// The number is recycled after this day unless renewed.
    KeepAlive,
    /// Trip days in `country` that no SIM covers.
    Uncovered {
        trip: TripId,
        country: String,
        range: DateRange,
    },
}

/// How urgent an alert is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Danger,
}

/// One thing to show in the alerts list (and the CLI's readable agenda).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// The day the alert is about (the first day for ranges).
    pub date: NaiveDate,
    pub sim: Option<SimId>,
    pub kind: AlertKind,
}

impl Alert {
    pub fn severity(&self) -> Severity {
        match self.kind {
            AlertKind::Overdue { .. }
            | AlertKind::Gap { .. }
            | AlertKind::LostDays { .. }
            | AlertKind::KeepAlive
            | AlertKind::Uncovered { .. } => Severity::Danger,
            AlertKind::RenewBy { .. } | AlertKind::DataRunsOut { .. } => Severity::Warning,
            AlertKind::Expires => Severity::Info,
        }
    }
}

/// Everything in `agenda` that touches `window`: overdue renewals (always), renew-by dates,
/// expiries, gaps, lost days, data run-outs, keep-alive deadlines and uncovered trip days.
/// Sorted by date, then by how urgent.
pub fn alerts(agenda: &Agenda, window: DateRange) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for schedule in &agenda.sims {
        let sim = Some(schedule.id);
        for applied in &schedule.renewals {
            if applied.overdue {
                alerts.push(Alert {
                    date: applied.on,
                    sim,
                    kind: AlertKind::Overdue {
                        renewal: applied.id,
                    },
                });
            }
            if let Some(range) = applied.lost.filter(|range| range.overlaps(&window)) {
                alerts.push(Alert {
                    date: range.start,
                    sim,
                    kind: AlertKind::LostDays {
                        renewal: applied.id,
                        range,
                    },
                });
            }
            if let Some(range) = applied.without_data.filter(|range| range.overlaps(&window)) {
                alerts.push(Alert {
                    date: range.start,
                    sim,
                    kind: AlertKind::DataRunsOut {
                        renewal: applied.id,
                        until: range.end,
                    },
                });
            }
        }
        for renew_by in &schedule.renew_by {
            if window.contains(renew_by.date)
                || (renew_by.date < window.start && window.contains(renew_by.expires))
            {
                alerts.push(Alert {
                    date: renew_by.date,
                    sim,
                    kind: AlertKind::RenewBy {
                        expires: renew_by.expires,
                    },
                });
            }
            if window.contains(renew_by.expires) {
                alerts.push(Alert {
                    date: renew_by.expires,
                    sim,
                    kind: AlertKind::Expires,
                });
            }
        }
        for gap in schedule.gaps.iter().filter(|gap| gap.overlaps(&window)) {
            alerts.push(Alert {
                date: gap.start,
                sim,
                kind: AlertKind::Gap { range: *gap },
            });
        }
        if let Some(deadline) = schedule.keep_alive_deadline.filter(|d| window.contains(*d)) {
            alerts.push(Alert {
                date: deadline,
                sim,
                kind: AlertKind::KeepAlive,
            });
        }
    }
    for coverage in &agenda.trips {
        for (country, range) in uncovered_runs(&coverage.uncovered) {
            if range.overlaps(&window) {
                alerts.push(Alert {
                    date: range.start,
                    sim: None,
                    kind: AlertKind::Uncovered {
                        trip: coverage.id,
                        country,
                        range,
                    },
                });
            }
        }
    }
    alerts.sort_by(|a, b| a.date.cmp(&b.date).then(b.severity().cmp(&a.severity())));
    alerts
}

/// Orders `alerts` by what to do next: overdue renewals first, then what needs doing from
/// today on by date (a renew-by date or a gap that has begun counts as today), and last what
/// already happened and needs nothing done (days thrown away by a paid renewal, a past expiry).
/// Ties go to the more urgent.
pub fn order_by_what_to_do_next(alerts: &mut [Alert], agenda: &Agenda, today: NaiveDate) {
    let paid = |sim: Option<SimId>, renewal: RenewalId| {
        sim.and_then(|id| agenda.sim(id))
            .and_then(|schedule| schedule.renewals.iter().find(|r| r.id == renewal))
            .is_some_and(|applied| applied.status.is_paid())
    };
    let key = |alert: &Alert| {
        let done = match &alert.kind {
            AlertKind::LostDays { renewal, .. } => alert.date < today && paid(alert.sim, *renewal),
            AlertKind::Expires => alert.date < today,
            _ => false,
        };
        let group = match alert.kind {
            AlertKind::Overdue { .. } => 0,
            _ if done => 2,
            _ => 1,
        };
        (
            group,
            alert.date.max(today),
            std::cmp::Reverse(alert.severity()),
        )
    };
    alerts.sort_by_key(key);
}

/// Groups uncovered days into runs of consecutive days in one country.
fn uncovered_runs(days: &[super::UncoveredDay]) -> Vec<(String, DateRange)> {
    let mut runs: Vec<(String, DateRange)> = Vec::new();
    for day in days {
        match runs.last_mut() {
            Some((country, range))
                if *country == day.country && next_day(range.end) == day.date =>
            {
                range.end = day.date;
            }
            _ => runs.push((day.country.clone(), DateRange::new(day.date, day.date))),
        }
    }
    runs
}
