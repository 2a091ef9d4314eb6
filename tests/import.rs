//! `terbuka import` on texts written for these tests (not the seeds),
//! against the small portal of tests/fixtures/site: each date form and a
//! weekday conflict, each byline form, each kind of page furniture, names
//! with an abbreviation spelled out in the middle, count phrases, and the
//! command itself (file, `-`, `--stdout`).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{copy_dir, fixture};
use terbuka::import::furniture::Furniture;
use terbuka::import::{self, Draft, Portal};
use terbuka::model::{ActivityKind, PartialDate};

fn portal() -> Portal {
    Portal::load(&fixture("site")).unwrap()
}

fn draft(text: &str) -> Draft {
    import::draft(text, &portal()).unwrap()
}

fn date(s: &str) -> Option<PartialDate> {
    Some(PartialDate::parse(s).unwrap())
}

const LEAD: &str = "Pemerintah Kota (Pemkot) Tangerang menggelar sosialisasi bersama ormas di Aula Gedung Pusat Pemerintahan, Kota Tangerang";

fn with_date(date_words: &str) -> String {
    format!(
        "Judul Berita Uji Coba Untuk Tanggal\n\n{LEAD}, {date_words}.\n\nKegiatan ini membahas persiapan Pilkada 2024 bersama masyarakat setempat.\n"
    )
}

#[test]
fn date_forms() {
    // Day and month in parentheses, the year from the publication line.
    let d = draft(&format!("Kamis, 11 Juli 2024 Reporter: Uji Penulis\n\n{}", with_date("Kamis (11/7)")));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-07-11"));
    // With the year, and Jum'at spelled with an apostrophe.
    let d = draft(&with_date("Jum'at (12/7/2024)"));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-07-12"));
    assert!(d.notes[0].contains("12 Juli 2024 memang hari Jumat"), "{:?}", d.notes);
    let d = draft(&with_date("Selasa (15/10/2024)"));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-10-15"));
    // In words, with and without a weekday.
    let d = draft(&with_date("pada 12 Juli 2024"));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-07-12"));
    let d = draft(&with_date("Jumat, 12 Juli 2024"));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-07-12"));
    // A weekday alone: only the year, from the copyright line.
    let d = draft(&format!("{}\nCopyright © Uji Media 2023\n", with_date("Selasa")));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2023"));
    assert!(d.notes[0].starts_with("Berita hanya menyebut hari \"Selasa\""), "{:?}", d.notes);
}

#[test]
fn weekday_conflicts_keep_only_the_month() {
    let d = draft(&format!("Kamis, 11 Juli 2024 Reporter: Uji Penulis\n\n{}", with_date("Kamis (10/7)")));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-07"));
    assert_eq!(
        d.notes[0],
        "Sumber menulis \"Kamis (10/7)\" tanpa tahun; tahunnya diambil dari tanggal terbit (2024-07-11), padahal 10 Juli 2024 jatuh pada hari Rabu, bukan Kamis; karena tidak jelas tanggal mana yang benar, hanya bulan yang dicatat."
    );
    // The year only implied by the text, and the weekday wrong for it.
    let d = draft(&with_date("Kamis (8/7)"));
    assert_eq!(d.date.as_ref().map(|f| f.value), date("2024-07"));
    let f = d.date.as_ref().unwrap();
    assert_eq!(f.check.as_deref(), Some("the year 2024 is inferred from \"persiapan Pilkada 2024\""));
    // No year anywhere: the date is left for staff.
    let text = "Judul Berita Tanpa Tahun Sama Sekali\n\nPemkot Tangerang menggelar sosialisasi di Aula Kantor Wali Kota, Kamis (8/7).\n";
    let d = draft(text);
    assert!(d.date.is_none());
    assert!(d.left.iter().any(|(f, _)| *f == "date"));
}

#[test]
fn byline_forms() {
    let antara = "Tangerang (ANTARA) - Pemkot Tangerang menggelar sosialisasi pilkada bersama ormas di Aula Kantor Wali Kota, Selasa (15/10/2024).\n\nPewarta: Budi Santoso\nEditor: Siti Aminah\nCopyright © ANTARA 2024\n";
    let d = draft(antara);
    let s = &d.source;
    assert_eq!(s.publisher.as_ref().unwrap().value, "ANTARA");
    assert_eq!(s.author.as_ref().unwrap().value, "Budi Santoso");
    assert_eq!(s.editor.as_ref().unwrap().value, "Siti Aminah");
    assert_eq!(s.published.as_ref().map(|f| f.value), date("2024"));

    let reporter =
        format!("Kamis, 11 Juli 2024 Reporter: Dewi Lestari Editor: Andi Wijaya 1520\n\n{}", with_date("Kamis (11/7)"));
    let d = draft(&reporter);
    assert_eq!(d.source.author.as_ref().unwrap().value, "Dewi Lestari");
    assert_eq!(d.source.editor.as_ref().unwrap().value, "Andi Wijaya");
    assert_eq!(d.source.published.as_ref().map(|f| f.value), date("2024-07-11"));

    let penulis = format!("{}\nPenulis: Rina Kurnia\n", with_date("Kamis (11/7/2024)"));
    assert_eq!(draft(&penulis).source.author.as_ref().unwrap().value, "Rina Kurnia");

    let domain = "Berita Uji Dengan Nama Media Di Depan\n\nSuasana sosialisasi di aula.-Rudi Hartono/ Kabar Tangerang-\n\nKABARTANGERANG.ID – Pemkot Tangerang menggelar sosialisasi pilkada bersama ormas di Aula Kantor Wali Kota, Selasa (15/10/2024).\n";
    let d = draft(domain);
    assert_eq!(d.source.publisher.as_ref().unwrap().value, "Kabar Tangerang");
    // The photographer is not the author.
    assert!(d.source.author.is_none());
    assert!(
        d.notes.iter().any(|n| n.contains("\"Rudi Hartono/ Kabar Tangerang\", yang merupakan kredit foto")),
        "{:?}",
        d.notes
    );

    let city = "Tangerang, beritauji.co – Pemkot Tangerang menggelar sosialisasi pilkada bersama ormas di Aula Kantor Wali Kota, Selasa (15/10/2024).\n";
    assert_eq!(draft(city).source.publisher.as_ref().unwrap().value, "beritauji.co");
}

#[test]
fn each_kind_of_furniture_is_left_out() {
    let text = "\
Kota Tangerang
Pemkot Tangerang Ajak Ormas Sukseskan Pilkada 2024

(Foto: Humas Pemkot Tangerang)
Dibaca 1.204 kali

Pemkot Tangerang menggelar sosialisasi pilkada bersama ormas di Aula Kantor Wali Kota, Selasa (15/10/2024).
Baca juga: Wali Kota resmikan taman baru di Cipondoh
Kegiatan ini diikuti oleh 40 peserta dari 12 ormas se-Kota Tangerang yang hadir sejak pagi.
Bagikan:
Facebook
-
Tangerang3 hari ago
Warga Tangerang Antusias Sambut Festival Budaya
BERITA TERKAIT
Ormas Tangerang Gelar Bakti Sosial
Senin, 14 Oktober 2024 2301
BERITA POPULER
Jalan Baru Dibuka di Ciledug
Penulis: Rina Kurnia
Copyright © Kabar Tangerang 2024
";
    let d = draft(text);
    assert_eq!(
        d.body,
        "Pemkot Tangerang menggelar sosialisasi pilkada bersama ormas di Aula Kantor Wali Kota, Selasa (15/10/2024).\n\nKegiatan ini diikuti oleh 40 peserta dari 12 ormas se-Kota Tangerang yang hadir sejak pagi."
    );
    assert_eq!(d.title.as_ref().unwrap().value, "Pemkot Tangerang Ajak Ormas Sukseskan Pilkada 2024");
    let kinds: Vec<Furniture> = d.removed.iter().map(|(k, _)| *k).collect();
    for k in [
        Furniture::Category,
        Furniture::PhotoCredit,
        Furniture::ViewCounter,
        Furniture::ReadAlso,
        Furniture::Share,
        Furniture::TimeAgoList,
        Furniture::RelatedList,
        Furniture::Byline,
        Furniture::Copyright,
    ] {
        assert!(kinds.contains(&k), "{k:?} not removed: {:?}", d.removed);
    }
    // Names in the related lists are not participants.
    assert!(d.ormas.is_empty());
}

#[test]
fn interleaved_abbreviations_name_records() {
    let text = "Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar sosialisasi yang dihadiri Badan Kesatuan Bangsa dan Politik (Kesbangpol) Kota Tangerang di Aula Kantor KPU, Jumat (12/7/2024).\n\nKetua Badan Musyawarah Suku Betawi (Bamus Betawi) 1982 turut hadir bersama Forum Pemuda Tangerang.\n";
    let d = draft(text);
    let ids = |l: &[import::Found<String>]| l.iter().map(|f| f.value.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.organizers), ["kpu-kota-tangerang"]);
    assert_eq!(ids(&d.agencies), ["kesbangpol-kota-tangerang"]);
    assert_eq!(ids(&d.ormas), ["bamus-betawi-1982", "forum-pemuda-tangerang"]);
    assert_eq!(d.kind.as_ref().map(|f| f.value), Some(ActivityKind::Sosialisasi));
    assert_eq!(d.region.as_ref().map(|f| f.value.to_string()).as_deref(), Some("36.71"));
}

#[test]
fn officials_with_and_without_records() {
    let text = "KPU Kota Tangerang menggelar sosialisasi di Aula Kantor KPU, Jumat (12/7/2024). Ketua KPU Kota Tangerang Qori Ayatullah membuka acara.\n\nKPU menghadirkan pemateri Budi Santoso yang membahas peran ormas, serta Siti Aminah yang mengulas partisipasi pemilih.\n\nSalah satu perwakilan ormas di Kota Tangerang, Joko Susilo mengaku siap membantu.\n\nRahmat, salah satu komisioner KPU Kota Tangerang menargetkan partisipasi 80 persen.\n\nDrs. Herman Wijaya dari Kecamatan Cipondoh turut hadir.\n";
    let d = draft(text);
    let officials: Vec<(Option<&str>, Option<&str>, &str)> = d
        .officials
        .iter()
        .map(|o| (o.value.person.as_deref(), o.value.name.as_deref(), o.value.role.as_str()))
        .collect();
    assert_eq!(
        officials,
        [
            (Some("qori-ayatullah"), None, "Ketua KPU Kota Tangerang"),
            (None, Some("Budi Santoso"), "Pemateri"),
            (None, Some("Siti Aminah"), "Pemateri"),
            (None, Some("Joko Susilo"), "Perwakilan ormas di Kota Tangerang"),
            (None, Some("Rahmat"), "Komisioner KPU Kota Tangerang"),
        ]
    );
    // "Herman Wijaya" is not the Herman of the portal: a name never becomes another person's id.
    assert!(!officials.iter().any(|o| o.0 == Some("herman")));
}

#[test]
fn count_phrases() {
    let counts = |sentence: &str| {
        let d = draft(&format!(
            "Pemkot Tangerang menggelar sosialisasi di Aula Kantor Wali Kota, Jumat (12/7/2024). {sentence}\n"
        ));
        (d.ormas_count.map(|f| f.value), d.attendees.map(|f| f.value))
    };
    assert_eq!(counts("Kegiatan ini diikuti oleh 21 Ormas di Kota Tangerang."), (Some(21), None));
    assert_eq!(counts("Kegiatan yang diikuti 100 peserta dari 30 ormas ini berjalan lancar."), (Some(30), Some(100)));
    assert_eq!(counts("Acara ini dihadiri oleh 750 perwakilan peserta dari berbagai ormas."), (None, Some(750)));
    assert_eq!(counts("Kegiatan diikuti perwakilan dari sepuluh ormas."), (Some(10), None));
    assert_eq!(counts("Acara dihadiri 1.250 orang."), (None, Some(1250)));
    // Not counts of this activity: a hedge, or a figure about something else.
    assert_eq!(counts("Acara dihadiri lebih dari 200 peserta."), (None, None));
    assert_eq!(counts("Jumlah ormas di wilayah tersebut sebanyak 3.023 ormas."), (None, None));
}

fn terbuka(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_terbuka"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

const RELEASE: &str = "KPU Kota Tangerang Ajak Ormas Kawal Pilkada 2024\n\nKomisi Pemilihan Umum (KPU) Kota Tangerang menggelar sosialisasi di Aula Kantor KPU, Jumat (12/7/2024), yang diikuti oleh 21 Ormas.\n\nKetua KPU Kota Tangerang Qori Ayatullah meminta ormas mengawal Pilkada 2024.\n";

#[test]
fn the_command_writes_or_prints_the_draft_and_reports_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let release = tmp.path().join("rilis.txt");
    std::fs::write(&release, RELEASE).unwrap();
    let content_arg = content.to_str().unwrap();

    // --stdout: the record and only the record on standard output.
    let out = terbuka(&["import", release.to_str().unwrap(), "--content", content_arg, "--stdout"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let record = String::from_utf8(out.stdout).unwrap();
    assert!(record.starts_with("---\n") && record.contains("\norganizers:\n  - kpu-kota-tangerang\n"), "{record}");
    let report = String::from_utf8(out.stderr).unwrap();
    assert!(report.contains("participants.ormas_count"), "{report}");
    assert!(report.contains("from “Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar sosialisasi"), "{report}");

    // From standard input, written into the content folder: the path on stdout.
    let out = terbuka(&["import", "-", "--content", content_arg], Some(RELEASE));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(path.ends_with("activities/2024/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024.md"), "{path}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), record);
    // The draft is a valid record of the portal.
    assert!(terbuka::check(&content, false).is_ok());
    // A second import never overwrites the first.
    let out = terbuka(&["import", "-", "--content", content_arg], Some(RELEASE));
    let second = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(second.ends_with("pilkada-2024-2.md"), "{second}");
}

#[test]
fn any_text_gives_a_draft_or_a_clear_error_never_a_panic() {
    let portal = portal();
    let odd = [
        "",
        "-\n–\n—\n",
        "İSTANBUL – Ünal Öztürk menggelar İftar di Aula Şişli, Kamis (8/7).–Foto Çelik/ Media İstanbul-",
        "Pemkot Tangerang menggelar sosialisasi di “Aula ½”, Jum’at (31/2/2024) 🎉 diikuti 10 ormas.",
        "KPU (K) (KPU) () (( )) setempat setempat di di di Selasa, 99/99/9999.",
        "Salah satu , Budi, salah satu pemateri serta dan Yang yang (*)\n\nCopyright ©\nPewarta:\nEditor: 123",
    ];
    for text in odd {
        match import::draft(text, &portal) {
            Ok(d) => {
                let record = import::record::write(&d, &portal);
                let s = terbuka::parse::split(&record).unwrap();
                let yaml: Result<serde_yaml::Value, _> = serde_yaml::from_str(&record[s.yaml_start..s.yaml_end]);
                assert!(yaml.is_ok(), "{text:?} gives YAML that does not parse:\n{record}");
                let _ = import::report::format(&d, false);
            }
            Err(e) => assert_eq!(
                e.to_string(),
                "the text has no paragraphs of a press release once page furniture is removed"
            ),
        }
    }
}
