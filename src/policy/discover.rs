//! Which policy applies to a file: `--config`, else the nearest `copydesk.toml` above the
//! file (stopping at the repository root), else the built-in default pack. Each policy is
//! loaded and compiled once per run, however many files share it.
//!
//! A configuration file may hold `[profiles]` (a front matter field picks the pack) and
//! `[[overrides]]` (settings for files matching globs): the policy of an article is then
//! the configuration's *variant* for it, compiled once per distinct variant.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::schema::RawFile;
use super::{DEFAULT_PACK, Policy, Variant, override_globs};
use crate::document::front_matter::{self, Value};
use crate::error::Error;

pub const CONFIG_FILE: &str = "copydesk.toml";

#[derive(Debug, Clone, Default)]
pub struct ConfigChoice {
    pub config: Option<PathBuf>,
    pub isolated: bool,
}

/// A compiled policy, or the error its configuration gave (shared: reported once).
type Loaded = Result<Arc<Policy>, Arc<Error>>;

/// Which configuration file governs a folder: `--config`, `--isolated`, or the nearest
/// `copydesk.toml` up to the repository root; cached per folder.
#[derive(Debug, Default)]
pub struct Discovery {
    choice: ConfigChoice,
    /// Folder -> the configuration file that governs it (None: built-in).
    discovered: HashMap<PathBuf, Option<PathBuf>>,
}

/// Resolves and caches policies for the files of one run.
#[derive(Debug, Default)]
pub struct Policies {
    discovery: Discovery,
    /// (Configuration file (None: built-in), variant) -> compiled policy, or its error.
    compiled: HashMap<(Option<PathBuf>, Variant), Loaded>,
    /// Configuration file -> its profiles and override globs (None: unreadable; the full
    /// load reports why).
    layers: HashMap<PathBuf, Option<Layers>>,
}

/// What of a configuration file depends on the article: its profiles and override globs.
/// A file that does not parse has none; loading it in full reports why.
#[derive(Debug)]
struct Layers {
    dir: PathBuf,
    field: Option<String>,
    /// Lower-cased field value -> the key as written in `[profiles.packs]`.
    profiles: HashMap<String, String>,
    overrides: Vec<globset::GlobSet>,
}

impl Layers {
    fn read(config: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(config).ok()?;
        let raw: RawFile = toml::from_str(&text).ok()?;
        let dir = match config.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        let (field, profiles) = match raw.profiles {
            Some(p) => (
                Some(p.field),
                p.packs
                    .into_keys()
                    .map(|k| (k.trim().to_lowercase(), k))
                    .collect(),
            ),
            None => (None, HashMap::new()),
        };
        let overrides = raw
            .overrides
            .iter()
            .map(|o| override_globs(&o.paths).unwrap_or_else(|_| globset::GlobSet::empty()))
            .collect();
        Some(Self {
            dir,
            field,
            profiles,
            overrides,
        })
    }

    /// The variant for an article at `path` with this text.
    fn variant(&self, path: &Path, text: Option<&str>) -> Variant {
        let profile = match (&self.field, text) {
            (Some(field), Some(text)) => {
                let start = usize::from(text.starts_with('\u{feff}')) * 3;
                front_matter::detect(text, start).and_then(|(fm, _)| {
                    let value = match &fm.get(field)?.value {
                        Value::String(s) => s.trim().to_lowercase(),
                        _ => return None,
                    };
                    self.profiles.get(&value).cloned()
                })
            }
            _ => None,
        };
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = full.strip_prefix(&self.dir).unwrap_or(path);
        let overrides = self
            .overrides
            .iter()
            .enumerate()
            .filter(|(_, set)| set.is_match(relative))
            .map(|(i, _)| i)
            .collect();
        Variant { profile, overrides }
    }
}

impl Policies {
    pub fn new(choice: ConfigChoice) -> Self {
        Self {
            discovery: Discovery::new(choice),
            ..Self::default()
        }
    }

    /// The policy for a folder, or for a file whatever its content (no profile).
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Policy>, Arc<Error>> {
        self.for_article(path, None)
    }

    /// The policy for an article at `path` (for standard input, the folder it stands
    /// in): its configuration, with the profile its front matter selects and the
    /// overrides its path matches. A bad configuration gives the same error each time.
    pub fn for_article(
        &mut self,
        path: &Path,
        text: Option<&str>,
    ) -> Result<Arc<Policy>, Arc<Error>> {
        let config = self.config_for(path);
        let variant = match &config {
            Some(file) => self
                .layers
                .entry(file.clone())
                .or_insert_with(|| Layers::read(file))
                .as_ref()
                .map(|l| l.variant(path, text))
                .unwrap_or_default(),
            None => Variant::default(),
        };
        let key = (config, variant);
        if let Some(found) = self.compiled.get(&key) {
            return found.clone();
        }
        let loaded = match &key.0 {
            Some(file) => Policy::from_file_variant(file, &key.1),
            None => Policy::builtin(DEFAULT_PACK),
        }
        .map(Arc::new)
        .map_err(Arc::new);
        self.compiled.insert(key, loaded.clone());
        loaded
    }

    /// The configuration file that applies to `path`.
    pub fn config_for(&mut self, path: &Path) -> Option<PathBuf> {
        self.discovery.config_for(path)
    }
}

impl Discovery {
    pub fn new(choice: ConfigChoice) -> Self {
        Self {
            choice,
            discovered: HashMap::new(),
        }
    }

    /// The configuration file that applies to `path`: a folder's own, or a file's folder's.
    pub fn config_for(&mut self, path: &Path) -> Option<PathBuf> {
        if self.choice.isolated {
            return None;
        }
        if let Some(explicit) = &self.choice.config {
            return Some(explicit.clone());
        }
        let start = if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        let start = std::fs::canonicalize(&start).unwrap_or(start);
        self.discover(&start)
    }

    /// The configuration file that applies to the files of `dir`, an absolute folder
    /// without symbolic links (as `canonicalize` gives).
    pub fn config_in(&mut self, dir: &Path) -> Option<PathBuf> {
        if self.choice.isolated {
            return None;
        }
        if let Some(explicit) = &self.choice.config {
            return Some(explicit.clone());
        }
        self.discover(dir)
    }

    fn discover(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.discovered.get(dir) {
            return found.clone();
        }
        let candidate = dir.join(CONFIG_FILE);
        let found = if candidate.is_file() {
            Some(relative_to_cwd(candidate))
        } else if dir.join(".git").exists() {
            // The repository root: configuration above it belongs to something else.
            None
        } else {
            match dir.parent() {
                Some(parent) => self.discover(parent),
                None => None,
            }
        };
        self.discovered.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// Shows a discovered path relative to the current folder when it lies below it, as
/// people typed the paths they checked.
fn relative_to_cwd(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}
