//! Writing files atomically: the state file, keeping the previous one as a backup ("Every
//! change autosaves at once, atomically" in DESIGN.md), and exports.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use ron::ser::PrettyConfig;
use serde::Serialize;

use super::open::{OpenFailure, open_regular};
use super::{FileStamp, MAX_STATE_BYTES, SaveError, validate};
use crate::model::{SCHEMA_VERSION, State};

/// How old a temporary file beside an export must be before a later export removes it. No
/// process holds a lock on an export, so only age tells a file left by a killed export from
/// one another export is writing right now; writing an export takes well under a second.
const STALE_EXPORT_TEMP_AGE: Duration = Duration::from_hours(1);

/// Writes `state` as the RON text of a state file: a header comment, then one field per line,
/// with short lists, renewals and trip legs kept on one line each so the file stays easy to
/// edit by hand. [`super::parse_state`] reads it back equal for any valid state.
///
/// "What is saved always loads": a state that [`validate`] refuses
/// ([`SaveError::Invalid`]) or whose text is longer than [`MAX_STATE_BYTES`]
/// ([`SaveError::TooLarge`], with both sizes) gives no text, so nothing is written. Every
/// write of a state (save, import, `export --format ron`) goes through here.
pub fn to_ron_string(state: &State) -> Result<String, SaveError> {
    let problems = validate(state);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    let text = ron_text(state)?;
    let size = text.len() as u64;
    if size > MAX_STATE_BYTES {
        return Err(SaveError::TooLarge {
            size,
            limit: MAX_STATE_BYTES,
        });
    }
    Ok(text)
}

/// The text of [`to_ron_string`], unchecked.
fn ron_text(state: &State) -> Result<String, SaveError> {
    let mut out = format!(
        "// SIM Planner state, schema version {SCHEMA_VERSION}. \
         Safe to edit by hand while the app is closed.\n(\n    version: {},\n    settings: {},\n",
        state.version,
        indent(&pretty(&state.settings, 1)?),
    );
    push_list(&mut out, "sims", &state.sims, 1)?;
    push_list(&mut out, "plans", &state.plans, 1)?;
    push_list(&mut out, "renewals", &state.renewals, 0)?;
    push_list(&mut out, "trips", &state.trips, 2)?;
    out.push_str(")\n");
    Ok(out)
}

/// `    name: [\n        item,\n    ],\n`, each item pretty up to `depth` levels.
fn push_list<T: Serialize>(
    out: &mut String,
    name: &str,
    items: &[T],
    depth: usize,
) -> Result<(), SaveError> {
    out.push_str("    ");
    out.push_str(name);
    if items.is_empty() {
        out.push_str(": [],\n");
        return Ok(());
    }
    out.push_str(": [\n");
    for item in items {
        out.push_str("        ");
        out.push_str(&indent(&indent(&pretty(item, depth)?)));
        out.push_str(",\n");
    }
    out.push_str("    ],\n");
    Ok(())
}

/// One value as RON, with line breaks down to `depth` levels and no struct names.
fn pretty<T: Serialize>(value: &T, depth: usize) -> Result<String, SaveError> {
    let config = PrettyConfig::new()
        .depth_limit(depth)
        .new_line("\n")
        .indentor("    ")
        .struct_names(false);
    ron::ser::to_string_pretty(value, config).map_err(|error| SaveError::Serialize {
        message: error.to_string(),
    })
}

/// Indents every line but the first by one level. Safe for RON from [`pretty`]: strings are
/// written escaped, so a line break is never inside a string.
fn indent(text: &str) -> String {
    text.replace('\n', "\n    ")
}

/// Saves `state` to `path` atomically, keeping the previous file as `<filename>.bak`.
///
/// The same procedure as [`write_file_atomic`], with one step more: just before the new file
/// takes the place of the old one, the old one is kept as the backup. A crash at any moment
/// leaves either the old or the new file, never a torn one, and on any error the old file is
/// left as it was. Temporary files left by a killed save are not removed: without the lock
/// one of them may be another process's save in progress ([`super::save_locked`] removes
/// them).
pub fn save(path: &Path, state: &State) -> Result<(), SaveError> {
    let text = to_ron_string(state)?;
    replace_atomically(path, text.as_bytes(), FileKind::State, Cleanup::None).map(|_| ())
}

/// Writes `bytes` to `path` atomically, so that a reader (or a crash) sees either the old file
/// or the new one, never a part of it. Used for the state file (through [`save`]) and for
/// exports.
///
/// The bytes go to a temporary file `.<filename>.tmp-*` in the same folder, which is flushed to
/// disk and then renamed over `path`; the folder is flushed last. The folder is created if
/// missing, temporary files that an earlier write left more than an hour ago are removed
/// first (a younger one may be another export being written), and writing through a symlink
/// replaces the file it points to. On unix the new file may be read by others as the umask
/// allows, like any file a program saves. On any error `path` is left as it was and the
/// temporary file is removed.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let cleanup = Cleanup::OlderThan(STALE_EXPORT_TEMP_AGE);
    replace_atomically(path, bytes, FileKind::Plain, cleanup).map(|_| ())
}

/// What [`replace_atomically`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    /// The state file: it holds numbers and payment notes, so only its owner may read it (on
    /// unix), and the file it replaces is kept as `<filename>.bak`.
    State,
    /// Any other file (an export): no backup, permissions as the umask allows.
    Plain,
}

/// Which temporary files `.<filename>.tmp-*` left by killed writes [`replace_atomically`]
/// removes before it writes. Another process may be writing one of them right now, so:
#[derive(Clone, Copy)]
pub(super) enum Cleanup {
    /// None: nothing says no one else is writing.
    None,
    /// All of them: the caller holds the state file's lock, which every writer of the state
    /// file takes, so none of them is being written.
    Locked,
    /// Those not modified for this long: no one writes a file that slowly.
    OlderThan(Duration),
}

/// The one atomic write procedure behind [`save`] and [`write_file_atomic`]. Returns the stamp
/// of the file written: its identity is the one the renamed file keeps.
pub(super) fn replace_atomically(
    path: &Path,
    bytes: &[u8],
    kind: FileKind,
    cleanup: Cleanup,
) -> Result<FileStamp, SaveError> {
    let target = resolve_symlink(path);
    let Some((folder, file_name)) = folder_and_name(&target) else {
        return Err(SaveError::Write {
            path: target,
            source: io::Error::new(
                io::ErrorKind::InvalidInput,
                "this names a folder, not a file; give a file name such as state.ron",
            ),
        });
    };
    fs::create_dir_all(&folder).map_err(|source| SaveError::CreateFolder {
        path: folder.clone(),
        source,
    })?;
    let temp_prefix = temp_prefix(&file_name);
    remove_stale_temp_files(&folder, &temp_prefix, cleanup);

    let write_error = |source| SaveError::Write {
        path: target.clone(),
        source,
    };
    // Dropping `temp` on any early return removes the temporary file.
    let mut builder = tempfile::Builder::new();
    builder.prefix(&temp_prefix);
    #[cfg(unix)]
    if kind == FileKind::Plain {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&folder).map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    let stamp = FileStamp::new(&temp.as_file().metadata().map_err(write_error)?, bytes);

    if kind == FileKind::State && target.exists() {
        let backup = sibling(&target, ".bak");
        keep_backup(&target, &backup, &folder, &temp_prefix).map_err(|source| {
            SaveError::Backup {
                path: backup.clone(),
                source,
            }
        })?;
    }
    temp.persist(&target).map_err(|error| SaveError::Replace {
        path: target.clone(),
        source: error.error,
    })?;
    sync_folder(&folder);
    Ok(stamp)
}

/// Saving through a symlink replaces the file it points to, not the link.
pub(super) fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

/// The folder (`.` for a bare file name) and the file name of `path`; `None` when `path` ends
/// in `..` or is a root, so names no file.
fn folder_and_name(path: &Path) -> Option<(PathBuf, OsString)> {
    let name = path.file_name()?.to_owned();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    Some((folder, name))
}

/// `.<filename>.tmp-`: hidden, and recognisable as ours when left behind.
fn temp_prefix(file_name: &OsString) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(file_name);
    prefix.push(".tmp-");
    prefix
}

/// `path` with `suffix` added to its file name.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes `<prefix>*` files from `folder`, left by a save that was killed before its rename,
/// as `cleanup` allows. Failing to remove one is harmless (it is tried again next time), so
/// errors are ignored.
fn remove_stale_temp_files(folder: &Path, prefix: &OsString, cleanup: Cleanup) {
    let min_age = match cleanup {
        Cleanup::None => return,
        Cleanup::Locked => Duration::ZERO,
        Cleanup::OlderThan(age) => age,
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    let prefix = prefix.as_encoded_bytes();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.as_encoded_bytes().starts_with(prefix) {
            continue;
        }
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        // A file whose age cannot be told is left alone, unless the lock says it is no one's.
        let old_enough = min_age.is_zero()
            || metadata
                .modified()
                .ok()
                .and_then(|modified| now.duration_since(modified).ok())
                .is_some_and(|age| age >= min_age);
        if metadata.is_file()
            && old_enough
            && let Err(error) = fs::remove_file(entry.path())
        {
            // Harmless: it is tried again on the next save.
            log::debug!("could not remove {}: {error}", entry.path().display());
        }
    }
}

/// Makes `backup` a copy of `target` without ever leaving a torn backup: the copy (a hard link
/// where the file system allows it) is made under a temporary name, then renamed over `backup`.
fn keep_backup(
    target: &Path,
    backup: &Path,
    folder: &Path,
    temp_prefix: &OsString,
) -> io::Result<()> {
    let copy = tempfile::Builder::new()
        .prefix(temp_prefix)
        .make_in(folder, |temp_path| {
            match fs::hard_link(target, temp_path) {
                Ok(()) => Ok(()),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
                // File systems without hard links (FAT, some network shares): copy instead.
                Err(_) => copy_file(target, temp_path),
            }
        })?;
    let copy_path = copy.path().to_owned();
    copy.persist(backup).map_err(|error| error.error)?;
    // When a save was killed after keeping the backup but before replacing the file, `backup`
    // and `target` are links to one file, and then POSIX rename does nothing and leaves the
    // temporary name behind. In every other case it is gone, and this finds nothing to remove.
    if let Err(error) = fs::remove_file(&copy_path)
        && error.kind() != io::ErrorKind::NotFound
    {
        log::warn!("could not remove {}: {error}", copy_path.display());
    }
    Ok(())
}

/// Copies `from` to a new file `to` (which must not exist) and flushes it to disk.
fn copy_file(from: &Path, to: &Path) -> io::Result<()> {
    let (mut source, _) = open_regular(from).map_err(|failure| match failure {
        OpenFailure::Io(error) => error,
        OpenFailure::Special(kind) => io::Error::new(io::ErrorKind::InvalidInput, kind),
    })?;
    let mut copy = OpenOptions::new().write(true).create_new(true).open(to)?;
    let copied = io::copy(&mut source, &mut copy).and_then(|_| copy.sync_all());
    if copied.is_err() {
        // Not yet owned by a `NamedTempFile`, so nothing else would remove it.
        if let Err(error) = fs::remove_file(to) {
            log::warn!(
                "could not remove the partial copy {}: {error}",
                to.display()
            );
        }
    }
    copied
}

/// Flushes the folder so the renames survive a power cut. Not every platform can open or sync
/// a folder (Windows cannot), and the new file is already in place, so errors are ignored.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder)
        && let Err(error) = dir.sync_all()
    {
        log::debug!("could not flush the folder {}: {error}", folder.display());
    }
}
