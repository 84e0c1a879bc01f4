//! The command line: `check`, `rules`, `explain`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::OutputFormat;

/// copydesk checks opinion pieces written in Markdown against a publication's editorial
/// policy: the disclaimer is present and correctly worded, every figure has a source, the
/// editor is credited, no CMS residue or placeholder text slipped in, the front matter is
/// complete.
///
/// With no configuration, the built-in `opinion` policy applies. A `copydesk.toml` in the
/// article's folder or any folder above it (up to the repository root) changes it.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  copydesk check article.md          check one article\n  copydesk check articles/           check every .md and .markdown file below a folder\n  copydesk check --format json .     machine-readable findings\n  copydesk rules                     list the rules in force\n  copydesk explain disclaimer        what a rule checks and why\n\nExit status: 0 no findings at or above --fail-on, 1 findings, 2 the run could not be completed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles against the policy and report what is wrong.
    Check(CheckArgs),
    /// List every rule of the policy in force: id, kind, severity, what it checks.
    Rules(PolicyArgs),
    /// Explain a rule: what it checks, why editors care, examples, its settings.
    Explain(ExplainArgs),
}

#[derive(Debug, Clone, Args)]
pub struct PolicyArgs {
    /// Use this configuration file instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file; use the built-in `opinion` policy.
    #[arg(long, global = true, conflicts_with = "config")]
    pub isolated: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; folders are searched for *.md and *.markdown files,
    /// honouring .gitignore. `-` reads one article from standard input.
    #[arg(value_name = "PATHS", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// How to report findings: for people (`human`), scripts (`concise`, `json`,
    /// `json-lines`) or CI (`sarif` for code scanning, `github` annotations, `gitlab`
    /// Code Quality, `junit` test reports, `rdjson` for reviewdog).
    #[arg(
        long,
        alias = "output-format",
        value_enum,
        value_name = "FORMAT",
        default_value_t = OutputFormat::Human
    )]
    pub format: OutputFormat,

    /// Write the report to this file (created or truncated) instead of standard output.
    /// Errors still go to standard error; the human report has no colour unless
    /// `--color always`.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// The name to show for an article read from standard input (also where
    /// configuration is looked for).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// When to use colour in the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, as shown in reports (e.g. `disclaimer`), or a rule kind.
    pub rule: String,

    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Exit 0 whatever is found (errors that stop the run still exit 2).
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
