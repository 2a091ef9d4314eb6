//! YAML syntax errors in the words of the people who make them. The
//! parser reports what it expected where it gave up ("did not find
//! expected key", often on the line after the mistake); staff need the
//! line with the mistake and the line as it should be. This walks the
//! lines up to where the parser stopped and recognises the mistakes staff
//! make: a tab, a colon inside a value, an unclosed quote, a field
//! indented wrongly, a list item without `-`.

/// A mistake found on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// Byte range of the line's text (without indentation) in the YAML.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// The field the line is about, if any.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// The exact fix.
    pub help: String,
}

/// One line of the YAML.
struct Line<'a> {
    /// Byte offset of the line in the YAML.
    at: usize,
    /// Number of leading spaces.
    indent: usize,
    /// The line without indentation or line break.
    text: &'a str,
}

/// `key: value` split, when the line is a mapping entry.
fn key_value(text: &str) -> Option<(&str, &str)> {
    let t = text.strip_prefix("- ").unwrap_or(text);
    let colon = t.find(':')?;
    let key = &t[..colon];
    let simple = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let after = &t[colon + 1..];
    (simple && (after.is_empty() || after.starts_with(' '))).then(|| (key, after.trim()))
}

/// The value without a trailing ` # comment` (outside quotes).
fn without_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) if !value.starts_with(['"', '\'']) => value[..i].trim_end(),
        _ => value,
    }
}

fn quote_fix(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether a quoted value is closed on its line.
fn closes(value: &str) -> bool {
    let mut chars = value.chars();
    let Some(q) = chars.next() else { return true };
    let rest: Vec<char> = chars.collect();
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            '\\' if q == '"' => i += 1,
            c if c == q && q == '\'' && rest.get(i + 1) == Some(&'\'') => i += 1,
            c if c == q => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// The first staff mistake in `yaml` on or before line `until` (0-based;
/// the line where the parser stopped), if it is one of the known kinds.
pub fn find(yaml: &str, until: usize) -> Option<Mistake> {
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in yaml.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let body = line.trim_start_matches([' ', '\t']);
        lines.push((at, line, body));
        at += raw.len();
    }
    // Open levels: indents of mappings, and of sequences (with `true`).
    let mut levels: Vec<(usize, bool)> = Vec::new();
    // The indent of a key whose value is a block on the next lines.
    let mut parent: Option<usize> = None;
    // Inside a `|` or `>` block: lines deeper than this indent are text.
    let mut block_text: Option<usize> = None;
    for (at, line, body) in lines.iter().take(until.saturating_add(1)) {
        let lead = &line[..line.len() - body.len()];
        let l = Line { at: at + lead.len(), indent: lead.len(), text: body.trim_end() };
        if l.text.is_empty() || l.text.starts_with('#') || l.text == "---" {
            continue;
        }
        if let Some(b) = block_text {
            if l.indent > b && !lead.contains('\t') {
                continue;
            }
            block_text = None;
        }
        let span = (l.at, l.at + l.text.len());
        let mistake = |field: Option<&str>, message: String, help: String| Mistake {
            start: span.0,
            end: span.1,
            field: field.map(str::to_string),
            message,
            help,
        };
        if lead.contains('\t') {
            let fixed = format!("{}{}", lead.replace('\t', "  "), l.text);
            return Some(mistake(
                key_value(l.text).map(|(k, _)| k),
                "this line is indented with a tab; YAML allows only spaces".to_string(),
                format!("indent with spaces instead: `{fixed}`"),
            ));
        }
        let item = l.text.starts_with("- ") || l.text == "-";
        match key_value(l.text) {
            Some((key, value)) => {
                let value = without_comment(value);
                let pad = " ".repeat(l.indent + if item { 2 } else { 0 });
                let shown = |v: &str| {
                    if item { format!("{}- {key}: {v}", " ".repeat(l.indent)) } else { format!("{pad}{key}: {v}") }
                };
                if value.starts_with(['"', '\'']) && !closes(value) {
                    let inner = value.trim_start_matches(['"', '\'']);
                    return Some(mistake(
                        Some(key),
                        format!("the quote that starts the value of `{key}` is never closed"),
                        format!("end the value with the same quote: `{}`", shown(&quote_fix(inner)).trim_start()),
                    ));
                }
                let plain = !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']);
                if plain && (value.contains(": ") || value.ends_with(':')) {
                    return Some(mistake(
                        Some(key),
                        format!(
                            "the value of `{key}` contains a colon followed by a space, which YAML reads as the start of another field"
                        ),
                        format!("put the whole value in double quotes: `{}`", shown(&quote_fix(value)).trim_start()),
                    ));
                }
                if !item && let Some(bad) = misindented(&mut levels, parent, l.indent) {
                    let fixed = format!("{}{key}: {value}", " ".repeat(bad));
                    return Some(mistake(
                        Some(key),
                        format!(
                            "`{key}` is indented by {} space(s), but the fields it belongs with are indented by {bad}",
                            l.indent
                        ),
                        format!("indent it like the fields around it: `{}`", fixed.trim_end()),
                    ));
                }
                if item {
                    open(&mut levels, l.indent, true);
                    open(&mut levels, l.indent + 2, false);
                } else {
                    open(&mut levels, l.indent, false);
                }
                parent = value.is_empty().then_some(l.indent + if item { 2 } else { 0 });
                if value.starts_with(['|', '>']) {
                    block_text = Some(l.indent);
                }
            }
            None if item => {
                open(&mut levels, l.indent, true);
                parent = None;
            }
            None => {
                // A bare line where a list runs at this indent: a list item without `-`.
                if levels.iter().any(|&(i, seq)| seq && i == l.indent) {
                    let fixed = format!("{}- {}", " ".repeat(l.indent), l.text);
                    return Some(mistake(
                        None,
                        "this line is in a list but does not start with `-`".to_string(),
                        format!("start the item with a dash and a space: `{fixed}`"),
                    ));
                }
                parent = None;
            }
        }
    }
    None
}

/// Records a level at `indent`, closing deeper ones.
fn open(levels: &mut Vec<(usize, bool)>, indent: usize, seq: bool) {
    levels.retain(|&(i, s)| i < indent || (i == indent && s != seq && seq));
    if !levels.contains(&(indent, seq)) {
        levels.push((indent, seq));
    }
}

/// The indent a key at `indent` should have, when it has none of the
/// allowed ones: a new level under a key that opened a block, or a level
/// already open.
fn misindented(levels: &mut [(usize, bool)], parent: Option<usize>, indent: usize) -> Option<usize> {
    if parent.is_some_and(|p| indent > p) || levels.is_empty() {
        return None;
    }
    let maps: Vec<usize> = levels.iter().filter(|(_, seq)| !seq).map(|&(i, _)| i).collect();
    if maps.contains(&indent) {
        return None;
    }
    maps.iter().copied().min_by_key(|&i| (i.abs_diff(indent), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(yaml: &str) -> Mistake {
        find(yaml, yaml.lines().count()).unwrap_or_else(|| panic!("no mistake found in\n{yaml}"))
    }

    #[test]
    fn valid_yaml_has_no_mistake() {
        let yaml = "title: A\nparticipants:\n  ormas: [a]\n  agencies:\n    - x\n    - y\nofficials:\n  - person: q\n    role: K\nnotes: >-\n  Satu: dua\n\n  tiga\nsources:\n- title: \"x: y\"\n";
        assert_eq!(find(yaml, 100), None);
    }

    #[test]
    fn finds_each_kind() {
        assert!(first("title: A\n\tvenue: B\n").message.contains("tab"));
        assert!(
            first("venue: Novotel Tangerang: Ruang Ballroom\n").help.contains("\"Novotel Tangerang: Ruang Ballroom\"")
        );
        assert!(first("title: \"KPU Kota\nvenue: x\n").message.contains("never closed"));
        assert!(first("participants:\n  ormas_count: 21\n   attendees: 100\n").help.contains("`  attendees: 100`"));
        assert!(first("organizers:\n  - a\n  b\n").help.contains("`  - b`"));
    }
}
