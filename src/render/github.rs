//! GitHub Actions workflow commands
//! (<https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands>):
//! one `::error`, `::warning` or `::notice` line per finding, which GitHub shows as an
//! annotation on the line of the pull request's diff.
//!
//! ```text
//! ::error file=articles/war.md,line=13,col=1,endLine=13,endColumn=16,title=copydesk (boilerplate)::web-page residue: `Related Reading`
//! ```
//!
//! Read by GitHub, in the log of a workflow step that runs `copydesk check --format
//! github`. Errors become `error` annotations, warnings `warning`, infos `notice`. Paths
//! are relative to the repository root.
//!
//! GitHub shows only a few annotations of each kind per step, and drops the rest
//! without a word (see [`MAX_ERRORS`]). So the errors come first, then the warnings,
//! then the notices, each group in file order, within those limits; when some are left
//! out, a last notice says how many and where the full list is. The full list is the job
//! summary: with `GITHUB_STEP_SUMMARY` set (GitHub sets it in every step), the whole
//! report is appended to that file as Markdown, a table per file
//! (<https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary>).
//!
//! Escaping follows GitHub's runner (`actions/toolkit`, `command.ts`): in the message,
//! `%`, CR and LF become `%25`, `%0D`, `%0A`; in the properties also `:` and `,` become
//! `%3A` and `%2C`.

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use super::{FileReport, RenderContext};
use crate::diagnostic::{Diagnostic, Severity};

/// Error annotations GitHub shows per step. GitHub's limits are "10 warning annotations,
/// 10 error annotations, and 10 notice annotations per step" and "50 annotations per job
/// (sum of annotations from all the steps)":
/// <https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations>.
pub(crate) const MAX_ERRORS: usize = 10;
/// Warning annotations GitHub shows per step (see [`MAX_ERRORS`]).
pub(crate) const MAX_WARNINGS: usize = 10;
/// Notice annotations GitHub shows per step (see [`MAX_ERRORS`]); the notice that says
/// how many findings were left out is one of them.
pub(crate) const MAX_NOTICES: usize = 10;
/// Annotations GitHub shows per job, all steps together (see [`MAX_ERRORS`]).
pub(crate) const MAX_TOTAL: usize = 50;
/// The most a step may write to its job summary: 1 MiB, past which GitHub drops the
/// step's whole summary
/// (<https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#step-isolation-and-limits>).
pub(crate) const STEP_SUMMARY_LIMIT: u64 = 1024 * 1024;

/// Escapes a command's message.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (`file=`, `title=`).
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "notice",
    }
}

/// How many findings of each severity are shown; the rest are counted in the overflow
/// notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    errors: usize,
    warnings: usize,
    notices: usize,
    left_out: usize,
}

fn shown(errors: usize, warnings: usize, infos: usize) -> Shown {
    let e = errors.min(MAX_ERRORS).min(MAX_TOTAL);
    let w = warnings.min(MAX_WARNINGS).min(MAX_TOTAL - e);
    let mut n = infos.min(MAX_NOTICES).min(MAX_TOTAL - e - w);
    let total = errors + warnings + infos;
    if total > e + w + n && (n == MAX_NOTICES || e + w + n == MAX_TOTAL) {
        // Room for the notice that says how many were left out.
        n = n.saturating_sub(1);
    }
    Shown {
        errors: e,
        warnings: w,
        notices: n,
        left_out: total - e - w - n,
    }
}

fn annotation(
    out: &mut dyn Write,
    path: &str,
    report: &FileReport,
    d: &Diagnostic,
) -> io::Result<()> {
    let (start, end) = (
        report.source.position(d.span.start),
        report.source.position(d.span.end),
    );
    writeln!(
        out,
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        command(d.severity),
        escape_property(path),
        start.line,
        start.column,
        end.line,
        end.column,
        escape_property(&format!("copydesk ({})", d.rule)),
        escape_data(&d.message),
    )
}

pub(super) fn render(cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let count = |s: Severity| cx.findings().filter(|(_, d)| d.severity == s).count();
    let limits = shown(
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    for (severity, limit) in [
        (Severity::Error, limits.errors),
        (Severity::Warning, limits.warnings),
        (Severity::Info, limits.notices),
    ] {
        for (report, d) in cx
            .findings()
            .filter(|(_, d)| d.severity == severity)
            .take(limit)
        {
            let path = cx.locator.repo_path(&report.source.path);
            annotation(out, &path, report, d)?;
        }
    }
    if limits.left_out > 0 {
        let more = if limits.left_out == 1 {
            "1 more finding is".to_string()
        } else {
            format!("{} more findings are", limits.left_out)
        };
        let full_list = if cx.step_summary.is_some() {
            "the full list is in the job summary"
        } else {
            "run `copydesk check --format concise` for the full list"
        };
        writeln!(
            out,
            "::notice title=copydesk::{}",
            escape_data(&format!(
                "{more} not shown as annotations (GitHub shows at most {MAX_ERRORS} errors, \
                 {MAX_WARNINGS} warnings and {MAX_NOTICES} notices per step); {full_list}"
            ))
        )?;
    }
    writeln!(out, "{}", cx.summary.line())
}

/// A Markdown table cell: `|` escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\r', '\n'], "<br>")
}

/// The full report as Markdown, at most `budget` bytes: rows that do not fit are
/// counted in a last line.
fn step_summary(cx: &RenderContext<'_>, budget: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "\n## copydesk\n\n{}\n", cell(&cx.summary.line()));
    // Room for the line that says how many rows were left out.
    let budget = budget.saturating_sub(300);
    let mut left_out = 0;
    for report in cx.reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let path = cx.locator.repo_path(&report.source.path);
        let mut table = format!(
            "### {}\n\n| Line | Column | Severity | Rule | Message |\n| ---: | ---: | --- | --- | --- |\n",
            cell(&path)
        );
        let mut cursor = report.source.cursor();
        let mut rows = 0;
        for d in &report.diagnostics {
            let p = cursor.at(d.span.start);
            let row = format!(
                "| {} | {} | {} | `{}` | {} |\n",
                p.line,
                p.column,
                d.severity,
                cell(&d.rule),
                cell(&d.message)
            );
            if left_out > 0 || s.len() + table.len() + row.len() + 1 > budget {
                left_out += 1;
                continue;
            }
            table.push_str(&row);
            rows += 1;
        }
        if rows > 0 {
            s.push_str(&table);
            s.push('\n');
        }
    }
    if left_out > 0 {
        let _ = writeln!(
            s,
            "{left_out} more findings do not fit in the job summary (GitHub takes at most 1 MiB \
             per step); run `copydesk check --format concise` for the full list.\n"
        );
    }
    s
}

/// Appends the full report to the job summary file.
pub(super) fn append_step_summary(cx: &RenderContext<'_>, path: &Path) -> io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    let used = file.metadata().map_or(0, |m| m.len());
    let budget = STEP_SUMMARY_LIMIT.saturating_sub(used);
    let text = step_summary(cx, usize::try_from(budget).unwrap_or(usize::MAX));
    file.write_all(text.as_bytes())?;
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Locator, Summary};
    use crate::source::Source;

    fn finding(text: &str, word: &str, rule: &str, severity: Severity) -> Diagnostic {
        let start = text.find(word).unwrap();
        let mut d = Diagnostic::new(format!("found `{word}`"), start..start + word.len());
        d.rule = rule.into();
        d.severity = severity;
        d
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_property("dir,1/a:b%.md\n"), "dir%2C1/a%3Ab%25.md%0A");
    }

    #[test]
    fn annotation_line() {
        let text = "Intro.\n\nThe war: TK, 50%\nmore.\n";
        let mut d = finding(text, "TK", "place:holder", Severity::Error);
        d.message = "line one\nline two: 50%, done".into();
        let reports = [FileReport {
            source: Source::new("dir/a,b.md", text.to_string()),
            diagnostics: vec![d],
        }];
        let mut cx = RenderContext::new(&reports, Summary::default());
        cx.locator = Locator::new("/repo", "/repo/sub");
        let mut out = Vec::new();
        render(&cx, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out.lines().next().unwrap(),
            "::error file=sub/dir/a%2Cb.md,line=3,col=10,endLine=3,endColumn=12,\
             title=copydesk (place%3Aholder)::line one%0Aline two: 50%25, done"
        );
    }

    #[test]
    fn limits() {
        assert_eq!(
            shown(3, 2, 1),
            Shown {
                errors: 3,
                warnings: 2,
                notices: 1,
                left_out: 0
            }
        );
        // Errors over the limit: all notices fit beside the overflow notice.
        assert_eq!(
            shown(12, 11, 4),
            Shown {
                errors: 10,
                warnings: 10,
                notices: 4,
                left_out: 3
            }
        );
        // Exactly ten notices and nothing left out: no overflow notice needed.
        assert_eq!(shown(0, 0, 10).left_out, 0);
        // Eleven notices: nine shown, plus the overflow notice.
        assert_eq!(
            shown(0, 0, 11),
            Shown {
                errors: 0,
                warnings: 0,
                notices: 9,
                left_out: 2
            }
        );
    }

    #[test]
    fn summary_cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a | b\nc\r\nd"), "a \\| b<br>c<br>d");
    }

    #[test]
    fn summary_over_budget_counts_the_rows_left_out() {
        let text = "TK TK TK TK\n".repeat(50);
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        for (i, _) in text.match_indices("TK") {
            let mut d = Diagnostic::new("placeholder `TK`", i..i + 2);
            d.rule = "placeholder".into();
            d.severity = Severity::Error;
            diagnostics.push(d);
        }
        let reports = [FileReport {
            source: Source::new("a.md", text),
            diagnostics,
        }];
        let cx = RenderContext::new(&reports, Summary::default());
        let full = step_summary(&cx, usize::MAX);
        assert_eq!(full.matches("| error |").count(), 200);
        let cut = step_summary(&cx, 2000);
        assert!(cut.len() <= 2000, "{}", cut.len());
        let shown = cut.matches("| error |").count();
        assert!(shown > 0 && shown < 200);
        assert!(cut.contains(&format!("{} more findings do not fit", 200 - shown)));
    }
}
