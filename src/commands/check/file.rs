//! The work done for one input, on any thread: read it, find its policy, check it (and
//! fix it, with `--fix` or `--diff`), keep the findings on changed lines.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::inputs::{Input, read_input};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::statements::StatementKind;
use crate::error::Error;
use crate::git::ChangedLines;
use crate::lint;
use crate::lint::fix;
use crate::policy::Policy;
use crate::policy::discover::Policies;
use crate::render::FileReport;
use crate::source::Source;

/// What every worker shares.
pub(super) struct Shared {
    pub policies: Mutex<Policies>,
    pub fixing: Option<fix::Allowed>,
    /// `--diff`: compute fixes but write nothing.
    pub diff_only: bool,
    /// Canonical folders being checked: `--fix` follows symbolic links only into them.
    pub fix_roots: Vec<PathBuf>,
    /// `--max-file-size`; `None`: no limit.
    pub max_file_size: Option<u64>,
}

/// What `--fix` or `--diff` did to one file.
#[derive(Debug, Default)]
pub(super) struct FileFix {
    pub applied: usize,
    pub converged: bool,
    /// `--diff`: the unified diff, when there are changes.
    pub diff: Option<String>,
}

pub(super) enum Outcome {
    Checked {
        report: FileReport,
        /// Rule and severity of each finding a suppression covered.
        suppressed: Vec<(String, Severity)>,
        /// The kinds of statements found, one per statement.
        statements: Vec<StatementKind>,
        policy: Arc<Policy>,
        fix: Option<FileFix>,
        /// The file was checked but something went wrong after (a fix not written).
        error: Option<Error>,
    },
    /// Not read: missing, unreadable, too large, binary, not UTF-8.
    Unreadable(Error),
    /// Its configuration is broken; the same error comes back for every file it governs.
    BadConfig(Arc<Error>),
}

pub(super) fn check_input(input: &Input, shared: &Shared) -> Outcome {
    let source = match read_input(input, shared.max_file_size) {
        Ok(s) => s,
        Err(e) => return Outcome::Unreadable(e),
    };
    let config_path = match input {
        Input::File { path, .. } | Input::Staged { path, .. } => path.clone(),
        // The name given with --stdin-filename: its folder's configuration, and the
        // overrides its path matches.
        Input::Stdin { display } => PathBuf::from(display),
    };
    let policy = {
        let mut policies = shared.policies.lock().unwrap_or_else(|e| e.into_inner());
        policies.for_article(&config_path, Some(&source.text))
    };
    let policy = match policy {
        Ok(p) => p,
        Err(e) => return Outcome::BadConfig(e),
    };
    let (source, checked, fix, error) = match shared.fixing {
        None => {
            let checked = lint::check_source_full(&policy, &source);
            (source, checked, None, None)
        }
        Some(allowed) => fix_input(input, source, &policy, allowed, shared),
    };
    let mut diagnostics = checked.diagnostics;
    if let Some(lines) = input.lines() {
        keep_changed_lines(&source, lines, &mut diagnostics);
    }
    Outcome::Checked {
        report: FileReport {
            source,
            diagnostics,
        },
        suppressed: checked
            .suppressed
            .into_iter()
            .map(|d| (d.rule, d.severity))
            .collect(),
        statements: checked.statements,
        policy,
        fix,
        error,
    }
}

/// Fixes one input: a diff for `--diff`, the file rewritten for `--fix`. The findings
/// returned are those of the fixed text, or of the original when it was not written.
fn fix_input(
    input: &Input,
    source: Source,
    policy: &Policy,
    allowed: fix::Allowed,
    shared: &Shared,
) -> (Source, lint::Checked, Option<FileFix>, Option<Error>) {
    let fixed = fix::fix_text(policy, &source.path, source.text.clone(), allowed);
    if fixed.text == source.text {
        let file_fix = FileFix {
            converged: fixed.converged,
            ..FileFix::default()
        };
        return (source, fixed.checked, Some(file_fix), None);
    }
    let file_fix = FileFix {
        applied: fixed.applied,
        converged: fixed.converged,
        diff: shared
            .diff_only
            .then(|| fix::unified_diff(&source.path, &source.text, &fixed.text)),
    };
    let written = match input {
        _ if shared.diff_only => Ok(()),
        Input::File { path, .. } => {
            super::write::write_fixed(path, &source.text, &fixed.text, &shared.fix_roots)
        }
        // Staged content and standard input are refused before the run starts.
        Input::Staged { .. } | Input::Stdin { .. } => Ok(()),
    };
    match written {
        Ok(()) => {
            let source = Source::new(source.path.clone(), fixed.text);
            (source, fixed.checked, Some(file_fix), None)
        }
        Err(refused) => {
            let error = Error::Write {
                path: source.path.clone(),
                reason: refused.to_string(),
                help: None,
            };
            // Not written: report the findings of the file as it is.
            let checked = lint::check_source_full(policy, &source);
            (source, checked, None, Some(error))
        }
    }
}

/// `--changed-lines`: keeps findings whose span touches a changed line, and findings
/// about the whole document.
fn keep_changed_lines(source: &Source, lines: &ChangedLines, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain(|d| {
        let first = source.line_of(d.span.start) + 1;
        let last = source.line_of(d.span.end.saturating_sub(1).max(d.span.start)) + 1;
        d.document_level || lines.touches(first, last)
    });
}

/// The folders being checked, canonical: `--fix` follows a symbolic link only to a file
/// inside them. A file named on the command line stands for its folder.
pub(super) fn checked_roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter_map(|p| {
            let dir = match p.parent() {
                _ if p.is_dir() => p.as_path(),
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            std::fs::canonicalize(dir).ok()
        })
        .collect()
}
