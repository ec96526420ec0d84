//! The trip sheet's list of suggested purchases: the trip cover's purchases not yet in the
//! state, shown only when the export asks for them ([`super::ExportContent::suggestions`]).

use std::fmt::Write as _;

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
    out.push_str("<section class=\"suggestions\">\n<h2>Suggested purchases</h2>\n");
    out.push_str(
        "<p class=\"muted\">Suggestions, not in your plan yet: the cheapest plans that cover \
         the trip's uncovered days.</p>\n<ul>\n",
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
