//! The statements publications put around a piece, recognised by meaning rather than by
//! one wording: the author-views disclaimer, the editor credit, the editor's note, the
//! republication note and the guest-post note.
//!
//! A publication's archive words its disclaimer a dozen ways ("The opinions expressed in
//! this article are her own …", "All views my own", "**Disclaimer:** the views expressed
//! herein are those of the author"), and its credits too ("Edited by Jane Doe.", "[Jane Doe
//! edited this piece.]"). The rules that require the house wording need to know that a
//! statement is there, in other words, to say what differs instead of calling it missing.
//!
//! Each kind is a small grammar over tokens (`views`, `credit`, `notes`); the words it
//! reads come from the pack's `[statements]` table ([`Lexicon`]). Statements are found in
//! prose (emphasis, links and entities already resolved), in raw HTML blocks and in HTML
//! comments (where readers do not see them), in every block of the article: a passage is
//! tokenized only when it holds one of the words a grammar starts from.

mod credit;
mod html;
mod lexicon;
mod notes;
mod tokens;
mod views;

use std::ops::Range;

pub use lexicon::{Phrases, WordSet};
use tokens::{Tok, tokenize};

use super::sentences::split_sentences;
use super::{Block, Document, Prose};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatementKind {
    AuthorViews,
    EditorCredit,
    EditorsNote,
    Republication,
    GuestPost,
}

impl StatementKind {
    pub const ALL: [StatementKind; 5] = [
        Self::AuthorViews,
        Self::EditorCredit,
        Self::EditorsNote,
        Self::Republication,
        Self::GuestPost,
    ];

    /// The name packs use: `author-views`, `editor-credit`, `editors-note`,
    /// `republication`, `guest-post`.
    pub fn name(self) -> &'static str {
        match self {
            Self::AuthorViews => "author-views",
            Self::EditorCredit => "editor-credit",
            Self::EditorsNote => "editors-note",
            Self::Republication => "republication",
            Self::GuestPost => "guest-post",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Where a statement was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Prose,
    /// A raw HTML block: shown to readers, but its span maps to the file only roughly.
    Html,
    /// An HTML comment: readers do not see it.
    Comment,
}

/// A word of a statement: its normalised form and its span in the file.
#[derive(Debug, Clone)]
pub struct Word {
    pub norm: String,
    pub span: Range<usize>,
}

/// A name read out of a credit.
#[derive(Debug, Clone)]
pub struct Name {
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Statement {
    pub kind: StatementKind,
    /// The block it is in (for a comment, the block around or before it).
    pub block: Option<usize>,
    /// Its span in the file.
    pub span: Range<usize>,
    /// Its text as read (markup and entities resolved).
    pub text: String,
    pub place: Place,
    /// It is the whole text of its block: a paragraph of its own.
    pub whole_block: bool,
    /// Its words, for comparing it with a house wording.
    pub words: Vec<Word>,
    /// For a credit, the names credited; for a disclaimer, the bodies whose views it says
    /// these are not ("the Law Library", "Fair Observer").
    pub names: Vec<Name>,
}

/// The words the grammars read (the pack's `[statements]` table).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// "views", "opinions", "thoughts": what a disclaimer says is the author's own.
    pub opinion_nouns: WordSet,
    /// "article", "piece", "post": words for the piece itself.
    pub piece_nouns: WordSet,
    /// "author", "writer", "contributor": words for the person who wrote it.
    pub author_nouns: WordSet,
    /// "views", "policy", "position", "employer": what the views are said not to be.
    pub stance_nouns: WordSet,
    /// "reflect", "represent" (lemmas): "do not necessarily reflect …".
    pub reflect_verbs: WordSet,
    /// "attribute", "take", "construe": "should not be attributed to …".
    pub construe_verbs: WordSet,
    /// "edited", "editing": the word before "by" in a credit.
    pub editing_words: WordSet,
    /// "editor", "editors": a credit as a label ("Editor: Jane Doe").
    pub editor_labels: WordSet,
    /// "written", "reporting", "photos": other credits of a byline.
    pub credit_heads: WordSet,
    /// "de", "van", "von": lower-case words inside names.
    pub name_particles: WordSet,
    /// "editor's note", "ed. note".
    pub note_labels: Phrases,
    /// "publish", "post", "appear" (lemmas).
    pub publish_verbs: WordSet,
    /// "republish", "reprint", "cross-post" (lemmas).
    pub republish_verbs: WordSet,
    /// "post", "column", "author": what follows "guest".
    pub guest_nouns: WordSet,
    /// "disclaimer", "author's note": labels that open a disclaimer.
    pub disclaimer_labels: Phrases,
}

/// One sentence as the grammars see it.
pub(crate) struct Sentence<'a> {
    toks: &'a [Tok],
    /// All the tokens of its passage; the sentence's are `unit_toks[from..]`.
    unit_toks: &'a [Tok],
    from: usize,
    /// For each token of the passage: a line break in the file comes before it.
    breaks: &'a [bool],
    /// The first sentence of its passage.
    first: bool,
    /// Its passage opens with a disclaimer label ("Disclaimer:").
    labelled: bool,
    /// How many words its passage has.
    unit_words: usize,
    /// It is the whole passage.
    standalone: bool,
    in_list_or_footnote: bool,
}

impl Sentence<'_> {
    /// Whether a line break comes before token `i` of the sentence.
    fn breaks_before(&self, i: usize) -> bool {
        self.breaks.get(self.from + i).copied().unwrap_or(false)
    }
}

/// Finds statements in documents.
#[derive(Debug, Clone, Default)]
pub struct Recogniser {
    lex: Lexicon,
    /// Words one of the grammars starts from: a passage without any is skipped untokenized.
    triggers: WordSet,
}

/// A passage to read: a block's prose, a paragraph of an HTML block, a comment.
struct Passage<'a> {
    prose: &'a Prose,
    sentences: &'a [Range<usize>],
    block: Option<usize>,
    place: Place,
    in_list_or_footnote: bool,
    /// The heading before it is a disclaimer label ("## Disclaimer").
    after_label: bool,
}

impl Recogniser {
    pub fn new(lex: Lexicon) -> Self {
        let mut triggers = WordSet::default();
        for set in [
            &lex.opinion_nouns,
            &lex.editing_words,
            &lex.editor_labels,
            &lex.publish_verbs,
            &lex.republish_verbs,
            &lex.construe_verbs,
            &lex.reflect_verbs,
        ] {
            triggers.extend(set);
        }
        triggers.extend(&WordSet::new(
            lex.note_labels
                .first_words()
                .chain(lex.disclaimer_labels.first_words())
                .chain(["guest", "capacity", "edited", "own", "mine"]),
        ));
        Self { lex, triggers }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Every statement in the document, in file order.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Statement> {
        let mut out = Vec::new();
        let file = doc.text();
        let mut after_label = false;
        for (i, block) in doc.blocks.iter().enumerate() {
            if block.has_prose() {
                let mut p = passage_of(i, block);
                p.after_label = after_label;
                self.read(file, &p, &mut out);
                after_label = block.is_heading() && self.is_label(block.text());
            } else if block.kind == super::BlockKind::Html {
                for prose in html::passages(file, block.span.clone()) {
                    let sentences = split_sentences(&prose.text);
                    self.read(
                        file,
                        &Passage {
                            prose: &prose,
                            sentences: &sentences,
                            block: Some(i),
                            place: Place::Html,
                            in_list_or_footnote: block.in_list || block.in_footnote,
                            after_label,
                        },
                        &mut out,
                    );
                }
                after_label = false;
            }
        }
        for comment in &doc.comments {
            let Some(prose) = html::comment(file, comment.clone()) else {
                continue;
            };
            let sentences = split_sentences(&prose.text);
            let block = doc
                .blocks
                .partition_point(|b| b.span.start <= comment.start)
                .checked_sub(1);
            self.read(
                file,
                &Passage {
                    prose: &prose,
                    sentences: &sentences,
                    block,
                    place: Place::Comment,
                    in_list_or_footnote: false,
                    after_label: false,
                },
                &mut out,
            );
        }
        out.sort_by_key(|s| (s.span.start, s.kind));
        out
    }

    /// Whether a heading's text is a disclaimer label ("Disclaimer", "Author's note").
    fn is_label(&self, text: &str) -> bool {
        let toks: Vec<Tok> = tokenize(text).into_iter().filter(|t| t.word).collect();
        let words: Vec<String> = toks.into_iter().map(|t| t.norm).collect();
        self.lex.disclaimer_labels.iter().any(|l| {
            let label: Vec<&String> = l
                .iter()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .collect();
            label.len() == words.len() && label.iter().zip(&words).all(|(a, b)| *a == b)
        })
    }

    /// The statements of one passage.
    fn read(&self, file: &str, p: &Passage<'_>, out: &mut Vec<Statement>) {
        let text = &p.prose.text;
        let mut buf = String::new();
        let triggered = super::words::word_iter(text).any(|w| {
            buf.clear();
            buf.push_str(&tokens::normalise(text.get(w).unwrap_or("")));
            self.triggers.contains(&buf)
                || self.triggers.contains(buf.trim_end_matches("'s"))
                || buf.starts_with("guest-")
        });
        if !triggered {
            return;
        }
        let toks = tokenize(text);
        let breaks: Vec<bool> = std::iter::once(false)
            .chain(toks.windows(2).map(|w| match w {
                [a, b] => {
                    let gap = p.prose.to_source(a.range.end..b.range.start);
                    file.get(gap).is_some_and(|g| g.contains('\n'))
                }
                _ => false,
            }))
            .collect();
        let unit_words = toks.iter().filter(|t| t.word).count();
        let labelled = p.after_label
            || toks.iter().position(|t| t.word).is_some_and(|first| {
                self.lex
                    .disclaimer_labels
                    .iter()
                    .any(|l| tokens::starts_with(&toks, first, l).is_some())
            });
        let mut views: Vec<Range<usize>> = Vec::new();
        for (n, range) in p.sentences.iter().enumerate() {
            let from = toks.partition_point(|t| t.range.start < range.start);
            let to = toks.partition_point(|t| t.range.start < range.end);
            let s = Sentence {
                toks: toks.get(from..to).unwrap_or_default(),
                unit_toks: &toks,
                from,
                breaks: &breaks,
                first: n == 0,
                labelled,
                unit_words,
                standalone: p.sentences.len() == 1,
                in_list_or_footnote: p.in_list_or_footnote,
            };
            if views::is_statement(&self.lex, &s) {
                match views.last_mut() {
                    // Two sentences in a row make one disclaimer.
                    Some(last) if last.end == from => last.end = to,
                    _ => views.push(from..to),
                }
            } else if views.last().is_some_and(|l| l.end == from)
                && views::continues(&self.lex, &s)
                && let Some(last) = views.last_mut()
            {
                last.end = to;
            }
            for c in credit::find(&self.lex, &s) {
                let names = c
                    .names
                    .iter()
                    .map(|r| self.name(p, &toks, (r.start + from)..(r.end + from)))
                    .collect();
                let range = (c.toks.start + from)..(c.toks.end + from);
                out.push(self.statement(StatementKind::EditorCredit, p, &toks, range, names));
            }
            if notes::editors_note(&self.lex, &s) {
                // The note runs to the end of its paragraph.
                out.push(self.statement(
                    StatementKind::EditorsNote,
                    p,
                    &toks,
                    from..toks.len(),
                    Vec::new(),
                ));
            }
            if notes::republication(&self.lex, &s) {
                out.push(self.statement(
                    StatementKind::Republication,
                    p,
                    &toks,
                    from..to,
                    Vec::new(),
                ));
            }
            if notes::guest_post(&self.lex, &s) {
                out.push(self.statement(StatementKind::GuestPost, p, &toks, from..to, Vec::new()));
            }
        }
        for range in views {
            let sentence = toks.get(range.clone()).unwrap_or_default();
            let bodies = views::organisations(&self.lex, sentence)
                .into_iter()
                .map(|r| self.name(p, &toks, (r.start + range.start)..(r.end + range.start)))
                .collect();
            out.push(self.statement(StatementKind::AuthorViews, p, &toks, range, bodies));
        }
    }

    fn name(&self, p: &Passage<'_>, toks: &[Tok], range: Range<usize>) -> Name {
        let mut span = text_span(toks, range);
        let mut text = p.prose.text.get(span.clone()).unwrap_or("");
        // "Fair Observer's editorial policy" names Fair Observer.
        for suffix in ["'s", "’s"] {
            if let Some(name) = text.strip_suffix(suffix) {
                span.end -= suffix.len();
                text = name;
            }
        }
        Name {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            span: p.prose.to_source(span),
        }
    }

    fn statement(
        &self,
        kind: StatementKind,
        p: &Passage<'_>,
        toks: &[Tok],
        range: Range<usize>,
        names: Vec<Name>,
    ) -> Statement {
        let span = text_span(toks, range.clone());
        let whole = p.prose.text.trim();
        let text = p.prose.text.get(span.clone()).unwrap_or("");
        Statement {
            kind,
            block: p.block,
            whole_block: text.len() + 4 >= whole.len(),
            span: p.prose.to_source(span.clone()),
            text: text.to_string(),
            place: p.place,
            words: toks
                .get(range)
                .unwrap_or_default()
                .iter()
                .filter(|t| t.word)
                .map(|t| Word {
                    norm: t.norm.clone(),
                    span: p.prose.to_source(t.range.clone()),
                })
                .collect(),
            names,
        }
    }
}

fn passage_of(i: usize, block: &Block) -> Passage<'_> {
    Passage {
        prose: &block.prose,
        sentences: &block.sentences,
        block: Some(i),
        place: Place::Prose,
        in_list_or_footnote: block.in_list || block.in_footnote,
        after_label: false,
    }
}

/// The text range of tokens `range`: from the first token's start to the last's end.
fn text_span(toks: &[Tok], range: Range<usize>) -> Range<usize> {
    let start = toks.get(range.start).map_or(0, |t| t.range.start);
    let end = range
        .end
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .map_or(start, |t| t.range.end);
    start..end.max(start)
}
