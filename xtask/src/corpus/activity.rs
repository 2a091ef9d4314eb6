//! One activity record (`activities/<yyyy>/<id>.md`): front matter and press release.

use std::fmt::Write;

use super::date::{Date, Iso, MONTHS, Prec, WEEKDAYS, days_in_month};
use super::prose::{self, Ctx};
use super::rng::{Rng, TAG_ACTIVITY};
use super::topics::TOPICS;
use super::vocab::{HOTELS, KELURAHAN, MEDIA, NOTES};
use super::world::{Cat, FIRST_YEAR, World, person_name};
use super::yaml::{Id, IdList, Q, slug_into};

const KINDS: [&str; 9] = [
    "sosialisasi",
    "rapat-koordinasi",
    "audiensi",
    "pelatihan",
    "kunjungan",
    "kemitraan",
    "penandatanganan",
    "penyerahan-hibah",
    "lainnya",
];
const KIND_WEIGHTS: [u32; 9] = [22, 18, 14, 10, 10, 8, 5, 7, 6];
/// Activities per year, 2019..=2026 (fewer in the pandemic year and in the year under way).
const YEAR_WEIGHTS: [u32; 8] = [10, 7, 9, 11, 14, 17, 15, 6];
const ELECTION_YEARS: [i32; 4] = [2019, 2020, 2023, 2024];

const TITLES: [&[&str]; 9] = [
    &[
        "{ORGS} Sosialisasikan {TOPIC} kepada Ormas",
        "{ORGS} Ajak Ormas {PLACE} Sukseskan {TOPIC}",
        "Ormas di {PLACE} Ikuti Sosialisasi {TOPIC}",
        "{ORGS} Gandeng Ormas Sosialisasikan {TOPIC}",
    ],
    &[
        "{ORGS} Gelar Rapat Koordinasi dengan Ormas Bahas {TOPIC}",
        "Rakor Bersama Ormas, {ORGS} Matangkan {TOPIC}",
        "{ORGS} dan Ormas {PLACE} Satukan Langkah soal {TOPIC}",
    ],
    &[
        "{ORGS} Terima Audiensi {ORMAS}",
        "{ORMAS} Sampaikan Aspirasi kepada {ORGS}",
        "Audiensi dengan {ORGS}, Ormas Usulkan Penguatan {TOPIC}",
    ],
    &["{ORGS} Gelar Pelatihan {TOPIC} bagi Pengurus Ormas", "Pengurus Ormas di {PLACE} Dibekali Pelatihan {TOPIC}"],
    &["{ORGS} Kunjungi Sekretariat {ORMAS}", "Kunjungan Kerja {ORGS} ke Ormas di {PLACE}"],
    &["{ORGS} Perkuat Kemitraan dengan Ormas dalam {TOPIC}", "{ORGS} Gandeng {COUNT} Ormas Wujudkan {TOPIC}"],
    &[
        "{ORGS} dan {ORMAS} Tandatangani Kesepakatan {TOPIC}",
        "Penandatanganan Nota Kesepahaman {ORGS} dengan Ormas {PLACE}",
    ],
    &[
        "{ORGS} Serahkan Dana Hibah kepada {COUNT} Ormas",
        "Penyerahan Hibah Ormas, {ORGS} Minta Penggunaan Dana Akuntabel",
    ],
    &["{ORGS} dan Ormas {PLACE} Gelar Dialog {TOPIC}", "Ormas dan {ORGS} Gelar Kegiatan {TOPIC} Bersama"],
];

const GUEST_ROLES: &[&str] =
    &["Narasumber", "Pemateri", "Ketua Panitia", "Akademisi", "Tokoh Masyarakat", "Tokoh Agama", "Moderator"];

/// Picks the main organiser's category for this kind of activity.
fn organizer_cat(rng: &mut Rng, kind: usize, year: i32) -> Cat {
    if matches!(kind, 0 | 1 | 3) && ELECTION_YEARS.contains(&year) && rng.chance(50) {
        return if rng.chance(55) { Cat::Kpu } else { Cat::Bawaslu };
    }
    if kind == 7 {
        return if rng.chance(60) { Cat::Pemda } else { Cat::Kesbangpol };
    }
    const CATS: [Cat; 9] = [
        Cat::Kesbangpol,
        Cat::Pemda,
        Cat::Polisi,
        Cat::Kpu,
        Cat::Bawaslu,
        Cat::Dprd,
        Cat::Tni,
        Cat::Forkopimda,
        Cat::Lainnya,
    ];
    CATS[rng.weighted(&[45, 20, 8, 6, 6, 5, 3, 3, 4])]
}

fn date_phrase(date: Date, prec: Prec) -> String {
    match prec {
        Prec::Day => format!("{} ({}/{}/{})", WEEKDAYS[date.weekday()], date.d, date.m, date.y),
        Prec::Month => format!("pada {} {}", MONTHS[date.m as usize - 1], date.y),
        Prec::Year => format!("pada {}", date.y),
    }
}

/// A full date somewhere within the period a partial date names.
fn within(rng: &mut Rng, date: Date, prec: Prec) -> Date {
    match prec {
        Prec::Day => date.add_days(rng.weighted(&[50, 35, 15]) as i64),
        Prec::Month => Date::new(date.y, date.m, rng.range(1, days_in_month(date.y, date.m))),
        Prec::Year => {
            let m = rng.range(1, 12);
            Date::new(date.y, m, rng.range(1, days_in_month(date.y, m)))
        }
    }
}

/// Writes activity `index` into `buf` (cleared first); returns its year and id.
pub fn write(w: &World, seed: u64, index: usize, buf: &mut String) -> (i32, String) {
    let rng = &mut Rng::new(seed, TAG_ACTIVITY, index as u64);
    buf.clear();

    // When.
    let year = FIRST_YEAR + rng.weighted(&YEAR_WEIGHTS) as i32;
    let month = if year == 2026 { rng.range(1, 6) } else { rng.range(1, 12) };
    let date = Date::new(year, month, rng.range(1, days_in_month(year, month)));
    let prec = [Prec::Day, Prec::Month, Prec::Year][rng.weighted(&[85, 12, 3])];
    let kind = rng.weighted(&KIND_WEIGHTS);

    // Who organised it, and where.
    let region = w.pick_region(rng, 25);
    let local = &w.agencies_by_region[region];
    let want = organizer_cat(rng, kind, year);
    let matching: Vec<usize> = local.iter().copied().filter(|&a| w.agencies[a].cat == want).collect();
    let primary = if matching.is_empty() { local[rng.below(local.len().min(2))] } else { rng.one(&matching) };
    let province = w.regions[region].province;
    let nearby: Vec<usize> =
        local.iter().chain(&w.agencies_by_region[province]).copied().filter(|&a| a != primary).collect();
    let mut organizers = vec![primary];
    for _ in 0..rng.weighted(&[60, 30, 10]) {
        let a = rng.one(&nearby);
        if !organizers.contains(&a) {
            organizers.push(a);
        }
    }

    // What about.
    let (general, election) = w.topics_in(year);
    let org_cat = w.agencies[primary].cat;
    let mut topics = Vec::with_capacity(3);
    topics.push(if matches!(org_cat, Cat::Kpu | Cat::Bawaslu) && !election.is_empty() {
        rng.one(election)
    } else {
        rng.one(general)
    });
    for _ in 0..rng.weighted(&[50, 35, 15]) {
        let t = rng.one(general);
        if !topics.contains(&t) {
            topics.push(t);
        }
    }

    // With whom.
    let pool = &w.ormas_by_province[province];
    let named_n = rng.weighted(&[15, 30, 22, 15, 10, 8]);
    let named: Vec<usize> = if pool.len() >= named_n * 2 {
        rng.distinct(pool.len(), named_n).into_iter().map(|i| pool[i]).collect()
    } else {
        rng.distinct(w.ormas.len(), named_n)
    };
    let ormas_count = named.len().max(1) as u32 + [0, rng.range(1, 10), rng.range(10, 60)][rng.weighted(&[30, 45, 25])];
    let mut guests = Vec::new();
    if rng.chance(25) {
        for _ in 0..rng.range(1, 2) {
            let a = rng.one(&nearby);
            if !organizers.contains(&a) && !guests.contains(&a) {
                guests.push(a);
            }
        }
    }
    let attendees = rng.chance(55).then(|| rng.range(2, 40) * 10 + rng.range(0, 9));

    // Officials: people holding a position then at a present agency, or just named guests.
    let holders: Vec<(usize, usize)> = organizers
        .iter()
        .chain(&guests)
        .flat_map(|&a| w.holders[a].iter().copied())
        .filter(|&(p, k)| {
            let pos = &w.people[p].positions[k];
            pos.start <= year && pos.end.is_none_or(|e| year <= e)
        })
        .collect();
    let mut officials: Vec<(Option<usize>, String, String)> = Vec::new();
    for _ in 0..rng.weighted(&[10, 30, 30, 20, 10]) {
        if !holders.is_empty() && rng.chance(75) {
            let (p, k) = rng.one(&holders);
            if officials.iter().all(|o| o.0 != Some(p)) {
                let person = &w.people[p];
                officials.push((Some(p), person.name.clone(), person.positions[k].role.clone()));
            }
        } else {
            // Each named ormas lends at most one chair.
            let role = match named.get(officials.len()) {
                Some(&o) if rng.chance(40) => {
                    format!("Ketua {}", w.ormas[o].abbr.as_deref().unwrap_or(&w.ormas[o].name))
                }
                _ => rng.one(GUEST_ROLES).to_string(),
            };
            officials.push((None, person_name(rng), role));
        }
    }

    // Words: title, venue, date phrase.
    let org = &w.agencies[primary];
    let place = w.regions[region].name;
    let ormas_names: Vec<&str> = named.iter().map(|&o| w.ormas[o].name.as_str()).collect();
    let ormas_short: Vec<&str> =
        named.iter().map(|&o| w.ormas[o].abbr.as_deref().unwrap_or(&w.ormas[o].name)).collect();
    let short = w.regions[region].short;
    let venue = match rng.weighted(&[25, 20, 15, 10, 10, 10]) {
        0 => format!("Aula {}", org.abbr),
        1 => format!("{} {short}", rng.pick(HOTELS)),
        2 if w.regions[region].is_province => format!("Gedung Negara Provinsi {short}"),
        2 if w.regions[region].is_kota => format!("Balai Kota {short}"),
        2 => format!("Pendopo Kabupaten {short}"),
        3 => format!("Ruang Rapat {}", org.abbr),
        4 if !ormas_names.is_empty() => format!("Sekretariat {}", ormas_short[0]),
        _ => format!("Gedung Serbaguna Kelurahan {}", rng.pick(KELURAHAN)),
    };
    let date_text = date_phrase(date, prec);
    let topic = TOPICS[topics[0]].name;
    let mut ctx = Ctx {
        org: &org.name,
        orgs: &org.abbr,
        place,
        topic,
        venue: &venue,
        date: &date_text,
        count: ormas_count,
        ormas: &ormas_short,
        ormas_fallback: "Perwakilan Ormas",
        url: "",
        title: "",
    };
    let mut title = String::with_capacity(96);
    prose::fill(&mut title, rng.one(TITLES[kind]), &ctx, rng);
    let mut id = String::with_capacity(80);
    slug_into(&mut id, &title, 60);
    let _ = write!(id, "-{}", index + 1);

    // Sources.
    let n_sources = 1 + usize::from(rng.chance(35));
    let media = rng.distinct(MEDIA.len(), n_sources);
    let mut sources = Vec::with_capacity(n_sources);
    for (k, &m) in media.iter().enumerate() {
        let published = within(rng, date, prec);
        let (domain, publisher) = MEDIA[m];
        let (url, publisher) = if k == 0 && rng.chance(20) && org.website.is_some() {
            (format!("https://{}.example.go.id/berita/{}", org.id, &id), org.name.clone())
        } else {
            (
                format!("https://{domain}/{}/{:02}/{:02}/{}", published.y, published.m, published.d, &id),
                publisher.to_string(),
            )
        };
        let source_title = if k == 0 { title.clone() } else { format!("{} - {}", title, publisher) };
        let author = rng.chance(70).then(|| person_name(rng));
        let editor = rng.chance(10).then(|| person_name(rng));
        sources.push((url, source_title, publisher, author, published, editor));
    }

    // Front matter.
    let _ = writeln!(buf, "---\ntitle: {}\ndate: {}", Q(&title), Iso(date, prec));
    if prec == Prec::Day && rng.chance(40) {
        let (h, m) = (rng.range(8, 14), [0, 30][rng.below(2)]);
        let end_h = h + rng.range(2, 5);
        let tz = w.regions[region].utc_offset;
        let day = format!("{:04}-{:02}-{:02}", date.y, date.m, date.d);
        let _ = writeln!(buf, "start: \"{day}T{h:02}:{m:02}+{tz:02}:00\"\nend: \"{day}T{end_h:02}:{m:02}+{tz:02}:00\"");
    }
    let _ = writeln!(buf, "kind: {}\nregion: {}\nvenue: {}", KINDS[kind], Q(w.regions[region].code), Q(&venue));
    let ids = |xs: &[usize], f: &dyn Fn(usize) -> String| xs.iter().map(|&x| f(x)).collect::<Vec<_>>();
    let _ = writeln!(buf, "organizers: {}", IdList(&ids(&organizers, &|a| w.agencies[a].id.clone())));
    buf.push_str("participants:\n");
    if !named.is_empty() {
        let _ = writeln!(buf, "  ormas: {}", IdList(&ids(&named, &|o| w.ormas[o].id.clone())));
    }
    let _ = writeln!(buf, "  ormas_count: {ormas_count}");
    if !guests.is_empty() {
        let _ = writeln!(buf, "  agencies: {}", IdList(&ids(&guests, &|a| w.agencies[a].id.clone())));
    }
    if let Some(n) = attendees {
        let _ = writeln!(buf, "  attendees: {n}");
    }
    if !officials.is_empty() {
        buf.push_str("officials:\n");
        for (person, name, role) in &officials {
            match person {
                Some(p) => {
                    let _ = writeln!(buf, "  - person: {}\n    role: {}", Id(&w.people[*p].id), Q(role));
                }
                None => {
                    let _ = writeln!(buf, "  - name: {}\n    role: {}", Q(name), Q(role));
                }
            }
        }
    }
    let _ = writeln!(buf, "topics: {}", IdList(&ids(&topics, &|t| TOPICS[t].id.to_string())));
    let partnership_pct = match kind {
        6 | 7 => 60,
        5 => 15,
        _ => 1,
    };
    if rng.chance(partnership_pct) {
        let p = &w.partnerships[rng.below(w.partnerships.len())];
        let _ = writeln!(buf, "partnership: {}", Id(&p.id));
    }
    buf.push_str("sources:\n");
    for (url, title, publisher, author, published, editor) in &sources {
        let _ = writeln!(buf, "  - url: {}\n    title: {}\n    publisher: {}", Q(url), Q(title), Q(publisher));
        if let Some(a) = author {
            let _ = writeln!(buf, "    author: {}", Q(a));
        }
        if let Some(e) = editor {
            let _ = writeln!(buf, "    editor: {}", Q(e));
        }
        let _ = writeln!(buf, "    published: {}", Iso(*published, Prec::Day));
    }
    if rng.chance(3) {
        let _ = writeln!(buf, "notes: {}", Q(rng.one(NOTES)));
    }
    buf.push_str("---\n");

    // Body.
    ctx.ormas = &ormas_names;
    ctx.ormas_fallback = "perwakilan ormas";
    ctx.url = &sources[0].0;
    ctx.title = &sources[0].1;
    let speakers: Vec<(&str, &str)> = officials.iter().map(|(_, n, r)| (n.as_str(), r.as_str())).collect();
    let target = rng.range(150, 420) as usize;
    prose::press_release(buf, &ctx, &speakers, target, rng);
    (year, id)
}
