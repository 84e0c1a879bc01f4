//! Every example of every built-in rule: each `fail` text triggers the rule, each `pass`
//! text does not. This is how a policy owner proves a rule does what it says.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

use copydesk::engine::check_source;
use copydesk::policy::{BUILTIN_PACKS, Policy};
use copydesk::source::Source;

#[test]
fn every_builtin_rule_has_examples_that_hold() {
    for (pack, _) in BUILTIN_PACKS {
        let policy = Policy::builtin(pack).expect("built-in pack loads");
        let mut failures = Vec::new();
        for rule in &policy.rules {
            assert!(
                !rule.examples.fail.is_empty() && !rule.examples.pass.is_empty(),
                "rule `{}` in pack `{pack}` needs at least one fail and one pass example",
                rule.id
            );
            for (i, text) in rule.examples.fail.iter().enumerate() {
                let found = check_source(&policy, &Source::new("example.md", text.clone()));
                if !found.iter().any(|d| d.rule == rule.id) {
                    failures.push(format!(
                        "{}: fail example {i} is not reported:\n{text}",
                        rule.id
                    ));
                }
            }
            for (i, text) in rule.examples.pass.iter().enumerate() {
                let found = check_source(&policy, &Source::new("example.md", text.clone()));
                let hits: Vec<_> = found
                    .iter()
                    .filter(|d| d.rule == rule.id)
                    .map(|d| d.message.clone())
                    .collect();
                if !hits.is_empty() {
                    failures.push(format!(
                        "{}: pass example {i} is reported ({hits:?}):\n{text}",
                        rule.id
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}

#[test]
fn every_builtin_rule_is_documented() {
    let policy = Policy::builtin("opinion").expect("built-in pack loads");
    for rule in &policy.rules {
        let doc = rule.kind.doc();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## Options",
            "## Fix safety",
        ] {
            assert!(
                doc.contains(section),
                "kind `{}` lacks `{section}` in its doc",
                rule.kind.name
            );
        }
        assert!(
            !rule.summary.is_empty(),
            "rule `{}` has no summary",
            rule.id
        );
        assert!(
            !rule.texts.help.is_empty(),
            "rule `{}` has no help",
            rule.id
        );
    }
}
