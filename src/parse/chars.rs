//! Refuses invisible characters in a record's fields that make text show
//! something other than what it says: bidirectional embeddings, overrides
//! and isolates (the "Trojan Source" characters, which can reverse a name
//! on screen) and control characters. Right-to-left *marks* (U+200E,
//! U+200F) and right-to-left scripts are text and pass.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;

/// At most this many characters are reported per file.
const MAX_REPORTED: usize = 10;

/// What a refused character is, or `None` for an allowed one.
fn refused(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a control character"),
        '\u{80}'..='\u{9f}' => Some("a C1 control character"),
        '\u{202a}' => Some("LEFT-TO-RIGHT EMBEDDING"),
        '\u{202b}' => Some("RIGHT-TO-LEFT EMBEDDING"),
        '\u{202c}' => Some("POP DIRECTIONAL FORMATTING"),
        '\u{202d}' => Some("LEFT-TO-RIGHT OVERRIDE"),
        '\u{202e}' => Some("RIGHT-TO-LEFT OVERRIDE"),
        '\u{2066}' => Some("LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => Some("RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => Some("FIRST STRONG ISOLATE"),
        '\u{2069}' => Some("POP DIRECTIONAL ISOLATE"),
        _ => None,
    }
}

/// An error for each refused character in `text[start..end]` (the YAML
/// of a record), at its line and column, with the field it is in.
pub fn check(display_path: &Path, text: &Arc<str>, start: usize, end: usize) -> Vec<Diagnostic> {
    let yaml = &text[start..end];
    if yaml.chars().all(|c| refused(c).is_none()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, c) in yaml.char_indices() {
        let Some(what) = refused(c) else { continue };
        if out.len() == MAX_REPORTED {
            break;
        }
        let at = start + i;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let mut d =
            Diagnostic::error(display_path, format!("invisible character U+{:04X} ({what}) in a field", c as u32))
                .with_help(
                    "delete it (it often comes with text pasted from a document or a chat): it can make the text \
             on the page read differently from what is written, or break the data files",
                );
        if let Some(field) = key_of_line(&text[line_start..]) {
            d = d.with_field(field);
        }
        out.push(d.at(text, at, at + c.len_utf8()));
    }
    out
}

/// The key a YAML line sets (`name` in `  - name: x`), if it sets one.
fn key_of_line(line: &str) -> Option<&str> {
    let line = line.split('\n').next().unwrap_or("");
    let key = line.trim_start().trim_start_matches("- ").split_once(':')?.0.trim();
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    simple.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<(String, usize, usize)> {
        let text: Arc<str> = Arc::from(yaml);
        check(Path::new("x.yaml"), &text, 0, text.len())
            .into_iter()
            .map(|d| (d.field.unwrap_or_default(), d.line, d.column))
            .collect()
    }

    #[test]
    fn names_field_line_and_column() {
        assert_eq!(found("title: a\nname: Forum \u{202e}Pemuda\n"), [("name".to_string(), 2, 13)]);
        assert_eq!(found("leaders:\n  - name: a\u{7}\n"), [("name".to_string(), 2, 12)]);
    }

    #[test]
    fn marks_and_scripts_pass() {
        assert!(found("name: \u{200f}منتدى\u{200e} x\ttab\r\n").is_empty());
    }
}
