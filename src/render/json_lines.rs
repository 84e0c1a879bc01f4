//! JSON Lines (<https://jsonlines.org/>): one JSON object per finding per line, with the
//! same fields as the findings of the `json` format (see README: JSON output).
//!
//! For log pipelines and scripts that read a stream record by record (`jq -c`, `grep`,
//! a log shipper). There is no summary record: every line is a finding, so a consumer
//! never has to tell two kinds of record apart; the counts are the number of lines, and
//! the exit code says whether the run failed. A clean run prints nothing.

use std::io::{self, Write};

use super::{FileReport, RenderContext, json};

pub(super) fn render(cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    for report in cx.reports {
        file(report, out)?;
    }
    Ok(())
}

/// One file's findings, a line each.
pub(super) fn file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    for finding in json::findings(report) {
        serde_json::to_writer(&mut *out, &finding)?;
        writeln!(out)?;
    }
    Ok(())
}
