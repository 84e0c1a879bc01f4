//! Errors that stop a run or skip a file (exit code 2). Findings are not errors: they are
//! [`crate::diagnostic::Diagnostic`] values.

use std::ops::Range;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A policy pack or `copydesk.toml` is wrong: points at the exact TOML bytes.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Policy(Box<PolicyError>),

    /// A policy error with no file to point into (e.g. an unknown built-in pack name
    /// given on the command line).
    #[error("{message}")]
    #[diagnostic(code(copydesk::policy))]
    PolicyPlain {
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(copydesk::io))]
    Io {
        path: String,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("cannot write to `{path}`: {reason}")]
    #[diagnostic(code(copydesk::io))]
    Write {
        path: String,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("`{path}` is not UTF-8 text (invalid byte at offset {offset}, line {line})")]
    #[diagnostic(
        code(copydesk::encoding),
        help(
            "save the article as UTF-8; most editors offer this under \"Save as\" or \"Encoding\""
        )
    )]
    InvalidUtf8 {
        path: String,
        offset: usize,
        line: usize,
    },

    /// A file in UTF-16 or UTF-32, recognised by its byte order mark.
    #[error("`{path}` is {encoding} text, not UTF-8; it was not checked")]
    #[diagnostic(
        code(copydesk::encoding),
        help(
            "save the article as UTF-8; most editors offer this under \"Save as\" or \"Encoding\""
        )
    )]
    WideEncoding {
        path: String,
        encoding: &'static str,
    },

    /// A file holding a NUL byte, which no text file has: an image or a document saved in
    /// a word processor's format, given a `.md` name.
    #[error(
        "`{path}` looks like a binary file, not text (a NUL byte at offset {offset}, line {line}); it was not checked"
    )]
    #[diagnostic(
        code(copydesk::binary),
        help(
            "check that this is the article; if it is text, save it as UTF-8 (text in UTF-16 without a byte order mark also looks like this)"
        )
    )]
    Binary {
        path: String,
        offset: usize,
        line: usize,
    },

    /// A file over `--max-file-size`.
    #[error("`{path}` was not checked: {}", too_large(*size, *limit))]
    #[diagnostic(
        code(copydesk::too_large),
        help(
            "check that this is the article; to check it anyway, raise the limit, e.g. --max-file-size 64M (0: no limit)"
        )
    )]
    TooLarge {
        path: String,
        /// `None` when only the first `limit + 1` bytes were read (standard input).
        size: Option<u64>,
        limit: u64,
    },

    /// A folder that takes the run over `--max-files` files.
    #[error(
        "`{path}` takes the run over {limit} Markdown files (--max-files): nothing was checked"
    )]
    #[diagnostic(
        code(copydesk::too_many_files),
        help(
            "check that this is the right folder; name a narrower one, or raise the limit, e.g. --max-files 500000 (0: no limit)"
        )
    )]
    TooManyFiles { path: String, limit: usize },

    #[error("{0}")]
    #[diagnostic(code(copydesk::usage))]
    Usage(String),

    /// No repository, an unknown revision, no merge base: `--staged`, `--changed`, `hook`.
    #[error("{message}")]
    #[diagnostic(code(copydesk::git))]
    Git {
        message: String,
        #[help]
        help: Option<String>,
    },
}

/// A policy error with the policy file's text, so the report can show the line.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(copydesk::policy))]
pub struct PolicyError {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    let limit = format!("the limit of {} (--max-file-size)", human_size(limit));
    match size {
        Some(size) => format!("it is {} ({size} bytes), over {limit}", human_size(size)),
        None => format!("it is over {limit}"),
    }
}

/// A size for people: `20 MiB`, `512 KiB`, `950 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            return if bytes.is_multiple_of(unit) {
                format!("{} {name}", bytes / unit)
            } else {
                format!("{:.1} {name}", bytes as f64 / unit as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// How far into a line a label may start and still be drawn by miette, whose underline
/// padding overflows Rust's formatting width (65,535) far into a very long line.
pub const MAX_DRAWN_LINE_OFFSET: usize = 16_000;

impl Error {
    /// Whether miette can draw this error's source snippet.
    pub fn drawable(&self) -> bool {
        match self {
            Error::Policy(e) => {
                let text = e.src.inner();
                let at = e.span.offset().min(text.len());
                let line_start = text
                    .get(..at)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |i| i + 1);
                at - line_start + e.span.len() < MAX_DRAWN_LINE_OFFSET
            }
            _ => true,
        }
    }

    pub(crate) fn policy(
        path: &str,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        let len = text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        Error::Policy(Box::new(PolicyError {
            message: message.into(),
            src: NamedSource::new(path, text.to_string()),
            span: (start, end - start).into(),
            label: label.into(),
            help,
        }))
    }

    /// A file that output could not be written to.
    pub(crate) fn write(path: &str, err: &std::io::Error) -> Self {
        let help = match err.kind() {
            std::io::ErrorKind::NotFound => Some(
                "the folder must exist; the path is relative to the current directory".to_string(),
            ),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::IsADirectory => {
                Some("name a file you may write to".to_string())
            }
            _ => None,
        };
        Error::Write {
            path: path.to_string(),
            reason: err.to_string(),
            help,
        }
    }

    pub(crate) fn io(path: &str, err: &std::io::Error) -> Self {
        let help = match err.kind() {
            std::io::ErrorKind::NotFound => {
                Some("check the path; it is relative to the current directory".to_string())
            }
            std::io::ErrorKind::PermissionDenied => {
                Some("check the file's permissions".to_string())
            }
            _ => None,
        };
        Error::Io {
            path: path.to_string(),
            reason: err.to_string(),
            help,
        }
    }
}
