//! Rule kinds: the only part of a policy that is code.
//!
//! Each kind lives in its own file under `kinds/`, documented at the top (what it checks,
//! why editors care, an example that fails and one that passes, its options); `copydesk
//! explain` prints that documentation, which `build.rs` extracts at build time. A kind
//! turns its pack parameters into a [`Check`] once per run; a check is a pure function of
//! the Document. What several kinds share lives in `support/`.
//!
//! Adding a kind: its file in `kinds/`, one line in [`KINDS`], a fixture folder in
//! `fixtures/rules/`, and its snapshot.

mod kinds;
mod params;
pub(crate) mod support;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::layout::Layout;
use crate::document::statements::Statement;
pub(crate) use params::compile_regexes;

/// The `//!` documentation at the top of a kind's file, extracted by `build.rs`.
macro_rules! kind_doc {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/kind-docs/", $file, ".md"))
    };
}
pub(crate) use kind_doc;

/// What a rule reads: the Document, and which of its blocks are body, end matter and
/// page residue.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub layout: &'a Layout,
    /// The disclaimers, credits and notes found in the document, in file order.
    pub statements: &'a [Statement],
}

/// A compiled rule. It reports findings without rule id or severity: the engine adds
/// both from the policy.
pub trait Check: Send + Sync {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// The blocks that are this rule's statement in the house wording (a disclaimer, a
    /// credit line): end matter, whatever the pack's `[end-matter]` patterns say.
    fn end_matter(&self, _doc: &Document<'_>) -> Vec<usize> {
        Vec::new()
    }

    /// The rule's statement in the house wording, for a pack's examples
    /// (`{house:RULE}`, `{house:RULE:Name}`): the disclaimer with the publication filled
    /// in, the credit line with `name`.
    fn house_text(&self, _name: &str) -> Option<String> {
        None
    }
}

/// A rule's texts from the pack. `message` is the main finding's; kinds with several
/// findings take the others from `messages`.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub message: String,
    pub help: String,
    pub messages: std::collections::BTreeMap<String, String>,
}

impl Texts {
    /// A named message, falling back to the main one.
    pub fn get(&self, key: &str) -> &str {
        self.messages
            .get(key)
            .map_or(self.message.as_str(), String::as_str)
    }
}

/// What a kind is given to build its check.
pub struct Setup<'a> {
    pub params: &'a toml::Table,
    pub texts: &'a Texts,
    /// The configured publication name, if any.
    pub publication: Option<&'a str>,
    /// False for a rule that is off: its parameters are validated, nothing is built.
    pub build: bool,
}

impl Setup<'_> {
    /// The patterns of a named parameter, compiled. For a rule that is off nothing is
    /// built, and [`Build::validate`] checks them instead.
    pub(crate) fn patterns(
        &self,
        key: &str,
        patterns: &[String],
    ) -> Result<Vec<crate::pattern::Pattern>, ParamError> {
        params::param_regexes(key, patterns, true)
    }

    /// Validates the patterns of a named parameter when the rule is off; when it is built,
    /// [`Setup::patterns`] compiles them and reports the same errors.
    pub(crate) fn check_patterns(&self, key: &str, patterns: &[String]) -> Result<(), ParamError> {
        if self.build {
            return Ok(());
        }
        validate_patterns(key, patterns)
    }
}

/// Validates the patterns of a named parameter without compiling them: for patterns a
/// kind compiles in another form (joined, anchored), whose errors would not name the bad
/// pattern.
pub(crate) fn validate_patterns(key: &str, patterns: &[String]) -> Result<(), ParamError> {
    params::param_regexes(key, patterns, false).map(drop)
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

/// A kind's parameters, as a pack writes them, and how they become a check `C` (a
/// [`Check`], or the suppression audits' own kind of check).
pub(crate) trait Build<C: ?Sized = dyn Check>: DeserializeOwned {
    /// What serde cannot check (a bound, a template, patterns of a rule that is off);
    /// runs for every rule, on or off.
    fn validate(&self, _setup: &Setup<'_>) -> Result<(), ParamError> {
        Ok(())
    }

    /// The check, for a rule that runs.
    fn build(self, setup: &Setup<'_>) -> Result<Box<C>, ParamError>;
}

/// The one way a kind compiles: parameters read and validated, then the check built only
/// for a rule that runs.
pub(crate) fn compile<P: Build<C>, C: ?Sized>(
    setup: &Setup<'_>,
) -> Result<Option<Box<C>>, ParamError> {
    let params: P = params::deserialize(setup.params)?;
    params.validate(setup)?;
    if !setup.build {
        return Ok(None);
    }
    params.build(setup).map(Some)
}

/// What a kind is, for packs and for `explain`: its name, its documentation and the
/// extra messages it needs.
#[derive(Debug)]
pub struct About {
    pub name: &'static str,
    /// The `//!` documentation at the top of the kind's file.
    pub doc: &'static str,
    pub messages: &'static [&'static str],
}

impl About {
    /// The first line of the documentation.
    pub fn summary(&self) -> String {
        self.doc.lines().next().unwrap_or("").trim().to_string()
    }
}

/// A rule kind: what it is, and how to compile a check `C` from a rule's settings
/// (`None` for a rule that is off).
pub struct Kind<C: ?Sized + 'static = dyn Check> {
    pub about: About,
    #[allow(clippy::type_complexity)]
    pub compile: fn(&Setup<'_>) -> Result<Option<Box<C>>, ParamError>,
}

/// Every kind that reads the Document, in the order `explain` lists them.
pub static KINDS: &[&Kind] = &[
    &kinds::required_statement::KIND,
    &kinds::credit_line::KIND,
    &kinds::forbidden_statement::KIND,
    &kinds::figure_attribution::KIND,
    &kinds::number_style::KIND,
    &kinds::link_hygiene::KIND,
    &kinds::heading_style::KIND,
    &kinds::consistency::KIND,
    &kinds::substitution::KIND,
    &kinds::typography::KIND,
    &kinds::length::KIND,
    &kinds::acronym::KIND,
    &kinds::quote_attribution::KIND,
    &kinds::term_attribution::KIND,
    &kinds::phrase_list::KIND,
    &kinds::front_matter::KIND,
];
