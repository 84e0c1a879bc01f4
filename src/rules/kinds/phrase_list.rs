//! Words and phrases that must not appear in a submitted article (CMS residue, placeholder copy).
//!
//! ## What it does
//! Reports every occurrence, in prose, of:
//! - `phrases`: phrases matched as whole words, ignoring case and spacing
//!   ("lorem ipsum", "we rely on your support");
//! - `words`: words matched exactly, case included ("TK", "XX", "TODO"), so that the
//!   ordinary words they resemble are left alone;
//! - `patterns`: regular expressions (`(?i)` for case-insensitive);
//! - `openers`: phrases reported only where they begin a sentence, as a call to action
//!   does ("Subscribe to our newsletter for more"), and not inside a sentence that tells
//!   of them ("when people subscribe to our newsletter");
//! - `blocks`: phrases that are reported only when they are a whole paragraph or heading
//!   on their own ("Related Reading", "Comment", "Advertisement"); a list item or table
//!   cell that is one word among others ("Email" in a list of channels) is not residue.
//!
//! A hit that lies inside a match of one of the `exceptions` (regexes) is not reported:
//! they describe the ordinary uses of a listed word ("a TODO list", "“TBD”" quoted as a
//! term, "[link](…)" as link text).
//!
//! `{publication}` in a phrase stands for the configured publication name, or for any
//! capitalized name when none is configured. With no publication configured, a phrase
//! or opener that holds `{publication}` is only reported as a whole paragraph or heading,
//! since "support {publication}" would otherwise match "support Go" or "Support Team".
//! Code, code spans and HTML comments are never searched.
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
//! - `phrases`, `words`, `patterns`, `openers`, `blocks` (lists of strings), as above.
//! - `exceptions` (list of regexes): ordinary uses that are never reported.
//! - `once-per-paragraph` (boolean): report only the first hit in each paragraph, so a
//!   pasted donation appeal is one finding, not five.
//! - `label` (string): the words shown under each finding; "remove this" by default.
//! - `unless-linked` (`"sentence"` or `"paragraph"`): a hit is not reported when its
//!   sentence (or paragraph) holds a link or a footnote reference, which names what the
//!   words leave unnamed ("[studies show](…)", "a piece in the Post" with a footnote).
//!
//! Messages: `message`, with `{text}` for the words found.
//!
//! ## Fix safety
//! No automatic fix: residue and placeholders need a person to decide what replaces them.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::BlockKind;
use crate::pattern::LazyRegex;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::referenced;
use crate::rules::support::ranges::Covering;
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc, support::excerpt,
};
use crate::template::{fill, loose_regex};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "phrase-list",
        doc: kind_doc!("rules/phrase_list"),
        messages: &[],
    },
    compile: compile::<Params, _>,
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
    openers: Vec<String>,
    blocks: Vec<String>,
    exceptions: Vec<String>,
    once_per_paragraph: bool,
    unless_linked: Option<Reach>,
    label: Option<String>,
}

/// Where a link excuses a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Reach {
    Sentence,
    Paragraph,
}

struct PhraseList {
    /// Report only the first hit of each paragraph (one appeal, one finding).
    once: bool,
    /// A link in the hit's sentence or paragraph excuses it.
    unless_linked: Option<Reach>,
    /// The words under each finding.
    label: String,
    /// Matched anywhere in prose.
    anywhere: Vec<Pattern>,
    /// Matched at the start of a sentence.
    openers: Option<Pattern>,
    /// Matched against a whole paragraph's or heading's trimmed text.
    whole: Whole,
    /// Ordinary uses: hits inside these are not reported.
    exceptions: Vec<Pattern>,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        // User patterns are validated even when the rule is off, and compiled when it runs.
        setup.check_patterns("patterns", &self.patterns)?;
        setup.check_patterns("exceptions", &self.exceptions)?;
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let patterns = setup.patterns("patterns", &p.patterns)?;
        let exceptions = setup.patterns("exceptions", &p.exceptions)?;
        let configured = setup.publication.is_some();
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
        // Unconfigured, `{publication}` matches any capitalized name: only a whole block is
        // specific enough ("Support Fair Observer" alone on its line, not "support Go").
        let mut block_phrases: Vec<&str> = p.blocks.iter().map(String::as_str).collect();
        let mut phrases = Vec::new();
        let mut openers = Vec::new();
        for (list, kept) in [(&p.phrases, &mut phrases), (&p.openers, &mut openers)] {
            for s in list {
                if !configured && s.contains("{publication}") {
                    block_phrases.push(s);
                } else {
                    kept.push(phrase(s));
                }
            }
        }

        let mut anywhere = Vec::new();
        if !phrases.is_empty() {
            anywhere.push(compile_alternation("phrases", "(?i)", &phrases)?);
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
        // An opener starts the sentence, after any opening bracket, quote or emphasis.
        let openers = if openers.is_empty() {
            None
        } else {
            Some(compile_alternation(
                "openers",
                "(?i)^[\\[(“\"‘'*_\\s]*",
                &[format!("({})", openers.join("|"))],
            )?)
        };
        let whole = Whole::new(&block_phrases, &publication, &loose)?;
        Ok(Box::new(PhraseList {
            once: p.once_per_paragraph,
            unless_linked: p.unless_linked,
            label: p.label.unwrap_or_else(|| "remove this".to_string()),
            anywhere,
            openers,
            whole,
            exceptions,
            texts: setup.texts.clone(),
        }))
    }
}

/// The `blocks` phrases, matched against a whole paragraph's or heading's trimmed text.
///
/// Those with `{publication}` are a pattern of their own: unconfigured, the placeholder
/// is a capitalized name of up to five words, whose Unicode classes make the pattern
/// costly to compile while few texts could match it. It is compiled on first use, and
/// only for a text that opens with what comes before the placeholder in one of them.
struct Whole {
    /// `^(?:phrases)[\s.!:?…]*$`, for the phrases without `{publication}`.
    plain: Option<Pattern>,
    /// What comes before `{publication}`, at the start of the text; `None` when a
    /// phrase starts with the placeholder.
    named_start: Option<Pattern>,
    /// The phrases with `{publication}`, as `plain`, those with the same words after the
    /// placeholder sharing one copy of it.
    named: Option<LazyRegex>,
}

const WHOLE_END: &str = "[\\s.!:?…]*$";

impl Whole {
    fn new(
        phrases: &[&str],
        publication: &str,
        loose: &dyn Fn(&str) -> String,
    ) -> Result<Self, ParamError> {
        let mut plain: Vec<String> = Vec::new();
        // Words after the placeholder -> the loose words before it, in list order.
        let mut named: Vec<(String, Vec<String>)> = Vec::new();
        for s in phrases {
            let Some((before, after)) = s.split_once("{publication}") else {
                plain.push(loose(s));
                continue;
            };
            let (before, after) = (loose_regex(before), loose(after));
            match named.iter_mut().find(|(a, _)| *a == after) {
                Some((_, list)) if list.contains(&before) => {}
                Some((_, list)) => list.push(before),
                None => named.push((after, vec![before])),
            }
        }
        let plain = if plain.is_empty() {
            None
        } else {
            Some(compile_alternation(
                "blocks",
                "(?i)^",
                &[format!("(?:{}){WHOLE_END}", plain.join("|"))],
            )?)
        };
        if named.is_empty() {
            return Ok(Self {
                plain,
                named_start: None,
                named: None,
            });
        }
        let starts: Vec<&String> = named.iter().flat_map(|(_, list)| list).collect();
        let named_start = if starts.iter().any(|s| s.is_empty()) {
            None
        } else {
            let alts: Vec<&str> = starts.iter().map(|s| s.as_str()).collect();
            Some(compile_alternation("blocks", "(?i)^", &[alts.join("|")])?)
        };
        let alts: Vec<String> = named
            .iter()
            .map(|(after, before)| format!("(?:{}){publication}{after}", before.join("|")))
            .collect();
        let pattern = format!("(?i)^(?:(?:{}){WHOLE_END})", alts.join("|"));
        let named = LazyRegex::new(pattern)
            .map_err(|e| ParamError::new("blocks", format!("cannot compile `blocks`: {e}")))?;
        Ok(Self {
            plain,
            named_start,
            named: Some(named),
        })
    }

    fn is_match(&self, text: &str) -> bool {
        self.plain.as_ref().is_some_and(|re| re.is_match(text))
            || self.named.as_ref().is_some_and(|named| {
                self.named_start
                    .as_ref()
                    .is_none_or(|start| start.is_match(text))
                    && named.get().is_some_and(|re| re.is_match(text))
            })
    }

    fn is_empty(&self) -> bool {
        self.plain.is_none() && self.named.is_none()
    }
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
) -> Result<Pattern, ParamError> {
    let pattern = format!("{flags}(?:{})", alternatives.join("|"));
    crate::pattern::regex(&pattern)
        .map_err(|e| ParamError::new(key, format!("cannot compile `{key}`: {e}")))
}

impl Check for PhraseList {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (index, block) in cx.doc.prose_blocks() {
            let text = &block.prose.text;
            let mut hits: Vec<Range<usize>> = Vec::new();
            if !self.whole.is_empty()
                && matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading(_))
            {
                let trimmed = text.trim();
                if self.whole.is_match(trimmed) {
                    let start = text.len() - text.trim_start().len();
                    hits.push(start..start + trimmed.len());
                }
            }
            let mut found: Vec<Range<usize>> = Vec::new();
            for re in &self.anywhere {
                found.extend(re.find_iter(text).map(|m| m.range()));
            }
            if let Some(re) = &self.openers {
                for s in &block.sentences {
                    let sentence = text.get(s.clone()).unwrap_or("");
                    if let Some(m) = re.captures(sentence).and_then(|c| c.get(1)) {
                        found.push(s.start + m.start()..s.start + m.end());
                    }
                }
            }
            // Exceptions are searched only in blocks with a hit: most blocks have none.
            let excepted = Covering::new(if found.is_empty() {
                Vec::new()
            } else {
                self.exceptions
                    .iter()
                    .flat_map(|re| re.find_iter(text).map(|m| m.range()))
                    .collect()
            });
            // In text order, keeping the first of overlapping hits (a stable sort keeps the
            // list order for hits at the same place).
            found.sort_by_key(|m| m.start);
            let mut end = hits.first().map_or(0, |h| h.end);
            for m in found {
                if m.is_empty() || m.start < end || excepted.covers_end(m.start + 1, m.end) {
                    continue;
                }
                end = m.end;
                hits.push(m);
            }
            hits.sort_by_key(|h| h.start);
            if let Some(reach) = self.unless_linked
                && !hits.is_empty()
            {
                let linked = referenced(cx.doc, index, block);
                hits.retain(|h| match reach {
                    Reach::Paragraph => !linked.iter().any(|l| *l),
                    Reach::Sentence => !block
                        .sentence_at(h.start)
                        .and_then(|i| linked.get(i))
                        .is_some_and(|l| *l),
                });
            }
            if self.once {
                hits.truncate(1);
            }
            for hit in hits {
                let span = block.prose.to_source(hit.clone());
                let words = text.get(hit).unwrap_or("");
                out.push(
                    Diagnostic::new(
                        fill(&self.texts.message, &[("text", &excerpt(words))]),
                        span,
                    )
                    .with_label(self.label.clone())
                    .with_help(self.texts.help.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(phrases: &[&str]) -> Whole {
        let loose = |s: &str| {
            s.split("{publication}")
                .map(loose_regex)
                .collect::<Vec<_>>()
                .join(ANY_NAME)
        };
        Whole::new(phrases, ANY_NAME, &loose).unwrap()
    }

    #[test]
    fn whole_blocks_with_a_name_are_matched_like_the_others() {
        let w = whole(&[
            "Related Reading",
            "More from {publication}",
            "Support {publication}",
            "Support {publication}",
            "{publication} Weekly",
        ]);
        for yes in [
            "Related reading:",
            "More from The New York Times",
            "support Fair  Observer!",
            "Fair Observer weekly",
        ] {
            assert!(w.is_match(yes), "{yes}");
        }
        for no in [
            "Related",
            "More from the desk",
            "Support our work",
            "support",
        ] {
            assert!(!w.is_match(no), "{no}");
        }
        let plain = whole(&["Related Reading"]);
        assert!(plain.named.is_none() && plain.is_match("Related Reading."));
    }
}
