//! The trip sheet's list of suggested purchases: the trip cover's purchases not yet in the
//! state, shown only when the export asks for them ([`super::ExportContent::suggestions`]).

use std::fmt::Write as _;

use rust_i18n::t;

use super::html::escape;
use super::{EventKind, ScheduleEvent};

/// A section listing every [`EventKind::Suggestion`] among `events` (also those before the
/// sheet's first day: a purchase to make before leaving must not be missed), each with its
/// day, what to buy, its price and the trip days it covers; nothing when there is none.
pub(super) fn suggestions_html(out: &mut String, events: &[ScheduleEvent]) {
    let suggested: Vec<&ScheduleEvent> = events
        .iter()
        .filter(|event| matches!(event.kind, EventKind::Suggestion { .. }))
        .collect();
    if suggested.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"suggestions\">\n<h2>{}</h2>\n<p class=\"muted\">{}</p>\n<ul>",
        t!("export.sheet_suggestions"),
        t!("export.sheet_suggestions_text")
    );
    for event in suggested {
        let _ = write!(
            out,
            "<li class=\"suggestion\">{}: <bdi>{}</bdi>",
            event.date,
            escape(&event.summary())
        );
        // The first detail says it is a suggestion, as the heading does; the price and the
        // days covered follow.
        for detail in event.details.iter().skip(1).take(2) {
            let _ = write!(out, "<br><span class=\"muted\">{}</span>", escape(detail));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}
