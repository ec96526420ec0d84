//! The HTML trip sheet: escaped, self-contained, and saying what to do each day.

use super::{html_of, traveller};

#[test]
fn trip_sheet_escapes_every_text() {
    let mut state = traveller();
    state.sims[1].name = "<script>alert('sim')</script>".to_owned();
    state.sims[1].renew_url = Some("https://x.example/?a=1&b=\"><script>".to_owned());
    state.trips[1].name = "<b>Europe</b> & co".to_owned();
    let html = html_of(&state, "Trip <script>alert(1)</script>");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("<title>Trip &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;sim&#39;)&lt;/script&gt;"));
    assert!(html.contains("href=\"https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;\""));
    assert!(html.contains("&lt;b&gt;Europe&lt;/b&gt; &amp; co"));
}

/// The text a reader sees: the page without the `<bdi>` tags that isolate user text.
fn shown(html: &str) -> String {
    html.replace("<bdi>", "").replace("</bdi>", "")
}

#[test]
fn trip_sheet_warns_on_each_uncovered_day_and_says_which_sim_to_use() {
    let html = shown(&html_of(&traveller(), "Winter"));
    for day in [
        "2026-12-10",
        "2026-12-13",
        "2026-12-15",
        "2027-01-21",
        "2027-01-22",
    ] {
        let row = day_row(&html, day);
        assert!(row.contains("No SIM works in"), "{day}: {row}");
    }
    assert!(day_row(&html, "2027-01-10").contains("Travel eSIM"));
    assert!(!day_row(&html, "2027-01-10").contains("No SIM works"));
    assert!(day_row(&html, "2027-01-02").contains("Renew 巴林流量卡 by 2027-01-02"));
    assert!(day_row(&html, "2027-01-02").contains("service ends after 2027-01-05"));
    assert!(html.contains("+86 138 0000 0000"));
    assert!(html.contains("The renewal link of Travel eSIM is not https"));
    assert!(html.contains("2026-12-10 to 2026-12-15: no SIM works in SA (利雅得出差)"));
    assert!(html.contains("2027-01-21 to 2027-01-22: no SIM works in CH (Europe in January)"));
    assert!(html.contains(
        "Renew 巴林流量卡 — 每月 20GB, 8.000 BHD was planned for 2026-12-03 and is overdue."
    ));
}

/// The `<tr>` of one day of the day-by-day table.
fn day_row<'a>(html: &'a str, day: &str) -> &'a str {
    let start = html.find(&format!("<tr id=\"day-{day}\">")).unwrap();
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

#[test]
fn trip_sheet_links_only_to_web_links_from_the_state_and_loads_nothing() {
    let mut state = traveller();
    state.sims[0].renew_url = Some("javascript:alert(1)".to_owned());
    let html = shown(&html_of(&state, "Winter"));
    let from_state: Vec<String> = state
        .sims
        .iter()
        .filter_map(|sim| sim.renew_url.clone())
        .collect();
    for scheme in ["http://", "https://"] {
        for (at, _) in html.match_indices(scheme) {
            let link: String = html[at..]
                .chars()
                .take_while(|c| !matches!(c, '"' | '<' | ' '))
                .collect();
            assert!(from_state.contains(&link), "{link} is not from the state");
        }
    }
    assert!(html.contains("<a href=\"http://airalo.example/topup\""));
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("javascript:alert(1) <span class=\"warn\">not a web link</span>"));
    for external in ["src=", "<link", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
}

/// Issue 11: a right-to-left override in a name went raw into the page and reordered what
/// followed it. Each piece of user text is now isolated on its own, so an override reaches no
/// further than the end of the name it is in.
#[test]
fn trip_sheet_isolates_user_text_so_an_override_cannot_reorder_the_page() {
    let mut state = traveller();
    state.sims[1].name = "\u{202e}Batelco card".to_owned();
    state.sims[1].payment = "Visa \u{202d}1234".to_owned();
    state.plans[2].name = "\u{2067}monthly".to_owned();
    state.trips[1].name = "Europe \u{202b}".to_owned();
    let html = html_of(&state, "Winter \u{202e}");
    let body = &html[html.find("<body>").unwrap()..];
    let mut overrides = 0;
    for (at, _) in body.match_indices(['\u{202e}', '\u{202d}', '\u{2067}', '\u{202b}']) {
        let opened = body[..at].rfind("<bdi>");
        let closed = body[..at].rfind("</bdi>");
        assert!(
            opened > closed,
            "not isolated: {}",
            &body[at.saturating_sub(80)..at]
        );
        overrides += 1;
    }
    assert!(overrides >= 6, "{overrides}");
    assert!(html.contains(
        "Renew <bdi>\u{202e}Batelco card</bdi> — <bdi>\u{2067}monthly</bdi>, \
         <bdi>8.000 BHD</bdi>"
    ));
    assert!(html.contains("<h1><bdi>Winter \u{202e}</bdi></h1>"));
}
