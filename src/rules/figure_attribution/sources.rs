//! Where a sentence names its source beyond the pack's cues: links the Markdown parser
//! left as text, numbered references, HTML links, and quotations with a named speaker.

use std::ops::Range;

/// Links that the Markdown parser leaves as text because their destination is a template
/// tag with spaces (`[the report]({{< ref "report.md" >}})`): they are links all the same.
pub(super) fn template_links(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|t| t.find("]("))
        .map(|i| from + i)
    {
        let rest = text.get(i + 2..).unwrap_or("").trim_start();
        if rest.starts_with("{{") || rest.starts_with("{%") {
            let start = text.get(..i).and_then(|t| t.rfind('[')).unwrap_or(i);
            out.push(start..i + 2);
        }
        from = i + 2;
    }
    out
}

/// Numbered references in brackets ("fonts are more legible. [2]"): a note that names
/// the source, as a footnote does.
pub(super) fn bracket_refs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('[') {
        let digits = text
            .get(i + 1..)
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        if (1..=3).contains(&digits)
            && text
                .get(i + 1 + digits..)
                .is_some_and(|t| t.starts_with(']'))
        {
            out.push(i..i + digits + 2);
        }
    }
    out
}

/// Whether a file range holds the end of an HTML link (`<a href="…">the report</a>`),
/// which the prose text keeps only the words of.
pub(super) fn html_link_in(file: &str, range: Range<usize>) -> bool {
    file.get(range)
        .is_some_and(|t| t.contains("</a>") || t.contains("</A>"))
}

/// Quotations in prose: from an opening curly quote to its closing one, or between two
/// straight double quotes.
pub(super) fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((start, close)), c) if c == close => {
                out.push(start..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    out
}
