//! Policy packs and `copydesk.toml`: which applies to a file (`discover`), reading them
//! and following `extends` (`load`), merging them (`merge`), validating and compiling
//! every rule (`compile`); which files a run checks (`select`).
//!
//! A pack and a configuration file have one schema (`schema`). Files are merged in
//! `extends` order (later files override earlier ones key by key), then every rule is
//! validated and its patterns compiled once per run. Every error points at the TOML bytes
//! that caused it.

mod compile;
pub mod discover;
pub mod kinds;
mod load;
mod merge;
mod schema;
pub mod select;
mod spans;

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Severity;
use crate::document::layout::EndMatter;
use crate::document::statements::Recogniser;
use crate::error::Error;
use crate::rules::{About, Texts};
pub use kinds::Compiled;
use load::{Loader, read_pack};
pub use schema::{Example, Examples, OverrideSpec, PackMeta, ProfilesSpec, override_globs};

/// The packs built into the binary, by name.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("opinion", include_str!("../../policies/opinion.toml")),
    ("statements", include_str!("../../policies/statements.toml")),
    (
        "fair-observer",
        include_str!("../../policies/fair-observer.toml"),
    ),
];

/// The pack used when no configuration file is found.
pub const DEFAULT_PACK: &str = "opinion";

/// Which profile and overrides of a configuration file apply to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The key of `[profiles.packs]` the article's front matter selected.
    pub profile: Option<String>,
    /// Indexes into `[[overrides]]`, in file order.
    pub overrides: Vec<usize>,
}

/// A rule ready to run.
pub struct Rule {
    pub id: String,
    pub kind: &'static About,
    pub severity: Severity,
    pub summary: String,
    pub texts: Texts,
    /// The kind's parameters as configured, for `explain`.
    pub params: toml::Table,
    pub examples: Examples,
    /// `None` when the rule is off: it was validated but not compiled.
    pub check: Option<Compiled>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("kind", &self.kind.name)
            .field("severity", &self.severity)
            .finish_non_exhaustive()
    }
}

/// The resolved, compiled policy for a set of files.
#[derive(Debug)]
pub struct Policy {
    pub rules: Vec<Rule>,
    pub publication: Option<String>,
    pub end_matter: EndMatter,
    /// Finds the disclaimer, credits and notes in their many wordings.
    pub statements: Recogniser,
    /// The files merged, in order (`builtin:opinion`, then paths).
    pub sources: Vec<String>,
    pub description: String,
    /// The profile and overrides that shaped this policy, in words.
    pub notes: Vec<String>,
}

impl Policy {
    /// The built-in default policy.
    pub fn builtin(name: &str) -> Result<Self, Error> {
        let mut loader = Loader::default();
        loader.load_builtin(name, None)?;
        loader.compile()
    }

    /// A configuration file (`copydesk.toml` or `--config`).
    pub fn from_file(path: &Path) -> Result<Self, Error> {
        Self::from_file_variant(path, &Variant::default())
    }

    /// A configuration file with a profile and overrides applied.
    pub fn from_file_variant(path: &Path, variant: &Variant) -> Result<Self, Error> {
        let text = read_pack(path).map_err(|e| Error::io(&path.display().to_string(), &e))?;
        Self::from_text_variant(&path.display().to_string(), path.parent(), text, variant)
    }

    /// A configuration given as text (tests, stdin); `dir` resolves relative `extends`.
    pub fn from_text(name: &str, dir: Option<&Path>, text: String) -> Result<Self, Error> {
        Self::from_text_variant(name, dir, text, &Variant::default())
    }

    /// A configuration given as text, with a profile and overrides applied.
    pub fn from_text_variant(
        name: &str,
        dir: Option<&Path>,
        text: String,
        variant: &Variant,
    ) -> Result<Self, Error> {
        let mut loader = Loader {
            config_file: true,
            variant: Some(variant.clone()),
            ..Loader::default()
        };
        loader.load_text(name.to_string(), dir.map(Path::to_path_buf), text)?;
        loader.compile()
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// A compiled policy shared by threads and cached per configuration file.
pub type SharedPolicy = Arc<Policy>;
