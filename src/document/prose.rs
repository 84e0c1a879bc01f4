//! The prose text of one block and its map back to source bytes.
//!
//! Rules search plain text ("the ministry said"), but report spans in the original file.
//! Markup (emphasis, links, escapes, entities, line breaks) makes the two differ, so every
//! piece of text remembers where it came from.

use std::ops::Range;

/// Stands in the text where a code span, math or an image was: not prose, but it keeps
/// the words on either side apart and the sentence intact.
pub const OBJECT: char = '\u{fffc}';

#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub text: String,
    segments: Vec<Segment>,
}

/// `text` (a range of the prose) came from `source` (a range of the file). When `exact`,
/// the two are the same bytes, so offsets inside map one to one; otherwise (an entity,
/// an escape, a line break, a code span) the segment maps as a whole.
#[derive(Debug, Clone)]
struct Segment {
    text: Range<usize>,
    source: Range<usize>,
    exact: bool,
}

impl Prose {
    pub(crate) fn push(&mut self, text: &str, source: Range<usize>, exact: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment {
            text: start..self.text.len(),
            source,
            exact,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The file bytes that a range of this prose text came from.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let (Some(first), Some(last)) = (self.segments.first(), self.segments.last()) else {
            return 0..0;
        };
        if range.start >= range.end {
            let at = self.map_start(range.start, first, last);
            return at..at;
        }
        let start = self.map_start(range.start, first, last);
        let end = self.map_end(range.end, first, last);
        start..end.max(start)
    }

    /// The file offset of one prose offset (as the start of a range).
    pub fn offset_to_source(&self, offset: usize) -> usize {
        self.to_source(offset..offset).start
    }

    fn segment_containing(&self, offset: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.text.end <= offset);
        self.segments.get(i)
    }

    fn map_start(&self, offset: usize, first: &Segment, last: &Segment) -> usize {
        match self.segment_containing(offset) {
            Some(seg) if seg.exact && offset >= seg.text.start => {
                seg.source.start + (offset - seg.text.start)
            }
            Some(seg) => seg.source.start,
            None if offset <= first.text.start => first.source.start,
            None => last.source.end,
        }
    }

    fn map_end(&self, end: usize, first: &Segment, last: &Segment) -> usize {
        // The segment holding the last byte of the range.
        match self.segment_containing(end.saturating_sub(1)) {
            Some(seg) if seg.exact && end >= seg.text.start => {
                (seg.source.start + (end - seg.text.start)).min(seg.source.end)
            }
            Some(seg) => seg.source.end,
            None if end <= first.text.start => first.source.start,
            None => last.source.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_segments_map_byte_for_byte() {
        // Source: "Some *bold* text" — prose "Some bold text".
        let mut p = Prose::default();
        p.push("Some ", 0..5, true);
        p.push("bold", 6..10, true);
        p.push(" text", 11..16, true);
        assert_eq!(p.text, "Some bold text");
        assert_eq!(p.to_source(5..9), 6..10);
        assert_eq!(p.to_source(0..14), 0..16);
        assert_eq!(p.to_source(10..14), 12..16);
    }

    #[test]
    fn inexact_segments_map_as_a_whole() {
        // Source: "AT&amp;T" — prose "AT&T".
        let mut p = Prose::default();
        p.push("AT", 0..2, true);
        p.push("&", 2..7, false);
        p.push("T", 7..8, true);
        assert_eq!(p.to_source(2..3), 2..7);
        assert_eq!(p.to_source(0..4), 0..8);
    }

    #[test]
    fn empty_prose_maps_to_nothing() {
        let p = Prose::default();
        assert_eq!(p.to_source(0..3), 0..0);
    }
}
