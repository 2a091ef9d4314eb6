//! Writes the catalogue's plain words into the templates once, when they
//! are loaded: `{{ w.search.button }}` becomes the text of `search.button`.
//!
//! A template names a word of the interface as `{{ w.<key> }}`, and `w`
//! holds each plain text as a safe string, written as it is. Rendering that
//! on every page costs a lookup of `w` and one per dot, for words that are
//! the same on every page (a page names about 80 of them: a tenth of the
//! time Tera spends on a page). Written into the template source instead,
//! they cost nothing per page, and the bytes of each page stay the same.
//! The words still come from the theme's catalogue, never from Rust.

use super::i18n::Catalogue;

/// `source` with every `{{ w.<key> }}` whose key is a plain text of
/// `catalogue` replaced by that text; left as it is when it has none.
///
/// Only the exact form `{{ w.<key> }}` is replaced: with a filter or
/// whitespace control it stays a lookup. Texts holding a newline stay
/// lookups too, so that Tera's line numbers in messages stay right.
pub fn inline(source: &str, catalogue: &Catalogue) -> String {
    const OPEN: &str = "{{ w.";
    const CLOSE: &str = " }}";
    if !source.contains(OPEN) || source.contains("{% raw") || source.contains("{%- raw") {
        return source.to_string();
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(after.len());
        let key = &after[..end];
        let text = after[end..]
            .starts_with(CLOSE)
            .then(|| catalogue.is_plain(key).then(|| catalogue.text(key)))
            .flatten()
            .filter(|t| !t.contains('\n'));
        match text {
            Some(text) => {
                out.push_str(&rest[..at]);
                out.push_str(text);
                rest = &after[end + CLOSE.len()..];
            }
            None => {
                out.push_str(&rest[..at + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a template gives the name `w` a value of its own (`set`, a
/// loop or a macro's argument): then a `{{ w.<key> }}` in it, or in a
/// template it includes, may not be the catalogue's, and no template's
/// words are written in.
pub fn shadows_w(source: &str) -> bool {
    let mut rest = source;
    while let Some(open) = rest.find("{%") {
        let tag = &rest[open + 2..];
        let close = tag.find("%}").unwrap_or(tag.len());
        let bytes = &tag.as_bytes()[..close];
        let word_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
        let standalone = (0..bytes.len()).any(|i| {
            bytes[i] == b'w' && (i == 0 || !word_char(bytes[i - 1])) && bytes.get(i + 1).is_none_or(|&b| !word_char(b))
        });
        if standalone {
            return true;
        }
        rest = &tag[close..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::Theme;

    #[test]
    fn writes_plain_words_in_and_leaves_the_rest() {
        let c = Catalogue::load(&Theme::builtin(), "id").unwrap();
        let button = c.text("search.button");
        let src = "<b>{{ w.search.button }}</b>{{ w.search.button | upper }}{{- w.search.button }}{{ w.no.such }}{{ w.date }}";
        assert_eq!(
            inline(src, &c),
            format!(
                "<b>{button}</b>{{{{ w.search.button | upper }}}}{{{{- w.search.button }}}}{{{{ w.no.such }}}}{{{{ w.date }}}}"
            )
        );
        assert_eq!(
            inline("{% raw %}{{ w.search.button }}{% endraw %}", &c),
            "{% raw %}{{ w.search.button }}{% endraw %}"
        );
    }

    #[test]
    fn sees_w_given_another_value() {
        assert!(shadows_w("{% set w = 1 %}"));
        assert!(shadows_w("{% for k, w in x %}"));
        assert!(shadows_w("{% macro m(w) %}{% endmacro %}"));
        assert!(!shadows_w("{% if w.search.button %}{% for wx in w.list %}{% endfor %}{% endif %}"));
        assert!(!shadows_w("{{ w }} w {% set a = 'x' %}"));
    }
}
