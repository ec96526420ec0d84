//! Reading a state file: a regular file, size limit, UTF-8, version, RON, then [`validate`].

use std::path::Path;

use serde::Deserialize;

use super::locate::item_at;
use super::open::{OpenFailure, open_regular, read_bounded};
use super::{FileStamp, LoadError, MAX_STATE_BYTES, validate};
use crate::model::{SCHEMA_VERSION, State};

/// Just the version, read before the rest so that a newer file (which may have fields this
/// build does not know) is reported as newer rather than as a syntax error.
#[derive(Deserialize)]
#[serde(rename = "State")] // ron names the struct in its messages
struct VersionProbe {
    version: u32,
}

/// Parses and validates the text of a state file (or of a RON import).
///
/// Checks, in order: the schema version (a newer one is refused with
/// [`LoadError::NewerVersion`]), the RON syntax and schema ([`LoadError::Syntax`] with line
/// and column), then the rules of [`validate`] ([`LoadError::Invalid`] listing every problem).
pub fn parse_state(text: &str) -> Result<State, LoadError> {
    // Editors on Windows may add a byte order mark; it is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    // The default options keep ron's recursion limit, so deep nesting is refused, not a crash.
    let options = ron::Options::default();
    let probe: VersionProbe = options
        .from_str(text)
        .map_err(|error| syntax_error(text, &error))?;
    if probe.version > SCHEMA_VERSION {
        return Err(LoadError::NewerVersion {
            found: probe.version,
            supported: SCHEMA_VERSION,
        });
    }
    if probe.version == 0 {
        return Err(LoadError::UnknownVersion {
            found: probe.version,
            supported: SCHEMA_VERSION,
        });
    }
    // TODO(migrations): versions 1..SCHEMA_VERSION migrate forward here; 1 is the first.
    let state: State = options
        .from_str(text)
        .map_err(|error| syntax_error(text, &error))?;
    let problems = validate(&state);
    if problems.is_empty() {
        Ok(state)
    } else {
        Err(LoadError::Invalid(problems))
    }
}

/// Checks the size and the UTF-8 encoding of `bytes`, then [`parse_state`]s them.
pub fn load_bytes(bytes: &[u8]) -> Result<State, LoadError> {
    let size = bytes.len() as u64;
    if size > MAX_STATE_BYTES {
        return Err(LoadError::TooLarge {
            size,
            limit: MAX_STATE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, column) = line_and_column(bytes, error.valid_up_to());
        LoadError::NotUtf8 { line, column }
    })?;
    parse_state(text)
}

/// Reads and checks the state file at `path`.
///
/// A missing file is [`LoadError::NotFound`] (the first run); a named pipe, socket, device or
/// folder is [`LoadError::NotAFile`] at once, without blocking; a file over
/// [`MAX_STATE_BYTES`] is refused from its size alone, before it is read. The file is never
/// changed, whatever the outcome.
pub fn load(path: &Path) -> Result<State, LoadError> {
    load_with_stamp(path).map(|(state, _)| state)
}

/// [`load`], with the [`FileStamp`] of the bytes it loaded: what a later
/// [`super::save_if_unchanged`] expects to find, so that a change made from outside since is
/// not overwritten.
pub fn load_with_stamp(path: &Path) -> Result<(State, FileStamp), LoadError> {
    let (bytes, stamp) = read_state_file(path)?;
    load_bytes(&bytes).map(|state| (state, stamp))
}

/// The bytes of the state file at `path` and their stamp: a regular file only, refused from
/// its size alone when it is over [`MAX_STATE_BYTES`].
pub(super) fn read_state_file(path: &Path) -> Result<(Vec<u8>, FileStamp), LoadError> {
    let io_error = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            LoadError::NotFound {
                path: path.to_owned(),
            }
        } else {
            LoadError::Io {
                path: path.to_owned(),
                source,
            }
        }
    };
    let (file, metadata) = open_regular(path).map_err(|failure| match failure {
        OpenFailure::Io(source) => io_error(source),
        OpenFailure::Special(kind) => LoadError::NotAFile {
            path: path.to_owned(),
            kind,
        },
    })?;
    let size = metadata.len();
    if size > MAX_STATE_BYTES {
        return Err(LoadError::TooLarge {
            size,
            limit: MAX_STATE_BYTES,
        });
    }
    let bytes = read_bounded(file, size).map_err(io_error)?;
    let stamp = FileStamp::new(&metadata, &bytes);
    Ok((bytes, stamp))
}

/// Line and column (both from 1, columns in characters) of byte `offset`, which must follow
/// valid UTF-8 (as `Utf8Error::valid_up_to` does).
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.split(|&byte| byte == b'\n').count();
    let line_text = before
        .rsplit(|&byte| byte == b'\n')
        .next()
        .unwrap_or_default();
    let column = 1 + String::from_utf8_lossy(line_text).chars().count();
    (line, column)
}

/// Turns ron's error into [`LoadError::Syntax`], rewording the messages a user could not act on.
///
/// The message starts with the item the error is in (`renewal 3: …`) when the brackets before
/// it tell.
fn syntax_error(text: &str, error: &ron::error::SpannedError) -> LoadError {
    let start = &error.span.start;
    let message = match &error.code {
        ron::Error::Message(message) => {
            // ron's span of a string value starts after its opening quote.
            let found = span_text(text, &error.span);
            let found = found.trim_matches('"');
            // The strict readers of `model` quote the value themselves.
            if found.is_empty() || message.contains(&format!("{found:?}")) {
                message.clone()
            } else {
                format!("{message} in {found:?}")
            }
        }
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply for a SIM Planner file".to_owned()
        }
        ron::Error::Eof => "the file ends too early; is it cut short?".to_owned(),
        code if at_end(text, &error.span.end) => {
            format!("{code} where the file ends; is the file cut short?")
        }
        code => code.to_string(),
    };
    let item = byte_offset(text, start).and_then(|offset| item_at(text, offset));
    let message = match item {
        Some(item) => format!("{item}: {message}"),
        None => message,
    };
    LoadError::Syntax {
        line: start.line,
        column: start.col,
        message,
    }
}

/// Whether `position` (the end of an error's span) is past the last character that is not
/// white space.
fn at_end(text: &str, position: &ron::error::Position) -> bool {
    let content = text.trim_end().chars().count();
    char_offset(text, position).is_none_or(|offset| offset >= content)
}

/// The text the span covers (at most 60 characters), trimmed.
fn span_text(text: &str, span: &ron::error::Span) -> String {
    const MAX_CHARS: usize = 60;
    let (Some(start), Some(end)) = (char_offset(text, &span.start), char_offset(text, &span.end))
    else {
        return String::new();
    };
    let found: String = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start).min(MAX_CHARS))
        .collect();
    found.trim().to_owned()
}

/// The offset in bytes of a ron position (line and column in characters, from 1).
fn byte_offset(text: &str, position: &ron::error::Position) -> Option<usize> {
    let mut offset = 0;
    for (index, line) in text.split('\n').enumerate() {
        if index + 1 == position.line {
            let column = position.col.checked_sub(1)?;
            let within = line
                .char_indices()
                .map(|(at, _)| at)
                .chain(std::iter::once(line.len()))
                .nth(column)?;
            return Some(offset + within);
        }
        offset += line.len() + 1;
    }
    None
}

/// The offset in characters of a ron position (line and column in characters, from 1).
fn char_offset(text: &str, position: &ron::error::Position) -> Option<usize> {
    let mut offset = 0;
    for (index, line) in text.split('\n').enumerate() {
        if index + 1 == position.line {
            let column = position.col.checked_sub(1)?;
            return (column <= line.chars().count()).then_some(offset + column);
        }
        offset += line.chars().count() + 1;
    }
    None
}
