//! Splits a Markdown record into its YAML front matter and its body.

/// Byte offsets of the parts of a record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// First byte of the YAML.
    pub yaml_start: usize,
    /// One past the last byte of the YAML.
    pub yaml_end: usize,
    /// First byte of the Markdown body.
    pub body_start: usize,
}

/// Finds the front matter between an opening `---` line and a closing
/// `---` (or `...`) line. Errors say what is missing, for the message.
pub fn split(text: &str) -> Result<Split, &'static str> {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[text_start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Err(
            "the file must start with a `---` line, then the YAML fields, then another `---` line, then the text",
        );
    }
    let yaml_start = text_start + first_line_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split { yaml_start, yaml_end: pos, body_start: line_end });
        }
        pos = line_end;
    }
    Err("the front matter is never closed: add a `---` line after the last field")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: x\n---\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml_start..s.yaml_end], "title: x\n");
        assert_eq!(&text[s.body_start..], "Body\n");
    }

    #[test]
    fn handles_crlf_and_missing_fences() {
        let s = split("---\r\na: 1\r\n---\r\nB").unwrap();
        assert_eq!(s.body_start, 16);
        assert!(split("title: x\n").is_err());
        assert!(split("---\ntitle: x\n").is_err());
    }
}
