//! User text in the terminal stays text ("control and bidi characters escaped in the CLI's
//! readable output" in DESIGN.md).
//!
//! A name may hold anything: ESC and BEL sequences that set the terminal's title or clear the
//! screen, a line break that forges an agenda line, a right-to-left override that reorders
//! what follows. The readable output of every command (`agenda`, `check`, `import`, `export`,
//! `suggest`) passes user text through [`inert`] (or whole messages through [`inert_lines`]);
//! `--json` output is left to JSON's own escaping.

use std::borrow::Cow;

use crate::model::is_bidi_control;

/// `text` with every control character (C0, DEL, C1), line or paragraph separator and bidi
/// control written as a visible escape such as `\u{1b}`; everything else (CJK, emoji,
/// right-to-left letters) unchanged. Borrows when there is nothing to escape.
pub fn inert(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// [`inert`], but line breaks (`\n`) are kept: for a message of several lines that SIM
/// Planner made, whose user text is already quoted with `{:?}` or passed through [`inert`].
pub fn inert_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a terminal could act on `c` rather than show it.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}
