//! `copydesk policy test`: every rule's examples, run like a test suite. A `fail` example
//! must be reported by its rule (with the exact message, when the example names one); a
//! `pass` example must not be. This is how a standards editor proves that a rule they
//! wrote or tuned does what it says.

use super::check_source;
use crate::policy::{Example, Policy};
use crate::source::Source;

/// The outcome of one rule's examples.
#[derive(Debug)]
pub struct RuleOutcome {
    pub id: String,
    pub fail_examples: usize,
    pub pass_examples: usize,
    /// What went wrong, one entry per failed example.
    pub failures: Vec<String>,
}

impl RuleOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The publication name examples use when the policy sets none (any name is accepted).
const SAMPLE_PUBLICATION: &str = "The Daily Planet";

/// An example's text with the policy's own settings filled in, so that a house that
/// changes its publication, disclaimer or credit format keeps examples that hold:
/// `{publication}` is the configured name, `{house:RULE}` the rule's statement in the
/// house wording (a disclaimer), `{house:RULE:Jane Doe}` its credit line for that name.
/// A placeholder naming no rule with a house text stays as written.
pub fn expand(policy: &Policy, text: &str) -> String {
    let publication = policy.publication.as_deref().unwrap_or(SAMPLE_PUBLICATION);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let Some(end) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        let inner = tail.get(1..end).unwrap_or("");
        let filled = if inner == "publication" {
            Some(publication.to_string())
        } else if let Some(spec) = inner.strip_prefix("house:") {
            let (id, name) = spec.split_once(':').unwrap_or((spec, "Jordan Blake"));
            house_text(policy, id, name).map(|t| t.replace("{publication}", publication))
        } else {
            None
        };
        match filled {
            Some(f) => out.push_str(&f),
            None => out.push_str(tail.get(..=end).unwrap_or("")),
        }
        rest = tail.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A rule's help as its findings show it: `{house}` is its statement in the house
/// wording ("Name" for a credit's name), `{publication}` the configured name.
pub fn help_of(policy: &Policy, rule: &crate::policy::Rule) -> String {
    let house = house_text(policy, &rule.id, "Name");
    let publication = policy.publication.as_deref().unwrap_or("the publication");
    let mut help = rule.texts.help.replace("{publication}", publication);
    if let Some(house) = house {
        help = help.replace("{house}", &house.replace("{publication}", publication));
    }
    help
}

fn house_text(policy: &Policy, id: &str, name: &str) -> Option<String> {
    let rule = policy.rules.iter().find(|r| r.id == id)?;
    match rule.check.as_ref()? {
        crate::policy::Compiled::Document(check) => check.house_text(name),
        crate::policy::Compiled::Audit(_) => None,
    }
}

fn messages_of(policy: &Policy, rule: &str, example: &Example) -> Vec<String> {
    let source = Source::new("example.md", expand(policy, example.text()));
    check_source(policy, &source)
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.message)
        .collect()
}

/// Runs the examples of every rule of a policy (rules that are off included: their
/// examples are checked as if they were on would need another policy, so they are
/// skipped and reported as such by the caller).
pub fn run(policy: &Policy) -> Vec<RuleOutcome> {
    policy
        .rules
        .iter()
        .filter(|r| r.check.is_some())
        .map(|rule| {
            let mut failures = Vec::new();
            if rule.examples.fail.is_empty() || rule.examples.pass.is_empty() {
                failures.push("needs at least one `fail` and one `pass` example".to_string());
            }
            for (i, ex) in rule.examples.fail.iter().enumerate() {
                let found = messages_of(policy, &rule.id, ex);
                if found.is_empty() {
                    failures.push(format!(
                        "fail example {} is not reported:\n{}",
                        i + 1,
                        indent(&expand(policy, ex.text()))
                    ));
                } else if let Some(want) = ex.message().map(|m| expand(policy, m))
                    && !found.contains(&want)
                {
                    failures.push(format!(
                        "fail example {} is reported with {found:?}, not {want:?}:\n{}",
                        i + 1,
                        indent(&expand(policy, ex.text()))
                    ));
                }
            }
            for (i, ex) in rule.examples.pass.iter().enumerate() {
                let found = messages_of(policy, &rule.id, ex);
                if !found.is_empty() {
                    failures.push(format!(
                        "pass example {} is reported ({found:?}):\n{}",
                        i + 1,
                        indent(&expand(policy, ex.text()))
                    ));
                }
            }
            RuleOutcome {
                id: rule.id.clone(),
                fail_examples: rule.examples.fail.len(),
                pass_examples: rule.examples.pass.len(),
                failures,
            }
        })
        .collect()
}
