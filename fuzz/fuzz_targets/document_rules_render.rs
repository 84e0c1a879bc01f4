//! Bytes -> Source -> Document -> every rule of the default policy -> every output
//! format. Nothing may panic; every span lies within the text on character boundaries;
//! positions agree with counting; the machine-readable formats parse.

#![no_main]

mod common;

use clap::ValueEnum;
use copydesk::lint;
use copydesk::render::{self, FileReport, OutputFormat, RenderContext, RuleMeta, Summary};
use copydesk::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let policy = common::policy();
    let source = Source::new("fuzz/article.md", common::text_of(data));
    let checked = lint::check_source_full(policy, &source);
    common::check_spans(&source, &checked.diagnostics);
    common::check_spans(&source, &checked.suppressed);

    let report = FileReport {
        source,
        diagnostics: checked.diagnostics,
    };
    let reports = [report];
    let mut summary = Summary::default();
    summary.add(&reports[0]);
    let rules = policy
        .rules
        .iter()
        .map(|r| RuleMeta {
            id: r.id.clone(),
            kind: r.kind.name.to_string(),
            severity: r.severity,
            summary: r.summary.clone(),
            help: r.texts.help.clone(),
            doc: r.kind.doc,
        })
        .collect();
    let cx = RenderContext {
        rules,
        ..RenderContext::new(&reports, summary)
    };
    for &format in OutputFormat::value_variants() {
        let mut out = Vec::new();
        if let Err(e) = render::render(format, &cx, &mut out) {
            panic!("{format:?}: writing to memory failed: {e}");
        }
        if format.streams() {
            // Written file by file, the report is the same as written at once.
            let mut stream = render::Stream::new(format);
            let mut streamed = Vec::new();
            for report in cx.reports {
                let written = stream.file(&cx, report, &mut streamed);
                assert!(written.is_ok(), "{format:?}: Stream::file failed");
            }
            assert!(stream.end(&cx.summary, &mut streamed).is_ok());
            assert!(streamed == out, "{format:?}: streamed output differs");
        }
        let Ok(out) = String::from_utf8(out) else {
            panic!("{format:?}: the output is not UTF-8");
        };
        match format {
            OutputFormat::Json
            | OutputFormat::Sarif
            | OutputFormat::Gitlab
            | OutputFormat::Rdjson => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
                    panic!("{format:?}: invalid JSON: {e}\n{out}");
                }
            }
            OutputFormat::JsonLines => {
                for line in out.lines() {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(line) {
                        panic!("json-lines: invalid JSON line: {e}\n{line}");
                    }
                }
            }
            OutputFormat::Junit => {
                if let Err(e) = roxmltree::Document::parse(&out) {
                    panic!("junit: invalid XML: {e}\n{out}");
                }
            }
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Github => {}
        }
    }
});
