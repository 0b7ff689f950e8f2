//! A WordPress body as the build reads it: the block editor's `<!-- wp:… -->` comments
//! dropped (an embed block becomes its address alone on a line), the classic editor's
//! blank-line paragraphs made `<p>`s (`autop`, which Ghost's old exports need too),
//! `[caption]` a figure, `[embed]` an address on its own line, `[gallery]` its images as
//! figures; other shortcodes keep their text and are named in the report.

use std::collections::HashMap;

use super::{plain_text, Picture, Report};
use crate::site::html::escape;

/// A post's HTML as Markdown the build reads: block comments out, shortcodes mapped,
/// paragraphs made.
/// `attached` are the ids of the post's own attachments, in order: a `[gallery]` that
/// names no ids shows them.
pub(super) fn body(
    html: &str,
    pictures: &HashMap<String, Picture>,
    attached: &[String],
    report: &mut Report,
) -> String {
    let text = html.replace("\r\n", "\n");
    let text = block_comments(&text, report);
    let text = shortcodes(&text, pictures, attached, report);
    autop(&text)
}

/// WordPress's `[caption]` in HTML that came from WordPress through another system (a
/// Ghost blog that was once a WordPress blog), where the shortcode's quotes were written
/// as `&quot;`: mapped as in a WordPress export. Other text is left as it is.
pub(super) fn captions_in_html(html: &str, report: &mut Report) -> String {
    if !html.contains("[caption") {
        return html.to_owned();
    }
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("[caption") {
        text.push_str(&rest[..at]);
        let end = rest[at..].find(']').map_or(rest.len(), |e| at + e + 1);
        text.push_str(&rest[at..end].replace("&quot;", "\"").replace("&#8221;", "\"").replace("&#8243;", "\""));
        rest = &rest[end..];
    }
    text.push_str(rest);
    shortcodes(&text, &HashMap::new(), &[], report)
}

/// The code shortcodes of SyntaxHighlighter Evolved and its kin, by language: `[php]…[/php]`.
/// (`[code]` and `[sourcecode]` name theirs in `lang=` or `language=`.)
const CODE_LANGUAGES: &[&str] = &[
    "as3",
    "actionscript3",
    "bash",
    "shell",
    "sh",
    "coldfusion",
    "cf",
    "clojure",
    "clj",
    "cpp",
    "c",
    "c-sharp",
    "csharp",
    "css",
    "delphi",
    "pascal",
    "diff",
    "patch",
    "erl",
    "erlang",
    "fsharp",
    "go",
    "golang",
    "groovy",
    "haskell",
    "java",
    "javafx",
    "js",
    "jscript",
    "javascript",
    "json",
    "kotlin",
    "latex",
    "tex",
    "matlab",
    "objc",
    "perl",
    "pl",
    "php",
    "plain",
    "text",
    "powershell",
    "ps",
    "py",
    "python",
    "r",
    "ruby",
    "rails",
    "rb",
    "rust",
    "scala",
    "sql",
    "swift",
    "ts",
    "typescript",
    "vb",
    "vbnet",
    "xml",
    "xhtml",
    "xslt",
    "html",
    "yaml",
    "yml",
];

/// The entities WordPress stores code with, read back as the characters they stand for.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The block editor's comments removed; an embed block is its address alone on a line.
fn block_comments(text: &str, report: &mut Report) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let next = |t: &str| [t.find("<!-- wp:"), t.find("<!-- /wp:")].into_iter().flatten().min();
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find("-->").map(|e| at + e + 3) else {
            rest = &rest[at..];
            break;
        };
        let comment = &rest[at..end];
        rest = &rest[end..];
        let name = comment.trim_start_matches("<!-- ").split_whitespace().next().unwrap_or_default();
        let is_embed = name.starts_with("wp:embed") || name.starts_with("wp:core-embed");
        if is_embed {
            // The address is in the block's attributes; the markup up to the closing comment goes.
            let url =
                comment.split("\"url\":\"").nth(1).and_then(|u| u.split('"').next()).map(|u| u.replace("\\/", "/"));
            if let (Some(url), Some(close)) = (url, rest.find("<!-- /wp:")) {
                rest = &rest[close..];
                rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
                out.push_str(&format!("\n\n{url}\n\n"));
                report.construct("block-editor embed (kept as its address)");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Shortcodes the build has an answer for are mapped; any other is named in the report
/// and its tags are dropped (its text stays).
pub(super) fn shortcodes(
    text: &str,
    pictures: &HashMap<String, Picture>,
    attached: &[String],
    report: &mut Report,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
        let Some(close) = after.find(']') else {
            out.push('[');
            rest = after;
            continue;
        };
        let attrs = &after[name.len()..close];
        let is_tag = !name.is_empty()
            && (attrs.is_empty() || attrs.starts_with(char::is_whitespace) || attrs.starts_with('/'))
            && !attrs.contains('\n');
        let closing = format!("[/{name}]");
        let paired = is_tag && after[close..].contains(&closing);
        let known = matches!(
            name.as_str(),
            "caption" | "embed" | "gallery" | "audio" | "video" | "playlist" | "wpvideo" | "gist" | "youtube"
        );
        if !is_tag || (!paired && !known && !name.contains('-') && !name.contains('_')) {
            // Brackets in prose ([sic], [1]) stay as they are.
            out.push('[');
            rest = after;
            continue;
        }
        let (inner, next) = if paired {
            let end = close + after[close..].find(&closing).unwrap_or(0);
            (&after[close + 1..end], &after[end + closing.len()..])
        } else {
            ("", &after[close + 1..])
        };
        rest = next;
        let attr = |key: &str| -> Option<String> {
            let at = attrs.find(&format!("{key}="))? + key.len() + 1;
            let value = &attrs[at..];
            match value.chars().next().filter(|c| *c == '"' || *c == '\'') {
                Some(quote) => value[1..].split(quote).next().map(str::to_owned),
                // Unquoted: up to the next space (`[code lang=php]`).
                None => value.split(char::is_whitespace).next().map(|v| v.trim_end_matches('/').to_owned()),
            }
        };
        // The first address among the attributes or the text (`[gist https://…]`).
        let address = || {
            attrs.split_whitespace().chain(inner.split_whitespace()).find_map(|w| {
                let w = w.trim_matches(['"', '\'']);
                let w = w.strip_prefix("url=").or_else(|| w.strip_prefix("id=")).unwrap_or(w);
                let w = w.trim_matches(['"', '\'']);
                (w.starts_with("https://") || w.starts_with("http://")).then(|| w.to_owned())
            })
        };
        match name.as_str() {
            "caption" => {
                // `<img …> Caption text` (the image may sit in a link).
                let split = if inner.trim_start().starts_with("<a") {
                    inner.find("</a>").map(|i| i + 4)
                } else {
                    inner.find("<img").and_then(|i| inner[i..].find('>').map(|j| i + j + 1))
                }
                .unwrap_or(0);
                let (media, caption) = inner.split_at(split);
                let caption = attr("caption").unwrap_or_else(|| caption.trim().to_owned());
                out.push_str(&format!(
                    "\n\n<figure>{}<figcaption>{}</figcaption></figure>\n\n",
                    media.trim(),
                    escape(&plain_text(&caption))
                ));
                report.construct("[caption] (a figure)");
            }
            "embed" => {
                out.push_str(&format!("\n\n{}\n\n", inner.trim()));
                report.construct("[embed] (kept as its address)");
            }
            code if paired && (code == "code" || code == "sourcecode" || CODE_LANGUAGES.contains(&code)) => {
                // SyntaxHighlighter's shortcodes: the code as written, with its language.
                let language = attr("lang")
                    .or_else(|| attr("language"))
                    .or_else(|| CODE_LANGUAGES.contains(&code).then(|| code.to_owned()))
                    .filter(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+'));
                let class =
                    language.map(|l| format!(" class=\"language-{}\"", l.to_ascii_lowercase())).unwrap_or_default();
                let text = unescape(inner.trim_matches('\n'));
                out.push_str(&format!("\n\n<pre><code{class}>{}</code></pre>\n\n", escape(&text)));
                report.construct(format!("[{code}] (a code block)"));
            }
            "gist" => match address() {
                Some(url) => {
                    out.push_str(&gist_card(&url));
                    report.construct("[gist] (a link to the gist)");
                }
                None => {
                    out.push_str(inner);
                    report.construct("[gist] without an address (not carried)");
                }
            },
            "wpvideo" | "youtube" | "video" | "audio" | "playlist" => {
                // A video by its address becomes an embed where the build knows the site;
                // VideoPress ids and uploaded files have no address a reader can use here.
                match address().or_else(|| attr("src")).or_else(|| attr("mp4")).or_else(|| attr("mp3")) {
                    Some(url) if masthead_model::embed::recognise(&url).is_some() => {
                        out.push_str(&format!("\n\n{url}\n\n"));
                        report.construct(format!("[{name}] (an embed)"));
                    }
                    Some(url) => {
                        out.push_str(&format!(
                            "\n\n<p><a href=\"{}\">{} ({})</a></p>\n\n",
                            escape(&url),
                            if name == "audio" { "Listen to the recording" } else { "Watch the video" },
                            escape(url.rsplit('/').next().unwrap_or_default())
                        ));
                        report.construct(format!("[{name}] (a link to the file: it is not played on the page)"));
                    }
                    None => report.construct(format!(
                        "[{name}] without an address the site can show (not carried: {})",
                        attrs.trim()
                    )),
                }
            }
            "gallery" => {
                let ids = attr("ids").or_else(|| attr("include")).unwrap_or_default();
                let mut found: Vec<&Picture> = ids.split(',').filter_map(|id| pictures.get(id.trim())).collect();
                // No ids: the pictures attached to the post, as WordPress shows them.
                if ids.trim().is_empty() {
                    found = attached.iter().filter_map(|id| pictures.get(id)).collect();
                }
                out.push_str("\n\n<figure class=\"gallery\">");
                for p in &found {
                    let caption = p
                        .caption
                        .as_deref()
                        .map(|c| format!("<figcaption>{}</figcaption>", escape(c)))
                        .unwrap_or_default();
                    // Its size from the attachment's metadata, so the page keeps its room.
                    let size = match (p.width, p.height) {
                        (Some(w), Some(h)) => format!(" width=\"{w}\" height=\"{h}\""),
                        _ => String::new(),
                    };
                    out.push_str(&format!(
                        "<figure><img src=\"{}\" alt=\"{}\"{size}>{caption}</figure>",
                        escape(&p.src),
                        escape(&p.alt)
                    ));
                }
                out.push_str("</figure>\n\n");
                report.construct(format!("[gallery] (a gallery of {} images)", found.len()));
            }
            other => {
                out.push_str(inner);
                report.construct(format!("[{other}] shortcode (not carried; its text kept)"));
            }
        }
    }
    out.push_str(rest);
    out
}

/// A GitHub gist as a link to it (its script is never run).
pub(crate) fn gist_card(url: &str) -> String {
    let page = url.trim_end_matches(".js");
    let name = page.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    format!("\n\n<p><a href=\"{}\">The code on GitHub (gist {})</a></p>\n\n", escape(page), escape(name))
}

/// WordPress's automatic paragraphs: text between blank lines is a paragraph, a single
/// line break is `<br>`. HTML blocks are left as they are (one that runs over blank lines
/// is kept whole), and an address alone on a line stays alone (an embed).
pub(super) fn autop(text: &str) -> String {
    // Code is kept as it is, blank lines and all: each `<pre>…</pre>` is set aside, put
    // back after the paragraphs are made, and stands as a block of its own (a figure around
    // it, Ghost's code card, is split around it: its caption follows the code).
    let (text, kept) = set_aside_code(text);
    let made = autop_paragraphs(&text);
    let mut out = String::with_capacity(made.len());
    let mut rest = made.as_str();
    while let Some(at) = rest.find(KEPT) {
        out.push_str(&rest[..at]);
        let after = &rest[at + KEPT.len_utf8()..];
        let digits = after.find(KEPT).unwrap_or(0);
        rest = &after[(digits + KEPT.len_utf8()).min(after.len())..];
        match after[..digits].parse::<usize>().ok().and_then(|n| kept.get(n)) {
            // A block of its own even where an element around it joined it to its
            // neighbours (a `<blockquote>` holding code): Markdown ends an HTML block at a
            // blank line, so the code must start one.
            Some(code) => {
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
                }
                out.push_str(code);
                if !rest.is_empty() && !rest.starts_with("\n\n") {
                    out.push_str(if rest.starts_with('\n') { "\n" } else { "\n\n" });
                }
            }
            None => out.push_str(&after[..digits]),
        }
    }
    out.push_str(rest);
    out
}

/// Marks a code block set aside by [`autop`] (a character of Unicode's private use area,
/// which no export writes).
const KEPT: char = '\u{f8ff}';

/// Every `<pre>…</pre>` in `text` replaced by a numbered mark; returns the text and the
/// blocks set aside.
fn set_aside_code(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut kept = Vec::new();
    let mut rest = text.replace(KEPT, "");
    loop {
        let lower = rest.to_ascii_lowercase();
        let open =
            lower.match_indices("<pre").map(|(i, _)| i).find(|&i| lower[i + 4..].starts_with(['>', ' ', '\n', '\t']));
        let Some(open) = open else { break };
        let Some(close) = lower[open..].find("</pre>").map(|c| open + c + "</pre>".len()) else { break };
        let (start, end) = (open, close);
        out.push_str(&rest[..start]);
        out.push_str(&format!("\n\n{KEPT}{}{KEPT}\n\n", kept.len()));
        kept.push(rest[start..end].to_owned());
        rest = rest[end..].to_owned();
    }
    out.push_str(&rest);
    (out, kept)
}

fn autop_paragraphs(text: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "figure",
        "table",
        "div",
        "hr",
        "dl",
        "iframe",
        "section",
        "aside",
        "address",
        "details",
        "form",
        "script",
        "style",
        "audio",
        "video",
    ];
    let opens_block = |chunk: &str| {
        let lower = chunk.trim_start().to_ascii_lowercase();
        lower.starts_with("<!--")
            || BLOCKS.iter().any(|b| {
                lower
                    .strip_prefix('<')
                    .and_then(|l| l.strip_prefix(b))
                    .is_some_and(|l| l.starts_with([' ', '>', '/', '\n']))
            })
    };
    // A chunk that starts an element it does not close runs on over the blank line (a list
    // or a `<pre>` with blank lines in it). Only the element a chunk starts with counts: a
    // stray unclosed tag inside a paragraph (broken or hostile HTML) must not swallow the
    // rest of the post.
    let unclosed = |chunk: &str| {
        let lower = chunk.trim_start().to_ascii_lowercase();
        ["pre", "table", "ul", "ol", "blockquote", "figure", "div", "dl"].iter().any(|t| {
            let starts = lower
                .strip_prefix('<')
                .and_then(|l| l.strip_prefix(t))
                .is_some_and(|l| l.starts_with([' ', '>', '\n']));
            let opened = lower.matches(&format!("<{t}>")).count() + lower.matches(&format!("<{t} ")).count();
            starts && opened > lower.matches(&format!("</{t}>")).count()
        })
    };
    let mut chunks: Vec<String> = Vec::new();
    for part in text.split("\n\n") {
        match chunks.last_mut() {
            Some(last) if unclosed(last) => {
                last.push_str("\n\n");
                last.push_str(part);
            }
            _ => chunks.push(part.to_owned()),
        }
    }
    let mut out = Vec::new();
    for chunk in chunks {
        let trimmed = chunk.trim();
        if trimmed.is_empty() {
            continue;
        }
        let alone_url = !trimmed.contains(char::is_whitespace)
            && (trimmed.starts_with("https://") || trimmed.starts_with("http://"));
        let code = trimmed.starts_with(KEPT) && trimmed.ends_with(KEPT);
        if code {
            out.push(trimmed.to_owned());
        } else if alone_url || opens_block(trimmed) {
            // An HTML block ends at a blank line in Markdown: one that ran over blank lines
            // loses them (a `<pre>` keeps them; it ends only at `</pre>`).
            let mut block = trimmed.to_owned();
            if !block.to_ascii_lowercase().contains("<pre") {
                while block.contains("\n\n") {
                    block = block.replace("\n\n", "\n");
                }
            }
            out.push(block);
        } else {
            out.push(format!("<p>{}</p>", trimmed.replace('\n', "<br>\n")));
        }
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_paragraphs_block_comments_and_shortcodes_become_html_the_build_reads() {
        let mut report = super::super::Report::default();
        let mut pictures = HashMap::new();
        pictures.insert(
            "7".to_owned(),
            Picture { src: "https://old.example/a.jpg".into(), alt: "A \"cat\"".into(), ..Picture::default() },
        );
        let html = "First line\nsecond line\n\n[caption id=\"x\" width=\"300\"]<img src=\"/b.jpg\" alt=\"B\"> The <b>caption</b>[/caption]\n\n\
                    [embed]https://www.youtube.com/watch?v=abc[/embed]\n\n[gallery ids=\"7,99\"]\n\n[contact-form-7 id=\"1\"]\n\n\
                    A [sic] aside and [1].\n\n<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n\n\
                    <!-- wp:embed {\"url\":\"https:\\/\\/vimeo.com\\/123\",\"type\":\"video\"} -->\n<figure><div>\nhttps://vimeo.com/123\n</div></figure>\n<!-- /wp:embed -->\n\n\
                    <pre>code\n\nmore code</pre>\n\n<!--more-->\n\nAfter";
        let out = body(html, &pictures, &[], &mut report);
        assert!(out.starts_with("<p>First line<br>\nsecond line</p>\n\n"), "{out}");
        assert!(
            out.contains("<figure><img src=\"/b.jpg\" alt=\"B\"><figcaption>The caption</figcaption></figure>"),
            "{out}"
        );
        assert!(out.contains("\n\nhttps://www.youtube.com/watch?v=abc\n\n"), "{out}");
        assert!(
            out.contains("<figure><img src=\"https://old.example/a.jpg\" alt=\"A &quot;cat&quot;\"></figure>"),
            "{out}"
        );
        assert!(out.contains("<p>A [sic] aside and [1].</p>"), "{out}");
        assert!(out.contains("<p>Block</p>") && !out.contains("wp:paragraph"), "{out}");
        assert!(out.contains("\n\nhttps://vimeo.com/123\n\n") && !out.contains("<div>"), "{out}");
        assert!(out.contains("<pre>code\n\nmore code</pre>"), "{out}");
        assert!(out.contains("<!--more-->") && out.ends_with("<p>After</p>\n"), "{out}");
        // A stray unclosed element inside a paragraph keeps to that paragraph.
        let stray = autop("Text <table><style>\n\nNext paragraph.\n\n<ul>\n<li>a</li>\n\n<li>b</li>\n</ul>");
        assert_eq!(
            stray,
            "<p>Text <table><style></p>\n\n<p>Next paragraph.</p>\n\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
        assert!(!out.contains("contact-form-7"), "{out}");
        assert_eq!(report.constructs.get("[contact-form-7] shortcode (not carried; its text kept)"), Some(&1));
    }

    #[test]
    fn a_caption_that_went_through_another_system_is_a_figure() {
        let mut report = super::super::Report::default();
        let html = "<p>Before.</p>\n<p>[caption id=&quot;attachment_21&quot; align=&quot;aligncenter&quot; width=&quot;460&quot; caption=&quot;Many errors!&quot;]<a href=\"/big.png\"><img src=\"/small.png\" alt=\"\" width=\"460\" height=\"300\" /></a>[/caption]</p>";
        let out = captions_in_html(html, &mut report);
        assert!(out.contains("<figure><a href=\"/big.png\"><img src=\"/small.png\""), "{out}");
        assert!(out.contains("<figcaption>Many errors!</figcaption></figure>") && !out.contains("[caption"), "{out}");
        assert_eq!(captions_in_html("<p>No [shortcode] here.</p>", &mut report), "<p>No [shortcode] here.</p>");
    }

    #[test]
    fn code_keeps_its_blank_lines_wherever_it_starts() {
        // A `<pre>` after a paragraph on the line before (Ghost's old HTML), and Ghost's
        // code card: each whole, as a block of its own.
        let html = "<p>Before.</p>\n<pre><code>a\n\nb</code></pre>\n<p>After.</p>\n\n\
                    <figure class=\"kg-card kg-code-card\"><pre><code class=\"language-js\">c\n\n\nd</code></pre><figcaption>A caption</figcaption></figure>";
        let out = autop(html);
        assert!(out.contains("\n\n<pre><code>a\n\nb</code></pre>\n\n"), "{out}");
        assert!(
            out.contains("<figure class=\"kg-card kg-code-card\">\n\n<pre><code class=\"language-js\">c\n\n\nd</code></pre>\n\n<figcaption>A caption</figcaption></figure>"),
            "{out}"
        );
        let blocks = crate::content::body::markdown::convert(&out).unwrap().blocks;
        let kinds: Vec<String> =
            blocks.iter().map(|b| format!("{b:?}").chars().take_while(|c| c.is_alphabetic()).collect()).collect();
        assert_eq!(kinds, ["Paragraph", "Code", "Paragraph", "Code", "Paragraph"], "{blocks:?}");
        assert!(!out.contains(KEPT), "{out}");
        // Code in a quote (a classic post's): the quote's words, then the code, whole.
        let out = autop("<blockquote><p>Said:</p><pre>x\n\ny</pre></blockquote>");
        assert!(out.contains("\n\n<pre>x\n\ny</pre>\n\n"), "{out}");
        let blocks = crate::content::body::markdown::convert(&out).unwrap().blocks;
        assert!(
            matches!(&blocks[..], [masthead_model::Block::Quote { .. }, masthead_model::Block::Code { .. }]),
            "{blocks:?}"
        );
        // A mark an export might hold is not read as one.
        assert_eq!(autop("x \u{f8ff}0\u{f8ff} y"), "<p>x 0 y</p>\n");
    }

    #[test]
    fn code_gist_video_and_gallery_shortcodes_of_the_common_plugins_come_over() {
        let mut report = super::super::Report::default();
        let mut pictures = HashMap::new();
        for id in ["7", "8"] {
            pictures.insert(
                id.to_owned(),
                Picture { src: format!("https://old.example/{id}.jpg"), alt: String::new(), ..Picture::default() },
            );
        }
        let html = "Like this:\n\n[csharp]\nvar xs = new[] { 1, 2 };\n\nif (a &lt; b) {}\n[/csharp]\n\n\
                    [code lang=php]<?php echo $a[0]; ?>[/code]\n\n[sourcecode language=\"python\"]x = 1[/sourcecode]\n\n\
                    [gist https://gist.github.com/someone/abc123]\n\n[gist id=\"https://gist.github.com/someone/def456\"]\n\n\
                    [youtube http://www.youtube.com/watch?v=dQw4w9WgXcQ]\n\n[wpvideo bd2ZMN0k]\n\n\
                    [video mp4=\"https://old.example/clip.mp4\"][/video]\n\n[gallery]";
        let out = body(html, &pictures, &["7".to_owned(), "8".to_owned()], &mut report);
        assert!(
            out.contains(
                "<pre><code class=\"language-csharp\">var xs = new[] { 1, 2 };\n\nif (a &lt; b) {}</code></pre>"
            ),
            "{out}"
        );
        assert!(out.contains("<pre><code class=\"language-php\">&lt;?php echo $a[0]; ?&gt;</code></pre>"), "{out}");
        assert!(out.contains("<pre><code class=\"language-python\">x = 1</code></pre>"), "{out}");
        assert!(out.contains("<a href=\"https://gist.github.com/someone/abc123\">The code on GitHub (gist abc123)</a>"));
        assert!(out.contains("gist.github.com/someone/def456\""), "{out}");
        assert!(out.contains("\n\nhttp://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"), "{out}");
        assert!(out.contains("<a href=\"https://old.example/clip.mp4\">Watch the video (clip.mp4)</a>"), "{out}");
        assert!(out.contains("<img src=\"https://old.example/7.jpg\" alt=\"\">"), "{out}");
        assert!(out.contains("<img src=\"https://old.example/8.jpg\" alt=\"\">"), "{out}");
        assert_eq!(report.constructs.get("[csharp] (a code block)"), Some(&1));
        assert_eq!(report.constructs.get("[gist] (a link to the gist)"), Some(&2));
        assert_eq!(report.constructs.get("[gallery] (a gallery of 2 images)"), Some(&1));
        assert!(
            report.constructs.keys().any(|k| k.starts_with("[wpvideo] without an address")),
            "{:?}",
            report.constructs
        );
        // The code, read by the build, is one block each, blank lines and all.
        let blocks = crate::content::body::markdown::convert(&out).unwrap().blocks;
        let code: Vec<String> = blocks
            .iter()
            .filter_map(|b| match b {
                masthead_model::Block::Code { spans, .. } => Some(spans.iter().map(|s| s.text.as_str()).collect()),
                _ => None,
            })
            .collect();
        assert_eq!(code[0], "var xs = new[] { 1, 2 };\n\nif (a < b) {}");
        assert_eq!(code.len(), 3, "{blocks:#?}");
    }
}
