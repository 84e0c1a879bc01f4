//! The integration tests, as one test binary: each module was a binary of its own, and
//! each of those linked the whole crate and libgit2 again. Helpers the modules share are
//! in `common`.
//!
//! Run one module with a filter: `cargo test --test it cli::`; the ignored long runs with
//! `cargo test --release --test it -- --ignored`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity,
    clippy::print_stderr
)]

mod common;

mod bad_input;
mod cli;
mod document;
mod examples;
mod exclude;
mod figures;
mod fix;
mod formats;
mod git;
mod kinds;
mod layers;
mod opinion_rules_attr;
mod opinion_rules_style;
mod policy;
mod properties;
mod readme;
mod robustness;
mod statements;
mod suppress;
mod threads;
mod wheel;
