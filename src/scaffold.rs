//! `terbuka new <kind> <id>`: writes a new record with every required
//! field, today's date and a comment explaining each field, in the right
//! folder, and recognises the placeholders such a record still holds.
//!
//! Values staff must fill in start with [`PLACEHOLDER`]; `check` and
//! `build` refuse a file while one remains, pointing at its line, so a
//! half-filled record never reaches the site.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Collection, SiteConfig};
use crate::parse::{is_valid_id, slugify, split};
use crate::schema;
use crate::source::SourceFile;

/// Marks a value `terbuka new` wrote for staff to replace ("ganti" is
/// Indonesian for "replace").
pub const PLACEHOLDER: &str = "GANTI";

/// Why a record could not be scaffolded.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The id is not lowercase letters, digits and hyphens.
    #[error("`{id}` is not a valid id: use lowercase letters, digits and hyphens, e.g. `{suggestion}`")]
    InvalidId {
        /// What was asked for.
        id: String,
        /// A valid id made from it.
        suggestion: String,
    },
    /// A record with this id already exists.
    #[error("`{}` already exists; choose another id or edit that file", .0.display())]
    Exists(PathBuf),
    /// The content folder is missing.
    #[error("content folder `{}` does not exist", .0.display())]
    NoContent(PathBuf),
    /// The file could not be written.
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// The record file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Writes a new `collection` record named `id` under `content_dir`, dated
/// `today`; returns its path. Refuses an invalid id and never overwrites.
pub fn create(
    content_dir: &Path,
    collection: Collection,
    id: &str,
    today: NaiveDate,
) -> Result<PathBuf, ScaffoldError> {
    if !is_valid_id(id) {
        let suggestion = Some(slugify(id)).filter(|s| !s.is_empty()).unwrap_or_else(|| "nama-kegiatan".into());
        return Err(ScaffoldError::InvalidId { id: id.to_string(), suggestion });
    }
    if !content_dir.is_dir() {
        return Err(ScaffoldError::NoContent(content_dir.to_path_buf()));
    }
    if let Some(existing) = find_existing(content_dir, collection, id) {
        return Err(ScaffoldError::Exists(existing));
    }
    let rel = record_path(collection, id, today.year());
    let path = content_dir.join(&rel);
    let text = template(collection, &schema_reference(content_dir, collection, &rel), today);
    let write_error = |source| ScaffoldError::Write { path: path.clone(), source };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(write_error)?;
    }
    // `create_new` makes the no-overwrite promise hold even against a file
    // that appeared since the check above.
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists { ScaffoldError::Exists(path.clone()) } else { write_error(e) }
    })?;
    file.write_all(text.as_bytes()).map_err(write_error)?;
    Ok(path)
}

/// Path of a record relative to the content folder.
fn record_path(collection: Collection, id: &str, year: i32) -> String {
    match collection {
        Collection::Activities => format!("activities/{year}/{id}.md"),
        c => format!("{}/{id}.{}", c.folder(), c.extension()),
    }
}

/// An existing record with the same id: for activities, in any year
/// folder, since they form one collection.
fn find_existing(content_dir: &Path, collection: Collection, id: &str) -> Option<PathBuf> {
    let folder = content_dir.join(collection.folder());
    let file = format!("{id}.{}", collection.extension());
    if collection != Collection::Activities {
        return Some(folder.join(&file)).filter(|p| p.exists());
    }
    fs::read_dir(&folder).ok()?.flatten().map(|year| year.path().join(&file)).find(|p| p.exists())
}

/// Where the editor finds the schema: the repository's `docs/schema/`
/// relative to the new file when the content sits beside it, else the
/// copy published with the site.
fn schema_reference(content_dir: &Path, collection: Collection, rel: &str) -> String {
    let name = schema::file_name(collection);
    let docs = content_dir.join("..").join("docs").join(schema::SITE_FOLDER).join(&name);
    if docs.is_file() {
        let depth = rel.matches('/').count() + 1;
        return format!("{}docs/{}/{name}", "../".repeat(depth), schema::SITE_FOLDER);
    }
    let base_url = fs::read_to_string(content_dir.join("site.yaml"))
        .ok()
        .and_then(|t| serde_yaml::from_str::<SiteConfig>(&t).ok())
        .map(|c| c.base_url);
    match base_url {
        Some(base) => format!("{}/{}/{name}", base.trim_end_matches('/'), schema::SITE_FOLDER),
        None => format!("{}docs/{}/{name}", "../".repeat(rel.matches('/').count() + 1), schema::SITE_FOLDER),
    }
}

/// The values an enumeration field accepts, read from the generated schema
/// so that the comment lists exactly what the parser accepts.
pub fn allowed_values(collection: Collection, field: &str) -> Vec<String> {
    let wanted = schema::file_name(collection);
    let Some(file) = schema::all().into_iter().find(|f| f.file_name == wanted) else { return Vec::new() };
    let Ok(root) = serde_json::from_str::<serde_json::Value>(&file.json) else { return Vec::new() };
    let mut out = Vec::new();
    collect_values(&root, &root["properties"][field], &mut out);
    out
}

fn collect_values(root: &serde_json::Value, node: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    if let Some(Value::String(r)) = node.get("$ref") {
        let target = r.trim_start_matches("#/").split('/').fold(root, |v, key| &v[key]);
        collect_values(root, target, out);
    }
    if let Some(Value::String(c)) = node.get("const") {
        out.push(c.clone());
    }
    if let Some(Value::Array(values)) = node.get("enum") {
        out.extend(values.iter().filter_map(|v| v.as_str().map(String::from)));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(items)) = node.get(key) {
            for item in items {
                collect_values(root, item, out);
            }
        }
    }
}

/// The text of a new record.
fn template(collection: Collection, schema_ref: &str, today: NaiveDate) -> String {
    let values = |field: &str| allowed_values(collection, field).join(", ");
    let header = format!(
        "# yaml-language-server: $schema={schema_ref}\n\
         # Ganti setiap nilai yang diawali {PLACEHOLDER}: `terbuka check` menolak berkas ini selama masih ada.\n\
         # Baris yang diawali # adalah komentar; hapus # di depan kolom opsional yang ingin diisi.\n"
    );
    let p = PLACEHOLDER;
    let year = today.year();
    let region = format!(
        "# Kode wilayah Kemendagri dalam tanda kutip, mis. \"36.71\" (Kota Tangerang); harus tercantum di regions.yaml.\n\
         region: \"{p}-kode-wilayah\"\n"
    );
    let source = format!(
        "# Sumber fakta (siaran pers atau berita): alamat https, judul, penerbit dan tanggal terbitnya.\n\
         sources:\n  - url: \"{p}: https://alamat-berita\"\n    title: \"{p}: judul berita\"\n    \
         publisher: \"{p}: nama media atau instansi\"\n    # author: Nama penulis\n    published: \"{today}\"\n"
    );
    match collection {
        Collection::Activities => format!(
            "---\n{header}\
             # Kegiatan: pertemuan atau acara antara instansi pemerintah dan ormas.\n\n\
             # Judul siaran pers, seperti di sumbernya.\n\
             title: \"{p}: judul kegiatan\"\n\
             # Tanggal kegiatan: YYYY-MM-DD, atau YYYY-MM / YYYY bila sumber tidak menyebut harinya.\n\
             # Tahunnya harus sama dengan folder berkas ini (activities/{year}/).\n\
             date: \"{today}\"\n\
             # Jam mulai dan selesai, bila diketahui:\n\
             # start: \"{today}T09:00+07:00\"\n\
             # end: \"{today}T12:00+07:00\"\n\
             # Jenis kegiatan, salah satu dari: {kinds}.\n\
             kind: {p}\n\
             {region}\
             # Tempat kegiatan:\n\
             # venue: Nama gedung atau hotel\n\
             # Id instansi penyelenggara (nama berkas di agencies/ tanpa .yaml); minimal satu.\n\
             organizers: [{p}-id-instansi]\n\
             # Peserta: id ormas yang disebut sumber (nama berkas di ormas/), jumlah ormas yang hadir\n\
             # (disebut namanya atau tidak), instansi lain yang hadir, dan jumlah peserta.\n\
             participants:\n  ormas: []\n  # ormas_count: 10\n  # agencies: []\n  # attendees: 100\n\
             # Pejabat yang berbicara atau hadir, dengan jabatannya saat itu (person: id di people/, atau name:).\n\
             # officials:\n#   - person: id-tokoh\n#     role: Jabatan saat itu\n\
             # Id topik dari topics.yaml:\n\
             # topics: []\n\
             # Id kemitraan (partnerships/) bila kegiatan ini bagian darinya:\n\
             # partnership: id-kemitraan\n\
             {source}\
             # Catatan redaksi, mis. bila sumber saling bertentangan:\n\
             # notes: ...\n\
             ---\n\
             {p}: tulis isi siaran pers di sini. Paragraf pertama menjadi ringkasan di daftar kegiatan.\n",
            kinds = values("kind"),
        ),
        Collection::Ormas => format!(
            "---\n{header}\
             # Ormas: organisasi kemasyarakatan.\n\n\
             # Nama lengkap terdaftar.\n\
             name: \"{p}: nama lengkap ormas\"\n\
             # Singkatan dan nama lain yang dipakai media:\n\
             # abbreviation: Singkatan\n\
             # other_names: []\n\
             # Bentuk hukum dan pendaftaran:\n\
             # legal:\n#   form: perkumpulan   # {forms}\n\
             #   skt: {{number: ..., issued: \"{today}\", expires: ..., issuer: ...}}\n\
             #   ahu: {{number: ..., date: ...}}\n\
             # founded: {year}\n\
             # Lingkup, salah satu dari: {scopes}.\n\
             # scope: provinsi\n\
             # fields: [sosial, budaya]\n\
             {region}\
             # address: Alamat sekretariat\n\
             # Status, salah satu dari: {statuses}.\n\
             status: {p}\n\
             # leaders: [{{name: Nama, role: Ketua Umum, since: {year}}}]\n\
             # contacts: {{website: https://..., email: ..., phone: ...}}\n\
             {source}\
             ---\n\
             {p}: tulis profil singkat ormas di sini: sejarah, tujuan, kegiatan utama.\n",
            forms = allowed_values_nested("Legal", "form"),
            scopes = values("scope"),
            statuses = values("status"),
        ),
        Collection::Agencies => format!(
            "{header}\
             # Instansi pemerintah.\n\n\
             # Nama resmi.\n\
             name: \"{p}: nama resmi instansi\"\n\
             # abbreviation: Singkatan\n\
             # Jenis instansi, salah satu dari: {kinds}.\n\
             kind: {p}\n\
             {region}\
             # Id instansi induknya (agencies/), bila ada:\n\
             # parent: id-instansi-induk\n\
             # website: https://...\n",
            kinds = values("kind"),
        ),
        Collection::People => format!(
            "{header}\
             # Tokoh atau pejabat.\n\n\
             # Nama lengkap, tanpa gelar bila memungkinkan.\n\
             name: \"{p}: nama lengkap\"\n\
             # Jabatan yang pernah dipegang: jabatan, id instansi (agencies/), mulai dan selesai (boleh YYYY).\n\
             positions:\n  - role: \"{p}: jabatan\"\n    agency: {p}-id-instansi\n    start: {year}\n    # end: {year}\n",
        ),
        Collection::Partnerships => format!(
            "---\n{header}\
             # Kemitraan: MoU, perjanjian kerja sama, hibah atau bantuan sosial.\n\n\
             # Judul dokumen.\n\
             title: \"{p}: judul kemitraan\"\n\
             # Jenis, salah satu dari: {kinds}.\n\
             kind: {p}\n\
             # number: Nomor dokumen\n\
             # Para pihak: id instansi (agencies/) dan id ormas (ormas/); minimal satu dari masing-masing.\n\
             parties:\n  agencies: [{p}-id-instansi]\n  ormas: [{p}-id-ormas]\n\
             # Tanggal penandatanganan.\n\
             signed: \"{today}\"\n\
             # period: {{start: \"{today}\", end: ...}}\n\
             # amount: {{value: 150000000, currency: IDR}}\n\
             # Sumber anggaran, salah satu dari: {budgets}.\n\
             # budget_source: APBD\n\
             # Status, salah satu dari: {statuses}.\n\
             # status: berlaku\n\
             # documents: [{{title: ..., url: https://...}}]\n\
             {source}\
             ---\n\
             {p}: jelaskan isi kemitraan di sini: tujuan, kewajiban para pihak, nilai.\n",
            kinds = values("kind"),
            budgets = values("budget_source"),
            statuses = values("status"),
        ),
    }
}

/// Values of an enumeration inside a nested ormas type (`Legal.form`).
fn allowed_values_nested(definition: &str, field: &str) -> String {
    let wanted = schema::file_name(Collection::Ormas);
    let Some(file) = schema::all().into_iter().find(|f| f.file_name == wanted) else { return String::new() };
    let Ok(root) = serde_json::from_str::<serde_json::Value>(&file.json) else { return String::new() };
    let mut out = Vec::new();
    collect_values(&root, &root["definitions"][definition]["properties"][field], &mut out);
    out.join(", ")
}

/// An error for every placeholder left in `files`, at its line, checked
/// in parallel (a scan for one word; cheap even at 100,000 files).
pub fn find_placeholders(files: &[SourceFile]) -> Vec<Diagnostic> {
    files.par_iter().flat_map_iter(placeholders_of).collect()
}

/// Placeholders left in one file (none in most: the scan is skipped).
pub fn placeholders_of(file: &SourceFile) -> Vec<Diagnostic> {
    if file.text.contains(PLACEHOLDER) { placeholders_in(file) } else { Vec::new() }
}

/// Placeholders in one file: in the YAML (outside comments) and at the
/// start of a body line, where prose would never begin with the marker.
fn placeholders_in(file: &SourceFile) -> Vec<Diagnostic> {
    let text = &file.text;
    let (yaml_end, body_start) = match split(text) {
        Ok(s) => (s.yaml_end, s.body_start),
        Err(_) => (text.len(), text.len()),
    };
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let in_yaml = start < yaml_end;
        let in_body = start >= body_start;
        let value = if in_yaml {
            yaml_value(line).filter(|v| v.contains(PLACEHOLDER))
        } else if in_body && line.trim_start().starts_with(PLACEHOLDER) {
            Some(line)
        } else {
            None
        };
        let Some(value) = value else { continue };
        let trimmed = line.trim_end();
        let key = if in_yaml { yaml_key(line) } else { None };
        let shown = match value.split_once(": ") {
            Some((_, v)) if in_yaml => v,
            _ => value,
        };
        let shown = shown.trim().trim_start_matches("- ").trim_matches(['"', '\'', '[', ']']);
        let mut d = Diagnostic::error(&file.display_path, format!("`{shown}` is a placeholder left by `terbuka new`"))
            .with_help(if in_body {
                "replace this line with the record's text".to_string()
            } else {
                "replace it with the real value; the comment above the field says what to write".to_string()
            });
        if let Some(key) = key {
            d = d.with_field(key);
        }
        let lead = line.len() - line.trim_start().len();
        out.push(d.at(text, start + lead, start + trimmed.len()));
    }
    out
}

/// The part of a YAML line that is data, without its comment; `None` for
/// comment and blank lines. A `#` starts a comment at the line start or
/// after a space, outside quotes (enough for the lines `new` writes).
fn yaml_value(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return Some(&line[..i]),
            _ => {}
        }
        prev = c;
    }
    Some(line)
}

/// The key of a `key: value` line (`- role: x` gives `role`).
fn yaml_key(line: &str) -> Option<String> {
    let t = line.trim_start().trim_start_matches("- ");
    let (key, _) = t.split_once(':')?;
    let ok = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then(|| key.to_string())
}

/// Keeps only the placeholder errors for files that have any: their other
/// problems (an unknown region `GANTI-kode-wilayah`, say) all stem from
/// the placeholders and would only bury the one instruction that matters.
pub fn merge_placeholders(problems: &mut Vec<Diagnostic>, placeholders: Vec<Diagnostic>) {
    if placeholders.is_empty() {
        return;
    }
    let files: std::collections::HashSet<PathBuf> = placeholders.iter().map(|d| d.file.clone()).collect();
    problems.retain(|d| !files.contains(&d.file));
    problems.extend(placeholders);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn lists_enumeration_values_from_the_schema() {
        let kinds = allowed_values(Collection::Activities, "kind");
        assert!(kinds.contains(&"rapat-koordinasi".to_string()), "{kinds:?}");
        assert_eq!(kinds.len(), crate::model::ActivityKind::ALL.len());
        assert!(allowed_values(Collection::Ormas, "status").contains(&"dibekukan".to_string()));
        assert!(allowed_values_nested("Legal", "form").contains("yayasan"));
    }

    #[test]
    fn finds_placeholders_in_values_and_body_but_not_in_comments() {
        let text = "---\n# Ganti GANTI di komentar\ntitle: \"GANTI: judul\"\nkind: lainnya # bukan GANTI\n---\nGANTI: isi\nTeks GANTI biasa.\n";
        let file = SourceFile {
            role: crate::source::FileRole::Record(Collection::Activities),
            rel_path: "activities/2024/x.md".into(),
            display_path: "content/activities/2024/x.md".into(),
            text: Arc::from(text),
        };
        let found = find_placeholders(&[file]);
        let lines: Vec<(usize, Option<&str>)> = found.iter().map(|d| (d.line, d.field.as_deref())).collect();
        assert_eq!(lines, vec![(3, Some("title")), (6, None)]);
    }

    #[test]
    fn refuses_bad_ids_and_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        let err = create(tmp.path(), Collection::Ormas, "Bamus Betawi", day).unwrap_err();
        assert!(err.to_string().contains("`bamus-betawi`"), "{err}");
        let path = create(tmp.path(), Collection::Activities, "rapat-a", day).unwrap();
        assert!(path.ends_with("activities/2025/rapat-a.md"));
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("---\n# yaml-language-server: $schema="), "{text}");
        assert!(text.contains("date: \"2025-03-04\""), "{text}");
        let later = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert!(matches!(create(tmp.path(), Collection::Activities, "rapat-a", later), Err(ScaffoldError::Exists(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "left untouched");
    }
}
