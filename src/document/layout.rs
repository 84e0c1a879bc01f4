//! Where an article's body ends: the role of every block (body, heading, end matter,
//! page residue).
//!
//! The disclaimer and the editor credit belong after the body, and a "missing" finding
//! points at the end of the body, so both need to know which blocks are the article and
//! which are end matter (credit lines, disclaimers, notes, footnote definitions) or the
//! page residue that follows a published piece (donation appeals, share widgets). The
//! patterns are pack data (`[end-matter]`); this module only applies them.

use super::statements::{Place, Statement};
use super::{Block, Document};
use crate::pattern::Pattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Not prose (code, HTML, quote containers): ignored for layout.
    Other,
    Body,
    Heading,
    /// A credit line, a disclaimer, a note, a footnote definition.
    EndMatter,
    /// The first block of page residue (`Support …`, `Related Reading`).
    TrailerStart,
}

#[derive(Debug, Default)]
pub struct EndMatter {
    blocks: Vec<Pattern>,
    trailer: Vec<Pattern>,
}

impl EndMatter {
    pub(crate) fn new(blocks: Vec<Pattern>, trailer: Vec<Pattern>) -> Self {
        Self { blocks, trailer }
    }

    fn role(&self, block: &Block) -> Role {
        if !block.has_prose() {
            return Role::Other;
        }
        if block.in_footnote {
            return Role::EndMatter;
        }
        let text = block.text();
        if self.blocks.iter().any(|re| re.is_match(text)) {
            return Role::EndMatter;
        }
        if self.trailer.iter().any(|re| re.is_match(text)) {
            return Role::TrailerStart;
        }
        if block.is_heading() {
            Role::Heading
        } else {
            Role::Body
        }
    }

    /// The roles of the blocks. A block that is a recognised statement (a disclaimer, a
    /// credit, a note: the whole block, or its opening in a short block) is end matter.
    /// `house` lists blocks the rules know as their own statement in the house wording.
    pub fn layout(&self, doc: &Document<'_>, statements: &[Statement], house: &[usize]) -> Layout {
        let mut roles: Vec<Role> = doc.blocks.iter().map(|b| self.role(b)).collect();
        for &i in house {
            if let Some(role @ (Role::Body | Role::Heading)) = roles.get_mut(i) {
                *role = Role::EndMatter;
            }
        }
        for s in statements.iter().filter(|s| s.place == Place::Prose) {
            let Some(i) = s.block else { continue };
            let Some(block) = doc.blocks.get(i) else {
                continue;
            };
            let opens = s.span.start <= block.prose_span().start + 4 && block.word_count() <= 80;
            if let Some(role @ (Role::Body | Role::Heading)) = roles.get_mut(i)
                && (s.whole_block || opens)
            {
                *role = Role::EndMatter;
            }
        }
        let last_heading = roles.iter().rposition(|r| *r == Role::Heading);
        // Residue starts at the first trailer block after the last heading: a "Related
        // Reading" box between sections is not the end of the article.
        let trailer_from = roles
            .iter()
            .enumerate()
            .skip(last_heading.map_or(0, |h| h + 1))
            .find(|(_, r)| **r == Role::TrailerStart)
            .map_or(roles.len(), |(i, _)| i);
        let body_end = roles
            .get(..trailer_from)
            .and_then(|r| r.iter().rposition(|r| *r == Role::Body));
        Layout {
            roles,
            trailer_from,
            body_end,
        }
    }
}

/// The role of every block of one document.
#[derive(Debug, Clone)]
pub struct Layout {
    pub roles: Vec<Role>,
    /// Index of the first block of trailing page residue (`blocks.len()` when none).
    pub trailer_from: usize,
    /// The last body paragraph before end matter and residue.
    pub body_end: Option<usize>,
}

impl Layout {
    /// The first body block or heading after `index`, before the page residue: something
    /// that should not come after end matter.
    pub fn body_after(&self, index: usize) -> Option<usize> {
        self.roles
            .iter()
            .enumerate()
            .skip(index + 1)
            .take_while(|(_, r)| **r != Role::TrailerStart)
            .find(|(_, r)| matches!(r, Role::Body | Role::Heading))
            .map(|(i, _)| i)
    }

    /// Where something that belongs at the end of the body should go: the end of the
    /// last body paragraph, or of the document when there is none.
    pub fn end_of_body(&self, doc: &Document<'_>) -> usize {
        self.body_end
            .and_then(|i| doc.blocks.get(i))
            .map_or_else(|| doc.content_end(), |b| b.prose_span().end)
    }

    /// Where a closing statement should go: after the last end matter paragraph (a credit
    /// line, say) before the page residue and footnotes, else at the end of the body.
    pub fn end_of_end_matter(&self, doc: &Document<'_>) -> usize {
        let last = self
            .roles
            .get(..self.trailer_from)
            .and_then(|roles| {
                roles.iter().enumerate().rposition(|(i, r)| {
                    *r == Role::EndMatter && doc.blocks.get(i).is_some_and(|b| !b.in_footnote)
                })
            })
            .filter(|&i| self.body_end.is_none_or(|b| i > b));
        match last.and_then(|i| doc.blocks.get(i)) {
            Some(block) => block.prose_span().end,
            None => self.end_of_body(doc),
        }
    }
}
