//! What several kinds share: finding sources and quotations (`attribution`), telling
//! figures from other numbers (`numerals`), the article's body blocks and safe fixes
//! (`body`), sorted ranges and fast word tables, what differs from a house wording
//! (`wording`).

pub(crate) mod attribution;
pub(crate) mod body;
pub(crate) mod hash;
pub(crate) mod numerals;
pub(crate) mod ranges;
pub(crate) mod wording;

/// Prose matched by a check, as a finding's message shows it: whitespace collapsed,
/// long passages shortened.
pub(crate) fn excerpt(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 60 {
        let short: String = t.chars().take(57).collect();
        format!("{short}…")
    } else {
        t
    }
}
