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

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

// ---------------------------------------------------------------- snapshots

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
