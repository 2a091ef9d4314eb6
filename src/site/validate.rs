//! The rules of the content model that span records: every named id
//! exists, ids are unique, lists that must not be empty are not, and the
//! softer checks `--strict` enforces.

use std::path::Path;

use crate::diagnostic::{Diagnostic, closest};
use crate::hashing::{HashMap, HashSet};
use crate::model::{Activity, Agency, Collection, Origin, Ormas, Partnership, Person, Record, Region, Source, Topic};
use crate::parse::{ListFile, is_valid_id, slugify};

/// Ids of one collection, for lookups and "did you mean".
struct Ids<'a> {
    noun: &'static str,
    folder: &'static str,
    set: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn new(noun: &'static str, folder: &'static str, ids: impl Iterator<Item = &'a str>) -> Self {
        Self { noun, folder, set: ids.collect() }
    }

    /// Adds the ids of records of `collection` that exist but failed to parse.
    fn with_unparsed(mut self, unparsed: &'a [(Collection, String)], collection: Collection) -> Self {
        self.set.extend(unparsed.iter().filter(|(c, _)| *c == collection).map(|(_, id)| id.as_str()));
        self
    }

    fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }

    /// The closest existing id; sorted first so the pick is stable.
    fn suggest(&self, wrong: &str) -> Option<&'a str> {
        let mut all: Vec<&str> = self.set.iter().copied().collect();
        all.sort_unstable();
        closest(wrong, all)
    }
}

/// Runs every cross-record rule.
pub struct Checker<'a> {
    content_dir: &'a Path,
    regions: &'a ListFile<Region>,
    topics: &'a ListFile<Topic>,
    agencies: &'a [Record<Agency>],
    people: &'a [Record<Person>],
    ormas: &'a [Record<Ormas>],
    activities: &'a [Record<Activity>],
    partnerships: &'a [Record<Partnership>],
    region_ids: Ids<'a>,
    topic_ids: Ids<'a>,
    agency_ids: Ids<'a>,
    person_ids: Ids<'a>,
    ormas_ids: Ids<'a>,
    partnership_ids: Ids<'a>,
}

impl<'a> Checker<'a> {
    /// Prepares the id sets of every collection.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        content_dir: &'a Path,
        unparsed: &'a [(Collection, String)],
        regions: &'a ListFile<Region>,
        topics: &'a ListFile<Topic>,
        agencies: &'a [Record<Agency>],
        people: &'a [Record<Person>],
        ormas: &'a [Record<Ormas>],
        activities: &'a [Record<Activity>],
        partnerships: &'a [Record<Partnership>],
    ) -> Self {
        Self {
            region_ids: Ids::new("region", "regions.yaml", regions.items.iter().map(|r| r.code.as_str())),
            topic_ids: Ids::new("topic", "topics.yaml", topics.items.iter().map(|t| t.id.as_str())),
            agency_ids: Ids::new("agency", "agencies/", agencies.iter().map(|r| r.id.as_str()))
                .with_unparsed(unparsed, Collection::Agencies),
            person_ids: Ids::new("person", "people/", people.iter().map(|r| r.id.as_str()))
                .with_unparsed(unparsed, Collection::People),
            ormas_ids: Ids::new("ormas", "ormas/", ormas.iter().map(|r| r.id.as_str()))
                .with_unparsed(unparsed, Collection::Ormas),
            partnership_ids: Ids::new("partnership", "partnerships/", partnerships.iter().map(|r| r.id.as_str()))
                .with_unparsed(unparsed, Collection::Partnerships),
            content_dir,
            regions,
            topics,
            agencies,
            people,
            ormas,
            activities,
            partnerships,
        }
    }

    /// Checks everything; returns errors and warnings.
    pub fn run(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.check_regions(&mut out);
        self.check_topics(&mut out);
        self.check_duplicate_activity_ids(&mut out);
        for r in self.agencies {
            self.reference(&mut out, &r.origin, "region", r.meta.region.as_str(), &self.region_ids);
            if let Some(parent) = &r.meta.parent {
                if parent == &r.id {
                    out.push(
                        point(&r.origin, "parent", "an agency cannot be its own parent")
                            .with_help("remove `parent:` or name the agency above this one"),
                    );
                } else {
                    self.reference(&mut out, &r.origin, "parent", parent, &self.agency_ids);
                }
            }
            check_url(&mut out, &r.origin, "website", r.meta.website.as_deref());
            self.distinct(&mut out, &r.origin, &r.meta.distinct_from, &self.agency_ids);
            if let Some(p) = &r.meta.ppid {
                check_url(&mut out, &r.origin, "ppid.form", p.form.as_deref());
            }
        }
        self.check_agency_cycles(&mut out);
        for r in self.people {
            self.distinct(&mut out, &r.origin, &r.meta.distinct_from, &self.person_ids);
            for (i, pos) in r.meta.positions.iter().enumerate() {
                if let Some(agency) = &pos.agency {
                    self.reference(&mut out, &r.origin, &format!("positions[{i}].agency"), agency, &self.agency_ids);
                }
                if let (Some(s), Some(e)) = (pos.start, pos.end)
                    && e < s
                {
                    out.push(
                        point(
                            &r.origin,
                            &format!("positions[{i}].end"),
                            format!("the position ends ({e}) before it starts ({s})"),
                        )
                        .with_help("swap `start` and `end`, or correct one of them"),
                    );
                }
            }
        }
        for r in self.ormas {
            self.reference(&mut out, &r.origin, "region", r.meta.region.as_str(), &self.region_ids);
            self.distinct(&mut out, &r.origin, &r.meta.distinct_from, &self.ormas_ids);
            check_sources(&mut out, &r.origin, &r.meta.sources);
            if let Some(c) = &r.meta.contacts {
                check_url(&mut out, &r.origin, "contacts.website", c.website.as_deref());
            }
        }
        for r in self.activities {
            self.check_activity(&mut out, r);
        }
        for r in self.partnerships {
            self.check_partnership(&mut out, r);
        }
        out
    }

    fn reference(&self, out: &mut Vec<Diagnostic>, origin: &Origin, field: &str, id: &str, ids: &Ids<'_>) {
        if ids.contains(id) {
            return;
        }
        let message = format!("there is no {} `{id}`", ids.noun);
        let under_province = if ids.noun == "region" { region_help(&self.regions.items, id) } else { None };
        let help = match under_province.or_else(|| ids.suggest(id).map(|s| format!("did you mean `{s}`?"))) {
            Some(help) => help,
            None => format!("add it to `{}` first, or correct the id", ids.folder),
        };
        out.push(point(origin, field, message).with_help(help));
    }

    /// `distinct_from` names records of the same collection.
    fn distinct(&self, out: &mut Vec<Diagnostic>, origin: &Origin, ids: &[String], set: &Ids<'_>) {
        for (i, id) in ids.iter().enumerate() {
            self.reference(out, origin, &format!("distinct_from[{i}]"), id, set);
        }
    }

    fn check_activity(&self, out: &mut Vec<Diagnostic>, r: &Record<Activity>) {
        let m = &r.meta;
        let o = &r.origin;
        self.reference(out, o, "region", m.region.as_str(), &self.region_ids);
        if m.organizers.is_empty() {
            out.push(
                point(o, "organizers", "an activity needs at least one organising agency")
                    .with_help("write `organizers: [<agency id>]`"),
            );
        }
        for (i, id) in m.organizers.iter().enumerate() {
            self.reference(out, o, &format!("organizers[{i}]"), id, &self.agency_ids);
        }
        for (i, id) in m.participants.agencies.iter().enumerate() {
            self.reference(out, o, &format!("participants.agencies[{i}]"), id, &self.agency_ids);
        }
        for (i, id) in m.participants.ormas.iter().enumerate() {
            self.reference(out, o, &format!("participants.ormas[{i}]"), id, &self.ormas_ids);
        }
        if let Some(count) = m.participants.ormas_count {
            let named = m.participants.ormas.len();
            if (count as usize) < named {
                out.push(
                    point(
                        o,
                        "participants.ormas_count",
                        format!("`ormas_count` is {count} but {named} ormas are named"),
                    )
                    .with_help(format!(
                        "`ormas_count` counts every ormas present, named or not: make it at least {named}"
                    )),
                );
            }
        }
        for (i, official) in m.officials.iter().enumerate() {
            let field = format!("officials[{i}]");
            match (&official.person, &official.name) {
                (Some(p), None) => self.reference(out, o, &format!("{field}.person"), p, &self.person_ids),
                (None, Some(_)) => {}
                (Some(_), Some(_)) => out.push(point(o, &field, "an official has both `person` and `name`").with_help(
                    "keep `person:` for someone with a record in `people/`, or `name:` otherwise, not both",
                )),
                (None, None) => out.push(
                    point(o, &field, "an official needs `person` or `name`")
                        .with_help("write `person: <person id>` or `name: <full name>`"),
                ),
            }
        }
        for (i, id) in m.topics.iter().enumerate() {
            self.reference(out, o, &format!("topics[{i}]"), id, &self.topic_ids);
        }
        if let Some(p) = &m.partnership {
            self.reference(out, o, "partnership", p, &self.partnership_ids);
        }
        if m.sources.is_empty() {
            out.push(
                point(o, "sources", "an activity needs at least one source")
                    .with_help("add `sources:` with the `url`, `title` and `publisher` of the release"),
            );
        }
        check_sources(out, o, &m.sources);
        if let (Some(s), Some(e)) = (m.start, m.end)
            && e < s
        {
            out.push(point(o, "end", "the activity ends before it starts").with_help("correct `start` or `end`"));
        }
        if m.participants.ormas.is_empty() && m.participants.ormas_count.is_none() {
            out.push(warn(o, "participants", "the activity names no ormas and gives no `ormas_count`").with_help(
                "name the ormas in `participants.ormas`, or give how many took part in `participants.ormas_count`",
            ));
        }
        check_body(out, r);
    }

    fn check_partnership(&self, out: &mut Vec<Diagnostic>, r: &Record<Partnership>) {
        let m = &r.meta;
        let o = &r.origin;
        if m.parties.agencies.is_empty() || m.parties.ormas.is_empty() {
            out.push(
                point(o, "parties", "a partnership needs at least one agency and one ormas among its parties")
                    .with_help("write `parties: {agencies: [<agency id>], ormas: [<ormas id>]}`"),
            );
        }
        for (i, id) in m.parties.agencies.iter().enumerate() {
            self.reference(out, o, &format!("parties.agencies[{i}]"), id, &self.agency_ids);
        }
        for (i, id) in m.parties.ormas.iter().enumerate() {
            self.reference(out, o, &format!("parties.ormas[{i}]"), id, &self.ormas_ids);
        }
        if let Some(period) = &m.period
            && let (Some(s), Some(e)) = (period.start, period.end)
            && e < s
        {
            out.push(
                point(o, "period.end", format!("the period ends ({e}) before it starts ({s})"))
                    .with_help("correct `period.start` or `period.end`"),
            );
        }
        for (i, d) in m.documents.iter().enumerate() {
            check_url(out, o, &format!("documents[{i}].url"), d.url.as_deref());
        }
        check_sources(out, o, &m.sources);
        check_body(out, r);
    }

    fn check_regions(&self, out: &mut Vec<Diagnostic>) {
        let Some(origin) = &self.regions.origin else {
            out.push(
                Diagnostic::error(self.content_dir.join("regions.yaml"), "the list of regions is missing")
                    .with_help("create `regions.yaml` with a `- {code: \"36\", name: Banten}` entry per region"),
            );
            return;
        };
        let mut seen = HashMap::default();
        for (i, region) in self.regions.items.iter().enumerate() {
            let field = format!("[{i}].code");
            if !region.code.is_well_formed() {
                out.push(
                    point(origin, &field, format!("`{}` is not a Kemendagri region code", region.code)).with_help(
                        "codes look like \"36\" (province), \"36.71\" (city/regency), \"36.71.01\" (district)",
                    ),
                );
            }
            if let Some(first) = seen.insert(region.code.as_str(), i) {
                out.push(
                    point(origin, &field, format!("region code `{}` is listed twice", region.code)).with_help(format!(
                        "remove one of entries {} and {}",
                        first + 1,
                        i + 1
                    )),
                );
            }
            if let Some(parent) = region.code.parent()
                && !self.region_ids.contains(parent.as_str())
            {
                out.push(
                    point(origin, &field, format!("region `{}` lies in `{parent}`, which is not listed", region.code))
                        .with_help(format!("add `- {{code: \"{parent}\", name: ...}}` to regions.yaml")),
                );
            }
        }
    }

    fn check_topics(&self, out: &mut Vec<Diagnostic>) {
        let Some(origin) = &self.topics.origin else {
            if !self.topics.items.is_empty() || self.activities.iter().any(|a| !a.meta.topics.is_empty()) {
                out.push(
                    Diagnostic::error(self.content_dir.join("topics.yaml"), "the list of topics is missing").with_help(
                        "create `topics.yaml` with a `- {id: pilkada-2024, name: Pilkada 2024}` entry per topic",
                    ),
                );
            }
            return;
        };
        let mut seen = HashSet::default();
        for (i, topic) in self.topics.items.iter().enumerate() {
            let field = format!("[{i}].id");
            if !is_valid_id(&topic.id) {
                out.push(
                    point(origin, &field, format!("`{}` is not a valid topic id", topic.id))
                        .with_help(format!("use lowercase letters, digits and hyphens, e.g. `{}`", slugify(&topic.id))),
                );
            }
            if !seen.insert(topic.id.as_str()) {
                out.push(
                    point(origin, &field, format!("topic `{}` is listed twice", topic.id))
                        .with_help("topic ids are addresses (`/topik/<id>/`) and must be unique"),
                );
            }
        }
    }

    /// Ids are unique per folder by construction, except activities, whose
    /// year folders form one collection.
    fn check_duplicate_activity_ids(&self, out: &mut Vec<Diagnostic>) {
        let mut first: HashMap<&str, &Origin> = HashMap::default();
        for r in self.activities {
            if let Some(other) = first.insert(r.id.as_str(), &r.origin) {
                let (a, b) = if other.path() < r.origin.path() { (other, &r.origin) } else { (&r.origin, other) };
                out.push(
                    Diagnostic::error(b.full_path(), format!("activity id `{}` is also used by `{}`", r.id, a.path()))
                        .with_help("ids are permanent addresses (`/kegiatan/<id>/`): rename one of the files"),
                );
            }
        }
    }

    fn check_agency_cycles(&self, out: &mut Vec<Diagnostic>) {
        let parent: HashMap<&str, &str> =
            self.agencies.iter().filter_map(|r| r.meta.parent.as_deref().map(|p| (r.id.as_str(), p))).collect();
        for r in self.agencies {
            let mut seen = HashSet::from_iter([r.id.as_str()]);
            let mut at = r.id.as_str();
            while let Some(&p) = parent.get(at) {
                if p == r.id && at != r.id {
                    out.push(
                        point(&r.origin, "parent", "the `parent` chain of this agency loops back to it")
                            .with_help("an agency cannot sit below itself: fix one `parent:` in the loop"),
                    );
                    break;
                }
                if !seen.insert(p) {
                    break;
                }
                at = p;
            }
        }
    }
}

/// For a region code that does not exist, the codes of the same level
/// under its province, closest first: a wrong `36.72` is most likely
/// another city of Banten, not `31.72`.
fn region_help(regions: &[Region], wrong: &str) -> Option<String> {
    let province = wrong.split('.').next()?;
    let depth = wrong.split('.').count();
    let mut under: Vec<&Region> = regions
        .iter()
        .filter(|r| {
            depth > 1
                && r.code.as_str().split('.').count() == depth
                && r.code.parent().is_some_and(|p| p.as_str().split('.').next() == Some(province))
        })
        .collect();
    if under.is_empty() {
        return None;
    }
    let score = |r: &Region| strsim::jaro_winkler(wrong, r.code.as_str());
    under.sort_by(|a, b| score(b).total_cmp(&score(a)).then_with(|| a.code.cmp(&b.code)));
    let listed: Vec<String> = under.iter().take(5).map(|r| format!("`{}` {}", r.code, r.name)).collect();
    let place = match regions.iter().find(|r| r.code.as_str() == province) {
        Some(p) => format!("{} (`{province}`)", p.name),
        None => format!("`{province}`"),
    };
    Some(format!("did you mean `{}`? Codes under {place}: {}", under[0].code, listed.join(", ")))
}

/// An error at `field` of a record, located in its text when found there.
fn point(origin: &Origin, field: &str, message: impl Into<String>) -> Diagnostic {
    let d = Diagnostic::error(origin.full_path(), message).with_field(field);
    crate::parse::locate::at_field(d, origin, field)
}

pub(super) fn warn(origin: &Origin, field: &str, message: impl Into<String>) -> Diagnostic {
    let mut d = point(origin, field, message);
    d.severity = crate::diagnostic::Severity::Warning;
    d
}

fn check_url(out: &mut Vec<Diagnostic>, origin: &Origin, field: &str, url: Option<&str>) {
    let Some(url) = url else { return };
    if url.starts_with("https://") {
        return;
    }
    if url.starts_with("http://") {
        out.push(
            warn(origin, field, format!("`{url}` is not https"))
                .with_help("use the https:// address so readers are not sent to an insecure page"),
        );
    } else {
        out.push(
            point(origin, field, format!("`{url}` is not a web address"))
                .with_help("write the full address, starting with https://"),
        );
    }
}

fn check_sources(out: &mut Vec<Diagnostic>, origin: &Origin, sources: &[Source]) {
    for (i, s) in sources.iter().enumerate() {
        let field = format!("sources[{i}]");
        if s.url.is_none() && s.title.is_none() && s.publisher.is_none() {
            out.push(
                point(origin, &field, "a source needs at least a `url`, a `title` or a `publisher`")
                    .with_help("say where the facts come from, so readers can find the original"),
            );
        }
        check_url(out, origin, &format!("{field}.url"), s.url.as_deref());
    }
}

/// `--strict` asks for at least a sentence of text.
fn check_body<T>(out: &mut Vec<Diagnostic>, r: &Record<T>) {
    if r.body_is_short() {
        let mut d =
            Diagnostic::warning(r.origin.full_path(), "the text below the front matter is shorter than a sentence")
                .with_help("add the press-release text or a description after the closing `---`");
        if let Some(text) = r.origin.text() {
            d = d.at(&text, r.origin.body_start.min(text.len()), text.len());
        }
        out.push(d);
    }
}
