//! The author-views disclaimer, by meaning: a sentence that says the views in the piece
//! are the author's own, or that they are not (necessarily) those of someone else, or that
//! the author writes in a personal capacity, and that is about this piece or its author.
//!
//! "The opinions expressed in this article are her own", "All views my own", "The views
//! of the author do not necessarily reflect the policy of X", "This post reflects my
//! personal opinion", "The author writes in a personal capacity", "I don't speak for my
//! employer". Not: "his views are his own business", "views different from my own", "the
//! views expressed by the minister do not reflect reality", "the opinions expressed in the
//! resources linked above …", "This editorial reflects the views of the board", a quoted
//! "views are my own", a sentence that opens "When …" or "If …".

use super::tokens::Tok;
use super::{Lexicon, Sentence};

/// Possessives that can own the views.
const POSSESSIVES: &[&str] = &["my", "his", "her", "their", "our", "its"];
/// Possessives of the writer: "my opinion", "our views".
const WRITERS: &[&str] = &["my", "our"];
/// "The views are mine", "hers alone".
const MINE: &[&str] = &["mine", "hers", "his", "theirs", "ours"];
/// Words that may follow "own" in "are my own …" without making it "my own business".
const AFTER_OWN: &[&str] = &[
    "and",
    "alone",
    "only",
    "not",
    "or",
    "but",
    "rather",
    "personal",
    "individual",
    "entirely",
    "solely",
    "as",
    "in",
    "nor",
    "which",
    "that",
];
/// Verbs that join the views to their owner: "the views … are my own".
const COPULAS: &[&str] = &[
    "are",
    "is",
    "were",
    "was",
    "remain",
    "remains",
    "be",
    "reflect",
    "reflects",
    "represent",
    "represents",
    "belong",
];
/// Words between the views and "my own" that make them someone else's: "views different
/// from my own", "better than my own".
const COMPARISONS: &[&str] = &["from", "than", "to", "with", "unlike", "like", "besides"];
/// First-person words: a writer speaking of their own views.
const FIRST_PERSON: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "my", "mine", "me", "myself", "we", "our", "ours",
];
/// Words after a participle that point at this piece: "expressed here".
const HERE: &[&str] = &["here", "herein", "hereunder", "above", "below", "therein"];
/// Prepositions before a piece noun: "in this article".
const IN: &[&str] = &["in", "on", "within", "throughout", "by", "from"];
const DETERMINERS: &[&str] = &[
    "this", "these", "the", "my", "our", "her", "his", "their", "its",
];
/// Participles that place the views somewhere: "the views expressed in …".
const PLACED: &[&str] = &[
    "expressed",
    "contained",
    "presented",
    "stated",
    "found",
    "shared",
    "offered",
    "voiced",
    "given",
    "published",
    "posted",
];
/// Adverbs between a negation and its verb: "do not necessarily reflect".
const HEDGES: &[&str] = &[
    "necessarily",
    "always",
    "in",
    "any",
    "way",
    "officially",
    "entirely",
    "fully",
    "also",
    "be",
    "being",
    "been",
    "to",
    "intended",
    "meant",
    "purport",
    "claim",
    "seek",
];
/// Verbs of the sentences that say an article's views are someone's: "This post reflects …".
const CARRIES: &[&str] = &[
    "reflect",
    "reflects",
    "represent",
    "represents",
    "express",
    "expresses",
    "contain",
    "contains",
    "is",
    "are",
    "gives",
    "offers",
    "presents",
];
/// A sentence opening with these is conditional or subordinate: "When a columnist's views
/// are not those of the editors, …".
const SUBORDINATE: &[&str] = &[
    "when", "whenever", "if", "unless", "whether", "because", "although", "though", "while",
    "once", "since", "should",
];

fn is_negation(t: &Tok) -> bool {
    matches!(
        t.norm.as_str(),
        "not" | "never" | "nor" | "neither" | "no" | "nothing"
    ) || t.norm.ends_with("n't")
}

fn is(t: Option<&Tok>, list: &[&str]) -> bool {
    t.is_some_and(|t| list.contains(&t.norm.as_str()))
}

/// Whether the sentence is an author-views disclaimer.
pub(super) fn is_statement(lex: &Lexicon, s: &Sentence<'_>) -> bool {
    let toks = unquoted(s.toks);
    let toks = toks.as_slice();
    if is(toks.iter().find(|t| t.word), SUBORDINATE) {
        return false;
    }
    let opinion = (0..toks.len()).find(|&i| opinion_noun(lex, toks, i));
    let endorse = not_endorsed(lex, toks);
    let own = own(lex, toks);
    if piece_subject(lex, toks) && (endorse || piece_carries_own_views(lex, toks)) {
        return true;
    }
    let writes = toks.iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "writes"
                | "wrote"
                | "written"
                | "writing"
                | "write"
                | "contributed"
                | "contributes"
                | "authored"
                | "blogs"
                | "posts"
        )
    });
    if (capacity(toks) || speaks_for(lex, toks)) && (author_anchor(lex, toks) || writes) {
        return true;
    }
    if s.labelled && (endorse || own) && (opinion.is_some() || author_anchor(lex, toks)) {
        return true;
    }
    let Some(first) = opinion else {
        return false;
    };
    // "the views of readers do not represent …": the views are someone else's.
    if views_of_others(lex, toks, first) {
        return false;
    }
    let elsewhere =
        (0..toks.len()).any(|o| opinion_noun(lex, toks, o) && placed_elsewhere(lex, toks, o));
    (own || endorse) && !elsewhere && ((own && endorse) || anchored(lex, s, toks))
}

/// Whether token `i` is an opinion noun used as a noun: "my take", not "I take"; "the
/// view", not "I view it".
fn opinion_noun(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    let verb_before = i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
        matches!(
            p.norm.as_str(),
            "i" | "we"
                | "you"
                | "they"
                | "to"
                | "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "must"
                | "may"
                | "might"
                | "not"
                | "also"
                | "often"
                | "always"
                | "never"
        ) || p.norm.ends_with("n't")
    });
    lex.opinion_nouns.contains(&t.norm) && !verb_before
}

/// The views at token `o` belong to someone other than the author: "the views of
/// readers", "opinions of commenters" (not "the views of the author(s)").
fn views_of_others(lex: &Lexicon, toks: &[Tok], o: usize) -> bool {
    let words: Vec<&Tok> = toks.iter().skip(o + 1).filter(|t| t.word).take(3).collect();
    let Some((of, rest)) = words.split_first() else {
        return false;
    };
    if !of.is("of") {
        return false;
    }
    let owner = rest
        .iter()
        .find(|w| !matches!(w.norm.as_str(), "the" | "its" | "our" | "their"));
    owner.is_some_and(|w| {
        !(lex.author_nouns.contains(w.base())
            || FIRST_PERSON.contains(&w.norm.as_str())
            || matches!(w.norm.as_str(), "this" | "these"))
    })
}

/// Whether the sentence could continue a disclaimer begun in the one before it: "They do
/// not reflect the views of my employer."
pub(super) fn continues(lex: &Lexicon, s: &Sentence<'_>) -> bool {
    let toks = s.toks;
    let first = toks.iter().find(|t| t.word);
    is(
        first,
        &[
            "they", "these", "it", "this", "nor", "neither", "such", "none", "and", "nothing", "i",
            "i'm",
        ],
    ) && (not_endorsed(lex, toks) || own(lex, toks) || speaks_for(lex, toks) || capacity(toks))
}

/// The tokens outside quotation marks: a quoted "views are my own" is a mention. A single
/// quote opens after a space and closes before one (an apostrophe ending "companies'"
/// closes nothing that did not open).
fn unquoted(toks: &[Tok]) -> Vec<Tok> {
    let adjacent = |a: Option<&Tok>, b: Option<&Tok>| match (a, b) {
        (Some(a), Some(b)) => a.range.end == b.range.start,
        _ => false,
    };
    let mut inside: Option<&str> = None;
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        let next = toks.get(i + 1);
        match (inside, t.norm.as_str()) {
            (None, "\"") => inside = Some("\""),
            (Some("\""), "\"") => inside = None,
            (None, "'") if !adjacent(prev, Some(t)) && adjacent(Some(t), next) => {
                inside = Some("'")
            }
            (Some("'"), "'") if adjacent(prev, Some(t)) => inside = None,
            (None, _) => out.push(t.clone()),
            _ => {}
        }
    }
    // An unpaired mark quotes nothing.
    if inside.is_some() { toks.to_vec() } else { out }
}

/// "are my own", "are the author's own", "are mine", "are those of the author".
fn own(lex: &Lexicon, toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        let next = toks.get(i + 1);
        let ends_clause = next.is_none_or(|n| !n.word) || is(next, AFTER_OWN);
        let joined = || joined_to_views(lex, toks, i);
        match t.norm.as_str() {
            "own" => {
                let owner = is(prev, POSSESSIVES)
                    || prev.is_some_and(|p| p.is_possessive() && lex.author_nouns.contains(p.base()))
                    // "the authors' own": the apostrophe is a token of its own.
                    || (prev.is_some_and(|p| p.is("'"))
                        && i.checked_sub(2)
                            .and_then(|p| toks.get(p))
                            .is_some_and(|a| lex.author_nouns.contains(&a.norm)));
                owner
                    && ((ends_clause && joined())
                        || (next.is_some_and(|n| lex.opinion_nouns.contains(&n.norm))
                            && views_are_the_subject(toks)))
            }
            // "are mine", "are his alone"; not "his or her device".
            w if MINE.contains(&w) => {
                (next.is_none_or(|n| !n.word) || is(next, &["alone", "only", "entirely", "and"]))
                    && joined()
            }
            // "Views are personal", "are strictly personal".
            "personal" => {
                ends_clause
                    && !is(next, &["capacity"])
                    && (is(prev, COPULAS) || (is(prev, &["strictly", "purely", "entirely"]) && joined()))
                    && joined()
            }
            // "are the responsibility of the author(s)".
            "responsibility" => {
                is(next, &["of"])
                    && toks.get(i + 2..(i + 5).min(toks.len())).is_some_and(|w| {
                        w.iter().any(|w| {
                            lex.author_nouns.contains(w.base()) || is(Some(w), FIRST_PERSON)
                        })
                    })
            }
            "those" | "that" => {
                is(next, &["of"])
                    && toks
                        .get(i + 2..(i + 5).min(toks.len()))
                        .is_some_and(|w| w.iter().any(|w| lex.author_nouns.contains(w.base())))
            }
            _ => false,
        }
    })
}

/// Whether the owner at token `i` is joined to views named before it by a verb, not
/// compared with them: "the views … are my own", not "views different from my own".
fn joined_to_views(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let before = toks.get(..i).unwrap_or_default();
    let Some(o) = before
        .iter()
        .rposition(|t| lex.opinion_nouns.contains(&t.norm))
    else {
        // "All my own views" has none before; "Views my own" is handled by the caller.
        return false;
    };
    let between = before.get(o + 1..).unwrap_or_default();
    !between
        .iter()
        .any(|t| COMPARISONS.contains(&t.norm.as_str()))
        && (between.iter().any(|t| COPULAS.contains(&t.norm.as_str()))
            // "Views my own".
            || between.iter().all(|t| !t.word || POSSESSIVES.contains(&t.norm.as_str())))
}

/// "These are my own views", "This is my own opinion": the views are what the sentence
/// is about, not "It is my own view that the policy failed".
fn views_are_the_subject(toks: &[Tok]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.word)
        .take(3)
        .map(|t| t.norm.as_str())
        .collect();
    matches!(
        words.as_slice(),
        ["these" | "they" | "all", "are", ..] | ["this" | "it", "is", ..]
    ) && toks.iter().filter(|t| t.word).count() <= 16
}

/// "do not (necessarily) reflect the views of X", "are not those of X", "are not official
/// views of X", "should not be attributed to X", "not endorsed by X", "is not represented
/// by the author".
fn not_endorsed(lex: &Lexicon, toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        if !is_negation(t) {
            return false;
        }
        let mut j = i + 1;
        while is(toks.get(j), HEDGES)
            && !toks
                .get(j)
                .is_some_and(|t| lex.reflect_verbs.contains(&t.norm))
        {
            j += 1;
        }
        let Some(verb) = toks.get(j) else {
            return false;
        };
        if lex.reflect_verbs.contains(&verb.norm) {
            let object = toks
                .get(j + 1..(j + 12).min(toks.len()))
                .unwrap_or_default();
            // "is not represented by the author".
            let by_author = is(object.first(), &["by"])
                && object
                    .iter()
                    .take(3)
                    .any(|w| lex.author_nouns.contains(w.base()));
            // The object names a stance or a body: "the views of", "X's policy", "my employer".
            // "those" and "that" only as "those of X".
            let stance = object.iter().enumerate().any(|(k, w)| {
                lex.stance_nouns.contains(w.base())
                    && (!is(Some(w), &["those", "that"]) || is(object.get(k + 1), &["of"]))
            });
            return by_author || stance;
        }
        if lex.construe_verbs.contains(&verb.norm) {
            return is(toks.get(j + 1), &["as", "to", "by"]);
        }
        if verb.norm.starts_with("endors") {
            return true;
        }
        // "are not (necessarily) those of X", "not the official views of X", "not official
        // NOAA positions."
        let words: Vec<(usize, &Tok)> = toks
            .iter()
            .enumerate()
            .skip(j)
            .take_while(|(_, t)| t.word || t.is("\"") || t.is("'"))
            .filter(|(_, t)| t.word)
            .take(5)
            .collect();
        // At the end of the clause, only a stance that is someone's: "not official NOAA
        // positions", not "not my opinion". The words before the stance qualify it: "not
        // the official views of", not "not the genitals being in view of".
        let owned = words
            .iter()
            .any(|(_, w)| w.cap || w.norm.starts_with("official"));
        let qualifiers = |w: &Tok| {
            w.cap
                || matches!(
                    w.norm.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "any"
                        | "official"
                        | "officially"
                        | "necessarily"
                        | "always"
                        | "formal"
                        | "institutional"
                        | "corporate"
                        | "their"
                        | "its"
                )
        };
        let upto = words
            .iter()
            .position(|(_, w)| !qualifiers(w))
            .map_or(words.len(), |p| p + 1);
        let words = words.get(..upto).unwrap_or_default();
        words.iter().any(|(k, w)| {
            lex.stance_nouns.contains(w.base()) && toks.get(k + 1).is_some_and(|n| n.is("of"))
                || (owned
                    && !is(Some(w), &["those", "that"])
                    && lex.stance_nouns.contains(w.base())
                    && toks.get(k + 1).is_none_or(|n| !n.word))
        })
    })
}

/// The sentence (or its clause after a colon) opens with this piece as its subject: "This
/// article …", "This blog post …", "… : what follows is my take".
fn piece_subject(lex: &Lexicon, toks: &[Tok]) -> bool {
    let clause = toks
        .iter()
        .rposition(|t| matches!(t.norm.as_str(), ":" | ";" | "—"))
        .map_or(0, |c| c + 1);
    [0, clause].into_iter().any(|from| {
        let mut words = toks
            .iter()
            .skip(from)
            .filter(|t| t.word)
            .map(|t| t.norm.as_str());
        match (words.next(), words.next()) {
            (Some("this"), Some(noun)) => lex.piece_nouns.contains(noun),
            (Some("what"), Some("follows")) => true,
            _ => false,
        }
    })
}

/// "This post reflects my personal opinion", "This article represents the views of the
/// author".
fn piece_carries_own_views(lex: &Lexicon, toks: &[Tok]) -> bool {
    let Some(verb) = toks.iter().position(|t| CARRIES.contains(&t.norm.as_str())) else {
        return false;
    };
    let rest = toks.get(verb + 1..).unwrap_or_default();
    rest.iter().enumerate().any(|(i, t)| {
        if !lex.opinion_nouns.contains(&t.norm) {
            return false;
        }
        let before = |k: usize| i.checked_sub(k).and_then(|p| rest.get(p));
        let author = |w: Option<&Tok>| {
            w.is_some_and(|w| w.is_possessive() && lex.author_nouns.contains(w.base()))
        };
        is(before(1), WRITERS)
            || author(before(1))
            || (is(before(1), &["own", "personal", "private", "individual"])
                && (is(before(2), POSSESSIVES) || author(before(2))))
            || (is(rest.get(i + 1), &["of"])
                && rest
                    .get(i + 2..(i + 4).min(rest.len()))
                    .is_some_and(|w| w.iter().any(|w| lex.author_nouns.contains(w.base()))))
    })
}

/// "in a personal capacity", "as an individual", "speaking only for myself".
fn capacity(toks: &[Tok]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.word)
        .map(|t| t.norm.as_str())
        .collect();
    // "I speak only for myself" is a disclaimer; "speaking for myself, it was a pleasure"
    // in a longer sentence is not.
    let short = words.len() <= 8;
    let speaking = words
        .iter()
        .any(|w| w.starts_with("speak") || w.starts_with("writ") || *w == "wrote");
    words.windows(2).any(|w| {
        matches!(
            w,
            [
                "personal" | "private" | "individual",
                "capacity" | "capacities"
            ]
        )
    }) || words.windows(3).any(|w| {
        (short
            && matches!(
                w,
                [
                    "speak" | "speaking" | "only",
                    "for",
                    "myself" | "himself" | "herself" | "themselves" | "ourselves"
                ]
            ))
            || (speaking && matches!(w, ["as", "an" | "a", "individual" | "private"]))
            || matches!(w, ["my" | "his" | "her" | "their" | "our", "own", "behalf"])
    })
}

/// "I don't speak for Google", "does not speak on behalf of my employer". Not "I can't
/// speak for other readers, but …": what the writer cannot know is not a disclaimer.
fn speaks_for(lex: &Lexicon, toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        let denies = matches!(t.norm.as_str(), "don't" | "doesn't" | "not" | "never");
        let speak = toks
            .get(i + 1..(i + 4).min(toks.len()))
            .unwrap_or_default()
            .iter()
            .position(|w| w.norm.starts_with("speak"));
        let Some(v) = speak.map(|p| i + 1 + p) else {
            return false;
        };
        let on = is(toks.get(v + 1), &["for", "on"]);
        let object = toks.get(v + 2..(v + 7).min(toks.len())).unwrap_or_default();
        denies
            && on
            && object
                .iter()
                .any(|w| w.cap || lex.stance_nouns.contains(w.base()) || w.is("anyone"))
    })
}

/// The author is named: an author noun, or the writer in the first person.
fn author_anchor(lex: &Lexicon, toks: &[Tok]) -> bool {
    toks.iter()
        .any(|t| lex.author_nouns.contains(t.base()) || FIRST_PERSON.contains(&t.norm.as_str()))
}

/// "The views expressed in the resources linked above …", "the views expressed by the
/// minister", "the conclusions in the CDC report cited above": the views at token `o` are
/// placed in something that is not this piece. "Opinions expressed by Forbes contributors"
/// and "the views in this article" are placed here.
fn placed_elsewhere(lex: &Lexicon, toks: &[Tok], o: usize) -> bool {
    let words: Vec<&Tok> = toks.iter().skip(o + 1).filter(|t| t.word).collect();
    // Past the rest of the noun phrase: "(opinions) and views expressed in".
    let mut k = 0;
    while k < 4
        && words.get(k).is_some_and(|w| {
            matches!(w.norm.as_str(), "and" | "or")
                || lex.opinion_nouns.contains(&w.norm)
                || PLACED.contains(&w.norm.as_str())
        })
    {
        k += 1;
    }
    if !is(words.get(k).copied(), IN) {
        return false;
    }
    // The place: the words up to the verb.
    let place: Vec<&Tok> = words
        .iter()
        .skip(k + 1)
        .take_while(|w| {
            !COPULAS.contains(&w.norm.as_str())
                && !is_negation(w)
                && !matches!(w.norm.as_str(), "do" | "does" | "did" | "should" | "may")
        })
        .take(8)
        .copied()
        .collect();
    let person = place
        .iter()
        .any(|w| lex.author_nouns.contains(w.base()) || FIRST_PERSON.contains(&w.norm.as_str()));
    // "this article", "our blog", "the article": the piece, unless named or pointed
    // elsewhere ("the CDC report cited above", "the linked post").
    let piece = place
        .iter()
        .position(|w| lex.piece_nouns.contains(&w.norm))
        .is_some_and(|p| {
            let det = place.first().map(|w| w.norm.as_str());
            matches!(
                det,
                Some("this" | "these" | "my" | "our" | "her" | "his" | "their" | "its")
            ) || (det == Some("the") && p == 1 && place.len() == 2)
        });
    !(person || piece)
}

/// The sentence is about this piece or its author.
fn anchored(lex: &Lexicon, s: &Sentence<'_>, toks: &[Tok]) -> bool {
    if s.labelled || author_anchor(lex, toks) {
        return true;
    }
    let words: Vec<&Tok> = toks.iter().filter(|t| t.word).collect();
    let isw = |t: &Tok, list: &[&str]| list.contains(&t.norm.as_str());
    // "expressed here", "the views herein"; "in this article", "on my blog".
    let here = words.windows(2).any(|w| {
        matches!(w, [a, b] if isw(b, HERE) && (a.norm.ends_with("ed") || lex.opinion_nouns.contains(&a.norm)))
    }) || words.windows(3).any(|w| {
        matches!(w, [a, b, c] if isw(a, IN) && isw(b, DETERMINERS) && lex.piece_nouns.contains(&c.norm))
    });
    // The views are the subject: "These are Bill's opinions and are not the official
    // views of …", "All opinions are his own".
    let subject = words.first().is_some_and(|f| {
        matches!(f.norm.as_str(), "these" | "all" | "any" | "such")
            || lex.opinion_nouns.contains(&f.norm)
    }) && words
        .iter()
        .take(4)
        .any(|t| lex.opinion_nouns.contains(&t.norm));
    // "The opinions expressed are his own.": the views, then whose they are.
    let the_views_are_own = words.first().is_some_and(|f| f.is("the"))
        && words
            .get(1)
            .is_some_and(|w| lex.opinion_nouns.contains(&w.norm))
        && own(lex, toks);
    if subject || the_views_are_own {
        return true;
    }
    // A short paragraph of its own that opens with the views: "Opinions expressed are
    // their own."
    let standalone = s.first
        && s.unit_words <= 40
        && words
            .iter()
            .take(4)
            .any(|t| lex.opinion_nouns.contains(&t.norm));
    here || standalone
}

/// The body a disclaimer names, as token ranges: "the views of [the Law Library]", "[Fair
/// Observer]'s editorial policy", "those of [the Congressional Research Service]".
pub(super) fn organisations(lex: &Lexicon, toks: &[Tok]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let Some(t) = toks.get(k) else { break };
        let stance_before = k
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| lex.stance_nouns.contains(p.base()));
        if t.is("of") && stance_before {
            let mut start = k + 1;
            if toks.get(start).is_some_and(|t| t.is("the")) {
                start += 1;
            }
            let end = cap_run(toks, start);
            if end > start {
                // Keep "the" in the name: "the Law Library".
                let from = if start > k + 1 { k + 1 } else { start };
                out.push(from..end);
                k = end;
                continue;
            }
        }
        // "Fair Observer's editorial policy".
        if t.is_possessive()
            && t.cap
            && toks
                .get(k + 1..(k + 3).min(toks.len()))
                .is_some_and(|w| w.iter().any(|w| lex.stance_nouns.contains(w.base())))
        {
            let mut start = k;
            while start > 0 && toks.get(start - 1).is_some_and(|p| p.word && p.cap) {
                start -= 1;
            }
            out.push(start..k + 1);
        }
        k += 1;
    }
    out
}

/// The end of a run of capitalised words from `start`, with "of", "and", "for" and "&"
/// inside it ("Library of Congress", "Department of Health and Human Services").
fn cap_run(toks: &[Tok], start: usize) -> usize {
    let mut end = start;
    let mut k = start;
    while let Some(t) = toks.get(k) {
        if t.word && t.cap {
            k += 1;
            end = k;
        } else if end > start && (matches!(t.norm.as_str(), "of" | "and" | "for" | "&" | "." | "-"))
        {
            k += 1;
        } else {
            break;
        }
    }
    end
}
