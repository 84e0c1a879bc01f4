//! Every rule kind a pack can name: the kinds that read the Document
//! ([`crate::rules::KINDS`]) and the kinds that audit suppression comments
//! ([`crate::suppress::KINDS`]).

use crate::rules::{About, Check, ParamError, Setup};
use crate::suppress::AuditCheck;

/// A rule's compiled check, by when it runs.
pub enum Compiled {
    /// Runs on the Document with the other rules.
    Document(Box<dyn Check>),
    /// Runs once the findings of the document rules have been suppressed.
    Audit(Box<dyn AuditCheck>),
}

/// Every kind, in the order `explain` lists them.
pub fn all() -> impl Iterator<Item = &'static About> {
    let document = crate::rules::KINDS.iter().map(|k| &k.about);
    let audit = crate::suppress::KINDS.iter().map(|k| &k.about);
    document.chain(audit)
}

/// The kind with this name.
pub fn find(name: &str) -> Option<&'static About> {
    all().find(|k| k.name == name)
}

/// Compiles a rule of the kind `name` (which [`find`] knows): `None` for a rule that is
/// off, whose parameters are only validated.
pub(crate) fn compile(name: &str, setup: &Setup<'_>) -> Result<Option<Compiled>, ParamError> {
    if let Some(kind) = crate::rules::KINDS.iter().find(|k| k.about.name == name) {
        return (kind.compile)(setup).map(|c| c.map(Compiled::Document));
    }
    match crate::suppress::KINDS.iter().find(|k| k.about.name == name) {
        Some(kind) => (kind.compile)(setup).map(|c| c.map(Compiled::Audit)),
        None => Ok(None),
    }
}
