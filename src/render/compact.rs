//! Drops the indentation and blank lines the templates' layout leaves in
//! every rendered page (0.7 kB per activity across its page and the lists
//! that show its card). A newline still separates what the indentation did,
//! so the page reads and renders the same; `<pre>` and `<textarea>`, where
//! white space is content, are copied as they are.

/// `html` without leading spaces and tabs on its lines and without blank
/// lines, outside `<pre>` and `<textarea>` elements.
///
/// One pass over the page: the `<` that open a preformatted element and
/// the newlines are found with memchr, and the text between them is copied
/// a slice at a time (this runs on every page: comparing byte by byte, and
/// looking for each tag in a pass of its own, took a twentieth of a build's
/// CPU).
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
    let mut lines = Lines { rest: Some(text) };
    let Some(first) = lines.next() else { return };
    out.extend_from_slice(first);
    for line in lines {
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
    }
}

/// The lines of a text, split at `\n` (not included), found with memchr.
struct Lines<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        match memchr::memchr(b'\n', rest) {
            Some(i) => {
                self.rest = Some(&rest[i + 1..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

fn trim_start(line: &[u8]) -> &[u8] {
    let n = line.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    &line[n..]
}

/// The elements whose white space is content.
const PREFORMATTED: [&[u8]; 2] = [b"pre", b"textarea"];

/// The first `<pre ...>...</pre>` or `<textarea ...>...</textarea>` of
/// `html` (ASCII case-insensitive), as a byte range; an unclosed one runs
/// to the end.
fn find_preformatted(html: &[u8]) -> Option<(usize, usize)> {
    memchr::memchr_iter(b'<', html).find_map(|open| {
        let tag = PREFORMATTED.iter().find(|tag| opens(&html[open + 1..], tag))?;
        let end = find_close(&html[open..], tag).map_or(html.len(), |i| open + i);
        Some((open, end))
    })
}

/// Whether `after` (what follows a `<`) starts with `tag` followed by `>`
/// or white space.
fn opens(after: &[u8], tag: &[u8]) -> bool {
    after.get(..tag.len()).is_some_and(|name| name.eq_ignore_ascii_case(tag))
        && matches!(after.get(tag.len()), Some(b'>' | b' ' | b'\n' | b'\t' | b'\r'))
}

/// The end of the first `</tag>` in `hay` (ASCII case-insensitive).
fn find_close(hay: &[u8], tag: &[u8]) -> Option<usize> {
    let len = tag.len() + 3;
    memchr::memchr_iter(b'<', hay).find_map(|i| {
        let w = hay.get(i..i + len)?;
        (w[1] == b'/' && w[len - 1] == b'>' && w[2..len - 1].eq_ignore_ascii_case(tag)).then_some(i + len)
    })
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

    /// The byte-by-byte version this one replaced: both must give the same
    /// bytes for any page.
    fn reference(html: &[u8]) -> Vec<u8> {
        fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
            (0..hay.len()).find(|&i| hay.get(i..i + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)))
        }
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
        let mut out = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let found = ["pre", "textarea"]
                .iter()
                .filter_map(|tag| {
                    let open = find_tag(rest, tag)?;
                    let close = format!("</{tag}>");
                    let end = find_ci(&rest[open..], close.as_bytes()).map_or(rest.len(), |i| open + i + close.len());
                    Some((open, end))
                })
                .min();
            let (plain, kept) = match found {
                Some((s, e)) => (&rest[..s], Some(&rest[s..e])),
                None => (rest, None),
            };
            for (k, line) in plain.split(|&b| b == b'\n').enumerate() {
                if k == 0 {
                    out.extend_from_slice(line);
                    continue;
                }
                let n = line.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
                let trimmed = &line[n..];
                if trimmed.is_empty() && out.last() == Some(&b'\n') {
                    continue;
                }
                if out.last() != Some(&b'\n') {
                    out.push(b'\n');
                }
                out.extend_from_slice(trimmed);
            }
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

    #[test]
    fn gives_the_bytes_of_the_byte_by_byte_version() {
        let pieces = [
            "",
            "\n",
            "\n\n",
            "  ",
            "\t",
            "a",
            " b ",
            "<p>",
            "</p>",
            "<pre>",
            "<PRE class=x>",
            "</pre>",
            "</PrE>",
            "<preload>",
            "<pre",
            "</pre",
            "<textarea>",
            "<TextArea\nname=t>",
            "</textarea>",
            "</TEXTAREA>",
            "<",
            "/",
            ">",
            "é",
            "\r",
        ];
        // Every sequence of up to three pieces, and random long ones.
        let mut cases: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let next: Vec<String> = cases.iter().flat_map(|c| pieces.iter().map(move |p| format!("{c}{p}"))).collect();
            cases.extend(next);
            cases.sort();
            cases.dedup();
        }
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..40 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            cases.push(s);
        }
        for case in &cases {
            assert_eq!(compact(case.as_bytes()), reference(case.as_bytes()), "{case:?}");
        }
    }

    #[test]
    fn is_idempotent() {
        let html = "<div>\n   <pre>  k\n</pre>\n  <p>x</p>\n\n</div>\n";
        assert_eq!(c(&c(html)), c(html));
    }
}
