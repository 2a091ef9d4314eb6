//! Splits the sorted term list into shards, so that a query downloads only
//! the shard of each of its words.
//!
//! Shards are consecutive runs of the sorted terms, cut when a shard
//! reaches its size, so their number follows the size of the index rather
//! than the alphabet; each is known by its first term. A term's shard is
//! the last one whose first term sorts at or before it, and the terms
//! starting with a prefix lie in that prefix's shard and the shards after
//! it whose first term also starts with the prefix. The browser finds
//! shards by the same two rules, comparing terms by code point as Rust's
//! `str` ordering does.

use std::ops::Range;

/// Partitions terms (sorted, given the encoded size of each) into runs of
/// at most `limit` bytes; a term larger than the limit gets a shard alone.
pub fn partition(sizes: &[usize], limit: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, &s) in sizes.iter().enumerate() {
        if i > start && size + s > limit {
            out.push(start..i);
            start = i;
            size = 0;
        }
        size += s;
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}

/// The shard holding `term`, given each shard's first term (sorted).
pub fn shard_of(firsts: &[&str], term: &str) -> Option<usize> {
    firsts.partition_point(|f| *f <= term).checked_sub(1)
}

/// The shards that may hold terms starting with `prefix`.
pub fn shards_with_prefix(firsts: &[&str], prefix: &str) -> Range<usize> {
    let from = shard_of(firsts, prefix).unwrap_or(0);
    let mut to = from + 1;
    while to < firsts.len() && firsts[to].starts_with(prefix) {
        to += 1;
    }
    from..to.min(firsts.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_runs_and_finds_every_term_and_prefix() {
        let terms = ["a", "pa", "pi", "pilih", "pilkada", "pimpin", "pintu", "pu", "é", "éa"];
        let sizes = [1, 1, 1, 5, 5, 5, 5, 1, 20, 1];
        let shards = partition(&sizes, 10);
        assert_eq!(shards, [0..4, 4..6, 6..8, 8..9, 9..10]);
        let firsts: Vec<&str> = shards.iter().map(|r| terms[r.start]).collect();
        for (t, term) in terms.iter().enumerate() {
            let s = shard_of(&firsts, term).unwrap();
            assert!(shards[s].contains(&t), "{term} in shard {s}");
        }
        assert_eq!(shard_of(&firsts, "0"), None);
        assert_eq!(shards_with_prefix(&firsts, "pi"), 0..3);
        assert_eq!(shards_with_prefix(&firsts, "pim"), 1..2);
        assert_eq!(shards_with_prefix(&firsts, "é"), 3..5);
    }
}
