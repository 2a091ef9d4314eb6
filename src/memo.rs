//! Memoised positions for stages that point into the same texts again and
//! again: one record naming 100,000 missing ids gives 100,000 diagnostics,
//! and finding each one's line and field by rescanning the whole file was
//! quadratic (minutes; found by the hostile-input tests). Inside
//! [`scope`], a large text is scanned once, and later lookups reuse the
//! tables, keyed by the text's address and length.
//!
//! That key is only sound while the texts stay alive and unchanged, which
//! holds inside a scope that reads texts loaded before it began: each
//! scope starts a new generation, so a table never outlives the scope
//! whose texts it describes being reused for another text at the same
//! address.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Texts shorter than this are scanned each time: cheap, and no table to keep.
pub const MIN_BYTES: usize = 16 << 10;

static GENERATION: AtomicU64 = AtomicU64::new(0);
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// Runs `f` with memoised positions for the texts that exist when it starts.
pub fn scope<T>(f: impl FnOnce() -> T) -> T {
    GENERATION.fetch_add(1, Ordering::SeqCst);
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    struct Done;
    impl Drop for Done {
        fn drop(&mut self) {
            ACTIVE.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let _done = Done;
    f()
}

type Key = (u64, usize, usize, &'static str);

thread_local! {
    static TABLES: RefCell<HashMap<Key, Rc<dyn std::any::Any>>> = RefCell::new(HashMap::new());
}

/// The table `kind` of `text`, built by `build` once per scope and thread;
/// `None` outside a scope or for a short text (the caller scans directly).
pub fn table<T: 'static>(kind: &'static str, text: &str, build: impl FnOnce() -> T) -> Option<Rc<T>> {
    if text.len() < MIN_BYTES || ACTIVE.load(Ordering::SeqCst) == 0 {
        return None;
    }
    let generation = GENERATION.load(Ordering::SeqCst);
    let key = (generation, text.as_ptr() as usize, text.len(), kind);
    TABLES.with(|tables| {
        let mut tables = tables.borrow_mut();
        if let Some(found) = tables.get(&key).and_then(|t| t.clone().downcast::<T>().ok()) {
            return Some(found);
        }
        // Tables of earlier generations describe texts that may be gone.
        tables.retain(|k, _| k.0 == generation);
        let built = Rc::new(build());
        tables.insert(key, built.clone());
        Some(built)
    })
}

/// Byte offsets where each line of `text` starts.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}
