//! The schedule rules of DESIGN.md as pure functions over [`crate::model::State`].
//!
//! [`Agenda::compute`] runs every rule once and returns a result the UI caches until the
//! state changes; the CLI prints it (`agenda --json` serialises it as it is).

mod agenda;
mod alerts;
mod costs;
mod cover;
mod coverage;
mod dates;
mod day;
mod preview;
mod sim_schedule;
mod spending;
mod trip_days;

pub use agenda::Agenda;
pub use alerts::{Alert, AlertKind, Severity, alerts, order_by_what_to_do_next};
pub use costs::{BaseMonthCost, MonthCost, base_costs, costs};
pub use cover::{
    COVER_BUDGET, CoverError, DayCountry, LeftOutPlan, LeftOutReason, MAX_COVER_DAYS, Purchase,
    TripCover, Uncoverable, UncoverableReason, UncoverableRun, cover_trip,
};
pub use coverage::{
    NoDataDay, TripCoverage, UncoveredDay, covers, has_data_on, sim_covers_on, trip_coverage,
};
pub use dates::{DateRange, days_between, first_of_month, grid_start, plan_end, step_months};
pub use day::{DayFact, day_facts, sim_day_facts};
pub use preview::{RenewalPreview, preview_renewal};
pub use sim_schedule::{AppliedRenewal, RenewBy, Segment, ServiceRun, SimSchedule, sim_schedule};
pub use spending::{MonthSpending, SimSpending, TripCost, monthly_spending, trip_cost};
pub use trip_days::{DataForecast, DayService, DayStatus, TripDay, trip_days};
