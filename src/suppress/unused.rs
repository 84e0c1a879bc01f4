//! A suppression comment that suppresses nothing.
//!
//! ## What it does
//! Reports a `copydesk-disable…` comment that covered no finding in this run, and each
//! rule id in a suppression that covered none of that rule's findings (like ruff's
//! RUF100). Unknown rule ids are left to `invalid-suppression`.
//!
//! ## Why is this bad?
//! A suppression outlives the problem it was written for: once the figure is sourced or
//! the sentence rewritten, the comment stays and would hide the next real problem on that
//! line. Removing stale suppressions keeps every remaining one meaningful.
//!
//! ## Example
//! ```markdown
//! <!-- copydesk-disable-next-line placeholder -->
//! The council approved the plan on Tuesday.
//! ```
//! Use instead:
//! ```markdown
//! The council approved the plan on Tuesday.
//! ```
//!
//! ## Options
//! None.
//!
//! Messages: `message` (the whole comment is unused), `messages.rule` (one rule id of
//! several is unused; `{rule}`).
//!
//! ## Fix safety
//! Removing a comment that suppresses nothing is safe: it changes nothing that readers
//! see. The fix deletes the comment, with its line when the comment stands alone on it.
//! An unused id among used ones has no fix.

use std::ops::Range;

use serde::Deserialize;

use super::{Audit, AuditCheck};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::{About, Build, Kind, ParamError, Setup, Texts, compile, kind_doc};
use crate::source::Source;
use crate::template::fill;

pub(crate) static KIND: Kind<dyn AuditCheck> = Kind {
    about: About {
        name: "unused-suppression",
        doc: kind_doc!("suppress/unused"),
        messages: &["rule"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Params {}

struct Unused {
    texts: Texts,
}

impl Build<dyn AuditCheck> for Params {
    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn AuditCheck>, ParamError> {
        Ok(Box::new(Unused {
            texts: setup.texts.clone(),
        }))
    }
}

/// The bytes to delete to remove a comment: its whole line (and one blank line after it
/// when one precedes it too) if it stands alone on the line, else the comment alone.
pub(crate) fn removal(source: &Source, span: Range<usize>) -> Range<usize> {
    let text = source.text.as_str();
    let line = source.line_of(span.start);
    let (start, end) = (source.line_start(line), source.line_start(line + 1));
    let before = text.get(start..span.start).unwrap_or("x");
    let after = text.get(span.end..end).unwrap_or("x");
    if !(before.trim().is_empty() && after.trim().is_empty()) {
        return span;
    }
    let blank = |l: usize| {
        let (a, b) = (source.line_start(l), source.line_start(l + 1));
        a < b && text.get(a..b).is_some_and(|t| t.trim().is_empty())
    };
    let blank_before = line == 0 || blank(line - 1);
    let mut end = end;
    if blank_before && blank(line + 1) {
        end = source.line_start(line + 2);
    }
    start..end
}

impl AuditCheck for Unused {
    fn check(&self, source: &Source, audit: &Audit, out: &mut Vec<Diagnostic>) {
        for d in audit.directives.iter().filter(|d| !d.is_enable()) {
            let known: Vec<_> = d.rules.iter().filter(|r| r.known).collect();
            if !d.rules.is_empty() && known.is_empty() {
                continue;
            }
            if d.rules.is_empty() && !d.used_all
                || !known.is_empty() && known.iter().all(|r| !r.used)
            {
                let fix = Fix {
                    title: "remove the unused suppression".into(),
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        range: removal(source, d.span.clone()),
                        replacement: String::new(),
                    }],
                };
                out.push(
                    Diagnostic::new(self.texts.message.clone(), d.span.clone())
                        .with_label("suppresses nothing")
                        .with_help(self.texts.help.clone())
                        .with_fix(fix),
                );
                continue;
            }
            for r in known.iter().filter(|r| !r.used) {
                out.push(
                    Diagnostic::new(
                        fill(self.texts.get("rule"), &[("rule", &r.id)]),
                        r.span.clone(),
                    )
                    .with_label("nothing to suppress")
                    .with_help(self.texts.help.clone()),
                );
            }
        }
    }
}
