//! Each rule kind's own fixture, `fixtures/rules/<kind>/`: a policy with rules of that kind
//! only (`policy.toml`), an article that breaks it (`bad.md`, whose findings are
//! snapshotted) and one that keeps it (`good.md`, which must produce no finding).

use std::path::{Path, PathBuf};

use copydesk::diagnostic::Diagnostic;
use copydesk::lint::check_source;
use copydesk::policy::{Policy, kinds};
use copydesk::source::Source;

const FILES: [&str; 3] = ["policy.toml", "bad.md", "good.md"];

/// The name of every rule kind.
fn kind_names() -> Vec<&'static str> {
    kinds::all().map(|k| k.name).collect()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

/// The findings of `policy` on one article, with the source that locates them.
fn check(policy: &Policy, path: &Path) -> (Source, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy();
    let source = Source::new(name, text);
    let found = check_source(policy, &source);
    (source, found)
}

#[test]
fn kind_fixtures() {
    // The base path is relative to this file (tests/it/); `..` is not allowed in the
    // pattern itself. Snapshots are named after the folder: `kind_fixtures@acronym__bad.md`.
    insta::glob!("../../fixtures/rules", "*/bad.md", |bad| {
        let dir = bad.parent().unwrap();
        let kind = dir.file_name().unwrap().to_str().unwrap();
        let policy = Policy::from_file(&dir.join("policy.toml"))
            .unwrap_or_else(|e| panic!("{kind}/policy.toml: {e:?}"));
        assert!(!policy.rules.is_empty(), "{kind}/policy.toml has no rule");
        for rule in &policy.rules {
            assert_eq!(
                rule.kind.name, kind,
                "{kind}/policy.toml: rule `{}`",
                rule.id
            );
        }

        let (_, good) = check(&policy, &dir.join("good.md"));
        assert!(good.is_empty(), "{kind}/good.md should pass: {good:#?}");

        let (source, found) = check(&policy, bad);
        assert!(!found.is_empty(), "{kind}/bad.md reports nothing");
        let lines: Vec<String> = found
            .iter()
            .map(|d| {
                assert!(
                    policy.rule(&d.rule).is_some(),
                    "{kind}/bad.md: `{}` is not a rule of its policy",
                    d.rule
                );
                let at = source.position(d.span.start);
                format!("{}:{} {}: {}", at.line, at.column, d.rule, d.message)
            })
            .collect();
        insta::assert_snapshot!(lines.join("\n"));
    });
}

#[test]
fn every_kind_has_a_fixture() {
    let root = fixtures();
    let names = kind_names();
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| !FILES.iter().all(|f| root.join(name).join(f).is_file()))
        .collect();
    assert!(
        missing.is_empty(),
        "kinds without a complete folder ({}) in fixtures/rules/: {missing:?}",
        FILES.join(", ")
    );

    let strays: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !names.contains(&name.as_str()))
        .collect();
    assert!(
        strays.is_empty(),
        "folders that name no rule kind: {strays:?}"
    );
}
