//! Front matter: detection and parsing of the metadata block at the top of an article.
//!
//! An article may open with a YAML block (`---` … `---` or `...`) or a TOML block
//! (`+++` … `+++`). [`detect`] finds that block, reports where the Markdown body begins, and
//! parses the block into its top-level [`Field`]s, in source order.
//!
//! # Why spans matter
//!
//! Editorial rules about metadata ("the headline is too long", "the byline is missing", "the
//! date is not ISO 8601") are reported against the article file itself, so every key and value
//! carries a byte range into the *whole file* text (not into the front matter alone). The
//! reporter uses those ranges to underline exactly the offending characters on the right line
//! and column, and fixes can replace exactly the value's source text. Spans are therefore always
//! absolute, on `char` boundaries, and inside [`FrontMatter::span`], whatever the input.
//!
//! # Robustness
//!
//! Nothing here panics. Broken front matter becomes a [`FrontMatterError`] whose span points at
//! the problem, and [`detect`] still returns where the body starts so the rest of the file can
//! be linted. An opening delimiter without a closing one (for example a Markdown file that
//! starts with a `---` thematic break) is reported as unterminated front matter, and the whole
//! file is then treated as Markdown.
//!
//! # Implementation notes
//!
//! - YAML is read with yaml-rust2's event parser. Its `Marker::index()` is not a byte offset
//!   (despite its doc comment it counts `char`s, and bytes inside block scalars), so markers
//!   are located by their line and column instead (see `MarkerMap`). Events are pulled one by
//!   one with `Parser::next_token` and handed to a `MarkedEventReceiver`, instead of calling
//!   `Parser::load`, which recurses once per nesting level and overflows the stack on deeply
//!   nested input. Values follow the YAML 1.2 core schema; nesting is limited to
//!   [`MAX_DEPTH`] levels and alias expansion to [`MAX_NODES`] nodes.
//! - The event parser reports where a scalar starts but not where it ends, so value spans are
//!   completed by a light scan of the source: through the closing quote for quoted scalars, to
//!   the end of the line minus trailing blanks and a ` #comment` for plain scalars, to the last
//!   content line for block scalars (`|`, `>`), and through the last child (or closing bracket)
//!   for lists and maps.
//! - TOML is read with `toml::de::DeTable`, whose spans are relative to the block and are shifted
//!   to whole-file offsets. Its tables are sorted by key, so fields are re-sorted by position.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting of lists and maps accepted in front matter.
const MAX_DEPTH: usize = 64;

/// Most nodes that YAML alias expansion may copy, against "billion laughs" input.
const MAX_NODES: usize = 100_000;

const NOT_A_MAPPING: &str = "front matter must be a list of `key: value` lines";
const TOO_DEEP: &str = "front matter is nested too deeply";
const ENDED_EARLY: &str = "front matter ended in the middle of a value";
const UNEXPECTED: &str = "unexpected YAML structure in front matter";

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delimited by `---` lines (closed by `---` or `...`).
    Yaml,
    /// Delimited by `+++` lines.
    Toml,
}

/// A parsed front matter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    /// YAML strings (quoted or plain), TOML strings.
    String(String),
    /// TOML datetimes and dates, in their TOML text form.
    Datetime(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// One top-level `key: value` (or `key = value`) entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    /// Byte range of the key in the whole file text.
    pub key_span: Range<usize>,
    pub value: Value,
    /// Byte range of the value's source text in the whole file: quotes included for quoted
    /// scalars, first to last byte for lists and maps, and a zero-length range right after the
    /// colon for an empty YAML value.
    pub value_span: Range<usize>,
}

/// Why front matter could not be parsed, and where (whole-file bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterError {
    pub message: String,
    pub span: Range<usize>,
}

/// A detected front matter block.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub format: Format,
    /// Delimiters included, through the closing delimiter line's newline. For unterminated front
    /// matter, the opening delimiter line.
    pub span: Range<usize>,
    /// Top-level fields in source order, or why they could not be read.
    pub fields: Result<Vec<Field>, FrontMatterError>,
}

impl FrontMatter {
    /// The first field named `key`; `None` when absent or when the front matter is broken.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields
            .as_ref()
            .ok()?
            .iter()
            .find(|field| field.key == key)
    }
}

/// Detects and parses the front matter of `text`, the whole file.
///
/// `start` is where content begins (3 when the file starts with a UTF-8 BOM, else 0). Returns
/// `None` when the file has no front matter, and `Some` with `fields: Err(..)` when front matter
/// is opened but broken. The second element is the byte offset where the Markdown body begins.
pub fn detect(text: &str, start: usize) -> Option<(FrontMatter, usize)> {
    let rest = text.get(start..)?;
    let (format, delimiter) = if rest.starts_with("---") {
        (Format::Yaml, "---")
    } else if rest.starts_with("+++") {
        (Format::Toml, "+++")
    } else {
        return None;
    };
    let newline = rest.find('\n')?;
    if !is_delimiter_line(rest.get(..newline)?, delimiter) {
        return None;
    }
    let content_start = start + newline + 1;

    let Some((close_start, close_end)) = find_closing_line(text, content_start, format) else {
        let error = FrontMatterError {
            message: format!(
                "front matter opened on line 1 is never closed: add a closing `{delimiter}` line"
            ),
            span: start..start + delimiter.len(),
        };
        let front_matter = FrontMatter {
            format,
            span: start..content_start,
            fields: Err(error),
        };
        return Some((front_matter, start));
    };

    let content = content_start..close_start;
    let fields = match format {
        Format::Yaml => parse_yaml(text, content),
        Format::Toml => parse_toml(text, content),
    };
    let front_matter = FrontMatter {
        format,
        span: start..close_end,
        fields,
    };
    Some((front_matter, close_end))
}

/// Whether `line` (without its `\n`) is `delimiter` followed only by spaces, tabs and a `\r`.
fn is_delimiter_line(line: &str, delimiter: &str) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.trim_end_matches([' ', '\t']) == delimiter
}

/// The first closing delimiter line at or after `from`: (start of the line, end of the line
/// including its line ending).
fn find_closing_line(text: &str, from: usize, format: Format) -> Option<(usize, usize)> {
    let mut pos = from;
    while pos < text.len() {
        let rest = text.get(pos..)?;
        let (line, next) = match rest.find('\n') {
            Some(newline) => (rest.get(..newline)?, pos + newline + 1),
            None => (rest, text.len()),
        };
        let closes = match format {
            Format::Yaml => is_delimiter_line(line, "---") || is_delimiter_line(line, "..."),
            Format::Toml => is_delimiter_line(line, "+++"),
        };
        if closes {
            return Some((pos, next));
        }
        pos = next;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Shared span helpers (positions relative to the front matter content `src`)
// ---------------------------------------------------------------------------------------------

fn byte_at(src: &str, index: usize) -> Option<u8> {
    src.as_bytes().get(index).copied()
}

/// The largest char boundary of `src` that is `<= index`.
fn floor_boundary(src: &str, index: usize) -> usize {
    let mut index = index.min(src.len());
    while index > 0 && !src.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Clamps `range` into `src`, on char boundaries, and shifts it by `base`.
fn absolute(src: &str, base: usize, range: Range<usize>) -> Range<usize> {
    let start = floor_boundary(src, range.start);
    let end = floor_boundary(src, range.end).max(start);
    base + start..base + end
}

/// A span covering the character at `at` (zero-length at a line break or at the end).
fn point(src: &str, base: usize, at: usize) -> Range<usize> {
    let at = floor_boundary(src, at);
    let width = src
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(0, char::len_utf8);
    base + at..base + at + width
}

/// Start of the line after the one containing `from`.
fn next_line_start(src: &str, from: usize) -> Option<usize> {
    let rest = src.get(from..)?;
    rest.find('\n').map(|newline| from + newline + 1)
}

/// End of the line containing `from`, excluding its `\r\n` or `\n`.
fn line_content_end(src: &str, from: usize) -> usize {
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
fn trim_blank_end(src: &str, start: usize, end: usize) -> usize {
    let mut end = end.min(src.len());
    while end > start && matches!(byte_at(src, end - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        end -= 1;
    }
    end
}

/// `from` moved forward over spaces and tabs, but not past `limit`.
fn skip_blanks(src: &str, from: usize, limit: usize) -> usize {
    let mut pos = from;
    while pos < limit && matches!(byte_at(src, pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    pos
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/// Converts yaml-rust2 markers to byte offsets.
///
/// `Marker::index()` is unusable for this: it counts `char`s, except on the content lines of
/// block scalars (`|`, `>`), where yaml-rust2 0.13 adds their length in bytes, so every later
/// index is off after non-ASCII text in a block scalar. The line and column are reliable (the
/// column is a `char` count reset at each line break; `\r\n`, `\n` and a lone `\r` each end a
/// line), so markers are located by line and column instead.
struct MarkerMap<'a> {
    src: &'a str,
    /// Byte offset where each line starts (line 1 first).
    line_starts: Vec<usize>,
    /// The last conversion (line, column, byte), to resume from on the same line.
    last: (usize, usize, usize),
}

impl<'a> MarkerMap<'a> {
    fn new(src: &'a str) -> Self {
        let mut line_starts = vec![0];
        let mut bytes = src.bytes().enumerate().peekable();
        while let Some((index, byte)) = bytes.next() {
            match byte {
                b'\r' if bytes.peek().is_some_and(|(_, next)| *next == b'\n') => {}
                b'\r' | b'\n' => line_starts.push(index + 1),
                _ => {}
            }
        }
        Self {
            src,
            line_starts,
            last: (0, 0, 0),
        }
    }

    /// Byte offset of `mark` in `src`, on a char boundary; the end of the line when the column
    /// is past it, the end of `src` when the line is.
    fn byte(&mut self, mark: Marker) -> usize {
        let line = mark.line().max(1);
        let col = mark.col();
        let (from_col, from_byte) = if self.last.0 == line && self.last.1 <= col {
            (self.last.1, self.last.2)
        } else {
            match self.line_starts.get(line - 1) {
                Some(start) => (0, *start),
                None => return self.src.len(),
            }
        };
        let mut byte = from_byte;
        let mut chars = self.src.get(from_byte..).unwrap_or("").chars();
        for _ in from_col..col {
            match chars.next() {
                Some(c) if c != '\r' && c != '\n' => byte += c.len_utf8(),
                _ => break,
            }
        }
        self.last = (line, col, byte);
        byte
    }
}

/// Collects parser events with the byte offsets of their markers.
struct EventLog<'a> {
    markers: MarkerMap<'a>,
    events: Vec<(Event, usize)>,
}

impl MarkedEventReceiver for EventLog<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let byte = self.markers.byte(mark);
        self.events.push((event, byte));
    }
}

/// Runs yaml-rust2 over `src`. Errors carry yaml-rust2's message and the byte offset of its
/// marker.
fn read_events(src: &str) -> Result<Vec<(Event, usize)>, (String, usize)> {
    // A generous bound on the number of events, so a parser bug cannot make us loop forever.
    let limit = src.len().saturating_mul(8).saturating_add(64);
    let outcome = std::panic::catch_unwind(|| {
        let mut parser = Parser::new_from_str(src);
        let mut log = EventLog {
            markers: MarkerMap::new(src),
            events: Vec::new(),
        };
        loop {
            match parser.next_token() {
                Ok((event, mark)) => {
                    let finished = event == Event::StreamEnd;
                    log.on_event(event, mark);
                    if finished {
                        return Ok(log.events);
                    }
                    if log.events.len() > limit {
                        let at = log.markers.byte(mark);
                        return Err(("front matter is too complex to read".to_owned(), at));
                    }
                }
                Err(error) => {
                    let at = log.markers.byte(*error.marker());
                    return Err((error.info().to_owned(), at));
                }
            }
        }
    });
    // yaml-rust2 has internal assertions; should one ever fire, report instead of crashing.
    outcome.unwrap_or_else(|_| Err(("front matter could not be read as YAML".to_owned(), 0)))
}

fn parse_yaml(text: &str, content: Range<usize>) -> Result<Vec<Field>, FrontMatterError> {
    let src = text.get(content.clone()).unwrap_or("");
    let base = content.start;
    match parse_yaml_src(src, base) {
        Err(e) if e.message.contains("invalid indentation") => parse_relaxed(src, base).ok_or(e),
        other => other,
    }
}

/// Jekyll and Hugo (libyaml, go-yaml) accept a multi-line quoted value whose continuation
/// lines start at column 0, which strict YAML 1.2 parsers reject. Indenting those lines by
/// one space gives the same values; spans are mapped back to the original bytes.
fn parse_relaxed(src: &str, base: usize) -> Option<Vec<Field>> {
    let mut relaxed = String::with_capacity(src.len() + 64);
    // Offsets in `relaxed` where a space was inserted, ascending.
    let mut inserted: Vec<usize> = Vec::new();
    for line in src.split_inclusive('\n') {
        let looks_like_key = line.split_once(':').is_some_and(|(k, rest)| {
            !k.is_empty()
                && !k.contains(' ')
                && (rest.starts_with([' ', '\t', '\r', '\n']) || rest.is_empty())
        });
        let continuation = !line.trim().is_empty()
            && !line.starts_with([' ', '\t', '#', '-', '[', '{'])
            && !looks_like_key;
        if continuation {
            inserted.push(relaxed.len());
            relaxed.push(' ');
        }
        relaxed.push_str(line);
    }
    if inserted.is_empty() {
        return None;
    }
    let back = |offset: usize| offset - inserted.partition_point(|&p| p < offset);
    let fields = parse_yaml_src(&relaxed, 0).ok()?;
    let remap = |r: &Range<usize>| (back(r.start) + base)..(back(r.end) + base);
    Some(
        fields
            .into_iter()
            .map(|f| Field {
                key_span: remap(&f.key_span),
                value_span: remap(&f.value_span),
                ..f
            })
            .collect(),
    )
}

fn parse_yaml_src(src: &str, base: usize) -> Result<Vec<Field>, FrontMatterError> {
    let events = read_events(src).map_err(|(message, at)| FrontMatterError {
        message,
        span: point(src, base, at),
    })?;
    let layout = Layout::new(src, &events);
    let mut builder = Builder {
        src,
        base,
        events: &events,
        layout: &layout,
        pos: 0,
        anchors: HashMap::new(),
        budget: MAX_NODES,
    };
    builder.document()
}

/// Source extent of each event: where the node it opens starts, and where the node it closes
/// (or the scalar it is) ends. Byte offsets into the front matter content.
struct Layout {
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Layout {
    fn new(src: &str, events: &[(Event, usize)]) -> Self {
        let mut starts = Vec::with_capacity(events.len());
        let mut ends: Vec<usize> = Vec::with_capacity(events.len());
        // For each open collection: (opened with `[` or `{`, inside a flow collection).
        let mut open: Vec<(bool, bool)> = Vec::new();
        for (index, (event, at)) in events.iter().enumerate() {
            let at = (*at).min(src.len());
            let next = events.get(index + 1).map(|(_, next)| *next);
            let bound = next.filter(|next| *next >= at).unwrap_or(src.len());
            let in_flow = open.last().is_some_and(|(_, flow)| *flow);
            let previous_end = ends.last().copied().unwrap_or(at);
            let (start, end) = match event {
                Event::Scalar(value, style, ..) => match style {
                    TScalarStyle::Plain if value.is_empty() => {
                        let at = empty_value_position(src, previous_end);
                        (at, at)
                    }
                    TScalarStyle::Plain => (at, plain_end(src, at, bound, in_flow, value)),
                    TScalarStyle::SingleQuoted => (at, quoted_end(src, at, bound, b'\'')),
                    TScalarStyle::DoubleQuoted => (at, quoted_end(src, at, bound, b'"')),
                    TScalarStyle::Literal | TScalarStyle::Folded => {
                        let header = block_header(src, at);
                        (header, block_end(src, header, bound))
                    }
                },
                Event::Alias(_) => (at, alias_end(src, at)),
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let bracket = matches!(byte_at(src, at), Some(b'[' | b'{'));
                    open.push((bracket, bracket || in_flow));
                    // A block mapping's marker sits on its first `:`; it starts at its first key.
                    let start = match event {
                        Event::MappingStart(..) => next.map_or(at, |next| next.min(at)),
                        _ => at,
                    };
                    (start, start)
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let closer = if *event == Event::SequenceEnd {
                        b']'
                    } else {
                        b'}'
                    };
                    let (bracket, _) = open.pop().unwrap_or((false, false));
                    if bracket && byte_at(src, at) == Some(closer) {
                        (at, at + 1)
                    } else {
                        (at, previous_end)
                    }
                }
                _ => (at, at),
            };
            starts.push(start);
            ends.push(end);
        }
        Self { starts, ends }
    }
}

/// Where an empty value sits: right after the `:` that follows `key_end`, if there is one.
fn empty_value_position(src: &str, key_end: usize) -> usize {
    let mut pos = key_end;
    while matches!(byte_at(src, pos), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        pos += 1;
    }
    if byte_at(src, pos) == Some(b':') {
        pos + 1
    } else {
        key_end
    }
}

/// End of the part of a plain scalar that lies on the line of `from`, and whether it stopped at
/// a comment, a `: ` indicator or a flow indicator (rather than at the end of the line).
fn plain_line_end(src: &str, from: usize, limit: usize, in_flow: bool) -> (usize, bool) {
    let mut pos = from;
    while pos < limit {
        let Some(byte) = byte_at(src, pos) else {
            break;
        };
        let stops = match byte {
            b'\n' | b'\r' => return (trim_blank_end(src, from, pos), false),
            b'#' => pos > from && matches!(byte_at(src, pos - 1), Some(b' ' | b'\t')),
            b':' => match byte_at(src, pos + 1) {
                None | Some(b' ' | b'\t' | b'\r' | b'\n') => true,
                Some(b',' | b'[' | b']' | b'{' | b'}') => in_flow,
                Some(_) => false,
            },
            b',' | b'[' | b']' | b'{' | b'}' => in_flow,
            _ => false,
        };
        if stops {
            return (trim_blank_end(src, from, pos), true);
        }
        pos += 1;
    }
    (trim_blank_end(src, from, pos), false)
}

/// Whether `text` holds nothing but block indicators (`-`, `?`, `:`) and blanks.
fn is_only_indicators(text: &str) -> bool {
    text.bytes()
        .all(|byte| matches!(byte, b'-' | b'?' | b':' | b' ' | b'\t'))
}

/// End of a plain scalar starting at `start`, whose decoded text is `value`.
fn plain_end(src: &str, start: usize, bound: usize, in_flow: bool, value: &str) -> usize {
    let bound = bound.clamp(start, src.len());
    let (mut end, stopped) = plain_line_end(src, start, bound, in_flow);
    if stopped || src.get(start..end) == Some(value) {
        return end;
    }
    // A plain scalar folded over several lines: take the continuation lines before `bound`.
    let mut line = next_line_start(src, start);
    while let Some(line_start) = line {
        if line_start >= bound {
            break;
        }
        let line_end = line_content_end(src, line_start).min(bound);
        let content = skip_blanks(src, line_start, line_end);
        if content < line_end {
            let rest = src.get(content..line_end).unwrap_or("");
            // A comment ends the scalar; so does the indicator of the next node (`- `, `? `,
            // `: `) on the line where that node starts.
            if rest.starts_with('#') || (line_end == bound && is_only_indicators(rest)) {
                break;
            }
            let (content_end, stopped) = plain_line_end(src, content, bound, in_flow);
            if content_end == content {
                break;
            }
            end = content_end;
            if stopped {
                break;
            }
        }
        line = next_line_start(src, line_start);
    }
    end
}

/// End (after the closing quote) of a quoted scalar starting at `start`.
fn quoted_end(src: &str, start: usize, bound: usize, quote: u8) -> usize {
    if byte_at(src, start) != Some(quote) {
        return trim_blank_end(src, start, bound.max(start));
    }
    let mut pos = start + 1;
    while let Some(byte) = byte_at(src, pos) {
        if quote == b'"' && byte == b'\\' {
            // Skip the escaped byte; continuation bytes of a multi-byte char never match below.
            pos += 2;
        } else if byte == quote {
            if quote == b'\'' && byte_at(src, pos + 1) == Some(b'\'') {
                pos += 2;
            } else {
                return pos + 1;
            }
        } else {
            pos += 1;
        }
    }
    trim_blank_end(src, start, bound.max(start))
}

/// End of an alias (`*name`) starting at `start`.
fn alias_end(src: &str, start: usize) -> usize {
    let mut pos = start + 1;
    while let Some(byte) = byte_at(src, pos) {
        if matches!(
            byte,
            b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
        ) {
            break;
        }
        pos += 1;
    }
    pos.min(src.len())
}

/// Position of the `|` or `>` header of a block scalar whose content starts at `content`.
fn block_header(src: &str, content: usize) -> usize {
    let mut line_end = content;
    loop {
        let line_start = src
            .get(..line_end)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |newline| newline + 1);
        let line = src.get(line_start..line_end).unwrap_or("");
        let mut previous = b' ';
        for (offset, byte) in line.bytes().enumerate() {
            if matches!(byte, b'|' | b'>') && matches!(previous, b' ' | b'\t') {
                return line_start + offset;
            }
            previous = byte;
        }
        if !line.trim().is_empty() || line_start == 0 {
            return content;
        }
        line_end = line_start - 1;
    }
}

/// End of a block scalar whose header is at `header`: the end of its last content line.
fn block_end(src: &str, header: usize, bound: usize) -> usize {
    let header_line = src
        .get(..header)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let header_indent = skip_blanks(src, header_line, header) - header_line;
    let mut end = header;
    while matches!(byte_at(src, end), Some(byte) if !matches!(byte, b' ' | b'\t' | b'\r' | b'\n')) {
        end += 1;
    }
    let mut content_indent = None;
    let mut line = next_line_start(src, header);
    while let Some(line_start) = line {
        if line_start >= bound {
            break;
        }
        let line_end = line_content_end(src, line_start);
        let is_blank = src
            .get(line_start..line_end)
            .is_none_or(|line| line.trim().is_empty());
        if !is_blank {
            let indent = src.get(line_start..line_end).map_or(0, |line| {
                line.bytes().take_while(|byte| *byte == b' ').count()
            });
            match content_indent {
                None if indent > header_indent => content_indent = Some(indent),
                Some(required) if indent >= required => {}
                _ => break,
            }
            end = trim_blank_end(src, line_start, line_end);
        }
        line = next_line_start(src, line_start);
    }
    end
}

/// A built YAML node.
struct Node {
    value: Value,
    /// The text to use when the node is a mapping key.
    key: Option<String>,
    /// Number of nodes in `value`, for the alias expansion budget.
    size: usize,
}

struct Builder<'a> {
    src: &'a str,
    base: usize,
    events: &'a [(Event, usize)],
    layout: &'a Layout,
    pos: usize,
    anchors: HashMap<usize, (Value, usize)>,
    budget: usize,
}

impl Builder<'_> {
    fn peek(&self) -> Option<&Event> {
        self.events.get(self.pos).map(|(event, _)| event)
    }

    fn start_of(&self, index: usize) -> usize {
        self.layout
            .starts
            .get(index)
            .copied()
            .unwrap_or(self.src.len())
    }

    fn error(&self, message: &str, at: usize) -> FrontMatterError {
        FrontMatterError {
            message: message.to_owned(),
            span: point(self.src, self.base, at),
        }
    }

    /// Whole-file span of the node made of events `first..=last`.
    fn span(&self, first: usize, last: usize) -> Range<usize> {
        let start = self.start_of(first);
        let end = self.layout.ends.get(last).copied().unwrap_or(start);
        absolute(self.src, self.base, start..end.max(start))
    }

    fn document(&mut self) -> Result<Vec<Field>, FrontMatterError> {
        if self.peek() == Some(&Event::StreamStart) {
            self.pos += 1;
        }
        match self.peek() {
            None | Some(Event::StreamEnd) => return Ok(Vec::new()),
            Some(Event::DocumentStart) => self.pos += 1,
            Some(_) => return Err(self.error(UNEXPECTED, self.start_of(self.pos))),
        }
        let fields = match self.peek() {
            Some(Event::MappingStart(..)) => self.top_mapping()?,
            Some(Event::Scalar(text, TScalarStyle::Plain, ..)) if text.is_empty() => {
                self.pos += 1;
                Vec::new()
            }
            _ => return Err(self.error(NOT_A_MAPPING, self.start_of(self.pos))),
        };
        if self.peek() == Some(&Event::DocumentEnd) {
            self.pos += 1;
        }
        match self.peek() {
            None | Some(Event::StreamEnd) => Ok(fields),
            Some(Event::DocumentStart) => Err(self.error(
                "front matter must be a single YAML document: remove the extra `---` line",
                self.start_of(self.pos),
            )),
            Some(_) => Err(self.error(UNEXPECTED, self.start_of(self.pos))),
        }
    }

    /// The top-level mapping, as fields with spans. `self.pos` is at its `MappingStart`.
    fn top_mapping(&mut self) -> Result<Vec<Field>, FrontMatterError> {
        self.pos += 1;
        let mut fields = Vec::new();
        loop {
            match self.peek() {
                Some(Event::MappingEnd) => {
                    self.pos += 1;
                    return Ok(fields);
                }
                Some(_) => {}
                None => return Err(self.error(ENDED_EARLY, self.src.len())),
            }
            let key_first = self.pos;
            let key = self.node(1)?;
            let key_last = self.pos.saturating_sub(1);
            let key = self.key_text(key, key_first)?;
            let value_first = self.pos;
            let value = self.node(1)?;
            let value_last = self.pos.saturating_sub(1);
            fields.push(Field {
                key,
                key_span: self.span(key_first, key_last),
                value: value.value,
                value_span: self.span(value_first, value_last),
            });
        }
    }

    fn key_text(&self, key: Node, index: usize) -> Result<String, FrontMatterError> {
        key.key.ok_or_else(|| {
            self.error(
                "front matter keys must be plain text, not lists or maps",
                self.start_of(index),
            )
        })
    }

    fn remember(&mut self, anchor: usize, value: &Value, size: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
    }

    /// Builds the node starting at `self.pos`, at nesting `depth`.
    fn node(&mut self, depth: usize) -> Result<Node, FrontMatterError> {
        let events = self.events;
        let index = self.pos;
        let Some((event, _)) = events.get(index) else {
            return Err(self.error(ENDED_EARLY, self.src.len()));
        };
        self.pos += 1;
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar_value(text, *style, tag.as_ref());
                self.remember(*anchor, &value, 1);
                Ok(Node {
                    value,
                    key: Some(text.clone()),
                    size: 1,
                })
            }
            Event::Alias(id) => {
                let (value, size) = match self.anchors.get(id) {
                    Some((value, size)) if *size <= self.budget => (value.clone(), *size),
                    _ => (Value::Null, 1),
                };
                self.budget = self.budget.saturating_sub(size);
                let key = scalar_text(&value);
                Ok(Node { value, key, size })
            }
            Event::SequenceStart(anchor, _) => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(TOO_DEEP, self.start_of(index)));
                }
                let mut items = Vec::new();
                let mut size = 1usize;
                loop {
                    match self.peek() {
                        Some(Event::SequenceEnd) => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => {
                            let item = self.node(depth + 1)?;
                            size = size.saturating_add(item.size);
                            items.push(item.value);
                        }
                        None => return Err(self.error(ENDED_EARLY, self.src.len())),
                    }
                }
                let value = Value::List(items);
                self.remember(*anchor, &value, size);
                Ok(Node {
                    value,
                    key: None,
                    size,
                })
            }
            Event::MappingStart(anchor, _) => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(TOO_DEEP, self.start_of(index)));
                }
                let mut entries = Vec::new();
                let mut size = 1usize;
                loop {
                    match self.peek() {
                        Some(Event::MappingEnd) => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => {
                            let key_index = self.pos;
                            let key = self.node(depth + 1)?;
                            let key = self.key_text(key, key_index)?;
                            let value = self.node(depth + 1)?;
                            size = size.saturating_add(value.size).saturating_add(1);
                            entries.push((key, value.value));
                        }
                        None => return Err(self.error(ENDED_EARLY, self.src.len())),
                    }
                }
                let value = Value::Map(entries);
                self.remember(*anchor, &value, size);
                Ok(Node {
                    value,
                    key: None,
                    size,
                })
            }
            _ => Err(self.error(UNEXPECTED, self.start_of(index))),
        }
    }
}

/// The text of a scalar value, for use as a mapping key.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Integer(number) => Some(number.to_string()),
        Value::Float(number) => Some(number.to_string()),
        Value::String(text) | Value::Datetime(text) => Some(text.clone()),
        Value::List(_) | Value::Map(_) => None,
    }
}

/// A YAML scalar under the YAML 1.2 core schema.
fn scalar_value(text: &str, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    let string = || Value::String(text.to_owned());
    if let Some(tag) = tag
        && (tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!")
    {
        match tag.suffix.as_str() {
            "str" => return string(),
            "null" => return Value::Null,
            "bool" => return parse_bool(text).map_or_else(string, Value::Bool),
            "int" => return parse_int(text).map_or_else(string, Value::Integer),
            "float" => return parse_float(text).map_or_else(string, Value::Float),
            _ => {}
        }
    }
    if style != TScalarStyle::Plain {
        return string();
    }
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Value::Null;
    }
    if let Some(flag) = parse_bool(text) {
        return Value::Bool(flag);
    }
    if is_core_int(text) {
        // An integer too large for i64 keeps its text rather than losing precision.
        return parse_int(text).map_or_else(string, Value::Integer);
    }
    parse_float(text).map_or_else(string, Value::Float)
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn all_digits(text: &str, radix: u32) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_digit(radix))
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
fn is_core_int(text: &str) -> bool {
    if let Some(digits) = text.strip_prefix("0o") {
        return all_digits(digits, 8);
    }
    if let Some(digits) = text.strip_prefix("0x") {
        return all_digits(digits, 16);
    }
    all_digits(text.strip_prefix(['-', '+']).unwrap_or(text), 10)
}

fn parse_int(text: &str) -> Option<i64> {
    if !is_core_int(text) {
        return None;
    }
    if let Some(digits) = text.strip_prefix("0o") {
        return i64::from_str_radix(digits, 8).ok();
    }
    if let Some(digits) = text.strip_prefix("0x") {
        return i64::from_str_radix(digits, 16).ok();
    }
    text.parse().ok()
}

/// Number of leading ASCII digits of `bytes`.
fn leading_digits(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` or `\.nan`.
fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    let bytes = unsigned.as_bytes();
    let integer = leading_digits(bytes);
    let mut pos = integer;
    let mut fraction = 0;
    if byte_at(unsigned, pos) == Some(b'.') {
        fraction = leading_digits(bytes.get(pos + 1..).unwrap_or_default());
        pos += 1 + fraction;
    }
    if integer == 0 && fraction == 0 {
        return None;
    }
    if matches!(byte_at(unsigned, pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(byte_at(unsigned, pos), Some(b'-' | b'+')) {
            pos += 1;
        }
        let exponent = leading_digits(bytes.get(pos..).unwrap_or_default());
        if exponent == 0 {
            return None;
        }
        pos += exponent;
    }
    if pos != bytes.len() {
        return None;
    }
    text.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// TOML
// ---------------------------------------------------------------------------------------------

type TomlItem<'i> = toml::Spanned<DeValue<'i>>;

fn parse_toml(text: &str, content: Range<usize>) -> Result<Vec<Field>, FrontMatterError> {
    let src = text.get(content.clone()).unwrap_or("");
    let base = content.start;
    let table = DeTable::parse(src).map_err(|error| FrontMatterError {
        message: error.message().to_owned(),
        span: absolute(src, base, error.span().unwrap_or(0..0)),
    })?;
    let mut fields = Vec::new();
    for (key, item) in table.get_ref().iter() {
        let value_span = absolute(src, base, toml_extent(item, 1));
        let Some(value) = toml_value(item.get_ref(), 1) else {
            return Err(FrontMatterError {
                message: TOO_DEEP.to_owned(),
                span: value_span,
            });
        };
        fields.push(Field {
            key: key.get_ref().to_string(),
            key_span: absolute(src, base, key.span()),
            value,
            value_span,
        });
    }
    fields.sort_by_key(|field| field.key_span.start);
    Ok(fields)
}

/// Span of a TOML value together with everything nested in it, so that a `[table]` covers its
/// header and its entries, and a dotted key `a.b = 1` covers the whole line.
fn toml_extent(item: &TomlItem<'_>, depth: usize) -> Range<usize> {
    let mut extent = item.span();
    let mut include = |span: Range<usize>| {
        extent.start = extent.start.min(span.start);
        extent.end = extent.end.max(span.end);
    };
    if depth < MAX_DEPTH {
        match item.get_ref() {
            DeValue::Array(items) => {
                for child in items.iter() {
                    include(toml_extent(child, depth + 1));
                }
            }
            DeValue::Table(table) => {
                for (key, child) in table.iter() {
                    include(key.span());
                    include(toml_extent(child, depth + 1));
                }
            }
            _ => {}
        }
    }
    extent
}

/// Converts a TOML value; `None` when nested deeper than [`MAX_DEPTH`].
fn toml_value(value: &DeValue<'_>, depth: usize) -> Option<Value> {
    Some(match value {
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Integer(number) => {
            let radix = number.radix();
            (2..=36)
                .contains(&radix)
                .then(|| i64::from_str_radix(number.as_str(), radix).ok())
                .flatten()
                .map_or_else(|| Value::String(number.to_string()), Value::Integer)
        }
        DeValue::Float(number) => number
            .as_str()
            .parse()
            .map_or_else(|_| Value::String(number.to_string()), Value::Float),
        DeValue::Boolean(flag) => Value::Bool(*flag),
        DeValue::Datetime(datetime) => Value::Datetime(datetime.to_string()),
        DeValue::Array(items) => {
            if depth >= MAX_DEPTH {
                return None;
            }
            let items = items
                .iter()
                .map(|item| toml_value(item.get_ref(), depth + 1))
                .collect::<Option<Vec<_>>>()?;
            Value::List(items)
        }
        DeValue::Table(table) => {
            if depth >= MAX_DEPTH {
                return None;
            }
            let mut entries = Vec::new();
            for (key, item) in table.iter() {
                let value = toml_value(item.get_ref(), depth + 1)?;
                entries.push((key.span().start, key.get_ref().to_string(), value));
            }
            entries.sort_by_key(|(position, _, _)| *position);
            Value::Map(
                entries
                    .into_iter()
                    .map(|(_, key, value)| (key, value))
                    .collect(),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Detects front matter and checks the span invariants that every result must satisfy.
    fn detect_checked(text: &str, start: usize) -> Option<(FrontMatter, usize)> {
        let result = detect(text, start);
        if let Some((front_matter, body)) = &result {
            check_invariants(text, start, front_matter, *body);
        }
        result
    }

    fn check_span(text: &str, outer: &Range<usize>, span: &Range<usize>, what: &str) {
        assert!(
            span.start <= span.end,
            "{what} {span:?} is reversed in {text:?}"
        );
        assert!(
            outer.start <= span.start && span.end <= outer.end,
            "{what} {span:?} is outside {outer:?} in {text:?}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{what} {span:?} is not on char boundaries in {text:?}"
        );
    }

    fn check_invariants(text: &str, start: usize, front_matter: &FrontMatter, body: usize) {
        let span = &front_matter.span;
        assert_eq!(span.start, start, "front matter must start at `start`");
        check_span(text, &(0..text.len()), span, "front matter span");
        assert!(
            body == span.end || body == start,
            "body {body} for {span:?}"
        );
        assert!(body <= text.len());
        match &front_matter.fields {
            Ok(fields) => {
                for field in fields {
                    check_span(text, span, &field.key_span, "key span");
                    check_span(text, span, &field.value_span, "value span");
                }
            }
            Err(error) => {
                check_span(text, span, &error.span, "error span");
                assert!(!error.message.is_empty());
            }
        }
    }

    fn expect_fields(front_matter: &FrontMatter) -> &[Field] {
        match &front_matter.fields {
            Ok(fields) => fields,
            Err(error) => panic!("unexpected error: {error:?}"),
        }
    }

    fn expect_error(front_matter: &FrontMatter) -> &FrontMatterError {
        match &front_matter.fields {
            Ok(fields) => panic!("expected an error, got {fields:?}"),
            Err(error) => error,
        }
    }

    fn key_text<'t>(text: &'t str, field: &Field) -> &'t str {
        &text[field.key_span.clone()]
    }

    fn value_text<'t>(text: &'t str, field: &Field) -> &'t str {
        &text[field.value_span.clone()]
    }

    fn string(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    #[test]
    fn yaml_typical_article() {
        let text = "---\n\
                    title: \"Quoted\"\n\
                    author: Jane Doe\n\
                    date: 2023-11-13\n\
                    section: Opinion\n\
                    editor: 'Sam O''Neil'\n\
                    ---\n\
                    # The body\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(fm.format, Format::Yaml);
        assert_eq!(body, text.find("# The body").unwrap());
        assert_eq!(fm.span, 0..body);
        let fields = expect_fields(&fm);
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["title", "author", "date", "section", "editor"]);
        for field in fields {
            assert_eq!(key_text(text, field), field.key);
        }

        let title = fm.get("title").unwrap();
        assert_eq!(title.value, string("Quoted"));
        assert_eq!(value_text(text, title), "\"Quoted\"");
        assert_eq!(title.key_span, 4..9);

        let author = fm.get("author").unwrap();
        assert_eq!(author.value, string("Jane Doe"));
        assert_eq!(value_text(text, author), "Jane Doe");

        let date = fm.get("date").unwrap();
        assert_eq!(date.value, string("2023-11-13"));
        assert_eq!(value_text(text, date), "2023-11-13");

        let section = fm.get("section").unwrap();
        assert_eq!(section.value, string("Opinion"));
        assert_eq!(value_text(text, section), "Opinion");

        let editor = fm.get("editor").unwrap();
        assert_eq!(editor.value, string("Sam O'Neil"));
        assert_eq!(value_text(text, editor), "'Sam O''Neil'");

        assert!(fm.get("missing").is_none());
    }

    #[test]
    fn yaml_crlf() {
        let text = "---\r\ntitle: Hello world  \r\nauthor: \"A \\\"B\\\" C\"\r\n---\r\nBody\r\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(&text[body..], "Body\r\n");
        assert_eq!(fm.span, 0..body);
        let title = fm.get("title").unwrap();
        assert_eq!(title.value, string("Hello world"));
        assert_eq!(value_text(text, title), "Hello world");
        let author = fm.get("author").unwrap();
        assert_eq!(author.value, string("A \"B\" C"));
        assert_eq!(value_text(text, author), "\"A \\\"B\\\" C\"");
        assert_eq!(key_text(text, author), "author");
    }

    #[test]
    fn bom_start() {
        let text = "\u{feff}---\ntitle: Après\n---\nBody\n";
        assert_eq!(text.find("---"), Some(3));
        let (fm, body) = detect_checked(text, 3).unwrap();
        assert_eq!(fm.span.start, 3);
        assert_eq!(&text[body..], "Body\n");
        let title = fm.get("title").unwrap();
        assert_eq!(value_text(text, title), "Après");
        assert_eq!(title.key_span, 7..12);
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\n\
                    title = \"Azerbaijan’s peace – talks\"\n\
                    date = 2023-11-13\n\
                    published = 1979-05-27T07:32:00Z\n\
                    draft = false\n\
                    words = 1_200\n\
                    score = 4.5\n\
                    tags = [\"politics\", \"caucasus\"] # trailing comment\n\
                    +++\n\
                    Body\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(&text[body..], "Body\n");
        let fields = expect_fields(&fm);
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "title",
                "date",
                "published",
                "draft",
                "words",
                "score",
                "tags"
            ]
        );
        let title = fm.get("title").unwrap();
        assert_eq!(title.value, string("Azerbaijan’s peace – talks"));
        assert_eq!(value_text(text, title), "\"Azerbaijan’s peace – talks\"");
        let date = fm.get("date").unwrap();
        assert_eq!(date.value, Value::Datetime("2023-11-13".to_owned()));
        assert_eq!(value_text(text, date), "2023-11-13");
        assert_eq!(key_text(text, date), "date");
        assert_eq!(
            fm.get("published").unwrap().value,
            Value::Datetime("1979-05-27T07:32:00Z".to_owned())
        );
        assert_eq!(fm.get("draft").unwrap().value, Value::Bool(false));
        assert_eq!(fm.get("words").unwrap().value, Value::Integer(1200));
        assert_eq!(fm.get("score").unwrap().value, Value::Float(4.5));
        let tags = fm.get("tags").unwrap();
        assert_eq!(
            tags.value,
            Value::List(vec![string("politics"), string("caucasus")])
        );
        assert_eq!(value_text(text, tags), "[\"politics\", \"caucasus\"]");
    }

    #[test]
    fn toml_tables_keep_source_order_and_cover_their_entries() {
        let text =
            "+++\nzeta = 1\nalpha.beta = 2\n\n[author]\nname = \"Zoë\"\nrole = \"editor\"\n+++\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let fields = expect_fields(&fm);
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["zeta", "alpha", "author"]);
        let alpha = fm.get("alpha").unwrap();
        assert_eq!(
            alpha.value,
            Value::Map(vec![("beta".to_owned(), Value::Integer(2))])
        );
        assert_eq!(value_text(text, alpha), "alpha.beta = 2");
        let author = fm.get("author").unwrap();
        assert_eq!(key_text(text, author), "author");
        assert_eq!(
            value_text(text, author),
            "[author]\nname = \"Zoë\"\nrole = \"editor\""
        );
        assert_eq!(
            author.value,
            Value::Map(vec![
                ("name".to_owned(), string("Zoë")),
                ("role".to_owned(), string("editor")),
            ])
        );
    }

    #[test]
    fn unterminated_yaml() {
        let text = "---\ntitle: Never closed\n\nSome text.\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(body, 0);
        assert_eq!(fm.span, 0..4);
        let error = expect_error(&fm);
        assert_eq!(
            error.message,
            "front matter opened on line 1 is never closed: add a closing `---` line"
        );
        assert_eq!(error.span, 0..3);
        assert!(fm.get("title").is_none());
    }

    #[test]
    fn unterminated_markdown_thematic_break_and_toml() {
        // markdownlint-style file that opens with a thematic break.
        let text = "---\n# Title\n\nA paragraph.\n\n***\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(body, 0);
        assert!(expect_error(&fm).message.contains("never closed"));

        let text = "\u{feff}+++\ntitle = \"x\"\n";
        let (fm, body) = detect_checked(text, 3).unwrap();
        assert_eq!(body, 3);
        assert_eq!(fm.format, Format::Toml);
        let error = expect_error(&fm);
        assert_eq!(
            error.message,
            "front matter opened on line 1 is never closed: add a closing `+++` line"
        );
        assert_eq!(error.span, 3..6);

        // `+++` does not close YAML, `---` does not close TOML.
        let (fm, _) = detect_checked("---\na: 1\n+++\n", 0).unwrap();
        assert!(fm.fields.is_err());
        let (fm, _) = detect_checked("+++\na = 1\n---\n", 0).unwrap();
        assert!(fm.fields.is_err());
    }

    #[test]
    fn invalid_yaml_unclosed_quote() {
        let text = "---\ntitle: \"Unclosed\nauthor: Jane\n---\nBody\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(&text[body..], "Body\n");
        let error = expect_error(&fm);
        assert!(error.message.contains("quoted scalar"), "{error:?}");
        // On the `title` line or after it, but inside the front matter.
        assert!(error.span.start >= text.find("title").unwrap(), "{error:?}");
        assert!(error.span.end <= fm.span.end);
    }

    #[test]
    fn invalid_yaml_error_points_at_the_problem() {
        let text = "---\ntitle: ok\n  bad: indentation: here\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let error = expect_error(&fm);
        let line_start = text.find("  bad").unwrap();
        assert!(
            (line_start..line_start + 25).contains(&error.span.start),
            "{error:?}"
        );
    }

    #[test]
    fn invalid_toml() {
        let text = "+++\ntitle = \"ok\"\ndate = \n+++\nBody\n";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(&text[body..], "Body\n");
        let error = expect_error(&fm);
        assert!(!error.message.is_empty());
        let line = text.find("date").unwrap();
        assert!(error.span.start >= line, "{error:?}");

        let text = "+++\na = 1\na = 2\n+++\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let error = expect_error(&fm);
        assert_eq!(error.message, "duplicate key");
        assert_eq!(&text[error.span.clone()], "a");
        assert_eq!(error.span.start, 10);
    }

    #[test]
    fn empty_front_matter() {
        for (text, body) in [
            ("---\n---\n", 8),
            ("---\n---", 7),
            ("---\n...\nBody", 8),
            ("+++\n+++\n", 8),
            ("---\n\n# only a comment\n---\n", 26),
        ] {
            let (fm, start) = detect_checked(text, 0).unwrap();
            assert_eq!(fm.fields, Ok(Vec::new()), "{text:?}");
            assert_eq!(start, body, "{text:?}");
            assert_eq!(fm.span, 0..body);
        }
    }

    #[test]
    fn top_level_list_or_scalar_is_an_error() {
        let text = "---\n- a\n- b\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let error = expect_error(&fm);
        assert_eq!(
            error.message,
            "front matter must be a list of `key: value` lines"
        );
        assert_eq!(error.span, 4..5);

        let (fm, _) = detect_checked("---\njust some words\n---\n", 0).unwrap();
        assert_eq!(expect_error(&fm).span.start, 4);
    }

    #[test]
    fn non_ascii_keys_and_values() {
        let text = "---\n\
                    title: \"Azerbaijan’s peace – talks\"\n\
                    auteur: Zoë Ångström # signé\n\
                    résumé: 'Ça va — très bien'\n\
                    🙂: emoji\n\
                    after: ok\n\
                    ---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let title = fm.get("title").unwrap();
        assert_eq!(value_text(text, title), "\"Azerbaijan’s peace – talks\"");
        assert_eq!(title.value, string("Azerbaijan’s peace – talks"));
        let auteur = fm.get("auteur").unwrap();
        assert_eq!(key_text(text, auteur), "auteur");
        assert_eq!(value_text(text, auteur), "Zoë Ångström");
        let resume = fm.get("résumé").unwrap();
        assert_eq!(key_text(text, resume), "résumé");
        assert_eq!(value_text(text, resume), "'Ça va — très bien'");
        let emoji = fm.get("🙂").unwrap();
        assert_eq!(key_text(text, emoji), "🙂");
        assert_eq!(value_text(text, emoji), "emoji");
        let after = fm.get("after").unwrap();
        assert_eq!(key_text(text, after), "after");
        assert_eq!(value_text(text, after), "ok");
    }

    #[test]
    fn comments_are_not_part_of_values() {
        let text = "---\n\
                    # leading comment\n\
                    title: Plain value   # a comment\n\
                    hash: C# is not a comment\n\
                    quoted: \"# inside quotes\" # outside\n\
                    \n\
                    # trailing comment\n\
                    last: 1 #c\n\
                    ---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let title = fm.get("title").unwrap();
        assert_eq!(value_text(text, title), "Plain value");
        let hash = fm.get("hash").unwrap();
        assert_eq!(value_text(text, hash), "C# is not a comment");
        assert_eq!(hash.value, string("C# is not a comment"));
        let quoted = fm.get("quoted").unwrap();
        assert_eq!(value_text(text, quoted), "\"# inside quotes\"");
        let last = fm.get("last").unwrap();
        assert_eq!(value_text(text, last), "1");
        assert_eq!(last.value, Value::Integer(1));
    }

    #[test]
    fn list_values() {
        let text = "---\n\
                    tags: [a, b]\n\
                    topics:\n  - x\n  - \"y\" # why\n\
                    # between\n\
                    next: [ ]\n\
                    inline: {k: v, n: [1, 2]}\n\
                    ---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let tags = fm.get("tags").unwrap();
        assert_eq!(tags.value, Value::List(vec![string("a"), string("b")]));
        assert_eq!(value_text(text, tags), "[a, b]");
        let topics = fm.get("topics").unwrap();
        assert_eq!(topics.value, Value::List(vec![string("x"), string("y")]));
        assert_eq!(value_text(text, topics), "- x\n  - \"y\"");
        let next = fm.get("next").unwrap();
        assert_eq!(next.value, Value::List(Vec::new()));
        assert_eq!(value_text(text, next), "[ ]");
        let inline = fm.get("inline").unwrap();
        assert_eq!(value_text(text, inline), "{k: v, n: [1, 2]}");
        assert_eq!(
            inline.value,
            Value::Map(vec![
                ("k".to_owned(), string("v")),
                (
                    "n".to_owned(),
                    Value::List(vec![Value::Integer(1), Value::Integer(2)])
                ),
            ])
        );
    }

    #[test]
    fn nested_map_value() {
        let text = "---\nauthor:\n  name: Jane\n  email: jane@example.com\nsection: News\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let author = fm.get("author").unwrap();
        assert_eq!(
            value_text(text, author),
            "name: Jane\n  email: jane@example.com"
        );
        assert_eq!(
            author.value,
            Value::Map(vec![
                ("name".to_owned(), string("Jane")),
                ("email".to_owned(), string("jane@example.com")),
            ])
        );
        assert_eq!(value_text(text, fm.get("section").unwrap()), "News");
    }

    #[test]
    fn empty_values() {
        let text = "---\neditor:\nsection:   \nlast:\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let editor = fm.get("editor").unwrap();
        assert_eq!(editor.value, Value::Null);
        let colon = text.find("editor:").unwrap() + "editor:".len();
        assert_eq!(editor.value_span, colon..colon);
        let section = fm.get("section").unwrap();
        let colon = text.find("section:").unwrap() + "section:".len();
        assert_eq!(section.value_span, colon..colon);
        let last = fm.get("last").unwrap();
        let colon = text.find("last:").unwrap() + "last:".len();
        assert_eq!(last.value_span, colon..colon);
        assert_eq!(last.value, Value::Null);
    }

    #[test]
    fn no_front_matter() {
        for text in [
            "# Title\n\nBody\n",
            "",
            "---",
            "--\n---\n",
            "----\nx: 1\n----\n",
            "--- title\nx: 1\n---\n",
            "+++ a\n+++\n",
            " ---\nx: 1\n---\n",
        ] {
            assert_eq!(detect_checked(text, 0), None, "{text:?}");
        }
        // Out-of-range or mid-char starts are simply "no front matter".
        assert_eq!(detect("abc", 10), None);
        assert_eq!(detect("é---\n---\n", 1), None);
    }

    #[test]
    fn delimiter_not_on_first_line() {
        assert_eq!(detect_checked("\n---\ntitle: x\n---\n", 0), None);
        assert_eq!(detect_checked("Intro\n\n---\ntitle: x\n---\n", 0), None);
        assert_eq!(detect_checked("\u{feff}\n---\nx: 1\n---\n", 3), None);
    }

    #[test]
    fn delimiters_with_trailing_blanks_and_dots() {
        let text = "--- \t\r\ntitle: x\r\n...  \r\nBody";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(&text[body..], "Body");
        assert_eq!(value_text(text, fm.get("title").unwrap()), "x");

        let text = "---\ntitle: x\n---";
        let (fm, body) = detect_checked(text, 0).unwrap();
        assert_eq!(body, text.len());
        assert_eq!(fm.span, 0..text.len());
    }

    #[test]
    fn core_schema_scalars() {
        let text = "---\n\
                    a: ~\nb: null\nc: true\nd: False\ne: 42\nf: -7\ng: 0x1F\nh: 0o17\n\
                    i: 3.25\nj: 1e3\nk: .inf\nl: \"42\"\nm: '2023-11-13'\nn: !!str 12\n\
                    o: yes\np: 99999999999999999999\nq: 1.2.3\nr: -.5\n\
                    ---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let value = |key: &str| fm.get(key).unwrap().value.clone();
        assert_eq!(value("a"), Value::Null);
        assert_eq!(value("b"), Value::Null);
        assert_eq!(value("c"), Value::Bool(true));
        assert_eq!(value("d"), Value::Bool(false));
        assert_eq!(value("e"), Value::Integer(42));
        assert_eq!(value("f"), Value::Integer(-7));
        assert_eq!(value("g"), Value::Integer(31));
        assert_eq!(value("h"), Value::Integer(15));
        assert_eq!(value("i"), Value::Float(3.25));
        assert_eq!(value("j"), Value::Float(1000.0));
        assert_eq!(value("k"), Value::Float(f64::INFINITY));
        assert_eq!(value("l"), string("42"));
        assert_eq!(value("m"), string("2023-11-13"));
        assert_eq!(value("n"), string("12"));
        assert_eq!(value("o"), string("yes"));
        assert_eq!(value("p"), string("99999999999999999999"));
        assert_eq!(value("q"), string("1.2.3"));
        assert_eq!(value("r"), Value::Float(-0.5));
        assert_eq!(value_text(text, fm.get("l").unwrap()), "\"42\"");
        assert_eq!(value_text(text, fm.get("n").unwrap()), "12");
    }

    #[test]
    fn block_and_multi_line_scalars() {
        let text = "---\n\
                    summary: |\n  First line.\n\n  Second line.\n\
                    # comment after the block\n\
                    folded: >-\n  a\n  b\n\
                    plain: one\n  two\n\
                    quoted: \"three\n  four\"\n\
                    empty: |\n\
                    end: x\n\
                    ---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let summary = fm.get("summary").unwrap();
        assert_eq!(summary.value, string("First line.\n\nSecond line.\n"));
        assert_eq!(
            value_text(text, summary),
            "|\n  First line.\n\n  Second line."
        );
        let folded = fm.get("folded").unwrap();
        assert_eq!(folded.value, string("a b"));
        assert_eq!(value_text(text, folded), ">-\n  a\n  b");
        let plain = fm.get("plain").unwrap();
        assert_eq!(plain.value, string("one two"));
        assert_eq!(value_text(text, plain), "one\n  two");
        let quoted = fm.get("quoted").unwrap();
        assert_eq!(quoted.value, string("three four"));
        assert_eq!(value_text(text, quoted), "\"three\n  four\"");
        let empty = fm.get("empty").unwrap();
        assert_eq!(empty.value, string(""));
        assert_eq!(value_text(text, empty), "|");
        assert_eq!(value_text(text, fm.get("end").unwrap()), "x");
    }

    #[test]
    fn quoted_keys_and_flow_top_level_mapping() {
        let text = "---\n\"my key\": 1\n'other': [x]\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let first = fm.get("my key").unwrap();
        assert_eq!(key_text(text, first), "\"my key\"");
        assert_eq!(value_text(text, first), "1");
        assert_eq!(key_text(text, fm.get("other").unwrap()), "'other'");

        let text = "---\n{a: 1, b: [x, y], c: \"z\"}\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let fields = expect_fields(&fm);
        assert_eq!(fields.len(), 3);
        assert_eq!(value_text(text, &fields[0]), "1");
        assert_eq!(value_text(text, &fields[1]), "[x, y]");
        assert_eq!(value_text(text, &fields[2]), "\"z\"");
    }

    #[test]
    fn duplicate_keys_are_kept_in_order() {
        let text = "---\ntitle: First\ntitle: Second\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let fields = expect_fields(&fm);
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].value, string("First"));
        assert_eq!(fields[1].value, string("Second"));
        assert_eq!(fm.get("title").unwrap().value, string("First"));
        assert!(fields[0].key_span.start < fields[1].key_span.start);
    }

    #[test]
    fn anchors_and_aliases() {
        let text =
            "---\nbase: &b Jane\nauthor: *b\nlist: &l [1, 2]\ncopy: *l\nmissing: *nope\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        // yaml-rust2 rejects unknown anchors; the error still lands inside the front matter.
        assert!(fm.fields.is_err());

        let text = "---\nbase: &b Jane\nauthor: *b\nlist: &l [1, 2]\ncopy: *l\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let author = fm.get("author").unwrap();
        assert_eq!(author.value, string("Jane"));
        assert_eq!(value_text(text, author), "*b");
        assert_eq!(
            fm.get("copy").unwrap().value,
            Value::List(vec![Value::Integer(1), Value::Integer(2)])
        );
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let mut text = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
        let mut previous = "a";
        for name in names {
            let items = vec![format!("*{previous}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{items}]\n"));
            previous = name;
        }
        text.push_str("---\n");
        let (fm, _) = detect_checked(&text, 0).unwrap();
        assert_eq!(expect_fields(&fm).len(), 10);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("---\nkey:\n{}x\n---\n", "- ".repeat(5000));
        let (fm, _) = detect_checked(&text, 0).unwrap();
        assert_eq!(expect_error(&fm).message, TOO_DEEP);

        let text = format!("---\nkey: {}\n---\n", "[".repeat(1000));
        let (fm, _) = detect_checked(&text, 0).unwrap();
        assert!(fm.fields.is_err());

        let text = format!("+++\nkey = {}1{}\n+++\n", "[".repeat(500), "]".repeat(500));
        let (fm, _) = detect_checked(&text, 0).unwrap();
        assert!(fm.fields.is_err());
    }

    #[test]
    fn several_documents_are_an_error() {
        let text = "---\na: 1\n--- more\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let error = expect_error(&fm);
        assert!(error.message.contains("single YAML document"), "{error:?}");
        assert_eq!(error.span, 9..10);
    }

    #[test]
    fn complex_keys_are_an_error() {
        let text = "---\n? [a, b]\n: value\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let error = expect_error(&fm);
        assert_eq!(error.span.start, text.find('[').unwrap(), "{error:?}");
    }

    /// Small deterministic generator (xorshift) for the fuzz-style test.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn never_panics_on_generated_input() {
        const FUZZ_ROUNDS: usize = 20_000;
        const FRAGMENTS: &[&str] = &[
            "---",
            "+++",
            "...",
            "\n",
            "\r\n",
            "\r",
            "key:",
            "key =",
            " ",
            "\"",
            "'",
            "[",
            "]",
            "{",
            "}",
            ",",
            "é",
            "’",
            "🙂",
            "- x",
            "\t",
            "#",
            " # c",
            "|",
            ">",
            "&a",
            "*a",
            "!!str",
            "? ",
            ": ",
            "1",
            "2023-11-13",
            "true",
            "\\",
            "=",
            "title: \"x\"",
            "a.b",
            "[t]",
            "[[t]]",
            "%YAML 1.2",
            "  ",
            "\u{feff}",
            "~",
            "0x",
            ".inf",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..FUZZ_ROUNDS {
            let mut text = String::new();
            if rng.below(8) != 0 {
                text.push_str(if rng.below(3) == 0 { "+++\n" } else { "---\n" });
            }
            for _ in 0..rng.below(24) {
                text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            }
            if rng.below(2) == 0 {
                text.push_str(if rng.below(2) == 0 {
                    "\n---\n"
                } else {
                    "\n+++\n"
                });
                for _ in 0..rng.below(4) {
                    text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
                }
            }
            detect_checked(&text, 0);
            let with_bom = format!("\u{feff}{text}");
            detect_checked(&with_bom, 3);
        }
    }
    #[test]
    fn spans_after_a_block_scalar_with_non_ascii_text() {
        // yaml-rust2's `Marker::index()` counts the bytes of block scalar lines: markers after
        // such a block must still land on the right bytes.
        let text = "---\nsummary: |\n  Azerbaijan’s peace – talks\n  Ça va\ntitle: \"Next – one\"\nafter: é\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let summary = fm.get("summary").unwrap();
        assert_eq!(
            value_text(text, summary),
            "|\n  Azerbaijan’s peace – talks\n  Ça va"
        );
        let title = fm.get("title").unwrap();
        assert_eq!(key_text(text, title), "title");
        assert_eq!(value_text(text, title), "\"Next – one\"");
        let after = fm.get("after").unwrap();
        assert_eq!(key_text(text, after), "after");
        assert_eq!(value_text(text, after), "é");

        // An error after such a block is located on its line too.
        let text = "---\nsummary: >\n  Über – alles\nbad: [unclosed\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let error = expect_error(&fm);
        assert!(error.span.start >= text.find("bad").unwrap(), "{error:?}");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "---\ntitle: a\rauthor: Zoë\r---\n";
        // A lone `\r` is not a delimiter line ending, so this is unterminated...
        let (fm, _) = detect_checked(text, 0).unwrap();
        assert!(fm.fields.is_err());
        // ...but inside YAML it ends a line, as yaml-rust2 counts lines.
        let text = "---\ntitle: a\rauthor: Zoë\n---\n";
        let (fm, _) = detect_checked(text, 0).unwrap();
        let author = fm.get("author").unwrap();
        assert_eq!(key_text(text, author), "author");
        assert_eq!(value_text(text, author), "Zoë");
    }

    #[test]
    fn generated_articles_have_consistent_spans() {
        const KEYS: &[&str] = &["title", "é", "\"q k\"", "'s'", "? k", "- ", "a b", "🙂", ""];
        const VALUES: &[&str] = &[
            "x",
            "\"a \\\" b\"",
            "'it''s'",
            "[a, b]",
            "{a: 1}",
            "|",
            ">-",
            "&a v",
            "*a",
            "",
            "1",
            "~",
            "a # c",
            "a#b",
            "\"open",
            "[x,",
            "- y",
            "!!str 3",
            "é’",
            "x: y",
            "\t",
            "'",
        ];
        let mut rng = Rng(12345);
        for _ in 0..20_000 {
            let mut text = String::from("---\n");
            for _ in 0..rng.below(8) {
                text.push_str(&" ".repeat(rng.below(3) * 2));
                text.push_str(KEYS[rng.below(KEYS.len())]);
                if rng.below(5) != 0 {
                    text.push(':');
                }
                if rng.below(4) != 0 {
                    text.push(' ');
                }
                text.push_str(VALUES[rng.below(VALUES.len())]);
                if rng.below(3) == 0 {
                    text.push_str(" # comment");
                }
                text.push_str(if rng.below(5) == 0 { "\r\n" } else { "\n" });
            }
            text.push_str("---\nbody");
            let (fm, body) = detect_checked(&text, 0).unwrap();
            assert_eq!(&text[body..], "body");
            let Ok(fields) = &fm.fields else {
                continue;
            };
            for field in fields {
                // A plain one-line string value's span is exactly its text.
                let source = value_text(&text, field);
                if let Value::String(value) = &field.value
                    && !value.contains('\n')
                    && !source.contains('\n')
                    && !source.is_empty()
                    && !source.starts_with(['|', '>', '*', '"', '\''])
                    && !source.contains('!')
                {
                    assert_eq!(source, value, "in {text:?}");
                }
            }
        }
    }

    #[test]
    fn quoted_value_continued_at_column_zero_is_accepted_like_jekyll() {
        let text = "---\ntitle: T\nexcerpt: \"You can’t learn it from a book\nany more than a jump shot.\"\nauthor: A\n---\nBody\n";
        let (fm, _) = detect(text, 0).unwrap();
        let fields = fm.fields.unwrap();
        let excerpt = fields.iter().find(|f| f.key == "excerpt").unwrap();
        assert_eq!(
            excerpt.value,
            Value::String("You can’t learn it from a book any more than a jump shot.".into())
        );
        assert!(text[excerpt.value_span.clone()].starts_with("\"You can’t"));
        assert!(text[excerpt.value_span.clone()].ends_with("shot.\""));
        let author = fields.iter().find(|f| f.key == "author").unwrap();
        assert_eq!(&text[author.key_span.clone()], "author");
        assert_eq!(&text[author.value_span.clone()], "A");
    }
}
