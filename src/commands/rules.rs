//! `copydesk rules`: the rules in force here, one line each.

use std::io::{self, Write};

use super::{ExitStatus, policy_here};
use crate::cli::PolicyArgs;
use crate::error::Error;

pub(super) fn list_rules(args: &PolicyArgs) -> Result<ExitStatus, Error> {
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
