//! A required statement (such as the author-views disclaimer) appears once, worded as the house template, among the closing paragraphs.
//!
//! ## What it does
//! Looks for the statement given by `template` in the article's prose. Case, runs of
//! whitespace and straight or curly quotes and apostrophes do not matter. `{publication}`
//! in the template stands for the configured publication name; with none configured, any
//! name matches. Reports the statement when it is:
//! - missing (pointing at the end of the body, where it belongs);
//! - misplaced: followed by more of the article (only end matter such as the editor
//!   credit, and page residue, may follow it);
//! - naming the wrong publication (on the name itself);
//! - duplicated;
//! - misworded: a paragraph starts like the statement but does not match it.
//!
//! ## Why is this bad?
//! The disclaimer is a legal and editorial commitment: it tells readers that an opinion
//! piece does not speak for the publication. A missing, altered or misplaced disclaimer
//! can be read as the publication endorsing the piece.
//!
//! ## Example
//! ```markdown
//! The views expressed in this article are the author's own and do not necessarily reflect Fair Observer's editorial policy.
//!
//! Armenia and Azerbaijan signed the statement in 2020.
//! ```
//! Use instead:
//! ```markdown
//! Armenia and Azerbaijan signed the statement in 2020.
//!
//! The views expressed in this article are the author's own and do not necessarily reflect Fair Observer's editorial policy.
//! ```
//!
//! ## Options
//! - `template` (string): the statement, with `{publication}` for the publication name.
//! - `opening-words` (integer): how many of the template's first words make a paragraph
//!   count as an attempt at the statement (for the misworded finding); 0 turns it off.
//!
//! Messages: `message` (missing), `messages.misplaced`, `messages.wrong-publication`,
//! `messages.duplicated`, `messages.misworded`. They may use `{publication}` and `{text}`.
//!
//! ## Fix safety
//! A missing statement has an unsafe fix (`--unsafe-fixes`): the template, filled in with
//! the configured publication, inserted as its own paragraph after the body and any end
//! matter such as the credit line. It is unsafe because it adds words to the piece for
//! which the author did not sign off; with `{publication}` in the template and no
//! publication configured there is no fix. Misplaced, misworded and duplicated
//! statements have none: which copy to keep is an editor's call.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc, support::excerpt,
};
use crate::template::{self, fill, loose_regex, normalize, normalized_starts_with};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "required-statement",
        doc: kind_doc!("rules/required_statement"),
        messages: &["misplaced", "wrong-publication", "duplicated", "misworded"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    template: String,
    opening_words: usize,
}

struct RequiredStatement {
    /// Matches the statement with any publication name, capturing it.
    any: Pattern,
    /// The configured publication, normalized; `None` accepts any name.
    publication: Option<String>,
    /// The template's opening words, normalized, for the misworded finding.
    opening: Option<String>,
    texts: Texts,
    display_publication: String,
    /// The statement to insert, when the template can be filled in.
    insert: Option<String>,
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if self.template.trim().is_empty() {
            return Err(ParamError::new("template", "`template` must not be empty"));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let parts = template::split(&p.template, "publication");
        let pattern = parts
            .iter()
            .map(|part| loose_regex(part))
            .collect::<Vec<_>>()
            .join(r"(?P<publication>\S.{0,80}?)");
        let any = crate::pattern::regex(&format!("(?i){pattern}"))
            .map_err(|e| ParamError::new("template", format!("cannot use this template: {e}")))?;
        let opening = (p.opening_words > 0).then(|| {
            let words: Vec<&str> = p
                .template
                .split_whitespace()
                .take(p.opening_words)
                .collect();
            normalize(&words.join(" "))
        });
        let publication = setup.publication.map(normalize);
        Ok(Box::new(RequiredStatement {
            any,
            publication,
            opening: opening.filter(|o| !o.contains('{')),
            texts: setup.texts.clone(),
            display_publication: setup.publication.unwrap_or("the publication").to_string(),
            insert: match (parts.len(), setup.publication) {
                (1, _) => Some(p.template.trim().to_string()),
                (_, Some(name)) => Some(fill(p.template.trim(), &[("publication", name)])),
                // No publication configured: the name to insert is unknown.
                (_, None) => None,
            },
        }))
    }
}

/// One occurrence of the statement.
struct Found {
    block: usize,
    span: std::ops::Range<usize>,
    name_span: Option<std::ops::Range<usize>>,
    name: String,
}

impl RequiredStatement {
    fn message(&self, key: &str, text: &str) -> String {
        fill(
            self.texts.get(key),
            &[("publication", &self.display_publication), ("text", text)],
        )
    }

    fn help(&self) -> String {
        fill(
            &self.texts.help,
            &[("publication", &self.display_publication)],
        )
    }

    /// Every statement in the house wording, and the paragraphs that open like it but
    /// are worded otherwise.
    fn find(&self, doc: &Document<'_>) -> (Vec<Found>, Vec<Range<usize>>) {
        let mut found: Vec<Found> = Vec::new();
        let mut misworded = Vec::new();
        for (i, block) in doc.prose_blocks() {
            let text = &block.prose.text;
            let mut any = false;
            for caps in self.any.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                any = true;
                let name = caps.name("publication");
                found.push(Found {
                    block: i,
                    span: block.prose.to_source(m.range()),
                    name_span: name.map(|n| block.prose.to_source(n.range())),
                    name: name.map_or(String::new(), |n| n.as_str().to_string()),
                });
            }
            if !any
                && let Some(opening) = &self.opening
                && normalized_starts_with(block.text(), opening)
            {
                misworded.push(block.prose_span());
            }
        }
        (found, misworded)
    }

    /// The statement is missing: reported at the end of the body, with the statement to
    /// insert after the end matter when the pack gives one.
    fn missing(&self, cx: &Context<'_>) -> Diagnostic {
        let doc = cx.doc;
        let at = cx.layout.end_of_body(doc);
        let mut d = Diagnostic::new(self.message("message", ""), at..at)
            .with_label("the statement belongs after the last paragraph")
            .with_help(self.help())
            .document_level();
        if let Some(statement) = &self.insert {
            let to = cx.layout.end_of_end_matter(doc);
            d = d.with_fix(Fix {
                title: "insert the statement after the article".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    range: to..to,
                    replacement: format!("\n\n{statement}"),
                }],
            });
        }
        d
    }
}

impl Check for RequiredStatement {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let (found, misworded) = self.find(doc);
        for span in &misworded {
            let words = doc.text().get(span.clone()).unwrap_or("");
            out.push(
                Diagnostic::new(self.message("misworded", &excerpt(words)), span.clone())
                    .with_label("differs from the house wording")
                    .with_help(self.help()),
            );
        }

        let Some(first) = found.first() else {
            if misworded.is_empty() {
                out.push(self.missing(cx));
            }
            return;
        };

        for f in &found {
            if let (Some(expected), Some(name_span)) = (&self.publication, &f.name_span)
                && normalize(&f.name) != *expected
            {
                out.push(
                    Diagnostic::new(
                        self.message("wrong-publication", f.name.trim()),
                        name_span.clone(),
                    )
                    .with_label(format!("expected {}", self.display_publication))
                    .with_help(self.help()),
                );
            }
        }

        if let Some(next) = cx.layout.body_after(first.block)
            && let Some(block) = doc.blocks.get(next)
        {
            out.push(
                Diagnostic::new(self.message("misplaced", ""), first.span.clone())
                    .with_label("the statement is here")
                    .with_secondary(block.prose_span(), "but the article continues here")
                    .with_help(self.help()),
            );
        }

        for dup in found.iter().skip(1) {
            out.push(
                Diagnostic::new(self.message("duplicated", ""), dup.span.clone())
                    .with_label("repeated here")
                    .with_secondary(first.span.clone(), "first appears here")
                    .with_help(self.help()),
            );
        }
    }
}
