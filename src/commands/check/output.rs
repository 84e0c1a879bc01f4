//! Where the report goes, and what renderers are told about the run.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::inputs::Input;
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::policy::Policy;
use crate::render::RuleMeta;

/// The nearest folder at or above `dir` that holds a `.git` (a folder, or a file in a
/// worktree or submodule).
pub(super) fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The rules of the policies used, as renderers read them: rules set to `off` left out,
/// each id once (the first policy that has it describes it).
pub(super) fn rules_in_force(policies: &[Arc<Policy>]) -> Vec<RuleMeta> {
    let mut rules: Vec<RuleMeta> = Vec::new();
    for policy in policies {
        for r in &policy.rules {
            if r.severity == Severity::Off || rules.iter().any(|m| m.id == r.id) {
                continue;
            }
            rules.push(RuleMeta {
                id: r.id.clone(),
                kind: r.kind.name.to_string(),
                severity: r.severity,
                summary: if r.summary.is_empty() {
                    r.kind.summary()
                } else {
                    r.summary.clone()
                },
                help: crate::lint::examples::help_of(policy, r),
                doc: r.kind.doc.to_string(),
            });
        }
    }
    rules
}

/// Opens the `--output-file` (created or truncated) before any article is read, so that
/// an unwritable path stops the run at once; refuses a path that is one of the articles.
pub(super) fn open_output_file(path: &Path, inputs: &[Input]) -> Result<(String, File), Error> {
    let shown = path.display().to_string();
    if let Ok(target) = std::fs::canonicalize(path) {
        let is_input = inputs.iter().any(|input| match input {
            Input::File { path, .. } => std::fs::canonicalize(path).is_ok_and(|p| p == target),
            Input::Staged { .. } | Input::Stdin { .. } => false,
        });
        if is_input {
            return Err(Error::Usage(format!(
                "`{shown}` is both the report file and an article to check; the report \
                 would overwrite it (write the report elsewhere, or give it an extension \
                 other than .md)"
            )));
        }
    }
    let file = File::create(path).map_err(|e| Error::write(&shown, &e))?;
    Ok((shown, file))
}
