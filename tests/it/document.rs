//! The Document model: blocks, prose mapped to file bytes, what is not prose, links,
//! footnotes, sentences.

use copydesk::document::{BlockKind, Document};
use copydesk::source::Source;

fn source(text: &str) -> Source {
    Source::new("t.md", text.to_string())
}

#[test]
fn blocks_have_kinds_and_spans() {
    let text = "---\ntitle: T\n---\n# Head\n\nPara *one*.\n\n> Quoted words.\n\n- item a\n- item b\n\n```\ncode TK\n```\n\n<!-- TK note -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    let src = source(text);
    let doc = Document::parse(&src);
    assert!(doc.front_matter.is_some());
    assert_eq!(doc.body_start, text.find("# Head").unwrap());
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::BlockQuote,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::CodeBlock,
            BlockKind::HtmlComment,
            BlockKind::TableCell,
            BlockKind::TableCell,
            BlockKind::TableCell,
            BlockKind::TableCell,
        ]
    );
    let quoted = &doc.blocks[3];
    assert_eq!(quoted.quote_depth, 1);
    assert_eq!(quoted.text(), "Quoted words.");
    assert!(doc.blocks[4].in_list);
    // Code and HTML comments are not prose: no rule sees "TK" there.
    let prose: Vec<&str> = doc.prose_blocks().map(|(_, b)| b.text()).collect();
    assert!(prose.iter().all(|t| !t.contains("TK")), "{prose:?}");
}

#[test]
fn prose_maps_back_to_file_bytes_through_markup() {
    let text = "Some **bold** and [a link](https://x.org) and AT&amp;T and `code` end.\n";
    let src = source(text);
    let doc = Document::parse(&src);
    let block = &doc.blocks[0];
    assert_eq!(
        block.prose.text,
        "Some bold and a link and AT&T and \u{fffc} end."
    );
    for word in ["bold", "a link", "end"] {
        let at = block.prose.text.find(word).unwrap();
        let span = block.prose.to_source(at..at + word.len());
        assert_eq!(&text[span], word);
    }
    let at = block.prose.text.find("AT&T").unwrap();
    assert_eq!(&text[block.prose.to_source(at..at + 4)], "AT&amp;T");
    assert_eq!(doc.links.len(), 1);
    assert_eq!(doc.links[0].destination, "https://x.org");
    assert_eq!(&text[doc.links[0].span.clone()], "[a link](https://x.org)");
    assert_eq!(&text[doc.links[0].text.clone()], "a link");
}

#[test]
fn soft_breaks_are_spaces_and_sentences_are_split() {
    let text = "The U.N. met on Sept. 19 in New York.\nGrowth was 4.1% in 2023. “It fell,” he said. Then it rose.\n";
    let src = source(text);
    let doc = Document::parse(&src);
    let block = &doc.blocks[0];
    let sentences: Vec<&str> = block
        .sentences
        .iter()
        .map(|s| &block.prose.text[s.clone()])
        .collect();
    assert_eq!(
        sentences,
        [
            "The U.N. met on Sept. 19 in New York.",
            "Growth was 4.1% in 2023.",
            "“It fell,” he said.",
            "Then it rose."
        ]
    );
    let second = block.sentence_span(1).unwrap();
    assert_eq!(&text[second.clone()], "Growth was 4.1% in 2023.");
    assert_eq!(src.position(second.start).line, 2);
}

#[test]
fn footnote_references_and_definitions() {
    let text = "Turnout was 61%.[^1]\n\n[^1]: Electoral commission.\n";
    let src = source(text);
    let doc = Document::parse(&src);
    assert_eq!(doc.footnote_refs.len(), 1);
    assert_eq!(doc.footnote_refs[0].label, "1");
    let def = doc
        .prose_blocks()
        .find(|(_, b)| b.in_footnote)
        .expect("definition paragraph");
    assert_eq!(def.1.text(), "Electoral commission.");
}

#[test]
fn bom_and_crlf_keep_spans_exact() {
    let text = "\u{feff}---\r\ntitle: T\r\n---\r\nWord one.\r\n";
    let src = source(text);
    let doc = Document::parse(&src);
    let fm = doc.front_matter.as_ref().expect("front matter after a BOM");
    let title = fm.get("title").expect("title");
    assert_eq!(&text[title.value_span.clone()], "T");
    let span = doc.blocks[0].prose_span();
    assert_eq!(&text[span.clone()], "Word one.");
    let p = src.position(span.start);
    assert_eq!((p.line, p.column), (4, 1));
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    for text in [
        "",
        "\n",
        "---\n",
        "---\n---\n",
        "+++\n",
        "\u{feff}",
        "> > > >",
        "```\nunclosed",
        "[^x]",
        "* * *",
        "\r\n\r\n",
    ] {
        let src = source(text);
        let doc = Document::parse(&src);
        for b in &doc.blocks {
            assert!(b.span.end <= text.len());
            let s = b.prose_span();
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}

#[test]
fn references_are_found_in_outer_list_items_after_nested_lists() {
    let text = "- first [a](https://a.org)\n  - nested [b](https://b.org)\n\n  back [c](https://c.org) 42\n";
    let src = source(text);
    let doc = Document::parse(&src);
    for (i, block) in doc.prose_blocks() {
        if let Some(at) = block.prose.text.find("42") {
            assert!(
                doc.has_reference_in(i, at.saturating_sub(12)..at + 2),
                "{:?}",
                block.prose.text
            );
        }
    }
    let starts: Vec<(usize, usize)> = doc.links.iter().map(|l| (l.block, l.prose.start)).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}
