//! Prints diagnostics for people (with source snippets), for tools (JSON)
//! and for GitHub Actions (annotations on the pull request's lines).

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

/// Output formats of `terbuka check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Messages with source snippets.
    Human,
    /// One JSON array of problems.
    Json,
    /// `::error file=...,line=...::` workflow commands.
    Github,
}

/// Formats every diagnostic in `format`; `color` only affects `human`.
pub fn format(diagnostics: &Diagnostics, format: Format, color: bool) -> String {
    match format {
        Format::Human => diagnostics.0.iter().map(|d| human(d, color)).collect(),
        Format::Json => serde_json::to_string_pretty(diagnostics).unwrap_or_default() + "\n",
        Format::Github => diagnostics.0.iter().map(github).collect(),
    }
}

/// A diagnostic as miette draws it: the message, the file, the line with
/// a label under the culprit, and the help.
pub fn human(d: &Diagnostic, color: bool) -> String {
    if d.span.is_some() && !snippet_fits(d) {
        // Drawn without its snippet, the place goes in the first line.
        let plain = Diagnostic { source: None, span: None, ..d.clone() };
        let out = human(&plain, color);
        let place = format!("{}:{}:{}", d.file.display(), d.line, d.column);
        return out.replacen(&d.file.display().to_string(), &place, 1);
    }
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_wrap_lines(false);
    let report = Report::new(d);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{d}\n");
    }
    if d.span.is_none() {
        // No snippet to carry the file name: put it in the first line.
        out = format!("{}: {}", d.file.display(), out.trim_start());
    }
    out.push('\n');
    out
}

/// Files up to this size are drawn with a snippet: the renderer takes a
/// copy of the whole file for each problem, which for one large record
/// with 100,000 problems was quadratic (found by the hostile-input tests).
const MAX_SNIPPET_FILE: usize = 64 << 10;
/// Nor is a line longer than this drawn: a snippet of a 2 MB line (a flow
/// list of 100,000 ids) helps no one.
const MAX_SNIPPET_LINE: usize = 400;

fn snippet_fits(d: &Diagnostic) -> bool {
    let (Some(text), Some((start, _))) = (&d.source, d.span) else { return true };
    if text.len() > MAX_SNIPPET_FILE {
        return false;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    line_end - line_start <= MAX_SNIPPET_LINE
}

fn github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!(" — {help}"));
    }
    let title = d.field.as_deref().map(|f| format!(",title={}", escape_property(f))).unwrap_or_default();
    let place = if d.line > 0 { format!(",line={},col={}", d.line, d.column) } else { String::new() };
    format!("::{level} file={}{place}{title}::{}\n", escape_property(&d.file.to_string_lossy()), escape_data(&message))
}

/// GitHub's workflow-command escaping for the message part.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// ... and for `key=value` properties, which also reserve `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Adapter that lets miette draw a [`Diagnostic`].
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<NamedSource<String>>,
}

impl<'a> Report<'a> {
    fn new(diagnostic: &'a Diagnostic) -> Self {
        let source = diagnostic
            .source
            .as_ref()
            .map(|text| NamedSource::new(diagnostic.file.to_string_lossy(), text.to_string()).with_language("yaml"));
        Self { diagnostic, source }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.diagnostic.field {
            Some(field) => write!(f, "{} (field `{field}`)", self.diagnostic.message),
            None => f.write_str(&self.diagnostic.message),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (start, end) = self.diagnostic.span?;
        let label = match &self.diagnostic.field {
            Some(field) => format!("in `{field}`"),
            None => "here".to_string(),
        };
        Some(Box::new(std::iter::once(LabeledSpan::new(Some(label), start, end.saturating_sub(start).max(1)))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn sample() -> Diagnostics {
        let text: Arc<str> = Arc::from("---\norganizers: [kpu-kota-tangrang]\n---\n");
        let at = text.find("kpu-").unwrap();
        let d = Diagnostic::error("content/activities/2024/a.md", "there is no agency `kpu-kota-tangrang`")
            .with_field("organizers[0]")
            .with_help("did you mean `kpu-kota-tangerang`?")
            .at(&text, at, at + 17);
        Diagnostics(vec![d])
    }

    #[test]
    fn human_output_shows_file_line_snippet_and_help() {
        let out = format(&sample(), Format::Human, false);
        assert!(out.contains("content/activities/2024/a.md:2:14"), "{out}");
        assert!(out.contains("organizers: [kpu-kota-tangrang]"), "{out}");
        assert!(out.contains("did you mean `kpu-kota-tangerang`?"), "{out}");
    }

    #[test]
    fn github_output_is_a_workflow_command() {
        let out = format(&sample(), Format::Github, false);
        assert_eq!(
            out,
            "::error file=content/activities/2024/a.md,line=2,col=14,title=organizers[0]::there is no agency `kpu-kota-tangrang` — did you mean `kpu-kota-tangerang`?\n"
        );
    }

    #[test]
    fn json_output_parses() {
        let v: serde_json::Value = serde_json::from_str(&format(&sample(), Format::Json, false)).unwrap();
        assert_eq!(v[0]["line"], 2);
        assert_eq!(v[0]["field"], "organizers[0]");
        assert_eq!(v[0]["severity"], "error");
    }
}
