//! A credit line in the house format (such as "[Name edited this piece.]") stands near the end and names the editor in the front matter.
//!
//! ## What it does
//! Looks for a paragraph that is exactly the credit line given by `format`, where
//! `{name}` stands for the person credited. Reports when:
//! - no credit line exists (pointing at the end of the body);
//! - the front matter has the key named by `front-matter-key` (default `editor`) and
//!   the credited name differs from it, or from every name when it is a list (both
//!   places are labelled);
//! - the credit line is followed by more of the article (it belongs in the end matter).
//!
//! ## Why is this bad?
//! Crediting the editor is part of the publication's contract with its contributors and
//! staff, and the credit must name the person who actually edited the piece: a copied
//! credit from another article names the wrong person in public.
//!
//! ## Example
//! ```markdown
//! ---
//! editor: Cheyenne Torres
//! ---
//! Armenia must finally recognize that there is no alternative to peace.
//!
//! [Jordan Blake edited this piece.]
//! ```
//! Use instead:
//! ```markdown
//! ---
//! editor: Cheyenne Torres
//! ---
//! Armenia must finally recognize that there is no alternative to peace.
//!
//! [Cheyenne Torres edited this piece.]
//! ```
//!
//! ## Options
//! - `format` (string): the credit line, with `{name}` for the credited person.
//! - `front-matter-key` (string): the front matter key that names the editor; empty to
//!   skip the comparison.
//!
//! Messages: `message` (missing), `messages.mismatch` (`{name}` credited, `{expected}`
//! in the front matter), `messages.misplaced`.
//!
//! ## Fix safety
//! A missing credit has an unsafe fix (`--unsafe-fixes`) when the front matter names
//! exactly one editor, on one line and without markup: the credit line, filled in with
//! that name, inserted after the last paragraph of the body. It is unsafe because the front matter may be out of date. A
//! mismatch has no fix: which name is right is for an editor to decide.

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::front_matter::Value;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::{self, fill, loose_regex, normalize};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "credit-line",
        doc: kind_doc!("rules/credit_line"),
        messages: &["mismatch", "misplaced"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    format: String,
    front_matter_key: String,
}

struct CreditLine {
    line: Pattern,
    key: String,
    texts: Texts,
    format: String,
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if template::split(&self.format, "name").len() != 2 {
            return Err(ParamError::new(
                "format",
                "`format` must contain `{name}` exactly once",
            ));
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let pattern = template::split(&p.format, "name")
            .iter()
            .map(|part| loose_regex(part.trim()))
            .collect::<Vec<_>>()
            .join(r"\s*(?P<name>[^\s\[\]].{0,78}?)\s*");
        let line = crate::pattern::regex(&format!(r"(?i)^{pattern}$"))
            .map_err(|e| ParamError::new("format", format!("cannot use this format: {e}")))?;
        Ok(Box::new(CreditLine {
            line,
            key: p.front_matter_key,
            texts: setup.texts.clone(),
            format: p.format,
        }))
    }
}

/// The editor names in a front matter value: one name, or a list of them.
fn editor_names(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) if !s.trim().is_empty() => vec![s.trim()],
        Value::List(items) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl CreditLine {
    /// The one editor the front matter names, if it names exactly one.
    fn sole_editor<'d>(&self, doc: &'d crate::document::Document<'_>) -> Option<&'d str> {
        if self.key.is_empty() {
            return None;
        }
        let field = doc.front_matter.as_ref()?.get(&self.key)?;
        match editor_names(&field.value).as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

impl CreditLine {
    /// Whether a credit naming `editor` can be inserted and then found: a name on one
    /// line, with no Markdown or HTML markup, whose credit line this rule recognises.
    /// Otherwise the inserted credit would be missed and inserted again on every pass
    /// (a front matter `editor:` that runs over several lines and holds HTML did that).
    fn insertable(&self, editor: &str) -> bool {
        let plain = !editor
            .chars()
            .any(|c| c.is_control() || "<>[]*_`\\#|!".contains(c));
        plain
            && self
                .line
                .is_match(&fill(self.format.trim(), &[("name", editor)]))
    }
}

impl Check for CreditLine {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let credit = doc.prose_blocks().find_map(|(i, block)| {
            let text = &block.prose.text;
            let trimmed = text.trim();
            let offset = text.len() - text.trim_start().len();
            let caps = self.line.captures(trimmed)?;
            let name = caps.name("name")?;
            let range = (name.start() + offset)..(name.end() + offset);
            Some((
                i,
                block.prose.to_source(range),
                name.as_str().trim().to_string(),
                block.prose_span(),
            ))
        });

        let Some((index, name_span, name, line_span)) = credit else {
            let at = cx.layout.end_of_body(doc);
            let mut d = Diagnostic::new(self.texts.message.clone(), at..at)
                .with_label("the credit belongs after the last paragraph")
                .with_help(self.texts.help.clone())
                .document_level();
            if let Some(editor) = self.sole_editor(doc).filter(|e| self.insertable(e)) {
                d = d.with_fix(Fix {
                    title: format!("credit {editor} from the front matter"),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        range: at..at,
                        replacement: format!(
                            "\n\n{}",
                            fill(self.format.trim(), &[("name", editor)])
                        ),
                    }],
                });
            }
            out.push(d);
            return;
        };

        if !self.key.is_empty()
            && let Some(field) = doc.front_matter.as_ref().and_then(|fm| fm.get(&self.key))
            && let names = editor_names(&field.value)
            && !names.is_empty()
            && !names.iter().any(|n| normalize(n) == normalize(&name))
        {
            let expected = names.join(" or ");
            let expected = expected.as_str();
            let vars = [("name", name.as_str()), ("expected", expected)];
            out.push(
                Diagnostic::new(fill(self.texts.get("mismatch"), &vars), name_span.clone())
                    .with_label("credited here")
                    .with_secondary(
                        field.value_span.clone(),
                        format!("front matter `{}` says {}", self.key, expected.trim()),
                    )
                    .with_help(self.texts.help.clone()),
            );
        }

        if let Some(next) = cx.layout.body_after(index)
            && let Some(block) = doc.blocks.get(next)
        {
            out.push(
                Diagnostic::new(
                    fill(self.texts.get("misplaced"), &[("name", &name)]),
                    line_span,
                )
                .with_label("the credit is here")
                .with_secondary(block.prose_span(), "but the article continues here")
                .with_help(self.texts.help.clone()),
            );
        }
    }
}
