//! `gen-corpus`: writes a complete, deterministic synthetic `content/` tree.
//!
//! The world (regions, agencies, people, topics, ormas and partnership identities) is built
//! first from one seeded stream; every file is then written from its own stream
//! (seed, collection, index), so the tree is byte-identical for the same N and seed however
//! rayon schedules the work.

mod activity;
mod date;
mod ormas;
mod partnership;
mod prose;
mod records;
mod regions;
mod rng;
mod topics;
mod vocab;
mod world;
mod yaml;

#[cfg(test)]
mod tests;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use world::{FIRST_YEAR, LAST_YEAR, World};

pub struct Options {
    pub activities: usize,
    /// The content root to create (it will hold `site.yaml`, `activities/`, ...).
    pub out: PathBuf,
    pub seed: u64,
    /// Number of ormas; `None` for the usual N/10. The duplicate-name check
    /// is measured at 100,000 ormas without a million activities.
    pub ormas: Option<usize>,
    /// Replace `out` if it already holds a generated tree.
    pub force: bool,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub activities: usize,
    pub ormas: usize,
    pub partnerships: usize,
    pub agencies: usize,
    pub people: usize,
    pub regions: usize,
    pub topics: usize,
    pub files: usize,
    pub bytes: u64,
}

fn prepare(out: &Path, force: bool) -> Result<()> {
    let non_empty = match fs::read_dir(out) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", out.display())),
    };
    if non_empty {
        if !force {
            bail!("{} is not empty; pass --force to replace a previously generated corpus", out.display());
        }
        if !out.join("site.yaml").is_file() {
            bail!("refusing to replace {}: it does not look like a content tree (no site.yaml)", out.display());
        }
        fs::remove_dir_all(out).with_context(|| format!("cannot remove {}", out.display()))?;
    }
    let mut dirs = vec![out.join("agencies"), out.join("people"), out.join("ormas"), out.join("partnerships")];
    dirs.extend((FIRST_YEAR..=LAST_YEAR).map(|y| out.join("activities").join(y.to_string())));
    for dir in dirs {
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> Result<u64> {
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(text.len() as u64)
}

/// Writes `n` files in parallel: `render(i, buf)` fills a per-thread reused buffer and
/// returns the file's path.
fn write_all<F>(n: usize, render: F) -> Result<u64>
where
    F: Fn(usize, &mut String) -> PathBuf + Sync,
{
    (0..n)
        .into_par_iter()
        .try_fold(
            || (String::with_capacity(16 * 1024), 0u64),
            |(mut buf, bytes), i| {
                let path = render(i, &mut buf);
                let written = write_file(&path, &buf)?;
                Ok::<_, anyhow::Error>((buf, bytes + written))
            },
        )
        .map(|r| r.map(|(_, bytes)| bytes))
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

pub fn generate(opts: &Options) -> Result<Summary> {
    let out = opts.out.as_path();
    let seed = opts.seed;
    prepare(out, opts.force)?;
    let w = World::build(seed, opts.activities, opts.ormas);

    let mut bytes = 0;
    let mut buf = String::with_capacity(64 * 1024);
    records::site(&mut buf);
    bytes += write_file(&out.join("site.yaml"), &buf)?;
    records::regions(&w, &mut buf);
    bytes += write_file(&out.join("regions.yaml"), &buf)?;
    records::topics(&mut buf);
    bytes += write_file(&out.join("topics.yaml"), &buf)?;

    let w = &w;
    // The four smaller collections share one parallel pass.
    let (na, np, no) = (w.agencies.len(), w.people.len(), w.ormas.len());
    bytes += write_all(na + np + no + w.partnerships.len(), |i, buf| {
        if i < na {
            records::agency(w, i, buf);
            out.join("agencies").join(format!("{}.yaml", w.agencies[i].id))
        } else if i < na + np {
            let i = i - na;
            records::person(w, i, buf);
            out.join("people").join(format!("{}.yaml", w.people[i].id))
        } else if i < na + np + no {
            let i = i - na - np;
            ormas::write(w, seed, i, buf);
            out.join("ormas").join(format!("{}.md", w.ormas[i].id))
        } else {
            let i = i - na - np - no;
            partnership::write(w, seed, i, buf);
            out.join("partnerships").join(format!("{}.md", w.partnerships[i].id))
        }
    })?;
    let activities = out.join("activities");
    bytes += write_all(opts.activities, |i, buf| {
        let (year, id) = activity::write(w, seed, i, buf);
        activities.join(year.to_string()).join(format!("{id}.md"))
    })?;

    let summary = Summary {
        activities: opts.activities,
        ormas: w.ormas.len(),
        partnerships: w.partnerships.len(),
        agencies: w.agencies.len(),
        people: w.people.len(),
        regions: w.regions.len(),
        topics: topics::TOPICS.len(),
        files: 0,
        bytes,
    };
    let files = 3 + summary.agencies + summary.people + summary.ormas + summary.partnerships + summary.activities;
    Ok(Summary { files, ..summary })
}
