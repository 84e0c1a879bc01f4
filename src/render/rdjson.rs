//! reviewdog's diagnostic format, rdjson: one `DiagnosticResult` JSON document
//! (<https://github.com/reviewdog/reviewdog/tree/master/proto/rdf>, defined in
//! `reviewdog.proto`).
//!
//! Read by reviewdog (`reviewdog -f=rdjson`), which posts findings as review comments
//! on GitHub, GitLab, Bitbucket or Gerrit, filtered to the lines a change touched, and
//! offers fixes as suggested changes.
//!
//! ```json
//! {"source": {"name": "copydesk", "url": "…"}, "severity": "ERROR", "diagnostics": [
//!   {"message": "…", "location": {"path": "articles/war.md", "range": {"start":
//!   {"line": 13, "column": 1}, "end": {"line": 13, "column": 16}}}, "severity": "ERROR",
//!   "source": {"name": "copydesk", "url": "…"}, "code": {"value": "boilerplate"}}]}
//! ```
//!
//! Positions: lines are 1-based; columns are 1-based **UTF-8 byte** counts, as the format
//! requires (unlike copydesk's other formats, which count characters), and a range's
//! end is exclusive. A byte order mark is part of the first line's bytes. Paths are as
//! they were given on the command line, relative to the current folder, where reviewdog
//! runs. A fix becomes `suggestions` (one per edit), secondary labels become
//! `related_locations`. The top-level `severity` is the most serious finding's.

use std::io::{self, Write};

use serde::Serialize;

use super::{REPOSITORY_URL, RenderContext};
use crate::diagnostic::Severity;
use crate::source::{Source, floor_char_boundary};

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    source: ToolSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<&'static str>,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct ToolSource {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: Location<'a>,
    severity: &'static str,
    source: ToolSource,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    message: &'a str,
    location: Location<'a>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
        Severity::Off => "UNKNOWN_SEVERITY",
    }
}

fn tool() -> ToolSource {
    ToolSource {
        name: "copydesk",
        url: REPOSITORY_URL,
    }
}

/// 1-based line and 1-based UTF-8 byte column.
fn position(source: &Source, offset: usize) -> Position {
    let offset = floor_char_boundary(&source.text, offset);
    let line = source.line_of(offset);
    Position {
        line: line + 1,
        column: offset - source.line_start(line).min(offset) + 1,
    }
}

fn range(source: &Source, span: &std::ops::Range<usize>) -> Range {
    Range {
        start: position(source, span.start),
        end: position(source, span.end),
    }
}

pub(super) fn render(cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for (report, d) in cx.findings() {
        let source = &report.source;
        let path = source.path.as_str();
        diagnostics.push(Diagnostic {
            message: &d.message,
            location: Location {
                path,
                range: range(source, &d.span),
            },
            severity: severity(d.severity),
            source: tool(),
            code: Code { value: &d.rule },
            suggestions: d
                .fix
                .iter()
                .flat_map(|f| &f.edits)
                .map(|e| Suggestion {
                    range: range(source, &e.range),
                    text: &e.replacement,
                })
                .collect(),
            related_locations: d
                .labels
                .iter()
                .map(|l| RelatedLocation {
                    message: &l.message,
                    location: Location {
                        path,
                        range: range(source, &l.span),
                    },
                })
                .collect(),
        });
    }
    let worst = cx.findings().map(|(_, d)| d.severity).max();
    let result = DiagnosticResult {
        source: tool(),
        severity: worst.map(severity),
        diagnostics,
    };
    serde_json::to_writer_pretty(&mut *out, &result)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Diagnostic as Finding, Edit, Fix};
    use crate::render::{FileReport, Summary};

    #[test]
    fn byte_columns_and_suggestions() {
        // 'a𐐀b': the column of b is 6, as in reviewdog.proto's example.
        let text = "x\na𐐀b TK\n";
        let b = text.find('b').unwrap();
        let tk = text.find("TK").unwrap();
        let mut d = Finding::new("placeholder `TK`", tk..tk + 2).with_secondary(b..b + 1, "here");
        d.rule = "placeholder".into();
        d.severity = Severity::Warning;
        d.fix = Some(Fix {
            title: "drop it".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                range: tk..tk + 2,
                replacement: "nine".into(),
            }],
        });
        let reports = [FileReport {
            source: Source::new("a.md", text.to_string()),
            diagnostics: vec![d],
        }];
        let cx = RenderContext::new(&reports, Summary::default());
        let mut out = Vec::new();
        render(&cx, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["severity"], "WARNING");
        let d = &v["diagnostics"][0];
        assert_eq!(d["severity"], "WARNING");
        assert_eq!(d["code"]["value"], "placeholder");
        assert_eq!(d["location"]["path"], "a.md");
        assert_eq!(
            d["location"]["range"],
            serde_json::json!({"start": {"line": 2, "column": 8}, "end": {"line": 2, "column": 10}})
        );
        assert_eq!(
            d["related_locations"][0]["location"]["range"]["start"]["column"],
            6
        );
        assert_eq!(d["suggestions"][0]["text"], "nine");
        assert_eq!(
            d["suggestions"][0]["range"]["start"],
            serde_json::json!({"line": 2, "column": 8})
        );
    }
}
