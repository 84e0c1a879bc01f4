//! `copydesk hook install|uninstall`: a git pre-commit hook that runs
//! `copydesk check --staged`, so a commit holding an article that breaks the policy is
//! refused with the findings on screen.
//!
//! The hook goes where git looks for hooks: `core.hooksPath` when set (relative to the
//! working tree), else `hooks/` in the repository's common git folder (shared by all its
//! worktrees). A hook copydesk did not write is never replaced without `--force`, and then
//! it is kept as `pre-commit.copydesk-backup`, which `uninstall` puts back.

use std::path::{Path, PathBuf};

use super::Repository;
use crate::error::Error;

/// The line that marks a hook as ours.
const MARKER: &str = "# Installed by `copydesk hook install`.";
const BACKUP_SUFFIX: &str = "copydesk-backup";

/// What happened, for the message shown to the user.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Installed {
        path: PathBuf,
        backup: Option<PathBuf>,
    },
    Updated {
        path: PathBuf,
    },
    Removed {
        path: PathBuf,
        restored: bool,
    },
    NotInstalled {
        path: PathBuf,
    },
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Installed { path, backup } => {
                write!(
                    f,
                    "installed the pre-commit hook at {}: commits now run `copydesk check --staged`",
                    path.display()
                )?;
                if let Some(b) = backup {
                    write!(f, "\nthe previous hook was kept as {}", b.display())?;
                }
                Ok(())
            }
            Outcome::Updated { path } => {
                write!(
                    f,
                    "updated the copydesk pre-commit hook at {}",
                    path.display()
                )
            }
            Outcome::Removed { path, restored } => {
                write!(
                    f,
                    "removed the copydesk pre-commit hook at {}",
                    path.display()
                )?;
                if *restored {
                    write!(f, "\nthe hook it had replaced was put back")?;
                }
                Ok(())
            }
            Outcome::NotInstalled { path } => {
                write!(f, "no copydesk pre-commit hook at {}", path.display())
            }
        }
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::io(&path.display().to_string(), e)
}

/// Where git runs hooks from in this repository.
pub fn hooks_dir(repo: &Repository) -> PathBuf {
    let configured = repo
        .inner()
        .config()
        .and_then(|c| c.get_path("core.hooksPath"))
        .ok();
    match configured {
        Some(p) if p.is_absolute() => p,
        Some(p) => repo.workdir().join(p),
        None => repo.inner().commondir().join("hooks"),
    }
}

/// The hook script. The binary that installs the hook is called by its full path, so the
/// hook works even when copydesk is not on the PATH git runs with (GUI clients); if that
/// binary has moved, the one on the PATH is used.
fn script(exe: Option<&Path>) -> String {
    let exe = exe
        .map(|p| p.display().to_string().replace('\'', r"'\''"))
        .unwrap_or_default();
    format!(
        "#!/bin/sh\n{MARKER}\n# Checks the staged Markdown files against the editorial policy before each commit.\n# Remove it with `copydesk hook uninstall`; skip it once with `git commit --no-verify`.\ncopydesk='{exe}'\nif [ ! -x \"$copydesk\" ]; then copydesk=copydesk; fi\nexec \"$copydesk\" check --staged\n"
    )
}

fn is_ours(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARKER))
}

fn backup_path(hook: &Path) -> PathBuf {
    hook.with_extension(BACKUP_SUFFIX)
}

pub fn install(repo: &Repository, force: bool) -> Result<Outcome, Error> {
    let dir = hooks_dir(repo);
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
    let hook = dir.join("pre-commit");
    let exists = hook.symlink_metadata().is_ok();
    let ours = exists && is_ours(&hook);
    let mut backup = None;
    if exists && !ours {
        if !force {
            return Err(Error::Git {
                message: format!(
                    "a pre-commit hook that copydesk did not write is already installed at {}",
                    hook.display()
                ),
                help: Some(
                    "run `copydesk hook install --force` to replace it (it is kept as a backup), or call `copydesk check --staged` from your hook".into(),
                ),
            });
        }
        let to = backup_path(&hook);
        std::fs::rename(&hook, &to).map_err(|e| io_error(&hook, &e))?;
        backup = Some(to);
    }
    let exe = std::env::current_exe().ok();
    std::fs::write(&hook, script(exe.as_deref())).map_err(|e| io_error(&hook, &e))?;
    make_executable(&hook)?;
    Ok(if ours {
        Outcome::Updated { path: hook }
    } else {
        Outcome::Installed { path: hook, backup }
    })
}

pub fn uninstall(repo: &Repository) -> Result<Outcome, Error> {
    let hook = hooks_dir(repo).join("pre-commit");
    if hook.symlink_metadata().is_err() {
        return Ok(Outcome::NotInstalled { path: hook });
    }
    if !is_ours(&hook) {
        return Err(Error::Git {
            message: format!(
                "the pre-commit hook at {} was not installed by copydesk; leaving it alone",
                hook.display()
            ),
            help: Some("remove it by hand if you no longer want it".into()),
        });
    }
    std::fs::remove_file(&hook).map_err(|e| io_error(&hook, &e))?;
    let backup = backup_path(&hook);
    let restored = backup.is_file() && std::fs::rename(&backup, &hook).is_ok();
    Ok(Outcome::Removed {
        path: hook,
        restored,
    })
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(path)
        .map_err(|e| io_error(path, &e))?
        .permissions();
    perms.set_mode(perms.mode() | 0o755);
    std::fs::set_permissions(path, perms).map_err(|e| io_error(path, &e))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), Error> {
    // Git for Windows runs hooks through its own sh; no permission bit is needed.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_quotes_the_binary_path() {
        let s = script(Some(Path::new("/opt/it's/copydesk")));
        assert!(s.contains(r"copydesk='/opt/it'\''s/copydesk'"), "{s}");
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(s.contains(MARKER));
        assert!(s.ends_with("exec \"$copydesk\" check --staged\n"));
    }
}
