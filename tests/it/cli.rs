//! End-to-end tests of the `copydesk` binary on the fixtures: exact rule ids, lines,
//! columns and exit codes, and the rendered reports.

use serde_json::Value;

use crate::common::{copydesk, fixture, output_of, run_in, tempdir, write};

/// Runs `check --format json` on paths (once per test binary: see [`output_of`]);
/// returns (exit code, findings as (rule, line, column) and the parsed document).
fn check_json(args: &[&str]) -> (i32, Vec<(String, u64, u64)>, Value) {
    let out = output_of(&[&["check", "--format", "json"], args].concat());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let findings = doc["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), findings, doc)
}

fn f(rule: &str, line: u64, column: u64) -> (String, u64, u64) {
    (rule.to_string(), line, column)
}

/// The seed article as submitted: every finding, exactly.
fn seed_expected() -> Vec<(String, u64, u64)> {
    vec![
        f("contested-term", 9, 160),
        f("source-link", 11, 16),
        f("scare-quote", 11, 84),
        f("contested-term", 11, 85),
        f("boilerplate", 13, 1),
        f("scare-quote", 17, 110),
        f("contested-term", 17, 111),
        f("unattributed-figure", 23, 53),
        f("contested-term", 25, 27),
        f("term-consistency", 25, 70),
        f("vague-attribution", 25, 84),
        f("term-consistency", 25, 182),
        f("contested-term", 25, 225),
        f("unattributed-figure", 25, 355),
        f("unattributed-quote", 31, 349),
        f("term-consistency", 33, 148),
        f("contested-term", 33, 208),
        f("relative-time", 39, 1),
        f("unattributed-figure", 39, 129),
        f("numerals", 41, 230),
        f("unattributed-figure", 41, 230),
        f("contested-term", 45, 148),
        f("term-consistency", 45, 302),
        f("scare-quote", 47, 24),
        f("contested-term", 47, 25),
        f("scare-quote", 47, 47),
        f("long-sentence", 47, 192),
        f("boilerplate", 59, 1),
        f("boilerplate", 61, 1),
        f("boilerplate", 63, 136),
        f("unattributed-figure", 67, 12),
        f("boilerplate", 72, 1),
        f("boilerplate", 75, 1),
        f("boilerplate", 77, 1),
        f("boilerplate", 79, 1),
    ]
}

#[test]
fn seed_article_findings() {
    let (code, findings, doc) = check_json(&["fixtures/seed.md"]);
    assert_eq!(code, 1, "boilerplate is an error");
    assert_eq!(findings, seed_expected());
    // None at the years, dates and resolution numbers; no disclaimer or credit finding.
    for rule in ["disclaimer", "editor-credit", "front-matter", "placeholder"] {
        assert!(
            !findings.iter().any(|(r, _, _)| r == rule),
            "unexpected {rule}"
        );
    }
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 1, "errors": 8, "warnings": 13, "infos": 14})
    );
}

#[test]
fn seed_figure_spans_cover_the_figures() {
    let (_, _, doc) = check_json(&["fixtures/seed.md"]);
    let text = std::fs::read_to_string("fixtures/seed.md").expect("fixture");
    let figures: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["rule"] == "unattributed-figure")
        .map(|d| {
            let (s, e) = (
                d["start"].as_u64().expect("start") as usize,
                d["end"].as_u64().expect("end") as usize,
            );
            &text[s..e]
        })
        .collect();
    assert_eq!(figures, ["a million", "613", "10,000", "4", "2,500"]);
}

#[test]
fn json_contract_fields() {
    let (_, _, doc) = check_json(&["fixtures/seed.md"]);
    assert_eq!(doc["version"], 1);
    let d = doc["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["message"] == "figure `10,000` has no source")
        .expect("the 10,000 figure is reported");
    assert_eq!(d["path"], "fixtures/seed.md");
    assert_eq!(d["rule"], "unattributed-figure");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["message"], "figure `10,000` has no source");
    assert!(d["help"].as_str().expect("help").contains("according to"));
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(39), Some(129))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(39), Some(135))
    );
    assert_eq!(d["fix"], Value::Null);
    let keys: Vec<&str> = d
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "help",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "fix",
    ] {
        assert!(keys.contains(&key), "missing {key}");
    }
}

#[test]
fn crlf_and_bom_give_the_same_positions() {
    let (_, seed, _) = check_json(&["fixtures/seed.md"]);
    let (_, crlf, _) = check_json(&["fixtures/variants/crlf.md"]);
    let (_, bom, _) = check_json(&["fixtures/variants/bom.md"]);
    assert_eq!(crlf, seed);
    assert_eq!(bom, seed);
}

#[test]
fn clean_article_passes() {
    copydesk()
        .args(["check", "fixtures/clean.md"])
        .assert()
        .code(0)
        .stdout("no problems found in 1 file\n");
}

#[test]
fn variants_report_exactly_their_finding() {
    let cases: &[(&str, i32, &[(&str, u64, u64)])] = &[
        ("disclaimer-missing.md", 1, &[("disclaimer", 51, 100)]),
        ("disclaimer-misplaced.md", 1, &[("disclaimer", 9, 1)]),
        ("disclaimer-duplicated.md", 1, &[("disclaimer", 57, 1)]),
        ("disclaimer-misworded.md", 1, &[("disclaimer", 55, 1)]),
        // Without a configured publication any name is accepted.
        ("disclaimer-wrong-publication.md", 0, &[]),
        ("credit-missing.md", 1, &[("editor-credit", 51, 100)]),
        ("credit-mismatch.md", 1, &[("editor-credit", 53, 2)]),
        (
            "figures-unsourced.md",
            0,
            &[
                ("unattributed-figure", 23, 374),
                ("numerals", 39, 230),
                ("unattributed-figure", 39, 230),
            ],
        ),
        // A short test article: below the house's 500 words.
        ("figures-sourced.md", 0, &[("length", 25, 121)]),
        (
            "figures-vague.md",
            0,
            &[
                ("vague-attribution", 11, 1),
                ("unattributed-figure", 11, 23),
                ("vague-attribution", 11, 43),
                ("unattributed-figure", 11, 55),
                ("vague-attribution", 13, 44),
                ("unattributed-figure", 13, 100),
                ("length", 15, 76),
            ],
        ),
        (
            "placeholders.md",
            1,
            &[
                ("placeholder", 35, 282),
                ("placeholder", 35, 330),
                ("placeholder", 37, 22),
                ("placeholder", 37, 76),
                ("placeholder", 39, 45),
                ("placeholder", 41, 66),
                ("placeholder", 41, 84),
            ],
        ),
        ("front-matter-missing.md", 1, &[("front-matter", 1, 1)]),
        ("front-matter-broken.md", 1, &[("front-matter", 2, 8)]),
        (
            "front-matter-incomplete.md",
            1,
            &[("front-matter", 1, 1), ("front-matter", 4, 7)],
        ),
        ("front-matter-toml.md", 0, &[]),
        (
            "boilerplate.md",
            1,
            &[
                ("boilerplate", 13, 1),
                ("boilerplate", 29, 1),
                ("boilerplate", 31, 1),
                ("boilerplate", 63, 1),
                ("boilerplate", 65, 1),
                ("boilerplate", 67, 1),
                ("boilerplate", 69, 1),
            ],
        ),
    ];
    for (file, code, expected) in cases {
        let path = format!("fixtures/variants/{file}");
        let (got_code, got, _) = check_json(&[&path]);
        let expected: Vec<_> = expected.iter().map(|(r, l, c)| f(r, *l, *c)).collect();
        assert_eq!(got, expected, "{file}");
        assert_eq!(got_code, *code, "{file}");
    }
}

#[test]
fn messages_say_what_is_wrong() {
    let out = copydesk()
        .args([
            "check",
            "--format",
            "concise",
            "fixtures/variants/credit-mismatch.md",
            "fixtures/variants/front-matter-incomplete.md",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "fixtures/variants/credit-mismatch.md:53:2: error[editor-credit] the credit names Jordan Blake, but the front matter's editor is Cheyenne Torres\n\
         fixtures/variants/front-matter-incomplete.md:1:1: error[front-matter] the front matter has no `section` or `type`\n\
         fixtures/variants/front-matter-incomplete.md:4:7: error[front-matter] the front matter's `date` is not a valid date: `2023-13-45`\n\
         3 errors in 2 files\n"
    );
}

#[test]
fn configured_publication_reports_the_wrong_name() {
    let dir = tempdir();
    write(
        dir.path(),
        "copydesk.toml",
        "extends = [\"opinion\"]\n[publication]\nname = \"Fair Observer\"\n",
    );
    write(
        dir.path(),
        "piece.md",
        &fixture("variants/disclaimer-wrong-publication.md"),
    );
    let out = run_in(dir.path(), &["check", "--format", "concise", "piece.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "piece.md:55:89: error[disclaimer] the disclaimer names `The Daily Planet`, not Fair Observer\n1 error in 1 file\n"
    );
    // The seed names Fair Observer: still no disclaimer finding.
    write(dir.path(), "seed.md", &fixture("seed.md"));
    let out = run_in(dir.path(), &["check", "--format", "concise", "seed.md"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("[disclaimer]"));
}

#[test]
fn config_turns_a_rule_off_and_is_found_from_a_subfolder() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    write(
        dir.path(),
        "copydesk.toml",
        "extends = [\"opinion\"]\n[rules.boilerplate]\nseverity = \"off\"\n",
    );
    write(dir.path(), "articles/2023/seed.md", &fixture("seed.md"));
    let out = run_in(dir.path(), &["check", "--format", "concise", "articles"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("boilerplate"), "{stdout}");
    assert!(
        stdout.contains("articles/2023/seed.md:25:355: warning[unattributed-figure]"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "only warnings remain");
    // --isolated ignores the configuration.
    let out = run_in(
        dir.path(),
        &["check", "--isolated", "--format", "concise", "articles"],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("[boilerplate]"));
}

#[test]
fn config_without_extends_builds_on_the_default_pack() {
    let dir = tempdir();
    write(
        dir.path(),
        "copydesk.toml",
        "[publication]\nname = \"Fair Observer\"\n",
    );
    write(dir.path(), "seed.md", &fixture("seed.md"));
    let out = run_in(dir.path(), &["check", "--format", "concise", "seed.md"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("seed.md:13:1: error[boilerplate]"));
    // `extends = []` starts from nothing.
    write(dir.path(), "copydesk.toml", "extends = []\n");
    copydesk()
        .current_dir(dir.path())
        .args(["check", "seed.md"])
        .assert()
        .code(0)
        .stdout("no problems found in 1 file\n");
}

#[test]
fn config_parameters_override_the_pack() {
    let dir = tempdir();
    write(
        dir.path(),
        "house.toml",
        "extends = [\"opinion\"]\n[rules.editor-credit]\nformat = \"Edited by {name}.\"\nmessage = \"no editing credit\"\n",
    );
    write(
        dir.path(),
        "a.md",
        "---\ntitle: T\nauthor: A\ndate: 2023-11-13\nsection: opinion\n---\nThe war ended.\n\n[Jo Blake edited this piece.]\n",
    );
    write(
        dir.path(),
        "b.md",
        "---\ntitle: T\nauthor: A\ndate: 2023-11-13\nsection: opinion\n---\nThe war ended.\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--config",
            "house.toml",
            "--format",
            "concise",
            "a.md",
            "b.md",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The pack's credit is a credit in another form under the house's format, not missing.
    assert!(
        stdout.contains("a.md:9:1: error[editor-credit] the editor credit is not in the house format: `[Jo Blake edited this piece.]`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("b.md:7:15: error[editor-credit] no editing credit"),
        "{stdout}"
    );
}

fn check_config_error(config: &str, expected: &[&str]) {
    let dir = tempdir();
    write(dir.path(), "copydesk.toml", config);
    write(dir.path(), "a.md", &fixture("clean.md"));
    write(dir.path(), "other/b.md", &fixture("clean.md"));
    let out = run_in(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2), "config errors exit 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in expected {
        assert!(
            stderr.contains(needle),
            "stderr lacks {needle:?}:\n{stderr}"
        );
    }
}

#[test]
fn unknown_rule_id_points_into_the_config() {
    check_config_error(
        "extends = [\"opinion\"]\n[rules.boilerplat]\nseverity = \"off\"\n",
        &[
            "unknown rule `boilerplat`",
            "copydesk.toml:2:",
            "did you mean `boilerplate`?",
        ],
    );
}

#[test]
fn unknown_key_points_into_the_config() {
    check_config_error(
        "extends = [\"opinion\"]\n[rules.placeholder]\nwordz = [\"TK\"]\n",
        &[
            "unknown parameter `wordz`",
            "copydesk.toml:3:1",
            "takes one of `phrases`",
        ],
    );
    check_config_error(
        "extend = [\"opinion\"]\n",
        &["unknown field `extend`", "copydesk.toml:1:1"],
    );
}

#[test]
fn invalid_regex_points_at_the_pattern() {
    check_config_error(
        "extends = [\"opinion\"]\n[rules.placeholder]\npatterns = [\"ok\", \"(unclosed\"]\n",
        &[
            "invalid regular expression `(unclosed`",
            "copydesk.toml:3:19",
            "unclosed group",
        ],
    );
}

#[test]
fn unknown_kind_and_bad_severity_are_errors() {
    check_config_error(
        "extends = [\"opinion\"]\n[rules.house-terms]\nkind = \"phrase-lst\"\nmessage = \"x\"\n",
        &[
            "unknown rule kind `phrase-lst`",
            "did you mean `phrase-list`?",
        ],
    );
    check_config_error(
        "extends = [\"opinion\"]\n[rules.placeholder]\nseverity = \"fatal\"\n",
        &["unknown severity `fatal`", "error, warning, info, off"],
    );
    check_config_error("extends = [\"nope\"]\n", &["no built-in pack named `nope`"]);
}

#[test]
fn a_new_rule_of_any_kind_can_be_added() {
    let dir = tempdir();
    write(
        dir.path(),
        "copydesk.toml",
        "extends = [\"opinion\"]\n[rules.house-terms]\nkind = \"phrase-list\"\nseverity = \"warning\"\nmessage = \"house style: avoid `{text}`\"\nphrases = [\"very unique\"]\n",
    );
    write(dir.path(), "a.md", "A very unique idea.\n");
    let out = run_in(dir.path(), &["check", "--format", "concise", "a.md"]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("a.md:1:3: warning[house-terms] house style: avoid `very unique`")
    );
}

#[test]
fn a_phrase_list_can_spare_linked_sentences_and_name_its_label() {
    let dir = tempdir();
    write(
        dir.path(),
        "copydesk.toml",
        "extends = []\n[rules.hearsay]\nkind = \"phrase-list\"\nseverity = \"warning\"\nmessage = \"hearsay: `{text}`\"\nlabel = \"who says?\"\nunless-linked = \"sentence\"\nphrases = [\"people say\"]\n",
    );
    write(
        dir.path(),
        "a.md",
        "People say it works. [People say](https://example.org) it fails.\n\nPeople say it is fine, and here is [a link](https://example.org).\n",
    );
    let out = run_in(dir.path(), &["check", "--format", "json", "a.md"]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let found: Vec<(u64, u64)> = doc["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [(1, 1)]);
    let out = run_in(dir.path(), &["check", "a.md"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("who says?"));
}

#[test]
fn missing_path_is_an_error_but_other_files_are_checked() {
    let out = copydesk()
        .args([
            "check",
            "--format",
            "concise",
            "no/such/file.md",
            "fixtures/variants/credit-missing.md",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("credit-missing.md:51:100: error[editor-credit]")
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read `no/such/file.md`"));
}

#[test]
fn invalid_utf8_names_the_byte_and_other_files_are_checked() {
    let dir = tempdir();
    std::fs::write(dir.path().join("bad.md"), b"Title\n\nCaf\xe9 society\n").expect("write");
    write(dir.path(), "good.md", &fixture("clean.md"));
    let out = run_in(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`bad.md` is not UTF-8 text (invalid byte at offset 10, line 3)"),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "no problems found in 1 file; 1 file was not checked (see the errors above)\n"
    );
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    write(dir.path(), ".gitignore", "drafts/\n");
    write(dir.path(), "a.md", "TK\n");
    write(dir.path(), "b.markdown", "TK\n");
    write(dir.path(), "notes.txt", "TK\n");
    write(dir.path(), "drafts/c.md", "TK\n");
    let out = run_in(dir.path(), &["check", "--format", "concise", "--isolated"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let placeholder_files: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("[placeholder]"))
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(placeholder_files, ["a.md", "b.markdown"]);
}

#[test]
fn stdin_is_named_by_stdin_filename() {
    copydesk()
        .args([
            "check",
            "--format",
            "concise",
            "--isolated",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin(fixture("variants/placeholders.md"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "draft.md:35:282: error[placeholder] placeholder text: `TK`",
        ));
}

#[test]
fn fail_on_sets_the_threshold() {
    let run = |level: &str| {
        copydesk()
            .args([
                "check",
                "--fail-on",
                level,
                "fixtures/variants/figures-vague.md",
            ])
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(run("error"), Some(0));
    assert_eq!(run("warning"), Some(1));
    assert_eq!(run("info"), Some(1));
    assert_eq!(run("never"), Some(0));
    assert_eq!(
        copydesk()
            .args(["check", "--fail-on", "never", "fixtures/seed.md"])
            .output()
            .expect("runs")
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn usage_errors_exit_2() {
    copydesk()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    copydesk()
        .args(["check", "--config", "x.toml", "--isolated"])
        .assert()
        .code(2);
    copydesk()
        .args(["check", "--config", "missing.toml", "fixtures/clean.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.toml"));
}

#[test]
fn human_report_of_the_seed() {
    let out = copydesk()
        .args(["check", "fixtures/seed.md"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "no colour off a terminal");
    insta::assert_snapshot!("human_seed", stdout);
}

#[test]
fn human_report_of_variants() {
    let out = copydesk()
        .args([
            "check",
            "fixtures/variants/credit-mismatch.md",
            "fixtures/variants/disclaimer-misplaced.md",
            "fixtures/variants/disclaimer-missing.md",
            "fixtures/variants/front-matter-broken.md",
        ])
        .output()
        .expect("runs");
    insta::assert_snapshot!("human_variants", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn rules_lists_the_policy() {
    let out = copydesk()
        .args(["rules", "--isolated"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("rules", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn explain_prints_the_rule_documentation() {
    let out = copydesk()
        .args(["explain", "unattributed-figure", "--isolated"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "unattributed-figure (warning by default, kind `figure-attribution`)",
        "## What it does",
        "## Why is this bad?",
        "Use instead:",
        "Message: figure `{text}` has no source",
        "Settings:",
        "Examples that are reported:",
        "Examples that pass:",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    copydesk()
        .args(["explain", "disclaimr"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `disclaimer`?"));
}

#[test]
fn help_explains_the_commands() {
    let out = copydesk().arg("--help").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in ["check", "rules", "explain", "Exit status"] {
        assert!(text.contains(needle), "--help lacks {needle}");
    }
    let out = copydesk().args(["check", "--help"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--format",
        "--fail-on",
        "--config",
        "--isolated",
        "--stdin-filename",
        "--exclude <GLOB>",
        "--force-exclude",
        "concise",
        "json",
    ] {
        assert!(text.contains(needle), "check --help lacks {needle}");
    }
}

#[test]
fn findings_far_into_a_very_long_line_are_reported_without_a_drawing() {
    // miette pads underlines with a formatting width that Rust caps at 65,535.
    let line = format!("{} TK here.\n", "word ".repeat(16_000));
    let out = copydesk()
        .args(["check", "--isolated", "--stdin-filename", "long.md", "-"])
        .write_stdin(line)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("error[placeholder]: placeholder text: `TK`\n  --> long.md:1:80002\n"),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
}

#[test]
fn a_policy_error_far_into_a_long_line_is_reported_plainly() {
    let dir = tempdir();
    let config = format!(
        "extends = [\"opinion\"]\n[rules.placeholder]\nwords = [{}\"(\"]\npatterns = [{}\"(\"]\n",
        "\"x\", ".repeat(20_000),
        "\"x\", ".repeat(20_000)
    );
    write(dir.path(), "copydesk.toml", &config);
    write(dir.path(), "a.md", "Text.\n");
    let out = run_in(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: invalid regular expression `(`"),
        "{}",
        &stderr[..stderr.len().min(500)]
    );
    assert!(!stderr.contains("panicked"));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_read_forever() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    write(dir.path(), "a.md", &fixture("clean.md"));
    let out = copydesk()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "pipe.md", "a.md"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read `pipe.md`: not a regular file")
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("no problems found in 1 file"));
}
