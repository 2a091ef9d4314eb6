//! Likely duplicates among ormas, agencies and officials: the same body
//! entered twice under two spellings ("Bamus Betawi 1982" and "Badan
//! Musyawarah Suku Betawi 1982", "H. Abdul Rochim Mansur" and "Abdul
//! Rochim"). Each pair gives one warning, on the later file, naming the
//! other file.
//!
//! Keys are computed in parallel and compared through hash maps, so the
//! check is linear in the number of names (see BENCHMARKS.md for 100,000
//! ormas).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::key;
use crate::diagnostic::Diagnostic;
use crate::model::{Agency, Origin, Ormas, Person, Record};

/// One name a record bears, with its field (`name`, `abbreviation`,
/// `other_names[0]`) and key.
struct Form<'a> {
    field: Field,
    raw: &'a str,
    key: String,
}

/// Which name of a record a form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Abbreviation,
    Other(usize),
}

impl Field {
    /// The field path, for pointing at its line.
    fn path(self) -> String {
        match self {
            Self::Name => "name".into(),
            Self::Abbreviation => "abbreviation".into(),
            Self::Other(i) => format!("other_names[{i}]"),
        }
    }

    /// How a message calls it.
    fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Abbreviation => "abbreviation",
            Self::Other(_) => "other name",
        }
    }
}

/// What two names have in common, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Likeness {
    /// Same key.
    Same,
    /// The shorter personal name is the start of the longer one.
    Start,
}

/// A pair found: positions of the two records and the two forms.
type Pair = ((usize, usize), (usize, usize, Likeness));

/// Warnings for likely duplicates among ormas, agencies and people.
pub fn find(ormas: &[Record<Ormas>], agencies: &[Record<Agency>], people: &[Record<Person>]) -> Vec<Diagnostic> {
    let ormas_forms: Vec<Vec<Form>> = ormas
        .par_iter()
        .map(|r| {
            let m = &r.meta;
            let mut f = vec![form(Field::Name, &m.name)];
            f.extend(m.abbreviation.as_deref().map(|a| form(Field::Abbreviation, a)));
            f.extend(m.other_names.iter().enumerate().map(|(i, n)| form(Field::Other(i), n)));
            f
        })
        .collect();
    let agency_forms: Vec<Vec<Form>> = agencies
        .par_iter()
        .map(|r| {
            let mut f = vec![form(Field::Name, &r.meta.name)];
            f.extend(r.meta.abbreviation.as_deref().map(|a| form(Field::Abbreviation, a)));
            f
        })
        .collect();
    let people_forms: Vec<Vec<Form>> = people.par_iter().map(|r| vec![form(Field::Name, &r.meta.name)]).collect();

    let mut out = Vec::new();
    report(&mut out, "ormas", ormas, &ormas_forms, same_name_pairs(&ormas_forms));
    report(&mut out, "agency", agencies, &agency_forms, same_name_pairs(&agency_forms));
    let mut people_pairs = same_name_pairs(&people_forms);
    for (pair, found) in name_start_pairs(&people_forms) {
        people_pairs.entry(pair).or_insert(found);
    }
    report(&mut out, "person", people, &people_forms, people_pairs);
    out
}

fn form(field: Field, raw: &str) -> Form<'_> {
    Form { field, raw, key: key(raw) }
}

/// Pairs where any name of one record has the key of the other's full
/// name. Two records that only share an abbreviation are not reported:
/// different bodies often share initials.
fn same_name_pairs(forms: &[Vec<Form>]) -> BTreeMap<(usize, usize), (usize, usize, Likeness)> {
    let mut by_name: HashMap<&str, usize> = HashMap::with_capacity(forms.len());
    let mut pairs = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        if f[0].key.is_empty() {
            continue;
        }
        if let Some(&j) = by_name.get(f[0].key.as_str()) {
            pairs.entry((j, i)).or_insert((0, 0, Likeness::Same));
        } else {
            by_name.insert(&f[0].key, i);
        }
    }
    let found: Vec<Pair> = forms
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, f)| {
            let by_name = &by_name;
            f.iter().enumerate().skip(1).filter_map(move |(fi, form)| {
                let &j = by_name.get(form.key.as_str())?;
                (j != i).then_some(if j < i {
                    ((j, i), (0, fi, Likeness::Same))
                } else {
                    ((i, j), (fi, 0, Likeness::Same))
                })
            })
        })
        .collect();
    for (pair, what) in found {
        pairs.entry(pair).or_insert(what);
    }
    pairs
}

/// Personal names where one is the start of the other, both at least two
/// words long ("Abdul Rochim" and "H. Abdul Rochim Mansur"): the same
/// official written with and without the last name.
fn name_start_pairs(forms: &[Vec<Form>]) -> Vec<Pair> {
    let by_name: HashMap<&str, usize> = forms.iter().enumerate().rev().map(|(i, f)| (f[0].key.as_str(), i)).collect();
    forms
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, f)| {
            let k = &f[0].key;
            let spaces: Vec<usize> = k.match_indices(' ').map(|(at, _)| at).collect();
            let by_name = &by_name;
            // Every start of two words or more, shorter than the whole name.
            spaces.into_iter().skip(1).filter_map(move |at| {
                let &j = by_name.get(&k[..at])?;
                (j != i).then_some(if j < i {
                    ((j, i), (0, 0, Likeness::Start))
                } else {
                    ((i, j), (0, 0, Likeness::Start))
                })
            })
        })
        .collect()
}

/// Records that may say they are not the same as another.
trait Distinct {
    fn distinct_from(&self) -> &[String];
}

impl Distinct for Ormas {
    fn distinct_from(&self) -> &[String] {
        &self.distinct_from
    }
}

impl Distinct for Agency {
    fn distinct_from(&self) -> &[String] {
        &self.distinct_from
    }
}

impl Distinct for Person {
    fn distinct_from(&self) -> &[String] {
        &self.distinct_from
    }
}

fn report<T: Distinct>(
    out: &mut Vec<Diagnostic>,
    noun: &str,
    records: &[Record<T>],
    forms: &[Vec<Form>],
    pairs: BTreeMap<(usize, usize), (usize, usize, Likeness)>,
) {
    for ((a, b), (fa, fb, likeness)) in pairs {
        // Staff said these are different bodies or people.
        let said = |x: usize, y: usize| records[x].meta.distinct_from().iter().any(|id| *id == records[y].id);
        if said(a, b) || said(b, a) {
            continue;
        }
        // The warning goes on the later file and names the earlier one.
        let (first, second, f_first, f_second) =
            if records[a].origin.path() <= records[b].origin.path() { (a, b, fa, fb) } else { (b, a, fb, fa) };
        let (r1, r2) = (&records[first], &records[second]);
        let (n1, n2) = (&forms[first][f_first], &forms[second][f_second]);
        let why = match likeness {
            Likeness::Same if n1.raw == n2.raw && n1.field == n2.field => {
                format!("its {} `{}` is that record's {} too", n2.field.label(), n2.raw, n1.field.label())
            }
            Likeness::Same if n1.raw == n2.raw => {
                format!("its {} `{}` is that record's {}", n2.field.label(), n2.raw, n1.field.label())
            }
            Likeness::Same => format!(
                "its {} `{}` and that record's {} `{}` are the same name once titles, punctuation, case and abbreviations are set aside",
                n2.field.label(),
                n2.raw,
                n1.field.label(),
                n1.raw
            ),
            Likeness::Start => {
                let (short, long) = if n1.key.len() < n2.key.len() { (n1, n2) } else { (n2, n1) };
                format!("`{}` is `{}` without titles or its last name", short.raw, long.raw)
            }
        };
        let message =
            format!("this {noun} may be the same as `{}` ({}): {why}", r1.id, r1.origin.full_path().display());
        let help = match noun {
            "person" => format!(
                "if they are one person, keep one record and point activities at its id; if not, add `distinct_from: [{}]`",
                r1.id
            ),
            _ => format!(
                "if they are one body, keep one record, add the other spelling to its `{}`, and point records at its id; if not, add `distinct_from: [{}]`",
                if noun == "ormas" { "other_names" } else { "abbreviation" },
                r1.id
            ),
        };
        out.push(warn_at(&r2.origin, &n2.field.path(), message).with_help(help));
    }
}

/// A warning at `field` of a record, on its line when found.
fn warn_at(origin: &Origin, field: &str, message: String) -> Diagnostic {
    let d = Diagnostic::warning(origin.full_path(), message).with_field(field);
    crate::parse::locate::at_field(d, origin, field)
}
