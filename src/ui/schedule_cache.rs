//! The schedule computed for one revision of one document, with the alerts drawn from it. It is
//! made anew when the state, the document or today changes, never patched.

use chrono::{Days, NaiveDate};

use super::document::{Document, DocumentId};
use crate::schedule::{Agenda, Alert, DateRange, alerts};
use crate::text::alert_sentence;

/// How many days ahead the alerts list looks (overdue renewals are always listed).
pub const ALERT_HORIZON_DAYS: u64 = 30;

/// What the views draw from: the agenda of one document's revision as seen on one day.
pub struct ScheduleCache {
    /// The document, its revision and the day this was computed for.
    source: (DocumentId, u64, NaiveDate),
    pub agenda: Agenda,
    pub alerts: Vec<Alert>,
    /// Each alert's sentence, made once per change rather than every frame.
    pub alert_texts: Vec<String>,
}

impl ScheduleCache {
    /// Applies every rule to `doc`'s state as seen on `today`.
    pub fn compute(doc: &Document, today: NaiveDate) -> Self {
        let state = doc.state();
        let agenda = Agenda::compute(state, today);
        let alerts = alerts_of(&agenda, today);
        let alert_texts = alerts
            .iter()
            .map(|alert| alert_sentence(state, alert))
            .collect();
        Self {
            source: (doc.id(), doc.revision(), today),
            agenda,
            alerts,
            alert_texts,
        }
    }

    /// Whether this was computed from `doc` as it is now, on `today`: another document (after
    /// Open) or another revision is never shown from a stale schedule.
    pub fn is_for(&self, doc: &Document, today: NaiveDate) -> bool {
        self.source == (doc.id(), doc.revision(), today)
    }
}

fn alerts_of(agenda: &Agenda, today: NaiveDate) -> Vec<Alert> {
    let end = today
        .checked_add_days(Days::new(ALERT_HORIZON_DAYS))
        .unwrap_or(today);
    alerts(agenda, DateRange::new(today, end))
}
