//! The `terbuka` command: parses arguments, runs the library, reports.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use terbuka::report::{self, Format};
use terbuka::{BuildError, BuildOptions};

// A build allocates millions of short-lived strings on every core; glibc's
// malloc spent a tenth of the CPU there and kept freed arenas resident.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static-site generator for public transparency portals.
#[derive(Parser)]
#[command(name = "terbuka", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from the content folder into the output folder.
    Build {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Public address of the site, overriding site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Theme folder (default: the built-in theme).
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check the content and report every problem; writes nothing.
    Check {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// How to print problems.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site while editing: serve it on 127.0.0.1, rebuild on
    /// every save and reload open browser tabs.
    Serve {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Theme folder to use and watch (default: the built-in theme).
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Also keep this folder up to date; by default nothing is written
        /// outside a temporary folder (in particular not `public/`).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Write a new record with every required field to fill in.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: NewKind,
        /// The record's id: its file name and permanent address (`kpu-sosialisasi-pilkada`).
        id: String,
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Write the JSON Schemas of the record files (for editors and CI).
    Schema {
        /// Folder to write them into.
        #[arg(long, default_value = "docs/schema")]
        out: PathBuf,
    },
}

/// The kinds of record `terbuka new` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum NewKind {
    /// A meeting or event (`activities/<year>/<id>.md`).
    Activity,
    /// An organisation (`ormas/<id>.md`).
    Ormas,
    /// A government body (`agencies/<id>.yaml`).
    Agency,
    /// An official (`people/<id>.yaml`).
    Person,
    /// An MoU, agreement or grant (`partnerships/<id>.md`).
    Partnership,
}

impl From<NewKind> for terbuka::model::Collection {
    fn from(kind: NewKind) -> Self {
        use terbuka::model::Collection;
        match kind {
            NewKind::Activity => Collection::Activities,
            NewKind::Ormas => Collection::Ormas,
            NewKind::Agency => Collection::Agencies,
            NewKind::Person => Collection::People,
            NewKind::Partnership => Collection::Partnerships,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    terbuka::configure_threads();
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Build { content, output, base_url, theme, strict, timings } => {
            let options =
                BuildOptions { content_dir: content, output_dir: output.clone(), base_url, theme_dir: theme, strict };
            match terbuka::build(&options) {
                Ok(report) => {
                    eprint!("{}", report::format(&report.warnings, Format::Human, color));
                    let c = report.counts;
                    eprintln!(
                        "built {} activities, {} ormas, {} agencies, {} officials, {} partnerships: {} files ({:.1} MB) in {}",
                        c.activities,
                        c.ormas,
                        c.agencies,
                        c.people,
                        c.partnerships,
                        report.written.files,
                        report.written.bytes as f64 / 1e6,
                        output.display()
                    );
                    if timings {
                        let t = &report.timings;
                        for ((stage, d), rss) in t.stages.iter().zip(&t.peak_rss) {
                            let rss = rss.map(|b| format!("  peak {:>6} MB", b / 1_000_000)).unwrap_or_default();
                            eprintln!("  {stage:<8} {:>8.1} ms{rss}", d.as_secs_f64() * 1e3);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e, Format::Human, color),
            }
        }
        Command::Check { content, format, strict } => match terbuka::check(&content, strict) {
            Ok(warnings) => {
                print!("{}", report::format(&warnings, format, color));
                if format == Format::Human {
                    eprintln!("content is valid ({} warning(s))", warnings.warning_count());
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(e, format, color),
        },
        Command::Serve { content, port, theme, output } => {
            let options = terbuka::serve::ServeOptions {
                theme_dir: theme,
                port,
                output_dir: output,
                ..terbuka::serve::ServeOptions::new(content)
            };
            match terbuka::serve::Server::start(options) {
                Ok(server) => {
                    println!("Serving {} at {}", server.root.display(), server.url);
                    eprintln!("watching for changes; press Ctrl+C to stop");
                    loop {
                        std::thread::park();
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { kind, id, content } => {
            let today = chrono::Local::now().date_naive();
            match terbuka::scaffold::create(&content, kind.into(), &id, today) {
                Ok(path) => {
                    println!("{}", path.display());
                    eprintln!(
                        "created {}: replace every value starting with {}, then run `terbuka check`",
                        path.display(),
                        terbuka::scaffold::PLACEHOLDER
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { out } => match terbuka::schema::write_all(&out) {
            Ok(paths) => {
                for p in paths {
                    println!("{}", p.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write schemas to `{}`: {e}", out.display());
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints why the command failed; content problems in the asked format.
fn fail(error: BuildError, format: Format, color: bool) -> ExitCode {
    match &error {
        BuildError::Content(diagnostics) => {
            let text = report::format(diagnostics, format, color);
            if format == Format::Human {
                eprint!("{text}");
                eprintln!("{error}; nothing was written");
            } else {
                print!("{text}");
            }
        }
        other => {
            eprintln!("error: {other}");
            if let Some(help) = other.help() {
                eprintln!("help: {help}");
            }
        }
    }
    ExitCode::FAILURE
}
