//! The published open-data files and the columns of each CSV: one
//! declaration per column (header, the content field it comes from, what
//! it holds, and how its value is read from the resolved site), which the
//! CSV writer, the `/data/` page and the JSON-LD `Dataset` all read, so the
//! published columns and their documentation cannot drift apart.

use serde::Serialize;

use crate::address::Urls;
use crate::model::{Contacts, PartialDate, Source};
use crate::site::participation::Participation;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, Site};

/// Output path of the `/data/` page.
pub const PAGE_PATH: &str = "data/";
/// The dataset's main file (every record but the activities), gzipped JSON.
pub const DATASET_PATH: &str = "data/dataset.json.gz";

/// The dataset's file of one year's activities, gzipped JSON.
pub fn dataset_year_path(year: i32) -> String {
    format!("data/dataset-{year}.json.gz")
}
/// The JSON Schema of the dataset (a copy of `docs/schema/dataset.schema.json`).
pub const SCHEMA_PATH: &str = "data/dataset.schema.json";
/// The iCalendar feed of activities.
pub const CALENDAR_PATH: &str = "data/kegiatan.ics";

/// Separator inside a cell that holds several values.
pub const LIST_SEP: &str = ";";

/// What a cell's value is read from: the site and its addresses.
#[derive(Clone, Copy)]
pub struct Cells<'a> {
    /// The resolved site.
    pub site: &'a Site,
    /// Its addresses.
    pub urls: &'a Urls,
}

/// One CSV column of rows of `R` (a record position, or a participation).
pub struct Column<R> {
    /// Header name (stable: a published contract).
    pub name: &'static str,
    /// Content field it is taken from.
    pub source: &'static str,
    /// What it holds, in Bahasa Indonesia.
    pub description: &'static str,
    /// Its value in the row of `R`.
    pub value: fn(&Cells<'_>, R) -> String,
}

/// One CSV file of rows of `R`.
pub struct Table<R: 'static> {
    /// Output path.
    pub path: &'static str,
    /// Title on `/data/`.
    pub title: &'static str,
    /// What a row is.
    pub description: &'static str,
    /// Columns in file order.
    pub columns: &'static [Column<R>],
    /// Whether the table is one file per year of its activities' `date`
    /// ([`yearly_path`]), as the activities and participations are: whole,
    /// they grow past what static hosts take in one file (Cloudflare Pages:
    /// 25 MiB, reached at about 30,000 activities) and what a spreadsheet
    /// opens (1,048,576 rows).
    pub yearly: bool,
}

/// The activities of each year (of their `date`), newest year first, each
/// in the site's order: the dataset's and the yearly tables' files.
pub fn activities_by_year(site: &Site) -> Vec<(i32, Vec<ActivityIx>)> {
    let mut years: std::collections::BTreeMap<i32, Vec<ActivityIx>> = std::collections::BTreeMap::new();
    for e in site.activities.keys() {
        years.entry(site.activities[e].meta.date.year).or_default().push(e);
    }
    years.into_iter().rev().collect()
}

/// The file of one year of a yearly table: `data/kegiatan.csv` gives
/// `data/kegiatan-2024.csv` (or, with `<tahun>`, the address pattern).
pub fn yearly_path(path: &str, year: impl std::fmt::Display) -> String {
    match path.strip_suffix(".csv") {
        Some(stem) => format!("{stem}-{year}.csv"),
        None => format!("{path}-{year}"),
    }
}

/// A column as `/data/` documents it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ColumnDoc {
    /// Header name.
    pub name: &'static str,
    /// Content field it is taken from.
    pub source: &'static str,
    /// What it holds.
    pub description: &'static str,
}

impl<R> Table<R> {
    /// The header row.
    pub fn header(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.to_string()).collect()
    }

    /// One row's cells, in column order.
    pub fn row(&self, cells: &Cells<'_>, item: R) -> Vec<String>
    where
        R: Copy,
    {
        self.columns.iter().map(|c| (c.value)(cells, item)).collect()
    }

    /// Title, path, description and column docs, for `/data/` and the
    /// `Dataset` JSON-LD.
    pub fn doc(&self) -> TableDoc {
        TableDoc {
            path: self.path,
            title: self.title,
            description: self.description,
            columns: self
                .columns
                .iter()
                .map(|c| ColumnDoc { name: c.name, source: c.source, description: c.description })
                .collect(),
            yearly: self.yearly,
        }
    }
}

/// A CSV as `/data/` and the `Dataset` JSON-LD describe it.
#[derive(Debug, Clone)]
pub struct TableDoc {
    /// Output path.
    pub path: &'static str,
    /// Title.
    pub title: &'static str,
    /// What a row is.
    pub description: &'static str,
    /// Its columns.
    pub columns: Vec<ColumnDoc>,
    /// One file per year ([`yearly_path`]).
    pub yearly: bool,
}

const fn col<R>(
    name: &'static str,
    source: &'static str,
    description: &'static str,
    value: fn(&Cells<'_>, R) -> String,
) -> Column<R> {
    Column { name, source, description, value }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn date(d: Option<PartialDate>) -> String {
    opt(d)
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(LIST_SEP)
}

fn ids(items: &[impl AsRef<str>]) -> String {
    list(items.iter().map(AsRef::as_ref))
}

fn source_urls(sources: &[Source]) -> String {
    list(sources.iter().filter_map(|s| s.url.as_deref()))
}

/// The value an enumeration has in the content files (`pemerintah-daerah`),
/// so data outputs use the same words staff write.
pub fn slug<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn contact(c: &Cells<'_>, o: OrmasIx, field: fn(&Contacts) -> Option<&String>) -> String {
    c.site.ormas[o].meta.contacts.as_ref().and_then(field).cloned().unwrap_or_default()
}

/// `data/ormas.csv`: one row per ormas.
pub const ORMAS: Table<OrmasIx> = Table {
    path: "data/ormas.csv",
    title: "Ormas",
    description: "Satu baris per ormas, urut nama.",
    yearly: false,
    columns: &[
        col("id", "nama berkas ormas/<id>.md", "Id tetap; halaman di /ormas/<id>/", |c, o| {
            c.site.ormas[o].id.to_string()
        }),
        col("name", "name", "Nama terdaftar", |c, o| c.site.ormas[o].meta.name.clone()),
        col("abbreviation", "abbreviation", "Singkatan", |c, o| opt(c.site.ormas[o].meta.abbreviation.as_ref())),
        col("other_names", "other_names", "Nama lain, dipisah titik koma", |c, o| {
            ids(&c.site.ormas[o].meta.other_names)
        }),
        col("status", "status", "aktif, tidak-aktif, dibekukan atau dibubarkan", |c, o| {
            slug(&c.site.ormas[o].meta.status)
        }),
        col("legal_form", "legal.form", "Bentuk hukum", |c, o| {
            opt(c.site.ormas[o].meta.legal.as_ref().and_then(|l| l.form).map(|f| slug(&f)))
        }),
        col("skt_number", "legal.skt.number", "Nomor Surat Keterangan Terdaftar", |c, o| {
            opt(skt(c, o).and_then(|s| s.number.as_ref()))
        }),
        col("skt_issued", "legal.skt.issued", "Tanggal terbit SKT", |c, o| date(skt(c, o).and_then(|s| s.issued))),
        col("skt_expires", "legal.skt.expires", "Tanggal berakhir SKT", |c, o| date(skt(c, o).and_then(|s| s.expires))),
        col("skt_issuer", "legal.skt.issuer", "Penerbit SKT", |c, o| opt(skt(c, o).and_then(|s| s.issuer.as_ref()))),
        col("ahu_number", "legal.ahu.number", "Nomor SK badan hukum (AHU)", |c, o| {
            opt(ahu(c, o).and_then(|a| a.number.as_ref()))
        }),
        col("ahu_date", "legal.ahu.date", "Tanggal SK badan hukum", |c, o| date(ahu(c, o).and_then(|a| a.date))),
        col("founded", "founded", "Tanggal berdiri (sepresisi sumber)", |c, o| date(c.site.ormas[o].meta.founded)),
        col("scope", "scope", "nasional, provinsi atau kabupaten-kota", |c, o| {
            opt(c.site.ormas[o].meta.scope.map(|s| slug(&s)))
        }),
        col("fields", "fields", "Bidang kegiatan, dipisah titik koma", |c, o| ids(&c.site.ormas[o].meta.fields)),
        col("region_code", "region", "Kode wilayah Kemendagri", |c, o| c.site.ormas[o].meta.region.to_string()),
        col("region_name", "regions.yaml", "Nama wilayah", |c, o| {
            c.site.regions[c.site.refs.ormas_region[o]].name.clone()
        }),
        col("address", "address", "Alamat", |c, o| opt(c.site.ormas[o].meta.address.as_ref())),
        col("website", "contacts.website", "Situs web", |c, o| contact(c, o, |x| x.website.as_ref())),
        col("email", "contacts.email", "Surel", |c, o| contact(c, o, |x| x.email.as_ref())),
        col("phone", "contacts.phone", "Telepon", |c, o| contact(c, o, |x| x.phone.as_ref())),
        col("activity_count", "activities/*: participants.ormas", "Jumlah kegiatan yang menyebut ormas ini", |c, o| {
            c.site.links.activities_by_ormas[o].len().to_string()
        }),
        col("partnership_count", "partnerships/*: parties.ormas", "Jumlah kemitraan dan hibah", |c, o| {
            c.site.links.partnerships_by_ormas[o].len().to_string()
        }),
        col("description", "isi Markdown", "Profil tanpa format", |c, o| {
            crate::text::plain_text(&c.site.ormas[o].body())
        }),
        col("url", "-", "Alamat halaman", |c, o| c.urls.absolute_of(c.site, o)),
        col("json_url", "-", "Alamat catatan ini sebagai JSON", |c, o| opt(c.urls.json_of(c.site, o))),
    ],
};

fn skt<'a>(c: &Cells<'a>, o: OrmasIx) -> Option<&'a crate::model::Skt> {
    c.site.ormas[o].meta.legal.as_ref().and_then(|l| l.skt.as_ref())
}

fn ahu<'a>(c: &Cells<'a>, o: OrmasIx) -> Option<&'a crate::model::Ahu> {
    c.site.ormas[o].meta.legal.as_ref().and_then(|l| l.ahu.as_ref())
}

/// `data/kegiatan.csv`: one row per activity.
pub const ACTIVITIES: Table<ActivityIx> = Table {
    path: "data/kegiatan.csv",
    title: "Kegiatan",
    description: "Satu berkas per tahun (/data/kegiatan-2024.csv, ...), satu baris per kegiatan, terbaru lebih dulu.",
    yearly: true,
    columns: &[
        col("id", "nama berkas activities/<tahun>/<id>.md", "Id tetap; halaman di /kegiatan/<id>/", |c, a| {
            c.site.activities[a].id.to_string()
        }),
        col("title", "title", "Judul", |c, a| c.site.activities[a].meta.title.to_string()),
        col("date", "date", "Tanggal sepresisi sumber: 2024, 2024-07 atau 2024-07-12", |c, a| {
            c.site.activities[a].meta.date.to_string()
        }),
        col("date_precision", "date", "year, month atau day", |c, a| slug(&c.site.activities[a].meta.date.precision())),
        col("start", "start", "Waktu mulai (RFC 3339), bila diketahui", |c, a| {
            opt(c.site.activities[a].meta.start.map(|t| t.to_rfc3339()))
        }),
        col("end", "end", "Waktu selesai (RFC 3339), bila diketahui", |c, a| {
            opt(c.site.activities[a].meta.end.map(|t| t.to_rfc3339()))
        }),
        col("kind", "kind", "Jenis kegiatan", |c, a| c.site.activities[a].meta.kind.slug().to_string()),
        col("region_code", "region", "Kode wilayah Kemendagri", |c, a| c.site.activities[a].meta.region.to_string()),
        col("region_name", "regions.yaml", "Nama wilayah", |c, a| {
            c.site.regions[c.site.refs.activities[a].region].name.clone()
        }),
        col("venue", "venue", "Tempat", |c, a| opt(c.site.activities[a].meta.venue.as_ref())),
        col("organizer_ids", "organizers", "Id instansi penyelenggara, dipisah titik koma", |c, a| {
            ids(&c.site.activities[a].meta.organizers)
        }),
        col("agency_ids", "participants.agencies", "Id instansi lain yang hadir", |c, a| {
            ids(&c.site.activities[a].meta.participants.agencies)
        }),
        col("ormas_ids", "participants.ormas", "Id ormas yang disebut", |c, a| {
            ids(&c.site.activities[a].meta.participants.ormas)
        }),
        col("ormas_count", "participants.ormas_count", "Jumlah ormas yang hadir, disebut atau tidak", |c, a| {
            opt(c.site.activities[a].meta.participants.ormas_count)
        }),
        col("attendee_count", "participants.attendees", "Jumlah peserta", |c, a| {
            opt(c.site.activities[a].meta.participants.attendees)
        }),
        col("person_ids", "officials[].person", "Id tokoh yang hadir", |c, a| {
            list(c.site.activities[a].meta.officials.iter().filter_map(|o| o.person.as_deref()))
        }),
        col("topic_ids", "topics", "Id topik", |c, a| ids(&c.site.activities[a].meta.topics)),
        col("partnership_id", "partnership", "Id kemitraan", |c, a| {
            opt(c.site.activities[a].meta.partnership.as_ref())
        }),
        col("source_urls", "sources[].url", "Alamat sumber, dipisah titik koma", |c, a| {
            source_urls(&c.site.activities[a].meta.sources)
        }),
        col("summary", "isi Markdown", "Ringkasan (220 karakter pertama)", |c, a| {
            c.site.activities[a].summary().to_string()
        }),
        col("url", "-", "Alamat halaman", |c, a| c.urls.absolute_of(c.site, a)),
        col("json_url", "-", "Alamat catatan ini sebagai JSON", |c, a| opt(c.urls.json_of(c.site, a))),
    ],
};

/// `data/instansi.csv`: one row per agency.
pub const AGENCIES: Table<AgencyIx> = Table {
    path: "data/instansi.csv",
    title: "Instansi",
    description: "Satu baris per instansi pemerintah, urut nama.",
    yearly: false,
    columns: &[
        col("id", "nama berkas agencies/<id>.yaml", "Id tetap; halaman di /instansi/<id>/", |c, g| {
            c.site.agencies[g].id.to_string()
        }),
        col("name", "name", "Nama resmi", |c, g| c.site.agencies[g].meta.name.clone()),
        col("abbreviation", "abbreviation", "Singkatan", |c, g| opt(c.site.agencies[g].meta.abbreviation.as_ref())),
        col("kind", "kind", "Jenis instansi", |c, g| slug(&c.site.agencies[g].meta.kind)),
        col("region_code", "region", "Kode wilayah Kemendagri", |c, g| c.site.agencies[g].meta.region.to_string()),
        col("region_name", "regions.yaml", "Nama wilayah", |c, g| {
            c.site.regions[c.site.refs.agency_region[g]].name.clone()
        }),
        col("parent_id", "parent", "Id instansi induk", |c, g| opt(c.site.agencies[g].meta.parent.as_ref())),
        col("website", "website", "Situs web", |c, g| opt(c.site.agencies[g].meta.website.as_ref())),
        col("activity_count", "activities/*: organizers, participants.agencies", "Jumlah kegiatan", |c, g| {
            c.site.links.activities_by_agency[g].len().to_string()
        }),
        col("url", "-", "Alamat halaman", |c, g| c.urls.absolute_of(c.site, g)),
        col("json_url", "-", "Alamat catatan ini sebagai JSON", |c, g| opt(c.urls.json_of(c.site, g))),
    ],
};

/// `data/tokoh.csv`: one row per official.
pub const PEOPLE: Table<PersonIx> = Table {
    path: "data/tokoh.csv",
    title: "Tokoh",
    description: "Satu baris per tokoh atau pejabat, urut nama.",
    yearly: false,
    columns: &[
        col("id", "nama berkas people/<id>.yaml", "Id tetap; halaman di /tokoh/<id>/", |c, p| {
            c.site.people[p].id.to_string()
        }),
        col("name", "name", "Nama", |c, p| c.site.people[p].meta.name.clone()),
        col("roles", "positions[].role", "Jabatan, dipisah titik koma", |c, p| {
            list(c.site.people[p].meta.positions.iter().map(|p| p.role.as_str()))
        }),
        col("agency_ids", "positions[].agency", "Id instansi tempat jabatan itu, dipisah titik koma", |c, p| {
            list(c.site.people[p].meta.positions.iter().filter_map(|p| p.agency.as_deref()))
        }),
        col("activity_count", "activities/*: officials[].person", "Jumlah kegiatan", |c, p| {
            c.site.links.activities_by_person[p].len().to_string()
        }),
        col("url", "-", "Alamat halaman", |c, p| c.urls.absolute_of(c.site, p)),
        col("json_url", "-", "Alamat catatan ini sebagai JSON", |c, p| opt(c.urls.json_of(c.site, p))),
    ],
};

/// `data/kemitraan.csv`: one row per partnership.
pub const PARTNERSHIPS: Table<PartnershipIx> = Table {
    path: "data/kemitraan.csv",
    title: "Kemitraan dan hibah",
    description: "Satu baris per MoU, perjanjian kerja sama, hibah atau bantuan sosial.",
    yearly: false,
    columns: &[
        col("id", "nama berkas partnerships/<id>.md", "Id tetap; halaman di /kemitraan/<id>/", |c, p| {
            c.site.partnerships[p].id.to_string()
        }),
        col("title", "title", "Judul", |c, p| c.site.partnerships[p].meta.title.clone()),
        col("kind", "kind", "mou, perjanjian-kerja-sama, hibah atau bantuan-sosial", |c, p| {
            slug(&c.site.partnerships[p].meta.kind)
        }),
        col("number", "number", "Nomor dokumen", |c, p| opt(c.site.partnerships[p].meta.number.as_ref())),
        col("signed", "signed", "Tanggal penandatanganan", |c, p| date(c.site.partnerships[p].meta.signed)),
        col("start", "period.start", "Mulai berlaku", |c, p| {
            date(c.site.partnerships[p].meta.period.as_ref().and_then(|p| p.start))
        }),
        col("end", "period.end", "Akhir berlaku", |c, p| {
            date(c.site.partnerships[p].meta.period.as_ref().and_then(|p| p.end))
        }),
        col("amount", "amount.value", "Nilai, dalam satuan mata uang (tanpa pemisah ribuan)", |c, p| {
            opt(c.site.partnerships[p].meta.amount.as_ref().map(|a| a.value))
        }),
        col("currency", "amount.currency", "Kode mata uang ISO 4217", |c, p| {
            opt(c.site.partnerships[p].meta.amount.as_ref().map(|a| &a.currency))
        }),
        col("budget_source", "budget_source", "APBD, APBN atau lainnya", |c, p| {
            opt(c.site.partnerships[p].meta.budget_source.map(|b| slug(&b)))
        }),
        col("status", "status", "berlaku, selesai atau dibatalkan", |c, p| {
            opt(c.site.partnerships[p].meta.status.map(|s| slug(&s)))
        }),
        col("agency_ids", "parties.agencies", "Id instansi, dipisah titik koma", |c, p| {
            ids(&c.site.partnerships[p].meta.parties.agencies)
        }),
        col("ormas_ids", "parties.ormas", "Id ormas, dipisah titik koma", |c, p| {
            ids(&c.site.partnerships[p].meta.parties.ormas)
        }),
        col("activity_count", "activities/*: partnership", "Jumlah kegiatan terkait", |c, p| {
            c.site.links.activities_by_partnership[p].len().to_string()
        }),
        col("description", "isi Markdown", "Uraian tanpa format", |c, p| {
            crate::text::plain_text(&c.site.partnerships[p].body())
        }),
        col("url", "-", "Alamat halaman", |c, p| c.urls.absolute_of(c.site, p)),
        col("json_url", "-", "Alamat catatan ini sebagai JSON", |c, p| opt(c.urls.json_of(c.site, p))),
    ],
};

/// `data/partisipasi.csv`: one row per participation.
pub const PARTICIPATION: Table<Participation> = Table {
    path: "data/partisipasi.csv",
    title: "Partisipasi",
    description: "Satu berkas per tahun kegiatan (/data/partisipasi-2024.csv, ...), satu baris per \
                  keikutsertaan: kegiatan × instansi (penyelenggara atau peserta), kegiatan × ormas, dan \
                  kegiatan × pejabat.",
    yearly: true,
    columns: &[
        col("activity_id", "nama berkas kegiatan", "Id kegiatan", |c, p| c.site.activities[p.activity].id.to_string()),
        col("activity_date", "date", "Tanggal kegiatan sepresisi sumber", |c, p| {
            c.site.activities[p.activity].meta.date.to_string()
        }),
        col("participant_type", "-", "agency, ormas atau official", |_, p| p.kind().slug().to_string()),
        col(
            "participant_id",
            "organizers, participants.agencies, participants.ormas, officials[].person",
            "Id instansi, ormas atau tokoh; kosong untuk pejabat yang hanya disebut namanya",
            |c, p| p.id(c.site).unwrap_or("").to_string(),
        ),
        col("participant_name", "name / officials[].name", "Nama", |c, p| p.name(c.site).to_string()),
        col(
            "role",
            "- / officials[].role",
            "organizer atau participant untuk instansi dan ormas; jabatan saat itu untuk pejabat",
            |c, p| p.role(c.site).to_string(),
        ),
    ],
};

/// Every CSV, in the order `/data/` lists them.
pub fn tables() -> [TableDoc; 6] {
    [ACTIVITIES.doc(), ORMAS.doc(), AGENCIES.doc(), PEOPLE.doc(), PARTNERSHIPS.doc(), PARTICIPATION.doc()]
}

/// A download as the `/data/` page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadView {
    /// Title.
    pub title: &'static str,
    /// Link (root-relative), or an address pattern for per-record files.
    pub url: String,
    /// Whether `url` is a real link rather than a pattern.
    pub linkable: bool,
    /// Format label.
    pub format: &'static str,
    /// What it holds.
    pub description: &'static str,
    /// Columns, for CSVs.
    pub columns: Vec<ColumnDoc>,
    /// One file per year: `url` names the whole table, the page links each
    /// year's file ([`yearly_path`]).
    pub yearly: bool,
}

/// The downloads the `/data/` page lists, with their links.
pub fn downloads(urls: &Urls, record_json: bool) -> Vec<DownloadView> {
    let file = |title, path: &str, format, description| DownloadView {
        title,
        url: urls.link(path),
        linkable: true,
        format,
        description,
        columns: vec![],
        yearly: false,
    };
    let pattern = |title, path: &str, format, description| DownloadView {
        title,
        url: urls.link(path),
        linkable: false,
        format,
        description,
        columns: vec![],
        yearly: false,
    };
    let mut out = vec![
        file(
            "Seluruh data (JSON, gzip)",
            DATASET_PATH,
            "JSON (gzip)",
            "Semua catatan kecuali kegiatan: organizations (ormas dan instansi), persons dengan memberships \
             (jabatan), areas (wilayah) dan topics mengikuti standar Popolo; grants (hibah dan bantuan sosial) \
             mengikuti bentuk 360Giving; agreements (MoU dan perjanjian kerja sama). meta.event_files menautkan \
             berkas kegiatan per tahun. Buka dengan gunzip, 7-Zip, atau langsung dari Python (gzip.open) dan R \
             (jsonlite::fromJSON(gzcon(url(...)))).",
        ),
        pattern(
            "Kegiatan per tahun (JSON, gzip)",
            "data/dataset-<tahun>.json.gz",
            "JSON (gzip)",
            "Satu berkas per tahun (/data/dataset-2024.json.gz, ...): events (kegiatan, dengan organizers, \
             attending_organizations dan attendees) mengikuti standar Popolo, terbaru dulu. Daftarnya ada di \
             meta.event_files berkas utama.",
        ),
        file("Skema JSON", SCHEMA_PATH, "JSON Schema", "Skema (JSON Schema 2020-12) yang dipatuhi berkas data JSON."),
        // Not linked: the file exists only when a grant is complete.
        pattern(
            "Hibah dalam standar 360Giving",
            crate::site::giving::PACKAGE_PATH,
            "JSON (360Giving 1.4)",
            "Hibah dan bantuan sosial sebagai paket data 360Giving, standar terbuka untuk data hibah. Hanya \
             hibah yang lengkap (tanggal penandatanganan sampai hari, nilai, penerima dan pemberi) yang dimuat; \
             berkas ini ada bila setidaknya satu hibah lengkap.",
        ),
    ];
    out.extend(tables().into_iter().map(|t| DownloadView {
        title: t.title,
        url: urls.link(t.path),
        linkable: true,
        format: "CSV",
        description: t.description,
        columns: t.columns,
        yearly: t.yearly,
    }));
    out.extend([]);
    if record_json {
        out.push(pattern(
            "Satu catatan sebagai JSON",
            "kegiatan/<id>.json",
            "JSON",
            "Setiap kegiatan, ormas, instansi, tokoh dan kemitraan juga tersedia sebagai JSON di samping halamannya \
             (/kegiatan/<id>.json, /ormas/<id>.json, /instansi/<id>.json, /tokoh/<id>.json, /kemitraan/<id>.json), \
             dengan bentuk yang sama seperti di berkas data lengkap.",
        ));
    }
    out.extend([
        file(
            "Kalender kegiatan",
            CALENDAR_PATH,
            "iCalendar",
            "Kegiatan yang tanggalnya lengkap (hari diketahui), untuk aplikasi kalender. Kegiatan yang hanya \
             diketahui bulan atau tahunnya tidak dimasukkan, agar tidak ada tanggal yang dikarang.",
        ),
        file("Umpan kegiatan terbaru", "feed.xml", "Atom", "50 kegiatan terbaru."),
        pattern(
            "Umpan per ormas, instansi, wilayah dan topik",
            "ormas/<id>/feed.xml",
            "Atom",
            "Setiap halaman ormas, instansi, wilayah dan topik punya umpan Atom sendiri berisi 20 kegiatan \
             terbarunya (/ormas/<id>/feed.xml, /instansi/<id>/feed.xml, /wilayah/<kode>/feed.xml, \
             /topik/<id>/feed.xml), ditautkan dari halamannya.",
        ),
    ]);
    out
}
