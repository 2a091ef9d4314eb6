//! `cargo xtask <task>`: project automation for Terbuka (see `.cargo/config.toml` for the alias).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use xtask::corpus;

#[derive(Parser)]
#[command(name = "xtask", about = "Terbuka project automation")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Write a deterministic synthetic content/ tree (for benchmarks and tests).
    GenCorpus(GenCorpus),
}

#[derive(Args)]
struct GenCorpus {
    /// Number of activities; ormas are N/10, partnerships max(1, N/100).
    #[arg(long)]
    activities: usize,
    /// Number of ormas instead of N/10 (e.g. 100,000 ormas with fewer activities).
    #[arg(long)]
    ormas: Option<usize>,
    /// Content root to create: it receives site.yaml, regions.yaml, activities/, ...
    #[arg(long)]
    out: PathBuf,
    /// Seed: the same N and seed give a byte-identical tree.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Replace OUT if it already holds a generated corpus (one with a site.yaml).
    #[arg(long)]
    force: bool,
    /// Rayon worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

fn main() -> Result<()> {
    match Cli::parse().task {
        Task::GenCorpus(args) => {
            if let Some(jobs) = args.jobs {
                rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global()?;
            }
            let started = Instant::now();
            let s = corpus::generate(&corpus::Options {
                activities: args.activities,
                out: args.out.clone(),
                seed: args.seed,
                ormas: args.ormas,
                force: args.force,
            })?;
            eprintln!(
                "gen-corpus: {} activities, {} ormas, {} partnerships, {} agencies, {} people, {} regions, {} topics \
                 -> {} files, {:.1} MiB in {} ({:.2}s)",
                s.activities,
                s.ormas,
                s.partnerships,
                s.agencies,
                s.people,
                s.regions,
                s.topics,
                s.files,
                s.bytes as f64 / (1024.0 * 1024.0),
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}
