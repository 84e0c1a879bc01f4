//! The front matter (YAML between `---` lines or TOML between `+++` lines) is present, valid, and has every required field with a value of the right type.
//!
//! ## What it does
//! Reports:
//! - an article with no front matter (one finding at line 1);
//! - front matter that cannot be read (unclosed, invalid YAML or TOML), at the error;
//! - each required field that is missing; `required` entries may list alternatives
//!   with `|` (`"section|type"`: either one will do);
//! - a field whose value is empty or has the wrong type (`types`), on the value;
//! - a date that is not a real calendar date (`2023-13-45`).
//!
//! ## Why is this bad?
//! The publishing system builds the page, the byline, the section and the archive from
//! the front matter. A missing author or an invalid date breaks the page or files the
//! piece in the wrong place, and is found only after publication.
//!
//! ## Example
//! ```markdown
//! ---
//! title: Azerbaijan and Armenia
//! date: 2023-13-45
//! ---
//! ```
//! Use instead:
//! ```markdown
//! ---
//! title: Azerbaijan and Armenia
//! author: Elchin Amirbayov
//! date: 2023-11-13
//! section: opinion
//! ---
//! ```
//!
//! ## Options
//! - `required` (list of strings): field names; `a|b` accepts either.
//! - `types` (table): field name -> `string`, `date`, `list`, `string-or-list`,
//!   `boolean` or `integer`.
//!
//! Messages: `message` (no front matter), `messages.invalid` (`{text}`: the parser's
//! error), `messages.missing-field`, `messages.empty`, `messages.wrong-type`
//! (`{expected}`, `{found}`), `messages.invalid-date` (`{text}`). `{key}` names the field.
//!
//! ## Fix safety
//! No automatic fix: the values are facts only the editor knows.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::front_matter::{Field, Value};
use crate::rules::Texts;
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "front-matter",
        doc: kind_doc!("rules/front_matter"),
        messages: &[
            "invalid",
            "missing-field",
            "empty",
            "wrong-type",
            "invalid-date",
        ],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    required: Vec<String>,
    types: BTreeMap<String, FieldType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FieldType {
    String,
    Date,
    List,
    StringOrList,
    Boolean,
    Integer,
}

impl FieldType {
    fn describe(self) -> &'static str {
        match self {
            FieldType::String => "text",
            FieldType::Date => "a date (YYYY-MM-DD)",
            FieldType::List => "a list",
            FieldType::StringOrList => "text or a list",
            FieldType::Boolean => "true or false",
            FieldType::Integer => "a whole number",
        }
    }
}

struct FrontMatterRule {
    /// Each entry: the alternatives that satisfy it.
    required: Vec<Vec<String>>,
    types: BTreeMap<String, FieldType>,
    texts: Texts,
}

impl Params {
    /// Each required field as its alternative names (`author|authors`).
    fn required(&self) -> Vec<Vec<String>> {
        self.required
            .iter()
            .map(|r| {
                r.split('|')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .collect()
    }
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if let Some(i) = self.required().iter().position(Vec::is_empty) {
            return Err(ParamError::new(
                format!("required.{i}"),
                "a required field name must not be empty",
            ));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        Ok(Box::new(FrontMatterRule {
            required: p.required(),
            types: p.types,
            texts: setup.texts.clone(),
        }))
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Integer(_) => "a number",
        Value::Float(_) => "a number",
        Value::String(_) => "text",
        Value::Datetime(_) => "a date",
        Value::List(_) => "a list",
        Value::Map(_) => "a table",
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::List(l) => l.is_empty(),
        _ => false,
    }
}

/// Dates as people write them in front matter, which Hugo and Jekyll also read.
const WRITTEN_DATES: &[&str] = &[
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %b %Y",
];

/// A real calendar date, optionally with a time: `2023-11-13`, `2023-11-13T09:30:00Z`,
/// `2023-11-13 09:30:00 +0100`, or written out: `November 13, 2023`, `13 November 2023`.
fn is_valid_date(text: &str) -> bool {
    let text = text.trim();
    let iso = text.get(4..5) == Some("-")
        && text
            .get(..4)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    if !iso {
        // "November 9th 2023" -> "November 9 2023".
        let plain: String = text
            .split_whitespace()
            .map(|w| {
                let digits = w.trim_end_matches(|c: char| c.is_alphabetic() || c == ',');
                if !digits.is_empty()
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && digits.len() < w.len()
                {
                    let rest = w.get(digits.len()..).unwrap_or("");
                    if matches!(rest.trim_end_matches(','), "st" | "nd" | "rd" | "th") {
                        return format!("{digits}{}", if rest.ends_with(',') { "," } else { "" });
                    }
                }
                w.to_string()
            })
            .collect::<Vec<_>>()
            .join(" ");
        return WRITTEN_DATES
            .iter()
            .any(|f| jiff::civil::Date::strptime(f, &plain).is_ok());
    }
    let date = text.get(..10).unwrap_or(text);
    if date.parse::<jiff::civil::Date>().is_err() {
        return false;
    }
    let rest = text.get(10..).unwrap_or("");
    rest.is_empty()
        || text.parse::<jiff::civil::DateTime>().is_ok()
        || text.parse::<jiff::Timestamp>().is_ok()
        // Jekyll and Hugo also read "2023-11-13 09:30:00 +0100" and "2012-06-08 2:43:37 -0400".
        || rest
            .trim_start_matches(['T', ' '])
            .split_whitespace()
            .next()
            .is_some_and(is_clock_time)
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, with an optional zone glued on (`Z`, `+01:00`).
fn is_clock_time(text: &str) -> bool {
    let end = text.find(['Z', 'z', '+', '-']).unwrap_or(text.len());
    let (clock, _zone) = text.split_at(end);
    let mut parts = clock.split(':');
    let number = |p: Option<&str>, max: u32| {
        p.is_some_and(|p| {
            let whole = p.split('.').next().unwrap_or("");
            (1..=2).contains(&whole.len()) && whole.parse::<u32>().is_ok_and(|n| n <= max)
        })
    };
    let (h, m, sec) = (parts.next(), parts.next(), parts.next());
    number(h, 23) && number(m, 59) && (sec.is_none() || number(sec, 60)) && parts.next().is_none()
}

impl FrontMatterRule {
    fn msg(&self, key: &str, vars: &[(&str, &str)]) -> String {
        fill(self.texts.get(key), vars)
    }

    fn check_type(&self, field: &Field, out: &mut Vec<Diagnostic>) {
        let key = field.key.as_str();
        // Only fields the policy knows about are checked: optional fields of a site's own
        // theme may well be empty.
        let required = self
            .required
            .iter()
            .any(|alts| alts.iter().any(|k| k == key));
        if !required && !self.types.contains_key(key) {
            return;
        }
        if is_empty(&field.value) {
            let span = if field.value_span.is_empty() {
                field.key_span.clone()
            } else {
                field.value_span.clone()
            };
            out.push(
                Diagnostic::new(self.msg("empty", &[("key", key)]), span)
                    .with_label("no value")
                    .with_help(self.texts.help.clone()),
            );
            return;
        }
        let Some(expected) = self.types.get(key).copied() else {
            return;
        };
        let ok = match (expected, &field.value) {
            (FieldType::String, Value::String(_)) => true,
            (FieldType::List, Value::List(_)) => true,
            (FieldType::StringOrList, Value::String(_) | Value::List(_)) => true,
            (FieldType::Boolean, Value::Bool(_)) => true,
            (FieldType::Integer, Value::Integer(_)) => true,
            (FieldType::Date, Value::Datetime(_)) => true,
            (FieldType::Date, Value::String(s)) => {
                if !is_valid_date(s) {
                    out.push(
                        Diagnostic::new(
                            self.msg("invalid-date", &[("key", key), ("text", s.trim())]),
                            field.value_span.clone(),
                        )
                        .with_label("not a calendar date")
                        .with_help(self.texts.help.clone()),
                    );
                }
                true
            }
            _ => false,
        };
        if !ok {
            let vars = [
                ("key", key),
                ("expected", expected.describe()),
                ("found", describe(&field.value)),
            ];
            out.push(
                Diagnostic::new(self.msg("wrong-type", &vars), field.value_span.clone())
                    .with_label(format!("expected {}", expected.describe()))
                    .with_help(self.texts.help.clone()),
            );
        }
    }
}

impl Check for FrontMatterRule {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let Some(fm) = &doc.front_matter else {
            let start = doc.source.content_start();
            let first_line_end = doc
                .text()
                .get(start..)
                .and_then(|t| t.find('\n'))
                .map_or(doc.text().len(), |n| start + n);
            let end = doc
                .text()
                .get(start..first_line_end)
                .map_or(start, |l| start + l.trim_end().len());
            out.push(
                Diagnostic::new(self.texts.message.clone(), start..end)
                    .with_label("front matter belongs before this line")
                    .with_help(self.texts.help.clone())
                    .document_level(),
            );
            return;
        };
        let fields = match &fm.fields {
            Ok(fields) => fields,
            Err(e) => {
                out.push(
                    Diagnostic::new(self.msg("invalid", &[("text", &e.message)]), e.span.clone())
                        .with_label("cannot read the front matter here")
                        .with_help(self.texts.help.clone())
                        .document_level(),
                );
                return;
            }
        };
        let opening = fm.span.start..(fm.span.start + 3).min(fm.span.end);
        for alternatives in &self.required {
            if !alternatives
                .iter()
                .any(|k| fields.iter().any(|f| &f.key == k))
            {
                let key = alternatives.join("` or `");
                out.push(
                    Diagnostic::new(self.msg("missing-field", &[("key", &key)]), opening.clone())
                        .with_label("in this front matter")
                        .with_help(self.texts.help.clone())
                        .document_level(),
                );
            }
        }
        for field in fields {
            self.check_type(field, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_date;

    #[test]
    fn dates() {
        assert!(is_valid_date("2023-11-13"));
        assert!(is_valid_date("2024-02-29"));
        assert!(is_valid_date("2023-11-13T09:30:00Z"));
        assert!(is_valid_date("2023-11-13 09:30:00 +0100"));
        assert!(is_valid_date("2012-06-08 2:43:37 -0400"));
        assert!(is_valid_date("2016-03-23 9:00:00 -4"));
        assert!(!is_valid_date("2016-03-23 29:00:00"));
        assert!(!is_valid_date("2016-03-23 soon"));
        assert!(!is_valid_date("2023-13-45"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("November 13"));
        assert!(is_valid_date("December 22, 2021"));
        assert!(is_valid_date("November 9th 2023"));
        assert!(is_valid_date("13 November 2023"));
        assert!(!is_valid_date("February 30, 2023"));
        assert!(!is_valid_date("soon"));
        assert!(!is_valid_date(""));
    }
}
