//! Slow file work off the frame (as rerun's background tasks): Open, Import and the exports
//! read and write on a named thread while the window keeps drawing, with a spinner, and the
//! result comes back over a channel that wakes the window.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// At most one piece of file work at a time, and its result once it is done.
pub struct Tasks<T> {
    running: Option<Receiver<T>>,
    repaint: Option<egui::Context>,
    /// The worker thread's name (seen in a debugger or a profiler).
    thread: &'static str,
}

impl<T> Default for Tasks<T> {
    fn default() -> Self {
        Self::named("file-task")
    }
}

impl<T> Tasks<T> {
    /// Tasks that run on threads called `thread`.
    pub fn named(thread: &'static str) -> Self {
        Self {
            running: None,
            repaint: None,
            thread,
        }
    }
}

impl<T: Send + 'static> Tasks<T> {
    /// Wakes `ctx` when a task finishes.
    pub fn set_repaint(&mut self, ctx: &egui::Context) {
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
    }

    /// Starts `job` on a thread of its own; `false` (and nothing started) while another runs.
    pub fn start(&mut self, job: impl FnOnce() -> T + Send + 'static) -> bool {
        if self.running.is_some() {
            return false;
        }
        let (sender, receiver) = channel();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new()
            .name(self.thread.to_owned())
            .spawn(move || {
                if sender.send(job()).is_err() {
                    log::warn!("a task finished after the window stopped waiting for it");
                }
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.running = Some(receiver);
                true
            }
            Err(error) => {
                log::error!("could not start the {} thread: {error}", self.thread);
                false
            }
        }
    }

    /// Whether a task is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The finished task's result, once.
    pub fn poll(&mut self) -> Option<T> {
        let receiver = self.running.as_ref()?;
        match receiver.try_recv() {
            Ok(result) => {
                self.running = None;
                Some(result)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                log::error!("a task ended without a result");
                self.running = None;
                None
            }
        }
    }

    /// Waits for the running task, at most `timeout`, and returns its result.
    pub fn wait(&mut self, timeout: Duration) -> Option<T> {
        let receiver = self.running.as_ref()?;
        let result = receiver.recv_timeout(timeout).ok();
        if result.is_some() {
            self.running = None;
        }
        result
    }
}
