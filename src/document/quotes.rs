//! Quoted passages of a block: where someone else's words stand.

use std::ops::Range;

use super::Block;

/// The quoted passages of a block, in prose offsets, in order: the whole block inside a block
/// quote, and text between curly double quotes, straight double quotes, or curly single
/// quotes that open after a space or a bracket (not an apostrophe).
pub(crate) fn quoted_spans(block: &Block) -> Vec<Range<usize>> {
    let text = &block.prose.text;
    if block.quote_depth > 0 {
        let whole = 0..text.len();
        return vec![whole];
    }
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (None, '‘') if prev.is_none_or(|p| p.is_whitespace() || "([{—–".contains(p)) => {
                open = Some((i, '’'));
            }
            (Some((start, close)), c) if c == close => {
                let next = text.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
                // A closing single quote is not an apostrophe inside a word ("don’t").
                if c != '’' || !next.is_some_and(char::is_alphanumeric) {
                    out.push(start..i + c.len_utf8());
                    open = None;
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}
