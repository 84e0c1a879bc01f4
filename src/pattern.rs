//! Patterns of packs and kinds: compiled once per run, shared by every rule that lists
//! them, limited in size so that a policy cannot make the linter slow or huge.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::{Regex, RegexBuilder};

/// Limits on user patterns, so a policy cannot make the linter slow or huge.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 22;
/// Room for the lazy DFA of each pattern: long lists of words with Unicode classes need
/// more than the default, or the engine keeps rebuilding its states and falls back to
/// slower ones.
const REGEX_DFA_LIMIT: usize = 1 << 24;
pub(crate) const REGEX_NEST_LIMIT: u32 = 64;
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
