//! The `terbuka` command: parses arguments, runs the library, reports.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
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
        /// The build cache folder (default: `.terbuka/` beside the output
        /// folder; keep it on the output's file system).
        #[arg(long)]
        cache_dir: Option<PathBuf>,
        /// Also write the changed-paths list here (`A`/`M`/`D`, a tab, the
        /// path; always in the cache folder as `changes.txt`).
        #[arg(long)]
        changes: Option<PathBuf>,
        /// Check every file of the output folder against the build cache,
        /// and make again any file changed by hand (otherwise the folder
        /// the last build left is trusted to hold what it wrote).
        #[arg(long)]
        verify_output: bool,
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
    /// Create a new portal repository in DIR: settings, every region of
    /// Indonesia, starter topics, the CI workflow and the web editor.
    Init {
        /// Folder to create (must be new or empty).
        dir: PathBuf,
        /// The portal's name, e.g. "Portal Transparansi Ormas Kota Tangerang".
        #[arg(long)]
        title: Option<String>,
        /// Where it will be published, e.g. https://ormas.tangerangkota.go.id/
        #[arg(long)]
        base_url: Option<String>,
        /// The portal's province or regency/city: Kemendagri code or name ("36.71", "Banten").
        #[arg(long)]
        region: Option<String>,
    },
    /// Draft an activity record from the text of a press release (as copied
    /// from a web page); prints where each value came from on stderr.
    Import {
        /// The press-release text; `-` reads standard input.
        file: PathBuf,
        /// Content folder whose records the text is matched against.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Print the record on standard output instead of writing it.
        #[arg(long)]
        stdout: bool,
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
        Command::Build { content, output, base_url, theme, strict, timings, cache_dir, changes, verify_output } => {
            let options = BuildOptions {
                content_dir: content,
                output_dir: output.clone(),
                base_url,
                theme_dir: theme,
                strict,
                cache_dir,
                changes_file: changes,
                verify_output,
            };
            match terbuka::build(&options) {
                Ok(report) => {
                    eprint!("{}", report::format(&report.warnings, Format::Human, color));
                    if let Some(note) = &report.cache_note {
                        eprintln!("note: full build: {note}");
                    }
                    if let terbuka::incremental::Mode::Staging(Some(why)) = &report.mode {
                        eprintln!("note: {why}");
                    }
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
                    let ch = report.changes;
                    if report.mode == terbuka::incremental::Mode::Unchanged {
                        eprintln!("nothing changed since the last build: no file written");
                    } else {
                        eprintln!(
                            "changes: {} added, {} modified, {} removed; {} files written, {} unchanged",
                            ch.added,
                            ch.modified,
                            ch.deleted,
                            report.written.written,
                            report.written.files - report.written.written
                        );
                    }
                    if timings {
                        let t = &report.timings;
                        for ((stage, d), memory) in t.stages.iter().zip(&t.memory) {
                            let rss = memory
                                .map(|m| {
                                    format!("  peak {:>6} MB  now {:>6} MB", m.peak / 1_000_000, m.now / 1_000_000)
                                })
                                .unwrap_or_default();
                            eprintln!("  {stage:<8} {:>8.1} ms{rss}", d.as_secs_f64() * 1e3);
                        }
                        for r in &t.reused {
                            eprintln!("  {:<8} {} file(s) carried over, {} made", r.stage, r.kept, r.made);
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
        Command::Init { dir, title, base_url, region } => {
            let (Some(title), Some(base_url), Some(region)) = (
                title.or_else(|| ask("Nama portal (title)")),
                base_url.or_else(|| ask("Alamat situs (base_url), mis. https://ormas.contoh.go.id/")),
                region.or_else(|| ask("Provinsi atau kabupaten/kota (kode Kemendagri atau nama)")),
            ) else {
                eprintln!(
                    "error: give the portal's --title, --base-url and --region (or run in a terminal to be asked)"
                );
                return ExitCode::FAILURE;
            };
            let options = terbuka::init::InitOptions { dir: dir.clone(), title, base_url, region };
            match terbuka::init::init(&options) {
                Ok(files) => {
                    for f in files {
                        println!("{}", dir.join(f).display());
                    }
                    eprintln!(
                        "created a portal in {0}: `cd {0} && terbuka serve` previews it; the editor is at /admin/",
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import { file, content, stdout } => import(&file, &content, stdout, color),
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

/// Asks for a value on the terminal; `None` when not run in one, or on an
/// empty answer.
fn ask(question: &str) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{question}: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).ok()?;
    Some(line.trim().to_string()).filter(|l| !l.is_empty())
}

/// `terbuka import`: drafts the record, writes it (or prints it), and
/// reports each value with the sentence it came from.
fn import(file: &Path, content: &Path, stdout: bool, color: bool) -> ExitCode {
    let text = if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(file)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    let today = chrono::Local::now().date_naive();
    let (draft, record, path) = match terbuka::import::import(&text, content, today) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprint!("{}", terbuka::import::report::format(&draft, color));
    if stdout {
        print!("{record}");
        return ExitCode::SUCCESS;
    }
    match terbuka::import::record::save(&path, &record) {
        Ok(()) => {
            println!("{}", path.display());
            eprintln!(
                "drafted {}: check each value above, fill what is marked GANTI, then run `terbuka check`",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
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
