//! End-to-end tests of the CI output formats: a snapshot of each on the seed article,
//! SARIF against the official schema, JUnit through an XML parser, GitHub's escaping,
//! limits and job summary, GitLab's fingerprints, and `--output-file`.

use std::path::Path;

use serde_json::Value;

use crate::common::{copydesk, output_of, policy, run_in, tempdir, write};

/// Runs `check --format FORMAT` with more arguments (once per test binary: see
/// [`output_of`]); returns (exit code, stdout).
fn check(format: &str, args: &[&str]) -> (i32, String) {
    let out = output_of(&[&["check", "--format", format], args].concat());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), stdout)
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

/// SARIF with the machine's repository root and copydesk's version taken out.
fn stable_sarif(text: &str) -> String {
    let log = json(text);
    let root = log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .expect("SRCROOT uri");
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["version"].as_str(),
        Some(version)
    );
    text.replace(&format!("\"{root}\""), "\"file:///[ROOT]/\"")
        .replace(
            &format!("\"version\": \"{version}\","),
            "\"version\": \"[VERSION]\",",
        )
}

#[test]
fn sarif_seed() {
    let (code, out) = check("sarif", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("sarif_seed", stable_sarif(&out));
}

#[test]
fn github_seed() {
    let (code, out) = check("github", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("github_seed", out);
}

#[test]
fn gitlab_seed() {
    let (code, out) = check("gitlab", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("gitlab_seed", out);
}

#[test]
fn junit_seed() {
    let (code, out) = check("junit", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("junit_seed", out);
}

#[test]
fn rdjson_seed() {
    let (code, out) = check("rdjson", &["fixtures/seed.md"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("rdjson_seed", out);
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

// ---------------------------------------------------------------- SARIF

fn sarif_validator() -> jsonschema::Validator {
    let schema = std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").expect("schema");
    jsonschema::validator_for(&json(&schema)).expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str) -> Value {
    let log = json(text);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    log
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let validator = sarif_validator();
    // Every fixture: labels, document-level findings, BOM, CRLF, clean files.
    let (_, out) = check("sarif", &["fixtures"]);
    let log = assert_valid_sarif(&validator, &out);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        "https://github.com/copydesk/copydesk"
    );
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    // Every active rule of the built-in policy, in id order.
    let mut expected: Vec<&str> = policy()
        .rules
        .iter()
        .filter(|r| r.check.is_some())
        .map(|r| r.id.as_str())
        .collect();
    expected.sort_unstable();
    assert_eq!(rules, expected);
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index], result["ruleId"]);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(uri.starts_with("fixtures/"), "{uri}");
    }
    // A clean run is valid too.
    let (_, clean) = check("sarif", &["fixtures/clean.md"]);
    assert_valid_sarif(&validator, &clean);
}

#[test]
fn sarif_levels_and_regions() {
    let (_, out) = check("sarif", &["fixtures/seed.md"]);
    let log = json(&out);
    let results = log["runs"][0]["results"].as_array().expect("results");
    let figure = results
        .iter()
        .find(|r| r["message"]["text"] == "figure `10,000` has no source")
        .expect("the 10,000 finding");
    assert_eq!(figure["level"], "warning");
    let region = &figure["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(39),
            &Value::from(129),
            &Value::from(39),
            &Value::from(135)
        )
    );
    // charOffset counts code points: the text before the figure, in characters.
    let text = std::fs::read_to_string("fixtures/seed.md").expect("fixture");
    let at = text.find("10,000").expect("figure in the text");
    assert_eq!(
        region["charOffset"].as_u64(),
        Some(text[..at].chars().count() as u64)
    );
    assert_eq!(region["charLength"], 6);
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "boilerplate" && r["level"] == "error")
    );
}

#[test]
fn sarif_uris_are_relative_to_the_repository_root_and_encoded() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join(".git")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("news/op eds")).expect("mkdir");
    write(
        &dir.path().join("news/op eds"),
        "war #1.md",
        "The TK days.\n",
    );
    write(dir.path(), "cfg.toml", THREE_SEVERITIES);
    let out = run_in(
        &dir.path().join("news"),
        &[
            "check",
            "--config",
            "../cfg.toml",
            "--format",
            "sarif",
            "op eds/war #1.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let log = assert_valid_sarif(&sarif_validator(), &String::from_utf8_lossy(&out.stdout));
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "news/op%20eds/war%20%231.md"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "SRCROOT");
    let root = log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .expect("root uri");
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    // Only the rules in force are described.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), 3);
    let plugh = rules.iter().find(|r| r["id"] == "plugh").expect("plugh");
    assert_eq!(plugh["defaultConfiguration"]["level"], "note");
}

// ---------------------------------------------------------------- JUnit

#[test]
fn junit_structure() {
    let (_, xml) = check("junit", &["fixtures"]);
    let (_, doc) = check("json", &["fixtures"]);
    let doc = json(&doc);
    let findings = doc["diagnostics"].as_array().expect("diagnostics").len();
    let files = doc["summary"]["files"].as_u64().expect("files") as usize;

    let parsed = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = parsed.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("name"), Some("copydesk"));
    let number = |n: roxmltree::Node<'_, '_>, attr: &str| -> usize {
        n.attribute(attr)
            .unwrap_or_else(|| panic!("no {attr}"))
            .parse()
            .expect("a number")
    };
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), files, "one testsuite per checked file");
    assert_eq!(number(root, "failures"), findings);
    let mut tests = 0;
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        let failures: Vec<_> = cases
            .iter()
            .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
            .collect();
        assert_eq!(number(*suite, "tests"), cases.len());
        assert_eq!(number(*suite, "failures"), failures.len());
        assert!(!cases.is_empty(), "a clean file has a passing test case");
        for case in &cases {
            assert_eq!(case.tag_name().name(), "testcase");
            assert_eq!(case.attribute("classname"), suite.attribute("name"));
        }
        for failure in failures {
            assert!(failure.attribute("message").is_some_and(|m| !m.is_empty()));
            assert!(failure.attribute("type").is_some_and(|t| !t.is_empty()));
        }
        tests += cases.len();
    }
    assert_eq!(number(root, "tests"), tests);
}

#[test]
fn junit_escapes_hostile_messages() {
    let dir = tempdir();
    write(
        dir.path(),
        "copydesk.toml",
        r#"
extends = []
[rules.tk]
kind = "phrase-list"
severity = "error"
message = "bad & <odd> \"q\" 'a' \u0007 `{text}`"
words = ["TK"]
"#,
    );
    write(dir.path(), "a.md", "The TK days.\n");
    let out = run_in(dir.path(), &["check", "--format", "junit", "a.md"]);
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let parsed = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failure = parsed
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    assert_eq!(
        failure.attribute("message"),
        Some("bad & <odd> \"q\" 'a'  `TK`")
    );
    assert!(
        failure
            .text()
            .expect("body")
            .starts_with("a.md:1:5: error[tk] bad & <odd>")
    );
}

// ---------------------------------------------------------------- GitHub

/// An article of `n` paragraphs that cycle through the given words.
fn article(words: &[(&str, usize)]) -> String {
    let mut paragraphs = Vec::new();
    let most = words.iter().map(|(_, n)| *n).max().unwrap_or(0);
    for i in 0..most {
        for (word, n) in words {
            if i < *n {
                paragraphs.push(format!("Paragraph {i} has {word} in it."));
            }
        }
    }
    paragraphs.join("\n\n") + "\n"
}

#[test]
fn github_caps_and_order() {
    let dir = tempdir();
    write(dir.path(), "copydesk.toml", THREE_SEVERITIES);
    write(
        dir.path(),
        "a.md",
        &article(&[("XYZZY", 12), ("TK", 12), ("PLUGH", 3)]),
    );
    let out = run_in(dir.path(), &["check", "--format", "github", "a.md"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let kinds: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("::"))
        .map(|l| l.split([' ', ':']).next().unwrap_or(""))
        .collect();
    let mut expected = vec!["error"; 10];
    expected.extend(["warning"; 10]);
    expected.extend(["notice"; 4]);
    assert_eq!(kinds, expected);
    // Each group in file order.
    let line_of = |l: &str| -> usize {
        let at = l.find(",line=").expect("line") + 6;
        l[at..].split(',').next().unwrap().parse().expect("number")
    };
    for group in [&lines[0..10], &lines[10..20], &lines[20..23]] {
        let numbers: Vec<usize> = group.iter().map(|l| line_of(l)).collect();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(numbers, sorted);
    }
    assert!(lines[0].contains("title=copydesk (tk)::placeholder `TK`"));
    assert!(lines[10].starts_with("::warning file=a.md,line="));
    assert!(lines[20].starts_with("::notice file=a.md,"));
    assert!(
        lines[23].starts_with("::notice title=copydesk::4 more findings are not shown"),
        "{}",
        lines[23]
    );
    assert!(lines[23].contains("--format concise"), "{}", lines[23]);
    assert_eq!(lines[24], "12 errors, 12 warnings, 3 infos in 1 file");
    assert_eq!(lines.len(), 25);

    // Under the limits: no overflow notice.
    write(dir.path(), "b.md", &article(&[("TK", 3), ("XYZZY", 2)]));
    let out = run_in(dir.path(), &["check", "--format", "github", "b.md"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(text.lines().filter(|l| l.starts_with("::")).count(), 5);
    assert!(!text.contains("more findings"));
}

#[test]
fn github_escapes_messages_and_properties() {
    let dir = tempdir();
    write(
        dir.path(),
        "copydesk.toml",
        r#"
extends = []
[rules."odd:rule"]
kind = "phrase-list"
severity = "warning"
message = "100% wrong,\r\nsee: `{text}`"
words = ["TK"]
"#,
    );
    write(dir.path(), "a,b:c.md", "The TK days.\n");
    let out = run_in(dir.path(), &["check", "--format", "github", "a,b:c.md"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        text.lines().next(),
        Some(
            "::warning file=a%2Cb%3Ac.md,line=1,col=5,endLine=1,endColumn=7,\
             title=copydesk (odd%3Arule)::100%25 wrong,%0D%0Asee: `TK`"
        ),
        "{text}"
    );
}

#[test]
fn github_appends_the_full_report_to_the_step_summary() {
    let dir = tempdir();
    write(dir.path(), "copydesk.toml", THREE_SEVERITIES);
    write(
        dir.path(),
        "a.md",
        &article(&[("XYZZY", 12), ("TK", 12), ("PLUGH", 3)]),
    );
    let summary = dir.path().join("summary.md");
    write(dir.path(), "summary.md", "# Earlier step\n\nkept\n");
    let run = || {
        copydesk()
            .current_dir(dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "--format", "github", "a.md"])
            .output()
            .expect("runs")
    };
    let out = run();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("the full list is in the job summary"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        text.starts_with("# Earlier step\n\nkept\n"),
        "appended, not truncated"
    );
    assert!(text.contains("## copydesk\n\n12 errors, 12 warnings, 3 infos in 1 file\n"));
    assert!(text.contains("### a.md\n\n| Line | Column | Severity | Rule | Message |\n"));
    // Every finding, not only those shown as annotations.
    // The header, the alignment row and one row per finding.
    assert_eq!(text.matches("\n| ").count(), 2 + 27);
    assert!(text.contains("| 1 | 17 | warning | `xyzzy` | filler `XYZZY` |\n"));
    run();
    let twice = std::fs::read_to_string(&summary).expect("summary");
    assert_eq!(twice.matches("## copydesk").count(), 2);
    assert!(twice.starts_with(&text));
}

#[test]
fn github_step_summary_only_for_the_github_format() {
    let dir = tempdir();
    write(dir.path(), "a.md", "The TK days.\n");
    let summary = dir.path().join("summary.md");
    let out = copydesk()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "concise", "--isolated", "a.md"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(!summary.exists());
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
    assert!(
        text.ends_with("8 errors, 13 warnings, 14 infos in 1 file\n"),
        "{text}"
    );
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
