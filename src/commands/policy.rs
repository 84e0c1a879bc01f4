//! `copydesk policy test` and `copydesk policy show`: for the standards editor who writes
//! or tunes a policy.

use std::io::{self, Write};
use std::path::Path;

use super::{ExitStatus, choice, policy_here};
use crate::cli::{PolicyArgs, PolicyCommand};
use crate::error::Error;
use crate::lint::examples;
use crate::policy::discover::Policies;
use crate::policy::{BUILTIN_PACKS, Policy};

pub(super) fn run(command: &PolicyCommand) -> Result<ExitStatus, Error> {
    match command {
        PolicyCommand::Test { pack, policy } => test(pack.as_deref(), policy),
        PolicyCommand::Show { file, policy } => show(file.as_deref(), policy),
    }
}

/// A built-in pack by name, a file by path, or the policy in force here.
fn load(pack: Option<&str>, args: &PolicyArgs) -> Result<std::sync::Arc<Policy>, Error> {
    match pack {
        None => policy_here(args),
        Some(name) if BUILTIN_PACKS.iter().any(|(n, _)| *n == name) => {
            Policy::builtin(name).map(std::sync::Arc::new)
        }
        Some(path) => Policy::from_file(Path::new(path)).map(std::sync::Arc::new),
    }
}

fn test(pack: Option<&str>, args: &PolicyArgs) -> Result<ExitStatus, Error> {
    let policy = load(pack, args)?;
    let outcomes = examples::run(&policy);
    let mut out = io::stdout().lock();
    let _ = writeln!(
        out,
        "testing {} ({} rules with examples)",
        policy.sources.join(" + "),
        outcomes.len()
    );
    let width = outcomes.iter().map(|o| o.id.len()).max().unwrap_or(4);
    for o in &outcomes {
        let status = if o.passed() { "ok" } else { "FAILED" };
        let _ = writeln!(
            out,
            "  {status:<6}  {:<width$}  {} fail, {} pass",
            o.id, o.fail_examples, o.pass_examples
        );
        for f in &o.failures {
            for (i, line) in f.lines().enumerate() {
                let lead = if i == 0 {
                    "          - "
                } else {
                    "            "
                };
                let _ = writeln!(out, "{lead}{line}");
            }
        }
    }
    let off = policy.rules.iter().filter(|r| r.check.is_none()).count();
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    let _ = write!(
        out,
        "\n{}: {} passed, {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" },
        outcomes.len() - failed
    );
    if off > 0 {
        let _ = write!(out, "; {off} rules are off and were not tested");
    }
    let _ = writeln!(out);
    Ok(if failed == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::Findings
    })
}

fn show(file: Option<&Path>, args: &PolicyArgs) -> Result<ExitStatus, Error> {
    let policy = match file {
        None => policy_here(args)?,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(&path.display().to_string(), &e))?;
            let mut policies = Policies::new(choice(args));
            let found = policies.for_article(path, Some(&text));
            // The cache holds the other reference to the error: drop it to take the error.
            drop(policies);
            found.map_err(|e| {
                std::sync::Arc::try_unwrap(e).unwrap_or_else(|shared| Error::PolicyPlain {
                    message: shared.to_string(),
                    help: None,
                })
            })?
        }
    };
    let mut out = io::stdout().lock();
    let what = file.map_or_else(
        || "the current folder".to_string(),
        |f| format!("`{}`", f.display()),
    );
    let _ = writeln!(out, "# The policy for {what}");
    let _ = writeln!(out, "# from {}", policy.sources.join(" + "));
    for note in &policy.notes {
        let _ = writeln!(out, "# {note}");
    }
    let _ = writeln!(out);
    let _ = write!(out, "{}", to_toml(&policy));
    Ok(ExitStatus::Success)
}

/// The resolved policy as a TOML file (examples left out).
fn to_toml(policy: &Policy) -> String {
    let mut root = toml::Table::new();
    if let Some(name) = &policy.publication {
        let mut p = toml::Table::new();
        p.insert("name".into(), name.clone().into());
        root.insert("publication".into(), p.into());
    }
    let mut rules = toml::Table::new();
    for r in &policy.rules {
        let mut t = toml::Table::new();
        t.insert("kind".into(), r.kind.name.into());
        t.insert("severity".into(), r.severity.as_str().into());
        if !r.summary.is_empty() {
            t.insert("summary".into(), r.summary.clone().into());
        }
        t.insert("message".into(), r.texts.message.clone().into());
        if !r.texts.help.is_empty() {
            t.insert("help".into(), r.texts.help.clone().into());
        }
        for (k, v) in &r.params {
            t.insert(k.clone(), v.clone());
        }
        if !r.texts.messages.is_empty() {
            let m: toml::Table = r
                .texts
                .messages
                .iter()
                .map(|(k, v)| (k.clone(), v.clone().into()))
                .collect();
            t.insert("messages".into(), m.into());
        }
        rules.insert(r.id.clone(), t.into());
    }
    root.insert("rules".into(), rules.into());
    toml::to_string_pretty(&root).unwrap_or_default()
}
