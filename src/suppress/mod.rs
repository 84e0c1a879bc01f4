//! Inline suppressions: HTML comments in which a writer or editor lets a finding stand.
//!
//! ```markdown
//! <!-- copydesk-disable RULE[, RULE] -->       … <!-- copydesk-enable [RULE, …] -->
//! <!-- copydesk-disable-next-line RULE -->     the next line that is not blank
//! <!-- copydesk-disable-file RULE -->          the whole file
//! <!-- copydesk-disable-next-line unattributed-figure -- author's own survey -->
//! ```
//!
//! With no RULE a directive covers every rule. Text after ` -- ` is the reason. HTML
//! comments are invisible in the published page, so suppressions never reach readers.
//! This runs after the rules: the engine drops the findings a directive covers and
//! records which directives covered something. Then the two audit kinds run on what the
//! directives did: `unused-suppression` ([`unused`]) reports the directives that covered
//! nothing, and `invalid-suppression` ([`invalid`]) unknown rule ids, misspelled
//! directives and (if the pack asks) missing reasons. They are rule kinds in packs like
//! any other, but they read the [`Audit`], not the Document.

pub mod invalid;
pub mod unused;

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::Kind;
use crate::source::Source;

/// A compiled audit rule: reports on the suppression directives of one file once the
/// other rules' findings have been filtered.
pub trait AuditCheck: Send + Sync {
    fn check(&self, source: &Source, audit: &Audit, out: &mut Vec<Diagnostic>);
}

/// The kinds that audit suppressions, in the order `explain` lists them.
pub static KINDS: &[&Kind<dyn AuditCheck>] = &[&unused::KIND, &invalid::KIND];

const PREFIX: &str = "copydesk-";
const DIRECTIVES: &[&str] = &[
    "copydesk-disable",
    "copydesk-enable",
    "copydesk-disable-next-line",
    "copydesk-disable-file",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// From the comment to the matching `copydesk-enable` (or the end of the file).
    Disable,
    Enable,
    /// The next non-blank line after the comment (0-based).
    NextLine(usize),
    File,
}

/// A rule id named in a directive.
#[derive(Debug, Clone)]
pub struct Named {
    pub id: String,
    pub span: Range<usize>,
    /// The policy has a rule with this id.
    pub known: bool,
    /// It covered at least one finding.
    pub used: bool,
    /// For `Disable`: where the region ends for this rule.
    region_end: usize,
}

#[derive(Debug, Clone)]
pub struct Directive {
    /// The whole comment.
    pub span: Range<usize>,
    pub action: Action,
    /// Empty: every rule.
    pub rules: Vec<Named>,
    pub reason: Option<String>,
    /// For a directive naming no rule: whether it covered anything.
    pub used_all: bool,
    region_end_all: usize,
}

impl Directive {
    pub fn is_enable(&self) -> bool {
        self.action == Action::Enable
    }

    /// Whether it suppressed nothing at all.
    pub fn unused(&self) -> bool {
        !self.is_enable()
            && if self.rules.is_empty() {
                !self.used_all
            } else {
                self.rules.iter().all(|r| !r.used)
            }
    }
}

/// A comment that starts with `copydesk-` but is no directive.
#[derive(Debug, Clone)]
pub struct Malformed {
    pub span: Range<usize>,
    pub word: String,
    pub suggestion: Option<&'static str>,
}

/// The directives of one document and what they did.
#[derive(Debug, Default)]
pub struct Audit {
    pub directives: Vec<Directive>,
    pub malformed: Vec<Malformed>,
    /// The policy's rule ids.
    ids: Vec<String>,
}

impl Audit {
    /// Reads the directives of a document; `ids` are the policy's rule ids.
    pub fn parse(doc: &Document<'_>, ids: Vec<String>) -> Self {
        let mut audit = Audit {
            ids,
            ..Audit::default()
        };
        let source = doc.source;
        for span in &doc.comments {
            let is_rule = |id: &str| audit.ids.iter().any(|i| i == id);
            match parse_comment(source, span.clone(), &is_rule) {
                Some(Ok(d)) => audit.directives.push(d),
                Some(Err(m)) => audit.malformed.push(m),
                None => {}
            }
        }
        audit.close_regions(source.text.len());
        audit
    }

    /// Sets where each `copydesk-disable` region ends: at the first later
    /// `copydesk-enable` that names the rule or names none.
    fn close_regions(&mut self, eof: usize) {
        let enables: Vec<(usize, Vec<String>)> = self
            .directives
            .iter()
            .filter(|d| d.is_enable())
            .map(|d| (d.span.start, d.rules.iter().map(|r| r.id.clone()).collect()))
            .collect();
        for d in &mut self.directives {
            if d.action != Action::Disable {
                continue;
            }
            let after = d.span.end;
            let end_for = |id: Option<&str>| {
                enables
                    .iter()
                    .find(|(at, ids)| {
                        *at >= after
                            && (ids.is_empty() || id.is_some_and(|id| ids.iter().any(|i| i == id)))
                    })
                    .map_or(eof, |(at, _)| *at)
            };
            d.region_end_all = end_for(None);
            for r in &mut d.rules {
                r.region_end = end_for(Some(&r.id));
            }
        }
    }

    /// The policy's rule id closest to a misspelled one.
    pub fn closest(&self, id: &str) -> Option<&str> {
        crate::did_you_mean::closest(id, self.ids.iter().map(String::as_str))
    }

    /// Whether a finding is covered; marks the directive that covers it as used.
    pub fn covers(&mut self, source: &Source, d: &Diagnostic) -> bool {
        let at = d.span.start;
        let line = source.line_of(at);
        let mut covered = false;
        for dir in &mut self.directives {
            let in_scope = |end: usize| match dir.action {
                Action::Disable => at >= dir.span.end && at < end,
                Action::NextLine(target) => line == target,
                Action::File => true,
                Action::Enable => false,
            };
            if dir.rules.is_empty() {
                if in_scope(dir.region_end_all) {
                    dir.used_all = true;
                    covered = true;
                }
                continue;
            }
            let action = dir.action.clone();
            let span_end = dir.span.end;
            for r in &mut dir.rules {
                let hit = r.id == d.rule
                    && match action {
                        Action::Disable => at >= span_end && at < r.region_end,
                        Action::NextLine(target) => line == target,
                        Action::File => true,
                        Action::Enable => false,
                    };
                if hit {
                    r.used = true;
                    covered = true;
                }
            }
        }
        covered
    }

    /// Splits findings into those that stand and those suppressed.
    pub fn filter(
        &mut self,
        source: &Source,
        findings: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        if self.directives.is_empty() {
            return (findings, Vec::new());
        }
        findings.into_iter().partition(|d| !self.covers(source, d))
    }
}

/// `Some(Ok)` for a directive, `Some(Err)` for a misspelled one, `None` for any other
/// comment.
fn parse_comment(
    source: &Source,
    span: Range<usize>,
    is_rule: &dyn Fn(&str) -> bool,
) -> Option<Result<Directive, Malformed>> {
    let text = source.text.get(span.clone())?;
    let inner = text.strip_prefix("<!--")?;
    let inner = inner.strip_suffix("-->").unwrap_or(inner);
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim();
    if !body.starts_with(PREFIX) {
        return None;
    }
    let body_at = span.start + 4 + lead;
    let word_len = body.find(char::is_whitespace).unwrap_or(body.len());
    let word = body.get(..word_len).unwrap_or(body);
    let action = match word {
        "copydesk-disable" => Action::Disable,
        "copydesk-enable" => Action::Enable,
        "copydesk-disable-next-line" => Action::NextLine(next_line(source, span.end)),
        "copydesk-disable-file" => Action::File,
        _ => {
            return Some(Err(Malformed {
                span: body_at..body_at + word.len(),
                word: word.to_string(),
                suggestion: crate::did_you_mean::closest(word, DIRECTIVES.iter().copied())
                    .and_then(|s| DIRECTIVES.iter().copied().find(|d| *d == s)),
            }));
        }
    };
    let rest = body.get(word_len..).unwrap_or("");
    let (list, reason) = match rest.find(" -- ") {
        Some(i) => (
            rest.get(..i).unwrap_or(""),
            Some(rest.get(i + 4..).unwrap_or("").trim().to_string()),
        ),
        None => (rest, None),
    };
    let list_at = body_at + word_len;
    let mut rules = Vec::new();
    // Separators are commas and any whitespace, which may take several bytes (a
    // no-break space takes two): offsets come from the characters themselves.
    let mut start = 0;
    let separators = list
        .char_indices()
        .filter(|&(_, c)| c == ',' || c.is_whitespace())
        .chain(std::iter::once((list.len(), ',')));
    for (at, c) in separators {
        let piece = list.get(start..at).unwrap_or("");
        let piece_start = start;
        start = at + c.len_utf8();
        if piece.is_empty() {
            continue;
        }
        rules.push(Named {
            id: piece.to_string(),
            span: list_at + piece_start..list_at + at,
            known: is_rule(piece),
            used: false,
            region_end: 0,
        });
    }
    Some(Ok(Directive {
        span,
        action,
        rules,
        reason: reason.filter(|r| !r.is_empty()),
        used_all: false,
        region_end_all: 0,
    }))
}

/// The first line after the one holding `end - 1` that has text on it.
fn next_line(source: &Source, end: usize) -> usize {
    let mut line = source.line_of(end.saturating_sub(1)) + 1;
    loop {
        let start = source.line_start(line);
        let stop = source.line_start(line + 1);
        if start >= source.text.len() {
            return line;
        }
        let blank = source
            .text
            .get(start..stop)
            .is_some_and(|t| t.trim().is_empty());
        if !blank {
            return line;
        }
        line += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audit(text: &str) -> (Source, Audit) {
        let source = Source::new("t.md", text.to_string());
        let audit = {
            let doc = Document::parse(&source);
            Audit::parse(&doc, vec!["placeholder".into(), "boilerplate".into()])
        };
        (source, audit)
    }

    fn finding(rule: &str, at: usize) -> Diagnostic {
        let mut d = Diagnostic::new("m", at..at + 1);
        d.rule = rule.to_string();
        d
    }

    #[test]
    fn parses_rules_spans_and_reason() {
        let text =
            "<!-- copydesk-disable-next-line placeholder, nope -- the author's own -->\nTK\n";
        let (_, a) = audit(text);
        let d = &a.directives[0];
        assert_eq!(d.action, Action::NextLine(1));
        assert_eq!(d.reason.as_deref(), Some("the author's own"));
        let ids: Vec<_> = d
            .rules
            .iter()
            .map(|r| (r.id.as_str(), &text[r.span.clone()], r.known))
            .collect();
        assert_eq!(
            ids,
            [
                ("placeholder", "placeholder", true),
                ("nope", "nope", false)
            ]
        );
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let (_, a) = audit("<!-- copydesk-disable-next-line -->\n\n\nTK\n");
        assert_eq!(a.directives[0].action, Action::NextLine(3));
    }

    #[test]
    fn regions_end_at_the_matching_enable() {
        let text = "<!-- copydesk-disable placeholder, boilerplate -->\n\nTK one\n\n<!-- copydesk-enable placeholder -->\n\nTK two\n";
        let (source, mut a) = audit(text);
        let one = text.find("TK one").unwrap();
        let two = text.find("TK two").unwrap();
        assert!(a.covers(&source, &finding("placeholder", one)));
        assert!(!a.covers(&source, &finding("placeholder", two)));
        assert!(a.covers(&source, &finding("boilerplate", two)));
        assert!(!a.directives[0].unused());
    }

    #[test]
    fn misspelled_directive_is_malformed() {
        let (_, a) = audit("<!-- copydesk-disable-nextline placeholder -->\nTK\n");
        assert!(a.directives.is_empty());
        assert_eq!(a.malformed[0].word, "copydesk-disable-nextline");
        assert_eq!(
            a.malformed[0].suggestion,
            Some("copydesk-disable-next-line")
        );
    }

    #[test]
    fn other_comments_and_code_are_ignored() {
        let (_, a) = audit("<!-- a note -->\n\n```\n<!-- copydesk-disable-file -->\n```\n");
        assert!(a.directives.is_empty() && a.malformed.is_empty());
    }

    #[test]
    fn inline_comments_are_directives() {
        let (_, a) = audit("Text <!-- copydesk-disable-next-line placeholder --> more.\nTK\n");
        assert_eq!(a.directives[0].action, Action::NextLine(1));
    }
}
