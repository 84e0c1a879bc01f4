//! Every quotation of a given length names its speaker or source in its sentence or the one next to it.
//!
//! ## What it does
//! Finds quotations in prose, in curly (“…”) or straight ("…") double quotes, whose
//! length in words lies between `min-words` and `max-words`: long ones are someone's
//! words, short ones are labels held at a distance ("scare quotes"). A quotation may span
//! sentences, and one left open at the end of a paragraph goes on into the next, as
//! multi-paragraph quotations do.
//!
//! A quotation counts as attributed when a sentence it touches names a source: an
//! attribution cue outside the quoted words ("“…,” the minister said", "according to
//! the mission’s report, “…”"), a link or a footnote. The sentence just before or after
//! counts too, when the quotation opens its own sentence (“…,” she said. “More.”) or when
//! that sentence quotes nothing itself: a cue next to a quotation speaks for that one.
//! A quotation that opens a paragraph or list item is attributed by the paragraph before
//! when that one introduces it, and so are the list or the quoted paragraphs that follow
//! ("The minister said:", "Testers told us:", or an
//! interview's question set off in bold or as a heading); one that ends a paragraph, by
//! a signature in the paragraph after ("— Jay Bernhardt, dean").
//!
//! Not quotations: titles and names in capitals (“The Art of War”, “Login.gov”); short
//! labels with a number (“day 2”); words after one of the `preceded-by` cues ("an
//! article titled “…”", "the term “…”", "click “Save”") or before one of the
//! `followed-by` cues (“Submit” button, “bounce” means); code-like text (paths,
//! commands, addresses, attributes such as `alt="…"`); one-word quotations set against
//! each other (“why” and “how”) and lists of quoted examples (“members of the public”,
//! “agency employees” or “taxpayers who applied”); questions (“Is this a good idea?”),
//! which are put to the reader rather than said by anyone; words already quoted as a
//! title or a term earlier in the piece; quotations inside block quotes.
//!
//! With `block-quotes`, a block quote (`>`) of at least `min-words` words is a quotation
//! too (block quotes that follow each other are one) when the paragraph before
//! introduces it with a colon or when it opens with a quotation mark; other block quotes
//! are callouts, asides or examples, and a pull quote repeats words of the article. A
//! block quotation needs a source in the last sentence of the paragraph before it, in
//! the quote itself (a link, a footnote, a cue in its first or last sentence, a closing
//! "— Name"), or at the start of the paragraph after it. Block quotes that open with one
//! of the `callouts` (notes, tips, warnings) or follow one of the `example-intros` are
//! not quotations.
//!
//! ## Why is this bad?
//! A quotation with no speaker cannot be checked, and readers cannot weigh it. Scare
//! quotes around a phrase ("the “peace process”") signal doubt without saying whose
//! words they are, which lets a writer sneer without arguing: name who uses the phrase,
//! or drop the quotation marks and say what you mean.
//!
//! ## Example
//! ```markdown
//! Armenians even began to speak of “new wars for new territories.”
//! ```
//! Use instead:
//! ```markdown
//! In a 2019 speech, Armenia’s defence minister spoke of “new wars for new territories,”
//! the ministry’s transcript shows.
//! ```
//!
//! ## Options
//! - `min-words`, `max-words` (integers): the lengths of quotation this rule checks.
//! - `cues` (list of regexes): attribution cues that name a source.
//! - `vague` (list of regexes): attributions that name no one; a cue that ends within
//!   one of these does not count.
//! - `preceded-by` (list of regexes): words that, right before a quotation, make it a
//!   title, a name or a word spoken of as a word.
//! - `followed-by` (list of regexes): the same, right after the quotation.
//! - `block-quotes` (boolean): check block quotes as quotations too.
//! - `callouts` (list of regexes): block quotes whose text starts with one of these are
//!   notes, not quotations.
//! - `example-intros` (list of regexes): the block quote or the list after a paragraph
//!   that ends with a colon and matches one of these ("something like this:", "we asked
//!   questions like:") holds examples, not quotations.
//! - `capitalized-names` (boolean): a quotation that starts with a capital letter inside
//!   a sentence is a name, a title or a label (“Very satisfied”, “Data is pending”).
//!
//! Messages: `message`, with `{text}` for the quoted words (the opening words of a block
//! quote).
//!
//! ## Fix safety
//! No automatic fix: only the writer knows whose words these are.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{Block, BlockKind, Document};
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::{
    Around, Attributed, Carry, Cues, Quote, referenced, word_count,
};
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc, support::excerpt,
    validate_patterns,
};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "quote-attribution",
        doc: kind_doc!("rules/quote_attribution"),
        messages: &[],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    min_words: Option<usize>,
    max_words: Option<usize>,
    cues: Vec<String>,
    vague: Vec<String>,
    preceded_by: Vec<String>,
    followed_by: Vec<String>,
    block_quotes: bool,
    callouts: Vec<String>,
    example_intros: Vec<String>,
    capitalized_names: bool,
}

struct QuoteAttribution {
    words: Range<usize>,
    cues: Cues,
    preceded_by: Option<Pattern>,
    followed_by: Option<Pattern>,
    block_quotes: bool,
    callouts: Vec<Pattern>,
    examples: Vec<Pattern>,
    capitalized_names: bool,
    texts: Texts,
}

/// Short words that titles leave in lowercase ("The Art of War").
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "vs", "via", "into", "is", "are", "be", "de", "la", "le", "el", "du", "y", "et",
    "und", "del", "des",
];

/// How far back from a quotation the `preceded-by` cues are looked for, in bytes.
const LOOK_BACK: usize = 80;

impl Params {
    /// How many words a quotation takes to be reported: `min-words..=max-words`.
    fn words(&self) -> std::ops::Range<usize> {
        let min = self.min_words.unwrap_or(1).max(1);
        let max = self.max_words.unwrap_or(usize::MAX);
        min..max.saturating_add(1)
    }
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        setup.check_patterns("cues", &self.cues)?;
        setup.check_patterns("vague", &self.vague)?;
        // Validated here; compiled below, anchored.
        validate_patterns("preceded-by", &self.preceded_by)?;
        validate_patterns("followed-by", &self.followed_by)?;
        setup.check_patterns("callouts", &self.callouts)?;
        setup.check_patterns("example-intros", &self.example_intros)?;
        if self.words().is_empty() {
            return Err(ParamError::new(
                "min-words",
                "`min-words` must not be more than `max-words`",
            ));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let cues = setup.patterns("cues", &p.cues)?;
        let vague = setup.patterns("vague", &p.vague)?;
        let callouts = setup.patterns("callouts", &p.callouts)?;
        let examples = setup.patterns("example-intros", &p.example_intros)?;
        // Anchored where the quotation starts or ends, past spaces and punctuation.
        let anchored = |key: &str, list: &[String], before: bool| {
            if list.is_empty() {
                return Ok(None);
            }
            let alt = list.join("|");
            let pattern = if before {
                format!(r"(?:{alt})[\s:,(\[*_]*$")
            } else {
                format!(r"^[\s,.:;!?)\]*_]*(?:{alt})")
            };
            crate::pattern::regex(&pattern)
                .map(Some)
                .map_err(|e| ParamError::new(key, format!("cannot compile `{key}`: {e}")))
        };
        Ok(Box::new(QuoteAttribution {
            words: p.words(),
            cues: Cues { cues, vague },
            preceded_by: anchored("preceded-by", &p.preceded_by, true)?,
            followed_by: anchored("followed-by", &p.followed_by, false)?,
            block_quotes: p.block_quotes,
            callouts,
            examples,
            capitalized_names: p.capitalized_names,
            texts: setup.texts.clone(),
        }))
    }
}

/// Whether the words read as a title or a name: the first starts with a capital or a
/// digit, and so does every word that is not a minor word, bar one in a longer title
/// (“The Art of War”, “Login.gov”, “Planning your NIH Grants Application”).
fn is_title(words: &str) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for w in words.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if upper + lower > 0 && MINOR_WORDS.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            continue;
        }
        if first.is_lowercase() {
            if upper == 0 {
                return false;
            }
            lower += 1;
        } else {
            upper += 1;
        }
    }
    upper > 0 && (lower == 0 || lower == 1 && upper >= 3)
}

/// Whether a quotation is a question (“Is this a good idea?”): a question put to the
/// reader or to oneself, not a claim that someone has to stand behind.
fn is_question(words: &str) -> bool {
    words
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?')
        .ends_with('?')
}

/// Whether a quotation stands in a run of quotations joined only by commas, "and", "or":
/// three or more (“agree”, “somewhat agree” or “strongly agree”), or two of several
/// words each (“members of the public” or “agency employees who applied”). They are
/// examples or options listed, not anyone's words.
fn listed(text: &str, quotes: &[Quote], index: usize) -> bool {
    let several = |q: &Quote| {
        text.get(q.inner.clone())
            .is_some_and(|w| word_count(w) >= 3)
    };
    let joined = |a: &Quote, b: &Quote| {
        text.get(a.range.end..b.range.start).is_some_and(|between| {
            let t = between.trim().trim_matches(',').trim();
            matches!(t, "" | "and" | "or" | "and/or" | "to" | "/")
        })
    };
    // The run of quotations joined to this one.
    let mut first = index;
    while let (Some(i), Some(b)) = (first.checked_sub(1), quotes.get(first)) {
        match quotes.get(i) {
            Some(a) if joined(a, b) => first = i,
            _ => break,
        }
    }
    let mut last = index;
    while let (Some(a), Some(b)) = (quotes.get(last), quotes.get(last + 1)) {
        if !joined(a, b) {
            break;
        }
        last += 1;
    }
    let run = quotes.get(first..=last).unwrap_or_default();
    // Three or more are a list; two are when each is several words long.
    run.len() >= 3 || run.len() == 2 && run.iter().all(several)
}

/// Paths, commands, addresses, identifiers: text that is not words anyone said.
fn is_code_like(words: &str) -> bool {
    let mut chars = words.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if matches!(
            c,
            '/' | '\\' | '_' | '=' | '<' | '>' | '{' | '}' | '|' | '@' | '#' | '$' | '`' | '~'
        ) || c == crate::document::prose::OBJECT
        {
            return true;
        }
        // "example.com", "README.md", "v1.2": a dot inside a word.
        if c == '.' && prev.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            return true;
        }
        prev = c;
    }
    // "go build -cover": a command with an option.
    if words
        .split_whitespace()
        .any(|w| w.len() > 1 && w.starts_with('-'))
    {
        return true;
    }
    // "pt", "x": a tag or a symbol, not words; "day 2", "Q3 goals": a label or a value.
    let letters = words.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 2 && !words.trim().contains(' ')
        || word_count(words) <= 4 && words.chars().any(|c| c.is_ascii_digit())
}

/// Whether a block quote repeats words of the article's own paragraphs: a pull quote,
/// set off for the eye, whose source is the text around it.
fn is_pull_quote(doc: &Document<'_>, quote: &str) -> bool {
    let words: Vec<&str> = quote
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    if words.len() < 5 {
        return false;
    }
    let needle = words.join(" ").to_lowercase();
    doc.prose_blocks()
        .filter(|(_, b)| b.quote_depth == 0)
        .any(|(_, b)| {
            let text: Vec<&str> = b
                .text()
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .collect();
            text.join(" ").to_lowercase().contains(&needle)
        })
}

/// The text from a sentence's start to a little past a quotation.
fn block_sentence(text: &str, start: usize, end: usize) -> &str {
    let mut end = (end + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start.min(end)..end).unwrap_or("")
}

/// What the check remembers from one block to the next.
#[derive(Default)]
struct Seen {
    /// Quoted words already taken for a title or a term.
    terms: HashSet<String>,
    /// The blocks that follow are examples introduced by the paragraph before.
    examples: bool,
}

/// Whether a one-word quotation is set against another one-word quotation (“why” and
/// “how”, "before" versus "after"): labels compared, not anyone's words.
fn contrasted(text: &str, quotes: &[Quote], q: &Quote) -> bool {
    let one_word = |q: &Quote| {
        text.get(q.inner.clone())
            .is_some_and(|w| word_count(w) == 1)
    };
    if !one_word(q) {
        return false;
    }
    let joined = |a: &Quote, b: &Quote| {
        text.get(a.range.end..b.range.start).is_some_and(|between| {
            matches!(
                between.trim().trim_end_matches(','),
                "and" | "or" | "to" | "versus" | "vs." | "vs" | "nor" | "/" | ","
            ) || between.trim() == ", and"
                || between.trim() == ", or"
        })
    };
    quotes.iter().any(|other| {
        !std::ptr::eq(other, q) && one_word(other) && (joined(other, q) || joined(q, other))
    })
}

impl QuoteAttribution {
    /// Whether a paragraph introduces examples ("something like this:").
    fn introduces_examples(&self, text: &str) -> bool {
        text.ends_with(':') && self.examples.iter().any(|re| re.is_match(text))
    }

    /// Whether a quotation is a title, a name, a term or code rather than someone's words.
    fn not_a_quotation(&self, text: &str, sentence_start: usize, q: &Quote) -> bool {
        let words = text.get(q.inner.clone()).unwrap_or("");
        if is_title(words) || is_code_like(words) {
            return true;
        }
        let before = text.get(..q.range.start).unwrap_or("");
        // Markup the parser left as text (`<img alt="…" />`): its quotes are attributes.
        let sentence = block_sentence(text, sentence_start, q.range.end);
        if before.ends_with('=') || sentence.contains("=\"") || sentence.contains("=“") {
            return true;
        }
        if self.capitalized_names
            && q.range.start > sentence_start
            && words
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase)
        {
            return true;
        }
        if let Some(re) = &self.preceded_by {
            let mut from = q.range.start.saturating_sub(LOOK_BACK).max(sentence_start);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            if text
                .get(from..q.range.start)
                .is_some_and(|before| re.is_match(before))
            {
                return true;
            }
        }
        if let Some(re) = &self.followed_by
            && text
                .get(q.range.end..)
                .is_some_and(|after| re.is_match(after))
        {
            return true;
        }
        false
    }

    fn check_block(
        &self,
        doc: &Document<'_>,
        index: usize,
        block: &Block,
        around: Around,
        seen: &mut Seen,
        out: &mut Vec<Diagnostic>,
    ) -> Carry {
        // Nothing quoted and nothing introduced: nothing to look for.
        if !block.prose.text.contains(['“', '"']) && !block.text().ends_with(':') {
            return Carry::default();
        }
        let found = Attributed::new(doc, index, block, &self.cues, around);
        let text = &block.prose.text;
        // A quotation chained to an excused one ("the terms “a” and “b”") is excused too.
        let mut excused_until: Option<usize> = None;
        for (i, (q, sourced)) in found.quotes.iter().zip(&found.quote_sourced).enumerate() {
            let sentence_start = block
                .sentence_at(q.range.start)
                .and_then(|i| block.sentences.get(i))
                .map_or(0, |s| s.start);
            let chained = excused_until.is_some_and(|end| {
                text.get(end..q.range.start).is_some_and(|between| {
                    matches!(
                        between.trim().trim_end_matches(','),
                        "" | "," | "and" | "or" | ", and" | ", or" | "/"
                    )
                })
            });
            let words = text.get(q.inner.clone()).unwrap_or("");
            let key = words
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let opens_block = text
                .get(..q.range.start)
                .is_some_and(|t| !t.chars().any(char::is_alphanumeric));
            if chained
                || (opens_block && seen.examples)
                || seen.terms.contains(&key)
                || self.not_a_quotation(text, sentence_start, q)
                || contrasted(text, &found.quotes, q)
                || listed(text, &found.quotes, i)
                || is_question(words)
                || text
                    .get(q.range.end..)
                    .is_some_and(|t| t.trim_start_matches(['*', '_']).starts_with('?'))
            {
                // Once a title or a term, the same words quoted again are that term.
                seen.terms.insert(key);
                excused_until = Some(q.range.end);
                continue;
            }
            excused_until = None;
            if *sourced || !self.words.contains(&word_count(words)) {
                continue;
            }
            let shown = words.trim_end_matches(['.', ',', ';', ':']);
            out.push(
                Diagnostic::new(
                    fill(&self.texts.message, &[("text", &excerpt(shown))]),
                    block.prose.to_source(q.range.clone()),
                )
                .with_label("whose words are these?")
                .with_help(self.texts.help.clone()),
            );
        }
        found.carry(block)
    }

    /// Block quotes (`>`), each run of them as one quotation.
    fn check_block_quotes(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        for (start, end) in quote_groups(&doc.blocks) {
            out.extend(self.block_quote(doc, start, end));
        }
    }

    /// Which words of a block a source covers: a link, a footnote, or a cue.
    fn sourced(&self, doc: &Document<'_>, index: usize, block: &Block) -> Vec<bool> {
        let mut flags = referenced(doc, index, block);
        crate::rules::support::attribution::mark(
            block,
            &self.cues.find(&block.prose.text),
            &mut flags,
        );
        flags
    }

    /// The finding for the block quote of blocks `start..end` (the container first), if
    /// it is a quotation that names no source inside, before or after it.
    fn block_quote(&self, doc: &Document<'_>, start: usize, end: usize) -> Option<Diagnostic> {
        let blocks = &doc.blocks;
        let container = blocks.get(start)?;
        let inner: Vec<(usize, &Block)> = blocks
            .iter()
            .enumerate()
            .take(end)
            .skip(start + 1)
            .filter(|(_, b)| b.quote_depth > 0 && b.has_prose())
            .collect();
        let (Some(&(first_i, first)), Some(&(last_i, last))) = (inner.first(), inner.last()) else {
            return None;
        };
        let words: usize = inner.iter().map(|(_, b)| word_count(b.text())).sum();
        if words < self.words.start
            || self.callouts.iter().any(|re| re.is_match(first.text()))
            || is_pull_quote(doc, first.text())
            || is_question(
                first
                    .sentence_span(0)
                    .and_then(|s| doc.text().get(s))
                    .unwrap_or(""),
            )
        {
            return None;
        }
        let span_end = blocks
            .get(end - 1)
            .map_or(container.span.end, |b| b.span.end);
        let inside = doc
            .text()
            .get(container.span.start..span_end)
            .is_some_and(|t| t.contains("</a>") || t.contains("</A>"))
            || inner
                .iter()
                .any(|(j, b)| referenced(doc, *j, b).iter().any(|f| *f))
            || self
                .sourced(doc, first_i, first)
                .first()
                .copied()
                .unwrap_or(false)
            || self
                .sourced(doc, last_i, last)
                .last()
                .copied()
                .unwrap_or(false);
        let previous = blocks
            .get(..start)
            .and_then(|bs| {
                bs.iter()
                    .enumerate()
                    .rev()
                    .find(|(_, b)| b.quote_depth == 0 && b.has_prose())
            })
            .filter(|(_, b)| !b.is_heading());
        if previous.is_some_and(|(_, b)| self.introduces_examples(b.text())) {
            return None;
        }
        // A block quote is a quotation when the paragraph before introduces it ("The
        // resolution reads:") or when it opens with a quotation mark; otherwise it is
        // a callout, an aside or an example set off from the text.
        let introduced = previous.is_some_and(|(_, b)| b.text().ends_with(':'));
        let opens_quoted = first
            .text()
            .trim_start_matches(['*', '_', ' '])
            .starts_with(['“', '"', '‘', '«']);
        if !introduced && !opens_quoted {
            return None;
        }
        let before =
            previous.is_some_and(|(j, b)| self.sourced(doc, j, b).last().copied().unwrap_or(false));
        let after = blocks
            .iter()
            .enumerate()
            .skip(last_i + 1)
            .find(|(_, b)| b.quote_depth == 0 && b.has_prose())
            .is_some_and(|(j, b)| {
                !b.is_heading() && self.sourced(doc, j, b).first().copied().unwrap_or(false)
            });
        if inside || before || after {
            return None;
        }
        let span = first.sentence_span(0).unwrap_or_else(|| first.prose_span());
        Some(
            Diagnostic::new(
                fill(&self.texts.message, &[("text", &excerpt(first.text()))]),
                span,
            )
            .with_label("whose words are these?")
            .with_help(self.texts.help.clone()),
        )
    }
}

impl Check for QuoteAttribution {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let mut carry = Carry::default();
        let mut seen = Seen::default();
        let blocks: Vec<(usize, &Block)> = doc.prose_blocks().collect();
        for (k, &(index, block)) in blocks.iter().enumerate() {
            let in_scope = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                && !block.in_footnote
                && block.quote_depth == 0;
            // A question set off on its own, as in an interview ("**How did you start?**"),
            // introduces the answer that follows.
            let question = block.text().ends_with('?')
                && (block.is_heading()
                    || doc
                        .text()
                        .get(block.span.clone())
                        .is_some_and(|t| t.starts_with("**") || t.starts_with("__")));
            // So does a heading that says where quotations come from ("Quotes from
            // participants").
            let introduces =
                question || block.is_heading() && !self.cues.find(block.text()).is_empty();
            if !in_scope || question {
                carry = Carry {
                    intro: introduces,
                    open_quote: None,
                };
                seen.examples = false;
                continue;
            }
            let in_list = block.in_list || block.kind == BlockKind::ListItem;
            let around = Around::with_next(carry, blocks.get(k + 1).map(|(_, b)| *b));
            let next = self.check_block(doc, index, block, around, &mut seen, out);
            // An introduction ("Testers told us:", "We asked questions like:") speaks for
            // a whole list that follows, or for a run of quoted paragraphs.
            let quoted_paragraph = block
                .text()
                .trim_start_matches(['*', '_'])
                .starts_with(['“', '"']);
            carry = Carry {
                intro: next.intro || (carry.intro && (in_list || quoted_paragraph)),
                ..next
            };
            let introduces_examples = self.introduces_examples(block.text());
            seen.examples = introduces_examples || (seen.examples && in_list);
        }
        if self.block_quotes {
            self.check_block_quotes(doc, out);
        }
    }
}

/// Each block quote at the top level with the block quotes right after it, as block
/// index ranges (the container first): a poem or a letter quoted paragraph by paragraph
/// is one quotation.
fn quote_groups(blocks: &[Block]) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut i = 0;
    while let Some(container) = blocks.get(i) {
        if container.kind != BlockKind::BlockQuote || container.quote_depth > 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while let Some(b) = blocks.get(end) {
            if b.quote_depth > 0 || b.kind == BlockKind::BlockQuote {
                end += 1;
            } else {
                break;
            }
        }
        groups.push((start, end));
        i = end;
    }
    groups
}
