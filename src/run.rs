//! The commands: find the files, load each policy once, check, render, choose the exit
//! code. Errors about one file are reported and the other files are still checked.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::cli::{CheckArgs, ColorChoice, Command, ExplainArgs, FailOn, HookCommand, PolicyArgs};
use crate::config::{ConfigChoice, Policies};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine;
use crate::error::Error;
use crate::fix;
use crate::git::{self, ChangedLines};
use crate::policy::Policy;
use crate::policy::template::fill;
use crate::render::statistics;
use crate::render::{
    self, FileReport, HumanOptions, Locator, OutputFormat, RenderContext, RuleMeta, Summary,
};
use crate::rules;
use crate::source::Source;

/// The run's outcome, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above the failure level.
    Success = 0,
    /// Findings at or above the failure level.
    Findings = 1,
    /// The run could not be completed: usage, configuration, unreadable input.
    Error = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        ExitCode::from(s as u8)
    }
}

pub fn run(command: Command) -> ExitStatus {
    let result = match command {
        Command::Check(args) => check(&args),
        Command::Rules(args) => list_rules(&args),
        Command::Explain(args) => explain(&args),
        Command::Hook(command) => hook(&command),
        Command::Policy(command) => crate::policy_commands::run(&command),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            report_errors(&[e]);
            ExitStatus::Error
        }
    }
}

pub(crate) fn choice(args: &PolicyArgs) -> ConfigChoice {
    ConfigChoice {
        config: args.config.clone(),
        isolated: args.isolated,
    }
}

/// Errors go to standard error, drawn like findings so they point into the file at fault.
pub fn report_errors(errors: &[Error]) {
    let color = io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut stderr = io::stderr().lock();
    for e in errors {
        let mut text = String::new();
        if !e.drawable() || handler.render_report(&mut text, e).is_err() {
            text = format!("error: {e}\n");
            if let Some(help) = miette::Diagnostic::help(e) {
                text.push_str(&format!("  help: {help}\n"));
            }
        }
        let _ = writeln!(stderr, "{text}");
    }
}

/// One input: a path on disk, staged content, or standard input.
enum Input {
    File {
        path: PathBuf,
        display: String,
        /// With `--changed-lines`: the lines whose findings are reported.
        lines: Option<ChangedLines>,
    },
    Staged {
        /// The file's place in the working tree, where its configuration is looked for.
        path: PathBuf,
        display: String,
        bytes: Vec<u8>,
        lines: Option<ChangedLines>,
    },
    Stdin {
        display: String,
    },
}

impl Input {
    fn lines(&self) -> Option<&ChangedLines> {
        match self {
            Input::File { lines, .. } | Input::Staged { lines, .. } => lines.as_ref(),
            Input::Stdin { .. } => None,
        }
    }
}

fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map_or(s.clone(), str::to_string)
}

/// `path` (absolute) as seen from `cwd` (absolute): `articles/a.md`, `../a.md`.
fn relative_display(path: &Path, cwd: &Path) -> String {
    let mut common = 0;
    for (a, b) in path.components().zip(cwd.components()) {
        if a != b {
            break;
        }
        common += 1;
    }
    if common == 0 {
        return path.display().to_string();
    }
    // Forward slashes, as git shows paths, on every platform.
    let ups = cwd.components().skip(common).map(|_| "..".to_string());
    let downs = path
        .components()
        .skip(common)
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

pub(crate) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Expands the command line's paths into inputs, sorted by path; errors are collected.
fn collect_inputs(args: &CheckArgs, errors: &mut Vec<Error>) -> Vec<Input> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut stdin = None;
    for path in &args.paths {
        if path.as_os_str() == "-" {
            stdin = Some(
                args.stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".to_string()),
            );
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(&display_path(path), &e));
                continue;
            }
        };
        if meta.is_dir() {
            let walker = ignore::WalkBuilder::new(path).follow_links(false).build();
            for entry in walker {
                match entry {
                    Ok(entry) => {
                        let is_file = entry.file_type().is_some_and(|t| t.is_file());
                        if is_file && is_markdown(entry.path()) {
                            files.push((display_path(entry.path()), entry.path().to_path_buf()));
                        }
                    }
                    Err(e) => errors.push(Error::Io {
                        path: display_path(path),
                        reason: e.to_string(),
                        help: None,
                    }),
                }
            }
        } else if meta.is_file() {
            // A file named on the command line is checked whatever its extension.
            files.push((display_path(path), path.clone()));
        } else {
            // A FIFO or a device would block the run or never end.
            errors.push(Error::Io {
                path: display_path(path),
                reason: "not a regular file".into(),
                help: Some("name Markdown files or folders; pipes are read with `-`".into()),
            });
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    let mut inputs: Vec<Input> = files
        .into_iter()
        .map(|(display, path)| Input::File {
            path,
            display,
            lines: None,
        })
        .collect();
    if let Some(display) = stdin {
        inputs.push(Input::Stdin { display });
    }
    inputs
}

/// Bytes -> text, or an error that names the first invalid byte.
fn decode(display: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e
            .as_bytes()
            .get(..offset)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
            + 1;
        Error::InvalidUtf8 {
            path: display.to_string(),
            offset,
            line,
        }
    })
}

/// The files `--staged` or `--changed` select, below the paths given, sorted by path.
fn collect_changed(args: &CheckArgs) -> Result<Vec<Input>, Error> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "standard input (`-`) cannot be combined with --staged or --changed".into(),
        ));
    }
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::io(".", &e))?;
    let repo = git::Repository::discover(&cwd)?;
    let files = if args.staged {
        repo.staged()?
    } else {
        repo.changed(args.since.as_deref())?.0
    };
    // The paths given narrow the selection; a path that does not exist selects nothing.
    let scopes: Vec<PathBuf> = args
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| cwd.join(p)))
        .collect();
    Ok(files
        .into_iter()
        .filter(|f| scopes.iter().any(|s| f.path.starts_with(s)))
        .map(|f| {
            let display = relative_display(&f.path, &cwd);
            let lines = args.changed_lines.then_some(f.lines);
            match f.staged {
                Some(bytes) => Input::Staged {
                    path: f.path,
                    display,
                    bytes,
                    lines,
                },
                None => Input::File {
                    path: f.path,
                    display,
                    lines,
                },
            }
        })
        .collect())
}

fn read_input(input: &Input) -> Result<Source, Error> {
    match input {
        Input::File { path, display, .. } => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(display, &e))?;
            Ok(Source::new(display.clone(), decode(display, bytes)?))
        }
        Input::Staged { display, bytes, .. } => Ok(Source::new(
            display.clone(),
            decode(display, bytes.clone())?,
        )),
        Input::Stdin { display } => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(display, &e))?;
            Ok(Source::new(display.clone(), decode(display, bytes)?))
        }
    }
}

/// The nearest folder at or above `dir` that holds a `.git` (a folder, or a file in a
/// worktree or submodule).
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The rules of the policies used, as renderers read them: rules set to `off` left out,
/// each id once (the first policy that has it describes it).
fn rules_in_force(policies: &[Arc<Policy>]) -> Vec<RuleMeta> {
    let mut rules: Vec<RuleMeta> = Vec::new();
    for policy in policies {
        let publication = policy.publication.as_deref().unwrap_or("the publication");
        for r in &policy.rules {
            if r.severity == Severity::Off || rules.iter().any(|m| m.id == r.id) {
                continue;
            }
            rules.push(RuleMeta {
                id: r.id.clone(),
                kind: r.kind.name.to_string(),
                severity: r.severity,
                summary: if r.summary.is_empty() {
                    r.kind.summary()
                } else {
                    r.summary.clone()
                },
                help: fill(&r.texts.help, &[("publication", publication)]),
                doc: r.kind.doc(),
            });
        }
    }
    rules
}

/// Opens the `--output-file` (created or truncated) before any article is read, so that
/// an unwritable path stops the run at once; refuses a path that is one of the articles.
fn open_output_file(path: &Path, inputs: &[Input]) -> Result<(String, File), Error> {
    let shown = path.display().to_string();
    if let Ok(target) = std::fs::canonicalize(path) {
        let is_input = inputs.iter().any(|input| match input {
            Input::File { path, .. } => std::fs::canonicalize(path).is_ok_and(|p| p == target),
            Input::Staged { .. } | Input::Stdin { .. } => false,
        });
        if is_input {
            return Err(Error::Usage(format!(
                "`{shown}` is both the report file and an article to check; the report \
                 would overwrite it (write the report elsewhere, or give it an extension \
                 other than .md)"
            )));
        }
    }
    let file = File::create(path).map_err(|e| Error::write(&shown, &e))?;
    Ok((shown, file))
}

fn check(args: &CheckArgs) -> Result<ExitStatus, Error> {
    let fixing = fix_mode(args)?;
    let mut errors = Vec::new();
    let inputs = if args.staged || args.changed {
        collect_changed(args)?
    } else {
        collect_inputs(args, &mut errors)
    };
    let output_file = match &args.output_file {
        Some(path) => Some(open_output_file(path, &inputs)?),
        None => None,
    };
    // Paths that could not even be listed (missing files, unreadable folders).
    let unlisted = errors.len();
    let mut policies = Policies::new(choice(&args.policy));
    let mut fixes = FixTally::default();
    let fix_roots = checked_roots(&args.paths);
    let mut diffs = String::new();
    let mut suppressed: BTreeMap<String, (usize, Severity)> = BTreeMap::new();
    let mut reports = Vec::new();
    let mut failed_configs = Vec::new();
    let mut used_policies: Vec<Arc<Policy>> = Vec::new();
    let mut unchecked = 0;
    for input in &inputs {
        let source = match read_input(input) {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                unchecked += 1;
                continue;
            }
        };
        let config_dir = match input {
            Input::File { path, .. } | Input::Staged { path, .. } => path.clone(),
            // The name given with --stdin-filename: its folder's configuration, and the
            // overrides its path matches.
            Input::Stdin { display } => PathBuf::from(display),
        };
        let policy = match policies.for_article(&config_dir, Some(&source.text)) {
            Ok(p) => p,
            Err(e) => {
                unchecked += 1;
                // Report a broken configuration once, not once per file.
                let key = e.to_string();
                if !failed_configs.contains(&key) {
                    failed_configs.push(key);
                    report_errors(std::slice::from_ref(&*e));
                }
                continue;
            }
        };
        let (source, checked) = match fixing {
            Some(allowed) => {
                let fixed = fix::fix_text(&policy, &source.path, source.text.clone(), allowed);
                let outcome = if fixed.text == source.text {
                    Ok(())
                } else if args.diff {
                    diffs.push_str(&fix::unified_diff(&source.path, &source.text, &fixed.text));
                    Ok(())
                } else if let Input::File { path, .. } = input {
                    fix::write_fixed(path, &source.text, &fixed.text, &fix_roots).map_err(|e| {
                        Error::Write {
                            path: source.path.clone(),
                            reason: e.to_string(),
                            help: None,
                        }
                    })
                } else {
                    Ok(())
                };
                match outcome {
                    Ok(()) if fixed.text != source.text => {
                        fixes.files += 1;
                        fixes.applied += fixed.applied;
                        if !fixed.converged {
                            fixes.unconverged.push(source.path.clone());
                        }
                        (Source::new(source.path.clone(), fixed.text), fixed.checked)
                    }
                    Ok(()) => (source, fixed.checked),
                    Err(e) => {
                        // Not written: report the findings of the file as it is.
                        errors.push(e);
                        let checked = engine::check_source_full(&policy, &source);
                        (source, checked)
                    }
                }
            }
            None => {
                let checked = engine::check_source_full(&policy, &source);
                (source, checked)
            }
        };
        let mut diagnostics = checked.diagnostics;
        if let Some(lines) = input.lines() {
            keep_changed_lines(&source, lines, &mut diagnostics);
        }
        for d in &checked.suppressed {
            suppressed
                .entry(d.rule.clone())
                .or_insert((0, d.severity))
                .0 += 1;
        }
        if !used_policies.iter().any(|p| Arc::ptr_eq(p, &policy)) {
            used_policies.push(Arc::clone(&policy));
        }
        reports.push(FileReport {
            source,
            diagnostics,
        });
    }

    if args.diff {
        if let Err(e) = write_report(output_file, |out| out.write_all(diffs.as_bytes())) {
            errors.push(e);
        }
        let failed = !errors.is_empty() || !failed_configs.is_empty();
        report_errors(&errors);
        return Ok(if failed {
            ExitStatus::Error
        } else if fixes.files > 0 {
            ExitStatus::Findings
        } else {
            ExitStatus::Success
        });
    }
    if fixing.is_some() {
        fixes.report();
    }
    if args.statistics {
        let written = write_report(output_file, |out| {
            statistics::render(args.format, &reports, &suppressed, out)
        });
        if let Err(e) = written {
            errors.push(e);
        }
        let failed = !errors.is_empty() || !failed_configs.is_empty();
        report_errors(&errors);
        return Ok(if failed {
            ExitStatus::Error
        } else {
            exit_for(args.fail_on, &reports)
        });
    }

    let mut summary = Summary {
        unchecked: unlisted + unchecked,
        ..Summary::default()
    };
    for r in &reports {
        summary.add(r);
    }
    let to_terminal = output_file.is_none() && io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = if to_terminal {
        terminal_width().unwrap_or(100)
    } else {
        100
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = repository_root(&cwd).unwrap_or_else(|| cwd.clone());
    let step_summary = if args.format == OutputFormat::Github {
        std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    } else {
        None
    };
    let cx = RenderContext {
        reports: &reports,
        summary,
        rules: rules_in_force(&used_policies),
        locator: Locator::new(root, cwd),
        human: HumanOptions { color, width },
        step_summary,
    };
    if let Err(e) = write_report(output_file, |out| render::render(args.format, &cx, out)) {
        errors.push(e);
    }
    if let Some(path) = &cx.step_summary
        && let Err(e) = render::append_step_summary(&cx)
    {
        let mut error = Error::write(&path.display().to_string(), &e);
        if let Error::Write { help, .. } = &mut error {
            *help = Some("GITHUB_STEP_SUMMARY names the file that receives the job summary".into());
        }
        errors.push(error);
    }

    let had_errors = !errors.is_empty() || !failed_configs.is_empty();
    report_errors(&errors);
    if had_errors {
        return Ok(ExitStatus::Error);
    }
    Ok(exit_for(args.fail_on, &reports))
}

/// The folders being checked, canonical: `--fix` follows a symbolic link only to a file
/// inside them. A file named on the command line stands for its folder.
fn checked_roots(paths: &[PathBuf]) -> Vec<PathBuf> {
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

/// Writes a report to the `--output-file`, or to standard output (a closed pipe, as with
/// `| head`, is not an error).
fn write_report(
    output_file: Option<(String, File)>,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    match output_file {
        Some((shown, file)) => {
            let mut out = BufWriter::new(file);
            render(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| Error::write(&shown, &e))
        }
        None => {
            let mut stdout = io::stdout().lock();
            let result = render(&mut stdout).and_then(|()| stdout.flush());
            match result {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(Error::write("<stdout>", &e))
                }
                _ => Ok(()),
            }
        }
    }
}

/// 1 when a finding is at or above the `--fail-on` level, else 0.
fn exit_for(fail_on: FailOn, reports: &[FileReport]) -> ExitStatus {
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= t)
    });
    if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
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

/// `--changed-lines`: keeps findings whose span touches a changed line, and findings
/// about the whole document.
fn keep_changed_lines(source: &Source, lines: &ChangedLines, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain(|d| {
        let first = source.line_of(d.span.start) + 1;
        let last = source.line_of(d.span.end.saturating_sub(1).max(d.span.start)) + 1;
        d.document_level || lines.touches(first, last)
    });
}

fn hook(command: &HookCommand) -> Result<ExitStatus, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", &e))?;
    let repo = git::Repository::discover(&cwd)?;
    let outcome = match command {
        HookCommand::Install { force } => git::hook::install(&repo, *force)?,
        HookCommand::Uninstall => git::hook::uninstall(&repo)?,
    };
    let _ = writeln!(io::stdout().lock(), "{outcome}");
    Ok(ExitStatus::Success)
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// The policy for commands that are not about particular files: from the current folder.
pub(crate) fn policy_here(args: &PolicyArgs) -> Result<std::sync::Arc<Policy>, Error> {
    let mut policies = Policies::new(choice(args));
    policies
        .for_path(Path::new("."))
        .map_err(|e| match std::sync::Arc::try_unwrap(e) {
            Ok(e) => e,
            Err(shared) => Error::PolicyPlain {
                message: shared.to_string(),
                help: None,
            },
        })
}

fn list_rules(args: &PolicyArgs) -> Result<ExitStatus, Error> {
    let policy = policy_here(args)?;
    let mut out = io::stdout().lock();
    let id_w = policy
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let kind_w = policy
        .rules
        .iter()
        .map(|r| r.kind.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{:id_w$}  {:kind_w$}  {:8}  WHAT IT CHECKS",
        "RULE", "KIND", "SEVERITY"
    );
    for r in &policy.rules {
        let summary = if r.summary.is_empty() {
            r.kind.summary()
        } else {
            r.summary.clone()
        };
        let _ = writeln!(
            out,
            "{:id_w$}  {:kind_w$}  {:8}  {summary}",
            r.id,
            r.kind.name,
            r.severity.as_str()
        );
    }
    let _ = writeln!(out, "\nPolicy: {}", policy.sources.join(" + "));
    let _ = writeln!(
        out,
        "Run `copydesk explain RULE` for what a rule checks, why, and its settings."
    );
    Ok(ExitStatus::Success)
}

fn explain(args: &ExplainArgs) -> Result<ExitStatus, Error> {
    let policy = policy_here(&args.policy)?;
    let text = if let Some(rule) = policy.rule(&args.rule) {
        explain_rule(rule)
    } else if let Some(kind) = rules::kind(&args.rule) {
        format!("{} (rule kind)\n\n{}", kind.name, kind.doc())
    } else {
        let ids = policy.rules.iter().map(|r| r.id.as_str());
        let near = crate::policy::closest(&args.rule, ids);
        let ids: Vec<&str> = policy.rules.iter().map(|r| r.id.as_str()).collect();
        let help = match near {
            Some(n) => format!("did you mean `{n}`? Rules: {}", ids.join(", ")),
            None => format!("rules: {}", ids.join(", ")),
        };
        return Err(Error::Usage(format!(
            "no rule named `{}`; {help}",
            args.rule
        )));
    };
    let mut out = io::stdout().lock();
    let _ = write!(out, "{text}");
    Ok(ExitStatus::Success)
}

fn explain_rule(rule: &crate::policy::Rule) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({} by default, kind `{}`)",
        rule.id, rule.severity, rule.kind.name
    );
    if !rule.summary.is_empty() {
        let _ = writeln!(s, "{}", rule.summary);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", rule.kind.doc().trim_end());
    let _ = writeln!(s, "\n## In this policy");
    let _ = writeln!(s, "Message: {}", rule.texts.message);
    for (k, v) in &rule.texts.messages {
        let _ = writeln!(s, "Message `{k}`: {v}");
    }
    if !rule.texts.help.is_empty() {
        let _ = writeln!(s, "Help: {}", rule.texts.help);
    }
    if !rule.params.is_empty() {
        let _ = writeln!(s, "\nSettings:");
        for (k, v) in &rule.params {
            let _ = writeln!(s, "  {k} = {}", short_value(v));
        }
    }
    let show = |s: &mut String, title: &str, list: &[crate::policy::Example]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{title}");
        for ex in list {
            let _ = writeln!(s, "  ---");
            for line in ex.text().lines() {
                let _ = writeln!(s, "  {line}");
            }
            if let Some(m) = ex.message() {
                let _ = writeln!(s, "  => {m}");
            }
        }
    };
    show(&mut s, "Examples that are reported:", &rule.examples.fail);
    show(&mut s, "Examples that pass:", &rule.examples.pass);
    s
}

fn short_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Array(items) if items.len() > 6 => {
            let shown: Vec<String> = items.iter().take(6).map(toml::Value::to_string).collect();
            format!("[{}, … {} more]", shown.join(", "), items.len() - 6)
        }
        other => other.to_string(),
    }
}
