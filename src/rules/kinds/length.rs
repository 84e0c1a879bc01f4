//! Lengths within the house limits: the article's body, the headline, each sentence, each paragraph.
//!
//! ## What it does
//! Each rule of this kind measures one thing, its `measure`:
//! - `body`: the words of the article's body (paragraphs, lists, tables, subheadings and
//!   block quotes, without the front matter, end matter such as the credit line and the
//!   disclaimer, footnotes or page residue) must be within `min-words` and `max-words`.
//!   A body too short is reported at its end; one too long at the word that passes the
//!   limit. Both are findings about the whole document.
//! - `headline`: the front matter's title (`title-key`) must have at most `max-words`
//!   words and `max-characters` characters.
//! - `sentence`: each sentence of a body paragraph or list item must have at most
//!   `max-words` words; the sentence is reported.
//! - `paragraph`: each body paragraph must have at most `max-words` words; it is
//!   reported at the word that passes the limit.
//!
//! A word is a whitespace-separated run holding a letter, a digit or a code span.
//! Paragraphs in block quotes are someone else's words and are not measured by
//! `sentence` and `paragraph`.
//!
//! The default pack has four rules of this kind, so that each has its own severity:
//! `length` (the body, a warning), `headline-length` (a warning), and `long-sentence` and
//! `long-paragraph` (information: a long sentence can be right, but the desk should
//! look at it).
//!
//! ## Why is this bad?
//! A piece far outside the house range does not fit the page or the reader's time; a
//! long headline is cut off in feeds and search results; very long sentences and
//! paragraphs lose readers on screens.
//!
//! ## Example
//! ```markdown
//! ---
//! title: "Why the long and winding negotiations over the future of Karabakh failed for thirty years and what comes next"
//! ---
//! ```
//! Use instead:
//! ```markdown
//! ---
//! title: "Why the Karabakh talks failed for 30 years"
//! ---
//! ```
//!
//! ## Options
//! - `measure`: `"body"`, `"headline"`, `"sentence"` or `"paragraph"`.
//! - `min-words`, `max-words` (integers): the limits in words (`min-words` for `body`).
//! - `max-characters` (integer): the limit in characters, for `headline`.
//! - `title-key` (string): the front matter field of the headline (`title`).
//!
//! Messages: `message`, with `{count}` (words), `{words}` ("1 word", "3 words"),
//! `{characters}`, `{min}`, `{max}` and
//! `{max-characters}`.
//!
//! ## Fix safety
//! No automatic fix: only the writer and the editor can cut or add copy.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::front_matter::Value;
use crate::document::words::counted_words;
use crate::document::{Block, BlockKind};
use crate::rules::Texts;
use crate::rules::support::body::body_blocks;
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "length",
        doc: kind_doc!("rules/length"),
        messages: &[],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Measure {
    #[default]
    Body,
    Headline,
    Sentence,
    Paragraph,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    measure: Measure,
    min_words: Option<usize>,
    max_words: Option<usize>,
    max_characters: Option<usize>,
    title_key: Option<String>,
}

struct Length {
    measure: Measure,
    min_words: Option<usize>,
    max_words: Option<usize>,
    max_characters: Option<usize>,
    title_key: String,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if let (Some(min), Some(max)) = (self.min_words, self.max_words)
            && min > max
        {
            return Err(ParamError::new(
                "min-words",
                "`min-words` must not be more than `max-words`",
            ));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        Ok(Box::new(Length {
            measure: p.measure,
            min_words: p.min_words,
            max_words: p.max_words,
            max_characters: p.max_characters,
            title_key: p.title_key.unwrap_or_else(|| "title".into()),
            texts: setup.texts.clone(),
        }))
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

impl Length {
    fn message(&self, count: usize, characters: usize) -> String {
        let n = |v: Option<usize>| v.map_or_else(String::new, |v| v.to_string());
        fill(
            &self.texts.message,
            &[
                ("count", &count.to_string()),
                // "1 word", "3 words": for messages that must not say "1 words".
                ("words", &plural(count, "word")),
                ("characters", &characters.to_string()),
                ("min", &n(self.min_words)),
                ("max", &n(self.max_words)),
                ("max-characters", &n(self.max_characters)),
            ],
        )
    }

    fn body(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut count = 0;
        // Where the body passes the maximum: the first word over it.
        let mut over: Option<Range<usize>> = None;
        for (_, block) in body_blocks(cx) {
            let words = block.word_count();
            if over.is_none()
                && let Some(max) = self.max_words
                && count + words > max
                && let Some(w) = counted_words(&block.prose.text).nth(max - count)
            {
                over = Some(block.prose.to_source(w));
            }
            count += words;
        }
        if count == 0 {
            return; // Nothing to measure: no article body at all.
        }
        let message = self.message(count, 0);
        if let Some(span) = over {
            out.push(
                Diagnostic::new(message, span)
                    .with_label(format!(
                        "word {} of {count}",
                        self.max_words.unwrap_or(0) + 1
                    ))
                    .with_help(self.texts.help.clone())
                    .document_level(),
            );
        } else if self.min_words.is_some_and(|min| count < min) {
            let end = cx.layout.end_of_body(cx.doc);
            out.push(
                Diagnostic::new(message, end..end)
                    .with_label(format!("the body ends after {}", plural(count, "word")))
                    .with_help(self.texts.help.clone())
                    .document_level(),
            );
        }
    }

    fn headline(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(field) = cx
            .doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get(&self.title_key))
        else {
            return;
        };
        let Value::String(title) = &field.value else {
            return;
        };
        let title = title.trim();
        let count = counted_words(title).count();
        let characters = title.chars().count();
        if self.max_words.is_some_and(|m| count > m)
            || self.max_characters.is_some_and(|m| characters > m)
        {
            out.push(
                Diagnostic::new(self.message(count, characters), field.value_span.clone())
                    .with_label(format!("{count} words, {characters} characters"))
                    .with_help(self.texts.help.clone()),
            );
        }
    }

    fn measured(block: &Block) -> bool {
        block.quote_depth == 0 && matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
    }

    fn sentences(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(max) = self.max_words else { return };
        for (_, block) in body_blocks(cx).filter(|(_, b)| Self::measured(b)) {
            for s in &block.sentences {
                let count = counted_words(block.prose.text.get(s.clone()).unwrap_or("")).count();
                if count > max {
                    out.push(
                        Diagnostic::new(self.message(count, 0), block.prose.to_source(s.clone()))
                            .with_label(format!("{count} words"))
                            .with_help(self.texts.help.clone()),
                    );
                }
            }
        }
    }

    fn paragraphs(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(max) = self.max_words else { return };
        for (_, block) in body_blocks(cx) {
            if !Self::measured(block) || block.kind != BlockKind::Paragraph {
                continue;
            }
            let count = block.word_count();
            if count > max
                && let Some(w) = counted_words(&block.prose.text).nth(max)
            {
                out.push(
                    Diagnostic::new(self.message(count, 0), block.prose.to_source(w))
                        .with_label(format!("word {} of {count}", max + 1))
                        .with_help(self.texts.help.clone()),
                );
            }
        }
    }
}

impl Check for Length {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        match self.measure {
            Measure::Body => self.body(cx, out),
            Measure::Headline => self.headline(cx, out),
            Measure::Sentence => self.sentences(cx, out),
            Measure::Paragraph => self.paragraphs(cx, out),
        }
    }
}
