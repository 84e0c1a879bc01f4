//! Renderers: one file per output format. A renderer knows nothing about rules; it reads
//! findings, their files and the rules' descriptions as plain data ([`RenderContext`])
//! and writes text.

mod concise;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod json_lines;
mod junit;
mod rdjson;
mod sarif;
pub mod statistics;

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

pub use human::HumanOptions;

/// Where the project lives, for formats that link to it (SARIF, rdjson).
pub const REPOSITORY_URL: &str = env!("CARGO_PKG_REPOSITORY");

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
        if self.files == 0 && self.unchecked > 0 {
            return format!(
                "nothing was checked: {} could not be checked (see the errors above)",
                plural(self.unchecked, "file")
            );
        }
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
    /// One JSON object per finding per line, with the fields of `json`'s findings.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations; the full report goes to the job summary.
    Github,
    /// GitLab Code Quality report (a JSON array).
    Gitlab,
    /// JUnit XML: one test suite per file, one failed test case per finding.
    Junit,
    /// reviewdog's diagnostic format (rdjson).
    Rdjson,
}

impl OutputFormat {
    /// Formats written file by file as the run goes, so memory does not grow with the
    /// number of files: see [`Stream`].
    pub fn streams(self) -> bool {
        matches!(
            self,
            OutputFormat::Human
                | OutputFormat::Concise
                | OutputFormat::Json
                | OutputFormat::JsonLines
        )
    }
}

/// A report written file by file: [`Stream::file`] for each checked file in order, then
/// [`Stream::end`]. Only for formats that [`OutputFormat::streams`].
#[derive(Debug)]
pub struct Stream {
    format: OutputFormat,
    json: json::Stream,
}

impl Stream {
    pub fn new(format: OutputFormat) -> Self {
        Self {
            format,
            json: json::Stream::default(),
        }
    }

    /// One file's findings.
    pub fn file(
        &mut self,
        cx: &RenderContext<'_>,
        report: &FileReport,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match self.format {
            OutputFormat::Human => human::file(report, &cx.human, out),
            OutputFormat::Concise => concise::file(report, out),
            OutputFormat::Json => self.json.file(report, out),
            OutputFormat::JsonLines => json_lines::file(report, out),
            _ => Ok(()),
        }
    }

    /// What closes the report: the summary line, or the end of the JSON document.
    pub fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            OutputFormat::Human | OutputFormat::Concise => writeln!(out, "{}", summary.line()),
            OutputFormat::Json => self.json.end(summary, out),
            _ => Ok(()),
        }
    }
}

/// What a renderer is told about one rule in force: plain data, so that renderers need
/// no rule logic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// The public id, e.g. `unattributed-figure`.
    pub id: String,
    /// The rule kind's name, e.g. `figure-attribution`.
    pub kind: String,
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: String,
    /// What to do about a finding, with the policy's placeholders filled in.
    pub help: String,
    /// The kind's documentation (Markdown): what it does, why, examples, options.
    pub doc: String,
}

impl RuleMeta {
    /// The first paragraph of the kind's documentation, on one line.
    pub fn description(&self) -> String {
        let paragraph: Vec<&str> = self
            .doc
            .lines()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect();
        if paragraph.is_empty() {
            self.summary.clone()
        } else {
            paragraph.join(" ")
        }
    }
}

/// Turns the paths shown for checked files (relative to the current folder, as typed)
/// into paths relative to the repository root, as CI services want them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator {
    /// The repository root (the nearest folder above the current one with a `.git`), or
    /// the current folder when there is none.
    root: PathBuf,
    cwd: PathBuf,
}

/// A file as a URI: relative to the repository root (with `base`) or absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactUri {
    pub uri: String,
    /// `Some("SRCROOT")` for a URI relative to the repository root.
    pub base: Option<&'static str>,
}

/// The `uriBaseId` of URIs relative to the repository root.
pub const SRCROOT: &str = "SRCROOT";

impl Locator {
    pub fn new(root: impl Into<PathBuf>, cwd: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            cwd: cwd.into(),
        }
    }

    /// Paths as given: the repository root is the current folder.
    pub fn here() -> Self {
        Self::new("", "")
    }

    /// The file's path below the repository root, with `/` between names; `None` when
    /// it lies outside (an absolute path elsewhere, `../` out of the repository).
    fn below_root(&self, display: &str) -> Option<String> {
        let path = Path::new(display);
        let full = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.cwd.join(path)
        };
        let full = normalize(&full);
        let relative = full.strip_prefix(normalize(&self.root)).ok()?;
        let mut names = Vec::new();
        for c in relative.components() {
            match c {
                Component::Normal(name) => names.push(name.to_string_lossy().into_owned()),
                _ => return None,
            }
        }
        Some(names.join("/"))
    }

    /// The path CI services show: relative to the repository root with `/` between
    /// names, or the path as given when the file lies outside the repository.
    pub fn repo_path(&self, display: &str) -> String {
        self.below_root(display)
            .unwrap_or_else(|| slashes(Path::new(display)))
    }

    /// The file as a URI (RFC 3986): percent-encoded, relative to the repository root,
    /// or a `file://` URI when it lies outside.
    pub fn uri(&self, display: &str) -> ArtifactUri {
        match self.below_root(display) {
            Some(relative) => ArtifactUri {
                uri: percent_encode_path(&relative),
                base: Some(SRCROOT),
            },
            None => {
                let path = Path::new(display);
                let full = if path.is_absolute() {
                    path.to_path_buf()
                } else {
                    self.cwd.join(path)
                };
                ArtifactUri {
                    uri: file_uri(&normalize(&full)),
                    base: None,
                }
            }
        }
    }

    /// The repository root as a `file://` URI ending in `/`; `None` when the root is not
    /// known as an absolute path.
    pub fn root_uri(&self) -> Option<String> {
        if !self.root.is_absolute() {
            return None;
        }
        let mut uri = file_uri(&normalize(&self.root));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        Some(uri)
    }
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A path with `/` between its names, whatever the platform.
fn slashes(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

fn file_uri(absolute: &Path) -> String {
    let path = slashes(absolute);
    let path = if path.starts_with('/') {
        path
    } else {
        // A Windows path: `C:/x` becomes `file:///C:/x`.
        format!("/{path}")
    };
    format!("file://{}", percent_encode_path(&path))
}

/// Percent-encodes every byte of a path except RFC 3986's unreserved characters and `/`.
pub(crate) fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Everything a renderer reads about a run.
#[derive(Debug)]
pub struct RenderContext<'a> {
    /// The checked files and their findings, in path order.
    pub reports: &'a [FileReport],
    pub summary: Summary,
    /// The rules of the policies used in the run (rules set to `off` left out), each id
    /// once, in policy order.
    pub rules: Vec<RuleMeta>,
    pub locator: Locator,
    pub human: HumanOptions,
    /// `github`: the job summary file (`$GITHUB_STEP_SUMMARY`), to which the full report
    /// is appended by [`append_step_summary`].
    pub step_summary: Option<PathBuf>,
}

impl<'a> RenderContext<'a> {
    /// A context with no rule descriptions, paths as given, no colour.
    pub fn new(reports: &'a [FileReport], summary: Summary) -> Self {
        Self {
            reports,
            summary,
            rules: Vec::new(),
            locator: Locator::here(),
            human: HumanOptions::default(),
            step_summary: None,
        }
    }

    /// The index of a rule in [`Self::rules`].
    pub fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// Every finding, with its file.
    pub fn findings(&self) -> impl Iterator<Item = (&'a FileReport, &'a Diagnostic)> + 'a {
        self.reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
    }
}

/// Writes the findings of a run.
pub fn render(format: OutputFormat, cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::render(cx.reports, &cx.summary, &cx.human, out),
        OutputFormat::Concise => concise::render(cx.reports, &cx.summary, out),
        OutputFormat::Json => json::render(cx.reports, &cx.summary, out),
        OutputFormat::JsonLines => json_lines::render(cx, out),
        OutputFormat::Sarif => sarif::render(cx, out),
        OutputFormat::Github => github::render(cx, out),
        OutputFormat::Gitlab => gitlab::render(cx, out),
        OutputFormat::Junit => junit::render(cx, out),
        OutputFormat::Rdjson => rdjson::render(cx, out),
    }
}

/// `github`: appends the full report, as Markdown, to `cx.step_summary` (created if
/// missing, never truncated). Does nothing without one.
pub fn append_step_summary(cx: &RenderContext<'_>) -> io::Result<()> {
    match &cx.step_summary {
        Some(path) => github::append_step_summary(cx, path),
        None => Ok(()),
    }
}
