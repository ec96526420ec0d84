//! The link rule of DESIGN.md: "Only `http`/`https` links are opened; a renewal link that is
//! not https is flagged." The window, the exports and `sim-planner check` all ask this one
//! function, so a link can never be opened in one place and refused in another.

/// What may be done with a renewal link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkSafety {
    /// `https://host…`: a link.
    Https,
    /// `http://host…`: a link, shown with a warning (the payment page is not encrypted).
    Http,
    /// Anything else (`javascript:`, `file:`, no scheme, no host, spaces inside): shown as
    /// text only and never opened.
    NotWeb,
}

impl LinkSafety {
    /// Sorts `url` (surrounding white space ignored) by its scheme, compared without case.
    /// A web link needs a host and no white space inside.
    pub fn of(url: &str) -> Self {
        let url = url.trim();
        let web = |scheme: &str| {
            let Some(rest) = strip_scheme(url, scheme) else {
                return false;
            };
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !url.chars().any(char::is_whitespace)
        };
        if web("https://") {
            Self::Https
        } else if web("http://") {
            Self::Http
        } else {
            Self::NotWeb
        }
    }

    /// Whether the link may be opened (https, or http with its warning).
    pub fn can_open(self) -> bool {
        matches!(self, Self::Https | Self::Http)
    }
}

fn strip_scheme<'a>(url: &'a str, scheme: &str) -> Option<&'a str> {
    let head = url.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| url.get(scheme.len()..))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::LinkSafety;

    #[test]
    fn only_web_links_with_a_host_can_be_opened() {
        assert_eq!(
            LinkSafety::of(" https://www.batelco.com/ "),
            LinkSafety::Https
        );
        assert_eq!(LinkSafety::of("HTTPS://example.com?a=1"), LinkSafety::Https);
        assert_eq!(LinkSafety::of("http://example.com"), LinkSafety::Http);
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https:///path",
            "www.x.com",
            "https://a b",
            "",
        ] {
            assert_eq!(LinkSafety::of(bad), LinkSafety::NotWeb, "{bad:?}");
            assert!(!LinkSafety::of(bad).can_open());
        }
    }
}
