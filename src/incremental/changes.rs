//! The changed-paths list: which files of the site a build added,
//! modified or removed, for CDN invalidation and sync tools.

use std::fmt::Write as _;

use serde::Serialize;

use crate::hashing::{HashMap, HashSet};
use crate::output::generation::{Files, Hash};

/// How one path changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Change {
    /// New in this build.
    Added,
    /// Different bytes.
    Modified,
    /// Gone from the site.
    Deleted,
}

impl Change {
    /// The letter of the list's first column.
    pub fn letter(self) -> char {
        match self {
            Change::Added => 'A',
            Change::Modified => 'M',
            Change::Deleted => 'D',
        }
    }
}

/// Every changed path of a build, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// `(path, change)`, sorted by path.
    pub paths: Vec<(String, Change)>,
}

/// How many paths changed, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChangeCounts {
    /// Added paths.
    pub added: usize,
    /// Modified paths.
    pub modified: usize,
    /// Removed paths.
    pub deleted: usize,
}

impl Changes {
    /// Compares the site before (`old`: each path with its hash where the
    /// manifest vouches for it) with the new one. `same` holds the paths
    /// found equal by reading them (shared with the old site), which
    /// settles a path whose old hash was unknown.
    pub fn between(old: &HashMap<String, Option<Hash>>, new: &Files, same: &HashSet<String>) -> Self {
        let mut paths: Vec<(String, Change)> = new
            .iter()
            .filter_map(|(path, entry)| match old.get(path) {
                None => Some((path.clone(), Change::Added)),
                Some(Some(h)) if *h == entry.hash => None,
                Some(_) if same.contains(path) => None,
                Some(_) => Some((path.clone(), Change::Modified)),
            })
            .collect();
        paths.extend(old.keys().filter(|p| !new.contains_key(*p)).map(|p| (p.clone(), Change::Deleted)));
        paths.sort_unstable();
        Self { paths }
    }

    /// Counts by kind.
    pub fn counts(&self) -> ChangeCounts {
        let mut c = ChangeCounts::default();
        for (_, change) in &self.paths {
            match change {
                Change::Added => c.added += 1,
                Change::Modified => c.modified += 1,
                Change::Deleted => c.deleted += 1,
            }
        }
        c
    }

    /// The list as written to `changes.txt`: `A`, `M` or `D`, a tab and the
    /// site-relative path, one line each.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.paths.len() * 48);
        for (path, change) in &self.paths {
            let _ = writeln!(out, "{}\t{path}", change.letter());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::generation::FileEntry;

    #[test]
    fn lists_added_modified_and_deleted_paths_in_order() {
        let entry = |hash| FileEntry { size: 1, mtime: (0, 0), hash };
        let old: HashMap<String, Option<Hash>> = [
            ("same.html".to_string(), Some(1)),
            ("edited.html".to_string(), Some(2)),
            ("gone.html".to_string(), Some(3)),
            ("unknown-same.html".to_string(), None),
            ("unknown-edited.html".to_string(), None),
        ]
        .into_iter()
        .collect();
        let new: Files = [
            ("same.html".to_string(), entry(1)),
            ("edited.html".to_string(), entry(9)),
            ("a/new.html".to_string(), entry(4)),
            ("unknown-same.html".to_string(), entry(5)),
            ("unknown-edited.html".to_string(), entry(6)),
        ]
        .into_iter()
        .collect();
        let same: HashSet<String> = HashSet::from_iter(["unknown-same.html".to_string()]);
        let changes = Changes::between(&old, &new, &same);
        assert_eq!(changes.to_text(), "A\ta/new.html\nM\tedited.html\nD\tgone.html\nM\tunknown-edited.html\n");
        assert_eq!(changes.counts(), ChangeCounts { added: 1, modified: 2, deleted: 1 });
    }
}
