//! Autosave off the UI thread (as rerun's file saver): a named thread writes the latest snapshot
//! of the state with the store's atomic save and reports back through a channel, waking the
//! window. Only the latest snapshot is kept: ten quick edits while a slow disk writes the first
//! one give two writes, not ten, and the file always ends with the last state.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Local};

use super::writer::{OutsideChange, StateWriter, StoreWriter};
use crate::model::State;
use crate::store::SaveError;

/// The outcome of one write.
#[derive(Clone, Debug)]
pub struct SaveReport {
    /// The snapshot's number, from [`Autosaver::submit`].
    pub seq: u64,
    pub path: PathBuf,
    /// When it was written, or why it was not (worded for the status line).
    pub result: Result<DateTime<Local>, String>,
    /// The write was refused because the file changed from outside: what it holds now.
    pub outside: Option<OutsideChange>,
    /// "Keep mine": where their version was kept.
    pub kept_theirs: Option<PathBuf>,
}

/// A snapshot waiting to be written.
struct Job {
    seq: u64,
    path: PathBuf,
    state: State,
    /// "Keep mine": keep what the file holds beside it first.
    keep_mine: bool,
}

/// What the window and the thread share.
#[derive(Default)]
struct Slot {
    /// The latest snapshot not yet taken by the thread; a newer one replaces it.
    latest: Option<Job>,
    /// The number of the last snapshot written (or that failed).
    finished: u64,
    shutdown: bool,
}

struct Shared {
    slot: Mutex<Slot>,
    /// Wakes the thread when a snapshot arrives, and waiters when one is finished.
    changed: Condvar,
    /// Asked to repaint when a report is ready, once the window exists.
    repaint: Mutex<Option<egui::Context>>,
}

impl Shared {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        // A panic while holding the lock leaves plain data behind: keep using it.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The autosave thread and its channel back.
pub struct Autosaver {
    shared: Arc<Shared>,
    reports: Receiver<SaveReport>,
    /// The number of the last snapshot submitted.
    submitted: u64,
    thread: Option<JoinHandle<()>>,
    /// Where the thread could not be started: writes happen in `submit` instead.
    inline: Option<(Box<dyn StateWriter>, Sender<SaveReport>)>,
}

impl Autosaver {
    /// Starts the thread `autosave`, writing with `writer`.
    pub fn new(writer: Box<dyn StateWriter>) -> Self {
        let shared = Arc::new(Shared {
            slot: Mutex::new(Slot::default()),
            changed: Condvar::new(),
            repaint: Mutex::new(None),
        });
        let (sender, reports) = channel();
        let thread = {
            let shared = Arc::clone(&shared);
            let sender = sender.clone();
            std::thread::Builder::new()
                .name("autosave".to_owned())
                .spawn(move || run(&shared, writer, &sender))
        };
        match thread {
            Ok(thread) => Self {
                shared,
                reports,
                submitted: 0,
                thread: Some(thread),
                inline: None,
            },
            Err(error) => {
                // The writer went with the closure that failed to start: the store's will do.
                log::error!("could not start the autosave thread ({error}); saving in the frame");
                Self {
                    shared,
                    reports,
                    submitted: 0,
                    thread: None,
                    inline: Some((Box::new(StoreWriter), sender)),
                }
            }
        }
    }

    /// Wakes `ctx` whenever a write finishes.
    pub fn set_repaint(&self, ctx: &egui::Context) {
        let mut repaint = self
            .shared
            .repaint
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if repaint.is_none() {
            *repaint = Some(ctx.clone());
        }
    }

    /// Queues `state` to be written to `path`, replacing any snapshot not yet taken. Returns
    /// the snapshot's number, which its [`SaveReport`] carries.
    pub fn submit(&mut self, path: &Path, state: State) -> u64 {
        self.queue(path, state, false)
    }

    /// Queues "keep mine": what the file holds now is kept beside it, then `state` written.
    pub fn submit_keep_mine(&mut self, path: &Path, state: State) -> u64 {
        self.queue(path, state, true)
    }

    fn queue(&mut self, path: &Path, state: State, keep_mine: bool) -> u64 {
        self.submitted += 1;
        let mut job = Job {
            seq: self.submitted,
            path: path.to_path_buf(),
            state,
            keep_mine,
        };
        // A plain save never replaces a "keep mine" still waiting: it would lose theirs.
        if let Some(waiting) = &self.shared.slot().latest {
            job.keep_mine |= waiting.keep_mine;
        }
        if let Some((writer, sender)) = &mut self.inline {
            let report = write(writer.as_mut(), job);
            self.shared.slot().finished = report.seq;
            if sender.send(report).is_err() {
                log::error!("the autosave report was lost: nothing listens any more");
            }
            return self.submitted;
        }
        self.shared.slot().latest = Some(job);
        self.shared.changed.notify_all();
        self.submitted
    }

    /// The reports of the writes finished since the last call, oldest first.
    pub fn poll(&self) -> Vec<SaveReport> {
        self.reports.try_iter().collect()
    }

    /// Whether every snapshot submitted has been written (or has failed).
    pub fn is_idle(&self) -> bool {
        self.shared.slot().finished >= self.submitted
    }

    /// Waits until every snapshot submitted is written, at most `timeout`. `true` when idle.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut slot = self.shared.slot();
        while slot.finished < self.submitted {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            slot = self
                .shared
                .changed
                .wait_timeout(slot, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

impl Drop for Autosaver {
    /// Lets the thread write what is queued, then waits for it: closing never drops the last
    /// change.
    fn drop(&mut self) {
        self.shared.slot().shutdown = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            log::error!("the autosave thread panicked");
        }
    }
}

/// The thread: take the latest snapshot, write it, report, until told to stop with nothing
/// left to write.
fn run(shared: &Shared, mut writer: Box<dyn StateWriter>, reports: &Sender<SaveReport>) {
    loop {
        let job = {
            let mut slot = shared.slot();
            loop {
                if let Some(job) = slot.latest.take() {
                    break job;
                }
                if slot.shutdown {
                    return;
                }
                slot = shared
                    .changed
                    .wait(slot)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let report = write(writer.as_mut(), job);
        let seq = report.seq;
        if reports.send(report).is_err() {
            log::warn!("an autosave finished after the window closed");
        }
        shared.slot().finished = seq;
        shared.changed.notify_all();
        let repaint = shared
            .repaint
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(ctx) = repaint.as_ref() {
            ctx.request_repaint();
        }
    }
}

fn write(writer: &mut dyn StateWriter, job: Job) -> SaveReport {
    let written = if job.keep_mine {
        writer.keep_mine(&job.path, &job.state)
    } else {
        writer.write(&job.path, &job.state).map(|()| None)
    };
    let mut outside = None;
    let mut kept_theirs = None;
    let result = match written {
        Ok(kept) => {
            kept_theirs = kept;
            Ok(Local::now())
        }
        Err(error) => {
            log::warn!("autosave to {} failed: {error}", job.path.display());
            if matches!(error, SaveError::ChangedOutside { .. }) {
                outside = writer.outside_change(&job.path);
            }
            Err(error.to_string())
        }
    };
    SaveReport {
        seq: job.seq,
        path: job.path,
        result,
        outside,
        kept_theirs,
    }
}
