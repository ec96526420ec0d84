//! The SIM editor.

use egui::{TextEdit, Ui};
use rust_i18n::t;

use super::fields::{
    FieldError, FormContext, FormFlags, Parsed, Target, checked, coverage_ui, note_ui,
    optional_date, optional_text, optional_whole_number, problem_ui, required_text, row,
    text_field, text_from_optional, warning_ui,
};
use crate::model::{LinkSafety, RenewalRule, Rgb, Sim, SimId, SimKind, State};
use crate::schedule::sim_schedule;
use crate::store;
use crate::ui::edit::Edit;
use crate::ui::labels::paid_and_planned;
use crate::ui::pickers;

/// Colours for new SIMs, far enough apart to tell SIMs apart on the calendar.
const PALETTE: [Rgb; 10] = [
    Rgb(212, 68, 68),
    Rgb(52, 120, 198),
    Rgb(64, 160, 90),
    Rgb(230, 140, 30),
    Rgb(140, 90, 200),
    Rgb(30, 160, 170),
    Rgb(200, 80, 150),
    Rgb(150, 120, 60),
    Rgb(100, 110, 130),
    Rgb(170, 170, 40),
];

/// The draft of a SIM: what the user typed, parsed only when saving.
pub(super) struct SimForm {
    target: Target<SimId>,
    /// The name when the editor opened, for a title that does not change while typing.
    original_name: String,
    name: String,
    carrier: String,
    number: String,
    kind: SimKind,
    color: [u8; 3],
    coverage: Vec<String>,
    rule: RenewalRule,
    valid_until: String,
    lead_days: String,
    daily_use_mb: String,
    keep_alive_days: String,
    renew_url: String,
    payment: String,
    notes: String,
}

impl SimForm {
    pub(super) fn new(state: &State) -> Self {
        let used: Vec<Rgb> = state.sims.iter().map(|sim| sim.color).collect();
        let color = PALETTE
            .iter()
            .copied()
            .find(|color| !used.contains(color))
            .unwrap_or(PALETTE[state.sims.len() % PALETTE.len()]);
        Self {
            target: Target::New,
            original_name: String::new(),
            name: String::new(),
            carrier: String::new(),
            number: String::new(),
            kind: SimKind::default(),
            color: [color.0, color.1, color.2],
            coverage: Vec::new(),
            rule: RenewalRule::default(),
            valid_until: String::new(),
            lead_days: String::new(),
            daily_use_mb: String::new(),
            keep_alive_days: String::new(),
            renew_url: String::new(),
            payment: String::new(),
            notes: String::new(),
        }
    }

    pub(super) fn edit(sim: &Sim) -> Self {
        Self {
            target: Target::Existing(sim.id),
            original_name: sim.name.clone(),
            name: sim.name.clone(),
            carrier: sim.carrier.clone(),
            number: sim.number.clone().unwrap_or_default(),
            kind: sim.kind,
            color: [sim.color.0, sim.color.1, sim.color.2],
            coverage: sim.coverage.clone(),
            rule: sim.rule,
            valid_until: sim
                .valid_until
                .map(|day| day.format(pickers::DATE_FORMAT).to_string())
                .unwrap_or_default(),
            lead_days: text_from_optional(sim.lead_days),
            daily_use_mb: text_from_optional(sim.daily_use_mb),
            keep_alive_days: text_from_optional(sim.keep_alive_days),
            renew_url: sim.renew_url.clone().unwrap_or_default(),
            payment: sim.payment.clone(),
            notes: sim.notes.clone(),
        }
    }

    pub(super) fn title(&self) -> String {
        match self.target {
            Target::New => t!("editors.sim.title_new").into_owned(),
            Target::Existing(_) => {
                t!("editors.sim.title_edit", name = self.original_name).into_owned()
            }
        }
    }

    pub(super) fn target_key(&self) -> Option<u32> {
        self.target.existing().map(|id| id.0)
    }

    /// Draws the form; returns the edit when every field is valid.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        form: &FormContext<'_>,
        flags: &mut FormFlags,
    ) -> Option<Edit> {
        let state = form.state;
        let id = match self.target {
            Target::New => state.next_sim_id(),
            Target::Existing(id) => id,
        };
        let gone = matches!(self.target, Target::Existing(_)) && state.sim(id).is_none();
        let calendar = form.calendar();
        let sim = egui::Grid::new("sim_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let name = row(ui, &t!("editors.field.name"), |ui, label| {
                    text_field(ui, &mut self.name, label);
                    checked(ui, required_text(&self.name))
                });
                row(ui, &t!("editors.field.carrier"), |ui, label| {
                    text_field(ui, &mut self.carrier, label);
                    note_ui(ui, &t!("editors.sim.carrier_note"));
                });
                row(ui, &t!("editors.field.number"), |ui, label| {
                    text_field(ui, &mut self.number, label);
                });
                row(ui, &t!("editors.field.kind"), |ui, _| {
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut self.kind,
                            SimKind::Physical,
                            t!("editors.sim.physical"),
                        );
                        ui.radio_value(&mut self.kind, SimKind::Esim, t!("editors.sim.esim"));
                    });
                });
                row(ui, &t!("editors.field.color"), |ui, label| {
                    egui::color_picker::color_edit_button_srgb(ui, &mut self.color)
                        .labelled_by(label);
                });
                row(ui, &t!("editors.field.coverage"), |ui, _| {
                    coverage_ui(ui, &mut self.coverage);
                    if self.coverage.is_empty() {
                        note_ui(ui, &t!("editors.sim.coverage_empty"));
                    }
                });
                row(ui, &t!("editors.field.rule"), |ui, _| {
                    rule_ui(ui, &mut self.rule);
                });
                let valid_until = row(ui, &t!("editors.field.valid_until"), |ui, label| {
                    ui.vertical(|ui| {
                        pickers::date_field_ui(ui, &mut self.valid_until, label, calendar);
                        let valid_until = checked(ui, optional_date(&self.valid_until));
                        if let (Some(draft), Target::Existing(id)) = (valid_until, self.target) {
                            paid_and_planned_ui(ui, form, id, draft);
                        }
                        valid_until
                    })
                    .inner
                });
                let lead_days = row(ui, &t!("editors.field.lead_days"), |ui, label| {
                    let hint = t!(
                        "editors.sim.lead_days_default",
                        days = state.settings.lead_days
                    );
                    ui.add(
                        TextEdit::singleline(&mut self.lead_days)
                            .desired_width(80.0)
                            .hint_text(hint.into_owned()),
                    )
                    .labelled_by(label);
                    checked(
                        ui,
                        optional_whole_number(&self.lead_days, 0..=store::MAX_LEAD_DAYS),
                    )
                });
                let daily_use_mb = row(ui, &t!("editors.field.daily_use"), |ui, label| {
                    ui.add(TextEdit::singleline(&mut self.daily_use_mb).desired_width(80.0))
                        .labelled_by(label);
                    checked(ui, optional_whole_number(&self.daily_use_mb, 1..=1_000_000))
                });
                let keep_alive_days = row(ui, &t!("editors.field.keep_alive"), |ui, label| {
                    ui.add(TextEdit::singleline(&mut self.keep_alive_days).desired_width(80.0))
                        .labelled_by(label);
                    checked(
                        ui,
                        optional_whole_number(
                            &self.keep_alive_days,
                            1..=store::MAX_KEEP_ALIVE_DAYS,
                        ),
                    )
                });
                let renew_url = row(ui, &t!("editors.field.renew_url"), |ui, label| {
                    text_field(ui, &mut self.renew_url, label);
                    let parsed = checked(ui, renew_url_from_text(&self.renew_url));
                    if let Some(Some(url)) = &parsed
                        && !url.to_ascii_lowercase().starts_with("https://")
                    {
                        warning_ui(ui, &t!("editors.sim.url_not_https"));
                    }
                    parsed
                });
                row(ui, &t!("editors.field.payment"), |ui, label| {
                    text_field(ui, &mut self.payment, label);
                });
                row(ui, &t!("editors.field.notes"), |ui, label| {
                    let notes = ui
                        .add(
                            TextEdit::multiline(&mut self.notes)
                                .desired_rows(3)
                                .desired_width(260.0)
                                .char_limit(4000),
                        )
                        .labelled_by(label);
                    flags.enter_types_text |= notes.has_focus();
                });
                Some(Sim {
                    id,
                    name: name?,
                    carrier: self.carrier.trim().to_owned(),
                    number: optional_text(&self.number),
                    kind: self.kind,
                    color: Rgb(self.color[0], self.color[1], self.color[2]),
                    coverage: self.coverage.clone(),
                    rule: self.rule,
                    valid_until: valid_until?,
                    lead_days: lead_days?,
                    daily_use_mb: daily_use_mb?,
                    keep_alive_days: keep_alive_days?,
                    renew_url: renew_url?,
                    payment: self.payment.trim().to_owned(),
                    notes: self.notes.trim_end().to_owned(),
                })
            });
        if gone {
            problem_ui(ui, &t!("editors.sim.gone"));
            return None;
        }
        let sim = sim.inner?;
        Some(match self.target {
            Target::New => Edit::AddSim(sim),
            Target::Existing(_) => Edit::UpdateSim(sim),
        })
    }
}

/// The three renewal rules, each with what it means in one line.
/// "Paid through … · Planned through …" for the SIM as it would be with the drafted validity:
/// the same words and dates as the SIM list and Details.
fn paid_and_planned_ui(
    ui: &mut Ui,
    form: &FormContext<'_>,
    id: SimId,
    valid_until: Option<chrono::NaiveDate>,
) {
    let state = form.state;
    let Some(saved) = state.sim(id) else {
        return;
    };
    let drafted = Sim {
        valid_until,
        ..saved.clone()
    };
    let schedule = sim_schedule(
        &drafted,
        &state.renewals,
        |plan| state.plan(plan),
        state.settings.lead_days,
        form.today,
    );
    let (paid, planned) = paid_and_planned(&schedule, form.today);
    note_ui(
        ui,
        &format!(
            "{} {paid} · {} {planned}",
            t!("sims.paid_through"),
            t!("sims.planned_through")
        ),
    );
}

fn rule_ui(ui: &mut Ui, rule: &mut RenewalRule) {
    let rules = [
        (
            RenewalRule::Extend,
            t!("editors.rule.extend"),
            t!("editors.rule.extend_help"),
        ),
        (
            RenewalRule::Restart,
            t!("editors.rule.restart"),
            t!("editors.rule.restart_help"),
        ),
        (
            RenewalRule::LaterOf,
            t!("editors.rule.later_of"),
            t!("editors.rule.later_of_help"),
        ),
    ];
    for (value, name, help) in rules {
        ui.radio_value(rule, value, name);
        ui.indent(value_salt(value), |ui| note_ui(ui, &help));
    }
}

fn value_salt(rule: RenewalRule) -> &'static str {
    match rule {
        RenewalRule::Extend => "extend",
        RenewalRule::Restart => "restart",
        RenewalRule::LaterOf => "later_of",
    }
}

/// A renewal link: only `http` and `https` links are opened (DESIGN.md), so nothing else is
/// taken; `http` is allowed with a warning.
fn renew_url_from_text(text: &str) -> Parsed<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if !LinkSafety::of(text).can_open() {
        return Err(FieldError::Invalid(t!("editors.error.url")));
    }
    Ok(Some(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_links_are_taken() {
        let ok = |text: &str| renew_url_from_text(text).ok().flatten();
        assert_eq!(
            ok(" https://www.batelco.com/ "),
            Some("https://www.batelco.com/".to_owned())
        );
        assert_eq!(
            ok("HTTP://example.com"),
            Some("HTTP://example.com".to_owned())
        );
        assert_eq!(renew_url_from_text(""), Ok(None));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "www.x.com",
            "https://a b",
        ] {
            assert!(renew_url_from_text(bad).is_err(), "{bad} was taken");
        }
    }

    #[test]
    fn a_new_sim_gets_a_colour_no_other_sim_uses() {
        let mut state = State::default();
        let first = SimForm::new(&state).color;
        state.sims.push(Sim {
            color: Rgb(first[0], first[1], first[2]),
            ..crate::ui::editors::tests::sim(1, "")
        });
        assert_ne!(SimForm::new(&state).color, first);
    }
}
