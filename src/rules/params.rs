//! A kind's parameters: deserialized with the exact key of an error, and its patterns
//! compiled (or, for a rule that is off, only validated).

use serde::de::DeserializeOwned;

use super::ParamError;
use crate::pattern::{Pattern, REGEX_SIZE_LIMIT, regex, validate_regex};

/// Deserializes a kind's parameters, reporting the exact key on error.
pub(crate) fn deserialize<T: DeserializeOwned>(table: &toml::Table) -> Result<T, ParamError> {
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
