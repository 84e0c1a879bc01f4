//! A kind of statement the house does not print in the article (such as a republication note that belongs in the front matter).
//!
//! ## What it does
//! Reports every statement of the kind named by `statement` that the recogniser finds,
//! in any wording, anywhere in the article (prose, raw HTML, comments): `author-views`
//! (a disclaimer), `editor-credit`, `editors-note`, `republication` ("This article was
//! originally published on …") or `guest-post` ("This is a guest post by …"). The same
//! words in running prose ("the study was originally published in 2019") are not such a
//! statement and are not reported.
//!
//! The recogniser reads the words of the `[statements]` table, which the built-in
//! `statements` pack holds (`opinion` extends it).
//!
//! ## Why is this bad?
//! Houses keep some notes out of the text: a republication note that the CMS prints from
//! the front matter, a guest-post line the byline already says. Printed in the text as
//! well, the note appears twice on the page, or in a wording the house no longer uses.
//!
//! ## Example
//! With `statement = "republication"`:
//! ```markdown
//! Armenia and Azerbaijan signed the statement in 2020.
//!
//! *This article was originally published on Eurasia Review.*
//! ```
//! Use instead (the note in the front matter):
//! ```markdown
//! ---
//! originally-published: Eurasia Review
//! ---
//! Armenia and Azerbaijan signed the statement in 2020.
//! ```
//!
//! ## Options
//! - `statement` (string, required): the kind of statement not to print.
//!
//! Messages: `message`, which may use `{text}` (the statement as written).
//!
//! ## Fix safety
//! No fix: whether the note goes, or moves to the front matter, is an editor's call.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::statements::{Place, StatementKind};
use crate::rules::kinds::required_statement::statement_kind;
use crate::rules::support::excerpt;
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, Texts, compile, kind_doc,
};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "forbidden-statement",
        doc: kind_doc!("rules/forbidden_statement"),
        messages: &[],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    statement: String,
}

struct ForbiddenStatement {
    kind: StatementKind,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if self.statement.is_empty() {
            let mut e = ParamError::new(
                "statement",
                "`statement` names the kind of statement to report",
            );
            e.help = Some(format!(
                "statement kinds: {}",
                StatementKind::ALL.map(StatementKind::name).join(", ")
            ));
            return Err(e);
        }
        statement_kind("statement", &self.statement)?;
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let Some(kind) = statement_kind("statement", &self.statement)? else {
            return Err(ParamError::new(
                "statement",
                "`statement` names the kind of statement to report",
            ));
        };
        Ok(Box::new(ForbiddenStatement {
            kind,
            texts: setup.texts.clone(),
        }))
    }
}

impl Check for ForbiddenStatement {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for s in cx.statements.iter().filter(|s| s.kind == self.kind) {
            let label = match s.place {
                Place::Comment => "inside an HTML comment",
                _ => "here",
            };
            out.push(
                Diagnostic::new(
                    fill(&self.texts.message, &[("text", &excerpt(&s.text))]),
                    s.span.clone(),
                )
                .with_label(label)
                .with_help(self.texts.help.clone()),
            );
        }
    }
}
