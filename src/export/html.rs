//! HTML escaping and the link rule ("Only `http`/`https` links are opened; a renewal link that is
//! not https is flagged").

/// A renewal link, sorted by what the trip sheet may do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Link<'a> {
    /// `https://…`: a link.
    Https(&'a str),
    /// `http://…`: a link, with a warning.
    Http(&'a str),
    /// Anything else (`javascript:`, `file:`, no scheme…): shown as text only, with a warning.
    Other(&'a str),
}

impl<'a> Link<'a> {
    /// Sorts `url` (surrounding white space ignored) by its scheme, compared without case.
    pub(crate) fn classify(url: &'a str) -> Self {
        let url = url.trim();
        if has_scheme(url, "https://") {
            Self::Https(url)
        } else if has_scheme(url, "http://") {
            Self::Http(url)
        } else {
            Self::Other(url)
        }
    }
}

/// Whether `url` is an `https` link.
pub(crate) fn is_https(url: &str) -> bool {
    matches!(Link::classify(url), Link::Https(_))
}

fn has_scheme(url: &str, scheme: &str) -> bool {
    url.get(..scheme.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
}

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
