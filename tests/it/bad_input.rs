//! Bad input: each case says clearly what is wrong, exits with the right code, and the
//! other files of the run are still checked. Cases already covered elsewhere are listed
//! in docs/robustness.md: a missing path, invalid UTF-8, a FIFO, a missing `--config`,
//! unknown keys, invalid regular expressions and unknown kinds are in tests/it/cli.rs.

use std::path::Path;
use std::process::Output;

use copydesk::lint;
use copydesk::source::Source;

use crate::common::{copydesk_bin, copydesk_in, policy};

/// A folder with `good.md`, an article with exactly one finding (a placeholder).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string("fixtures/clean.md").unwrap();
    let good = clean.replacen("\n\n", "\n\nThe cost is TK.\n\n", 1);
    std::fs::write(dir.path().join("good.md"), good).unwrap();
    dir
}

/// `check --format concise` of the given paths.
fn check(dir: &Path, args: &[&str]) -> Output {
    copydesk_in(dir)
        .args(["check", "--isolated", "--format", "concise"])
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Text without whitespace and miette's frame: messages wrap at 100 columns.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// Standard error holds `message`, however miette wrapped it.
fn says(out: &Output, message: &str) -> bool {
    squash(&stderr(out)).contains(&squash(message))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The other file was checked: its finding is in the report.
fn assert_good_checked(out: &Output) {
    let report = stdout(out);
    assert!(
        report.contains("good.md:") && report.contains("error[placeholder]"),
        "good.md was not checked:\n{report}\n{}",
        stderr(out)
    );
}

/// A file that cannot be read: exit 2, the message, the other file checked, and the
/// summary saying one file was not checked.
fn assert_skipped(out: &Output, message: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert!(
        says(out, message),
        "stderr lacks {message:?}:\n{}",
        stderr(out)
    );
    assert_good_checked(out);
    assert!(
        stdout(out).contains("1 file was not checked (see the errors above)"),
        "{}",
        stdout(out)
    );
}

#[test]
fn utf16_is_named_with_help_to_save_as_utf8() {
    let dir = folder();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in "# Title\n\nText.\n".encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    std::fs::write(dir.path().join("le.md"), le).unwrap();
    let out = check(dir.path(), &["le.md", "good.md"]);
    assert_skipped(
        &out,
        "`le.md` is UTF-16 (little-endian) text, not UTF-8; it was not checked",
    );
    assert!(says(&out, "save the article as UTF-8"));
    std::fs::write(dir.path().join("le.md"), be).unwrap();
    let out = check(dir.path(), &["le.md", "good.md"]);
    assert_skipped(&out, "`le.md` is UTF-16 (big-endian) text, not UTF-8");
}

#[test]
fn a_binary_file_named_md_is_skipped() {
    let dir = folder();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
    std::fs::write(dir.path().join("photo.md"), png).unwrap();
    let out = check(dir.path(), &["."]);
    assert_skipped(
        &out,
        "`photo.md` looks like a binary file, not text (a NUL byte at offset 8, line 3); it was not checked",
    );
}

#[test]
fn a_nul_byte_in_an_article_names_its_place() {
    let dir = folder();
    std::fs::write(dir.path().join("nul.md"), "# Title\n\nSome\0text.\n").unwrap();
    let out = check(dir.path(), &["."]);
    assert_skipped(&out, "(a NUL byte at offset 13, line 3)");
    // From standard input too.
    let out = copydesk_in(dir.path())
        .args(["check", "--isolated", "-"])
        .write_stdin("a\0b")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(says(&out, "`<stdin>` looks like a binary file"));
}

#[test]
fn an_empty_file_is_checked_like_any_other() {
    let dir = folder();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("empty.md:1:1: error[front-matter] the article has no front matter")
    );
    assert_good_checked(&out);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn front_matter_alone_is_an_article_with_no_body() {
    let dir = folder();
    std::fs::write(
        dir.path().join("fm.md"),
        "---\ntitle: T\nauthor: A\ndate: 2023-11-13\nsection: opinion\n---\n",
    )
    .unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains("fm.md:6:4: error[disclaimer]"), "{report}");
    assert!(
        !report.contains("fm.md:1:1: error[front-matter]"),
        "{report}"
    );
    assert_good_checked(&out);
}

#[test]
fn unterminated_front_matter_says_where_it_opened() {
    let dir = folder();
    std::fs::write(
        dir.path().join("open.md"),
        "---\ntitle: T\nauthor: A\n\nBody text.\n",
    )
    .unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(
        "open.md:1:1: error[front-matter] the front matter cannot be read: front matter opened on line 1 is never closed: add a closing `---` line"
    ), "{}", stdout(&out));
    assert_good_checked(&out);
}

#[test]
fn invalid_yaml_and_toml_front_matter_point_at_the_error() {
    let dir = folder();
    std::fs::write(
        dir.path().join("yaml.md"),
        "---\ntitle: [x\nauthor: A\n---\nBody.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("toml.md"),
        "+++\ntitle = \"T\nauthor = 3\n+++\nBody.\n",
    )
    .unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("toml.md:2:11: error[front-matter] the front matter cannot be read: invalid basic string"),
        "{report}"
    );
    assert!(
        report.contains("yaml.md:3:7: error[front-matter] the front matter cannot be read:"),
        "{report}"
    );
    assert_good_checked(&out);
}

#[test]
fn a_file_over_the_size_limit_is_skipped_with_its_size() {
    let dir = folder();
    let big = "Words and more words.\n\n".repeat(50_000); // 1.15 MB
    std::fs::write(dir.path().join("big.md"), &big).unwrap();
    let out = check(dir.path(), &["--max-file-size", "1M", "."]);
    assert_skipped(
        &out,
        "`big.md` was not checked: it is 1.1 MiB (1150000 bytes), over the limit of 1 MiB (--max-file-size)",
    );
    assert!(says(&out, "--max-file-size 64M"));
    // Standard input: its size is not known, only that it is over.
    let out = copydesk_in(dir.path())
        .args(["check", "--isolated", "--max-file-size", "1K", "-"])
        .write_stdin(big.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(says(
        &out,
        "`<stdin>` was not checked: it is over the limit of 1 KiB"
    ));
    // Under the default limit (20 MiB), or with none, it is checked (a smaller file:
    // checking 1 MB twice in a debug build would be most of this test's time).
    std::fs::write(dir.path().join("big.md"), &big[..big.len() / 10]).unwrap();
    for args in [&["."][..], &["--max-file-size", "0", "."][..]] {
        let out = check(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stdout(&out).contains("big.md:"), "{}", stdout(&out));
    }
    let out = check(dir.path(), &["--max-file-size", "lots", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(says(&out, "`lots` is not a size"));
}

/// A run over more Markdown files than `--max-files` is refused as a whole: exit 2,
/// nothing checked, and the message names the folder that crossed the limit.
#[test]
fn more_files_than_max_files_checks_nothing() {
    let dir = folder();
    let sub = dir.path().join("archive");
    std::fs::create_dir(&sub).unwrap();
    for i in 0..4 {
        std::fs::write(sub.join(format!("a{i}.md")), "The cost is TK.\n").unwrap();
    }
    let out = check(dir.path(), &["--max-files", "4", "good.md", "archive"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        says(
            &out,
            "`archive` takes the run over 4 Markdown files (--max-files): nothing was checked"
        ),
        "{}",
        stderr(&out)
    );
    assert!(says(&out, "--max-files 500000 (0: no limit)"));
    assert!(
        stdout(&out).starts_with("nothing was checked: 1 file could not be checked"),
        "{}",
        stdout(&out)
    );
    // At the limit, or with none, everything is checked.
    for limit in ["5", "0"] {
        let out = check(dir.path(), &["--max-files", limit, "good.md", "archive"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(stdout(&out).matches("error[placeholder]").count(), 5);
    }
}

/// A 50 MB article is checked with memory in proportion to it (about 10 bytes a byte).
/// Slow in a debug build (the figure rule takes about 10 s a MiB there): run with
/// `cargo test --release --test it -- --ignored bad_input::`.
#[cfg(unix)]
#[test]
#[ignore = "a 50 MB article: run in release, see docs/robustness.md"]
fn a_50_mb_article_is_checked_in_bounded_memory() {
    let dir = folder();
    let paragraph = "The council approved the plan in May, according to the ministry, and 42 people came. \"It was a disaster,\" she said. Voters were angry about the café's prices.\n\n";
    let mut text =
        String::from("---\ntitle: Big\nauthor: A\ndate: 2023-11-13\nsection: opinion\n---\n");
    while text.len() < 50 << 20 {
        text.push_str("## A section\n\n");
        text.push_str(&paragraph.repeat(30));
        text.push_str("- a list item with TK in it\n- another\n\n> A quoted paragraph.\n\n");
    }
    std::fs::write(dir.path().join("big.md"), &text).unwrap();
    let bin = copydesk_bin();
    // 1 GiB of address space at most: about 20 bytes for each byte of the article.
    let script = format!(
        "ulimit -v 1048576; exec '{}' check --isolated --format concise --max-file-size 64M big.md good.md",
        bin.display()
    );
    let started = std::time::Instant::now();
    let out = std::process::Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", &script])
        .output()
        .unwrap();
    eprintln!("50 MB article: {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("big.md:"));
    assert_good_checked(&out);
    // Over the default limit, it is skipped.
    let out = check(dir.path(), &["big.md", "good.md"]);
    assert_skipped(&out, "`big.md` was not checked: it is 50.0 MiB");
}

/// `depth` levels of quotes, then of lists, then of both, each on one line.
fn deeply_nested(depth: usize) -> String {
    format!(
        "{} Deep quote with TK.\n\n{}item\n\n{}end\n",
        ">".repeat(depth),
        "- ".repeat(depth),
        "> - ".repeat(depth / 2)
    )
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    // On a thread with the default stack (2 MiB), smaller than the main thread's.
    let handle = std::thread::spawn(|| {
        for depth in [10_000, 70_000] {
            let source = Source::new("deep.md", deeply_nested(depth));
            let found = lint::check_source(policy(), &source);
            assert!(
                found.iter().any(|d| d.rule == "placeholder"),
                "depth {depth}"
            );
        }
    });
    handle.join().expect("no panic and no stack overflow");
    // Through the binary: 70,000 levels once made a 16-bit depth counter overflow.
    let dir = folder();
    std::fs::write(dir.path().join("deep.md"), deeply_nested(70_000)).unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("deep.md:1:70018: error[placeholder]"),
        "{}",
        stdout(&out)
    );
    assert_good_checked(&out);
}

#[test]
fn very_long_lines_are_checked() {
    let dir = folder();
    // A 2 MB paragraph on one line, and a 1 MB line of one word.
    let mut text = "Word and TK, ".repeat(150_000);
    text.push('\n');
    text.push('\n');
    text.push_str(&"x".repeat(1 << 20));
    text.push('\n');
    std::fs::write(dir.path().join("long.md"), &text).unwrap();
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    // One finding per TK, and the one of good.md.
    assert_eq!(report.matches("error[placeholder]").count(), 150_001);
    assert!(report.contains("long.md:3:1048577: error[disclaimer]"));
    let last = format!("long.md:1:{}: error[placeholder]", 13 * 149_999 + 10);
    assert!(report.contains(&last), "{last}");
    assert_good_checked(&out);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder();
    let path = dir.path().join("secret.md");
    std::fs::write(&path, "Text.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("running as root: a file with mode 000 is still readable; skipping");
        return;
    }
    let out = check(dir.path(), &["."]);
    assert_skipped(&out, "cannot read `secret.md`: Permission denied");
    assert!(says(&out, "check the file's permissions"));
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_does_not_stop_the_run() {
    let dir = folder();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    std::fs::write(dir.path().join("sub/b.md"), "Text with TK.\n").unwrap();
    // Links to folders are not followed, so a loop is never entered.
    let out = copydesk_in(dir.path())
        .args(["check", "--isolated", "--format", "concise", "."])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("sub/b.md:1:11: error[placeholder]"));
    assert_eq!(stdout(&out).matches("sub/b.md:1:11:").count(), 1);
    assert_good_checked(&out);
    // Named on the command line, the link is a folder like any other.
    let out = copydesk_in(dir.path())
        .args(["check", "--isolated", "--format", "concise", "self"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("self/sub/b.md:1:11:"),
        "{}",
        stdout(&out)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_non_utf8_file_name_is_checked_and_shown_lossily() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = folder();
    let name = OsStr::from_bytes(b"caf\xe9.md");
    if std::fs::write(dir.path().join(name), "Text with TK.\n").is_err() {
        eprintln!("the file system refuses non-UTF-8 names; skipping");
        return;
    }
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("caf\u{fffd}.md:1:11: error[placeholder]"),
        "{}",
        stdout(&out)
    );
    assert_good_checked(&out);
    // Named on the command line, too.
    let out = copydesk_in(dir.path())
        .args(["check", "--isolated", "--format", "json"])
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["path"], "caf\u{fffd}.md");
}

/// A configuration error: exit 2, the message, and no file checked under it.
fn config_error(config: &str, expected: &[&str]) {
    let dir = folder();
    std::fs::write(dir.path().join("copydesk.toml"), config).unwrap();
    let out = copydesk_in(dir.path())
        .args(["check", "good.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    for needle in expected {
        assert!(
            says(&out, needle),
            "stderr lacks {needle:?}:\n{}",
            stderr(&out)
        );
    }
}

#[test]
fn wrong_types_in_a_pack_are_named() {
    config_error(
        "[rules.placeholder]\nseverity = 3\n",
        &[
            "`severity` of rule `placeholder` must be a string, not integer",
            "copydesk.toml:2:12",
        ],
    );
    config_error(
        "[rules.placeholder]\nwords = \"TK\"\n",
        &[
            "invalid parameter: invalid type: string \"TK\", expected a sequence",
            "copydesk.toml:2:9",
        ],
    );
    config_error(
        "extends = \"opinion\"\n",
        &["invalid policy file:", "copydesk.toml:1:11"],
    );
}

#[test]
fn a_duplicate_rule_id_is_a_clear_toml_error() {
    config_error(
        "[rules.placeholder]\nseverity = \"off\"\n\n[rules.placeholder]\nseverity = \"info\"\n",
        &[
            "invalid policy file: duplicate key",
            "copydesk.toml:4:8",
            "`placeholder` is defined twice; a TOML file may define a table or key only once",
        ],
    );
}

#[test]
fn a_pathological_pattern_is_refused() {
    config_error(
        "[rules.placeholder]\npatterns = [\"(a{1000}){1000}\"]\n",
        &[
            "invalid regular expression `(a{1000}){1000}`",
            "copydesk.toml:2:13",
            "too large",
        ],
    );
    let nested = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    config_error(
        &format!("[rules.placeholder]\npatterns = [\"{nested}\"]\n"),
        &["invalid regular expression", "nest"],
    );
}

#[test]
fn a_pack_that_is_not_a_regular_file_is_refused() {
    // `extends` naming a FIFO or a device must not hang the run.
    config_error(
        "extends = [\"/dev/zero\"]\n",
        &[
            "cannot read pack `/dev/zero`: not a regular file",
            "copydesk.toml:1:12",
        ],
    );
}

#[test]
fn conflicting_flags_are_usage_errors() {
    let dir = folder();
    let run = |args: &[&str]| copydesk_in(dir.path()).args(args).output().unwrap();
    let out = run(&["check", "--staged", "--changed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        says(
            &out,
            "the argument '--staged' cannot be used with '--changed'"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(&["check", "--fix", "--staged"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        says(&out, "--fix cannot be combined with --staged"),
        "{}",
        stderr(&out)
    );
    let out = run(&["check", "--config", "x.toml", "--isolated"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        says(
            &out,
            "the argument '--config <PATH>' cannot be used with '--isolated'"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(&["check", "--fix", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(says(
        &out,
        "--fix writes files and cannot fix standard input"
    ));
}
