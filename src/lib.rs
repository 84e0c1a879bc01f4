//! copydesk: a linter for opinion pieces written in Markdown.
//!
//! The pipeline runs one way: [`source::Source`] -> [`document::Document`] -> [`rules`]
//! -> [`suppress`] -> [`diagnostic::Diagnostic`] -> [`render`]ers. Modules are layers and
//! import only downward:
//!
//! ```text
//! main, cli                 arguments
//! commands                  check, rules, explain, hook, policy: prints, exit codes
//! lint                      the engine, the fix loop, a policy's examples: never prints
//! policy                    packs and copydesk.toml: load, merge, compile, discover, select
//! suppress                  inline suppressions and the audits of them, after the rules
//! rules                     Check, Kind, Context; kinds/ (one file each), support/
//! document                  Markdown -> blocks, prose, sentences, words, layout
//! render, git               output formats; staged and changed files, hooks
//! pattern, template, did_you_mean, parallel, error, source, diagnostic   leaves
//! ```
//!
//! `tests/it/layers.rs` fails on an import that runs upward or closes a circle.

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod did_you_mean;
pub mod document;
pub mod error;
pub mod git;
pub mod lint;
pub mod parallel;
pub mod pattern;
pub mod policy;
pub mod render;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod template;
