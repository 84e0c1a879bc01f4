//! Every example of every built-in rule: each `fail` text triggers the rule, each `pass`
//! text does not. This is how a policy owner proves a rule does what it says.

use copydesk::lint::examples;
use copydesk::policy::{BUILTIN_PACKS, Policy};

use crate::common::policy;

#[test]
fn every_builtin_rule_has_examples_that_hold() {
    for (pack, _) in BUILTIN_PACKS {
        let policy = Policy::builtin(pack).expect("built-in pack loads");
        if policy.rules.is_empty() {
            // A pack of words only (`statements`): it loads, and has no examples.
            continue;
        }
        let outcomes = examples::run(&policy);
        assert!(!outcomes.is_empty(), "pack `{pack}` has no active rule");
        let failures: Vec<String> = outcomes
            .iter()
            .flat_map(|o| {
                o.failures
                    .iter()
                    .map(move |f| format!("{pack}/{}: {f}", o.id))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}

#[test]
fn every_builtin_rule_is_documented() {
    for rule in &policy().rules {
        let doc = rule.kind.doc;
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
