//! A credit line in the house format (such as "[Name edited this piece.]") stands near the end and names the editor in the front matter.
//!
//! ## What it does
//! Looks for a paragraph that is exactly the credit line given by `format`, where
//! `{name}` stands for the person credited, and (with `statement = "editor-credit"`) for
//! editor credits in any other form:
//! "Edited by Jane Doe.", "Edited by: A and B", "*Written by A. Edited by B and C.*",
//! "Reporting by A; Editing by B", "Editor: Jane Doe", "This article was edited by X",
//! "Thanks to X for editing this post" (in emphasis, raw HTML or a comment). The names are
//! read out. Reports when:
//! - no credit exists in any form (pointing at the end of the body);
//! - the credit is not in the house format (the finding names the editors it read, and
//!   its help shows the house format);
//! - the credit is inside an HTML comment, where readers do not see it;
//! - the front matter has the key named by `front-matter-key` (default `editor`) and a
//!   credited name is not in it (a name, or a list of names: two editors are two names);
//! - the credit line is followed by more of the article (it belongs in the end matter).
//!
//! "Edited by" inside a sentence, in a citation or a bibliography ("the anthology edited
//! by …"), or about another kind of editing is not a credit.
//!
//! Other wordings are found with the words of the `[statements]` table, which the
//! built-in `statements` pack holds (`opinion` extends it; a pack with `extends = []`
//! and no `[statements]` of its own finds only the house wording).
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
//! - `format` (string): the credit line, with `{name}` for the credited person (several
//!   editors are written "A and B", "A, B and C").
//! - `front-matter-key` (string): the front matter key that names the editor; empty to
//!   skip the comparison.
//! - `statement` (string): `editor-credit` to count editor credits in other forms (as
//!   above); left out, only the `format` counts (for other credits, such as a
//!   translator's).
//!
//! Messages: `message` (missing), `messages.format` (`{text}` the credit as written,
//! `{name}` the names read), `messages.hidden`, `messages.mismatch` (`{name}` credited,
//! `{expected}` in the front matter), `messages.misplaced`.
//!
//! ## Fix safety
//! A missing credit has an unsafe fix (`--unsafe-fixes`) when the front matter names
//! exactly one editor, on one line and without markup: the credit line, filled in with
//! that name, inserted after the last paragraph of the body. A credit in another form, in
//! a paragraph of its own, has an unsafe fix that rewrites it in the house format with
//! the names it read (one inside a byline has none: the byline needs an editor). They are unsafe because the front matter may be out of date and the
//! names may be read wrongly. A mismatch has no fix: which name is right is for an
//! editor to decide.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::front_matter::Value;
use crate::document::statements::{Name, Place, Statement, StatementKind};
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::excerpt;
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::{self, fill, loose_regex, normalize};

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "credit-line",
        doc: kind_doc!("rules/credit_line"),
        messages: &["format", "hidden", "mismatch", "misplaced"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    format: String,
    front_matter_key: String,
    statement: String,
}

struct CreditLine {
    line: Pattern,
    /// Credits in other forms count (`statement = "editor-credit"`).
    others: bool,
    key: String,
    texts: Texts,
    format: String,
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        if !matches!(self.statement.as_str(), "" | "editor-credit") {
            let mut e = ParamError::new(
                "statement",
                format!(
                    "a credit line can find `editor-credit` statements, not `{}`",
                    self.statement
                ),
            );
            e.help = Some("set `statement = \"editor-credit\"` to count editor credits in other forms, or leave it out".into());
            return Err(e);
        }
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
            .join(r"\s*(?P<name>[\p{L}\p{N}].{0,78}?)\s*");
        // The format's own words in its own case: "EDITED BY X." is not "Edited by X.".
        let line = crate::pattern::regex(&format!(r"^{pattern}$"))
            .map_err(|e| ParamError::new("format", format!("cannot use this format: {e}")))?;
        Ok(Box::new(CreditLine {
            line,
            others: !p.statement.is_empty(),
            key: p.front_matter_key,
            texts: Texts {
                // `{house}` in the help: the house format, "Name" for the name.
                help: fill(
                    &setup.texts.help,
                    &[("house", &fill(p.format.trim(), &[("name", "Name")]))],
                ),
                ..setup.texts.clone()
            },
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

/// The credit found: in the house format, or in another form.
struct Credit {
    block: Option<usize>,
    /// The whole credit (for another form, what the fix rewrites).
    span: Range<usize>,
    names: Vec<Name>,
    house: bool,
    place: Place,
    text: String,
    /// The credit is its paragraph's whole text.
    whole: bool,
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl CreditLine {
    /// The credit in the house format, if a paragraph is one; its names are those the
    /// recogniser read in it, else the format's `{name}`.
    fn house_credit(&self, cx: &Context<'_>) -> Option<Credit> {
        cx.doc.prose_blocks().find_map(|(i, block)| {
            let text = &block.prose.text;
            let trimmed = text.trim();
            let offset = text.len() - text.trim_start().len();
            let caps = self.line.captures(trimmed)?;
            let name = caps.name("name")?;
            let range = (name.start() + offset)..(name.end() + offset);
            let span = block.prose_span();
            let read: Vec<Name> = cx
                .statements
                .iter()
                .find(|s| {
                    s.kind == StatementKind::EditorCredit
                        && s.block == Some(i)
                        && !s.names.is_empty()
                })
                .map(|s| s.names.clone())
                .unwrap_or_else(|| {
                    vec![Name {
                        text: name.as_str().trim().to_string(),
                        span: block.prose.to_source(range),
                    }]
                });
            Some(Credit {
                block: Some(i),
                text: trimmed.to_string(),
                span,
                names: read,
                house: true,
                place: Place::Prose,
                whole: true,
            })
        })
    }

    fn other_credit(cx: &Context<'_>, s: &Statement) -> Credit {
        // A credit that is its block's whole text is rewritten with its brackets and
        // marks ("[X edited this piece.]"); one inside a byline, alone.
        let span = match (s.whole_block, s.block.and_then(|b| cx.doc.blocks.get(b))) {
            // The whole paragraph, emphasis marks included: "*Edited by X.*".
            (true, Some(block))
                if s.place == Place::Prose && block.quote_depth == 0 && !block.in_list =>
            {
                let text = cx.doc.text().get(block.span.clone()).unwrap_or("");
                let start = block.span.start + (text.len() - text.trim_start().len());
                start..block.span.start + text.trim_end().len()
            }
            _ => s.span.clone(),
        };
        Credit {
            block: s.block,
            text: cx
                .doc
                .text()
                .get(span.clone())
                .unwrap_or(&s.text)
                .to_string(),
            span,
            names: s.names.clone(),
            house: false,
            place: s.place,
            whole: s.whole_block,
        }
    }

    /// A credit in another form: the names read, the house format in the help, and a fix
    /// that rewrites it.
    fn not_house_format(&self, cx: &Context<'_>, c: &Credit) -> Diagnostic {
        let names: Vec<&str> = c.names.iter().map(|n| n.text.as_str()).collect();
        let joined = join_names(&names);
        // The fix spells a name as the front matter does: "lena kowalski" -> "Lena Kowalski".
        let listed = self.listed_editors(cx);
        let spelled: Vec<&str> = names
            .iter()
            .map(|n| {
                listed
                    .iter()
                    .find(|l| normalize(l) == normalize(n))
                    .map_or(*n, |l| l.as_str())
            })
            .collect();
        let house = fill(self.format.trim(), &[("name", &join_names(&spelled))]);
        let vars = [("text", excerpt(&c.text)), ("name", joined.clone())];
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut d = Diagnostic::new(fill(self.texts.get("format"), &vars), c.span.clone())
            .with_label("not in the house format")
            .with_help(format!(
                "{}\nIn the house format: \"{house}\"",
                self.texts.help
            ));
        for n in &c.names {
            d = d.with_secondary(n.span.clone(), format!("credits {}", n.text));
        }
        // Only a credit that is its paragraph's whole text is rewritten: one inside a
        // byline ("Written by A. Edited by B.") needs the byline rearranged by an editor.
        if c.place == Place::Prose && c.whole && !joined.is_empty() {
            d = d.with_fix(Fix {
                title: format!("rewrite the credit as \"{house}\""),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    range: c.span.clone(),
                    replacement: house,
                }],
            });
        }
        d
    }

    fn missing(&self, cx: &Context<'_>) -> Diagnostic {
        let doc = cx.doc;
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
                    replacement: format!("\n\n{}", fill(self.format.trim(), &[("name", editor)])),
                }],
            });
        }
        d
    }

    /// The editors the front matter lists.
    fn listed_editors(&self, cx: &Context<'_>) -> Vec<String> {
        if self.key.is_empty() {
            return Vec::new();
        }
        cx.doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get(&self.key))
            .map(|f| {
                editor_names(&f.value)
                    .into_iter()
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Each credited name the front matter does not list.
    fn mismatches(&self, cx: &Context<'_>, c: &Credit, out: &mut Vec<Diagnostic>) {
        if self.key.is_empty() {
            return;
        }
        let Some(field) = cx
            .doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get(&self.key))
        else {
            return;
        };
        let names = editor_names(&field.value);
        if names.is_empty() {
            return;
        }
        let expected = names.join(" or ");
        for credited in &c.names {
            if names
                .iter()
                .any(|n| normalize(n) == normalize(&credited.text))
            {
                continue;
            }
            let vars = [
                ("name", credited.text.as_str()),
                ("expected", expected.as_str()),
            ];
            out.push(
                Diagnostic::new(
                    fill(self.texts.get("mismatch"), &vars),
                    credited.span.clone(),
                )
                .with_label("credited here")
                .with_secondary(
                    field.value_span.clone(),
                    format!("front matter `{}` says {}", self.key, expected.trim()),
                )
                .with_help(self.texts.help.clone()),
            );
        }
    }
}

impl Check for CreditLine {
    fn end_matter(&self, doc: &crate::document::Document<'_>) -> Vec<usize> {
        doc.prose_blocks()
            .filter(|(_, b)| self.line.is_match(b.prose.text.trim()))
            .map(|(i, _)| i)
            .collect()
    }

    fn house_text(&self, name: &str) -> Option<String> {
        Some(fill(self.format.trim(), &[("name", name)]))
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let others = || {
            cx.statements.iter().filter(|s| {
                self.others && s.kind == StatementKind::EditorCredit && !s.names.is_empty()
            })
        };
        let credit = self.house_credit(cx).or_else(|| {
            others()
                .find(|s| s.place != Place::Comment)
                .map(|s| Self::other_credit(cx, s))
        });
        let Some(credit) = credit else {
            out.push(match others().next() {
                Some(hidden) => {
                    Diagnostic::new(self.texts.get("hidden").to_string(), hidden.span.clone())
                        .with_label("inside an HTML comment")
                        .with_help(self.texts.help.clone())
                }
                None => self.missing(cx),
            });
            return;
        };
        if !credit.house {
            out.push(self.not_house_format(cx, &credit));
        }
        self.mismatches(cx, &credit, out);
        if let Some(index) = credit.block
            && let Some(next) = cx.layout.body_after(index)
            && let Some(block) = doc.blocks.get(next)
        {
            let name = join_names(
                &credit
                    .names
                    .iter()
                    .map(|n| n.text.as_str())
                    .collect::<Vec<_>>(),
            );
            out.push(
                Diagnostic::new(
                    fill(self.texts.get("misplaced"), &[("name", &name)]),
                    credit.span.clone(),
                )
                .with_label("the credit is here")
                .with_secondary(block.prose_span(), "but the article continues here")
                .with_help(self.texts.help.clone()),
            );
        }
    }
}
