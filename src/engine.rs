//! Runs a policy over one source: Document once, every rule, suppressions, findings sorted.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::policy::{Policy, Rule};
use crate::rules::Context;
use crate::source::Source;
use crate::suppress::Audit;

/// What a policy found in one file.
#[derive(Debug, Default)]
pub struct Checked {
    /// The findings that stand, ordered by position then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings an inline suppression covered (for `--statistics`).
    pub suppressed: Vec<Diagnostic>,
}

/// All findings of the policy's active rules for one file, ordered by position then rule,
/// after inline suppressions.
pub fn check_source(policy: &Policy, source: &Source) -> Vec<Diagnostic> {
    check_source_full(policy, source).diagnostics
}

pub fn check_source_full(policy: &Policy, source: &Source) -> Checked {
    let doc = Document::parse(source);
    check_document(policy, &doc)
}

fn active(rule: &Rule) -> Option<&dyn crate::rules::Check> {
    match (&rule.check, rule.severity != Severity::Off) {
        (Some(check), true) => Some(check.as_ref()),
        _ => None,
    }
}

pub fn check_document(policy: &Policy, doc: &Document<'_>) -> Checked {
    let layout = policy.end_matter.layout(doc);
    let mut cx = Context {
        doc,
        layout: &layout,
        suppressions: None,
    };
    let mut all = Vec::new();
    run(policy, &cx, false, &mut all);

    let ids = || policy.rules.iter().map(|r| r.id.clone()).collect();
    let mut audit = Audit::parse(doc, ids());
    let (mut kept, mut suppressed) = audit.filter(doc.source, all);
    // The audit's own findings may be suppressed by a file-wide directive too.
    cx.suppressions = Some(&audit);
    let mut late = Vec::new();
    run(policy, &cx, true, &mut late);
    if !late.is_empty() {
        // A fresh audit, so that covering these does not count as using a directive.
        let mut again = Audit::parse(doc, ids());
        let (late_kept, late_suppressed) = again.filter(doc.source, late);
        kept.extend(late_kept);
        suppressed.extend(late_suppressed);
    }

    sort(&mut kept);
    sort(&mut suppressed);
    Checked {
        diagnostics: kept,
        suppressed,
    }
}

fn run(policy: &Policy, cx: &Context<'_>, late: bool, all: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for rule in &policy.rules {
        let Some(check) = active(rule) else { continue };
        if check.after_suppressions() != late {
            continue;
        }
        found.clear();
        check.check(cx, &mut found);
        for mut d in found.drain(..) {
            d.rule.clone_from(&rule.id);
            d.severity = rule.severity;
            all.push(d);
        }
    }
}

fn sort(all: &mut Vec<Diagnostic>) {
    all.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end, &a.message).cmp(&(
            b.span.start,
            &b.rule,
            b.span.end,
            &b.message,
        ))
    });
    all.dedup();
}
