//! Links are clean: https, no tracking parameters, no URL shorteners, no placeholders, no empty link text, no raw URLs pasted into sentences.
//!
//! ## What it does
//! Reads every link of the article (its footnotes included, the page residue after it
//! not) and reports:
//! - a link over `http://` where `https://` is expected, except to the `http-hosts`
//!   (such as `localhost`);
//! - `tracking-parameters` in the query (`utm_source`, `fbclid`, `gclid`, …), with a fix
//!   that removes them and keeps the other parameters;
//! - a link through one of the `shorteners` (`bit.ly`, `t.co`, …), which hides where it
//!   goes;
//! - a placeholder destination: one of the `placeholder-hosts` (`example.com`,
//!   `localhost`, and their subdomains) or `placeholder-destinations` (`#`, `url`, an
//!   empty one);
//! - a link with no text, which readers cannot see or click;
//! - a bare URL in the prose ("see https://example.gov/report for more"): text, not a
//!   link. An autolink (`<https://…>`) and a link whose text is its URL are links made
//!   on purpose and are not reported.
//!
//! A placeholder link is reported as that alone. Links in code are never read.
//!
//! ## Why is this bad?
//! A tracking parameter tells a third party who sent the reader; a shortener hides the
//! destination and breaks when the service does; `http` links are open to tampering and
//! browsers warn about them; a placeholder or an empty link is copy that was never
//! finished; a raw URL in a sentence is residue of pasting that many sites do not even
//! make clickable.
//!
//! ## Example
//! ```markdown
//! The [report](http://bit.ly/3xYz?utm_source=twitter) is online at https://example.gov/report.
//! ```
//! Use instead:
//! ```markdown
//! The [report](https://www.example.gov/report) is online.
//! ```
//!
//! ## Options
//! - `http-hosts` (list): hosts that may be linked over `http` (`localhost`).
//! - `tracking-parameters` (list): query parameters that track readers; a final `*`
//!   matches a prefix (`utm_*`).
//! - `shorteners` (list): hosts of URL shorteners.
//! - `placeholder-hosts` (list): hosts that are placeholders; their subdomains are too.
//! - `placeholder-destinations` (list): whole destinations that are placeholders (`#`).
//!
//! Messages: `message` for an `http` link; `tracking`, `shortener`, `placeholder`,
//! `empty-text` and `bare-url`; `{text}` is the URL.
//!
//! ## Fix safety
//! Removing tracking parameters is safe: they do not change the page. Other findings
//! have no fix: only the writer knows the https address, the destination behind a
//! shortener, or the text a link should have.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Link;
use crate::pattern::Pattern;
use crate::rules::Texts;
use crate::rules::support::attribution::template_spans;
use crate::rules::support::body::{body_blocks, fix, link_texts};
use crate::rules::support::ranges::within;
use crate::rules::{
    About, Build, Check, Context, Kind, ParamError, Setup, compile, kind_doc, support::excerpt,
};
use crate::template::fill;

pub(crate) static KIND: Kind = Kind {
    about: About {
        name: "link-hygiene",
        doc: kind_doc!("rules/link_hygiene"),
        messages: &[
            "tracking",
            "shortener",
            "placeholder",
            "empty-text",
            "bare-url",
        ],
    },
    compile: compile::<Params, _>,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    http_hosts: Vec<String>,
    tracking_parameters: Vec<String>,
    shorteners: Vec<String>,
    placeholder_hosts: Vec<String>,
    placeholder_destinations: Vec<String>,
}

struct LinkHygiene {
    http_hosts: Vec<String>,
    tracking: Vec<String>,
    shorteners: Vec<String>,
    placeholder_hosts: Vec<String>,
    placeholder_destinations: Vec<String>,
    bare: Pattern,
    texts: Texts,
}

fn lower(list: Vec<String>) -> Vec<String> {
    list.into_iter().map(|s| s.trim().to_lowercase()).collect()
}

impl Build for Params {
    fn build(self, setup: &Setup<'_>) -> Result<Box<dyn Check>, ParamError> {
        let p = self;
        let bare = crate::pattern::regex(r#"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}"“”‘’]+"#)
            .map_err(|e| ParamError::new("", e.to_string()))?;
        Ok(Box::new(LinkHygiene {
            http_hosts: lower(p.http_hosts),
            tracking: lower(p.tracking_parameters),
            shorteners: lower(p.shorteners),
            placeholder_hosts: lower(p.placeholder_hosts),
            placeholder_destinations: lower(p.placeholder_destinations),
            bare,
            texts: setup.texts.clone(),
        }))
    }
}

/// The parts of a URL that the checks read, as byte ranges of it.
struct Url<'u> {
    scheme: &'u str,
    host: String,
    /// The query without its `?`.
    query: Option<Range<usize>>,
}

fn parse(url: &str) -> Url<'_> {
    let (scheme, rest_at) = match url.find("://") {
        Some(i)
            if url.get(..i).is_some_and(|s| {
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            }) =>
        {
            (url.get(..i).unwrap_or(""), i + 3)
        }
        _ => ("", 0),
    };
    let rest = url.get(rest_at..).unwrap_or("");
    let authority_end = if scheme.is_empty() && !url.starts_with("www.") {
        0
    } else {
        rest.find(['/', '?', '#']).unwrap_or(rest.len())
    };
    let authority = rest.get(..authority_end).unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    // Strip a port, but not from an IPv6 address in brackets.
    let host = match host.rfind(':') {
        Some(i) if !host.ends_with(']') => host.get(..i).unwrap_or(host),
        _ => host,
    };
    let query = url.find('?').map(|q| {
        let end = url
            .get(q..)
            .and_then(|t| t.find('#'))
            .map_or(url.len(), |h| q + h);
        q + 1..end
    });
    Url {
        scheme,
        host: host.trim_end_matches('.').to_lowercase(),
        query,
    }
}

/// Whether `host` is one of `hosts` or a subdomain of one.
fn host_in(host: &str, hosts: &[String]) -> bool {
    hosts.iter().any(|h| {
        host == h
            || host
                .strip_suffix(h.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
    })
}

impl LinkHygiene {
    fn is_tracking(&self, key: &str) -> bool {
        let key = key.to_lowercase();
        self.tracking.iter().any(|t| match t.strip_suffix('*') {
            Some(prefix) => key.starts_with(prefix),
            None => key == *t,
        })
    }

    /// The edits, relative to the URL, that remove its tracking parameters; `None` when
    /// it has none. Runs of tracking parameters go with one `&`; when every parameter
    /// tracks, the `?` goes too.
    fn tracking_edits(&self, url: &str, query: &Range<usize>) -> Option<Vec<Range<usize>>> {
        let q = url.get(query.clone())?;
        let mut params: Vec<(Range<usize>, bool)> = Vec::new();
        let mut at = query.start;
        for part in q.split('&') {
            let key = part.split('=').next().unwrap_or("");
            params.push((at..at + part.len(), self.is_tracking(key)));
            at += part.len() + 1;
        }
        if !params.iter().any(|(_, t)| *t) {
            return None;
        }
        if params.iter().all(|(_, t)| *t) {
            let whole = query.start - 1..query.end;
            return Some(vec![whole]);
        }
        let mut edits = Vec::new();
        let mut i = 0;
        while i < params.len() {
            if !params.get(i).is_some_and(|(_, t)| *t) {
                i += 1;
                continue;
            }
            let start = params.get(i).map_or(0, |(r, _)| r.start);
            let mut j = i;
            while params.get(j + 1).is_some_and(|(_, t)| *t) {
                j += 1;
            }
            let end = params.get(j).map_or(start, |(r, _)| r.end);
            match params.get(j + 1) {
                // Followed by a kept parameter: take the `&` after the run.
                Some((next, _)) => edits.push(start..next.start),
                // At the end: take the `&` before the run.
                None => edits.push(start.saturating_sub(1)..end),
            }
            i = j + 1;
        }
        Some(edits)
    }

    fn report(&self, key: &str, url: &str, span: Range<usize>, label: &str) -> Diagnostic {
        let template = if key.is_empty() {
            self.texts.message.as_str()
        } else {
            self.texts.get(key)
        };
        Diagnostic::new(fill(template, &[("text", &excerpt(url))]), span)
            .with_label(label)
            .with_help(self.texts.help.clone())
    }

    fn check_link(&self, cx: &Context<'_>, link: &Link, out: &mut Vec<Diagnostic>) {
        let dest = link.destination.trim();
        let file = cx.doc.text();
        // The destination's bytes in the file, when written out inside the link.
        let dest_span = file
            .get(link.text.end.max(link.span.start)..link.span.end)
            .and_then(|t| t.find(dest))
            .map(|i| link.text.end.max(link.span.start) + i)
            .filter(|_| !dest.is_empty())
            .map(|s| s..s + dest.len());
        let span = dest_span.clone().unwrap_or_else(|| link.span.clone());
        let url = parse(dest);
        // No words, and no inline HTML such as an `<img>` that the reader sees instead.
        let text_empty = cx
            .doc
            .blocks
            .get(link.block)
            .and_then(|b| b.prose.text.get(link.prose.clone()))
            .is_none_or(|t| t.trim().is_empty())
            && !file.get(link.span.clone()).is_some_and(|t| t.contains('<'));
        if self
            .placeholder_destinations
            .iter()
            .any(|p| *p == dest.to_lowercase())
            || host_in(&url.host, &self.placeholder_hosts)
        {
            out.push(self.report("placeholder", dest, span, "placeholder destination"));
            return;
        }
        if text_empty {
            out.push(self.report("empty-text", dest, link.span.clone(), "no link text"));
        }
        if host_in(&url.host, &self.shorteners) {
            out.push(self.report("shortener", dest, span.clone(), "shortened link"));
        }
        if url.scheme.eq_ignore_ascii_case("http") && !host_in(&url.host, &self.http_hosts) {
            out.push(self.report("", dest, span.clone(), "http, not https"));
        }
        if let Some(query) = &url.query
            && let Some(edits) = self.tracking_edits(dest, query)
        {
            let mut d = self.report("tracking", dest, span, "tracking parameters");
            if let Some(at) = dest_span {
                d.fix = Some(fix(
                    "Remove the tracking parameters",
                    Applicability::Safe,
                    edits
                        .into_iter()
                        .map(|r| (at.start + r.start..at.start + r.end, String::new()))
                        .collect(),
                ));
            }
            out.push(d);
        }
    }
}

impl Check for LinkHygiene {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for link in &cx.doc.links {
            if link.block < cx.layout.trailer_from {
                self.check_link(cx, link, out);
            }
        }
        for (index, block) in body_blocks(cx) {
            let text = &block.prose.text;
            if !text.contains("://") && !text.contains("www.") {
                continue;
            }
            let links = link_texts(cx, index);
            let templates = template_spans(text);
            for m in self.bare.find_iter(text) {
                let url = m
                    .as_str()
                    .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_']);
                let range = m.start()..m.start() + url.len();
                // Inside link text (an autolink or a link named by its URL) or a template tag.
                if links
                    .iter()
                    .any(|l| l.start <= range.start && range.end <= l.end.max(l.start))
                    || within(&templates, &range)
                {
                    continue;
                }
                let span = block.prose.to_source(range);
                out.push(self.report("bare-url", url, span, "not a link"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read() {
        let u = parse("HTTP://user@Example.COM:8080/a?b=1#c");
        assert_eq!((u.scheme, u.host.as_str()), ("HTTP", "example.com"));
        assert_eq!(u.query, Some(31..34));
        let u = parse("www.bit.ly/x");
        assert_eq!(u.host, "www.bit.ly");
        assert_eq!(parse("/about").host, "");
        assert_eq!(parse("mailto:a@b.org").host, "");
        assert!(host_in("www.example.com", &["example.com".into()]));
        assert!(!host_in("myexample.com", &["example.com".into()]));
    }
}
