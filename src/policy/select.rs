//! Which files `check` reads: the `exclude`, `extend-exclude`, `include` and
//! `force-exclude` keys of `copydesk.toml`, and `--exclude` / `--force-exclude`, with
//! ruff's semantics.
//!
//! - A folder walk leaves out excluded files and folders (it does not enter an excluded
//!   folder) and keeps the files `include` matches (by default `*.md` and `*.markdown`,
//!   in any case: [`is_markdown`]).
//! - `--staged`, `--changed` and the hook leave out a file that is excluded or lies in an
//!   excluded folder, and keep the files `include` matches: they pass paths nobody chose.
//! - A path named on the command line is checked whatever it is, unless force-exclude is
//!   on (as the pre-commit framework names files): then an excluded one is left out.
//!
//! `exclude` replaces [`DEFAULT_EXCLUDE`], `extend-exclude` adds to it. Patterns are
//! relative to the folder of the configuration file that sets them (`--exclude` and the
//! defaults without a configuration: the current folder); a path outside that folder is
//! matched by its name. The configuration of a file or folder is the one that governs the
//! folder holding it, found as for policies ([`Discovery`]). A configuration that cannot
//! be read, or holds a bad glob, is reported once and its files get the defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use globset::GlobSet;

use super::discover::{ConfigChoice, Discovery};
use super::load::{parse, read_pack};
use super::schema::{RawFile, path_globs};
use super::spans::SpanIndex;
use crate::error::Error;
use crate::source::is_markdown;

/// What is left out when a configuration does not set `exclude`: folders of tools and
/// the usual files of a repository that are not articles. Matched without case.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    ".git",
    ".github",
    ".gitlab",
    "node_modules",
    "target",
    "vendor",
    "README.md",
    "CHANGELOG.md",
    "LICENSE.md",
    "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
];

const GLOB_HELP: &str = "globs are relative to the configuration file's folder; `*` stays within a folder, `**` crosses folders, and a pattern without `/` matches a file or folder name at any depth, e.g. \"drafts\" or \"archive/**/*.md\"";

/// A bad pattern of a configuration file: where it is (`exclude.2`) and why.
#[derive(Debug)]
pub(super) struct BadGlob {
    pub(super) key: String,
    pub(super) message: String,
}

impl BadGlob {
    pub(super) const LABEL: &'static str = "this pattern";

    pub(super) fn help() -> String {
        GLOB_HELP.to_string()
    }
}

/// `drafts/` and `./drafts` mean `drafts`.
fn normalise(pattern: &str) -> String {
    let p = pattern.strip_prefix("./").unwrap_or(pattern);
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() { p } else { trimmed }.to_string()
}

/// A configuration's patterns (`key` names them in errors), which heed case.
fn compile(key: &str, patterns: &[String]) -> Result<GlobSet, BadGlob> {
    let normalised: Vec<String> = patterns.iter().map(|p| normalise(p)).collect();
    path_globs(&normalised, false).map_err(|(i, reason)| BadGlob {
        key: format!("{key}.{i}"),
        message: format!(
            "invalid glob `{}` in `{key}`: {reason}",
            patterns.get(i).map_or("", String::as_str)
        ),
    })
}

/// The file-choosing keys of a configuration file, compiled: the exclusions (the defaults
/// or `exclude`, then `extend-exclude`) and `include`.
fn compile_keys(raw: &RawFile) -> Result<(Vec<GlobSet>, Option<GlobSet>), BadGlob> {
    let mut exclude = match &raw.exclude {
        Some(patterns) => vec![compile("exclude", patterns)?],
        None => vec![default_exclude()],
    };
    if !raw.extend_exclude.is_empty() {
        exclude.push(compile("extend-exclude", &raw.extend_exclude)?);
    }
    let include = raw
        .include
        .as_ref()
        .map(|p| compile("include", p))
        .transpose()?;
    Ok((exclude, include))
}

/// Checks the file-choosing keys of a configuration file (for the policy loader, so that
/// `rules` and `policy show` report a bad glob too).
pub(super) fn validate(raw: &RawFile) -> Result<(), BadGlob> {
    compile_keys(raw).map(|_| ())
}

fn default_exclude() -> GlobSet {
    let patterns: Vec<String> = DEFAULT_EXCLUDE.iter().map(|p| (*p).to_string()).collect();
    path_globs(&patterns, true).unwrap_or_else(|_| GlobSet::empty())
}

/// Globs relative to a folder: a path matches when any of the sets matches it.
#[derive(Debug)]
struct Globs {
    dir: PathBuf,
    sets: Vec<GlobSet>,
}

impl Globs {
    /// Whether `path` matches (below `dir`: its relative path; elsewhere: its name), and
    /// whether it lies strictly below `dir`.
    fn test(&self, path: &Path) -> (bool, bool) {
        let (candidate, inside) = match path.strip_prefix(&self.dir) {
            Ok(rel) if !rel.as_os_str().is_empty() => (rel, true),
            Ok(_) => return (false, false),
            Err(_) => match path.file_name() {
                Some(name) => (Path::new(name), false),
                None => return (false, false),
            },
        };
        (self.sets.iter().any(|s| s.is_match(candidate)), inside)
    }
}

/// What one configuration file (or the defaults) says about which files are checked.
#[derive(Debug)]
struct FileSet {
    exclude: Globs,
    /// `None`: the Markdown extensions.
    include: Option<Globs>,
    force_exclude: bool,
}

impl FileSet {
    fn defaults(dir: PathBuf) -> Self {
        Self {
            exclude: Globs {
                dir,
                sets: vec![default_exclude()],
            },
            include: None,
            force_exclude: false,
        }
    }

    fn read(config: &Path) -> Result<Self, Error> {
        let name = config.display().to_string();
        let text = read_pack(config).map_err(|e| Error::io(&name, &e))?;
        let raw = parse(&name, &text)?;
        let (exclude, include) = compile_keys(&raw).map_err(|bad| {
            let span = SpanIndex::new(&text).value_span(&bad.key);
            Error::policy(
                &name,
                &text,
                span.unwrap_or(0..0),
                bad.message,
                BadGlob::LABEL,
                Some(BadGlob::help()),
            )
        })?;
        let dir = match config.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        Ok(Self {
            exclude: Globs {
                dir: dir.clone(),
                sets: exclude,
            },
            include: include.map(|set| Globs {
                dir,
                sets: vec![set],
            }),
            force_exclude: raw.force_exclude.unwrap_or(false),
        })
    }
}

/// Decides which files a run checks; shared by the folder walker (hence the lock) and
/// cheap to clone. Paths given to it are absolute and without symbolic links.
#[derive(Debug, Clone)]
pub struct Selector {
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    discovery: Discovery,
    /// Configuration file -> what it selects.
    sets: HashMap<PathBuf, Arc<FileSet>>,
    /// Without a configuration file.
    builtin: Arc<FileSet>,
    /// `--exclude`, relative to the current folder.
    cli: Option<Globs>,
    /// `--force-exclude`.
    force_exclude: bool,
    /// Configuration files that could not be read, each once.
    errors: Vec<Error>,
}

impl Selector {
    /// `exclude`: the `--exclude` globs (relative to the current folder), on top of the
    /// configuration's; `force_exclude`: `--force-exclude`. A bad glob is a usage error.
    pub fn new(
        choice: ConfigChoice,
        exclude: &[String],
        force_exclude: bool,
    ) -> Result<Self, Error> {
        let cwd = std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .unwrap_or_else(|_| PathBuf::from("."));
        let cli = if exclude.is_empty() {
            None
        } else {
            let set = compile("--exclude", exclude).map_err(|bad| {
                Error::Usage(
                    bad.message
                        .replace(" in `--exclude`", " given to --exclude"),
                )
            })?;
            Some(Globs {
                dir: cwd.clone(),
                sets: vec![set],
            })
        };
        Ok(Self {
            state: Arc::new(Mutex::new(State {
                discovery: Discovery::new(choice),
                sets: HashMap::new(),
                builtin: Arc::new(FileSet::defaults(cwd)),
                cli,
                force_exclude,
                errors: Vec::new(),
            })),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether a folder walk keeps an entry found below the folder it started from: a
    /// folder to enter, or a file to check.
    pub fn walk_keeps(&self, path: &Path, is_dir: bool) -> bool {
        let mut state = self.lock();
        if state.excluded_here(path).0 {
            return false;
        }
        is_dir || state.included(path)
    }

    /// Whether a file that git reports (`--staged`, `--changed`) is checked: included,
    /// and neither it nor a folder above it (below the configuration's folder) excluded.
    pub fn git_keeps(&self, path: &Path) -> bool {
        let mut state = self.lock();
        state.included(path) && !state.excluded_with_folders(path)
    }

    /// Whether a path named on the command line is left out: force-exclude is on (given
    /// or configured) and it, or a folder above it, is excluded.
    pub fn force_excluded(&self, path: &Path) -> bool {
        let mut state = self.lock();
        let forced = state.force_exclude || state.governing(path).force_exclude;
        forced && state.excluded_with_folders(path)
    }

    /// The configuration files that could not be read or hold a bad glob, each once.
    pub fn take_errors(&self) -> Vec<Error> {
        std::mem::take(&mut self.lock().errors)
    }
}

impl State {
    /// What the configuration of the folder holding `path` selects.
    fn governing(&mut self, path: &Path) -> Arc<FileSet> {
        let Some(dir) = path.parent() else {
            return Arc::clone(&self.builtin);
        };
        let Some(config) = self.discovery.config_in(dir) else {
            return Arc::clone(&self.builtin);
        };
        if let Some(set) = self.sets.get(&config) {
            return Arc::clone(set);
        }
        let set = match FileSet::read(&config) {
            Ok(set) => Arc::new(set),
            Err(e) => {
                self.errors.push(e);
                Arc::clone(&self.builtin)
            }
        };
        self.sets.insert(config, Arc::clone(&set));
        set
    }

    fn included(&mut self, path: &Path) -> bool {
        match &self.governing(path).include {
            Some(globs) => globs.test(path).0,
            None => is_markdown(path),
        }
    }

    /// Whether `path` itself is excluded, and whether it lies below the folder of any
    /// exclusion that applies to it (so that the folder above it is worth asking about).
    fn excluded_here(&mut self, path: &Path) -> (bool, bool) {
        let (by_config, below_config) = self.governing(path).exclude.test(path);
        let (by_cli, below_cwd) = self.cli.as_ref().map_or((false, false), |g| g.test(path));
        (by_config || by_cli, below_config || below_cwd)
    }

    fn excluded_with_folders(&mut self, path: &Path) -> bool {
        let mut at = Some(path);
        while let Some(p) = at {
            let (excluded, below) = self.excluded_here(p);
            if excluded {
                return true;
            }
            if !below {
                break;
            }
            at = p.parent();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(dir: &str, patterns: &[&str]) -> Globs {
        let patterns: Vec<String> = patterns.iter().map(|p| (*p).to_string()).collect();
        Globs {
            dir: PathBuf::from(dir),
            sets: vec![compile("exclude", &patterns).unwrap()],
        }
    }

    #[test]
    fn bare_patterns_match_names_at_any_depth_and_others_are_anchored() {
        let g = globs("/repo", &["drafts", "archive/*.md", "news/**", "notes/"]);
        assert_eq!(g.test(Path::new("/repo/drafts")), (true, true));
        assert_eq!(g.test(Path::new("/repo/a/b/drafts")), (true, true));
        assert_eq!(g.test(Path::new("/repo/archive/a.md")), (true, true));
        assert_eq!(g.test(Path::new("/repo/archive/2019/a.md")), (false, true));
        assert_eq!(g.test(Path::new("/repo/x/archive/a.md")), (false, true));
        assert_eq!(g.test(Path::new("/repo/news/2019/a.md")), (true, true));
        assert_eq!(g.test(Path::new("/repo/notes")), (true, true));
        // Outside the folder only the name counts; the folder itself is not matched.
        assert_eq!(g.test(Path::new("/elsewhere/drafts")), (true, false));
        assert_eq!(g.test(Path::new("/elsewhere/archive/a.md")), (false, false));
        assert_eq!(g.test(Path::new("/repo")), (false, false));
    }

    #[test]
    fn the_defaults_ignore_case() {
        let g = Globs {
            dir: PathBuf::from("/repo"),
            sets: vec![default_exclude()],
        };
        assert!(g.test(Path::new("/repo/Readme.md")).0);
        assert!(g.test(Path::new("/repo/docs/README.md")).0);
        assert!(g.test(Path::new("/repo/node_modules")).0);
        assert!(!g.test(Path::new("/repo/readme-first.md")).0);
    }

    #[test]
    fn a_bad_glob_names_its_key_and_index() {
        let raw: RawFile = toml::from_str("extend-exclude = [\"ok\", \"[bad\"]").unwrap();
        let bad = validate(&raw).unwrap_err();
        assert_eq!(bad.key, "extend-exclude.1");
        assert_eq!(
            bad.message,
            "invalid glob `[bad` in `extend-exclude`: unclosed character class; missing ']'"
        );
    }
}
