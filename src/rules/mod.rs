//! Rule kinds: the only part of a policy that is code.
//!
//! Each kind lives in its own file, documented at the top (what it checks, why editors
//! care, an example that fails and one that passes, its options); `copydesk explain`
//! prints that documentation. A kind turns its pack parameters into a [`Check`] once per
//! run; a check is a pure function of the Document.

mod acronym;
mod attribution;
mod consistency;
mod credit_line;
mod figure_attribution;
mod front_matter;
mod hash;
mod heading_style;
mod invalid_suppression;
mod length;
mod link_hygiene;
mod number_style;
mod numerals;
mod phrase_list;
mod prose;
mod quote_attribution;
mod ranges;
mod required_statement;
mod substitution;
mod term_attribution;
mod typography;
mod unused_suppression;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::{Regex, RegexBuilder};
use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::policy::Texts;
use crate::policy::end_matter::Layout;
use crate::suppress::Audit;

/// What a rule reads: the Document, and where its body ends.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub layout: &'a Layout,
    /// The document's suppression directives and what they covered; only given to checks
    /// that run after suppressions are applied.
    pub suppressions: Option<&'a Audit>,
}

/// A compiled rule. It reports findings without rule id or severity: the engine adds
/// both from the policy.
pub trait Check: Send + Sync {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// Checks that audit the suppressions themselves run once the other rules' findings
    /// have been suppressed, and see the [`Audit`].
    fn after_suppressions(&self) -> bool {
        false
    }
}

/// What a kind is given to build its check.
pub struct Setup<'a> {
    pub params: &'a toml::Table,
    pub texts: &'a Texts,
    /// The configured publication name, if any.
    pub publication: Option<&'a str>,
}

/// A bad parameter: `path` is relative to the rule's table (`patterns.2`).
#[derive(Debug, Clone)]
pub struct ParamError {
    pub path: String,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// Point at the key rather than its value (an unknown key).
    pub on_key: bool,
}

impl ParamError {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            label: "here".into(),
            help: None,
            on_key: false,
        }
    }
}

/// A rule kind: its name in packs, its documentation, the extra messages it needs and
/// how to build its check. With `compile = false` the parameters are validated only.
pub struct Kind {
    pub name: &'static str,
    /// The kind's source file; its `//!` header is the documentation.
    source: &'static str,
    pub messages: &'static [&'static str],
    #[allow(clippy::type_complexity)]
    pub compile: fn(&Setup<'_>, bool) -> Result<Option<Box<dyn Check>>, ParamError>,
}

impl Kind {
    /// The `//!` documentation at the top of the kind's file.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if line.trim().is_empty() {
                    continue;
                }
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// The first line of the documentation.
    pub fn summary(&self) -> String {
        self.doc().lines().next().unwrap_or("").trim().to_string()
    }
}

/// Every kind, in the order `explain` lists them.
pub static KINDS: &[&Kind] = &[
    &required_statement::KIND,
    &credit_line::KIND,
    &figure_attribution::KIND,
    &number_style::KIND,
    &link_hygiene::KIND,
    &heading_style::KIND,
    &consistency::KIND,
    &substitution::KIND,
    &typography::KIND,
    &length::KIND,
    &acronym::KIND,
    &quote_attribution::KIND,
    &term_attribution::KIND,
    &phrase_list::KIND,
    &front_matter::KIND,
    &unused_suppression::KIND,
    &invalid_suppression::KIND,
];

pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

/// Deserializes a kind's parameters, reporting the exact key on error.
pub(crate) fn params<T: DeserializeOwned>(table: &toml::Table) -> Result<T, ParamError> {
    let value = toml::Value::Table(table.clone());
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = e.path().to_string();
        if path == "." {
            path.clear();
        }
        let inner = e.into_inner();
        let message = inner.message().trim().to_string();
        // serde names an unknown key only in its message; point at the key itself.
        if let Some(key) = message
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
        {
            let path = if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            };
            let help = message
                .split_once(", expected ")
                .map(|(_, rest)| format!("this rule's kind takes {rest}"));
            return ParamError {
                path,
                message: format!("unknown parameter `{key}`"),
                label: "not a parameter of this rule".into(),
                help,
                on_key: true,
            };
        }
        ParamError {
            path,
            message: format!("invalid parameter: {message}"),
            label: "here".into(),
            help: None,
            on_key: false,
        }
    })
}

/// Limits on user patterns, so a policy cannot make the linter slow or huge.
const REGEX_SIZE_LIMIT: usize = 1 << 22;
/// Room for the lazy DFA of each pattern: long lists of words with Unicode classes need
/// more than the default, or the engine keeps rebuilding its states and falls back to
/// slower ones.
const REGEX_DFA_LIMIT: usize = 1 << 24;
const REGEX_NEST_LIMIT: u32 = 64;
/// How many compiled patterns a run keeps for reuse: several times what a pack holds.
const REGEX_CACHE_LIMIT: usize = 8192;

/// A compiled pattern, shared by every rule that lists it.
pub(crate) type Pattern = Arc<Regex>;

/// Compiles a pattern of a pack or a kind. Word boundaries (`\b`, `\B`) are ASCII word
/// boundaries: the regex crate's fast engine gives up on Unicode ones as soon as a text
/// holds a non-ASCII character (a curly quote is enough), which made prose rules 10 to 20
/// times slower. Letters outside ASCII then count as non-word characters next to a
/// boundary, which in English prose changes no match (the corpus gives the same findings).
///
/// Compiled patterns are kept for the run: packs repeat long lists between rules (the
/// quotation rules share their cues), and compiling is most of the cost of loading a
/// policy. Rules that list the same pattern share one [`Pattern`], and so the search
/// state it builds as it runs (a lazy DFA of up to [`REGEX_DFA_LIMIT`] per thread).
pub(crate) fn regex(pattern: &str) -> Result<Pattern, regex::Error> {
    static COMPILED: OnceLock<Mutex<HashMap<String, Pattern>>> = OnceLock::new();
    let cache = COMPILED.get_or_init(Mutex::default);
    let cached = |pattern: &str| {
        cache
            .lock()
            .ok()
            .and_then(|compiled| compiled.get(pattern).cloned())
    };
    if let Some(re) = cached(pattern) {
        return Ok(re);
    }
    let re = Arc::new(
        RegexBuilder::new(&ascii_word_boundaries(pattern))
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_LIMIT)
            .nest_limit(REGEX_NEST_LIMIT)
            .build()?,
    );
    if let Ok(mut compiled) = cache.lock() {
        // A process that loads policy after policy (a fuzzer) must not grow without end.
        if compiled.len() >= REGEX_CACHE_LIMIT {
            compiled.clear();
        }
        compiled.insert(pattern.to_string(), re.clone());
    }
    Ok(re)
}

/// Rewrites `\b` and `\B` outside character classes as `(?-u:\b)` and `(?-u:\B)`.
fn ascii_word_boundaries(pattern: &str) -> std::borrow::Cow<'_, str> {
    if !pattern.contains("\\b") && !pattern.contains("\\B") {
        return pattern.into();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.into()
}

/// Checks a pattern as [`regex`] would parse it, without compiling it: for the patterns of
/// rules that are off, which are validated but never run. Compiling is most of the cost
/// of loading a policy, and a syntax error reads the same either way; only a pattern too
/// big to compile passes here.
pub(crate) fn validate_regex(pattern: &str) -> Result<(), regex::Error> {
    regex_syntax::ParserBuilder::new()
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .parse(&ascii_word_boundaries(pattern))
        .map(drop)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

/// A pattern compiled on first use, for a pattern that most documents never need. Its
/// syntax is checked when it is made; should it then fail to compile (only a pattern too
/// big can), it matches nothing.
pub(crate) struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Option<Pattern>>,
}

impl LazyRegex {
    pub(crate) fn new(pattern: String) -> Result<Self, regex::Error> {
        validate_regex(&pattern)?;
        Ok(Self {
            pattern,
            compiled: OnceLock::new(),
        })
    }

    pub(crate) fn get(&self) -> Option<&Pattern> {
        self.compiled
            .get_or_init(|| regex(&self.pattern).ok())
            .as_ref()
    }
}

fn pattern_error(index: usize, pattern: &str, e: &regex::Error) -> ParamError {
    ParamError {
        path: index.to_string(),
        message: format!("invalid regular expression `{pattern}`"),
        label: first_line(&e.to_string()),
        help: Some(match e {
            regex::Error::CompiledTooBig(_) => format!(
                "the pattern is too large once compiled (over {} MiB); copydesk limits patterns so that a policy cannot make checking slow: simplify it (a counted repetition such as `{{1000}}` copies what it repeats)",
                REGEX_SIZE_LIMIT >> 20
            ),
            _ => "patterns use Rust regex syntax (https://docs.rs/regex); `(?i)` makes one case-insensitive".into(),
        }),
        on_key: false,
    }
}

/// Compiles a list of patterns; an error names the index of the bad one.
pub(crate) fn compile_regexes(patterns: &[String]) -> Result<Vec<Pattern>, ParamError> {
    patterns
        .iter()
        .enumerate()
        .map(|(i, p)| regex(p).map_err(|e| pattern_error(i, p, &e)))
        .collect()
}

/// The patterns of a named parameter, compiled when the rule runs (`build`); for a rule
/// that is off they are only validated, and the list is empty.
pub(crate) fn param_regexes(
    key: &str,
    patterns: &[String],
    build: bool,
) -> Result<Vec<Pattern>, ParamError> {
    let compiled = if build {
        compile_regexes(patterns)
    } else {
        patterns
            .iter()
            .enumerate()
            .try_for_each(|(i, p)| validate_regex(p).map_err(|e| pattern_error(i, p, &e)))
            .map(|()| Vec::new())
    };
    compiled.map_err(|mut e| {
        e.path = format!("{key}.{}", e.path);
        e
    })
}

fn first_line(s: &str) -> String {
    // regex's messages draw the pattern with a caret; the last line says what is wrong.
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

/// Prose matched by a check, reported as the words in the file.
pub(crate) fn quoted(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 60 {
        let short: String = t.chars().take(57).collect();
        format!("{short}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::ascii_word_boundaries;

    #[test]
    fn word_boundaries_become_ascii_outside_classes() {
        assert_eq!(
            ascii_word_boundaries(r"\bTK\b|\Bx"),
            r"(?-u:\b)TK(?-u:\b)|(?-u:\B)x"
        );
        assert_eq!(ascii_word_boundaries(r"[\b]\\b"), r"[\b]\\b");
        assert_eq!(ascii_word_boundaries(r"\d+"), r"\d+");
        let re = super::regex(r"(?i)\bsaid\b").unwrap();
        assert!(re.is_match("“No,” she said."));
        assert!(!re.is_match("unsaid"));
    }

    #[test]
    fn a_pattern_listed_twice_is_compiled_once() {
        let a = super::regex(r"(?i)\bquoth\b").unwrap();
        let b = super::regex(r"(?i)\bquoth\b").unwrap();
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        let other = super::regex(r"(?i)\bquote\b").unwrap();
        assert!(!std::sync::Arc::ptr_eq(&a, &other));
    }

    #[test]
    fn validating_reports_what_compiling_reports() {
        for bad in [
            r"(?i)\bsaid(",
            r"[z-a]",
            r"\p{Nope}",
            r"a{5,2}",
            r"(?P<x>a)(?P<x>b)",
            r"\bx\",
        ] {
            let compiled = super::regex(bad).map(drop).map_err(|e| e.to_string());
            let validated = super::validate_regex(bad).map_err(|e| e.to_string());
            assert!(compiled.is_err(), "{bad}");
            assert_eq!(compiled, validated, "{bad}");
        }
        let deep = format!("{}a{}", "(".repeat(80), ")".repeat(80));
        assert!(super::validate_regex(&deep).is_err());
        assert!(super::validate_regex(r"(?i)\b(?:TODO|FIXME)\b:?").is_ok());
    }
}
