//! A suppression comment copydesk cannot honour: an unknown rule id, a misspelled
//! directive, or (when the pack requires one) no reason.
//!
//! ## What it does
//! Reads every HTML comment that starts with `copydesk-` and reports:
//! - a rule id that is not a rule of the policy (with the closest id as help);
//! - a directive that is none of `copydesk-disable`, `copydesk-enable`,
//!   `copydesk-disable-next-line`, `copydesk-disable-file`;
//! - with `require-reason = true`, a suppression without ` -- reason` at the end.
//!
//! ## Why is this bad?
//! A misspelled suppression silently suppresses nothing, so the writer believes a
//! finding was waived when it was not, or the other way round. Reasons tell the next
//! editor why the policy was set aside here ("author's own survey").
//!
//! ## Example
//! ```markdown
//! <!-- copydesk-disable-next-line unatributed-figure -->
//! We surveyed 120 readers.
//! ```
//! Use instead:
//! ```markdown
//! <!-- copydesk-disable-next-line unattributed-figure -- the author's own survey -->
//! We surveyed 120 readers.
//! ```
//!
//! ## Options
//! - `require-reason` (boolean, default false): every suppression must end with
//!   ` -- reason`.
//!
//! Messages: `message` (unknown rule; `{rule}`), `messages.directive` (unknown
//! directive; `{text}`), `messages.reason` (no reason given).
//!
//! ## Fix safety
//! A misspelled directive or rule id gets a display-only suggestion of the closest
//! spelling: whether the writer meant it is for a person to confirm.

use serde::Deserialize;

use super::{Audit, AuditCheck};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::rules::{About, Build, Kind, ParamError, Setup, Texts, compile, kind_doc};
use crate::source::Source;
use crate::template::fill;

pub(crate) static KIND: Kind<dyn AuditCheck> = Kind {
    about: About {
        name: "invalid-suppression",
        doc: kind_doc!("suppress/invalid"),
        messages: &["directive", "reason"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    require_reason: bool,
}

struct Invalid {
    require_reason: bool,
    texts: Texts,
}

impl Build<dyn AuditCheck> for Params {
    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn AuditCheck>, ParamError> {
        let p = self;
        Ok(Box::new(Invalid {
            require_reason: p.require_reason,
            texts: setup.texts.clone(),
        }))
    }
}

fn suggestion(range: std::ops::Range<usize>, to: &str) -> Fix {
    Fix {
        title: format!("use `{to}`"),
        applicability: Applicability::DisplayOnly,
        edits: vec![Edit {
            range,
            replacement: to.to_string(),
        }],
    }
}

impl AuditCheck for Invalid {
    fn check(&self, _source: &Source, audit: &Audit, out: &mut Vec<Diagnostic>) {
        for m in &audit.malformed {
            let mut d = Diagnostic::new(
                fill(self.texts.get("directive"), &[("text", &m.word)]),
                m.span.clone(),
            )
            .with_label("not a copydesk directive");
            d = match m.suggestion {
                Some(s) => d
                    .with_help(format!("did you mean `{s}`?"))
                    .with_fix(suggestion(m.span.clone(), s)),
                None => d.with_help(self.texts.help.clone()),
            };
            out.push(d);
        }
        for dir in &audit.directives {
            for r in dir.rules.iter().filter(|r| !r.known) {
                let mut d = Diagnostic::new(
                    fill(&self.texts.message, &[("rule", &r.id)]),
                    r.span.clone(),
                )
                .with_label("no rule has this id");
                d = match audit.closest(&r.id) {
                    Some(near) => d
                        .with_help(format!(
                            "did you mean `{near}`? `copydesk rules` lists the rules"
                        ))
                        .with_fix(suggestion(r.span.clone(), near)),
                    None => d.with_help(self.texts.help.clone()),
                };
                out.push(d);
            }
            if self.require_reason && !dir.is_enable() && dir.reason.is_none() {
                out.push(
                    Diagnostic::new(self.texts.get("reason").to_string(), dir.span.clone())
                        .with_label("no reason given")
                        .with_help(self.texts.help.clone()),
                );
            }
        }
    }
}
