//! `copydesk explain RULE`: what a rule (or a rule kind) checks, why, and its settings in
//! the policy in force here.

use std::io::{self, Write};

use super::{ExitStatus, policy_here};
use crate::cli::ExplainArgs;
use crate::did_you_mean::closest;
use crate::error::Error;

pub(super) fn explain(args: &ExplainArgs) -> Result<ExitStatus, Error> {
    let policy = policy_here(&args.policy)?;
    let text = if let Some(rule) = policy.rule(&args.rule) {
        explain_rule(&policy, rule)
    } else if let Some(kind) = crate::policy::kinds::find(&args.rule) {
        format!("{} (rule kind)\n\n{}", kind.name, kind.doc)
    } else {
        let ids = policy.rules.iter().map(|r| r.id.as_str());
        let near = closest(&args.rule, ids);
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

fn explain_rule(policy: &crate::policy::Policy, rule: &crate::policy::Rule) -> String {
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
    let _ = writeln!(s, "{}", rule.kind.doc.trim_end());
    let _ = writeln!(s, "\n## In this policy");
    let _ = writeln!(s, "Message: {}", rule.texts.message);
    for (k, v) in &rule.texts.messages {
        let _ = writeln!(s, "Message `{k}`: {v}");
    }
    if !rule.texts.help.is_empty() {
        let _ = writeln!(s, "Help: {}", crate::lint::examples::help_of(policy, rule));
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
        // Each example under a numbered heading: a `---` line would read as front matter.
        for (i, ex) in list.iter().enumerate() {
            let _ = writeln!(s, "  ({})", i + 1);
            for line in crate::lint::examples::expand(policy, ex.text()).lines() {
                let _ = writeln!(s, "    {line}");
            }
            if let Some(m) = ex.message() {
                let _ = writeln!(s, "    => {}", crate::lint::examples::expand(policy, m));
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
