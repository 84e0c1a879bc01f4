//! The notes publications put around a piece, each a kind of its own so that it is not
//! taken for a disclaimer or a credit, and a pack can require or forbid it:
//!
//! - editor's note: "Editor's note: …", "Ed. note —", "A note from the editor: …";
//! - republication note: "This article was originally published on X", "Originally
//!   posted at …", "A version of this piece first appeared in …", "Republished with
//!   permission from …", "This is a lightly edited cross-post of …";
//! - guest-post note: "This is a guest post by X", "A guest blog post by X", "Today's
//!   guest post comes from …", "By guest blogger X", "Guest author: X".
//!
//! Each must open its sentence (or follow a label such as "Note:", or run on straight
//! after the sentence before: "…determination!_Editor's note: …"), so the same words in
//! running prose ("the study was originally published in 2019", "we welcome guest posts",
//! "in an editor's note, the paper said") are not notes.

use super::tokens::{Tok, starts_with};
use super::{Lexicon, Sentence};

const MARKS: &[&str] = &[":", "—", "–", "-", ".", ")", "]", "*", "_"];
const ADVERBS: &[&str] = &[
    "was",
    "is",
    "has",
    "had",
    "been",
    "were",
    "are",
    "originally",
    "first",
    "initially",
    "previously",
    "also",
    "earlier",
    "once",
    "lightly",
    "slightly",
];
const FIRSTLY: &[&str] = &["originally", "first", "initially", "previously"];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "from", "with", "as", "here", "under", "courtesy", "via", "for",
];
/// Marks that end a sentence the splitter could not split ("…ready!_This post was …").
const ENDS: &[&str] = &[".", "!", "?"];
/// Markup left between sentences in raw text.
const MARKUP: &[&str] = &["_", "*", "(", "[", "\"", "'"];

/// Where the sentence's own words may start: its first word, the first word after a
/// label ("Note: This article …"), and the first after a sentence end the splitter missed.
fn starts(s: &Sentence<'_>) -> Vec<usize> {
    let toks = s.toks;
    let first_word =
        |from: usize| (from..toks.len()).find(|&k| toks.get(k).is_some_and(|t| t.word));
    let mut out: Vec<usize> = first_word(0).into_iter().collect();
    if let Some(colon) = toks
        .iter()
        .take(8)
        .position(|t| matches!(t.norm.as_str(), ":" | "—" | "–"))
    {
        out.extend(first_word(colon + 1));
    }
    for (i, t) in toks.iter().enumerate() {
        if ENDS.contains(&t.norm.as_str()) {
            let mut k = i + 1;
            while toks
                .get(k)
                .is_some_and(|t| MARKUP.contains(&t.norm.as_str()))
            {
                k += 1;
            }
            if toks.get(k).is_some_and(|t| t.word && t.cap) {
                out.push(k);
            }
        }
    }
    out
}

/// A reference-list entry: "Hale, T. (2011). Editor's note: On anonymous sources.", "…
/// Reprinted in Kahneman, Slovic and Tversky, eds., 1982." Notes inside one are titles.
fn in_citation(s: &Sentence<'_>) -> bool {
    let year = Tok::is_year;
    let has_year = s.unit_toks.iter().any(year);
    let cites = s
        .unit_toks
        .iter()
        .any(|t| matches!(t.norm.as_str(), "eds" | "pp" | "doi" | "vol" | "isbn"));
    has_year && (s.in_list_or_footnote || cites)
}

fn word(toks: &[Tok], i: usize) -> &str {
    toks.get(i)
        .filter(|t| t.word)
        .map_or("", |t| t.norm.as_str())
}

/// The index after a run of piece nouns starting at `k` ("blog post"), if there is one.
fn piece_nouns(lex: &Lexicon, toks: &[Tok], k: usize) -> Option<usize> {
    let mut end = k;
    while lex.piece_nouns.contains(word(toks, end)) {
        end += 1;
    }
    (end > k).then_some(end)
}

/// "Editor's note:", "Ed. note —", "A note from the editor:" opening the sentence.
pub(super) fn editors_note(lex: &Lexicon, s: &Sentence<'_>) -> bool {
    if in_citation(s) {
        return false;
    }
    let unit = s.unit_toks;
    starts(s).into_iter().any(|i| {
        // The label is matched on the passage's tokens: the splitter may have cut "Ed. note".
        let at = s.from + i;
        // A quoted label is a title: "Editor's Note." in a reference list.
        let quoted = at
            .checked_sub(1)
            .and_then(|p| unit.get(p))
            .is_some_and(|t| t.is("\"") || t.is("'"));
        !quoted
            && lex.note_labels.iter().any(|label| {
                starts_with(unit, at, label).is_some_and(|end| {
                    unit.get(end)
                        .is_none_or(|t| MARKS.contains(&t.norm.as_str()))
                })
            })
    })
}

/// A note that the piece was published elsewhere first.
pub(super) fn republication(lex: &Lexicon, s: &Sentence<'_>) -> bool {
    if in_citation(s) {
        return false;
    }
    let toks = s.toks;
    starts(s).into_iter().any(|i| {
        let w = |k: usize| word(toks, k);
        // "This is a (lightly edited) cross-post of …", "This is a repost of …".
        if matches!(w(i), "this" | "it")
            && matches!(w(i + 1), "is" | "was")
            && matches!(w(i + 2), "a" | "an")
        {
            return (i + 3..(i + 6).min(toks.len())).any(|k| lex.republish_verbs.contains(w(k)))
                && toks
                    .iter()
                    .skip(i + 3)
                    .take(6)
                    .any(|t| t.is("of") || t.is("from"));
        }
        // "This (blog) post (was originally) published on".
        if w(i) == "this"
            && let Some(mut k) = piece_nouns(lex, toks, i + 1)
        {
            let mut adverb = false;
            while ADVERBS.contains(&w(k)) {
                adverb |= FIRSTLY.contains(&w(k));
                k += 1;
            }
            let verb = w(k);
            // "published with permission of", "published courtesy of".
            let permission = matches!(w(k + 1), "with" | "courtesy" | "by")
                && matches!(w(k + 2), "permission" | "of" | "arrangement" | "kind");
            return (lex.republish_verbs.contains(verb)
                || (lex.publish_verbs.contains(verb)
                    && (adverb || verb != "published" || permission)))
                && PREPOSITIONS.contains(&w(k + 1));
        }
        // "A version of this piece (first) appeared in", "An early version of this post was
        // authored for X".
        if matches!(w(i), "a" | "an")
            && (i + 1..(i + 4).min(toks.len()))
                .any(|k| matches!(w(k), "version" | "edition" | "adaptation"))
        {
            return (i + 1..(i + 8).min(toks.len()))
                .find(|&k| w(k) == "this" && lex.piece_nouns.contains(w(k + 1)))
                .is_some_and(|k| {
                    let mut v = k + 2;
                    while ADVERBS.contains(&w(v)) {
                        v += 1;
                    }
                    !w(v).is_empty() && PREPOSITIONS.contains(&w(v + 1))
                });
        }
        // "Originally published at", "First appeared in", "Published originally on".
        // Not "First published in 1851, Moby-Dick sold …": a year straight after is a
        // book's history, not this piece's.
        let year = |k: usize| w(k).len() == 4 && w(k).bytes().all(|b| b.is_ascii_digit());
        if FIRSTLY.contains(&w(i)) && lex.publish_verbs.contains(w(i + 1)) {
            return PREPOSITIONS.contains(&w(i + 2)) && !year(i + 3);
        }
        if lex.publish_verbs.contains(w(i)) && FIRSTLY.contains(&w(i + 1)) {
            return PREPOSITIONS.contains(&w(i + 2)) && !year(i + 3);
        }
        // "Republished with permission from", "Cross-posted from".
        lex.republish_verbs.contains(w(i)) && PREPOSITIONS.contains(&w(i + 1))
    })
}

/// A note that the piece is a guest post.
pub(super) fn guest_post(lex: &Lexicon, s: &Sentence<'_>) -> bool {
    if in_citation(s) {
        return false;
    }
    let toks = s.toks;
    // A label of its own: "**Guest Essay**", "Guest post".
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.word)
        .map(|t| t.norm.as_str())
        .collect();
    if s.standalone && matches!(words.as_slice(), ["guest", noun] if lex.guest_nouns.contains(noun))
    {
        return true;
    }
    // "host this guest post from X", "This week's column is by guest writer X", "handing
    // the newsletter over to a guest writer, X".
    let anywhere = words.windows(4).any(|w| match w {
        ["this", "guest", noun, "by" | "from"] => lex.guest_nouns.contains(noun),
        ["is" | "was" | "comes", "by" | "from", "guest", noun] => lex.guest_nouns.contains(noun),
        _ => false,
    }) || toks.windows(5).any(|w| {
        matches!(w, [to, a, g, noun, next]
            if matches!(to.norm.as_str(), "to" | "from" | "by")
                && matches!(a.norm.as_str(), "a" | "our")
                && g.is("guest")
                && lex.guest_nouns.contains(&noun.norm)
                && (next.is(",") || next.cap))
    });
    if anywhere {
        return true;
    }
    let guest_at = |k: usize| -> Option<usize> {
        // "guest (blog) post": the index after the nouns.
        if word(toks, k) != "guest" {
            return None;
        }
        let mut end = k + 1;
        while lex.guest_nouns.contains(word(toks, end)) || lex.piece_nouns.contains(word(toks, end))
        {
            end += 1;
        }
        (end > k + 1).then_some(end)
    };
    starts(s).into_iter().any(|i| {
        let w = |k: usize| word(toks, k);
        // "This is a guest post", "This week's post is a guest post by".
        if let Some(a) = (i..(i + 6).min(toks.len()))
            .find(|&k| matches!(w(k), "is" | "was") && matches!(w(k + 1), "a" | "an"))
            && guest_at(a + 2).is_some()
            && (i..a).all(|k| !toks.get(k).is_some_and(|t| t.is(",")))
        {
            return matches!(w(i), "this" | "it" | "today's") || w(i).ends_with("'s") || a <= i + 3;
        }
        let mut k = i;
        // "A guest blog post by", "Today's guest post comes from", "By guest bloggers X".
        if matches!(w(k), "a" | "an" | "the" | "this" | "our" | "by") || w(k).ends_with("'s") {
            k += 1;
            if w(k) == "following" {
                k += 1;
            }
        }
        let by_guest = w(i) == "by";
        let Some(end) = guest_at(k) else { return false };
        let next = toks.get(end);
        by_guest
            || next.is_some_and(|t| t.is(":"))
            || matches!(w(end), "by" | "from")
            || (matches!(w(end), "is" | "was" | "comes" | "came")
                && matches!(w(end + 1), "by" | "from" | "written"))
            || (w(end) == "written" && w(end + 1) == "by")
    }) || thanks_to_guests(toks)
        || from_guest(lex, toks)
        || toks.windows(2).any(|w| {
            matches!(w, [a, b] if a.norm.starts_with("guest-") && a.norm.ends_with("ed") && b.is("by"))
        })
}

/// "Today's post comes from guest blogger X", "This essay is by our guest author X".
fn from_guest(lex: &Lexicon, toks: &[Tok]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.word)
        .map(|t| t.norm.as_str())
        .collect();
    let opens = matches!(words.first(), Some(w) if *w == "this" || w.ends_with("'s"))
        && words.get(1).is_some_and(|w| lex.piece_nouns.contains(w));
    opens
        && words.iter().take(8).enumerate().any(|(k, w)| {
            *w == "guest"
                && words
                    .get(k + 1)
                    .is_some_and(|n| lex.guest_nouns.contains(n))
        })
}

/// "Many thanks to guest bloggers X and Y".
fn thanks_to_guests(toks: &[Tok]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.word)
        .map(|t| t.norm.as_str())
        .collect();
    words
        .windows(3)
        .any(|w| matches!(w, ["thanks", "to", "guest"] | ["thank", "you", "guest"]))
        && words.windows(4).any(|w| {
            matches!(
                w,
                [
                    "to",
                    "guest",
                    "bloggers" | "blogger" | "authors" | "author" | "writers" | "writer",
                    _
                ]
            )
        })
}
