//! `copydesk check`: find the inputs, check them on `--threads` threads, report in path
//! order, choose the exit code.
//!
//! Streaming formats (`human`, `concise`, `json-lines`) are written file by file as the
//! run goes, so memory does not grow with the number of files; the others need the whole
//! run (a JSON document, SARIF, the GitHub caps) and are written at the end. Errors about
//! one input are reported after the report and the other inputs are still checked.

mod file;
pub(crate) mod inputs;
mod output;
mod sink;
mod write;

pub use write::write_atomically;

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use crate::cli::{CheckArgs, ColorChoice, FailOn};
use crate::commands::{ExitStatus, choice, report_errors};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lint::fix;
use crate::policy::Policy;
use crate::policy::discover::Policies;
use crate::policy::select::Selector;
use crate::render::{FileReport, HumanOptions, Summary};
use file::{Outcome, Shared};
use sink::Sink;

pub fn check(args: &CheckArgs) -> Result<ExitStatus, Error> {
    let fixing = fix_mode(args)?;
    if args.threads == Some(0) {
        return Err(Error::Usage(
            "--threads must be at least 1 (leave it out to use every core)".into(),
        ));
    }
    if let Some(n) = args.threads {
        crate::parallel::set_threads(n);
    }
    let mut errors = Vec::new();
    let selector = Selector::new(choice(&args.policy), &args.exclude, args.force_exclude)?;
    let inputs = if args.staged || args.changed {
        inputs::collect_changed(args, &selector)?
    } else {
        inputs::collect_inputs(args, &selector, &mut errors)
    };
    // A configuration that cannot choose files cannot check them either: its error is
    // reported now, once, and not again for each file it governs.
    let bad_configs = selector.take_errors();
    let output_file = match &args.output_file {
        Some(path) => Some(output::open_output_file(path, &inputs)?),
        None => None,
    };
    let mut sink = Sink::new(args, human_options(args, output_file.is_none()));
    let (shown, mut out): (String, Box<dyn Write>) = match output_file {
        Some((shown, file)) => (shown, Box::new(BufWriter::new(file))),
        None => (
            "<stdout>".into(),
            Box::new(BufWriter::new(io::stdout().lock())),
        ),
    };
    let shared = Shared {
        policies: Mutex::new(Policies::new(choice(&args.policy))),
        fixing,
        diff_only: args.diff,
        fix_roots: file::checked_roots(&args.paths),
        max_file_size: Some(args.max_file_size).filter(|&n| n > 0),
    };
    let mut run = RunState {
        summary: Summary {
            // Paths that could not even be listed (missing files, unreadable folders).
            unchecked: errors.len(),
            ..Summary::default()
        },
        threshold: threshold(args.fail_on),
        ..RunState::default()
    };
    for e in bad_configs {
        run.config_error(&e);
    }
    // The first write error stops the output; the run goes on and reports it.
    let mut written = Ok(());
    crate::parallel::for_each_ordered(
        &inputs,
        crate::parallel::default_threads(),
        |input| file::check_input(input, &shared),
        |outcome| {
            let Some(report) = run.take(outcome, &mut errors) else {
                return;
            };
            let diff = run.diffs.pop();
            if written.is_ok() {
                written = sink.file(report, diff, &mut out);
            }
        },
    );

    if fixing.is_some() && !args.diff {
        run.fixes.report();
    }
    // The errors come before the summary line that points at them: what is written so
    // far goes out first, then the errors, then the summary.
    let mut reported = Vec::new();
    if out.flush().is_ok() {
        report_errors(&errors);
        reported = std::mem::take(&mut errors);
    }
    let result = written.and_then(|()| sink.finish(&run, &mut out, &mut errors));
    if let Some(e) = result.and_then(|()| out.flush()).err()
        && !(shown == "<stdout>" && e.kind() == io::ErrorKind::BrokenPipe)
    {
        errors.push(Error::write(&shown, &e));
    }
    drop(out);

    report_errors(&errors);
    reported.extend(errors);
    Ok(exit_status(args, &run, &reported))
}

/// 2 when something could not be done, else 1 for findings at `--fail-on` (with
/// `--diff`: for fixes to make), else 0.
fn exit_status(args: &CheckArgs, run: &RunState, errors: &[Error]) -> ExitStatus {
    if !errors.is_empty() || run.bad_config {
        ExitStatus::Error
    } else if args.diff {
        if run.fixes.files > 0 {
            ExitStatus::Findings
        } else {
            ExitStatus::Success
        }
    } else if run.failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

/// What the run has gathered so far, on the thread that reports.
#[derive(Default)]
pub(super) struct RunState {
    summary: Summary,
    threshold: Option<Severity>,
    /// A finding at or above `--fail-on`.
    failing: bool,
    suppressed: BTreeMap<String, (usize, Severity)>,
    /// Statements found by kind: (statements, files), for `--statistics`.
    statements: crate::render::statistics::StatementCounts,
    used_policies: Vec<Arc<Policy>>,
    fixes: FixTally,
    /// The diff of the file just taken, if any.
    diffs: Vec<String>,
    failed_configs: Vec<String>,
    bad_config: bool,
}

impl RunState {
    /// Reports a broken configuration once, not once per file.
    fn config_error(&mut self, e: &Error) {
        self.bad_config = true;
        let key = e.to_string();
        if !self.failed_configs.contains(&key) {
            self.failed_configs.push(key);
            report_errors(std::slice::from_ref(e));
        }
    }

    /// Records one input's outcome; returns its report, if it was checked.
    fn take(&mut self, outcome: Outcome, errors: &mut Vec<Error>) -> Option<FileReport> {
        match outcome {
            Outcome::Unreadable(e) => {
                errors.push(e);
                self.summary.unchecked += 1;
                None
            }
            Outcome::BadConfig(e) => {
                self.summary.unchecked += 1;
                self.config_error(&e);
                None
            }
            Outcome::Checked {
                report,
                suppressed,
                statements,
                policy,
                fix,
                error,
            } => {
                errors.extend(error);
                for (rule, severity) in suppressed {
                    self.suppressed.entry(rule).or_insert((0, severity)).0 += 1;
                }
                for kind in &statements {
                    self.statements.entry(kind.name()).or_default().0 += 1;
                }
                let mut seen: Vec<_> = statements;
                seen.sort();
                seen.dedup();
                for kind in seen {
                    self.statements.entry(kind.name()).or_default().1 += 1;
                }
                if !self.used_policies.iter().any(|p| Arc::ptr_eq(p, &policy)) {
                    self.used_policies.push(policy);
                }
                if let Some(f) = fix {
                    self.fixes.add(&report.source.path, &f);
                    self.diffs.extend(f.diff);
                }
                self.summary.add(&report);
                self.failing |= self
                    .threshold
                    .is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t));
                Some(report)
            }
        }
    }
}

fn human_options(args: &CheckArgs, to_stdout: bool) -> HumanOptions {
    let to_terminal = to_stdout && io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = if to_terminal {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100)
    } else {
        100
    };
    HumanOptions { color, width }
}

fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// Which fixes `--fix`, `--unsafe-fixes` and `--diff` ask for, or why they cannot run.
fn fix_mode(args: &CheckArgs) -> Result<Option<fix::Allowed>, Error> {
    if !(args.fix || args.unsafe_fixes || args.diff) {
        return Ok(None);
    }
    let writes = !args.diff;
    if writes && args.staged {
        return Err(Error::Usage(
            "--fix cannot be combined with --staged: it would change the working tree while checking the index; use --diff to see the fixes".into(),
        ));
    }
    if writes && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "--fix writes files and cannot fix standard input; use --diff to see the fixes".into(),
        ));
    }
    Ok(Some(if args.unsafe_fixes {
        fix::Allowed::Unsafe
    } else {
        fix::Allowed::Safe
    }))
}

/// What `--fix` did, told on standard error (standard output holds the report).
#[derive(Debug, Default)]
struct FixTally {
    applied: usize,
    files: usize,
    unconverged: Vec<String>,
}

impl FixTally {
    fn add(&mut self, path: &str, f: &file::FileFix) {
        if f.applied > 0 {
            self.applied += f.applied;
            self.files += 1;
        }
        if !f.converged {
            self.unconverged.push(path.to_string());
        }
    }

    fn report(&self) {
        let mut err = io::stderr().lock();
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        if self.applied > 0 {
            let _ = writeln!(
                err,
                "fixed {} in {}",
                plural(self.applied, "finding"),
                plural(self.files, "file")
            );
        }
        for path in &self.unconverged {
            let _ = writeln!(
                err,
                "warning: fixes to {path} were still changing it after {} passes; check the result",
                fix::MAX_PASSES
            );
        }
    }
}
