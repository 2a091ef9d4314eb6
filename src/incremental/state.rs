//! The build cache's record of the last build, in one file: the inputs it
//! was made from, the manifest of the live site, what the spare generation
//! holds. Written whole under a temporary name and renamed into place;
//! read back only when its header, format and checksum are right, so a
//! missing, truncated, corrupt or foreign file just means a full build.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::inputs::ContentFiles;
use crate::Counts;
use crate::diagnostic::Diagnostic;
use crate::output::WriteStats;
use crate::output::generation::{Files, Hash, hash};

/// Bytes every state file starts with.
const MAGIC: &[u8; 16] = b"terbuka-cache\0\0\0";
/// Raised whenever [`State`] changes shape: an older file is ignored.
const FORMAT: u32 = 2;

/// The last successful build.
#[derive(Debug, Serialize, Deserialize)]
pub struct State {
    /// The output folder it built (absolute): a cache shared by two output
    /// folders in one parent serves only the one it last built.
    pub output: std::path::PathBuf,
    /// The inputs stamp ([`super::inputs::stamp`]), if it could be taken.
    pub stamp: Option<Hash>,
    /// Every content file it read, if they could be summed up.
    pub content: Option<ContentFiles>,
    /// Its warnings, reported again by a build skipped for no change.
    pub warnings: Vec<Warning>,
    /// Its record counts and output size, to report a skipped build.
    pub counts: Counts,
    /// Files and bytes of the site.
    pub stats: WriteStats,
    /// The manifest of the site it swapped in.
    pub live: Files,
    /// What the spare generation holds (each file's hash where known), or
    /// `None` when unknown and to be listed.
    pub spare: Option<Vec<(String, Option<Hash>)>>,
}

/// A warning of the last build, as the cache keeps it (its snippet is
/// read from the file again when it is reported).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warning {
    file: std::path::PathBuf,
    line: usize,
    column: usize,
    field: Option<String>,
    message: String,
    help: Option<String>,
    span: Option<(usize, usize)>,
}

impl Warning {
    /// Keeps a warning.
    pub fn keep(d: &Diagnostic) -> Self {
        Self {
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            field: d.field.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            span: d.span,
        }
    }

    /// The warning to report again, with its file's text for the snippet
    /// when the file still reads the same (the build only skips when it does).
    pub fn restore(&self) -> Diagnostic {
        let mut d = Diagnostic::warning(&self.file, &self.message);
        d.line = self.line;
        d.column = self.column;
        d.field = self.field.clone();
        d.help = self.help.clone();
        if self.span.is_some() {
            d.source = std::fs::read_to_string(&self.file).ok().map(std::sync::Arc::from);
            d.span = self.span.filter(|_| d.source.is_some());
        }
        d
    }
}

/// Why a state file was not used.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    /// None yet.
    #[error("no build cache yet")]
    Missing,
    /// Unreadable, or not a state file of this format.
    #[error("the build cache is unreadable or from another version of terbuka ({0})")]
    Foreign(String),
}

/// Reads the state file at `path`.
pub fn read(path: &Path) -> Result<State, Unusable> {
    let bytes = match std::fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) => return Err(Unusable::Foreign(e.to_string())),
        Ok(b) => b,
    };
    let header = MAGIC.len() + 4 + 16;
    if bytes.len() < header || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Unusable::Foreign("not a terbuka build cache".into()));
    }
    let format = u32::from_le_bytes(bytes[16..20].try_into().unwrap_or_default());
    if format != FORMAT {
        return Err(Unusable::Foreign(format!("format {format}, this build reads {FORMAT}")));
    }
    let sum = u128::from_le_bytes(bytes[20..36].try_into().unwrap_or_default());
    let payload = &bytes[header..];
    if hash(payload) != sum {
        return Err(Unusable::Foreign("checksum mismatch".into()));
    }
    postcard::from_bytes(payload).map_err(|e| Unusable::Foreign(e.to_string()))
}

/// Writes the state file at `path`, replacing the old one in one rename.
pub fn write(path: &Path, state: &State) -> io::Result<()> {
    let payload = postcard::to_stdvec(state).map_err(io::Error::other)?;
    let mut bytes = Vec::with_capacity(payload.len() + 36);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    write_atomic(path, &bytes)
}

/// Writes a file under a temporary name beside it, then renames it into
/// place, so a reader sees the old file or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
