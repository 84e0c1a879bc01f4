//! `--staged`, `--changed`, `--changed-lines` and `hook` on real repositories built with
//! git2 in temporary folders: commit, branch, stage, edit after staging, rename, delete,
//! diverge the base branch after the branch point.
//!
//! Assertions look only at the rules these tests plant findings for (`placeholder` on a
//! line, `disclaimer` for the whole document), so new rules in the pack do not change them.

use std::path::Path;

use git2::{Repository, RepositoryInitOptions, Signature};
use serde_json::Value;

use crate::common::{copydesk_in, write};

const DISCLAIMER: &str = "The views expressed in this article are the author’s own and do not necessarily reflect Fair Observer’s editorial policy.";

/// A short article; `body` lines are paragraphs after the first one: `body[i]` is on
/// line 11 + 2i. A missing disclaimer is reported where the body ends.
fn article(body: &[&str], disclaimer: bool) -> String {
    let mut s = String::from(
        "---\ntitle: \"A test piece\"\nauthor: Ann Writer\ndate: 2024-01-02\nsection: opinion\neditor: Cheyenne Torres\n---\n\nThe council met in the spring to discuss the plan.\n",
    );
    for line in body {
        s.push('\n');
        s.push_str(line);
        s.push('\n');
    }
    s.push_str("\n[Cheyenne Torres edited this piece.]\n");
    if disclaimer {
        s.push('\n');
        s.push_str(DISCLAIMER);
        s.push('\n');
    }
    s
}

const FINE: &str = "The plan was discussed at length by the members.";
const TK: &str = "The cost of the plan is TK and rising.";

pub(crate) fn init(dir: &Path) -> Repository {
    let mut opts = RepositoryInitOptions::new();
    opts.initial_head("main");
    Repository::init_opts(dir, &opts).expect("init")
}

pub(crate) fn stage(repo: &Repository, names: &[&str]) {
    let mut index = repo.index().unwrap();
    for name in names {
        index.add_path(Path::new(name)).unwrap();
    }
    index.write().unwrap();
}

fn unstage_delete(repo: &Repository, name: &str) {
    let mut index = repo.index().unwrap();
    index.remove_path(Path::new(name)).unwrap();
    index.write().unwrap();
}

pub(crate) fn commit(repo: &Repository, message: &str) {
    let sig = Signature::now("Test", "test@example.com").unwrap();
    let mut index = repo.index().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .unwrap();
}

/// Creates `name` at HEAD and switches to it (the working tree is unchanged).
pub(crate) fn branch(repo: &Repository, name: &str) {
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch(name, &head, false).unwrap();
    switch(repo, name);
}

fn switch(repo: &Repository, name: &str) {
    repo.set_head(&format!("refs/heads/{name}")).unwrap();
    let mut opts = git2::build::CheckoutBuilder::new();
    opts.force();
    repo.checkout_head(Some(&mut opts)).unwrap();
}

/// (path, rule, line) of the planted rules' findings, and the exit code.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String, u64)>) {
    let out = copydesk_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "exit {code}, invalid JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let findings = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| matches!(d["rule"].as_str(), Some("placeholder" | "disclaimer")))
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (code, findings)
}

/// The paths a run checked, from the JSON summary and findings of every rule.
fn files_checked(dir: &Path, args: &[&str]) -> u64 {
    let out = copydesk_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["summary"]["files"].as_u64().unwrap()
}

fn f(path: &str, rule: &str, line: u64) -> (String, String, u64) {
    (path.to_string(), rule.to_string(), line)
}

/// Exit code and standard error of a run expected to fail.
fn failure(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = copydesk_in(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn staged_checks_the_index_not_the_working_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    write(dir, "a.md", &article(&[FINE], true));
    stage(&repo, &["a.md"]);
    commit(&repo, "first");

    // Stage a placeholder on line 13, then fix it in the working tree without staging
    // the fix, and push the text down by two lines there.
    write(dir, "a.md", &article(&[FINE, TK], true));
    stage(&repo, &["a.md"]);
    write(dir, "a.md", &article(&[FINE, FINE, FINE], true));

    assert_eq!(
        check(dir, &["--staged"]),
        (1, vec![f("a.md", "placeholder", 13)])
    );
    // The working tree itself is clean of the planted findings.
    assert_eq!(check(dir, &["a.md"]), (0, vec![]));
}

#[test]
fn staged_covers_added_and_renamed_files_and_skips_deleted_and_unstaged_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    write(dir, "keep.md", &article(&[TK], true));
    write(dir, "old-name.md", &article(&[FINE], false));
    // Unlike the article added below, so that git does not see a rename of it.
    write(dir, "gone.md", "Draft notes: TK\n");
    stage(&repo, &["keep.md", "old-name.md", "gone.md"]);
    commit(&repo, "first");

    // Rename (content unchanged), delete, add a new article, add a non-Markdown file,
    // and leave an untracked article unstaged.
    std::fs::rename(dir.join("old-name.md"), dir.join("new-name.md")).unwrap();
    unstage_delete(&repo, "old-name.md");
    stage(&repo, &["new-name.md"]);
    std::fs::remove_file(dir.join("gone.md")).unwrap();
    unstage_delete(&repo, "gone.md");
    write(dir, "sub/added.md", &article(&[FINE, TK], true));
    write(dir, "notes.txt", "TK");
    stage(&repo, &["sub/added.md", "notes.txt"]);
    write(dir, "untracked.md", &article(&[TK], false));

    assert_eq!(
        check(dir, &["--staged"]),
        (
            1,
            vec![
                f("new-name.md", "disclaimer", 11),
                f("sub/added.md", "placeholder", 13),
            ]
        )
    );
    assert_eq!(files_checked(dir, &["--staged"]), 2);
    // Paths narrow the selection.
    assert_eq!(
        check(dir, &["--staged", "sub"]),
        (1, vec![f("sub/added.md", "placeholder", 13)])
    );
    // From a subfolder, paths are shown relative to it.
    assert_eq!(
        check(&dir.join("sub"), &["--staged", "--changed-lines"]),
        (1, vec![f("added.md", "placeholder", 13)])
    );
}

#[test]
fn staged_with_nothing_staged_checks_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    write(dir, "a.md", &article(&[TK], false));
    stage(&repo, &["a.md"]);
    commit(&repo, "first");
    assert_eq!(check(dir, &["--staged"]), (0, vec![]));
    assert_eq!(files_checked(dir, &["--staged"]), 0);
}

/// main: a.md, b.md, archive.md. feature: edits a.md, commits c.md, leaves d.md
/// untracked. main then moves on (edits b.md) after the branch point.
fn diverged_repository(dir: &Path) -> Repository {
    let repo = init(dir);
    write(dir, "a.md", &article(&[FINE], true));
    write(dir, "b.md", &article(&[FINE], true));
    write(dir, "archive.md", &article(&[TK, FINE], false));
    write(dir, ".gitignore", "ignored.md\n");
    stage(&repo, &["a.md", "b.md", "archive.md", ".gitignore"]);
    commit(&repo, "first");

    branch(&repo, "feature");
    write(dir, "a.md", &article(&[FINE, TK], true));
    write(dir, "c.md", &article(&[TK], true));
    stage(&repo, &["a.md", "c.md"]);
    commit(&repo, "feature work");

    switch(&repo, "main");
    write(dir, "b.md", &article(&[TK], false));
    stage(&repo, &["b.md"]);
    commit(&repo, "main moves on");
    switch(&repo, "feature");

    write(dir, "d.md", &article(&[FINE, FINE, TK], true));
    write(dir, "ignored.md", &article(&[TK], false));
    repo
}

#[test]
fn changed_compares_with_the_merge_base_and_includes_untracked_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    diverged_repository(dir);
    let expected = (
        1,
        vec![
            f("a.md", "placeholder", 13),
            f("c.md", "placeholder", 11),
            f("d.md", "placeholder", 15),
        ],
    );
    // b.md changed on main after the branch point: not this branch's change.
    assert_eq!(check(dir, &["--changed", "--since", "main"]), expected);
    // main is the default base when there is no origin/HEAD.
    assert_eq!(check(dir, &["--changed"]), expected);
}

#[test]
fn changed_lines_reports_new_lines_and_document_findings_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    diverged_repository(dir);
    // The archive's old placeholder (line 11) is history; the new one (line 15) and the
    // missing disclaimer (the whole article) are this branch's.
    write(dir, "archive.md", &article(&[TK, FINE, TK], false));
    assert_eq!(
        check(dir, &["--changed", "--changed-lines", "archive.md"]),
        (
            1,
            vec![
                f("archive.md", "placeholder", 15),
                f("archive.md", "disclaimer", 15),
            ]
        )
    );
    // Without --changed-lines the old placeholder is reported too.
    assert_eq!(
        check(dir, &["--changed", "archive.md"]),
        (
            1,
            vec![
                f("archive.md", "placeholder", 11),
                f("archive.md", "placeholder", 15),
                f("archive.md", "disclaimer", 15),
            ]
        )
    );
}

#[test]
fn changed_lines_with_staged_ignores_untouched_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    write(dir, "a.md", &article(&[TK, FINE], true));
    stage(&repo, &["a.md"]);
    commit(&repo, "first");
    write(
        dir,
        "a.md",
        &article(&[TK, "The vote was held in the spring."], true),
    );
    stage(&repo, &["a.md"]);
    assert_eq!(check(dir, &["--staged", "--changed-lines"]), (0, vec![]));
    assert_eq!(
        check(dir, &["--staged"]),
        (1, vec![f("a.md", "placeholder", 11)])
    );
}

#[test]
fn changed_lines_needs_staged_or_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stderr) = failure(tmp.path(), &["check", "--changed-lines"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--staged"), "{stderr}");
}

#[test]
fn outside_a_repository_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["check", "--staged"][..],
        &["check", "--changed"],
        &["hook", "install"],
    ] {
        let (code, stderr) = failure(tmp.path(), args);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("is not inside a git repository"),
            "{stderr}"
        );
    }
}

#[test]
fn bare_repository_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    Repository::init_bare(tmp.path()).unwrap();
    let (code, stderr) = failure(tmp.path(), &["check", "--changed"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bare repository"), "{stderr}");
}

#[test]
fn unknown_base_and_missing_default_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    write(dir, "a.md", &article(&[FINE], true));
    stage(&repo, &["a.md"]);
    commit(&repo, "first");

    let (code, stderr) = failure(dir, &["check", "--changed", "--since", "no-such-branch"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("unknown revision `no-such-branch`"),
        "{stderr}"
    );

    branch(&repo, "feature");
    repo.find_branch("main", git2::BranchType::Local)
        .unwrap()
        .delete()
        .unwrap();
    let (code, stderr) = failure(dir, &["check", "--changed"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--since REF"), "{stderr}");
}

#[test]
fn unrelated_history_has_no_merge_base_and_shallow_clones_are_told_to_fetch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    write(dir, "a.md", &article(&[FINE], true));
    stage(&repo, &["a.md"]);
    commit(&repo, "first");
    // An orphan branch: a commit with no parent, on its own ref.
    let sig = Signature::now("Test", "test@example.com").unwrap();
    let tree = repo.head().unwrap().peel_to_tree().unwrap();
    let orphan = repo
        .commit(Some("refs/heads/orphan"), &sig, &sig, "orphan", &tree, &[])
        .unwrap();

    let (code, stderr) = failure(dir, &["check", "--changed", "--since", "orphan"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("share no history"), "{stderr}");

    // A shallow clone records its cut-off commits in .git/shallow.
    std::fs::write(dir.join(".git/shallow"), format!("{orphan}\n")).unwrap();
    let (code, stderr) = failure(dir, &["check", "--changed", "--since", "orphan"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("shallow clone"), "{stderr}");
    assert!(stderr.contains("git fetch --unshallow"), "{stderr}");
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
}

#[test]
fn stdin_cannot_be_combined_with_staged() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    let (code, stderr) = failure(tmp.path(), &["check", "--staged", "-"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("standard input"), "{stderr}");
}

fn hook_run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = copydesk_in(dir).arg("hook").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hook_install_refuses_foreign_hooks_keeps_a_backup_and_uninstalls_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    init(dir);
    let hook = dir.join(".git/hooks/pre-commit");
    let foreign = "#!/bin/sh\necho someone else's hook\n";
    write(dir, ".git/hooks/pre-commit", foreign);

    let (code, _, stderr) = hook_run(dir, &["install"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("copydesk did not write"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), foreign);

    let (code, stdout, stderr) = hook_run(dir, &["install", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("installed the pre-commit hook"), "{stdout}");
    assert!(stdout.contains("pre-commit.copydesk-backup"), "{stdout}");
    let script = std::fs::read_to_string(&hook).unwrap();
    assert!(script.contains("check --staged"), "{script}");
    assert_eq!(
        std::fs::read_to_string(dir.join(".git/hooks/pre-commit.copydesk-backup")).unwrap(),
        foreign
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "hook is executable");
    }

    // Installing again updates our own hook without --force.
    let (code, stdout, _) = hook_run(dir, &["install"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("updated"), "{stdout}");

    // Uninstalling removes ours and puts the other one back.
    let (code, stdout, _) = hook_run(dir, &["uninstall"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("put back"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), foreign);

    // A hook that is not ours is never removed.
    let (code, _, stderr) = hook_run(dir, &["uninstall"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("was not installed by copydesk"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), foreign);
}

#[test]
fn hook_install_respects_core_hooks_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let repo = init(dir);
    repo.config()
        .unwrap()
        .set_str("core.hooksPath", "githooks")
        .unwrap();
    let (code, stdout, stderr) = hook_run(dir, &["install"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.join("githooks/pre-commit").is_file(), "{stdout}");
    assert!(!dir.join(".git/hooks/pre-commit").exists());
    let (code, _, _) = hook_run(dir, &["uninstall"]);
    assert_eq!(code, 0);
    assert!(!dir.join("githooks/pre-commit").exists());
}

const HOOK_POLICY: &str = r#"extends = ["statements"]

[rules.disclaimer]
kind = "required-statement"
severity = "error"
template = "The views expressed in this article are the author's own and do not necessarily reflect {publication}'s editorial policy."
statement = "author-views"
opening-words = 5
message = "the author-views disclaimer is missing"

[rules.disclaimer.messages]
misplaced = "the disclaimer is followed by more of the article"
wrong-publication = "the disclaimer names `{text}`, not {publication}"
duplicated = "the disclaimer appears more than once"
misworded = "the disclaimer is not in the house wording: `{text}`"
hidden = "the disclaimer is inside an HTML comment, where readers do not see it"
"#;

/// The installed hook, run by the real git, refuses a commit of an article without a
/// disclaimer and lets the corrected one through.
#[test]
fn installed_hook_makes_git_refuse_a_bad_commit() {
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
    let (code, _, stderr) = hook_run(dir, &["install"]);
    assert_eq!(code, 0, "{stderr}");
    // Only the disclaimer rule, so that the corrected article passes whatever else the
    // built-in pack will ask of a real article.
    write(dir, "copydesk.toml", HOOK_POLICY);

    let git_commit = || {
        std::process::Command::new("git")
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
                "article",
            ])
            .output()
            .unwrap()
    };

    write(dir, "a.md", &article(&[FINE], false));
    stage(&repo, &["a.md"]);
    let out = git_commit();
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the commit went through: {report}");
    assert!(
        report.contains("the author-views disclaimer is missing"),
        "{report}"
    );
    assert!(repo.head().is_err(), "no commit was made");

    write(dir, "a.md", &article(&[FINE], true));
    stage(&repo, &["a.md"]);
    let out = git_commit();
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the fixed article was refused: {report}"
    );
}
