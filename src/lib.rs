//! SIM Planner: plan renewals of prepaid SIM cards, eSIMs and data cards on a calendar.
//!
//! The crate is a functional core and an immediate-mode shell (see DESIGN.md):
//! - [`model`]: the state file's plain data;
//! - [`schedule`]: the rules, as pure functions over the model;
//! - [`store`]: everything that touches files;
//! - [`export`]: the files written before travelling (iCalendar, CSV, trip sheet, RON);
//! - [`text`]: sentences for what the schedule computed, shared by the window and the CLI;
//! - [`cli`]: the headless subcommands;
//! - `ui`: the egui window.

pub mod cli;
pub mod export;
pub mod model;
pub mod schedule;
pub mod store;
pub mod text;
pub mod ui;

// UI strings live in assets/locales/*.yml; English is complete and the fallback.
rust_i18n::i18n!("assets/locales", fallback = "en");
