//! Where each YAML node ends. The event parser reports where a scalar starts but not
//! where it ends, so value spans are completed by a light scan of the source.

use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

use super::spans::*;

/// Source extent of each event: where the node it opens starts, and where the node it closes
/// (or the scalar it is) ends. Byte offsets into the front matter content.
pub(super) struct Extents {
    pub(super) starts: Vec<usize>,
    pub(super) ends: Vec<usize>,
}

impl Extents {
    pub(super) fn new(src: &str, events: &[(Event, usize)]) -> Self {
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
pub(super) fn empty_value_position(src: &str, key_end: usize) -> usize {
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
pub(super) fn plain_line_end(src: &str, from: usize, limit: usize, in_flow: bool) -> (usize, bool) {
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
pub(super) fn is_only_indicators(text: &str) -> bool {
    text.bytes()
        .all(|byte| matches!(byte, b'-' | b'?' | b':' | b' ' | b'\t'))
}

/// End of a plain scalar starting at `start`, whose decoded text is `value`.
pub(super) fn plain_end(
    src: &str,
    start: usize,
    bound: usize,
    in_flow: bool,
    value: &str,
) -> usize {
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
pub(super) fn quoted_end(src: &str, start: usize, bound: usize, quote: u8) -> usize {
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
pub(super) fn alias_end(src: &str, start: usize) -> usize {
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
pub(super) fn block_header(src: &str, content: usize) -> usize {
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
pub(super) fn block_end(src: &str, header: usize, bound: usize) -> usize {
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
