//! The trip editor: a name and its legs, each a country from the ISO list with its first and
//! last day. Legs run in order; one may share its last day with the next one's first (the day
//! you fly).

use egui::Ui;
use rust_i18n::t;

use super::fields::{
    FieldError, FormContext, Target, checked, date, note_ui, problem_ui, required_text, row,
    text_field,
};
use crate::model::{Trip, TripId, TripLeg};
use crate::ui::edit::Edit;
use crate::ui::pickers;

/// One leg as typed.
#[derive(Clone, Debug, Default)]
struct LegDraft {
    country: String,
    from: String,
    to: String,
}

/// The draft of a trip.
pub(super) struct TripForm {
    target: Target<TripId>,
    original_name: String,
    name: String,
    legs: Vec<LegDraft>,
}

impl TripForm {
    /// A new trip with one empty leg.
    pub(super) fn new() -> Self {
        Self {
            target: Target::New,
            original_name: String::new(),
            name: String::new(),
            legs: vec![LegDraft::default()],
        }
    }

    pub(super) fn edit(trip: &Trip) -> Self {
        Self {
            target: Target::Existing(trip.id),
            original_name: trip.name.clone(),
            name: trip.name.clone(),
            legs: drafts_of(trip),
        }
    }

    /// A new trip with `trip`'s legs, named as its copy.
    pub(super) fn duplicate(trip: &Trip) -> Self {
        Self {
            target: Target::New,
            original_name: String::new(),
            name: t!("editors.trip.copy_of", name = trip.name.as_str()).into_owned(),
            legs: drafts_of(trip),
        }
    }

    pub(super) fn title(&self) -> String {
        match self.target {
            Target::New => t!("editors.trip.title_new").into_owned(),
            Target::Existing(_) => t!(
                "editors.trip.title_edit",
                name = self.original_name.as_str()
            )
            .into_owned(),
        }
    }

    pub(super) fn target_key(&self) -> Option<u32> {
        self.target.existing().map(|id| id.0)
    }

    /// Draws the form; returns the edit when every field is valid.
    pub(super) fn ui(&mut self, ui: &mut Ui, form: &FormContext<'_>) -> Option<Edit> {
        let state = form.state;
        let id = match self.target {
            Target::New => state.next_trip_id(),
            Target::Existing(id) => id,
        };
        let gone = matches!(self.target, Target::Existing(_)) && state.trip(id).is_none();
        let name = egui::Grid::new("trip_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                row(ui, &t!("editors.field.name"), |ui, label| {
                    text_field(ui, &mut self.name, label);
                    checked(ui, required_text(&self.name))
                })
            })
            .inner;
        ui.add_space(4.0);
        ui.strong(t!("editors.trip.legs"));
        let legs = self.legs_ui(ui, form);
        if ui.button(t!("editors.trip.add_leg")).clicked() {
            // The next leg starts where the last one ends: a trip goes on from there.
            let from = self
                .legs
                .last()
                .map(|leg| leg.to.clone())
                .unwrap_or_default();
            self.legs.push(LegDraft {
                country: String::new(),
                to: from.clone(),
                from,
            });
        }
        if gone {
            problem_ui(ui, &t!("editors.trip.gone"));
            return None;
        }
        Some(match self.target {
            Target::New => Edit::AddTrip(Trip {
                id,
                name: name?,
                legs: legs?,
            }),
            Target::Existing(_) => Edit::UpdateTrip(Trip {
                id,
                name: name?,
                legs: legs?,
            }),
        })
    }

    /// The legs, one row each (country, from, to, remove), then the check of their order.
    fn legs_ui(&mut self, ui: &mut Ui, form: &FormContext<'_>) -> Option<Vec<TripLeg>> {
        let calendar = form.calendar();
        let mut remove = None;
        let mut parsed = Vec::with_capacity(self.legs.len());
        let count = self.legs.len();
        egui::Grid::new("trip_legs")
            .num_columns(4)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                for (index, leg) in self.legs.iter_mut().enumerate() {
                    let country = ui
                        .vertical(|ui| {
                            pickers::country_picker_ui(ui, &mut leg.country)
                                .on_hover_text(t!("editors.trip.country"));
                            if leg.country.is_empty() {
                                checked::<()>(
                                    ui,
                                    Err(FieldError::Missing(t!("editors.trip.choose_country"))),
                                );
                                None
                            } else {
                                Some(leg.country.clone())
                            }
                        })
                        .inner;
                    let from_label = ui.label(t!("editors.trip.from")).id;
                    let from = ui
                        .vertical(|ui| {
                            pickers::date_field_ui(ui, &mut leg.from, from_label, calendar);
                            checked(ui, date(&leg.from))
                        })
                        .inner;
                    let to_label = ui.label(t!("editors.trip.to")).id;
                    let to = ui
                        .vertical(|ui| {
                            pickers::date_field_ui(ui, &mut leg.to, to_label, calendar);
                            let to = checked(ui, date(&leg.to))?;
                            if from.is_some_and(|from| to < from) {
                                problem_ui(ui, &t!("editors.trip.ends_before"));
                                return None;
                            }
                            Some(to)
                        })
                        .inner;
                    let remove_text = t!("editors.trip.remove_leg");
                    if count > 1
                        && ui
                            .small_button("\u{d7}")
                            .accessible_name(remove_text.as_ref())
                            .on_hover_text(remove_text.as_ref())
                            .clicked()
                    {
                        remove = Some(index);
                    }
                    ui.end_row();
                    parsed.push(match (country, from, to) {
                        (Some(country), Some(from), Some(to)) => {
                            Some(TripLeg { country, from, to })
                        }
                        _ => None,
                    });
                }
            });
        if let Some(index) = remove {
            self.legs.remove(index);
        }
        let legs: Vec<TripLeg> = parsed.into_iter().collect::<Option<_>>()?;
        if let Some(message) = order_problem(&legs) {
            problem_ui(ui, &message);
            return None;
        }
        note_ui(ui, &t!("editors.trip.order_hint"));
        Some(legs)
    }
}

fn drafts_of(trip: &Trip) -> Vec<LegDraft> {
    trip.legs
        .iter()
        .map(|leg| LegDraft {
            country: leg.country.clone(),
            from: leg.from.to_string(),
            to: leg.to.to_string(),
        })
        .collect()
}

/// Legs run in order: each starts on or after the day the one before ends (the day you fly
/// is in both).
fn order_problem(legs: &[TripLeg]) -> Option<String> {
    legs.windows(2).enumerate().find_map(|(index, pair)| {
        let [before, after] = pair else {
            return None;
        };
        (after.from < before.to).then(|| {
            t!(
                "editors.trip.out_of_order",
                leg = index + 2,
                from = after.from.to_string(),
                to = before.to.to_string()
            )
            .into_owned()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leg(country: &str, from: &str, to: &str) -> TripLeg {
        TripLeg {
            country: country.to_owned(),
            from: from.parse().expect("a test date"),
            to: to.parse().expect("a test date"),
        }
    }

    #[test]
    fn legs_may_share_the_day_you_fly_but_not_overlap_more() {
        let flying = [
            leg("DE", "2027-01-10", "2027-01-14"),
            leg("FR", "2027-01-14", "2027-01-20"),
        ];
        assert_eq!(order_problem(&flying), None);
        let overlapping = [
            leg("DE", "2027-01-10", "2027-01-14"),
            leg("FR", "2027-01-13", "2027-01-20"),
        ];
        let problem = order_problem(&overlapping).expect("the overlap is a problem");
        assert!(problem.contains('2'), "{problem}");
    }
}
