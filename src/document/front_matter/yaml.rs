//! YAML front matter, read event by event with yaml-rust2 (see the notes in the parent
//! module), built into fields with exact spans.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::extents::Extents;
use super::spans::*;
use super::*;

/// Converts yaml-rust2 markers to byte offsets.
///
/// `Marker::index()` is unusable for this: it counts `char`s, except on the content lines of
/// block scalars (`|`, `>`), where yaml-rust2 0.13 adds their length in bytes, so every later
/// index is off after non-ASCII text in a block scalar. The line and column are reliable (the
/// column is a `char` count reset at each line break; `\r\n`, `\n` and a lone `\r` each end a
/// line), so markers are located by line and column instead.
pub(super) struct MarkerMap<'a> {
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
pub(super) struct EventLog<'a> {
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
pub(super) fn read_events(src: &str) -> Result<Vec<(Event, usize)>, (String, usize)> {
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

pub(super) fn parse_yaml(
    text: &str,
    content: Range<usize>,
) -> Result<Vec<Field>, FrontMatterError> {
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
pub(super) fn parse_relaxed(src: &str, base: usize) -> Option<Vec<Field>> {
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

pub(super) fn parse_yaml_src(src: &str, base: usize) -> Result<Vec<Field>, FrontMatterError> {
    let events = read_events(src).map_err(|(message, at)| FrontMatterError {
        message,
        span: point(src, base, at),
    })?;
    let extents = Extents::new(src, &events);
    let mut builder = Builder {
        src,
        base,
        events: &events,
        extents: &extents,
        pos: 0,
        anchors: HashMap::new(),
        budget: MAX_NODES,
    };
    builder.document()
}

/// A built YAML node.
pub(super) struct Node {
    value: Value,
    /// The text to use when the node is a mapping key.
    key: Option<String>,
    /// Number of nodes in `value`, for the alias expansion budget.
    size: usize,
}

pub(super) struct Builder<'a> {
    src: &'a str,
    base: usize,
    events: &'a [(Event, usize)],
    extents: &'a Extents,
    pos: usize,
    anchors: HashMap<usize, (Value, usize)>,
    budget: usize,
}

impl Builder<'_> {
    fn peek(&self) -> Option<&Event> {
        self.events.get(self.pos).map(|(event, _)| event)
    }

    fn start_of(&self, index: usize) -> usize {
        self.extents
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
        let end = self.extents.ends.get(last).copied().unwrap_or(start);
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
pub(super) fn scalar_text(value: &Value) -> Option<String> {
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
pub(super) fn scalar_value(text: &str, style: TScalarStyle, tag: Option<&Tag>) -> Value {
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

pub(super) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

pub(super) fn all_digits(text: &str, radix: u32) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_digit(radix))
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
pub(super) fn is_core_int(text: &str) -> bool {
    if let Some(digits) = text.strip_prefix("0o") {
        return all_digits(digits, 8);
    }
    if let Some(digits) = text.strip_prefix("0x") {
        return all_digits(digits, 16);
    }
    all_digits(text.strip_prefix(['-', '+']).unwrap_or(text), 10)
}

pub(super) fn parse_int(text: &str) -> Option<i64> {
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
pub(super) fn leading_digits(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` or `\.nan`.
pub(super) fn parse_float(text: &str) -> Option<f64> {
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
