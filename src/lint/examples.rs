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

fn messages_of(policy: &Policy, rule: &str, example: &Example) -> Vec<String> {
    let source = Source::new("example.md", example.text().to_string());
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
                        indent(ex.text())
                    ));
                } else if let Some(want) = ex.message()
                    && !found.iter().any(|m| m == want)
                {
                    failures.push(format!(
                        "fail example {} is reported with {found:?}, not {want:?}:\n{}",
                        i + 1,
                        indent(ex.text())
                    ));
                }
            }
            for (i, ex) in rule.examples.pass.iter().enumerate() {
                let found = messages_of(policy, &rule.id, ex);
                if !found.is_empty() {
                    failures.push(format!(
                        "pass example {} is reported ({found:?}):\n{}",
                        i + 1,
                        indent(ex.text())
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
