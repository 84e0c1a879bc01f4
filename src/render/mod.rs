//! Renderers: one file per output format. A renderer knows nothing about rules; it reads
//! findings and their files and writes text.

mod concise;
mod human;
mod json;
pub mod statistics;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

pub use human::HumanOptions;

/// One checked file and its findings, sorted.
#[derive(Debug)]
pub struct FileReport {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts over the whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Inputs that could not be checked (unreadable, not UTF-8, bad configuration).
    pub unchecked: usize,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
                Severity::Off => {}
            }
        }
    }

    /// "2 errors, 5 warnings in 1 file"; "no problems found in 3 files".
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let parts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| plural(*n, w))
        .collect();
        let files = plural(self.files, "file");
        let mut line = if parts.is_empty() {
            format!("no problems found in {files}")
        } else {
            format!("{} in {files}", parts.join(", "))
        };
        if self.unchecked > 0 {
            let verb = if self.unchecked == 1 { "was" } else { "were" };
            line.push_str(&format!(
                "; {} {verb} not checked (see the errors above)",
                plural(self.unchecked, "file")
            ));
        }
        line
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A report for people: the source line, the words underlined, the rule and help.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document with every finding and a summary (see README: JSON output).
    Json,
}

/// Writes the findings of a run. `human` options only matter for the human format.
pub fn render(
    format: OutputFormat,
    reports: &[FileReport],
    summary: &Summary,
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::render(reports, summary, human, out),
        OutputFormat::Concise => concise::render(reports, summary, out),
        OutputFormat::Json => json::render(reports, summary, out),
    }
}
