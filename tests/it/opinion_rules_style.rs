//! The house-style rules of the `opinion` pack (numbers, links, headings, spelling and
//! terms, preferred terms, typography, length, acronyms): what each reports on real
//! sentences, the exact findings on the seed article, and the fixes they attach, applied
//! to the text (a fix must give the expected text, and fixing twice changes nothing).

use copydesk::diagnostic::{Applicability, Diagnostic, Fix};
use copydesk::lint::check_source;
use copydesk::policy::Policy;
use copydesk::source::Source;
use serde_json::Value;

use crate::common::{output_of, policy};

/// The findings of one rule on a text.
fn findings(policy: &Policy, rule: &str, text: &str) -> Vec<Diagnostic> {
    check_source(policy, &Source::new("t.md", text.to_string()))
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// The words each finding of a rule points at.
fn flagged(policy: &Policy, rule: &str, text: &str) -> Vec<String> {
    findings(policy, rule, text)
        .iter()
        .map(|d| text[d.span.clone()].to_string())
        .collect()
}

/// Applies the edits of several fixes; they must not overlap.
fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut edits: Vec<_> = fixes.iter().flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| e.range.start);
    for pair in edits.windows(2) {
        assert!(
            pair[0].range.end <= pair[1].range.start,
            "overlapping edits {:?} and {:?}",
            pair[0],
            pair[1]
        );
    }
    let mut out = text.to_string();
    for e in edits.iter().rev() {
        out.replace_range(e.range.clone(), &e.replacement);
    }
    out
}

/// Applies every fix of `rule` with the given applicability and checks the result; then
/// checks again: fixing twice changes nothing.
fn assert_fix(
    policy: &Policy,
    rule: &str,
    applicability: Applicability,
    before: &str,
    after: &str,
) {
    let found = findings(policy, rule, before);
    let fixes: Vec<&Fix> = found
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == applicability)
        .collect();
    assert!(
        !fixes.is_empty(),
        "{rule}: no {applicability:?} fix for {before:?}"
    );
    let fixed = apply(before, &fixes);
    assert_eq!(fixed, after, "{rule}: fixing {before:?}");
    let again = findings(policy, rule, &fixed);
    let more: Vec<&Fix> = again
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == applicability)
        .collect();
    assert_eq!(
        apply(&fixed, &more),
        fixed,
        "{rule}: a second fix changed {fixed:?}"
    );
}

/// (rule, line, column) of the seed's findings of the given rules, from the binary (run
/// once per test binary: see [`output_of`]).
fn seed_findings(rules: &[&str]) -> Vec<(String, u64, u64)> {
    let out = output_of(&[
        "check",
        "--isolated",
        "--format",
        "json",
        "fixtures/seed.md",
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    doc["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| rules.contains(&d["rule"].as_str().unwrap_or_default()))
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn f(rule: &str, line: u64, column: u64) -> (String, u64, u64) {
    (rule.to_string(), line, column)
}

#[test]
fn seed_numerals() {
    assert_eq!(seed_findings(&["numerals"]), [f("numerals", 41, 230)]);
    let p = policy();
    let text = std::fs::read_to_string("fixtures/seed.md").unwrap();
    let found = findings(p, "numerals", &text);
    assert_eq!(&text[found[0].span.clone()], "4");
    assert_eq!(&text[found[0].labels[0].span.clone()], "two");
    assert!(found[0].message.contains("`two`"), "{}", found[0].message);
}

#[test]
fn numerals_what_is_reported() {
    let p = policy();
    let cases: &[(&str, &[&str])] = &[
        (
            "A landmine explosion killed 4 police officers and two civilians.\n",
            &["4"],
        ),
        (
            "The committee met 3 times; it heard 2 witnesses.\n",
            &["3", "2"],
        ),
        (
            "The blast destroyed fifteen houses and twenty-five shops.\n",
            &["fifteen", "twenty-five"],
        ),
        ("12 soldiers were wounded.\n", &["12"]),
        ("64% of voters stayed home.\n", &["64%"]),
        // Figures are the style for these.
        ("Turnout rose 4% and 4 million voters got $5 each.\n", &[]),
        (
            "A 4-year-old and a girl aged 7 fled at 4 p.m. on 3 May.\n",
            &[],
        ),
        ("See page 4, Article 2, version 3 and Windows 10.\n", &[]),
        (
            "The vote was 5-4; 4 to 12 people came; 1 in 5 agreed.\n",
            &[],
        ),
        ("He ran 5 km with 3 GB of photos at 4 mph.\n", &[]),
        (
            "Add 1 to the total; the scale goes from 0 to 1, where 1 is best.\n",
            &[],
        ),
        ("Call +353 1 200 1800 or see notes [3](#n3).\n", &[]),
        ("Run the 01 Build workflow of a 501(c)3 group.\n", &[]),
        (
            "Fifteen people died. The Group of Twenty met; twenty thousand marched.\n",
            &[],
        ),
        ("2020 was hard. 1.81 stabilizes the trait.\n", &[]),
        ("- 3 eggs\n- 12 spoons\n", &["3"]),
        ("Use `4 workers` in code.\n", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(flagged(p, "numerals", text), *expected, "{text}");
    }
}

#[test]
fn numerals_fixes() {
    let p = policy();
    assert_fix(
        p,
        "numerals",
        Applicability::Safe,
        "A landmine explosion killed 4 police officers and two civilians.\n",
        "A landmine explosion killed four police officers and two civilians.\n",
    );
    assert_fix(
        p,
        "numerals",
        Applicability::Safe,
        "12 soldiers saw fifteen houses burn.\n",
        "Twelve soldiers saw 15 houses burn.\n",
    );
    // Inside a quotation the edit changes someone's words: unsafe.
    assert_fix(
        p,
        "numerals",
        Applicability::Unsafe,
        "“We lost 3 men,” he said.\n",
        "“We lost three men,” he said.\n",
    );
    // Through markup the figure is edited in place.
    assert_fix(
        p,
        "numerals",
        Applicability::Safe,
        "It took *3 days* and **2** weeks.\n",
        "It took *three days* and **two** weeks.\n",
    );
}

#[test]
fn link_hygiene_what_is_reported() {
    let p = policy();
    let messages = |text: &str| -> Vec<String> {
        findings(p, "link-hygiene", text)
            .iter()
            .map(|d| format!("{} @ {}", d.message, &text[d.span.clone()]))
            .collect()
    };
    assert_eq!(
        messages("Read [it](http://www.unhcr.org/a) and [this](https://bit.ly/3xYz).\n"),
        [
            "link over http, not https: `http://www.unhcr.org/a` @ http://www.unhcr.org/a",
            "link through a URL shortener: `https://bit.ly/3xYz` @ https://bit.ly/3xYz",
        ]
    );
    assert_eq!(
        messages(
            "See [a](https://example.com/x), [b](#), [c]() and [d](http://localhost:3000/).\n"
        ),
        [
            "placeholder link: `https://example.com/x` @ https://example.com/x",
            "placeholder link: `#` @ #",
            "placeholder link: `` @ [c]()",
            "placeholder link: `http://localhost:3000/` @ http://localhost:3000/",
        ]
    );
    assert_eq!(
        messages(
            "Go to https://www.unhcr.org/report. Or www.unhcr.org, or [](https://unhcr.org).\n"
        ),
        [
            "bare URL in the text: `https://www.unhcr.org/report` @ https://www.unhcr.org/report",
            "bare URL in the text: `www.unhcr.org` @ www.unhcr.org",
            "link with no text: `https://unhcr.org` @ [](https://unhcr.org)",
        ]
    );
    // Fine: autolinks, a link named by its URL, local http, anchors, mail, an image
    // link, a reference-style link, code, template tags.
    for text in [
        "See <https://www.unhcr.org/report>.\n",
        "See [https://unhcr.org](https://unhcr.org) and [notes](#notes).\n",
        "Open [the app](/app/) or write to [us](mailto:desk@fo.com).\n",
        "[<img src=\"a.png\">](https://unhcr.org) and [![logo](a.png)](https://unhcr.org)\n",
        "Read [the report][r].\n\n[r]: https://www.unhcr.org/report\n",
        "Run `curl http://example.com/?utm_source=x`.\n",
        "{{< youtube src=\"https://www.youtube.com/watch?v=1\" >}}\n",
    ] {
        assert_eq!(messages(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn link_hygiene_removes_tracking_parameters() {
    let p = policy();
    let safe = Applicability::Safe;
    assert_fix(
        p,
        "link-hygiene",
        safe,
        "[a](https://unhcr.org/r?utm_source=tw&utm_medium=social)\n",
        "[a](https://unhcr.org/r)\n",
    );
    assert_fix(
        p,
        "link-hygiene",
        safe,
        "[a](https://unhcr.org/r?utm_source=tw&id=4&fbclid=x1&gclid=y#top)\n",
        "[a](https://unhcr.org/r?id=4#top)\n",
    );
    assert_fix(
        p,
        "link-hygiene",
        safe,
        "[a](https://unhcr.org/r?id=4&UTM_campaign=z&page=2 \"Title\")\n",
        "[a](https://unhcr.org/r?id=4&page=2 \"Title\")\n",
    );
    // A reference definition elsewhere: reported, but the edit is not guessed.
    let text = "Read [it][r].\n\n[r]: https://unhcr.org/?utm_source=x\n";
    let found = findings(p, "link-hygiene", text);
    assert_eq!(found.len(), 1);
    assert!(found[0].fix.is_none());
}

#[test]
fn heading_style_what_is_reported() {
    let p = policy();
    let messages = |text: &str| -> Vec<String> {
        findings(p, "heading-style", text)
            .iter()
            .map(|d| format!("{} @ {}", d.message, &text[d.span.clone()]))
            .collect()
    };
    let body = "The Minsk Group met in Paris with Armenia’s envoy. The talks failed.\n\n";
    assert_eq!(
        messages(&format!(
            "{body}## Armenia Undermines the Minsk Group’s Peace Efforts\n"
        )),
        [
            "subheading not in sentence case: `Armenia Undermines the Minsk Group’s Peace Efforts` @ Undermines"
        ]
    );
    assert_eq!(
        messages(&format!("{body}## What comes next.\n")),
        ["subheading ends with a period @ ."]
    );
    assert_eq!(
        messages(&format!(
            "---\ntitle: Peace\n---\n# Peace\n\n{body}### A detail\n"
        )),
        [
            "level-1 heading in the body, but the title is in the front matter: `Peace` @ Peace",
            "subheading of level 3 right after level 1: level 2 is skipped @ A detail",
        ]
    );
    assert_eq!(
        messages(&format!("---\ntitle: Peace\n---\n{body}### A detail\n")),
        ["subheading of level 3 right after level 1: level 2 is skipped @ A detail"]
    );
    for text in [
        format!("{body}## Paris and the Minsk Group: A new start for NATO in the U.S.\n"),
        format!("{body}## Why now? The road to “Total Peace” on Monday\n"),
        format!("{body}## Plan B for GitHub and COVID-19 in 2023\n\n### Step 1\n"),
        format!("# Peace\n\n{body}## The road ahead\n"),
        format!("{body}> ## A Quoted Heading.\n"),
        format!("{body}## Where next...\n\n## Acme Inc.\n"),
    ] {
        assert_eq!(messages(&text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn heading_style_fixes() {
    let p = policy();
    assert_fix(
        p,
        "heading-style",
        Applicability::Safe,
        "The talks failed.\n\n## What comes *next*.\n",
        "The talks failed.\n\n## What comes *next*\n",
    );
    // The change of case is a suggestion: the words may be names after all.
    assert_fix(
        p,
        "heading-style",
        Applicability::DisplayOnly,
        "Armenia signed.\n\n## Armenia Undermines Peace Efforts\n",
        "Armenia signed.\n\n## Armenia undermines peace efforts\n",
    );
}

#[test]
fn seed_term_consistency() {
    // The seed calls the same people Azeris (line 23) and then Azerbaijanis.
    assert_eq!(
        seed_findings(&["term-consistency", "spelling-consistency"]),
        [
            f("term-consistency", 25, 70),
            f("term-consistency", 25, 182),
            f("term-consistency", 33, 148),
            f("term-consistency", 45, 302),
        ]
    );
}

#[test]
fn consistency_what_is_reported() {
    let p = policy();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "spelling-consistency",
            "The colours faded. Its colors, coloured and colored, were recognised and recognized.\n",
            &["colors", "colored", "recognized"],
        ),
        (
            "spelling-consistency",
            "The centre held; the center was centred and centered in the organisation’s organization.\n",
            &["center", "centered", "organization"],
        ),
        // Names keep their spelling; "analyses" and "central" are not forms of
        // "analyse" or "centre"; a word inside a longer word is not a form.
        (
            "spelling-consistency",
            "The defense of the Ministry of Defence and the Labour Party: labor analyses, central colorize.\n",
            &[],
        ),
        // The first form outside quotations wins.
        (
            "spelling-consistency",
            "“The colours are back,” she said. The colors were restored; the colours too.\n",
            &["colours", "colours"],
        ),
        (
            "term-consistency",
            "The Nagorno-Karabakh war ended. Karabakh’s towns and Nagorno Karabakh are quiet.\n",
            &["Karabakh", "Nagorno Karabakh"],
        ),
        (
            "term-consistency",
            "Azeris and azeri cooking; Azerbaijan’s Azeris.\n",
            &[],
        ),
    ];
    for (rule, text, expected) in cases {
        assert_eq!(flagged(p, rule, text), *expected, "{rule}: {text}");
    }
}

#[test]
fn consistency_house_variety_and_fixes() {
    let p = policy();
    assert_fix(
        p,
        "spelling-consistency",
        Applicability::Safe,
        "The colours faded. Colors, coloured, recognising organisations. They recognize organizations.\n",
        "The colours faded. Colours, coloured, recognising organisations. They recognise organisations.\n",
    );
    // Inside a quotation the same change is unsafe.
    assert_fix(
        p,
        "spelling-consistency",
        Applicability::Unsafe,
        "The colors faded. “The colours are gone,” she said.\n",
        "The colors faded. “The colors are gone,” she said.\n",
    );
    assert_fix(
        p,
        "term-consistency",
        Applicability::Unsafe,
        "Many Azeris left. Azerbaijanis returned.\n",
        "Many Azeris left. Azeris returned.\n",
    );
    // A publication that names its variety: every other form is reported, with the
    // message that names both varieties.
    let house = Policy::from_text(
        "copydesk.toml",
        None,
        "[rules.spelling-consistency]\nprefer = \"US\"\n".to_string(),
    )
    .unwrap();
    let found = findings(
        &house,
        "spelling-consistency",
        "The colours faded and the centre held.\n",
    );
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`colours` is the UK spelling; the house spells it `colors` (US)",
            "`centre` is the UK spelling; the house spells it `center` (US)",
        ]
    );
}

#[test]
fn preferred_term_what_is_reported() {
    let p = policy();
    let cases: &[(&str, &[&str])] = &[
        (
            "We utilized the funds in order\nto rebuild Kiev, prior to the vote.\n",
            &["utilized", "in order\nto", "Kiev", "prior to"],
        ),
        (
            "In order to win, they moved. Whilst here, amongst friends.\n",
            &["In order to", "Whilst", "amongst"],
        ),
        // Names, exceptions, words inside words, code, template tags.
        (
            "The Prior To Project; chicken Kiev; the Kievan Rus; reutilized; `utilize`.\n",
            &[],
        ),
        ("{{< img alt=\"Kiev at night\" >}}\n", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(flagged(p, "preferred-term", text), *expected, "{text}");
    }
}

#[test]
fn preferred_term_fixes() {
    let p = policy();
    assert_fix(
        p,
        "preferred-term",
        Applicability::Safe,
        "In order to help, they will utilize it in Kiev.\n",
        "To help, they will use it in Kyiv.\n",
    );
    assert_fix(
        p,
        "preferred-term",
        Applicability::Unsafe,
        "“We came in order to help,” she said.\n",
        "“We came to help,” she said.\n",
    );
    // Across a line break the words are replaced as a whole.
    assert_fix(
        p,
        "preferred-term",
        Applicability::Safe,
        "They came in order\nto help.\n",
        "They came to help.\n",
    );
    // Split by markup: reported without a fix.
    let found = findings(p, "preferred-term", "They came in *order* to help.\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].fix.is_none());
}

#[test]
fn typography_what_is_reported() {
    let p = policy();
    let cases: &[(&str, &[&str])] = &[
        (
            "From 1990-1995, pages 10-20 and the 2019-20 season.\n",
            &["-", "-", "-"],
        ),
        // Not ranges: scores, phone numbers, dates, chains, codes, names, times.
        (
            "It ended 3-2 and 4-4; call 555-1234 or 1-800-555-0100 on 2020-01-05 about \
             COVID-19, the F-16, ISBN 978-3-16-148410-0, ZIP 20500-0001, NSF 12-101, 10:30-11:00.\n",
            &[],
        ),
        (
            "The truce held - for a while -- and then--nothing.\n",
            &[" - ", " -- ", "--"],
        ),
        (
            "It was 10 - 3; run `a - b`; <!-- x -->; the ---- rule.\n",
            &[],
        ),
        ("The truce held.  Then   it broke.\n", &["  "]),
    ];
    for (text, expected) in cases {
        assert_eq!(flagged(p, "typography", text), *expected, "{text}");
    }
    // Quotes: the minority style is reported, one finding per paragraph.
    let text = "It’s “over,” he said.\n\nShe’s sure it's not \"over\".\n\nThey’re gone.\n";
    let found = findings(p, "typography", text);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "straight quotes or apostrophes in a piece set with curly ones"
    );
    assert_eq!(found[0].labels.len(), 2);
    // Primes are not quotes; one style alone is fine.
    assert!(findings(p, "typography", "He is 5'10\" tall. It's \"fine\".\n").is_empty());
}

#[test]
fn typography_fixes() {
    let p = policy();
    let safe = Applicability::Safe;
    assert_fix(
        p,
        "typography",
        safe,
        "From 1990-1995 - and pages 10-20.  Then--nothing.\n",
        "From 1990–1995 — and pages 10–20. Then — nothing.\n",
    );
    assert_fix(
        p,
        "typography",
        safe,
        "It’s “over,” he said. It’s “done.” She's sure it's \"over.\"\n",
        "It’s “over,” he said. It’s “done.” She’s sure it’s “over.”\n",
    );
    assert_fix(
        p,
        "typography",
        safe,
        "It's \"over,\" he said. It's \"done\". She’s sure.\n",
        "It's \"over,\" he said. It's \"done\". She's sure.\n",
    );
    // A straight quote that opens a word may be an apostrophe ('90s): unsafe.
    assert_fix(
        p,
        "typography",
        Applicability::Unsafe,
        "It’s “over.” It’s the ’80s. The '90s.\n",
        "It’s “over.” It’s the ’80s. The ‘90s.\n",
    );
}

#[test]
fn seed_lengths() {
    assert_eq!(
        seed_findings(&[
            "length",
            "headline-length",
            "long-sentence",
            "long-paragraph"
        ]),
        [f("long-sentence", 47, 192)]
    );
}

#[test]
fn lengths_what_is_reported() {
    let p = policy();
    let para = |n: usize| format!("{}.\n\n", vec!["word"; n].join(" "));
    // The body: too short at its end, too long at the word past the limit; end matter,
    // front matter and residue do not count.
    let short = format!(
        "---\ntitle: T\n---\n{}[Jo Blake edited this piece.]\n",
        para(30)
    );
    let found = findings(p, "length", &short);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "the article is 30 words long; opinion pieces run 500 to 2500 words"
    );
    assert_eq!(
        found[0].span,
        short.find(".\n\n[Jo").unwrap() + 1..short.find(".\n\n[Jo").unwrap() + 1
    );
    assert!(found[0].document_level);
    let long = para(1000).repeat(3);
    let found = findings(p, "length", &long);
    assert_eq!(found.len(), 1);
    // The 2,501st word.
    assert_eq!(long[..found[0].span.start].split_whitespace().count(), 2500);
    assert!(findings(p, "length", &para(600)).is_empty());
    // The headline.
    let title = "---\ntitle: \"One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen\"\n---\nText.\n";
    let found = findings(p, "headline-length", title);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .starts_with("the headline is 16 words and 96 characters long")
    );
    // Sentences and paragraphs; block quotes are someone else's words.
    let sentence = format!("{} end.", vec!["word"; 41].join(" "));
    assert_eq!(
        findings(p, "long-sentence", &format!("{sentence} Short one.\n")).len(),
        1
    );
    assert!(findings(p, "long-sentence", &format!("> {sentence}\n")).is_empty());
    assert_eq!(findings(p, "long-paragraph", &para(151)).len(), 1);
    assert!(findings(p, "long-paragraph", &para(150)).is_empty());
}

#[test]
fn undefined_acronym_what_is_reported() {
    let p = policy();
    let messages = |text: &str| -> Vec<String> {
        findings(p, "undefined-acronym", text)
            .iter()
            .map(|d| {
                let labels: Vec<&str> = d.labels.iter().map(|l| &text[l.span.clone()]).collect();
                format!("{} @ {} {labels:?}", d.message, &text[d.span.clone()])
            })
            .collect()
    };
    assert_eq!(
        messages(
            "The CSTO did not act. The Collective Security Treaty Organization (CSTO) is weak.\n"
        ),
        ["`CSTO` is used before it is spelled out @ CSTO [\"CSTO\"]"]
    );
    assert_eq!(
        messages("The CSTO and the OSCE’s envoys met. The CSTO did not act.\n"),
        [
            "`CSTO` is not spelled out @ CSTO []",
            "`OSCE` is not spelled out @ OSCE []"
        ]
    );
    for text in [
        "The Collective Security Treaty Organization (CSTO) and the CSTO’s allies met.\n",
        "The CSTO (Collective Security Treaty Organization) met; so did the UN, NATO and the EU.\n",
        "The OSCE, or Organization for Security and Co-operation in Europe, met. The OSCE left.\n",
        "World War II. NOTE: DO NOT USE. Visit SAM.gov, .NET and https://x.org/CSTO/ in Bar Harbor, ME.\n",
        "## The CSTO\n\nThe Collective Security Treaty Organization (CSTO) met.\n",
        "Grant GBMF4563 came in 1.5 BILLION ways; TK and TODO are placeholders.\n",
        "Use `CSTO` in code.\n",
    ] {
        assert_eq!(messages(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn house_style_rules_hold_on_odd_input() {
    // Nothing here may panic, and every span and edit must lie on char boundaries
    // inside the text.
    let p = policy();
    let texts = [
        String::new(),
        "\u{feff}".to_string(),
        "---\ntitle: T\n---\n".to_string(),
        "```\nunclosed 4 police  officers".to_string(),
        "Word 4 police officers\r\nand two civilians - in 1990-1995.\r\n".to_string(),
        "“‘\"'’”".repeat(50),
        "# ...\n\n## .\n\n###### X Y.\n".to_string(),
        "[](<>) [x]() <http://> http:// www. (ACR) ACR ( ) (".to_string(),
        format!("{} 4 cats.", "AB ".repeat(3000)),
        "é4é 4é ４ 4\u{301} ten-\u{301} Ⅻ".to_string(),
        "- 1990-\n- -1995\n\n| a | 4 b |\n|---|---|\n| 1-2 | x  y |\n".to_string(),
    ];
    for text in &texts {
        for d in check_source(p, &Source::new("odd.md", text.clone())) {
            assert!(
                text.get(d.span.clone()).is_some(),
                "{}: bad span in {text:?}",
                d.rule
            );
            for edit in d.fix.iter().flat_map(|f| f.edits.iter()) {
                assert!(
                    text.get(edit.range.clone()).is_some(),
                    "{}: bad edit in {text:?}",
                    d.rule
                );
            }
        }
    }
}
