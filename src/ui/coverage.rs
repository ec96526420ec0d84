//! The trip view: the selected trip day by day (one row per day and country, with every SIM
//! that has service there and the plan that gives it, and the data forecast), red where
//! nothing covers a day and amber where every SIM there has run out of data; and "Cover this
//! trip", the cheapest purchases that cover it, added in one undoable step.

use egui_extras::{Column, TableBuilder};
use rust_i18n::t;

use super::action::Action;
use super::context::ViewContext;
use super::cover::CoverStatus;
use super::edit::Edit;
use super::labels::long_date;
use super::style;
use super::view_state::CalendarKind;
use crate::model::{DataAllowance, State, Trip, TripId, format_amount};
use crate::plural_key;
use crate::schedule::{
    DataForecast, DayService, DayStatus, LeftOutReason, TripCover, TripDay, UncoverableReason,
    trip_days,
};

/// The selected trip's rows, kept between frames. It belongs to the schedule it was drawn
/// from and starts empty whenever that is computed again (as the month grid's cache does).
#[derive(Default)]
pub struct CoverageCache {
    rows: Option<(TripId, Vec<TripDay>)>,
}

impl CoverageCache {
    fn rows(&mut self, ctx: &ViewContext<'_>, trip: &Trip) -> &[TripDay] {
        if self.rows.as_ref().is_none_or(|(id, _)| *id != trip.id) {
            self.rows = Some((trip.id, trip_days(ctx.state, &ctx.schedule.agenda, trip)));
        }
        self.rows.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }
}

/// The trip view of the selected trip, with the state of its cover.
pub fn coverage_ui(
    ui: &mut egui::Ui,
    ctx: &mut ViewContext<'_>,
    cover: &CoverStatus<'_>,
    cache: &mut CoverageCache,
) {
    let Some(trip) = ctx.view.selected_trip.and_then(|id| ctx.state.trip(id)) else {
        ui.label(t!("coverage.no_trip"));
        if ui.button(t!("trips.add")).clicked() {
            ctx.push(Action::NewTrip);
        }
        return;
    };
    let rows = cache.rows(ctx, trip);
    summary_ui(ui, rows);
    cover_ui(ui, ctx, trip, cover);
    ui.separator();
    days_ui(ui, ctx, rows);
}

/// "12 of 15 days covered · 3 uncovered · 1 without data".
fn summary_ui(ui: &mut egui::Ui, rows: &[TripDay]) {
    let count = |status: DayStatus| rows.iter().filter(|row| row.status == status).count();
    ui.horizontal_wrapped(|ui| {
        ui.label(t!(
            "coverage.summary",
            covered = count(DayStatus::Covered),
            total = rows.len()
        ));
        let uncovered = count(DayStatus::Uncovered);
        if uncovered > 0 {
            ui.colored_label(
                style::DANGER,
                t!(plural_key!("trips.uncovered", uncovered), count = uncovered),
            );
        }
        let no_data = count(DayStatus::NoData);
        if no_data > 0 {
            ui.colored_label(
                style::WARNING,
                t!(plural_key!("trips.no_data", no_data), count = no_data),
            );
        }
    });
}

/// The "Cover this trip" button, and once worked out the purchases, the total, what stays
/// uncovered and why, and "Add as planned renewals".
fn cover_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, trip: &Trip, cover: &CoverStatus<'_>) {
    ui.horizontal(|ui| {
        let running = matches!(cover, CoverStatus::Running);
        let button = ui
            .add_enabled(!running, egui::Button::new(t!("coverage.cover")))
            .on_hover_text(t!("coverage.cover_hint"));
        if button.clicked() {
            ctx.push(Action::CoverTrip(trip.id));
        }
        if running {
            ui.spinner();
            ui.label(t!("coverage.working"));
        }
    });
    match cover {
        CoverStatus::NotAsked | CoverStatus::Running => {}
        CoverStatus::Failed(why) => {
            ui.colored_label(style::DANGER, *why);
        }
        CoverStatus::Found(found) => {
            egui::Frame::group(ui.style()).show(ui, |ui| found_ui(ui, ctx, found));
        }
    }
}

/// A worked-out cover.
fn found_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, cover: &TripCover) {
    let state = ctx.state;
    if cover.purchases.is_empty() {
        ui.label(if cover.uncoverable.is_empty() {
            t!("coverage.nothing_to_buy")
        } else {
            t!("coverage.nothing_helps")
        });
    } else {
        ui.strong(t!(
            plural_key!("coverage.purchases", cover.purchases.len()),
            count = cover.purchases.len()
        ));
        for purchase in &cover.purchases {
            let sim = state.sim(purchase.sim).map_or("?", |sim| sim.name.as_str());
            let plan = state
                .plan(purchase.plan)
                .map_or("?", |plan| plan.name.as_str());
            let mut days: Vec<_> = purchase.covers.iter().map(|day| day.date).collect();
            days.dedup();
            let covers = match (days.first(), days.last()) {
                (Some(first), Some(last)) if first != last => t!(
                    "coverage.covers_days",
                    count = days.len(),
                    from = first.to_string(),
                    to = last.to_string()
                ),
                (Some(first), _) => t!("coverage.covers_day", date = first.to_string()),
                _ => t!("coverage.covers_nothing"),
            };
            ui.add(
                egui::Label::new(t!(
                    "coverage.purchase",
                    sim = sim,
                    plan = plan,
                    date = long_date(purchase.on),
                    price = purchase.price.to_string(),
                    covers = covers
                ))
                .wrap(),
            );
        }
        if let Some(currency) = &cover.currency {
            ui.strong(t!(
                "coverage.total",
                total = format_amount(cover.total, currency),
                currency = currency.as_str()
            ));
        }
    }
    if !cover.optimal {
        ui.colored_label(style::WARNING, t!("coverage.not_proven"));
    }
    if !cover.uncoverable.is_empty() {
        ui.strong(t!(
            plural_key!("coverage.uncoverable", cover.uncoverable.len()),
            count = cover.uncoverable.len()
        ));
        for run in cover.uncoverable_runs() {
            let dates = if run.from == run.to {
                long_date(run.from)
            } else {
                t!(
                    "coverage.date_range",
                    from = long_date(run.from),
                    to = long_date(run.to)
                )
                .into_owned()
            };
            ui.colored_label(
                style::DANGER,
                t!(
                    "coverage.uncoverable_day",
                    date = dates,
                    country = run.country,
                    why = reason_text(run.reason, run.country)
                ),
            );
        }
    }
    for left_out in &cover.left_out {
        let plan = state
            .plan(left_out.plan)
            .map_or("?", |plan| plan.name.as_str());
        let why = match &left_out.reason {
            LeftOutReason::NoRate { base } => t!(
                "coverage.left_out_no_rate",
                plan = plan,
                currency = left_out.currency.as_str(),
                base = base.as_str()
            ),
            LeftOutReason::NoBaseCurrency { currencies } => t!(
                "coverage.left_out_no_base",
                plan = plan,
                currencies = currencies.join(", ")
            ),
        };
        ui.colored_label(style::WARNING, why);
    }
    if !cover.purchases.is_empty() {
        let add = ui
            .button(t!("coverage.add"))
            .on_hover_text(t!("coverage.add_hint"));
        if add.clicked() {
            let renewals = cover.renewals(state);
            ctx.push(Action::Edit(Edit::Batch(
                renewals.into_iter().map(Edit::AddRenewal).collect(),
            )));
        }
    }
}

/// Why a (day, country) stays uncovered, in words.
fn reason_text(reason: &UncoverableReason, country: &str) -> String {
    match reason {
        UncoverableReason::BeforeToday => t!("coverage.why_past"),
        UncoverableReason::NoPlan => t!("coverage.why_no_plan", country = country),
        UncoverableReason::OnlyUnpricedPlans { currencies } => {
            t!("coverage.why_unpriced", currencies = currencies.join(", "))
        }
        UncoverableReason::Blocked => t!("coverage.why_blocked"),
        UncoverableReason::Conflict => t!("coverage.why_conflict"),
    }
    .into_owned()
}

/// One row per day and country; a click shows the day on the month calendar.
fn days_ui(ui: &mut egui::Ui, ctx: &mut ViewContext<'_>, rows: &[TripDay]) {
    let row_height = ui.spacing().interact_size.y + 4.0;
    TableBuilder::new(ui)
        .id_salt("trip-days")
        .striped(true)
        .auto_shrink([false, false])
        .column(Column::auto().at_least(140.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::remainder().clip(true))
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.strong(t!("coverage.day"));
            });
            header.col(|ui| {
                ui.strong(t!("coverage.country"));
            });
            header.col(|ui| {
                ui.strong(t!("coverage.service"));
            });
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut table_row| {
                let Some(row) = rows.get(table_row.index()) else {
                    return;
                };
                let color = match row.status {
                    DayStatus::Covered => None,
                    DayStatus::NoData => Some(style::WARNING),
                    DayStatus::Uncovered => Some(style::DANGER),
                };
                table_row.col(|ui| {
                    // One line: a date that wraps reads as two.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                    let mut text = egui::RichText::new(long_date(row.date));
                    if let Some(color) = color {
                        text = text.color(color).strong();
                    }
                    let selected = ctx.view.selected_day == Some(row.date);
                    let day = ui
                        .add(egui::Button::selectable(selected, text))
                        .on_hover_text(t!("coverage.show_day"));
                    if day.clicked() {
                        ctx.push(Action::GoTo {
                            day: row.date,
                            sim: row.service.first().map(|service| service.sim),
                        });
                        ctx.push(Action::ShowCalendar(CalendarKind::Month));
                    }
                });
                table_row.col(|ui| {
                    ui.label(row.country.as_str());
                });
                table_row.col(|ui| {
                    let text = service_text(ctx.state, row);
                    match color {
                        Some(color) => ui.colored_label(color, text),
                        None => ui.label(text),
                    };
                });
            });
        });
}

/// "巴林流量卡 · 每周 5GB · 3.2 GB left; Home · Roaming pack", or why nothing helps.
fn service_text(state: &State, row: &TripDay) -> String {
    if row.service.is_empty() {
        return t!("coverage.no_service").into_owned();
    }
    row.service
        .iter()
        .map(|service| one_service(state, service))
        .collect::<Vec<_>>()
        .join("; ")
}

fn one_service(state: &State, service: &DayService) -> String {
    let sim = state.sim(service.sim).map_or("?", |sim| sim.name.as_str());
    let plan = service.plan.and_then(|id| state.plan(id)).map_or_else(
        || t!("coverage.paid_period").into_owned(),
        |plan| plan.name.clone(),
    );
    let data = match service.data {
        DataForecast::Unknown => return format!("{sim} · {plan}"),
        DataForecast::Unlimited => t!("coverage.data_unlimited").into_owned(),
        DataForecast::Left { mb } => t!(
            "coverage.data_left",
            data = DataAllowance::Megabytes(mb).to_string()
        )
        .into_owned(),
        DataForecast::RunOut => t!("coverage.data_run_out").into_owned(),
    };
    format!("{sim} · {plan} · {data}")
}
