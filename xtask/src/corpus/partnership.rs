//! One partnership record (`partnerships/<id>.md`): MoU, cooperation agreement, grant or
//! social assistance between agencies and ormas.

use std::fmt::Write;

use super::date::{Date, Iso, Prec, ROMAN, days_in_month};
use super::prose::{self, Ctx};
use super::rng::{Rng, TAG_PARTNERSHIP};
use super::vocab::{MEDIA, PARTNERSHIP_LEADS, PARTNERSHIP_SENTENCES};
use super::world::World;
use super::yaml::{IdList, Q};

/// Partnerships whose period ends after this date are still in force.
const AS_OF: Date = Date { y: 2025, m: 6, d: 30 };

/// Writes partnership `index` into `buf` (cleared first).
pub fn write(w: &World, seed: u64, index: usize, buf: &mut String) {
    let rng = &mut Rng::new(seed, TAG_PARTNERSHIP, index as u64);
    let p = &w.partnerships[index];
    let agency = &w.agencies[p.agencies[0]];
    buf.clear();

    let office = agency.abbr.split(' ').next().unwrap_or("PEMDA").to_uppercase();
    let roman = ROMAN[p.signed.m as usize - 1];
    let n = rng.range(1, 999);
    let number = match p.kind {
        "mou" => format!("{n:03}/NK/{office}/{roman}/{}", p.signed.y),
        "perjanjian-kerja-sama" => format!("{n:03}/PKS/{office}/{roman}/{}", p.signed.y),
        "hibah" => format!("NPHD/{n:03}/{office}/{roman}/{}", p.signed.y),
        _ => format!("{n:03}/BANSOS/{office}/{roman}/{}", p.signed.y),
    };
    let end = match p.kind {
        "hibah" | "bantuan-sosial" => Date::new(p.signed.y, 12, 31),
        kind => {
            let years = if kind == "mou" { rng.range(1, 5) } else { rng.range(1, 2) } as i32;
            let y = p.signed.y + years;
            Date::new(y, p.signed.m, p.signed.d.min(days_in_month(y, p.signed.m))).add_days(-1)
        }
    };
    let agencies: Vec<&str> = p.agencies.iter().map(|&a| w.agencies[a].id.as_str()).collect();
    let ormas: Vec<&str> = p.ormas.iter().map(|&o| w.ormas[o].id.as_str()).collect();
    let _ = writeln!(
        buf,
        "---\ntitle: {}\nkind: {}\nnumber: {}\nparties:\n  agencies: {}\n  ormas: {}\nsigned: {}\nperiod:\n  start: {}\n  end: {}",
        Q(&p.title),
        p.kind,
        Q(&number),
        IdList(&agencies),
        IdList(&ormas),
        Iso(p.signed, Prec::Day),
        Iso(p.signed, Prec::Day),
        Iso(end, Prec::Day)
    );
    let grant = matches!(p.kind, "hibah" | "bantuan-sosial");
    if grant {
        let value =
            if p.kind == "hibah" { rng.range(20, 1000) as u64 * 500_000 } else { rng.range(10, 200) as u64 * 500_000 };
        let _ = writeln!(buf, "amount:\n  value: {value}\n  currency: IDR");
    }
    if grant || rng.chance(50) {
        let source = ["APBD", "APBN", "lainnya"][rng.weighted(&[85, 10, 5])];
        let _ = writeln!(buf, "budget_source: {source}");
    }
    let status = if rng.chance(6) {
        "dibatalkan"
    } else if end < AS_OF {
        "selesai"
    } else {
        "berlaku"
    };
    let _ = writeln!(buf, "status: {status}\ndocuments:");
    let _ = writeln!(
        buf,
        "  - title: {}\n    url: {}",
        Q(&format!("Salinan {}", p.title)),
        Q(&format!("https://jdih.example.go.id/dokumen/{}.pdf", p.id))
    );
    if grant && rng.chance(60) {
        let _ = writeln!(
            buf,
            "  - title: \"Rencana Anggaran Biaya\"\n    url: {}",
            Q(&format!("https://jdih.example.go.id/dokumen/{}-rab.pdf", p.id))
        );
    }
    let (domain, publisher) = MEDIA[rng.below(MEDIA.len())];
    let published = p.signed.add_days(i64::from(rng.range(0, 3)));
    let _ = writeln!(
        buf,
        "sources:\n  - url: {}\n    title: {}\n    publisher: {}\n    published: {}\n---",
        Q(&format!("https://{domain}/{}/{:02}/{}", published.y, published.m, p.id)),
        Q(&p.title),
        Q(publisher),
        Iso(published, Prec::Day)
    );

    let names: Vec<&str> = p.ormas.iter().map(|&o| w.ormas[o].name.as_str()).collect();
    let ctx = Ctx {
        org: &agency.name,
        orgs: &agency.abbr,
        place: w.regions[p.region].name,
        topic: &p.title,
        venue: "",
        date: "",
        count: p.ormas.len() as u32,
        ormas: &names[..1],
        ormas_fallback: "",
        url: "",
        title: "",
    };
    let target = rng.range(50, 120) as usize;
    prose::plain_text(buf, PARTNERSHIP_LEADS, PARTNERSHIP_SENTENCES, &ctx, target, rng);
}
