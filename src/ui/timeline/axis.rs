//! The timeline's geometry: days as numbers and x positions, and what one frame of it shares
//! between the header and the rows.

use chrono::{Datelike as _, Days, NaiveDate};

use crate::model::State;
use crate::ui::view_state::ViewState;

/// A day as a number (days from the common era), for the arithmetic a frame does per span.
pub(super) fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

/// The x spans of the sorted, disjoint `ranges` that are visible on `axis`.
pub(super) fn visible_spans<'a>(
    axis: &'a DayAxis,
    ranges: &'a [(i32, i32)],
) -> impl Iterator<Item = (f32, f32)> + 'a {
    let first = ranges.partition_point(|range| range.1 < axis.start_number);
    ranges
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|range| range.0 <= axis.start_number + axis.days as i32)
        .filter_map(|range| axis.span_numbers(range.0, range.1))
}

/// Maps days to x positions.
#[derive(Clone, Copy)]
pub(super) struct DayAxis {
    pub start: NaiveDate,
    /// `start` as a [`day_number`].
    pub start_number: i32,
    pub left: f32,
    /// The right edge of the view: spans are cut to it.
    pub right: f32,
    pub px_per_day: f32,
    pub days: u32,
}

impl DayAxis {
    pub fn x(&self, day: NaiveDate) -> f32 {
        self.x_of_number(day_number(day))
    }

    pub fn x_of_number(&self, day: i32) -> f32 {
        self.left + (day - self.start_number) as f32 * self.px_per_day
    }

    pub fn end(&self) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(u64::from(self.days)))
            .unwrap_or(self.start)
    }

    /// The x span of the day numbers `start..=end`, cut to what is visible.
    pub fn span_numbers(&self, start: i32, end: i32) -> Option<(f32, f32)> {
        let last = self.start_number + self.days as i32;
        let start = start.max(self.start_number);
        let end = end.min(last);
        if end < start {
            return None;
        }
        Some((
            self.x_of_number(start),
            (self.x_of_number(end) + self.px_per_day).min(self.right),
        ))
    }

    pub fn day_at(&self, x: f32) -> Option<NaiveDate> {
        let offset = ((x - self.left) / self.px_per_day).floor();
        (offset >= 0.0)
            .then(|| self.start.checked_add_days(Days::new(offset as u64)))
            .flatten()
    }

    /// The x span of the days `start..=end`, clipped to what is visible.
    pub fn span(&self, start: Option<NaiveDate>, end: NaiveDate) -> Option<(f32, f32)> {
        let start = start.map_or(self.start_number, day_number);
        self.span_numbers(start, day_number(end))
    }
}

/// What the header and every row of one frame read.
pub(super) struct TimelineFrame<'a> {
    pub axis: DayAxis,
    pub state: &'a State,
    pub view: &'a ViewState,
    pub today: NaiveDate,
    pub visuals: &'a egui::Visuals,
}

/// The ranges a row paints, from the timeline's cache: sorted, disjoint day numbers.
pub(super) struct RowRanges<'a> {
    pub legs: &'a [(i32, i32)],
    pub lost: &'a [(i32, i32)],
    pub without_data: &'a [(i32, i32)],
}
