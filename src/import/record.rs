//! Writes a draft as an activity record in the layout of the portal's own
//! records: what the text gave as values, what it did not as
//! `GANTI` placeholders (which `check` refuses until filled) or comments
//! for staff, and the press-release text as the body.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Draft, Found, Portal};
use crate::model::ActivityKind;
use crate::parse::slugify;
use crate::scaffold::PLACEHOLDER;

/// A YAML scalar: plain when YAML reads it back as the same text, double
/// quoted otherwise.
pub fn scalar(s: &str) -> String {
    let first = s.chars().next().unwrap_or(' ');
    let risky = s.is_empty()
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        || first.is_whitespace()
        || s.ends_with(char::is_whitespace)
        || s.contains(['\n', '\t', '\\'])
        || serde_yaml::from_str::<serde_yaml::Value>(s).map_or(true, |v| v.as_str() != Some(s));
    if !risky {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A comment line for staff, when a value was inferred.
fn check_comment<T>(out: &mut String, indent: &str, f: &Found<T>) {
    if let Some(why) = &f.check {
        let _ = writeln!(out, "{indent}# periksa: {why}");
    }
}

/// The record text of a draft.
pub fn write(d: &Draft, portal: &Portal) -> String {
    let p = PLACEHOLDER;
    let mut y = String::from("---\n");
    y.push_str(
        "# Draf dari `terbuka import`: periksa setiap nilai terhadap siaran pers, lalu ganti setiap nilai\n\
         # yang diawali GANTI; `terbuka check` menolak berkas ini selama masih ada.\n",
    );
    match &d.title {
        Some(t) => {
            let _ = writeln!(y, "title: {}", scalar(&t.value));
        }
        None => {
            let _ = writeln!(y, "title: \"{p}: judul kegiatan\"");
        }
    }
    match &d.date {
        Some(date) => {
            check_comment(&mut y, "", date);
            let _ = writeln!(y, "date: {}", quoted(&date.value.to_string()));
        }
        None => {
            let _ =
                writeln!(y, "# Tanggal kegiatan: YYYY-MM-DD, atau YYYY-MM / YYYY bila sumber tidak menyebut harinya.");
            let _ = writeln!(y, "date: \"{p}-tanggal\"");
        }
    }
    match &d.kind {
        Some(k) => {
            let _ = writeln!(y, "kind: {}", k.value.slug());
        }
        None => {
            let kinds: Vec<&str> = ActivityKind::ALL.iter().map(|k| k.slug()).collect();
            let _ = writeln!(y, "# Sumber tidak menyebut jenis kegiatan; pilih salah satu: {}.", kinds.join(", "));
            let _ = writeln!(y, "kind: {p}");
        }
    }
    match &d.region {
        Some(r) => {
            check_comment(&mut y, "", r);
            let _ = writeln!(y, "region: {}", quoted(r.value.as_str()));
        }
        None => {
            let _ = writeln!(y, "region: \"{p}-kode-wilayah\"");
        }
    }
    if let Some(v) = &d.venue {
        let _ = writeln!(y, "venue: {}", scalar(&v.value));
    }
    if d.organizers.is_empty() {
        let _ = writeln!(y, "# Id instansi penyelenggara (nama berkas di agencies/ tanpa .yaml).");
        let _ = writeln!(y, "organizers: [{p}-id-instansi]");
    } else {
        y.push_str("organizers:\n");
        for o in &d.organizers {
            check_comment(&mut y, "  ", o);
            let _ = writeln!(y, "  - {}", o.value);
        }
    }
    let has_participants =
        !d.ormas.is_empty() || d.ormas_count.is_some() || !d.agencies.is_empty() || d.attendees.is_some();
    if has_participants {
        y.push_str("participants:\n");
        list(&mut y, "  ", "ormas", &d.ormas);
        if let Some(c) = &d.ormas_count {
            let _ = writeln!(y, "  ormas_count: {}", c.value);
        }
        list(&mut y, "  ", "agencies", &d.agencies);
        if let Some(c) = &d.attendees {
            let _ = writeln!(y, "  attendees: {}", c.value);
        }
    }
    if !d.officials.is_empty() {
        y.push_str("officials:\n");
        for o in &d.officials {
            check_comment(&mut y, "  ", o);
            match (&o.value.person, &o.value.name) {
                (Some(id), _) => {
                    let _ = writeln!(y, "  - person: {id}");
                }
                (None, Some(name)) => {
                    let _ = writeln!(y, "  - name: {}", scalar(name));
                }
                (None, None) => continue,
            }
            if o.value.role.is_empty() {
                let _ = writeln!(y, "    role: \"{p}: jabatan saat itu\"");
            } else {
                let _ = writeln!(y, "    role: {}", scalar(&o.value.role));
            }
        }
    }
    if d.topics.is_empty() {
        let ids: Vec<&str> = portal.topics.iter().map(|t| t.id.as_str()).collect();
        let _ = writeln!(y, "# Tidak ada topik yang disebut namanya; topik yang ada: {}.", ids.join(", "));
    } else {
        y.push_str("# Topik yang namanya disebut berita; tambahkan topik lain yang dibahasnya.\n");
        list(&mut y, "", "topics", &d.topics);
    }
    y.push_str("sources:\n");
    let s = &d.source;
    let fields: [(&str, Option<String>); 5] = [
        ("title", s.title.as_ref().map(|f| scalar(&f.value))),
        ("publisher", s.publisher.as_ref().map(|f| scalar(&f.value))),
        ("author", s.author.as_ref().map(|f| scalar(&f.value))),
        ("editor", s.editor.as_ref().map(|f| scalar(&f.value))),
        ("published", s.published.as_ref().map(|f| quoted(&f.value.to_string()))),
    ];
    let mut first = true;
    for (key, value) in fields {
        if let Some(value) = value {
            let _ = writeln!(y, "  {}{key}: {value}", if first { "- " } else { "  " });
            first = false;
        }
    }
    if first {
        let _ = writeln!(y, "  - publisher: \"{p}: nama media atau instansi\"");
    }
    let _ = writeln!(y, "  # url: https://alamat-berita (bila diketahui)");
    if !d.notes.is_empty() {
        y.push_str("notes: >-\n");
        for (i, n) in d.notes.iter().enumerate() {
            if i > 0 {
                y.push('\n');
            }
            let _ = writeln!(y, "  {n}");
        }
    }
    y.push_str("---\n");
    y.push_str(&d.body);
    y.push('\n');
    y
}

fn list(y: &mut String, indent: &str, key: &str, items: &[Found<String>]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(y, "{indent}{key}:");
    for i in items {
        check_comment(y, &format!("{indent}  "), i);
        let _ = writeln!(y, "{indent}  - {}", i.value);
    }
}

/// The id of a draft: organiser, kind and first topic, as the portal's
/// own records are named (`kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024`),
/// made unique among existing activities.
pub fn id(d: &Draft, portal: &Portal) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(o) = d.organizers.first() {
        parts.push(o.value.clone());
    }
    parts.push(d.kind.as_ref().map_or("kegiatan", |k| k.value.slug()).to_string());
    parts.push("ormas".into());
    match (d.topics.first(), &d.title) {
        (Some(t), _) => parts.push(t.value.clone()),
        (None, Some(t)) => parts.push(slugify(&t.value).split('-').take(4).collect::<Vec<_>>().join("-")),
        (None, None) => {}
    }
    let base = slugify(&parts.join("-"));
    let mut id = base.clone();
    let mut n = 2;
    while portal.activity_ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Where the draft goes: `activities/<year>/<id>.md`, the year of its date
/// (or of `today` while the date is still to be filled).
pub fn path(d: &Draft, portal: &Portal, content_dir: &Path, today: NaiveDate) -> PathBuf {
    use chrono::Datelike;
    let year = d.date.as_ref().map_or(today.year(), |f| f.value.year);
    content_dir.join("activities").join(year.to_string()).join(format!("{}.md", id(d, portal)))
}

/// Writes the record at `path`, creating its year folder; never replaces
/// an existing file.
pub fn save(path: &Path, record: &str) -> Result<(), super::ImportError> {
    use std::io::Write as _;
    let error = |source| super::ImportError::Write { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(error)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(error)?;
    file.write_all(record.as_bytes()).map_err(error)
}
