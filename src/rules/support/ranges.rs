//! Lookups in sorted lists of ranges, so that rules stay linear on very long paragraphs.

use std::ops::Range;

/// Whether `r` lies inside one of `sorted`, a list of non-overlapping ranges in order.
pub(crate) fn within(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|t| t.start <= r.start);
    i.checked_sub(1)
        .and_then(|i| sorted.get(i))
        .is_some_and(|t| r.end <= t.end)
}

/// Whether `r` overlaps one of `sorted`, a list of non-overlapping ranges in order.
pub(crate) fn overlaps(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|t| t.end <= r.start);
    sorted.get(i).is_some_and(|t| t.start < r.end)
}

/// Ranges that may overlap each other, indexed to answer "does one of them start before
/// `x` and end at or after `y`" in logarithmic time.
pub(crate) struct Covering {
    starts: Vec<usize>,
    /// The largest end among the ranges up to and including each position.
    max_end: Vec<usize>,
}

impl Covering {
    pub(crate) fn new(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.sort_by_key(|r| r.start);
        let mut max = 0;
        let max_end = ranges
            .iter()
            .map(|r| {
                max = max.max(r.end);
                max
            })
            .collect();
        Self {
            starts: ranges.iter().map(|r| r.start).collect(),
            max_end,
        }
    }

    /// Whether a range starts before `before` and ends at or after `end`.
    pub(crate) fn covers_end(&self, before: usize, end: usize) -> bool {
        let n = self.starts.partition_point(|&s| s < before);
        n.checked_sub(1)
            .and_then(|i| self.max_end.get(i))
            .is_some_and(|&m| m >= end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let list = [2..5, 8..10];
        assert!(within(&list, &(3..5)));
        assert!(!within(&list, &(4..6)));
        assert!(!within(&list, &(0..1)));
        assert!(overlaps(&list, &(4..6)));
        assert!(overlaps(&list, &(9..20)));
        assert!(!overlaps(&list, &(5..8)));
        let c = Covering::new(vec![10..20, 0..3, 5..30]);
        assert!(c.covers_end(12, 25));
        assert!(!c.covers_end(5, 4));
        assert!(c.covers_end(6, 30));
        assert!(!c.covers_end(4, 31));
        assert!(!c.covers_end(0, 1));
    }
}
