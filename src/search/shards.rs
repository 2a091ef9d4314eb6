//! Splits the sorted key list (word stems and facet values) into term
//! shards, so that a query downloads only the shard of each of its words.
//!
//! Shards are consecutive runs of the sorted keys, so their number follows
//! the size of the index rather than the alphabet. Where a run ends is
//! decided by the keys around the cut, not by everything before it
//! (content-defined chunking, as rsync and backup tools cut files): a run
//! ends before a key whose hash falls under a threshold that grows with the
//! key's entry size, once the run holds three quarters of the target, or
//! when it would pass one and a half times the target. Editing one record changes the entries
//! of its words, but the cuts elsewhere stay where they were, so the other
//! shards keep their bytes and names (a greedy cut at a fixed size would
//! move every cut after the first entry that grew).
//!
//! Each shard is known by a **separator**: the shortest prefix of its first
//! key that sorts after the previous shard's last key (the first shard's is
//! empty). A key's shard is the last one whose separator sorts at or before
//! it, and the keys starting with a prefix lie in that prefix's shard and
//! the shards after it whose separator also starts with the prefix (a
//! separator after the prefix that does not start with it sorts after every
//! word that does). The browser finds shards by the same two rules,
//! comparing keys by code point as Rust's `str` ordering does.

use std::ops::Range;

use xxhash_rust::xxh3::xxh3_64;

/// Partitions sorted keys, given the encoded size of each entry, into runs
/// of about `target` bytes (between three quarters and one and a half
/// times that; a larger entry gets a shard alone). The band is narrow
/// because a query downloads whole shards: wider bands (half to twice)
/// measured 20 % more bytes for a word's shard at 10,000 activities.
pub fn partition(keys: &[&str], sizes: &[usize], target: usize) -> Vec<Range<usize>> {
    let (min, max) = (target * 3 / 4, target * 3 / 2);
    // A cut before a key is taken with a probability of its size over a
    // quarter of the target, so cuts fall on average that far past the
    // minimum.
    let cut_before = |i: usize| {
        let chance = (sizes[i] as f64 / (target / 4).max(1) as f64).min(1.0);
        (xxh3_64(keys[i].as_bytes()) as f64) < chance * u64::MAX as f64
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, &s) in sizes.iter().enumerate() {
        if i > start && (size + s > max || (size >= min && cut_before(i))) {
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

/// The separator of each run of `keys` (sorted): the shortest prefix of
/// its first key that sorts after the last key of the run before; empty
/// for the first run.
pub fn separators<'k>(keys: &[&'k str], runs: &[Range<usize>]) -> Vec<&'k str> {
    runs.iter()
        .map(|run| {
            let first = keys[run.start];
            let Some(before) = run.start.checked_sub(1).map(|i| keys[i]) else { return "" };
            // Every key differs from the one before, so some prefix (at the
            // latest the whole key) sorts after it.
            let end = first
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .find(|&end| &first[..end] > before)
                .unwrap_or(first.len());
            &first[..end]
        })
        .collect()
}

/// The shard holding `key`, given each shard's separator (sorted).
pub fn shard_of(separators: &[&str], key: &str) -> Option<usize> {
    separators.partition_point(|f| *f <= key).checked_sub(1)
}

/// The shards that may hold keys starting with `prefix`.
pub fn shards_with_prefix(separators: &[&str], prefix: &str) -> Range<usize> {
    let from = shard_of(separators, prefix).unwrap_or(0);
    let mut to = from + 1;
    while to < separators.len() && separators[to].starts_with(prefix) {
        to += 1;
    }
    from..to.min(separators.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_runs_and_finds_every_key_and_prefix() {
        let keys = ["a", "pa", "pi", "pilih", "pilkada", "pimpin", "pintu", "pu", "é", "éa"];
        let sizes = [1, 1, 1, 5, 5, 5, 5, 1, 20, 1];
        let runs = partition(&keys, &sizes, 8);
        assert_eq!(runs.first().map(|r| r.start), Some(0));
        assert_eq!(runs.last().map(|r| r.end), Some(keys.len()));
        assert!(runs.windows(2).all(|w| w[0].end == w[1].start), "{runs:?}");
        for run in &runs {
            let size: usize = sizes[run.clone()].iter().sum();
            assert!(run.len() == 1 || size <= 12, "{run:?} holds {size} bytes");
        }
        assert!(runs.contains(&(8..9)), "an entry over the maximum is alone: {runs:?}");
        let seps = separators(&keys, &runs);
        assert_eq!(seps[0], "");
        for (k, run) in runs.iter().enumerate().skip(1) {
            assert!(keys[run.start].starts_with(seps[k]) && seps[k] > keys[run.start - 1], "{seps:?}");
        }
        for (t, key) in keys.iter().enumerate() {
            let s = shard_of(&seps, key).unwrap();
            assert!(runs[s].contains(&t), "{key} in shard {s}");
        }
        for prefix in ["p", "pi", "pil", "pim", "é", "x", "0"] {
            let found = shards_with_prefix(&seps, prefix);
            for (t, key) in keys.iter().enumerate().filter(|(_, k)| k.starts_with(prefix)) {
                assert!(found.clone().any(|s| runs[s].contains(&t)), "{key} for {prefix}: {found:?} of {runs:?}");
            }
        }
    }

    #[test]
    fn shortest_separators() {
        let keys = ["pilih", "pilkada", "pilkades", "pintu"];
        assert_eq!(separators(&keys, &[0..1, 1..2, 2..3, 3..4]), ["", "pilk", "pilkade", "pin"]);
    }

    #[test]
    fn an_edit_moves_no_cut_far_from_it() {
        let keys: Vec<String> = (0..2000).map(|i| format!("k{i:05}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut sizes: Vec<usize> = (0..2000).map(|i| 50 + (i * 37) % 400).collect();
        let before = partition(&keys, &sizes, 4096);
        sizes[100] += 300;
        let after = partition(&keys, &sizes, 4096);
        let same = after.iter().filter(|r| before.contains(r)).count();
        assert!(same + 3 >= after.len(), "{same} of {} runs unchanged", after.len());
    }
}
