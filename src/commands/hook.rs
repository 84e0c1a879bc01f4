//! `copydesk hook install|uninstall`: the pre-commit hook of the repository here.

use std::io::{self, Write};

use super::ExitStatus;
use crate::cli::HookCommand;
use crate::error::Error;
use crate::git;

pub(super) fn hook(command: &HookCommand) -> Result<ExitStatus, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", &e))?;
    let repo = git::Repository::discover(&cwd)?;
    let outcome = match command {
        HookCommand::Install { force } => git::hook::install(&repo, *force)?,
        HookCommand::Uninstall => git::hook::uninstall(&repo)?,
    };
    let _ = writeln!(io::stdout().lock(), "{outcome}");
    Ok(ExitStatus::Success)
}
