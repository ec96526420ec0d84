//! The texts more than one view shows, made in one place so the month grid, the timeline, the
//! details and the pickers always name things alike.

use chrono::{Datelike as _, NaiveDate, Weekday};
use rust_i18n::t;

use crate::model::Plan;

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

/// "Mon".
pub fn weekday_short(weekday: Weekday) -> String {
    let key = format!("weekdays.{weekday}");
    t!(&key).into_owned()
}
