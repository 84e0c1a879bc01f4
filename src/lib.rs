//! copydesk: a linter for opinion pieces written in Markdown.
//!
//! The pipeline runs one way: [`source::Source`] -> [`document::Document`] -> rules ->
//! [`diagnostic::Diagnostic`] -> renderers. Only [`run`] writes to the terminal.

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod git;
pub mod parallel;
pub mod policy;
pub mod policy_commands;
pub mod render;
pub mod rules;
pub mod run;
pub mod source;
pub mod suppress;
