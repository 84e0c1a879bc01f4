//! A checked file's text and the one place where byte offsets become lines and columns.
//!
//! Every span in copydesk is a byte range into the original file, BOM, CRLF and front
//! matter included. Only renderers turn offsets into `line:column`, and they all do it
//! here, so a position is computed the same way in every output format.

use std::path::Path;

use crate::error::Error;

/// The UTF-8 byte order mark. It is kept in the text (spans stay file offsets) but it is
/// not a character an editor sees, so it never counts as a column.
const BOM: &str = "\u{feff}";

/// One input: a display path (relative as given, or the `--stdin-filename`) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    lines: LineIndex,
}

impl Source {
    /// Bytes -> text, or an error that says what the bytes are instead: UTF-16 or UTF-32 (by
    /// their byte order mark), binary (a NUL byte), or not UTF-8 (the first invalid byte).
    pub fn decode(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Error> {
        let display: String = path.into();
        let wide = [
            (&[0xFF, 0xFE, 0x00, 0x00][..], "UTF-32 (little-endian)"),
            (&[0x00, 0x00, 0xFE, 0xFF][..], "UTF-32 (big-endian)"),
            (&[0xFF, 0xFE][..], "UTF-16 (little-endian)"),
            (&[0xFE, 0xFF][..], "UTF-16 (big-endian)"),
        ];
        if let Some((_, encoding)) = wide.iter().find(|(bom, _)| bytes.starts_with(bom)) {
            return Err(Error::WideEncoding {
                path: display.clone(),
                encoding,
            });
        }
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                path: display.clone(),
                offset,
                line: line_at(&bytes, offset),
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            Error::InvalidUtf8 {
                path: display.clone(),
                offset,
                line: line_at(e.as_bytes(), offset),
            }
        })?;
        Ok(Self::new(display, text))
    }

    pub fn new(path: impl Into<String>, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Where content starts: after a BOM, if any.
    pub fn content_start(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where a 0-based line starts (the end of the text past the last).
    pub fn line_start(&self, line: usize) -> usize {
        self.lines
            .starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Positions of many offsets in increasing order, in time proportional to the
    /// distance between them rather than to the length of their line: a paragraph that is
    /// one long line can hold thousands of findings.
    pub fn cursor(&self) -> PositionCursor<'_> {
        PositionCursor {
            source: self,
            last: None,
        }
    }

    /// Character offsets (see [`CharCursor`]) of many byte offsets, mostly increasing.
    pub fn char_cursor(&self) -> CharCursor<'_> {
        let start = self.content_start();
        CharCursor {
            source: self,
            last: (start, 0),
        }
    }
}

/// Counts Unicode scalar values (code points) from the start of the content to a byte
/// offset: the zero-based character offset of formats such as SARIF (`charOffset` with
/// `columnKind: unicodeCodePoints`). A BOM is not a character of the content, as it is
/// not a column. Offsets in increasing order cost the distance between them.
#[derive(Debug)]
pub struct CharCursor<'s> {
    source: &'s Source,
    /// The last byte offset asked for and its character offset.
    last: (usize, usize),
}

impl CharCursor<'_> {
    pub fn at(&mut self, offset: usize) -> usize {
        let text = &self.source.text;
        let content = self.source.content_start();
        let offset = floor_char_boundary(text, offset).max(content);
        let (from, count) = if offset >= self.last.0 {
            self.last
        } else {
            (content, 0)
        };
        let between = text.get(from..offset).map_or(0, |t| t.chars().count());
        self.last = (offset, count + between);
        count + between
    }
}

/// See [`Source::cursor`].
#[derive(Debug)]
pub struct PositionCursor<'s> {
    source: &'s Source,
    last: Option<(usize, Position)>,
}

impl PositionCursor<'_> {
    pub fn at(&mut self, offset: usize) -> Position {
        let text = &self.source.text;
        let offset = floor_char_boundary(text, offset);
        let position = match self.last {
            Some((from, p))
                if from <= offset
                    && from > 0
                    && self.source.line_of(offset) + 1 == p.line
                    && !text.get(from..offset).is_none_or(|t| t.ends_with('\r')) =>
            {
                let between = text.get(from..offset).unwrap_or("");
                Position {
                    line: p.line,
                    column: p.column + between.chars().count(),
                }
            }
            _ => self.source.position(offset),
        };
        self.last = Some((offset, position));
        position
    }
}

/// 1-based line and column; columns count characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets of the start of every line. A line ends at `\n`; a `\r` before it is part
/// of the line ending, so CRLF and LF files give the same positions.
#[derive(Debug, Clone)]
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        Self { starts }
    }

    fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        // The number of line starts at or before `offset` is the 1-based line.
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let mut start = self.starts.get(line - 1).copied().unwrap_or(0);
        if start == 0 && text.starts_with(BOM) && offset >= BOM.len() {
            start = BOM.len();
        }
        let before = text.get(start..offset).unwrap_or("");
        let mut column = before.chars().count() + 1;
        // The `\r` of a CRLF is part of the line ending, not a column of its own; any
        // other `\r` is a character like the rest.
        if before.ends_with('\r') && text.get(offset..).is_some_and(|t| t.starts_with('\n')) {
            column -= 1;
        }
        Position { line, column }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

/// The largest char boundary at or below `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Whether a path names a Markdown file (`.md`, `.markdown`, in any case).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The line (1-based) holding a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = Source::new("t.md", text.to_string()).position(offset);
        (p.line, p.column)
    }

    #[test]
    fn lf_positions() {
        let t = "ab\ncd\n";
        assert_eq!(pos(t, 0), (1, 1));
        assert_eq!(pos(t, 1), (1, 2));
        assert_eq!(pos(t, 2), (1, 3));
        assert_eq!(pos(t, 3), (2, 1));
        assert_eq!(pos(t, 6), (3, 1));
    }

    #[test]
    fn crlf_matches_lf() {
        let lf = "one\ntwo words\n";
        let crlf = "one\r\ntwo words\r\n";
        assert_eq!(pos(lf, lf.find("words").unwrap_or(0)), (2, 5));
        assert_eq!(pos(crlf, crlf.find("words").unwrap_or(0)), (2, 5));
        // The end of line one is column 4 in both.
        assert_eq!(pos(lf, 3), (1, 4));
        assert_eq!(pos(crlf, 4), (1, 4));
    }

    #[test]
    fn a_lone_carriage_return_is_a_column() {
        // Found by fuzzing: a position just after a lone `\r` lost a column.
        assert_eq!(pos("a\rb", 2), (1, 3));
        assert_eq!(pos("---\n\rr\n---", 5), (2, 2));
        // Only the `\r` of the CRLF is part of the line ending.
        assert_eq!(pos("a\r\r\n", 3), (1, 3));
        assert_eq!(pos("a\r\r\n", 2), (1, 3));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = "Azerbaijan’s war";
        assert_eq!(pos(t, t.find("war").unwrap_or(0)), (1, 14));
    }

    #[test]
    fn bom_is_not_a_column() {
        let t = "\u{feff}Hello";
        assert_eq!(pos(t, 3), (1, 1));
        assert_eq!(pos(t, 4), (1, 2));
        assert_eq!(pos(t, 0), (1, 1));
    }

    #[test]
    fn cursor_agrees_with_position() {
        let text = "\u{feff}ab é\r\ncd\rx\r\r\nlong line with words\r\n";
        let src = Source::new("t.md", text.to_string());
        let mut cursor = src.cursor();
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(cursor.at(offset), src.position(offset), "offset {offset}");
        }
        // Going back starts afresh.
        assert_eq!(cursor.at(1), src.position(1));
    }

    #[test]
    fn char_offsets_count_code_points_after_the_bom() {
        let text = "\u{feff}aé\r\n😀b";
        let src = Source::new("t.md", text.to_string());
        let mut cursor = src.char_cursor();
        let b = text.find('b').unwrap_or(0);
        assert_eq!(cursor.at(b), 5, "a é CR LF 😀");
        assert_eq!(cursor.at(3), 0, "the BOM is not counted");
        assert_eq!(cursor.at(0), 0);
        assert_eq!(cursor.at(b), 5, "going back and forth gives the same");
        assert_eq!(cursor.at(text.len()), 6);
    }

    #[test]
    fn offsets_inside_a_char_or_past_the_end_are_clamped() {
        let t = "é\n";
        assert_eq!(pos(t, 1), (1, 1));
        assert_eq!(pos(t, 99), (2, 1));
    }
}
