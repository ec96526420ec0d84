//! Importing a state file into the current state ("Imports are checked before anything
//! changes … show what they will change" in DESIGN.md).
//!
//! Pure: the caller loads the file (with [`super::load`]) and saves or applies the result; this
//! only works out what the import would give, so the window can show it before anything
//! changes and the CLI can print it.

use std::collections::BTreeMap;

use rust_i18n::t;

use super::{ValidationError, validate};
use crate::model::{
    Plan, PlanId, Renewal, RenewalId, SCHEMA_VERSION, Sim, SimId, State, Trip, TripId,
};

/// How an import combines the file with the current state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImportMode {
    /// Add the file's items to the current ones: ids renumbered above the current ones, exact
    /// duplicates skipped, references kept right, the current settings kept.
    #[default]
    Merge,
    /// As [`Self::Merge`], but a SIM, plan or trip of the file that matches one you have (the
    /// same id and name, or for SIMs the same name and number, for plans the same name and
    /// carrier, for trips the same name) updates it in place instead of being added: an
    /// export edited elsewhere comes back without doubling anything.
    MergeUpdating,
    /// Put the file's state, settings included, in place of the current one.
    Replace,
}

/// What an import would do, worked out before anything changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    pub mode: ImportMode,
    /// The state after the import; valid (checked with [`validate`]).
    pub result: State,
    /// Items of the file that the result gains (for [`ImportMode::Replace`]: all of them).
    pub added_sims: usize,
    pub added_plans: usize,
    pub added_renewals: usize,
    pub added_trips: usize,
    /// Current items the result no longer has: zero for [`ImportMode::Merge`], everything for
    /// [`ImportMode::Replace`].
    pub removed_sims: usize,
    pub removed_plans: usize,
    pub removed_renewals: usize,
    pub removed_trips: usize,
    /// Items of the file equal to a current one in every field but the id (for renewals: after
    /// their SIM and plan are mapped), so not added again. Merge only.
    pub skipped_duplicates: usize,
    /// Names of added SIMs that a current SIM already has (compared without case or surrounding
    /// space): probably the same card, entered twice with a small difference. Merge only.
    pub same_name_sims: Vec<String>,
    /// The same for plans.
    pub same_name_plans: Vec<String>,
    /// [`ImportMode::MergeUpdating`]: the current items the file updates in place, each with
    /// the names of the fields that change (`巴林流量卡: notes, payment`).
    pub updated: Vec<Updated>,
    /// Merge: the file's settings differ from the current ones, which are kept. Replace: the
    /// file's settings replace different current ones.
    pub settings_differ: bool,
    /// Where each of the file's items ended up: its id in the file to its id in
    /// [`Self::result`]. A skipped duplicate maps to the current item it duplicates.
    pub sim_ids: BTreeMap<SimId, SimId>,
    pub plan_ids: BTreeMap<PlanId, PlanId>,
    pub renewal_ids: BTreeMap<RenewalId, RenewalId>,
    pub trip_ids: BTreeMap<TripId, TripId>,
    /// Whether [`Self::result`] differs from the current state at all.
    pub changes_state: bool,
}

/// An item an import updates in place, and what changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Updated {
    pub kind: UpdatedKind,
    /// The item's name, as you have it.
    pub name: String,
    /// The fields that change, in the file's words (`notes`, `valid_until`).
    pub fields: Vec<&'static str>,
}

/// What kind of item [`Updated`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdatedKind {
    Sim,
    Plan,
    Trip,
}

/// Works out what importing `incoming` into `current` gives, without changing either.
///
/// `incoming` is checked first with [`validate`]; if it has problems they are all returned and
/// nothing else is done. [`ImportMode::Replace`] gives `incoming` as it is.
/// [`ImportMode::Merge`] gives `current` plus the items of `incoming`, renumbered above the
/// highest ids in use, in file order:
/// - a SIM or plan equal to a current one in every field but the id is an exact duplicate: it
///   is skipped, and renewals that refer to it refer to the current one instead;
/// - a renewal or trip equal to a current one after that mapping is skipped too;
/// - every renewal's `sim` and `plan` point at the renumbered (or duplicated) items;
/// - the current settings and schema version are kept.
///
/// The result is checked again with [`validate`] (it can only fail if `current` itself is
/// invalid or ids run out), and its problems are returned if it is not valid.
pub fn preview_import(
    current: &State,
    incoming: &State,
    mode: ImportMode,
) -> Result<ImportPreview, Vec<ValidationError>> {
    let problems = validate(incoming);
    if !problems.is_empty() {
        return Err(problems);
    }
    let preview = match mode {
        ImportMode::Merge => merge(current, incoming, false),
        ImportMode::MergeUpdating => merge(current, incoming, true),
        ImportMode::Replace => replace(current, incoming),
    };
    let problems = validate(&preview.result);
    if problems.is_empty() {
        Ok(preview)
    } else {
        Err(problems)
    }
}

fn replace(current: &State, incoming: &State) -> ImportPreview {
    // A loaded file has been migrated to this schema, whatever version it said.
    let result = State {
        version: SCHEMA_VERSION,
        ..incoming.clone()
    };
    ImportPreview {
        mode: ImportMode::Replace,
        changes_state: result != *current,
        result,
        added_sims: incoming.sims.len(),
        added_plans: incoming.plans.len(),
        added_renewals: incoming.renewals.len(),
        added_trips: incoming.trips.len(),
        removed_sims: current.sims.len(),
        removed_plans: current.plans.len(),
        removed_renewals: current.renewals.len(),
        removed_trips: current.trips.len(),
        skipped_duplicates: 0,
        same_name_sims: Vec::new(),
        same_name_plans: Vec::new(),
        updated: Vec::new(),
        settings_differ: incoming.settings != current.settings,
        sim_ids: identity(incoming.sims.iter().map(|sim| sim.id)),
        plan_ids: identity(incoming.plans.iter().map(|plan| plan.id)),
        renewal_ids: identity(incoming.renewals.iter().map(|renewal| renewal.id)),
        trip_ids: identity(incoming.trips.iter().map(|trip| trip.id)),
    }
}

/// Each id mapped to itself.
fn identity<I: Ord + Copy>(ids: impl Iterator<Item = I>) -> BTreeMap<I, I> {
    ids.map(|id| (id, id)).collect()
}

fn merge(current: &State, incoming: &State, updating: bool) -> ImportPreview {
    let mut result = current.clone();
    let mut skipped_duplicates = 0;
    let mut updated = Vec::new();

    let mut sim_ids = BTreeMap::new();
    let mut same_name_sims = Vec::new();
    let mut next_sim = current.next_sim_id().0;
    for sim in &incoming.sims {
        if let Some(have) = duplicate_of(sim, &current.sims, |probe, have| probe.id = have.id) {
            sim_ids.insert(sim.id, have.id);
            skipped_duplicates += 1;
            continue;
        }
        if let Some(have) = current
            .sims
            .iter()
            .find(|have| updating && sim_matches(have, sim))
        {
            sim_ids.insert(sim.id, have.id);
            update_in_place(
                &mut result.sims,
                Sim {
                    id: have.id,
                    ..sim.clone()
                },
                |s| s.id,
            );
            updated.push(Updated {
                kind: UpdatedKind::Sim,
                name: have.name.clone(),
                fields: sim_changes(have, sim),
            });
            continue;
        }
        if current
            .sims
            .iter()
            .any(|have| same_name(&have.name, &sim.name))
        {
            same_name_sims.push(sim.name.clone());
        }
        let id = SimId(next_sim);
        next_sim = next_sim.saturating_add(1);
        sim_ids.insert(sim.id, id);
        result.sims.push(Sim { id, ..sim.clone() });
    }

    let mut plan_ids = BTreeMap::new();
    let mut same_name_plans = Vec::new();
    let mut next_plan = current.next_plan_id().0;
    for plan in &incoming.plans {
        if let Some(have) = duplicate_of(plan, &current.plans, |probe, have| probe.id = have.id) {
            plan_ids.insert(plan.id, have.id);
            skipped_duplicates += 1;
            continue;
        }
        if let Some(have) = current
            .plans
            .iter()
            .find(|have| updating && plan_matches(have, plan))
        {
            plan_ids.insert(plan.id, have.id);
            update_in_place(
                &mut result.plans,
                Plan {
                    id: have.id,
                    ..plan.clone()
                },
                |p| p.id,
            );
            updated.push(Updated {
                kind: UpdatedKind::Plan,
                name: have.name.clone(),
                fields: plan_changes(have, plan),
            });
            continue;
        }
        if current
            .plans
            .iter()
            .any(|have| same_name(&have.name, &plan.name))
        {
            same_name_plans.push(plan.name.clone());
        }
        let id = PlanId(next_plan);
        next_plan = next_plan.saturating_add(1);
        plan_ids.insert(plan.id, id);
        result.plans.push(Plan { id, ..plan.clone() });
    }

    let mut renewal_ids = BTreeMap::new();
    let mut next_renewal = current.next_renewal_id().0;
    for renewal in &incoming.renewals {
        // `incoming` is valid, so both exist; the fallback keeps the id, and the check of the
        // result would catch a wrong one.
        let mapped = Renewal {
            sim: sim_ids.get(&renewal.sim).copied().unwrap_or(renewal.sim),
            plan: plan_ids.get(&renewal.plan).copied().unwrap_or(renewal.plan),
            ..renewal.clone()
        };
        let duplicate = duplicate_of(&mapped, &current.renewals, |probe, have| {
            probe.id = have.id;
        });
        if let Some(have) = duplicate {
            renewal_ids.insert(renewal.id, have.id);
            skipped_duplicates += 1;
            continue;
        }
        let id = RenewalId(next_renewal);
        next_renewal = next_renewal.saturating_add(1);
        renewal_ids.insert(renewal.id, id);
        result.renewals.push(Renewal { id, ..mapped });
    }

    let mut trip_ids = BTreeMap::new();
    let mut next_trip = current.next_trip_id().0;
    for trip in &incoming.trips {
        if let Some(have) = duplicate_of(trip, &current.trips, |probe, have| probe.id = have.id) {
            trip_ids.insert(trip.id, have.id);
            skipped_duplicates += 1;
            continue;
        }
        if let Some(have) = current
            .trips
            .iter()
            .find(|have| updating && trip_matches(have, trip))
        {
            trip_ids.insert(trip.id, have.id);
            update_in_place(
                &mut result.trips,
                Trip {
                    id: have.id,
                    ..trip.clone()
                },
                |t| t.id,
            );
            updated.push(Updated {
                kind: UpdatedKind::Trip,
                name: have.name.clone(),
                fields: trip_changes(have, trip),
            });
            continue;
        }
        let id = TripId(next_trip);
        next_trip = next_trip.saturating_add(1);
        trip_ids.insert(trip.id, id);
        result.trips.push(Trip { id, ..trip.clone() });
    }

    let added = |after: usize, before: usize| after - before;
    let added_sims = added(result.sims.len(), current.sims.len());
    let added_plans = added(result.plans.len(), current.plans.len());
    let added_renewals = added(result.renewals.len(), current.renewals.len());
    let added_trips = added(result.trips.len(), current.trips.len());
    ImportPreview {
        mode: if updating {
            ImportMode::MergeUpdating
        } else {
            ImportMode::Merge
        },
        changes_state: result != *current,
        result,
        added_sims,
        added_plans,
        added_renewals,
        added_trips,
        removed_sims: 0,
        removed_plans: 0,
        removed_renewals: 0,
        removed_trips: 0,
        skipped_duplicates,
        same_name_sims,
        same_name_plans,
        updated,
        settings_differ: incoming.settings != current.settings,
        sim_ids,
        plan_ids,
        renewal_ids,
        trip_ids,
    }
}

/// The first of `existing` equal to `item` in every field but the id, which `copy_id` copies
/// from an existing item onto a probe. One clone of `item`, however many items there are.
fn duplicate_of<'a, T: Clone + PartialEq>(
    item: &T,
    existing: &'a [T],
    copy_id: fn(&mut T, &T),
) -> Option<&'a T> {
    let mut probe = item.clone();
    existing.iter().find(|have| {
        copy_id(&mut probe, have);
        probe == **have
    })
}

/// Replaces the item of `items` with `new`'s id by `new`, keeping its place.
fn update_in_place<T, I: PartialEq>(items: &mut [T], new: T, id: impl Fn(&T) -> I) {
    let wanted = id(&new);
    if let Some(slot) = items.iter_mut().find(|item| id(item) == wanted) {
        *slot = new;
    }
}

/// "Matches one you have": the same id and name, or the same name and number.
fn sim_matches(have: &Sim, sim: &Sim) -> bool {
    let numbered = |s: &Sim| {
        s.number
            .as_deref()
            .map(|n| n.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|n| !n.is_empty())
    };
    same_name(&have.name, &sim.name)
        && (have.id == sim.id || (numbered(have).is_some() && numbered(have) == numbered(sim)))
}

/// The same id and name, or the same name and carrier.
fn plan_matches(have: &Plan, plan: &Plan) -> bool {
    same_name(&have.name, &plan.name)
        && (have.id == plan.id || same_name(&have.carrier, &plan.carrier))
}

/// The same name (a trip has no number or carrier to tell two apart).
fn trip_matches(have: &Trip, trip: &Trip) -> bool {
    same_name(&have.name, &trip.name)
}

/// The names of the fields of `changes` whose two sides differ.
fn changed(changes: &[(&'static str, bool)]) -> Vec<&'static str> {
    changes
        .iter()
        .filter(|(_, differ)| *differ)
        .map(|(name, _)| *name)
        .collect()
}

fn sim_changes(a: &Sim, b: &Sim) -> Vec<&'static str> {
    changed(&[
        ("name", a.name != b.name),
        ("carrier", a.carrier != b.carrier),
        ("number", a.number != b.number),
        ("kind", a.kind != b.kind),
        ("color", a.color != b.color),
        ("coverage", a.coverage != b.coverage),
        ("rule", a.rule != b.rule),
        ("valid_until", a.valid_until != b.valid_until),
        ("lead_days", a.lead_days != b.lead_days),
        ("daily_use_mb", a.daily_use_mb != b.daily_use_mb),
        ("keep_alive_days", a.keep_alive_days != b.keep_alive_days),
        ("renew_url", a.renew_url != b.renew_url),
        ("payment", a.payment != b.payment),
        ("notes", a.notes != b.notes),
    ])
}

fn plan_changes(a: &Plan, b: &Plan) -> Vec<&'static str> {
    changed(&[
        ("name", a.name != b.name),
        ("carrier", a.carrier != b.carrier),
        ("validity", a.validity != b.validity),
        ("price", a.price != b.price),
        ("data", a.data != b.data),
        ("coverage", a.coverage != b.coverage),
    ])
}

fn trip_changes(a: &Trip, b: &Trip) -> Vec<&'static str> {
    changed(&[("name", a.name != b.name), ("legs", a.legs != b.legs)])
}

/// Names that a user would take for the same: equal without case or surrounding space.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl ImportPreview {
    /// What the import does, in one line in the state's language, e.g. `adds 2 SIMs, 3 plans, 5 renewals,
    /// 1 trip; skips 4 exact duplicates; 1 SIM has the same name as one you have: 巴林流量卡`.
    pub fn summary(&self) -> String {
        match self.mode {
            ImportMode::Merge | ImportMode::MergeUpdating => self.merge_summary(),
            ImportMode::Replace => self.replace_summary(),
        }
    }

    fn merge_summary(&self) -> String {
        let added = counts(
            self.added_sims,
            self.added_plans,
            self.added_renewals,
            self.added_trips,
        );
        let mut parts = Vec::new();
        for (kind, noun) in [
            (UpdatedKind::Sim, Noun::Sims),
            (UpdatedKind::Plan, Noun::Plans),
            (UpdatedKind::Trip, Noun::Trips),
        ] {
            let items: Vec<String> = self
                .updated
                .iter()
                .filter(|item| item.kind == kind)
                .map(|item| {
                    if item.fields.is_empty() {
                        t!("import.item_nothing", name = item.name.as_str()).into_owned()
                    } else {
                        let fields: Vec<String> = item
                            .fields
                            .iter()
                            .map(|field| {
                                let key = format!("import.field.{field}");
                                t!(&key).into_owned()
                            })
                            .collect();
                        t!(
                            "import.item_fields",
                            name = item.name.as_str(),
                            fields = fields.join(&t!("import.list_separator"))
                        )
                        .into_owned()
                    }
                })
                .collect();
            if !items.is_empty() {
                parts.push(
                    t!(
                        "import.updates",
                        what = noun.count(items.len()),
                        items = items.join(&t!("import.part_separator"))
                    )
                    .into_owned(),
                );
            }
        }
        if !added.is_empty() || parts.is_empty() {
            parts.push(if added.is_empty() {
                t!("import.adds_nothing").into_owned()
            } else {
                t!("import.adds", what = added).into_owned()
            });
        }
        if self.skipped_duplicates > 0 {
            parts.push(
                t!(
                    "import.skips",
                    what = Noun::Duplicates.count(self.skipped_duplicates)
                )
                .into_owned(),
            );
        }
        if let Some(names) = same_names(&self.same_name_sims, Noun::Sims) {
            parts.push(names);
        }
        if let Some(names) = same_names(&self.same_name_plans, Noun::Plans) {
            parts.push(names);
        }
        if self.settings_differ {
            parts.push(t!("import.keeps_settings").into_owned());
        }
        parts.join(&t!("import.part_separator"))
    }

    fn replace_summary(&self) -> String {
        if !self.changes_state {
            return t!("import.replace_nothing").into_owned();
        }
        let removed = counts(
            self.removed_sims,
            self.removed_plans,
            self.removed_renewals,
            self.removed_trips,
        );
        let added = counts(
            self.added_sims,
            self.added_plans,
            self.added_renewals,
            self.added_trips,
        );
        let what_you_have = if removed.is_empty() {
            t!("import.everything_none")
        } else {
            t!("import.everything", what = removed)
        };
        let with = if added.is_empty() {
            t!("import.empty_state")
        } else {
            t!("import.the_files", what = added)
        };
        let key = if self.settings_differ {
            "import.replaces_with_settings"
        } else {
            "import.replaces"
        };
        t!(key, what = what_you_have, with = with).into_owned()
    }
}

/// What the summary counts, in the state's language.
#[derive(Clone, Copy)]
enum Noun {
    Sims,
    Plans,
    Renewals,
    Trips,
    Duplicates,
}

impl Noun {
    /// `1 SIM`, `2 SIMs`.
    fn count(self, n: usize) -> String {
        let key = match (self, n == 1) {
            (Self::Sims, true) => "import.sims_one",
            (Self::Sims, false) => "import.sims",
            (Self::Plans, true) => "import.plans_one",
            (Self::Plans, false) => "import.plans",
            (Self::Renewals, true) => "import.renewals_one",
            (Self::Renewals, false) => "import.renewals",
            (Self::Trips, true) => "import.trips_one",
            (Self::Trips, false) => "import.trips",
            (Self::Duplicates, true) => "import.duplicates_one",
            (Self::Duplicates, false) => "import.duplicates",
        };
        t!(key, count = n).into_owned()
    }
}

/// `2 SIMs, 3 plans, 1 trip`: the counts that are not zero; empty when all are.
fn counts(sims: usize, plans: usize, renewals: usize, trips: usize) -> String {
    [
        (sims, Noun::Sims),
        (plans, Noun::Plans),
        (renewals, Noun::Renewals),
        (trips, Noun::Trips),
    ]
    .into_iter()
    .filter(|&(n, _)| n > 0)
    .map(|(n, noun)| noun.count(n))
    .collect::<Vec<_>>()
    .join(&t!("import.list_separator"))
}

/// `1 SIM has the same name as one you have: 巴林流量卡`, or `None` for no names.
fn same_names(names: &[String], noun: Noun) -> Option<String> {
    let list = names.join(&t!("import.list_separator"));
    let key = match names.len() {
        0 => return None,
        1 => "import.same_name_one",
        _ => "import.same_names",
    };
    Some(t!(key, what = noun.count(names.len()), names = list).into_owned())
}
