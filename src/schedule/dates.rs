//! Date arithmetic for plans and periods. Every step is checked: a date past chrono's range
//! saturates instead of panicking.

use chrono::{Datelike as _, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

use crate::model::Validity;

/// An inclusive run of days `[start, end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Self { start, end }
    }

    /// How many days the range holds (0 when `end < start`).
    pub fn days(&self) -> u32 {
        days_between(self.start, self.end).map_or(0, |d| d + 1)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Every day of the range, in order.
    pub fn iter_days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let end = self.end;
        self.start.iter_days().take_while(move |day| *day <= end)
    }
}

/// `end - start` in days, or `None` when `end < start`.
pub fn days_between(start: NaiveDate, end: NaiveDate) -> Option<u32> {
    u32::try_from((end - start).num_days()).ok()
}

/// `day + n` days, saturating at chrono's last date.
pub(crate) fn add_days(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// `day - n` days, saturating at chrono's first date.
pub(crate) fn sub_days(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// The day after `day` (saturating).
pub(crate) fn next_day(day: NaiveDate) -> NaiveDate {
    add_days(day, 1)
}

/// The day before `day` (saturating).
pub(crate) fn prev_day(day: NaiveDate) -> NaiveDate {
    sub_days(day, 1)
}

/// The last day of a plan bought on `start` ("Length of a plan"): `Days(n)` ends
/// `start + n - 1`, `Weeks(n)` is `Days(7n)`, `Months(n)` ends the day before `start + n months`
/// where the month step clamps to the month's last day. Months are always counted from `start`,
/// never stepped one at a time. A count of 0 (refused by validation) is treated as 1.
pub fn plan_end(validity: Validity, start: NaiveDate) -> NaiveDate {
    match validity {
        Validity::Days(n) => add_days(start, u64::from(n.max(1)) - 1),
        Validity::Weeks(n) => add_days(start, u64::from(n.max(1)) * 7 - 1),
        Validity::Months(n) => start
            .checked_add_months(Months::new(n.max(1)))
            .map_or(NaiveDate::MAX, prev_day),
    }
}

/// The first day of `day`'s month.
pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// `day`'s month moved by `delta` months (the first of that month; unchanged at chrono's
/// limits).
pub fn step_months(day: NaiveDate, delta: i32) -> NaiveDate {
    let first = first_of_month(day);
    let step = Months::new(delta.unsigned_abs());
    let moved = if delta >= 0 {
        first.checked_add_months(step)
    } else {
        first.checked_sub_months(step)
    };
    moved.unwrap_or(first)
}

/// The first day a month grid shows: the month's first day, stepped back to the week's first
/// day `week_start`.
pub fn grid_start(month: NaiveDate, week_start: Weekday) -> NaiveDate {
    let first = first_of_month(month);
    let back = first.weekday().days_since(week_start);
    first
        .checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(first)
}
