//! Terms the house replaces with its preferred word ("utilize" -> "use", "in order to" -> "to", "Kiev" -> "Kyiv").
//!
//! ## What it does
//! Reports every use, in prose, of a term of the pack's `terms` table and offers its
//! preferred replacement. A term written in lowercase matches in any case, and the
//! replacement takes the capital of the words found ("In order to" -> "To"); a
//! capitalized match inside a sentence is part of a name and is left alone. A term
//! written with a capital ("Kiev") matches only as written. Terms match as whole words,
//! whatever the spacing or line breaks between their words. A hit inside a match of one
//! of the `exceptions` (regexes) is an ordinary use ("Chicken Kiev", "Dynamo Kiev").
//! Code and template tags (`{{< figure alt="…" >}}`) are never read.
//!
//! ## Why is this bad?
//! Wordy phrases ("in order to", "utilize") slow readers down, and some names have an
//! official or house spelling ("Kyiv") that the publication uses everywhere.
//!
//! ## Example
//! ```markdown
//! The ministry will utilize the funds in order to rebuild Kiev.
//! ```
//! Use instead:
//! ```markdown
//! The ministry will use the funds to rebuild Kyiv.
//! ```
//!
//! ## Options
//! - `terms` (table of term = preferred).
//! - `exceptions` (list of regexes): ordinary uses that are never reported.
//!
//! Messages: `message`, with `{text}` (the words found) and `{preferred}`.
//!
//! ## Fix safety
//! The replacement is safe outside quotations and link text; inside them it changes
//! someone else's words or a title, so it is unsafe. Words split by markup
//! ("in *order* to") are reported without a fix.

use std::cell::OnceCell;
use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::template_spans;
use crate::rules::support::body::{
    body_blocks, exact_source, fix, link_texts, match_case, safety, starts_sentence,
};
use crate::rules::support::ranges::{Covering, within};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "substitution",
        doc: kind_doc!("rules/substitution"),
        messages: &[],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    terms: HashMap<String, String>,
    exceptions: Vec<String>,
}

struct Substitution {
    /// Lowercase terms, matched in any case.
    any_case: Option<Pattern>,
    /// Capitalized terms, matched as written.
    exact: Option<Pattern>,
    /// Term (lowercased, single-spaced) -> preferred.
    preferred: HashMap<String, String>,
    exceptions: Vec<Pattern>,
    texts: Texts,
}

/// A term with any run of whitespace between its words, as whole words.
fn pattern(term: &str) -> String {
    let words: Vec<String> = term.split_whitespace().map(regex::escape).collect();
    format!(r"\b{}\b", words.join(r"\s+"))
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        setup.check_patterns("exceptions", &self.exceptions)?;
        if let Some((term, _)) = self
            .terms
            .iter()
            .find(|(t, r)| t.trim().is_empty() || r.trim().is_empty())
        {
            return Err(ParamError::new(
                format!("terms.{term}"),
                "a term and its preferred replacement must not be empty",
            ));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let exceptions = setup.patterns("exceptions", &p.exceptions)?;
        // Longer terms first, so "in order to" wins over a shorter term inside it.
        let mut terms: Vec<&String> = p.terms.keys().collect();
        terms.sort_by_key(|t| (std::cmp::Reverse(t.len()), t.to_string()));
        let alternation =
            |flags: &str, list: Vec<&&String>| -> Result<Option<Pattern>, ParamError> {
                if list.is_empty() {
                    return Ok(None);
                }
                let alts: Vec<String> = list.iter().map(|t| pattern(t)).collect();
                crate::pattern::regex(&format!("{flags}(?:{})", alts.join("|")))
                    .map(Some)
                    .map_err(|e| ParamError::new("terms", format!("cannot compile `terms`: {e}")))
            };
        let (upper, lower): (Vec<&&String>, Vec<&&String>) = terms
            .iter()
            .partition(|t| t.chars().any(char::is_uppercase));
        Ok(Box::new(Substitution {
            any_case: alternation("(?i)", lower)?,
            exact: alternation("", upper)?,
            preferred: p
                .terms
                .iter()
                .map(|(t, r)| (normalize(t), r.clone()))
                .collect(),
            exceptions,
            texts: setup.texts.clone(),
        }))
    }
}

impl Check for Substitution {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (index, block) in body_blocks(cx) {
            let text = &block.prose.text;
            // Exceptions, template tags and protected spans are looked for once a term
            // is found.
            let excepted = OnceCell::new();
            let templates = OnceCell::new();
            let protected = OnceCell::new();
            for (re, any_case) in [(&self.any_case, true), (&self.exact, false)] {
                let Some(re) = re else { continue };
                for m in re.find_iter(text) {
                    let range = m.range();
                    let found = m.as_str();
                    let excepted = excepted.get_or_init(|| {
                        Covering::new(
                            self.exceptions
                                .iter()
                                .flat_map(|re| re.find_iter(text).map(|m| m.range()))
                                .collect(),
                        )
                    });
                    if excepted.covers_end(range.start + 1, range.end)
                        || within(templates.get_or_init(|| template_spans(text)), &range)
                        || any_case
                            && found.starts_with(char::is_uppercase)
                            && !starts_sentence(block, range.start)
                    {
                        continue;
                    }
                    let Some(preferred) = self.preferred.get(&normalize(found)) else {
                        continue;
                    };
                    let replacement = match_case(found, preferred);
                    let message = fill(
                        &self.texts.message,
                        &[("text", found), ("preferred", &replacement)],
                    );
                    let mut d = Diagnostic::new(message, block.prose.to_source(range.clone()))
                        .with_label(format!("`{replacement}`"))
                        .with_help(self.texts.help.clone());
                    if let Some(span) = exact_source(cx, block, range.clone()) {
                        let protected = protected.get_or_init(|| {
                            let mut spans = block.quoted().to_vec();
                            spans.extend(link_texts(cx, index));
                            Covering::new(spans)
                        });
                        d.fix = Some(fix(
                            format!("Write `{replacement}`"),
                            safety(protected.covers_end(range.start + 1, range.end)),
                            vec![(span, replacement.clone())],
                        ));
                    }
                    out.push(d);
                }
            }
        }
    }
}
