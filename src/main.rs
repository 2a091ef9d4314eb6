//! The `terbuka` command: parses arguments, runs the library, reports.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use terbuka::report::{self, Format};
use terbuka::{BuildError, BuildOptions};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
                        for (stage, d) in &report.timings.stages {
                            eprintln!("  {stage:<8} {:>8.1} ms", d.as_secs_f64() * 1e3);
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
        other => eprintln!("error: {other}"),
    }
    ExitCode::FAILURE
}
