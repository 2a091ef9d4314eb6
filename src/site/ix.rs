//! Typed positions: one index type per collection, so that a position in
//! one collection cannot index another (an `AgencyIx` into the ormas
//! table does not compile).
//!
//! Positions are `u32`: lists of them are what the site holds most of
//! (every back-link, every forward link, every facet list), and a million
//! records fit in 32 bits with room to spare.

use typed_index_collections::{TiSlice, TiVec};

macro_rules! position {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(u32);

        impl $name {
            /// The position as a plain number (for the search index's
            /// numbering and other published formats).
            pub fn get(self) -> u32 {
                self.0
            }
        }

        impl From<usize> for $name {
            fn from(i: usize) -> Self {
                // Collections are far smaller than 2^32 records (a million
                // activities is the design target).
                Self(i as u32)
            }
        }

        impl From<$name> for usize {
            fn from(i: $name) -> usize {
                i.0 as usize
            }
        }
    };
}

position!(
    /// Position of a region in [`super::Site::regions`].
    RegionIx
);
position!(
    /// Position of a topic in [`super::Site::topics`].
    TopicIx
);
position!(
    /// Position of an agency in [`super::Site::agencies`].
    AgencyIx
);
position!(
    /// Position of an official in [`super::Site::people`].
    PersonIx
);
position!(
    /// Position of an ormas in [`super::Site::ormas`].
    OrmasIx
);
position!(
    /// Position of an activity in [`super::Site::activities`] (newest first).
    ActivityIx
);
position!(
    /// Position of a partnership in [`super::Site::partnerships`].
    PartnershipIx
);

/// A table indexed by one collection's positions.
pub type Table<K, V> = TiVec<K, V>;

/// A borrowed run of a [`Table`].
pub type Slice<K, V> = TiSlice<K, V>;
