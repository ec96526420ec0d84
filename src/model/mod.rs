//! Plain serde data: the state file's schema (version 1, see DESIGN.md). No egui, no I/O.

mod ids;
mod link;
mod money;
mod plan;
mod renewal;
mod sim;
mod state;
mod strict;
mod text;
mod trip;

pub use ids::{PlanId, RenewalId, SimId, TripId};
pub use link::LinkSafety;
pub use money::{Money, format_amount, minor_digits};
pub use plan::{DataAllowance, Plan, Validity};
pub use renewal::{Renewal, RenewalStatus};
pub use sim::{RenewalRule, Rgb, Sim, SimKind};
pub use state::{Language, RateValue, SCHEMA_VERSION, Settings, State, WeekStart};
pub use strict::{MAX_DECIMAL_PLACES, parse_amount, parse_date};
pub use text::is_bidi_control;
pub use trip::{Trip, TripLeg};
