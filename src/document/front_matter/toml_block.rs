//! TOML front matter, read with `toml::de::DeTable`: spans shifted to whole-file offsets,
//! fields re-sorted by position.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::spans::*;
use super::*;

pub(super) type TomlItem<'i> = toml::Spanned<DeValue<'i>>;

pub(super) fn parse_toml(
    text: &str,
    content: Range<usize>,
) -> Result<Vec<Field>, FrontMatterError> {
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
pub(super) fn toml_extent(item: &TomlItem<'_>, depth: usize) -> Range<usize> {
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
pub(super) fn toml_value(value: &DeValue<'_>, depth: usize) -> Option<Value> {
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
