//! Bytes -> a configuration file (`Policy::from_text`), plain and through every profile
//! and with its overrides: Ok or Err, never a panic. An error must render; a policy must
//! run over a short article and over its own examples.

#![no_main]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use copydesk::lint;
use copydesk::error::Error;
use copydesk::lint::examples;
use copydesk::policy::{Policy, Variant};
use copydesk::source::Source;
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "---\ntitle: T\nauthor: A\ndate: 2023-11-13\nsection: opinion\n---\n# The vote\n\nThe council approved 42 projects, TK. \"A quote,\" she said.\n\n- one\n- two\n\n> quoted 10%\n\n*Edited by Jo Blake.*\n\nThe views expressed in this article are the author's own and do not necessarily reflect the publication's editorial policy.\n";

/// A folder holding two small packs, so that relative `extends` and profile paths
/// resolve to something.
fn packs_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("copydesk-fuzz-packs-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(
            dir.join("house.toml"),
            "extends = [\"opinion\"]\n[rules.house-terms]\nkind = \"phrase-list\"\nmessage = \"avoid `{text}`\"\nphrases = [\"very unique\"]\n",
        );
        let _ = std::fs::write(dir.join("news.toml"), "extends = []\n[publication]\nname = \"News\"\n");
        dir
    })
}

fn exercise(result: Result<Policy, Error>) {
    match result {
        Ok(policy) => {
            let source = Source::new("a.md", ARTICLE.to_string());
            let checked = lint::check_source_full(&policy, &source);
            common::check_spans(&source, &checked.diagnostics);
            let _ = examples::run(&policy);
        }
        Err(e) => {
            let _ = e.to_string();
            if e.drawable() {
                let handler = miette::GraphicalReportHandler::new_themed(
                    miette::GraphicalTheme::unicode_nocolor(),
                )
                .with_width(100);
                let mut out = String::new();
                let _ = handler.render_report(&mut out, &e);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = packs_dir();
    exercise(Policy::from_text("fuzz.toml", Some(dir), text.to_string()));

    // Every profile, with all overrides and with none.
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    let mut profiles: Vec<Option<String>> = vec![None];
    if let Some(packs) = table
        .get("profiles")
        .and_then(|p| p.get("packs"))
        .and_then(toml::Value::as_table)
    {
        profiles.extend(packs.keys().take(8).cloned().map(Some));
    }
    let overrides = table
        .get("overrides")
        .and_then(toml::Value::as_array)
        .map_or(0, Vec::len)
        .min(16);
    for profile in profiles {
        for all in [false, true] {
            if profile.is_none() && !all {
                continue; // the plain load above
            }
            let variant = Variant {
                profile: profile.clone(),
                overrides: if all {
                    (0..overrides).collect()
                } else {
                    Vec::new()
                },
            };
            exercise(Policy::from_text_variant(
                "fuzz.toml",
                Some(dir),
                text.to_string(),
                &variant,
            ));
        }
    }
});
