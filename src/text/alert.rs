//! An alert as a sentence: the one wording the window's alerts list and `sim-planner agenda`
//! share, in the state's language.

use rust_i18n::t;

use crate::model::State;
use crate::plural_key;
use crate::schedule::{Alert, AlertKind};

/// One alert as a sentence.
pub fn alert_sentence(state: &State, alert: &Alert) -> String {
    let sim = alert
        .sim
        .and_then(|id| state.sim(id))
        .map_or("?", |sim| sim.name.as_str());
    let plan = |id| {
        state
            .renewal(id)
            .and_then(|r| state.plan(r.plan))
            .map_or("?", |p| p.name.as_str())
    };
    match &alert.kind {
        AlertKind::Overdue { renewal } => t!(
            "alerts.overdue",
            sim = sim,
            plan = plan(*renewal),
            date = alert.date.to_string()
        ),
        AlertKind::RenewBy { expires } => t!(
            "alerts.renew_by",
            sim = sim,
            date = alert.date.to_string(),
            expires = expires.to_string()
        ),
        AlertKind::Expires => t!("alerts.expires", sim = sim, date = alert.date.to_string()),
        AlertKind::Gap { range } => t!(
            plural_key!("alerts.gap", range.days()),
            sim = sim,
            count = range.days(),
            from = range.start.to_string(),
            to = range.end.to_string()
        ),
        AlertKind::LostDays { renewal, range } => t!(
            plural_key!("alerts.lost", range.days()),
            sim = sim,
            plan = plan(*renewal),
            count = range.days(),
            from = range.start.to_string(),
            to = range.end.to_string()
        ),
        AlertKind::DataRunsOut { renewal, until } => t!(
            "alerts.data",
            sim = sim,
            plan = plan(*renewal),
            date = alert.date.to_string(),
            until = until.to_string()
        ),
        AlertKind::KeepAlive => t!(
            "alerts.keep_alive",
            sim = sim,
            date = alert.date.to_string()
        ),
        AlertKind::Uncovered {
            trip,
            country,
            range,
        } => {
            let trip = state.trip(*trip).map_or("?", |t| t.name.as_str());
            t!(
                plural_key!("alerts.uncovered", range.days()),
                trip = trip,
                country = country.as_str(),
                count = range.days(),
                from = range.start.to_string(),
                to = range.end.to_string()
            )
        }
    }
    .into_owned()
}
