//! Interned text: the ids and names that a million records repeat, held
//! once per process.
//!
//! An activity names its organisers, ormas, topics, officials and their
//! roles, its venue and its source's publisher: a dozen short strings, nearly
//! all of which other activities name too. Its title is an atom as well:
//! the headline of its source usually repeats it. As `String`s each costs 24 bytes
//! plus its own allocation; as an [`Atom`] it costs 16 bytes, and the text is
//! held once. Why not a crate: `string_cache` (0.11) chains its entries in
//! 4,096 fixed buckets, hundreds of entries a bucket at a national portal's
//! hundreds of thousands of names; `lasso`'s interner for many threads
//! turns a key back into text through a shared map (its README marks that
//! as not contention-free), which rendering does constantly. This one is a
//! sharded set of leaked strings, each read as a plain `&str`. Measured at
//! 100,000 activities with a counting allocator: a parsed record takes 1.5
//! kB of heap instead of 1.85 kB, and the linked site 46 MB less, with no
//! measurable change in parse time (`BENCHMARKS.md`).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock, PoisonError};

use foldhash::fast::FixedState;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::hashing::HashSet;

/// Text held once per process however many records repeat it.
///
/// Two atoms of equal text are the same pointer, so comparing them is one
/// comparison; hashing and ordering follow the text, as for `str`, so maps
/// keyed by atoms are looked up by `&str`. The text of an atom is never
/// freed: a process holds each distinct string it has read once, which a
/// long `serve` grows only by the names staff newly type.
#[derive(Clone, Copy, Default)]
pub struct Atom(&'static str);

/// Independent locks, so the threads that parse records rarely wait on
/// each other.
const SHARDS: usize = 64;

/// Slots of each thread's cache of recent atoms.
const RECENT: usize = 4096;

thread_local! {
    static LAST: std::cell::RefCell<Vec<Option<(u64, Atom)>>> = std::cell::RefCell::new(vec![None; RECENT]);
}

type Shard = Mutex<HashSet<&'static str>>;

fn shards() -> &'static [Shard; SHARDS] {
    static SET: OnceLock<[Shard; SHARDS]> = OnceLock::new();
    SET.get_or_init(|| std::array::from_fn(|_| Mutex::new(HashSet::default())))
}

impl Atom {
    /// The atom of `text`, made the first time the process sees it.
    pub fn new(text: &str) -> Self {
        let hash = FixedState::default().hash_one(text);
        // Most texts are ones this thread has just seen (the same ormas,
        // roles and publishers record after record): a small cache of
        // each thread's recent atoms spares them the shared set's lock.
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            let Some(entry) = last.get_mut((hash as usize) % RECENT) else {
                return Self::shared(text, hash);
            };
            match *entry {
                Some((h, atom)) if h == hash && atom.0 == text => atom,
                _ => entry.insert((hash, Self::shared(text, hash))).1,
            }
        })
    }

    /// The atom of `text`, whose hash is `hash`, from the shared set.
    fn shared(text: &str, hash: u64) -> Self {
        // Middle bits pick the shard: the set finds a bucket by the low
        // bits and tells entries apart by the top seven, so a shard chosen
        // by the top bits left one bit of that tag to compare on.
        let shard = &shards()[(hash >> 32) as usize % SHARDS];
        // A panic while holding the lock cannot leave the set half-changed
        // (an insert either happened or not), so a poisoned lock is fine.
        let mut set = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&held) = set.get(text) {
            return Self(held);
        }
        let held: &'static str = Box::leak(text.into());
        set.insert(held);
        Self(held)
    }

    /// The text.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Deref for Atom {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Atom {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl Borrow<str> for Atom {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl PartialEq for Atom {
    fn eq(&self, other: &Self) -> bool {
        // Interned, so equal text is the same pointer, except for the
        // empty default, which is not interned.
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Eq for Atom {}

impl PartialEq<str> for Atom {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Atom {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Atom {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

impl PartialEq<Atom> for str {
    fn eq(&self, other: &Atom) -> bool {
        self == other.0
    }
}

impl PartialEq<Atom> for &str {
    fn eq(&self, other: &Atom) -> bool {
        *self == other.0
    }
}

impl PartialEq<Atom> for String {
    fn eq(&self, other: &Atom) -> bool {
        self == other.0
    }
}

impl Hash for Atom {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl PartialOrd for Atom {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Atom {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl From<&str> for Atom {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for Atom {
    fn from(text: String) -> Self {
        Self::new(&text)
    }
}

impl From<Atom> for String {
    fn from(atom: Atom) -> Self {
        atom.0.to_string()
    }
}

impl Serialize for Atom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Atom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Atom;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Atom, E> {
                Ok(Atom::new(text))
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl JsonSchema for Atom {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_text_is_one_atom_whichever_thread_made_it() {
        let made: Vec<Atom> = std::thread::scope(|s| {
            let threads: Vec<_> = (0..4).map(|i| s.spawn(move || Atom::new(&format!("ormas-{}", i % 2)))).collect();
            threads.into_iter().filter_map(|t| t.join().ok()).collect()
        });
        assert_eq!(made.len(), 4);
        assert!(std::ptr::eq(made[0].as_str(), made[2].as_str()));
        assert!(std::ptr::eq(made[1].as_str(), made[3].as_str()));
        assert_ne!(made[0], made[1]);
        assert_eq!(made[0], "ormas-0");
    }

    #[test]
    fn maps_keyed_by_atoms_are_looked_up_by_text_and_sort_by_text() {
        let map: std::collections::HashMap<Atom, u8> = [(Atom::new("b"), 2), (Atom::new("a"), 1)].into();
        assert_eq!(map.get("a"), Some(&1));
        let mut sorted = [Atom::new("zeta"), Atom::new("alpha"), Atom::default()];
        sorted.sort();
        assert_eq!(sorted.iter().map(|a| a.as_str()).collect::<Vec<_>>(), ["", "alpha", "zeta"]);
    }

    #[test]
    fn reads_and_writes_as_a_plain_string() {
        let atoms: Vec<Atom> = serde_yaml::from_str("[kesbangpol, \"31.71\"]").unwrap_or_default();
        assert_eq!(atoms, ["kesbangpol", "31.71"].map(Atom::new));
        assert_eq!(serde_json::to_string(&atoms).unwrap_or_default(), r#"["kesbangpol","31.71"]"#);
    }
}
