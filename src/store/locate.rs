//! Which item a syntax error is in, so that a refusal names it ("each refusal names the item"):
//! `renewal 3: "2026-1-1" is not a date written YYYY-MM-DD` rather than only a line and column.
//!
//! The text before an error is RON that parsed, so reading its brackets is enough: the
//! top-level field (`settings`, `sims`, `plans`, `renewals`, `trips`), the item's `(` inside
//! the list, and for a trip the leg inside `legs`. The item's `id` is then read from the item,
//! which may come after the error. Linear in the text, and only run on an error.

use super::problem::Item;
use crate::model::{PlanId, RenewalId, SimId, TripId};

/// The item the byte `offset` of `text` is in, if the brackets say so clearly.
pub(super) fn item_at(text: &str, offset: usize) -> Option<Item> {
    let before = text.get(..offset)?;
    let frames = open_frames(before);
    let list = frames.first()?.field.as_deref()?;
    if list == "settings" {
        return Some(Item::Settings);
    }
    // frames: 0 the state `(`, 1 the list `[`, 2 the item `(`, and for trips 3 `legs: [`,
    // 4 the leg `(`.
    let item = frames.get(2).filter(|frame| frame.open == b'(')?;
    let in_list = frames.get(1).is_some_and(|frame| frame.open == b'[');
    if !in_list {
        return None;
    }
    let id = item_id(text, item.start)?;
    match list {
        "sims" => Some(Item::Sim(SimId(id))),
        "plans" => Some(Item::Plan(PlanId(id))),
        "renewals" => Some(Item::Renewal(RenewalId(id))),
        "trips" => {
            let trip = TripId(id);
            let in_legs = item.field.as_deref() == Some("legs")
                && frames.get(3).is_some_and(|frame| frame.open == b'[');
            match frames.get(4) {
                Some(leg) if in_legs && leg.open == b'(' => {
                    frames.get(3).map(|legs| Item::TripLeg {
                        trip,
                        leg: legs.commas + 1,
                    })
                }
                _ => Some(Item::Trip(trip)),
            }
        }
        _ => None,
    }
}

/// One open bracket: which, where, the last field name seen directly inside it, and how many
/// commas directly inside it so far (the index of the current element).
struct Frame {
    open: u8,
    start: usize,
    field: Option<String>,
    commas: usize,
}

/// The brackets still open at the end of `text`, outermost first. Only the outer levels are
/// kept: deeper ones are counted, so nesting costs no memory.
fn open_frames(text: &str) -> Vec<Frame> {
    const KEPT: usize = 6;
    let mut frames: Vec<Frame> = Vec::new();
    let mut deeper = 0_usize;
    let mut last_ident: Option<&str> = None;
    for token in Tokens::new(text) {
        match token {
            Token::Open(open, start) => {
                if frames.len() < KEPT && deeper == 0 {
                    frames.push(Frame {
                        open,
                        start,
                        field: None,
                        commas: 0,
                    });
                } else {
                    deeper += 1;
                }
                last_ident = None;
            }
            Token::Close => {
                if deeper > 0 {
                    deeper -= 1;
                } else {
                    frames.pop();
                }
                last_ident = None;
            }
            Token::Comma => {
                if deeper == 0
                    && let Some(frame) = frames.last_mut()
                {
                    frame.commas += 1;
                }
                last_ident = None;
            }
            Token::Colon => {
                if deeper == 0
                    && let (Some(frame), Some(ident)) = (frames.last_mut(), last_ident)
                {
                    frame.field = Some(ident.to_owned());
                }
                last_ident = None;
            }
            Token::Ident(ident) => last_ident = Some(ident),
            Token::Number(_) | Token::Other => last_ident = None,
        }
    }
    frames
}

/// The number after `id:` directly inside the item whose `(` is at `start`.
fn item_id(text: &str, start: usize) -> Option<u32> {
    let mut depth = 0_usize;
    // How much of `id: N` directly inside the item has been seen.
    let mut seen = 0;
    for token in Tokens::new(text.get(start..)?) {
        seen = match (token, seen) {
            (Token::Open(..), _) => {
                depth += 1;
                0
            }
            (Token::Close, _) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return None;
                }
                0
            }
            (Token::Ident("id"), _) if depth == 1 => 1,
            (Token::Colon, 1) => 2,
            (Token::Number(number), 2) => return number.replace('_', "").parse().ok(),
            _ => 0,
        };
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Open(u8, usize),
    Close,
    Comma,
    Colon,
    Ident(&'a str),
    Number(&'a str),
    /// A string, character or other punctuation.
    Other,
}

/// RON's tokens, as far as brackets go: strings (raw and byte strings too), characters and
/// comments are skipped whole, so a bracket inside them is not taken for one.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    /// Whether a raw string (`r"`, `r#"`, …) starts at `at`, which holds the `r`.
    fn raw_string_at(&self, at: usize) -> bool {
        let rest = self.text.get(at + 1..).unwrap_or_default();
        rest.trim_start_matches('#').starts_with('"')
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    /// Skips to the end of a quoted string starting at `self.at` (the quote), with escapes.
    fn skip_string(&mut self) {
        self.at += 1;
        while let Some(byte) = self.byte(self.at) {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    /// Skips a raw string `r#…"…"#…` whose `r` is at `self.at`.
    fn skip_raw_string(&mut self) {
        self.at += 1;
        let hashes_start = self.at;
        while self.byte(self.at) == Some(b'#') {
            self.at += 1;
        }
        let hashes = self.at - hashes_start;
        if self.byte(self.at) != Some(b'"') {
            return;
        }
        self.at += 1;
        let mut closing = String::from("\"");
        closing.push_str(&"#".repeat(hashes));
        match self
            .text
            .get(self.at..)
            .and_then(|rest| rest.find(&closing))
        {
            Some(found) => self.at += found + closing.len(),
            None => self.at = self.text.len(),
        }
    }

    /// Skips a comment starting at `self.at` (`//` to the line's end, `/* */` nested).
    fn skip_comment(&mut self) {
        if self.byte(self.at + 1) == Some(b'/') {
            match self.text.get(self.at..).and_then(|rest| rest.find('\n')) {
                Some(found) => self.at += found + 1,
                None => self.at = self.text.len(),
            }
            return;
        }
        self.at += 2;
        let mut depth = 1_usize;
        while depth > 0 && self.at < self.text.len() {
            match (self.byte(self.at), self.byte(self.at + 1)) {
                (Some(b'/'), Some(b'*')) => {
                    depth += 1;
                    self.at += 2;
                }
                (Some(b'*'), Some(b'/')) => {
                    depth -= 1;
                    self.at += 2;
                }
                _ => self.at += 1,
            }
        }
    }

    /// Skips a character literal `'x'` or `'\n'` starting at `self.at`.
    fn skip_char(&mut self) {
        self.at += 1;
        if self.byte(self.at) == Some(b'\\') {
            self.at += 2;
        }
        match self.text.get(self.at..).and_then(|rest| rest.find('\'')) {
            Some(found) => self.at += found + 1,
            None => self.at = self.text.len(),
        }
    }

    /// The end of a run of identifier characters (letters, digits, `_`, and `.`, `+`, `-` for
    /// numbers) starting at `self.at`.
    fn word_end(&self) -> usize {
        let rest = self.text.get(self.at..).unwrap_or_default();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '+' | '-')))
            .unwrap_or(rest.len());
        self.at + len.max(1)
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let byte = self.byte(self.at)?;
            let start = self.at;
            let token = match byte {
                b'(' | b'[' | b'{' => {
                    self.at += 1;
                    Token::Open(byte, start)
                }
                b')' | b']' | b'}' => {
                    self.at += 1;
                    Token::Close
                }
                b',' => {
                    self.at += 1;
                    Token::Comma
                }
                b':' => {
                    self.at += 1;
                    Token::Colon
                }
                b'"' => {
                    self.skip_string();
                    Token::Other
                }
                b'\'' => {
                    self.skip_char();
                    Token::Other
                }
                b'/' if matches!(self.byte(self.at + 1), Some(b'/' | b'*')) => {
                    self.skip_comment();
                    continue;
                }
                b'r' if self.raw_string_at(self.at) => {
                    self.skip_raw_string();
                    Token::Other
                }
                b'b' if self.byte(self.at + 1) == Some(b'"') => {
                    self.at += 1;
                    self.skip_string();
                    Token::Other
                }
                b'b' if self.byte(self.at + 1) == Some(b'r') && self.raw_string_at(self.at + 1) => {
                    self.at += 1;
                    self.skip_raw_string();
                    Token::Other
                }
                _ if byte.is_ascii_whitespace() => {
                    self.at += 1;
                    continue;
                }
                _ if byte.is_ascii_alphabetic() || byte == b'_' => {
                    self.at = self.word_end();
                    Token::Ident(self.text.get(start..self.at).unwrap_or_default())
                }
                _ if byte.is_ascii_digit() || byte == b'-' || byte == b'+' => {
                    self.at = self.word_end();
                    Token::Number(self.text.get(start..self.at).unwrap_or_default())
                }
                _ => {
                    // One character, whatever its length in bytes.
                    let len = self
                        .text
                        .get(self.at..)
                        .and_then(|rest| rest.chars().next())
                        .map_or(1, char::len_utf8);
                    self.at += len;
                    Token::Other
                }
            };
            return Some(token);
        }
    }
}
