//! What each of the month grid's 42 days shows, made once per schedule and month.

use chrono::{Datelike as _, Days, NaiveDate};
use egui::Color32;
use rust_i18n::t;

use crate::model::{RenewalId, SimId, State};
use crate::schedule::Agenda;
use crate::ui::labels::{renewal_label, renewal_status};
use crate::ui::painted::KeptGalley;
use crate::ui::style;

/// What one day of the grid shows: its texts made once per schedule and month, not per frame.
pub(super) struct DayCell {
    pub day: NaiveDate,
    /// "20": the number painted in the corner.
    pub number: String,
    /// "2026-12-20": the day's accessible name.
    pub name: String,
    pub renewals: Vec<RenewalChip>,
    /// Renew-by flags first, then expiries.
    pub markers: Vec<Marker>,
    /// Trip countries this day, and whether each is uncovered.
    pub trips: Vec<(String, bool, KeptGalley)>,
    pub number_galley: KeptGalley,
}

pub(super) struct RenewalChip {
    pub id: RenewalId,
    pub color: Color32,
    pub plan: String,
    /// "Renew 巴林流量卡 with 每周 5GB on 2027-01-12": tooltip and accessible name.
    pub label: String,
    /// The label with its status ("planned", "paid", "overdue, not paid"): the tooltip.
    pub tooltip: String,
    pub paid: bool,
    pub overdue: bool,
    pub galley: KeptGalley,
}

pub(super) struct Marker {
    pub color: Color32,
    pub renew_by: bool,
    pub text: String,
    pub galley: KeptGalley,
}

/// The month grid's 42 days, kept until the shown month changes. It lives with the schedule
/// it was drawn from, which a change of the state replaces.
#[derive(Default)]
pub struct MonthCache {
    start: Option<NaiveDate>,
    days: Vec<DayCell>,
}

impl MonthCache {
    /// The days from `start`, recomputed only when `start` differs from the last call.
    pub(super) fn days(
        &mut self,
        state: &State,
        agenda: &Agenda,
        start: NaiveDate,
    ) -> &mut [DayCell] {
        if self.start != Some(start) {
            self.days = cells(state, agenda, start);
            self.start = Some(start);
        }
        &mut self.days
    }
}

/// Collects what each of the 42 days shows, from the agenda.
fn cells(state: &State, agenda: &Agenda, start: NaiveDate) -> Vec<DayCell> {
    let end = start.checked_add_days(Days::new(41)).unwrap_or(start);
    let mut cells: Vec<DayCell> = start
        .iter_days()
        .take(42)
        .map(|day| DayCell {
            day,
            number: day.day().to_string(),
            name: day.to_string(),
            renewals: Vec::new(),
            markers: Vec::new(),
            trips: Vec::new(),
            number_galley: KeptGalley::default(),
        })
        .collect();
    let index = |day: NaiveDate| usize::try_from((day - start).num_days()).ok();
    let sim_look = |id: SimId| {
        state.sim(id).map_or((Color32::GRAY, "?"), |sim| {
            (style::sim_color(sim.color), sim.name.as_str())
        })
    };
    for schedule in &agenda.sims {
        let (color, sim_name) = sim_look(schedule.id);
        for applied in schedule.renewals_between(start, end) {
            let Some(cell) = index(applied.on).and_then(|i| cells.get_mut(i)) else {
                continue;
            };
            let plan = state.plan(applied.plan).map_or("?", |p| p.name.as_str());
            cell.renewals.push(RenewalChip {
                id: applied.id,
                color,
                // An overdue renewal reads "! plan" on the chip.
                plan: if applied.overdue {
                    format!("! {plan}")
                } else {
                    plan.to_owned()
                },
                label: renewal_label(plan, sim_name, applied.on),
                tooltip: format!(
                    "{}\n{}",
                    renewal_label(plan, sim_name, applied.on),
                    renewal_status(applied.status.is_paid(), applied.overdue)
                ),
                paid: applied.status.is_paid(),
                overdue: applied.overdue,
                galley: KeptGalley::default(),
            });
        }
        let first_renew_by = schedule.renew_by.partition_point(|r| r.date < start);
        for renew_by in schedule.renew_by[first_renew_by..]
            .iter()
            .take_while(|r| r.date <= end)
        {
            if let Some(cell) = index(renew_by.date).and_then(|i| cells.get_mut(i)) {
                cell.markers.push(Marker {
                    color,
                    renew_by: true,
                    text: t!("month.renew_by", sim = sim_name).into_owned(),
                    galley: KeptGalley::default(),
                });
            }
        }
    }
    // Expiries come after every renew-by flag of the day: the flag is the call to act.
    for schedule in &agenda.sims {
        let (color, sim_name) = sim_look(schedule.id);
        let first_run = schedule.service.partition_point(|run| run.end < start);
        for run in schedule.service[first_run..]
            .iter()
            .take_while(|run| run.end <= end)
        {
            if let Some(cell) = index(run.end).and_then(|i| cells.get_mut(i)) {
                cell.markers.push(Marker {
                    color,
                    renew_by: false,
                    text: t!("month.expires", sim = sim_name).into_owned(),
                    galley: KeptGalley::default(),
                });
            }
        }
    }
    for (trip, coverage) in state.trips.iter().zip(&agenda.trips) {
        for leg in &trip.legs {
            for day in leg
                .from
                .max(start)
                .iter_days()
                .take_while(|d| *d <= leg.to.min(end))
            {
                let uncovered = coverage
                    .uncovered
                    .iter()
                    .any(|u| u.date == day && u.country == leg.country);
                if let Some(cell) = index(day).and_then(|i| cells.get_mut(i)) {
                    cell.trips
                        .push((leg.country.clone(), uncovered, KeptGalley::default()));
                }
            }
        }
    }
    cells
}
