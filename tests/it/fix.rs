//! `--fix`, `--unsafe-fixes`, `--diff` and `--statistics` end to end.

use std::path::Path;

use copydesk::commands::check::write_atomically;

use crate::common::{copydesk_bin, copydesk_in};

/// A stale suppression (safe fix: remove it) and a misspelled directive (display-only
/// suggestion, never applied).
const TEXT: &str = "The council approved the plan.\n\n<!-- copydesk-disable-next-line placeholder -->\nThe vote was held in May.\n\n<!-- copydesk-disable-nextline placeholder -->\nThe cost is TK.\n";
const FIXED: &str = "The council approved the plan.\n\nThe vote was held in May.\n\n<!-- copydesk-disable-nextline placeholder -->\nThe cost is TK.\n";

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), TEXT).unwrap();
    let out = copydesk_in(dir.path())
        .args(["check", "--diff", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        diff,
        "--- a/a.md\n+++ b/a.md\n@@ -1,6 +1,5 @@\n The council approved the plan.\n \n-<!-- copydesk-disable-next-line placeholder -->\n The vote was held in May.\n \n <!-- copydesk-disable-nextline placeholder -->\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        TEXT
    );
}

#[test]
fn fix_writes_safe_fixes_once_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, TEXT).unwrap();
    let out = copydesk_in(dir.path())
        .args(["check", "--fix", "--format", "concise", "a.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fixed 1 finding in 1 file"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    // The report is about the fixed text: the placeholder and the bad directive remain.
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("a.md:5:6: error[invalid-suppression]"),
        "{report}"
    );
    assert!(report.contains("a.md:6:13: error[placeholder]"), "{report}");
    assert!(!report.contains("unused-suppression"), "{report}");

    // Fixing again changes nothing.
    let out = copydesk_in(dir.path())
        .args(["check", "--diff", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
}

#[test]
fn fix_refuses_staged_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check", "--fix", "--staged"][..],
        &["check", "--fix", "-"],
    ] {
        let out = copydesk_in(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--diff"), "{stderr}");
    }
}

#[test]
fn diff_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = copydesk_in(dir.path())
        .args(["check", "--diff", "--stdin-filename", "draft.md", "-"])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("--- a/draft.md\n+++ b/draft.md\n"));
}

#[test]
fn statistics_count_findings_and_suppressions_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), TEXT).unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "<!-- copydesk-disable-next-line placeholder -->\nThe cost is TK.\n",
    )
    .unwrap();
    let out = copydesk_in(dir.path())
        .args(["check", "--statistics", "--format", "json", "a.md", "b.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = &json["rules"];
    let row = |rule: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == rule)
            .cloned()
            .unwrap_or_else(|| panic!("no row for {rule}: {rows}"))
    };
    assert_eq!(row("placeholder")["count"], 1);
    assert_eq!(row("placeholder")["suppressed"], 1);
    assert_eq!(row("unused-suppression")["count"], 1);
    assert_eq!(row("unused-suppression")["fixable"], 1);
    assert_eq!(row("invalid-suppression")["count"], 1);
    assert_eq!(row("disclaimer")["count"], 2);
    // Neither file has a disclaimer or a credit in any wording.
    assert_eq!(json["statements"], serde_json::json!([]));

    let out = copydesk_in(dir.path())
        .args(["check", "--statistics", "a.md", "b.md"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.starts_with("  COUNT  SUPPRESSED  FIXABLE  RULE"),
        "{table}"
    );
    assert!(
        table.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == ["1", "1", "placeholder", "error"]),
        "{table}"
    );
}

/// The disclaimer and the credit are inserted only with --unsafe-fixes, in the house
/// order (credit, then disclaimer), before the page residue.
#[test]
fn unsafe_fixes_insert_the_credit_and_the_disclaimer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[publication]\nname = \"Fair Observer\"\n",
    )
    .unwrap();
    let head = "---\ntitle: \"A piece\"\nauthor: Ann Writer\ndate: 2024-01-02\nsection: opinion\neditor: Cheyenne Torres\n---\n\nThe council approved the plan.\n";
    let text = format!("{head}\nSupport Fair Observer\n");
    let path = dir.path().join("a.md");
    std::fs::write(&path, &text).unwrap();

    let out = copydesk_in(dir.path())
        .args(["check", "--fix", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "safe fixes only"
    );

    let out = copydesk_in(dir.path())
        .args(["check", "--unsafe-fixes", "a.md"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 2 findings in 1 file"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!(
            "{head}\n[Cheyenne Torres edited this piece.]\n\nThe views expressed in this article are the author's own and do not necessarily reflect Fair Observer's editorial policy.\n\nSupport Fair Observer\n"
        )
    );
}

/// Files in a folder, recursively, whose name marks a temporary file of a write.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && !path.is_symlink() {
            found.extend(leftovers(&path));
        } else if name.starts_with(".copydesk-") || name.ends_with(".tmp") {
            found.push(path.display().to_string());
        }
    }
    found
}

/// A write replaces the file by renaming a complete temporary file over it (`rename(2)`
/// is atomic within a folder), so a reader or a crash sees the old file or the new one,
/// never half of one; what must also hold is that no temporary file is left behind,
/// whether the write succeeds or is refused.
#[test]
fn fixing_many_files_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let sub = dir.path().join(format!("d{}", i % 4));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("a{i}.md")), TEXT).unwrap();
    }
    let out = copydesk_in(dir.path())
        .args(["check", "--fix", "--threads", "3", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fixed 40 findings in 40 files"), "{stderr}");
    for i in 0..40 {
        let path = dir.path().join(format!("d{}/a{i}.md", i % 4));
        assert_eq!(std::fs::read_to_string(path).unwrap(), FIXED);
    }
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_refused_write_leaves_no_temporary_files() {
    let outside = tempfile::tempdir().unwrap();
    let inside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("t.md"), TEXT).unwrap();
    std::os::unix::fs::symlink(outside.path().join("t.md"), inside.path().join("l.md")).unwrap();
    let out = copydesk_in(inside.path())
        .args(["check", "--fix", "l.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // miette wraps the message at 100 columns.
    let squashed: String = String::from_utf8_lossy(&out.stderr)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    assert!(squashed.contains("outsidethefoldersbeingchecked,sothefixeswerenotwritten"));
    assert_eq!(
        std::fs::read_to_string(outside.path().join("t.md")).unwrap(),
        TEXT
    );
    assert_eq!(leftovers(inside.path()), Vec::<String>::new());
    assert_eq!(leftovers(outside.path()), Vec::<String>::new());

    // A write that fails at the rename (here: a folder stands where the file was) removes
    // its temporary file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a.md")).unwrap();
    let failed = write_atomically(&dir.path().join("a.md"), "new");
    assert!(failed.is_err());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// A run killed while it writes fixes leaves every article either as it was or fully
/// fixed, never half written: each file is replaced by a rename. The run is killed at
/// several moments (found from how long a whole run takes) until one kill lands while
/// some files are fixed and others not yet.
#[cfg(unix)]
#[test]
fn a_killed_fix_run_leaves_each_file_old_or_new() {
    const FILES: usize = 300;
    // The stale suppression to fix, then 2 KB of prose.
    let filler = "The council met again and the vote was held in May. ".repeat(40);
    let original = format!("{TEXT}\n{filler}\n");
    let fixed = format!("{FIXED}\n{filler}\n");
    let fill = |dir: &Path| {
        for i in 0..FILES {
            std::fs::write(dir.join(format!("a{i:03}.md")), &original).unwrap();
        }
    };
    let run = |dir: &Path| {
        std::process::Command::new(copydesk_bin())
            .current_dir(dir)
            .args([
                "check",
                "--fix",
                "--format",
                "concise",
                "--threads",
                "2",
                ".",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole run takes here.
    let whole = tempfile::tempdir().unwrap();
    fill(whole.path());
    let started = std::time::Instant::now();
    run(whole.path()).wait().unwrap();
    let full = started.elapsed();
    for i in 0..FILES {
        let path = whole.path().join(format!("a{i:03}.md"));
        assert!(
            std::fs::read_to_string(path).unwrap() == fixed,
            "a{i:03}.md"
        );
    }

    let mut mixed = false;
    let mut fraction = 0.5;
    for _ in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        fill(dir.path());
        let mut child = run(dir.path());
        std::thread::sleep(full.mul_f64(fraction));
        child.kill().unwrap();
        child.wait().unwrap();
        let (mut old, mut new) = (0, 0);
        for i in 0..FILES {
            let name = format!("a{i:03}.md");
            let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
            if text == original {
                old += 1;
            } else if text == fixed {
                new += 1;
            } else {
                panic!("{name} is neither the old file nor the fixed one");
            }
        }
        // Temporary files of interrupted writes may stay (hidden, never checked).
        for path in leftovers(dir.path()) {
            assert!(
                path.contains("/.copydesk-") && path.ends_with(".tmp"),
                "{path}"
            );
        }
        if old > 0 && new > 0 {
            mixed = true;
            break;
        }
        // Killed too early or too late: try another moment.
        fraction = if new == 0 {
            fraction * 1.5
        } else {
            fraction / 2.0
        };
    }
    assert!(mixed, "no kill landed while fixes were being written");
}
