//! GitLab Code Quality report
//! (<https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>), a
//! subset of Code Climate's issue format: a JSON array with one object per finding.
//!
//! Read by GitLab, from a CI job's `artifacts:reports:codequality` file, to show findings
//! in the merge request widget and diff and on the pipeline's Code Quality tab.
//!
//! Fields: `description` (the message), `check_name` (the rule id), `fingerprint` (see
//! below), `severity`, and `location` with `path` (relative to the repository root) and
//! `lines.begin`/`lines.end`.
//!
//! Severity: error → `major`, warning → `minor`, info → `info`. GitLab's scale goes
//! info, minor, major, critical, blocker; `critical` and `blocker` are left for defects
//! of code, which an article cannot have.
//!
//! The fingerprint lets GitLab tell a new finding from one it saw on the target branch:
//! the SHA-256 of the path, rule id, the words found, the message and an occurrence
//! index, but no line number, so a paragraph added above a finding does not make it new.

use std::io::{self, Write};

use serde::Serialize;

use super::{RenderContext, fingerprint};
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info | Severity::Off => "info",
    }
}

pub(super) fn render(cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for report in cx.reports {
        let path = cx.locator.repo_path(&report.source.path);
        let prints = fingerprint::of_file(report, &cx.locator);
        for (d, fingerprint) in report.diagnostics.iter().zip(prints) {
            // The lines holding the first and the last character found.
            let last = d.span.end.saturating_sub(1).max(d.span.start);
            let begin = report.source.line_of(d.span.start) + 1;
            let end = report.source.line_of(last) + 1;
            issues.push(Issue {
                description: &d.message,
                check_name: &d.rule,
                fingerprint,
                severity: severity(d.severity),
                location: Location {
                    path: path.clone(),
                    lines: Lines { begin, end },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
