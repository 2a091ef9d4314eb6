//! Problems found in content, reported the way staff can act on them: the
//! file, the line, the field, what is wrong and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; fails the build only under `--strict`.
    Warning,
}

/// One problem in one content file.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File as the user would type it (`content/activities/2024/x.md`).
    pub file: PathBuf,
    /// 1-based line, 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Field path inside the record (`participants.ormas[1]`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file's text, for the snippet.
    #[serde(skip)]
    pub source: Option<Arc<str>>,
    /// Byte range of the offending text within `source`.
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            field: None,
            message: message.into(),
            help: None,
            source: None,
            span: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(file, message) }
    }

    /// Names the field the problem is in.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds advice on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points at bytes `start..end` of `source`, filling in line and column.
    pub fn at(mut self, source: &Arc<str>, start: usize, end: usize) -> Self {
        let start = floor_char_boundary(source, start.min(source.len()));
        let end = floor_char_boundary(source, end.clamp(start, source.len()));
        let (line, line_start) = match crate::memo::table("lines", source, || crate::memo::line_starts(source)) {
            Some(starts) => {
                let line = starts.partition_point(|&s| s <= start);
                (line, starts[line - 1])
            }
            None => {
                let before = &source[..start];
                (before.bytes().filter(|&b| b == b'\n').count() + 1, before.rfind('\n').map_or(0, |i| i + 1))
            }
        };
        self.line = line;
        // Columns count characters; in an ASCII file, bytes (a 2 MB line
        // counted per problem was quadratic).
        let ascii = crate::memo::table("ascii", source, || source.is_ascii()).is_some_and(|a| *a);
        self.column = if ascii { start - line_start } else { source[line_start..start].chars().count() } + 1;
        self.source = Some(source.clone());
        self.span = Some((start, end.max(start)));
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Every problem a build found, errors first, in file order, so that
/// output is stable from run to run.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts problems by file and position for stable reports.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
    }

    /// Keeps the first `max` problems of each file (in sorted order) and
    /// replaces the rest with one that counts them, an error if any of
    /// them was one. Call after [`Diagnostics::sort`].
    pub fn cap_per_file(&mut self, max: usize) {
        if self.0.len() <= max {
            return;
        }
        let all = std::mem::take(&mut self.0);
        for group in all.chunk_by(|a, b| a.file == b.file) {
            self.0.extend(group.iter().take(max).cloned());
            let rest = group.get(max..).unwrap_or_default();
            if let Some(first) = rest.first() {
                let message = format!("… and {} more problem(s) in this file, not listed", rest.len());
                let d = if rest.iter().any(Diagnostic::is_error) {
                    Diagnostic::error(&first.file, message)
                } else {
                    Diagnostic::warning(&first.file, message)
                };
                self.0.push(d.with_help(format!(
                    "the first {max} are listed above; fix them (they are often one mistake repeated) and check again"
                )));
            }
        }
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Whether the build must stop (`strict` also stops on warnings).
    pub fn fails(&self, strict: bool) -> bool {
        self.error_count() > 0 || (strict && !self.0.is_empty())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Joins the content folder and a record's relative path the way the user
/// sees it, for messages.
pub fn display_path(content_dir: &Path, relative: &str) -> PathBuf {
    content_dir.join(relative)
}

/// The closest of `candidates` to `wrong`, if it is close enough to be what
/// the writer meant.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_id() {
        let ids = ["kpu-kota-tangerang", "kpu-provinsi-banten", "pemkot-tangerang"];
        assert_eq!(closest("kpu-kota-tangrang", ids), Some("kpu-kota-tangerang"));
        assert_eq!(closest("zzz", ids), None);
    }

    #[test]
    fn computes_line_and_column_from_a_span() {
        let text: Arc<str> = Arc::from("a: 1\nbé: xyz\n");
        let d = Diagnostic::error("f", "m").at(&text, text.find("xyz").unwrap(), 9);
        assert_eq!((d.line, d.column), (2, 5));
    }
}
