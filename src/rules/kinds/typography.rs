//! Typography: one style of quotes and apostrophes, en dashes in number ranges, single spaces between words, real dashes instead of spaced hyphens.
//!
//! ## What it does
//! Reads the prose of the article's body and reports:
//! - quotes and apostrophes in the other style than the piece's: with `quotes =
//!   "majority"`, the style used less often (straight `"` `'` against curly `“ ” ‘ ’`)
//!   when both occur; with `"curly"` or `"straight"`, every quote in the other style.
//!   Straight marks after a digit are primes (`5'10"`) and are not counted. One finding
//!   per paragraph, on its first such mark; the others are labelled.
//! - a hyphen between the two numbers of a range ("1990-1995", "pages 10-20", "2019-20"),
//!   which takes an en dash. Only rising ranges of two numbers are read: scores and
//!   votes ("3-2"), phone numbers ("555-1234"), ISO dates and other chains
//!   ("2020-01-05", "978-3-16"), codes with leading zeros ("20500-0001"), times,
//!   identifiers after an initialism ("NSF 12-101"), and numbers in URLs, paths and
//!   names ("COVID-19", "F-16") are left alone.
//! - two or more spaces between words (one finding per paragraph);
//! - a spaced hyphen or a double hyphen used as a dash ("the war - and the peace",
//!   "war--peace"), which takes the house `dash`. Between two numbers it is arithmetic
//!   and is left alone.
//!
//! Code, template tags and HTML are never read.
//!
//! ## Why is this bad?
//! Mixed quotes, hyphens for dashes and double spaces are the marks of copy pasted from
//! several sources or typed in a plain-text editor; they look careless in print and some
//! of them break lines in the wrong place.
//!
//! ## Example
//! ```markdown
//! The war lasted from 1988-1994 - and it “never ended,” he said. It's "over" now.
//! ```
//! Use instead:
//! ```markdown
//! The war lasted from 1988–1994 — and it “never ended,” he said. It’s “over” now.
//! ```
//!
//! ## Options
//! - `quotes`: `"majority"` (the default), `"curly"` or `"straight"`.
//! - `dash` (string): what replaces a spaced hyphen, spaces included (`" — "` for a
//!   spaced em dash, `"—"` for a closed one, `" – "` for a spaced en dash).
//!
//! Messages: `message` for a hyphen in a range; `straight-quotes`, `curly-quotes`,
//! `double-space`, `spaced-hyphen`; with `{text}` (the characters found) and `{dash}`.
//!
//! ## Fix safety
//! Each fix only replaces the characters at fault and is safe: an en dash in a range, one
//! space for several, the house dash for a spaced hyphen, curly quotes for straight ones
//! when their direction is clear (an apostrophe inside a word, a quote after a space or
//! before one) and straight for curly. A straight single quote at the start of a word
//! may be an apostrophe ("'90s") or an opening quote, so that fix is unsafe. Inside a
//! quotation every other fix is unsafe.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Block;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::template_spans;
use crate::rules::support::body::{body_blocks, exact_source, fix, safety};
use crate::rules::support::ranges::{Covering, within};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "typography",
        doc: kind_doc!("rules/typography"),
        messages: &[
            "straight-quotes",
            "curly-quotes",
            "double-space",
            "spaced-hyphen",
        ],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Quotes {
    #[default]
    Majority,
    Curly,
    Straight,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    quotes: Quotes,
    dash: Option<String>,
}

struct Typography {
    quotes: Quotes,
    dash: String,
    range: Pattern,
    spaced_hyphen: Pattern,
    texts: Texts,
}

impl Params {
    fn dash(&self) -> String {
        self.dash.clone().unwrap_or_else(|| " — ".into())
    }
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if self.dash().trim().is_empty() {
            return Err(ParamError::new("dash", "`dash` must hold a dash"));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let re = |p: &str| crate::pattern::regex(p).map_err(|e| ParamError::new("", e.to_string()));
        Ok(Box::new(Typography {
            dash: p.dash(),
            quotes: p.quotes,
            range: re(r"\d+-\d+")?,
            spaced_hyphen: re(r" +--? +|--")?,
            texts: setup.texts.clone(),
        }))
    }
}

fn is_straight(c: char) -> bool {
    matches!(c, '"' | '\'')
}

fn is_curly(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

/// A quote mark in prose, and whether it is a prime after a digit (`5'10"`).
fn quote_marks(text: &str, skip: &[Range<usize>]) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
        prev = Some(c);
        if !(is_straight(c) || is_curly(c)) || within(skip, &(i..i + 1)) {
            continue;
        }
        let next = text.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
        // A prime: 5'10", 12" — but "1990's" has an apostrophe.
        if is_straight(c) && after_digit && !next.is_some_and(char::is_alphabetic) {
            continue;
        }
        out.push((i, c));
    }
    out
}

/// The curly mark for a straight one, and whether its direction is certain.
fn curl(text: &str, at: usize, c: char) -> (char, bool) {
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    let after = text.get(at + 1..).and_then(|t| t.chars().next());
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-\u{fffc}".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–".contains(a));
    match c {
        '"' if space_before && !space_after => ('“', true),
        '"' if !space_before => ('”', true),
        '"' => ('”', false),
        // Inside a word or at its end: an apostrophe or a closing quote.
        _ if !space_before => ('’', true),
        // At the start of a word: an opening quote, or an apostrophe ("'90s", "'em").
        _ => ('‘', false),
    }
}

fn straighten(c: char) -> char {
    match c {
        '“' | '”' => '"',
        _ => '\'',
    }
}

impl Typography {
    fn finding(&self, key: &str, text: &str, span: Range<usize>, label: &str) -> Diagnostic {
        let template = if key.is_empty() {
            self.texts.message.as_str()
        } else {
            self.texts.get(key)
        };
        Diagnostic::new(
            fill(template, &[("text", text), ("dash", self.dash.trim())]),
            span,
        )
        .with_label(label)
        .with_help(self.texts.help.clone())
    }

    /// One finding for several places of a block: the first is the primary span, the
    /// others are labelled, and the fix edits them all.
    #[allow(clippy::too_many_arguments)]
    fn grouped(
        &self,
        cx: &Context<'_>,
        block: &Block,
        key: &str,
        label: &str,
        title: &str,
        edits: Vec<(Range<usize>, String, bool)>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some((first, _, _)) = edits.first() else {
            return;
        };
        let text = &block.prose.text;
        let found = text.get(first.clone()).unwrap_or("");
        let mut d = self.finding(
            key,
            &found.replace(' ', "␣"),
            block.prose.to_source(first.clone()),
            label,
        );
        for (r, _, _) in edits.iter().skip(1) {
            d = d.with_secondary(block.prose.to_source(r.clone()), label);
        }
        let sure = edits.iter().all(|(_, _, sure)| *sure);
        // The marks of a quotation are not its words: changing them is no edit inside it.
        let quoted = Covering::new(if key.ends_with("quotes") {
            Vec::new()
        } else {
            block.quoted().to_vec()
        });
        let protected = edits
            .iter()
            .any(|(r, _, _)| quoted.covers_end(r.start + 1, r.end));
        let mapped: Option<Vec<(Range<usize>, String)>> = edits
            .into_iter()
            .map(|(r, with, _)| Some((exact_source(cx, block, r)?, with)))
            .collect();
        if let Some(mapped) = mapped {
            let applicability = if sure {
                safety(protected)
            } else {
                Applicability::Unsafe
            };
            d.fix = Some(fix(title, applicability, mapped));
        }
        out.push(d);
    }

    fn quotes(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let blocks: Vec<(&Block, Vec<(usize, char)>)> = body_blocks(cx)
            .map(|(_, b)| {
                (
                    b,
                    quote_marks(&b.prose.text, &template_spans(&b.prose.text)),
                )
            })
            .collect();
        let (straight, curly) =
            blocks
                .iter()
                .flat_map(|(_, m)| m)
                .fold((0, 0), |(s, c), (_, q)| {
                    if is_straight(*q) {
                        (s + 1, c)
                    } else {
                        (s, c + 1)
                    }
                });
        let report_straight = match self.quotes {
            Quotes::Curly => true,
            Quotes::Straight => false,
            Quotes::Majority if straight == 0 || curly == 0 => return,
            Quotes::Majority => straight < curly,
        };
        let key = if report_straight {
            "straight-quotes"
        } else {
            "curly-quotes"
        };
        for (block, marks) in blocks {
            let text = &block.prose.text;
            let edits: Vec<(Range<usize>, String, bool)> = marks
                .into_iter()
                .filter(|(_, q)| is_straight(*q) == report_straight)
                .map(|(i, q)| {
                    let (with, sure) = if report_straight {
                        curl(text, i, q)
                    } else {
                        (straighten(q), true)
                    };
                    (i..i + q.len_utf8(), with.to_string(), sure)
                })
                .collect();
            let (label, title) = if report_straight {
                ("straight", "Use curly quotes and apostrophes")
            } else {
                ("curly", "Use straight quotes and apostrophes")
            };
            self.grouped(cx, block, key, label, title, edits, out);
        }
    }

    fn ranges(&self, cx: &Context<'_>, block: &Block, out: &mut Vec<Diagnostic>) {
        let text = &block.prose.text;
        let templates = template_spans(text);
        let quoted = Covering::new(block.quoted().to_vec());
        for m in self.range.find_iter(text) {
            let s = m.as_str();
            let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
            let after = text.get(m.end()..).unwrap_or("");
            let next = after.chars().next();
            // Part of a longer token: a chain, a decimal, a name, a URL.
            if before.is_some_and(|c| c.is_alphanumeric() || "-–./:#_$€£,+".contains(c))
                || next.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || matches!(next, Some('-' | '–' | '/' | ':' | '%'))
                || (matches!(next, Some('.' | ','))
                    && after.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
                || within(&templates, &m.range())
            {
                continue;
            }
            // After an initialism the numbers are an identifier ("NSF 12-101", "HR 1-2").
            let prior = text.get(..m.start()).unwrap_or("").trim_end();
            let prior = prior.rsplit(char::is_whitespace).next().unwrap_or("");
            if prior.chars().count() >= 2 && prior.chars().all(|c| c.is_uppercase()) {
                continue;
            }
            let Some((a, b)) = s.split_once('-') else {
                continue;
            };
            if a.starts_with('0') || b.starts_with('0') || (a.len() == 3 && b.len() == 4) {
                continue;
            }
            let (Ok(x), Ok(mut y)) = (a.parse::<u64>(), b.parse::<u64>()) else {
                continue;
            };
            // "1990-95", "2019-20": the second number shortens the first.
            if a.len() == 4 && b.len() == 2 {
                y += x - x % 100;
            }
            if y <= x {
                continue;
            }
            let dash = m.start() + a.len()..m.start() + a.len() + 1;
            let mut d = self.finding("", s, block.prose.to_source(dash.clone()), "en dash here");
            if let Some(span) = exact_source(cx, block, dash.clone()) {
                d.fix = Some(fix(
                    "Use an en dash",
                    safety(quoted.covers_end(dash.start + 1, dash.end)),
                    vec![(span, "–".into())],
                ));
            }
            out.push(d);
        }
    }

    fn spaces(&self, cx: &Context<'_>, block: &Block, out: &mut Vec<Diagnostic>) {
        let text = &block.prose.text;
        let mut edits = Vec::new();
        let mut i = 0;
        let bytes = text.as_bytes();
        while let Some(rel) = text.get(i..).and_then(|t| t.find("  ")) {
            let start = i + rel;
            let mut end = start;
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
            let inside = text.get(..start).is_some_and(|t| !t.trim().is_empty())
                && text.get(end..).is_some_and(|t| !t.trim().is_empty());
            // Only the spaces of the file: a line break in between is not two spaces.
            let spaces_in_file = cx
                .doc
                .text()
                .get(block.prose.to_source(start..end))
                .is_some_and(|t| t.len() == end - start && t.bytes().all(|b| b == b' '));
            if inside && spaces_in_file && !within(&template_spans(text), &(start..end)) {
                edits.push((start..end, " ".to_string(), true));
            }
            i = end;
        }
        self.grouped(
            cx,
            block,
            "double-space",
            "spaces",
            "Use one space",
            edits,
            out,
        );
    }

    fn hyphens(&self, cx: &Context<'_>, block: &Block, out: &mut Vec<Diagnostic>) {
        let text = &block.prose.text;
        let templates = template_spans(text);
        let quoted = Covering::new(block.quoted().to_vec());
        for m in self.spaced_hyphen.find_iter(text) {
            let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
            let after = text.get(m.end()..).and_then(|t| t.chars().next());
            let word = |c: Option<char>| {
                c.is_some_and(|c| c.is_alphanumeric() || ".,;:!?)”’\"'*_\u{fffc}".contains(c))
            };
            let opens = |c: Option<char>| {
                c.is_some_and(|c| c.is_alphanumeric() || "(“‘\"'*_\u{fffc}".contains(c))
            };
            let digits = before.is_some_and(|c| c.is_ascii_digit())
                && after.is_some_and(|c| c.is_ascii_digit());
            // `--` glued to something else than two words: `--flag`, `<!--`, `---`.
            let between_words = before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            let glued = !(m.as_str().starts_with(' ') || between_words);
            if !word(before) || !opens(after) || digits || glued || within(&templates, &m.range()) {
                continue;
            }
            let found = m.as_str();
            let mut d = self.finding(
                "spaced-hyphen",
                &found.replace(' ', "␣"),
                block.prose.to_source(m.range()),
                "not a dash",
            );
            if let Some(span) = exact_source(cx, block, m.range()) {
                d.fix = Some(fix(
                    format!("Use `{}`", self.dash.trim()),
                    safety(quoted.covers_end(m.start() + 1, m.end())),
                    vec![(span, self.dash.clone())],
                ));
            }
            out.push(d);
        }
    }
}

impl Check for Typography {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        self.quotes(cx, out);
        for (_, block) in body_blocks(cx) {
            let text = &block.prose.text;
            if text.bytes().any(|b| b.is_ascii_digit()) {
                self.ranges(cx, block, out);
            }
            if text.contains("  ") {
                self.spaces(cx, block, out);
            }
            if text.contains(" -") || text.contains("--") {
                self.hyphens(cx, block, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_quotes_curl_by_context() {
        let t = "He said \"it's over\" and 'so' did '90s kids.";
        let got: Vec<(char, bool)> = t
            .char_indices()
            .filter(|(_, c)| is_straight(*c))
            .map(|(i, c)| curl(t, i, c))
            .collect();
        assert_eq!(
            got,
            [
                ('“', true),
                ('’', true),
                ('”', true),
                ('‘', false),
                ('’', true),
                ('‘', false)
            ]
        );
        assert_eq!(quote_marks("5'10\" and the 1990's", &[]).len(), 1);
    }
}
