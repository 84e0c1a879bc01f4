//! The JSON contract (version 1). Fields may be added, never removed or renamed.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::{PositionCursor, Source};

/// One finding as the `json` and `json-lines` formats write it.
#[derive(Serialize)]
pub(super) struct Finding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn finding<'a>(
    source: &'a Source,
    starts: &mut PositionCursor<'_>,
    ends: &mut PositionCursor<'_>,
    d: &'a Diagnostic,
) -> Finding<'a> {
    let (start, end) = (starts.at(d.span.start), ends.at(d.span.end));
    Finding {
        path: &source.path,
        rule: &d.rule,
        severity: d.severity,
        message: &d.message,
        help: d.help.as_deref(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        start: d.span.start,
        end: d.span.end,
        fix: d.fix.as_ref().map(|f| Fix {
            title: &f.title,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| Edit {
                    start: e.range.start,
                    end: e.range.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
    }
}

/// The findings of one file, in order.
pub(super) fn findings(report: &FileReport) -> impl Iterator<Item = Finding<'_>> {
    let (mut starts, mut ends) = (report.source.cursor(), report.source.cursor());
    report
        .diagnostics
        .iter()
        .map(move |d| finding(&report.source, &mut starts, &mut ends, d))
}

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut stream = Stream::default();
    for report in reports {
        stream.file(report, out)?;
    }
    stream.end(summary, out)
}

/// Writes the document piece by piece, as `serde_json`'s pretty printer would write it
/// whole, so a run over thousands of files never holds every finding at once.
#[derive(Debug, Default)]
pub(super) struct Stream {
    findings: usize,
}

/// `value`, pretty-printed and indented to sit `indent` spaces deep.
fn write_indented(value: &impl Serialize, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.write_all(first.as_bytes())?;
    }
    for line in lines {
        write!(out, "\n{indent}{line}")?;
    }
    Ok(())
}

impl Stream {
    pub(super) fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for finding in findings(report) {
            let lead = if self.findings == 0 {
                "{\n  \"version\": 1,\n  \"diagnostics\": [\n    "
            } else {
                ",\n    "
            };
            out.write_all(lead.as_bytes())?;
            write_indented(&finding, "    ", out)?;
            self.findings += 1;
        }
        Ok(())
    }

    pub(super) fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.findings == 0 {
            out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [],\n  \"summary\": ")?;
        } else {
            out.write_all(b"\n  ],\n  \"summary\": ")?;
        }
        let summary = JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        };
        write_indented(&summary, "  ", out)?;
        out.write_all(b"\n}\n")
    }
}
