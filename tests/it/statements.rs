//! The statement recogniser on the labelled development set in `tests/data/statements/`:
//! real disclaimers, credits and notes mined from `../shared/corpus` and
//! `../shared/opinion`, forms the corpus lacks written as publications write them, and
//! hard negatives (the same words in running prose, citations, other kinds of editing).
//!
//! Prints recall per kind and every miss; fails below 0.95 recall on any kind, on any
//! hard negative recognised, or on a credit whose names are read wrong.

use std::collections::BTreeMap;

use copydesk::document::Document;
use copydesk::document::statements::{Statement, StatementKind};
use copydesk::policy::Policy;
use copydesk::source::Source;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    kind: String,
    label: String,
    source: String,
    text: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

fn cases() -> Vec<Case> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/statements");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/data/statements")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read set");
        let set: Set = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.extend(set.case);
    }
    out
}

fn found(policy: &Policy, text: &str) -> Vec<Statement> {
    let source = Source::new("case.md", text.to_string());
    let doc = Document::parse(&source);
    policy.statements.find(&doc)
}

#[derive(Default)]
struct Tally {
    statements: usize,
    recognised: usize,
    negatives: usize,
    false_positives: usize,
}

#[test]
fn recogniser_on_the_development_set() {
    let policy = Policy::builtin("opinion").expect("default policy");
    let cases = cases();
    assert!(cases.len() >= 90, "the set has {} cases", cases.len());
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in &cases {
        let kind = StatementKind::from_name(&case.kind)
            .unwrap_or_else(|| panic!("unknown kind `{}` in {}", case.kind, case.source));
        let got = found(&policy, &case.text);
        let of_kind: Vec<&Statement> = got.iter().filter(|s| s.kind == kind).collect();
        let t = tally.entry(case.kind.clone()).or_default();
        let excerpt: String = case.text.trim().chars().take(160).collect();
        match case.label.as_str() {
            "statement" => {
                t.statements += 1;
                if of_kind.is_empty() {
                    failures.push(format!("MISSED {} ({}): {excerpt}", case.kind, case.source));
                    continue;
                }
                t.recognised += 1;
                if kind == StatementKind::EditorCredit && !case.names.is_empty() {
                    let names: Vec<String> = of_kind
                        .iter()
                        .flat_map(|s| s.names.iter().map(|n| n.text.clone()))
                        .collect();
                    if names != case.names {
                        failures.push(format!(
                            "NAMES {:?} read as {names:?} ({}): {excerpt}",
                            case.names, case.source
                        ));
                    }
                }
            }
            "negative" => {
                t.negatives += 1;
                if let Some(s) = of_kind.first() {
                    t.false_positives += 1;
                    failures.push(format!(
                        "FALSE {} `{}` ({}): {excerpt}",
                        case.kind, s.text, case.source
                    ));
                }
            }
            other => panic!("unknown label `{other}` in {}", case.source),
        }
    }
    let mut ok = true;
    for (kind, t) in &tally {
        let recall = t.recognised as f64 / t.statements.max(1) as f64;
        eprintln!(
            "{kind:14} recall {recall:.3} ({}/{}), hard negatives recognised {}/{}",
            t.recognised, t.statements, t.false_positives, t.negatives
        );
        ok &= recall >= 0.95 && t.false_positives == 0;
    }
    for f in &failures {
        eprintln!("{f}");
    }
    let names_wrong = failures.iter().any(|f| f.starts_with("NAMES"));
    assert!(
        ok && !names_wrong,
        "{} failures (see above)",
        failures.len()
    );
}

/// Prints every statement recognised in the files named by `DBG` (comma-separated) and
/// `DBG_LIST` (a file listing paths), to review the recogniser on unlabelled prose:
/// `find ../shared/corpus -name '*.md' > /tmp/l; DBG_LIST=/tmp/l cargo test --release
/// --test it print_statements -- --ignored --nocapture`.
#[test]
#[ignore = "a review tool: reads the files named in DBG and DBG_LIST"]
fn print_statements() {
    let policy = Policy::builtin("opinion").expect("default policy");
    let list = std::env::var("DBG_LIST")
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .unwrap_or_default();
    let paths: Vec<String> = std::env::var("DBG")
        .unwrap_or_default()
        .split(',')
        .chain(list.lines())
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for s in found(&policy, &text) {
            eprintln!(
                "{path}: {:?} {:?} names {:?}",
                s.kind,
                s.text,
                s.names.iter().map(|n| &n.text).collect::<Vec<_>>()
            );
        }
    }
}
