//! The JSON contract (version 1). Fields may be added, never removed or renamed.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::{PositionCursor, Source};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Finding<'a>>,
    summary: JsonSummary,
}

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
    let doc = Document {
        version: 1,
        diagnostics: reports.iter().flat_map(findings).collect(),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
