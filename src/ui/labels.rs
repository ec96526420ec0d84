//! The texts more than one view shows, made in one place so the month grid, the timeline, the
//! details and the pickers always name things alike.

use chrono::{Datelike as _, NaiveDate, Weekday};
use rust_i18n::t;

use crate::model::Plan;
use crate::schedule::SimSchedule;

/// "Renew 巴林流量卡 with 每周 5GB on 2027-01-12": a renewal's name on the calendars (tooltip
/// and accessible name), in the month grid and on the timeline.
pub fn renewal_label(plan: &str, sim: &str, on: NaiveDate) -> String {
    t!(
        "month.renewal_chip",
        plan = plan,
        sim = sim,
        date = on.to_string()
    )
    .into_owned()
}

/// A renewal's status in words: "paid", "planned" or "overdue, not paid".
pub fn renewal_status(paid: bool, overdue: bool) -> String {
    if overdue {
        t!("day.overdue")
    } else if paid {
        t!("day.paid")
    } else {
        t!("day.planned")
    }
    .into_owned()
}

/// The text on a plan chip: name, validity, data and price.
pub fn plan_chip_text(plan: &Plan) -> String {
    format!(
        "{}  ·  {}  ·  {}  ·  {}",
        plan.name, plan.validity, plan.data, plan.price
    )
}

/// "December".
pub fn month_name(month: u32) -> String {
    let key = format!("months.m{}", month.clamp(1, 12));
    t!(&key).into_owned()
}

/// "December 2026".
pub fn month_title(day: NaiveDate) -> String {
    t!(
        "calendar.month_title",
        month = month_name(day.month()),
        year = day.year()
    )
    .into_owned()
}

/// "Sat 5 Dec 2026".
pub fn long_date(day: NaiveDate) -> String {
    let month = format!("months_short.m{}", day.month());
    t!(
        "calendar.long_date",
        weekday = weekday_short(day.weekday()),
        day = day.day(),
        month = t!(&month),
        year = day.year()
    )
    .into_owned()
}

/// "Mon".
pub fn weekday_short(weekday: Weekday) -> String {
    let key = format!("weekdays.{weekday}");
    t!(&key).into_owned()
}

/// "Paid and planned" as the SIM list, Details and the editor all word them: the paid-through
/// date (or "not paid") and the planned-through date (or "no service").
pub fn paid_and_planned(schedule: &SimSchedule, today: NaiveDate) -> (String, String) {
    let paid = schedule
        .paid_through(today)
        .map_or_else(|| t!("sims.not_paid").into_owned(), |day| day.to_string());
    let planned = schedule
        .planned_through(today)
        .map_or_else(|| t!("sims.no_service").into_owned(), |day| day.to_string());
    (paid, planned)
}
