//! The one schema of policy packs and `copydesk.toml`: what serde reads before files are
//! merged. Rule tables stay TOML tables until they are compiled, so that an error can
//! name the file and key each setting came from.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Keys every rule table may have; all other keys are the kind's parameters.
pub(super) const COMMON_KEYS: &[&str] = &[
    "kind", "severity", "summary", "message", "messages", "help", "examples",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawFile {
    /// `None` in a configuration file means the default pack; `[]` means none.
    #[serde(default)]
    pub(super) extends: Option<Vec<String>>,
    #[serde(default)]
    pub(super) pack: Option<PackMeta>,
    #[serde(default)]
    pub(super) publication: Option<Publication>,
    #[serde(default)]
    pub(super) end_matter: Option<EndMatterSpec>,
    #[serde(default)]
    pub(super) statements: Option<StatementsSpec>,
    #[serde(default)]
    pub(super) rules: BTreeMap<String, toml::Table>,
    /// Packs chosen by a front matter field (honoured in the configuration file).
    #[serde(default)]
    pub(super) profiles: Option<ProfilesSpec>,
    /// Settings for the files matching globs (honoured in the configuration file).
    #[serde(default)]
    pub(super) overrides: Vec<OverrideSpec>,
    /// Which files are checked (honoured in the configuration file; see `select`): globs
    /// replacing the default exclusions, globs added to them, globs of the files a folder
    /// walk checks, and whether a file named on the command line may be excluded.
    #[serde(default)]
    pub(super) exclude: Option<Vec<String>>,
    #[serde(default)]
    pub(super) extend_exclude: Vec<String>,
    #[serde(default)]
    pub(super) include: Option<Vec<String>>,
    #[serde(default)]
    pub(super) force_exclude: Option<bool>,
}

/// `[profiles]`: one repository, several kinds of content. The front matter `field` of an
/// article (e.g. `section`) picks a pack from `packs`, which then stands in for this
/// file's `extends`; the rest of the file still applies on top.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProfilesSpec {
    pub field: String,
    /// Field value (compared without case) -> a built-in pack name or a path.
    pub packs: BTreeMap<String, String>,
}

/// `[[overrides]]`: rule settings for the files matching `paths` (globs relative to the
/// configuration file's folder; `*` stays within a folder, `**` crosses folders, and a
/// pattern without `/` matches the file name at any depth).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideSpec {
    pub paths: Vec<String>,
    #[serde(default)]
    pub(super) rules: BTreeMap<String, toml::Table>,
    #[serde(default)]
    pub(super) publication: Option<Publication>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackMeta {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Publication {
    pub(super) name: Option<String>,
}

/// Where the article ends and page residue begins; shared by the rules that care about
/// the position of end matter (disclaimer, editor credit).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct EndMatterSpec {
    pub(super) blocks: Option<Vec<String>>,
    pub(super) trailer: Option<Vec<String>>,
}

/// `[statements]`: the words the statement recogniser reads (see
/// `crate::document::statements`). Each key replaces the list of the packs before.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct StatementsSpec {
    pub(super) opinion_nouns: Option<Vec<String>>,
    pub(super) piece_nouns: Option<Vec<String>>,
    pub(super) author_nouns: Option<Vec<String>>,
    pub(super) stance_nouns: Option<Vec<String>>,
    pub(super) reflect_verbs: Option<Vec<String>>,
    pub(super) construe_verbs: Option<Vec<String>>,
    pub(super) editing_words: Option<Vec<String>>,
    pub(super) editor_labels: Option<Vec<String>>,
    pub(super) credit_heads: Option<Vec<String>>,
    pub(super) name_particles: Option<Vec<String>>,
    pub(super) note_labels: Option<Vec<String>>,
    pub(super) publish_verbs: Option<Vec<String>>,
    pub(super) republish_verbs: Option<Vec<String>>,
    pub(super) guest_nouns: Option<Vec<String>>,
    pub(super) disclaimer_labels: Option<Vec<String>>,
}

impl StatementsSpec {
    /// The lists this file sets, by key.
    pub(super) fn lists(self) -> Vec<(&'static str, Vec<String>)> {
        [
            ("opinion-nouns", self.opinion_nouns),
            ("piece-nouns", self.piece_nouns),
            ("author-nouns", self.author_nouns),
            ("stance-nouns", self.stance_nouns),
            ("reflect-verbs", self.reflect_verbs),
            ("construe-verbs", self.construe_verbs),
            ("editing-words", self.editing_words),
            ("editor-labels", self.editor_labels),
            ("credit-heads", self.credit_heads),
            ("name-particles", self.name_particles),
            ("note-labels", self.note_labels),
            ("publish-verbs", self.publish_verbs),
            ("republish-verbs", self.republish_verbs),
            ("guest-nouns", self.guest_nouns),
            ("disclaimer-labels", self.disclaimer_labels),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }
}

/// Compiles override globs; an error names the bad pattern's index.
pub fn override_globs(patterns: &[String]) -> Result<globset::GlobSet, (usize, String)> {
    path_globs(patterns, false)
}

/// Compiles path globs relative to a folder: `*` stays within a folder, `**` crosses
/// folders, and a pattern without `/` matches a file or folder name at any depth. An
/// error names the bad pattern's index.
pub(crate) fn path_globs(
    patterns: &[String],
    ignore_case: bool,
) -> Result<globset::GlobSet, (usize, String)> {
    let mut set = globset::GlobSetBuilder::new();
    for (i, p) in patterns.iter().enumerate() {
        let build = |p: &str| {
            globset::GlobBuilder::new(p)
                .literal_separator(true)
                .case_insensitive(ignore_case)
                .build()
                .map_err(|e| (i, e.kind().to_string()))
        };
        set.add(build(p)?);
        if !p.contains('/') {
            // A bare pattern matches the name in any folder.
            set.add(build(&format!("**/{p}"))?);
        }
    }
    set.build().map_err(|e| (0, e.to_string()))
}

/// Examples that prove a rule: each `fail` text must trigger it, each `pass` text must not.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub fail: Vec<Example>,
    #[serde(default)]
    pub pass: Vec<Example>,
}

/// An example article: a string, or `{ text = "…", message = "…" }` when a `fail` example
/// must also produce that exact message.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    #[serde(rename_all = "kebab-case")]
    Expecting {
        text: String,
        message: String,
    },
}

impl Example {
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::Expecting { text: t, .. } => t,
        }
    }

    pub fn message(&self) -> Option<&str> {
        match self {
            Example::Text(_) => None,
            Example::Expecting { message, .. } => Some(message),
        }
    }
}
