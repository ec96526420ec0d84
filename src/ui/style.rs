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

/// Black or white, whichever reads better on `background`.
pub fn contrast_text(background: Color32) -> Color32 {
    let luma = 0.299 * f32::from(background.r())
        + 0.587 * f32::from(background.g())
        + 0.114 * f32::from(background.b());
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}
