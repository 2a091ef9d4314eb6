//! Splits the sorted term list into shards by prefix, so that a query
//! downloads only the shard of each of its words.
//!
//! Terms start grouped by their first two characters; a group larger than
//! the size limit is split by one more character, recursively, keeping a
//! term equal to the group's key in the group itself. A term's shard is
//! therefore the one with the longest key that is a prefix of the term,
//! which is how the browser finds it.

use std::ops::Range;

/// First key length, in characters.
const FIRST_KEY: usize = 2;
/// Longest key; a group is not split beyond it whatever its size.
pub const MAX_KEY: usize = 8;

/// The first `k` characters of `term` (all of it when shorter).
fn prefix(term: &str, k: usize) -> &str {
    term.char_indices().nth(k).map_or(term, |(i, _)| &term[..i])
}

/// Partitions `terms` (sorted, with the encoded size of each) into shards
/// of at most about `limit` bytes: returns each shard's key and range.
pub fn partition(terms: &[&str], sizes: &[usize], limit: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    split(terms, sizes, 0..terms.len(), FIRST_KEY, limit, &mut out);
    out
}

fn split(terms: &[&str], sizes: &[usize], range: Range<usize>, k: usize, limit: usize, out: &mut Vec<(String, Range<usize>)>) {
    let mut i = range.start;
    while i < range.end {
        let key = prefix(terms[i], k);
        let mut j = i;
        let mut size = 0;
        while j < range.end && prefix(terms[j], k) == key {
            size += sizes[j];
            j += 1;
        }
        if size > limit && k < MAX_KEY && j - i > 1 {
            // The term equal to the key (if any) sorts first and stays.
            let mut m = i;
            while m < j && terms[m].chars().count() <= k {
                m += 1;
            }
            if m > i {
                out.push((key.to_string(), i..m));
            }
            split(terms, sizes, m..j, k + 1, limit, out);
        } else {
            out.push((key.to_string(), i..j));
        }
        i = j;
    }
}

/// The shard holding `term`: the longest key that is a prefix of it.
pub fn shard_of<'k>(keys: &'k [String], term: &str) -> Option<&'k String> {
    keys.iter().filter(|k| term.starts_with(k.as_str())).max_by_key(|k| k.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_big_groups_and_finds_every_term() {
        let terms = ["a", "pa", "pi", "pilih", "pilkada", "pimpin", "pintu", "pu", "é", "éa"];
        let sizes = [1, 1, 1, 5, 5, 5, 5, 1, 1, 1];
        let shards = partition(&terms, &sizes, 10);
        let keys: Vec<String> = shards.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(keys, ["a", "pa", "pi", "pil", "pim", "pin", "pu", "é", "éa"]);
        for (t, term) in terms.iter().enumerate() {
            let key = shard_of(&keys, term).unwrap();
            let (_, range) = shards.iter().find(|(k, _)| k == key).unwrap();
            assert!(range.contains(&t), "{term} in {key}");
        }
        assert_eq!(shard_of(&keys, "pix").map(String::as_str), Some("pi"));
        assert_eq!(shard_of(&keys, "zz"), None);
    }
}
