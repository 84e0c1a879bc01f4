//! Words of a block's prose, two ways: words as the prose rules read them (letters and
//! digits with inner apostrophes and hyphens), and words as the length rules count them
//! (whitespace-separated runs holding a letter, a digit or a code span).

use std::ops::Range;

/// Whether a character belongs to a word: letters, digits, and an apostrophe or hyphen
/// between two of them ("don’t", "well-known").
fn joins_word(text: &str, i: usize, c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    if !matches!(c, '\'' | '’' | '-') {
        return false;
    }
    let before = text.get(..i).and_then(|t| t.chars().next_back());
    let after = text.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
}

/// The words of a text, as byte ranges: runs of letters and digits, with inner
/// apostrophes and hyphens.
pub(crate) fn words(text: &str) -> Vec<Range<usize>> {
    word_iter(text).collect()
}

/// [`words`], one at a time, for a caller that needs only the first few.
pub(crate) fn word_iter(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices();
    let mut start: Option<usize> = None;
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (start, joins_word(text, i, c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some(s..i);
                }
                _ => {}
            }
        }
        start.take().map(|s| s..text.len())
    })
}

/// The words a length rule counts: whitespace-separated runs holding a letter, a digit or a code
/// span.
pub(crate) fn counted_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        let mut counts = false;
        while let Some(&b) = bytes.get(at) {
            // ASCII is read byte by byte; anything else as the char it starts.
            let (space, word, len) = if b.is_ascii() {
                // The ASCII chars of `char::is_whitespace`: \t \n \x0B \x0C \r and space.
                (
                    matches!(b, b'\t'..=b'\r' | b' '),
                    b.is_ascii_alphanumeric(),
                    1,
                )
            } else {
                let c = text.get(at..).and_then(|t| t.chars().next()).unwrap_or(' ');
                (
                    c.is_whitespace(),
                    c.is_alphanumeric() || c == super::prose::OBJECT,
                    c.len_utf8(),
                )
            };
            if space {
                if let Some(s) = start.take()
                    && counts
                {
                    let found = s..at;
                    at += len;
                    return Some(found);
                }
                counts = false;
            } else {
                start.get_or_insert(at);
                counts |= word;
            }
            at += len;
        }
        start.filter(|_| counts).map(|s| s..text.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "Don’t over-think it - 4 times.";
        let w: Vec<&str> = words(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(w, ["Don’t", "over-think", "it", "4", "times"]);
        let t = "it’s-";
        assert_eq!(word_iter(t).map(|r| &t[r]).collect::<Vec<_>>(), ["it’s"]);
        assert_eq!(word_iter("").next(), None);
    }

    #[test]
    fn words_are_runs_with_a_letter_a_digit_or_code() {
        let t = "A well-known – rule: \u{fffc} costs $5 …";
        let w: Vec<&str> = counted_words(t).map(|r| &t[r]).collect();
        assert_eq!(w, ["A", "well-known", "rule:", "\u{fffc}", "costs", "$5"]);
        assert_eq!(counted_words(" a … b").collect::<Vec<_>>(), [1..2, 7..8]);
        assert_eq!(counted_words("").count(), 0);
    }
}
