//! The parse-only floor: what reading and parsing the Markdown costs, with nothing else.
//!
//! Walks the folders given (as `copydesk check` does: `.gitignore` and hidden files
//! respected, symbolic links not followed, `.md` and `.markdown` files) or takes the
//! files given, reads each one, checks it is UTF-8 and walks pulldown-cmark's offset
//! iterator over it with the options copydesk uses, counting events. It prints the
//! files, bytes and events and how long that took.
//!
//! ```text
//! cargo run --release --example parse_only -- ../shared/corpus
//! cargo run --release --example parse_only -- --raw fixtures/seed.md
//! ```
//!
//! `--raw` prints one `key=value` line for scripts (`scripts/bench.sh` reads it).
//! `--repeat N` parses everything N times and reports the fastest pass (files are read
//! once per pass).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};

/// The options of `copydesk::document` (its `options()` is private; keep the two equal).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The files below the paths given, sorted, as `copydesk check` lists them.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            for entry in ignore::WalkBuilder::new(path).follow_links(false).build() {
                let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
                if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(entry.path()) {
                    files.push(entry.into_path());
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

#[derive(Debug, Default, Clone, Copy)]
struct Pass {
    files: usize,
    bytes: usize,
    events: usize,
    skipped: usize,
    elapsed: Duration,
}

/// Reads and parses every file once.
fn pass(files: &[PathBuf]) -> Pass {
    let start = Instant::now();
    let mut out = Pass::default();
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            out.skipped += 1;
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            out.skipped += 1;
            continue;
        };
        for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
            std::hint::black_box((&event, range));
            out.events += 1;
        }
        out.files += 1;
        out.bytes += text.len();
    }
    out.elapsed = start.elapsed();
    out
}

fn main() -> ExitCode {
    let mut raw = false;
    let mut repeat = 1usize;
    let mut paths = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--raw") => raw = true,
            Some("--repeat") => {
                let n = args.next().and_then(|n| n.to_str()?.parse().ok());
                match n {
                    Some(n) if n > 0 => repeat = n,
                    _ => {
                        eprintln!("parse_only: --repeat takes a positive number");
                        return ExitCode::from(2);
                    }
                }
            }
            Some("-h" | "--help") => {
                println!("usage: parse_only [--raw] [--repeat N] PATH...");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: parse_only [--raw] [--repeat N] PATH...");
        return ExitCode::from(2);
    }

    let walk_start = Instant::now();
    let files = match collect(&paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("parse_only: {e}");
            return ExitCode::from(2);
        }
    };
    let walk = walk_start.elapsed();

    let mut best: Option<Pass> = None;
    for _ in 0..repeat {
        let p = pass(&files);
        if best.is_none_or(|b| p.elapsed < b.elapsed) {
            best = Some(p);
        }
    }
    let Some(best) = best else {
        return ExitCode::from(2);
    };
    let secs = best.elapsed.as_secs_f64().max(1e-9);
    let mb_per_s = best.bytes as f64 / 1e6 / secs;
    let files_per_s = best.files as f64 / secs;
    if raw {
        println!(
            "files={} bytes={} events={} skipped={} walk_s={:.6} parse_s={secs:.6} mb_per_s={mb_per_s:.2} files_per_s={files_per_s:.1}",
            best.files,
            best.bytes,
            best.events,
            best.skipped,
            walk.as_secs_f64(),
        );
    } else {
        println!(
            "parsed {} files ({} bytes, {} events) in {:.3} s: {mb_per_s:.1} MB/s, {files_per_s:.0} files/s (listing the files took {:.3} s{})",
            best.files,
            best.bytes,
            best.events,
            secs,
            walk.as_secs_f64(),
            if best.skipped > 0 {
                format!("; {} unreadable or not UTF-8, skipped", best.skipped)
            } else {
                String::new()
            },
        );
    }
    ExitCode::SUCCESS
}
