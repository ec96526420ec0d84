//! Setting aside a state file that does not load, so it is never overwritten
//! ("A state file that does not load is never overwritten" in DESIGN.md).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::save::sibling;

/// Renames `path` to `<filename>.broken-<YYYYmmddTHHMMSS>` beside it (adding `-2`, `-3`, … if
/// that name is taken) and returns the new path. An existing file is never overwritten.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
    let base = sibling(path, &format!(".broken-{stamp}"));
    for counter in 1..=1000_u32 {
        let candidate = if counter == 1 {
            base.clone()
        } else {
            sibling(&base, &format!("-{counter}"))
        };
        match move_without_overwriting(path, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "too many set-aside copies of {} already exist; delete old ones",
            path.display()
        ),
    ))
}

/// Moves `from` to `to`, failing with `AlreadyExists` if `to` exists. A hard link then an
/// unlink cannot overwrite; where hard links are not supported, check then rename.
fn move_without_overwriting(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from).inspect_err(|_| {
            // Leave one name, not two, so the caller's view of what happened is true.
            if let Err(error) = fs::remove_file(to) {
                log::warn!(
                    "{} is left beside {}: {error}",
                    to.display(),
                    from.display()
                );
            }
        }),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err(error),
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::ErrorKind::AlreadyExists.into());
            }
            fs::rename(from, to)
        }
    }
}
