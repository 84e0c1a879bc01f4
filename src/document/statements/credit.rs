//! The editor credit, in the forms newsrooms use: "Edited by Jane Doe.", "Edited by: A and
//! B", "[Jane Doe edited this piece.]", "Written by A. Edited by B and C.", "Reporting by
//! A; Editing by B", "Senior editor: Jane Doe", "This article was edited by X", "Jonah Kim
//! (editor)", "Thanks to Jane Doe for editing this post". The names are read out.
//!
//! Not a credit: "edited by" inside a sentence ("the anthology edited by Di Cook"), a
//! citation ("Edited by J. Smith. Oxford: OUP, 2001."), another kind of editing ("Edited
//! by hand, the photos …"), a name followed by more sentence ("Edited by Steven
//! Spielberg, the film …").

use std::ops::Range;

use super::tokens::Tok;
use super::{Lexicon, Sentence};

/// One credit: its tokens in the sentence and the names, as token ranges.
#[derive(Debug)]
pub(super) struct Credit {
    pub(super) toks: Range<usize>,
    pub(super) names: Vec<Range<usize>>,
}

/// Marks that separate the clauses of a byline: "Reporting by A; Editing by B".
const SEPARATORS: &[&str] = &[";", "|", "•", "·", "—", "–", "/", ",", ".", "(", "["];
/// Marks after which anything may follow a credit.
const HARD_STOPS: &[&str] = &[";", "|", "•", "·", "—", "–", "/", "]", ")"];
/// Marks that may close a credit when what follows starts a new sentence.
const CLOSERS: &[&str] = &[".", "*", "_", "!"];
/// Words that may join names: "A, B and C", "A & B".
const JOINERS: &[&str] = &[",", "and", "&"];
/// Words that, in a passage holding a credit-like line, mark a citation instead.
const CITATION: &[&str] = &[
    "pp",
    "isbn",
    "doi",
    "vol",
    "eds",
    "ed",
    "press",
    "journal",
    "proceedings",
    "pages",
    "edition",
    "university",
    "publishers",
    "retrieved",
];
/// Words that never belong to a name, even in a lower-case credit line.
const NOT_NAMES: &[&str] = &[
    "and", "for", "with", "on", "at", "in", "by", "this", "the", "of", "edited", "from", "to",
];
/// Adjectives before an editor label: "Senior editor: Jane Doe".
const RANKS: &[&str] = &[
    "senior",
    "managing",
    "commissioning",
    "copy",
    "section",
    "deputy",
    "features",
    "opinion",
    "contributing",
    "line",
    "story",
    "assigning",
    "desk",
    "executive",
    "associate",
    "news",
];

/// Sentences about these are about another kind of editing: "Video produced by X and
/// edited by Y."
const MEDIA: &[&str] = &[
    "video",
    "videos",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "audio",
    "film",
    "footage",
    "image",
    "images",
    "graphics",
    "map",
    "maps",
    "chart",
    "charts",
    "illustration",
    "illustrations",
    "animation",
    "music",
    "sound",
    "podcast",
    "trailer",
];
/// The last word of a title, not of a name: "Fatima Bennani, Opinion Editor".
const ROLES: &[&str] = &[
    "editor",
    "editors",
    "director",
    "correspondent",
    "reporter",
    "writer",
    "columnist",
    "chief",
    "manager",
    "producer",
    "desk",
    "staff",
    "team",
];

/// The editor credits in one sentence.
pub(super) fn find(lex: &Lexicon, s: &Sentence<'_>) -> Vec<Credit> {
    let toks = s.toks;
    let mut out = Vec::new();
    let first = toks.iter().find(|t| t.word);
    if first.is_some_and(|t| MEDIA.contains(&t.norm.as_str())) {
        return out;
    }
    let mut i = 0;
    while i < toks.len() {
        if clause_start(s, i)
            && let Some(credit) = credit_at(lex, s, i)
        {
            i = credit.toks.end.max(i + 1);
            out.push(credit);
            continue;
        }
        i += 1;
    }
    if out.is_empty() {
        out = named_first(lex, s);
    }
    if out.is_empty() {
        out.extend(thanks(lex, s));
    }
    if out.is_empty() {
        out.extend(labelled_after(lex, s));
    }
    if out.is_empty() {
        out.extend(responsible(lex, s));
    }
    out.retain(|c| !c.names.is_empty());
    if !out.is_empty() && citation_like(s) {
        out.clear();
    }
    out
}

/// Whether a clause may start at token `i`: the sentence start (after opening marks), a
/// new line, after a byline separator, or after "and" in a byline ("written by the team
/// and edited by X").
fn clause_start(s: &Sentence<'_>, i: usize) -> bool {
    let toks = s.toks;
    let Some(t) = toks.get(i) else { return false };
    if !t.word {
        return false;
    }
    let before = toks.get(..i).unwrap_or_default();
    if before.iter().all(|p| !p.word) {
        return true;
    }
    let new_line = s.breaks_before(i);
    let separated = before
        .iter()
        .rev()
        .take_while(|p| !p.word)
        .any(|p| SEPARATORS.contains(&p.norm.as_str()));
    let byline_and =
        before.last().is_some_and(|p| p.is("and")) && before.iter().any(|p| p.is("by"));
    new_line || separated || byline_and
}

/// A credit whose words start at `i`: "Edited by …", "Editor: …", "This article was
/// edited by …".
fn credit_at(lex: &Lexicon, s: &Sentence<'_>, i: usize) -> Option<Credit> {
    let toks = s.toks;
    let at = |k: usize| toks.get(k);
    let mut j = i;
    // "Copy edited by", "Senior editor:".
    while at(j).is_some_and(|t| RANKS.contains(&t.norm.as_str())) && j < i + 2 {
        j += 1;
    }
    let head = at(j)?;
    let names_from =
        if lex.editing_words.contains(&head.norm) && at(j + 1).is_some_and(|t| t.is("by")) {
            skip_colon(toks, j + 2)
        } else if lex.editor_labels.contains(&head.norm) && at(j + 1).is_some_and(|t| t.is(":")) {
            j + 2
        } else if let Some(after) = this_piece(lex, toks, i) {
            // "This article was (condensed and) edited by X".
            // "was edited by", "was condensed and edited by", "was edited for length and
            // clarity by".
            let edited = (after..(after + 6).min(toks.len())).find(|&k| editing(lex, at(k)))?;
            let by = (edited + 1..(edited + 7).min(toks.len()))
                .find(|&k| at(k).is_some_and(|t| t.is("by")))?;
            let names_from = skip_colon(toks, by + 1);
            let (names, end) = names(lex, s, names_from)?;
            // What follows may say why: "… edited by X for length and clarity."
            let reason = at(end).is_some_and(|t| t.is("for"))
                && at(end + 1).is_some_and(|t| t.word && !t.cap);
            return (reason || ends_credit(lex, s, end)).then_some(Credit {
                toks: i..end,
                names,
            });
        } else {
            return None;
        };
    let (names, end) = names(lex, s, names_from)?;
    let reason =
        at(end).is_some_and(|t| t.is("for")) && at(end + 1).is_some_and(|t| t.word && !t.cap);
    (reason || ends_credit(lex, s, end)).then_some(Credit {
        toks: i..end,
        names,
    })
}

/// "this article", "this blog post", "this week's issue", "today's newsletter": the index
/// after the piece noun.
fn this_piece(lex: &Lexicon, toks: &[Tok], i: usize) -> Option<usize> {
    let first = toks.get(i)?;
    let mut k = i + 1;
    if first.is("this") {
        // "this week's issue".
        if toks.get(k).is_some_and(|t| t.is_possessive()) {
            k += 1;
        }
    } else if !first.is_possessive() {
        return None;
    }
    let start = k;
    while toks
        .get(k)
        .is_some_and(|t| lex.piece_nouns.contains(&t.norm))
    {
        k += 1;
    }
    (k > start).then_some(k)
}

fn editing(lex: &Lexicon, t: Option<&Tok>) -> bool {
    t.is_some_and(|t| lex.editing_words.contains(&t.norm))
}

fn skip_colon(toks: &[Tok], i: usize) -> usize {
    if toks.get(i).is_some_and(|t| t.is(":")) {
        i + 1
    } else {
        i
    }
}

/// "[Jane Doe edited this piece.]", "Jane Doe and John Roe edited this article", "Laura
/// Brennan edited this story, and Chris Oduya copy edited it."
fn named_first(lex: &Lexicon, s: &Sentence<'_>) -> Vec<Credit> {
    let toks = s.toks;
    let mut out: Vec<Credit> = Vec::new();
    for verb in (0..toks.len()).filter(|&k| toks.get(k).is_some_and(|t| t.is("edited"))) {
        let after = match this_piece(lex, toks, verb + 1) {
            Some(after) => after,
            // "… and Chris Oduya copy edited it": "it" is the piece of an earlier credit.
            None if !out.is_empty() && toks.get(verb + 1).is_some_and(|t| t.is("it")) => verb + 2,
            None => continue,
        };
        let and_more = toks.get(after).is_some_and(|t| t.is(","))
            && toks.get(after + 1).is_some_and(|t| t.is("and"));
        if !and_more && !ends_credit(lex, s, after) {
            continue;
        }
        // The names run back from the verb (past a rank: "copy edited") to the clause start.
        let mut end = verb;
        while end > 0
            && toks
                .get(end - 1)
                .is_some_and(|t| RANKS.contains(&t.norm.as_str()))
        {
            end -= 1;
        }
        let mut start = end;
        while start > 0
            && toks.get(start - 1).is_some_and(|t| {
                (t.word
                    && (t.cap
                        || lex.name_particles.contains(&t.norm)
                        || (s.standalone && !NOT_NAMES.contains(&t.norm.as_str()))))
                    || (JOINERS.contains(&t.norm.as_str()) && !t.is(","))
                    || t.is(".")
            })
        {
            start -= 1;
        }
        while toks.get(start).is_some_and(|t| !t.word || t.is("and")) && start < end {
            start += 1;
        }
        if let Some((names, e)) = names(lex, s, start)
            && e == end
        {
            out.push(Credit {
                toks: start..after,
                names,
            });
        }
    }
    out
}

/// "Thanks to A, B and C for editing this post", "Thanks to X for leading the work, and Y
/// for editing": the people thanked for the editing.
fn thanks(lex: &Lexicon, s: &Sentence<'_>) -> Option<Credit> {
    let toks = s.toks;
    let first = toks.iter().position(|t| t.word)?;
    let opens = (first..(first + 3).min(toks.len()))
        .any(|k| toks.get(k).is_some_and(|t| t.is("thanks") || t.is("thank")));
    if !opens {
        return None;
    }
    let edit = toks.iter().position(|t| {
        t.word
            && (lex.editing_words.contains(&t.norm) || t.norm == "editorial" || t.norm == "edits")
    })?;
    // The "for" that introduces the editing, with no other clause between.
    let for_at = (first..edit)
        .rev()
        .take_while(|&k| toks.get(k).is_some_and(|t| !t.is(",") && !t.is(";")))
        .find(|&k| toks.get(k).is_some_and(|t| t.is("for")))?;
    // The names run back from "for" to "to", a comma after another thanks, or "and".
    let mut start = for_at;
    while start > first
        && toks.get(start - 1).is_some_and(|t| {
            (t.word && (t.cap || lex.name_particles.contains(&t.norm)))
                || JOINERS.contains(&t.norm.as_str()) && !t.is("and")
                || (t.is("and") && toks.get(start - 2).is_some_and(|p| p.cap || p.is(",")))
                || t.is(".")
        })
    {
        start -= 1;
    }
    while toks.get(start).is_some_and(|t| !t.word || !t.cap) && start < for_at {
        start += 1;
    }
    let (names, end) = names(lex, s, start)?;
    (end == for_at).then_some(Credit {
        toks: start..edit + 1,
        names,
    })
}

/// "To contact the editor responsible for this story: Jane Doe at …" (Bloomberg).
fn responsible(lex: &Lexicon, s: &Sentence<'_>) -> Option<Credit> {
    let toks = s.toks;
    let label = toks.windows(3).position(|w| {
        matches!(w, [e, r, f] if lex.editor_labels.contains(&e.norm) && r.is("responsible") && f.is("for"))
    })?;
    let colon = (label + 3..(label + 8).min(toks.len()))
        .find(|&k| toks.get(k).is_some_and(|t| t.is(":")))?;
    let (names, end) = names(lex, s, colon + 1)?;
    Some(Credit {
        toks: label..end,
        names,
    })
}

/// "Farah Qureshi (author), Jonah Kim (editor)": a name labelled as the editor.
fn labelled_after(lex: &Lexicon, s: &Sentence<'_>) -> Option<Credit> {
    let toks = s.toks;
    let label = toks.windows(3).position(|w| {
        matches!(w, [open, label, close] if open.is("(") && lex.editor_labels.contains(&label.norm) && close.is(")"))
    })?;
    let mut start = label;
    while start > 0
        && toks
            .get(start - 1)
            .is_some_and(|t| t.word && (t.cap || lex.name_particles.contains(&t.norm)))
    {
        start -= 1;
    }
    let (names, end) = names(lex, s, start)?;
    (end == label).then_some(Credit {
        toks: start..label + 3,
        names,
    })
}

/// The names from token `i`: one or more, joined by commas, "and" or "&". Returns their
/// token ranges and the index after the last.
fn names(lex: &Lexicon, s: &Sentence<'_>, i: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let toks = s.toks;
    let mut out = Vec::new();
    let mut at = i;
    loop {
        let end = name(lex, s, at);
        if end == at {
            break;
        }
        out.push(at..end);
        at = end;
        // A joiner, then another name: "A, B and C", "A, and B".
        let mut next = at;
        while toks
            .get(next)
            .is_some_and(|t| JOINERS.contains(&t.norm.as_str()))
        {
            next += 1;
        }
        if next == at || name(lex, s, next) == next {
            break;
        }
        at = next;
    }
    // A title after the names is not a name: "Jane Doe, Opinion Editor".
    while out.len() > 1
        && out
            .last()
            .and_then(|r| r.end.checked_sub(1))
            .and_then(|e| toks.get(e))
            .is_some_and(|t| ROLES.contains(&t.norm.as_str()))
    {
        out.pop();
    }
    (!out.is_empty()).then_some((out, at))
}

/// The end of one name starting at `i` (== `i` when there is none): capitalised words,
/// initials and name particles ("Jane van der Berg", "J. R. Smith"), at most six words.
/// In a credit that stands alone, lower-case words count too: "edited by lena kowalski".
fn name(lex: &Lexicon, s: &Sentence<'_>, i: usize) -> usize {
    let toks = s.toks;
    let mut at = i;
    let mut words = 0;
    while let Some(t) = toks.get(at) {
        // A new line that opens another credit ("Illustration: Ken Mori") ends the name;
        // a name merely wrapped over two lines does not end.
        if at > i && s.breaks_before(at) && toks.iter().skip(at).take(4).any(|t| t.is(":")) {
            break;
        }
        let initial = t.word
            && t.cap
            && t.norm.chars().count() == 1
            && toks.get(at + 1).is_some_and(|d| d.is("."))
            && toks.get(at + 2).is_some_and(|n| n.word && n.cap);
        let particle = words > 0 && lex.name_particles.contains(&t.norm);
        let lowercase_ok = s.standalone
            && t.word
            && !NOT_NAMES.contains(&t.norm.as_str())
            && !RANKS.contains(&t.norm.as_str())
            && !lex.editing_words.contains(&t.norm)
            && !lex.piece_nouns.contains(&t.norm);
        if initial {
            at += 2;
        } else if t.word && (t.cap || particle || lowercase_ok) {
            at += 1;
        } else {
            break;
        }
        words += 1;
        if words > 6 {
            return i;
        }
    }
    // A name ends on a word, not a particle.
    while at > i
        && toks
            .get(at - 1)
            .is_some_and(|t| t.word && words > 1 && lex.name_particles.contains(&t.norm))
    {
        at -= 1;
    }
    at
}

/// Whether the credit may end at token `end`: the sentence ends, a separator follows, a
/// closing mark before a new sentence, or another credit of the byline ("…, photos by X").
fn ends_credit(lex: &Lexicon, s: &Sentence<'_>, end: usize) -> bool {
    let toks = s.toks;
    let Some(next) = toks.get(end) else {
        return true;
    };
    // A credit line ends its line: "Editing: Yusuf Adebayo\nIllustration: Ken Mori".
    if s.breaks_before(end) {
        return true;
    }
    if next.word {
        return false;
    }
    if HARD_STOPS.contains(&next.norm.as_str()) {
        return true;
    }
    if next.is(",") {
        return toks.get(end + 1).is_none_or(|t| {
            lex.credit_heads.contains(&t.norm) || lex.editing_words.contains(&t.norm)
        });
    }
    CLOSERS.contains(&next.norm.as_str())
        && toks
            .get(end + 1)
            .is_none_or(|t| !t.word || t.cap || lex.credit_heads.contains(&t.norm))
}

/// A bibliography entry or a citation: "Edited by J. Smith (2001)", "Edited by J. Smith.
/// Oxford: OUP, 2001."
fn citation_like(s: &Sentence<'_>) -> bool {
    let year = Tok::is_year;
    s.unit_toks
        .iter()
        .any(|t| CITATION.contains(&t.norm.as_str()))
        || s.toks.iter().any(year)
        || (s.unit_toks.iter().any(year)
            && (s.in_list_or_footnote || s.unit_toks.iter().any(|t| t.is(":"))))
}
