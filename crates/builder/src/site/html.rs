//! HTML for places outside the app: feed entries and the per-article pages crawlers read.
//! Every text is escaped; URLs pass the contract's checks again before they are written.

use masthead_model::url::{safe_href, safe_image_src};
use masthead_model::{Align, Block, Inline};

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
    push_blocks(&mut out, blocks, base_url);
    out
}

fn push_blocks(out: &mut String, blocks: &[Block], base_url: &str) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines } => wrap(out, "p", inlines, base_url),
            Block::Heading { level, id, inlines } => {
                let level = (*level).clamp(2, 6);
                out.push_str(&format!("<h{level} id=\"{}\">", escape(id)));
                push_inlines(out, inlines, base_url);
                out.push_str(&format!("</h{level}>"));
            }
            Block::Quote { paragraphs, cite } => {
                out.push_str("<blockquote>");
                for p in paragraphs {
                    wrap(out, "p", p, base_url);
                }
                if let Some(cite) = cite {
                    out.push_str(&format!("<p>— <cite>{}</cite></p>", escape(cite)));
                }
                out.push_str("</blockquote>");
            }
            Block::List { ordered, items, nested, tasks } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for (i, item) in items.iter().enumerate() {
                    out.push_str("<li>");
                    match tasks.get(i).copied().flatten() {
                        Some(true) => out.push_str("☑ "),
                        Some(false) => out.push_str("☐ "),
                        None => {}
                    }
                    push_inlines(out, item, base_url);
                    if let Some(inner) = nested.get(i) {
                        push_blocks(out, inner, base_url);
                    }
                    out.push_str("</li>");
                }
                out.push_str(&format!("</{tag}>"));
            }
            Block::Code { language, spans } => {
                match language {
                    Some(l) => out.push_str(&format!("<pre><code class=\"language-{}\">", escape(l))),
                    None => out.push_str("<pre><code>"),
                }
                for span in spans {
                    out.push_str(&escape(&span.text));
                }
                out.push_str("</code></pre>");
            }
            Block::Table { align, head, rows, row_headers } => {
                let style = |i: usize| match align.get(i) {
                    Some(Align::Left) => " style=\"text-align:left\"",
                    Some(Align::Center) => " style=\"text-align:center\"",
                    Some(Align::Right) => " style=\"text-align:right\"",
                    _ => "",
                };
                out.push_str("<table>");
                if !head.is_empty() {
                    out.push_str("<thead><tr>");
                    for (i, cell) in head.iter().enumerate() {
                        out.push_str(&format!("<th scope=\"col\"{}>", style(i)));
                        push_inlines(out, cell, base_url);
                        out.push_str("</th>");
                    }
                    out.push_str("</tr></thead>");
                }
                out.push_str("<tbody>");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let tag = if *row_headers && i == 0 { "th scope=\"row\"" } else { "td" };
                        out.push_str(&format!("<{tag}{}>", style(i)));
                        push_inlines(out, cell, base_url);
                        out.push_str(if *row_headers && i == 0 { "</th>" } else { "</td>" });
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
            Block::Rule => out.push_str("<hr>"),
            Block::Definitions { terms } => {
                out.push_str("<dl>");
                for d in terms {
                    out.push_str("<dt>");
                    push_inlines(out, &d.term, base_url);
                    out.push_str("</dt>");
                    for detail in &d.details {
                        out.push_str("<dd>");
                        push_inlines(out, detail, base_url);
                        out.push_str("</dd>");
                    }
                }
                out.push_str("</dl>");
            }
            Block::Footnotes { notes } => {
                out.push_str("<section class=\"footnotes\"><hr><ol>");
                for note in notes {
                    out.push_str(&format!("<li id=\"fn-{}\">", escape(&note.id)));
                    push_inlines(out, &note.inlines, base_url);
                    out.push_str(&format!(" <a href=\"#fnref-{}\">↩</a></li>", escape(&note.id)));
                }
                out.push_str("</ol></section>");
            }
            Block::Image(image) => push_figure(out, image, base_url),
            Block::Gallery { images, caption } => {
                out.push_str("<figure>");
                for image in images {
                    push_figure(out, image, base_url);
                }
                if let Some(caption) = caption {
                    out.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
                }
                out.push_str("</figure>");
            }
            Block::PullQuote { inlines, cite } => {
                out.push_str("<blockquote>");
                wrap(out, "p", inlines, base_url);
                if let Some(cite) = cite {
                    out.push_str(&format!("<p>— <cite>{}</cite></p>", escape(cite)));
                }
                out.push_str("</blockquote>");
            }
            // Feeds and crawlers get the link, never the frame.
            Block::Embed(embed) => {
                if let Some(url) = safe_href(&embed.url) {
                    out.push_str(&format!(
                        "<p><a href=\"{}\">{} ({})</a></p>",
                        escape(url),
                        escape(&embed.title),
                        escape(&embed.provider_name)
                    ));
                }
            }
            Block::Unsupported => {}
        }
    }
}

fn push_figure(out: &mut String, image: &masthead_model::Image, base_url: &str) {
    let Some(src) = safe_image_src(&image.src) else { return };
    let link = image.link.as_deref().and_then(safe_href);
    out.push_str("<figure>");
    if let Some(href) = link {
        out.push_str(&format!("<a href=\"{}\">", escape(&absolute(base_url, href))));
    }
    out.push_str(&format!(
        "<img src=\"{}\" alt=\"{}\"{}{}>",
        escape(&absolute(base_url, src)),
        escape(&image.alt),
        image.width.map(|w| format!(" width=\"{w}\"")).unwrap_or_default(),
        image.height.map(|h| format!(" height=\"{h}\"")).unwrap_or_default(),
    ));
    if link.is_some() {
        out.push_str("</a>");
    }
    if let Some(caption) = &image.caption {
        out.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
    }
    out.push_str("</figure>");
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
            Inline::Strikethrough { children } => wrap(out, "del", children, base_url),
            Inline::Superscript { children } => wrap(out, "sup", children, base_url),
            Inline::Subscript { children } => wrap(out, "sub", children, base_url),
            Inline::Keyboard { text } => out.push_str(&format!("<kbd>{}</kbd>", escape(text))),
            Inline::FootnoteRef { id, number } => out.push_str(&format!(
                "<sup id=\"fnref-{}\"><a href=\"#fn-{}\">{number}</a></sup>",
                escape(id),
                escape(id)
            )),
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
