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
    after_help = "Examples:\n  copydesk check article.md          check one article\n  copydesk check articles/           check every .md and .markdown file below a folder\n  copydesk check --format json .     machine-readable findings\n  copydesk check --staged            what the next commit holds (for pre-commit hooks)\n  copydesk check --changed           the files this branch changed since main\n  copydesk hook install              refuse commits of articles that break the policy\n  copydesk rules                     list the rules in force\n  copydesk explain disclaimer        what a rule checks and why\n\nExit status: 0 no findings at or above --fail-on, 1 findings, 2 the run could not be completed."
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
    /// Install or remove the git pre-commit hook that runs `copydesk check --staged`.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Test a policy's rules against their examples, or show the policy for a file.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Run every rule's examples like a test suite: each `fail` example must be reported
    /// (with its expected message, if it names one), each `pass` example must not be.
    /// Exit 1 if any fails.
    Test {
        /// A built-in pack name (`opinion`, `fair-observer`) or a pack or configuration
        /// file; by default the policy in force in the current folder.
        pack: Option<String>,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Print the policy that applies to a file, after `extends`, its profile and
    /// overrides: every rule with its severity and settings.
    Show {
        /// The article; by default the current folder's policy.
        file: Option<PathBuf>,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write a pre-commit hook into this repository (honouring core.hooksPath), so that a
    /// commit is refused while a staged article breaks the policy.
    Install {
        /// Replace a pre-commit hook copydesk did not write; it is kept as
        /// `pre-commit.copydesk-backup` and put back by `hook uninstall`.
        #[arg(long)]
        force: bool,
    },
    /// Remove the pre-commit hook copydesk wrote (any other hook is left alone).
    Uninstall,
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
#[command(group(clap::ArgGroup::new("git_scope").args(["staged", "changed"])))]
pub struct CheckArgs {
    /// Files and folders to check; folders are searched for *.md and *.markdown files (or
    /// `include` of copydesk.toml), leaving out what `exclude` and `extend-exclude` match
    /// (by default README.md, CHANGELOG.md, vendor/ and the like), hidden files, and what
    /// .gitignore and .ignore list. `-` reads one article from standard input. With
    /// --staged or --changed, only the changed files below these paths are checked, and
    /// never excluded ones.
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

    /// Check what the next commit holds: the staged (index) content of added, modified and
    /// renamed Markdown files, not the working tree. For pre-commit hooks.
    #[arg(long, help_heading = "Git", conflicts_with = "changed")]
    pub staged: bool,

    /// Check only the Markdown files this branch changed: from its merge base with
    /// --since REF to the working tree, untracked files included.
    #[arg(long, help_heading = "Git")]
    pub changed: bool,

    /// The base branch for --changed [default: origin/HEAD, else main, else master].
    #[arg(long, value_name = "REF", help_heading = "Git", requires = "changed")]
    pub since: Option<String>,

    /// With --staged or --changed: report only findings on added or modified lines.
    /// Findings about the whole article (a missing disclaimer, credit or front matter)
    /// are reported whenever the file changed.
    #[arg(long, help_heading = "Git", requires = "git_scope")]
    pub changed_lines: bool,

    /// Apply the safe fixes (typography, house terms, stale suppressions …) to the files,
    /// then report what is left.
    #[arg(long, help_heading = "Fixes")]
    pub fix: bool,

    /// Also apply unsafe fixes: those that may change meaning (an edit inside a
    /// quotation, inserting the disclaimer or credit). Implies --fix unless --diff is given.
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them; exit 1 if there are any.
    #[arg(long, help_heading = "Fixes")]
    pub diff: bool,

    /// Print how many findings each rule has (suppressed ones included) instead of the
    /// findings.
    #[arg(long, conflicts_with = "diff")]
    pub statistics: bool,

    /// Skip files larger than this, reporting them (exit code 2): bytes, or with a unit,
    /// 512K, 20M, 1G (powers of 1024). 0 means no limit.
    #[arg(long, value_name = "BYTES", default_value = "20M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Refuse to run when there are more files to check than this (exit code 2, nothing
    /// checked): a guard against pointing copydesk at the wrong folder. 0 means no limit.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_files: usize,

    /// How many threads to use [default: one per core]: files checked at once, and rules
    /// of the policy compiled at once. Reports come out in path order whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Leave out the files and folders this glob matches, on top of `exclude` and
    /// `extend-exclude` of copydesk.toml: relative to the current folder; a pattern
    /// without `/` matches a file or folder name at any depth. Repeatable.
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    pub exclude: Vec<String>,

    /// Leave out excluded files even when they are named on the command line (as the
    /// pre-commit framework names them); with nothing left, nothing is checked (exit 0).
    /// Also `force-exclude = true` in copydesk.toml.
    #[arg(long, help_heading = "Files")]
    pub force_exclude: bool,

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

/// `--max-file-size`: `1048576`, `512K`, `20M`, `1G`, `20MiB`, `20MB` (units are powers of
/// 1024, in any case).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write bytes, or a number with K, M or G"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        other => return Err(format!("unknown unit `{other}`: use K, M or G")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("0"), Ok(0));
        assert_eq!(parse_size("1500"), Ok(1500));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("20 MiB"), Ok(20 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5T").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
