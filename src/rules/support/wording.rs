//! What differs, word by word, between a statement as written and the house wording: the
//! spans to label in the file and a line an editor can read ("“opinions” → “views”;
//! missing “editorial policy”").

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::document::statements::Word;
use crate::document::words::word_iter;
use crate::template::normalize;

/// The differences, for labels and help.
#[derive(Debug, Default)]
pub(crate) struct WordDiff {
    /// File spans of the words that differ, each with what the house wording has there.
    pub(crate) labels: Vec<(Range<usize>, String)>,
    /// The changes in words: "“her” → “the author's”; missing “editorial policy”".
    pub(crate) summary: String,
}

/// How many changes are named; the rest are counted.
const SHOWN: usize = 4;

/// Compares the words of a statement (spans into `file`) with the house wording.
pub(crate) fn diff(file: &str, found: &[Word], house: &str) -> WordDiff {
    let theirs: Vec<&str> = found.iter().map(|w| w.norm.as_str()).collect();
    let house_words: Vec<&str> = word_iter(house).filter_map(|r| house.get(r)).collect();
    let ours: Vec<String> = house_words.iter().map(|w| normalize(w)).collect();
    let ours_ref: Vec<&str> = ours.iter().map(String::as_str).collect();
    let mut out = WordDiff::default();
    let mut changes = Vec::new();
    let span = |from: usize, len: usize| -> Option<Range<usize>> {
        let first = found.get(from)?;
        let last = found.get(from + len.max(1) - 1)?;
        Some(first.span.start..last.span.end)
    };
    // As written in the file, words joined by single spaces.
    let written = |from: usize, len: usize| {
        found
            .get(from..from + len)
            .map(|w| {
                w.iter()
                    .map(|w| file.get(w.span.clone()).unwrap_or(&w.norm))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let wanted = |from: usize, len: usize| {
        house_words
            .get(from..from + len)
            .map(|w| w.join(" "))
            .unwrap_or_default()
    };
    for op in capture_diff_slices(Algorithm::Myers, &theirs, &ours_ref) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                changes.push(format!("“{}” is not in it", written(old_index, old_len)));
                if let Some(s) = span(old_index, old_len) {
                    out.labels.push((s, "not in the house wording".into()));
                }
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                let missing = wanted(new_index, new_len);
                changes.push(format!("missing “{missing}”"));
                // Label the word before the gap (or the first word).
                let at = old_index.saturating_sub(1);
                if let Some(s) = span(at, 1) {
                    out.labels
                        .push((s, format!("the house wording goes on “{missing}”")));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let house = wanted(new_index, new_len);
                changes.push(format!("“{}” → “{house}”", written(old_index, old_len)));
                if let Some(s) = span(old_index, old_len) {
                    out.labels.push((s, format!("house wording: “{house}”")));
                }
            }
        }
    }
    let more = changes.len().saturating_sub(SHOWN);
    let mut summary = changes
        .into_iter()
        .take(SHOWN)
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        summary.push_str(&format!("; and {more} more"));
    }
    out.summary = summary;
    out.labels.truncate(SHOWN);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        word_iter(text)
            .map(|r| Word {
                norm: normalize(text.get(r.clone()).unwrap_or("")),
                span: r,
            })
            .collect()
    }

    #[test]
    fn names_each_change_and_labels_the_words() {
        let found = "The opinions expressed in this article are her own.";
        let d = diff(
            found,
            &words(found),
            "The views expressed in this article are the author's own.",
        );
        assert_eq!(d.summary, "“opinions” → “views”; “her” → “the author's”");
        let labelled: Vec<&str> = d
            .labels
            .iter()
            .filter_map(|(s, _)| found.get(s.clone()))
            .collect();
        assert_eq!(labelled, ["opinions", "her"]);
    }

    #[test]
    fn missing_and_extra_words() {
        let found = "The views are the author's own and not ours.";
        let d = diff(found, &words(found), "The views are the author's own.");
        assert_eq!(d.summary, "“and not ours” is not in it");
        let d = diff(
            "The views are own.",
            &words("The views are own."),
            "The views are the author's own.",
        );
        assert_eq!(d.summary, "missing “the author's”");
    }
}
