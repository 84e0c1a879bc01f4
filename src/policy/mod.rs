//! Policy packs and `copydesk.toml`: loading, `extends`, merging, validation, compiling.
//!
//! A pack and a configuration file have one schema. Files are merged in `extends` order
//! (later files override earlier ones key by key), then every rule is validated and its
//! patterns compiled once per run. Every error points at the TOML bytes that caused it.

pub mod discover;
pub mod kinds;
mod spans;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::did_you_mean::closest;
use crate::document::layout::EndMatter;
use crate::error::Error;
use crate::parallel::{default_threads, for_each_ordered};
use crate::rules::{About, ParamError, Setup, Texts};
pub use kinds::Compiled;
use spans::SpanIndex;

/// The packs built into the binary, by name.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("opinion", include_str!("../../policies/opinion.toml")),
    (
        "fair-observer",
        include_str!("../../policies/fair-observer.toml"),
    ),
];

/// The pack used when no configuration file is found.
pub const DEFAULT_PACK: &str = "opinion";

/// Keys every rule table may have; all other keys are the kind's parameters.
const COMMON_KEYS: &[&str] = &[
    "kind", "severity", "summary", "message", "messages", "help", "examples",
];

/// One TOML file as read, kept for error labels.
#[derive(Debug)]
struct PolicyText {
    /// As shown in messages: `builtin:opinion` or the path.
    name: String,
    text: String,
    spans: SpanIndex,
    /// Where this layer's tables sit in the file (`overrides.2.` for an override).
    prefix: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFile {
    /// `None` in a configuration file means the default pack; `[]` means none.
    #[serde(default)]
    extends: Option<Vec<String>>,
    #[serde(default)]
    pack: Option<PackMeta>,
    #[serde(default)]
    publication: Option<Publication>,
    #[serde(default)]
    end_matter: Option<EndMatterSpec>,
    #[serde(default)]
    rules: BTreeMap<String, toml::Table>,
    /// Packs chosen by a front matter field (honoured in the configuration file).
    #[serde(default)]
    profiles: Option<ProfilesSpec>,
    /// Settings for the files matching globs (honoured in the configuration file).
    #[serde(default)]
    overrides: Vec<OverrideSpec>,
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
    rules: BTreeMap<String, toml::Table>,
    #[serde(default)]
    publication: Option<Publication>,
}

/// Which profile and overrides of a configuration file apply to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The key of `[profiles.packs]` the article's front matter selected.
    pub profile: Option<String>,
    /// Indexes into `[[overrides]]`, in file order.
    pub overrides: Vec<usize>,
}

/// Compiles override globs; an error names the bad pattern's index.
pub fn override_globs(patterns: &[String]) -> Result<globset::GlobSet, (usize, String)> {
    let mut set = globset::GlobSetBuilder::new();
    for (i, p) in patterns.iter().enumerate() {
        let glob = globset::GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| (i, e.kind().to_string()))?;
        set.add(glob);
        if !p.contains('/') {
            // A bare pattern matches the file name in any folder.
            let anywhere = globset::GlobBuilder::new(&format!("**/{p}"))
                .literal_separator(true)
                .build()
                .map_err(|e| (i, e.kind().to_string()))?;
            set.add(anywhere);
        }
    }
    set.build().map_err(|e| (0, e.to_string()))
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
struct Publication {
    name: Option<String>,
}

/// Where the article ends and page residue begins; shared by the rules that care about
/// the position of end matter (disclaimer, editor credit).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EndMatterSpec {
    blocks: Option<Vec<String>>,
    trailer: Option<Vec<String>>,
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

/// A rule as merged from several files: each key remembers the file it came from.
#[derive(Debug)]
struct MergedRule {
    id: String,
    /// The file that declared the rule (for errors about the rule as a whole).
    declared_in: usize,
    keys: BTreeMap<String, (toml::Value, usize)>,
}

#[derive(Debug, Default)]
struct Loader {
    files: Vec<PolicyText>,
    /// The next file loaded is a configuration file: without `extends`, it builds on the
    /// default pack, so `[publication]` alone keeps every rule.
    config_file: bool,
    /// Names being loaded, to catch `extends` cycles.
    stack: Vec<String>,
    /// The profile and overrides to apply to the configuration file (the first loaded).
    variant: Option<Variant>,
    /// What the variant did, for `policy show`.
    notes: Vec<String>,
    description: String,
    publication: Option<String>,
    end_blocks: Option<(Vec<String>, usize)>,
    end_trailer: Option<(Vec<String>, usize)>,
    rules: Vec<MergedRule>,
}

impl Loader {
    fn load_builtin(&mut self, name: &str, from: Option<(usize, String)>) -> Result<(), Error> {
        let Some((_, text)) = BUILTIN_PACKS.iter().find(|(n, _)| *n == name) else {
            let known: Vec<_> = BUILTIN_PACKS.iter().map(|(n, _)| *n).collect();
            let message = format!("there is no built-in pack named `{name}`");
            let help = Some(format!(
                "built-in packs: {}; a path to a pack file also works (e.g. \"policies/house.toml\")",
                known.join(", ")
            ));
            return Err(match from {
                Some((file, path)) => self.error(file, &path, message, "unknown pack", help),
                None => Error::PolicyPlain { message, help },
            });
        };
        self.load_text(format!("builtin:{name}"), None, (*text).to_string())
    }

    fn load_text(&mut self, name: String, dir: Option<PathBuf>, text: String) -> Result<(), Error> {
        if self.stack.contains(&name) {
            return Err(Error::PolicyPlain {
                message: format!("`extends` loops back to `{name}`"),
                help: Some(format!(
                    "the chain is: {} -> {name}",
                    self.stack.join(" -> ")
                )),
            });
        }
        let raw: RawFile = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().to_string();
                let help = unknown_key_help(&message).or_else(|| {
                    message.contains("duplicate key").then(|| {
                        let key = text.get(span.clone()).unwrap_or("").trim();
                        format!(
                            "`{key}` is defined twice; a TOML file may define a table or key only once: merge the two into one (a rule's settings all go in one `[rules.ID]` table)"
                        )
                    })
                });
                return Err(Error::policy(
                    &name,
                    &text,
                    span,
                    format!("invalid policy file: {message}"),
                    "here",
                    help,
                ));
            }
        };
        let mut raw = raw;
        let top = self.files.is_empty();
        let spans = SpanIndex::new(&text);
        self.files.push(PolicyText {
            name: name.clone(),
            text,
            spans,
            prefix: String::new(),
        });
        let file = self.files.len() - 1;
        self.stack.push(name.clone());
        let implicit =
            std::mem::take(&mut self.config_file).then(|| vec![DEFAULT_PACK.to_string()]);
        let mut extends = raw.extends.clone().or(implicit).unwrap_or_default();
        let variant = if top { self.variant.take() } else { None };
        let overrides = std::mem::take(&mut raw.overrides);
        let profiles = raw.profiles.take();
        if top {
            self.validate_layers(file, profiles.as_ref(), &overrides)?;
        }
        if let (Some(v), Some(p)) = (&variant, &profiles)
            && let Some(key) = &v.profile
            && let Some(pack) = p.packs.get(key)
        {
            self.notes.push(format!(
                "profile `{key}` (front matter {} = {key}): {pack} instead of `extends`",
                p.field
            ));
            extends = vec![pack.clone()];
        }
        for (i, parent) in extends.iter().enumerate() {
            let path = format!("extends.{i}");
            if BUILTIN_PACKS.iter().any(|(n, _)| n == parent) {
                self.load_builtin(parent, Some((file, path)))?;
            } else if parent.ends_with(".toml") || parent.contains('/') || parent.contains('\\') {
                let full = dir
                    .as_deref()
                    .map_or_else(|| PathBuf::from(parent), |d| d.join(parent));
                let text = match read_pack(&full) {
                    Ok(t) => t,
                    Err(e) => {
                        return Err(self.error(
                            file,
                            &path,
                            format!("cannot read pack `{}`: {e}", full.display()),
                            "this pack",
                            Some(
                                "paths in `extends` are relative to the file that names them"
                                    .into(),
                            ),
                        ));
                    }
                };
                self.load_text(
                    full.display().to_string(),
                    full.parent().map(Path::to_path_buf),
                    text,
                )?;
            } else {
                self.load_builtin(parent, Some((file, path)))?;
            }
        }
        self.stack.pop();
        self.merge(file, raw)?;
        for i in variant.map(|v| v.overrides).unwrap_or_default() {
            let Some(spec) = overrides.get(i) else {
                continue;
            };
            let Some(base) = self.files.get(file) else {
                continue;
            };
            let layer = PolicyText {
                name: base.name.clone(),
                text: base.text.clone(),
                spans: base.spans.clone(),
                prefix: format!("overrides.{i}."),
            };
            self.files.push(layer);
            self.notes.push(format!(
                "override {} (paths = {})",
                i + 1,
                spec.paths.join(", ")
            ));
            let layer_raw = RawFile {
                rules: spec.rules.clone(),
                publication: spec.publication.clone(),
                ..RawFile::default()
            };
            self.merge(self.files.len() - 1, layer_raw)?;
        }
        Ok(())
    }

    /// Checks `[profiles]` and every `[[overrides]]` of the configuration file, whichever
    /// apply to the article at hand, so a mistake shows on the first run.
    fn validate_layers(
        &self,
        file: usize,
        profiles: Option<&ProfilesSpec>,
        overrides: &[OverrideSpec],
    ) -> Result<(), Error> {
        if let Some(p) = profiles {
            if p.field.trim().is_empty() {
                return Err(self.value_error(
                    file,
                    "profiles.field",
                    "`profiles.field` must name a front matter field, e.g. \"section\"".into(),
                    "empty",
                    None,
                ));
            }
            for (key, pack) in &p.packs {
                let builtin = BUILTIN_PACKS.iter().any(|(n, _)| n == pack);
                let path_like = pack.ends_with(".toml") || pack.contains('/');
                if !builtin && !path_like {
                    let known: Vec<_> = BUILTIN_PACKS.iter().map(|(n, _)| *n).collect();
                    return Err(self.value_error(
                        file,
                        &format!("profiles.packs.{key}"),
                        format!("there is no built-in pack named `{pack}`"),
                        "unknown pack",
                        Some(format!(
                            "built-in packs: {}; a path to a pack file also works",
                            known.join(", ")
                        )),
                    ));
                }
            }
        }
        for (i, o) in overrides.iter().enumerate() {
            if let Err((j, reason)) = override_globs(&o.paths) {
                return Err(self.value_error(
                    file,
                    &format!("overrides.{i}.paths.{j}"),
                    format!("invalid glob: {reason}"),
                    "this pattern",
                    Some("globs are relative to the configuration file's folder, e.g. \"news/**\" or \"*.draft.md\"".into()),
                ));
            }
        }
        Ok(())
    }

    fn merge(&mut self, file: usize, raw: RawFile) -> Result<(), Error> {
        if let Some(meta) = raw.pack
            && !meta.description.is_empty()
        {
            self.description = meta.description;
        }
        if let Some(p) = raw.publication {
            self.publication = p.name.filter(|n| !n.trim().is_empty());
        }
        if let Some(em) = raw.end_matter {
            if let Some(b) = em.blocks {
                self.end_blocks = Some((b, file));
            }
            if let Some(t) = em.trailer {
                self.end_trailer = Some((t, file));
            }
        }
        for (id, table) in raw.rules {
            let existing = self.rules.iter().position(|r| r.id == id);
            let index = match existing {
                Some(i) => i,
                None => {
                    if !table.contains_key("kind") {
                        let known: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
                        let help = match closest(&id, known.iter().copied()) {
                            Some(near) => {
                                format!("did you mean `{near}`? A new rule needs a `kind`")
                            }
                            None => format!(
                                "known rules: {}; a new rule needs a `kind`",
                                known.join(", ")
                            ),
                        };
                        return Err(self.error(
                            file,
                            &format!("rules.{id}"),
                            format!("unknown rule `{id}`"),
                            "no rule has this id",
                            Some(help),
                        ));
                    }
                    self.rules.push(MergedRule {
                        id: id.clone(),
                        declared_in: file,
                        keys: BTreeMap::new(),
                    });
                    self.rules.len() - 1
                }
            };
            if let Some(rule) = self.rules.get_mut(index) {
                for (key, value) in table {
                    rule.keys.insert(key, (value, file));
                }
            }
        }
        Ok(())
    }

    fn error(
        &self,
        file: usize,
        path: &str,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Error {
        self.error_at(file, path, false, message, label, help)
    }

    fn value_error(
        &self,
        file: usize,
        path: &str,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Error {
        self.error_at(file, path, true, message, label, help)
    }

    /// An error labelled on a key of a policy file, or on its value.
    fn error_at(
        &self,
        file: usize,
        path: &str,
        on_value: bool,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Error {
        let Some(f) = self.files.get(file) else {
            return Error::PolicyPlain { message, help };
        };
        let path = format!("{}{path}", f.prefix);
        let span = if on_value {
            f.spans.value_span(&path)
        } else {
            f.spans.key(&path)
        };
        Error::policy(&f.name, &f.text, span.unwrap_or(0..0), message, label, help)
    }

    fn compile(self) -> Result<Policy, Error> {
        let publication = self.publication.clone();
        let end_matter = self.compile_end_matter()?;
        // Compiling patterns is most of the start-up of a one-file run (a pre-commit
        // hook), and rules compile independently: one per core, first error in rule order.
        let mut rules = Vec::with_capacity(self.rules.len());
        let mut failed = None;
        for_each_ordered(
            &self.rules,
            default_threads(),
            |merged| self.compile_rule(merged, publication.as_deref()),
            |rule| match rule {
                Ok(rule) => rules.push(rule),
                Err(e) => {
                    failed.get_or_insert(e);
                }
            },
        );
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(Policy {
            rules,
            publication,
            end_matter,
            sources: self
                .files
                .iter()
                .filter(|f| f.prefix.is_empty())
                .map(|f| f.name.clone())
                .collect(),
            description: self.description.clone(),
            notes: self.notes.clone(),
        })
    }

    fn compile_end_matter(&self) -> Result<EndMatter, Error> {
        let empty = (Vec::new(), 0);
        let (blocks, bf) = self.end_blocks.as_ref().unwrap_or(&empty);
        let (trailer, tf) = self.end_trailer.as_ref().unwrap_or(&empty);
        let blocks = crate::rules::compile_regexes(blocks)
            .map_err(|e| self.param_error(*bf, "end-matter.blocks", e))?;
        let trailer = crate::rules::compile_regexes(trailer)
            .map_err(|e| self.param_error(*tf, "end-matter.trailer", e))?;
        Ok(EndMatter::new(blocks, trailer))
    }

    fn param_error(&self, file: usize, prefix: &str, e: ParamError) -> Error {
        let path = if e.path.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", e.path)
        };
        if e.on_key {
            self.error(file, &path, e.message, &e.label, e.help)
        } else {
            self.value_error(file, &path, e.message, &e.label, e.help)
        }
    }

    fn compile_rule(&self, merged: &MergedRule, publication: Option<&str>) -> Result<Rule, Error> {
        let id = &merged.id;
        let at = |key: &str| format!("rules.{id}.{key}");
        let origin = |key: &str| merged.keys.get(key).map_or(merged.declared_in, |(_, f)| *f);
        let string = |key: &str| -> Result<Option<String>, Error> {
            match merged.keys.get(key) {
                None => Ok(None),
                Some((toml::Value::String(s), _)) => Ok(Some(s.clone())),
                Some((other, f)) => Err(self.value_error(
                    *f,
                    &at(key),
                    format!(
                        "`{key}` of rule `{id}` must be a string, not {}",
                        other.type_str()
                    ),
                    "expected a string",
                    None,
                )),
            }
        };

        let kind_name = string("kind")?.unwrap_or_default();
        let Some(kind) = kinds::find(&kind_name) else {
            let names: Vec<&str> = kinds::all().map(|k| k.name).collect();
            let help = match closest(&kind_name, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? Kinds: {}", names.join(", ")),
                None => format!("kinds: {}", names.join(", ")),
            };
            return Err(self.value_error(
                origin("kind"),
                &at("kind"),
                format!("unknown rule kind `{kind_name}`"),
                "unknown kind",
                Some(help),
            ));
        };

        let severity = match string("severity")?.as_deref() {
            None => Severity::Warning,
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            Some("off") => Severity::Off,
            Some(other) => {
                return Err(self.value_error(
                    origin("severity"),
                    &at("severity"),
                    format!("unknown severity `{other}` for rule `{id}`"),
                    "unknown severity",
                    Some("use one of: error, warning, info, off".into()),
                ));
            }
        };

        let Some(message) = string("message")? else {
            return Err(self.error(
                merged.declared_in,
                &format!("rules.{id}"),
                format!("rule `{id}` has no `message`"),
                "this rule",
                Some("every rule needs the message its findings show".into()),
            ));
        };
        let help = string("help")?.unwrap_or_default();
        let summary = string("summary")?.unwrap_or_default();

        let mut messages = BTreeMap::new();
        if let Some((value, f)) = merged.keys.get("messages") {
            let Some(table) = value.as_table() else {
                return Err(self.value_error(
                    *f,
                    &at("messages"),
                    "`messages` must be a table of strings".into(),
                    "expected a table",
                    None,
                ));
            };
            for (k, v) in table {
                let Some(s) = v.as_str() else {
                    return Err(self.value_error(
                        *f,
                        &at(&format!("messages.{k}")),
                        format!("message `{k}` must be a string"),
                        "expected a string",
                        None,
                    ));
                };
                if !kind.messages.contains(&k.as_str()) {
                    let help = if kind.messages.is_empty() {
                        format!("kind `{}` has only `message`", kind.name)
                    } else {
                        format!(
                            "kind `{}` takes these messages: {}",
                            kind.name,
                            kind.messages.join(", ")
                        )
                    };
                    return Err(self.error(
                        *f,
                        &at(&format!("messages.{k}")),
                        format!("unknown message `{k}` for rule `{id}`"),
                        "unknown message",
                        Some(help),
                    ));
                }
                messages.insert(k.clone(), s.to_string());
            }
        }
        if let Some(missing) = kind.messages.iter().find(|k| !messages.contains_key(**k)) {
            return Err(self.error(
                merged.declared_in,
                &format!("rules.{id}"),
                format!("rule `{id}` has no `messages.{missing}`"),
                "this rule",
                Some(format!(
                    "kind `{}` needs these messages: {}",
                    kind.name,
                    kind.messages.join(", ")
                )),
            ));
        }

        let examples: Examples = match merged.keys.get("examples") {
            None => Examples::default(),
            Some((value, f)) => value.clone().try_into().map_err(|e: toml::de::Error| {
                self.value_error(
                    *f,
                    &at("examples"),
                    format!("invalid `examples` for rule `{id}`: {}", e.message()),
                    "here",
                    Some("write `examples = { fail = [\"...\"], pass = [\"...\"] }`; a fail example may be `{ text = \"...\", message = \"...\" }`".into()),
                )
            })?,
        };

        let params: toml::Table = merged
            .keys
            .iter()
            .filter(|(k, _)| !COMMON_KEYS.contains(&k.as_str()))
            .map(|(k, (v, _))| (k.clone(), v.clone()))
            .collect();
        let texts = Texts {
            message,
            help,
            messages,
        };
        let setup = Setup {
            params: &params,
            texts: &texts,
            publication,
            build: severity != Severity::Off,
        };
        // Parameters are always validated; patterns are compiled only for rules that run.
        let compiled = kinds::compile(kind.name, &setup).map_err(|e| {
            let top = e.path.split('.').next().unwrap_or("").to_string();
            let file = origin(&top);
            self.param_error(file, &format!("rules.{id}"), e)
        })?;
        Ok(Rule {
            id: id.clone(),
            kind,
            severity,
            summary,
            texts,
            params,
            examples,
            check: compiled,
        })
    }
}

/// Reads a pack or configuration file. Only a regular file: a FIFO or a device (say
/// `/dev/zero`) named in `extends` or `--config` would hang the run.
fn read_pack(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    std::fs::read_to_string(path)
}

/// serde's "unknown field `x`, expected one of ..." deserves a plainer help line.
fn unknown_key_help(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some(
            "top-level keys are: extends, pack, publication, end-matter, rules, profiles, overrides"
                .into(),
        )
    } else {
        None
    }
}

/// A compiled policy shared by threads and cached per configuration file.
pub type SharedPolicy = Arc<Policy>;
