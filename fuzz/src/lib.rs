//! What the fuzz targets share: the content roles a fuzz input can take,
//! and the reporting every diagnostic must survive.

use std::path::PathBuf;
use std::sync::Arc;

use terbuka::diagnostic::{Diagnostic, Diagnostics};
use terbuka::model::Collection;
use terbuka::report::{self, Format};
use terbuka::source::{FileRole, SourceFile};

/// Every kind of content file, with a path where it belongs. A fuzz
/// input's first byte picks one (modulo the count), the rest is the text.
pub const ROLES: [(FileRole, &str); 8] = [
    (FileRole::Site, "site.yaml"),
    (FileRole::Regions, "regions.yaml"),
    (FileRole::Topics, "topics.yaml"),
    (FileRole::Record(Collection::Agencies), "agencies/kpu-kota-contoh.yaml"),
    (FileRole::Record(Collection::People), "people/tokoh-contoh.yaml"),
    (FileRole::Record(Collection::Ormas), "ormas/ormas-contoh.md"),
    (FileRole::Record(Collection::Activities), "activities/2024/kegiatan-contoh.md"),
    (FileRole::Record(Collection::Partnerships), "partnerships/kemitraan-contoh.md"),
];

/// Splits a fuzz input into a role pick and a file text (invalid UTF-8 is
/// replaced, as no content file can hold it: reading rejects it first).
pub fn split_input(data: &[u8]) -> Option<(u8, String)> {
    let (&pick, rest) = data.split_first()?;
    Some((pick, String::from_utf8_lossy(rest).into_owned()))
}

/// A content file of role `role` at `rel_path` holding `text`.
pub fn source_file(role: FileRole, rel_path: &str, text: String) -> SourceFile {
    SourceFile {
        role,
        rel_path: rel_path.to_string(),
        display_path: PathBuf::from("content").join(rel_path),
        text: Arc::from(text),
    }
}

/// Formats the diagnostics in every output format, as `check` would:
/// snippets, line numbers and JSON escaping must hold for any text.
pub fn report_all(problems: Vec<Diagnostic>) {
    let diagnostics = Diagnostics(problems);
    for format in [Format::Human, Format::Json, Format::Github] {
        let _ = report::format(&diagnostics, format, false);
    }
    let _ = report::format(&diagnostics, Format::Human, true);
}
