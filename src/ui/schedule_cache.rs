//! The schedule computed for one revision of one document, with the alerts drawn from it. It is
//! made anew when the state, the document or today changes, never patched.

use chrono::{Days, NaiveDate};

use super::document::{Document, DocumentId};
use super::view_state::AlertHorizon;
use crate::schedule::{Agenda, Alert, DateRange, alerts, order_by_what_to_do_next};
use crate::text::alert_sentence;

/// What the views draw from: the agenda of one document's revision as seen on one day.
pub struct ScheduleCache {
    /// The document, its revision, the day and the alerts' horizon this was computed for.
    source: (DocumentId, u64, NaiveDate, AlertHorizon),
    pub agenda: Agenda,
    pub alerts: Vec<Alert>,
    /// Each alert's sentence, made once per change rather than every frame.
    pub alert_texts: Vec<String>,
}

impl ScheduleCache {
    /// Applies every rule to `doc`'s state as seen on `today`, with the alerts up to
    /// `horizon` ahead.
    pub fn compute(doc: &Document, today: NaiveDate, horizon: AlertHorizon) -> Self {
        let state = doc.state();
        let agenda = Agenda::compute(state, today);
        let alerts = alerts_of(&agenda, today, horizon);
        let alert_texts = alerts
            .iter()
            .map(|alert| alert_sentence(state, alert))
            .collect();
        Self {
            source: (doc.id(), doc.revision(), today, horizon),
            agenda,
            alerts,
            alert_texts,
        }
    }

    /// Whether this was computed from `doc` as it is now, on `today`: another document (after
    /// Open) or another revision is never shown from a stale schedule.
    pub fn is_for(&self, doc: &Document, today: NaiveDate, horizon: AlertHorizon) -> bool {
        self.source == (doc.id(), doc.revision(), today, horizon)
    }
}

fn alerts_of(agenda: &Agenda, today: NaiveDate, horizon: AlertHorizon) -> Vec<Alert> {
    let end = horizon.days().map_or(NaiveDate::MAX, |days| {
        today
            .checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX)
    });
    let mut alerts = alerts(agenda, DateRange::new(today, end));
    order_by_what_to_do_next(&mut alerts, agenda, today);
    alerts
}
