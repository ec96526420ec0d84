//! One writer at a time: an advisory lock on `<state file>.lock` beside the state file ("a
//! second window opens read-only, the CLI's `import` waits briefly, then fails with a message"
//! in DESIGN.md).
//!
//! The lock is `std::fs::File::lock` (`flock` on unix, `LockFileEx` on Windows) on the lock
//! file, held for as long as the [`StateLock`] lives; the system lets it go when the process
//! ends, however it ends, so a crash never leaves the state locked. The holder writes its
//! process id into the lock file so that the one refused can say who has the file. The lock
//! file itself is never removed: removing it while another process waits on it would let two
//! processes lock two different files of the same name.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::open::{non_blocking, special_kind};
use super::save::{resolve_symlink, sibling};

/// How long `import` waits for another writer to finish before giving up.
pub const IMPORT_LOCK_WAIT: Duration = Duration::from_secs(5);

/// How often [`StateLock::acquire_within`] tries again.
const RETRY_EVERY: Duration = Duration::from_millis(20);

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock: another window, or an `import` still running.
    #[error(
        "{state} is in use by another SIM Planner ({holder}). Close the other window or wait \
         for the other import to finish, then try again",
        state = .state.display(),
        holder = holder_text(*.holder)
    )]
    Held {
        state: PathBuf,
        /// The process id the holder wrote into the lock file, when it could be read.
        holder: Option<u32>,
    },

    /// The lock file could not be opened or locked (a read-only folder, a file system without
    /// locks).
    #[error(
        "could not lock {path}: {source}. Check that you may write to the folder of the state \
         file",
        path = .path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn holder_text(holder: Option<u32>) -> String {
    holder.map_or_else(
        || "process id unknown".to_owned(),
        |pid| format!("process {pid}"),
    )
}

/// The right to write one state file, for as long as it lives. Dropping it lets the lock go.
///
/// The window takes it with [`StateLock::try_acquire`] when it opens a file (and opens the
/// file read-only when that fails); `import` takes it with [`StateLock::acquire_within`] for
/// its whole read-modify-write. The saves that clean up after killed saves and that compare
/// the file before writing ([`super::save_locked`], [`super::save_if_unchanged`]) take it as
/// proof that no other SIM Planner is writing the same file.
#[derive(Debug)]
pub struct StateLock {
    file: File,
    state_path: PathBuf,
    lock_path: PathBuf,
}

impl StateLock {
    /// Takes the lock of the state file at `state_path` if no one holds it, without waiting.
    ///
    /// The lock file is `<state file>.lock` beside the file the path leads to (through a
    /// symlink, as saving does), and its folder is created if missing. Fails with
    /// [`LockError::Held`], naming the holder's process id, when another process holds it.
    pub fn try_acquire(state_path: &Path) -> Result<Self, LockError> {
        let state = resolve_symlink(state_path);
        let lock_path = sibling(&state, ".lock");
        let io_error = |source| LockError::Io {
            path: lock_path.clone(),
            source,
        };
        if let Some(folder) = lock_path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(folder).map_err(io_error)?;
        }
        let mut file = open_lock_file(&lock_path).map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Held {
                    state: state_path.to_owned(),
                    holder: read_holder(&mut file),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io_error(source)),
        }
        write_holder(&mut file).map_err(io_error)?;
        Ok(Self {
            file,
            state_path: state,
            lock_path,
        })
    }

    /// Takes the lock, trying again every few milliseconds while another process holds it,
    /// for at most `wait`; then fails with [`LockError::Held`] naming the holder.
    pub fn acquire_within(state_path: &Path, wait: Duration) -> Result<Self, LockError> {
        let deadline = Instant::now() + wait;
        loop {
            match Self::try_acquire(state_path) {
                Err(LockError::Held { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(RETRY_EVERY);
                }
                result => return result,
            }
        }
    }

    /// The state file this lock is for (through a symlink, the file it leads to).
    pub fn state_path(&self) -> &Path {
        &self.state_path
    }

    /// The lock file, `<state file>.lock`.
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // Still locked here: clear the process id so no one reads a stale one, then let the
        // lock go (closing the file would too).
        if let Err(error) = self.file.set_len(0) {
            log::debug!("could not clear {}: {error}", self.lock_path.display());
        }
        if let Err(error) = self.file.unlock() {
            log::warn!("could not unlock {}: {error}", self.lock_path.display());
        }
    }
}

/// Opens (creating) the lock file for reading and writing, without blocking and only if it is
/// a regular file.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    non_blocking(&mut options);
    let file = options.open(path)?;
    if let Some(kind) = special_kind(&file.metadata()?) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is {kind}, not a lock file", path.display()),
        ));
    }
    Ok(file)
}

/// Writes this process's id into the locked file.
fn write_holder(file: &mut File) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{}", std::process::id())
}

/// The process id in the lock file, if it can be read (on Windows the holder's lock keeps
/// others from reading it). The holder may have locked but not yet written it: then `None`.
fn read_holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}
