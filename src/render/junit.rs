//! JUnit XML, the test report format that CI services read
//! (<https://github.com/testmoapp/junitxml> documents the common form; GitLab:
//! <https://docs.gitlab.com/ci/testing/unit_test_reports/>; Jenkins' JUnit plugin, Azure
//! Pipelines and CircleCI read the same).
//!
//! For CI services that show test results but not code annotations: each finding is a
//! failed test, so a pipeline's test tab lists what to fix in each article.
//!
//! ```xml
//! <testsuites name="copydesk" tests="2" failures="1" errors="0">
//!   <testsuite name="articles/war.md" tests="1" failures="1" errors="0" skipped="0">
//!     <testcase classname="articles/war.md" name="boilerplate at 13:1">
//!       <failure message="web-page residue: `Related Reading`" type="boilerplate">…</failure>
//!     </testcase>
//!   </testsuite>
//!   <testsuite name="articles/peace.md" tests="1" failures="0" errors="0" skipped="0">
//!     <testcase classname="articles/peace.md" name="all rules"/>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! One `<testsuite>` per checked file, named by its path. Its tests are its findings,
//! one failed `<testcase>` each, named `rule-id at line:col`; a file with no findings has
//! one passing test case, `all rules`, so every checked file appears and a clean run
//! still reports its tests. So `tests` counts findings (or 1 for a clean file), not rules
//! run: a rule can find several things in one file, and each needs its own line in the
//! report. Every finding is a failure, whatever its severity (the severity is in the
//! failure's text); `--fail-on` decides only the exit code. Files that could not be
//! checked are reported on standard error, with exit code 2.
//!
//! The XML is written by hand: five element kinds need no library. Text and attribute
//! values are escaped (`& < > " '`, and tab, CR and LF in attributes), and characters
//! that XML 1.0 forbids (control characters other than tab, LF and CR; U+FFFE, U+FFFF)
//! are dropped.

use std::io::{self, Write};

use super::{FileReport, RenderContext};

/// Whether XML 1.0 allows the character
/// (<https://www.w3.org/TR/xml/#charsets>: `#x9 | #xA | #xD | [#x20-#xD7FF] |
/// [#xE000-#xFFFD] | [#x10000-#x10FFFF]`; Rust's `char` has no surrogates).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A parser turns a raw CR, and in attributes tab and LF too, into something
            // else; character references keep them.
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            other => out.push(other),
        }
    }
    out
}

/// Escapes text content.
pub(crate) fn escape_text(text: &str) -> String {
    escape(text, false)
}

/// Escapes an attribute value (written between double quotes).
pub(crate) fn escape_attribute(text: &str) -> String {
    escape(text, true)
}

fn suite(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let path = escape_attribute(&report.source.path);
    let failures = report.diagnostics.len();
    writeln!(
        out,
        r#"  <testsuite name="{path}" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        failures.max(1)
    )?;
    if report.diagnostics.is_empty() {
        writeln!(
            out,
            r#"    <testcase classname="{path}" name="all rules"/>"#
        )?;
    }
    let mut cursor = report.source.cursor();
    for d in &report.diagnostics {
        let p = cursor.at(d.span.start);
        let name = format!("{} at {}:{}", d.rule, p.line, p.column);
        let mut body = format!(
            "{}:{}:{}: {}[{}] {}",
            report.source.path, p.line, p.column, d.severity, d.rule, d.message
        );
        if let Some(help) = &d.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        writeln!(
            out,
            r#"    <testcase classname="{path}" name="{}">"#,
            escape_attribute(&name)
        )?;
        writeln!(
            out,
            r#"      <failure message="{}" type="{}">{}</failure>"#,
            escape_attribute(&d.message),
            escape_attribute(&d.rule),
            escape_text(&body)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

pub(super) fn render(cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let failures: usize = cx.reports.iter().map(|r| r.diagnostics.len()).sum();
    let tests: usize = cx.reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="copydesk" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for report in cx.reports {
        suite(out, report)?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::render::Summary;
    use crate::source::Source;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape_text("a & b < c > d \"e\" 'f'\u{1}\u{0}\u{b}\u{ffff}\tg\nh\ri"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;\tg\nh&#13;i"
        );
        assert_eq!(escape_attribute("a\tb\nc"), "a&#9;b&#10;c");
        assert_eq!(escape_text("é 😀"), "é 😀");
    }

    #[test]
    fn parses_with_hostile_text() {
        let text = "The <b> & \"TK\" of 'x'.\n";
        let start = text.find("TK").unwrap();
        let mut d = Diagnostic::new("bad & <odd> \"q\" \u{7}bell", start..start + 2)
            .with_help("fix it\nnow");
        d.rule = "placeholder".into();
        d.severity = Severity::Error;
        let reports = [
            FileReport {
                source: Source::new("a&b <c>.md", text.to_string()),
                diagnostics: vec![d],
            },
            FileReport {
                source: Source::new("clean.md", "Fine.\n".to_string()),
                diagnostics: vec![],
            },
        ];
        let cx = RenderContext::new(&reports, Summary::default());
        let mut out = Vec::new();
        render(&cx, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let failure = doc
            .descendants()
            .find(|n| n.has_tag_name("failure"))
            .unwrap();
        assert_eq!(failure.attribute("message"), Some("bad & <odd> \"q\" bell"));
        assert_eq!(failure.attribute("type"), Some("placeholder"));
        assert_eq!(
            failure.text(),
            Some("a&b <c>.md:1:12: error[placeholder] bad & <odd> \"q\" bell\nhelp: fix it\nnow")
        );
        let suites: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testsuite"))
            .map(|n| n.attribute("name").unwrap())
            .collect();
        assert_eq!(suites, ["a&b <c>.md", "clean.md"]);
    }
}
