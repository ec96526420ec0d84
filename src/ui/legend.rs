//! The legend: what each mark of the month grid and the timeline means, drawn with the same
//! colours and shapes. A one-line key sits under the calendar; Help → Legend explains each.

use egui::{Rect, Sense, Stroke, StrokeKind, pos2, vec2};
use rust_i18n::t;

use super::style;

/// One mark of the calendars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Planned,
    Paid,
    Overdue,
    RenewBy,
    Expiry,
    NoService,
    LostDays,
    NoData,
    Trip,
    Uncovered,
    Today,
}

impl Mark {
    const ALL: [Self; 11] = [
        Self::Planned,
        Self::Paid,
        Self::Overdue,
        Self::RenewBy,
        Self::Expiry,
        Self::NoService,
        Self::LostDays,
        Self::NoData,
        Self::Trip,
        Self::Uncovered,
        Self::Today,
    ];

    fn name(self) -> std::borrow::Cow<'static, str> {
        match self {
            Self::Planned => t!("legend.planned"),
            Self::Paid => t!("legend.paid"),
            Self::Overdue => t!("legend.overdue"),
            Self::RenewBy => t!("legend.renew_by"),
            Self::Expiry => t!("legend.expiry"),
            Self::NoService => t!("legend.no_service"),
            Self::LostDays => t!("legend.lost_days"),
            Self::NoData => t!("legend.no_data"),
            Self::Trip => t!("legend.trip"),
            Self::Uncovered => t!("legend.uncovered"),
            Self::Today => t!("legend.today"),
        }
    }

    fn explanation(self) -> std::borrow::Cow<'static, str> {
        match self {
            Self::Planned => t!("legend.planned_text"),
            Self::Paid => t!("legend.paid_text"),
            Self::Overdue => t!("legend.overdue_text"),
            Self::RenewBy => t!("legend.renew_by_text"),
            Self::Expiry => t!("legend.expiry_text"),
            Self::NoService => t!("legend.no_service_text"),
            Self::LostDays => t!("legend.lost_days_text"),
            Self::NoData => t!("legend.no_data_text"),
            Self::Trip => t!("legend.trip_text"),
            Self::Uncovered => t!("legend.uncovered_text"),
            Self::Today => t!("legend.today_text"),
        }
    }

    /// Paints the mark's sample in `rect`, as the calendars paint it.
    fn paint(self, painter: &egui::Painter, rect: Rect, visuals: &egui::Visuals) {
        let sim = style::ACCENT;
        match self {
            Self::Planned => {
                painter.rect(
                    rect,
                    0.0,
                    sim.gamma_multiply(0.15),
                    Stroke::new(1.0, sim),
                    StrokeKind::Inside,
                );
            }
            Self::Paid => {
                painter.rect_filled(rect, 0.0, sim);
            }
            Self::Overdue => {
                painter.rect(
                    rect,
                    0.0,
                    style::DANGER.gamma_multiply(0.35),
                    Stroke::new(2.0, style::DANGER),
                    StrokeKind::Inside,
                );
            }
            Self::RenewBy => {
                let shape = Rect::from_center_size(rect.center(), vec2(8.0, 8.0));
                painter.add(egui::Shape::convex_polygon(
                    vec![shape.left_top(), shape.right_center(), shape.left_bottom()],
                    style::WARNING,
                    Stroke::NONE,
                ));
            }
            Self::Expiry => {
                painter.rect_filled(
                    Rect::from_center_size(rect.center(), vec2(7.0, 7.0)),
                    0.0,
                    sim,
                );
            }
            Self::NoService => {
                let band = Rect::from_min_max(pos2(rect.left(), rect.bottom() - 4.0), rect.max);
                painter.rect_filled(band, 0.0, style::DANGER.gamma_multiply(0.6));
            }
            Self::LostDays => {
                let painter = painter.with_clip_rect(rect);
                let mut x = rect.left() - rect.height();
                while x < rect.right() {
                    painter.line_segment(
                        [pos2(x, rect.bottom()), pos2(x + rect.height(), rect.top())],
                        Stroke::new(1.5, style::DANGER),
                    );
                    x += 4.0;
                }
            }
            Self::NoData => {
                painter.rect(
                    rect.shrink2(vec2(0.0, 2.0)),
                    0.0,
                    visuals.extreme_bg_color.gamma_multiply(0.6),
                    Stroke::new(1.0, style::WARNING),
                    StrokeKind::Inside,
                );
            }
            Self::Trip => {
                painter.rect_filled(rect, 2.0, style::TRIP.gamma_multiply(0.3));
            }
            Self::Uncovered => {
                let band = Rect::from_min_max(pos2(rect.left(), rect.bottom() - 4.0), rect.max);
                painter.rect_filled(rect, 2.0, style::TRIP.gamma_multiply(0.3));
                painter.rect_filled(band, 0.0, style::DANGER);
            }
            Self::Today => {
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(2.0, style::ACCENT),
                    StrokeKind::Inside,
                );
            }
        }
    }
}

/// A sample of `mark` followed by its name; hovering says what it means.
fn sample_ui(ui: &mut egui::Ui, mark: Mark, size: egui::Vec2) {
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    mark.paint(ui.painter(), rect, ui.visuals());
    let name = ui.label(egui::RichText::new(mark.name()).small());
    response.union(name).on_hover_text(mark.explanation());
}

/// The key under the calendar: every mark with its name, in rows that wrap.
pub fn legend_key_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for mark in Mark::ALL {
            sample_ui(ui, mark, vec2(16.0, 11.0));
            ui.add_space(6.0);
        }
    });
}

/// Help → Legend: every mark, its name and what it means.
pub fn legend_ui(ui: &mut egui::Ui) {
    egui::Grid::new("legend")
        .num_columns(3)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for mark in Mark::ALL {
                let (rect, _) = ui.allocate_exact_size(vec2(28.0, 14.0), Sense::hover());
                mark.paint(ui.painter(), rect, ui.visuals());
                ui.strong(mark.name());
                ui.label(mark.explanation());
                ui.end_row();
            }
        });
}
