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

mod extents;
mod spans;
#[cfg(test)]
mod tests;
mod toml_block;
mod yaml;

use std::ops::Range;

use toml_block::parse_toml;
use yaml::parse_yaml;

/// Deepest nesting of lists and maps accepted in front matter.
pub(super) const MAX_DEPTH: usize = 64;

/// Most nodes that YAML alias expansion may copy, against "billion laughs" input.
pub(super) const MAX_NODES: usize = 100_000;

pub(super) const NOT_A_MAPPING: &str = "front matter must be a list of `key: value` lines";
pub(super) const TOO_DEEP: &str = "front matter is nested too deeply";
pub(super) const ENDED_EARLY: &str = "front matter ended in the middle of a value";
pub(super) const UNEXPECTED: &str = "unexpected YAML structure in front matter";

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
pub(super) fn is_delimiter_line(line: &str, delimiter: &str) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.trim_end_matches([' ', '\t']) == delimiter
}

/// The first closing delimiter line at or after `from`: (start of the line, end of the line
/// including its line ending).
pub(super) fn find_closing_line(text: &str, from: usize, format: Format) -> Option<(usize, usize)> {
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
