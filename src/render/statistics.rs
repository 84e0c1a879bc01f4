//! `check --statistics`: how many findings each rule has, suppressed ones included, so a
//! desk can see where its archive stands before it turns a rule on or fixes in bulk; and
//! how many disclaimers, credits and notes the statement recogniser found, in how many
//! files.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, OutputFormat};
use crate::diagnostic::{Applicability, Severity};

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
struct Row {
    rule: String,
    severity: Option<Severity>,
    /// Findings reported.
    count: usize,
    /// Findings an inline suppression covered.
    suppressed: usize,
    /// Reported findings `--fix` (safe) or `--unsafe-fixes` can fix.
    fixable: usize,
    unsafe_fixable: usize,
}

/// Statements found by kind: (statements, files holding one).
pub type StatementCounts = BTreeMap<&'static str, (usize, usize)>;

#[derive(Debug, Serialize)]
struct StatementRow<'a> {
    statement: &'a str,
    found: usize,
    files: usize,
}

#[derive(Debug, Serialize)]
struct Json<'a> {
    rules: Vec<Row>,
    statements: Vec<StatementRow<'a>>,
}

fn rows(reports: &[FileReport], suppressed: &BTreeMap<String, (usize, Severity)>) -> Vec<Row> {
    let mut by_rule: BTreeMap<&str, Row> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let row = by_rule.entry(&d.rule).or_default();
        row.count += 1;
        row.severity = Some(d.severity);
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => row.fixable += 1,
            Some(Applicability::Unsafe) => row.unsafe_fixable += 1,
            _ => {}
        }
    }
    for (rule, (n, severity)) in suppressed {
        let row = by_rule.entry(rule).or_default();
        row.suppressed += n;
        row.severity = Some(*severity);
    }
    let mut rows: Vec<Row> = by_rule
        .into_iter()
        .map(|(rule, row)| Row {
            rule: rule.to_string(),
            ..row
        })
        .collect();
    // Most findings first; ties by rule id.
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    rows
}

pub fn render(
    format: OutputFormat,
    reports: &[FileReport],
    suppressed: &BTreeMap<String, (usize, Severity)>,
    statements: &StatementCounts,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = rows(reports, suppressed);
    if format == OutputFormat::Json {
        let json = Json {
            rules: rows,
            statements: statements
                .iter()
                .map(|(k, (found, files))| StatementRow {
                    statement: k,
                    found: *found,
                    files: *files,
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        return writeln!(out);
    }
    if rows.is_empty() {
        writeln!(out, "no findings")?;
    } else {
        rule_table(&rows, out)?;
    }
    statement_table(statements, out)
}

/// The statements the recogniser found, by kind.
fn statement_table(statements: &StatementCounts, out: &mut dyn Write) -> io::Result<()> {
    if statements.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n  FOUND    FILES  STATEMENT")?;
    for (kind, (found, files)) in statements {
        writeln!(out, "{found:>7}  {files:>7}  {kind}")?;
    }
    Ok(())
}

fn rule_table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(4).max(4);
    writeln!(
        out,
        "{:>7}  {:>10}  {:>7}  {:<width$}  SEVERITY",
        "COUNT", "SUPPRESSED", "FIXABLE", "RULE"
    )?;
    for r in rows {
        let fixable = match (r.fixable, r.unsafe_fixable) {
            (0, 0) => String::new(),
            (n, 0) => n.to_string(),
            (n, u) => format!("{n}+{u}*"),
        };
        writeln!(
            out,
            "{:>7}  {:>10}  {:>7}  {:<width$}  {}",
            r.count,
            r.suppressed,
            fixable,
            r.rule,
            r.severity.map_or("", Severity::as_str)
        )?;
    }
    let total: usize = rows.iter().map(|r| r.count).sum();
    let hidden: usize = rows.iter().map(|r| r.suppressed).sum();
    writeln!(out, "{total:>7}  {hidden:>10}           total")?;
    if rows.iter().any(|r| r.unsafe_fixable > 0) {
        writeln!(out, "\n* fixable with --unsafe-fixes")?;
    }
    Ok(())
}
