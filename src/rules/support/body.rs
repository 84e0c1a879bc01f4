//! What the house-style kinds share: the blocks that are the article's body, words with
//! their spans, quoted passages and link text (where an automatic edit would change
//! someone else's words), and fixes that only touch the bytes at fault.

use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::layout::Role;
use crate::document::{Block, BlockKind};
use crate::rules::Context;

/// Block kinds a house-style rule may read; each rule's `scopes` picks some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scope {
    Paragraph,
    ListItem,
    Heading,
    TableCell,
}

impl Scope {
    pub(crate) fn of(block: &Block) -> Option<Self> {
        match block.kind {
            BlockKind::Paragraph => Some(Scope::Paragraph),
            BlockKind::ListItem => Some(Scope::ListItem),
            BlockKind::Heading(_) => Some(Scope::Heading),
            BlockKind::TableCell => Some(Scope::TableCell),
            _ => None,
        }
    }
}

/// The prose blocks of the article itself, with their index: body paragraphs, list items,
/// table cells and headings before the page residue, without end matter (credit line,
/// disclaimer, notes) or footnote definitions.
pub(crate) fn body_blocks<'a>(cx: &'a Context<'a>) -> impl Iterator<Item = (usize, &'a Block)> {
    cx.doc
        .prose_blocks()
        .take_while(|(i, _)| *i < cx.layout.trailer_from)
        .filter(|(i, b)| {
            !b.in_footnote && matches!(cx.layout.roles.get(*i), Some(Role::Body | Role::Heading))
        })
}

/// Body blocks of the given scopes.
pub(crate) fn blocks_in<'a>(
    cx: &'a Context<'a>,
    scopes: &'a [Scope],
) -> impl Iterator<Item = (usize, &'a Block)> {
    body_blocks(cx).filter(|(_, b)| Scope::of(b).is_some_and(|s| scopes.contains(&s)))
}

/// The prose ranges of link text in one block, in order.
pub(crate) fn link_texts(cx: &Context<'_>, index: usize) -> Vec<Range<usize>> {
    let links = &cx.doc.links;
    let first = links.partition_point(|l| l.block < index);
    links
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|l| l.block == index)
        .map(|l| l.prose.clone())
        .collect()
}

/// The file bytes of a prose range, when they hold the very same characters, up to the
/// whitespace of a line break ("in order\nto"): no markup, entity or escape in between.
/// Only such a range can be edited safely.
pub(crate) fn exact_source(
    cx: &Context<'_>,
    block: &Block,
    range: Range<usize>,
) -> Option<Range<usize>> {
    let words = block.prose.text.get(range.clone())?;
    let source = block.prose.to_source(range);
    let file = cx.doc.text().get(source.clone())?;
    let same = file == words || file.split_whitespace().eq(words.split_whitespace());
    same.then_some(source)
}

/// A fix that replaces byte ranges of the file.
pub(crate) fn fix(
    title: impl Into<String>,
    applicability: Applicability,
    edits: Vec<(Range<usize>, String)>,
) -> Fix {
    Fix {
        title: title.into(),
        applicability,
        edits: edits
            .into_iter()
            .map(|(range, replacement)| Edit { range, replacement })
            .collect(),
    }
}

/// Safe, unless the words are inside a quotation or link text: then someone else's
/// words or a title may change, and a person should look.
pub(crate) fn safety(protected: bool) -> Applicability {
    if protected {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

/// `replacement` written in the case of `matched`: all capitals for a word in capitals,
/// a capital first letter for a capitalized word, as written otherwise.
pub(crate) fn match_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if matched.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

/// Whether a prose offset starts its sentence: only opening quotes, brackets and spaces
/// stand before it.
pub(crate) fn starts_sentence(block: &Block, at: usize) -> bool {
    let Some(s) = block.sentence_at(at).and_then(|i| block.sentences.get(i)) else {
        return false;
    };
    block.prose.text.get(s.start.min(at)..at).is_some_and(|t| {
        t.chars()
            .all(|c| c.is_whitespace() || "“‘\"'([*_".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_follow_the_matched_word() {
        assert_eq!(match_case("Utilize", "use"), "Use");
        assert_eq!(match_case("utilize", "use"), "use");
        assert_eq!(match_case("UTILIZE", "use"), "USE");
        assert_eq!(match_case("kiev", "Kyiv"), "Kyiv");
    }
}
