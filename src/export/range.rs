//! The days an export covers.

use chrono::{Days, NaiveDate};

use super::ExportError;
use crate::model::{State, TripId};
use crate::schedule::DateRange;

/// The longest range [`ExportRange::new`] accepts: about ten years, far more than any trip, and
/// small enough that a day-by-day trip sheet stays a reasonable size.
pub const MAX_RANGE_DAYS: i64 = 3660;

/// The days to export, `from` through `to`, both inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExportRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ExportRange {
    /// Custom dates, checked: `to` must not come before `from`, and the range must hold at most
    /// [`MAX_RANGE_DAYS`] days.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, ExportError> {
        if to < from {
            return Err(ExportError::RangeBackwards { from, to });
        }
        let days = (to - from).num_days() + 1;
        if days > MAX_RANGE_DAYS {
            return Err(ExportError::RangeTooLong { days });
        }
        Ok(Self { from, to })
    }

    /// The next `n` days starting with `today` (`n == 0` is taken as 1, just today).
    pub fn next_days(today: NaiveDate, n: u32) -> Self {
        let last = u64::from(n.max(1)) - 1;
        let to = today
            .checked_add_days(Days::new(last))
            .unwrap_or(NaiveDate::MAX);
        Self { from: today, to }
    }

    /// A trip's dates with `lead_days` before its first day, so that renewals due just before
    /// leaving are in the export too. Checked like [`ExportRange::new`]: at most
    /// [`MAX_RANGE_DAYS`] days, however long the trip.
    pub fn for_trip(state: &State, trip: TripId, lead_days: u32) -> Result<Self, ExportError> {
        let trip = state.trip(trip).ok_or(ExportError::UnknownTrip(trip))?;
        let (first, last) = trip
            .date_range()
            .ok_or_else(|| ExportError::TripWithoutDates(trip.name.clone()))?;
        let from = first
            .checked_sub_days(Days::new(u64::from(lead_days)))
            .unwrap_or(NaiveDate::MIN);
        Self::new(from, last)
    }

    /// Whether `day` is in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Every day of the range, in order (none when `to < from`).
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        DateRange::new(self.from, self.to).iter_days()
    }
}

impl From<ExportRange> for DateRange {
    fn from(range: ExportRange) -> Self {
        DateRange::new(range.from, range.to)
    }
}
