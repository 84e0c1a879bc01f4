//! Properties of the whole pipeline on generated Markdown-ish articles (front matter,
//! headings, paragraphs with figures, quotes, links and placeholders, lists, quotes,
//! code, suppressions, end matter): spans are sound, results do not depend on threads,
//! line endings or a byte order mark.

use crate::common::policy;
use crate::common::spans::assert_sound;
use copydesk::lint;
use copydesk::parallel::for_each_ordered;
use copydesk::source::Source;
use proptest::prelude::*;
use proptest::sample::select;

const WORDS: &[&str] = &[
    "The",
    "council",
    "approved",
    "the",
    "plan",
    "in",
    "May",
    "and",
    "voters",
    "were",
    "angry",
    "café",
    "Azerbaijan’s",
    "war",
    "😀",
    "naïve",
    "résumé",
    "very",
    "unique",
    "at",
    "this",
    "point",
    "in",
    "time",
    "TK",
    "lorem ipsum",
    "[citation needed]",
    "TODO",
    "XX",
    "`code TK`",
    "**bold**",
    "*emphasis*",
    "AT&amp;T",
    "—",
    "…",
    "2023",
    "on 13 November 2023",
    "at 5 p.m.",
];

const FIGURES: &[&str] = &[
    "42 people",
    "10%",
    "$1.5 million",
    "2,500",
    "a million",
    "613",
    "one in five",
    "3.5 percent",
    "€20bn",
];

const SOURCES: &[&str] = &[
    "according to the ministry",
    "the UN refugee agency said",
    "Reuters reported",
    "experts say",
    "[the report](https://example.org/report)",
    "[^1]",
];

const QUOTES: &[&str] = &[
    "\"It was a disaster,\" she said.",
    "“We will not stop,” he said.",
    "‘Never,’ they replied.",
    "\"Unclosed quote",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(select(WORDS), 1..10),
        prop::option::of(select(FIGURES)),
        prop::option::of(select(SOURCES)),
        prop::option::of(select(QUOTES)),
        select(&[".", "!", "?", ""][..]),
    )
        .prop_map(|(words, figure, source, quote, end)| {
            let mut s = words.join(" ");
            if let Some(f) = figure {
                s.push(' ');
                s.push_str(f);
            }
            if let Some(src) = source {
                s.push_str(", ");
                s.push_str(src);
            }
            s.push_str(end);
            if let Some(q) = quote {
                s.push(' ');
                s.push_str(q);
            }
            s
        })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => paragraph(),
        1 => (1..7usize, paragraph()).prop_map(|(n, p)| format!("{} {p}", "#".repeat(n))),
        1 => (select(&["- ", "* ", "1. "][..]), prop::collection::vec(sentence(), 1..4))
            .prop_map(|(marker, items)| items
                .iter()
                .map(|i| format!("{marker}{i}"))
                .collect::<Vec<_>>()
                .join("\n")),
        1 => (1..4usize, paragraph()).prop_map(|(n, p)| format!("{} {p}", ">".repeat(n))),
        1 => paragraph().prop_map(|p| format!("- item\n  > {p}\n  - nested {p}")),
        1 => paragraph().prop_map(|p| format!("```\n{p}\n```")),
        1 => paragraph().prop_map(|p| format!("    {p}")),
        1 => select(&[
            "<!-- copydesk-disable-next-line unattributed-figure -- our survey -->",
            "<!-- copydesk-disable placeholder -->",
            "<!-- copydesk-enable -->",
            "<!-- copydesk-disable-file boilerplate -->",
            "<!-- copydesk-disable-nextline placeholder -->",
            "<!-- copydesk-disable-next-line no-such-rule -->",
            "<!-- a comment -->",
            "<div>TK</div>",
        ][..]).prop_map(str::to_string),
        1 => select(&[
            "The views expressed in this article are the author's own and do not necessarily reflect the publication's editorial policy.",
            "The views expressed in this article are the author’s own and do not necessarily reflect Fair Observer’s editorial policy.",
            "[Jo Blake edited this piece.]",
            "*[Cheyenne Torres edited this piece.]*",
            "Related Reading",
            "Support Fair Observer",
            "| a | b |\n|---|---|\n| 42 people | TK |",
            "[^1]: According to the census.",
            "---",
        ][..]).prop_map(str::to_string),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    select(&[
        "",
        "---\ntitle: A title\nauthor: A. Writer\ndate: 2023-11-13\nsection: opinion\neditor: Jo Blake\n---\n",
        "---\ntitle: T\ndate: 2023-13-45\n---\n",
        "---\ntitle: [unclosed\n---\n",
        "+++\ntitle = \"T\"\nauthor = \"A\"\ndate = 2023-11-13\nsection = \"opinion\"\n+++\n",
        "+++\ntitle = \n+++\n",
        "---\ntitle: never closed\n",
    ][..])
    .prop_map(str::to_string)
}

/// A Markdown-ish article, with LF line endings.
fn article() -> impl Strategy<Value = String> {
    (
        front_matter(),
        prop::collection::vec(block(), 0..10),
        any::<bool>(),
    )
        .prop_map(|(fm, blocks, newline)| {
            let mut text = fm;
            text.push_str(&blocks.join("\n\n"));
            if newline {
                text.push('\n');
            }
            text
        })
}

/// What a person sees of a finding: rule, where it starts and ends, what it says.
fn seen(text: &str) -> Vec<(String, usize, usize, usize, usize, String)> {
    let source = Source::new("a.md", text.to_string());
    lint::check_source(policy(), &source)
        .into_iter()
        .map(|d| {
            let (s, e) = (source.position(d.span.start), source.position(d.span.end));
            (d.rule, s.line, s.column, e.line, e.column, d.message)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn spans_lie_inside_the_file_and_positions_agree(text in article(), crlf in any::<bool>(), bom in any::<bool>()) {
        let mut text = if crlf { text.replace('\n', "\r\n") } else { text };
        if bom {
            text.insert(0, '\u{feff}');
        }
        let source = Source::new("a.md", text);
        let checked = lint::check_source_full(policy(), &source);
        assert_sound("generated article", &source, &checked.diagnostics);
        assert_sound("generated article", &source, &checked.suppressed);
    }

    #[test]
    fn crlf_gives_the_same_findings_as_lf(text in article()) {
        let lf = seen(&text);
        let crlf = seen(&text.replace('\n', "\r\n"));
        prop_assert_eq!(lf, crlf);
    }

    #[test]
    fn a_byte_order_mark_changes_nothing(text in article()) {
        let plain = seen(&text);
        let bom = seen(&format!("\u{feff}{text}"));
        prop_assert_eq!(plain, bom);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn findings_do_not_depend_on_the_number_of_threads(texts in prop::collection::vec(article(), 1..12)) {
        let run = |threads: usize| {
            let mut out = Vec::new();
            for_each_ordered(
                &texts,
                threads,
                |text| {
                    let source = Source::new("a.md", text.clone());
                    lint::check_source_full(policy(), &source).diagnostics
                },
                |d| out.push(d),
            );
            out
        };
        let one = run(1);
        prop_assert_eq!(&one, &run(3));
        prop_assert_eq!(one.len(), texts.len());
    }
}

proptest! {
    // Through the binary: a handful of cases, each two runs.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn the_report_is_identical_with_one_and_three_threads(texts in prop::collection::vec(article(), 2..10)) {
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("a{i:02}.md")), text).unwrap();
        }
        let run = |threads: &str| {
            assert_cmd::Command::cargo_bin("copydesk")
                .unwrap()
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .args(["check", "--isolated", "--format", "json", "--threads", threads, "."])
                .output()
                .unwrap()
        };
        let (one, three) = (run("1"), run("3"));
        prop_assert_eq!(one.status.code(), three.status.code());
        prop_assert_eq!(String::from_utf8_lossy(&one.stdout), String::from_utf8_lossy(&three.stdout));
        prop_assert!(one.stdout.first() == Some(&b'{'), "not a JSON document");
    }
}
