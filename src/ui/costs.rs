//! The costs view: spending per month as bars stacked by SIM in the base currency (months with
//! a currency that has no rate are marked), the per-currency table beneath, and what each trip
//! costs, in all and per covered day. Amounts keep their currency's digits.

use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Plot};
use rust_decimal::prelude::ToPrimitive as _;
use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::labels::{month_name, month_title};
use super::style;
use crate::model::{State, format_amount};
use crate::plural_key;
use crate::schedule::{MonthSpending, TripCost, monthly_spending, trip_cost};

/// The spending per month and what each trip costs, worked out once per schedule (it walks
/// every renewal and every trip day) and kept between frames; it starts empty whenever the
/// schedule is computed again.
#[derive(Default)]
pub struct CostsCache {
    computed: Option<Costs>,
}

struct Costs {
    months: Vec<MonthSpending>,
    /// One per trip, in file order.
    trips: Vec<TripCost>,
}

impl CostsCache {
    fn costs(&mut self, ctx: &ViewContext<'_>) -> &Costs {
        self.computed.get_or_insert_with(|| Costs {
            months: monthly_spending(ctx.state),
            trips: ctx
                .state
                .trips
                .iter()
                .map(|trip| trip_cost(ctx.state, &ctx.schedule.agenda, trip))
                .collect(),
        })
    }
}

/// The costs view.
pub fn costs_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, cache: &mut CostsCache) {
    let costs = cache.costs(ctx);
    egui::ScrollArea::vertical()
        .id_salt("costs-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let state = ctx.state;
            if state.renewals.is_empty() {
                ui.label(t!("costs.none"));
                return;
            }
            match state.settings.base_currency.as_deref() {
                Some(base) => chart_ui(ui, state, base, &costs.months),
                None => {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(t!("costs.no_base"));
                        if ui.button(t!("costs.open_settings")).clicked() {
                            ctx.push(Action::Settings);
                        }
                    });
                }
            }
            ui.add_space(8.0);
            ui.strong(t!("costs.by_currency"));
            currency_table_ui(ui, ctx);
            ui.add_space(8.0);
            trips_ui(ui, state, &costs.trips);
        });
}

/// The stacked bars, one per month, and under them the months some currency is missing from.
fn chart_ui(ui: &mut egui::Ui, state: &State, base: &str, months: &[MonthSpending]) {
    ui.strong(t!("costs.chart", currency = base));
    let mut charts: Vec<BarChart> = Vec::new();
    for sim in &state.sims {
        let bars: Vec<Bar> = months
            .iter()
            .enumerate()
            .filter_map(|(index, month)| {
                let part = month.by_sim.iter().find(|part| part.sim == sim.id)?;
                Some(
                    Bar::new(index as f64, part.amount.to_f64().unwrap_or(0.0))
                        .width(0.7)
                        .name(format!(
                            "{} · {} {}",
                            sim.name,
                            format_amount(part.amount, base),
                            base
                        )),
                )
            })
            .collect();
        if bars.is_empty() {
            continue;
        }
        let below: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(sim.name.clone(), bars)
            .color(style::sim_color(sim.color))
            .stack_on(&below);
        charts.push(chart);
    }
    let labels: Vec<String> = months
        .iter()
        .map(|month| short_month(&month.month))
        .collect();
    Plot::new("costs-chart")
        .height(220.0)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .x_axis_formatter(move |mark, _range| {
            let index = mark.value.round();
            if (mark.value - index).abs() > f64::EPSILON || index < 0.0 {
                return String::new();
            }
            labels.get(index as usize).cloned().unwrap_or_default()
        })
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
    // The totals in words too: the chart's bars are for the eye, these for reading.
    egui::Grid::new("costs-months")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for month in months {
                ui.label(month_label(&month.month));
                let total = format!("{} {base}", format_amount(month.total, base));
                if month.missing.is_empty() {
                    ui.label(total);
                } else {
                    ui.colored_label(
                        style::WARNING,
                        t!(
                            "costs.missing_rate",
                            total = total,
                            currencies = month.missing.join(", ")
                        ),
                    );
                }
                ui.end_row();
            }
        });
}

/// Per month and currency, what the renewals cost ("Costs" in DESIGN.md).
fn currency_table_ui(ui: &mut egui::Ui, ctx: &ViewContext<'_>) {
    let costs = &ctx.schedule.agenda.costs;
    let row_height = ui.spacing().interact_size.y;
    TableBuilder::new(ui)
        .id_salt("costs-by-currency")
        .striped(true)
        .vscroll(false)
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(120.0))
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.strong(t!("costs.month"));
            });
            header.col(|ui| {
                ui.strong(t!("costs.amount"));
            });
        })
        .body(|mut body| {
            for cost in costs {
                body.row(row_height, |mut row| {
                    row.col(|ui| {
                        ui.label(month_label(&cost.month));
                    });
                    row.col(|ui| {
                        ui.label(format!(
                            "{} {}",
                            format_amount(cost.amount, &cost.currency),
                            cost.currency
                        ));
                    });
                });
            }
        });
}

/// What each trip costs: the renewals that give it service, summed, and per covered day.
fn trips_ui(ui: &mut egui::Ui, state: &State, costs: &[TripCost]) {
    if state.trips.is_empty() {
        return;
    }
    ui.strong(t!("costs.trips"));
    let base = state.settings.base_currency.as_deref();
    egui::Grid::new("costs-trips")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (trip, cost) in state.trips.iter().zip(costs) {
                ui.label(trip.name.as_str());
                let by_currency: Vec<String> =
                    cost.by_currency.iter().map(ToString::to_string).collect();
                let total = match (cost.total, base) {
                    (Some(total), Some(base))
                        if cost.by_currency.iter().any(|money| money.currency != base) =>
                    {
                        format!(
                            "{} = {} {base}",
                            by_currency.join(" + "),
                            format_amount(total, base)
                        )
                    }
                    _ if by_currency.is_empty() => t!("costs.trip_free").into_owned(),
                    _ => by_currency.join(" + "),
                };
                ui.label(total);
                let per_day = match (cost.per_covered_day, base) {
                    (Some(per_day), Some(base)) => t!(
                        plural_key!("costs.per_day", cost.covered_days),
                        amount = format!("{} {base}", format_amount(per_day, base)),
                        days = cost.covered_days
                    )
                    .into_owned(),
                    _ if !cost.missing.is_empty() => t!(
                        "costs.per_day_missing",
                        currencies = cost.missing.join(", ")
                    )
                    .into_owned(),
                    _ => t!(
                        plural_key!("costs.covered_days", cost.covered_days),
                        days = cost.covered_days
                    )
                    .into_owned(),
                };
                ui.label(per_day);
                ui.end_row();
            }
        });
    if base.is_none() {
        ui.label(t!("costs.per_day_needs_base"));
    }
}

/// `2027-01` as "January 2027".
fn month_label(month: &str) -> String {
    chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .map_or_else(|_| month.to_owned(), month_title)
}

/// `2027-01` as "January 27" ("27年1月") on the chart's axis, where room is short.
fn short_month(month: &str) -> String {
    let (year, number) = month.split_once('-').unwrap_or((month, ""));
    let number: u32 = number.parse().unwrap_or(1);
    t!(
        "costs.axis_month",
        month = month_name(number),
        year = year.get(2..).unwrap_or(year)
    )
    .into_owned()
}
