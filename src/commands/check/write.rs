//! Writing fixed files: only the file that was read, unchanged since, never through a
//! link that leaves the checked folders, and atomically.

use std::io::Write;
use std::path::Path;

/// Why a fixed file was not written.
#[derive(Debug)]
pub(super) enum Refused {
    /// The file changed on disk after it was read: someone is editing it.
    Changed,
    /// A symbolic link to a file outside the folders being checked.
    OutsideLink(std::path::PathBuf),
    Io(std::io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Changed => f.write_str(
                "the file changed on disk while copydesk was checking it, so the fixes were not written",
            ),
            Refused::OutsideLink(target) => write!(
                f,
                "it is a symbolic link to {}, outside the folders being checked, so the fixes were not written",
                target.display()
            ),
            Refused::Io(e) => e.fmt(f),
        }
    }
}

/// Writes fixes to `path`, which held `original` when it was read. Refuses when the file
/// has changed since, or when it is a symbolic link to a file outside `roots` (canonical
/// folders being checked); a link inside them is followed, so the link stays a link.
pub(super) fn write_fixed(
    path: &Path,
    original: &str,
    fixed: &str,
    roots: &[std::path::PathBuf],
) -> Result<(), Refused> {
    let is_link = std::fs::symlink_metadata(path)
        .map_err(Refused::Io)?
        .file_type()
        .is_symlink();
    let target = if is_link {
        let target = std::fs::canonicalize(path).map_err(Refused::Io)?;
        if !roots.iter().any(|r| target.starts_with(r)) {
            return Err(Refused::OutsideLink(target));
        }
        target
    } else {
        path.to_path_buf()
    };
    let now = std::fs::read(&target).map_err(Refused::Io)?;
    if now != original.as_bytes() {
        return Err(Refused::Changed);
    }
    write_atomically(&target, fixed).map_err(Refused::Io)
}

/// Replaces a file's content atomically: a temporary file in the same folder, with the
/// original's permissions, renamed over it. A crash leaves the old or the new file, never
/// half of one.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".copydesk-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_reading_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "edited by someone").unwrap();
        let r = write_fixed(&path, "as read", "fixed", &[]);
        assert!(matches!(r, Err(Refused::Changed)), "{r:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by someone");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_checked_folders_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        let inside = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(inside.path()).unwrap();
        let target = outside.path().join("t.md");
        std::fs::write(&target, "old").unwrap();
        let link = inside.path().join("l.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let r = write_fixed(&link, "old", "new", std::slice::from_ref(&root));
        assert!(matches!(r, Err(Refused::OutsideLink(_))), "{r:?}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");

        // A link to a file inside is followed and stays a link.
        let inner = inside.path().join("real.md");
        std::fs::write(&inner, "old").unwrap();
        let link2 = inside.path().join("l2.md");
        std::os::unix::fs::symlink(&inner, &link2).unwrap();
        write_fixed(&link2, "old", "new", &[root]).unwrap();
        assert_eq!(std::fs::read_to_string(&inner).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&link2)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn atomic_write_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
