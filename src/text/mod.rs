//! Words for what the schedule computed, shared by the window and the CLI (which never import
//! each other): sentences built from `assets/locales/`, with no egui in them.

mod alert;
mod day;
mod language;

pub use alert::alert_sentence;
pub use day::day_fact_sentence;
pub use language::{current_language, is_one, system_language, use_language};
