//! A required statement (such as the author-views disclaimer) appears once, worded as the house template, among the closing paragraphs.
//!
//! ## What it does
//! Looks for the statement given by `template` in the article's prose, and, with
//! `statement` set, for the same kind of statement in any other wording: the recogniser
//! reads disclaimers by meaning ("The opinions expressed here are her own and do not
//! necessarily reflect the views of X", "All views my own", "**Disclaimer:** the views
//! expressed herein are those of the author …"), in emphasis, raw HTML and comments. In
//! the template, case, runs of whitespace and straight or curly quotes do not matter, and
//! `{publication}` stands for the configured publication name (with none configured, any
//! name matches). Reports the statement when it is:
//! - missing: no statement of the kind at all (pointing at the end of the body);
//! - misworded: there is one, but not in the house wording; the finding labels the words
//!   that differ and its help shows the house wording and each change;
//! - hidden: the only one is inside an HTML comment, where readers do not see it;
//! - naming the wrong publication (on the name itself);
//! - misplaced: followed by more of the article (only end matter such as the editor
//!   credit, and page residue, may follow it);
//! - duplicated: a second statement, in any wording.
//!
//! `statement` names the kind the recogniser looks for: `author-views` (the disclaimer),
//! `editor-credit`, `editors-note`, `republication` or `guest-post`; empty, only the
//! template (and paragraphs opening with its first `opening-words` words) count. To
//! forbid a kind instead, use the `forbidden-statement` kind.
//!
//! Other wordings are found with the words of the `[statements]` table, which the
//! built-in `statements` pack holds (`opinion` extends it; a pack with `extends = []`
//! and no `[statements]` of its own finds only the house wording).
//!
//! ## Why is this bad?
//! The disclaimer is a legal and editorial commitment: it tells readers that an opinion
//! piece does not speak for the publication. A missing, altered or misplaced disclaimer
//! can be read as the publication endorsing the piece. An archive words it a dozen ways:
//! what an editor needs is "not in the house wording, and this is the difference".
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
//! - `statement` (string): the kind of statement the recogniser finds in other wordings.
//! - `opening-words` (integer): how many of the template's first words make a paragraph
//!   count as an attempt at the statement (for the misworded finding); 0 turns it off.
//!
//! Messages: `message` (missing), `messages.misworded`, `messages.hidden`,
//! `messages.misplaced`, `messages.wrong-publication`, `messages.duplicated`. They may use
//! `{publication}` and `{text}`.
//!
//! ## Fix safety
//! A missing statement has an unsafe fix (`--unsafe-fixes`): the template, filled in with
//! the configured publication, inserted as its own paragraph after the body and any end
//! matter such as the credit line. A misworded statement in the article's prose has an
//! unsafe fix that replaces it with the house wording. Both are unsafe because they put
//! words in the piece the author did not sign off; with `{publication}` in the template
//! and no publication configured there is none. Misplaced, hidden and duplicated
//! statements have none: which copy to keep, and where, is an editor's call.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::document::statements::{Place, StatementKind, Word};
use crate::document::words::word_iter;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::wording;
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc, support::excerpt,
};
use crate::template::{self, fill, loose_regex, normalize, normalized_starts_with};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "required-statement",
        doc: kind_doc!("rules/required_statement"),
        messages: &[
            "misworded",
            "hidden",
            "misplaced",
            "wrong-publication",
            "duplicated",
        ],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    template: String,
    opening_words: usize,
    statement: String,
}

struct RequiredStatement {
    /// Matches the statement with any publication name, capturing it.
    any: Pattern,
    /// The configured publication, normalized; `None` accepts any name.
    publication: Option<String>,
    /// The template's opening words, normalized, for the misworded finding.
    opening: Option<String>,
    /// The kind of statement found in other wordings.
    kind: Option<StatementKind>,
    texts: Texts,
    display_publication: String,
    /// The statement to insert, when the template can be filled in.
    insert: Option<String>,
    /// The house wording as shown to editors (the publication filled in when known).
    house: String,
}

/// Parses a statement kind's name, listing the kinds when it is none of them.
pub(crate) fn statement_kind(key: &str, name: &str) -> Result<Option<StatementKind>, ParamError> {
    if name.is_empty() {
        return Ok(None);
    }
    StatementKind::from_name(name).map(Some).ok_or_else(|| {
        let mut e = ParamError::new(key, format!("unknown statement kind `{name}`"));
        e.help = Some(format!(
            "statement kinds: {}",
            StatementKind::ALL.map(StatementKind::name).join(", ")
        ));
        e
    })
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if self.template.trim().is_empty() {
            return Err(ParamError::new("template", "`template` must not be empty"));
        }
        statement_kind("statement", &self.statement)?;
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
        let display_publication = setup.publication.unwrap_or("the publication").to_string();
        let insert = match (parts.len(), setup.publication) {
            (1, _) => Some(p.template.trim().to_string()),
            (_, Some(name)) => Some(fill(p.template.trim(), &[("publication", name)])),
            // No publication configured: the name to insert is unknown.
            (_, None) => None,
        };
        Ok(Box::new(RequiredStatement {
            any,
            publication,
            opening: opening.filter(|o| !o.contains('{')),
            kind: statement_kind("statement", &p.statement)?,
            texts: setup.texts.clone(),
            house: insert.clone().unwrap_or_else(|| {
                fill(p.template.trim(), &[("publication", &display_publication)])
            }),
            display_publication,
            insert,
        }))
    }
}

/// One occurrence of the statement, in the house wording or another.
struct Found {
    block: Option<usize>,
    span: Range<usize>,
    /// In the house wording: the publication it names.
    name: Option<(Range<usize>, String)>,
    house: bool,
    words: Vec<Word>,
    place: Place,
}

impl RequiredStatement {
    fn message(&self, key: &str, text: &str) -> String {
        fill(
            self.texts.get(key),
            &[("publication", &self.display_publication), ("text", text)],
        )
    }

    /// The help, `{house}` being the house wording and `{publication}` the name.
    fn help(&self) -> String {
        fill(
            &self.texts.help,
            &[
                ("publication", &self.display_publication),
                ("house", &self.house),
            ],
        )
    }

    /// Every statement in the house wording, every one the recogniser finds in another
    /// wording, and the paragraphs that open like it: in file order.
    fn find(&self, cx: &Context<'_>) -> Vec<Found> {
        let doc = cx.doc;
        let mut found: Vec<Found> = Vec::new();
        for (i, block) in doc.prose_blocks() {
            let text = &block.prose.text;
            let mut any = false;
            for caps in self.any.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                any = true;
                found.push(Found {
                    block: Some(i),
                    span: block.prose.to_source(m.range()),
                    name: caps
                        .name("publication")
                        .map(|n| (block.prose.to_source(n.range()), n.as_str().to_string())),
                    house: true,
                    words: Vec::new(),
                    place: Place::Prose,
                });
            }
            if !any
                && let Some(opening) = &self.opening
                && normalized_starts_with(block.text(), opening)
            {
                let span = block.prose_span();
                let words = word_iter(text)
                    .map(|r| Word {
                        norm: normalize(text.get(r.clone()).unwrap_or("")),
                        span: block.prose.to_source(r),
                    })
                    .collect();
                found.push(Found {
                    block: Some(i),
                    span,
                    name: None,
                    house: false,
                    words,
                    place: Place::Prose,
                });
            }
        }
        if let Some(kind) = self.kind {
            for s in cx.statements.iter().filter(|s| s.kind == kind) {
                let overlaps = |f: &Found| f.span.start < s.span.end && s.span.start < f.span.end;
                if found.iter().any(overlaps) {
                    continue;
                }
                found.push(Found {
                    block: s.block,
                    span: s.span.clone(),
                    // The body a disclaimer names: "the views of the Law Library".
                    name: s.names.first().map(|n| (n.span.clone(), n.text.clone())),
                    house: false,
                    words: s.words.clone(),
                    place: s.place,
                });
            }
        }
        found.sort_by_key(|f| f.span.start);
        found
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

    /// A statement in another wording: the words that differ labelled, the house wording
    /// and each change in the help, and a fix to the house wording.
    fn misworded(&self, doc: &Document<'_>, f: &Found) -> Diagnostic {
        let written = doc.text().get(f.span.clone()).unwrap_or("");
        let diff = wording::diff(doc.text(), &f.words, &self.house);
        let mut help = format!("{}\nThe house wording: \"{}\"", self.help(), self.house);
        if !diff.summary.is_empty() {
            help.push_str(&format!("\nWhat differs: {}", diff.summary));
        }
        let mut d = Diagnostic::new(self.message("misworded", &excerpt(written)), f.span.clone())
            .with_label("not in the house wording")
            .with_help(help);
        for (span, label) in diff.labels {
            d = d.with_secondary(span, label);
        }
        if let (Some(house), Place::Prose) = (&self.insert, f.place) {
            d = d.with_fix(Fix {
                title: "replace it with the house wording".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    range: f.span.clone(),
                    replacement: house.clone(),
                }],
            });
        }
        d
    }
}

impl Check for RequiredStatement {
    fn end_matter(&self, doc: &Document<'_>) -> Vec<usize> {
        doc.prose_blocks()
            .filter(|(_, b)| {
                self.any.find(&b.prose.text).is_some_and(|m| {
                    b.prose
                        .text
                        .get(..m.start())
                        .is_some_and(|t| t.trim().is_empty())
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn house_text(&self, _name: &str) -> Option<String> {
        Some(self.house.clone())
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let all = self.find(cx);
        // A statement in a comment counts only when there is no other: readers do not
        // see it.
        let (hidden, found): (Vec<Found>, Vec<Found>) =
            all.into_iter().partition(|f| f.place == Place::Comment);
        let Some(first) = found.first() else {
            out.push(match hidden.first() {
                Some(h) => Diagnostic::new(self.message("hidden", ""), h.span.clone())
                    .with_label("inside an HTML comment")
                    .with_help(self.help()),
                None => self.missing(cx),
            });
            return;
        };

        // The one to keep: the first in the house wording, else the first found.
        let keep = found.iter().position(|f| f.house).unwrap_or(0);
        for (i, f) in found.iter().enumerate() {
            if i == keep {
                if !f.house {
                    out.push(self.misworded(doc, f));
                }
            } else if let Some(k) = found.get(keep) {
                out.push(
                    Diagnostic::new(self.message("duplicated", ""), f.span.clone())
                        .with_label("repeated here")
                        .with_secondary(k.span.clone(), "first appears here")
                        .with_help(self.help()),
                );
            }
            if let (Some(expected), Some((name_span, name))) = (&self.publication, &f.name)
                && !same_publication(name, expected)
            {
                out.push(
                    Diagnostic::new(
                        self.message("wrong-publication", name.trim()),
                        name_span.clone(),
                    )
                    .with_label(format!("expected {}", self.display_publication))
                    .with_help(self.help()),
                );
            }
        }

        // The statement must be a paragraph of its own: a sentence typed after it in the
        // same paragraph is more of the article.
        if let Some(kept) = found.get(keep)
            && kept.house
            && let Some(block) = kept.block.and_then(|b| doc.blocks.get(b))
            && let after = block.prose_span()
            && after.end > kept.span.end
            && doc
                .text()
                .get(kept.span.end..after.end)
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
        {
            let rest = kept.span.end..after.end;
            out.push(
                Diagnostic::new(self.message("misplaced", ""), kept.span.clone())
                    .with_label("the statement is here")
                    .with_secondary(rest, "more of the article follows in the same paragraph")
                    .with_help(self.help()),
            );
            return;
        }
        if let Some(at) = first.block
            && let Some(next) = cx.layout.body_after(at)
            && let Some(block) = doc.blocks.get(next)
        {
            out.push(
                Diagnostic::new(self.message("misplaced", ""), first.span.clone())
                    .with_label("the statement is here")
                    .with_secondary(block.prose_span(), "but the article continues here")
                    .with_help(self.help()),
            );
        }
    }
}

/// Whether a name is the publication's, ignoring case, quotes and a leading "the".
fn same_publication(name: &str, expected: &str) -> bool {
    let strip = |s: &str| {
        let n = normalize(s);
        n.strip_prefix("the ").map(str::to_string).unwrap_or(n)
    };
    strip(name) == strip(expected)
}
