//! End-to-end tests of the CI output formats: a snapshot of each on the seed article,
//! SARIF against the official schema, JUnit through an XML parser, GitHub's escaping,
//! limits and job summary, GitLab's fingerprints, and `--output-file`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr
)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn copydesk() -> Command {
    let mut cmd = Command::cargo_bin("copydesk").expect("binary builds");
    cmd.env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        // Set in every GitHub Actions step; tests that want it set it themselves.
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs `check --format FORMAT` with more arguments; returns (exit code, stdout).
fn check(format: &str, args: &[&str]) -> (i32, String) {
    let out = copydesk()
        .args(["check", "--format", format])
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), stdout)
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    copydesk()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

/// A policy of three word lists, one per severity, and nothing else.
const THREE_SEVERITIES: &str = r#"
extends = []

[rules.tk]
kind = "phrase-list"
severity = "error"
message = "placeholder `{text}`"
words = ["TK"]

[rules.xyzzy]
kind = "phrase-list"
severity = "warning"
message = "filler `{text}`"
words = ["XYZZY"]

[rules.plugh]
kind = "phrase-list"
severity = "info"
message = "note `{text}`"
words = ["PLUGH"]
"#;

// ---------------------------------------------------------------- snapshots

#[test]
fn gitlab_seed() {
    let (code, out) = check("gitlab", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("gitlab_seed", out);
}

#[test]
fn json_lines_seed() {
    let (code, out) = check("json-lines", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("json_lines_seed", out);
}

// ---------------------------------------------------------------- json-lines

#[test]
fn json_lines_are_the_json_findings() {
    let (_, lines) = check("json-lines", &["fixtures/seed.md", "fixtures/clean.md"]);
    let (_, doc) = check("json", &["fixtures/seed.md", "fixtures/clean.md"]);
    let from_lines: Vec<Value> = lines.lines().map(json).collect();
    assert_eq!(Value::from(from_lines), json(&doc)["diagnostics"]);
    let (code, clean) = check("json-lines", &["fixtures/clean.md"]);
    assert_eq!((code, clean.as_str()), (0, ""));
}

// ---------------------------------------------------------------- GitLab

fn fingerprints(dir: &Path, file: &str) -> Vec<(String, String)> {
    let out = run_in(dir, &["check", "--format", "gitlab", file]);
    let issues = json(&String::from_utf8_lossy(&out.stdout));
    issues
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| {
            (
                i["description"].as_str().expect("description").to_string(),
                i["fingerprint"].as_str().expect("fingerprint").to_string(),
            )
        })
        .collect()
}

#[test]
fn gitlab_fingerprints_survive_edits_above_and_tell_twins_apart() {
    let dir = tempdir();
    write(dir.path(), "copydesk.toml", THREE_SEVERITIES);
    write(dir.path(), "a.md", "Intro.\n\nThe TK days and TK nights.\n");
    let before = fingerprints(dir.path(), "a.md");
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].0, before[1].0, "the same message twice");
    assert_ne!(before[0].1, before[1].1, "distinct fingerprints");

    write(
        dir.path(),
        "a.md",
        "A new first paragraph.\n\nAnd another.\n\nIntro.\n\nThe TK days and TK nights.\n",
    );
    assert_eq!(fingerprints(dir.path(), "a.md"), before);

    let out = run_in(dir.path(), &["check", "--format", "gitlab", "a.md"]);
    let issues = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(issues[0]["check_name"], "tk");
    assert_eq!(issues[0]["severity"], "major");
    assert_eq!(issues[0]["location"]["path"], "a.md");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 7);
}

// ---------------------------------------------------------------- --output-file

#[test]
fn output_file_gets_the_report_and_stdout_nothing() {
    let dir = tempdir();
    let target = dir.path().join("report.json");
    std::fs::write(&target, "old content that must go").expect("write");
    let out = copydesk()
        .args([
            "check",
            "--format",
            "json",
            "fixtures/seed.md",
            "--output-file",
        ])
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "findings still fail the run");
    assert!(out.stdout.is_empty());
    assert!(out.stderr.is_empty());
    let (_, stdout_report) = check("json", &["fixtures/seed.md"]);
    assert_eq!(
        std::fs::read_to_string(&target).expect("report"),
        stdout_report
    );
}

#[test]
fn output_file_human_report_has_no_colour() {
    let dir = tempdir();
    let target = dir.path().join("report.txt");
    let out = copydesk()
        .env_remove("NO_COLOR")
        .args(["check", "fixtures/seed.md", "-o"])
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&target).expect("report");
    assert!(text.contains("boilerplate"));
    assert!(!text.contains('\u{1b}'), "no escape codes");
    assert!(text.ends_with("8 errors, 5 warnings in 1 file\n"));
}

#[test]
fn unwritable_output_file_is_an_error() {
    let out = copydesk()
        .args([
            "check",
            "fixtures/seed.md",
            "--output-file",
            "no/such/folder/report.txt",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write to `no/such/folder/report.txt`"),
        "{stderr}"
    );
    assert!(stderr.contains("the folder must exist"), "{stderr}");
}

#[test]
fn output_file_never_overwrites_an_article() {
    let dir = tempdir();
    write(dir.path(), "a.md", "The TK days.\n");
    for args in [&["a.md"][..], &["."][..]] {
        let out = copydesk()
            .current_dir(dir.path())
            .args(["check", "--isolated", "--output-file", "a.md"])
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("`a.md` is both the report file and an article"),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).expect("article"),
            "The TK days.\n"
        );
    }
}
