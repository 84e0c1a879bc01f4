//! Merging the files of a policy in `extends` order: later files override earlier ones
//! key by key, and every key remembers the file it came from.

use std::collections::BTreeMap;

use super::load::Loader;
use super::schema::RawFile;
use crate::did_you_mean::closest;
use crate::error::Error;

/// A rule as merged from several files: each key remembers the file it came from.
#[derive(Debug)]
pub(super) struct MergedRule {
    pub(super) id: String,
    /// The file that declared the rule (for errors about the rule as a whole).
    pub(super) declared_in: usize,
    pub(super) keys: BTreeMap<String, (toml::Value, usize)>,
}

impl MergedRule {
    /// The file a key of this rule came from (the declaring file for a key not set).
    pub(super) fn origin(&self, key: &str) -> usize {
        self.keys.get(key).map_or(self.declared_in, |(_, f)| *f)
    }
}

impl Loader {
    pub(super) fn merge(&mut self, file: usize, raw: RawFile) -> Result<(), Error> {
        if let Some(meta) = raw.pack
            && !meta.description.is_empty()
        {
            self.description = meta.description;
        }
        if let Some(p) = raw.publication {
            self.publication = p.name.filter(|n| !n.trim().is_empty());
        }
        if let Some(em) = raw.end_matter {
            if let Some(b) = em.blocks {
                self.end_blocks = Some((b, file));
            }
            if let Some(t) = em.trailer {
                self.end_trailer = Some((t, file));
            }
        }
        if let Some(lists) = raw.statements {
            self.statements.extend(lists.lists());
        }
        for (id, table) in raw.rules {
            let existing = self.rules.iter().position(|r| r.id == id);
            let index = match existing {
                Some(i) => i,
                None => {
                    if !table.contains_key("kind") {
                        let known: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
                        let help = match closest(&id, known.iter().copied()) {
                            Some(near) => {
                                format!("did you mean `{near}`? A new rule needs a `kind`")
                            }
                            None => format!(
                                "known rules: {}; a new rule needs a `kind`",
                                known.join(", ")
                            ),
                        };
                        return Err(self.error(
                            file,
                            &format!("rules.{id}"),
                            format!("unknown rule `{id}`"),
                            "no rule has this id",
                            Some(help),
                        ));
                    }
                    self.rules.push(MergedRule {
                        id: id.clone(),
                        declared_in: file,
                        keys: BTreeMap::new(),
                    });
                    self.rules.len() - 1
                }
            };
            if let Some(rule) = self.rules.get_mut(index) {
                for (key, value) in table {
                    rule.keys.insert(key, (value, file));
                }
            }
        }
        Ok(())
    }
}
