//! Markdown -> Document: built once per file and shared by every rule.
//!
//! The Document holds the front matter, the blocks with their prose text (mapped back to
//! file bytes), sentences, links and footnote references. Rules read this and never the
//! raw Markdown, so the file is parsed once however many rules run, and code blocks, code
//! spans and HTML comments are kept out of every prose rule in one place.

pub mod front_matter;
pub mod layout;
pub mod prose;
mod quotes;
pub mod sentences;
pub mod statements;
pub(crate) mod words;

use std::ops::Range;
use std::sync::OnceLock;

use crate::source::Source;
pub use front_matter::FrontMatter;
pub use prose::Prose;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    /// Text directly inside a list item (a tight list). Paragraphs of loose lists are
    /// `Paragraph` blocks with `in_list` set.
    ListItem,
    TableCell,
    /// The quote container; its paragraphs are blocks of their own with `quote_depth > 0`.
    BlockQuote,
    CodeBlock,
    Html,
    HtmlComment,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
    pub quote_depth: u16,
    pub in_list: bool,
    pub in_footnote: bool,
    pub prose: Prose,
    /// Sentence ranges in `prose.text`.
    pub sentences: Vec<Range<usize>>,
    /// What several rules derive from the prose, computed by the first that asks.
    cache: BlockCache,
}

/// Facts about a block's prose that several rules read, computed on first use.
#[derive(Debug, Clone, Default)]
struct BlockCache {
    words: OnceLock<Vec<Range<usize>>>,
    counted_words: OnceLock<usize>,
    quoted: OnceLock<Vec<Range<usize>>>,
}

impl Block {
    /// True for blocks whose text is prose that rules read.
    pub fn has_prose(&self) -> bool {
        matches!(
            self.kind,
            BlockKind::Paragraph
                | BlockKind::Heading(_)
                | BlockKind::ListItem
                | BlockKind::TableCell
        ) && !self.prose.is_empty()
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }

    /// The [`words::words`] of the prose, computed once for all the rules that read them.
    pub fn words(&self) -> &[Range<usize>] {
        self.cache
            .words
            .get_or_init(|| words::words(&self.prose.text))
    }

    /// How many words the length rules count in the prose ([`words::counted_words`]).
    pub fn word_count(&self) -> usize {
        *self
            .cache
            .counted_words
            .get_or_init(|| words::counted_words(&self.prose.text).count())
    }

    /// The quoted passages of the prose, in prose offsets, in order: the whole block
    /// inside a block quote, else text between double quotes, or curly single quotes that
    /// open after a space or a bracket.
    pub fn quoted(&self) -> &[Range<usize>] {
        self.cache.quoted.get_or_init(|| quotes::quoted_spans(self))
    }

    /// The prose text, trimmed.
    pub fn text(&self) -> &str {
        self.prose.text.trim()
    }

    /// The index of the sentence holding a prose offset; an offset between two sentences
    /// belongs to the one before.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        // Sentences are in order: binary search keeps long paragraphs linear overall.
        self.sentences
            .partition_point(|s| s.start <= offset)
            .checked_sub(1)
    }

    /// The file span of one sentence.
    pub fn sentence_span(&self, index: usize) -> Option<Range<usize>> {
        self.sentences
            .get(index)
            .map(|s| self.prose.to_source(s.clone()))
    }

    /// The file span of the block's prose, trimmed of surrounding whitespace.
    pub fn prose_span(&self) -> Range<usize> {
        let t = &self.prose.text;
        let start = t.len() - t.trim_start().len();
        let end = t.trim_end().len();
        self.prose.to_source(start..end.max(start))
    }
}

#[derive(Debug, Clone)]
pub struct Link {
    pub destination: String,
    /// The whole link in the file, `[text](dest)`.
    pub span: Range<usize>,
    pub block: usize,
    /// The link text's range in the block's prose.
    pub prose: Range<usize>,
    /// The link text in the file (inside the brackets).
    pub text: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct FootnoteRef {
    pub label: String,
    pub span: Range<usize>,
    pub block: usize,
    /// Where in the block's prose the reference stands.
    pub prose_at: usize,
}

#[derive(Debug)]
pub struct Document<'s> {
    pub source: &'s Source,
    pub front_matter: Option<FrontMatter>,
    /// Where the Markdown body starts (after the front matter).
    pub body_start: usize,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub footnote_refs: Vec<FootnoteRef>,
    /// HTML comments (`<!-- … -->`), in HTML blocks and inline, in file order: where
    /// suppression directives live.
    pub comments: Vec<Range<usize>>,
}

impl<'s> Document<'s> {
    pub fn parse(source: &'s Source) -> Self {
        let text = source.text.as_str();
        let start = source.content_start();
        let (front_matter, body_start) = match front_matter::detect(text, start) {
            Some((fm, body)) => (Some(fm), body),
            None => (None, start),
        };
        let mut builder = Builder::default();
        let body = text.get(body_start..).unwrap_or("");
        builder.walk(text, body, body_start);
        let mut blocks = builder.blocks;
        for block in &mut blocks {
            if block.has_prose() {
                block.sentences = sentences::split_sentences(&block.prose.text);
            }
        }
        // Text can return to an outer list item after a nested list: sort, so lookups by
        // (block, offset) can binary-search.
        let mut links = builder.links;
        links.sort_by_key(|l| (l.block, l.prose.start));
        let mut footnote_refs = builder.footnote_refs;
        footnote_refs.sort_by_key(|f| (f.block, f.prose_at));
        let mut comments = builder.comments;
        comments.sort_by_key(|c| c.start);
        comments.dedup();
        Document {
            source,
            front_matter,
            body_start,
            blocks,
            links,
            footnote_refs,
            comments,
        }
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// Blocks with prose, with their index.
    pub fn prose_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.has_prose())
    }

    /// Whether a link or a footnote reference lies inside a prose range of one block.
    pub fn has_reference_in(&self, block: usize, range: Range<usize>) -> bool {
        // Links and references are recorded in document order: (block, prose offset) sorts them.
        let i = self.links.partition_point(|l| {
            (l.block, l.prose.end.max(l.prose.start + 1)) <= (block, range.start)
        });
        let link = self
            .links
            .get(i)
            .is_some_and(|l| l.block == block && l.prose.start < range.end);
        let j = self
            .footnote_refs
            .partition_point(|f| (f.block, f.prose_at) < (block, range.start));
        let note = self
            .footnote_refs
            .get(j)
            .is_some_and(|f| f.block == block && f.prose_at <= range.end);
        link || note
    }

    /// The end of the last byte of the document's text, ignoring trailing whitespace.
    pub fn content_end(&self) -> usize {
        self.text().trim_end().len()
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Walks pulldown-cmark's offset iterator once and builds the blocks.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    links: Vec<Link>,
    footnote_refs: Vec<FootnoteRef>,
    /// Indexes of open blocks that collect prose, innermost last.
    open: Vec<usize>,
    /// Nesting counters. A level takes at least one byte of input, so `usize` cannot
    /// overflow (a `u16` did, at 65,536 nested quotes).
    quote_depth: usize,
    list_depth: usize,
    footnote_depth: usize,
    /// Images nest their alt text as events; it is not prose.
    image_depth: usize,
    /// Open links: (block, prose start, file span, destination).
    open_links: Vec<(usize, usize, Range<usize>, String)>,
    comments: Vec<Range<usize>>,
}

/// The HTML comments that start in `range` of `file`; an unclosed one runs to the end.
fn comments_in(file: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let Some(open) = file.get(at..range.end).and_then(|t| t.find("<!--")) else {
            break;
        };
        let start = at + open;
        let end = file
            .get(start + 4..)
            .and_then(|t| t.find("-->"))
            .map_or(file.len(), |i| start + 4 + i + 3);
        found.push(start..end);
        at = end;
    }
    found
}

impl Builder {
    fn walk(&mut self, file: &str, body: &str, base: usize) {
        let parser = Parser::new_ext(body, options()).into_offset_iter();
        for (event, range) in parser {
            let range = (range.start + base)..(range.end + base);
            self.event(file, event, range);
        }
    }

    fn new_block(&mut self, kind: BlockKind, span: Range<usize>) -> usize {
        self.blocks.push(Block {
            kind,
            span,
            // Deeper than 65,535 levels reads as 65,535: still quoted.
            quote_depth: u16::try_from(self.quote_depth).unwrap_or(u16::MAX),
            in_list: self.list_depth > 0,
            in_footnote: self.footnote_depth > 0,
            prose: Prose::default(),
            sentences: Vec::new(),
            cache: BlockCache::default(),
        });
        self.blocks.len() - 1
    }

    fn current(&mut self) -> Option<&mut Block> {
        let i = *self.open.last()?;
        self.blocks.get_mut(i)
    }

    fn push_text(&mut self, text: &str, range: Range<usize>, exact: bool) {
        if self.image_depth > 0 {
            return;
        }
        if let Some(block) = self.current() {
            block.prose.push(text, range, exact);
        }
    }

    fn event(&mut self, file: &str, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(file, tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                let exact = file.get(range.clone()) == Some(t.as_ref());
                self.push_text(&t, range, exact);
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                let mut buf = [0u8; 4];
                self.push_text(prose::OBJECT.encode_utf8(&mut buf), range, false);
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", range, false),
            Event::FootnoteReference(label) => {
                if let Some(&block) = self.open.last() {
                    let prose_at = self.blocks.get(block).map_or(0, |b| b.prose.text.len());
                    self.footnote_refs.push(FootnoteRef {
                        label: label.to_string(),
                        span: range,
                        block,
                        prose_at,
                    });
                }
            }
            Event::InlineHtml(t) if t.starts_with("<!--") => {
                let start = range.start;
                self.comments.extend(comments_in(file, start..start + 4));
            }
            // Inline HTML, comments included, is not prose; HTML blocks are recorded at Start.
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, file: &str, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                let i = self.new_block(BlockKind::Paragraph, range);
                self.open.push(i);
            }
            Tag::Heading { level, .. } => {
                let i = self.new_block(BlockKind::Heading(level as u8), range);
                self.open.push(i);
            }
            Tag::Item => {
                self.list_depth += 1;
                let i = self.new_block(BlockKind::ListItem, range);
                self.open.push(i);
            }
            Tag::TableCell => {
                let i = self.new_block(BlockKind::TableCell, range);
                self.open.push(i);
            }
            Tag::BlockQuote(_) => {
                self.new_block(BlockKind::BlockQuote, range);
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.new_block(BlockKind::CodeBlock, range);
                // Code is never prose: collect into a sink that no rule reads.
                self.open.push(usize::MAX);
            }
            Tag::HtmlBlock => {
                let is_comment = file
                    .get(range.clone())
                    .is_some_and(|t| t.trim_start().starts_with("<!--"));
                let kind = if is_comment {
                    BlockKind::HtmlComment
                } else {
                    BlockKind::Html
                };
                self.comments.extend(comments_in(file, range.clone()));
                self.new_block(kind, range);
                self.open.push(usize::MAX);
            }
            Tag::FootnoteDefinition(_) => self.footnote_depth += 1,
            Tag::Image { .. } => {
                if self.image_depth == 0 {
                    let mut buf = [0u8; 4];
                    self.push_text(prose::OBJECT.encode_utf8(&mut buf), range, false);
                }
                self.image_depth += 1;
            }
            Tag::Link { dest_url, .. } => {
                if let Some(&block) = self.open.last() {
                    let at = self.blocks.get(block).map_or(0, |b| b.prose.text.len());
                    self.open_links
                        .push((block, at, range, dest_url.to_string()));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => {
                self.open.pop();
            }
            TagEnd::Item => {
                self.open.pop();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.open.pop();
            }
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::FootnoteDefinition => {
                self.footnote_depth = self.footnote_depth.saturating_sub(1)
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
            }
            TagEnd::Link => {
                if let Some((block, start, span, destination)) = self.open_links.pop() {
                    let end = self.blocks.get(block).map_or(start, |b| b.prose.text.len());
                    let text = self
                        .blocks
                        .get(block)
                        .map_or(span.start..span.start, |b| b.prose.to_source(start..end));
                    self.links.push(Link {
                        destination,
                        span,
                        block,
                        prose: start..end,
                        text,
                    });
                }
            }
            _ => {}
        }
    }
}
