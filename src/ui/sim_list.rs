//! The SIMs tab: a sortable, filterable table with days left coloured by urgency.

use std::cmp::Ordering;

use chrono::NaiveDate;
use egui::Color32;
use egui_extras::{Column, TableBuilder};
use rust_i18n::t;

use super::action::{Action, DeleteTarget};
use super::context::ViewContext;
use super::painted::{self, KeptGalley};
use super::style;
use super::view_state::{SimColumn, SimSort, ViewState};
use crate::model::{Sim, SimId, State};
use crate::schedule::{Agenda, SimSchedule};

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
    /// The five cells' laid-out texts.
    galleys: [KeptGalley; 5],
}

/// The table's rows, filtered and sorted, kept until the schedule, the filter or the order
/// changes (sorting a hundred names every frame showed in the frame's profile).
#[derive(Default)]
pub struct SimListCache {
    key: Option<(String, SimSort)>,
    rows: Vec<Row>,
    /// The widest text of each column, measured once per rows (the columns size to it).
    widths: Option<[f32; 5]>,
}

impl SimListCache {
    /// Makes the rows again when the filter or the order differs from the last call's.
    fn refresh(&mut self, state: &State, agenda: &Agenda, view: &ViewState, today: NaiveDate) {
        let fresh = self
            .key
            .as_ref()
            .is_some_and(|(filter, sort)| *filter == view.sim_filter && *sort == view.sim_sort);
        if !fresh {
            self.rows = table_rows(state, agenda, &view.sim_filter, view.sim_sort, today);
            self.key = Some((view.sim_filter.clone(), view.sim_sort));
            self.widths = None;
        }
    }

    /// The widest text of each column, as `font` lays it out (the name's is not used: that
    /// column takes the width left over).
    fn widths(&mut self, painter: &egui::Painter, font: &egui::FontId) -> [f32; 5] {
        *self.widths.get_or_insert_with(|| {
            let width = |text: &str| {
                painter
                    .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            };
            let mut widest = [0.0_f32; 5];
            for row in &self.rows {
                let texts = [
                    &row.name,
                    &row.carrier,
                    &row.valid_until,
                    &row.days_left,
                    &row.next,
                ];
                for (column, text) in texts.into_iter().enumerate() {
                    widest[column] = widest[column].max(width(text));
                }
            }
            widest
        })
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
            galleys: Default::default(),
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

/// The SIMs tab: the filter box, the table, and the selected SIM's buttons.
pub fn sim_list_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, cache: &mut SimListCache) {
    let (state, view) = (ctx.state, ctx.view);
    ui.horizontal(|ui| {
        let mut filter = view.sim_filter.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut filter)
                .hint_text(t!("sims.filter"))
                .desired_width(160.0),
        );
        if field.changed() {
            ctx.push(Action::SetSimFilter(filter));
        }
        if ui.button(t!("sims.add")).clicked() {
            ctx.push(Action::NewSim);
        }
    });
    cache.refresh(state, &ctx.schedule.agenda, view, ctx.today);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = cache.widths(ui.painter(), &font);
    let epoch = painted::font_epoch(ui.ctx());
    let rows = cache.rows.as_mut_slice();

    let row_height = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(ui.spacing().interact_size.y);
    let table_height = (ui.available_height() - 80.0).max(120.0);
    TableBuilder::new(ui)
        .id_salt("sims-table")
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .max_scroll_height(table_height)
        // The body paints its cells (see below), so the columns size to the widest text
        // measured once, as auto columns would to their cells. Not clipped: cells cut their
        // own text, and a clip rectangle per cell would split the frame into a draw call each.
        .column(Column::remainder().at_least(100.0))
        .column(
            Column::auto()
                .at_least(widest[1].clamp(60.0, 90.0))
                .at_most(90.0),
        )
        .column(Column::auto().at_least(widest[2].max(74.0)))
        .column(Column::auto().at_least(widest[3].max(36.0)))
        .column(Column::auto().at_least(widest[4].max(74.0)))
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
                        ctx.push(Action::SortSims(view.sim_sort.clicked(column)));
                    }
                });
            }
        })
        .body(|body| {
            let widths = body.widths().to_vec();
            body.rows(row_height, rows.len(), |mut row| {
                let index = row.index();
                let Some(data) = rows.get_mut(index) else {
                    return;
                };
                // One cell holds the whole row: its texts are painted at the table's column
                // positions. A cell per column is a child UI each, and a visible page of ~30
                // rows made those the costliest part of a frame.
                row.col(|ui| {
                    let selected = view.selected_sim == Some(data.id);
                    if let Some(action) = row_ui(ui, data, index, selected, &widths, &font, epoch) {
                        ctx.push(action);
                    }
                });
            });
        });

    ui.separator();
    if let Some(sim) = view.selected_sim.and_then(|id| state.sim(id)) {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&sim.name).strong());
            if ui.button(t!("sims.edit")).clicked() {
                ctx.push(Action::EditSim(sim.id));
            }
            if ui.button(t!("sims.schedule")).clicked() {
                ctx.push(Action::ScheduleRenewal(sim.id));
            }
            if ui.button(t!("sims.delete")).clicked() {
                ctx.push(Action::ConfirmDelete(DeleteTarget::Sim(sim.id)));
            }
        });
    } else if state.sims.is_empty() {
        ui.label(t!("sims.empty"));
    }
}

/// Paints one row across the columns `widths` (from the first cell's left) and senses clicks
/// on all of it: a click selects the SIM, a double click edits it.
fn row_ui(
    ui: &mut egui::Ui,
    data: &mut Row,
    index: usize,
    selected: bool,
    widths: &[f32],
    font: &egui::FontId,
    epoch: u64,
) -> Option<Action> {
    let first = ui.max_rect();
    let spacing = ui.spacing().item_spacing;
    let total = widths.iter().sum::<f32>() + spacing.x * widths.len().saturating_sub(1) as f32;
    let row_rect = egui::Rect::from_min_size(first.min, egui::vec2(total, first.height()));
    let response = ui.interact(row_rect, ui.unique_id().with("row"), egui::Sense::click());
    let visuals = ui.visuals();
    let background = if selected {
        Some(visuals.selection.bg_fill)
    } else if response.hovered() {
        Some(visuals.widgets.hovered.bg_fill)
    } else {
        index.is_multiple_of(2).then_some(visuals.faint_bg_color)
    };
    if let Some(fill) = background {
        ui.painter()
            .rect_filled(row_rect.expand2(spacing / 2.0), 0.0, fill);
    }
    let text_color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };

    let swatch = egui::Rect::from_center_size(
        egui::pos2(first.left() + 5.0, first.center().y),
        egui::vec2(10.0, 10.0),
    );
    ui.painter().rect_filled(swatch, 0.0, data.color);
    let indent = swatch.width() + spacing.x;
    let cells = [
        (indent, data.name.as_str(), None),
        (0.0, data.carrier.as_str(), None),
        (0.0, data.valid_until.as_str(), None),
        (0.0, data.days_left.as_str(), data.days_left_color),
        (0.0, data.next.as_str(), None),
    ];
    let mut left = first.left();
    let mut name_cut = false;
    let columns = cells.into_iter().zip(widths).zip(&mut data.galleys);
    for (column, (((indent, text, color), width), galley)) in columns.enumerate() {
        let cell = egui::Rect::from_x_y_ranges(left..=left + width, first.y_range());
        let id = ui.unique_id().with(("cell", column));
        let look = CellLook {
            font,
            color: color.unwrap_or(text_color),
            indent,
        };
        let cut = cell_text(ui, id, (galley, epoch), cell, text, &look);
        if column == 0 {
            name_cut = cut;
        }
        left += width + spacing.x;
    }
    // Size the first column as a label would (the table measures its cells).
    ui.advance_cursor_after_rect(first);

    if response.double_clicked() {
        return Some(Action::EditSim(data.id));
    }
    if response.clicked() {
        return Some(Action::SelectSim(Some(data.id)));
    }
    if name_cut {
        response.on_hover_text(&data.name);
    }
    None
}

/// How a cell's text is painted.
struct CellLook<'a> {
    font: &'a egui::FontId,
    color: Color32,
    /// Points from the cell's left edge to the text.
    indent: f32,
}

/// Paints `text` in `cell` as `look` says, cut with "…" to the cell's width, with an
/// accessibility node `id`. Returns whether the text was cut.
fn cell_text(
    ui: &egui::Ui,
    id: egui::Id,
    (galley, epoch): (&mut KeptGalley, u64),
    cell: egui::Rect,
    text: &str,
    look: &CellLook<'_>,
) -> bool {
    let width = cell.width() - look.indent;
    let galley = galley.one_line(ui.painter(), epoch, text, look.font, look.color, width);
    let elided = galley.elided;
    let text_rect = egui::Align2::LEFT_CENTER.anchor_size(
        egui::pos2(cell.left() + look.indent, cell.center().y),
        galley.size(),
    );
    painted::accessible(ui.ctx(), id, text_rect, text, false);
    ui.painter().galley(text_rect.min, galley, look.color);
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
