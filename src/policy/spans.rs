//! Where every key and value of a TOML file stands, so that a policy error can point at
//! the exact bytes ("`rules.placeholder.patterns[2]` is not a valid regex") even though
//! the policy itself is merged and deserialized from plain values.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

#[derive(Debug, Default, Clone)]
pub(crate) struct SpanIndex {
    /// Dotted path (`rules.disclaimer.template`, `rules.x.patterns.2`) -> (key, value).
    entries: HashMap<String, (Range<usize>, Range<usize>)>,
}

impl SpanIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut index = SpanIndex::default();
        if let Ok(root) = DeTable::parse(text) {
            index.table("", root.get_ref());
        }
        index
    }

    fn table(&mut self, prefix: &str, table: &DeTable<'_>) {
        for (key, value) in table {
            let path = join(prefix, key.get_ref());
            self.value(&path, key.span(), value.get_ref(), value.span());
        }
    }

    fn value(&mut self, path: &str, key: Range<usize>, value: &DeValue<'_>, span: Range<usize>) {
        self.entries.insert(path.to_string(), (key.clone(), span));
        match value {
            DeValue::Table(t) => self.table(path, t),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}.{i}");
                    self.value(&p, item.span(), item.get_ref(), item.span());
                }
            }
            _ => {}
        }
    }

    /// The span of a key, falling back to the nearest enclosing key that exists.
    pub(crate) fn key(&self, path: &str) -> Option<Range<usize>> {
        self.lookup(path).map(|(k, _)| k)
    }

    /// The span of a value, falling back to the nearest enclosing key that exists.
    pub(crate) fn value_span(&self, path: &str) -> Option<Range<usize>> {
        self.lookup(path).map(|(_, v)| v)
    }

    fn lookup(&self, path: &str) -> Option<(Range<usize>, Range<usize>)> {
        let mut p = path;
        loop {
            if let Some(e) = self.entries.get(p) {
                return Some(e.clone());
            }
            let (parent, _) = p.rsplit_once('.')?;
            p = parent;
        }
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_array_items() {
        let text = "[rules.placeholder]\nkind = \"phrase-list\"\npatterns = [\"a\", \"(b\"]\n";
        let idx = SpanIndex::new(text);
        let k = idx.key("rules.placeholder.kind").unwrap_or(0..0);
        assert_eq!(&text[k], "kind");
        let v = idx
            .value_span("rules.placeholder.patterns.1")
            .unwrap_or(0..0);
        assert_eq!(&text[v], "\"(b\"");
        // Unknown leaf falls back to its parent.
        let k = idx.key("rules.placeholder.nope").unwrap_or(0..0);
        assert_eq!(&text[k], "placeholder");
    }
}
