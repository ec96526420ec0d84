//! One SIM's service periods: how its renewals apply (`Extend`, `Restart`, `LaterOf`), the runs of
//! service and the gaps between them, renew-by dates, data run-outs and the keep-alive deadline.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::dates::{DateRange, add_days, days_between, next_day, plan_end, prev_day, sub_days};
use crate::model::{
    DataAllowance, Plan, PlanId, Renewal, RenewalId, RenewalRule, RenewalStatus, Sim, SimId,
};

/// A run of days whose service comes from one source: the period the user already had
/// (`renewal == None`, `start == None`) or one renewal's plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// `None` for the `valid_until` period, whose first day is not known.
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
    pub renewal: Option<RenewalId>,
    pub plan: Option<PlanId>,
}

impl Segment {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|start| start <= day) && day <= self.end
    }
}

/// A maximal run of days with service; `start == None` when it begins with the period the user
/// already had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceRun {
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
}

impl ServiceRun {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|start| start <= day) && day <= self.end
    }
}

/// The date to renew by so that a service run does not lapse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RenewBy {
    /// `expires - lead_days`.
    pub date: NaiveDate,
    /// The run's last day of service.
    pub expires: NaiveDate,
}

/// What one renewal did to its SIM, in the order renewals apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppliedRenewal {
    pub id: RenewalId,
    pub on: NaiveDate,
    /// The first day of new service the renewal gives; `None` when it adds no day.
    pub start: Option<NaiveDate>,
    /// The SIM's last day of service right after this renewal is applied.
    pub end: NaiveDate,
    /// Days of service already had that this renewal throws away or overlaps.
    pub lost_days: u32,
    /// The first day without data, when the allowance runs out before `end`.
    pub data_runs_out: Option<NaiveDate>,
    /// Still `Planned` on a day before today.
    pub overdue: bool,
    #[serde(skip)]
    pub plan: PlanId,
    #[serde(skip)]
    pub status: RenewalStatus,
    /// The days counted in `lost_days`.
    #[serde(skip)]
    pub lost: Option<DateRange>,
    /// A gap this renewal leaves before its first day of service.
    #[serde(skip)]
    pub gap_before: Option<DateRange>,
    /// Days of service without data: from `data_runs_out` to the end of this renewal's own
    /// days of service.
    #[serde(skip)]
    pub without_data: Option<DateRange>,
}

/// Everything the rules say about one SIM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SimSchedule {
    pub id: SimId,
    pub name: String,
    pub renewals: Vec<AppliedRenewal>,
    pub service: Vec<ServiceRun>,
    pub gaps: Vec<DateRange>,
    pub renew_by: Vec<RenewBy>,
    pub keep_alive_deadline: Option<NaiveDate>,
    /// Where each day's service comes from, sorted and never overlapping.
    #[serde(skip)]
    pub segments: Vec<Segment>,
    /// "Paid and planned": the runs of service from `valid_until` and `Paid` renewals alone.
    #[serde(skip)]
    pub paid_service: Vec<ServiceRun>,
}

impl SimSchedule {
    /// Whether the SIM has service on `day`.
    pub fn has_service(&self, day: NaiveDate) -> bool {
        let index = self.service.partition_point(|run| run.end < day);
        self.service.get(index).is_some_and(|run| run.contains(day))
    }

    /// The segment that gives service on `day`, if any.
    pub fn segment_on(&self, day: NaiveDate) -> Option<&Segment> {
        let index = self.segments.partition_point(|segment| segment.end < day);
        self.segments
            .get(index)
            .filter(|segment| segment.contains(day))
    }

    /// The last day of the service run that covers `today`, if the SIM has service today.
    pub fn valid_until(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.service
            .iter()
            .find(|run| run.contains(today))
            .map(|run| run.end)
    }

    /// "Paid through": the last day of the paid service (`valid_until` and `Paid` renewals)
    /// that covers `today`; `None` when nothing paid covers today.
    pub fn paid_through(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.paid_service
            .iter()
            .find(|run| run.contains(today))
            .map(|run| run.end)
    }

    /// "Planned through": the same with the `Planned` renewals too (what [`Self::valid_until`]
    /// gives).
    pub fn planned_through(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.valid_until(today)
    }

    /// Days of paid service left after `today` (0 on the last day), if any covers today.
    pub fn paid_days_left(&self, today: NaiveDate) -> Option<u32> {
        self.paid_through(today)
            .and_then(|end| days_between(today, end))
    }

    /// Days of service left after `today` (0 on the last day), if the SIM has service today.
    pub fn days_left(&self, today: NaiveDate) -> Option<u32> {
        self.valid_until(today)
            .and_then(|end| days_between(today, end))
    }

    /// The first renewal still `Planned` on or after `today`, else the first overdue one.
    pub fn next_planned(&self, today: NaiveDate) -> Option<&AppliedRenewal> {
        let planned = || {
            self.renewals
                .iter()
                .filter(|r| r.status == RenewalStatus::Planned)
        };
        planned()
            .find(|r| r.on >= today)
            .or_else(|| planned().find(|r| r.overdue))
    }

    /// The last day of service, if the SIM has any.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.service.last().map(|run| run.end)
    }

    /// The renewals (in the order they apply) bought from `from` through `to`.
    pub fn renewals_between(&self, from: NaiveDate, to: NaiveDate) -> &[AppliedRenewal] {
        let start = self.renewals.partition_point(|r| r.on < from);
        let end = self.renewals.partition_point(|r| r.on <= to);
        self.renewals.get(start..end).unwrap_or_default()
    }

    /// The segments that touch `from..=to`.
    pub fn segments_between(&self, from: NaiveDate, to: NaiveDate) -> &[Segment] {
        let start = self.segments.partition_point(|s| s.end < from);
        let end = self
            .segments
            .partition_point(|s| s.start.is_none_or(|start| start <= to));
        self.segments.get(start..end.max(start)).unwrap_or_default()
    }
}

/// Applies `renewals` (any order; those of other SIMs are skipped) to `sim` and derives its
/// service runs, gaps, renew-by dates and keep-alive deadline. Renewals naming a missing plan are
/// skipped. `plan_of` looks a plan up by id.
pub fn sim_schedule<'a>(
    sim: &Sim,
    renewals: impl IntoIterator<Item = &'a Renewal>,
    plan_of: impl Fn(PlanId) -> Option<&'a Plan>,
    default_lead_days: u32,
    today: NaiveDate,
) -> SimSchedule {
    let mut ordered: Vec<&Renewal> = renewals.into_iter().filter(|r| r.sim == sim.id).collect();
    ordered.sort_by_key(|r| (r.on, r.id));

    let mut segments: Vec<Segment> = sim
        .valid_until
        .map(|end| Segment {
            start: None,
            end,
            renewal: None,
            plan: None,
        })
        .into_iter()
        .collect();
    // The paid renewals alone, under the same rule: what is already paid for.
    let mut paid_segments = segments.clone();
    let mut applied = Vec::with_capacity(ordered.len());
    for renewal in ordered {
        let Some(plan) = plan_of(renewal.plan) else {
            continue;
        };
        if renewal.status.is_paid() {
            apply_renewal(sim, renewal, plan, &mut paid_segments, today);
        }
        applied.push(apply_renewal(sim, renewal, plan, &mut segments, today));
    }

    let segment_end: HashMap<RenewalId, NaiveDate> = segments
        .iter()
        .filter_map(|s| Some((s.renewal?, s.end)))
        .collect();
    for renewal in &mut applied {
        renewal.without_data = renewal.data_runs_out.and_then(|out| {
            let end = *segment_end.get(&renewal.id)?;
            (out <= end).then(|| DateRange::new(out, end))
        });
    }

    let service = service_runs(&segments);
    let gaps = service
        .windows(2)
        .filter_map(|pair| {
            let start = next_day(pair[0].end);
            let end = prev_day(pair[1].start?);
            (start <= end).then(|| DateRange::new(start, end))
        })
        .collect();
    let lead_days = u64::from(sim.lead_days.unwrap_or(default_lead_days));
    let renew_by = service
        .iter()
        .filter(|run| run.end >= today)
        .map(|run| RenewBy {
            date: sub_days(run.end, lead_days),
            expires: run.end,
        })
        .collect();
    let keep_alive_deadline = sim
        .keep_alive_days
        .zip(service.last())
        .map(|(days, run)| add_days(run.end, u64::from(days)));

    SimSchedule {
        id: sim.id,
        name: sim.name.clone(),
        renewals: applied,
        service,
        gaps,
        renew_by,
        keep_alive_deadline,
        segments,
        paid_service: service_runs(&paid_segments),
    }
}

/// Applies one renewal to the segments so far (DESIGN.md: `Extend`, `Restart`, `LaterOf`).
fn apply_renewal(
    sim: &Sim,
    renewal: &Renewal,
    plan: &Plan,
    segments: &mut Vec<Segment>,
    today: NaiveDate,
) -> AppliedRenewal {
    let on = renewal.on;
    let current_end = segments.last().map(|segment| segment.end);
    let mut lost = None;
    let start = match sim.rule {
        // Days stack onto what is left: the plan starts at max(on, e + 1).
        RenewalRule::Extend => Some(match current_end {
            Some(end) if end >= on => next_day(end),
            _ => on,
        }),
        // The plan starts on `on`; the old days from `on` through `e` are lost.
        RenewalRule::Restart => {
            if let Some(end) = current_end.filter(|end| *end >= on) {
                lost = Some(DateRange::new(on, end));
            }
            segments.retain(|segment| segment.start.is_none_or(|start| start < on));
            if let Some(last) = segments.last_mut() {
                last.end = last.end.min(prev_day(on));
            }
            Some(on)
        }
        // The new end is max(e, end of the plan started on `on`); overlapping days are lost.
        RenewalRule::LaterOf => {
            let own_end = plan_end(plan.validity, on);
            match current_end {
                Some(end) if end >= on => {
                    lost = Some(DateRange::new(on, end.min(own_end)));
                    (own_end > end).then(|| next_day(end))
                }
                _ => Some(on),
            }
        }
    };

    let gap_before = start.zip(current_end).and_then(|(start, end)| {
        let gap = DateRange::new(next_day(end), prev_day(start));
        (gap.days() > 0).then_some(gap)
    });
    if let Some(start) = start {
        let end = match sim.rule {
            RenewalRule::LaterOf => plan_end(plan.validity, on),
            RenewalRule::Extend | RenewalRule::Restart => plan_end(plan.validity, start),
        };
        segments.push(Segment {
            start: Some(start),
            end,
            renewal: Some(renewal.id),
            plan: Some(plan.id),
        });
    }
    let end = segments.last().map_or(on, |segment| segment.end);

    let data_runs_out = match (plan.data, sim.daily_use_mb, start) {
        (DataAllowance::Megabytes(mb), Some(daily), Some(start)) if daily > 0 => {
            let out = add_days(start, mb / u64::from(daily));
            (out <= end).then_some(out)
        }
        _ => None,
    };

    AppliedRenewal {
        id: renewal.id,
        on,
        start,
        end,
        lost_days: lost.map_or(0, |range| range.days()),
        data_runs_out,
        overdue: renewal.status == RenewalStatus::Planned && on < today,
        plan: plan.id,
        status: renewal.status,
        lost,
        gap_before,
        without_data: None,
    }
}

/// Merges touching or overlapping segments into maximal runs of service.
fn service_runs(segments: &[Segment]) -> Vec<ServiceRun> {
    let mut runs: Vec<ServiceRun> = Vec::new();
    for segment in segments {
        match runs.last_mut() {
            Some(last)
                if segment
                    .start
                    .is_none_or(|start| days_between(last.end, start).is_none_or(|d| d <= 1)) =>
            {
                last.end = last.end.max(segment.end);
            }
            _ => runs.push(ServiceRun {
                start: segment.start,
                end: segment.end,
            }),
        }
    }
    runs
}
