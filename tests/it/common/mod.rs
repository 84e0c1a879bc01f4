//! What the test modules share: the binary with a fixed environment, temporary folders
//! and files, the fixtures, the built-in policy compiled once, and the span checks.

pub(crate) mod spans;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

use assert_cmd::Command;
use copydesk::policy::{DEFAULT_PACK, Policy};

/// The built-in default policy (`opinion`), compiled once for the whole test binary and
/// shared by every test that checks text in process. A policy is only read while checking
/// (`Policy` is `Send + Sync`), so sharing it changes no result.
pub(crate) fn policy() -> &'static Policy {
    static POLICY: LazyLock<Policy> =
        LazyLock::new(|| Policy::builtin(DEFAULT_PACK).expect("the default pack loads"));
    &POLICY
}

/// The path of the `copydesk` binary that Cargo built for these tests.
pub(crate) fn copydesk_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("copydesk")
}

/// The `copydesk` binary, with no colour and without what the caller's environment could
/// change in its output: the terminal width (`COLUMNS`), a GitHub Actions job summary
/// (`GITHUB_STEP_SUMMARY`, set in every step; tests that want it set it themselves), and
/// the variables by which git, running a hook, points at another repository.
pub(crate) fn copydesk() -> Command {
    let mut cmd = Command::cargo_bin("copydesk").expect("binary builds");
    cmd.env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    cmd
}

/// [`copydesk`] run from `dir`.
pub(crate) fn copydesk_in(dir: &Path) -> Command {
    let mut cmd = copydesk();
    cmd.current_dir(dir);
    cmd
}

/// The output of `copydesk ARGS` run from the repository root, on files that no test
/// changes (the fixtures): run once per test binary and shared. Several tests look at
/// the same report (eleven tests in four modules read the seed article's JSON reports),
/// and the binary gives the same output for the same arguments and files; each run
/// costs about 0.4 s, most of it compiling the built-in policy.
pub(crate) fn output_of(args: &[&str]) -> Output {
    type Runs = Mutex<HashMap<Vec<String>, Arc<OnceLock<Output>>>>;
    static RUNS: LazyLock<Runs> = LazyLock::new(Runs::default);
    let key = args.iter().map(|a| (*a).to_string()).collect();
    // The lock is held only to find the entry: tests that ask for different runs run
    // them at the same time, and those that ask for the same one wait for it.
    let once = Arc::clone(
        RUNS.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_default(),
    );
    once.get_or_init(|| copydesk().args(args).output().expect("runs"))
        .clone()
}

/// Runs copydesk in a folder.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Output {
    copydesk_in(dir).args(args).output().expect("runs")
}

pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `text` to `dir/name`, making the folders on the way.
pub(crate) fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// A file of `fixtures/`.
pub(crate) fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("fixtures").join(name)).expect("fixture")
}
