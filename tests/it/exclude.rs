//! Which files are checked: `exclude`, `extend-exclude`, `include` and `force-exclude` in
//! `copydesk.toml`, `--exclude` and `--force-exclude`, in folder walks, `--staged`,
//! `--changed`, the pre-commit hook, and for paths named on the command line.
//!
//! Every file holds a planted `TK` and the policy has one rule that reports it, so the
//! concise report lists exactly the files that were checked.

use std::path::Path;
use std::process::Output;

use crate::common::{run_in, write};
use crate::git::{branch, commit, init, stage};

/// One rule: `TK` is an error. Selection keys are appended by the tests.
const POLICY: &str = "extends = []\n\n[rules.tk]\nkind = \"phrase-list\"\nseverity = \"error\"\nmessage = \"placeholder `{text}`\"\nwords = [\"TK\"]\n";

const TEXT: &str = "The cost is TK.\n";

/// The configuration with `keys` (top-level TOML lines) before the rule table.
fn config(keys: &str) -> String {
    format!("{keys}\n{POLICY}")
}

/// The concise report line of the planted finding in `path`.
fn hit(path: &str) -> String {
    format!("{path}:1:13: error[tk] placeholder `TK`")
}

/// Exit code, standard output and standard error of `copydesk check --format concise`.
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let out: Output = run_in(dir, &all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The report of a run that found the planted error in each of `paths`, in order.
fn report(paths: &[&str]) -> String {
    let mut s: String = paths.iter().map(|p| hit(p) + "\n").collect();
    let n = paths.len();
    let plural = if n == 1 { "" } else { "s" };
    s.push_str(&format!("{n} error{plural} in {n} file{plural}\n"));
    s
}

const NOTHING: &str = "no problems found in 0 files\n";

/// Writes the files every walk test starts from, each with a planted `TK`.
fn files(dir: &Path, names: &[&str]) {
    for name in names {
        write(dir, name, TEXT);
    }
}

const TREE: &[&str] = &[
    "README.md",
    "CHANGELOG.md",
    "opinion/a.md",
    "opinion/b.markdown",
    "opinion/Readme.md",
    "drafts/d.md",
    "vendor/pkg/v.md",
    "node_modules/pkg/n.md",
    "notes.txt",
];

#[test]
fn a_folder_walk_leaves_out_the_default_exclusions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    files(dir, TREE);
    write(dir, "copydesk.toml", POLICY);
    // An excluded folder is not entered: the broken configuration inside it is never read.
    write(dir, "vendor/copydesk.toml", "exclude = [\"[bad\"]\n");
    let (code, stdout, stderr) = check(dir, &["."]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            1,
            report(&["drafts/d.md", "opinion/a.md", "opinion/b.markdown"]).as_str(),
            ""
        )
    );
}

#[test]
fn extend_exclude_adds_to_the_defaults_and_exclude_replaces_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    files(dir, TREE);

    write(
        dir,
        "copydesk.toml",
        &config("extend-exclude = [\"drafts/\", \"opinion/*.markdown\"]"),
    );
    assert_eq!(
        check(dir, &["."]),
        (1, report(&["opinion/a.md"]), String::new())
    );

    // Replacing the defaults: README.md, CHANGELOG.md, vendor and node_modules are back.
    write(
        dir,
        "copydesk.toml",
        &config("exclude = [\"drafts\", \"opinion/**\"]"),
    );
    assert_eq!(
        check(dir, &["."]),
        (
            1,
            report(&[
                "CHANGELOG.md",
                "README.md",
                "node_modules/pkg/n.md",
                "vendor/pkg/v.md"
            ]),
            String::new()
        )
    );

    // `*` stays within a folder: `opinion/*.md` leaves out opinion's articles, not those
    // of the folders below it.
    write(dir, "opinion/2019/old.md", TEXT);
    write(
        dir,
        "copydesk.toml",
        &config("extend-exclude = [\"opinion/*.md\", \"drafts\"]"),
    );
    assert_eq!(
        check(dir, &["."]),
        (
            1,
            report(&["opinion/2019/old.md", "opinion/b.markdown"]),
            String::new()
        )
    );
}

#[test]
fn include_chooses_the_files_a_walk_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    files(dir, TREE);
    write(
        dir,
        "copydesk.toml",
        &config("include = [\"opinion/*.md\", \"*.txt\"]"),
    );
    // opinion/Readme.md is included but excluded by default (the defaults ignore case).
    assert_eq!(
        check(dir, &["."]),
        (1, report(&["notes.txt", "opinion/a.md"]), String::new())
    );
    // A file named on the command line is checked whatever `include` says.
    assert_eq!(
        check(dir, &["drafts/d.md"]),
        (1, report(&["drafts/d.md"]), String::new())
    );
}

#[test]
fn patterns_are_relative_to_the_configuration_that_sets_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    files(dir, &["site/news/a.md", "site/opinion/b.md", "news/c.md"]);
    write(
        dir,
        "copydesk.toml",
        &config("extend-exclude = [\"news/**\"]"),
    );
    // The nearest configuration governs a folder's files; its `news` is site/news.
    write(
        dir,
        "site/copydesk.toml",
        &config("extend-exclude = [\"opinion/**\"]"),
    );
    assert_eq!(
        check(dir, &["."]),
        (1, report(&["site/news/a.md"]), String::new())
    );
    // `--exclude` is relative to the current folder, and adds to the configuration's.
    assert_eq!(
        check(&dir.join("site"), &["--exclude", "news/*.md", "."]),
        (0, NOTHING.to_string(), String::new())
    );
    assert_eq!(
        check(dir, &["--exclude", "site", "--exclude", "unused", "."]),
        (0, NOTHING.to_string(), String::new())
    );
}

#[test]
fn a_named_excluded_file_is_checked_unless_force_exclude() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    files(dir, TREE);
    write(dir, "copydesk.toml", POLICY);

    assert_eq!(
        check(dir, &["README.md", "opinion/a.md"]),
        (1, report(&["README.md", "opinion/a.md"]), String::new())
    );
    assert_eq!(
        check(dir, &["--force-exclude", "README.md", "opinion/a.md"]),
        (1, report(&["opinion/a.md"]), String::new())
    );
    // A file inside an excluded folder, a named excluded folder: left out too.
    assert_eq!(
        check(
            dir,
            &[
                "--force-exclude",
                "README.md",
                "vendor/pkg/v.md",
                "node_modules"
            ]
        ),
        (0, NOTHING.to_string(), String::new())
    );

    // The same from the configuration, and for standard input named after a file.
    write(dir, "copydesk.toml", &config("force-exclude = true"));
    assert_eq!(
        check(dir, &["CHANGELOG.md"]),
        (0, NOTHING.to_string(), String::new())
    );
    let out = crate::common::copydesk_in(dir)
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "README.md",
            "-",
        ])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).as_ref()
        ),
        (Some(0), NOTHING)
    );
}

#[test]
fn staged_and_changed_leave_out_excluded_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    let staged = [
        "README.md",
        "docs/CONTRIBUTING.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "vendor/pkg/v.md",
        "drafts/d.md",
        "opinion/a.md",
        "notes.txt",
    ];
    files(dir, &staged);
    write(
        dir,
        "copydesk.toml",
        &config("extend-exclude = [\"drafts\"]"),
    );
    let mut names = staged.to_vec();
    names.push("copydesk.toml");
    stage(&repo, &names);
    assert_eq!(
        check(dir, &["--staged"]),
        (1, report(&["opinion/a.md"]), String::new())
    );
    // Force-exclude has nothing to add: git's paths always honour the exclusions.
    assert_eq!(
        check(&dir.join("opinion"), &["--staged", "--force-exclude"]),
        (1, report(&["a.md"]), String::new())
    );

    commit(&repo, "first");
    branch(&repo, "feature");
    files(dir, &["CHANGELOG.md", "drafts/e.md", "opinion/c.md"]);
    assert_eq!(
        check(dir, &["--changed", "--since", "main"]),
        (1, report(&["opinion/c.md"]), String::new())
    );
}

/// The issue: `git add README.md` and the hook blocked the commit.
#[test]
fn the_installed_hook_lets_a_readme_through() {
    let git_works = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !git_works {
        eprintln!("skipped: no `git` binary on PATH to run the hook");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    let out = run_in(dir, &["hook", "install"]);
    assert_eq!(out.status.code(), Some(0));
    write(dir, "copydesk.toml", POLICY);
    write(dir, "README.md", TEXT);
    stage(&repo, &["copydesk.toml", "README.md"]);
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "commit",
            "-q",
            "-m",
            "readme",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the commit was refused: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_bad_glob_is_a_configuration_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    files(dir, &["a.md"]);
    write(
        dir,
        "copydesk.toml",
        &config("exclude = [\"drafts\", \"[bad\"]"),
    );
    let expected_err = "copydesk::policy

  × invalid glob `[bad` in `exclude`: unclosed character class; missing ']'
   ╭─[copydesk.toml:1:22]
 1 │ exclude = [\"drafts\", \"[bad\"]
   ·                      ───┬──
   ·                         ╰── this pattern
 2 │ extends = []
   ╰────
  help: globs are relative to the configuration file's folder; `*` stays within a folder, `**`
        crosses folders, and a pattern without `/` matches a file or folder name at any depth,
        e.g. \"drafts\" or \"archive/**/*.md\"

";
    let unchecked = "nothing was checked: 1 file could not be checked (see the errors above)\n";
    // Reported once, whether the walk or the file's policy meets it first.
    assert_eq!(
        check(dir, &["."]),
        (2, unchecked.to_string(), expected_err.to_string())
    );
    assert_eq!(
        check(dir, &["a.md"]),
        (2, unchecked.to_string(), expected_err.to_string())
    );
    let repo = init(dir);
    stage(&repo, &["a.md"]);
    assert_eq!(
        check(dir, &["--staged"]),
        (2, unchecked.to_string(), expected_err.to_string())
    );
    // `rules` loads the same configuration.
    let out = run_in(dir, &["rules"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "× invalid glob `[bad` in `exclude`: unclosed character class; missing ']'\n"
        ),
        "{stderr}"
    );

    assert_eq!(
        check(dir, &["--isolated", "--exclude", "ok", "--exclude", "news/[", "."]),
        (
            2,
            String::new(),
            "copydesk::usage\n\n  × invalid glob `news/[` given to --exclude: unclosed character class; missing ']'\n\n"
                .to_string()
        )
    );
}

/// The README says exactly what is excluded by default.
#[test]
fn the_readme_lists_the_default_exclusions() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let section = readme
        .split("\n### Which files are checked\n")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .expect("README has the section")
        .replace('\n', " ");
    let listed = section
        .split("the excluded names are ")
        .nth(1)
        .and_then(|s| s.split(", matched without case").next())
        .expect("the section lists the defaults");
    let names: Vec<&str> = listed
        .split(',')
        .flat_map(|s| s.split(" and "))
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(names, copydesk::policy::select::DEFAULT_EXCLUDE);
}
