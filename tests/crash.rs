//! "Saving survives a crash" (issue 4; DESIGN.md: "A crash at any moment leaves either the old
//! or the new state, never a torn file"): `sim-planner import` is killed at random moments,
//! 200 times, and after every kill the state file loads and equals either the state before
//! or the state after that import. Temporary files left by a killed save are removed by the
//! next save. Also the atomic write that exports use, which is the same procedure.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{plan, renewal, sim, trip};
use sim_planner::model::{RenewalRule, RenewalStatus, State, Validity};
use sim_planner::store::{self, ImportMode};

const ROUNDS: usize = 200;
const TEMP_PREFIX: &str = ".state.ron.tmp-";

/// xorshift64: a small deterministic generator, so a failing run can be repeated.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A whole number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A state of `n` SIMs, `n` plans, `3n` renewals and `n / 5` trips: some tens of kilobytes, so
/// that loading, checking and writing it take a few milliseconds each.
fn generated_state(n: u32) -> State {
    let rules = [
        RenewalRule::Extend,
        RenewalRule::Restart,
        RenewalRule::LaterOf,
    ];
    let mut state = State::default();
    for id in 1..=n {
        let mut card = sim(id, "Batelco", rules[id as usize % 3], Some("2026-12-05"));
        card.notes = format!("card number {id}, kept in the blue wallet");
        state.sims.push(card);
        state
            .plans
            .push(plan(id, "", Validity::Days(1 + id % 30), "8.000", "BHD"));
    }
    for id in 1..=3 * n {
        let mut bought = renewal(
            id,
            1 + id % n,
            1 + (id * 7) % n,
            &format!("2026-12-{:02}", 1 + id % 28),
        );
        if id % 2 == 0 {
            bought.status = RenewalStatus::Paid;
        }
        state.renewals.push(bought);
    }
    for id in 1..=n / 5 {
        state
            .trips
            .push(trip(id, &[("SA", "2026-12-10", "2026-12-15")]));
    }
    assert_eq!(store::validate(&state), []);
    state
}

/// The temporary files a save leaves in `folder` when it is killed.
fn temp_files(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(TEMP_PREFIX))
        .collect()
}

fn spawn_import(state: &Path, other: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_sim-planner"))
        .args(["--state", state.to_str().unwrap(), "import", other])
        .env_remove("SIM_PLANNER_STATE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Polls until temporary files are `present` in `folder` (or not), or the child exits;
/// returns when that was first seen, or `None` if the child exited first.
fn wait_for_temp_files(child: &mut Child, folder: &Path, present: bool) -> Option<Instant> {
    loop {
        if temp_files(folder).is_empty() != present {
            return Some(Instant::now());
        }
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        sleep(Duration::from_micros(50));
    }
}

/// How long an import that is not killed takes, start to exit, and how long its temporary
/// files exist (the save): the medians of a few runs on this machine.
fn calibrate(state: &Path, before_bytes: &[u8], other: &str) -> (Duration, Duration) {
    let folder = state.parent().unwrap();
    let mut runs = Vec::new();
    let mut saves = Vec::new();
    for _ in 0..7 {
        fs::write(state, before_bytes).unwrap();
        let start = Instant::now();
        let mut child = spawn_import(state, other);
        if let Some(seen) = wait_for_temp_files(&mut child, folder, true) {
            let gone = wait_for_temp_files(&mut child, folder, false);
            saves.push(gone.unwrap_or_else(Instant::now) - seen);
        }
        assert!(child.wait().unwrap().success());
        runs.push(start.elapsed());
    }
    runs.sort();
    saves.sort();
    let median = |times: &[Duration]| times.get(times.len() / 2).copied().unwrap_or_default();
    (median(&runs), median(&saves))
}

#[test]
fn saving_survives_a_crash_at_any_moment() {
    let started = Instant::now();
    let folder = tempfile::tempdir().unwrap();
    let state_path = folder.path().join("state.ron");
    let other = common::fixture("traveller-en.ron");
    let before = generated_state(60);
    let incoming = store::load(Path::new(&other)).unwrap();
    let after = store::preview_import(&before, &incoming, ImportMode::Merge)
        .unwrap()
        .result;
    assert_ne!(after, before, "the import must change the state");
    store::save(&state_path, &before).unwrap();
    let before_bytes = fs::read(&state_path).unwrap();

    let (run, save) = calibrate(&state_path, &before_bytes, &other);
    fs::write(&state_path, &before_bytes).unwrap();
    let run_us = run.as_micros() as u64;
    let save_us = save.as_micros().max(1) as u64;

    let mut rng = XorShift(0x5EED_CAFE_F00D_1234);
    let (mut killed, mut left_temp, mut became_after, mut cleanups) = (0, 0, 0, 0);
    let mut temps_pending = false;
    for round in 0..ROUNDS {
        let earlier_temps = temp_files(folder.path());
        let mut child = spawn_import(&state_path, &other);
        if round % 2 == 0 {
            // Anywhere in the run, and a third of the time after it has finished.
            sleep(Duration::from_micros(rng.below(run_us + run_us / 2)));
        } else if wait_for_temp_files(&mut child, folder.path(), true).is_some() {
            // While it saves: between writing the temporary file and renaming it (or just
            // after, as the sleep overshoots).
            sleep(Duration::from_micros(rng.below(save_us)));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();

        let loaded = store::load(&state_path)
            .unwrap_or_else(|error| panic!("round {round}: the state does not load: {error}"));
        let is_after = loaded == after;
        assert!(
            is_after || loaded == before,
            "round {round}: the state is neither the one before the import nor the one after"
        );
        let temps = temp_files(folder.path());
        if status.success() {
            assert!(
                is_after,
                "round {round}: a finished import saved its result"
            );
            assert_eq!(
                temps,
                Vec::<String>::new(),
                "round {round}: a finished save leaves no temporary file, and removes those a \
                 killed one left"
            );
            if temps_pending {
                cleanups += 1;
            }
        } else {
            killed += 1;
        }
        if temps.iter().any(|name| !earlier_temps.contains(name)) {
            left_temp += 1;
        }
        temps_pending = !temps.is_empty();
        if is_after {
            became_after += 1;
            fs::write(&state_path, &before_bytes).unwrap();
        }
    }

    // One more import, not killed, removes whatever the last rounds left.
    let status = spawn_import(&state_path, &other).wait().unwrap();
    assert!(status.success());
    assert_eq!(store::load(&state_path).unwrap(), after);
    assert_eq!(temp_files(folder.path()), Vec::<String>::new());
    if temps_pending {
        cleanups += 1;
    }

    eprintln!(
        "{ROUNDS} rounds in {:.1} s (a run takes {} ms, its save {} µs): {killed} killed mid-run \
         ({}%), {left_temp} of them mid-save leaving new temporary files, {became_after} ended \
         with the state after the import, {cleanups} later saves removed leftover temporary \
         files",
        started.elapsed().as_secs_f64(),
        run.as_millis(),
        save.as_micros(),
        killed * 100 / ROUNDS,
    );
    assert!(killed >= ROUNDS / 4, "only {killed} kills landed mid-run");
    // The per-round checks above only mean something if both kinds of round happened; the
    // counts vary with the machine's load, so the bounds are loose.
    assert!(left_temp >= 5, "only {left_temp} kills landed mid-save");
    assert!(cleanups >= 1);
    assert!(
        became_after >= 5,
        "only {became_after} imports got as far as the rename"
    );
}

/// A save killed after keeping the backup (a hard link) but before replacing the file leaves
/// `state.ron` and `state.ron.bak` as two names of one file; the next save must still leave
/// no temporary file (a rename between two links to one file does nothing).
#[test]
fn a_save_after_one_killed_between_backup_and_rename_leaves_no_temp_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    let backup = folder.path().join("state.ron.bak");
    let old = generated_state(5);
    let new = generated_state(10);
    store::save(&path, &old).unwrap();
    fs::hard_link(&path, &backup).unwrap();
    fs::write(
        folder.path().join(".state.ron.tmp-killed"),
        "(version: 1, si",
    )
    .unwrap();

    let lock = store::StateLock::try_acquire(&path).unwrap();
    store::save_locked(&lock, &new).unwrap();

    assert_eq!(store::load(&path).unwrap(), new);
    assert_eq!(store::load(&backup).unwrap(), old);
    assert_eq!(temp_files(folder.path()), Vec::<String>::new());
}

#[test]
fn write_file_atomic_replaces_the_file_and_removes_only_old_temporary_files() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("out/renewals.ics");
    store::write_file_atomic(&path, b"first").unwrap();
    // No lock guards an export, so only an old temporary file is taken for a killed
    // export's; a fresh one may be another export being written right now.
    let killed = folder.path().join("out/.renewals.ics.tmp-killed");
    fs::write(&killed, "fir").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_hours(2);
    fs::File::options()
        .write(true)
        .open(&killed)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let in_progress = folder.path().join("out/.renewals.ics.tmp-writing");
    fs::write(&in_progress, "sec").unwrap();

    store::write_file_atomic(&path, "second, 巴林".as_bytes()).unwrap();

    assert_eq!(fs::read_to_string(&path).unwrap(), "second, 巴林");
    let mut names: Vec<_> = fs::read_dir(folder.path().join("out"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, [".renewals.ics.tmp-writing", "renewals.ics"]);
}

/// An export is an ordinary file the user may share: it gets the permissions any program's
/// new file gets (the umask decides), unlike the state file, which only its owner may read.
#[cfg(unix)]
#[test]
fn exports_get_ordinary_permissions_and_the_state_file_stays_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().unwrap();
    let mode = |name: &str| {
        fs::metadata(folder.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    fs::write(folder.path().join("plain.txt"), "x").unwrap();
    store::write_file_atomic(&folder.path().join("export.csv"), b"x").unwrap();
    store::save(&folder.path().join("state.ron"), &generated_state(1)).unwrap();

    assert_eq!(mode("export.csv"), mode("plain.txt"));
    assert_eq!(mode("state.ron"), 0o600);
}

/// A state file of one SIM, and an import file of one SIM named `name`.
fn one_sim_state(name: &str) -> State {
    let mut card = sim(1, "Batelco", RenewalRule::Extend, Some("2026-12-05"));
    name.clone_into(&mut card.name);
    State {
        sims: vec![card],
        ..State::default()
    }
}

/// Issue 11, lost updates: two `sim-planner import` runs on one state file at once both
/// printed "saved" and exited 0, but only one import was in the file. Now each takes the
/// state's lock for its whole read-modify-write, 200 rounds: afterwards the SIM of every
/// import that succeeded is in the file, and one that did not said so plainly (exit 1,
/// "Nothing was imported") and changed nothing.
#[test]
fn two_imports_at_once_both_land_or_one_says_it_did_not_import() {
    const CONCURRENT_ROUNDS: usize = 200;
    let started = Instant::now();
    let folder = tempfile::tempdir().unwrap();
    let state_path = folder.path().join("state.ron");
    let imports = ["Import A", "Import B"].map(|name| {
        let path = folder.path().join(format!("{name}.ron"));
        store::save(&path, &one_sim_state(name)).unwrap();
        (name, path)
    });
    store::save(&state_path, &one_sim_state("Home")).unwrap();
    let before_bytes = fs::read(&state_path).unwrap();

    let (mut both, mut one_refused, mut lost) = (0, 0, 0);
    for round in 0..CONCURRENT_ROUNDS {
        fs::write(&state_path, &before_bytes).unwrap();
        let children: Vec<Child> = imports
            .iter()
            .map(|(_, file)| {
                Command::new(env!("CARGO_BIN_EXE_sim-planner"))
                    .arg("--state")
                    .arg(&state_path)
                    .arg("import")
                    .arg(file)
                    .env_remove("SIM_PLANNER_STATE")
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<_> = children
            .into_iter()
            .map(|child| child.wait_with_output().unwrap())
            .collect();
        let after = store::load(&state_path)
            .unwrap_or_else(|error| panic!("round {round}: the state does not load: {error}"));
        let has = |name: &str| after.sims.iter().any(|sim| sim.name == name);
        assert!(has("Home"), "round {round}");
        let mut landed = 0;
        for ((name, _), output) in imports.iter().zip(&outputs) {
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.status.success() {
                assert!(stdout.contains("saved"), "round {round}: {stdout}");
                if has(name) {
                    landed += 1;
                } else {
                    lost += 1;
                }
            } else {
                assert_eq!(output.status.code(), Some(1), "round {round}: {stderr}");
                assert!(
                    stderr.contains("Nothing was imported"),
                    "round {round}: {stderr}"
                );
                assert!(
                    !has(name),
                    "round {round}: {name} failed yet is in the file"
                );
                one_refused += 1;
            }
        }
        if landed == 2 {
            both += 1;
        }
        assert_eq!(
            after.sims.len(),
            1 + landed,
            "round {round}: {:?}",
            after.sims
        );
    }
    eprintln!(
        "{CONCURRENT_ROUNDS} rounds of two concurrent imports in {:.1} s: both landed in \
         {both}, {one_refused} imports refused plainly, {lost} updates lost",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(lost, 0, "updates lost");
    assert!(
        temp_files(folder.path()).is_empty(),
        "{:?}",
        temp_files(folder.path())
    );
}
