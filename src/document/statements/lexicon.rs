//! The words the statement grammars read, from the pack's `[statements]` table: sets of
//! normalised words (verbs listed by lemma, every regular inflection derived) and phrases.

use std::collections::HashSet;

use super::tokens::{normalise, tokenize};

/// A set of normalised words.
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<String, foldhash::fast::RandomState>);

impl WordSet {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        Self(words.into_iter().map(normalise).collect())
    }

    /// Verbs given by lemma: the set holds each lemma and its regular inflections
    /// (reflect: reflects, reflected, reflecting). Irregular forms are listed as words.
    pub fn verbs<'a>(lemmas: impl IntoIterator<Item = &'a str>) -> Self {
        Self(
            lemmas
                .into_iter()
                .flat_map(|l| inflections(&normalise(l)))
                .collect(),
        )
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    pub(crate) fn extend(&mut self, other: &WordSet) {
        self.0.extend(other.0.iter().cloned());
    }
}

/// Phrases as token sequences ("editor's note", "ed. note").
#[derive(Debug, Clone, Default)]
pub struct Phrases(Vec<Vec<String>>);

impl Phrases {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Self {
        Self(
            phrases
                .into_iter()
                .map(|p| tokenize(p).into_iter().map(|t| t.norm).collect::<Vec<_>>())
                .filter(|p| !p.is_empty())
                .collect(),
        )
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &[String]> {
        self.0.iter().map(Vec::as_slice)
    }

    /// The first words of every phrase, for the quick test of whether a passage may hold one.
    pub(crate) fn first_words(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|p| p.first().map(String::as_str))
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A lemma and its regular inflections: -s, -ed, -ing, with the spelling rules of English
/// (publish: publishes; copy: copies, copied; run: running; state: stated, stating).
fn inflections(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let chars: Vec<char> = lemma.chars().collect();
    let (Some(&last), Some(&before)) = (
        chars.last(),
        chars.len().checked_sub(2).and_then(|i| chars.get(i)),
    ) else {
        return out;
    };
    let stem = &lemma[..lemma.len() - last.len_utf8()];
    // Third person.
    if last == 'y' && !is_vowel(before) {
        out.push(format!("{stem}ies"));
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        out.push(format!("{lemma}es"));
    } else {
        out.push(format!("{lemma}s"));
    }
    // A short closed syllable doubles its consonant: run -> running, stop -> stopped.
    let doubles = chars.len() == 3
        && !is_vowel(last)
        && !matches!(last, 'w' | 'x' | 'y')
        && is_vowel(before)
        && chars.first().is_some_and(|&c| !is_vowel(c));
    if last == 'e' {
        out.push(format!("{lemma}d"));
        out.push(if before == 'e' {
            format!("{lemma}ing")
        } else {
            format!("{stem}ing")
        });
    } else if last == 'y' && !is_vowel(before) {
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else if doubles {
        out.push(format!("{lemma}{last}ed"));
        out.push(format!("{lemma}{last}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        assert_eq!(
            inflections("reflect"),
            ["reflect", "reflects", "reflected", "reflecting"]
        );
        assert_eq!(
            inflections("state"),
            ["state", "states", "stated", "stating"]
        );
        assert_eq!(inflections("copy"), ["copy", "copies", "copied", "copying"]);
        assert_eq!(
            inflections("publish"),
            ["publish", "publishes", "published", "publishing"]
        );
        // Irregular past forms ("ran") are listed in the pack; "runned" is harmless.
        assert!(inflections("run").contains(&"running".to_string()));
        assert_eq!(
            inflections("agree"),
            ["agree", "agrees", "agreed", "agreeing"]
        );
    }
}
