//! The report for people, drawn by miette: the source line, the words underlined, the
//! rule id, the help, then a summary line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    NamedSource, SourceCode,
};

use super::{FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity};

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
    source: &'a NamedSource<String>,
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
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
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

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    opts: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let source = NamedSource::new(&report.source.path, report.source.text.clone())
            .with_language("markdown");
        for finding in &report.diagnostics {
            let mut text = String::new();
            let r = Report {
                finding,
                source: &source,
            };
            if handler.render_report(&mut text, &r).is_err() {
                // A report that cannot be drawn still says what is wrong.
                let p = report.source.position(finding.span.start);
                text = format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    report.source.path,
                    p.line,
                    p.column,
                    finding.severity,
                    finding.rule,
                    finding.message
                );
            }
            write!(out, "{text}")?;
            writeln!(out)?;
        }
    }
    writeln!(out, "{}", summary.line())
}
