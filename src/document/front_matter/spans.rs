//! Positions inside the front matter content: clamped to char boundaries, shifted to
//! whole-file offsets, lines and blanks.

use std::ops::Range;

pub(super) fn byte_at(src: &str, index: usize) -> Option<u8> {
    src.as_bytes().get(index).copied()
}

/// The largest char boundary of `src` that is `<= index`.
pub(super) fn floor_boundary(src: &str, index: usize) -> usize {
    let mut index = index.min(src.len());
    while index > 0 && !src.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Clamps `range` into `src`, on char boundaries, and shifts it by `base`.
pub(super) fn absolute(src: &str, base: usize, range: Range<usize>) -> Range<usize> {
    let start = floor_boundary(src, range.start);
    let end = floor_boundary(src, range.end).max(start);
    base + start..base + end
}

/// A span covering the character at `at` (zero-length at a line break or at the end).
pub(super) fn point(src: &str, base: usize, at: usize) -> Range<usize> {
    let at = floor_boundary(src, at);
    let width = src
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(0, char::len_utf8);
    base + at..base + at + width
}

/// Start of the line after the one containing `from`.
pub(super) fn next_line_start(src: &str, from: usize) -> Option<usize> {
    let rest = src.get(from..)?;
    rest.find('\n').map(|newline| from + newline + 1)
}

/// End of the line containing `from`, excluding its `\r\n` or `\n`.
pub(super) fn line_content_end(src: &str, from: usize) -> usize {
    let mut end = src
        .get(from..)
        .and_then(|rest| rest.find('\n'))
        .map_or(src.len(), |newline| from + newline);
    if end > from && byte_at(src, end - 1) == Some(b'\r') {
        end -= 1;
    }
    end
}

/// `end` moved back over spaces, tabs and line breaks, but not before `start`.
pub(super) fn trim_blank_end(src: &str, start: usize, end: usize) -> usize {
    let mut end = end.min(src.len());
    while end > start && matches!(byte_at(src, end - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        end -= 1;
    }
    end
}

/// `from` moved forward over spaces and tabs, but not past `limit`.
pub(super) fn skip_blanks(src: &str, from: usize, limit: usize) -> usize {
    let mut pos = from;
    while pos < limit && matches!(byte_at(src, pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    pos
}
