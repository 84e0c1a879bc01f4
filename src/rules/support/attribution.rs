//! Where prose names its source: shared by the kinds that ask for attribution (figures,
//! quotations, contested terms).
//!
//! A sentence names a source when it holds a link (Markdown, HTML, or one the parser left
//! as text because its destination is a template tag), a footnote or numbered reference,
//! or an attribution cue from the rule's pack data ("according to the UN", "the ministry
//! said") that does not end inside one of its vague phrases ("experts say"). Quotations
//! are found here too, with whether their speaker is named.

use std::ops::Range;

use super::excerpt;
use super::ranges::Covering;
use crate::diagnostic::Diagnostic;
use crate::document::{Block, Document};
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::template::fill;

/// A rule's attribution cues, and the vague phrases that look like cues but name no one.
pub(crate) struct Cues {
    pub(crate) cues: Vec<Pattern>,
    pub(crate) vague: Vec<Pattern>,
}

impl Cues {
    /// Prose ranges of the cues that name a source.
    pub(crate) fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.cues.is_empty() {
            return Vec::new();
        }
        let vague = Covering::new(
            self.vague
                .iter()
                .flat_map(|re| re.find_iter(text).map(|m| m.range()))
                .collect(),
        );
        // A cue that ends inside a vague phrase ("experts estimate") names no one.
        self.cues
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| m.range()))
            .filter(|c| !vague.covers_end(c.end, c.end))
            .collect()
    }
}

/// Unsourced spans of a block grouped by sentence, reported as one finding per sentence:
/// the first span, with the others of its sentence as secondary labels.
#[derive(Debug, Default)]
pub(crate) struct PerSentence(Vec<(usize, Vec<Range<usize>>)>);

impl PerSentence {
    /// Adds a span of sentence `sentence`; spans come in text order.
    pub(crate) fn add(&mut self, sentence: usize, span: Range<usize>) {
        match self.0.last_mut() {
            Some((last, list)) if *last == sentence => list.push(span),
            _ => self.0.push((sentence, vec![span])),
        }
    }

    /// The findings: `texts.message` with `{text}` as the first span's words.
    pub(crate) fn report(
        self,
        block: &Block,
        texts: &Texts,
        labels: (&str, &str),
        out: &mut Vec<Diagnostic>,
    ) {
        let text = &block.prose.text;
        for (_, list) in self.0 {
            let Some(first) = list.first() else { continue };
            let words = text.get(first.clone()).unwrap_or("");
            let mut d = Diagnostic::new(
                fill(&texts.message, &[("text", &excerpt(words))]),
                block.prose.to_source(first.clone()),
            )
            .with_label(labels.0)
            .with_help(texts.help.clone());
            for other in list.iter().skip(1) {
                d = d.with_secondary(block.prose.to_source(other.clone()), labels.1);
            }
            out.push(d);
        }
    }
}

/// For each sentence of a block, whether it holds a reference: a link or footnote
/// reference, an HTML link, a link the parser left as text, or a numbered reference.
pub(crate) fn referenced(doc: &Document<'_>, index: usize, block: &Block) -> Vec<bool> {
    let text = &block.prose.text;
    let mut flags: Vec<bool> = block
        .sentences
        .iter()
        .map(|s| {
            doc.has_reference_in(index, s.clone())
                || html_link_in(doc.text(), block.prose.to_source(s.clone()))
        })
        .collect();
    let mut refs = template_links(text);
    refs.extend(bracket_refs(text));
    mark(block, &refs, &mut flags);
    flags
}

/// Sets the flag of every sentence that one of `ranges` overlaps.
pub(crate) fn mark(block: &Block, ranges: &[Range<usize>], flags: &mut [bool]) {
    for c in ranges {
        let first = block.sentence_at(c.start).unwrap_or(0);
        for (i, s) in block.sentences.iter().enumerate().skip(first) {
            if s.start >= c.end {
                break;
            }
            if c.start < s.end
                && let Some(flag) = flags.get_mut(i)
            {
                *flag = true;
            }
        }
    }
}

/// Links that the Markdown parser leaves as text because their destination is a template
/// tag with spaces (`[the report]({{< ref "report.md" >}})`): they are links all the same.
pub(crate) fn template_links(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|t| t.find("]("))
        .map(|i| from + i)
    {
        let rest = text.get(i + 2..).unwrap_or("").trim_start();
        if rest.starts_with("{{") || rest.starts_with("{%") {
            let start = text.get(..i).and_then(|t| t.rfind('[')).unwrap_or(i);
            out.push(start..i + 2);
        }
        from = i + 2;
    }
    out
}

/// Numbered references in brackets ("fonts are more legible. [2]"): a note that names
/// the source, as a footnote does.
pub(crate) fn bracket_refs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('[') {
        let digits = text
            .get(i + 1..)
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        if (1..=3).contains(&digits)
            && text
                .get(i + 1 + digits..)
                .is_some_and(|t| t.starts_with(']'))
        {
            out.push(i..i + digits + 2);
        }
    }
    out
}

/// Whether a file range holds the end of an HTML link (`<a href="…">the report</a>`),
/// which the prose text keeps only the words of.
pub(crate) fn html_link_in(file: &str, range: Range<usize>) -> bool {
    file.get(range)
        .is_some_and(|t| t.contains("</a>") || t.contains("</A>"))
}

/// Quotations in prose: from an opening curly quote to its closing one, or between two
/// straight double quotes.
pub(crate) fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((start, close)), c) if c == close => {
                out.push(start..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Template tags of static site generators in prose (`{{< figure width="300" >}}`,
/// `{{ image "x.svg" 600 }}`, `{% link x.md %}`): markup, not words.
pub(crate) fn template_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find('{')).map(|i| from + i) {
        let close = match text.get(i + 1..i + 2) {
            Some("{") => "}}",
            Some("%") => "%}",
            _ => {
                from = i + 1;
                continue;
            }
        };
        let Some(end) = text
            .get(i + 2..)
            .and_then(|t| t.find(close))
            .map(|j| i + 2 + j + close.len())
        else {
            break;
        };
        out.push(i..end);
        from = end;
    }
    out
}

/// A quotation in prose: from its opening mark to its closing one, both included, or to
/// the end of the block when it is left open, as a quotation that goes on into the next
/// paragraph is.
#[derive(Debug, Clone)]
pub(crate) struct Quote {
    pub(crate) range: Range<usize>,
    /// The quoted words, without the marks.
    pub(crate) inner: Range<usize>,
    pub(crate) closed: bool,
}

/// The double-quoted passages of a block's prose: curly (“…”) or straight ("…").
///
/// Template tags are skipped (`{{< figure alt="…" >}}`), as is a straight quote right
/// after a digit that closes nothing (`a 12" screen`). A curly quotation left open runs to
/// the end of the block when it opens the block or when the next block opens with a
/// quotation mark, as a quotation over several paragraphs does; otherwise the mark is a
/// stray. An odd straight quote is left alone, since it cannot say which side it is on.
pub(crate) fn find_quotes(text: &str, goes_on: bool) -> Vec<Quote> {
    let templates = template_spans(text);
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        if !matches!(c, '“' | '”' | '"') || super::ranges::overlaps(&templates, &(i..i + 1)) {
            continue;
        }
        // An inch mark (`a 12" screen`), unless it closes a quotation ("turn it up to 11").
        if c == '"' && open.is_none() && before.is_some_and(|b| b.is_ascii_digit()) {
            continue;
        }
        let end = i + c.len_utf8();
        match (open, c) {
            // A new opening curly quote while one is open: the earlier one was a stray.
            (_, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((start, close)), c) if c == close => {
                out.push(Quote {
                    range: start..end,
                    inner: start + open_len(text, start)..i,
                    closed: true,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((start, '”')) = open
        && (goes_on
            || text
                .get(..start)
                .is_some_and(|t| !t.chars().any(char::is_alphanumeric)))
    {
        let end = text.trim_end().len().max(start + 1);
        out.push(Quote {
            range: start..end,
            inner: start + open_len(text, start)..end,
            closed: false,
        });
    }
    out
}

fn open_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

/// The number of words in a range of text: runs between spaces that hold a letter or a
/// digit.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// What the blocks around a block say about its quotations.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Around {
    /// What the block before passes on.
    pub(crate) carry: Carry,
    /// The next block opens with a quotation mark: a quotation left open goes on there.
    pub(crate) next_opens_quote: bool,
    /// The next block is a signature ("— Jay Bernhardt, dean"): it names the speaker of
    /// the quotation that ends this block.
    pub(crate) next_signs: bool,
    /// Only the quotations are asked about (and what the block passes on), not every
    /// sentence: a block without quotations needs no search for cues.
    pub(crate) quotations_only: bool,
}

impl Around {
    /// Reads the block after the one being checked.
    pub(crate) fn with_next(carry: Carry, next: Option<&Block>) -> Self {
        let text = next.map_or("", |b| b.text());
        let unmarked = text.trim_start_matches(['*', '_']);
        let after_dash = ["——", "—", "–", "―", "--", "-", "~"]
            .iter()
            .find_map(|d| unmarked.strip_prefix(d))
            .map(|t| t.trim_start_matches([' ', '*', '_']));
        Self {
            carry,
            next_opens_quote: unmarked.starts_with(['“', '"']),
            next_signs: after_dash
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_uppercase),
            quotations_only: true,
        }
    }
}

/// What a block passes on to the next one.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Carry {
    /// The block ended with a colon after a sentence that names a source ("As the
    /// minister put it:"): it introduces what follows.
    pub(crate) intro: bool,
    /// The block ended inside an open quotation: whether that quotation was attributed.
    pub(crate) open_quote: Option<bool>,
}

/// A block's quotations and sources.
#[derive(Debug, Default)]
pub(crate) struct Attributed {
    pub(crate) quotes: Vec<Quote>,
    /// Per quotation: whether its speaker or source is named.
    pub(crate) quote_sourced: Vec<bool>,
    /// Per sentence: whether it names a source outside its quotations.
    pub(crate) sentences: Vec<bool>,
}

impl Attributed {
    /// Finds the quotations of a block and whether each is attributed.
    ///
    /// A quotation is attributed when a sentence it touches names a source (a cue outside
    /// the quoted words, a link, a footnote). The sentence just before or after counts too
    /// when the quotation opens its sentence (“…,” she said. “More words.”) or when that
    /// sentence has no quotation of its own: a cue next to a quotation speaks for that
    /// one, not for a phrase quoted in the sentence beside it. A quotation that opens a
    /// block is attributed by the block before when that one introduces it ("The minister
    /// said:") or ended inside an attributed quotation that goes on here; one that ends
    /// a block, by a signature that follows ("— Helen Keller").
    pub(crate) fn new(
        doc: &Document<'_>,
        index: usize,
        block: &Block,
        cues: &Cues,
        around: Around,
    ) -> Self {
        let carry = around.carry;
        let text = &block.prose.text;
        let quotes = find_quotes(text, around.next_opens_quote);
        // Nothing quoted and nothing introduced: no sentence's source is needed.
        if quotes.is_empty() && around.quotations_only && !block.text().ends_with(':') {
            return Self::default();
        }
        let ranges: Vec<Range<usize>> = quotes.iter().map(|q| q.range.clone()).collect();
        // A cue speaks for the sentence where it ends (the verb of "the minister said").
        let outside: Vec<Range<usize>> = cues
            .find(text)
            .into_iter()
            .filter(|c| !c.is_empty() && !super::ranges::within(&ranges, c))
            .map(|c| c.end - 1..c.end)
            .collect();
        let mut sentences = referenced(doc, index, block);
        mark(block, &outside, &mut sentences);
        let mut has_quote = vec![false; sentences.len()];
        mark(block, &ranges, &mut has_quote);
        let flag = |list: &[bool], i: usize| list.get(i).copied().unwrap_or(false);
        let quote_sourced = quotes
            .iter()
            .map(|q| {
                let a = block.sentence_at(q.range.start).unwrap_or(0);
                let b = block
                    .sentence_at(q.range.end.saturating_sub(1))
                    .unwrap_or(a);
                if (a..=b).any(|i| flag(&sentences, i)) {
                    return true;
                }
                let sentence_start = block.sentences.get(a).map_or(0, |s| s.start);
                let opens = text
                    .get(sentence_start.min(q.range.start)..q.range.start)
                    .is_some_and(|t| !t.chars().any(char::is_alphanumeric));
                let neighbour = |n: Option<usize>| {
                    n.is_some_and(|n| flag(&sentences, n) && (opens || !flag(&has_quote, n)))
                };
                if neighbour(a.checked_sub(1)) || neighbour(Some(b + 1)) {
                    return true;
                }
                let closes_block = text
                    .get(q.range.end..)
                    .is_some_and(|t| !t.chars().any(char::is_alphanumeric));
                a == 0 && opens && (carry.intro || carry.open_quote == Some(true))
                    || closes_block && around.next_signs
            })
            .collect();
        Self {
            quotes,
            quote_sourced,
            sentences,
        }
    }

    /// What this block passes on to the next.
    pub(crate) fn carry(&self, block: &Block) -> Carry {
        let last_sourced = self.sentences.last().copied().unwrap_or(false);
        Carry {
            intro: last_sourced && block.text().ends_with(':'),
            open_quote: self
                .quotes
                .last()
                .zip(self.quote_sourced.last())
                .filter(|(q, _)| !q.closed)
                .map(|(_, s)| *s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, goes_on: bool) -> Vec<&str> {
        find_quotes(text, goes_on)
            .into_iter()
            .map(|q| text.get(q.inner).unwrap_or(""))
            .collect()
    }

    #[test]
    fn cues_ending_in_a_vague_phrase_name_no_one() {
        let pattern = |p: &str| crate::pattern::regex(p).unwrap();
        let cues = Cues {
            cues: vec![pattern(r"\b(?:said|say)\b"), pattern(r"\bquoting\b")],
            vague: vec![pattern(r"(?i)\bexperts say\b")],
        };
        let text = "Experts say so. “We will win,” the minister said, quoting the report.";
        let found = cues.find(text);
        let words: Vec<&str> = found
            .iter()
            .map(|r| text.get(r.clone()).unwrap_or(""))
            .collect();
        assert_eq!(words, ["said", "quoting"]);
    }

    #[test]
    fn curly_and_straight_quotations() {
        assert_eq!(
            quoted("He said “no deal” and \"no talks\" today.", false),
            ["no deal", "no talks"]
        );
        // An inch mark closes nothing; a digit before a closing quote is quoted text.
        assert_eq!(quoted("A 12\" screen.", false), Vec::<&str>::new());
        assert_eq!(quoted("Turn it \"up to 11\" now.", false), ["up to 11"]);
        // Template tags are markup.
        assert_eq!(
            quoted("{{< figure alt=\"a photo\" >}} and “words”", false),
            ["words"]
        );
    }

    #[test]
    fn open_quotations_go_on_only_where_they_can() {
        // A paragraph that opens a quotation and leaves it open goes on into the next.
        assert_eq!(
            quoted("“We will rebuild. Every school.", false),
            ["We will rebuild. Every school."]
        );
        // Mid-paragraph, only if the next paragraph opens with a quotation mark.
        assert_eq!(
            quoted("She said, “we will rebuild.", true),
            ["we will rebuild."]
        );
        assert_eq!(
            quoted("She said, “we will rebuild.", false),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn words_are_counted_by_letters_and_digits() {
        assert_eq!(word_count("new wars for new territories."), 5);
        assert_eq!(word_count(" – and 40 — "), 2);
    }
}
