//! Extracts the documentation of every rule kind (the `//!` lines at the top of its file)
//! into `OUT_DIR/kind-docs/`, so that `copydesk explain` prints it without the binary
//! carrying the kinds' source code.

// Cargo reads a build script's instructions from its standard output.
#![allow(clippy::print_stdout)]

use std::fs;
use std::path::Path;

/// Folders of kind files, and the name under `kind-docs/` their docs get.
const KIND_FOLDERS: &[(&str, &str)] = &[("src/rules/kinds", "rules"), ("src/suppress", "suppress")];

fn main() {
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from);
    let Some(out) = out else {
        return;
    };
    for (folder, name) in KIND_FOLDERS {
        println!("cargo::rerun-if-changed={folder}");
        let target = out.join("kind-docs").join(name);
        let _ = fs::create_dir_all(&target);
        let Ok(entries) = fs::read_dir(folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") {
                write_doc(&path, &target);
            }
        }
    }
}

fn write_doc(path: &Path, target: &Path) {
    let (Ok(source), Some(stem)) = (fs::read_to_string(path), path.file_stem()) else {
        return;
    };
    let mut doc = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            if line.trim().is_empty() {
                continue;
            }
            break;
        };
        doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        doc.push('\n');
    }
    let file = target.join(stem).with_extension("md");
    // Unchanged docs keep their timestamp, so the crate is not rebuilt for nothing.
    if fs::read_to_string(&file).ok().as_deref() != Some(doc.as_str()) {
        let _ = fs::write(file, doc);
    }
}
