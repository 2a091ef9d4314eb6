//! Deserialises YAML into the model and turns serde's errors into
//! diagnostics that say what to write instead.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, closest};

/// Parses `text[start..end]` as a `T`; on failure the diagnostic points into
/// the whole file.
pub fn deserialize<T: DeserializeOwned>(
    display_path: &Path,
    text: &Arc<str>,
    start: usize,
    end: usize,
) -> Result<T, Diagnostic> {
    let yaml = &text[start..end];
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error(display_path, "the record has no fields")
            .with_help("write the required fields between the `---` lines; `terbuka new` writes a template"));
    }
    serde_yaml::from_str(yaml).map_err(|err| explain(err, display_path, text, start))
}

/// Words of libyaml's syntax errors, as opposed to serde's type errors.
const SYNTAX: &[&str] = &[
    "did not find",
    "could not find",
    "not allowed",
    "found character",
    "while scanning",
    "while parsing",
    "unexpected end",
    "found unexpected",
];

fn explain(err: serde_yaml::Error, display_path: &Path, text: &Arc<str>, start: usize) -> Diagnostic {
    if let Some(d) = staff_mistake(&err, display_path, text, start) {
        return d;
    }
    let mut diag = describe(&err, display_path);
    if let Some(help) = list_item_help(&err, text, start) {
        diag = diag.with_help(help);
    }
    match err.location() {
        Some(loc) => {
            let at = start + loc.index();
            let end = token_end(text, at);
            diag.at(text, at, end)
        }
        None => diag,
    }
}

/// A mistake staff often make (a colon in a value, an unclosed quote, a
/// tab, wrong indentation...), found on the line where it is rather than
/// where libyaml noticed it, with the exact fix.
fn staff_mistake(err: &serde_yaml::Error, display_path: &Path, text: &Arc<str>, start: usize) -> Option<Diagnostic> {
    let full = err.to_string();
    let without_location = full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]);
    let syntax = SYNTAX.iter().any(|s| without_location.contains(s));
    // A wrongly indented line after a value reads as more of that value
    // ("21 attendees: 100" where a number was expected): look one line on.
    let type_error = without_location.contains("invalid type");
    if !(syntax || type_error) {
        return None;
    }
    let yaml = &text[start..];
    let at = err.location().map_or(usize::MAX, |l| l.line().saturating_sub(1));
    let until = if syntax { at } else { at.saturating_add(1) };
    let m = super::staff::find(yaml, until).filter(|m| syntax || yaml[..m.start].matches('\n').count() >= at)?;
    let mut d = Diagnostic::error(display_path, m.message).with_help(m.help);
    if let Some(field) = m.field {
        d = d.with_field(field);
    }
    Some(d.at(text, start + m.start, start + m.end))
}

/// For a list written without dashes, the line as a list item.
fn list_item_help(err: &serde_yaml::Error, text: &Arc<str>, start: usize) -> Option<String> {
    if !err.to_string().contains("expected a sequence") {
        return None;
    }
    let line = text[start..].lines().nth(err.location()?.line().saturating_sub(1))?;
    let item = line.trim();
    let indent = &line[..line.len() - line.trim_start().len()];
    (!item.is_empty() && !item.contains(':') && !item.starts_with(['[', '-']))
        .then(|| format!("a list has one item per line, each starting with a dash and a space: `{indent}- {item}`"))
}

/// What a serde error means for staff: the message, the fix and the field
/// it is about, without a position in the file.
pub(super) fn describe(err: &serde_yaml::Error, display_path: &Path) -> Diagnostic {
    let full = err.to_string();
    let without_location = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    let (field, message) = split_field(without_location);
    let (message, help, field) = advice(message, field);
    let mut diag = Diagnostic::error(display_path, message);
    if let Some(field) = field {
        diag = diag.with_field(field);
    }
    if let Some(help) = help {
        diag = diag.with_help(help);
    }
    diag
}

/// serde_yaml prefixes messages with the field path (`participants.ormas[0]: ...`).
fn split_field(message: &str) -> (Option<String>, &str) {
    if let Some((head, rest)) = message.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && head.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if looks_like_path {
            return (Some(head.trim_start_matches('.').to_string()), rest);
        }
    }
    (None, message)
}

/// Names quoted in backticks after "expected" in a serde message.
pub(super) fn expected_names(message: &str) -> Vec<&str> {
    let Some(i) = message.find("expected") else { return Vec::new() };
    message[i..].split('`').skip(1).step_by(2).collect()
}

fn first_backticked(message: &str) -> Option<&str> {
    message.split('`').nth(1)
}

fn join_path(parent: Option<&str>, child: &str) -> String {
    match parent {
        Some(p) if !p.is_empty() => format!("{p}.{child}"),
        _ => child.to_string(),
    }
}

/// Rewrites serde's wording into a message, a fix and the field it is about.
fn advice(message: &str, field: Option<String>) -> (String, Option<String>, Option<String>) {
    let allowed = expected_names(message);
    let listed = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
    if message.starts_with("unknown field") {
        let wrong = first_backticked(message).unwrap_or_default();
        let help = match closest(wrong, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Fields allowed here: {listed}"),
            None => format!("fields allowed here: {listed}"),
        };
        let field = Some(join_path(field.as_deref(), wrong));
        return (format!("unknown field `{wrong}`"), Some(help), field);
    }
    if message.starts_with("unknown variant") {
        let wrong = first_backticked(message).unwrap_or_default();
        let help = match closest(wrong, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed values: {listed}"),
            None => format!("allowed values: {listed}"),
        };
        return (format!("`{wrong}` is not an allowed value"), Some(help), field);
    }
    if message.starts_with("missing field") {
        let name = first_backticked(message).unwrap_or_default();
        let help = format!("add a line `{name}: ...`; it is required");
        let field = Some(join_path(field.as_deref(), name));
        return (format!("required field `{name}` is missing"), Some(help), field);
    }
    if let Some((said, iso)) = message.split_once("; write it year first: ") {
        let key = field.as_deref().and_then(|f| f.rsplit('.').next()).unwrap_or("date").to_string();
        let help = format!("write `{key}: {iso}`");
        return (said.to_string(), Some(help), field);
    }
    if message.starts_with("recursion limit exceeded") {
        let help = "a record's fields nest a few levels at most: look for a `[` or `{` that is never closed, \
                    or indentation that keeps growing";
        return ("the YAML is nested more than 128 levels deep".into(), Some(help.into()), field);
    }
    if message.starts_with("repetition limit exceeded") {
        let help = "write the values out instead of repeating them with anchors (`&name`) and aliases (`*name`)";
        return ("the YAML repeats aliases too many times".into(), Some(help.into()), field);
    }
    if message.starts_with("invalid type") {
        let help = if message.contains("expected u32") || message.contains("expected u64") {
            Some("write a whole number without quotes or separators, e.g. `21`")
        } else if message.contains("expected a sequence") {
            Some("write a list: `[a, b]`, or one `- item` per line")
        } else if message.contains("expected a string") {
            Some("write text; put it in quotes if it looks like a number or date")
        } else {
            None
        };
        return (message.to_string(), help.map(String::from), field);
    }
    (message.to_string(), None, field)
}

/// End of the token at `at`: the rest of the word, or of the line.
fn token_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    // A key is marked without its value: `venu` in `venu: Novotel`.
    let token = line.find(": ").map_or(line, |i| &line[..i]);
    at + token.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Activity;

    fn err_of(yaml: &str) -> Diagnostic {
        let text: Arc<str> = Arc::from(format!("---\n{yaml}---\n"));
        deserialize::<Activity>(Path::new("a.md"), &text, 4, text.len() - 4).unwrap_err()
    }

    const VALID: &str = "title: T\ndate: \"2024-07-12\"\nkind: sosialisasi\nregion: \"36.71\"\norganizers: [kpu]\nsources: [{title: x}]\n";

    #[test]
    fn unknown_field_suggests_the_right_name() {
        let d = err_of(&VALID.replace("organizers", "orgnizers"));
        assert_eq!(d.message, "unknown field `orgnizers`");
        assert!(d.help.unwrap().starts_with("did you mean `organizers`?"));
        assert_eq!(d.line, 6);
        assert_eq!(d.field.as_deref(), Some("orgnizers"));
    }

    #[test]
    fn bad_enum_and_bad_date_name_their_line() {
        let d = err_of(&VALID.replace("sosialisasi", "sosialsasi"));
        assert!(d.help.unwrap().contains("did you mean `sosialisasi`"));
        assert_eq!(d.line, 4);
        let d = err_of(&VALID.replace("2024-07-12", "2024-02-30"));
        assert!(d.message.contains("not a real date"), "{}", d.message);
        assert_eq!(d.line, 3);
        assert_eq!(d.field.as_deref(), Some("date"));
    }

    #[test]
    fn missing_and_unquoted_fields() {
        let d = err_of(&VALID.replace("title: T\n", ""));
        assert_eq!(d.message, "required field `title` is missing");
        let d = err_of(&VALID.replace("\"36.71\"", "36.71"));
        assert!(d.message.contains("put it in quotes"), "{}", d.message);
        assert_eq!(d.field.as_deref(), Some("region"));
    }
}
