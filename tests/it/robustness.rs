//! The default policy over real articles (../shared/corpus) and over every example of the
//! CommonMark specification: no panic, and every span lies in its file on character
//! boundaries with positions that agree with counting. Also the inputs the fuzzers
//! found, and the guarantees that keep a policy from being more than data.
//!
//! The whole corpus takes minutes in a debug build; a deterministic sample runs by
//! default and `cargo test --release --test it -- --ignored robustness::` runs it all.

use crate::common::policy;
use crate::common::spans::assert_sound;
use copydesk::lint;
use copydesk::lint::fix::{self, Allowed};
use copydesk::source::Source;
use std::path::{Path, PathBuf};

fn shared(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(name)
}

/// Checks one text and asserts its findings are sound; returns how many there were.
fn check_text(name: &str, text: String) -> usize {
    let source = Source::new(name, text);
    let checked = lint::check_source_full(policy(), &source);
    assert_sound(name, &source, &checked.diagnostics);
    assert_sound(name, &source, &checked.suppressed);
    checked.diagnostics.len()
}

/// The corpus's Markdown files, in path order.
fn corpus_files() -> Option<Vec<PathBuf>> {
    let root = shared("corpus");
    if !root.is_dir() {
        eprintln!("no corpus at {}; skipping", root.display());
        return None;
    }
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

fn check_corpus(every: usize) {
    let Some(files) = corpus_files() else { return };
    let (mut checked, mut findings) = (0, 0);
    for path in files.iter().step_by(every) {
        let bytes = std::fs::read(path).unwrap();
        let name = path.display().to_string();
        // A real run refuses text that is not UTF-8; the rest of the text still counts.
        findings += check_text(&name, String::from_utf8_lossy(&bytes).into_owned());
        checked += 1;
    }
    eprintln!(
        "corpus: {checked} of {} articles, {findings} findings",
        files.len()
    );
    assert!(checked > 0);
}

#[test]
fn a_sample_of_the_corpus() {
    // Every 20th article (about 300, in path order): some seconds in a debug build.
    check_corpus(20);
}

#[test]
#[ignore = "the whole corpus: run in release (see docs/robustness.md)"]
fn the_whole_corpus() {
    check_corpus(1);
}

/// The Markdown of each example of the CommonMark specification.
fn spec_examples() -> Option<Vec<String>> {
    // A copy lives in tests/data, so the examples run wherever the tests do.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/commonmark-spec.txt");
    let Ok(spec) = std::fs::read_to_string(&path) else {
        eprintln!("no CommonMark spec at {}; skipping", path.display());
        return None;
    };
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut examples = Vec::new();
    let mut current: Option<String> = None;
    for line in spec.lines() {
        match &mut current {
            None if line == open => current = Some(String::new()),
            Some(example) if line == "." => {
                examples.push(example.replace('→', "\t"));
                current = None;
            }
            Some(example) => {
                example.push_str(line);
                example.push('\n');
            }
            None => {}
        }
    }
    Some(examples)
}

#[test]
fn every_commonmark_example_in_every_line_ending() {
    let Some(examples) = spec_examples() else {
        return;
    };
    assert!(examples.len() > 600, "{} examples", examples.len());
    for (i, example) in examples.iter().enumerate() {
        let name = format!("spec example {}", i + 1);
        check_text(&name, example.clone());
        check_text(&name, example.replace('\n', "\r\n"));
        check_text(&name, example.replace('\n', "\r"));
        check_text(&name, format!("\u{feff}---\ntitle: T\n---\n{example}"));
        // Fixing converges and keeps the text sound.
        let fixed = fix::fix_text(policy(), "a.md", example.clone(), Allowed::Unsafe);
        assert!(fixed.converged, "{name}: fixes did not converge");
    }
}

/// Inputs the fuzz targets (fuzz/) found, minimized: each once failed.
#[test]
fn inputs_found_by_fuzzing() {
    let found: &[(&str, &str)] = &[
        // document_rules_render: a position just after a lone `\r` lost a column.
        ("lone carriage return", "---\n\rr\n---"),
        // document_rules_render: a rule id after a no-break space (two bytes) was given a
        // span one byte short of it, ending inside a character.
        (
            "no-break space in a directive",
            "<!--copydesk-disable\u{a0}a",
        ),
        (
            "no-break spaces between ids",
            "<!-- copydesk-disable\u{a0}x,\u{2003}y\u{a0}-->\nTK\n",
        ),
    ];
    for (name, text) in found {
        check_text(name, (*text).to_string());
    }
}

/// Articles whose fixes the `fixes` fuzz target found not to converge, minimized.
#[test]
fn fixes_found_by_fuzzing_converge() {
    let found: &[(&str, &str)] = &[
        // The editor credit was inserted for an `editor:` spanning lines with HTML in
        // it; the inserted credit was not recognised, so it was inserted on every pass.
        (
            "multi-line editor with markup",
            "---\nlas: a Cl\"]\neditor: \"Ud>\n\n</tr>\"\nd: 2a\n---\n\n  o ag)",
        ),
    ];
    for (name, text) in found {
        let fixed = fix::fix_text(policy(), "a.md", (*text).to_string(), Allowed::Unsafe);
        assert!(
            fixed.converged,
            "{name}: fixes did not converge:\n{}",
            fixed.text
        );
        let again = fix::fix_text(policy(), "a.md", fixed.text.clone(), Allowed::Unsafe);
        assert_eq!(
            again.text, fixed.text,
            "{name}: fixing again changed the text"
        );
        check_text(name, fixed.text);
    }
}

/// Packs are data: a policy names rule kinds from a fixed registry and never runs code.
/// No network: git2 is built without its https and ssh transports, so neither OpenSSL
/// nor libssh2 is linked.
#[test]
fn git_is_built_without_network_transports() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let git2 = manifest
        .lines()
        .find(|l| l.starts_with("git2 "))
        .expect("git2 is a dependency");
    assert!(git2.contains("default-features = false"), "{git2}");
    assert!(!git2.contains("https") && !git2.contains("ssh"), "{git2}");
    let lock =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    for crate_name in ["openssl-sys", "libssh2-sys", "curl-sys"] {
        assert!(
            !lock.contains(&format!("name = \"{crate_name}\"")),
            "{crate_name} is in Cargo.lock"
        );
    }
}
