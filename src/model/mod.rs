//! The domain: the records staff write, as typed Rust values.
//!
//! These types are the single definition of the content model: the parser
//! deserialises into them and the JSON Schema for editors is generated from
//! them, so the two cannot drift.

mod activity;
mod agency;
mod common;
mod date;
mod editor;
mod host;
mod ormas;
mod partnership;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

pub use activity::{Activity, ActivityKind, Official, Participants};
pub use agency::{Agency, AgencyKind, Person, Position, Ppid};
pub use common::{Link, Region, RegionCode, SiteConfig, Source, Topic};
pub use date::{PartialDate, Precision, month_from_name};
pub use editor::{EditorSettings, GitHost};
pub use host::{Host, HostLimits};
pub use ormas::{Ahu, Contacts, Leader, Legal, LegalForm, Ormas, OrmasStatus, Scope, Skt};
pub use partnership::{
    Amount, BudgetSource, Document, Parties, Partnership, PartnershipKind, PartnershipStatus, Period,
};

/// What a record id looks like (see [`crate::parse::is_valid_id`]), for the
/// JSON Schema of fields that name records.
pub const ID_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// JSON Schema keyword on a field that names records: the collection it
/// points into (`agencies`, `ormas`, `people`, `partnerships`, `topics`,
/// `regions`). The editor turns such fields into pickers by name.
pub const REF_KEYWORD: &str = "x-terbuka-ref";

/// The folders of `content/` that hold one record per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    /// `agencies/<id>.yaml`
    Agencies,
    /// `people/<id>.yaml`
    People,
    /// `ormas/<id>.md`
    Ormas,
    /// `activities/<yyyy>/<id>.md`
    Activities,
    /// `partnerships/<id>.md`
    Partnerships,
}

impl Collection {
    /// Every collection, in the order the build reports them.
    pub const ALL: [Collection; 5] = [Self::Agencies, Self::People, Self::Ormas, Self::Activities, Self::Partnerships];

    /// Folder name under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Self::Agencies => "agencies",
            Self::People => "people",
            Self::Ormas => "ormas",
            Self::Activities => "activities",
            Self::Partnerships => "partnerships",
        }
    }

    /// File extension its records use.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Agencies | Self::People => "yaml",
            _ => "md",
        }
    }

    /// Whether its files are YAML front matter followed by Markdown.
    pub fn has_body(self) -> bool {
        self.extension() == "md"
    }

    /// The collection a top-level folder name stands for.
    pub fn from_folder(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.folder() == name)
    }

    /// Singular noun for messages (`activity`).
    pub fn noun(self) -> &'static str {
        match self {
            Self::Agencies => "agency",
            Self::People => "person",
            Self::Ormas => "ormas",
            Self::Activities => "activity",
            Self::Partnerships => "partnership",
        }
    }
}

/// Where a record came from, kept for error messages and record history.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Path relative to the content folder, with `/` separators.
    pub path: String,
    /// Full path on disk.
    pub full_path: PathBuf,
    /// The whole file, shared so that diagnostics can quote it cheaply.
    pub text: Arc<str>,
    /// Byte offset where the YAML starts (after an opening `---`).
    pub yaml_start: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// One parsed record file: its id, its front matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// Permanent id: the file name without extension.
    pub id: String,
    /// Typed front matter.
    pub meta: T,
    /// Where it came from.
    pub origin: Origin,
    /// [`Record::summary`], worked out the first time it is asked for:
    /// `check` never needs it, and `serve` keeps it with the record.
    summary: OnceLock<String>,
}

impl<T> Record<T> {
    /// A record read from `origin`.
    pub fn new(id: String, meta: T, origin: Origin) -> Self {
        Self { id, meta, origin, summary: OnceLock::new() }
    }

    /// The Markdown body (empty for YAML-only records).
    pub fn body(&self) -> &str {
        &self.origin.text[self.origin.body_start..]
    }

    /// The first words of the body: the one summary of the record that
    /// every list, page description, feed and download shows.
    pub fn summary(&self) -> &str {
        self.summary.get_or_init(|| crate::text::summary(self.body()))
    }
}
