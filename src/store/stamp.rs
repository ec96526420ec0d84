//! What a state file was when it was loaded or saved, to tell whether something else has
//! written it since ("A change made to the file from outside … is never overwritten silently").

use std::fs::Metadata;
use std::hash::Hasher as _;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use super::open::{OpenFailure, open_regular, read_bounded};

/// The identity and content of a file at one moment: taken by [`super::load_with_stamp`] of the
/// bytes it loaded, returned by every save under the lock of the bytes it wrote, and compared
/// by [`super::save_if_unchanged`] before it writes.
///
/// Two stamps with [`FileStamp::same_content`] are of the same bytes (the length and a 64-bit
/// hash agree). The hash is std's `SipHash`: good against accidents (a sync tool, an editor),
/// not against someone crafting a collision, and not kept across runs (stamps live in memory).
/// The file's identity (device and inode on unix) and modification time tell a cheap look
/// ([`FileStamp::looks_unchanged`]) that the file was replaced or touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// `(device, inode)` on unix; `None` elsewhere.
    pub identity: Option<(u64, u64)>,
    pub hash: u64,
}

impl FileStamp {
    /// The stamp of `bytes`, read from (or written to) the file `metadata` describes.
    pub(super) fn new(metadata: &Metadata, bytes: &[u8]) -> Self {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(bytes);
        Self {
            len: bytes.len() as u64,
            modified: metadata.modified().ok(),
            identity: identity(metadata),
            hash: hasher.finish(),
        }
    }

    /// Reads the file at `path` (at most one byte over [`super::MAX_STATE_BYTES`]) and takes
    /// its stamp; `None` when there is no file. Never blocks: a named pipe, socket, device or
    /// folder is an error.
    pub fn read(path: &Path) -> io::Result<Option<Self>> {
        match open_regular(path) {
            Ok((file, metadata)) => {
                let bytes = read_bounded(file, metadata.len())?;
                Ok(Some(Self::new(&metadata, &bytes)))
            }
            Err(OpenFailure::Io(error)) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(OpenFailure::Io(error)) => Err(error),
            Err(OpenFailure::Special(kind)) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is {kind}, not a file", path.display()),
            )),
        }
    }

    /// Whether both stamps are of the same bytes, wherever and whenever they were taken.
    pub fn same_content(&self, other: &Self) -> bool {
        self.len == other.len && self.hash == other.hash
    }

    /// A cheap look, without reading the file: whether the file at `path` still has this
    /// identity, length and modification time. `false` means it was replaced, touched or
    /// removed (compare with [`FileStamp::read`] to know whether its content changed); `true`
    /// can miss a change made within the file system's timestamp resolution.
    pub fn looks_unchanged(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|metadata| {
            metadata.len() == self.len
                && metadata.modified().ok() == self.modified
                && identity(&metadata) == self.identity
        })
    }
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` elsewhere, below
fn identity(metadata: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_metadata: &Metadata) -> Option<(u64, u64)> {
    None
}
