//! The engine: one source through the policy. The Document is built once, every active
//! rule reads it, inline suppressions filter the findings, the suppression audits run on
//! what the directives did, and the findings come out sorted. Also the fix loop
//! ([`fix`]) and the runner of a policy's own examples ([`examples`]). Nothing here
//! prints.

pub mod examples;
pub mod fix;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::statements::StatementKind;
use crate::policy::{Compiled, Policy, Rule};
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
    /// The kinds of the statements found (disclaimers, credits, notes), one per statement.
    pub statements: Vec<StatementKind>,
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

/// The compiled check of a rule that runs.
fn active(rule: &Rule) -> Option<&Compiled> {
    rule.check
        .as_ref()
        .filter(|_| rule.severity != Severity::Off)
}

pub fn check_document(policy: &Policy, doc: &Document<'_>) -> Checked {
    let statements = policy.statements.find(doc);
    // A house's own disclaimer and credit line are end matter, in whatever words the
    // house chose.
    let house: Vec<usize> = policy
        .rules
        .iter()
        .filter_map(active)
        .flat_map(|c| match c {
            Compiled::Document(check) => check.end_matter(doc),
            Compiled::Audit(_) => Vec::new(),
        })
        .collect();
    let layout = policy.end_matter.layout(doc, &statements, &house);
    let cx = Context {
        doc,
        layout: &layout,
        statements: &statements,
    };
    let mut found = Vec::new();
    for rule in &policy.rules {
        if let Some(Compiled::Document(check)) = active(rule) {
            let from = found.len();
            check.check(&cx, &mut found);
            stamp(rule, found.get_mut(from..).unwrap_or_default());
        }
    }

    let ids = policy.rules.iter().map(|r| r.id.clone()).collect();
    let mut audit = Audit::parse(doc, ids);
    let (mut kept, mut suppressed) = audit.filter(doc.source, found);
    let mut late = Vec::new();
    for rule in &policy.rules {
        if let Some(Compiled::Audit(check)) = active(rule) {
            let from = late.len();
            check.check(doc.source, &audit, &mut late);
            stamp(rule, late.get_mut(from..).unwrap_or_default());
        }
    }
    // The audits' own findings may be suppressed by a file-wide directive too. The audits
    // have read which directives were used, so marking more as used changes nothing.
    let (late_kept, late_suppressed) = audit.filter(doc.source, late);
    kept.extend(late_kept);
    suppressed.extend(late_suppressed);

    sort(&mut kept);
    sort(&mut suppressed);
    Checked {
        diagnostics: kept,
        suppressed,
        statements: statements.iter().map(|s| s.kind).collect(),
    }
}

/// Gives a rule's findings its id and severity.
fn stamp(rule: &Rule, found: &mut [Diagnostic]) {
    for d in found {
        d.rule.clone_from(&rule.id);
        d.severity = rule.severity;
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
