//! The byte format of index files: LEB128 varints, length-prefixed UTF-8
//! strings, raw-deflate compression (which browsers inflate natively with
//! `DecompressionStream`) and content-hashed file names.

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// An index file being written.
#[derive(Debug, Default, Clone)]
pub struct Buf(pub Vec<u8>);

impl Buf {
    /// An empty buffer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Self {
        Self(Vec::with_capacity(n))
    }

    /// Appends an unsigned LEB128 varint (7 bits a byte, low bits first).
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    /// Appends one byte.
    pub fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    /// Appends a string as its UTF-8 byte length then its bytes.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// Appends a block written by `f`, prefixed by its byte length so a
    /// reader can skip it without decoding it.
    pub fn block(&mut self, f: impl FnOnce(&mut Buf)) {
        let mut inner = Buf::default();
        f(&mut inner);
        self.varint(inner.0.len() as u64);
        self.0.extend_from_slice(&inner.0);
    }

    /// Appends a sorted list of ids as their count then the gaps between
    /// them (the first gap is from 0).
    pub fn deltas(&mut self, ids: &[u32]) {
        self.varint(ids.len() as u64);
        let mut prev = 0;
        for &id in ids {
            self.varint(u64::from(id - prev));
            prev = id;
        }
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads what a [`Buf`] wrote; each read is `None` past the end.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    /// An unsigned LEB128 varint.
    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first()?;
            self.0 = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// One byte.
    pub fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    /// `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.varint()?).ok()?;
        std::str::from_utf8(self.bytes(n)?).ok()
    }

    /// Whether everything was read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Inflates raw deflate bytes; `None` when they are not.
pub fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec(bytes).ok()
}

/// Compresses with raw deflate (RFC 1951, no zlib or gzip header), which
/// is deterministic for the same input and level.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    deflate_level(bytes, 6)
}

/// Raw deflate at the fastest level, for postings and document sets:
/// varint numbers gain barely 2% from the slower levels, at three times
/// the time.
pub fn deflate_fast(bytes: &[u8]) -> Vec<u8> {
    deflate_level(bytes, 1)
}

/// miniz_oxide, called directly rather than through flate2, whose backend
/// (zlib-rs, for the dataset's gzip) packs postings worse at level 1: the
/// index keeps its bytes and sizes.
fn deflate_level(bytes: &[u8], level: u8) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, level)
}

/// A content hash for a file name: 8 hex digits of xxh3. File names also
/// carry the file's position, so the hash only has to change when the
/// content does (for caches); short, it keeps the manifest small.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:08x}", xxh3_64(bytes) >> 32)
}

/// A longer content hash that names a file on its own, without a position
/// (term shards): the first `digits` (at most 16) hex digits of xxh3.
pub fn content_name(bytes: &[u8], digits: usize) -> String {
    format!("{:016x}", xxh3_64(bytes))[..digits.min(16)].to_string()
}

/// [`content_hash`] of several byte strings one after the other, without
/// joining them first.
pub fn content_hash_of(parts: &[Vec<u8>]) -> String {
    let mut hasher = Xxh3::new();
    parts.iter().for_each(|p| hasher.update(p));
    format!("{:08x}", hasher.digest() >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::DeflateDecoder;
    use std::io::Read;

    #[test]
    fn varints_and_deltas_round_trip_through_deflate() {
        let mut b = Buf::default();
        b.varint(0);
        b.varint(127);
        b.varint(128);
        b.varint(300);
        assert_eq!(b.0, [0, 127, 0x80, 1, 0xac, 2]);
        b.deltas(&[3, 10, 10_000]);
        assert_eq!(&b.0[6..], [3, 3, 7, 0x86, 0x4e]);
        let packed = deflate(&b.0);
        let mut out = Vec::new();
        DeflateDecoder::new(&packed[..]).read_to_end(&mut out).unwrap();
        assert_eq!(out, b.0);
        assert_eq!(deflate(&b.0), packed, "deterministic");
        assert_eq!(content_hash_of(&[b.0[..3].to_vec(), b.0[3..].to_vec()]), content_hash(&b.0));
    }
}
