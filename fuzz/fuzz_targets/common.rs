//! What the fuzz targets share: the default policy, bytes -> text, and the span checks.

#![allow(dead_code)]

use std::sync::OnceLock;

use copydesk::diagnostic::Diagnostic;
use copydesk::policy::{DEFAULT_PACK, Policy};
use copydesk::source::Source;

/// The built-in default policy, compiled once per process.
pub fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| match Policy::builtin(DEFAULT_PACK) {
        Ok(p) => p,
        Err(e) => panic!("the default policy does not load: {e}"),
    })
}

/// Bytes as the checker would see them: UTF-8 as is, anything else lossily (a real run
/// refuses non-UTF-8 files, but the text after replacement is a fine document too).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

#[path = "../../tests/it/common/spans.rs"]
mod spans;
use spans::check_range;

/// Every span, label and edit of every finding lies within the text, on character
/// boundaries, and its line and column agree with counting; the position cursors the
/// renderers use agree with [`Source::position`].
pub fn check_spans(source: &Source, diagnostics: &[Diagnostic]) {
    let mut offsets = Vec::new();
    for d in diagnostics {
        let what = format!("[{}] {}", d.rule, d.message);
        check_range(source, &what, d.span.start, d.span.end);
        offsets.extend([d.span.start, d.span.end]);
        for l in &d.labels {
            check_range(source, &format!("{what} label"), l.span.start, l.span.end);
            offsets.extend([l.span.start, l.span.end]);
        }
        if let Some(fix) = &d.fix {
            assert!(!fix.edits.is_empty(), "{what}: a fix without edits");
            let mut last_end = 0;
            for e in &fix.edits {
                check_range(source, &format!("{what} edit"), e.range.start, e.range.end);
                assert!(
                    e.range.start >= last_end,
                    "{what}: a fix's edits overlap or are out of order"
                );
                last_end = e.range.end;
            }
        }
    }
    offsets.sort_unstable();
    let mut cursor = source.cursor();
    let mut chars = source.char_cursor();
    let content = source.content_start();
    for &offset in &offsets {
        assert_eq!(
            cursor.at(offset),
            source.position(offset),
            "cursor at {offset}"
        );
        let counted = source
            .text
            .get(content.min(offset)..offset)
            .map_or(0, |t| t.chars().count());
        assert_eq!(chars.at(offset), counted, "char cursor at {offset}");
    }
}
