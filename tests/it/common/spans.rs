//! Span checks shared by the property tests, the corpus and spec runs, and the fuzz
//! targets (which include this file by path): every position a finding gives must lie in
//! its file, on character boundaries, with line and column agreeing with counting.

#![allow(dead_code, clippy::indexing_slicing, clippy::panic)]

use copydesk::diagnostic::Diagnostic;
use copydesk::source::Source;

/// Line and column counted the slow, obvious way: lines end at `\n`; columns count
/// characters from the line's start (after a BOM on the first line); the `\r` of a CRLF
/// is part of the line ending, not a column.
pub(crate) fn reference_position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let mut start = before.rfind('\n').map_or(0, |i| i + 1);
    if start == 0 && offset > 0 && text.starts_with('\u{feff}') {
        start = '\u{feff}'.len_utf8();
    }
    let mut column = text[start..offset].chars().count() + 1;
    if before.ends_with('\r') && text[offset..].starts_with('\n') {
        column -= 1;
    }
    (line, column)
}

/// One range of `source`, named `what` in the failure message.
pub(crate) fn check_range(source: &Source, what: &str, start: usize, end: usize) {
    let text = &source.text;
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} is not within the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} is not on character boundaries"
    );
    for offset in [start, end] {
        let p = source.position(offset);
        assert_eq!(
            (p.line, p.column),
            reference_position(text, offset),
            "{what}: the position of offset {offset}"
        );
    }
}

/// Every span, label and edit of every finding; `name` says which input failed.
pub(crate) fn assert_sound(name: &str, source: &Source, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let what = format!("{name}: [{}]", d.rule);
        check_range(source, &what, d.span.start, d.span.end);
        for l in &d.labels {
            check_range(source, &format!("{what} label"), l.span.start, l.span.end);
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            check_range(source, &format!("{what} edit"), e.range.start, e.range.end);
        }
    }
}
