//! What counts as a figure and what counts as a source, with the built-in pack: a table of
//! real-sounding sentences and the exact words reported in each.

use copydesk::lint::check_source;
use copydesk::policy::Policy;
use copydesk::source::Source;

use crate::common::policy;

/// The figures reported (primary and labelled) in a one-paragraph text.
fn figures(policy: &Policy, text: &str) -> Vec<String> {
    let source = Source::new("t.md", text.to_string());
    let mut out = Vec::new();
    for d in check_source(policy, &source)
        .iter()
        .filter(|d| d.rule == "unattributed-figure")
    {
        out.push(text[d.span.clone()].to_string());
        out.extend(d.labels.iter().map(|l| text[l.span.clone()].to_string()));
    }
    out
}

#[test]
fn figures_and_non_figures() {
    let policy = policy();
    let cases: &[(&str, &[&str])] = &[
        // Counts, amounts, percentages, money, shares.
        (
            "A landmine explosion killed 4 police officers and two civilians.",
            &["4"],
        ),
        (
            "On February 26, 1992, 613 Khojaly town residents, including 106 women, 63 children and 70 old men, were killed.",
            &["613", "106", "63", "70"],
        ),
        (
            "Armenia did not remove more than 10,000 illegal armed forces.",
            &["10,000"],
        ),
        ("Inflation reached 4.1% in March.", &["4.1%"]),
        ("The program cost $11 million.", &["$11 million"]),
        (
            "The war displaced half a million people.",
            &["half a million"],
        ),
        (
            "About a quarter of the vote went to the opposition.",
            &["a quarter of"],
        ),
        ("Turnout fell to 48 percent.", &["48 percent"]),
        // Not figures: years, dates, ranges, times, ordinals, durations, identifiers.
        (
            "In September 2023, Azerbaijan assumed full control of Karabakh.",
            &[],
        ),
        ("On October 20, an author published a piece.", &[]),
        ("The operation ran on September 19–20.", &[]),
        ("Between 1988 and 1994, the first war was fought.", &[]),
        (
            "The UN adopted four resolutions (numbers 822, 853, 874 and 884).",
            &[],
        ),
        ("Azerbaijan invoked Article 51 of the UN Charter.", &[]),
        ("The talks began at 10:30 and ended at 5 p.m.", &[]),
        ("It was the 3rd round of talks.", &[]),
        ("For more than 10 years, the region was occupied.", &[]),
        ("Upgrade to version 2.1 or later.", &[]),
        ("The G20 met after COVID-19 eased.", &[]),
        ("See https://example.org/2023/10/report for details.", &[]),
        ("Use `404` in code.", &[]),
        ("Group 3 worked on the survey.", &[]),
        ("Over 100 participants came.", &["100"]),
        ("Nearly 40 people fled.", &["40"]),
        ("Introducing 10 new champions this year.", &["10"]),
        ("The column is coded (1 = yes, 0 = no).", &[]),
        (
            "Names follow the scheme syntax.patterns.arm.5 in the docs.",
            &[],
        ),
    ];
    let mut wrong = Vec::new();
    for (text, expected) in cases {
        let got = figures(policy, &format!("{text}\n"));
        if got != *expected {
            wrong.push(format!(
                "{text}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn sources_that_count_and_vague_ones_that_do_not() {
    let policy = policy();
    let sourced = [
        "A landmine killed 4 police officers, the Interior Ministry said.",
        "According to the UN refugee agency, 100,000 people fled.",
        "Data from the electoral commission show that turnout was 61%.",
        "Reuters reported that 613 people died.",
        "Turnout was [61%](https://example.org/results).",
        "Turnout was 61%.[^1]\n\n[^1]: Electoral commission, final results.",
        // The source in the sentence before, in the same paragraph.
        "The Red Cross published its register on Monday. It counts 3,900 missing people.",
        // The sentence after.
        "Some 3,900 people are missing. The figure comes from the Red Cross, which published its register on Monday.",
    ];
    for text in sourced {
        assert_eq!(
            figures(policy, &format!("{text}\n")),
            Vec::<String>::new(),
            "{text}"
        );
    }
    let unsourced = [
        ("Experts estimate that 40,000 people fled.", "40,000"),
        ("Reports say 12% of homes were damaged.", "12%"),
        (
            "This has been confirmed by third-party international organizations. 300 villages were destroyed.",
            "300",
        ),
        ("It is widely believed that 5,000 soldiers remain.", "5,000"),
        // A source two sentences away, or in another paragraph, does not count.
        (
            "The ministry said so in May. The war ended. It killed 613 people.",
            "613",
        ),
        (
            "The ministry said so in May.\n\nIt killed 613 people.",
            "613",
        ),
    ];
    for (text, figure) in unsourced {
        assert_eq!(
            figures(policy, &format!("{text}\n")),
            vec![figure.to_string()],
            "{text}"
        );
    }
}
