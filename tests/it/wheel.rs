//! The Python wheel, built and installed as a user gets it: `scripts/wheel-smoke.sh`
//! installs maturin from PyPI, builds the release wheel, installs it in a fresh venv and
//! checks that the installed `copydesk --version` prints Cargo.toml's version. Ignored by
//! default (it needs PyPI and a release build); run it with
//! `cargo test --test it wheel:: -- --ignored`.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "builds a release wheel with maturin from PyPI: minutes"]
fn the_wheel_installs_a_copydesk_that_prints_its_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = Command::new("bash");
    cmd.arg(root.join("scripts/wheel-smoke.sh"))
        .current_dir(root);
    // While it runs tests, Cargo holds the lock on the folder of their profile
    // (target/debug, or target/release under `--release`). The script's release build
    // shares the test build's target folder, which costs nothing extra from a debug test
    // run; from a release test run it would wait on that lock for ever, so it builds in
    // a target folder of its own.
    if in_release_profile() {
        cmd.env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wheel-smoke-target"),
        );
    }
    let out = cmd.output().expect("bash runs scripts/wheel-smoke.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "scripts/wheel-smoke.sh failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    let version = format!("copydesk {}", env!("CARGO_PKG_VERSION"));
    assert!(
        stdout.contains(&format!("wheel-smoke: version  {version}")),
        "the installed copydesk did not print `{version}`:\n{stdout}"
    );
}

/// Whether this test binary was built in the release profile: it lies in
/// `<target>/release/deps/`.
fn in_release_profile() -> bool {
    std::env::current_exe().ok().is_some_and(|exe| {
        exe.parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .is_some_and(|name| name == "release")
    })
}
