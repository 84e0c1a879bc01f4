//! Compiling a merged policy: every rule validated, its kind found, its texts read and
//! its check built (patterns compiled only for rules that run), one rule per thread.

use std::collections::BTreeMap;

use super::kinds;
use super::load::Loader;
use super::merge::MergedRule;
use super::schema::{COMMON_KEYS, Examples};
use super::{Policy, Rule};
use crate::diagnostic::Severity;
use crate::did_you_mean::closest;
use crate::document::layout::EndMatter;
use crate::document::statements::{Lexicon, Phrases, Recogniser, WordSet};
use crate::error::Error;
use crate::parallel::{default_threads, for_each_ordered};
use crate::rules::{About, ParamError, Setup, Texts};

impl Loader {
    pub(super) fn compile(self) -> Result<Policy, Error> {
        let publication = self.publication.clone();
        let end_matter = self.compile_end_matter()?;
        let statements = Recogniser::new(self.lexicon());
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
            statements,
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

    /// The statement recogniser's words from `[statements]`.
    fn lexicon(&self) -> Lexicon {
        let list = |key: &str| {
            self.statements
                .get(key)
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        let words = |key: &str| WordSet::new(list(key).iter().map(String::as_str));
        let verbs = |key: &str| WordSet::verbs(list(key).iter().map(String::as_str));
        let phrases = |key: &str| Phrases::new(list(key).iter().map(String::as_str));
        Lexicon {
            opinion_nouns: words("opinion-nouns"),
            piece_nouns: words("piece-nouns"),
            author_nouns: words("author-nouns"),
            stance_nouns: words("stance-nouns"),
            reflect_verbs: verbs("reflect-verbs"),
            construe_verbs: verbs("construe-verbs"),
            editing_words: words("editing-words"),
            editor_labels: words("editor-labels"),
            credit_heads: words("credit-heads"),
            name_particles: words("name-particles"),
            note_labels: phrases("note-labels"),
            publish_verbs: verbs("publish-verbs"),
            republish_verbs: verbs("republish-verbs"),
            guest_nouns: words("guest-nouns"),
            disclaimer_labels: phrases("disclaimer-labels"),
        }
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
        let kind = self.kind_of(merged)?;
        let severity = self.severity_of(merged)?;
        let Some(message) = self.string(merged, "message")? else {
            return Err(self.error(
                merged.declared_in,
                &format!("rules.{id}"),
                format!("rule `{id}` has no `message`"),
                "this rule",
                Some("every rule needs the message its findings show".into()),
            ));
        };
        let help = self.string(merged, "help")?.unwrap_or_default();
        let summary = self.string(merged, "summary")?.unwrap_or_default();
        let texts = Texts {
            message,
            help,
            messages: self.messages_of(merged, kind)?,
        };
        let examples = self.examples_of(merged)?;
        let params: toml::Table = merged
            .keys
            .iter()
            .filter(|(k, _)| !COMMON_KEYS.contains(&k.as_str()))
            .map(|(k, (v, _))| (k.clone(), v.clone()))
            .collect();
        let setup = Setup {
            params: &params,
            texts: &texts,
            publication,
            build: severity != Severity::Off,
        };
        // Parameters are always validated; patterns are compiled only for rules that run.
        let compiled = kinds::compile(kind.name, &setup).map_err(|e| {
            let top = e.path.split('.').next().unwrap_or("").to_string();
            self.param_error(merged.origin(&top), &format!("rules.{id}"), e)
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

    /// A string key of a rule (`kind`, `message`, …), if set.
    fn string(&self, merged: &MergedRule, key: &str) -> Result<Option<String>, Error> {
        let id = &merged.id;
        match merged.keys.get(key) {
            None => Ok(None),
            Some((toml::Value::String(s), _)) => Ok(Some(s.clone())),
            Some((other, f)) => Err(self.value_error(
                *f,
                &format!("rules.{id}.{key}"),
                format!(
                    "`{key}` of rule `{id}` must be a string, not {}",
                    other.type_str()
                ),
                "expected a string",
                None,
            )),
        }
    }

    fn kind_of(&self, merged: &MergedRule) -> Result<&'static About, Error> {
        let kind_name = self.string(merged, "kind")?.unwrap_or_default();
        if let Some(kind) = kinds::find(&kind_name) {
            return Ok(kind);
        }
        let names: Vec<&str> = kinds::all().map(|k| k.name).collect();
        let help = match closest(&kind_name, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? Kinds: {}", names.join(", ")),
            None => format!("kinds: {}", names.join(", ")),
        };
        Err(self.value_error(
            merged.origin("kind"),
            &format!("rules.{}.kind", merged.id),
            format!("unknown rule kind `{kind_name}`"),
            "unknown kind",
            Some(help),
        ))
    }

    fn severity_of(&self, merged: &MergedRule) -> Result<Severity, Error> {
        Ok(match self.string(merged, "severity")?.as_deref() {
            None => Severity::Warning,
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            Some("off") => Severity::Off,
            Some(other) => {
                return Err(self.value_error(
                    merged.origin("severity"),
                    &format!("rules.{}.severity", merged.id),
                    format!("unknown severity `{other}` for rule `{}`", merged.id),
                    "unknown severity",
                    Some("use one of: error, warning, info, off".into()),
                ));
            }
        })
    }

    /// `messages`: a table of strings, with exactly the keys the kind needs.
    fn messages_of(
        &self,
        merged: &MergedRule,
        kind: &About,
    ) -> Result<BTreeMap<String, String>, Error> {
        let id = &merged.id;
        let at = |key: &str| format!("rules.{id}.{key}");
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
        Ok(messages)
    }

    fn examples_of(&self, merged: &MergedRule) -> Result<Examples, Error> {
        let Some((value, f)) = merged.keys.get("examples") else {
            return Ok(Examples::default());
        };
        value.clone().try_into().map_err(|e: toml::de::Error| {
            self.value_error(
                *f,
                &format!("rules.{}.examples", merged.id),
                format!("invalid `examples` for rule `{}`: {}", merged.id, e.message()),
                "here",
                Some("write `examples = { fail = [\"...\"], pass = [\"...\"] }`; a fail example may be `{ text = \"...\", message = \"...\" }`".into()),
            )
        })
    }
}
