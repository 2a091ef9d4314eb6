//! Markdown to safe HTML, and plain-text excerpts.
//!
//! Bodies are written by staff and pasted from news sites, so raw HTML in
//! them is never trusted: the HTML pulldown-cmark produces goes through
//! ammonia, which keeps formatting and drops scripts, event handlers and
//! `javascript:` links.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        // A relative link in a body would break under a sub-path or in a
        // feed; bodies must link with full addresses.
        .url_relative(ammonia::UrlRelative::Deny)
        .add_generic_attributes(["id"])
        .id_prefix(Some("md-"));
    b
});

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    SANITIZER.clean(&raw).to_string()
}

/// The first `max_chars` characters of the text, without markup, cut at a
/// word boundary.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(max_chars + 8);
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            Event::Start(Tag::Image { .. }) | Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
        if out.len() > max_chars * 4 {
            break;
        }
    }
    truncate_words(out.split_whitespace().collect::<Vec<_>>().join(" ").as_str(), max_chars)
}

/// Plain text of the whole body, for search and data exports.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, adding `…`.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_handlers_and_javascript_links() {
        let html = to_html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href=\"https://a.id\" onclick=\"e()\">ok</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror") && !html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://a.id\""), "{html}");
    }

    #[test]
    fn excerpts_cut_at_words() {
        let e = excerpt("# Judul\n\nKomisi **Pemilihan** Umum menggelar sosialisasi.", 30);
        assert_eq!(e, "Judul Komisi Pemilihan Umum…");
    }
}
