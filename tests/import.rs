//! Importing a state file (issue 4, "Import…"): checked before anything changes, merged with
//! ids renumbered, exact duplicates skipped and references kept right, or replacing the state.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use proptest::prelude::*;

use common::traveller;
use sim_planner::model::{PlanId, RenewalId, SimId, State, TripId};
use sim_planner::store::{self, ImportMode, ImportPreview, Item, LoadError, Problem};

/// The bundled example: a non-empty state with other SIMs, plans and settings.
fn example() -> State {
    store::parse_state(include_str!("../assets/example.ron")).unwrap()
}

fn merge(current: &State, incoming: &State) -> ImportPreview {
    store::preview_import(current, incoming, ImportMode::Merge).unwrap()
}

/// Checks that every renewal of `incoming` is in `preview.result` under its new id, for the
/// same-named SIM and plan, on the same day with the same status.
fn assert_references_kept(incoming: &State, preview: &ImportPreview) {
    let result = &preview.result;
    for renewal in &result.renewals {
        assert!(result.sim(renewal.sim).is_some(), "{renewal:?}");
        assert!(result.plan(renewal.plan).is_some(), "{renewal:?}");
    }
    for source in &incoming.renewals {
        let id = preview.renewal_ids[&source.id];
        let imported = result.renewal(id).unwrap();
        assert_eq!(
            result.sim(imported.sim).unwrap().name,
            incoming.sim(source.sim).unwrap().name,
            "renewal {} of the file",
            source.id
        );
        assert_eq!(
            result.plan(imported.plan).unwrap().name,
            incoming.plan(source.plan).unwrap().name,
            "renewal {} of the file",
            source.id
        );
        assert_eq!((imported.on, imported.status), (source.on, source.status));
    }
}

#[test]
fn merge_into_a_non_empty_state_renumbers_ids_above_the_current_ones() {
    let current = example();
    let incoming = traveller();

    let preview = merge(&current, &incoming);

    let result = &preview.result;
    assert_eq!(store::validate(result), []);
    // What the user had is untouched, settings included, and the file's items follow.
    assert_eq!(result.sims[..4], current.sims[..]);
    assert_eq!(result.plans[..8], current.plans[..]);
    assert_eq!(result.renewals[..8], current.renewals[..]);
    assert_eq!(result.trips[..2], current.trips[..]);
    assert_eq!(result.settings, current.settings);
    let ids = |state: &State| {
        (
            state.sims.iter().map(|s| s.id.0).collect::<Vec<_>>(),
            state.plans.iter().map(|p| p.id.0).collect::<Vec<_>>(),
            state.renewals.iter().map(|r| r.id.0).collect::<Vec<_>>(),
            state.trips.iter().map(|t| t.id.0).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        ids(result),
        (
            (1..=7).collect(),
            (1..=13).collect(),
            (1..=12).collect(),
            (1..=4).collect()
        )
    );
    // The file's SIM 2 (巴林流量卡) is now SIM 6, and its renewals say so.
    assert_eq!(preview.sim_ids[&SimId(2)], SimId(6));
    assert_eq!(result.sim(SimId(6)).unwrap().name, "巴林流量卡");
    assert_eq!(preview.plan_ids[&PlanId(3)], PlanId(11));
    let renewal = result.renewal(preview.renewal_ids[&RenewalId(2)]).unwrap();
    assert_eq!((renewal.sim, renewal.plan), (SimId(6), PlanId(11)));
    assert_eq!(preview.trip_ids[&TripId(2)], TripId(4));
    assert_eq!(result.trip(TripId(4)).unwrap().name, "Europe in January");
    assert_references_kept(&incoming, &preview);

    assert_eq!(
        (
            preview.added_sims,
            preview.added_plans,
            preview.added_renewals,
            preview.added_trips
        ),
        (3, 5, 4, 2)
    );
    assert_eq!(preview.skipped_duplicates, 0);
    assert!(preview.changes_state);
    assert!(preview.settings_differ);
    assert_eq!(
        preview.summary(),
        "adds 3 SIMs, 5 plans, 4 renewals, 2 trips; keeps your settings (the file's differ)"
    );
}

#[test]
fn merging_a_state_into_itself_adds_nothing() {
    let state = traveller();

    let preview = merge(&state, &state);

    assert_eq!(preview.result, state);
    assert_eq!(preview.skipped_duplicates, 3 + 5 + 4 + 2);
    assert_eq!(
        (
            preview.added_sims,
            preview.added_plans,
            preview.added_renewals,
            preview.added_trips
        ),
        (0, 0, 0, 0)
    );
    assert!(!preview.changes_state);
    assert!(preview.same_name_sims.is_empty());
    // Every item maps onto itself.
    assert!(preview.sim_ids.iter().all(|(from, to)| from == to));
    assert!(preview.renewal_ids.iter().all(|(from, to)| from == to));
    assert_eq!(preview.summary(), "adds nothing; skips 14 exact duplicates");
}

#[test]
fn duplicates_are_skipped_and_renewals_follow_them_while_same_names_are_flagged() {
    let incoming = traveller();
    // The user already has the Bahrain card and its monthly plan under other ids, and the home
    // number with a different note, so that one is not an exact duplicate.
    let mut bahrain = incoming.sim(SimId(2)).unwrap().clone();
    bahrain.id = SimId(10);
    let mut home = incoming.sim(SimId(1)).unwrap().clone();
    home.id = SimId(11);
    home.notes = "bank 2FA".into();
    let mut monthly = incoming.plan(PlanId(3)).unwrap().clone();
    monthly.id = PlanId(20);
    let mut bought = incoming.renewal(RenewalId(2)).unwrap().clone();
    bought.id = RenewalId(30);
    bought.sim = SimId(10);
    bought.plan = PlanId(20);
    let current = State {
        settings: incoming.settings.clone(),
        sims: vec![bahrain, home],
        plans: vec![monthly],
        renewals: vec![bought],
        ..State::default()
    };

    let preview = merge(&current, &incoming);

    let result = &preview.result;
    assert_eq!(store::validate(result), []);
    assert_eq!(
        preview.sim_ids[&SimId(2)],
        SimId(10),
        "the duplicate is reused"
    );
    assert_eq!(preview.sim_ids[&SimId(1)], SimId(12));
    assert_eq!(preview.sim_ids[&SimId(3)], SimId(13));
    assert_eq!(preview.plan_ids[&PlanId(3)], PlanId(20));
    assert_eq!(preview.renewal_ids[&RenewalId(2)], RenewalId(30));
    // The weekly top-up of the Bahrain card is new, and belongs to the card the user has.
    let weekly = result.renewal(preview.renewal_ids[&RenewalId(3)]).unwrap();
    assert_eq!(weekly.id, RenewalId(32), "renewal 1 of the file took 31");
    assert_eq!(weekly.sim, SimId(10));
    assert_eq!(weekly.plan, preview.plan_ids[&PlanId(2)]);
    assert_references_kept(&incoming, &preview);
    assert_eq!(preview.same_name_sims, ["中国移动 主号"]);
    assert!(!preview.settings_differ);
    assert_eq!(
        preview.summary(),
        "adds 2 SIMs, 4 plans, 3 renewals, 2 trips; skips 3 exact duplicates; \
         1 SIM has the same name as one you have: 中国移动 主号"
    );
}

#[test]
fn same_names_are_compared_without_case_or_surrounding_space() {
    let current = traveller();
    let mut incoming = traveller();
    incoming.sims[2].name = "  travel ESIM ".into();
    incoming.plans[0].name = "每日 1GB ".into();

    let preview = merge(&current, &incoming);

    assert_eq!(preview.same_name_sims, ["  travel ESIM "]);
    assert_eq!(preview.same_name_plans, ["每日 1GB "]);
    assert!(
        preview.summary().ends_with(
            "1 SIM has the same name as one you have:   travel ESIM ; \
             1 plan has the same name as one you have: 每日 1GB "
        ),
        "{}",
        preview.summary()
    );
}

#[test]
fn replace_gives_the_file_as_it_is() {
    let current = example();
    let incoming = traveller();

    let preview = store::preview_import(&current, &incoming, ImportMode::Replace).unwrap();

    assert_eq!(preview.result, incoming);
    assert_eq!(preview.mode, ImportMode::Replace);
    assert!(preview.changes_state);
    assert_eq!(
        preview.summary(),
        "replaces everything you have (4 SIMs, 8 plans, 8 renewals, 2 trips) with the file's \
         3 SIMs, 5 plans, 4 renewals, 2 trips and its settings"
    );

    let same = store::preview_import(&incoming, &incoming, ImportMode::Replace).unwrap();
    assert!(!same.changes_state);
    assert_eq!(
        same.summary(),
        "changes nothing: the file holds exactly what you have"
    );
}

#[test]
fn merge_into_an_empty_state_keeps_the_file_whole() {
    let incoming = traveller();
    let current = State {
        settings: incoming.settings.clone(),
        ..State::default()
    };
    let preview = merge(&current, &incoming);
    // The traveller's ids are 1, 2, 3… in file order already, so nothing is renumbered.
    assert_eq!(preview.result, incoming);
}

#[test]
fn a_result_that_is_not_valid_is_refused() {
    // The user's SIM holds the largest id, so the file's SIMs have no id left above it.
    let mut current = traveller();
    current.sims.truncate(1);
    current.renewals.retain(|renewal| renewal.sim == SimId(1));
    current.sims[0].id = SimId(u32::MAX);
    current.renewals[0].sim = SimId(u32::MAX);
    assert_eq!(store::validate(&current), []);
    let mut incoming = example();
    incoming.renewals.clear();

    let problems = store::preview_import(&current, &incoming, ImportMode::Merge).unwrap_err();

    assert!(
        problems
            .iter()
            .any(|problem| problem.item == Item::Sim(SimId(u32::MAX))
                && matches!(problem.problem, Problem::DuplicateId { .. })),
        "{problems:#?}"
    );
}

/// Every file in tests/fixtures/bad/ is refused on the way in: those that are not a state at
/// all by `store::load`, and those that parse but break a rule by `preview_import` too, with
/// every problem and in both modes. Nothing is changed either way.
#[test]
fn every_bad_fixture_is_refused_with_its_problems_and_changes_nothing() {
    let current = example();
    let before = current.clone();
    let mut refused = 0;
    let mut refused_by_preview = 0;
    for entry in fs::read_dir(common::fixture("bad")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "ron") {
            continue;
        }
        let name = path.display();
        let error = store::load(&path).expect_err(&name.to_string());
        assert!(!error.to_string().is_empty(), "{name}");
        refused += 1;

        // A file that parses as a state but breaks a rule could reach the preview when it is
        // built in memory instead (as the window's own edits are): it is refused all the same.
        let LoadError::Invalid(load_problems) = error else {
            continue;
        };
        let incoming: State = ron::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        for mode in [ImportMode::Merge, ImportMode::Replace] {
            let problems = store::preview_import(&current, &incoming, mode).unwrap_err();
            assert_eq!(problems, load_problems, "{name}, {mode:?}");
        }
        refused_by_preview += 1;
    }
    assert_eq!(current, before);
    assert_eq!(refused, 15);
    // dangling_plan, dangling_sim, duplicate_sim_id, negative_price, trip_ends_before_start,
    // unknown_country, unknown_currency and zero_validity.
    assert_eq!(refused_by_preview, 8);
}

/// The traveller with its ids replaced by the given ones (in file order), references
/// following.
fn renumbered(sims: &[u32], plans: &[u32], renewals: &[u32], trips: &[u32]) -> State {
    let mut state = traveller();
    let sim_id = |old: SimId| SimId(sims[old.0 as usize - 1]);
    let plan_id = |old: PlanId| PlanId(plans[old.0 as usize - 1]);
    for sim in &mut state.sims {
        sim.id = sim_id(sim.id);
    }
    for plan in &mut state.plans {
        plan.id = plan_id(plan.id);
    }
    for (renewal, &id) in state.renewals.iter_mut().zip(renewals) {
        renewal.id = RenewalId(id);
        renewal.sim = sim_id(renewal.sim);
        renewal.plan = plan_id(renewal.plan);
    }
    for (trip, &id) in state.trips.iter_mut().zip(trips) {
        trip.id = TripId(id);
    }
    state
}

/// `n` distinct ids in any order.
fn ids(n: usize) -> impl Strategy<Value = Vec<u32>> {
    prop::collection::btree_set(1..100_000_u32, n)
        .prop_map(|ids| ids.into_iter().collect::<Vec<_>>())
        .prop_shuffle()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the ids in the file, a merge keeps what the user has, gives a valid state with
    /// the references right, and importing the same file again adds nothing.
    #[test]
    fn merge_keeps_references_and_a_second_import_adds_nothing(
        (sims, plans, renewals, trips) in (ids(3), ids(5), ids(4), ids(2)),
        keep_renewals in prop::collection::vec(any::<bool>(), 4),
    ) {
        let mut incoming = renumbered(&sims, &plans, &renewals, &trips);
        let mut keep = keep_renewals.into_iter();
        incoming.renewals.retain(|_| keep.next().unwrap_or(true));
        let current = example();

        let first = merge(&current, &incoming);

        prop_assert_eq!(store::validate(&first.result), []);
        prop_assert_eq!(&first.result.sims[..current.sims.len()], &current.sims[..]);
        prop_assert_eq!(&first.result.renewals[..current.renewals.len()], &current.renewals[..]);
        assert_references_kept(&incoming, &first);
        let second = merge(&first.result, &incoming);
        prop_assert!(!second.changes_state, "{}", second.summary());
        prop_assert_eq!(
            second.skipped_duplicates,
            3 + 5 + incoming.renewals.len() + 2
        );
        prop_assert_eq!(second.result, first.result);
    }
}

// --- Merge that updates (issue 10: "Import that updates") -----------------------------------

/// The traveller exported, its eSIM's notes and the Riyadh trip's last day changed elsewhere.
fn edited_elsewhere() -> State {
    let mut edited = traveller();
    "top up before Zürich".clone_into(&mut edited.sims[2].notes);
    edited.trips[0].legs[0].to = common::d("2026-12-16");
    edited
}

#[test]
fn a_merge_that_updates_changes_matching_items_in_place_and_doubles_nothing() {
    let current = traveller();
    let incoming = edited_elsewhere();

    // A plain merge adds the edited eSIM and trip again beside the ones you have.
    let plain = merge(&current, &incoming);
    assert_eq!(plain.result.sims.len(), 4);
    assert_eq!(plain.result.trips.len(), 3);

    let preview = store::preview_import(&current, &incoming, ImportMode::MergeUpdating).unwrap();
    let result = &preview.result;
    assert_eq!(result.sims.len(), current.sims.len(), "no SIM added");
    assert_eq!(result.trips.len(), current.trips.len(), "no trip added");
    assert_eq!(
        result.renewals, current.renewals,
        "every renewal is an exact duplicate"
    );
    assert_eq!(result.sim(SimId(3)).unwrap().notes, "top up before Zürich");
    assert_eq!(
        result.trip(TripId(1)).unwrap().legs[0].to,
        common::d("2026-12-16")
    );
    assert_eq!(
        result.sims[0], current.sims[0],
        "the others are as they were"
    );
    assert!(preview.changes_state);
    let summary = preview.summary();
    assert!(
        summary.contains("updates 1 SIM (Travel eSIM: notes)"),
        "{summary}"
    );
    assert!(
        summary.contains("updates 1 trip (利雅得出差: legs)"),
        "{summary}"
    );
}

#[test]
fn a_sim_with_another_id_matches_by_name_and_number_only() {
    let current = traveller();
    let mut incoming = State::default();
    let mut card = current.sims[1].clone();
    card.id = SimId(40);
    "Mastercard ..9876".clone_into(&mut card.payment);
    incoming.sims.push(card.clone());
    let preview = store::preview_import(&current, &incoming, ImportMode::MergeUpdating).unwrap();
    assert_eq!(
        preview.result.sims.len(),
        3,
        "same name and number: updated"
    );
    assert_eq!(
        preview.result.sim(SimId(2)).unwrap().payment,
        "Mastercard ..9876"
    );

    card.number = Some("+973 3900 1111".to_owned());
    incoming.sims = vec![card];
    let preview = store::preview_import(&current, &incoming, ImportMode::MergeUpdating).unwrap();
    assert_eq!(
        preview.result.sims.len(),
        4,
        "another number: another card, added"
    );
}
