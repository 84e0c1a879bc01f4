//! The commands and their exit codes. `check` lives in [`crate::check`]; this module
//! holds the others (`rules`, `explain`, `hook`) and the error reporting they share.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::cli::{Command, ExplainArgs, HookCommand, PolicyArgs};
use crate::config::{ConfigChoice, Policies};
use crate::error::Error;
use crate::git;
use crate::policy::Policy;
use crate::rules;

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
        Command::Check(args) => crate::check::check(&args),
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
