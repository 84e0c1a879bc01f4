//! The hash behind the word tables that rules look words up in, once per word of every
//! block. std's SipHash resists crafted keys, which a linter's own word lists do not
//! need, and costs several times more per short word; foldhash's fixed-seed hasher is
//! fast and keeps runs deterministic.

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

pub(crate) type WordMap<K, V> = HashMap<K, V, FixedState>;
pub(crate) type WordSet<K> = HashSet<K, FixedState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_find_their_words() {
        let words = [
            "",
            "a",
            "seven",
            "eightbyte",
            "a-much-longer-word-than-eight",
        ];
        let set: WordSet<String> = words.iter().map(|w| w.to_string()).collect();
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        assert!(!set.contains("seve") && !set.contains("eightbyt"));
    }
}
