//! Hand-written YAML scalars: double-quoted escaped strings and plain ids.

use std::fmt;

/// A string as a double-quoted YAML scalar (`"` and `\` escaped, control characters as `\xNN`).
pub struct Q<'a>(pub &'a str);

impl fmt::Display for Q<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        let mut rest = self.0;
        while let Some(pos) = rest.find(|c: char| c == '"' || c == '\\' || c.is_control()) {
            f.write_str(&rest[..pos])?;
            let c = rest[pos..].chars().next().unwrap_or(' ');
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                c => write!(f, "\\x{:02x}", c as u32 & 0xff)?,
            }
            rest = &rest[pos + c.len_utf8()..];
        }
        f.write_str(rest)?;
        f.write_str("\"")
    }
}

/// An id or enum value: written plain when YAML would read it back as the same string,
/// quoted otherwise (e.g. all digits, `null`, `no`).
pub struct Id<'a>(pub &'a str);

const RESERVED: [&str; 14] =
    ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf", "~", "none", ""];

fn plain_safe(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !RESERVED.contains(&s)
}

impl fmt::Display for Id<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if plain_safe(self.0) { f.write_str(self.0) } else { Q(self.0).fmt(f) }
    }
}

/// A flow sequence of ids: `[a, b, c]`.
pub struct IdList<'a, S: AsRef<str>>(pub &'a [S]);

impl<S: AsRef<str>> fmt::Display for IdList<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            Id(s.as_ref()).fmt(f)?;
        }
        f.write_str("]")
    }
}

/// Lowercase ASCII slug (`a-z`, `0-9`, single `-`), cut at a word boundary near `max` bytes.
pub fn slug_into(out: &mut String, text: &str, max: usize) {
    let start = out.len();
    let mut dash = false;
    for c in text.chars() {
        let c = match c {
            'é' | 'è' | 'ê' => 'e',
            'á' | 'à' | 'â' => 'a',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && out.len() > start {
                if out.len() - start >= max {
                    break;
                }
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            dash = true;
        }
    }
}

pub fn slug(text: &str, max: usize) -> String {
    let mut s = String::with_capacity(text.len());
    slug_into(&mut s, text, max);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(Q(r#"a "b" \c"#).to_string(), r#""a \"b\" \\c""#);
        assert_eq!(Id("kpu-kota-tangerang").to_string(), "kpu-kota-tangerang");
        assert_eq!(Id("2024").to_string(), "\"2024\"");
        assert_eq!(Id("no").to_string(), "\"no\"");
        assert_eq!(slug("KPU Kota Tangerang: Ajak Ormas!", 100), "kpu-kota-tangerang-ajak-ormas");
        assert_eq!(slug("Jum'at Bersih", 100), "jumat-bersih");
    }
}
