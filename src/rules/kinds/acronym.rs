//! Acronyms are spelled out where they are first used, unless every reader knows them.
//!
//! ## What it does
//! Finds acronyms in the body's prose: words of two or more capitals, with digits or `&`
//! allowed after the first letter ("WCAG", "COP28", "R&D"), a plural or possessive ending
//! allowed ("NGOs", "WHO’s"), each part of a hyphenated word read alone ("UN-backed").
//! An acronym is spelled out by a definition: the full name followed by the acronym in
//! parentheses ("Web Content Accessibility Guidelines (WCAG)", also "(or WCAG)" and
//! other short asides), or the acronym followed by its full name in parentheses ("WCAG
//! (Web Content Accessibility Guidelines)", whose first word starts with the acronym's
//! letter; also "ISSF or Identifiable Sub-specific Group", "DOM stands for the document
//! object model"). The first use of each acronym is reported when it comes before its
//! definition, or when there is none.
//!
//! Not acronyms: the pack's `allowed` list (UN, US, EU, NATO, BBC, CEO, …), Roman
//! numerals ("World War II"), runs of two or more words in capitals (a label or shouting,
//! "DO NOT USE"), paragraphs mostly in capitals, words inside a match of the
//! `exceptions` (placeholders, file names, words in capitals for emphasis), words in
//! URLs, paths and domains ("SAM.gov", ".NET"), two capitals after a place name ("Bar
//! Harbor, ME", "18th St NW"), and code and template tags. Headings and table cells are not read by
//! default (`scopes`): a subheading may use an acronym the body spells out.
//!
//! ## Why is this bad?
//! Readers outside the writer's field do not know what "TTS", "ICJ" or "CSTO" stand for;
//! an acronym used before it is spelled out sends them searching, and one never spelled
//! out loses them.
//!
//! ## Example
//! ```markdown
//! The CSTO did not intervene. The Collective Security Treaty Organization (CSTO) is
//! led by Russia.
//! ```
//! Use instead:
//! ```markdown
//! The Collective Security Treaty Organization (CSTO) did not intervene. The CSTO is led
//! by Russia.
//! ```
//!
//! ## Options
//! - `allowed` (list): acronyms that need no definition.
//! - `exceptions` (list of regexes): acronyms inside a match are not read.
//! - `scopes` (list): block kinds to read: `paragraph`, `list-item`, `heading`,
//!   `table-cell`.
//!
//! Messages: `message` for an acronym never spelled out, `late` for one spelled out only
//! after its first use; `{text}` is the acronym.
//!
//! ## Fix safety
//! No automatic fix: only the writer knows what the acronym stands for.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::Block;
use crate::document::words::word_iter;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::template_spans;
use crate::rules::support::body::{Scope, blocks_in};
use crate::rules::support::numerals::chunk;
use crate::rules::support::ranges::{Covering, within};
use crate::rules::{About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "acronym",
        doc: kind_doc!("rules/acronym"),
        messages: &["late"],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    allowed: Vec<String>,
    exceptions: Vec<String>,
    scopes: Vec<Scope>,
}

struct Acronyms {
    allowed: HashSet<String>,
    exceptions: Vec<Pattern>,
    scopes: Vec<Scope>,
    texts: Texts,
}

impl Build for Params {
    fn validate(&self, setup: &Setup<'_>) -> Result<(), ParamError> {
        setup.check_patterns("exceptions", &self.exceptions)?;
        Ok(())
    }

    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let exceptions = setup.patterns("exceptions", &p.exceptions)?;
        Ok(Box::new(Acronyms {
            allowed: p.allowed.iter().map(|a| a.trim().to_string()).collect(),
            exceptions,
            scopes: if p.scopes.is_empty() {
                vec![Scope::Paragraph, Scope::ListItem]
            } else {
                p.scopes
            },
            texts: setup.texts.clone(),
        }))
    }
}

/// The acronym in a word part, without a plural or possessive ending: two or more
/// capitals, digits and `&` after a first capital; at most six letters and two digits
/// (longer runs are words in capitals or identifiers: "BILLION", "GBMF4563").
fn acronym(part: &str) -> Option<&str> {
    let core = ["’s", "'s", "s", "’"]
        .iter()
        .find_map(|e| part.strip_suffix(e).filter(|c| c.chars().count() >= 2))
        .unwrap_or(part);
    let mut chars = core.chars();
    let first = chars.next()?;
    let capitals = core.chars().filter(|c| c.is_uppercase()).count();
    let digits = core.chars().filter(char::is_ascii_digit).count();
    (first.is_uppercase()
        && (2..=6).contains(&capitals)
        && digits <= 2
        && chars.all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&'))
    .then_some(core)
}

fn is_roman(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Whether a word holds two capitals, as every acronym does.
fn two_capitals(text: &str, w: &Range<usize>) -> bool {
    text.get(w.clone())
        .is_some_and(|t| t.chars().filter(|c| c.is_uppercase()).nth(1).is_some())
}

/// Where an acronym is used or spelled out: (block, prose range).
type Place = (usize, Range<usize>);

impl Acronyms {
    /// The acronyms of a text, as (acronym, prose range), without runs of capitals.
    fn find<'t>(&self, block: &'t Block) -> Vec<(&'t str, Range<usize>)> {
        let text = block.prose.text.as_str();
        let mut out = Vec::new();
        // Only a word with two capitals can hold an acronym: most blocks have none, and
        // need neither template tags nor exceptions.
        let list = block.words();
        if !list.iter().any(|w| two_capitals(text, w)) {
            return out;
        }
        let templates = template_spans(text);
        let mut excepted: Option<Covering> = None;
        let shouting = |w: &Range<usize>| {
            text.get(w.clone()).is_some_and(|t| {
                t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !t.chars().any(char::is_lowercase)
            })
        };
        for (i, w) in list.iter().enumerate() {
            if !two_capitals(text, w) {
                continue;
            }
            // A run of words in capitals is a label or shouting, not acronyms.
            let neighbour = |j: Option<usize>| j.and_then(|j| list.get(j)).is_some_and(&shouting);
            if shouting(w) && (neighbour(i.checked_sub(1)) || neighbour(Some(i + 1))) {
                continue;
            }
            if within(&templates, w) {
                continue;
            }
            let excepted = excepted.get_or_insert_with(|| {
                Covering::new(
                    self.exceptions
                        .iter()
                        .flat_map(|re| re.find_iter(text).map(|m| m.range()))
                        .collect(),
                )
            });
            if excepted.covers_end(w.start + 1, w.end) {
                continue;
            }
            let word = text.get(w.clone()).unwrap_or("");
            // In a URL, a path, an address or a domain ("SAM.gov", ".NET", "SDC-BIDS/").
            let chunk = chunk(text, w);
            if chunk.contains(['/', '@', '_', '='])
                || text.get(..w.start).is_some_and(|t| t.ends_with('.'))
                || text.get(w.end..).is_some_and(|t| {
                    t.starts_with('.') && t.chars().nth(1).is_some_and(char::is_alphanumeric)
                })
            {
                continue;
            }
            // A state or a quarter after a place name: "Bar Harbor, ME", "18th St NW".
            let two = word.chars().count() == 2;
            let prior = text.get(..w.start).unwrap_or("");
            let place =
                prior.ends_with(", ") || prior.ends_with(" St ") || prior.ends_with(" St. ");
            let named = prior
                .trim_end_matches([',', ' ', '.'])
                .rsplit(' ')
                .next()
                .is_some_and(|p| p.starts_with(char::is_uppercase));
            if two && place && named {
                continue;
            }
            let mut at = w.start;
            for part in word.split('-') {
                if let Some(a) = acronym(part)
                    && !is_roman(a)
                    && !self.allowed.contains(a)
                {
                    out.push((a, at..at + a.len()));
                }
                at += part.len() + 1;
            }
        }
        out
    }

    /// Acronyms spelled out in a text: "Full Name (ACR)", "(or ACR)", "ACR (Full Name)".
    fn definitions<'t>(
        text: &'t str,
        found: &[(&'t str, Range<usize>)],
    ) -> Vec<(&'t str, Range<usize>)> {
        let mut out = Vec::new();
        for (open, _) in text.match_indices('(') {
            let Some(close) = text
                .get(open..)
                .and_then(|t| t.char_indices().take(160).find(|(_, c)| *c == ')'))
                .map(|(i, _)| open + i)
            else {
                continue;
            };
            let inside = open + 1..close;
            let content = text.get(inside.clone()).unwrap_or("");
            // A short aside naming the acronym: "(WCAG)", "(“WCAG”)", "(or WCAG)".
            if word_iter(content).nth(4).is_none() {
                out.extend(
                    found
                        .iter()
                        .filter(|(_, r)| inside.start <= r.start && r.end <= inside.end)
                        .cloned(),
                );
            }
        }
        // The acronym, then its full name: "WCAG (Web Content …)", "ISSF or Identifiable
        // Sub-specific Group", "DOM stands for the document object model". The full name's
        // first word (after "the") starts with the acronym's letter.
        for (a, r) in found {
            let rest = text
                .get(r.end..)
                .unwrap_or("")
                .trim_start_matches([',', ' ']);
            let Some(name) = ["(", "or ", "stands for ", "is short for ", "means "]
                .iter()
                .find_map(|cue| rest.strip_prefix(cue))
            else {
                continue;
            };
            let name = name.trim_start_matches([' ', '“', '"', '‘']);
            let name = name.strip_prefix("the ").unwrap_or(name);
            let mut name_words = word_iter(name);
            let first = name_words.next().and_then(|w| name.get(w));
            if name_words.next().is_some()
                && let (Some(initial), Some(first)) =
                    (a.chars().next(), first.and_then(|w| w.chars().next()))
                && initial.to_lowercase().eq(first.to_lowercase())
            {
                out.push((a, r.clone()));
            }
        }
        out
    }
}

impl Check for Acronyms {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // First use and first definition of each acronym, in document order.
        let mut first_use: HashMap<String, Place> = HashMap::new();
        let mut defined: HashMap<String, Place> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (index, block) in blocks_in(cx, &self.scopes) {
            let text = &block.prose.text;
            if !text.bytes().any(|b| b.is_ascii_uppercase()) {
                continue;
            }
            // Nothing is found in a block without acronyms, so it defines none either.
            let found = self.find(block);
            if found.is_empty() {
                continue;
            }
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = text.chars().filter(|c| c.is_uppercase()).count();
            if capitals * 2 > letters {
                continue;
            }
            for (a, r) in Self::definitions(text, &found) {
                defined.entry(a.to_string()).or_insert((index, r));
            }
            for (a, r) in found {
                if !first_use.contains_key(a) {
                    order.push(a.to_string());
                    first_use.insert(a.to_string(), (index, r));
                }
            }
        }
        for a in order {
            let Some((block, used)) = first_use.get(&a) else {
                continue;
            };
            let Some(b) = cx.doc.blocks.get(*block) else {
                continue;
            };
            let span = b.prose.to_source(used.clone());
            match defined.get(&a) {
                // Spelled out at its first use, or before it.
                Some((db, dr)) if (*db, dr.start) <= (*block, used.start) => {}
                Some((db, dr)) => {
                    let at = cx
                        .doc
                        .blocks
                        .get(*db)
                        .map_or(0..0, |d| d.prose.to_source(dr.clone()));
                    out.push(
                        Diagnostic::new(fill(self.texts.get("late"), &[("text", &a)]), span)
                            .with_label("used here first")
                            .with_secondary(at, "spelled out only here")
                            .with_help(self.texts.help.clone()),
                    );
                }
                None => out.push(
                    Diagnostic::new(fill(&self.texts.message, &[("text", &a)]), span)
                        .with_label("not spelled out")
                        .with_help(self.texts.help.clone()),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_capitals_with_digits_or_ampersands() {
        assert_eq!(acronym("WCAG"), Some("WCAG"));
        assert_eq!(acronym("NGOs"), Some("NGO"));
        assert_eq!(acronym("WHO’s"), Some("WHO"));
        assert_eq!(acronym("G20"), None);
        assert_eq!(acronym("R&D"), Some("R&D"));
        assert_eq!(acronym("Azerbaijan"), None);
        assert_eq!(acronym("A"), None);
        assert_eq!(acronym("iOS"), None);
        assert_eq!(acronym("BILLION"), None);
        assert_eq!(acronym("GBMF4563"), None);
        assert_eq!(acronym("COP28"), Some("COP28"));
        assert_eq!(acronym("PhD"), None);
        assert!(is_roman("XIV"));
    }
}
