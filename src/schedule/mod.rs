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
mod preview;
mod sim_schedule;

pub use agenda::Agenda;
pub use alerts::{Alert, AlertKind, Severity, alerts};
pub use costs::{BaseMonthCost, MonthCost, base_costs, costs};
pub use cover::{
    COVER_BUDGET, CoverError, DayCountry, LeftOutPlan, LeftOutReason, MAX_COVER_DAYS, Purchase,
    TripCover, Uncoverable, UncoverableReason, cover_trip,
};
pub use coverage::{TripCoverage, UncoveredDay, covers, sim_covers_on, trip_coverage};
pub use dates::{DateRange, days_between, plan_end};
pub use preview::{RenewalPreview, preview_renewal};
pub use sim_schedule::{AppliedRenewal, RenewBy, Segment, ServiceRun, SimSchedule, sim_schedule};
