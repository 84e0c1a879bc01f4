//! Numbers are written in the house style: small numbers in words, larger ones in figures, no figure opening a sentence.
//!
//! ## What it does
//! With the AP style of the default pack (`spell-below = 10`), reports:
//! - a count under 10 written as a figure ("killed 4 police officers"), with a fix to
//!   the word ("four"); when the same sentence spells another small number out ("4 police
//!   officers and two civilians"), the finding says so and labels the other number;
//! - a number from 10 up written in words ("fifteen villages", "twenty-five"), with a fix
//!   to the figure;
//! - a figure that opens a sentence of a paragraph ("12 people were hurt."); years are
//!   fine ("2020 was"), and so are versions and section numbers ("1.81 stabilizes"), the
//!   title of a linked piece, and list items and table cells, which hold fragments.
//!
//! Only counts are read: a number followed by a word that is what it counts ("4 police
//! officers", "a 3-hour session", "4 or 5 stars"). A number followed by punctuation,
//! another number or one of the `value-words` is a value, a label, a rating or part of
//! a phone number ("add 1 to", "where 1 is the default", "options 2 and 3", "+353 1
//! 200"), and a number that is a whole link text is a reference ("[3](#note)"). Figures are the house style for what is not a count, and these
//! are left alone: percentages ("4%"), money ("$5"), numbers with a magnitude ("4
//! million"), decimals, years, dates, times, ages ("a 4-year-old", "aged 6"), measures
//! ("5 km", "3 GB"), ranges, scores and ratings ("4-12", "3-2", "rated 4"), identifiers ("page 4", "No. 1",
//! "version 3", "Windows 10", "Route 9"), addresses, list numbering and numbers in code,
//! URLs and template tags. The pack's word lists and `exceptions` say what belongs to
//! each group; figure recognition is shared with `figure-attribution`.
//!
//! A number word with a capital inside a sentence is part of a name ("the Group of
//! Twenty"), and one next to another number word is a compound ("twenty thousand"):
//! neither is reported. A sentence may open with a number in words.
//!
//! ## Why is this bad?
//! Readers notice a house style only when it is broken: "4 police officers and two
//! civilians" reads as careless, and a figure at the start of a sentence hides the
//! capital that tells the reader a sentence begins.
//!
//! ## Example
//! ```markdown
//! A landmine explosion killed 4 police officers and two civilians.
//! ```
//! Use instead:
//! ```markdown
//! A landmine explosion killed four police officers and two civilians.
//! ```
//!
//! ## Options
//! - `spell-below` (integer): counts below this are spelled out, counts from it up are
//!   figures (10 in AP style; 0 turns both checks off).
//! - `number-words` (table of word = value): the number words, used to spell figures out
//!   and to read numbers in words; two-word numbers are a tens word, a hyphen and a unit
//!   word ("twenty-five").
//! - `identifiers`, `months`, `durations`, `measures`, `labels`, `times`, `magnitudes`,
//!   `quantifiers`, `min-year`, `max-year`: what is not a count, as for
//!   `figure-attribution` (durations under 10 are spelled out in AP style, so the default
//!   list is empty).
//! - `value-words` (list): words after a number that make it a value, not a count.
//! - `exceptions` (list of regexes): numbers inside a match are left alone (ages,
//!   addresses, ratios, ratings).
//! - `scopes` (list): block kinds to check: `paragraph`, `list-item`, `heading`,
//!   `table-cell`.
//!
//! Messages: `message` for a small figure, `mixed` when its sentence also spells one out,
//! `large-word` for a large number in words, `sentence-start`; with `{text}` (the number
//! as written), `{words}` (spelled out), `{figure}`, `{other}` (the other number) and
//! `{threshold}`.
//!
//! ## Fix safety
//! Spelling a figure out, or writing a number word as a figure, is safe: the words are
//! the same number. Inside a quotation or link text the fix is unsafe (someone else's
//! words, or a title). A figure opening a sentence is spelled out for counts under 100
//! ("Twelve people"); larger ones have no fix, since the sentence is better recast.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{Block, BlockKind};
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::template_spans;
use crate::rules::support::body::{
    Scope, blocks_in, exact_source, fix, link_texts, match_case, safety, starts_sentence,
};
use crate::rules::support::hash::{WordMap, WordSet};
use crate::rules::support::numerals::{Numerals, word_set};
use crate::rules::support::ranges::{Covering, within};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "number-style",
        doc: kind_doc!("rules/number_style"),
        messages: &["mixed", "large-word", "sentence-start"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    spell_below: u64,
    number_words: BTreeMap<String, u64>,
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
    value_words: Vec<String>,
    exceptions: Vec<String>,
    scopes: Vec<Scope>,
}

struct NumberStyle {
    numerals: Numerals,
    threshold: u64,
    /// Number word (lowercase) -> value.
    values: WordMap<String, u64>,
    /// The lengths in bytes of the shortest and the longest number word, and the first
    /// bytes of all.
    lengths: Range<usize>,
    initials: [bool; 256],
    /// Words after a number that make it a value rather than a count ("add 1 to").
    value_words: WordSet<String>,
    exceptions: Vec<Pattern>,
    scopes: Vec<Scope>,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        setup.check_patterns("exceptions", &self.exceptions)?;
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
        let exceptions = setup.patterns("exceptions", &p.exceptions)?;
        let numbers = crate::pattern::regex(r"\d+(?:[.,]\d+)*")
            .map_err(|e| ParamError::new("", e.to_string()))?;
        let scopes = if p.scopes.is_empty() {
            vec![Scope::Paragraph, Scope::ListItem]
        } else {
            p.scopes
        };
        let values: WordMap<String, u64> = p
            .number_words
            .into_iter()
            .map(|(w, v)| (w.to_lowercase(), v))
            .collect();
        Ok(Box::new(NumberStyle {
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
            threshold: p.spell_below,
            lengths: values.keys().map(String::len).min().unwrap_or(0)
                ..values.keys().map(String::len).max().unwrap_or(0),
            initials: {
                let mut set = [false; 256];
                for first in values.keys().filter_map(|w| w.bytes().next()) {
                    if let Some(slot) = set.get_mut(usize::from(first)) {
                        *slot = true;
                    }
                }
                set
            },
            values,
            value_words: word_set(&p.value_words),
            exceptions,
            scopes,
            texts: setup.texts.clone(),
        }))
    }
}

/// One number written in words, with its value.
struct Spelled {
    range: Range<usize>,
    value: u64,
}

impl NumberStyle {
    /// The value of a number word or a hyphenated compound ("twenty-five").
    fn value_of(&self, word: &str) -> Option<u64> {
        // Most words are not number words: an ASCII word is lowercased on the stack, and
        // one whose first letter or length no number word has is not looked up at all.
        if word.is_ascii() {
            let first = word.bytes().next()?.to_ascii_lowercase();
            let (len, shortest, longest) = (word.len(), self.lengths.start, self.lengths.end);
            // A compound is two number words and a hyphen.
            let fits = (shortest..=longest).contains(&len)
                || (2 * shortest + 1..=2 * longest + 1).contains(&len);
            if !fits
                || !self
                    .initials
                    .get(usize::from(first))
                    .copied()
                    .unwrap_or(false)
            {
                return None;
            }
            let mut buf = [0u8; 64];
            if let Some(lower) = buf.get_mut(..word.len()) {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                return self.lookup(std::str::from_utf8(lower).ok()?);
            }
        }
        self.lookup(&word.to_lowercase())
    }

    /// [`Self::value_of`] for a lowercase word.
    fn lookup(&self, lower: &str) -> Option<u64> {
        if let Some(v) = self.values.get(lower) {
            return Some(*v);
        }
        let (tens, unit) = lower.split_once('-')?;
        let (t, u) = (self.values.get(tens)?, self.values.get(unit)?);
        (*t >= 20 && *t < 100 && t % 10 == 0 && (1..10).contains(u)).then_some(t + u)
    }

    /// A value under 100 in words ("four", "twenty-five").
    fn spell(&self, value: u64) -> Option<String> {
        let word = |v: u64| {
            self.values
                .iter()
                .filter(|(_, x)| **x == v)
                .map(|(w, _)| w.clone())
                .min()
        };
        if let Some(w) = word(value) {
            return Some(w);
        }
        if value < 100 && value > 20 {
            return Some(format!(
                "{}-{}",
                word(value - value % 10)?,
                word(value % 10)?
            ));
        }
        None
    }

    /// Numbers in words in a block, skipping compounds of several number words ("twenty
    /// thousand", "nineteen eighty-four"), which are not simple counts.
    fn spelled(&self, block: &Block) -> Vec<Spelled> {
        let text = block.prose.text.as_str();
        let list = block.words();
        let mut out = Vec::new();
        for (i, w) in list.iter().enumerate() {
            let Some(value) = text.get(w.clone()).and_then(|t| self.value_of(t)) else {
                continue;
            };
            // Another number word right before or after: a compound.
            let number_between = |a: &Range<usize>, b: &Range<usize>, n: &Range<usize>| {
                text.get(a.end..b.start)
                    .is_some_and(|gap| gap.trim().is_empty())
                    && text.get(n.clone()).and_then(|t| self.value_of(t)).is_some()
            };
            let before = i
                .checked_sub(1)
                .and_then(|j| list.get(j))
                .is_some_and(|p| number_between(p, w, p));
            let after = list.get(i + 1).is_some_and(|n| number_between(w, n, n));
            if before || after {
                continue;
            }
            out.push(Spelled {
                range: w.clone(),
                value,
            });
        }
        out
    }

    /// Whether a figure is one end of a range or pair whose other end is a large number
    /// ("4 to 12", "4-12", "12 or 4"): such a pair keeps one style.
    fn paired_with_large(&self, text: &str, figure: &Range<usize>) -> bool {
        let after = text.get(figure.end..).unwrap_or("");
        let before = text.get(..figure.start).unwrap_or("");
        let joiners = ["-", "–", "—", "to", "and", "or", "of", "in", "out of", "/"];
        let large = |digits: &str| {
            digits
                .replace(',', "")
                .parse::<u64>()
                .is_ok_and(|v| v >= self.threshold)
        };
        let rest = after.trim_start();
        for j in joiners {
            if let Some(r) = rest.strip_prefix(j) {
                let d: String = r
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ',')
                    .collect();
                if large(&d) {
                    return true;
                }
            }
        }
        let head = before.trim_end();
        for j in joiners {
            if let Some(h) = head.strip_suffix(j) {
                let h = h.trim_end();
                let start = h
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_digit() || *c == ',')
                    .last()
                    .map_or(h.len(), |(i, _)| i);
                if large(h.get(start..).unwrap_or("")) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether a figure counts something: a word follows it, or follows the list or range
    /// it starts ("4 police officers", "3-hour", "4 or 5 stars"), and that word is not one
    /// that makes the number a value ("add 1 to", "where 1 is the default"). A number
    /// followed by punctuation, a unit mark or another number is a value, a label, a
    /// rating or part of a phone number.
    fn counts_something(&self, text: &str, figure: &Range<usize>) -> bool {
        let mut rest = text.get(figure.end..).unwrap_or("");
        // Skip a list or range of numbers: ", 5", " or 5", "-12".
        loop {
            let t = rest.trim_start_matches(' ');
            let after_joiner = [",", "and ", "or ", "to ", "-", "–"]
                .iter()
                .find_map(|j| t.strip_prefix(j))
                .map(|r| r.trim_start_matches(' '));
            match after_joiner {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => {
                    rest =
                        r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
                }
                _ => break,
            }
        }
        let Some(word) = rest
            .strip_prefix([' ', '-'])
            .map(|r| r.trim_start_matches(' '))
            .filter(|r| r.starts_with(char::is_alphabetic))
        else {
            return false;
        };
        let word: String = word
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        !self.value_words.contains(&word)
    }

    fn check_block(
        &self,
        cx: &Context<'_>,
        index: usize,
        block: &Block,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = &block.prose.text;
        let templates = template_spans(text);
        let scan = BlockScan {
            rule: self,
            cx,
            block,
            text,
            excepted: OnceCell::new(),
            links: link_texts(cx, index),
            spelled: self
                .spelled(block)
                .into_iter()
                .filter(|s| !within(&templates, &s.range))
                .collect(),
            in_paragraph: block.kind == BlockKind::Paragraph && !block.in_list,
            protected: OnceCell::new(),
            threshold: self.threshold.to_string(),
        };
        if text.bytes().any(|b| b.is_ascii_digit()) {
            for figure in self.numerals.figures(text) {
                scan.figure(figure, out);
            }
        }
        for s in &scan.spelled {
            scan.large_word(s, out);
        }
    }
}

/// One block as `number-style` reads it: exceptions and protected spans are looked for
/// once a number needs them.
struct BlockScan<'a> {
    rule: &'a NumberStyle,
    cx: &'a Context<'a>,
    block: &'a Block,
    text: &'a str,
    excepted: OnceCell<Covering>,
    links: Vec<Range<usize>>,
    /// Numbers spelled out in words, outside templates.
    spelled: Vec<Spelled>,
    in_paragraph: bool,
    protected: OnceCell<Covering>,
    threshold: String,
}

impl BlockScan<'_> {
    fn is_excepted(&self, r: &Range<usize>) -> bool {
        self.excepted
            .get_or_init(|| {
                Covering::new(
                    self.rule
                        .exceptions
                        .iter()
                        .flat_map(|re| re.find_iter(self.text).map(|m| m.range()))
                        .collect(),
                )
            })
            .covers_end(r.start + 1, r.end)
    }

    /// A number that is a whole link text is a reference or a label ("[3](#note)").
    fn is_link(&self, r: &Range<usize>) -> bool {
        self.links
            .iter()
            .any(|l| self.text.get(l.clone()).map(str::trim) == self.text.get(r.clone()))
    }

    /// Inside a quotation or a link text: a fix there is unsafe.
    fn is_protected(&self, r: &Range<usize>) -> bool {
        self.protected
            .get_or_init(|| {
                let mut spans = self.block.quoted().to_vec();
                spans.extend(self.links.iter().cloned());
                Covering::new(spans)
            })
            .covers_end(r.start + 1, r.end)
    }

    /// One figure: a sentence that opens with it, or a small number to spell out.
    fn figure(&self, figure: Range<usize>, out: &mut Vec<Diagnostic>) {
        let (rule, text) = (self.rule, self.text);
        if self.is_excepted(&figure)
            || self.is_link(&figure)
            || !rule.counts_something(text, &figure)
        {
            return;
        }
        let token = text.get(figure.clone()).unwrap_or("");
        // A leading zero or a bracket right before makes a label or a code ("01
        // Build", "501(c)3"), not a count.
        let glued = text.get(..figure.start).is_some_and(|t| t.ends_with(')'));
        if glued || token.len() > 1 && token.starts_with('0') {
            return;
        }
        let plain = !token.is_empty() && token.chars().all(|c| c.is_ascii_digit());
        let value = if plain {
            token.parse::<u64>().ok()
        } else {
            None
        };
        // List items and table cells hold fragments, not sentences; a bare
        // decimal is a version or a section number ("1.81 stabilizes",
        // "2.2 Recruitment"); a link text that opens with a figure is the title
        // of another piece.
        let decimal = token.contains('.') && token.chars().all(|c| c.is_ascii_digit() || c == '.');
        let title = self.links.iter().any(|l| l.start == figure.start);
        if starts_sentence(self.block, figure.start) && self.in_paragraph && !decimal && !title {
            out.push(self.sentence_start(figure, token, value));
            return;
        }
        let Some(v) = value.filter(|v| *v < rule.threshold) else {
            return;
        };
        if rule.paired_with_large(text, &figure) {
            return;
        }
        if let Some(words) = rule.spell(v) {
            out.push(self.small_figure(figure, token, words));
        }
    }

    /// A sentence that opens with a figure: spell it out (under 100) or recast.
    fn sentence_start(&self, figure: Range<usize>, token: &str, value: Option<u64>) -> Diagnostic {
        let rule = self.rule;
        let words = value
            .filter(|v| *v < 100)
            .and_then(|v| rule.spell(v))
            .map(|w| match_case("X", &w));
        let message = fill(
            rule.texts.get("sentence-start"),
            &[("text", token), ("words", words.as_deref().unwrap_or(""))],
        );
        let mut d = Diagnostic::new(message, self.block.prose.to_source(figure.clone()))
            .with_label("a sentence opens with this figure")
            .with_help(rule.texts.help.clone());
        if let (Some(w), Some(span)) = (words, exact_source(self.cx, self.block, figure.clone())) {
            d.fix = Some(fix(
                format!("Spell out `{token}` as `{w}`"),
                safety(self.is_protected(&figure)),
                vec![(span, w)],
            ));
        }
        d
    }

    /// A figure under the threshold, to be spelled out; `mixed` when the sentence spells
    /// out another small number.
    fn small_figure(&self, figure: Range<usize>, token: &str, words: String) -> Diagnostic {
        let (rule, text, block) = (self.rule, self.text, self.block);
        let sentence = block
            .sentence_at(figure.start)
            .and_then(|i| block.sentences.get(i));
        let other = self.spelled.iter().find(|s| {
            s.value >= 2
                && s.value < rule.threshold
                && sentence.is_some_and(|x| x.start <= s.range.start && s.range.end <= x.end)
                && !text.get(s.range.end..).is_some_and(|t| t.starts_with('-'))
                && !self.is_excepted(&s.range)
        });
        let other_text = other.and_then(|o| text.get(o.range.clone())).unwrap_or("");
        let template = if other.is_some() {
            rule.texts.get("mixed")
        } else {
            rule.texts.message.as_str()
        };
        let message = fill(
            template,
            &[
                ("text", token),
                ("words", &words),
                ("other", other_text),
                ("threshold", &self.threshold),
            ],
        );
        let mut d = Diagnostic::new(message, block.prose.to_source(figure.clone()))
            .with_label(format!("write `{words}`"))
            .with_help(rule.texts.help.clone());
        if let Some(o) = other {
            d = d.with_secondary(block.prose.to_source(o.range.clone()), "spelled out here");
        }
        if let Some(span) = exact_source(self.cx, block, figure.clone()) {
            d.fix = Some(fix(
                format!("Spell out `{token}` as `{words}`"),
                safety(self.is_protected(&figure)),
                vec![(span, words.clone())],
            ));
        }
        d
    }

    /// A number from the threshold to 99 spelled out in words, to be written in figures.
    fn large_word(&self, s: &Spelled, out: &mut Vec<Diagnostic>) {
        let (rule, text, block) = (self.rule, self.text, self.block);
        if s.value < rule.threshold || s.value >= 100 {
            return;
        }
        let written = text.get(s.range.clone()).unwrap_or("");
        // A capital inside a sentence is a name; at the start, words are the style.
        if written.starts_with(char::is_uppercase) || starts_sentence(block, s.range.start) {
            return;
        }
        if self.is_excepted(&s.range) {
            return;
        }
        let figure = s.value.to_string();
        let message = fill(
            rule.texts.get("large-word"),
            &[
                ("text", written),
                ("figure", &figure),
                ("threshold", &self.threshold),
            ],
        );
        let mut d = Diagnostic::new(message, block.prose.to_source(s.range.clone()))
            .with_label(format!("write `{figure}`"))
            .with_help(rule.texts.help.clone());
        if let Some(span) = exact_source(self.cx, block, s.range.clone()) {
            d.fix = Some(fix(
                format!("Write `{written}` as `{figure}`"),
                safety(self.is_protected(&s.range)),
                vec![(span, figure.clone())],
            ));
        }
        out.push(d);
    }
}

impl Check for NumberStyle {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if self.threshold == 0 {
            return;
        }
        for (index, block) in blocks_in(cx, &self.scopes) {
            self.check_block(cx, index, block, out);
        }
    }
}
