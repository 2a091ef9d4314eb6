//! One ormas record (`ormas/<id>.md`): legal status, leaders, contacts and a short profile.

use std::fmt::Write;

use super::date::{Date, Iso, Prec, ROMAN, days_in_month};
use super::prose::{self, Ctx};
use super::rng::{Rng, TAG_ORMAS};
use super::vocab::{KELURAHAN, MEDIA, ORMAS_FIELDS, PROFILE_LEADS, PROFILE_SENTENCES, STREETS};
use super::world::{World, person_name};
use super::yaml::{IdList, Q};

fn random_date(rng: &mut Rng, from: i32, to: i32) -> Date {
    let y = rng.range(from as u32, to as u32) as i32;
    let m = rng.range(1, 12);
    Date::new(y, m, rng.range(1, days_in_month(y, m)))
}

fn plus_years(d: Date, years: i32) -> Date {
    let y = d.y + years;
    Date::new(y, d.m, d.d.min(days_in_month(y, d.m)))
}

/// Writes ormas `index` into `buf` (cleared first).
pub fn write(w: &World, seed: u64, index: usize, buf: &mut String) {
    let rng = &mut Rng::new(seed, TAG_ORMAS, index as u64);
    let o = &w.ormas[index];
    let region = &w.regions[o.region];
    let nasional = o.scope == "nasional";
    buf.clear();

    let _ = writeln!(buf, "---\nname: {}", Q(&o.name));
    if let Some(abbr) = &o.abbr {
        let _ = writeln!(buf, "abbreviation: {}", Q(abbr));
    }
    let other = if rng.chance(25) {
        match &o.abbr {
            Some(abbr) => {
                let initials = abbr.split(' ').next().unwrap_or(abbr);
                let dotted: String = initials.chars().flat_map(|c| [c, '.']).collect();
                Some(dotted)
            }
            None => Some(o.name.replacen("Yayasan ", "", 1)),
        }
    } else {
        None
    };
    match &other {
        Some(name) => {
            let _ = writeln!(buf, "other_names: [{}]", Q(name));
        }
        None => buf.push_str("other_names: []\n"),
    }

    // Legal standing: SKT (registration certificate) or AHU (legal entity decree).
    let form_i = rng.weighted(&[55, 20, 25]);
    let form = ["perkumpulan", "yayasan", "tidak-berbadan-hukum"][form_i];
    let _ = writeln!(buf, "legal:\n  form: {form}");
    let registered_from = o.founded.max(2010);
    if form_i == 2 || (form_i == 0 && rng.chance(30)) {
        let issued = random_date(rng, registered_from, 2024);
        let month = ROMAN[issued.m as usize - 1];
        let (number, issuer) = if nasional {
            (
                format!("01-00-00/{:03}/{month}/{}", rng.range(1, 999), issued.y),
                "Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri".to_string(),
            )
        } else {
            let prov = if region.is_province { "Provinsi " } else { "" };
            (
                format!("220/{}/Kesbangpol/{month}/{}", rng.range(1, 2999), issued.y),
                format!("Badan Kesatuan Bangsa dan Politik {prov}{}", region.name),
            )
        };
        let expires = plus_years(issued, 5);
        let _ = writeln!(
            buf,
            "  skt:\n    number: {}\n    issued: {}\n    expires: {}\n    issuer: {}",
            Q(&number),
            Iso(issued, Prec::Day),
            Iso(expires, Prec::Day),
            Q(&issuer)
        );
    }
    if form_i < 2 && rng.chance(90) {
        let date = random_date(rng, registered_from.max(2012), 2024);
        let code = if form_i == 0 { "07" } else { "04" };
        let number = format!("AHU-{:07}.AH.01.{code}.TAHUN {}", rng.range(1, 9_999_999), date.y);
        let _ = writeln!(buf, "  ahu:\n    number: {}\n    date: {}", Q(&number), Iso(date, Prec::Day));
    }
    if rng.chance(20) {
        let founded = random_date(rng, o.founded, o.founded);
        let _ = writeln!(buf, "founded: {}", Iso(founded, Prec::Day));
    } else {
        let _ = writeln!(buf, "founded: \"{}\"", o.founded);
    }
    let n_fields = rng.range(1, 3) as usize;
    let fields: Vec<&str> = rng.distinct(ORMAS_FIELDS.len(), n_fields).into_iter().map(|i| ORMAS_FIELDS[i]).collect();
    let _ = writeln!(buf, "scope: {}\nfields: {}\nregion: {}", o.scope, IdList(&fields), Q(region.code));
    let address = format!(
        "Jl. {} No. {}, Kelurahan {}, {}",
        rng.pick(STREETS),
        rng.range(1, 250),
        rng.pick(KELURAHAN),
        region.name
    );
    let status = ["aktif", "tidak-aktif", "dibekukan", "dibubarkan"][rng.weighted(&[88, 7, 3, 2])];
    let _ = writeln!(buf, "address: {}\nstatus: {status}", Q(&address));

    let roles: [&str; 3] = if nasional {
        ["Ketua Umum", "Sekretaris Jenderal", "Bendahara Umum"]
    } else {
        ["Ketua", "Sekretaris", "Bendahara"]
    };
    buf.push_str("leaders:\n");
    let mut leader = String::new();
    for role in roles.iter().take(rng.range(1, 3) as usize) {
        let name = person_name(rng);
        if leader.is_empty() {
            leader = name.clone();
        }
        let _ =
            writeln!(buf, "  - name: {}\n    role: {}\n    since: \"{}\"", Q(&name), Q(role), rng.range(2015, 2024));
    }

    if rng.chance(75) {
        buf.push_str("contacts:\n");
        let host: String = o.id.chars().take(40).collect::<String>().trim_end_matches('-').to_string();
        if rng.chance(50) {
            let _ = writeln!(buf, "  website: {}", Q(&format!("https://{host}.example.org/")));
        }
        let _ = writeln!(buf, "  email: {}", Q(&format!("sekretariat@{host}.example.org")));
        if rng.chance(70) {
            let phone = format!("+62 {} {:04} {:04}", rng.range(21, 99), rng.range(1000, 9999), rng.range(0, 9999));
            let _ = writeln!(buf, "  phone: {}", Q(&phone));
        }
    }
    buf.push_str("sources:\n");
    let n_sources = rng.range(1, 2) as usize;
    for k in rng.distinct(MEDIA.len(), n_sources) {
        let (domain, publisher) = MEDIA[k];
        let published = random_date(rng, 2019, 2025);
        let _ = writeln!(
            buf,
            "  - url: {}\n    title: {}\n    publisher: {}\n    published: {}",
            Q(&format!("https://{domain}/profil/{}", o.id)),
            Q(&format!("Mengenal {}", o.name)),
            Q(publisher),
            Iso(published, Prec::Day)
        );
    }
    if rng.chance(2) {
        let _ = writeln!(buf, "notes: {}", Q("Status kepengurusan belum dikonfirmasi ulang sejak sumber terakhir."));
    }
    buf.push_str("---\n");

    let mut fields_text = String::new();
    for (k, f) in fields.iter().enumerate() {
        if k > 0 {
            fields_text.push_str(if k + 1 == fields.len() { " dan " } else { ", " });
        }
        fields_text.push_str(&f.replace('-', " "));
    }
    let since = o.founded.to_string();
    let names = [o.name.as_str()];
    let ctx = Ctx {
        org: &o.name,
        orgs: o.abbr.as_deref().unwrap_or(&o.name),
        place: region.name,
        topic: &fields_text,
        venue: "",
        date: &since,
        count: 0,
        ormas: &names,
        ormas_fallback: "",
        url: "",
        title: "",
    };
    let target = rng.range(50, 130) as usize;
    prose::plain_text(buf, PROFILE_LEADS, PROFILE_SENTENCES, &ctx, target, rng);
    if !leader.is_empty() && rng.chance(40) {
        let _ = writeln!(buf, "\nSaat ini organisasi dipimpin oleh **{leader}**.");
    }
}
