//! The list of downloads and their columns: one definition that the CSV
//! writers take their headers from and the `/data/` page describes, so the
//! published columns and their documentation cannot drift apart.

use serde::Serialize;

use crate::render::urls::Urls;

/// Output path of the `/data/` page.
pub const PAGE_PATH: &str = "data/";
/// The whole dataset as JSON.
pub const DATASET_PATH: &str = "data/dataset.json";
/// The JSON Schema of the dataset (a copy of `docs/schema/dataset.schema.json`).
pub const SCHEMA_PATH: &str = "data/dataset.schema.json";
/// The iCalendar feed of activities.
pub const CALENDAR_PATH: &str = "data/kegiatan.ics";

/// One CSV column: its stable name, the content field it comes from, and
/// what it holds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    /// Header name (stable).
    pub name: &'static str,
    /// Content field it is taken from.
    pub source: &'static str,
    /// What it holds, in Bahasa Indonesia.
    pub description: &'static str,
}

/// One CSV file.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Table {
    /// Output path.
    pub path: &'static str,
    /// Title on `/data/`.
    pub title: &'static str,
    /// What a row is.
    pub description: &'static str,
    /// Columns in file order.
    pub columns: &'static [Column],
}

const fn col(name: &'static str, source: &'static str, description: &'static str) -> Column {
    Column { name, source, description }
}

/// `data/ormas.csv`: one row per ormas.
pub const ORMAS: Table = Table {
    path: "data/ormas.csv",
    title: "Ormas",
    description: "Satu baris per ormas, urut nama.",
    columns: &[
        col("id", "nama berkas ormas/<id>.md", "Id tetap; halaman di /ormas/<id>/"),
        col("name", "name", "Nama terdaftar"),
        col("abbreviation", "abbreviation", "Singkatan"),
        col("other_names", "other_names", "Nama lain, dipisah titik koma"),
        col("status", "status", "aktif, tidak-aktif, dibekukan atau dibubarkan"),
        col("legal_form", "legal.form", "Bentuk hukum"),
        col("skt_number", "legal.skt.number", "Nomor Surat Keterangan Terdaftar"),
        col("skt_issued", "legal.skt.issued", "Tanggal terbit SKT"),
        col("skt_expires", "legal.skt.expires", "Tanggal berakhir SKT"),
        col("skt_issuer", "legal.skt.issuer", "Penerbit SKT"),
        col("ahu_number", "legal.ahu.number", "Nomor SK badan hukum (AHU)"),
        col("ahu_date", "legal.ahu.date", "Tanggal SK badan hukum"),
        col("founded", "founded", "Tanggal berdiri (sepresisi sumber)"),
        col("scope", "scope", "nasional, provinsi atau kabupaten-kota"),
        col("fields", "fields", "Bidang kegiatan, dipisah titik koma"),
        col("region_code", "region", "Kode wilayah Kemendagri"),
        col("region_name", "regions.yaml", "Nama wilayah"),
        col("address", "address", "Alamat"),
        col("website", "contacts.website", "Situs web"),
        col("email", "contacts.email", "Surel"),
        col("phone", "contacts.phone", "Telepon"),
        col("activity_count", "activities/*: participants.ormas", "Jumlah kegiatan yang menyebut ormas ini"),
        col("partnership_count", "partnerships/*: parties.ormas", "Jumlah kemitraan dan hibah"),
        col("description", "isi Markdown", "Profil tanpa format"),
        col("url", "-", "Alamat halaman"),
        col("json_url", "-", "Alamat catatan ini sebagai JSON"),
    ],
};

/// `data/kegiatan.csv`: one row per activity.
pub const ACTIVITIES: Table = Table {
    path: "data/kegiatan.csv",
    title: "Kegiatan",
    description: "Satu baris per kegiatan, terbaru lebih dulu.",
    columns: &[
        col("id", "nama berkas activities/<tahun>/<id>.md", "Id tetap; halaman di /kegiatan/<id>/"),
        col("title", "title", "Judul"),
        col("date", "date", "Tanggal sepresisi sumber: 2024, 2024-07 atau 2024-07-12"),
        col("date_precision", "date", "year, month atau day"),
        col("start", "start", "Waktu mulai (RFC 3339), bila diketahui"),
        col("end", "end", "Waktu selesai (RFC 3339), bila diketahui"),
        col("kind", "kind", "Jenis kegiatan"),
        col("region_code", "region", "Kode wilayah Kemendagri"),
        col("region_name", "regions.yaml", "Nama wilayah"),
        col("venue", "venue", "Tempat"),
        col("organizer_ids", "organizers", "Id instansi penyelenggara, dipisah titik koma"),
        col("agency_ids", "participants.agencies", "Id instansi lain yang hadir"),
        col("ormas_ids", "participants.ormas", "Id ormas yang disebut"),
        col("ormas_count", "participants.ormas_count", "Jumlah ormas yang hadir, disebut atau tidak"),
        col("attendee_count", "participants.attendees", "Jumlah peserta"),
        col("person_ids", "officials[].person", "Id tokoh yang hadir"),
        col("topic_ids", "topics", "Id topik"),
        col("partnership_id", "partnership", "Id kemitraan"),
        col("source_urls", "sources[].url", "Alamat sumber, dipisah titik koma"),
        col("summary", "isi Markdown", "Ringkasan (220 karakter pertama)"),
        col("url", "-", "Alamat halaman"),
        col("json_url", "-", "Alamat catatan ini sebagai JSON"),
    ],
};

/// `data/instansi.csv`: one row per agency.
pub const AGENCIES: Table = Table {
    path: "data/instansi.csv",
    title: "Instansi",
    description: "Satu baris per instansi pemerintah, urut nama.",
    columns: &[
        col("id", "nama berkas agencies/<id>.yaml", "Id tetap; halaman di /instansi/<id>/"),
        col("name", "name", "Nama resmi"),
        col("abbreviation", "abbreviation", "Singkatan"),
        col("kind", "kind", "Jenis instansi"),
        col("region_code", "region", "Kode wilayah Kemendagri"),
        col("region_name", "regions.yaml", "Nama wilayah"),
        col("parent_id", "parent", "Id instansi induk"),
        col("website", "website", "Situs web"),
        col("activity_count", "activities/*: organizers, participants.agencies", "Jumlah kegiatan"),
        col("url", "-", "Alamat halaman"),
        col("json_url", "-", "Alamat catatan ini sebagai JSON"),
    ],
};

/// `data/tokoh.csv`: one row per official.
pub const PEOPLE: Table = Table {
    path: "data/tokoh.csv",
    title: "Tokoh",
    description: "Satu baris per tokoh atau pejabat, urut nama.",
    columns: &[
        col("id", "nama berkas people/<id>.yaml", "Id tetap; halaman di /tokoh/<id>/"),
        col("name", "name", "Nama"),
        col("roles", "positions[].role", "Jabatan, dipisah titik koma"),
        col("agency_ids", "positions[].agency", "Id instansi tempat jabatan itu, dipisah titik koma"),
        col("activity_count", "activities/*: officials[].person", "Jumlah kegiatan"),
        col("url", "-", "Alamat halaman"),
        col("json_url", "-", "Alamat catatan ini sebagai JSON"),
    ],
};

/// `data/kemitraan.csv`: one row per partnership.
pub const PARTNERSHIPS: Table = Table {
    path: "data/kemitraan.csv",
    title: "Kemitraan dan hibah",
    description: "Satu baris per MoU, perjanjian kerja sama, hibah atau bantuan sosial.",
    columns: &[
        col("id", "nama berkas partnerships/<id>.md", "Id tetap; halaman di /kemitraan/<id>/"),
        col("title", "title", "Judul"),
        col("kind", "kind", "mou, perjanjian-kerja-sama, hibah atau bantuan-sosial"),
        col("number", "number", "Nomor dokumen"),
        col("signed", "signed", "Tanggal penandatanganan"),
        col("start", "period.start", "Mulai berlaku"),
        col("end", "period.end", "Akhir berlaku"),
        col("amount", "amount.value", "Nilai, dalam satuan mata uang (tanpa pemisah ribuan)"),
        col("currency", "amount.currency", "Kode mata uang ISO 4217"),
        col("budget_source", "budget_source", "APBD, APBN atau lainnya"),
        col("status", "status", "berlaku, selesai atau dibatalkan"),
        col("agency_ids", "parties.agencies", "Id instansi, dipisah titik koma"),
        col("ormas_ids", "parties.ormas", "Id ormas, dipisah titik koma"),
        col("activity_count", "activities/*: partnership", "Jumlah kegiatan terkait"),
        col("description", "isi Markdown", "Uraian tanpa format"),
        col("url", "-", "Alamat halaman"),
        col("json_url", "-", "Alamat catatan ini sebagai JSON"),
    ],
};

/// `data/partisipasi.csv`: one row per participation.
pub const PARTICIPATION: Table = Table {
    path: "data/partisipasi.csv",
    title: "Partisipasi",
    description: "Satu baris per keikutsertaan: kegiatan × instansi (penyelenggara atau peserta), \
                  kegiatan × ormas, dan kegiatan × pejabat.",
    columns: &[
        col("activity_id", "nama berkas kegiatan", "Id kegiatan"),
        col("activity_date", "date", "Tanggal kegiatan sepresisi sumber"),
        col("participant_type", "-", "agency, ormas atau official"),
        col(
            "participant_id",
            "organizers, participants.agencies, participants.ormas, officials[].person",
            "Id instansi, ormas atau tokoh; kosong untuk pejabat yang hanya disebut namanya",
        ),
        col("participant_name", "name / officials[].name", "Nama"),
        col(
            "role",
            "- / officials[].role",
            "organizer atau participant untuk instansi dan ormas; jabatan saat itu untuk pejabat",
        ),
    ],
};

/// Every CSV, in the order `/data/` lists them.
pub const TABLES: [&Table; 6] = [&ACTIVITIES, &ORMAS, &AGENCIES, &PEOPLE, &PARTNERSHIPS, &PARTICIPATION];

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
    pub columns: &'static [Column],
}

/// The downloads the `/data/` page lists, with their links.
pub fn downloads(urls: &Urls) -> Vec<DownloadView> {
    let file = |title, path: &str, format, description| DownloadView {
        title,
        url: urls.link(path),
        linkable: true,
        format,
        description,
        columns: &[],
    };
    let pattern = |title, path: &str, format, description| DownloadView {
        title,
        url: urls.link(path),
        linkable: false,
        format,
        description,
        columns: &[],
    };
    let mut out = vec![
        file(
            "Seluruh data (JSON)",
            DATASET_PATH,
            "JSON",
            "Semua catatan dalam satu berkas: organizations (ormas dan instansi), persons dengan memberships \
             (jabatan), areas (wilayah), topics, events (kegiatan, dengan organizers dan attendees) mengikuti \
             standar Popolo; grants (hibah dan bantuan sosial) mengikuti bentuk 360Giving; agreements (MoU dan \
             perjanjian kerja sama).",
        ),
        file("Skema JSON", SCHEMA_PATH, "JSON Schema", "Skema (JSON Schema 2020-12) yang dipatuhi berkas data JSON."),
    ];
    out.extend(TABLES.iter().map(|t| DownloadView {
        title: t.title,
        url: urls.link(t.path),
        linkable: true,
        format: "CSV",
        description: t.description,
        columns: t.columns,
    }));
    out.extend([
        pattern(
            "Satu catatan sebagai JSON",
            "kegiatan/<id>.json",
            "JSON",
            "Setiap kegiatan, ormas, instansi, tokoh dan kemitraan juga tersedia sebagai JSON di samping halamannya \
             (/kegiatan/<id>.json, /ormas/<id>.json, /instansi/<id>.json, /tokoh/<id>.json, /kemitraan/<id>.json), \
             dengan bentuk yang sama seperti di berkas data lengkap.",
        ),
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
            "Setiap halaman ormas, instansi, wilayah dan topik punya umpan Atom sendiri berisi 50 kegiatan \
             terbarunya (/ormas/<id>/feed.xml, /instansi/<id>/feed.xml, /wilayah/<kode>/feed.xml, \
             /topik/<id>/feed.xml), ditautkan dari halamannya.",
        ),
    ]);
    out
}
