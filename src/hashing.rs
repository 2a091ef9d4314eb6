//! The hash maps and sets the build keys by ids, paths and words.
//!
//! std's default SipHash took about 7 % of an incremental build's CPU in
//! them (linking, the output manifest, kept records); foldhash is several
//! times faster on short keys. Its seed is fixed, so a build never depends
//! on a per-process random state, though no output follows a map's order.

/// A hash map with foldhash and a fixed seed.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A hash set with foldhash and a fixed seed.
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
