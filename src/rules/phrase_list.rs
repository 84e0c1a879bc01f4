//! Words and phrases that must not appear in a submitted article (CMS residue, placeholder copy).
//!
//! ## What it does
//! Reports every occurrence, in prose, of:
//! - `phrases`: phrases matched as whole words, ignoring case and spacing
//!   ("lorem ipsum", "we rely on your support");
//! - `words`: words matched exactly, case included ("TK", "XX", "TODO"), so that the
//!   ordinary words they resemble are left alone;
//! - `patterns`: regular expressions (`(?i)` for case-insensitive);
//! - `blocks`: phrases that are reported only when they are a whole paragraph or heading
//!   on their own ("Related Reading", "Comment", "Advertisement").
//!
//! `{publication}` in a phrase stands for the configured publication name, or for any
//! capitalized name when none is configured. Code, code spans and HTML comments are never
//! searched.
//!
//! ## Why is this bad?
//! Text pasted from a web page brings its widgets along ("Related Reading", donation
//! appeals, "Share this"), and drafts carry marks for work still to do ("TK", "lorem
//! ipsum", "[citation needed]"). Either one published is an embarrassment that readers
//! notice at once.
//!
//! ## Example
//! ```markdown
//! Related Reading
//!
//! The ceasefire held for TK days.
//! ```
//! Use instead:
//! ```markdown
//! The ceasefire held for nine days.
//! ```
//!
//! ## Options
//! - `phrases`, `words`, `patterns`, `blocks` (lists of strings), as above.
//! - `once-per-paragraph` (boolean): report only the first hit in each paragraph, so a
//!   pasted donation appeal is one finding, not five.
//!
//! Messages: `message`, with `{text}` for the words found.
//!
//! ## Fix safety
//! No automatic fix: residue and placeholders need a person to decide what replaces them.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind, ParamError, Setup, params, quoted};
use crate::diagnostic::Diagnostic;
use crate::policy::Texts;
use crate::policy::template::{fill, loose_regex};

pub(super) static KIND: Kind = Kind {
    name: "phrase-list",
    source: include_str!("phrase_list.rs"),
    messages: &[],
    compile,
};

/// What `{publication}` matches when no publication is configured: a capitalized name of
/// up to five words ("Fair Observer", "The New York Times").
const ANY_NAME: &str =
    r"(?-i:\p{Lu}[\p{L}\p{M}’'.&-]*(?:\s+(?:of\s+|the\s+|and\s+)?\p{Lu}[\p{L}\p{M}’'.&-]*){0,4})";

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    phrases: Vec<String>,
    words: Vec<String>,
    patterns: Vec<String>,
    blocks: Vec<String>,
    once_per_paragraph: bool,
}

struct PhraseList {
    /// Report only the first hit of each paragraph (one appeal, one finding).
    once: bool,
    /// Matched anywhere in prose.
    anywhere: Vec<Regex>,
    /// Matched against a whole block's trimmed text.
    whole: Option<Regex>,
    texts: Texts,
}

fn compile(setup: &Setup<'_>, build: bool) -> Result<Option<Box<dyn Check>>, ParamError> {
    let p: Params = params(setup.params)?;
    // Validate user patterns even when the rule is off.
    let patterns = super::compile_param_regexes("patterns", &p.patterns)?;
    if !build {
        return Ok(None);
    }
    let publication = setup
        .publication
        .map(loose_regex)
        .unwrap_or_else(|| ANY_NAME.to_string());
    // `{publication}` is split out before the rest is made loose, so its braces survive.
    let loose = |s: &str| {
        s.split("{publication}")
            .map(loose_regex)
            .collect::<Vec<_>>()
            .join(&publication)
    };
    let phrase = |s: &str| bounded(&loose(s), s);

    let mut anywhere = Vec::new();
    if !p.phrases.is_empty() {
        let alt: Vec<String> = p.phrases.iter().map(|s| phrase(s)).collect();
        anywhere.push(compile_alternation("phrases", "(?i)", &alt)?);
    }
    if !p.words.is_empty() {
        let alt: Vec<String> = p
            .words
            .iter()
            .map(|w| bounded(&regex::escape(w), w))
            .collect();
        anywhere.push(compile_alternation("words", "", &alt)?);
    }
    anywhere.extend(patterns);
    let whole = if p.blocks.is_empty() {
        None
    } else {
        let alt: Vec<String> = p.blocks.iter().map(|s| loose(s)).collect();
        Some(compile_alternation(
            "blocks",
            "(?i)^",
            &[format!("(?:{})[\\s.!:?…]*$", alt.join("|"))],
        )?)
    };
    Ok(Some(Box::new(PhraseList {
        once: p.once_per_paragraph,
        anywhere,
        whole,
        texts: setup.texts.clone(),
    })))
}

/// Adds word boundaries on the sides of a phrase that begin or end with a word character,
/// so "TK" does not match inside "stkt" but "[citation needed]" still matches.
fn bounded(pattern: &str, literal: &str) -> String {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let start = if word(literal.chars().next()) {
        r"\b"
    } else {
        ""
    };
    let end = if word(literal.chars().last()) {
        r"\b"
    } else {
        ""
    };
    format!("{start}{pattern}{end}")
}

fn compile_alternation(
    key: &str,
    flags: &str,
    alternatives: &[String],
) -> Result<Regex, ParamError> {
    let pattern = format!("{flags}(?:{})", alternatives.join("|"));
    super::regex(&pattern).map_err(|e| ParamError::new(key, format!("cannot compile `{key}`: {e}")))
}

impl Check for PhraseList {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (_, block) in cx.doc.prose_blocks() {
            let text = &block.prose.text;
            let mut hits: Vec<Range<usize>> = Vec::new();
            if let Some(whole) = &self.whole {
                let trimmed = text.trim();
                if whole.is_match(trimmed) {
                    let start = text.len() - text.trim_start().len();
                    hits.push(start..start + trimmed.len());
                }
            }
            for re in &self.anywhere {
                for m in re.find_iter(text) {
                    if m.is_empty() || hits.iter().any(|h| h.start < m.end() && m.start() < h.end) {
                        continue;
                    }
                    hits.push(m.range());
                }
            }
            hits.sort_by_key(|h| h.start);
            if self.once {
                hits.truncate(1);
            }
            for hit in hits {
                let span = block.prose.to_source(hit.clone());
                let words = text.get(hit).unwrap_or("");
                out.push(
                    Diagnostic::new(fill(&self.texts.message, &[("text", &quoted(words))]), span)
                        .with_label("remove this")
                        .with_help(self.texts.help.clone()),
                );
            }
        }
    }
}
