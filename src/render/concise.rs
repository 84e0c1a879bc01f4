//! `path:line:col: severity[rule] message`, one finding per line, for scripts and editors.

use std::io::{self, Write};

use super::{FileReport, Summary};

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
        file(report, out)?;
    }
    writeln!(out, "{}", summary.line())
}

/// One file's findings.
pub(super) fn file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let mut cursor = report.source.cursor();
    for d in &report.diagnostics {
        let p = cursor.at(d.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            report.source.path, p.line, p.column, d.severity, d.rule, d.message
        )?;
    }
    Ok(())
}
