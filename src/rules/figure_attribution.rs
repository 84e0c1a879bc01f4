//! Every sentence that states a figure (a count, amount, percentage, rate, share or sum of money) carries a source in that sentence or the one just before or after it.
//!
//! ## What it does
//! Finds figures in prose: numerals ("613 residents", "more than 10,000", "4.1%",
//! "$11 million") and figures in words that the pack lists ("half a million",
//! "a quarter of"). Numbers that are not figures are left alone: years and dates
//! ("In September 2023", "On October 20", "September 19–20"), times ("10:30",
//! "5 p.m."), ordinals ("3rd"), durations ("10 years"), identifiers ("resolutions 822,
//! 853, 874 and 884", "Article 51", "version 2.1", "COVID-19"), numbers in URLs, and
//! numbers in code.
//!
//! A figure counts as sourced when its sentence, or the sentence just before or after it
//! in the same paragraph, has a Markdown link, a footnote reference, or an attribution
//! cue naming a source ("according to the UN", "data from the electoral commission
//! show", "the ministry said", "Reuters reported"). Vague attributions name no one and do
//! not count ("reports say", "experts estimate", "this has been confirmed by
//! international organizations"). One finding is reported per sentence, on its first
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
//! - `vague` (list of regexes): attributions that name no one; a cue inside one of these
//!   does not count.
//! - `word-figures` (list of regexes): figures written in words.
//! - `identifiers` (list of words): a number right after one of these is an identifier.
//! - `months` (list of words): a number next to one of these is a date.
//! - `durations` (list of words): a number right before one of these is a duration.
//! - `times` (list of words): a number right before one of these is a time of day.
//! - `magnitudes` (list of words): words that extend a figure ("million").
//! - `min-year`, `max-year` (integers): four-digit numbers in this range are years.
//! - `scopes` (list): block kinds to check: `paragraph`, `list-item`, `heading`,
//!   `table-cell`.
//!
//! Messages: `message`, with `{text}` for the figure.
//!
//! ## Fix safety
//! No automatic fix: only the writer knows the source.

use std::collections::HashSet;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind, ParamError, Setup, compile_param_regexes, params, quoted};
use crate::diagnostic::Diagnostic;
use crate::document::{Block, BlockKind};
use crate::policy::Texts;
use crate::policy::template::fill;

pub(super) static KIND: Kind = Kind {
    name: "figure-attribution",
    source: include_str!("figure_attribution.rs"),
    messages: &[],
    compile,
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
    times: Vec<String>,
    magnitudes: Vec<String>,
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
    numbers: Regex,
    cues: Vec<Regex>,
    vague: Vec<Regex>,
    word_figures: Vec<Regex>,
    identifiers: HashSet<String>,
    months: HashSet<String>,
    durations: HashSet<String>,
    times: HashSet<String>,
    magnitudes: HashSet<String>,
    years: Range<u32>,
    scopes: Vec<Scope>,
    texts: Texts,
}

fn word_set(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .map(|w| w.trim().trim_end_matches('.').to_lowercase())
        .collect()
}

fn compile(setup: &Setup<'_>, build: bool) -> Result<Option<Box<dyn Check>>, ParamError> {
    let p: Params = params(setup.params)?;
    let cues = compile_param_regexes("cues", &p.cues)?;
    let vague = compile_param_regexes("vague", &p.vague)?;
    let word_figures = compile_param_regexes("word-figures", &p.word_figures)?;
    if p.min_year > p.max_year {
        return Err(ParamError::new(
            "min-year",
            "`min-year` must not be after `max-year`",
        ));
    }
    if !build {
        return Ok(None);
    }
    let numbers =
        super::regex(r"\d+(?:[.,]\d+)*").map_err(|e| ParamError::new("", e.to_string()))?;
    let scopes = if p.scopes.is_empty() {
        vec![Scope::Paragraph, Scope::ListItem]
    } else {
        p.scopes
    };
    Ok(Some(Box::new(FigureAttribution {
        numbers,
        cues,
        vague,
        word_figures,
        identifiers: word_set(&p.identifiers),
        months: word_set(&p.months),
        durations: word_set(&p.durations),
        times: word_set(&p.times),
        magnitudes: word_set(&p.magnitudes),
        years: p.min_year..p.max_year.saturating_add(1),
        scopes,
        texts: setup.texts.clone(),
    })))
}

/// Why a number is not a figure; identifiers and dates carry over to a list that
/// continues them ("resolutions 822, 853 and 884", "September 19–20").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotFigure {
    Identifier,
    Date,
    Other,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The word before `at`, skipping spaces: letters, `.`, `#`, `'`; lowercased, without a
/// final period ("Sept." -> "sept").
fn word_before(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or("").trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '.' | '#' | '\'' | '’'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    before
        .get(start..)
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase()
}

/// The word after `at`, skipping spaces and one hyphen ("70-year-old" -> "year").
fn word_after(text: &str, at: usize) -> (String, usize) {
    let rest = text.get(at..).unwrap_or("");
    let trimmed = rest.trim_start();
    let trimmed = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let offset = rest.len() - trimmed.len();
    let len = trimmed
        .char_indices()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '.' | '\'' | '’'))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = trimmed.get(..len).unwrap_or("");
    let clean = word.trim_end_matches('.');
    (clean.to_lowercase(), at + offset + clean.len())
}

/// The whitespace-delimited chunk around a range.
fn chunk<'t>(text: &'t str, range: &Range<usize>) -> &'t str {
    let start = text
        .get(..range.start)
        .and_then(|t| t.rfind(char::is_whitespace))
        .map_or(0, |i| i + 1);
    let end = text
        .get(range.end..)
        .and_then(|t| t.find(char::is_whitespace))
        .map_or(text.len(), |i| range.end + i);
    text.get(start..end).unwrap_or("")
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

    /// Numeral figures in a block's prose, as ranges that include `$`, `%` and a
    /// following magnitude word.
    fn numeral_figures(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut last_skip: Option<(NotFigure, usize)> = None;
        for m in self.numbers.find_iter(text) {
            let verdict = self.classify(text, m.range(), last_skip);
            match verdict {
                Ok(range) => {
                    out.push(range);
                    last_skip = None;
                }
                Err(kind) => last_skip = Some((kind, m.end())),
            }
        }
        out
    }

    fn classify(
        &self,
        text: &str,
        range: Range<usize>,
        last_skip: Option<(NotFigure, usize)>,
    ) -> Result<Range<usize>, NotFigure> {
        let token = text.get(range.clone()).unwrap_or("");
        let before = text.get(..range.start).unwrap_or("");
        let after = text.get(range.end..).unwrap_or("");
        let prev = before.chars().next_back();
        let next = after.chars().next();

        // Glued to letters: G20, H1N1, COVID-19, mp3.
        if prev.is_some_and(is_word_char) {
            return Err(NotFigure::Identifier);
        }
        if prev == Some('-') && before.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
            return Err(NotFigure::Identifier);
        }
        if prev == Some('#') {
            return Err(NotFigure::Identifier);
        }
        // More than one dot: a version or an address (2.1.3, 10.0.0.1).
        if token.matches('.').count() > 1 {
            return Err(NotFigure::Identifier);
        }
        // Times and ratios (10:30, 1:1).
        if next == Some(':') && after.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            return Err(NotFigure::Other);
        }
        if prev == Some(':')
            && before
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit())
        {
            return Err(NotFigure::Other);
        }
        // URLs, paths, e-mail addresses, code-like words.
        let chunk = chunk(text, &range);
        if chunk.contains('/')
            || chunk.contains('@')
            || chunk.contains('_')
            || chunk.contains('=')
            || chunk.contains("www.")
        {
            return Err(NotFigure::Identifier);
        }
        // ISO dates and phone numbers: digits joined by several hyphens.
        if chunk.matches('-').count() >= 2
            && chunk.chars().filter(char::is_ascii_digit).count() >= 6
        {
            return Err(NotFigure::Date);
        }

        // A list that continues an identifier or a date.
        if let Some((kind, end)) = last_skip {
            let between = text.get(end..range.start).unwrap_or("").trim();
            let joins = match kind {
                NotFigure::Identifier => matches!(
                    between,
                    "," | "and"
                        | "or"
                        | "&"
                        | "-"
                        | "–"
                        | "—"
                        | ", and"
                        | ", or"
                        | "to"
                        | "through"
                ),
                NotFigure::Date => {
                    matches!(between, "-" | "–" | "—" | "and" | "to" | "through" | "/")
                }
                NotFigure::Other => false,
            };
            if joins {
                return Err(kind);
            }
        }

        let mut span = range.clone();
        // Money: a currency sign before, or a currency word or code around.
        let sign = before.trim_end_matches(' ').chars().next_back();
        let money = matches!(sign, Some('$' | '€' | '£' | '¥' | '₹' | '₽' | '₺' | '₦'))
            || matches!(
                word_before(text, range.start).as_str(),
                "us$" | "usd" | "eur" | "gbp" | "rs" | "chf" | "azn" | "amd"
            );
        if money && let Some(sign) = sign {
            let trimmed = before.trim_end_matches(' ');
            span.start = trimmed.len() - sign.len_utf8();
        }

        // Letters glued after: ordinals, decades, units, model names.
        if let Some(c) = next
            && c.is_alphabetic()
        {
            let suffix: String = after
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            if money && matches!(suffix.as_str(), "k" | "m" | "mn" | "bn" | "b" | "tn" | "t") {
                span.end = range.end + suffix.len();
                return Ok(span);
            }
            return Err(NotFigure::Other);
        }

        let percent = next == Some('%');
        if percent {
            span.end = range.end + 1;
            return Ok(span);
        }
        let (next_word, next_word_end) = word_after(text, range.end);
        if matches!(next_word.as_str(), "percent" | "per" | "percentage") {
            span.end = next_word_end;
            return Ok(span);
        }

        let plain = token.chars().all(|c| c.is_ascii_digit());
        let value: u64 = if plain { token.parse().unwrap_or(0) } else { 0 };
        if !money
            && plain
            && token.len() == 4
            && self.years.contains(&u32::try_from(value).unwrap_or(0))
        {
            return Err(NotFigure::Date);
        }
        let prev_word = word_before(text, range.start);
        if self.months.contains(&prev_word) || self.months.contains(&next_word) {
            return Err(NotFigure::Date);
        }
        if !money && self.identifiers.contains(&prev_word) {
            return Err(NotFigure::Identifier);
        }
        if self.times.contains(&next_word) {
            return Err(NotFigure::Other);
        }
        if !money && self.durations.contains(&next_word) {
            return Err(NotFigure::Other);
        }
        if self.magnitudes.contains(&next_word) {
            span.end = next_word_end;
        }
        Ok(span)
    }

    /// Prose ranges of the cues that name a source.
    fn cue_ranges(&self, text: &str) -> Vec<Range<usize>> {
        let vague: Vec<Range<usize>> = self
            .vague
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| m.range()))
            .collect();
        self.cues
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| m.range()))
            .filter(|c| !vague.iter().any(|v| v.start < c.end && c.start < v.end))
            .collect()
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
            let mut figures = self.numeral_figures(text);
            for re in &self.word_figures {
                for m in re.find_iter(text) {
                    if !figures
                        .iter()
                        .any(|f| f.start < m.end() && m.start() < f.end)
                    {
                        figures.push(m.range());
                    }
                }
            }
            if figures.is_empty() {
                continue;
            }
            figures.sort_by_key(|f| f.start);
            let cues = self.cue_ranges(text);
            let sourced: Vec<bool> = block
                .sentences
                .iter()
                .map(|s| {
                    doc.has_reference_in(index, s.clone())
                        || cues.iter().any(|c| c.start < s.end && s.start < c.end)
                })
                .collect();
            let is_sourced = |i: usize| {
                let near = [i.checked_sub(1), Some(i), Some(i + 1)];
                near.iter()
                    .flatten()
                    .any(|j| sourced.get(*j).copied().unwrap_or(false))
            };

            let mut by_sentence: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
            for f in figures {
                let Some(s) = block.sentence_at(f.start) else {
                    continue;
                };
                if is_sourced(s) {
                    continue;
                }
                match by_sentence.last_mut() {
                    Some((last, list)) if *last == s => list.push(f),
                    _ => by_sentence.push((s, vec![f])),
                }
            }
            for (_, list) in by_sentence {
                let Some(first) = list.first() else { continue };
                let words = text.get(first.clone()).unwrap_or("");
                let mut d = Diagnostic::new(
                    fill(&self.texts.message, &[("text", &quoted(words))]),
                    block.prose.to_source(first.clone()),
                )
                .with_label("no source for this figure")
                .with_help(self.texts.help.clone());
                for other in list.iter().skip(1) {
                    d = d.with_secondary(block.prose.to_source(other.clone()), "nor for this one");
                }
                out.push(d);
            }
        }
    }
}
