//! The pipeline's stages, timed one by one: Markdown -> Document, each rule of the
//! default (`opinion`) policy, and rendering.
//!
//! ```text
//! cargo bench --bench pipeline                 # everything
//! cargo bench --bench pipeline -- check_rule   # one group (a name filter)
//! ```
//!
//! Cases run on the seed article (`fixtures/seed.md`) and on a fixed sample of the
//! benchmark corpus: every 100th Markdown file, in path order, of `../shared/corpus`
//! next to the repository (or of the folder `COPYDESK_CORPUS` names). Without a corpus
//! the corpus cases are skipped (shown as ignored) and the rest still run.
//!
//! A rule is timed through `lint::check_document` with a policy that extends `opinion`
//! and turns every other rule off; the `none` case (every rule off) is what any check
//! costs around the rules (the body's layout and the suppression audit), so a rule's own
//! cost is its time minus `none`'s. `scripts/bench.sh` times whole runs of the binary.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use copydesk::document::Document;
use copydesk::lint;
use copydesk::policy::Policy;
use copydesk::render::{self, FileReport, OutputFormat, RenderContext, Summary};
use copydesk::source::Source;
use divan::Bencher;
use divan::counter::BytesCount;
use pulldown_cmark::{Options, Parser};

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../fixtures/seed.md");

/// One file in this many of the corpus, in path order, makes the sample.
const SAMPLE_EVERY: usize = 100;

fn seed() -> &'static [Source] {
    static SEED_SOURCE: OnceLock<Vec<Source>> = OnceLock::new();
    SEED_SOURCE.get_or_init(|| vec![Source::new("fixtures/seed.md", SEED.to_string())])
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("COPYDESK_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    )
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The corpus sample, or `None` when there is no corpus (or it holds no article).
fn sample() -> Option<&'static [Source]> {
    static SAMPLE: OnceLock<Option<Vec<Source>>> = OnceLock::new();
    SAMPLE
        .get_or_init(|| {
            let dir = corpus_dir();
            if !dir.is_dir() {
                return None;
            }
            let mut paths: Vec<PathBuf> = ignore::WalkBuilder::new(&dir)
                .follow_links(false)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()))
                .map(ignore::DirEntry::into_path)
                .collect();
            paths.sort();
            let sources: Vec<Source> = paths
                .iter()
                .step_by(SAMPLE_EVERY)
                .filter_map(|p| {
                    let text = std::fs::read_to_string(p).ok()?;
                    Some(Source::new(p.display().to_string(), text))
                })
                .collect();
            (!sources.is_empty()).then_some(sources)
        })
        .as_deref()
}

fn no_corpus() -> bool {
    sample().is_none()
}

fn bytes(sources: &[Source]) -> BytesCount {
    BytesCount::new(sources.iter().map(|s| s.text.len()).sum::<usize>())
}

/// The options of `copydesk::document` (private there; keep the two equal).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

fn default_policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy::builtin("opinion").expect("the built-in policy compiles"))
}

/// `none`, each rule of the default policy, `all`.
fn rule_cases() -> Vec<String> {
    let mut cases = vec!["none".to_string()];
    cases.extend(default_policy().rules.iter().map(|r| r.id.clone()));
    cases.push("all".to_string());
    cases
}

/// The default policy with only `case` on (`none`: every rule off; `all`: as built in).
fn policy_for(case: &str) -> Policy {
    if case == "all" {
        return Policy::builtin("opinion").expect("the built-in policy compiles");
    }
    let mut text = String::from("extends = [\"opinion\"]\n");
    for rule in &default_policy().rules {
        if rule.id != case {
            text.push_str(&format!("\n[rules.{}]\nseverity = \"off\"\n", rule.id));
        }
    }
    Policy::from_text("bench.toml", None, text).expect("the single-rule policy compiles")
}

fn documents(sources: &'static [Source]) -> Vec<Document<'static>> {
    sources.iter().map(Document::parse).collect()
}

/// The floor: pulldown-cmark's offset iterator over the whole file, events counted.
mod markdown_events {
    use super::*;

    fn events(sources: &[Source]) -> usize {
        sources
            .iter()
            .map(|s| {
                Parser::new_ext(&s.text, options())
                    .into_offset_iter()
                    .map(divan::black_box)
                    .count()
            })
            .sum()
    }

    #[divan::bench]
    fn seed(bencher: Bencher) {
        let sources = super::seed();
        bencher.counter(bytes(sources)).bench(|| events(sources));
    }

    #[divan::bench(ignore = no_corpus(), sample_count = 30)]
    fn corpus_sample(bencher: Bencher) {
        let Some(sources) = sample() else { return };
        bencher.counter(bytes(sources)).bench(|| events(sources));
    }
}

/// Markdown -> Document: front matter, blocks, prose, sentences, links.
mod document_parse {
    use super::*;

    #[divan::bench]
    fn seed(bencher: Bencher) {
        let sources = super::seed();
        bencher
            .counter(bytes(sources))
            .bench(|| sources.iter().map(Document::parse).collect::<Vec<_>>());
    }

    #[divan::bench(ignore = no_corpus(), sample_count = 30)]
    fn corpus_sample(bencher: Bencher) {
        let Some(sources) = sample() else { return };
        bencher
            .counter(bytes(sources))
            .bench(|| sources.iter().map(Document::parse).collect::<Vec<_>>());
    }
}

/// `lint::check_document` on parsed Documents, one rule at a time (see the top).
mod check_rule {
    use super::*;

    fn check_all(policy: &Policy, docs: &[Document<'_>]) -> usize {
        docs.iter()
            .map(|d| lint::check_document(policy, d).diagnostics.len())
            .sum()
    }

    #[divan::bench(args = rule_cases())]
    fn seed(bencher: Bencher, case: &str) {
        let policy = policy_for(case);
        let docs = documents(super::seed());
        bencher.bench(|| check_all(&policy, &docs));
    }

    #[divan::bench(args = rule_cases(), ignore = no_corpus(), sample_count = 30)]
    fn corpus_sample(bencher: Bencher, case: &str) {
        let Some(sources) = sample() else { return };
        let policy = policy_for(case);
        let docs = documents(sources);
        bencher
            .counter(bytes(sources))
            .bench(|| check_all(&policy, &docs));
    }
}

/// Parse and check with the full default policy: what one file costs after reading.
mod check_source {
    use super::*;

    fn check(sources: &[Source]) -> usize {
        let policy = default_policy();
        sources
            .iter()
            .map(|s| lint::check_source(policy, s).len())
            .sum()
    }

    #[divan::bench]
    fn seed(bencher: Bencher) {
        let sources = super::seed();
        default_policy();
        bencher.counter(bytes(sources)).bench(|| check(sources));
    }

    #[divan::bench(ignore = no_corpus(), sample_count = 30)]
    fn corpus_sample(bencher: Bencher) {
        let Some(sources) = sample() else { return };
        default_policy();
        bencher.counter(bytes(sources)).bench(|| check(sources));
    }
}

/// Compiling the default policy (once per run, per configuration file).
#[divan::bench]
fn policy_compile() -> Policy {
    Policy::builtin("opinion").expect("the built-in policy compiles")
}

/// Rendering the seed article's findings.
mod render_seed {
    use super::*;

    fn reports() -> Vec<FileReport> {
        let source = Source::new("fixtures/seed.md", SEED.to_string());
        let diagnostics = lint::check_source(default_policy(), &source);
        vec![FileReport {
            source,
            diagnostics,
        }]
    }

    fn bench_format(bencher: Bencher, format: OutputFormat) {
        let reports = reports();
        let mut summary = Summary::default();
        for r in &reports {
            summary.add(r);
        }
        let cx = RenderContext::new(&reports, summary);
        let mut out = Vec::with_capacity(64 * 1024);
        bencher.bench_local(|| {
            out.clear();
            render::render(format, &cx, &mut out).expect("rendering to memory works");
            out.len()
        });
    }

    #[divan::bench]
    fn human(bencher: Bencher) {
        bench_format(bencher, OutputFormat::Human);
    }

    #[divan::bench]
    fn json(bencher: Bencher) {
        bench_format(bencher, OutputFormat::Json);
    }
}
