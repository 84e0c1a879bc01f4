//! Where prose names its source: shared by the kinds that ask for attribution (figures,
//! quotations, contested terms).
//!
//! A sentence names a source when it holds a link (Markdown, HTML, or one the parser left
//! as text because its destination is a template tag), a footnote or numbered reference,
//! or an attribution cue from the rule's pack data ("according to the UN", "the ministry
//! said") that does not end inside one of its vague phrases ("experts say"). Quotations
//! are found here too, with whether their speaker is named.

use std::ops::Range;

use regex::Regex;

use super::ranges::Covering;
use crate::document::{Block, Document};

/// A rule's attribution cues, and the vague phrases that look like cues but name no one.
pub(crate) struct Cues {
    pub(crate) cues: Vec<Regex>,
    pub(crate) vague: Vec<Regex>,
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
