//! `policy test`, `policy show`, profiles, overrides and the built-in `fair-observer`
//! pack, end to end.

use std::path::Path;

use serde_json::Value;

use crate::common::{copydesk, copydesk_in, write};

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = copydesk_in(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (path, rule) of every finding of `check --format json`.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (_, stdout, stderr) = run(dir, &all);
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(found: &[(String, String)], path: &str, rule: &str) -> bool {
    found.iter().any(|(p, r)| p == path && r == rule)
}

#[test]
fn builtin_packs_pass_their_own_tests() {
    let dir = tempfile::tempdir().unwrap();
    for pack in ["opinion", "fair-observer"] {
        let (code, stdout, _) = run(dir.path(), &["policy", "test", pack]);
        assert_eq!(code, 0, "{stdout}");
        assert!(stdout.contains("\nok: "), "{stdout}");
        assert!(stdout.contains(" 0 failed"), "{stdout}");
    }
}

#[test]
fn a_failing_example_fails_the_policy_test() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "house.toml",
        r#"
[rules.jargon]
kind = "phrase-list"
severity = "warning"
message = "jargon: `{text}`"
phrases = ["synergy"]

[rules.jargon.examples]
fail = [
  "We value synergy.\n",
  "We leverage our strengths.\n",
  { text = "Synergy matters.\n", message = "buzzword: `Synergy`" },
]
pass = ["We value teamwork.\n"]
"#,
    );
    let (code, stdout, _) = run(dir.path(), &["policy", "test", "house.toml"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("FAILED  jargon"), "{stdout}");
    assert!(
        stdout.contains("fail example 2 is not reported"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            r#"fail example 3 is reported with ["jargon: `Synergy`"], not "buzzword: `Synergy`""#
        ),
        "{stdout}"
    );
    assert!(stdout.contains("FAILED: "), "{stdout}");
}

const ARTICLE_HEAD: &str = "---\ntitle: A piece\nauthor: Ann Writer\ndate: 2024-01-02\n";

fn article(section: &str) -> String {
    format!("{ARTICLE_HEAD}section: {section}\n---\n\nThe cost is TK.\n")
}

fn profiled_repo(dir: &Path) {
    write(
        dir,
        "copydesk.toml",
        r#"
[profiles]
field = "section"
packs = { news = "packs/news.toml" }

[[overrides]]
paths = ["drafts/**", "*.draft.md"]
[overrides.rules.placeholder]
severity = "off"
"#,
    );
    write(
        dir,
        "packs/news.toml",
        "extends = [\"opinion\"]\n\n[rules.disclaimer]\nseverity = \"off\"\n",
    );
    write(dir, "news/a.md", &article("News"));
    write(dir, "opinion/a.md", &article("opinion"));
    write(dir, "opinion/b.draft.md", &article("opinion"));
    write(dir, "drafts/deep/c.md", &article("opinion"));
}

#[test]
fn a_front_matter_field_selects_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    profiled_repo(dir.path());
    let found = findings(dir.path(), &["news", "opinion/a.md"]);
    assert!(!has(&found, "news/a.md", "disclaimer"), "{found:?}");
    assert!(has(&found, "news/a.md", "placeholder"), "{found:?}");
    assert!(has(&found, "opinion/a.md", "disclaimer"), "{found:?}");
}

#[test]
fn overrides_apply_to_the_files_their_globs_match() {
    let dir = tempfile::tempdir().unwrap();
    profiled_repo(dir.path());
    let found = findings(dir.path(), &["."]);
    assert!(has(&found, "opinion/a.md", "placeholder"), "{found:?}");
    assert!(
        !has(&found, "opinion/b.draft.md", "placeholder"),
        "{found:?}"
    );
    assert!(!has(&found, "drafts/deep/c.md", "placeholder"), "{found:?}");
    assert!(has(&found, "drafts/deep/c.md", "disclaimer"), "{found:?}");
}

#[test]
fn policy_show_prints_the_resolved_policy_for_a_file() {
    let dir = tempfile::tempdir().unwrap();
    profiled_repo(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["policy", "show", "news/a.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("# The policy for `news/a.md`\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("# profile `news` (front matter section = news)"),
        "{stdout}"
    );
    let table: toml::Table = toml::from_str(&stdout).unwrap();
    assert_eq!(
        table["rules"]["disclaimer"]["severity"].as_str(),
        Some("off")
    );
    assert_eq!(
        table["rules"]["placeholder"]["severity"].as_str(),
        Some("error")
    );

    let (_, stdout, _) = run(dir.path(), &["policy", "show", "opinion/b.draft.md"]);
    assert!(
        stdout.contains("# override 1 (paths = drafts/**, *.draft.md)"),
        "{stdout}"
    );
    let table: toml::Table = toml::from_str(&stdout).unwrap();
    assert_eq!(
        table["rules"]["placeholder"]["severity"].as_str(),
        Some("off")
    );
    assert_eq!(
        table["rules"]["disclaimer"]["severity"].as_str(),
        Some("error")
    );
}

#[test]
fn bad_globs_and_unknown_profile_packs_point_into_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", &article("opinion"));
    write(
        dir.path(),
        "copydesk.toml",
        "[[overrides]]\npaths = [\"ok/**\", \"bad/[\"]\n",
    );
    let (code, _, stderr) = run(dir.path(), &["check", "a.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("invalid glob"), "{stderr}");
    assert!(stderr.contains("copydesk.toml:2:"), "{stderr}");

    write(
        dir.path(),
        "copydesk.toml",
        "[profiles]\nfield = \"section\"\npacks = { news = \"newz\" }\n",
    );
    let (code, _, stderr) = run(dir.path(), &["check", "a.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("there is no built-in pack named `newz`"),
        "{stderr}"
    );
}

/// The house pack on the seed: its own rule finds the site's donation appeal.
#[test]
fn fair_observer_pack_reports_the_donation_appeal_in_the_seed() {
    let out = copydesk()
        .args(["check", "--format", "json", "fixtures/seed.md"])
        .arg("--config")
        .arg(tempfile_config("extends = [\"fair-observer\"]\n").path())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let appeal: Vec<(u64, u64)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "donation-appeal")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(appeal, [(63, 48), (65, 1), (67, 19), (75, 1)]);
}

fn tempfile_config(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    f
}
