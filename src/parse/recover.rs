//! Every YAML error of a record at once: serde stops at the first problem,
//! so after one, the offending field is set aside in a parsed copy of the
//! YAML (an unknown field removed, a wrong or missing value replaced by a
//! stand-in of a type the field accepts) and the copy is checked again,
//! until it passes or nothing more can be stepped past.
//!
//! A YAML syntax error ends it: past a broken indent or quote the parser
//! cannot know what the rest of the text means. Each retry deserialises
//! the whole record, so recovery is bounded in errors and in record size.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::locate::{Step, locate, steps};
use super::yaml::{describe, deserialize, expected_names};
use crate::diagnostic::Diagnostic;

/// At most this many problems are reported for one record.
pub const MAX_ERRORS: usize = 20;

/// Records larger than this report their first problem only: each step
/// past an error re-reads the record.
pub const MAX_RECOVERY_BYTES: usize = 64 * 1024;

/// Values tried in place of a field's wrong or missing one, until the
/// field stops failing: text (also a valid date), a number, a list, a
/// mapping, a yes/no.
fn stand_ins() -> [Value; 5] {
    [
        Value::String("2000-01-01".into()),
        Value::Number(1.into()),
        Value::Sequence(Vec::new()),
        Value::Mapping(Default::default()),
        Value::Bool(false),
    ]
}

/// Parses `text[start..end]` as a `T`, or reports every problem it can.
pub fn deserialize_all<T: DeserializeOwned>(
    display_path: &Path,
    text: &Arc<str>,
    start: usize,
    end: usize,
) -> Result<T, Vec<Diagnostic>> {
    let first = match deserialize::<T>(display_path, text, start, end) {
        Ok(value) => return Ok(value),
        Err(d) => d,
    };
    let yaml = &text[start..end];
    let mut problems = vec![first];
    if yaml.len() > MAX_RECOVERY_BYTES {
        return Err(problems);
    }
    let Ok(mut value) = serde_yaml::from_str::<Value>(yaml) else { return Err(problems) };
    let mut raw = serde_yaml::from_str::<T>(yaml).err().map(|e| e.to_string()).unwrap_or_default();
    while problems.len() < MAX_ERRORS {
        let last = problems.last().expect("one problem at least");
        let Some(field) = last.field.clone() else { break };
        let unknown = last.message.starts_with("unknown field");
        match step_past::<T>(&mut value, &field, unknown, &raw, display_path) {
            Some((next, next_raw)) => {
                raw = next_raw;
                let d = match next.field.as_deref().and_then(|f| locate(yaml, f)) {
                    Some((s, e)) => next.at(text, start + s, start + e),
                    None => next,
                };
                problems.push(d);
            }
            None => break,
        }
    }
    Err(problems)
}

/// Sets aside the field at `path` and checks again: the next problem, or
/// `None` when the rest is fine or the field cannot be stepped past.
fn step_past<T: DeserializeOwned>(
    value: &mut Value,
    path: &str,
    unknown: bool,
    raw: &str,
    display_path: &Path,
) -> Option<(Diagnostic, String)> {
    let steps = steps(path);
    let (last, parents) = steps.split_last()?;
    if unknown {
        let Step::Key(key) = last else { return None };
        at_path(value, parents)?.as_mapping_mut()?.remove(key.as_str())?;
        return next_problem::<T>(value, display_path).filter(|(d, _)| d.field.as_deref() != Some(path));
    }
    // An allowed value the message names first (for a wrong enum word),
    // then values of each type.
    let named = expected_names(raw).first().map(|v| Value::String(v.to_string()));
    for stand_in in named.into_iter().chain(stand_ins()) {
        set(at_path(value, parents)?, last, stand_in)?;
        match next_problem::<T>(value, display_path) {
            None => return None,
            Some((d, raw)) if d.field.as_deref() != Some(path) => return Some((d, raw)),
            Some(_) => {}
        }
    }
    None
}

/// The first problem of the (changed) record, if any, with serde's text.
fn next_problem<T: DeserializeOwned>(value: &Value, display_path: &Path) -> Option<(Diagnostic, String)> {
    // Through text, not `from_value`: only the text deserialiser names the
    // field a problem is at.
    let yaml = serde_yaml::to_string(value).ok()?;
    serde_yaml::from_str::<T>(&yaml).err().map(|e| (describe(&e, display_path), e.to_string()))
}

fn at_path<'v>(mut value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    for step in steps {
        value = match step {
            Step::Key(k) => value.as_mapping_mut()?.get_mut(k.as_str())?,
            Step::Index(i) => value.as_sequence_mut()?.get_mut(*i)?,
        };
    }
    Some(value)
}

fn set(parent: &mut Value, step: &Step, new: Value) -> Option<()> {
    match step {
        Step::Key(k) => {
            parent.as_mapping_mut()?.insert(Value::String(k.clone()), new);
        }
        Step::Index(i) => *parent.as_sequence_mut()?.get_mut(*i)? = new,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Activity;

    fn problems(yaml: &str) -> Vec<Diagnostic> {
        let text: Arc<str> = Arc::from(format!("---\n{yaml}---\n"));
        deserialize_all::<Activity>(Path::new("a.md"), &text, 4, text.len() - 4).err().unwrap_or_default()
    }

    const VALID: &str = "title: T\ndate: \"2024-07-12\"\nkind: sosialisasi\nregion: \"36.71\"\norganizers: [kpu]\nsources: [{title: x}]\n";

    #[test]
    fn reports_every_field_error_with_its_line() {
        let yaml = VALID
            .replace("title: T\n", "")
            .replace("organizers", "orgnizers")
            .replace("sosialisasi", "sosialsasi")
            .replace("\"2024-07-12\"", "\"2024-02-30\"");
        let found: Vec<_> = problems(&yaml).iter().map(|d| (d.field.clone().unwrap_or_default(), d.line)).collect();
        let fields: Vec<_> = found.iter().map(|(f, _)| f.as_str()).collect();
        for field in ["title", "orgnizers", "kind", "date"] {
            assert!(fields.contains(&field), "{field} not reported: {found:?}");
        }
        let line = |f: &str| found.iter().find(|(x, _)| x == f).unwrap().1;
        assert_eq!((line("date"), line("kind"), line("orgnizers")), (2, 3, 5), "{found:?}");
    }

    #[test]
    fn a_valid_record_and_a_syntax_error_give_one_answer() {
        assert!(problems(VALID).is_empty());
        let broken = problems(&VALID.replace("kind: sosialisasi", "kind: [sosialisasi"));
        assert_eq!(broken.len(), 1, "{broken:?}");
    }

    #[test]
    fn stops_at_the_cap() {
        let many: String = (0..50).map(|i| format!("unknown{i}: x\n")).collect();
        assert_eq!(problems(&format!("{VALID}{many}")).len(), MAX_ERRORS);
    }
}
