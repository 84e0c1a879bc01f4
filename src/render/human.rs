//! The report for people, drawn by miette: the source line, the words underlined, the
//! rule id, the help, then a summary line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::error::MAX_DRAWN_LINE_OFFSET;
use crate::source::Source;

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Wrap width in columns.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

/// Adapts one finding to miette's report.
struct Report<'a> {
    finding: &'a Diagnostic,
    source: &'a Snippets<'a>,
}

/// The file as miette reads it. miette finds a span's lines by scanning the text from
/// its start, once per finding; this hands it only the lines around the span, found with
/// the line index, so a long file with many findings renders in linear time.
struct Snippets<'a> {
    source: &'a Source,
}

impl SourceCode for Snippets<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let source = self.source;
        let start = span.offset();
        let end = start + span.len();
        if end > source.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // A window a line wider than miette asks for on each side reads the same.
        let first = source.line_of(start).saturating_sub(before + 1);
        let last = source.line_of(end) + after + 2;
        let window_start = source.line_start(first);
        let window = source
            .text
            .get(window_start..source.line_start(last))
            .ok_or(MietteError::OutOfBounds)?;
        let inner = SourceSpan::new((start - window_start).into(), span.len());
        let contents = window.read_span(&inner, before, after)?;
        let data: &'b [u8] = contents.data();
        let offset = contents.span().offset() + window_start;
        // miette counts the column in bytes; the header `[path:line:col]` must agree
        // with every other format, which counts characters (and skips a BOM).
        let column = source.position(offset).column - 1;
        Ok(Box::new(
            MietteSpanContents::new_named(
                source.path.clone(),
                data,
                SourceSpan::new(offset.into(), contents.span().len()),
                contents.line() + first,
                column,
                contents.line_count() + first,
            )
            .with_language("markdown"),
        ))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info | Severity::Off => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let fix = fix_note(self.finding);
        match (&self.finding.help, fix) {
            (Some(h), Some(f)) => Some(Box::new(format!("{h}\n{f}"))),
            (Some(h), None) => Some(Box::new(h)),
            (None, Some(f)) => Some(Box::new(f)),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.finding;
        let label = (!d.label.is_empty()).then(|| d.label.clone());
        let primary = LabeledSpan::new_primary_with_span(label, d.span.clone());
        let secondary = d
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.clone()));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// What a fix would do and which option applies it, for people deciding whether to run it.
fn fix_note(finding: &Diagnostic) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    let how = match fix.applicability {
        Applicability::Safe => "--fix",
        Applicability::Unsafe => "--unsafe-fixes",
        Applicability::DisplayOnly => return Some(format!("suggestion: {}", fix.title)),
    };
    Some(format!("fix ({how}): {}", fix.title))
}

/// Whether every label of a finding is close enough to the start of its line to draw.
fn drawable(source: &Source, finding: &Diagnostic) -> bool {
    std::iter::once(&finding.span)
        .chain(finding.labels.iter().map(|l| &l.span))
        .all(|span| {
            [span.start, span.end].iter().all(|&at| {
                let line_start = source.line_start(source.line_of(at));
                at.saturating_sub(line_start) < MAX_DRAWN_LINE_OFFSET
            })
        })
}

/// A finding without the drawn snippet.
fn plain(path: &str, p: crate::source::Position, finding: &Diagnostic) -> String {
    let mut text = format!(
        "{}[{}]: {}\n  --> {path}:{}:{}\n",
        finding.severity, finding.rule, finding.message, p.line, p.column
    );
    if let Some(help) = &finding.help {
        text.push_str(&format!("  help: {help}\n"));
    }
    if let Some(note) = fix_note(finding) {
        text.push_str(&format!("  {note}\n"));
    }
    text
}

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    opts: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
        file(report, opts, out)?;
    }
    writeln!(out, "{}", summary.line())
}

/// One file's findings (nothing for a clean file).
pub(super) fn file(
    report: &FileReport,
    opts: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    let source = Snippets {
        source: &report.source,
    };
    let mut cursor = report.source.cursor();
    for finding in &report.diagnostics {
        let mut text = String::new();
        let r = Report {
            finding,
            source: &source,
        };
        let drawable = drawable(&report.source, finding);
        if !drawable || handler.render_report(&mut text, &r).is_err() {
            // A report that cannot be drawn still says what is wrong, and where.
            text = plain(&report.source.path, cursor.at(finding.span.start), finding);
        }
        write!(out, "{text}")?;
        writeln!(out)?;
    }
    Ok(())
}
