use std::process::ExitCode;

use clap::Parser;
use copydesk::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    copydesk::commands::run(cli.command).into()
}
