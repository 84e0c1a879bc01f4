//! `{name}` placeholders in pack text: messages ("figure `{text}` has no source"),
//! statement templates ("… reflect {publication}'s editorial policy") and phrase lists.

/// Replaces every `{key}` whose key is in `vars`; other braces are left as they are.
pub(crate) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let replaced = after.find('}').and_then(|close| {
            let key = after.get(1..close)?;
            let value = vars.iter().find(|(k, _)| *k == key)?.1;
            Some((value, close + 1))
        });
        match replaced {
            Some((value, used)) => {
                out.push_str(value);
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits a template at one placeholder: `"a {x} b"` -> `["a ", " b"]` for `x`.
pub(crate) fn split<'t>(template: &'t str, key: &str) -> Vec<&'t str> {
    template.split(&format!("{{{key}}}")).collect()
}

/// A regex for template text typed by people: case and runs of whitespace do not matter,
/// and straight and curly quotes or apostrophes are the same character.
pub(crate) fn loose_regex(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len() * 2);
    let mut in_space = false;
    for c in literal.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '\'' | '’' | '‘' | 'ʼ' => out.push_str("['’‘ʼ]"),
            '"' | '“' | '”' => out.push_str("[\"“”]"),
            '-' | '–' | '—' => out.push_str("[-–—]"),
            _ => {
                let mut buf = [0u8; 4];
                out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
            }
        }
    }
    out
}

/// Text compared the way people read it: lowercase, quotes straightened, whitespace folded.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out, usize::MAX);
    out
}

/// Whether `normalize(text)` starts with `prefix`, normalizing only the words needed.
pub(crate) fn normalized_starts_with(text: &str, prefix: &str) -> bool {
    let mut out = String::with_capacity(prefix.len() + 16);
    normalize_into(text, &mut out, prefix.len());
    out.starts_with(prefix)
}

/// Normalizes words of `text` into `out` until it holds at least `enough` bytes.
fn normalize_into(text: &str, out: &mut String, enough: usize) {
    for word in text.split_whitespace() {
        if out.len() >= enough {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | '‘' | 'ʼ' => out.push('\''),
                '“' | '”' => out.push('"'),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_keys_only() {
        assert_eq!(fill("a {x} {y} {", &[("x", "1")]), "a 1 {y} {");
    }

    #[test]
    fn loose_regex_ignores_quote_style_and_spacing() {
        let re = regex::Regex::new(&format!("(?i){}", loose_regex("the author's  own"))).unwrap();
        assert!(re.is_match("The Author’s\nown"));
    }

    #[test]
    fn normalize_folds_case_quotes_space() {
        assert_eq!(normalize(" Fair  Observer’s "), "fair observer's");
    }

    #[test]
    fn normalized_prefixes_read_only_what_they_need() {
        for (text, prefix, expected) in [
            (" The  Views expressed", "the views", true),
            ("The views", "the views expressed", false),
            ("The viewsexpressed", "the views", true),
            ("", "", true),
            ("“The” views", "\"the\" v", true),
            ("The Views", "the views ", false),
        ] {
            assert_eq!(normalized_starts_with(text, prefix), expected, "{text}");
            assert_eq!(normalize(text).starts_with(prefix), expected, "{text}");
        }
    }
}
