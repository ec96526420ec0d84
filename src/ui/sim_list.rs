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

/// How many columns the table has: name, carrier, paid through, days left, planned through,
/// next renewal.
const COLUMNS: usize = 6;

/// One row of the table, its texts made once per schedule, filter and sort.
struct Row {
    id: SimId,
    color: Color32,
    /// The cells' texts, in column order.
    texts: [String; COLUMNS],
    /// A cell's colour when it is not the row's text colour (urgency, overdue).
    colors: [Option<Color32>; COLUMNS],
    /// The cells' laid-out texts.
    galleys: [KeptGalley; COLUMNS],
}

/// The table's rows, filtered and sorted, kept until the schedule, the filter or the order
/// changes (sorting a hundred names every frame showed in the frame's profile).
#[derive(Default)]
pub struct SimListCache {
    key: Option<(String, SimSort)>,
    rows: Vec<Row>,
    /// The widest text of each column, measured once per rows (the columns size to it).
    widths: Option<[f32; COLUMNS]>,
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
    fn widths(&mut self, painter: &egui::Painter, font: &egui::FontId) -> [f32; COLUMNS] {
        *self.widths.get_or_insert_with(|| {
            let width = |text: &str| {
                painter
                    .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            };
            let mut widest = [0.0_f32; COLUMNS];
            for row in &self.rows {
                for (column, text) in row.texts.iter().enumerate() {
                    widest[column] = widest[column].max(width(text));
                }
            }
            widest
        })
    }
}

/// The SIMs that match `filter`, in `sort` order, with their cells' texts. The dates are the
/// schedule's "Paid and planned" (DESIGN.md), the same Details and the editor show.
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
        paid_through: Option<NaiveDate>,
        days_left: Option<u32>,
        planned_through: Option<NaiveDate>,
        next: Option<(NaiveDate, bool)>,
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
            paid_through: schedule.paid_through(today),
            days_left: schedule.paid_days_left(today),
            planned_through: schedule.planned_through(today),
            next: schedule.next_planned(today).map(|r| (r.on, r.overdue)),
        })
        .collect();
    keyed.sort_by(|a, b| {
        let order = match sort.column {
            SimColumn::Name => a.name.cmp(&b.name),
            SimColumn::Carrier => a.carrier.cmp(&b.carrier),
            SimColumn::PaidThrough => none_last(a.paid_through, b.paid_through),
            SimColumn::DaysLeft => none_last(a.days_left, b.days_left),
            SimColumn::PlannedThrough => none_last(a.planned_through, b.planned_through),
            SimColumn::NextRenewal => none_last(a.next, b.next),
        };
        if sort.ascending {
            order
        } else {
            order.reverse()
        }
    });
    let date_or =
        |day: Option<NaiveDate>, none: &str| day.map_or_else(|| none.to_owned(), |d| d.to_string());
    let not_paid = t!("sims.not_paid");
    let no_service = t!("sims.no_service");
    keyed
        .into_iter()
        .map(|row| {
            let urgency = row
                .days_left
                .and_then(|d| days_left_color(d, state.lead_days(row.sim)));
            let overdue = row.next.is_some_and(|(_, overdue)| overdue);
            Row {
                id: row.sim.id,
                color: style::sim_color(row.sim.color),
                texts: [
                    row.sim.name.clone(),
                    row.sim.carrier.clone(),
                    date_or(row.paid_through, &not_paid),
                    row.days_left
                        .map_or_else(|| "-".to_owned(), |d| d.to_string()),
                    date_or(row.planned_through, &no_service),
                    date_or(row.next.map(|(day, _)| day), "-"),
                ],
                colors: [
                    None,
                    None,
                    row.paid_through.is_none().then_some(style::DANGER),
                    urgency,
                    None,
                    overdue.then_some(style::DANGER),
                ],
                galleys: Default::default(),
            }
        })
        .collect()
}

/// Whether `sim` matches the filter text: its name, carrier or number contains it, or it is
/// one of the countries the SIM covers (all without case).
pub fn matches_filter(sim: &Sim, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    filter.is_empty()
        || sim.name.to_lowercase().contains(&filter)
        || sim.carrier.to_lowercase().contains(&filter)
        || sim
            .number
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(&filter))
        || sim
            .coverage
            .iter()
            .any(|code| code.eq_ignore_ascii_case(&filter))
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
    // A narrow panel scrolls the table sideways rather than growing over the calendar. The bar
    // takes its own room under the table: a floating one would cover the last row's clicks.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::horizontal()
        .id_salt("sims-table-sideways")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("sims-table")
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .max_scroll_height(table_height)
                // The body paints its cells (see below), so the columns size to the widest text
                // measured once, as auto columns would to their cells. Not clipped: cells cut their
                // own text, and a clip rectangle per cell would split the frame into a draw call each.
                .column(Column::remainder().at_least(90.0))
                .column(
                    Column::auto()
                        .at_least(widest[1].clamp(50.0, 80.0))
                        .at_most(80.0),
                )
                .column(Column::auto().at_least(widest[2].max(74.0)))
                .column(Column::auto().at_least(widest[3].max(30.0)))
                .column(Column::auto().at_least(widest[4].max(74.0)))
                .column(Column::auto().at_least(widest[5].max(74.0)))
                .header(20.0, |mut header| {
                    for (column, label, hint) in [
                        (SimColumn::Name, t!("sims.name"), None),
                        (SimColumn::Carrier, t!("sims.carrier"), None),
                        (
                            SimColumn::PaidThrough,
                            t!("sims.paid_through"),
                            Some(t!("sims.paid_through_hint")),
                        ),
                        (
                            SimColumn::DaysLeft,
                            t!("sims.days_left"),
                            Some(t!("sims.days_left_hint")),
                        ),
                        (
                            SimColumn::PlannedThrough,
                            t!("sims.planned_through"),
                            Some(t!("sims.planned_through_hint")),
                        ),
                        (SimColumn::NextRenewal, t!("sims.next_renewal"), None),
                    ] {
                        header.col(|ui| {
                            let arrow =
                                match (view.sim_sort.column == column, view.sim_sort.ascending) {
                                    (true, true) => " ^",
                                    (true, false) => " v",
                                    (false, _) => "",
                                };
                            let mut button = ui.add(
                                egui::Button::new(
                                    egui::RichText::new(format!("{label}{arrow}")).strong(),
                                )
                                .frame(false),
                            );
                            if let Some(hint) = hint {
                                button = button.on_hover_text(hint);
                            }
                            if button.clicked() {
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
                            if let Some(action) =
                                row_ui(ui, data, index, selected, &widths, &font, epoch)
                            {
                                ctx.push(action);
                            }
                        });
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
    let cells = data
        .texts
        .iter()
        .zip(data.colors)
        .enumerate()
        .map(|(column, (text, color))| (if column == 0 { indent } else { 0.0 }, text, color));
    let mut left = first.left();
    let hover = response.hover_pos();
    let mut cut_under_pointer = None;
    let columns = cells.zip(widths).zip(&mut data.galleys);
    for (column, (((indent, text, color), width), galley)) in columns.enumerate() {
        let cell = egui::Rect::from_x_y_ranges(left..=left + width, first.y_range());
        let id = ui.unique_id().with(("cell", column));
        let look = CellLook {
            font,
            color: color.unwrap_or(text_color),
            indent,
        };
        let cut = cell_text(ui, id, (galley, epoch), cell, text, &look);
        if cut && hover.is_some_and(|pos| cell.x_range().contains(pos.x)) {
            cut_under_pointer = Some(text.clone());
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
    // A text cut with "…" shows whole on hover.
    if let Some(text) = cut_under_pointer {
        response.on_hover_text(text);
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
    painted::accessible_cell(ui.ctx(), id, text_rect, text);
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
