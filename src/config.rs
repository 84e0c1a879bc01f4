//! Which policy applies to a file: `--config`, else the nearest `copydesk.toml` above the
//! file (stopping at the repository root), else the built-in default pack. Each policy is
//! loaded and compiled once per run, however many files share it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::Error;
use crate::policy::{DEFAULT_PACK, Policy};

pub const CONFIG_FILE: &str = "copydesk.toml";

#[derive(Debug, Clone, Default)]
pub struct ConfigChoice {
    pub config: Option<PathBuf>,
    pub isolated: bool,
}

/// Resolves and caches policies for the files of one run.
#[derive(Debug, Default)]
pub struct Policies {
    choice: ConfigChoice,
    /// Folder -> the configuration file that governs it (None: built-in).
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file (None: built-in) -> compiled policy, or the error it gave.
    compiled: HashMap<Option<PathBuf>, Result<Arc<Policy>, Arc<Error>>>,
}

impl Policies {
    pub fn new(choice: ConfigChoice) -> Self {
        Self {
            choice,
            ..Self::default()
        }
    }

    /// The policy for a file (or, for standard input, a folder). The error of a bad
    /// configuration is returned once per configuration file; later calls get `None`
    /// as the error's second report.
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Policy>, Arc<Error>> {
        let config = self.config_for(path);
        if let Some(found) = self.compiled.get(&config) {
            return found.clone();
        }
        let loaded = match &config {
            Some(file) => Policy::from_file(file),
            None => Policy::builtin(DEFAULT_PACK),
        }
        .map(Arc::new)
        .map_err(Arc::new);
        self.compiled.insert(config, loaded.clone());
        loaded
    }

    /// The configuration file that applies to `path`.
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
