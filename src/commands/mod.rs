//! The commands: the only layer that prints and decides the exit code. Each command has
//! its file; this one dispatches, and draws the errors they share.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use miette::{GraphicalReportHandler, GraphicalTheme};

pub mod check;
mod explain;
mod hook;
mod policy;
mod rules;

use crate::cli::{Command, PolicyArgs};
use crate::error::Error;
use crate::policy::Policy;
use crate::policy::discover::{ConfigChoice, Policies};

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
        Command::Check(args) => check::check(&args),
        Command::Rules(args) => rules::list_rules(&args),
        Command::Explain(args) => explain::explain(&args),
        Command::Hook(command) => hook::hook(&command),
        Command::Policy(command) => policy::run(&command),
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
