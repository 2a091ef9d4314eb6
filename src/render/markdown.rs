//! Markdown to safe HTML, for page bodies (plain text and excerpts, which
//! every output shares, are in [`crate::text`]).
//!
//! Bodies are written by staff and pasted from news sites, so raw HTML in
//! them is never trusted: the HTML pulldown-cmark produces goes through
//! ammonia, which keeps formatting and drops scripts, event handlers and
//! `javascript:` links.

use std::sync::LazyLock;

use pulldown_cmark::{Parser, html};

use crate::text::markdown_options;

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

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, markdown_options()));
    SANITIZER.clean(&raw).to_string()
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
}
