//! Watches the content and theme folders and hands over debounced batches
//! of changed paths.
//!
//! The debouncing is done here rather than by notify's debouncer crates:
//! those report every inotify event, file opens included, so the rebuild
//! reading a record would look like a change to it and rebuild forever.
//! Here only creations, writes, renames and removals count.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// A running watcher; dropping it stops watching.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Starts watching `roots` recursively. Each batch sent on the returned
/// channel holds the paths that changed, once `quiet` has passed without a
/// further change (an editor's save is often several events), or at most
/// every `quiet * 10` while changes keep coming.
pub fn watch(roots: &[PathBuf], quiet: Duration) -> notify::Result<(Watch, Receiver<Vec<PathBuf>>)> {
    let (raw_tx, raw_rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if counts(&event.kind) {
            for path in event.paths {
                if !ignored(&path) {
                    let _ = raw_tx.send(path);
                }
            }
        }
    })?;
    for root in roots {
        watcher.watch(root, RecursiveMode::Recursive)?;
    }
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("terbuka-watch".into())
        .spawn(move || {
            while let Ok(first) = raw_rx.recv() {
                let started = Instant::now();
                let mut batch = BTreeSet::from([first]);
                loop {
                    match raw_rx.recv_timeout(quiet) {
                        Ok(path) => {
                            batch.insert(path);
                            if started.elapsed() > quiet * 10 {
                                break;
                            }
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if tx.send(batch.into_iter().collect()).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok((Watch { _watcher: watcher }, rx))
}

/// Whether an event can change what a file holds (reads and metadata
/// changes cannot).
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Editors' swap and backup files, and hidden files, which the build
/// ignores too.
fn ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_droppings_and_reads() {
        assert!(ignored(Path::new("content/ormas/.x.md.swp")));
        assert!(ignored(Path::new("content/ormas/x.md~")));
        assert!(!ignored(Path::new("content/ormas/x.md")));
        assert!(!counts(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(counts(&EventKind::Modify(ModifyKind::Any)));
    }
}
