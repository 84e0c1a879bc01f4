//! Tokens of one passage for the statement grammars: words in a normalised form (lower
//! case, straight apostrophes) and every other visible character as a token of its own,
//! each with its byte range in the passage.

use std::ops::Range;

use crate::document::words::word_iter;

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub(crate) range: Range<usize>,
    /// Lower case with straight apostrophes; punctuation as itself (curly quotes straight).
    pub(crate) norm: String,
    pub(crate) word: bool,
    /// Starts with an upper-case letter (a name, or a sentence start).
    pub(crate) cap: bool,
}

impl Tok {
    pub(crate) fn is(&self, word: &str) -> bool {
        self.norm == word
    }

    /// The word without a possessive ending: "author's" -> "author".
    pub(crate) fn base(&self) -> &str {
        self.norm.strip_suffix("'s").unwrap_or(&self.norm)
    }

    /// A year of a citation: four digits from 1500 to 2100.
    pub(crate) fn is_year(&self) -> bool {
        self.word
            && self.norm.len() == 4
            && self
                .norm
                .parse::<u16>()
                .is_ok_and(|y| (1500..=2100).contains(&y))
    }

    pub(crate) fn is_possessive(&self) -> bool {
        self.norm.ends_with("'s")
    }
}

/// A word normalised the way [`Tok::norm`] is.
pub(crate) fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            '“' | '”' => out.push('"'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The tokens of `text`, in order.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in word_iter(text) {
        punctuation(text, at..word.start, &mut out);
        let s = text.get(word.clone()).unwrap_or("");
        out.push(Tok {
            norm: normalise(s),
            cap: s.chars().next().is_some_and(char::is_uppercase),
            range: word.clone(),
            word: true,
        });
        at = word.end;
    }
    punctuation(text, at..text.len(), &mut out);
    out
}

fn punctuation(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let Some(gap) = text.get(range.clone()) else {
        return;
    };
    for (i, c) in gap.char_indices() {
        if c.is_whitespace() || c == crate::document::prose::OBJECT {
            continue;
        }
        let start = range.start + i;
        out.push(Tok {
            norm: normalise(&c.to_string()),
            cap: false,
            range: start..start + c.len_utf8(),
            word: false,
        });
    }
}

/// Whether the tokens from `at` are `phrase` (token norms, punctuation included, as
/// [`tokenize`] splits the phrase): the index after its last token.
pub(crate) fn starts_with(toks: &[Tok], at: usize, phrase: &[String]) -> Option<usize> {
    let mut i = at;
    for word in phrase {
        let t = toks.get(i)?;
        if t.norm != *word {
            return None;
        }
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation_keep_their_ranges() {
        let toks = tokenize("Editor’s note: *the* views");
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["editor's", "note", ":", "*", "the", "*", "views"]);
        assert_eq!(toks.first().map(|t| t.range.clone()), Some(0..10));
        assert!(toks.first().is_some_and(|t| t.cap && t.is_possessive()));
        assert_eq!(toks.first().map(Tok::base), Some("editor"));
    }
}
