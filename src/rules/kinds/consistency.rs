//! One spelling or one name for the same thing throughout an article (color or colour, Azeri or Azerbaijani).
//!
//! ## What it does
//! The pack lists `variants`: sets of forms of one word or one name, such as
//! `["color", "colour"]` or `["Azerbaijani", "Azeri"]`. In each set, one form is the
//! article's: the form in the `prefer` column when the pack names one (`columns =
//! ["US", "UK"]`, `prefer = "US"`), else a form listed in `preferred`, else the form the
//! article uses first outside quotations. Every other form of the set is reported where
//! it appears.
//!
//! Forms are matched as whole words with the pack's `inflections` ("colours",
//! "coloured", "recognising", "organisation"): a final `e` drops before an ending that
//! starts with a vowel ("centre" -> "centred"), unless a doubled consonant precedes it
//! ("programme" -> "programmes" only). A form written in lowercase matches in any case,
//! but a capitalized match inside a sentence is part of a name and is left alone
//! ("Ministry of Defence", "Labour Party", "Pearl Harbor"); a form written with a
//! capital matches only as written. Code and template tags are never read.
//!
//! ## Why is this bad?
//! A piece that writes "color" in one paragraph and "colour" in the next, or calls the
//! same people Azeris and Azerbaijanis, looks unedited, and a reader may wonder whether
//! two names mean two things.
//!
//! ## Example
//! ```markdown
//! The colors of the flag were chosen in 1918. The colours were restored in 1991.
//! ```
//! Use instead:
//! ```markdown
//! The colors of the flag were chosen in 1918. The colors were restored in 1991.
//! ```
//!
//! ## Options
//! - `variants` (list of lists): the forms of each word or name.
//! - `columns` (list): names for the positions in each set (`["US", "UK"]`), used by
//!   `prefer` and in messages as `{variant}` and `{house}`.
//! - `prefer` (string): the column whose forms are the house's; empty for "the first
//!   form used wins".
//! - `preferred` (list): forms that are the house's in their set, whatever comes first.
//! - `inflections` (list): endings a form may take.
//! - `ignore` (list): forms that are never matched, because another word or both
//!   varieties write them so ("analyses", the plural of "analysis"; "central").
//! - `fix` (`"safe"`, `"unsafe"`, `"display-only"`): how the replacement is offered.
//!
//! Messages: `message` when the first form used wins, `house` when the pack names the
//! form; with `{text}` (the form found), `{form}` (the form to use), `{variant}` and
//! `{house}` (their columns).
//!
//! ## Fix safety
//! The replacement keeps the ending and the capital of the word found. Its safety is the
//! rule's `fix` setting (safe for spellings, unsafe for names, whose choice can carry
//! meaning), and it is never more than unsafe inside a quotation or link text.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::Texts;
use crate::rules::support::attribution::template_spans;
use crate::rules::support::body::{
    body_blocks, exact_source, fix, link_texts, match_case, starts_sentence,
};
use crate::rules::support::hash::WordMap;
use crate::rules::support::ranges::{Covering, within};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "consistency",
        doc: kind_doc!("rules/consistency"),
        messages: &["house"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FixKind {
    #[default]
    Safe,
    Unsafe,
    DisplayOnly,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    variants: Vec<Vec<String>>,
    columns: Vec<String>,
    prefer: String,
    preferred: Vec<String>,
    inflections: Vec<String>,
    ignore: Vec<String>,
    fix: FixKind,
}

/// What a matched form is: which set, which form of it, with which ending.
#[derive(Debug, Clone)]
struct Form {
    set: usize,
    variant: usize,
    ending: String,
}

struct Consistency {
    variants: Vec<Vec<String>>,
    columns: Vec<String>,
    /// Per set, the house form's index, when the pack names one.
    house: Vec<Option<usize>>,
    /// Forms written in lowercase: matched in any case.
    any_case: Option<Finder>,
    any_case_forms: Vec<Form>,
    /// Forms written with a capital: matched as written.
    exact: Option<Finder>,
    exact_forms: Vec<Form>,
    applicability: Applicability,
    texts: Texts,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// A variant with an ending.
fn inflect(variant: &str, ending: &str) -> String {
    let mut chars = variant.chars().rev();
    let drops = ending.starts_with(is_vowel)
        && variant.ends_with('e')
        && chars.nth(1).zip(chars.next()).is_none_or(|(a, b)| a != b);
    match (drops, variant.strip_suffix('e')) {
        (true, Some(stem)) => format!("{stem}{ending}"),
        _ => format!("{variant}{ending}"),
    }
}

impl Params {
    /// The column `prefer` names, if it names one.
    fn prefer_column(&self) -> Result<Option<usize>, ParamError> {
        if self.prefer.is_empty() {
            return Ok(None);
        }
        let column = self
            .columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(&self.prefer));
        match column {
            Some(i) => Ok(Some(i)),
            None => Err(ParamError::new(
                "prefer",
                format!(
                    "`prefer` names no column: `{}` is not in `columns`",
                    self.prefer
                ),
            )),
        }
    }
}

impl Build for Params {
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        self.prefer_column()?;
        for (i, set) in self.variants.iter().enumerate() {
            if set.len() < 2 || set.iter().any(|v| v.trim().is_empty()) {
                return Err(ParamError::new(
                    format!("variants.{i}"),
                    "each set of variants needs two or more non-empty forms",
                ));
            }
        }
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let prefer_column = p.prefer_column()?;
        let house = p
            .variants
            .iter()
            .map(|set| {
                prefer_column
                    .filter(|c| *c < set.len())
                    .or_else(|| set.iter().position(|v| p.preferred.contains(v)))
            })
            .collect();
        let ignore: Vec<String> = p.ignore.iter().map(|w| w.trim().to_lowercase()).collect();
        let mut endings: Vec<String> = vec![String::new()];
        endings.extend(p.inflections.iter().cloned());
        let mut lower: Vec<(String, Form)> = Vec::new();
        let mut upper: Vec<(String, Form)> = Vec::new();
        for (set, forms) in p.variants.iter().enumerate() {
            for (variant, v) in forms.iter().enumerate() {
                for ending in &endings {
                    let form = Form {
                        set,
                        variant,
                        ending: ending.clone(),
                    };
                    let text = inflect(v, ending);
                    if ignore.contains(&text.to_lowercase()) {
                        continue;
                    }
                    if v.chars().any(char::is_uppercase) {
                        upper.push((text, form));
                    } else {
                        lower.push((text, form));
                    }
                }
            }
        }
        let automaton = |list: &[(String, Form)], case_insensitive: bool| {
            if list.is_empty() {
                return Ok(None);
            }
            Finder::new(list.iter().map(|(t, _)| t.as_str()), case_insensitive)
                .map(Some)
                .map_err(|e| ParamError::new("variants", e.to_string()))
        };
        Ok(Box::new(Consistency {
            any_case: automaton(&lower, true)?,
            any_case_forms: lower.into_iter().map(|(_, f)| f).collect(),
            exact: automaton(&upper, false)?,
            exact_forms: upper.into_iter().map(|(_, f)| f).collect(),
            variants: p.variants,
            columns: p.columns,
            house,
            applicability: match p.fix {
                FixKind::Safe => Applicability::Safe,
                FixKind::Unsafe => Applicability::Unsafe,
                FixKind::DisplayOnly => Applicability::DisplayOnly,
            },
            texts: setup.texts.clone(),
        }))
    }
}

/// Finds the listed forms in a text, as Aho-Corasick does (leftmost-longest, ASCII case
/// folded or not), of which only whole words are kept.
enum Finder {
    /// Every form is one word (letters, digits, `_`): a match can then only be a whole
    /// word, so the words of the text are looked up instead of building an automaton
    /// over thousands of forms, which was most of the cost of loading the policy. A form
    /// listed twice is the first one, as in the automaton.
    Words {
        forms: WordMap<Box<str>, usize>,
        shortest: usize,
        fold: bool,
        longest: usize,
    },
    Automaton(AhoCorasick),
}

impl Finder {
    fn new<'a>(
        forms: impl Iterator<Item = &'a str> + Clone,
        fold: bool,
    ) -> Result<Self, aho_corasick::BuildError> {
        let one_word = |f: &str| !f.is_empty() && f.chars().all(is_word_char);
        if forms.clone().all(one_word) {
            let mut table = WordMap::default();
            let mut longest = 0;
            let mut shortest = usize::MAX;
            for (i, f) in forms.enumerate() {
                let key = if fold {
                    f.to_ascii_lowercase()
                } else {
                    f.to_string()
                };
                longest = longest.max(key.len());
                shortest = shortest.min(key.len());
                table.entry(key.into_boxed_str()).or_insert(i);
            }
            return Ok(Finder::Words {
                forms: table,
                fold,
                shortest,
                longest,
            });
        }
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(fold)
            .build(forms)
            .map(Finder::Automaton)
    }

    /// The matches in `text` that are whole words: (range, form index), in order.
    fn whole_words(&self, text: &str, out: &mut Vec<(Range<usize>, usize)>) {
        match self {
            Finder::Automaton(ac) => {
                for m in ac.find_iter(text) {
                    let range = m.range();
                    let before = text.get(..range.start).and_then(|t| t.chars().next_back());
                    let after = text.get(range.end..).and_then(|t| t.chars().next());
                    if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
                        out.push((range, m.pattern().as_usize()));
                    }
                }
            }
            Finder::Words {
                forms,
                fold,
                shortest,
                longest,
            } => {
                let mut key = String::new();
                let mut start = None;
                for (i, c) in text
                    .char_indices()
                    .chain(std::iter::once((text.len(), ' ')))
                {
                    match (start, is_word_char(c)) {
                        (None, true) => start = Some(i),
                        (Some(s), false) => {
                            start = None;
                            if !(*shortest..=*longest).contains(&(i - s)) {
                                continue;
                            }
                            let Some(word) = text.get(s..i) else { continue };
                            let found = if *fold {
                                key.clear();
                                key.push_str(word);
                                key.make_ascii_lowercase();
                                forms.get(key.as_str())
                            } else {
                                forms.get(word)
                            };
                            if let Some(&form) = found {
                                out.push((s..i, form));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

/// One use of a listed form in the article.
struct Use {
    block: usize,
    range: Range<usize>,
    form: Form,
    /// Inside a quotation or link text.
    protected: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Consistency {
    fn uses(&self, cx: &Context<'_>) -> Vec<Use> {
        let mut out = Vec::new();
        let mut found = Vec::new();
        for (index, block) in body_blocks(cx) {
            let text = &block.prose.text;
            // Template tags and protected spans are looked for once a form is found.
            let templates = OnceCell::new();
            let protected = OnceCell::new();
            let searches = [
                (&self.any_case, &self.any_case_forms, true),
                (&self.exact, &self.exact_forms, false),
            ];
            for (finder, forms, any_case) in searches {
                let Some(finder) = finder else { continue };
                found.clear();
                finder.whole_words(text, &mut found);
                for (range, form) in found.drain(..) {
                    if within(templates.get_or_init(|| template_spans(text)), &range) {
                        continue;
                    }
                    let Some(form) = forms.get(form) else {
                        continue;
                    };
                    let word = text.get(range.clone()).unwrap_or("");
                    // A capital inside a sentence makes a lowercase form part of a name.
                    if any_case
                        && word.starts_with(char::is_uppercase)
                        && !starts_sentence(block, range.start)
                    {
                        continue;
                    }
                    let protected = protected.get_or_init(|| {
                        let mut spans = block.quoted().to_vec();
                        spans.extend(link_texts(cx, index));
                        Covering::new(spans)
                    });
                    out.push(Use {
                        block: index,
                        protected: protected.covers_end(range.start + 1, range.end),
                        range,
                        form: form.clone(),
                    });
                }
            }
        }
        out.sort_by_key(|u| (u.block, u.range.start));
        out
    }

    /// The form of `set`'s `variant` with the ending of `like`.
    fn form_like(&self, set: usize, variant: usize, like: &Form) -> Option<String> {
        let v = self.variants.get(set)?.get(variant)?;
        Some(inflect(v, &like.ending))
    }
}

impl Check for Consistency {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let uses = self.uses(cx);
        if uses.is_empty() {
            return;
        }
        // The article's form of each set: the house's, or the first used outside quotations.
        let mut chosen: HashMap<usize, (usize, bool)> = HashMap::new();
        for u in uses.iter().filter(|u| !u.protected).chain(uses.iter()) {
            chosen.entry(u.form.set).or_insert_with(|| {
                match self.house.get(u.form.set).copied().flatten() {
                    Some(h) => (h, true),
                    None => (u.form.variant, false),
                }
            });
        }
        for u in &uses {
            let Some(&(winner, house)) = chosen.get(&u.form.set) else {
                continue;
            };
            if u.form.variant == winner {
                continue;
            }
            let Some(block) = cx.doc.blocks.get(u.block) else {
                continue;
            };
            let found = block.prose.text.get(u.range.clone()).unwrap_or("");
            let Some(replacement) = self
                .form_like(u.form.set, winner, &u.form)
                .map(|r| match_case(found, &r))
            else {
                continue;
            };
            let column = |i: usize| self.columns.get(i).map_or("", String::as_str);
            let template = if house {
                self.texts.get("house")
            } else {
                self.texts.message.as_str()
            };
            let message = fill(
                template,
                &[
                    ("text", found),
                    ("form", &replacement),
                    ("variant", column(u.form.variant)),
                    ("house", column(winner)),
                ],
            );
            let mut d = Diagnostic::new(message, block.prose.to_source(u.range.clone()))
                .with_label(format!("`{replacement}`"))
                .with_help(self.texts.help.clone());
            if let Some(span) = exact_source(cx, block, u.range.clone()) {
                let applicability = if u.protected && self.applicability == Applicability::Safe {
                    Applicability::Unsafe
                } else {
                    self.applicability
                };
                d.fix = Some(fix(
                    format!("Write `{replacement}`"),
                    applicability,
                    vec![(span, replacement.clone())],
                ));
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_drop_a_final_e_before_a_vowel() {
        assert_eq!(inflect("centre", "ed"), "centred");
        assert_eq!(inflect("organise", "ation"), "organisation");
        assert_eq!(inflect("colour", "ed"), "coloured");
        assert_eq!(inflect("programme", "ing"), "programmeing");
        assert_eq!(inflect("centre", "s"), "centres");
    }

    #[test]
    fn looking_up_words_finds_what_the_automaton_finds() {
        let forms = [
            "color",
            "colors",
            "colour",
            "travelers",
            "traveler",
            "travelers",
            "naïve",
            "x_y",
        ];
        let text = "Color, colours; COLORS colorful travelers’ TRAVELERS naïve naÏve \
                    x_y x_yz über-color _color color_ 9color colour";
        for fold in [true, false] {
            let words = Finder::new(forms.iter().copied(), fold).unwrap();
            assert!(matches!(words, Finder::Words { .. }));
            let automaton = Finder::Automaton(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(fold)
                    .build(forms)
                    .unwrap(),
            );
            let (mut a, mut b) = (Vec::new(), Vec::new());
            words.whole_words(text, &mut a);
            automaton.whole_words(text, &mut b);
            assert_eq!(a, b);
            assert!(a.len() >= 5);
        }
        let phrases = Finder::new(["Cabo Verde", "Verde"].into_iter(), false).unwrap();
        assert!(matches!(phrases, Finder::Automaton(_)));
    }
}
