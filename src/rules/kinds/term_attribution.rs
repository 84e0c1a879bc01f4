//! Terms with a legal or loaded meaning (genocide, ethnic cleansing, terrorism, …) are attributed in the sentence that uses them.
//!
//! ## What it does
//! Finds the pack's `terms` in prose and reports each one whose sentence names no
//! source: no attribution cue ("the UN Security Council condemned", "Human Rights Watch
//! called it"), no link, no footnote. A term inside a proper name ("the Khojaly
//! Genocide") is still a characterization and is reported like any other. A term in
//! quotation marks is reported unless the quotation is attributed (“ethnic cleansing,”
//! the mission’s report said). Every side's usage is treated alike. Matches inside one
//! of the `exceptions` (the name of a convention, court or law) are not reported.
//!
//! One finding is reported per sentence, on its first term; the sentence's other terms
//! are labelled.
//!
//! ## Why is this bad?
//! Words such as genocide, massacre or terrorist are verdicts: courts, commissions and
//! governments argue over them, and readers on each side hear them differently. Style
//! guides ask writers to attribute them ("what the government calls…", "a massacre,
//! according to the commission's report") or to describe what happened instead, so that
//! the piece argues its case rather than assuming it.
//!
//! ## Example
//! ```markdown
//! The Khojaly Genocide stands as the largest single massacre of the conflict.
//! ```
//! Use instead:
//! ```markdown
//! The killings at Khojaly, which Azerbaijan’s parliament declared a genocide in 1994,
//! were the deadliest of the conflict, according to Human Rights Watch.
//! ```
//!
//! ## Options
//! - `terms` (list of regexes): the contested terms.
//! - `exceptions` (list of regexes): uses that are not characterizations; a term inside a
//!   match of one of these is not reported.
//! - `cues` (list of regexes): attribution cues that name a source.
//! - `vague` (list of regexes): attributions that name no one; a cue that ends within
//!   one of these does not count.
//!
//! Messages: `message`, with `{text}` for the term.
//!
//! ## Fix safety
//! No automatic fix: attributing or rewording a characterization is the writer's call.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::BlockKind;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::{Around, Attributed, Cues, PerSentence, template_spans};
use crate::rules::support::ranges::{Covering, overlaps};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "term-attribution",
        doc: kind_doc!("rules/term_attribution"),
        messages: &[],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    terms: Vec<String>,
    exceptions: Vec<String>,
    cues: Vec<String>,
    vague: Vec<String>,
}

struct TermAttribution {
    terms: Vec<Pattern>,
    exceptions: Vec<Pattern>,
    cues: Cues,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        setup.check_patterns("terms", &self.terms)?;
        setup.check_patterns("exceptions", &self.exceptions)?;
        setup.check_patterns("cues", &self.cues)?;
        setup.check_patterns("vague", &self.vague)?;
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let terms = setup.patterns("terms", &p.terms)?;
        let exceptions = setup.patterns("exceptions", &p.exceptions)?;
        let cues = setup.patterns("cues", &p.cues)?;
        let vague = setup.patterns("vague", &p.vague)?;
        Ok(Box::new(TermAttribution {
            terms,
            exceptions,
            cues: Cues { cues, vague },
            texts: setup.texts.clone(),
        }))
    }
}

/// Words that open a sentence or a phrase in capitals without being part of a name.
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "For", "And", "Or",
    "But", "Of", "To", "From", "With", "As", "After", "Before", "During", "Since",
];

/// A term written in capitals inside a name ("the Khojaly Genocide") is reported with the
/// capitalized words before it: the whole name is the characterization.
fn name_around(text: &str, m: Range<usize>) -> Range<usize> {
    if !text
        .get(m.clone())
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_uppercase)
    {
        return m;
    }
    let mut start = m.start;
    for _ in 0..4 {
        let before = text.get(..start).unwrap_or("");
        let Some(head) = before.strip_suffix(' ') else {
            break;
        };
        let word_start = head
            .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.')))
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            });
        let word = head.get(word_start..).unwrap_or("");
        if !word.chars().next().is_some_and(char::is_uppercase) || NOT_NAMES.contains(&word) {
            break;
        }
        start = word_start;
    }
    start..m.end
}

impl Check for TermAttribution {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for (index, block) in doc.prose_blocks() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                || block.in_footnote
                || block.quote_depth > 0
            {
                continue;
            }
            let text = &block.prose.text;
            let mut hits: Vec<Range<usize>> = self
                .terms
                .iter()
                .flat_map(|re| re.find_iter(text).map(|m| m.range()))
                .filter(|m| !m.is_empty())
                .collect();
            if hits.is_empty() {
                continue;
            }
            let templates = template_spans(text);
            let excepted = Covering::new(
                self.exceptions
                    .iter()
                    .flat_map(|re| re.find_iter(text).map(|m| m.range()))
                    .collect(),
            );
            hits.retain(|m| !overlaps(&templates, m) && !excepted.covers_end(m.start + 1, m.end));
            hits.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            // Each stretch of text once: the longest of overlapping terms.
            let mut kept: Vec<Range<usize>> = Vec::new();
            for m in hits {
                if kept.last().is_none_or(|k| m.start >= k.end) {
                    kept.push(name_around(text, m));
                }
            }
            let found = Attributed::new(doc, index, block, &self.cues, Around::default());
            let mut by_sentence = PerSentence::default();
            for m in kept {
                let Some(s) = block.sentence_at(m.start) else {
                    continue;
                };
                let quote = found
                    .quotes
                    .iter()
                    .position(|q| q.range.start <= m.start && m.end <= q.range.end);
                let sourced = match quote {
                    Some(q) => found.quote_sourced.get(q).copied().unwrap_or(false),
                    None => found.sentences.get(s).copied().unwrap_or(false),
                };
                if sourced {
                    continue;
                }
                by_sentence.add(s, m);
            }
            by_sentence.report(
                block,
                &self.texts,
                ("whose characterization is this?", "and this one"),
                out,
            );
        }
    }
}
