//! Markdown bodies as plain text: the whole text (for search and open
//! data) and the excerpt that summarises a record everywhere it is listed.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Characters of an activity's summary: the one excerpt its card, page
/// description, feeds, CSV and calendar entry all show.
pub const SUMMARY_CHARS: usize = 220;

/// Characters of a profile page's description (ormas, partnership).
pub const DESCRIPTION_CHARS: usize = 200;

/// The Markdown extensions staff may use, the same for every reader of a body.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// An activity's summary ([`SUMMARY_CHARS`] of its text).
pub fn summary(markdown: &str) -> String {
    excerpt(markdown, SUMMARY_CHARS)
}

/// The first `max_chars` characters of the text, without markup, cut at a
/// word boundary.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(max_chars + 8);
    for event in Parser::new_ext(markdown, markdown_options()) {
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
    for event in Parser::new_ext(markdown, markdown_options()) {
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
    fn excerpts_cut_at_words() {
        let e = excerpt("# Judul\n\nKomisi **Pemilihan** Umum menggelar sosialisasi.", 30);
        assert_eq!(e, "Judul Komisi Pemilihan Umum…");
    }
}
