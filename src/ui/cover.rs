//! "Cover this trip" off the frame: the exact search runs on a thread of its own with the 2 s
//! budget while the window keeps drawing (a spinner in the trip view), and its answer is kept
//! for the document's revision and the day it was asked on: a cover worked out for another
//! state is never shown, nor added.

use std::time::Duration;

use chrono::NaiveDate;

use super::document::DocumentId;
use super::tasks::Tasks;
use crate::model::{State, TripId};
use crate::schedule::{COVER_BUDGET, TripCover, cover_trip};

/// What a cover was (or is being) worked out for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoverKey {
    pub document: DocumentId,
    pub revision: u64,
    pub today: NaiveDate,
    pub trip: TripId,
}

/// A finished search: the cover, or why there is none.
struct Found {
    key: CoverKey,
    result: Result<TripCover, String>,
}

/// How the cover of the trip the view shows stands.
#[derive(Debug)]
pub enum CoverStatus<'a> {
    /// Not asked for this trip in this state.
    NotAsked,
    Running,
    Found(&'a TripCover),
    /// No cover can be worked out (e.g. the trip is too far ahead): why.
    Failed(&'a str),
}

/// At most one search at a time, and the last answer.
pub struct CoverRunner {
    tasks: Tasks<Found>,
    running: Option<CoverKey>,
    found: Option<Found>,
}

impl Default for CoverRunner {
    fn default() -> Self {
        Self {
            tasks: Tasks::named("trip-cover"),
            running: None,
            found: None,
        }
    }
}

impl CoverRunner {
    /// Wakes `ctx` when a search finishes.
    pub fn set_repaint(&mut self, ctx: &egui::Context) {
        self.tasks.set_repaint(ctx);
    }

    /// Starts the search for `key` on `state` (a copy: the window goes on editing its own);
    /// `false` while another search runs.
    pub fn start(&mut self, key: CoverKey, state: State) -> bool {
        if self.status(key).is_running_or_found() {
            return true;
        }
        let started = self.tasks.start(move || Found {
            key,
            result: cover_trip(&state, key.trip, key.today, COVER_BUDGET)
                .map_err(|error| error.to_string()),
        });
        if started {
            self.running = Some(key);
        }
        started
    }

    /// Takes a finished search's answer, if there is one.
    pub fn poll(&mut self) {
        if let Some(found) = self.tasks.poll() {
            self.finished(found);
        }
    }

    /// Waits (at most `timeout`) for a running search; `false` if it is still running.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        if !self.tasks.is_running() {
            return true;
        }
        match self.tasks.wait(timeout) {
            Some(found) => {
                self.finished(found);
                true
            }
            None => false,
        }
    }

    fn finished(&mut self, found: Found) {
        self.running = None;
        self.found = Some(found);
    }

    /// How the cover for `key` stands.
    pub fn status(&self, key: CoverKey) -> CoverStatus<'_> {
        if self.running == Some(key) {
            return CoverStatus::Running;
        }
        match &self.found {
            Some(found) if found.key == key => match &found.result {
                Ok(cover) => CoverStatus::Found(cover),
                Err(why) => CoverStatus::Failed(why),
            },
            _ => CoverStatus::NotAsked,
        }
    }

    /// Whether any search runs (for another trip, perhaps): the button waits for it.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

impl CoverStatus<'_> {
    fn is_running_or_found(&self) -> bool {
        matches!(self, Self::Running | Self::Found(_))
    }
}
