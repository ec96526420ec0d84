//! The SIMs tab: a sortable, filterable table with days left coloured by urgency.

use std::cmp::Ordering;

use chrono::NaiveDate;
use egui_extras::{Column, TableBuilder};
use rust_i18n::t;

use super::app::{Action, DeleteTarget, ViewState};
use super::style;
use crate::model::{Sim, State};
use crate::schedule::{Agenda, SimSchedule};

/// A sortable column of the SIM table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SimColumn {
    #[default]
    Name,
    Carrier,
    ValidUntil,
    DaysLeft,
    NextRenewal,
}

/// How the SIM table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimSort {
    pub column: SimColumn,
    pub ascending: bool,
}

impl Default for SimSort {
    fn default() -> Self {
        Self {
            column: SimColumn::Name,
            ascending: true,
        }
    }
}

struct Row<'a> {
    sim: &'a Sim,
    valid_until: Option<NaiveDate>,
    days_left: Option<u32>,
    next: Option<NaiveDate>,
}

/// Whether `sim` matches the filter text (name, carrier or number, without case).
pub fn matches_filter(sim: &Sim, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    filter.is_empty()
        || sim.name.to_lowercase().contains(&filter)
        || sim.carrier.to_lowercase().contains(&filter)
        || sim
            .number
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(&filter))
}

/// The colour of a "days left" figure: red at or under the lead days, amber under twice that.
pub fn days_left_color(days_left: u32, lead_days: u32) -> Option<egui::Color32> {
    if days_left <= lead_days {
        Some(style::DANGER)
    } else if days_left < lead_days.saturating_mul(2) {
        Some(style::WARNING)
    } else {
        None
    }
}

pub fn sim_list_ui(
    ui: &mut egui::Ui,
    state: &State,
    agenda: &Agenda,
    view: &mut ViewState,
    today: NaiveDate,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut view.sim_filter)
                .hint_text(t!("sims.filter"))
                .desired_width(160.0),
        );
        if ui.button(t!("sims.add")).clicked() {
            actions.push(Action::NewSim);
        }
    });
    let mut rows: Vec<Row<'_>> = state
        .sims
        .iter()
        .zip(&agenda.sims)
        .filter(|(sim, _)| matches_filter(sim, &view.sim_filter))
        .map(|(sim, schedule): (&Sim, &SimSchedule)| Row {
            sim,
            valid_until: schedule.valid_until(today),
            days_left: schedule.days_left(today),
            next: schedule.next_planned(today).map(|r| r.on),
        })
        .collect();
    let sort = view.sim_sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            SimColumn::Name => a.sim.name.to_lowercase().cmp(&b.sim.name.to_lowercase()),
            SimColumn::Carrier => a
                .sim
                .carrier
                .to_lowercase()
                .cmp(&b.sim.carrier.to_lowercase()),
            SimColumn::ValidUntil => none_last(a.valid_until, b.valid_until),
            SimColumn::DaysLeft => none_last(a.days_left, b.days_left),
            SimColumn::NextRenewal => none_last(a.next, b.next),
        };
        if sort.ascending {
            order
        } else {
            order.reverse()
        }
    });

    let row_height = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(ui.spacing().interact_size.y);
    let table_height = (ui.available_height() - 80.0).max(120.0);
    TableBuilder::new(ui)
        .id_salt("sims-table")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .max_scroll_height(table_height)
        .column(Column::remainder().at_least(100.0).clip(true))
        .column(Column::auto().at_least(60.0).at_most(90.0).clip(true))
        .column(Column::auto().at_least(74.0))
        .column(Column::auto().at_least(36.0))
        .column(Column::auto().at_least(74.0))
        .header(20.0, |mut header| {
            for (column, label) in [
                (SimColumn::Name, t!("sims.name")),
                (SimColumn::Carrier, t!("sims.carrier")),
                (SimColumn::ValidUntil, t!("sims.valid_until")),
                (SimColumn::DaysLeft, t!("sims.days_left")),
                (SimColumn::NextRenewal, t!("sims.next_renewal")),
            ] {
                header.col(|ui| {
                    let arrow = match (view.sim_sort.column == column, view.sim_sort.ascending) {
                        (true, true) => " ^",
                        (true, false) => " v",
                        (false, _) => "",
                    };
                    if ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new(format!("{label}{arrow}")).strong(),
                            )
                            .frame(false),
                        )
                        .clicked()
                    {
                        view.sim_sort = if view.sim_sort.column == column {
                            SimSort {
                                column,
                                ascending: !view.sim_sort.ascending,
                            }
                        } else {
                            SimSort {
                                column,
                                ascending: true,
                            }
                        };
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(data) = rows.get(row.index()) else {
                    return;
                };
                let sim = data.sim;
                row.set_selected(view.selected_sim == Some(sim.id));
                row.col(|ui| {
                    // The SIM's colour as a swatch in the name cell: one child UI less per row.
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(rect, 0.0, style::sim_color(sim.color));
                    let name = ui.add(egui::Label::new(&sim.name).truncate().selectable(false));
                    if name.hovered() {
                        name.on_hover_text(&sim.name);
                    }
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&sim.carrier).truncate().selectable(false));
                });
                row.col(|ui| {
                    let text = data
                        .valid_until
                        .map_or_else(|| t!("sims.no_service").into_owned(), |d| d.to_string());
                    ui.add(egui::Label::new(text).selectable(false));
                });
                row.col(|ui| {
                    let text = data
                        .days_left
                        .map_or_else(|| "-".to_owned(), |d| d.to_string());
                    let color = data
                        .days_left
                        .and_then(|d| days_left_color(d, state.lead_days(sim)));
                    let text = match color {
                        Some(color) => egui::RichText::new(text).color(color).strong(),
                        None => egui::RichText::new(text),
                    };
                    ui.add(egui::Label::new(text).selectable(false));
                });
                row.col(|ui| {
                    let text = data.next.map_or_else(|| "-".to_owned(), |d| d.to_string());
                    ui.add(egui::Label::new(text).selectable(false));
                });
                let response = row.response();
                if response.clicked() {
                    actions.push(Action::SelectSim(Some(sim.id)));
                }
                if response.double_clicked() {
                    actions.push(Action::EditSim(sim.id));
                }
            });
        });

    ui.separator();
    if let Some(sim) = view.selected_sim.and_then(|id| state.sim(id)) {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&sim.name).strong());
            if ui.button(t!("sims.edit")).clicked() {
                actions.push(Action::EditSim(sim.id));
            }
            if ui.button(t!("sims.schedule")).clicked() {
                actions.push(Action::ScheduleRenewal(sim.id));
            }
            if ui.button(t!("sims.delete")).clicked() {
                actions.push(Action::ConfirmDelete(DeleteTarget::Sim(sim.id)));
            }
        });
    } else if state.sims.is_empty() {
        ui.label(t!("sims.empty"));
    }
}

/// Orders `Some` values before `None`.
fn none_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
