//! The readable text of raw HTML, for statements that files keep in HTML blocks
//! (`<p><em>The views expressed …</em></p>`) and in comments: tags dropped, entities
//! decoded, one passage per block-level element, every piece mapped back to the file.

use std::ops::Range;

use crate::document::Prose;

/// Tags that end a passage: the text on either side belongs to different paragraphs.
const BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "aside",
    "footer",
    "header",
    "article",
    "hr",
    "tr",
    "td",
    "th",
    "table",
    "figure",
    "figcaption",
    "dd",
    "dt",
];

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["script", "style", "template", "noscript"];

/// The passages of the HTML in `range` of `file`.
pub(crate) fn passages(file: &str, range: Range<usize>) -> Vec<Prose> {
    let Some(html) = file.get(range.clone()) else {
        return Vec::new();
    };
    let base = range.start;
    let mut out = Vec::new();
    let mut current = Prose::default();
    let mut skipping: Option<&str> = None;
    let mut at = 0;
    while at < html.len() {
        let rest = html.get(at..).unwrap_or("");
        if rest.starts_with("<!--") {
            at += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('<')
            && rest.get(1..2).is_some_and(|c| {
                c.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
            })
        {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let (name, closing) = tag_name(rest.get(..end).unwrap_or(""));
            if let Some(skip) = skipping {
                if closing && name == skip {
                    skipping = None;
                }
            } else if let Some(&s) = SKIPPED.iter().find(|s| **s == name) {
                if !closing {
                    skipping = Some(s);
                }
            } else if BREAKS.contains(&name.as_str()) {
                finish(&mut current, &mut out);
            } else {
                // An inline tag keeps the words on either side apart only if spaced.
                current.push(" ", base + at..base + at + end, false);
            }
            at += end;
            continue;
        }
        if skipping.is_some() {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if rest.starts_with('&') {
            let end = rest
                .get(..rest.len().min(12))
                .and_then(|r| r.find(';'))
                .map(|e| e + 1);
            if let Some(end) = end {
                let entity = rest.get(..end).unwrap_or("");
                let decoded = html_escape::decode_html_entities(entity);
                current.push(&decoded, base + at..base + at + end, decoded == entity);
                at += end;
                continue;
            }
        }
        // Markdown inside HTML (`<aside markdown="1">`): a link's text stays, its target
        // and brackets go.
        if rest.starts_with("](") {
            at += rest.find(')').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if rest.starts_with(['[', ']', '*']) {
            at += 1;
            continue;
        }
        // A run of plain text, up to the next tag, entity or bracket.
        let len = rest
            .find(['<', '&', '[', ']', '*'])
            .filter(|&e| e > 0)
            .unwrap_or_else(|| rest.chars().next().map_or(1, char::len_utf8));
        let text = rest.get(..len).unwrap_or("");
        current.push(text, base + at..base + at + len, true);
        at += len;
    }
    finish(&mut current, &mut out);
    out
}

/// The text inside one HTML comment (`range` covers `<!--` to `-->`), as a passage.
pub(crate) fn comment(file: &str, range: Range<usize>) -> Option<Prose> {
    let text = file.get(range.clone())?;
    let inner_start = range.start + 4.min(text.len());
    let inner_end = if text.ends_with("-->") && text.len() >= 7 {
        range.end - 3
    } else {
        range.end
    };
    let inner = file.get(inner_start..inner_end)?;
    let mut prose = Prose::default();
    prose.push(inner, inner_start..inner_end, true);
    (!prose.is_empty()).then_some(prose)
}

fn finish(current: &mut Prose, out: &mut Vec<Prose>) {
    let done = std::mem::take(current);
    if !done.is_empty() {
        out.push(done);
    }
}

/// The lower-case name of a tag (`<P class=x>` -> "p") and whether it closes.
fn tag_name(tag: &str) -> (String, bool) {
    let inner = tag.trim_start_matches('<');
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_dropped_entities_decoded_passages_split() {
        let html = "<div class=\"note\"><p><em>The author&rsquo;s views</em> are hers.</p><p>Next</p><script>x()</script></div>";
        let got: Vec<String> = passages(html, 0..html.len())
            .iter()
            .map(|p| p.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(got, ["The author’s views are hers.", "Next"]);
        let first = passages(html, 0..html.len());
        let prose = first.first().map(|p| p.text.clone()).unwrap_or_default();
        let at = prose.find("views").unwrap_or(0);
        let span = first.first().map(|p| p.to_source(at..at + 5));
        assert_eq!(span.and_then(|s| html.get(s)), Some("views"));
    }

    #[test]
    fn comment_text() {
        let file = "x <!-- views are my own --> y";
        let p = comment(file, 2..27).map(|p| p.text);
        assert_eq!(p.as_deref(), Some(" views are my own "));
    }
}
