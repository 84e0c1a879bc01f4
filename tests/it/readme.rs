//! The README's rules table lists the rules of the built-in default policy, each once,
//! with its kind and severity as `copydesk rules` prints them.

use std::collections::BTreeSet;

use copydesk::policy::{DEFAULT_PACK, Policy};

/// (rule, kind, severity) of each row of the table under `## Rules`.
fn readme_rules() -> Vec<(String, String, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let section = readme
        .split("\n## Rules\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a Rules section");
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(|c| c.trim().trim_matches('`')).collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or("").to_string();
            (cell(1), cell(2), cell(3))
        })
        .collect()
}

#[test]
fn the_readme_lists_the_rules_of_the_default_policy() {
    let policy = Policy::builtin(DEFAULT_PACK).expect("built-in pack loads");
    let in_policy: BTreeSet<(String, String, String)> = policy
        .rules
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.kind.name.to_string(),
                r.severity.as_str().to_string(),
            )
        })
        .collect();
    let rows = readme_rules();
    let in_readme: BTreeSet<_> = rows.iter().cloned().collect();
    assert_eq!(
        rows.len(),
        in_readme.len(),
        "a rule is listed twice in the README"
    );
    let missing: Vec<_> = in_policy.difference(&in_readme).collect();
    let extra: Vec<_> = in_readme.difference(&in_policy).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README.md's rules table differs from `copydesk rules`:\n  not in the README: {missing:?}\n  not in the policy: {extra:?}"
    );
}
