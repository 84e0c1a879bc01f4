//! What `check` reads: files and folders named on the command line, the files git says
//! changed (`--staged`, `--changed`), or standard input; and how bytes become text.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::cli::CheckArgs;
use crate::error::Error;
use crate::git::{self, ChangedLines};
use crate::policy::select::Selector;
use crate::source::Source;

/// One input: a path on disk, staged content, or standard input.
pub(crate) enum Input {
    File {
        path: PathBuf,
        display: String,
        /// With `--changed-lines`: the lines whose findings are reported.
        lines: Option<ChangedLines>,
    },
    Staged {
        /// The file's place in the working tree, where its configuration is looked for.
        path: PathBuf,
        display: String,
        bytes: Vec<u8>,
        lines: Option<ChangedLines>,
    },
    Stdin {
        display: String,
    },
}

impl Input {
    pub(crate) fn lines(&self) -> Option<&ChangedLines> {
        match self {
            Input::File { lines, .. } | Input::Staged { lines, .. } => lines.as_ref(),
            Input::Stdin { .. } => None,
        }
    }
}

fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map_or(s.clone(), str::to_string)
}

/// `path` (absolute) as seen from `cwd` (absolute): `articles/a.md`, `../a.md`.
fn relative_display(path: &Path, cwd: &Path) -> String {
    let mut common = 0;
    for (a, b) in path.components().zip(cwd.components()) {
        if a != b {
            break;
        }
        common += 1;
    }
    if common == 0 {
        return path.display().to_string();
    }
    // Forward slashes, as git shows paths, on every platform.
    let ups = cwd.components().skip(common).map(|_| "..".to_string());
    let downs = path
        .components()
        .skip(common)
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// `path` absolute and without symbolic links in its folders, as the selector compares
/// paths: a folder is resolved, a file keeps its own name (a link named `README.md` is
/// still `README.md`), and a path that does not exist keeps its name in its folder.
fn real_path(path: &Path) -> PathBuf {
    let absolute = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |c| c.join(path));
    if path.is_dir() {
        return std::fs::canonicalize(&absolute).unwrap_or(absolute);
    }
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// Expands the command line's paths into inputs, sorted by path; errors are collected.
/// Folders are walked as `selector` says; a path named here is left out only when it is
/// excluded with force-exclude.
pub(crate) fn collect_inputs(
    args: &CheckArgs,
    selector: &Selector,
    errors: &mut Vec<Error>,
) -> Vec<Input> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut stdin = None;
    for path in &args.paths {
        if path.as_os_str() == "-" {
            // An editor piping a buffer names it; an excluded name is not checked.
            let name = args.stdin_filename.as_deref();
            if name.is_some_and(|n| selector.force_excluded(&real_path(Path::new(n)))) {
                continue;
            }
            stdin = Some(name.unwrap_or("<stdin>").to_string());
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(&display_path(path), &e));
                continue;
            }
        };
        if selector.force_excluded(&real_path(path)) {
            continue;
        }
        if meta.is_dir() {
            let mut walker = ignore::WalkBuilder::new(path);
            let root = path.clone();
            let real_root = real_path(path);
            let keeps = selector.clone();
            walker.follow_links(false).filter_entry(move |entry| {
                let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                keeps.walk_keeps(&real_root.join(rel), is_dir)
            });
            for entry in walker.build() {
                match entry {
                    Ok(entry) => {
                        // The filter kept it: an included file, not excluded.
                        if entry.file_type().is_some_and(|t| t.is_file()) {
                            files.push((display_path(entry.path()), entry.path().to_path_buf()));
                            if args.max_files > 0 && files.len() > args.max_files {
                                // Nothing is checked: a part of the files, chosen by walking
                                // order, would be a surprise.
                                errors.push(Error::TooManyFiles {
                                    path: display_path(path),
                                    limit: args.max_files,
                                });
                                return Vec::new();
                            }
                        }
                    }
                    Err(e) => errors.push(Error::Io {
                        path: display_path(path),
                        reason: e.to_string(),
                        help: None,
                    }),
                }
            }
        } else if meta.is_file() {
            // A file named on the command line is checked whatever its extension.
            files.push((display_path(path), path.clone()));
        } else {
            // A FIFO or a device would block the run or never end.
            errors.push(Error::Io {
                path: display_path(path),
                reason: "not a regular file".into(),
                help: Some("name Markdown files or folders; pipes are read with `-`".into()),
            });
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    let mut inputs: Vec<Input> = files
        .into_iter()
        .map(|(display, path)| Input::File {
            path,
            display,
            lines: None,
        })
        .collect();
    if let Some(display) = stdin {
        inputs.push(Input::Stdin { display });
    }
    inputs
}

/// Reads at most `limit` bytes (no limit: `None`); more is [`Error::TooLarge`].
fn read_limited(
    display: &str,
    reader: impl Read,
    known_size: Option<u64>,
    limit: Option<u64>,
) -> Result<Vec<u8>, Error> {
    let too_large = |size: Option<u64>, limit: u64| Error::TooLarge {
        path: display.to_string(),
        size,
        limit,
    };
    if let (Some(size), Some(limit)) = (known_size, limit)
        && size > limit
    {
        return Err(too_large(Some(size), limit));
    }
    let mut bytes = Vec::with_capacity(known_size.map_or(0, |s| usize::try_from(s).unwrap_or(0)));
    match limit {
        Some(limit) => {
            reader
                .take(limit.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(display, &e))?;
            let read = bytes.len() as u64;
            if read > limit {
                // It grew since its size was taken, or its size was not known (stdin).
                return Err(too_large(known_size.filter(|&s| s > limit), limit));
            }
        }
        None => {
            let mut reader = reader;
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(display, &e))?;
        }
    }
    Ok(bytes)
}

/// The files `--staged` or `--changed` select, below the paths given, sorted by path.
/// The files the configuration excludes, or does not include, are left out.
pub(crate) fn collect_changed(args: &CheckArgs, selector: &Selector) -> Result<Vec<Input>, Error> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "standard input (`-`) cannot be combined with --staged or --changed".into(),
        ));
    }
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::io(".", &e))?;
    let repo = git::Repository::discover(&cwd)?;
    // The paths given narrow the selection; a path that does not exist selects nothing.
    let scopes: Vec<PathBuf> = args
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| cwd.join(p)))
        .collect();
    let keep = |path: &Path| scopes.iter().any(|s| path.starts_with(s)) && selector.git_keeps(path);
    let files = if args.staged {
        repo.staged(&keep)?
    } else {
        repo.changed(args.since.as_deref(), &keep)?.0
    };
    Ok(files
        .into_iter()
        .map(|f| {
            let display = relative_display(&f.path, &cwd);
            let lines = args.changed_lines.then_some(f.lines);
            match f.staged {
                Some(bytes) => Input::Staged {
                    path: f.path,
                    display,
                    bytes,
                    lines,
                },
                None => Input::File {
                    path: f.path,
                    display,
                    lines,
                },
            }
        })
        .collect())
}

/// Reads one input as text; `limit` is `--max-file-size` (`None`: no limit).
pub(crate) fn read_input(input: &Input, limit: Option<u64>) -> Result<Source, Error> {
    let text = |display: &String, bytes| Source::decode(display.clone(), bytes);
    match input {
        Input::File { path, display, .. } => {
            let file = std::fs::File::open(path).map_err(|e| Error::io(display, &e))?;
            let size = file.metadata().ok().map(|m| m.len());
            text(display, read_limited(display, file, size, limit)?)
        }
        Input::Staged { display, bytes, .. } => {
            let size = Some(bytes.len() as u64);
            text(
                display,
                read_limited(display, bytes.as_slice(), size, limit)?,
            )
        }
        Input::Stdin { display } => text(
            display,
            read_limited(display, io::stdin().lock(), None, limit)?,
        ),
    }
}
