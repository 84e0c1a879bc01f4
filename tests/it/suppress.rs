//! Inline suppressions end to end: what they hide, and the findings about the
//! suppressions themselves (`unused-suppression`, `invalid-suppression`).

use std::path::Path;

use serde_json::Value;

use crate::common::copydesk_in;

/// Runs `check --format json` in `dir`; returns exit code and (rule, line, column,
/// message) for the rules these tests are about.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<(String, u64, u64, String)>) {
    let out = copydesk_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    let found = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            matches!(
                d["rule"].as_str(),
                Some("placeholder" | "unused-suppression" | "invalid-suppression")
            )
        })
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap(), found)
}

fn rules(found: &[(String, u64, u64, String)]) -> Vec<(&str, u64, u64)> {
    found
        .iter()
        .map(|(r, l, c, _)| (r.as_str(), *l, *c))
        .collect()
}

const ARTICLE: &str =
    "<!-- copydesk-disable-next-line placeholder -- the figure comes on Friday -->
The cost is TK.

The delay is TK days.

<!-- copydesk-disable placeholder -->
The vote is TK.

The turnout is TK.
<!-- copydesk-enable placeholder -->

The margin is TK.

<!-- copydesk-disable-next-line placeholder -->
The council approved the plan.

<!-- copydesk-disable-next-line placeholdr -->
The mayor is TK.

<!-- copydesk-disable-nextline placeholder -->
The budget is TK.
";

#[test]
fn suppressions_hide_what_they_cover_and_report_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), ARTICLE).unwrap();
    let (code, found) = check(dir.path(), &["a.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&found),
        [
            ("placeholder", 4, 14),
            ("placeholder", 12, 15),
            ("unused-suppression", 14, 1),
            ("invalid-suppression", 17, 33),
            ("placeholder", 18, 14),
            ("invalid-suppression", 20, 6),
            ("placeholder", 21, 15),
        ]
    );
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert!(
        messages.contains(&"`placeholdr` is not a rule of this policy, so nothing is suppressed")
    );
    assert!(messages.contains(
        &"`copydesk-disable-nextline` is not a copydesk directive, so nothing is suppressed"
    ));
}

#[test]
fn a_pack_can_require_reasons_and_file_wide_suppression_covers_everything() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[rules.invalid-suppression]\nrequire-reason = true\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "<!-- copydesk-disable-file placeholder -->\n\nThe cost is TK.\n\nThe vote is TK.\n",
    )
    .unwrap();
    let (_, found) = check(dir.path(), &["a.md"]);
    assert_eq!(rules(&found), [("invalid-suppression", 1, 1)]);
    assert_eq!(
        found[0].3,
        "this suppression does not say why: add ` -- reason` before `-->`"
    );
}
