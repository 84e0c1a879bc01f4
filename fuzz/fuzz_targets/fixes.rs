//! Every fix of the default policy, unsafe ones included: one pass changes no byte
//! outside its edits, fixing converges within `MAX_PASSES` (or says it did not), and
//! fixing the result again changes nothing.

#![no_main]

mod common;

use copydesk::lint;
use copydesk::lint::fix::{self, Allowed};
use copydesk::source::Source;
use libfuzzer_sys::fuzz_target;

const PATH: &str = "fuzz/article.md";

fuzz_target!(|data: &[u8]| {
    let policy = common::policy();
    let text = common::text_of(data);

    // One pass, edit by edit.
    let source = Source::new(PATH, text.clone());
    let checked = lint::check_source_full(policy, &source);
    common::check_spans(&source, &checked.diagnostics);
    let (edits, taken) = fix::pass_edits(&text, &checked.diagnostics, Allowed::Unsafe);
    let (out, applied) = fix::apply_once(&text, &checked.diagnostics, Allowed::Unsafe);
    assert_eq!(
        taken, applied,
        "pass_edits and apply_once disagree on the fixes taken"
    );
    let crlf_free = |s: &str| s.replace("\r\n", "\n");
    let mut last_end = 0;
    for e in &edits {
        assert!(
            e.range.start >= last_end && e.range.end <= text.len(),
            "edits of one pass overlap or leave the text: {edits:?}"
        );
        last_end = e.range.end;
        // Each edit is one a finding proposed (its line breaks in the file's style).
        let proposed = checked
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .any(|f| {
                Allowed::Unsafe.permits(f.applicability)
                    && f.edits.iter().any(|p| {
                        p.range == e.range && crlf_free(&p.replacement) == crlf_free(&e.replacement)
                    })
            });
        assert!(proposed, "an edit no finding proposed: {e:?}");
    }
    // The bytes between the edits are the original bytes, in place.
    let (mut at_in, mut at_out) = (0, 0);
    for e in &edits {
        let keep = &text[at_in..e.range.start];
        assert_eq!(
            out.get(at_out..at_out + keep.len()),
            Some(keep),
            "bytes before the edit at {} changed",
            e.range.start
        );
        at_out += keep.len();
        assert_eq!(
            out.get(at_out..at_out + e.replacement.len()),
            Some(e.replacement.as_str()),
            "the edit at {} was not applied as given",
            e.range.start
        );
        at_out += e.replacement.len();
        at_in = e.range.end;
    }
    assert_eq!(
        out.get(at_out..),
        text.get(at_in..),
        "bytes after the last edit changed"
    );

    // Every pass: converges, or says it did not.
    let fixed = fix::fix_text(policy, PATH, text, Allowed::Unsafe);
    let fixed_source = Source::new(PATH, fixed.text.clone());
    common::check_spans(&fixed_source, &fixed.checked.diagnostics);
    let left = fix::apply_once(&fixed.text, &fixed.checked.diagnostics, Allowed::Unsafe).1;
    if fixed.converged {
        assert_eq!(left, 0, "said to converge, but a fix is left");
        let again = fix::fix_text(policy, PATH, fixed.text.clone(), Allowed::Unsafe);
        assert_eq!(again.applied, 0, "fixing the fixed text applied fixes");
        assert_eq!(again.text, fixed.text, "fixing the fixed text changed it");
    } else {
        assert!(left > 0, "said not to converge, but no fix is left");
        // Reported to the user, but fixes that keep changing a text are a bug.
        if std::env::var_os("COPYDESK_FUZZ_ALLOW_UNCONVERGED").is_none() {
            panic!(
                "fixes still changing the text after {} passes:\n{}",
                fix::MAX_PASSES,
                fixed.text
            );
        }
    }
});
