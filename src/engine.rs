//! Runs a policy over one source: Document once, every rule, findings sorted.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::policy::Policy;
use crate::rules::Context;
use crate::source::Source;

/// All findings of the policy's active rules for one file, ordered by position then rule.
pub fn check_source(policy: &Policy, source: &Source) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    check_document(policy, &doc)
}

pub fn check_document(policy: &Policy, doc: &Document<'_>) -> Vec<Diagnostic> {
    let layout = policy.end_matter.layout(doc);
    let cx = Context {
        doc,
        layout: &layout,
    };
    let mut all = Vec::new();
    let mut found = Vec::new();
    for rule in &policy.rules {
        let (Some(check), true) = (&rule.check, rule.severity != Severity::Off) else {
            continue;
        };
        found.clear();
        check.check(&cx, &mut found);
        for mut d in found.drain(..) {
            d.rule.clone_from(&rule.id);
            d.severity = rule.severity;
            all.push(d);
        }
    }
    all.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end, &a.message).cmp(&(
            b.span.start,
            &b.rule,
            b.span.end,
            &b.message,
        ))
    });
    all.dedup();
    all
}
