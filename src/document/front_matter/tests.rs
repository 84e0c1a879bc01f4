use super::*;

/// Detects front matter and checks the span invariants that every result must satisfy.
fn detect_checked(text: &str, start: usize) -> Option<(FrontMatter, usize)> {
    let result = detect(text, start);
    if let Some((front_matter, body)) = &result {
        check_invariants(text, start, front_matter, *body);
    }
    result
}

fn check_span(text: &str, outer: &Range<usize>, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end,
        "{what} {span:?} is reversed in {text:?}"
    );
    assert!(
        outer.start <= span.start && span.end <= outer.end,
        "{what} {span:?} is outside {outer:?} in {text:?}"
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} is not on char boundaries in {text:?}"
    );
}

fn check_invariants(text: &str, start: usize, front_matter: &FrontMatter, body: usize) {
    let span = &front_matter.span;
    assert_eq!(span.start, start, "front matter must start at `start`");
    check_span(text, &(0..text.len()), span, "front matter span");
    assert!(
        body == span.end || body == start,
        "body {body} for {span:?}"
    );
    assert!(body <= text.len());
    match &front_matter.fields {
        Ok(fields) => {
            for field in fields {
                check_span(text, span, &field.key_span, "key span");
                check_span(text, span, &field.value_span, "value span");
            }
        }
        Err(error) => {
            check_span(text, span, &error.span, "error span");
            assert!(!error.message.is_empty());
        }
    }
}

fn expect_fields(front_matter: &FrontMatter) -> &[Field] {
    match &front_matter.fields {
        Ok(fields) => fields,
        Err(error) => panic!("unexpected error: {error:?}"),
    }
}

fn expect_error(front_matter: &FrontMatter) -> &FrontMatterError {
    match &front_matter.fields {
        Ok(fields) => panic!("expected an error, got {fields:?}"),
        Err(error) => error,
    }
}

fn key_text<'t>(text: &'t str, field: &Field) -> &'t str {
    &text[field.key_span.clone()]
}

fn value_text<'t>(text: &'t str, field: &Field) -> &'t str {
    &text[field.value_span.clone()]
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

#[test]
fn yaml_typical_article() {
    let text = "---\n\
                title: \"Quoted\"\n\
                author: Jane Doe\n\
                date: 2023-11-13\n\
                section: Opinion\n\
                editor: 'Sam O''Neil'\n\
                ---\n\
                # The body\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(fm.format, Format::Yaml);
    assert_eq!(body, text.find("# The body").unwrap());
    assert_eq!(fm.span, 0..body);
    let fields = expect_fields(&fm);
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["title", "author", "date", "section", "editor"]);
    for field in fields {
        assert_eq!(key_text(text, field), field.key);
    }

    let title = fm.get("title").unwrap();
    assert_eq!(title.value, string("Quoted"));
    assert_eq!(value_text(text, title), "\"Quoted\"");
    assert_eq!(title.key_span, 4..9);

    let author = fm.get("author").unwrap();
    assert_eq!(author.value, string("Jane Doe"));
    assert_eq!(value_text(text, author), "Jane Doe");

    let date = fm.get("date").unwrap();
    assert_eq!(date.value, string("2023-11-13"));
    assert_eq!(value_text(text, date), "2023-11-13");

    let section = fm.get("section").unwrap();
    assert_eq!(section.value, string("Opinion"));
    assert_eq!(value_text(text, section), "Opinion");

    let editor = fm.get("editor").unwrap();
    assert_eq!(editor.value, string("Sam O'Neil"));
    assert_eq!(value_text(text, editor), "'Sam O''Neil'");

    assert!(fm.get("missing").is_none());
}

#[test]
fn yaml_crlf() {
    let text = "---\r\ntitle: Hello world  \r\nauthor: \"A \\\"B\\\" C\"\r\n---\r\nBody\r\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(&text[body..], "Body\r\n");
    assert_eq!(fm.span, 0..body);
    let title = fm.get("title").unwrap();
    assert_eq!(title.value, string("Hello world"));
    assert_eq!(value_text(text, title), "Hello world");
    let author = fm.get("author").unwrap();
    assert_eq!(author.value, string("A \"B\" C"));
    assert_eq!(value_text(text, author), "\"A \\\"B\\\" C\"");
    assert_eq!(key_text(text, author), "author");
}

#[test]
fn bom_start() {
    let text = "\u{feff}---\ntitle: Après\n---\nBody\n";
    assert_eq!(text.find("---"), Some(3));
    let (fm, body) = detect_checked(text, 3).unwrap();
    assert_eq!(fm.span.start, 3);
    assert_eq!(&text[body..], "Body\n");
    let title = fm.get("title").unwrap();
    assert_eq!(value_text(text, title), "Après");
    assert_eq!(title.key_span, 7..12);
}

#[test]
fn toml_front_matter() {
    let text = "+++\n\
                title = \"Azerbaijan’s peace – talks\"\n\
                date = 2023-11-13\n\
                published = 1979-05-27T07:32:00Z\n\
                draft = false\n\
                words = 1_200\n\
                score = 4.5\n\
                tags = [\"politics\", \"caucasus\"] # trailing comment\n\
                +++\n\
                Body\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(fm.format, Format::Toml);
    assert_eq!(&text[body..], "Body\n");
    let fields = expect_fields(&fm);
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "title",
            "date",
            "published",
            "draft",
            "words",
            "score",
            "tags"
        ]
    );
    let title = fm.get("title").unwrap();
    assert_eq!(title.value, string("Azerbaijan’s peace – talks"));
    assert_eq!(value_text(text, title), "\"Azerbaijan’s peace – talks\"");
    let date = fm.get("date").unwrap();
    assert_eq!(date.value, Value::Datetime("2023-11-13".to_owned()));
    assert_eq!(value_text(text, date), "2023-11-13");
    assert_eq!(key_text(text, date), "date");
    assert_eq!(
        fm.get("published").unwrap().value,
        Value::Datetime("1979-05-27T07:32:00Z".to_owned())
    );
    assert_eq!(fm.get("draft").unwrap().value, Value::Bool(false));
    assert_eq!(fm.get("words").unwrap().value, Value::Integer(1200));
    assert_eq!(fm.get("score").unwrap().value, Value::Float(4.5));
    let tags = fm.get("tags").unwrap();
    assert_eq!(
        tags.value,
        Value::List(vec![string("politics"), string("caucasus")])
    );
    assert_eq!(value_text(text, tags), "[\"politics\", \"caucasus\"]");
}

#[test]
fn toml_tables_keep_source_order_and_cover_their_entries() {
    let text =
        "+++\nzeta = 1\nalpha.beta = 2\n\n[author]\nname = \"Zoë\"\nrole = \"editor\"\n+++\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let fields = expect_fields(&fm);
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["zeta", "alpha", "author"]);
    let alpha = fm.get("alpha").unwrap();
    assert_eq!(
        alpha.value,
        Value::Map(vec![("beta".to_owned(), Value::Integer(2))])
    );
    assert_eq!(value_text(text, alpha), "alpha.beta = 2");
    let author = fm.get("author").unwrap();
    assert_eq!(key_text(text, author), "author");
    assert_eq!(
        value_text(text, author),
        "[author]\nname = \"Zoë\"\nrole = \"editor\""
    );
    assert_eq!(
        author.value,
        Value::Map(vec![
            ("name".to_owned(), string("Zoë")),
            ("role".to_owned(), string("editor")),
        ])
    );
}

#[test]
fn unterminated_yaml() {
    let text = "---\ntitle: Never closed\n\nSome text.\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(body, 0);
    assert_eq!(fm.span, 0..4);
    let error = expect_error(&fm);
    assert_eq!(
        error.message,
        "front matter opened on line 1 is never closed: add a closing `---` line"
    );
    assert_eq!(error.span, 0..3);
    assert!(fm.get("title").is_none());
}

#[test]
fn unterminated_markdown_thematic_break_and_toml() {
    // markdownlint-style file that opens with a thematic break.
    let text = "---\n# Title\n\nA paragraph.\n\n***\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(body, 0);
    assert!(expect_error(&fm).message.contains("never closed"));

    let text = "\u{feff}+++\ntitle = \"x\"\n";
    let (fm, body) = detect_checked(text, 3).unwrap();
    assert_eq!(body, 3);
    assert_eq!(fm.format, Format::Toml);
    let error = expect_error(&fm);
    assert_eq!(
        error.message,
        "front matter opened on line 1 is never closed: add a closing `+++` line"
    );
    assert_eq!(error.span, 3..6);

    // `+++` does not close YAML, `---` does not close TOML.
    let (fm, _) = detect_checked("---\na: 1\n+++\n", 0).unwrap();
    assert!(fm.fields.is_err());
    let (fm, _) = detect_checked("+++\na = 1\n---\n", 0).unwrap();
    assert!(fm.fields.is_err());
}

#[test]
fn invalid_yaml_unclosed_quote() {
    let text = "---\ntitle: \"Unclosed\nauthor: Jane\n---\nBody\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(&text[body..], "Body\n");
    let error = expect_error(&fm);
    assert!(error.message.contains("quoted scalar"), "{error:?}");
    // On the `title` line or after it, but inside the front matter.
    assert!(error.span.start >= text.find("title").unwrap(), "{error:?}");
    assert!(error.span.end <= fm.span.end);
}

#[test]
fn invalid_yaml_error_points_at_the_problem() {
    let text = "---\ntitle: ok\n  bad: indentation: here\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let error = expect_error(&fm);
    let line_start = text.find("  bad").unwrap();
    assert!(
        (line_start..line_start + 25).contains(&error.span.start),
        "{error:?}"
    );
}

#[test]
fn invalid_toml() {
    let text = "+++\ntitle = \"ok\"\ndate = \n+++\nBody\n";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(&text[body..], "Body\n");
    let error = expect_error(&fm);
    assert!(!error.message.is_empty());
    let line = text.find("date").unwrap();
    assert!(error.span.start >= line, "{error:?}");

    let text = "+++\na = 1\na = 2\n+++\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let error = expect_error(&fm);
    assert_eq!(error.message, "duplicate key");
    assert_eq!(&text[error.span.clone()], "a");
    assert_eq!(error.span.start, 10);
}

#[test]
fn empty_front_matter() {
    for (text, body) in [
        ("---\n---\n", 8),
        ("---\n---", 7),
        ("---\n...\nBody", 8),
        ("+++\n+++\n", 8),
        ("---\n\n# only a comment\n---\n", 26),
    ] {
        let (fm, start) = detect_checked(text, 0).unwrap();
        assert_eq!(fm.fields, Ok(Vec::new()), "{text:?}");
        assert_eq!(start, body, "{text:?}");
        assert_eq!(fm.span, 0..body);
    }
}

#[test]
fn top_level_list_or_scalar_is_an_error() {
    let text = "---\n- a\n- b\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let error = expect_error(&fm);
    assert_eq!(
        error.message,
        "front matter must be a list of `key: value` lines"
    );
    assert_eq!(error.span, 4..5);

    let (fm, _) = detect_checked("---\njust some words\n---\n", 0).unwrap();
    assert_eq!(expect_error(&fm).span.start, 4);
}

#[test]
fn non_ascii_keys_and_values() {
    let text = "---\n\
                title: \"Azerbaijan’s peace – talks\"\n\
                auteur: Zoë Ångström # signé\n\
                résumé: 'Ça va — très bien'\n\
                🙂: emoji\n\
                after: ok\n\
                ---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let title = fm.get("title").unwrap();
    assert_eq!(value_text(text, title), "\"Azerbaijan’s peace – talks\"");
    assert_eq!(title.value, string("Azerbaijan’s peace – talks"));
    let auteur = fm.get("auteur").unwrap();
    assert_eq!(key_text(text, auteur), "auteur");
    assert_eq!(value_text(text, auteur), "Zoë Ångström");
    let resume = fm.get("résumé").unwrap();
    assert_eq!(key_text(text, resume), "résumé");
    assert_eq!(value_text(text, resume), "'Ça va — très bien'");
    let emoji = fm.get("🙂").unwrap();
    assert_eq!(key_text(text, emoji), "🙂");
    assert_eq!(value_text(text, emoji), "emoji");
    let after = fm.get("after").unwrap();
    assert_eq!(key_text(text, after), "after");
    assert_eq!(value_text(text, after), "ok");
}

#[test]
fn comments_are_not_part_of_values() {
    let text = "---\n\
                # leading comment\n\
                title: Plain value   # a comment\n\
                hash: C# is not a comment\n\
                quoted: \"# inside quotes\" # outside\n\
                \n\
                # trailing comment\n\
                last: 1 #c\n\
                ---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let title = fm.get("title").unwrap();
    assert_eq!(value_text(text, title), "Plain value");
    let hash = fm.get("hash").unwrap();
    assert_eq!(value_text(text, hash), "C# is not a comment");
    assert_eq!(hash.value, string("C# is not a comment"));
    let quoted = fm.get("quoted").unwrap();
    assert_eq!(value_text(text, quoted), "\"# inside quotes\"");
    let last = fm.get("last").unwrap();
    assert_eq!(value_text(text, last), "1");
    assert_eq!(last.value, Value::Integer(1));
}

#[test]
fn list_values() {
    let text = "---\n\
                tags: [a, b]\n\
                topics:\n  - x\n  - \"y\" # why\n\
                # between\n\
                next: [ ]\n\
                inline: {k: v, n: [1, 2]}\n\
                ---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let tags = fm.get("tags").unwrap();
    assert_eq!(tags.value, Value::List(vec![string("a"), string("b")]));
    assert_eq!(value_text(text, tags), "[a, b]");
    let topics = fm.get("topics").unwrap();
    assert_eq!(topics.value, Value::List(vec![string("x"), string("y")]));
    assert_eq!(value_text(text, topics), "- x\n  - \"y\"");
    let next = fm.get("next").unwrap();
    assert_eq!(next.value, Value::List(Vec::new()));
    assert_eq!(value_text(text, next), "[ ]");
    let inline = fm.get("inline").unwrap();
    assert_eq!(value_text(text, inline), "{k: v, n: [1, 2]}");
    assert_eq!(
        inline.value,
        Value::Map(vec![
            ("k".to_owned(), string("v")),
            (
                "n".to_owned(),
                Value::List(vec![Value::Integer(1), Value::Integer(2)])
            ),
        ])
    );
}

#[test]
fn nested_map_value() {
    let text = "---\nauthor:\n  name: Jane\n  email: jane@example.com\nsection: News\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let author = fm.get("author").unwrap();
    assert_eq!(
        value_text(text, author),
        "name: Jane\n  email: jane@example.com"
    );
    assert_eq!(
        author.value,
        Value::Map(vec![
            ("name".to_owned(), string("Jane")),
            ("email".to_owned(), string("jane@example.com")),
        ])
    );
    assert_eq!(value_text(text, fm.get("section").unwrap()), "News");
}

#[test]
fn empty_values() {
    let text = "---\neditor:\nsection:   \nlast:\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let editor = fm.get("editor").unwrap();
    assert_eq!(editor.value, Value::Null);
    let colon = text.find("editor:").unwrap() + "editor:".len();
    assert_eq!(editor.value_span, colon..colon);
    let section = fm.get("section").unwrap();
    let colon = text.find("section:").unwrap() + "section:".len();
    assert_eq!(section.value_span, colon..colon);
    let last = fm.get("last").unwrap();
    let colon = text.find("last:").unwrap() + "last:".len();
    assert_eq!(last.value_span, colon..colon);
    assert_eq!(last.value, Value::Null);
}

#[test]
fn no_front_matter() {
    for text in [
        "# Title\n\nBody\n",
        "",
        "---",
        "--\n---\n",
        "----\nx: 1\n----\n",
        "--- title\nx: 1\n---\n",
        "+++ a\n+++\n",
        " ---\nx: 1\n---\n",
    ] {
        assert_eq!(detect_checked(text, 0), None, "{text:?}");
    }
    // Out-of-range or mid-char starts are simply "no front matter".
    assert_eq!(detect("abc", 10), None);
    assert_eq!(detect("é---\n---\n", 1), None);
}

#[test]
fn delimiter_not_on_first_line() {
    assert_eq!(detect_checked("\n---\ntitle: x\n---\n", 0), None);
    assert_eq!(detect_checked("Intro\n\n---\ntitle: x\n---\n", 0), None);
    assert_eq!(detect_checked("\u{feff}\n---\nx: 1\n---\n", 3), None);
}

#[test]
fn delimiters_with_trailing_blanks_and_dots() {
    let text = "--- \t\r\ntitle: x\r\n...  \r\nBody";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(&text[body..], "Body");
    assert_eq!(value_text(text, fm.get("title").unwrap()), "x");

    let text = "---\ntitle: x\n---";
    let (fm, body) = detect_checked(text, 0).unwrap();
    assert_eq!(body, text.len());
    assert_eq!(fm.span, 0..text.len());
}

#[test]
fn core_schema_scalars() {
    let text = "---\n\
                a: ~\nb: null\nc: true\nd: False\ne: 42\nf: -7\ng: 0x1F\nh: 0o17\n\
                i: 3.25\nj: 1e3\nk: .inf\nl: \"42\"\nm: '2023-11-13'\nn: !!str 12\n\
                o: yes\np: 99999999999999999999\nq: 1.2.3\nr: -.5\n\
                ---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let value = |key: &str| fm.get(key).unwrap().value.clone();
    assert_eq!(value("a"), Value::Null);
    assert_eq!(value("b"), Value::Null);
    assert_eq!(value("c"), Value::Bool(true));
    assert_eq!(value("d"), Value::Bool(false));
    assert_eq!(value("e"), Value::Integer(42));
    assert_eq!(value("f"), Value::Integer(-7));
    assert_eq!(value("g"), Value::Integer(31));
    assert_eq!(value("h"), Value::Integer(15));
    assert_eq!(value("i"), Value::Float(3.25));
    assert_eq!(value("j"), Value::Float(1000.0));
    assert_eq!(value("k"), Value::Float(f64::INFINITY));
    assert_eq!(value("l"), string("42"));
    assert_eq!(value("m"), string("2023-11-13"));
    assert_eq!(value("n"), string("12"));
    assert_eq!(value("o"), string("yes"));
    assert_eq!(value("p"), string("99999999999999999999"));
    assert_eq!(value("q"), string("1.2.3"));
    assert_eq!(value("r"), Value::Float(-0.5));
    assert_eq!(value_text(text, fm.get("l").unwrap()), "\"42\"");
    assert_eq!(value_text(text, fm.get("n").unwrap()), "12");
}

#[test]
fn block_and_multi_line_scalars() {
    let text = "---\n\
                summary: |\n  First line.\n\n  Second line.\n\
                # comment after the block\n\
                folded: >-\n  a\n  b\n\
                plain: one\n  two\n\
                quoted: \"three\n  four\"\n\
                empty: |\n\
                end: x\n\
                ---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let summary = fm.get("summary").unwrap();
    assert_eq!(summary.value, string("First line.\n\nSecond line.\n"));
    assert_eq!(
        value_text(text, summary),
        "|\n  First line.\n\n  Second line."
    );
    let folded = fm.get("folded").unwrap();
    assert_eq!(folded.value, string("a b"));
    assert_eq!(value_text(text, folded), ">-\n  a\n  b");
    let plain = fm.get("plain").unwrap();
    assert_eq!(plain.value, string("one two"));
    assert_eq!(value_text(text, plain), "one\n  two");
    let quoted = fm.get("quoted").unwrap();
    assert_eq!(quoted.value, string("three four"));
    assert_eq!(value_text(text, quoted), "\"three\n  four\"");
    let empty = fm.get("empty").unwrap();
    assert_eq!(empty.value, string(""));
    assert_eq!(value_text(text, empty), "|");
    assert_eq!(value_text(text, fm.get("end").unwrap()), "x");
}

#[test]
fn quoted_keys_and_flow_top_level_mapping() {
    let text = "---\n\"my key\": 1\n'other': [x]\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let first = fm.get("my key").unwrap();
    assert_eq!(key_text(text, first), "\"my key\"");
    assert_eq!(value_text(text, first), "1");
    assert_eq!(key_text(text, fm.get("other").unwrap()), "'other'");

    let text = "---\n{a: 1, b: [x, y], c: \"z\"}\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let fields = expect_fields(&fm);
    assert_eq!(fields.len(), 3);
    assert_eq!(value_text(text, &fields[0]), "1");
    assert_eq!(value_text(text, &fields[1]), "[x, y]");
    assert_eq!(value_text(text, &fields[2]), "\"z\"");
}

#[test]
fn duplicate_keys_are_kept_in_order() {
    let text = "---\ntitle: First\ntitle: Second\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let fields = expect_fields(&fm);
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].value, string("First"));
    assert_eq!(fields[1].value, string("Second"));
    assert_eq!(fm.get("title").unwrap().value, string("First"));
    assert!(fields[0].key_span.start < fields[1].key_span.start);
}

#[test]
fn anchors_and_aliases() {
    let text = "---\nbase: &b Jane\nauthor: *b\nlist: &l [1, 2]\ncopy: *l\nmissing: *nope\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    // yaml-rust2 rejects unknown anchors; the error still lands inside the front matter.
    assert!(fm.fields.is_err());

    let text = "---\nbase: &b Jane\nauthor: *b\nlist: &l [1, 2]\ncopy: *l\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let author = fm.get("author").unwrap();
    assert_eq!(author.value, string("Jane"));
    assert_eq!(value_text(text, author), "*b");
    assert_eq!(
        fm.get("copy").unwrap().value,
        Value::List(vec![Value::Integer(1), Value::Integer(2)])
    );
}

#[test]
fn alias_expansion_is_bounded() {
    let mut text = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut previous = "a";
    for name in names {
        let items = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("{name}: &{name} [{items}]\n"));
        previous = name;
    }
    text.push_str("---\n");
    let (fm, _) = detect_checked(&text, 0).unwrap();
    assert_eq!(expect_fields(&fm).len(), 10);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("---\nkey:\n{}x\n---\n", "- ".repeat(5000));
    let (fm, _) = detect_checked(&text, 0).unwrap();
    assert_eq!(expect_error(&fm).message, TOO_DEEP);

    let text = format!("---\nkey: {}\n---\n", "[".repeat(1000));
    let (fm, _) = detect_checked(&text, 0).unwrap();
    assert!(fm.fields.is_err());

    let text = format!("+++\nkey = {}1{}\n+++\n", "[".repeat(500), "]".repeat(500));
    let (fm, _) = detect_checked(&text, 0).unwrap();
    assert!(fm.fields.is_err());
}

#[test]
fn several_documents_are_an_error() {
    let text = "---\na: 1\n--- more\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let error = expect_error(&fm);
    assert!(error.message.contains("single YAML document"), "{error:?}");
    assert_eq!(error.span, 9..10);
}

#[test]
fn complex_keys_are_an_error() {
    let text = "---\n? [a, b]\n: value\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let error = expect_error(&fm);
    assert_eq!(error.span.start, text.find('[').unwrap(), "{error:?}");
}

/// Small deterministic generator (xorshift) for the fuzz-style test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn never_panics_on_generated_input() {
    const FUZZ_ROUNDS: usize = 20_000;
    const FRAGMENTS: &[&str] = &[
        "---",
        "+++",
        "...",
        "\n",
        "\r\n",
        "\r",
        "key:",
        "key =",
        " ",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        ",",
        "é",
        "’",
        "🙂",
        "- x",
        "\t",
        "#",
        " # c",
        "|",
        ">",
        "&a",
        "*a",
        "!!str",
        "? ",
        ": ",
        "1",
        "2023-11-13",
        "true",
        "\\",
        "=",
        "title: \"x\"",
        "a.b",
        "[t]",
        "[[t]]",
        "%YAML 1.2",
        "  ",
        "\u{feff}",
        "~",
        "0x",
        ".inf",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..FUZZ_ROUNDS {
        let mut text = String::new();
        if rng.below(8) != 0 {
            text.push_str(if rng.below(3) == 0 { "+++\n" } else { "---\n" });
        }
        for _ in 0..rng.below(24) {
            text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
        if rng.below(2) == 0 {
            text.push_str(if rng.below(2) == 0 {
                "\n---\n"
            } else {
                "\n+++\n"
            });
            for _ in 0..rng.below(4) {
                text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            }
        }
        detect_checked(&text, 0);
        let with_bom = format!("\u{feff}{text}");
        detect_checked(&with_bom, 3);
    }
}
#[test]
fn spans_after_a_block_scalar_with_non_ascii_text() {
    // yaml-rust2's `Marker::index()` counts the bytes of block scalar lines: markers after
    // such a block must still land on the right bytes.
    let text = "---\nsummary: |\n  Azerbaijan’s peace – talks\n  Ça va\ntitle: \"Next – one\"\nafter: é\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let summary = fm.get("summary").unwrap();
    assert_eq!(
        value_text(text, summary),
        "|\n  Azerbaijan’s peace – talks\n  Ça va"
    );
    let title = fm.get("title").unwrap();
    assert_eq!(key_text(text, title), "title");
    assert_eq!(value_text(text, title), "\"Next – one\"");
    let after = fm.get("after").unwrap();
    assert_eq!(key_text(text, after), "after");
    assert_eq!(value_text(text, after), "é");

    // An error after such a block is located on its line too.
    let text = "---\nsummary: >\n  Über – alles\nbad: [unclosed\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let error = expect_error(&fm);
    assert!(error.span.start >= text.find("bad").unwrap(), "{error:?}");
}

#[test]
fn lone_carriage_returns_end_lines() {
    let text = "---\ntitle: a\rauthor: Zoë\r---\n";
    // A lone `\r` is not a delimiter line ending, so this is unterminated...
    let (fm, _) = detect_checked(text, 0).unwrap();
    assert!(fm.fields.is_err());
    // ...but inside YAML it ends a line, as yaml-rust2 counts lines.
    let text = "---\ntitle: a\rauthor: Zoë\n---\n";
    let (fm, _) = detect_checked(text, 0).unwrap();
    let author = fm.get("author").unwrap();
    assert_eq!(key_text(text, author), "author");
    assert_eq!(value_text(text, author), "Zoë");
}

#[test]
fn generated_articles_have_consistent_spans() {
    const KEYS: &[&str] = &["title", "é", "\"q k\"", "'s'", "? k", "- ", "a b", "🙂", ""];
    const VALUES: &[&str] = &[
        "x",
        "\"a \\\" b\"",
        "'it''s'",
        "[a, b]",
        "{a: 1}",
        "|",
        ">-",
        "&a v",
        "*a",
        "",
        "1",
        "~",
        "a # c",
        "a#b",
        "\"open",
        "[x,",
        "- y",
        "!!str 3",
        "é’",
        "x: y",
        "\t",
        "'",
    ];
    let mut rng = Rng(12345);
    for _ in 0..20_000 {
        let mut text = String::from("---\n");
        for _ in 0..rng.below(8) {
            text.push_str(&" ".repeat(rng.below(3) * 2));
            text.push_str(KEYS[rng.below(KEYS.len())]);
            if rng.below(5) != 0 {
                text.push(':');
            }
            if rng.below(4) != 0 {
                text.push(' ');
            }
            text.push_str(VALUES[rng.below(VALUES.len())]);
            if rng.below(3) == 0 {
                text.push_str(" # comment");
            }
            text.push_str(if rng.below(5) == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("---\nbody");
        let (fm, body) = detect_checked(&text, 0).unwrap();
        assert_eq!(&text[body..], "body");
        let Ok(fields) = &fm.fields else {
            continue;
        };
        for field in fields {
            // A plain one-line string value's span is exactly its text.
            let source = value_text(&text, field);
            if let Value::String(value) = &field.value
                && !value.contains('\n')
                && !source.contains('\n')
                && !source.is_empty()
                && !source.starts_with(['|', '>', '*', '"', '\''])
                && !source.contains('!')
            {
                assert_eq!(source, value, "in {text:?}");
            }
        }
    }
}

#[test]
fn quoted_value_continued_at_column_zero_is_accepted_like_jekyll() {
    let text = "---\ntitle: T\nexcerpt: \"You can’t learn it from a book\nany more than a jump shot.\"\nauthor: A\n---\nBody\n";
    let (fm, _) = detect(text, 0).unwrap();
    let fields = fm.fields.unwrap();
    let excerpt = fields.iter().find(|f| f.key == "excerpt").unwrap();
    assert_eq!(
        excerpt.value,
        Value::String("You can’t learn it from a book any more than a jump shot.".into())
    );
    assert!(text[excerpt.value_span.clone()].starts_with("\"You can’t"));
    assert!(text[excerpt.value_span.clone()].ends_with("shot.\""));
    let author = fields.iter().find(|f| f.key == "author").unwrap();
    assert_eq!(&text[author.key_span.clone()], "author");
    assert_eq!(&text[author.value_span.clone()], "A");
}
