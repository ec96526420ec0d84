//! One writer at a time, and changes from outside never overwritten (issue 11; DESIGN.md: "One
//! writer at a time: a lock file beside the state … A change made to the file from outside (a
//! sync tool, an editor) is never overwritten silently").
//!
//! The store's side of it: the lock the window and `import` take, the stamps that tell a
//! change from outside, and the conflict copy that "keep mine" leaves of theirs.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use sim_planner::model::State;
use sim_planner::store::{self, FileStamp, LockError, SaveError, StateLock};

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mine() -> State {
    let mut state = common::traveller();
    "Home number (mine)".clone_into(&mut state.sims[0].name);
    state
}

#[test]
fn a_second_writer_is_refused_and_told_the_holders_process_id() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    let lock = StateLock::try_acquire(&path).unwrap();
    assert_eq!(lock.lock_path(), folder.path().join("state.ron.lock"));

    let error = StateLock::try_acquire(&path).unwrap_err();
    let pid = std::process::id();
    assert!(
        matches!(&error, LockError::Held { holder: Some(holder), .. } if *holder == pid),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains(&format!("process {pid}")), "{message}");
    assert!(
        message.contains("in use by another SIM Planner"),
        "{message}"
    );

    drop(lock);
    let again = StateLock::try_acquire(&path).unwrap();
    drop(again);
    assert_eq!(
        fs::read_to_string(folder.path().join("state.ron.lock")).unwrap(),
        "",
        "a lock let go leaves no process id behind"
    );
}

#[test]
fn one_file_reached_through_a_symlink_has_one_lock() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    store::save(&path, &common::traveller()).unwrap();
    let link = folder.path().join("link.ron");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&path, &link).unwrap();
    #[cfg(not(unix))]
    return;

    let _lock = StateLock::try_acquire(&path).unwrap();
    assert!(matches!(
        StateLock::try_acquire(&link),
        Err(LockError::Held { .. })
    ));
}

#[test]
fn waiting_for_the_lock_takes_it_when_the_holder_lets_go() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    let lock = StateLock::try_acquire(&path).unwrap();
    let holder = std::thread::Builder::new()
        .name("lock holder".to_owned())
        .spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(lock);
        })
        .unwrap();

    let started = Instant::now();
    let taken = StateLock::acquire_within(&path, Duration::from_secs(10));
    assert!(taken.is_ok(), "{taken:?}");
    assert!(started.elapsed() >= Duration::from_millis(250));
    holder.join().unwrap();
}

#[test]
fn waiting_for_the_lock_gives_up_in_time_naming_the_holder() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    let _lock = StateLock::try_acquire(&path).unwrap();

    let started = Instant::now();
    let error = StateLock::acquire_within(&path, Duration::from_millis(200)).unwrap_err();
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(200) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    assert!(
        matches!(error, LockError::Held { holder: Some(pid), .. } if pid == std::process::id())
    );
}

#[test]
fn a_save_under_the_lock_returns_the_stamp_of_what_it_wrote() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    let lock = StateLock::try_acquire(&path).unwrap();

    let saved = store::save_locked(&lock, &common::traveller()).unwrap();
    let read = FileStamp::read(&path).unwrap().unwrap();
    assert_eq!(saved, read);
    assert!(saved.looks_unchanged(&path));
    let (state, loaded) = store::load_with_stamp(&path).unwrap();
    assert_eq!(state, common::traveller());
    assert_eq!(loaded, saved);
    assert_eq!(
        FileStamp::read(&folder.path().join("none.ron")).unwrap(),
        None
    );
}

/// A sync tool replaces the file while the window has it open: the next save must not
/// overwrite theirs. "Keep mine" then keeps theirs as a conflict copy and saves mine.
#[test]
fn a_change_from_outside_is_never_overwritten_and_keep_mine_keeps_theirs_beside_it() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    store::save(&path, &common::traveller()).unwrap();
    let lock = StateLock::try_acquire(&path).unwrap();
    let (_, loaded) = store::load_with_stamp(&path).unwrap();

    // Theirs: written the way a sync tool does, a new file renamed into place.
    let mut theirs_state = common::traveller();
    theirs_state.trips.clear();
    let theirs = store::to_ron_string(&theirs_state).unwrap();
    fs::write(folder.path().join("incoming"), &theirs).unwrap();
    fs::rename(folder.path().join("incoming"), &path).unwrap();
    assert!(!loaded.looks_unchanged(&path));

    let error = store::save_if_unchanged(&lock, &mine(), Some(&loaded)).unwrap_err();
    let SaveError::ChangedOutside {
        theirs: Some(theirs_stamp),
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert!(error.to_string().contains("was not overwritten"), "{error}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "theirs untouched"
    );

    let (copy, copied) = store::keep_conflict_copy(&lock).unwrap().unwrap();
    assert!(copied.same_content(theirs_stamp));
    let copy_name = copy.file_name().unwrap().to_string_lossy().into_owned();
    assert!(copy_name.starts_with("state.ron.conflict-"), "{copy_name}");
    assert_eq!(store::load(&copy).unwrap(), theirs_state);

    store::save_if_unchanged(&lock, &mine(), Some(&copied)).unwrap();
    assert_eq!(store::load(&path).unwrap(), mine());
    assert_eq!(
        names_in(folder.path()),
        [
            "state.ron",
            "state.ron.bak",
            copy_name.as_str(),
            "state.ron.lock"
        ]
    );
    // A second conflict copy in the same second gets a name of its own.
    let (second, _) = store::keep_conflict_copy(&lock).unwrap().unwrap();
    assert_ne!(second, copy);
}

#[test]
fn the_same_bytes_written_again_from_outside_are_no_conflict() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    store::save(&path, &common::traveller()).unwrap();
    let lock = StateLock::try_acquire(&path).unwrap();
    let (_, loaded) = store::load_with_stamp(&path).unwrap();
    let bytes = fs::read(&path).unwrap();
    fs::remove_file(&path).unwrap();
    fs::write(&path, &bytes).unwrap();

    store::save_if_unchanged(&lock, &mine(), Some(&loaded)).unwrap();
    assert_eq!(store::load(&path).unwrap(), mine());
}

#[test]
fn a_file_that_appeared_or_vanished_since_loading_is_a_change_from_outside() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.ron");
    let lock = StateLock::try_acquire(&path).unwrap();

    // Loaded nothing (the first run), but a file is there now.
    fs::write(&path, store::to_ron_string(&common::traveller()).unwrap()).unwrap();
    let error = store::save_if_unchanged(&lock, &mine(), None).unwrap_err();
    assert!(matches!(
        error,
        SaveError::ChangedOutside {
            theirs: Some(_),
            ..
        }
    ));

    // Loaded a file, but it was removed since.
    let stamp = FileStamp::read(&path).unwrap().unwrap();
    fs::remove_file(&path).unwrap();
    let error = store::save_if_unchanged(&lock, &mine(), Some(&stamp)).unwrap_err();
    assert!(matches!(
        error,
        SaveError::ChangedOutside { theirs: None, .. }
    ));
    assert!(!path.exists());
    assert_eq!(store::keep_conflict_copy(&lock).unwrap(), None);

    // With nothing expected and nothing there, it saves.
    store::save_if_unchanged(&lock, &mine(), None).unwrap();
    assert_eq!(store::load(&path).unwrap(), mine());
}
