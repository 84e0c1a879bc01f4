//! SARIF 2.1.0, the OASIS Static Analysis Results Interchange Format
//! (<https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>).
//!
//! Read by GitHub code scanning (`github/codeql-action/upload-sarif`, see
//! <https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning>),
//! by SARIF viewers in editors, and by security dashboards that collect the output of
//! many tools. The output validates against the official schema
//! (`tests/data/sarif-schema-2.1.0.json`; the test suite checks it).
//!
//! One run: `tool.driver` describes copydesk and every rule of the policies used (id,
//! summary, the kind's description, help, default level); each finding is a `result`
//! with its rule, level, message and region, the secondary labels as
//! `relatedLocations`, and a fix, where it has one, as `fixes`.
//!
//! Positions: lines and columns are 1-based and columns count Unicode code points
//! (`columnKind: unicodeCodePoints`); `endColumn` is the column just past the region.
//! `charOffset`/`charLength` count code points from the start of the file's content; a
//! UTF-8 byte order mark is not counted, as it is not a column either. URIs are relative
//! to the repository root (`uriBaseId: SRCROOT`, given in `originalUriBaseIds`),
//! percent-encoded, with `/` between names.
//!
//! Levels: error → `error`, warning → `warning`, info → `note`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{REPOSITORY_URL, RenderContext, RuleMeta, SRCROOT, fingerprint};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{CharCursor, PositionCursor, Source};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, RootLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: String,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    /// The rule kind, e.g. `figure-attribution`.
    kind: &'a str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    /// False when some inputs could not be checked (they are reported on stderr).
    execution_successful: bool,
}

#[derive(Serialize)]
struct RootLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    char_offset: usize,
    char_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// `safe`, `unsafe` or `display-only`, as in the `json` format.
    applicability: crate::diagnostic::Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: InsertedContent<'a>,
}

#[derive(Serialize)]
struct InsertedContent<'a> {
    text: &'a str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

/// `unattributed-figure` -> `UnattributedFigure`: SARIF's readable rule name.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

fn rule(meta: &RuleMeta) -> Rule<'_> {
    let summary = if meta.summary.is_empty() {
        meta.description()
    } else {
        meta.summary.clone()
    };
    let help_text = if meta.help.is_empty() {
        summary.clone()
    } else {
        meta.help.clone()
    };
    let markdown = if meta.help.is_empty() {
        meta.doc.trim_end().to_string()
    } else {
        format!("{}\n\n{}", meta.help, meta.doc.trim_end())
    };
    Rule {
        id: &meta.id,
        name: pascal_case(&meta.id),
        short_description: Text {
            text: summary.into(),
        },
        full_description: Text {
            text: meta.description().into(),
        },
        help: Help {
            text: help_text,
            markdown,
        },
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: RuleProperties { kind: &meta.kind },
    }
}

/// Byte offsets to SARIF regions for one file.
struct Regions<'s> {
    source: &'s Source,
    starts: PositionCursor<'s>,
    ends: PositionCursor<'s>,
    chars: CharCursor<'s>,
}

impl<'s> Regions<'s> {
    fn new(source: &'s Source) -> Self {
        Self {
            source,
            starts: source.cursor(),
            ends: source.cursor(),
            chars: source.char_cursor(),
        }
    }

    fn char_length(&self, span: &std::ops::Range<usize>) -> usize {
        let content = self.source.content_start();
        self.source
            .text
            .get(span.start.max(content)..span.end.max(content))
            .map_or(0, |t| t.chars().count())
    }

    /// Lines, columns and characters.
    fn region(&mut self, span: &std::ops::Range<usize>) -> Region {
        let (start, end) = (self.starts.at(span.start), self.ends.at(span.end));
        Region {
            start_line: Some(start.line),
            start_column: Some(start.column),
            end_line: Some(end.line),
            end_column: Some(end.column),
            char_offset: self.chars.at(span.start),
            char_length: self.char_length(span),
        }
    }

    /// Characters only: a fix's deleted region.
    fn chars_only(&mut self, span: &std::ops::Range<usize>) -> Region {
        Region {
            start_line: None,
            start_column: None,
            end_line: None,
            end_column: None,
            char_offset: self.chars.at(span.start),
            char_length: self.char_length(span),
        }
    }
}

fn result<'a>(
    cx: &RenderContext<'_>,
    artifact: &ArtifactLocation,
    regions: &mut Regions<'_>,
    d: &'a Diagnostic,
    fingerprint: String,
) -> SarifResult<'a> {
    let physical = |regions: &mut Regions<'_>, span| PhysicalLocation {
        artifact_location: artifact.clone(),
        region: regions.region(span),
    };
    let primary = Location {
        id: None,
        physical_location: physical(regions, &d.span),
        message: None,
    };
    let related_locations = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| Location {
            id: Some(i),
            physical_location: physical(regions, &label.span),
            message: Some(Text {
                text: label.message.as_str().into(),
            }),
        })
        .collect();
    let fixes = d
        .fix
        .iter()
        .map(|fix| Fix {
            description: Text {
                text: fix.title.as_str().into(),
            },
            artifact_changes: [ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: regions.chars_only(&edit.range),
                        inserted_content: InsertedContent {
                            text: &edit.replacement,
                        },
                    })
                    .collect(),
            }],
            properties: FixProperties {
                applicability: fix.applicability,
            },
        })
        .collect();
    SarifResult {
        rule_id: &d.rule,
        rule_index: cx.rule_index(&d.rule),
        level: level(d.severity),
        message: Text {
            text: d.message.as_str().into(),
        },
        locations: [primary],
        related_locations,
        partial_fingerprints: BTreeMap::from([("copydesk/v1", fingerprint)]),
        fixes,
    }
}

pub(super) fn render(cx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut results = Vec::new();
    for report in cx.reports {
        let uri = cx.locator.uri(&report.source.path);
        let artifact = ArtifactLocation {
            uri: uri.uri,
            uri_base_id: uri.base,
        };
        let prints = fingerprint::of_file(report, &cx.locator);
        let mut regions = Regions::new(&report.source);
        for (d, print) in report.diagnostics.iter().zip(prints) {
            results.push(result(cx, &artifact, &mut regions, d, print));
        }
    }
    let mut original_uri_base_ids = BTreeMap::new();
    if let Some(root) = cx.locator.root_uri() {
        original_uri_base_ids.insert(SRCROOT, RootLocation { uri: root });
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "copydesk",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: REPOSITORY_URL,
                    rules: cx.rules.iter().map(rule).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: cx.summary.unchecked == 0,
            }],
            original_uri_base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Edit, Fix};
    use crate::render::{FileReport, Locator, Summary};

    /// Renders, and checks the log against the official schema.
    fn sarif(reports: &[FileReport]) -> serde_json::Value {
        let mut cx = RenderContext::new(reports, Summary::default());
        cx.locator = Locator::new("/repo", "/repo/articles");
        let mut out = Vec::new();
        render(&cx, &mut out).unwrap();
        let log = serde_json::from_slice(&out).unwrap();
        let schema = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/sarif-schema-2.1.0.json"
        ))
        .unwrap();
        let validator = jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        log
    }

    #[test]
    fn fix_is_a_replacement_of_characters() {
        // "é" is two bytes, one character; the BOM is not counted.
        let text = "\u{feff}Café TK here.\n";
        let start = text.find("TK").unwrap();
        let mut d = Diagnostic::new("placeholder `TK`", start..start + 2);
        d.rule = "placeholder".into();
        d.severity = Severity::Error;
        d.fix = Some(Fix {
            title: "replace `TK` with `nine`".into(),
            applicability: Applicability::Unsafe,
            edits: vec![Edit {
                range: start..start + 2,
                replacement: "nine".into(),
            }],
        });
        let reports = [FileReport {
            source: Source::new("my draft.md", text.to_string()),
            diagnostics: vec![d],
        }];
        let log = sarif(&reports);
        let result = &log["runs"][0]["results"][0];
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "articles/my%20draft.md"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], "SRCROOT");
        let region = &location["region"];
        assert_eq!(region["startLine"], 1);
        assert_eq!(region["startColumn"], 6);
        assert_eq!(region["endColumn"], 8);
        assert_eq!(region["charOffset"], 5);
        assert_eq!(region["charLength"], 2);
        let fix = &result["fixes"][0];
        assert_eq!(fix["description"]["text"], "replace `TK` with `nine`");
        assert_eq!(fix["properties"]["applicability"], "unsafe");
        let replacement = &fix["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["deletedRegion"]["charOffset"], 5);
        assert_eq!(replacement["deletedRegion"]["charLength"], 2);
        assert_eq!(replacement["insertedContent"]["text"], "nine");
        assert_eq!(
            fix["artifactChanges"][0]["artifactLocation"]["uri"],
            "articles/my%20draft.md"
        );
        assert_eq!(
            log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"],
            "file:///repo/"
        );
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    }

    #[test]
    fn secondary_labels_are_related_locations() {
        let text = "---\neditor: Ann\n---\n\n[Bob edited this piece.]\n";
        let name = text.find("Bob").unwrap();
        let key = text.find("Ann").unwrap();
        let mut d = Diagnostic::new("the credit names Bob", name..name + 3)
            .with_secondary(key..key + 3, "the front matter's editor");
        d.rule = "editor-credit".into();
        let reports = [FileReport {
            source: Source::new("a.md", text.to_string()),
            diagnostics: vec![d],
        }];
        let log = sarif(&reports);
        let related = &log["runs"][0]["results"][0]["relatedLocations"][0];
        assert_eq!(related["message"]["text"], "the front matter's editor");
        assert_eq!(related["physicalLocation"]["region"]["startLine"], 2);
        assert_eq!(related["physicalLocation"]["region"]["startColumn"], 9);
    }

    #[test]
    fn pascal_case_names() {
        assert_eq!(pascal_case("unattributed-figure"), "UnattributedFigure");
        assert_eq!(pascal_case("disclaimer"), "Disclaimer");
    }
}
