//! The layers of `src/` import only downward (docs/architecture.md): a module may use a
//! module of a lower layer, never one of its own layer or above, so there is no import
//! circle. Read from the `crate::` paths of every source file, doc links included.

use std::collections::BTreeMap;
use std::path::Path;

/// Every top-level module of `src/` and its layer, lowest first.
const LAYERS: &[(&str, u8)] = &[
    ("diagnostic", 0),
    ("did_you_mean", 0),
    ("parallel", 0),
    ("pattern", 0),
    ("template", 0),
    ("error", 1),
    ("source", 2),
    ("document", 3),
    ("git", 3),
    ("render", 3),
    ("rules", 4),
    ("suppress", 5),
    ("policy", 6),
    ("lint", 7),
    ("cli", 8),
    ("commands", 9),
];

/// The top-level modules each module's files name with `crate::`.
fn imports() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).expect("inside src");
            let first = relative.components().next().expect("a file");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            for (at, _) in text.match_indices("crate::") {
                let name: String = text[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    found
                        .entry(module.clone())
                        .or_default()
                        .entry(name)
                        .or_insert_with(|| relative.display().to_string());
                }
            }
        }
    }
    found
}

#[test]
fn modules_import_only_lower_layers() {
    let layer = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|(_, l)| *l);
    let mut wrong = Vec::new();
    for (module, used) in imports() {
        let Some(from) = layer(&module) else {
            wrong.push(format!("`{module}` is not in LAYERS: give it a layer"));
            continue;
        };
        for (target, file) in used {
            match layer(&target) {
                Some(to) if to < from => {}
                Some(_) => wrong.push(format!(
                    "src/{file} ({module}, layer {from}) imports crate::{target} (layer {}): imports run downward only",
                    layer(&target).unwrap_or_default()
                )),
                None => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src is readable").flatten() {
        let name = entry
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if !["lib", "main"].contains(&name.as_str()) && !LAYERS.iter().any(|(n, _)| *n == name) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "modules without a layer: {missing:?}");
}
