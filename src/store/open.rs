//! Opening a file that may be anything: a state file or an import path could name a named
//! pipe, a socket, a device or a folder, and reading one must not block or run forever
//! ("Special files refused at once").

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::MAX_STATE_BYTES;

/// Why [`open_regular`] gave no file.
#[derive(Debug)]
pub(super) enum OpenFailure {
    /// The path names something other than a regular file: what, in words.
    Special(&'static str),
    Io(io::Error),
}

impl From<io::Error> for OpenFailure {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// Opens `path` for reading, only if it is a regular file, and never blocks.
///
/// The path is looked at first, so a named pipe, socket, device or folder is refused before
/// it is opened; on unix it is then opened with `O_NONBLOCK` (opening a named pipe with no
/// writer would otherwise wait forever) and looked at again through the open file, in case
/// something else took its place in between. Returns the file and what it is.
pub(super) fn open_regular(path: &Path) -> Result<(File, Metadata), OpenFailure> {
    let metadata = fs::metadata(path)?;
    if let Some(kind) = special_kind(&metadata) {
        return Err(OpenFailure::Special(kind));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    non_blocking(&mut options);
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if let Some(kind) = special_kind(&metadata) {
        return Err(OpenFailure::Special(kind));
    }
    Ok((file, metadata))
}

/// Adds `O_NONBLOCK` on unix; elsewhere opening does not block on special files this way.
pub(super) fn non_blocking(options: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    let _ = options;
}

/// What the file is, in words, when it is not a regular file.
pub(super) fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Reads `file`, whose size was `size` when it was opened, but at most one byte over
/// [`MAX_STATE_BYTES`], in case it grew since.
pub(super) fn read_bounded(file: File, size: u64) -> io::Result<Vec<u8>> {
    let capacity = usize::try_from(size.min(MAX_STATE_BYTES)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_STATE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}
