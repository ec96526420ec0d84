//! The open state file's guard ("one writer at a time" and "a change made to the file from
//! outside is never overwritten silently"): the lock the window holds while the file is open,
//! the stamp of the file as the window last knew it, a writer that saves only over that, and a
//! named thread that watches the file for changes made from outside (a sync tool, an editor).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::writer::{OutsideChange, StateWriter};
use crate::model::State;
use crate::store::{self, FileStamp, SaveError, StateLock};

/// How often the watch looks at the file (a `stat`; the file is read only when that changed).
pub const WATCH_EVERY: Duration = Duration::from_millis(500);

/// The stamp of the file as the window last knew it (loaded, saved, or accepted from outside),
/// shared by the writer, the watch and the window. Held while one of them compares and writes,
/// so a save is never mistaken for a change from outside.
#[derive(Clone, Default)]
pub struct Known(Arc<Mutex<Option<FileStamp>>>);

impl Known {
    fn get(&self) -> MutexGuard<'_, Option<FileStamp>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// From now on the file is expected to hold what `stamp` stamped.
    pub fn set(&self, stamp: Option<FileStamp>) {
        *self.get() = stamp;
    }
}

/// The lock, the known stamp and the watch of one open state file.
pub struct FileGuard {
    lock: Arc<StateLock>,
    known: Known,
    changes: Receiver<OutsideChange>,
    stop: Arc<AtomicBool>,
    watch: Option<JoinHandle<()>>,
    /// The window the watch wakes, once there is one.
    repaint: Arc<Mutex<Option<egui::Context>>>,
}

impl FileGuard {
    /// Guards the file `lock` is for, loaded (or written) as `stamp` stamped (`None`: no file
    /// yet), and starts the watch `file-watch`, looking every `every`.
    pub fn new(lock: StateLock, stamp: Option<FileStamp>, every: Duration) -> Self {
        let lock = Arc::new(lock);
        let known = Known(Arc::new(Mutex::new(stamp)));
        let (sender, changes) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let repaint = Arc::new(Mutex::new(None));
        let watch = {
            let (path, known, stop) = (lock.state_path().to_owned(), known.clone(), stop.clone());
            let repaint = Arc::clone(&repaint);
            std::thread::Builder::new()
                .name("file-watch".to_owned())
                .spawn(move || watch(&path, &known, &stop, every, &sender, &repaint))
        };
        let watch = watch
            .inspect_err(|error| log::error!("could not start watching the state file: {error}"))
            .ok();
        Self {
            lock,
            known,
            changes,
            stop,
            watch,
            repaint,
        }
    }

    /// Wakes `ctx` when the watch finds a change.
    pub fn set_repaint(&self, ctx: &egui::Context) {
        let mut repaint = self.repaint.lock().unwrap_or_else(PoisonError::into_inner);
        if repaint.is_none() {
            *repaint = Some(ctx.clone());
        }
    }

    pub fn path(&self) -> &Path {
        self.lock.state_path()
    }

    /// The writer for the autosave thread: it saves under this lock, only over the known file.
    pub fn writer(&self) -> Box<dyn StateWriter> {
        Box::new(GuardedWriter {
            lock: Arc::clone(&self.lock),
            known: self.known.clone(),
        })
    }

    /// The window accepts what the file holds now as the known version (after reloading it,
    /// or to merge it).
    pub fn accept(&self, stamp: Option<FileStamp>) {
        self.known.set(stamp);
    }

    /// A change the watch found since the last call, if any.
    pub fn poll(&self) -> Option<OutsideChange> {
        self.changes.try_iter().last()
    }
}

impl Drop for FileGuard {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(watch) = self.watch.take()
            && watch.join().is_err()
        {
            log::error!("the file watch panicked");
        }
    }
}

/// Saves with [`store::save_if_unchanged`] under the lock and keeps the known stamp.
struct GuardedWriter {
    lock: Arc<StateLock>,
    known: Known,
}

impl StateWriter for GuardedWriter {
    fn write(&mut self, _path: &Path, state: &State) -> Result<(), SaveError> {
        let mut known = self.known.get();
        let stamp = store::save_if_unchanged(&self.lock, state, known.as_ref())?;
        *known = Some(stamp);
        Ok(())
    }

    fn keep_mine(&mut self, _path: &Path, state: &State) -> Result<Option<PathBuf>, SaveError> {
        let mut known = self.known.get();
        let copied = store::keep_conflict_copy(&self.lock)?;
        let (copy, expected) =
            copied.map_or((None, None), |(copy, stamp)| (Some(copy), Some(stamp)));
        let stamp = store::save_if_unchanged(&self.lock, state, expected.as_ref())?;
        *known = Some(stamp);
        Ok(copy)
    }

    fn outside_change(&mut self, _path: &Path) -> Option<OutsideChange> {
        Some(read_theirs(self.lock.state_path()))
    }
}

/// What the file at `path` holds, loaded.
fn read_theirs(path: &Path) -> OutsideChange {
    match store::load_with_stamp(path) {
        Ok((state, stamp)) => OutsideChange {
            theirs: Ok(state),
            stamp: Some(stamp),
        },
        Err(error) => OutsideChange {
            theirs: Err(error.to_string()),
            stamp: FileStamp::read(path).ok().flatten(),
        },
    }
}

/// The watch: looks at the file every `every` until stopped; when its content is no longer
/// what the window knows (and not a change already reported), reads it and reports it.
fn watch(
    path: &Path,
    known: &Known,
    stop: &AtomicBool,
    every: Duration,
    changes: &Sender<OutsideChange>,
    repaint: &Mutex<Option<egui::Context>>,
) {
    let mut reported: Option<FileStamp> = None;
    let mut last_look = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        // Awake every 100 ms at most, so closing never waits long for the watch to stop.
        std::thread::sleep(every.min(Duration::from_millis(100)));
        if last_look.elapsed() < every {
            continue;
        }
        last_look = Instant::now();
        let change = {
            let known = known.get();
            let Some(expected) = known.as_ref() else {
                continue;
            };
            if expected.looks_unchanged(path) {
                continue;
            }
            let Ok(Some(now)) = FileStamp::read(path) else {
                // Gone, or unreadable for a moment: the next save finds out and asks.
                continue;
            };
            let seen = reported.as_ref().is_some_and(|r| r.same_content(&now));
            if now.same_content(expected) || seen {
                continue;
            }
            reported = Some(now);
            read_theirs(path)
        };
        if changes.send(change).is_err() {
            return;
        }
        if let Some(ctx) = repaint
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            ctx.request_repaint();
        }
    }
}
