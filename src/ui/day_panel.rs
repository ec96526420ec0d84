//! The day panel: everything on the day clicked in the calendar (renewals, service, expiries,
//! renew-by dates, gaps, lost and no-data days, trip legs and uncovered days), each with what
//! can be done about it.

use chrono::NaiveDate;
use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::edit::Edit;
use super::labels::long_date;
use super::style;
use super::view_state::LeftTab;
use crate::model::{Renewal, RenewalStatus};
use crate::schedule::{DayFact, day_facts};
use crate::text::day_fact_sentence;

/// The facts of one day with their sentences, made once per schedule and day.
#[derive(Default)]
pub struct DayPanelCache {
    day: Option<NaiveDate>,
    lines: Vec<(DayFact, String)>,
}

impl DayPanelCache {
    fn lines(&mut self, ctx: &ViewContext<'_>, day: NaiveDate) -> &[(DayFact, String)] {
        if self.day != Some(day) {
            self.lines = day_facts(ctx.state, &ctx.schedule.agenda, day)
                .into_iter()
                .map(|fact| {
                    let sentence = day_fact_sentence(ctx.state, &fact);
                    (fact, sentence)
                })
                .collect();
            self.day = Some(day);
        }
        &self.lines
    }
}

/// The selected day's facts, or nothing when no day is selected.
pub fn day_panel_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, cache: &mut DayPanelCache) {
    let Some(day) = ctx.view.selected_day else {
        return;
    };
    ui.heading(long_date(day));
    let lines = cache.lines(ctx, day);
    if lines.is_empty() {
        ui.label(egui::RichText::new(t!("day.nothing")).weak());
        return;
    }
    for (fact, sentence) in lines {
        let color = match fact {
            DayFact::Renewal { overdue: true, .. }
            | DayFact::Gap { .. }
            | DayFact::Lost { .. }
            | DayFact::KeepAlive { .. }
            | DayFact::Trip { covered: false, .. } => style::DANGER,
            DayFact::RenewBy { .. } | DayFact::NoData { .. } => style::WARNING,
            DayFact::Trip { covered: true, .. } => style::TRIP,
            DayFact::Renewal { .. } | DayFact::Service { .. } | DayFact::Expires { .. } => {
                ui.visuals().text_color()
            }
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(color, sentence);
            fact_actions_ui(ui, ctx, fact, day);
        });
    }
}

/// The buttons beside a fact.
fn fact_actions_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, fact: &DayFact, day: NaiveDate) {
    let small = |ui: &mut egui::Ui, text: std::borrow::Cow<'_, str>| {
        ui.add(egui::Button::new(egui::RichText::new(text).small()))
            .clicked()
    };
    match fact {
        DayFact::Renewal { renewal, paid, .. } => {
            let Some(existing) = ctx.state.renewal(*renewal) else {
                return;
            };
            let (label, status) = if *paid {
                (t!("details.mark_planned"), RenewalStatus::Planned)
            } else {
                (t!("details.mark_paid"), RenewalStatus::Paid)
            };
            if small(ui, label) {
                ctx.push(Action::Edit(Edit::UpdateRenewal(Renewal {
                    status,
                    ..existing.clone()
                })));
            }
            if small(ui, t!("details.edit_renewal")) {
                ctx.push(Action::EditRenewal(*renewal));
            }
        }
        DayFact::Expires { sim }
        | DayFact::RenewBy { sim, .. }
        | DayFact::Gap { sim, .. }
        | DayFact::KeepAlive { sim } => {
            if small(ui, t!("sims.schedule")) {
                ctx.push(Action::SelectSim(Some(*sim)));
                ctx.push(Action::GoTo {
                    day,
                    sim: Some(*sim),
                });
                ctx.push(Action::ScheduleRenewal(*sim));
            }
        }
        DayFact::Lost { renewal, .. } | DayFact::NoData { renewal, .. } => {
            if small(ui, t!("details.edit_renewal")) {
                ctx.push(Action::EditRenewal(*renewal));
            }
        }
        DayFact::Trip { covered: false, .. } => {
            if small(ui, t!("day.show_trips")) {
                ctx.push(Action::ShowTab(LeftTab::Trips));
            }
        }
        DayFact::Service { .. } | DayFact::Trip { covered: true, .. } => {}
    }
}
