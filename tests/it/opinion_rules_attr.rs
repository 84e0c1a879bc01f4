//! The attribution rules of the `opinion` pack (quotations, scare quotes, vague
//! attributions, contested terms, relative time, unlinked source pieces): what they find
//! in the seed article, exactly, and what they must leave alone.

use copydesk::lint::check_source;
use copydesk::policy::Policy;
use copydesk::source::Source;
use serde_json::Value;

use crate::common::{output_of, policy};

const RULES: &[&str] = &[
    "unattributed-quote",
    "scare-quote",
    "vague-attribution",
    "contested-term",
    "relative-time",
    "source-link",
];

/// The findings of this pack's attribution rules on a file: (rule, line, column, words).
/// The binary runs once per file and test binary (see [`output_of`]).
fn findings(path: &str) -> Vec<(String, u64, u64, String)> {
    let out = output_of(&["check", "--isolated", "--format", "json", path]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let text = std::fs::read(path).expect("fixture");
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| RULES.contains(&d["rule"].as_str().unwrap_or("")))
        .map(|d| {
            let (s, e) = (
                d["start"].as_u64().expect("start") as usize,
                d["end"].as_u64().expect("end") as usize,
            );
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                String::from_utf8_lossy(&text[s..e]).into_owned(),
            )
        })
        .collect()
}

fn f(rule: &str, line: u64, column: u64, words: &str) -> (String, u64, u64, String) {
    (rule.to_string(), line, column, words.to_string())
}

#[test]
fn seed_findings_of_the_attribution_rules() {
    let expected = vec![
        // "in a counter-terrorism measure": Azerbaijan's characterization, unattributed.
        f("contested-term", 9, 160, "counter-terrorism"),
        f(
            "source-link",
            11,
            16,
            "an author published a piece in Fair Observer",
        ),
        f("scare-quote", 11, 84, "“ethnic cleansing”"),
        f("contested-term", 11, 85, "ethnic cleansing"),
        f("scare-quote", 17, 110, "“ethnic cleansing”"),
        f("contested-term", 17, 111, "ethnic cleansing"),
        f("contested-term", 25, 27, "atrocities"),
        f(
            "vague-attribution",
            25,
            84,
            "This has been confirmed by third-party international organizations",
        ),
        // A term inside a proper name is still a characterization.
        f("contested-term", 25, 225, "Khojaly Genocide"),
        f(
            "unattributed-quote",
            31,
            349,
            "“new wars for new territories.”",
        ),
        f("contested-term", 33, 208, "occupied lands"),
        f("relative-time", 39, 1, "Throughout the past three years"),
        f("contested-term", 45, 148, "counter-terror"),
        f("scare-quote", 47, 24, "“ethnic cleansing”"),
        f("contested-term", 47, 25, "ethnic cleansing"),
        f("scare-quote", 47, 47, "“mass displacement”"),
    ];
    assert_eq!(findings("fixtures/seed.md"), expected);
}

#[test]
fn the_un_missions_quoted_report_is_attributed() {
    // Line 47 quotes "Reports of the UN mission … noted “no damage …”" and "“did not come
    // across any reports …”": the mission is named, so neither quotation is reported, and
    // "anti-terrorism" inside the attributed quotation is the mission's word.
    let found = findings("fixtures/seed.md");
    assert!(
        !found
            .iter()
            .any(|(_, line, col, _)| *line == 47 && *col > 60),
        "{found:?}"
    );
    // "the UN Security Council … condemned … ethnic cleansing" names its source.
    assert!(
        !found.iter().any(|(_, line, _, _)| *line == 27),
        "{found:?}"
    );
}

#[test]
fn clean_article_and_crlf_bom_variants() {
    assert_eq!(findings("fixtures/clean.md"), vec![]);
    let seed = findings("fixtures/seed.md");
    let strip = |v: Vec<(String, u64, u64, String)>| -> Vec<(String, u64, u64)> {
        v.into_iter().map(|(r, l, c, _)| (r, l, c)).collect()
    };
    assert_eq!(
        strip(findings("fixtures/variants/crlf.md")),
        strip(seed.clone())
    );
    assert_eq!(strip(findings("fixtures/variants/bom.md")), strip(seed));
}

/// The words each rule reports in a text, in order.
fn hits(policy: &Policy, rule: &str, text: &str) -> Vec<String> {
    let source = Source::new("t.md", text.to_string());
    check_source(policy, &source)
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| text[d.span.clone()].to_string())
        .collect()
}

#[test]
fn quotations_and_what_attributes_them() {
    let policy = policy();
    let rule = "unattributed-quote";
    let cases: &[(&str, &[&str])] = &[
        // Speaker in the same sentence, before or after, or in the sentence next to it.
        (
            "“We will rebuild every school by winter,” the mayor said.",
            &[],
        ),
        (
            "The mayor said, \"We will rebuild every school by winter.\"",
            &[],
        ),
        (
            "The mayor spoke on Monday. “We will rebuild every school by winter.”",
            &["“We will rebuild every school by winter.”"],
        ),
        (
            "“We will rebuild,” the mayor said. “Every school will open by winter.”",
            &[],
        ),
        // A quotation may span sentences.
        (
            "“The work is hard. Every school will open by winter,” she added.",
            &[],
        ),
        // A link or a footnote names the source.
        (
            "Officials promised that “every school will open by winter.”[^1]\n\n[^1]: Ministry statement.",
            &[],
        ),
        // Titles, lists of examples and questions are not anyone's words.
        (
            "Her book, “The Long Road Home to the Mountains,” sold well.",
            &[],
        ),
        ("He asked them, “Is this the right thing to do now?”", &[]),
        // Unattributed, straight quotes too.
        (
            "Some called it \"the worst decision in a generation of leaders.\"",
            &["\"the worst decision in a generation of leaders.\""],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&hits(policy, rule, text), expected, "{text}");
    }
}

#[test]
fn block_quotes_need_a_source_before_or_inside() {
    let policy = policy();
    let rule = "unattributed-quote";
    let quote = "> Every displaced family will be housed before the winter comes.\n";
    assert_eq!(
        hits(policy, rule, &format!("The plan was simple:\n\n{quote}")),
        ["Every displaced family will be housed before the winter comes."]
    );
    for intro in [
        "The minister said in her speech:",
        "As [the ministry’s statement](https://example.org/statement) put it:",
    ] {
        assert!(
            hits(policy, rule, &format!("{intro}\n\n{quote}")).is_empty(),
            "{intro}"
        );
    }
    // A signature inside the quote, a note and a block quote that nobody introduced.
    assert!(
        hits(
            policy,
            rule,
            &format!("The plan:\n\n{quote}>\n> — Jane Doe, minister\n")
        )
        .is_empty()
    );
    assert!(
        hits(
            policy,
            rule,
            "> **Note:** this guide was updated in March for the new rules.\n"
        )
        .is_empty()
    );
}

#[test]
fn scare_quotes_and_words_as_words() {
    let policy = policy();
    let rule = "scare-quote";
    let cases: &[(&str, &[&str])] = &[
        (
            "The government’s “security operation” lasted three days.",
            &["“security operation”"],
        ),
        (
            "What the government calls a “security operation” lasted three days.",
            &[],
        ),
        (
            "The term “ethnic cleansing” entered wide use in the 1990s.",
            &[],
        ),
        ("An essay titled “against the odds” won.", &[]),
        ("Click “save draft” and then the “submit” button.", &[]),
        // Options listed, labels compared.
        (
            "Answers ranged from “agree” to “strongly agree” or “disagree”.",
            &[],
        ),
        ("We asked about the “why” and “how” of the change.", &[]),
        // The same phrase once named as a term is that term again.
        (
            "We call this the “pairing” rule. Teams use “pairing” daily.",
            &[],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&hits(policy, rule, text), expected, "{text}");
    }
}

#[test]
fn contested_terms_need_a_source_in_their_sentence() {
    let policy = policy();
    let rule = "contested-term";
    let cases: &[(&str, &[&str])] = &[
        (
            "The Khojaly Genocide was the worst day.",
            &["Khojaly Genocide"],
        ),
        (
            "The Armenian Genocide is remembered on April 24.",
            &["Armenian Genocide"],
        ),
        (
            "The killings were a genocide, the tribunal ruled in 2001.",
            &[],
        ),
        (
            "The killings were a genocide, according to the [tribunal](https://example.org/ruling).",
            &[],
        ),
        // A passive names the accused, not the accuser.
        (
            "Azerbaijan was accused of ethnic cleansing.",
            &["ethnic cleansing"],
        ),
        // Names of laws and institutions characterize no one.
        ("She works at the Counterterrorism Center.", &[]),
        // A job is not an occupation of territory.
        (
            "Service members are assessed for a military occupation.",
            &[],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&hits(policy, rule, text), expected, "{text}");
    }
}

#[test]
fn vague_attributions_relative_time_and_unlinked_sources() {
    let policy = policy();
    assert_eq!(
        hits(
            policy,
            "vague-attribution",
            "Critics argue that the deal is weak."
        ),
        ["Critics argue"]
    );
    assert!(
        hits(
            policy,
            "vague-attribution",
            "Critics at the Brookings Institution argue that the deal is weak."
        )
        .is_empty()
    );
    assert!(
        hits(
            policy,
            "vague-attribution",
            "Pernice’s research showed that people scan."
        )
        .is_empty()
    );
    assert_eq!(
        hits(
            policy,
            "relative-time",
            "Talks resume next Tuesday; they stalled two weeks ago."
        ),
        ["next Tuesday", "two weeks ago"]
    );
    assert!(
        hits(
            policy,
            "relative-time",
            "In the last week of March 2020, talks stalled. Use this term."
        )
        .is_empty()
    );
    assert_eq!(
        hits(
            policy,
            "source-link",
            "As Jane Doe wrote in The Guardian last week, the truce is fragile."
        ),
        ["wrote in The Guardian"]
    );
    assert!(
        hits(
            policy,
            "source-link",
            "She wrote an article in March and a package in Python."
        )
        .is_empty()
    );
    assert!(
        hits(
            policy,
            "source-link",
            "As Jane Doe [wrote in The Guardian](https://example.org/a), the truce is fragile."
        )
        .is_empty()
    );
}
