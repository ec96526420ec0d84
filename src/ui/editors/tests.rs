//! The editors as a user meets them: fields found by their labels, typed into, saved.

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use rust_decimal::Decimal;
use rust_i18n::t;

use super::{Editor, EditorOutcome};
use crate::model::{
    DataAllowance, Money, Plan, PlanId, Renewal, RenewalId, RenewalRule, RenewalStatus, Rgb,
    Settings, Sim, SimId, SimKind, State, Validity,
};
use crate::ui::document::Document;
use crate::ui::edit::Edit;

/// The day the editors are shown on (their date pickers mark it).
const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 12, 4).expect("a real date");

/// What the harness shows: one editor over a state, and what it returned.
struct Shown {
    editor: Editor,
    doc: Document,
    outcome: Option<EditorOutcome>,
}

fn open_editor(editor: Editor, state: State) -> Harness<'static, Shown> {
    Harness::builder()
        .with_size([1000.0, 1000.0])
        .build_ui_state(
            |ui, shown: &mut Shown| {
                if shown.outcome.is_some() {
                    return;
                }
                match shown.editor.show(ui.ctx(), &shown.doc, TODAY) {
                    EditorOutcome::Open => {}
                    outcome => shown.outcome = Some(outcome),
                }
            },
            Shown {
                editor,
                doc: Document::new(state, None, false),
                outcome: None,
            },
        )
}

/// Clicks the field named `label` and types `text` at the end of what is there.
fn type_into(harness: &mut Harness<'_, Shown>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Clicks the field named `label`, selects all of it and types `text` over it.
fn replace_in(harness: &mut Harness<'_, Shown>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn click(harness: &mut Harness<'_, Shown>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn shows(harness: &Harness<'_, Shown>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).count() > 0
}

fn day(text: &str) -> NaiveDate {
    crate::ui::pickers::date_from_text(text).unwrap_or_default()
}

fn state_with_base_currency(code: &str) -> State {
    let settings = Settings {
        base_currency: Some(code.to_owned()),
        ..Settings::default()
    };
    State {
        settings,
        ..State::default()
    }
}

/// A plain SIM for the editors' tests.
pub(super) fn sim(id: u32, carrier: &str) -> Sim {
    Sim {
        id: SimId(id),
        name: format!("SIM {id}"),
        carrier: carrier.to_owned(),
        number: None,
        kind: SimKind::Physical,
        color: Rgb(212, 68, 68),
        coverage: vec!["BH".to_owned()],
        rule: RenewalRule::Extend,
        valid_until: None,
        lead_days: None,
        daily_use_mb: None,
        keep_alive_days: None,
        renew_url: None,
        payment: String::new(),
        notes: String::new(),
    }
}

fn plan(id: u32, name: &str, carrier: &str) -> Plan {
    Plan {
        id: PlanId(id),
        name: name.to_owned(),
        carrier: carrier.to_owned(),
        validity: Validity::Months(1),
        price: Money {
            amount: Decimal::new(8000, 3),
            currency: "BHD".to_owned(),
        },
        data: DataAllowance::Megabytes(20_480),
        coverage: Vec::new(),
    }
}

#[test]
fn a_new_sim_with_a_name_and_a_date_is_saved() {
    let mut harness = open_editor(Editor::new_sim(&State::default()), State::default());
    type_into(&mut harness, "Name", "Test SIM");
    type_into(&mut harness, "Valid until (already paid)", "2026-12-05");
    click(&mut harness, "Save");

    let Some(EditorOutcome::Save(Edit::AddSim(sim))) = &harness.state().outcome else {
        panic!("expected a new SIM, got {:?}", harness.state().outcome);
    };
    assert_eq!(sim.name, "Test SIM");
    assert_eq!(sim.id, SimId(1));
    assert_eq!(sim.valid_until, Some(day("2026-12-05")));
    assert_eq!(sim.lead_days, None, "an empty optional field stays None");
}

#[test]
fn an_invalid_date_shows_a_message_and_saves_nothing() {
    let mut harness = open_editor(Editor::new_sim(&State::default()), State::default());
    type_into(&mut harness, "Name", "Test SIM");
    type_into(&mut harness, "Valid until (already paid)", "2026-13-40");
    assert!(
        shows(&harness, &t!("editors.error.date")),
        "no message for a bad date"
    );

    click(&mut harness, "Save");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().outcome, None);
}

#[test]
fn enter_saves_a_valid_form_and_escape_cancels() {
    let mut harness = open_editor(Editor::new_sim(&State::default()), State::default());
    type_into(&mut harness, "Name", "Home");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(matches!(
        harness.state().outcome,
        Some(EditorOutcome::Save(Edit::AddSim(_)))
    ));

    let mut harness = open_editor(Editor::new_plan(&State::default()), State::default());
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().outcome, Some(EditorOutcome::Closed));
}

#[test]
fn a_renewal_link_must_be_http_or_https_and_http_is_flagged() {
    let mut harness = open_editor(Editor::new_sim(&State::default()), State::default());
    type_into(&mut harness, "Name", "Home");
    type_into(&mut harness, "Renewal link", "ftp://shop.example");
    assert!(shows(&harness, &t!("editors.error.url")));
    click(&mut harness, "Save");
    assert_eq!(harness.state().outcome, None, "a non-http link was saved");

    replace_in(&mut harness, "Renewal link", "http://shop.example");
    assert!(
        shows(&harness, &t!("editors.sim.url_not_https")),
        "http is not flagged"
    );
    click(&mut harness, "Save");
    let Some(EditorOutcome::Save(Edit::AddSim(sim))) = &harness.state().outcome else {
        panic!("http should be allowed, got {:?}", harness.state().outcome);
    };
    assert_eq!(sim.renew_url.as_deref(), Some("http://shop.example"));
}

#[test]
fn the_calendar_fills_the_date_field() {
    let mut harness = open_editor(Editor::new_sim(&State::default()), State::default());
    type_into(&mut harness, "Name", "Home");
    type_into(&mut harness, "Valid until (already paid)", "2026-12-05");
    click(&mut harness, &t!("editors.date.calendar"));
    click(&mut harness, &t!("editors.date.next_month"));
    click(&mut harness, "2027-01-15");
    click(&mut harness, "Save");
    let Some(EditorOutcome::Save(Edit::AddSim(sim))) = &harness.state().outcome else {
        panic!("expected a new SIM, got {:?}", harness.state().outcome);
    };
    assert_eq!(sim.valid_until, Some(day("2027-01-15")));
}

#[test]
fn coverage_is_picked_from_a_searchable_list_and_removed_with_its_chip() {
    let mut harness = open_editor(Editor::new_sim(&State::default()), State::default());
    type_into(&mut harness, "Name", "Gulf");
    for search in ["bahr", "saudi"] {
        click(&mut harness, &t!("editors.coverage.add"));
        harness
            .get_by_label(&t!("editors.picker.search"))
            .type_text(search);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    assert_eq!(
        harness.state().outcome,
        None,
        "Enter in the search field saved the form"
    );
    click(&mut harness, &t!("editors.coverage.remove", country = "BH"));
    click(&mut harness, "Save");
    let Some(EditorOutcome::Save(Edit::AddSim(sim))) = &harness.state().outcome else {
        panic!("expected a new SIM, got {:?}", harness.state().outcome);
    };
    assert_eq!(sim.coverage, vec!["SA".to_owned()]);
}

#[test]
fn a_plan_with_a_negative_price_is_refused() {
    let state = state_with_base_currency("USD");
    let mut harness = open_editor(Editor::new_plan(&state), state);
    type_into(&mut harness, "Name", "Day pass");
    type_into(&mut harness, "Price", "-3");
    type_into(&mut harness, "Data (MB)", "500");
    assert!(
        shows(&harness, &t!("editors.error.negative")),
        "no message for a negative price"
    );
    click(&mut harness, "Save");
    assert_eq!(harness.state().outcome, None, "a negative price was saved");

    replace_in(&mut harness, "Price", "3.50");
    click(&mut harness, "Save");
    let Some(EditorOutcome::Save(Edit::AddPlan(plan))) = &harness.state().outcome else {
        panic!("expected a new plan, got {:?}", harness.state().outcome);
    };
    assert_eq!(
        plan.price,
        Money {
            amount: Decimal::new(350, 2),
            currency: "USD".to_owned()
        }
    );
    assert_eq!(plan.data, DataAllowance::Megabytes(500));
    assert_eq!(plan.validity, Validity::Days(30));
}

#[test]
fn an_unlimited_plan_needs_no_data_amount() {
    let state = state_with_base_currency("EUR");
    let mut harness = open_editor(Editor::new_plan(&state), state);
    type_into(&mut harness, "Name", "Unlimited week");
    type_into(&mut harness, "Price", "10");
    click(&mut harness, "Unlimited");
    click(&mut harness, "Save");
    let Some(EditorOutcome::Save(Edit::AddPlan(plan))) = &harness.state().outcome else {
        panic!("expected a new plan, got {:?}", harness.state().outcome);
    };
    assert_eq!(plan.data, DataAllowance::Unlimited);
}

#[test]
fn a_renewal_offers_only_plans_the_sim_can_take() {
    let state = State {
        sims: vec![sim(1, "Batelco")],
        plans: vec![
            plan(1, "Zain monthly", "Zain"),
            plan(2, "Batelco monthly", "batelco"),
            plan(3, "Any", ""),
        ],
        ..State::default()
    };
    let on = day("2026-12-03");
    let mut harness = open_editor(Editor::new_renewal(&state, Some(SimId(1)), on), state);
    click(&mut harness, "Plan");
    assert!(
        !shows(&harness, "Zain monthly"),
        "a plan of another carrier is offered"
    );
    assert!(shows(&harness, "Any (8.000 BHD)"));
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().outcome,
        None,
        "Escape meant for the list closed the window"
    );

    click(&mut harness, "Save");
    let expected = Renewal {
        id: RenewalId(1),
        sim: SimId(1),
        plan: PlanId(2),
        on,
        status: RenewalStatus::Planned,
    };
    assert_eq!(
        harness.state().outcome,
        Some(EditorOutcome::Save(Edit::AddRenewal(expected)))
    );
}

#[test]
fn a_renewal_is_marked_paid_or_deleted() {
    let renewal = Renewal {
        id: RenewalId(7),
        sim: SimId(1),
        plan: PlanId(1),
        on: day("2026-12-03"),
        status: RenewalStatus::Planned,
    };
    let state = State {
        sims: vec![sim(1, "")],
        plans: vec![plan(1, "Monthly", "")],
        renewals: vec![renewal.clone()],
        ..State::default()
    };

    let mut harness_paid = open_editor(Editor::edit_renewal(&renewal), state.clone());
    click(&mut harness_paid, "Paid");
    click(&mut harness_paid, "Save");
    let paid = Renewal {
        status: RenewalStatus::Paid,
        ..renewal.clone()
    };
    assert_eq!(
        harness_paid.state().outcome,
        Some(EditorOutcome::Save(Edit::UpdateRenewal(paid)))
    );

    let mut harness_delete = open_editor(Editor::edit_renewal(&renewal), state);
    click(&mut harness_delete, "Delete");
    assert_eq!(
        harness_delete.state().outcome,
        Some(EditorOutcome::Save(Edit::DeleteRenewal(RenewalId(7))))
    );
}

#[test]
fn problems_the_store_finds_are_shown_and_block_saving() {
    let mut bad = sim(1, "");
    bad.coverage = vec!["XX".to_owned()];
    let state = State {
        sims: vec![bad.clone()],
        ..State::default()
    };
    let mut harness = open_editor(Editor::edit_sim(&bad), state);
    assert!(shows(&harness, "XX"), "the unknown code is not shown");
    assert!(
        shows(&harness, &t!("editors.problems")),
        "the store's problems are not shown"
    );
    click(&mut harness, "Save");
    assert_eq!(harness.state().outcome, None);

    click(&mut harness, &t!("editors.coverage.remove", country = "XX"));
    click(&mut harness, "Save");
    assert!(matches!(
        harness.state().outcome,
        Some(EditorOutcome::Save(Edit::UpdateSim(_)))
    ));
}

#[test]
fn settings_are_saved_only_when_every_field_is_valid() {
    let mut harness = open_editor(
        Editor::settings(&State::default().settings),
        State::default(),
    );
    replace_in(&mut harness, "Lead days", "many");
    click(&mut harness, "Save");
    assert_eq!(
        harness.state().outcome,
        None,
        "lead days \"many\" were saved"
    );

    replace_in(&mut harness, "Lead days", "5");
    replace_in(&mut harness, "Reminder stages", "1, 14");
    click(&mut harness, &t!("editors.settings.add_rate"));
    type_into(
        &mut harness,
        &t!("editors.settings.rate_value", number = 1),
        "2.65",
    );
    click(&mut harness, "Save");
    assert_eq!(
        harness.state().outcome,
        None,
        "a rate without a currency was saved"
    );

    click(
        &mut harness,
        &t!("editors.settings.rate_currency", number = 1),
    );
    harness
        .get_by_label(&t!("editors.picker.search"))
        .type_text("BHD");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    click(&mut harness, "Save");
    let Some(EditorOutcome::Save(Edit::SetSettings(settings))) = &harness.state().outcome else {
        panic!("expected settings, got {:?}", harness.state().outcome);
    };
    assert_eq!(settings.lead_days, 5);
    assert_eq!(settings.reminder_stages, vec![14, 1]);
    assert_eq!(
        settings.rates.get("BHD").map(|rate| rate.0),
        Some(Decimal::new(265, 2))
    );
}

#[test]
fn messages_name_the_limits() {
    assert_eq!(
        super::fields::whole_number("400", 0..=365),
        Err(super::fields::FieldError::Invalid(
            "Enter a whole number from 0 to 365".into()
        ))
    );
    assert_eq!(
        super::fields::date("1850-01-01"),
        Err(super::fields::FieldError::Invalid(
            "Enter a date in the years 1900 to 2199".into()
        ))
    );
    assert_eq!(
        super::fields::price_from_text("0"),
        Ok(rust_decimal::Decimal::ZERO),
        "a free plan is allowed"
    );
    assert!(matches!(
        super::fields::price_from_text("-0.01"),
        Err(super::fields::FieldError::Invalid(_))
    ));
    assert!(matches!(
        super::fields::currency("ZZZ"),
        Err(super::fields::FieldError::Invalid(_))
    ));
    assert_eq!(super::fields::currency(" bhd "), Ok("BHD".to_owned()));
}
