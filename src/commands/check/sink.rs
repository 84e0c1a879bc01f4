//! Where each checked file's report goes as the run proceeds, by output mode: streamed
//! file by file (`human`, `concise`, `json`, `json-lines`), kept for a format that needs
//! the whole run (SARIF, GitHub, JUnit …), counted for `--statistics`, or, with
//! `--diff`, only the fixes as a diff.

use std::io::{self, Write};
use std::path::PathBuf;

use super::RunState;
use super::output;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::render::{
    self, FileReport, HumanOptions, Locator, OutputFormat, RenderContext, Summary, statistics,
};

pub(super) enum Sink {
    /// `--diff`: the diffs are the output; findings are not shown.
    Diff,
    Stream {
        stream: render::Stream,
        human: HumanOptions,
    },
    Statistics {
        format: OutputFormat,
        reports: Vec<FileReport>,
    },
    Whole {
        format: OutputFormat,
        human: HumanOptions,
        reports: Vec<FileReport>,
    },
}

impl Sink {
    pub(super) fn new(args: &CheckArgs, human: HumanOptions) -> Self {
        let format = args.format;
        if args.diff {
            Sink::Diff
        } else if args.statistics {
            Sink::Statistics {
                format,
                reports: Vec::new(),
            }
        } else if format.streams() {
            Sink::Stream {
                stream: render::Stream::new(format),
                human,
            }
        } else {
            Sink::Whole {
                format,
                human,
                reports: Vec::new(),
            }
        }
    }

    /// One checked file, in path order, with its `--diff` if it has one.
    pub(super) fn file(
        &mut self,
        report: FileReport,
        diff: Option<String>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if let Some(diff) = diff {
            out.write_all(diff.as_bytes())?;
        }
        match self {
            Sink::Diff => Ok(()),
            Sink::Stream { stream, human } => {
                let cx = RenderContext {
                    human: *human,
                    ..RenderContext::new(&[], Summary::default())
                };
                stream.file(&cx, &report, out)
            }
            Sink::Statistics { reports, .. } | Sink::Whole { reports, .. } => {
                reports.push(report);
                Ok(())
            }
        }
    }

    /// Closes the report once every file is checked; a job summary that cannot be written
    /// is added to `errors`.
    pub(super) fn finish(
        self,
        run: &RunState,
        out: &mut dyn Write,
        errors: &mut Vec<Error>,
    ) -> io::Result<()> {
        match self {
            Sink::Diff => Ok(()),
            Sink::Stream { mut stream, .. } => stream.end(&run.summary, out),
            Sink::Statistics { format, reports } => {
                statistics::render(format, &reports, &run.suppressed, &run.statements, out)
            }
            Sink::Whole {
                format,
                human,
                reports,
            } => whole(format, human, &reports, run, out, errors),
        }
    }
}

/// The formats that need the whole run: written once every file is checked.
fn whole(
    format: OutputFormat,
    human: HumanOptions,
    reports: &[FileReport],
    run: &RunState,
    out: &mut dyn Write,
    errors: &mut Vec<Error>,
) -> io::Result<()> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = output::repository_root(&cwd).unwrap_or_else(|| cwd.clone());
    let step_summary = if format == OutputFormat::Github {
        std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    } else {
        None
    };
    let cx = RenderContext {
        reports,
        summary: run.summary,
        rules: output::rules_in_force(&run.used_policies),
        locator: Locator::new(root, cwd),
        human,
        step_summary,
    };
    let result = render::render(format, &cx, out);
    if let Some(path) = &cx.step_summary
        && let Err(e) = render::append_step_summary(&cx)
    {
        let mut error = Error::write(&path.display().to_string(), &e);
        if let Error::Write { help, .. } = &mut error {
            *help = Some("GITHUB_STEP_SUMMARY names the file that receives the job summary".into());
        }
        errors.push(error);
    }
    result
}
