//! What a commit or a branch changes, read with libgit2 (no `git` binary needed).
//!
//! - [`Repository::staged`]: the index against `HEAD` — exactly what the next commit holds,
//!   with the staged bytes, so a pre-commit hook judges the commit and not the working tree.
//! - [`Repository::changed`]: the merge base of a base branch and `HEAD` against the working
//!   tree (staged, unstaged and untracked files included). Diffing from the merge base is
//!   three-dot semantics: what the base branch did after the branch point is not this
//!   branch's change.
//!
//! Both report, per file the caller keeps (`check` keeps the files its configuration
//! selects: Markdown, not excluded), the new-side lines that were added or modified, which
//! `--changed-lines` uses to hide findings on lines nobody touched.

pub mod hook;

use std::path::{Path, PathBuf};

use git2::{Delta, DiffFindOptions, DiffOptions, ErrorCode, FileMode, Oid};

use crate::error::Error;

/// The bases tried, in order, when `--since` is not given.
const DEFAULT_BASES: &[&str] = &[
    "refs/remotes/origin/HEAD",
    "main",
    "master",
    "origin/main",
    "origin/master",
];

/// Lines (1-based, of the new text) that a change added or modified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangedLines {
    /// Every line counts as changed (a binary-looking diff).
    All,
    /// Sorted line numbers; empty for a pure rename or a mode change.
    Some(Vec<usize>),
}

impl ChangedLines {
    /// Whether any line from `first` to `last` (1-based, inclusive) changed.
    pub fn touches(&self, first: usize, last: usize) -> bool {
        match self {
            ChangedLines::All => true,
            ChangedLines::Some(lines) => {
                let i = lines.partition_point(|&l| l < first);
                lines.get(i).is_some_and(|&l| l <= last)
            }
        }
    }
}

/// A file that a commit or branch adds or modifies.
#[derive(Debug, Clone)]
pub struct ChangedFile {
    /// Absolute path in the working tree (where configuration is looked for).
    pub path: PathBuf,
    /// The staged bytes, for `--staged`; `None` means the working tree's file.
    pub staged: Option<Vec<u8>>,
    pub lines: ChangedLines,
}

/// A non-bare repository and its working tree.
pub struct Repository {
    repo: git2::Repository,
    workdir: PathBuf,
}

impl std::fmt::Debug for Repository {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repository")
            .field("workdir", &self.workdir)
            .finish_non_exhaustive()
    }
}

fn git_error(message: impl Into<String>, help: Option<&str>) -> Error {
    Error::Git {
        message: message.into(),
        help: help.map(str::to_string),
    }
}

/// libgit2's own words for a failure we did not anticipate.
fn unexpected(what: &str, e: &git2::Error) -> Error {
    git_error(format!("{what}: {}", e.message()), None)
}

impl Repository {
    /// The repository holding `start` (a folder), or an error saying why there is none.
    pub fn discover(start: &Path) -> Result<Self, Error> {
        let repo = git2::Repository::discover(start).map_err(|e| {
            if e.code() == ErrorCode::NotFound {
                git_error(
                    format!(
                        "`{}` is not inside a git repository",
                        start.display()
                    ),
                    Some(
                        "--staged, --changed and `hook` work in a git repository; run copydesk from inside one, or check paths without these options",
                    ),
                )
            } else {
                unexpected("cannot open the git repository", &e)
            }
        })?;
        let bare = || {
            git_error(
                format!(
                    "`{}` is a bare repository: it has no working tree to check",
                    repo.path().display()
                ),
                Some("run copydesk in a clone with a working tree"),
            )
        };
        if repo.is_bare() {
            return Err(bare());
        }
        let workdir = repo.workdir().ok_or_else(bare)?.to_path_buf();
        let workdir = std::fs::canonicalize(&workdir).unwrap_or(workdir);
        Ok(Self { repo, workdir })
    }

    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    pub(crate) fn inner(&self) -> &git2::Repository {
        &self.repo
    }

    /// The tree of `HEAD`, or `None` before the first commit.
    fn head_tree(&self) -> Result<Option<git2::Tree<'_>>, Error> {
        match self.repo.head() {
            Ok(head) => head
                .peel_to_tree()
                .map(Some)
                .map_err(|e| unexpected("cannot read HEAD", &e)),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => Ok(None),
            Err(e) => Err(unexpected("cannot read HEAD", &e)),
        }
    }

    /// Added, modified, renamed and copied files of the index that `keep` accepts (given
    /// the path in the working tree), with their staged bytes. Deleted files are skipped.
    pub fn staged(&self, keep: &dyn Fn(&Path) -> bool) -> Result<Vec<ChangedFile>, Error> {
        let head = self.head_tree()?;
        let mut opts = diff_options();
        let mut diff = self
            .repo
            .diff_tree_to_index(head.as_ref(), None, Some(&mut opts))
            .map_err(|e| unexpected("cannot compare the index with HEAD", &e))?;
        self.collect(&mut diff, true, keep)
    }

    /// Files that `keep` accepts and that differ between the merge base of `since` (or
    /// the default branch) and `HEAD`, and the working tree, untracked files included.
    /// Returns the files and the base's name.
    pub fn changed(
        &self,
        since: Option<&str>,
        keep: &dyn Fn(&Path) -> bool,
    ) -> Result<(Vec<ChangedFile>, String), Error> {
        let (base, name) = self.base(since)?;
        let merge_base = match self.repo.head().and_then(|h| h.peel_to_commit()) {
            Ok(head) => Some(self.merge_base(base, head.id(), &name)?),
            // No commit yet: every file of the working tree is new.
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => None,
            Err(e) => return Err(unexpected("cannot read HEAD", &e)),
        };
        let tree = match merge_base {
            Some(oid) => Some(
                self.repo
                    .find_commit(oid)
                    .and_then(|c| c.tree())
                    .map_err(|e| unexpected("cannot read the merge base", &e))?,
            ),
            None => None,
        };
        let mut opts = diff_options();
        opts.include_untracked(true)
            .recurse_untracked_dirs(true)
            .show_untracked_content(true);
        let mut diff = self
            .repo
            .diff_tree_to_workdir_with_index(tree.as_ref(), Some(&mut opts))
            .map_err(|e| unexpected("cannot compare the working tree with the base", &e))?;
        Ok((self.collect(&mut diff, false, keep)?, name))
    }

    /// The commit to compare with: `since`, or the first default base that exists.
    fn base(&self, since: Option<&str>) -> Result<(Oid, String), Error> {
        let peel = |spec: &str| {
            self.repo
                .revparse_single(spec)
                .and_then(|o| o.peel_to_commit())
                .map(|c| c.id())
        };
        if let Some(spec) = since {
            return peel(spec).map(|oid| (oid, spec.to_string())).map_err(|_| {
                git_error(
                    format!("unknown revision `{spec}`: no branch, tag or commit has that name"),
                    Some(
                        "name a branch, tag or commit that exists locally; in CI fetch it first, e.g. `git fetch origin main` and use `--since origin/main`",
                    ),
                )
            });
        }
        for spec in DEFAULT_BASES {
            if let Ok(oid) = peel(spec) {
                let name = spec.strip_prefix("refs/remotes/").unwrap_or(spec);
                return Ok((oid, name.to_string()));
            }
        }
        Err(git_error(
            "cannot tell which branch to compare with: there is no origin/HEAD, main or master",
            Some("name the base branch with `--since REF`, e.g. `--since origin/develop`"),
        ))
    }

    fn merge_base(&self, base: Oid, head: Oid, name: &str) -> Result<Oid, Error> {
        self.repo.merge_base(base, head).map_err(|e| {
            if e.code() != ErrorCode::NotFound {
                unexpected("cannot find the merge base", &e)
            } else if self.repo.is_shallow() {
                git_error(
                    format!(
                        "`{name}` and HEAD have no common commit in this shallow clone, so the branch's changes cannot be told apart"
                    ),
                    Some(
                        "fetch more history: `git fetch --unshallow` (or `git fetch --deepen=100`); with actions/checkout set `fetch-depth: 0`",
                    ),
                )
            } else {
                git_error(
                    format!("`{name}` and HEAD share no history: there is no merge base"),
                    Some("name a base branch that HEAD was created from with `--since REF`"),
                )
            }
        })
    }

    /// The files of a diff that `keep` accepts, and their changed lines.
    fn collect(
        &self,
        diff: &mut git2::Diff<'_>,
        staged: bool,
        keep: &dyn Fn(&Path) -> bool,
    ) -> Result<Vec<ChangedFile>, Error> {
        let mut find = DiffFindOptions::new();
        find.renames(true).for_untracked(true);
        diff.find_similar(Some(&mut find))
            .map_err(|e| unexpected("cannot detect renames", &e))?;
        let mut files = Vec::new();
        for (i, delta) in diff.deltas().enumerate() {
            if !matches!(
                delta.status(),
                Delta::Added
                    | Delta::Modified
                    | Delta::Renamed
                    | Delta::Copied
                    | Delta::Untracked
                    | Delta::Typechange
            ) {
                continue;
            }
            let new = delta.new_file();
            if !matches!(new.mode(), FileMode::Blob | FileMode::BlobExecutable) {
                continue;
            }
            let Some(rel) = new.path() else { continue };
            let path = self.workdir.join(rel);
            if !keep(&path) {
                continue;
            }
            let lines = changed_lines(diff, i)?;
            let staged_bytes = if staged {
                let blob = self
                    .repo
                    .find_blob(new.id())
                    .map_err(|e| unexpected(&format!("cannot read `{}`", rel.display()), &e))?;
                Some(blob.content().to_vec())
            } else {
                None
            };
            files.push(ChangedFile {
                path,
                staged: staged_bytes,
                lines,
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

fn diff_options() -> DiffOptions {
    let mut opts = DiffOptions::new();
    opts.context_lines(0).ignore_submodules(true);
    opts
}

/// The new-side numbers of the lines delta `i` adds.
fn changed_lines(diff: &git2::Diff<'_>, i: usize) -> Result<ChangedLines, Error> {
    let patch =
        git2::Patch::from_diff(diff, i).map_err(|e| unexpected("cannot read a diff", &e))?;
    let binary = diff.get_delta(i).is_some_and(|d| d.flags().is_binary());
    // No patch: the content is unchanged (a rename, a mode change) or binary.
    let Some(patch) = patch.filter(|_| !binary) else {
        return Ok(if binary {
            ChangedLines::All
        } else {
            ChangedLines::Some(Vec::new())
        });
    };
    let mut lines = Vec::new();
    for hunk in 0..patch.num_hunks() {
        let count = patch.num_lines_in_hunk(hunk).unwrap_or(0);
        for l in 0..count {
            let Ok(line) = patch.line_in_hunk(hunk, l) else {
                continue;
            };
            if line.origin() == '+'
                && let Some(n) = line.new_lineno()
            {
                lines.push(n as usize);
            }
        }
    }
    lines.sort_unstable();
    lines.dedup();
    Ok(ChangedLines::Some(lines))
}

#[cfg(test)]
mod tests {
    use super::ChangedLines;

    #[test]
    fn touches_checks_the_inclusive_range() {
        let lines = ChangedLines::Some(vec![3, 7]);
        assert!(lines.touches(3, 3));
        assert!(lines.touches(1, 3));
        assert!(lines.touches(4, 9));
        assert!(!lines.touches(4, 6));
        assert!(!lines.touches(8, 100));
        assert!(!ChangedLines::Some(vec![]).touches(1, 1));
        assert!(ChangedLines::All.touches(5, 5));
    }
}
