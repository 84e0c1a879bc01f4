//! Findings as plain data: what a rule returns and what every renderer reads.
//!
//! Spans are byte ranges into the original file. Rules never compute lines or columns
//! and never know which output format is in use.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. `Off` is a configuration value only: a rule set to `off`
/// does not run, so no finding ever carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary span that helps explain a finding (for example the `editor:` value in the
/// front matter when the credit line names someone else).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Safe to apply with `--fix`.
    Safe,
    /// Changes meaning in some contexts; only applied on explicit request.
    Unsafe,
    /// Shown as a suggestion, never applied.
    DisplayOnly,
}

/// A replacement of one byte range of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's public id, e.g. `unattributed-figure`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    /// What the primary span's underline says; empty for none.
    pub label: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// A finding about the whole document (missing disclaimer, missing front matter), as
    /// opposed to one about particular words. Line filters keep these whenever the file changed.
    pub document_level: bool,
}

impl Diagnostic {
    /// A finding without rule id and severity: the engine fills those in from the policy,
    /// so a rule kind never hard-codes either.
    pub fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Self {
            rule: String::new(),
            severity: Severity::Warning,
            message: message.into(),
            span,
            label: String::new(),
            labels: Vec::new(),
            help: None,
            fix: None,
            document_level: false,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        let help = help.into();
        if !help.is_empty() {
            self.help = Some(help);
        }
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn document_level(mut self) -> Self {
        self.document_level = true;
        self
    }
}
