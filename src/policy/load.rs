//! Reading packs and configuration files: `extends` followed to the built-in packs and
//! other files, the profile and overrides of a configuration file applied as layers, and
//! errors that point at the TOML bytes at fault.

use std::path::{Path, PathBuf};

use super::merge::MergedRule;
use super::schema::{OverrideSpec, ProfilesSpec, RawFile, override_globs};
use super::select::BadGlob;
use super::spans::SpanIndex;
use super::{BUILTIN_PACKS, DEFAULT_PACK, Variant};
use crate::error::Error;

/// One TOML file as read, kept for error labels.
#[derive(Debug)]
pub(super) struct PolicyText {
    /// As shown in messages: `builtin:opinion` or the path.
    pub(super) name: String,
    pub(super) text: String,
    pub(super) spans: SpanIndex,
    /// Where this layer's tables sit in the file (`overrides.2.` for an override).
    pub(super) prefix: String,
}

#[derive(Debug, Default)]
pub(super) struct Loader {
    pub(super) files: Vec<PolicyText>,
    /// The next file loaded is a configuration file: without `extends`, it builds on the
    /// default pack, so `[publication]` alone keeps every rule.
    pub(super) config_file: bool,
    /// Names being loaded, to catch `extends` cycles.
    pub(super) stack: Vec<String>,
    /// The profile and overrides to apply to the configuration file (the first loaded).
    pub(super) variant: Option<Variant>,
    /// What the variant did, for `policy show`.
    pub(super) notes: Vec<String>,
    pub(super) description: String,
    pub(super) publication: Option<String>,
    pub(super) end_blocks: Option<(Vec<String>, usize)>,
    pub(super) end_trailer: Option<(Vec<String>, usize)>,
    /// `[statements]` lists by key, the last file's winning.
    pub(super) statements: std::collections::BTreeMap<&'static str, Vec<String>>,
    pub(super) rules: Vec<MergedRule>,
}

impl Loader {
    pub(super) fn load_builtin(
        &mut self,
        name: &str,
        from: Option<(usize, String)>,
    ) -> Result<(), Error> {
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

    pub(super) fn load_text(
        &mut self,
        name: String,
        dir: Option<PathBuf>,
        text: String,
    ) -> Result<(), Error> {
        if self.stack.contains(&name) {
            return Err(Error::PolicyPlain {
                message: format!("`extends` loops back to `{name}`"),
                help: Some(format!(
                    "the chain is: {} -> {name}",
                    self.stack.join(" -> ")
                )),
            });
        }
        let mut raw = parse(&name, &text)?;
        let top = self.files.is_empty();
        let spans = SpanIndex::new(&text);
        self.files.push(PolicyText {
            name: name.clone(),
            text,
            spans,
            prefix: String::new(),
        });
        let file = self.files.len() - 1;
        self.stack.push(name);
        let implicit =
            std::mem::take(&mut self.config_file).then(|| vec![DEFAULT_PACK.to_string()]);
        let mut extends = raw.extends.clone().or(implicit).unwrap_or_default();
        let variant = if top { self.variant.take() } else { None };
        let overrides = std::mem::take(&mut raw.overrides);
        let profiles = raw.profiles.take();
        if top {
            self.validate_layers(file, profiles.as_ref(), &overrides)?;
            if let Err(bad) = super::select::validate(&raw) {
                return Err(self.value_error(
                    file,
                    &bad.key,
                    bad.message,
                    BadGlob::LABEL,
                    Some(BadGlob::help()),
                ));
            }
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
            self.load_parent(file, i, parent, dir.as_deref())?;
        }
        self.stack.pop();
        self.merge(file, raw)?;
        let chosen = variant.map(|v| v.overrides).unwrap_or_default();
        self.apply_overrides(file, &chosen, &overrides)
    }

    /// Loads entry `index` of a file's `extends`: a built-in pack, or a path relative to
    /// the file.
    fn load_parent(
        &mut self,
        file: usize,
        index: usize,
        parent: &str,
        dir: Option<&Path>,
    ) -> Result<(), Error> {
        let path = format!("extends.{index}");
        let is_path = parent.ends_with(".toml") || parent.contains('/') || parent.contains('\\');
        if BUILTIN_PACKS.iter().any(|(n, _)| *n == parent) || !is_path {
            return self.load_builtin(parent, Some((file, path)));
        }
        let full = dir.map_or_else(|| PathBuf::from(parent), |d| d.join(parent));
        let text = read_pack(&full).map_err(|e| {
            self.error(
                file,
                &path,
                format!("cannot read pack `{}`: {e}", full.display()),
                "this pack",
                Some("paths in `extends` are relative to the file that names them".into()),
            )
        })?;
        self.load_text(
            full.display().to_string(),
            full.parent().map(Path::to_path_buf),
            text,
        )
    }

    /// Merges the chosen `[[overrides]]` of the configuration file over what it set, each
    /// as a layer of its own for error labels (`overrides.2.rules…`).
    fn apply_overrides(
        &mut self,
        file: usize,
        chosen: &[usize],
        overrides: &[OverrideSpec],
    ) -> Result<(), Error> {
        for &i in chosen {
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

    pub(super) fn error(
        &self,
        file: usize,
        path: &str,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Error {
        self.error_at(file, path, false, message, label, help)
    }

    pub(super) fn value_error(
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
}

/// Reads a pack or configuration file. Only a regular file: a FIFO or a device (say
/// `/dev/zero`) named in `extends` or `--config` would hang the run.
pub(super) fn read_pack(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    std::fs::read_to_string(path)
}

/// Reads one file's TOML into the schema; a syntax error or an unknown key points at
/// its bytes.
pub(super) fn parse(name: &str, text: &str) -> Result<RawFile, Error> {
    toml::from_str(text).map_err(|e| {
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
        Error::policy(
            name,
            text,
            span,
            format!("invalid policy file: {message}"),
            "here",
            help,
        )
    })
}

/// serde's "unknown field `x`, expected one of ..." deserves a plainer help line.
fn unknown_key_help(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some(
            "top-level keys are: extends, pack, publication, end-matter, statements, rules, profiles, overrides, exclude, extend-exclude, include, force-exclude"
                .into(),
        )
    } else {
        None
    }
}
