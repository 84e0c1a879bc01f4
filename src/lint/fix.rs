//! Applying fixes: `--fix`, `--unsafe-fixes` and `--diff`.
//!
//! A fix is a set of edits to byte ranges of the text the finding was made on. Fixes are
//! applied in passes: each pass takes the allowed fixes in order of position, skips any
//! that overlaps one already taken (it is re-checked on the next pass, against the new
//! text), and applies the rest back to front so earlier offsets stay valid. The file is
//! then checked again, until no allowed fix is left or [`MAX_PASSES`] is reached: one
//! fix can make another finding appear or go away, and a pass never applies a fix computed
//! on text that has since changed. Bytes outside the edits are never touched. Writing the
//! result to disk is the `check` command's (`commands/check/write.rs`).

use std::ops::Range;

use super::Checked;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::policy::Policy;
use crate::source::Source;

/// Passes before giving up: fixes that undo each other must not loop forever.
pub const MAX_PASSES: usize = 10;

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    Safe,
    /// Safe and unsafe fixes.
    Unsafe,
}

impl Allowed {
    pub fn permits(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Allowed::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// The result of fixing one file.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over all passes.
    pub applied: usize,
    /// The findings on the final text.
    pub checked: Checked,
    /// False when fixes were still being found after [`MAX_PASSES`].
    pub converged: bool,
}

/// Whether a fix's edits are usable on `text`: in bounds, on character boundaries, sorted
/// and not overlapping one another.
fn well_formed(text: &str, fix: &Fix) -> bool {
    let mut last_end = 0;
    for (i, e) in fix.edits.iter().enumerate() {
        let ok = e.range.start <= e.range.end
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end)
            && (i == 0 || e.range.start >= last_end);
        if !ok {
            return false;
        }
        last_end = e.range.end;
    }
    !fix.edits.is_empty()
}

/// Two ranges conflict when they overlap, or when both touch the same point (two
/// insertions at one offset would have an arbitrary order).
fn conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start || a.end == b.end
}

/// The edits one pass applies to `text`: those of the allowed, well-formed fixes, taken
/// in order of position, leaving out a fix that clashes with one taken before it (it is
/// found again on the next pass) or that would change nothing. The edits are sorted by
/// position and do not overlap; line breaks in their replacements follow the file's line
/// endings. Returns the edits and the number of fixes they come from.
pub fn pass_edits(text: &str, diagnostics: &[Diagnostic], allowed: Allowed) -> (Vec<Edit>, usize) {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| allowed.permits(f.applicability) && well_formed(text, f))
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| (e.range.start, e.range.end)));
    let mut taken: Vec<&Fix> = Vec::new();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for fix in fixes {
        let clashes = fix
            .edits
            .iter()
            .any(|e| ranges.iter().any(|r| conflict(r, &e.range)));
        let no_op = fix
            .edits
            .iter()
            .all(|e| text.get(e.range.clone()) == Some(e.replacement.as_str()));
        if clashes || no_op {
            continue;
        }
        ranges.extend(fix.edits.iter().map(|e| e.range.clone()));
        taken.push(fix);
    }
    let crlf = uses_crlf(text);
    let mut edits: Vec<Edit> = taken
        .iter()
        .flat_map(|f| f.edits.iter())
        .map(|e| Edit {
            range: e.range.clone(),
            // Rules write `\n`; a CRLF file keeps its line endings.
            replacement: if crlf && e.replacement.contains('\n') {
                e.replacement.replace("\r\n", "\n").replace('\n', "\r\n")
            } else {
                e.replacement.clone()
            },
        })
        .collect();
    // Stable: two insertions at one offset (within one fix) keep their order.
    edits.sort_by_key(|e| e.range.start);
    (edits, taken.len())
}

/// Applies the allowed, non-overlapping fixes of one pass ([`pass_edits`]). Returns the
/// new text and how many fixes were applied.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], allowed: Allowed) -> (String, usize) {
    let (edits, taken) = pass_edits(text, diagnostics, allowed);
    let mut out = text.to_string();
    // Back to front, so earlier offsets stay valid.
    for e in edits.iter().rev() {
        out.replace_range(e.range.clone(), &e.replacement);
    }
    (out, taken)
}

/// Whether the text's first line ends with CRLF.
fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r'))
}

/// Fixes a text until no allowed fix is left (or [`MAX_PASSES`]).
pub fn fix_text(policy: &Policy, path: &str, text: String, allowed: Allowed) -> Fixed {
    let mut source = Source::new(path, text);
    let mut checked = super::check_source_full(policy, &source);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let (next, n) = apply_once(&source.text, &checked.diagnostics, allowed);
        if n == 0 {
            return Fixed {
                text: source.text,
                applied,
                checked,
                converged: true,
            };
        }
        applied += n;
        source = Source::new(path, next);
        checked = super::check_source_full(policy, &source);
    }
    let converged = apply_once(&source.text, &checked.diagnostics, allowed).1 == 0;
    Fixed {
        text: source.text,
        applied,
        checked,
        converged,
    }
}

/// A unified diff of a fix, as `git diff` shows it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixable(range: Range<usize>, to: &str, a: Applicability) -> Diagnostic {
        Diagnostic::new("m", range.clone()).with_fix(Fix {
            title: "t".into(),
            applicability: a,
            edits: vec![Edit {
                range,
                replacement: to.into(),
            }],
        })
    }

    #[test]
    fn applies_non_overlapping_fixes_and_keeps_other_bytes() {
        let text = "one two three";
        let ds = [
            fixable(0..3, "1", Applicability::Safe),
            fixable(8..13, "3", Applicability::Safe),
            // Overlaps the first: left for the next pass.
            fixable(2..5, "X", Applicability::Safe),
        ];
        assert_eq!(apply_once(text, &ds, Allowed::Safe), ("1 two 3".into(), 2));
    }

    #[test]
    fn applicability_decides_what_is_applied() {
        let text = "a b c";
        let ds = [
            fixable(0..1, "A", Applicability::Safe),
            fixable(2..3, "B", Applicability::Unsafe),
            fixable(4..5, "C", Applicability::DisplayOnly),
        ];
        assert_eq!(apply_once(text, &ds, Allowed::Safe).0, "A b c");
        assert_eq!(apply_once(text, &ds, Allowed::Unsafe).0, "A B c");
    }

    #[test]
    fn malformed_edits_are_skipped() {
        let text = "é";
        let ds = [
            fixable(1..2, "x", Applicability::Safe),
            fixable(0..9, "x", Applicability::Safe),
        ];
        assert_eq!(apply_once(text, &ds, Allowed::Safe), ("é".into(), 0));
    }

    #[test]
    fn inserted_lines_follow_the_file_s_line_endings() {
        let ds = [fixable(9..9, "\n\nnew", Applicability::Safe)];
        assert_eq!(
            apply_once("a\r\n\r\nend.", &ds, Allowed::Safe).0,
            "a\r\n\r\nend.\r\n\r\nnew"
        );
        assert_eq!(
            apply_once(
                "a\n\nend.xx",
                &[fixable(7..7, "\n\nnew", Applicability::Safe)],
                Allowed::Safe
            )
            .0,
            "a\n\nend.\n\nnewxx"
        );
    }

    #[test]
    fn two_insertions_at_one_point_are_not_applied_together() {
        let ds = [
            fixable(1..1, "x", Applicability::Safe),
            fixable(1..1, "y", Applicability::Safe),
        ];
        assert_eq!(apply_once("ab", &ds, Allowed::Safe), ("axb".into(), 1));
    }

    #[test]
    fn edits_of_one_fix_at_one_offset_keep_their_order() {
        let two = |a: Range<usize>, b: Range<usize>| {
            Diagnostic::new("m", 0..0).with_fix(Fix {
                title: "t".into(),
                applicability: Applicability::Safe,
                edits: vec![
                    Edit {
                        range: a,
                        replacement: "X".into(),
                    },
                    Edit {
                        range: b,
                        replacement: "Y".into(),
                    },
                ],
            })
        };
        // Two insertions at one point: in the fix's order.
        assert_eq!(
            apply_once("ab", &[two(1..1, 1..1)], Allowed::Safe).0,
            "aXYb"
        );
        // An insertion before a replacement that starts at the same point.
        assert_eq!(
            apply_once("abc", &[two(1..1, 1..2)], Allowed::Safe).0,
            "aXYc"
        );
    }
}
