//! Colours and sizes shared by the panels.

use egui::Color32;

use crate::model::Rgb;

pub const DANGER: Color32 = Color32::from_rgb(220, 50, 47);
pub const WARNING: Color32 = Color32::from_rgb(230, 150, 20);
pub const ACCENT: Color32 = Color32::from_rgb(60, 140, 230);
pub const TRIP: Color32 = Color32::from_rgb(120, 90, 200);

/// A SIM's colour in egui.
pub fn sim_color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}
