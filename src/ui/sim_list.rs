//! The SIMs tab: a sortable, filterable table with days left coloured by urgency.

use std::cmp::Ordering;

use chrono::NaiveDate;
use egui::Color32;
use egui_extras::{Column, TableBuilder};
use rust_i18n::t;

use super::app::{Action, DeleteTarget, ViewState};
use super::{painted, style};
use crate::model::{Sim, SimId, State};
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

/// One row of the table, its texts made once per schedule, filter and sort.
struct Row {
    id: SimId,
    color: Color32,
    name: String,
    carrier: String,
    valid_until: String,
    days_left: String,
    days_left_color: Option<Color32>,
    next: String,
}

/// The table's rows, filtered and sorted, kept until the schedule, the filter or the order
/// changes (sorting a hundred names every frame showed in the frame's profile).
#[derive(Default)]
pub struct SimListCache {
    key: Option<(u64, String, SimSort)>,
    rows: Vec<Row>,
}

impl SimListCache {
    fn rows(
        &mut self,
        state: &State,
        agenda: &Agenda,
        generation: u64,
        view: &ViewState,
        today: NaiveDate,
    ) -> &[Row] {
        let fresh = self.key.as_ref().is_some_and(|(g, filter, sort)| {
            *g == generation && *filter == view.sim_filter && *sort == view.sim_sort
        });
        if !fresh {
            self.rows = table_rows(state, agenda, &view.sim_filter, view.sim_sort, today);
            self.key = Some((generation, view.sim_filter.clone(), view.sim_sort));
        }
        &self.rows
    }
}

/// The SIMs that match `filter`, in `sort` order, with their cells' texts.
fn table_rows(
    state: &State,
    agenda: &Agenda,
    filter: &str,
    sort: SimSort,
    today: NaiveDate,
) -> Vec<Row> {
    struct Keyed<'a> {
        sim: &'a Sim,
        name: String,
        carrier: String,
        valid_until: Option<NaiveDate>,
        days_left: Option<u32>,
        next: Option<NaiveDate>,
    }
    let mut keyed: Vec<Keyed<'_>> = state
        .sims
        .iter()
        .zip(&agenda.sims)
        .filter(|(sim, _)| matches_filter(sim, filter))
        .map(|(sim, schedule): (&Sim, &SimSchedule)| Keyed {
            sim,
            name: sim.name.to_lowercase(),
            carrier: sim.carrier.to_lowercase(),
            valid_until: schedule.valid_until(today),
            days_left: schedule.days_left(today),
            next: schedule.next_planned(today).map(|r| r.on),
        })
        .collect();
    keyed.sort_by(|a, b| {
        let order = match sort.column {
            SimColumn::Name => a.name.cmp(&b.name),
            SimColumn::Carrier => a.carrier.cmp(&b.carrier),
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
    let date_or_dash =
        |day: Option<NaiveDate>| day.map_or_else(|| "-".to_owned(), |d| d.to_string());
    keyed
        .into_iter()
        .map(|row| Row {
            id: row.sim.id,
            color: style::sim_color(row.sim.color),
            name: row.sim.name.clone(),
            carrier: row.sim.carrier.clone(),
            valid_until: row
                .valid_until
                .map_or_else(|| t!("sims.no_service").into_owned(), |d| d.to_string()),
            days_left: row
                .days_left
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
            days_left_color: row
                .days_left
                .and_then(|d| days_left_color(d, state.lead_days(row.sim))),
            next: date_or_dash(row.next),
        })
        .collect()
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

#[expect(
    clippy::too_many_arguments,
    reason = "the view's inputs, borrowed from separate fields of the app"
)]
pub fn sim_list_ui(
    ui: &mut egui::Ui,
    state: &State,
    agenda: &Agenda,
    generation: u64,
    cache: &mut SimListCache,
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
    let rows = cache.rows(state, agenda, generation, view, today);

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
        // Not clipped: cells cut their own text to the column, and a clip rectangle per cell
        // would split the frame into a draw call per cell.
        .column(Column::remainder().at_least(100.0))
        .column(Column::auto().at_least(60.0).at_most(90.0))
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
                row.set_selected(view.selected_sim == Some(data.id));
                // Cells paint their text (with an accessibility node) rather than adding a
                // label widget: a visible table is ~150 cells, and each widget showed in the
                // frame's profile.
                row.col(|ui| {
                    let swatch = egui::Rect::from_center_size(
                        egui::pos2(ui.max_rect().left() + 5.0, ui.max_rect().center().y),
                        egui::vec2(10.0, 10.0),
                    );
                    ui.painter().rect_filled(swatch, 0.0, data.color);
                    let indent = swatch.width() + ui.spacing().item_spacing.x;
                    let elided = cell_text(ui, indent, &data.name, None);
                    if elided && ui.response().hovered() {
                        ui.response().on_hover_text(&data.name);
                    }
                });
                row.col(|ui| {
                    cell_text(ui, 0.0, &data.carrier, None);
                });
                row.col(|ui| {
                    cell_text(ui, 0.0, &data.valid_until, None);
                });
                row.col(|ui| {
                    cell_text(ui, 0.0, &data.days_left, data.days_left_color);
                });
                row.col(|ui| {
                    cell_text(ui, 0.0, &data.next, None);
                });
                let response = row.response();
                if response.clicked() {
                    actions.push(Action::SelectSim(Some(data.id)));
                }
                if response.double_clicked() {
                    actions.push(Action::EditSim(data.id));
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

/// Paints `text` in a table cell, `indent` points from its left, cut with "…" to the cell's
/// width; `color` overrides the text colour. Returns whether the text was cut.
fn cell_text(ui: &mut egui::Ui, indent: f32, text: &str, color: Option<Color32>) -> bool {
    let rect = ui.max_rect();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    let galley = painted::one_line(ui.painter(), text, font, color, rect.width() - indent);
    let elided = galley.elided;
    let text_rect = egui::Align2::LEFT_CENTER.anchor_size(
        egui::pos2(rect.left() + indent, rect.center().y),
        galley.size(),
    );
    painted::accessible(
        ui.ctx(),
        ui.unique_id().with("text"),
        text_rect,
        text,
        false,
    );
    ui.painter().galley(text_rect.min, galley, color);
    // Size the cell as a label would (auto columns are as wide as their widest text).
    ui.advance_cursor_after_rect(text_rect.with_min_x(rect.left()));
    elided
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
