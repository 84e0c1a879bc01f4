//! Splits the prose text of a block into sentences.
//!
//! Sentences are the unit for attribution rules: a quote, a figure or a claim must be
//! attributed within the same sentence ("…, the ministry said"), so a split in the wrong
//! place either hides a missing attribution or invents one. The splitter therefore leans
//! towards fewer, longer sentences: it only splits where the next word clearly starts a
//! new sentence, and it knows the abbreviations, initials, initialisms and numbers of
//! newspaper prose that end in a dot without ending a sentence.
//!
//! It is a single forward pass over the text (each character is looked at a bounded
//! number of times), so it stays linear on tens of megabytes of prose and on hostile
//! input such as ten thousand dots in a row.

use std::ops::Range;

/// Splits the prose text of one block into sentences.
/// Returns byte ranges into `text`, in order, each trimmed of surrounding whitespace,
/// never empty, never overlapping, always on char boundaries.
pub(crate) fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    // Start of the current whitespace-delimited token: the word an abbreviation check
    // looks at. Tracked on the way forward so that no backward scan is ever needed.
    let mut token_start = 0;
    let mut chars = text.char_indices().peekable();

    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            token_start = i + c.len_utf8();
            continue;
        }
        if !is_terminator(c) {
            continue;
        }

        // A run of terminators ("...", "?!", ".…") ends a sentence as a whole.
        let mut run_end = i + c.len_utf8();
        let mut single_dot = c == '.';
        while let Some(&(j, d)) = chars.peek() {
            if !is_terminator(d) {
                break;
            }
            run_end = j + d.len_utf8();
            single_dot = false;
            chars.next();
        }
        // Closing quotes and brackets belong to the sentence that ends: `“no.”`, `report.)`.
        let mut end = run_end;
        while let Some(&(j, d)) = chars.peek() {
            if !is_closer(d) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let closed = end > run_end;

        // Only a terminator followed by whitespace can end a sentence; this keeps
        // "4.1", "v2.0.1", "example.com" and "so…we" whole. The end of text needs no
        // split: the final push below takes care of it.
        match chars.peek() {
            Some(&(_, d)) if d.is_whitespace() => {}
            _ => continue,
        }
        // Look past the whitespace without consuming it; the main loop then reads it
        // again, which is fine since lookahead regions never overlap.
        let Some(next) = next_sentence_start(chars.clone().map(|(_, d)| d)) else {
            continue;
        };
        if single_dot && !closed {
            let token = text.get(token_start..i).unwrap_or_default();
            if dot_does_not_end(last_word(token), next) {
                continue;
            }
        }

        if let Some(range) = trimmed(text, sentence_start, end) {
            sentences.push(range);
        }
        sentence_start = end;
    }

    if let Some(range) = trimmed(text, sentence_start, text.len()) {
        sentences.push(range);
    }
    sentences
}

/// What the word after a possible sentence end begins with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// A capital letter, or a letter of a script without case.
    Upper,
    Digit,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[')
}

/// Whether the text after a terminator starts a new sentence: after the whitespace and
/// any opening quotes or brackets there must be a capital letter or a digit. Returns
/// what it found, or `None` when the text goes on in lowercase (an attribution such as
/// `“Why now?” she asked`, or `and so… we waited`), with punctuation, or not at all.
fn next_sentence_start(mut rest: impl Iterator<Item = char>) -> Option<Start> {
    let c = rest.find(|&c| !c.is_whitespace() && !is_opener(c))?;
    if c.is_ascii_digit() {
        Some(Start::Digit)
    } else if c.is_alphabetic() && !c.is_lowercase() {
        Some(Start::Upper)
    } else {
        None
    }
}

/// The word right before a dot: the tail of `token` made of letters, digits and inner
/// dots, so `(U.S` gives `U.S` and `—Dr` gives `Dr`.
fn last_word(token: &str) -> &str {
    let start = token
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(token.len(), |(k, _)| k);
    token.get(start..).unwrap_or_default()
}

/// Titles, written before a name: a dot after them never ends a sentence. Matched as
/// written or in capitals, like the other capitalised lists.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sr", "Jr", "St", "Gen", "Col", "Lt", "Sgt", "Capt",
    "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "Maj", "Adm", "Cmdr", "Fr",
];

/// Months, written before a day ("Oct. 20"); "May" is never abbreviated.
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// References, company and place names. They can close a sentence ("…Apple Inc. The
/// company…"), but far more often a name or number goes on, and a missed split is the
/// cheaper mistake.
const NAME_PARTS: &[&str] = &[
    "Vol", "Fig", "Inc", "Ltd", "Co", "Corp", "Bros", "Ave", "Blvd", "Mt", "Ft",
];

/// Lowercase abbreviations that never end a sentence ("vs. Smith", "cf. Jones",
/// "est. 1850"), matched in any case.
const LOWER_PREFIXES: &[&str] = &["vs", "cf", "approx", "est", "viz"];

/// Like `LOWER_PREFIXES` ("Roe v. Wade", "Smith et al. (2020)") but matched only in
/// lowercase: "Al." and "V." are a name and an initial.
const LOWER_ONLY_PREFIXES: &[&str] = &["v", "al"];

/// Abbreviations that do not end a sentence before a number ("No. 822", "Sec. 230",
/// "p. 12") but may otherwise ("He asked if I agreed. No. I didn't.").
const NUMBER_PREFIXES: &[&str] = &["No", "Nos", "Art", "Sec", "Ch", "p", "pp"];

/// Dotted abbreviations that end a sentence before a capital like any word does: "at
/// 10 p.m. The mayor left" is two sentences, "at 10 a.m. and left" never splits. "etc."
/// behaves the same way and needs no entry, as it is no initialism.
const DOTTED_ENDINGS: &[&str] = &["a.m", "p.m"];

/// Whether a single dot after `word` (and followed by whitespace and `next`) is not the
/// end of a sentence.
fn dot_does_not_end(word: &str, next: Start) -> bool {
    let listed_or_caps = |list: &[&str]| {
        list.iter().any(|&a| {
            a == word || (word.len() > 1 && a.eq_ignore_ascii_case(word) && is_caps(word))
        })
    };
    if listed_or_caps(TITLES)
        || listed_or_caps(MONTHS)
        || listed_or_caps(NAME_PARTS)
        || LOWER_PREFIXES.iter().any(|a| a.eq_ignore_ascii_case(word))
        || LOWER_ONLY_PREFIXES.contains(&word)
    {
        return true;
    }
    if listed_or_caps(NUMBER_PREFIXES) {
        return next == Start::Digit;
    }
    if DOTTED_ENDINGS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        return false;
    }
    // "U.N.", "U.S.", "Ph.D.", "e.g.", "i.e.": whatever follows, ending there would be a
    // guess, and a wrong split costs more than a missed one.
    if is_dotted_initialism(word) {
        return true;
    }
    // Single initials: "J. K. Rowling", "George W. Bush". "I" is the pronoun or a
    // numeral ("than I. Then", "World War I. The war…"), so it ends sentences.
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        return c.is_uppercase() && c != 'I';
    }
    false
}

fn is_caps(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_uppercase())
}

/// "U.S", "U.S.A", "Ph.D", "e.g": two or more short letter groups joined by dots (the
/// final dot is not part of `word`). Longer groups are domains or file names
/// ("example.com", "README.md"), which end sentences like words.
fn is_dotted_initialism(word: &str) -> bool {
    let mut groups = 0;
    for group in word.split('.') {
        let mut len = 0;
        for c in group.chars() {
            if !c.is_alphabetic() {
                return false;
            }
            len += 1;
        }
        if !(1..=2).contains(&len) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// `start..end` without surrounding whitespace, or `None` if nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let slice = text.get(start..end)?;
    let leading = slice.len() - slice.trim_start().len();
    let body = slice.trim();
    if body.is_empty() {
        return None;
    }
    let from = start + leading;
    Some(from..from + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `text` as strings.
    fn split(text: &str) -> Vec<&str> {
        let ranges = split_sentences(text);
        check_invariants(text, &ranges);
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    fn count(text: &str) -> usize {
        split(text).len()
    }

    /// The guarantees of `split_sentences`, checked on every input the tests use.
    fn check_invariants(text: &str, ranges: &[Range<usize>]) {
        let mut covered_to = 0;
        for r in ranges {
            assert!(r.start < r.end, "empty range {r:?} in {text:?}");
            assert!(
                r.start >= covered_to,
                "overlap or disorder at {r:?} in {text:?}"
            );
            assert!(r.end <= text.len(), "range {r:?} out of bounds in {text:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "untrimmed sentence in {text:?}");
            // Only whitespace is left out between sentences.
            assert!(
                text[covered_to..r.start].trim().is_empty(),
                "lost text in {text:?}"
            );
            covered_to = r.end;
        }
        assert!(
            text[covered_to..].trim().is_empty(),
            "lost tail in {text:?}"
        );
    }

    // --- Basic splitting -------------------------------------------------------------

    #[test]
    fn splits_at_full_stop_before_capital() {
        assert_eq!(
            split("The minister resigned on Monday. Her deputy takes over."),
            ["The minister resigned on Monday.", "Her deputy takes over."]
        );
    }

    #[test]
    fn splits_at_question_and_exclamation_marks() {
        assert_eq!(
            split("Who pays for this? Taxpayers do! And they should know."),
            [
                "Who pays for this?",
                "Taxpayers do!",
                "And they should know."
            ]
        );
    }

    #[test]
    fn splits_at_ellipsis_before_capital() {
        assert_eq!(
            split("We waited… Nothing happened. Then we waited some more... Still nothing."),
            [
                "We waited…",
                "Nothing happened.",
                "Then we waited some more...",
                "Still nothing."
            ]
        );
    }

    #[test]
    fn run_of_terminators_is_one_end() {
        assert_eq!(
            split("Really?! Nobody noticed?!? Apparently not."),
            ["Really?!", "Nobody noticed?!?", "Apparently not."]
        );
    }

    #[test]
    fn splits_before_a_digit() {
        assert_eq!(
            split("The bill passed 52-48. 2024 will be harder."),
            ["The bill passed 52-48.", "2024 will be harder."]
        );
    }

    #[test]
    fn splits_before_opening_quote_or_bracket() {
        assert_eq!(
            split("He paused. “We will not back down,” he said."),
            ["He paused.", "“We will not back down,” he said."]
        );
        assert_eq!(
            split("The vote failed. \"It is a disgrace,\" she wrote."),
            ["The vote failed.", "\"It is a disgrace,\" she wrote."]
        );
        assert_eq!(
            split("Turnout fell. (Officials blamed the rain.) Results came late."),
            [
                "Turnout fell.",
                "(Officials blamed the rain.)",
                "Results came late."
            ]
        );
        assert_eq!(
            split("It ended. [Editor's note: it did not.] Sorry."),
            ["It ended.", "[Editor's note: it did not.]", "Sorry."]
        );
        assert_eq!(
            split("It ended. ‘Good riddance’ was the verdict."),
            ["It ended.", "‘Good riddance’ was the verdict."]
        );
    }

    #[test]
    fn does_not_split_before_lowercase() {
        assert_eq!(
            count("The ministry said it was reviewing the data. and nothing else."),
            1
        );
        assert_eq!(count("He said so. but nobody listened."), 1);
    }

    #[test]
    fn opening_quote_before_lowercase_does_not_split() {
        assert_eq!(count("She used the word. “fine” was all she said."), 1);
    }

    #[test]
    fn does_not_split_before_punctuation_or_code() {
        assert_eq!(count("It rose. — Then it fell."), 1);
        assert_eq!(count("Run the tool. \u{fffc} prints the result."), 1);
    }

    #[test]
    fn terminator_must_be_followed_by_whitespace() {
        assert_eq!(count("He left.Then he came back."), 1);
        assert_eq!(count("Really?Yes."), 1);
    }

    // --- Closing quotes and brackets -------------------------------------------------

    #[test]
    fn closing_quote_belongs_to_the_sentence_that_ends() {
        assert_eq!(
            split("He said “no.” Then he left."),
            ["He said “no.”", "Then he left."]
        );
        assert_eq!(
            split("She called it “a betrayal of the policy.” Next came the vote."),
            [
                "She called it “a betrayal of the policy.”",
                "Next came the vote."
            ]
        );
        assert_eq!(
            split("He said \"never.\" Two days later he did."),
            ["He said \"never.\"", "Two days later he did."]
        );
        assert_eq!(
            split("She said 'enough.' The room fell silent."),
            ["She said 'enough.'", "The room fell silent."]
        );
    }

    #[test]
    fn closing_bracket_belongs_to_the_sentence_that_ends() {
        assert_eq!(
            split("(See the report.) Next, the budget."),
            ["(See the report.)", "Next, the budget."]
        );
        assert_eq!(
            split("The figures were revised [see note 3.] Growth was lower."),
            [
                "The figures were revised [see note 3.]",
                "Growth was lower."
            ]
        );
    }

    #[test]
    fn nested_closers_belong_to_the_sentence_that_ends() {
        assert_eq!(
            split("(He called it “a farce.”) Nobody disagreed."),
            ["(He called it “a farce.”)", "Nobody disagreed."]
        );
    }

    #[test]
    fn abbreviation_before_closer_ends_the_sentence() {
        assert_eq!(
            split("The deal was signed by Acme (now Acme Corp.) The price was not disclosed."),
            [
                "The deal was signed by Acme (now Acme Corp.)",
                "The price was not disclosed."
            ]
        );
    }

    // --- Abbreviations ---------------------------------------------------------------

    #[test]
    fn titles_do_not_split() {
        assert_eq!(
            count("Dr. Smith arrived on Sept. 19 at 10 a.m. and left."),
            1
        );
        assert_eq!(count("Mr. Johnson and Mrs. Johnson met Ms. Lee."), 1);
        assert_eq!(
            count("Prof. Ayala testified after Gen. Milley and Lt. Col. Vindman."),
            1
        );
        assert_eq!(
            count("Sen. Warren and Rep. Ocasio-Cortez wrote to Gov. Hochul."),
            1
        );
        assert_eq!(count("Martin Luther King Jr. Day falls in January."), 1);
        assert_eq!(count("The Rev. Al Sharpton spoke at St. Patrick's."), 1);
        assert_eq!(count("Sgt. Pepper met Capt. Marvel and Maj. Tom."), 1);
        assert_eq!(count("Amb. Thomas-Greenfield spoke after Pres. Biden."), 1);
        assert_eq!(
            count("Adm. Rickover and Cmdr. Bell toured the base with Hon. guests."),
            1
        );
        assert_eq!(count("Messrs. Smith and Jones disagreed."), 1);
    }

    #[test]
    fn titles_in_capitals_do_not_split() {
        assert_eq!(count("A letter from DR. SMITH arrived."), 1);
    }

    #[test]
    fn months_do_not_split() {
        assert_eq!(count("On Oct. 20, an author published a piece."), 1);
        assert_eq!(count("Between Jan. 6 and Feb. 2, prices rose."), 1);
        assert_eq!(
            count("The talks ran from Mar. 3 through Apr. 9 and resumed Jun. 1, Jul. 4, Aug. 15."),
            1
        );
        assert_eq!(count("It was due Sep. 30, then Nov. 1, then Dec. 31."), 1);
    }

    #[test]
    fn number_abbreviations_do_not_split_before_numbers() {
        assert_eq!(count("Resolution No. 822 was adopted."), 1);
        assert_eq!(count("Resolutions Nos. 822 and 853 followed."), 1);
        assert_eq!(
            count("The ruling turned on Sec. 230 and Art. 5 of the treaty."),
            1
        );
        assert_eq!(
            count("The claim appears on p. 12 and again on pp. 40-41."),
            1
        );
    }

    #[test]
    fn no_as_an_answer_still_splits() {
        assert_eq!(
            split("Did the plan work? No. It failed within a week."),
            ["Did the plan work?", "No.", "It failed within a week."]
        );
    }

    #[test]
    fn reference_and_latin_abbreviations_do_not_split() {
        assert_eq!(count("See Vol. 3, Fig. 2 for details."), 1);
        assert_eq!(count("It was Harvard vs. Yale, cf. Smith on this."), 1);
        assert_eq!(count("The crowd, approx. 5,000 people, gathered."), 1);
        assert_eq!(count("The paper, est. 1851, is older than the state."), 1);
        assert_eq!(count("Roe v. Wade was overturned."), 1);
        assert_eq!(count("Smith et al. (2020) disagree."), 1);
    }

    #[test]
    fn company_and_street_abbreviations_do_not_split() {
        assert_eq!(
            count("Apple Inc. Chief Executive Tim Cook declined to comment."),
            1
        );
        assert_eq!(
            count("Acme Ltd. and Smith & Co. sued Warner Bros. Discovery."),
            1
        );
        assert_eq!(count("Enron Corp. Chairman Kenneth Lay resigned."), 1);
        assert_eq!(
            count("The office is on Park Ave. South near Sunset Blvd. West."),
            1
        );
        assert_eq!(count("They climbed Mt. Everest in May."), 1);
    }

    #[test]
    fn latin_dotted_abbreviations_do_not_split() {
        assert_eq!(count("Some outlets, e.g. The Guardian, refused."), 1);
        assert_eq!(count("Some outlets, i.e. The Times, disagreed."), 1);
        assert_eq!(count("Several states (e.g. Texas) sued."), 1);
    }

    #[test]
    fn etc_splits_only_before_a_capital() {
        assert_eq!(count("Taxes, fees, etc. are all rising."), 1);
        assert_eq!(
            split("They cut taxes, fees, etc. The deficit grew."),
            ["They cut taxes, fees, etc.", "The deficit grew."]
        );
    }

    #[test]
    fn clock_times_split_only_before_a_capital() {
        assert_eq!(
            count("The polls opened at 7 a.m. and closed at 8 p.m. on Tuesday."),
            1
        );
        assert_eq!(
            split("The meeting ended at 10 p.m. The mayor then left."),
            ["The meeting ended at 10 p.m.", "The mayor then left."]
        );
    }

    #[test]
    fn sentence_before_a_title_still_splits() {
        assert_eq!(count("The project was a flop. Dr. Who was not amused."), 2);
    }

    // --- Initialisms and initials ----------------------------------------------------

    #[test]
    fn initialism_before_capital_does_not_split() {
        assert_eq!(
            split(
                "In 1993, the U.N. Security Council condemned it. These resolutions expressed support."
            ),
            [
                "In 1993, the U.N. Security Council condemned it.",
                "These resolutions expressed support."
            ]
        );
        assert_eq!(
            count("The U.S. Senate and the E.U. Commission disagreed."),
            1
        );
        assert_eq!(count("She moved to the U.K. She never came back."), 1);
    }

    #[test]
    fn initialism_before_lowercase_or_digit_does_not_split() {
        assert_eq!(
            count("The U.S. economy grew while the U.K. economy shrank."),
            1
        );
        assert_eq!(count("Exports to the U.S. 2 years ago were higher."), 1);
        assert_eq!(count("She earned a Ph.D. in economics."), 1);
        assert_eq!(count("The U.S.A. team won."), 1);
    }

    #[test]
    fn initialism_in_brackets_or_quotes_does_not_split() {
        assert_eq!(count("Officials (U.S. and E.U. diplomats) met."), 1);
    }

    #[test]
    fn single_initials_do_not_split() {
        assert_eq!(count("J. K. Rowling wrote it."), 1);
        assert_eq!(count("George W. Bush signed it into law."), 1);
        assert_eq!(count("H. L. Mencken hated it, and so did E. B. White."), 1);
    }

    #[test]
    fn roman_one_and_pronoun_i_split() {
        assert_eq!(
            split("It was the deadliest day of World War I. The war dragged on."),
            [
                "It was the deadliest day of World War I.",
                "The war dragged on."
            ]
        );
        assert_eq!(count("She ran faster than I. Then she stopped."), 2);
    }

    // --- Numbers, versions, URLs, files ----------------------------------------------

    #[test]
    fn decimals_and_numbers_do_not_split() {
        assert_eq!(
            split("Growth was 4.1% in 2023. It fell later."),
            ["Growth was 4.1% in 2023.", "It fell later."]
        );
        assert_eq!(count("Pi is roughly 3.14 and e is 2.718."), 1);
        assert_eq!(count("The deal was worth $1.5 million to the firm."), 1);
        assert_eq!(count("Upgrade to v2.0.1 before Friday."), 1);
        assert_eq!(count("Unemployment fell to 3.9 percent."), 1);
    }

    #[test]
    fn urls_domains_and_files_do_not_split() {
        assert_eq!(count("Read it at example.com and tell us."), 1);
        assert_eq!(
            count("See https://www.example.org/a.b/c.html for the data."),
            1
        );
        assert_eq!(count("Open README.md first."), 1);
        assert_eq!(count("The Node.js team disagreed."), 1);
    }

    #[test]
    fn domain_at_the_end_of_a_sentence_splits() {
        assert_eq!(
            split("The data is at example.com. Nobody checked it."),
            ["The data is at example.com.", "Nobody checked it."]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_does_not_split() {
        assert_eq!(count("And so… we waited."), 1);
        assert_eq!(count("And so... we waited."), 1);
        assert_eq!(count("It was…fine, really."), 1);
    }

    // --- Quotations with attribution -------------------------------------------------

    #[test]
    fn question_in_quote_before_attribution_does_not_split() {
        assert_eq!(split("“Why now?” she asked."), ["“Why now?” she asked."]);
        assert_eq!(count("\"Enough!\" he shouted, and left."), 1);
        assert_eq!(count("“Is this legal?” asked one senator."), 1);
    }

    #[test]
    fn question_in_quote_before_capital_splits() {
        assert_eq!(
            split("“Why now?” Nobody could answer."),
            ["“Why now?”", "Nobody could answer."]
        );
    }

    // --- Degenerate input ------------------------------------------------------------

    #[test]
    fn text_without_terminator_is_one_sentence() {
        assert_eq!(
            split("A headline without a full stop"),
            ["A headline without a full stop"]
        );
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(
            split("  \u{a0}First one.   Second one.  "),
            ["First one.", "Second one."]
        );
        assert_eq!(split_sentences("  Hi.  "), vec![2..5_usize]);
    }

    #[test]
    fn empty_and_blank_input_yield_nothing() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("   \t  \u{a0} ").is_empty());
    }

    #[test]
    fn lone_punctuation_is_one_sentence() {
        assert_eq!(split("..."), ["..."]);
        assert_eq!(split("?!?!"), ["?!?!"]);
        assert_eq!(split("."), ["."]);
        assert_eq!(split("…"), ["…"]);
        assert_eq!(split(" . . . "), [". . ."]);
        assert_eq!(split("” ) ’"), ["” ) ’"]);
    }

    #[test]
    fn non_ascii_text_is_handled() {
        assert_eq!(
            split("Ça suffit. Émile est parti. Ωmega… Дальше."),
            ["Ça suffit.", "Émile est parti.", "Ωmega…", "Дальше."]
        );
        assert_eq!(
            split("東京は晴れ。 大阪は雨。"),
            ["東京は晴れ。 大阪は雨。"]
        );
        assert_eq!(count("Done. 🎉 Party."), 1);
    }

    #[test]
    fn long_input_stays_fast() {
        // Quadratic behaviour would take minutes on these; linear takes milliseconds.
        let n = 200_000;
        let sentences = "The U.S. Senate voted. Dr. Smith said 4.1% was fine. ".repeat(n / 10);
        assert_eq!(split_sentences(&sentences).len(), 2 * (n / 10));
        for hostile in [
            ".".repeat(n),
            "a.".repeat(n),
            ". ".repeat(n),
            "U.".repeat(n) + " Then.",
            "x".repeat(n) + ". Y",
            "“(".repeat(n),
            " ".repeat(n) + "A." + &" ".repeat(n),
        ] {
            let ranges = split_sentences(&hostile);
            check_invariants(&hostile, &ranges);
        }
    }

    // --- Property-style test -----------------------------------------------------------

    /// Fragments chosen to hit every branch: terminators, closers, openers, abbreviations,
    /// initials, numbers, odd whitespace and multi-byte characters.
    const FRAGMENTS: &[&str] = &[
        "The",
        "minister",
        "said",
        "U.S.",
        "U.N.",
        "Ph.D.",
        "e.g.",
        "a.m.",
        "etc.",
        "Dr.",
        "Sept.",
        "No.",
        "J.",
        "I.",
        "4.1",
        "2023.",
        "example.com.",
        "v2.0.1",
        ".",
        "..",
        "...",
        "…",
        "?",
        "!",
        "?!",
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "(",
        ")",
        "[",
        "]",
        " ",
        "  ",
        "\u{a0}",
        "\t",
        "\u{fffc}",
        "é",
        "Ωmega",
        "東京",
        "🎉",
        "and",
        "Then",
        "x",
        "A",
        "—",
        "$1.5",
        "Inc.",
        "v.",
        "al.",
    ];

    /// A small deterministic pseudo-random generator (64-bit LCG), so the test needs no
    /// external crate and fails the same way every time.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as usize
        }
    }

    #[test]
    fn invariants_hold_on_generated_text() {
        let mut rng = Lcg(0x5eed);
        for _ in 0..20_000 {
            let len = rng.next() % 24;
            let mut text = String::new();
            for _ in 0..len {
                text.push_str(FRAGMENTS[rng.next() % FRAGMENTS.len()]);
                // Mostly join with a space, sometimes glue fragments together.
                if !rng.next().is_multiple_of(3) {
                    text.push(' ');
                }
            }
            let ranges = split_sentences(&text);
            check_invariants(&text, &ranges);
            if !text.trim().is_empty() {
                assert!(!ranges.is_empty(), "no sentence in {text:?}");
            }
        }
    }

    #[test]
    fn invariants_hold_on_every_pair_of_fragments() {
        for a in FRAGMENTS {
            for b in FRAGMENTS {
                for sep in ["", " "] {
                    let text = format!("{a}{sep}{b}");
                    check_invariants(&text, &split_sentences(&text));
                }
            }
        }
    }
}
