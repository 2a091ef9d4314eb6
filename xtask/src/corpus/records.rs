//! The small records: `site.yaml`, `regions.yaml`, `topics.yaml`, `agencies/*.yaml`, `people/*.yaml`.

use std::fmt::Write;

use super::topics::TOPICS;
use super::world::{Cat, World};
use super::yaml::{Id, Q};

pub fn site(buf: &mut String) {
    buf.clear();
    buf.push_str(concat!(
        "title: \"Portal Transparansi Ormas\"\n",
        "base_url: \"https://example.go.id/\"\n",
        "language: id\n",
        "description: \"Catatan terbuka pertemuan dan kerja sama antara instansi pemerintah dan organisasi kemasyarakatan (data sintetis untuk pengujian).\"\n",
        "publisher:\n",
        "  name: \"Badan Kesatuan Bangsa dan Politik (Contoh)\"\n",
        "  url: \"https://example.go.id/\"\n",
        "license:\n",
        "  name: \"CC BY 4.0\"\n",
        "  url: \"https://creativecommons.org/licenses/by/4.0/\"\n",
    ));
}

pub fn regions(w: &World, buf: &mut String) {
    buf.clear();
    buf.push_str("# Kemendagri region codes: a code's parent is its prefix.\n");
    for r in &w.regions {
        let _ = writeln!(buf, "- code: {}\n  name: {}", Q(r.code), Q(r.name));
    }
}

pub fn topics(buf: &mut String) {
    buf.clear();
    for t in TOPICS {
        let _ = writeln!(buf, "- id: {}\n  name: {}\n  name_en: {}", Id(t.id), Q(t.name), Q(t.name_en));
    }
}

pub fn agency(w: &World, index: usize, buf: &mut String) {
    let a = &w.agencies[index];
    buf.clear();
    let _ = writeln!(
        buf,
        "name: {}\nabbreviation: {}\nkind: {}\nregion: {}",
        Q(&a.name),
        Q(&a.abbr),
        a.cat.kind(),
        Q(w.regions[a.region].code)
    );
    if let Some(p) = a.parent {
        let _ = writeln!(buf, "parent: {}", Id(&w.agencies[p].id));
    }
    if let Some(site) = &a.website {
        let _ = writeln!(buf, "website: {}", Q(site));
    }
    // Regional governments, ministries and election bodies run their own
    // PPID; the others are answered by a parent's or the region's PPID
    // Utama, so generated sites show every way a request is routed.
    if matches!(a.cat, Cat::Pemda | Cat::Kementerian | Cat::Kpu | Cat::Bawaslu) {
        let _ = writeln!(buf, "ppid:\n  form: {}", Q(&format!("https://ppid.{}.example.go.id/permohonan", a.id)));
        if a.cat != Cat::Kementerian {
            let _ = writeln!(buf, "  email: {}", Q(&format!("ppid@{}.example.go.id", a.id)));
        }
    }
}

pub fn person(w: &World, index: usize, buf: &mut String) {
    let p = &w.people[index];
    buf.clear();
    let _ = writeln!(buf, "name: {}\npositions:", Q(&p.name));
    for pos in &p.positions {
        let _ = writeln!(
            buf,
            "  - role: {}\n    agency: {}\n    start: \"{}\"",
            Q(&pos.role),
            Id(&w.agencies[pos.agency].id),
            pos.start
        );
        if let Some(end) = pos.end {
            let _ = writeln!(buf, "    end: \"{end}\"");
        }
    }
}
