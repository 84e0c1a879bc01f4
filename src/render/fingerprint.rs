//! Fingerprints that follow a finding across runs, for services that track findings
//! from one commit to the next (GitLab Code Quality's `fingerprint`, SARIF's
//! `partialFingerprints`).
//!
//! A fingerprint is the SHA-256 of the file's path below the repository root, the rule
//! id, the words the finding points at, its message and an occurrence index: how many
//! earlier findings in the same file have the same rule, words and message. It holds no
//! line or column, so editing the article elsewhere does not change it, and the index
//! keeps two identical findings in one file apart. SHA-256 is the same on every platform
//! and Rust version (unlike `std::hash`'s hashers), so fingerprints stay comparable
//! across copydesk releases.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::{FileReport, Locator};

/// The fingerprint of every finding of one file, in the order of its findings.
pub(super) fn of_file(report: &FileReport, locator: &Locator) -> Vec<String> {
    let path = locator.repo_path(&report.source.path);
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let text = report.source.text.get(d.span.clone()).unwrap_or("");
            let occurrence = seen
                .entry((d.rule.as_str(), text, d.message.as_str()))
                .or_insert(0);
            let fingerprint = hash(&[
                path.as_bytes(),
                d.rule.as_bytes(),
                text.as_bytes(),
                d.message.as_bytes(),
                occurrence.to_string().as_bytes(),
            ]);
            *occurrence += 1;
            fingerprint
        })
        .collect()
}

/// SHA-256 of the parts, each preceded by its length so that no two lists of parts
/// hash the same text; lowercase hex.
fn hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::Source;

    fn report(text: &str, words: &[&str]) -> FileReport {
        let mut diagnostics = Vec::new();
        for w in words {
            let mut from = 0;
            while let Some(at) = text[from..].find(w) {
                let start = from + at;
                let mut d = Diagnostic::new(format!("placeholder `{w}`"), start..start + w.len());
                d.rule = "placeholder".into();
                diagnostics.push(d);
                from = start + w.len();
            }
        }
        diagnostics.sort_by_key(|d| d.span.start);
        FileReport {
            source: Source::new("a/b.md", text.to_string()),
            diagnostics,
        }
    }

    #[test]
    fn known_sha256() {
        let mut hasher = Sha256::new();
        hasher.update(b"abc");
        let hex: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn stable_when_lines_are_inserted_above() {
        let here = Locator::here();
        let before = of_file(&report("Intro.\n\nThe TK count.\n", &["TK"]), &here);
        let after = of_file(
            &report("New first line.\n\nIntro.\n\nThe TK count.\n", &["TK"]),
            &here,
        );
        assert_eq!(before, after);
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].len(), 64);
    }

    #[test]
    fn identical_findings_differ() {
        let prints = of_file(&report("TK and TK.\n", &["TK"]), &Locator::here());
        assert_eq!(prints.len(), 2);
        assert_ne!(prints[0], prints[1]);
    }

    #[test]
    fn depends_on_path_rule_and_words() {
        let here = Locator::here();
        let a = of_file(&report("TK\n", &["TK"]), &here);
        let mut other = report("TK\n", &["TK"]);
        other.source.path = "a/c.md".into();
        assert_ne!(a, of_file(&other, &here));
        let mut rule = report("TK\n", &["TK"]);
        rule.diagnostics[0].rule = "boilerplate".into();
        assert_ne!(a, of_file(&rule, &here));
    }
}
