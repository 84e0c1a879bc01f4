//! Subheadings follow the house style: sentence case (or title case), no final period, no skipped levels, no level-1 heading when the title is in the front matter.
//!
//! ## What it does
//! Reads the headings of the article's body and reports:
//! - a heading not in the house `case`. In sentence case only the first word (and the
//!   first word after a colon, a dash or a question mark) takes a capital; a capitalized
//!   word further on is reported unless it is a name: a word written with the same
//!   capital somewhere in the body inside a sentence ("Armenia", "Patriotic War"), an
//!   acronym or a word with capitals or digits inside ("NATO", "GitHub", "COVID-19"), a
//!   single letter ("Plan B"), a word in quotation marks, or one of the pack's
//!   `capitalized` words (days, months, "I"). In title case a lowercase word is reported
//!   unless it is one of the `minor-words` ("of", "and") inside the heading. One finding
//!   per heading, on its first such word; the others are labelled.
//! - a heading that ends with a period (a question or exclamation mark is fine; so is an
//!   abbreviation such as "U.S." or one of the pack's `abbreviations`);
//! - a heading that skips a level (a `####` right after a `##`); the title counts as
//!   level 1 when the front matter has one;
//! - a level-1 heading in the body when the front matter has a title: the page would
//!   have two titles.
//!
//! Headings in block quotes and lists, and the page residue after the article, are
//! not read.
//!
//! ## Why is this bad?
//! A house style for subheadings is part of what makes a publication look edited.
//! Title Case Subheadings, stray periods and skipped levels read as copy pasted from
//! somewhere else, and screen-reader users navigate by heading level.
//!
//! ## Example
//! ```markdown
//! ## Armenia Undermines Azerbaijan’s Peace Efforts.
//! ```
//! Use instead:
//! ```markdown
//! ## Armenia undermines Azerbaijan’s peace efforts
//! ```
//!
//! ## Options
//! - `case`: `"sentence"` (the default) or `"title"`.
//! - `capitalized` (list): words that are always capitalized, in any heading.
//! - `minor-words` (list): words that stay lowercase inside a title-case heading.
//! - `abbreviations` (list): words that end a heading with their own period ("Inc.").
//! - `title-key` (string): the front matter field that holds the title (`title`).
//!
//! Messages: `message` for the case, with `{case}` and `{text}` (the heading);
//! `final-period`, `skipped-level` (with `{level}`, `{previous}`, `{expected}`) and
//! `title-in-body` (with `{text}`).
//!
//! ## Fix safety
//! Removing a final period is safe. The change of case is shown as a suggestion only:
//! a word capitalized nowhere else in the article may still be a name.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::{Block, BlockKind};
use crate::rules::Texts;
use crate::rules::support::body::{body_blocks, exact_source, fix, match_case, starts_sentence};
use crate::rules::support::ranges::overlaps;
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc, support::excerpt,
};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "heading-style",
        doc: kind_doc!("rules/heading_style"),
        messages: &["final-period", "skipped-level", "title-in-body"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Case {
    #[default]
    Sentence,
    Title,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    case: Case,
    capitalized: Vec<String>,
    minor_words: Vec<String>,
    abbreviations: Vec<String>,
    title_key: Option<String>,
}

struct HeadingStyle {
    case: Case,
    capitalized: HashSet<String>,
    minor_words: HashSet<String>,
    abbreviations: HashSet<String>,
    title_key: String,
    texts: Texts,
}

fn set(list: Vec<String>) -> HashSet<String> {
    list.into_iter().map(|w| w.trim().to_lowercase()).collect()
}

impl Build for Params {
    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        Ok(Box::new(HeadingStyle {
            case: p.case,
            capitalized: set(p.capitalized),
            minor_words: set(p.minor_words),
            abbreviations: set(p.abbreviations),
            title_key: p.title_key.unwrap_or_else(|| "title".into()),
            texts: setup.texts.clone(),
        }))
    }
}

/// A word without a possessive ending ("Azerbaijan’s" -> "Azerbaijan").
fn stem(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// A name, whatever the article says: capitals or digits after the first letter
/// ("NATO", "GitHub", "COVID-19", "iPhone"), or a single letter.
fn looks_like_a_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next();
    word.chars().count() == 1 || chars.any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Words written with a capital inside a sentence somewhere in the body: names.
fn names_in<'c>(cx: &'c Context<'_>) -> HashSet<&'c str> {
    let mut out = HashSet::new();
    for (_, block) in body_blocks(cx) {
        if block.is_heading() {
            continue;
        }
        let text = block.prose.text.as_str();
        for w in block.words() {
            let Some(word) = text.get(w.clone()) else {
                continue;
            };
            if word.starts_with(char::is_uppercase) && !starts_sentence(block, w.start) {
                out.insert(stem(word));
            }
        }
    }
    out
}

impl HeadingStyle {
    /// Words of a heading in the wrong case, as prose ranges.
    fn miscased(&self, block: &Block, names: &HashSet<&str>) -> Vec<Range<usize>> {
        let text = &block.prose.text;
        let quoted = block.quoted();
        let list = block.words();
        let mut out = Vec::new();
        let mut first = true;
        let count = list.len();
        for (i, w) in list.iter().enumerate() {
            let Some(word) = text.get(w.clone()) else {
                continue;
            };
            // A new start: the first word, or the first after a colon, a dash, a
            // question or exclamation mark ("Part one: The road", "Why now? A look").
            let gap = i
                .checked_sub(1)
                .and_then(|j| list.get(j))
                .and_then(|p| text.get(p.end..w.start))
                .unwrap_or("");
            let opens = first || gap.contains([':', '—', '–', '?', '!']) || gap.contains(" - ");
            if !word.starts_with(char::is_alphabetic) {
                continue;
            }
            first = false;
            if opens || overlaps(quoted, w) || looks_like_a_name(word) {
                continue;
            }
            let lower = word.to_lowercase();
            let capital = word.starts_with(char::is_uppercase);
            let wrong = match self.case {
                Case::Sentence => {
                    capital
                        && !self.capitalized.contains(&lower)
                        && !self.capitalized.contains(stem(&lower))
                        && !self.abbreviations.contains(&format!("{lower}."))
                        && !names.contains(stem(word))
                        && !names.contains(word)
                }
                Case::Title => !capital && (i + 1 == count || !self.minor_words.contains(&lower)),
            };
            if wrong {
                out.push(w.clone());
            }
        }
        out
    }

    fn check_case(
        &self,
        cx: &Context<'_>,
        block: &Block,
        names: &HashSet<&str>,
        out: &mut Vec<Diagnostic>,
    ) {
        let bad = self.miscased(block, names);
        let Some(first) = bad.first() else { return };
        let text = &block.prose.text;
        let case = match self.case {
            Case::Sentence => "sentence",
            Case::Title => "title",
        };
        let message = fill(
            &self.texts.message,
            &[("case", case), ("text", &excerpt(block.text()))],
        );
        let mut d = Diagnostic::new(message, block.prose.to_source(first.clone()))
            .with_label(format!("not in {case} case"))
            .with_help(self.texts.help.clone());
        for other in bad.iter().skip(1) {
            d = d.with_secondary(block.prose.to_source(other.clone()), "nor this");
        }
        let edits: Option<Vec<(Range<usize>, String)>> = bad
            .iter()
            .map(|w| {
                let word = text.get(w.clone())?;
                let changed = match self.case {
                    Case::Sentence => word.to_lowercase(),
                    Case::Title => match_case("X", word),
                };
                Some((exact_source(cx, block, w.clone())?, changed))
            })
            .collect();
        if let Some(edits) = edits {
            d.fix = Some(fix(
                format!("Write the heading in {case} case"),
                Applicability::DisplayOnly,
                edits,
            ));
        }
        out.push(d);
    }

    fn check_period(&self, cx: &Context<'_>, block: &Block, out: &mut Vec<Diagnostic>) {
        let text = block.prose.text.trim_end();
        let Some(body) = text.strip_suffix('.') else {
            return;
        };
        if body.ends_with('.') {
            return; // An ellipsis.
        }
        let last = body
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_start_matches(['(', '“', '"']);
        if last.contains('.')
            || self
                .abbreviations
                .contains(&format!("{}.", last.to_lowercase()))
            || last.is_empty()
        {
            return;
        }
        let at = body.len()..text.len();
        let mut d = Diagnostic::new(
            self.texts.get("final-period"),
            block.prose.to_source(at.clone()),
        )
        .with_label("final period")
        .with_help(self.texts.help.clone());
        if let Some(span) = exact_source(cx, block, at) {
            d.fix = Some(fix(
                "Remove the final period",
                Applicability::Safe,
                vec![(span, String::new())],
            ));
        }
        out.push(d);
    }
}

impl Check for HeadingStyle {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let titled = cx
            .doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get(&self.title_key))
            .is_some();
        let mut previous: Option<u8> = titled.then_some(1);
        let mut names: Option<HashSet<&str>> = None;
        for (_, block) in body_blocks(cx) {
            let BlockKind::Heading(level) = block.kind else {
                continue;
            };
            if block.quote_depth > 0 || block.in_list || block.text().is_empty() {
                continue;
            }
            let span = block.prose_span();
            if level == 1 && titled {
                let message = fill(
                    self.texts.get("title-in-body"),
                    &[("text", &excerpt(block.text()))],
                );
                out.push(
                    Diagnostic::new(message, span.clone())
                        .with_label("a second title")
                        .with_help(self.texts.help.clone()),
                );
            } else if let Some(prev) = previous
                && level > prev + 1
            {
                let (l, p, e) = (level.to_string(), prev.to_string(), (prev + 1).to_string());
                let message = fill(
                    self.texts.get("skipped-level"),
                    &[("level", &l), ("previous", &p), ("expected", &e)],
                );
                out.push(
                    Diagnostic::new(message, span.clone())
                        .with_label(format!("level {l} after level {p}"))
                        .with_help(self.texts.help.clone()),
                );
            }
            previous = Some(level);
            let names = names.get_or_insert_with(|| names_in(cx));
            self.check_case(cx, block, names, out);
            self.check_period(cx, block, out);
        }
    }
}
