//! Record history from git: when each record file was first published and
//! last changed, so a citizen can see that a record was edited.
//!
//! One `git log` runs for the whole content folder and its output is parsed
//! once: a process per file would take minutes at 100,000 records. Content
//! outside a git repository, or in a shallow clone (whose single commit
//! would make every record look new), simply has no history.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::NaiveDate;

/// When one record file entered the repository and when it last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordHistory {
    /// Date of the commit that added the file (following renames).
    pub first_published: NaiveDate,
    /// Date of the latest commit that changed it.
    pub last_changed: NaiveDate,
}

/// History of every record file, keyed by its path relative to the content
/// folder (`activities/2024/x.md`), as in [`crate::model::Origin::path`].
#[derive(Debug, Clone, Default)]
pub struct History {
    records: HashMap<String, RecordHistory>,
}

/// Why history could not be read; the build goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// `git` is not installed or could not start.
    #[error("cannot run git: {0}")]
    Spawn(#[source] std::io::Error),
    /// The folder is not in a repository, or the repository has no commits.
    #[error("not a git repository with commits")]
    NotARepository,
    /// A shallow clone only holds the latest commits; dates would be wrong.
    #[error("the repository is a shallow clone; fetch its full history (e.g. `fetch-depth: 0`) to show record dates")]
    Shallow,
}

/// Runs `git -C content_dir ARGS` without input and with its errors
/// silenced: the history here and the build cache's inputs stamp
/// (`incremental/inputs.rs`) ask git the same way.
pub(crate) fn git_in(content_dir: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("git").arg("-C").arg(content_dir).args(args).stdin(Stdio::null()).stderr(Stdio::null()).output()
}

impl History {
    /// Reads the history of `content_dir` with one `git log`.
    pub fn read(content_dir: &Path) -> Result<Self, HistoryError> {
        let git = |args: &[&str]| git_in(content_dir, args).map_err(HistoryError::Spawn);
        let shallow = git(&["rev-parse", "--is-shallow-repository"])?;
        if !shallow.status.success() {
            return Err(HistoryError::NotARepository);
        }
        if String::from_utf8_lossy(&shallow.stdout).trim() == "true" {
            return Err(HistoryError::Shallow);
        }
        // %x1e separates commits; -z separates statuses and paths with NULs
        // so that no file name is ever quoted or split.
        let log = git(&["log", "--format=%x1e%cI", "--name-status", "-M", "-z", "--relative", "--", "."])?;
        if !log.status.success() {
            return Err(HistoryError::NotARepository);
        }
        Ok(Self::parse(&String::from_utf8_lossy(&log.stdout)))
    }

    /// Reads the history, or none when there is none to read: a build
    /// outside git still works, it just shows no dates.
    pub fn read_or_empty(content_dir: &Path) -> Self {
        Self::read(content_dir).unwrap_or_default()
    }

    /// Parses `git log --format=%x1e%cI --name-status -M -z` output,
    /// newest commit first. Renames carry a record's history to its new
    /// path; a file deleted and added again starts a new history.
    pub fn parse(log: &str) -> Self {
        let mut records: HashMap<String, RecordHistory> = HashMap::new();
        // Older name -> the name the file has today.
        let mut renamed: HashMap<String, String> = HashMap::new();
        // Paths whose earlier life ended in a deletion.
        let mut closed: HashSet<String> = HashSet::new();
        for commit in log.split('\u{1e}').filter(|c| !c.is_empty()) {
            let mut fields = commit.split('\0');
            let Some(date) = fields.next().and_then(|d| d.get(..10)).and_then(|d| d.parse::<NaiveDate>().ok()) else {
                continue;
            };
            let mut fields = fields.map(|f| f.trim_start_matches('\n')).filter(|f| !f.is_empty()).peekable();
            while let Some(status) = fields.next() {
                let kind = status.chars().next().unwrap_or('M');
                let path = match kind {
                    'R' | 'C' => {
                        let (Some(old), Some(new)) = (fields.next(), fields.next()) else { break };
                        let current = renamed.get(new).cloned().unwrap_or_else(|| new.to_string());
                        if kind == 'R' {
                            renamed.insert(old.to_string(), current.clone());
                        }
                        current
                    }
                    _ => {
                        let Some(p) = fields.next() else { break };
                        renamed.get(p).cloned().unwrap_or_else(|| p.to_string())
                    }
                };
                if closed.contains(&path) {
                    continue;
                }
                if kind == 'D' {
                    if records.contains_key(&path) {
                        closed.insert(path);
                    }
                    continue;
                }
                records
                    .entry(path)
                    .and_modify(|h| h.first_published = date)
                    .or_insert(RecordHistory { first_published: date, last_changed: date });
            }
        }
        Self { records }
    }

    /// Every record file's dates, by path relative to the content folder.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &RecordHistory)> {
        self.records.iter()
    }

    /// The history of a record file, if it has been committed.
    pub fn get(&self, rel_path: &str) -> Option<&RecordHistory> {
        self.records.get(rel_path)
    }

    /// Number of files with a history.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no file has a history (outside git, or nothing committed).
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn follows_renames_and_restarts_after_a_deletion() {
        // Newest first: r.md re-added, then deleted; x.md renamed to z.md;
        // both added in the first commit.
        let log = "\u{1e}2024-05-01T10:00:00+07:00\0\nA\0r.md\0\
                   \u{1e}2024-04-01T10:00:00+07:00\0\nD\0r.md\0\
                   \u{1e}2024-03-01T10:00:00+07:00\0\nR090\0a/x.md\0a/z.md\0\
                   \u{1e}2024-02-01T10:00:00Z\0\nM\0a/x.md\0\
                   \u{1e}2024-01-02T10:00:00+07:00\0\nA\0a/x.md\0A\0r.md\0";
        let h = History::parse(log);
        assert_eq!(
            h.get("a/z.md"),
            Some(&RecordHistory { first_published: day("2024-01-02"), last_changed: day("2024-03-01") })
        );
        assert_eq!(h.get("a/x.md"), None, "the old name is not a record any more");
        assert_eq!(
            h.get("r.md"),
            Some(&RecordHistory { first_published: day("2024-05-01"), last_changed: day("2024-05-01") })
        );
    }

    #[test]
    fn record_pages_show_the_dates_git_knows() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
        for entry in walkdir::WalkDir::new(&fixture).into_iter().flatten() {
            let target = content.join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        let git = |args: &[&str], date: &str| {
            let ok = Command::new("git")
                .args(["-c", "user.name=Staf", "-c", "user.email=staf@example.test"])
                .args(args)
                .current_dir(tmp.path())
                .env("GIT_COMMITTER_DATE", date)
                .env("GIT_AUTHOR_DATE", date)
                .stdout(Stdio::null())
                .status()
                .unwrap()
                .success();
            assert!(ok, "git {args:?}");
        };
        git(&["init", "-q"], "2024-01-02T10:00:00+07:00");
        git(&["add", "."], "2024-01-02T10:00:00+07:00");
        git(&["commit", "-qm", "first"], "2024-01-02T10:00:00+07:00");
        let record = content.join("ormas/bamus-betawi-1982.md");
        let text = std::fs::read_to_string(&record).unwrap();
        std::fs::write(&record, text + "\nParagraf tambahan.\n").unwrap();
        git(&["commit", "-qam", "edit"], "2024-03-03T10:00:00+07:00");

        let history = History::read(&content).unwrap();
        assert_eq!(history.get("ormas/bamus-betawi-1982.md").unwrap().last_changed, day("2024-03-03"));
        let out = tmp.path().join("public");
        crate::build(&crate::BuildOptions::new(&content, &out)).unwrap();
        let page = std::fs::read_to_string(out.join("ormas/bamus-betawi-1982/index.html")).unwrap();
        assert!(
            page.contains("Pertama diterbitkan <time datetime=\"2024-01-02\">2 Januari 2024</time> · Terakhir diubah <time datetime=\"2024-03-03\">3 Maret 2024</time>"),
            "{page}"
        );
        let activity = std::fs::read_to_string(out.join("kegiatan/kpu-sosialisasi-pilkada/index.html")).unwrap();
        assert!(activity.contains("Terakhir diubah <time datetime=\"2024-01-02\">"), "unchanged since first published");
    }

    #[test]
    fn outside_git_there_is_no_history() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(History::read_or_empty(tmp.path()).is_empty());
    }
}
