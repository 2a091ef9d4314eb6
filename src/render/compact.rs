//! Drops the indentation and blank lines the templates' layout leaves in
//! every rendered page (0.7 kB per activity across its page and the lists
//! that show its card). A newline still separates what the indentation did,
//! so the page reads and renders the same; `<pre>` and `<textarea>`, where
//! white space is content, are copied as they are.

/// `html` without leading spaces and tabs on its lines and without blank
/// lines, outside `<pre>` and `<textarea>` elements.
pub fn compact(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let (plain, kept) = match find_preformatted(rest) {
            Some((start, end)) => (&rest[..start], Some(&rest[start..end])),
            None => (rest, None),
        };
        trim_lines(plain, &mut out);
        match kept {
            Some(kept) => {
                out.extend_from_slice(kept);
                rest = &rest[plain.len() + kept.len()..];
            }
            None => rest = &[],
        }
    }
    out
}

/// Copies `text` dropping each line's leading white space and empty lines
/// (the first line's indentation is kept: it may follow inline markup).
fn trim_lines(text: &[u8], out: &mut Vec<u8>) {
    for (k, line) in text.split(|&b| b == b'\n').enumerate() {
        if k > 0 {
            let trimmed = trim_start(line);
            // A blank line between two others adds nothing to the newline
            // already written.
            if trimmed.is_empty() && out.last() == Some(&b'\n') {
                continue;
            }
            if out.last() != Some(&b'\n') {
                out.push(b'\n');
            }
            out.extend_from_slice(trimmed);
        } else {
            out.extend_from_slice(line);
        }
    }
}

fn trim_start(line: &[u8]) -> &[u8] {
    let n = line.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    &line[n..]
}

/// The first `<pre ...>...</pre>` or `<textarea ...>...</textarea>` of
/// `html` (ASCII case-insensitive), as a byte range; an unclosed one runs
/// to the end.
fn find_preformatted(html: &[u8]) -> Option<(usize, usize)> {
    ["pre", "textarea"]
        .iter()
        .filter_map(|tag| {
            let open = find_tag(html, tag)?;
            let close = format!("</{tag}>");
            let end = find_ci(&html[open..], close.as_bytes()).map_or(html.len(), |i| open + i + close.len());
            Some((open, end))
        })
        .min()
}

/// Position of `<tag` followed by `>` or white space.
fn find_tag(html: &[u8], tag: &str) -> Option<usize> {
    let needle = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = find_ci(&html[from..], needle.as_bytes()) {
        let at = from + i;
        match html.get(at + needle.len()) {
            Some(b'>' | b' ' | b'\n' | b'\t' | b'\r') => return Some(at),
            _ => from = at + 1,
        }
    }
    None
}

/// Position of `needle` (which starts with `<`) in `hay`, ASCII
/// case-insensitive. Only the `<`s are tried, found with memchr: comparing
/// at every byte took a sixth of a 10k build's CPU.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memchr_iter(needle[0], hay)
        .find(|&i| hay.get(i..i + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)))
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn c(s: &str) -> String {
        String::from_utf8(compact(s.as_bytes())).unwrap()
    }

    #[test]
    fn drops_indentation_and_blank_lines() {
        assert_eq!(c("<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>\n"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert_eq!(c("a\n  b"), "a\nb");
    }

    #[test]
    fn keeps_preformatted_text_as_it_is() {
        let pre = "<div>\n  <pre><code>  x\n\n    y\n</code></pre>\n  <p>z</p>\n</div>";
        assert_eq!(c(pre), "<div>\n<pre><code>  x\n\n    y\n</code></pre>\n<p>z</p>\n</div>");
        let area = "<TEXTAREA name=t>\n  a\n</TEXTAREA>\n  <p>";
        assert_eq!(c(area), "<TEXTAREA name=t>\n  a\n</TEXTAREA>\n<p>");
        // `<preload>` is not `<pre>`.
        assert_eq!(c("<preload>\n  a"), "<preload>\na");
    }

    #[test]
    fn is_idempotent() {
        let html = "<div>\n   <pre>  k\n</pre>\n  <p>x</p>\n\n</div>\n";
        assert_eq!(c(&c(html)), c(html));
    }
}
