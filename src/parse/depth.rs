//! Refuses YAML nested deeper in flow collections (`[`, `{`) than any
//! record needs, before the YAML parser sees it: libyaml's scanner keeps
//! state per open flow level and rescans it for every token, so 20,000
//! nested brackets took 13 s (time grows with the square of the depth;
//! found by the hostile-input tests, see docs/reliability.md).

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;

/// Deepest flow nesting accepted; records use three levels at most.
pub const MAX_FLOW_DEPTH: usize = 32;

/// An error at the bracket that opens level [`MAX_FLOW_DEPTH`] + 1 of
/// `text[start..end]`, if any. Quoted text and comments are skipped;
/// brackets inside plain text count, which errs on the side of the
/// parser's own view of a line.
pub fn check(display_path: &Path, text: &Arc<str>, start: usize, end: usize) -> Option<Diagnostic> {
    let yaml = &text.as_bytes()[start..end];
    if yaml.iter().filter(|&&b| b == b'[' || b == b'{').count() <= MAX_FLOW_DEPTH {
        return None;
    }
    let (mut depth, mut quote, mut comment, mut prev) = (0usize, None::<u8>, false, b'\n');
    for (i, &b) in yaml.iter().enumerate() {
        match (quote, b) {
            _ if comment => comment = b != b'\n',
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if matches!(prev, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':') => quote = Some(b),
            (None, b'#') if matches!(prev, b' ' | b'\t' | b'\n') => comment = true,
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    let at = start + i;
                    return Some(
                        Diagnostic::error(
                            display_path,
                            format!("the YAML is nested more than {MAX_FLOW_DEPTH} levels deep"),
                        )
                        .with_help(
                            "a record's fields nest a few levels at most: look for `[` or `{` that are never \
                             closed, or text that belongs in quotes",
                        )
                        .at(text, at, at + 1),
                    );
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = b;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(yaml: &str) -> Option<(usize, usize)> {
        let text: Arc<str> = Arc::from(yaml);
        check(Path::new("x.md"), &text, 0, text.len()).map(|d| (d.line, d.column))
    }

    #[test]
    fn refuses_deep_flow_nesting_at_the_bracket() {
        assert_eq!(depth_error(&format!("a: 1\nb: {}x{}\n", "[".repeat(40), "]".repeat(40))), Some((2, 36)));
        assert_eq!(depth_error(&format!("b: {}\n", "{a: ".repeat(40))), Some((2 - 1, 4 + 4 * 32)));
    }

    #[test]
    fn brackets_in_quotes_comments_and_siblings_pass() {
        let many_lists: String = (0..100).map(|i| format!("k{i}: [a, [b]]\n")).collect();
        assert_eq!(depth_error(&many_lists), None);
        assert_eq!(depth_error(&format!("t: \"{}\"\n# {}\n", "[".repeat(50), "{".repeat(50))), None);
    }
}
