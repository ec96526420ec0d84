//! Characters of user text that change how other text is shown: the CLI escapes them, CSV
//! neutralises a cell that starts with one, HTML isolates the text they are in.

/// The bidi formatting characters of Unicode (UAX #9): the Arabic letter mark, the
/// left-to-right and right-to-left marks, embeddings, overrides and isolates, and their
/// terminators. One of them in a name can reorder the text that follows it.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}
