//! Every sentence that states a figure (a count, amount, percentage, rate, share or sum of money) carries a source in that sentence or the one just before or after it.
//!
//! ## What it does
//! Finds figures in prose: numerals ("613 residents", "more than 10,000", "4.1%",
//! "$11 million") and figures in words that the pack lists ("half a million",
//! "a quarter of"). Numbers that are not figures are left alone: years and dates
//! ("In September 2023", "On October 20", "September 19–20", "12-13 September"), times
//! ("10:30", "5 p.m.", "10-11 AM"), ordinals ("3rd"), durations ("10 years", "2-3
//! hours"), measures ("64-bit", "32 KB"), identifiers ("resolutions 822, 853, 874 and
//! 884", "Article 51", "version 2.1", "COVID-19", "the 1.0 release", "508 compliant"),
//! names with a number ("Debian 6", "FIPS 140", "Ubuntu 18.04", "LLVM 16",
//! "dotnet-sdk 6.0", "nginx 1.25.x"), list numbering ("2. Interactive documentation"),
//! numbers in URLs, in template tags (`{{< figure width="300" >}}`, `{% link %}`), and
//! numbers in code.
//!
//! A number right after a capitalized word inside a sentence ("Windows 10", "IEEE 754",
//! "Top 20") is taken for part of a name, unless it has a thousands separator, a `%`, a
//! currency or a magnitude ("Gaza 30,000"); a sentence's
//! first word is taken for a name only when it is an initialism ("LLVM 16") or a
//! single letter ("R 4.1"), or when the number ends the sentence ("Example 1").
//!
//! A figure counts as sourced when its sentence, or the sentence just before or after it
//! in the same paragraph, has a Markdown link, a footnote reference, or an attribution
//! cue naming a source ("according to the UN", "data from the electoral commission
//! show", "the ministry said", "Reuters reported"). Vague attributions name no one and do
//! not count ("reports say", "experts estimate", "this has been confirmed by
//! international organizations"); a cue that goes on past the vague phrase to name
//! someone does ("according to data from IDC"). An HTML link (`<a href>`) and a link whose destination
//! is a template tag (`[report]({{< ref "x.md" >}})`) count as links. Numbers inside a
//! quotation whose speaker is named where it opens or closes ("“…,” Sullivan said") are
//! the speaker's words and are left alone. One finding is reported per sentence, on its first
//! figure; the sentence's other figures are labelled.
//!
//! ## Why is this bad?
//! A number without a source cannot be checked by the desk or trusted by readers. In an
//! opinion piece, figures are where argument turns into claims of fact, and they are the
//! first thing a rebuttal or a correction request attacks.
//!
//! ## Example
//! ```markdown
//! A landmine explosion killed 4 police officers and two civilians.
//! ```
//! Use instead:
//! ```markdown
//! A landmine explosion killed 4 police officers and two civilians, the Interior Ministry said.
//! ```
//!
//! ## Options
//! - `cues` (list of regexes): attribution cues that name a source.
//! - `vague` (list of regexes): attributions that name no one; a cue that overlaps one of
//!   these and ends within it does not count.
//! - `word-figures` (list of regexes): figures written in words.
//! - `identifiers` (list of words): a number right after one of these is an identifier.
//! - `months` (list of words): a number next to one of these is a date.
//! - `durations` (list of words): a number right before one of these is a duration.
//! - `measures` (list of words): a number right before one of these is a size or a unit
//!   of technical measure, not a figure ("64-bit", "32 KB", "280 characters").
//! - `labels` (list of words): a number right before one of these is a name or an
//!   identifier ("the 1.0 release", "508 compliant", "3-D").
//! - `times` (list of words): a number right before one of these is a time of day.
//! - `magnitudes` (list of words): words that extend a figure ("million").
//! - `quantifiers` (list of words): words that introduce a count at the start of a
//!   sentence ("Over 100 people", "Nearly 40%"); any other capitalized word there makes
//!   the number part of a name ("Group 3", "Phase 2").
//! - `min-year`, `max-year` (integers): four-digit numbers in this range are years.
//! - `scopes` (list): block kinds to check: `paragraph`, `list-item`, `heading`,
//!   `table-cell`.
//!
//! Messages: `message`, with `{text}` for the figure.
//!
//! ## Fix safety
//! No automatic fix: only the writer knows the source.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{Block, BlockKind};
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::{
    Cues, PerSentence, mark, quotations, referenced, template_spans,
};
use crate::rules::support::numerals::{Numerals, word_set};
use crate::rules::support::ranges::{overlaps, within};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "figure-attribution",
        doc: kind_doc!("rules/figure_attribution"),
        messages: &[],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    cues: Vec<String>,
    vague: Vec<String>,
    word_figures: Vec<String>,
    identifiers: Vec<String>,
    months: Vec<String>,
    durations: Vec<String>,
    measures: Vec<String>,
    labels: Vec<String>,
    times: Vec<String>,
    magnitudes: Vec<String>,
    quantifiers: Vec<String>,
    min_year: u32,
    max_year: u32,
    scopes: Vec<Scope>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Scope {
    Paragraph,
    ListItem,
    Heading,
    TableCell,
}

struct FigureAttribution {
    numerals: Numerals,
    cues: Cues,
    word_figures: Vec<Pattern>,
    scopes: Vec<Scope>,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        setup.check_patterns("cues", &self.cues)?;
        setup.check_patterns("vague", &self.vague)?;
        setup.check_patterns("word-figures", &self.word_figures)?;
        if self.min_year > self.max_year {
            return Err(ParamError::new(
                "min-year",
                "`min-year` must not be after `max-year`",
            ));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let cues = setup.patterns("cues", &p.cues)?;
        let vague = setup.patterns("vague", &p.vague)?;
        let word_figures = setup.patterns("word-figures", &p.word_figures)?;
        let numbers = crate::pattern::regex(r"\d+(?:[.,]\d+)*")
            .map_err(|e| ParamError::new("", e.to_string()))?;
        let scopes = if p.scopes.is_empty() {
            vec![Scope::Paragraph, Scope::ListItem]
        } else {
            p.scopes
        };
        Ok(Box::new(FigureAttribution {
            numerals: Numerals {
                numbers,
                identifiers: word_set(&p.identifiers),
                months: word_set(&p.months),
                durations: word_set(&p.durations),
                measures: word_set(&p.measures),
                labels: word_set(&p.labels),
                times: word_set(&p.times),
                magnitudes: word_set(&p.magnitudes),
                quantifiers: word_set(&p.quantifiers),
                years: p.min_year..p.max_year.saturating_add(1),
            },
            cues: Cues { cues, vague },
            word_figures,
            scopes,
            texts: setup.texts.clone(),
        }))
    }
}

impl FigureAttribution {
    fn in_scope(&self, block: &Block) -> bool {
        if block.in_footnote {
            return false;
        }
        let scope = match block.kind {
            BlockKind::Paragraph => Scope::Paragraph,
            BlockKind::ListItem => Scope::ListItem,
            BlockKind::Heading(_) => Scope::Heading,
            BlockKind::TableCell => Scope::TableCell,
            _ => return false,
        };
        self.scopes.contains(&scope)
    }
}

impl Check for FigureAttribution {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for (index, block) in doc.prose_blocks() {
            if !self.in_scope(block)
                || !block.prose.text.bytes().any(|b| b.is_ascii_digit())
                    && self
                        .word_figures
                        .iter()
                        .all(|re| !re.is_match(&block.prose.text))
            {
                continue;
            }
            let text = &block.prose.text;
            let numerals = self.numerals.figures(text);
            let templates = template_spans(text);
            let mut figures = numerals.clone();
            for re in &self.word_figures {
                for m in re.find_iter(text) {
                    if !within(&templates, &m.range()) && !overlaps(&numerals, &m.range()) {
                        figures.push(m.range());
                    }
                }
            }
            if figures.is_empty() {
                continue;
            }
            figures.sort_by_key(|f| f.start);
            let mut sourced = referenced(doc, index, block);
            mark(block, &self.cues.find(text), &mut sourced);
            // A quotation whose speaker is named where it opens or closes ("“…,” Sullivan
            // said"): its numbers are the speaker's words, not the writer's figures.
            let in_quotes: Vec<Range<usize>> = quotations(text)
                .into_iter()
                .filter(|q| {
                    [q.start, q.end.saturating_sub(1)]
                        .iter()
                        .filter_map(|at| block.sentence_at(*at))
                        .any(|i| sourced.get(i).copied().unwrap_or(false))
                })
                .collect();
            let is_sourced = |i: usize| {
                let near = [i.checked_sub(1), Some(i), Some(i + 1)];
                near.iter()
                    .flatten()
                    .any(|j| sourced.get(*j).copied().unwrap_or(false))
            };

            let mut by_sentence = PerSentence::default();
            for f in figures {
                let Some(s) = block.sentence_at(f.start) else {
                    continue;
                };
                if is_sourced(s) || within(&in_quotes, &f) {
                    continue;
                }
                by_sentence.add(s, f);
            }
            by_sentence.report(
                block,
                &self.texts,
                ("no source for this figure", "nor for this one"),
                out,
            );
        }
    }
}
