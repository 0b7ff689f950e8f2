//! HTML for places outside the app: feed entries and the per-article pages crawlers read.
//! Every text is escaped; URLs pass the contract's checks again before they are written.

use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Block, Inline};

/// Escapes text for HTML and XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An absolute URL from the site's base URL and a site path (`/2024/07/x`).
pub fn absolute(base_url: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("mailto:") {
        return path.to_owned();
    }
    format!("{}{path}", base_url.trim_end_matches('/'))
}

/// A body as HTML, with site paths made absolute so it reads the same in a feed reader.
pub fn body_html(blocks: &[Block], base_url: &str) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph { inlines } => wrap(&mut out, "p", inlines, base_url),
            Block::Heading { level, id, inlines } => {
                let level = (*level).clamp(2, 4);
                out.push_str(&format!("<h{level} id=\"{}\">", escape(id)));
                push_inlines(&mut out, inlines, base_url);
                out.push_str(&format!("</h{level}>"));
            }
            Block::Quote { paragraphs, cite } => {
                out.push_str("<blockquote>");
                for p in paragraphs {
                    wrap(&mut out, "p", p, base_url);
                }
                if let Some(cite) = cite {
                    out.push_str(&format!("<p>— <cite>{}</cite></p>", escape(cite)));
                }
                out.push_str("</blockquote>");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for item in items {
                    wrap(&mut out, "li", item, base_url);
                }
                out.push_str(&format!("</{tag}>"));
            }
            Block::Image(image) => {
                if let Some(src) = safe_image_src(&image.src) {
                    out.push_str(&format!(
                        "<figure><img src=\"{}\" alt=\"{}\"{}{}>",
                        escape(&absolute(base_url, src)),
                        escape(&image.alt),
                        image.width.map(|w| format!(" width=\"{w}\"")).unwrap_or_default(),
                        image.height.map(|h| format!(" height=\"{h}\"")).unwrap_or_default(),
                    ));
                    if let Some(caption) = &image.caption {
                        out.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
                    }
                    out.push_str("</figure>");
                }
            }
            Block::Unsupported => {}
        }
    }
    out
}

fn wrap(out: &mut String, tag: &str, inlines: &[Inline], base_url: &str) {
    out.push_str(&format!("<{tag}>"));
    push_inlines(out, inlines, base_url);
    out.push_str(&format!("</{tag}>"));
}

fn push_inlines(out: &mut String, inlines: &[Inline], base_url: &str) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(&escape(text)),
            Inline::Emphasis { children } => wrap(out, "em", children, base_url),
            Inline::Strong { children } => wrap(out, "strong", children, base_url),
            Inline::Code { text } => out.push_str(&format!("<code>{}</code>", escape(text))),
            Inline::Link { href, children } => match safe_href(href) {
                Some(href) => {
                    out.push_str(&format!("<a href=\"{}\">", escape(&absolute(base_url, href))));
                    push_inlines(out, children, base_url);
                    out.push_str("</a>");
                }
                None => push_inlines(out, children, base_url),
            },
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Unsupported => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_bad_links_lose_their_target() {
        let blocks = vec![Block::Paragraph {
            inlines: vec![
                Inline::text("<script>alert('x')</script> & "),
                Inline::Link { href: "javascript:alert(1)".into(), children: vec![Inline::text("bad")] },
                Inline::text(" "),
                Inline::Link { href: "/2024/07/x".into(), children: vec![Inline::text("good")] },
            ],
        }];
        assert_eq!(
            body_html(&blocks, "https://news.example/"),
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; bad <a href=\"https://news.example/2024/07/x\">good</a></p>"
        );
    }
}
