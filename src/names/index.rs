//! A lookup from names (full names, abbreviations, other names) to the
//! records that bear them, by normalised key: what `import` and the
//! editor's pickers search.

use std::collections::HashMap;

use super::{key, loose};

/// Records by the keys of their names. A key that several records share is
/// ambiguous and matches none of them: a name is only ever turned into an
/// id when exactly one record bears it.
#[derive(Debug, Clone)]
pub struct NameIndex<T> {
    exact: HashMap<String, Vec<T>>,
    loose: HashMap<String, Vec<T>>,
    longest: usize,
}

impl<T> Default for NameIndex<T> {
    fn default() -> Self {
        Self { exact: HashMap::new(), loose: HashMap::new(), longest: 0 }
    }
}

/// How a name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Its key equals the key of one of the record's names.
    Exact,
    /// Only after leaving out words such as `kota` or `suku`: worth a check.
    Loose,
}

impl<T: Copy + PartialEq> NameIndex<T> {
    /// Adds one name of `value` (call once per name, abbreviation, other name).
    pub fn insert(&mut self, name: &str, value: T) {
        let k = key(name);
        if k.is_empty() {
            return;
        }
        self.longest = self.longest.max(k.split(' ').count());
        let l = loose(&k);
        for (map, k) in [(&mut self.exact, k), (&mut self.loose, l)] {
            let list = map.entry(k).or_default();
            if !list.contains(&value) {
                list.push(value);
            }
        }
    }

    /// Most words any key has, to bound a scan over a text.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Every record whose name has exactly this (already normalised) key.
    pub fn exact_key(&self, key: &str) -> &[T] {
        self.exact.get(key).map_or(&[], Vec::as_slice)
    }

    /// The one record a normalised key names: by an exact key, or else by
    /// a loose key that only one record has.
    pub fn unique_key(&self, k: &str) -> Option<(T, Fit)> {
        match self.exact_key(k) {
            [one] => return Some((*one, Fit::Exact)),
            [] => {}
            _ => return None,
        }
        match self.loose.get(&loose(k)).map(Vec::as_slice) {
            Some([one]) => Some((*one, Fit::Loose)),
            _ => None,
        }
    }

    /// The one record a written name names, if exactly one does.
    pub fn find(&self, name: &str) -> Option<(T, Fit)> {
        self.unique_key(&key(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_match_and_shared_ones_do_not() {
        let mut ix = NameIndex::default();
        ix.insert("Komisi Pemilihan Umum Kota Tangerang", 1);
        ix.insert("KPU Kota Tangerang", 1);
        ix.insert("Suku Badan Kesatuan Bangsa dan Politik Kota Administrasi Jakarta Timur", 2);
        ix.insert("Pemerintah Kota Tangerang", 3);
        ix.insert("Pemerintah Kabupaten Tangerang", 4);
        assert_eq!(ix.find("kpu kota tangerang"), Some((1, Fit::Exact)));
        assert_eq!(ix.find("Badan Kesbangpol Jakarta Timur"), Some((2, Fit::Loose)));
        // Both Tangerang governments fit loosely: no match.
        assert_eq!(ix.find("Pemerintah Tangerang"), None);
        assert_eq!(ix.find("Pemkot Tangerang"), Some((3, Fit::Exact)));
    }
}
