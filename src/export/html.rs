//! HTML escaping (the link rule itself is [`crate::model::LinkSafety`]).

/// User text as HTML element content: escaped, and isolated in `<bdi>` so that the direction
/// of its letters or a bidi override in it cannot reorder the text around it ("User text
/// stays inert in every output").
pub(crate) fn bdi(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in HTML text; tab and newline are.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}
