//! Which numbers in prose are figures (counts, amounts, percentages, money) and which
//! are not (years, dates, times, durations, measures, versions, identifiers, names).
//!
//! Shared by the kinds that read numbers: `figure-attribution` asks for a source for
//! each figure, `number-style` checks how each one is written. Each rule gives its own
//! word lists from the pack.

use std::ops::Range;

use super::attribution::template_spans;
use super::hash::WordSet;
use super::ranges::within;
use crate::pattern::Pattern;

/// The word lists of the pack that tell figures from other numbers, compiled once.
pub(crate) struct Numerals {
    pub(crate) numbers: Pattern,
    pub(crate) identifiers: WordSet<String>,
    pub(crate) months: WordSet<String>,
    pub(crate) durations: WordSet<String>,
    pub(crate) measures: WordSet<String>,
    pub(crate) labels: WordSet<String>,
    pub(crate) times: WordSet<String>,
    pub(crate) magnitudes: WordSet<String>,
    pub(crate) quantifiers: WordSet<String>,
    pub(crate) years: Range<u32>,
}

/// Why a number is not a figure; identifiers and dates carry over to a list that
/// continues them ("resolutions 822, 853 and 884", "September 19–20").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotFigure {
    Identifier,
    Date,
    Other,
}

/// A pack word list as a set: trimmed, lowercased, without a final period.
pub(crate) fn word_set(words: &[String]) -> WordSet<String> {
    words
        .iter()
        .map(|w| w.trim().trim_end_matches('.').to_lowercase())
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// At most the last `n` bytes of `s`, on a char boundary: enough to compare a few words
/// without copying the whole paragraph for every number.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s.get(start..).unwrap_or("")
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

/// The word after `at`, skipping spaces, a `+`, one hyphen and an opening quote
/// ("70-year-old" -> "year", "8+ years" -> "years").
pub(crate) fn word_after(text: &str, at: usize) -> (String, usize) {
    let rest = text.get(at..).unwrap_or("");
    let trimmed = rest.trim_start();
    let trimmed = trimmed.strip_prefix('+').unwrap_or(trimmed).trim_start();
    let trimmed = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let trimmed = trimmed.trim_start_matches(['“', '"', '‘']);
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
pub(crate) fn chunk<'t>(text: &'t str, range: &Range<usize>) -> &'t str {
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

/// The word right before a number, separated from it by spaces only, as written
/// ("Debian", "LLVM", "dotnet-sdk", "x86-64"), and whether it opens its sentence.
fn name_before(before: &str) -> Option<(&str, bool)> {
    let trimmed = before.trim_end_matches(' ');
    // An initialism in parentheses names what comes before it: "Guidelines (WCAG) 2.1".
    if trimmed.len() < before.len()
        && let Some(inner) = trimmed
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once('('))
            .map(|(_, w)| w)
        && inner.len() >= 2
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some((inner, false));
    }
    if trimmed.len() == before.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '&'))
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    let word = trimmed.get(start..).unwrap_or("");
    if word.is_empty() || word.ends_with(['.', '-', '&']) || !word.starts_with(char::is_alphabetic)
    {
        return None;
    }
    // A sentence opens after a terminator, a colon, an opening quote or a dash, or at the
    // start of the block (emphasis markers are not in the prose text).
    let head = trimmed.get(..start).unwrap_or("").trim_end();
    let head_tail = tail(head, 8).to_lowercase();
    let abbreviation = ["vs.", "e.g.", "i.e.", "cf."]
        .iter()
        .any(|a| head_tail.ends_with(a));
    let initial = !abbreviation
        && head.chars().next_back().is_none_or(|c| {
            matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '"' | '“' | '‘' | '—' | '–' | '•' | '\u{fffc}'
            )
        });
    Some((word, initial))
}

/// Whether a word before a number names a thing that the number is part of ("Windows 10"
/// is a name, "with 10" is not). See the module documentation.
fn is_name(word: &str, initial: bool, decimal: bool, quantifier: bool) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let inner_upper = chars.clone().any(char::is_uppercase);
    let digit = word.chars().any(|c| c.is_ascii_digit());
    if digit || inner_upper {
        return true;
    }
    // "dotnet-sdk 6.0", "cargo-audit 0.9": a hyphenated lowercase name before a decimal.
    if decimal && word.contains('-') {
        return true;
    }
    if !first_upper {
        return false;
    }
    if !initial {
        return true;
    }
    // At the start of a sentence a capital says nothing: "Group 3" is a name, "Over 100"
    // is a count. Words that introduce counts are pack data (`quantifiers`).
    // Participles open sentences that count ("Introducing 10 new", "Acquired 150 gifts").
    let participle = word.len() > 4 && (word.ends_with("ing") || word.ends_with("ed"));
    word.chars().count() == 1 && word != "A" && word != "I"
        || word.chars().count() > 1 && !quantifier && !participle
}

/// A number in its text: the token and what stands around it.
struct At<'t> {
    text: &'t str,
    range: Range<usize>,
    token: &'t str,
    before: &'t str,
    after: &'t str,
    prev: Option<char>,
    /// The character before `prev`.
    prev2: Option<char>,
    next: Option<char>,
}

impl<'t> At<'t> {
    fn new(text: &'t str, range: Range<usize>) -> Self {
        let before = text.get(..range.start).unwrap_or("");
        let after = text.get(range.end..).unwrap_or("");
        Self {
            text,
            token: text.get(range.clone()).unwrap_or(""),
            range,
            before,
            after,
            prev: before.chars().next_back(),
            prev2: before.chars().rev().nth(1),
            next: after.chars().next(),
        }
    }
}

/// The words on either side of a number, and whether it is money.
struct Words {
    prev: String,
    next: String,
    money: bool,
}

/// What the characters right around a number make of it.
enum Unit {
    /// A figure whatever the words around: a percentage, an amount with a magnitude.
    Figure(Range<usize>),
    NotFigure(NotFigure),
    /// Up to the words around; `span` includes a currency sign.
    Plain {
        span: Range<usize>,
        money: bool,
        /// The word after the number, and where it ends.
        next_word: (String, usize),
    },
}

/// Enumerators, list numbering, times and ratios, and numbers inside URLs, paths and
/// dates written with hyphens.
fn not_prose_number(at: &At<'_>) -> Result<(), NotFigure> {
    // An enumerator inside a sentence: "1) train staff; 2) hire", "(3)".
    let closes =
        at.next == Some(')') || (at.next == Some('.') && at.after.chars().nth(1) == Some(')'));
    if closes
        && at.token.len() <= 2
        && at
            .prev
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘'))
        && at
            .after
            .chars()
            .nth(1)
            .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':' | ')'))
    {
        return Err(NotFigure::Other);
    }
    // List numbering at the start of a block: "2. Interactive documentation", "(3)".
    if at
        .before
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '#'))
        .is_empty()
        && matches!(at.next, Some('.' | ')'))
        && at.after.chars().nth(1).is_none_or(char::is_whitespace)
    {
        return Err(NotFigure::Other);
    }
    // Times and ratios (10:30, 1:1).
    if at.next == Some(':') && at.after.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
        return Err(NotFigure::Other);
    }
    if at.prev == Some(':') && at.prev2.is_some_and(|c| c.is_ascii_digit()) {
        return Err(NotFigure::Other);
    }
    // URLs, paths, e-mail addresses, code-like words.
    let chunk = chunk(at.text, &at.range);
    if chunk.contains('/')
        || chunk.contains('@')
        || chunk.contains('_')
        || chunk.contains('=')
        || chunk.contains("www.")
    {
        return Err(NotFigure::Identifier);
    }
    // ISO dates and phone numbers: digits joined by several hyphens.
    if chunk.matches('-').count() >= 2 && chunk.chars().filter(char::is_ascii_digit).count() >= 6 {
        return Err(NotFigure::Date);
    }
    Ok(())
}

/// A number in a list that continues an identifier or a date ("resolutions 822, 853").
fn continues_list(at: &At<'_>, last_skip: Option<(NotFigure, usize)>) -> Result<(), NotFigure> {
    // A list that continues an identifier or a date.
    if let Some((kind, end)) = last_skip {
        let between = at.text.get(end..at.range.start).unwrap_or("").trim();
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
                    | "thru"
                    | "vs"
                    | "vs."
                    | ""
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
    Ok(())
}

/// A currency before or a unit glued after: money, a percentage, or letters that make
/// the number an ordinal, a decade or a model name.
fn money_and_unit(at: &At<'_>) -> Unit {
    let mut span = at.range.clone();
    // Money: a currency sign at.before, or a currency word or code around.
    let sign = at.before.trim_end_matches(' ').chars().next_back();
    let money = matches!(sign, Some('$' | '€' | '£' | '¥' | '₹' | '₽' | '₺' | '₦'))
        || matches!(
            word_before(at.text, at.range.start).as_str(),
            "us$" | "usd" | "eur" | "gbp" | "rs" | "chf" | "azn" | "amd"
        );
    if money && let Some(sign) = sign {
        let trimmed = at.before.trim_end_matches(' ');
        span.start = trimmed.len() - sign.len_utf8();
    }

    // Letters glued after: ordinals, decades, units, model names.
    if let Some(c) = at.next
        && c.is_alphabetic()
    {
        let suffix: String = at
            .after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if money && matches!(suffix.as_str(), "k" | "m" | "mn" | "bn" | "b" | "tn" | "t") {
            span.end = at.range.end + suffix.len();
            return Unit::Figure(span);
        }
        return Unit::NotFigure(NotFigure::Other);
    }

    let percent = at.next == Some('%');
    if percent {
        span.end = at.range.end + 1;
        return Unit::Figure(span);
    }
    let (next_word, next_word_end) = word_after(at.text, at.range.end);
    if matches!(next_word.as_str(), "percent" | "per" | "percentage") {
        span.end = next_word_end;
        return Unit::Figure(span);
    }
    Unit::Plain {
        span,
        money,
        next_word: (next_word, next_word_end),
    }
}

impl Numerals {
    fn is_quantifier(&self, word: &str) -> bool {
        self.quantifiers.contains(&word.to_lowercase())
    }

    /// Numeral figures in a block's prose, as ranges that include `$`, `%` and a
    /// following magnitude word.
    pub(crate) fn figures(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut last_skip: Option<(NotFigure, usize)> = None;
        let templates = template_spans(text);
        for m in self.numbers.find_iter(text) {
            if within(&templates, &m.range()) {
                last_skip = Some((NotFigure::Identifier, m.end()));
                continue;
            }
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
        let at = At::new(text, range);
        self.not_a_quantity(&at)?;
        not_prose_number(&at)?;
        continues_list(&at, last_skip)?;
        let (mut span, money, (next_word, next_word_end)) = match money_and_unit(&at) {
            Unit::Figure(span) => return Ok(span),
            Unit::NotFigure(kind) => return Err(kind),
            Unit::Plain {
                span,
                money,
                next_word,
            } => (span, money, next_word),
        };
        let words = Words {
            prev: word_before(text, at.range.start),
            next: next_word,
            money,
        };
        self.dated_or_labelled(&at, &words)?;
        self.named_or_versioned(&at, &words)?;
        if self.magnitudes.contains(&words.next) {
            span.end = next_word_end;
        }
        Ok(span)
    }

    /// Shapes that make a number part of a code, a formula or an identifier: glued to
    /// letters, a version, an assignment, a reference mark.
    fn not_a_quantity(&self, at: &At<'_>) -> Result<(), NotFigure> {
        // Glued to letters: G20, H1N1, COVID-19, mp3.
        if at.prev.is_some_and(is_word_char) {
            return Err(NotFigure::Identifier);
        }
        if at.prev == Some('-') && at.prev2.is_some_and(char::is_alphabetic) {
            return Err(NotFigure::Identifier);
        }
        if at.prev == Some('#') || at.before.trim_end().ends_with('#') {
            return Err(NotFigure::Identifier);
        }
        // C++14, 11.0.19+7.
        if at.prev == Some('+') && at.prev2.is_some_and(|c| c.is_alphanumeric() || c == '+') {
            return Err(NotFigure::Identifier);
        }
        // A time-zone offset: "UTC -3", "GMT+2".
        if matches!(at.prev, Some('-' | '+' | '−'))
            && self.times.contains(&word_before(
                at.text,
                at.range.start - at.prev.map_or(0, char::len_utf8),
            ))
        {
            return Err(NotFigure::Other);
        }
        // Seven or more digits with no separator: a record number, a phone number, a ZIP+4.
        if at.token.len() >= 7
            && at.token.chars().all(|c| c.is_ascii_digit())
            && !matches!(at.next, Some('%'))
        {
            return Err(NotFigure::Identifier);
        }
        // A value in an assignment or a legend ("x = 5", "(1 = yes, 0 = no)").
        if at.after.trim_start_matches(' ').starts_with('=')
            || at.before.trim_end_matches(' ').ends_with('=')
        {
            return Err(NotFigure::Identifier);
        }
        // The tail of a dotted name ("syntax.patterns.arm.5", "v.2").
        if at.prev == Some('.') && at.prev2.is_some_and(char::is_alphabetic) {
            return Err(NotFigure::Identifier);
        }
        // More than one dot: a version or an address (2.1.3, 10.0.0.1); a version series
        // (6.0.x, 1.x).
        if at.token.matches('.').count() > 1 {
            return Err(NotFigure::Identifier);
        }
        if at.next == Some('.') {
            let mut rest = at.after.chars().skip(1);
            if rest.next().is_some_and(|c| matches!(c, 'x' | 'X' | '*'))
                && !rest.next().is_some_and(is_word_char)
            {
                return Err(NotFigure::Identifier);
            }
        }
        // A reference mark ("[2]") or a subsection ("14(c)", "501(c)(3)").
        if (at.prev == Some('[') && at.next == Some(']'))
            || (at.next == Some('(')
                && at.after.chars().nth(1).is_some_and(char::is_alphanumeric)
                && at.after.chars().nth(2) == Some(')'))
        {
            return Err(NotFigure::Identifier);
        }
        // An exponent or another kind of digit glued at.after (2⁶³): a formula.
        if at
            .next
            .is_some_and(|c| c.is_numeric() && !c.is_ascii_digit())
        {
            return Err(NotFigure::Other);
        }
        Ok(())
    }

    /// Dates and times named by the words around: a year, a month, a time of day; and
    /// numbers whose next word makes them a duration, a measure or a label.
    fn dated_or_labelled(&self, at: &At<'_>, words: &Words) -> Result<(), NotFigure> {
        let plain = at.token.chars().all(|c| c.is_ascii_digit());
        let value: u64 = if plain {
            at.token.parse().unwrap_or(0)
        } else {
            0
        };
        if !words.money
            && plain
            && at.token.len() == 4
            && self.years.contains(&u32::try_from(value).unwrap_or(0))
        {
            return Err(NotFigure::Date);
        }
        if self.months.contains(&words.prev) || self.months.contains(&words.next) {
            return Err(NotFigure::Date);
        }
        if !words.money && self.identifiers.contains(&words.prev) {
            return Err(NotFigure::Identifier);
        }
        // "Version: 2.15", "Step: 3".
        if !words.money && words.prev.is_empty() && at.before.trim_end().ends_with(':') {
            let colon = at.before.trim_end().len() - 1;
            if self.identifiers.contains(&word_before(at.text, colon)) {
                return Err(NotFigure::Identifier);
            }
        }
        if self.times.contains(&words.next) {
            return Err(NotFigure::Other);
        }
        if !words.money
            && (self.durations.contains(&words.next) || self.measures.contains(&words.next))
        {
            return Err(NotFigure::Other);
        }
        if !words.money && self.labels.contains(&words.next) {
            return Err(NotFigure::Identifier);
        }
        // A range ("12-13 September", "10-11 AM", "2-3 hours", "5 to 10 minutes") is what
        // its last number is.
        if let Some(kind) = self.range_kind(at.after) {
            return Err(kind);
        }
        Ok(())
    }

    /// Numbers that belong to a name or a release ("Debian 6", "since 1.0").
    fn named_or_versioned(&self, at: &At<'_>, words: &Words) -> Result<(), NotFigure> {
        // A number that is part of a name ("Debian 6", "FIPS 140", "Ubuntu 18.04").
        let decimal = at.token.contains('.');
        if !words.money
            && !at.token.contains(',')
            && !self.magnitudes.contains(&words.next)
            && let Some((word, initial)) = name_before(at.before)
        {
            let ends = at.after.trim_start().is_empty() || at.after.trim_start().starts_with(':');
            let name = is_name(word, initial, decimal, self.is_quantifier(word))
                || (initial && ends && word.starts_with(char::is_uppercase))
                // "* pip 24.0", "* libgdiplus 6.1": a list of software and versions.
                || (decimal && at.before.trim() == word && word.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()));
            if name {
                return Err(NotFigure::Identifier);
            }
        }
        // "since 1.0", "prior to 8.2", "before 9.6": a release, not a quantity; so is a
        // decimal with a zero fraction ("WASI 1.0", "compute capability 7.0"), and one that a
        // name or an identifier moves to or from ("bumped go to 1.17", "Node from 16.2").
        if decimal && !words.money && !self.magnitudes.contains(&words.next) {
            if at.token.ends_with(".0") {
                return Err(NotFigure::Identifier);
            }
            // Dotted times in a schedule: "11.00 to 12.30".
            if let Some((h, m)) = at.token.split_once('.')
                && m.len() == 2
                && h.parse::<u8>().is_ok_and(|h| h < 24)
                && m.parse::<u8>().is_ok_and(|m| m < 60)
                && (matches!(words.prev.as_str(), "to" | "from" | "at" | "until")
                    || at.after.trim_start().starts_with(['-', '–'])
                    || at.after.trim_start().starts_with("to "))
            {
                return Err(NotFigure::Other);
            }
        }
        if !words.money
            && !self.magnitudes.contains(&words.next)
            && matches!(words.prev.as_str(), "to" | "from")
        {
            let word_at = at.before.trim_end().len() - words.prev.len();
            let owner = word_before(at.text, word_at);
            let named = name_before(at.text.get(..word_at).unwrap_or(""))
                .is_some_and(|(w, initial)| is_name(w, initial, decimal, self.is_quantifier(w)));
            if named || (decimal && self.identifiers.contains(&owner)) {
                return Err(NotFigure::Identifier);
            }
        }
        if decimal && !words.money && !self.magnitudes.contains(&words.next) {
            let lower = tail(at.before.trim_end(), 16).to_lowercase();
            let ends_with_word = |w: &str| {
                lower
                    .strip_suffix(w)
                    .is_some_and(|r| !r.ends_with(char::is_alphanumeric))
            };
            if ["since", "before", "until", "prior to"]
                .into_iter()
                .any(ends_with_word)
            {
                return Err(NotFigure::Identifier);
            }
        }
        Ok(())
    }

    /// For the first number of a range ("12-13", "5 to 10"), what the range's last number
    /// makes of it: a date, a time, a duration or a measure.
    fn range_kind(&self, after: &str) -> Option<NotFigure> {
        let rest = after.trim_start_matches(' ');
        let rest = ["-", "–", "—", "to ", "and ", "or "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))?
            .trim_start_matches(' ');
        // A suspended hyphen: "2- to 4-year terms".
        let rest = ["to ", "or ", "and "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
            .unwrap_or(rest)
            .trim_start_matches(' ');
        let digits = rest
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | ','))
            .last()
            .map(|(i, c)| i + c.len_utf8())?;
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let tail = rest.get(digits..).unwrap_or("");
        let glued: String = tail
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '.')
            .collect::<String>()
            .to_lowercase();
        let word = if glued.is_empty() {
            word_after(tail, 0).0
        } else {
            glued.trim_end_matches('.').to_string()
        };
        if self.months.contains(&word) {
            Some(NotFigure::Date)
        } else if self.labels.contains(&word) {
            Some(NotFigure::Identifier)
        } else if self.times.contains(&word)
            || self.durations.contains(&word)
            || self.measures.contains(&word)
        {
            Some(NotFigure::Other)
        } else {
            None
        }
    }
}
