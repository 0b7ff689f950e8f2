//! Ghost's JSON export (Settings → Advanced → Export content): posts and pages with their
//! HTML, or their Lexical document where the export has no HTML; tags (internal `#tags`
//! left out), authors by name, feature images with alt text and caption, `featured`,
//! custom excerpts as standfirsts, published and updated times. Status: `published` (and
//! `sent`, a newsletter also on the site) is a post, `scheduled` a scheduled post, `draft`
//! a draft. Each post's old address (`/<slug>/`) is an alias.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::error::ImportError;
use super::wordpress_body::{autop, captions_in_html};
use super::{plain_text, Item, Picture, Report, Settings, Writer};
use crate::site::html::escape;

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).map_or("", str::trim)
}

/// An id, written as a string (Ghost 2 and later) or a number (Ghost 1).
fn id(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Ghost's times (`2021-03-24T04:34:10.000Z`) as RFC 3339 without the milliseconds.
fn time(value: &str) -> Option<String> {
    let v = value.trim();
    // Ghost 1 wrote `2017-07-14 10:00:00`.
    if v.len() < 19 || !matches!(v.as_bytes().get(10), Some(b'T' | b' ')) {
        return None;
    }
    let zone = v.get(19..).map(|rest| rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit())).unwrap_or("Z");
    let zone = if zone.is_empty() || zone == "+00:00" { "Z" } else { zone };
    Some(format!("{}T{}{zone}", &v[..10], &v[11..19]))
}

/// The `data` object of an export, whichever of Ghost's shapes it has.
fn data(root: &Value) -> Option<&Value> {
    root.pointer("/db/0/data").or_else(|| root.get("data")).filter(|d| d.get("posts").is_some_and(Value::is_array))
}

/// Imports `export` into `out`.
pub fn import(export: &Path, out: &Path) -> Result<(std::path::PathBuf, Report), ImportError> {
    import_with(export, out, None)
}

/// [`import`], with a copy of the old site's `content/images` folder brought along to
/// `public/images` ([`super::uploads`]).
pub fn import_with(
    export: &Path,
    out: &Path,
    images_folder: Option<&Path>,
) -> Result<(std::path::PathBuf, Report), ImportError> {
    let started = std::time::Instant::now();
    let io = |error: std::io::Error| ImportError::Write { folder: out.to_owned(), error };
    let bytes = std::fs::read(export).map_err(|error| ImportError::Read { file: export.to_owned(), error })?;
    let root: Value = serde_json::from_slice(&bytes).map_err(|e| ImportError::Unreadable {
        file: export.to_owned(),
        problem: format!("not a readable Ghost export: {e} (is the file cut short, or not JSON?)"),
    })?;
    let Some(data) = data(&root) else {
        return Err(ImportError::Unreadable {
            file: export.to_owned(),
            problem: "not a Ghost export (no db[0].data.posts); export one from Settings → Advanced → Export content"
                .into(),
        });
    };
    let version = root.pointer("/db/0/meta/version").and_then(Value::as_str).unwrap_or("unknown");
    let list = |key: &str| data.get(key).and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let settings: HashMap<&str, &str> =
        list("settings").iter().filter_map(|s| Some((s.get("key")?.as_str()?, s.get("value")?.as_str()?))).collect();
    let tags: HashMap<String, &Value> = list("tags").iter().map(|t| (id(t, "id"), t)).collect();
    let users: HashMap<String, &Value> = list("users").iter().map(|u| (id(u, "id"), u)).collect();
    let meta: HashMap<String, &Value> = list("posts_meta").iter().map(|m| (id(m, "post_id"), m)).collect();
    let mut post_tags: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    for pt in list("posts_tags") {
        let order = pt.get("sort_order").and_then(Value::as_i64).unwrap_or(0);
        post_tags.entry(id(pt, "post_id")).or_default().push((order, id(pt, "tag_id")));
    }
    let mut post_authors: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    for pa in list("posts_authors") {
        let order = pa.get("sort_order").and_then(Value::as_i64).unwrap_or(0);
        post_authors.entry(id(pa, "post_id")).or_default().push((order, id(pa, "author_id")));
    }
    let mut writer = Writer::new(out).map_err(io)?;
    let mut categories: Vec<(String, String)> = Vec::new();
    let (mut posts, mut pages, mut images, mut internal) = ((0, 0), (0, 0), 0, 0);
    let base = settings.get("url").copied().unwrap_or_default().trim_end_matches('/').to_owned();
    // Ghost's own pictures (/content/images/…, after its address or its placeholder
    // __GHOST_URL__, or as a site path in 0.x) move to /images/: the build keeps /content/
    // for its own files, and the old site goes. The report asks for the folder to be copied.
    // Other addresses on the old site keep its address.
    let moved_images = std::cell::Cell::new(0usize);
    let own = |text: &str| {
        let mut t = text.replace("__GHOST_URL__/content/images/", "/images/");
        if !base.is_empty() {
            t = t.replace(&format!("{base}/content/images/"), "/images/");
        }
        for quote in ["\"", "'", "("] {
            t = t.replace(&format!("{quote}/content/images/"), &format!("{quote}/images/"));
        }
        // A field that is the address alone (a feature image, a profile picture).
        if let Some(rest) = t.strip_prefix("/content/images/") {
            t = format!("/images/{rest}");
        }
        if t != text {
            moved_images.set(moved_images.get() + 1);
        }
        t.replace("__GHOST_URL__", &base)
    };
    for post in list("posts") {
        let id = id(post, "id");
        let id = id.as_str();
        let is_page = post.get("type").and_then(Value::as_str) == Some("page")
            || post.get("page").is_some_and(|p| p.as_bool() == Some(true) || p.as_i64() == Some(1));
        let kind = if is_page { "page" } else { "post" };
        let counter = if is_page { &mut pages } else { &mut posts };
        counter.0 += 1;
        let title = plain_text(text(post, "title"));
        let status = text(post, "status");
        let draft = match status {
            "published" | "sent" | "scheduled" => false,
            "draft" => true,
            other => {
                writer.report.left_out.push((kind.into(), id.into(), title, format!("status {other:?}")));
                continue;
            }
        };
        let title = if title.is_empty() { format!("Untitled {id}") } else { title };
        // Ghost's oldest exports write times as milliseconds since 1970.
        let when = |key: &str| {
            time(text(post, key)).or_else(|| {
                post.get(key).and_then(Value::as_i64).map(|ms| masthead_model::time::rfc3339_utc(ms.div_euclid(1000)))
            })
        };
        let published = when("published_at").or_else(|| when("created_at"));
        let Some(published) = published else {
            writer.report.left_out.push((kind.into(), id.into(), title, "no date".into()));
            continue;
        };
        // Tags: the first public one is the section; internal (#) tags are left out.
        let mut ordered = post_tags.remove(id).unwrap_or_default();
        ordered.sort_unstable();
        let mut names = Vec::new();
        let mut category = None;
        for (_, tag_id) in ordered {
            let Some(tag) = tags.get(&tag_id) else { continue };
            let name = plain_text(text(tag, "name"));
            if name.starts_with('#') || text(tag, "visibility") == "internal" {
                internal += 1;
                continue;
            }
            if category.is_none() && !is_page {
                let slug = text(tag, "slug");
                let slug = if masthead_model::url::is_valid_slug(slug) {
                    slug.to_owned()
                } else {
                    masthead_model::text::slugify(&name)
                };
                if !slug.is_empty() {
                    if !categories.iter().any(|(s, _)| *s == slug) {
                        categories.push((slug.clone(), name.clone()));
                    }
                    category = Some(slug);
                    continue;
                }
            }
            names.push(name);
        }
        let mut ordered = post_authors.remove(id).unwrap_or_default();
        // Ghost 0.x: no posts_authors table; each post names its one author.
        if ordered.is_empty() {
            let single = self::id(post, "author_id");
            if !single.is_empty() {
                ordered.push((0, single));
            }
        }
        ordered.sort_unstable();
        let authors: Vec<String> = ordered
            .iter()
            .filter_map(|(_, a)| users.get(a).map(|u| plain_text(text(u, "name"))))
            .filter(|n| !n.is_empty())
            .collect();
        let m = meta.get(id).copied().unwrap_or(&Value::Null);
        let pick = |key: &str| {
            Some(text(post, key)).filter(|v| !v.is_empty()).or_else(|| Some(text(m, key)).filter(|v| !v.is_empty()))
        };
        let image = pick("feature_image").map(|src| {
            images += 1;
            let alt = pick("feature_image_alt").map(plain_text).filter(|a| !a.is_empty()).unwrap_or_else(|| {
                writer.report.construct("feature image without alt text (the title is used)");
                title.clone()
            });
            Picture {
                src: own(src),
                alt,
                caption: pick("feature_image_caption").map(plain_text).filter(|c| !c.is_empty()),
                width: None,
                height: None,
            }
        });
        let html = text(post, "html");
        let body = if !html.is_empty() {
            // Text between blank lines would be read as Markdown: each part is a paragraph.
            own(&autop(&captions_in_html(html, &mut writer.report)))
        } else if let Some(doc) =
            post.get("lexical").and_then(Value::as_str).and_then(|l| serde_json::from_str::<Value>(l).ok())
        {
            writer.report.construct("post with only a Lexical document (converted)");
            own(&lexical(&doc, &mut writer.report))
        } else if let Some(doc) =
            post.get("mobiledoc").and_then(Value::as_str).and_then(|m| serde_json::from_str::<Value>(m).ok())
        {
            writer.report.construct("post with only a Mobiledoc document (converted)");
            own(&mobiledoc(&doc, &mut writer.report))
        } else {
            String::new()
        };
        let body = if body.trim().is_empty() { "<p></p>".to_owned() } else { body };
        let item = Item {
            source_id: id.to_owned(),
            title,
            slug: text(post, "slug").to_owned(),
            published: published.clone(),
            updated: time(text(post, "updated_at")).filter(|u| *u > published),
            expires: None,
            standfirst: pick("custom_excerpt").map(plain_text).filter(|s| !s.is_empty()),
            category: category.unwrap_or_else(|| {
                if !categories.iter().any(|(s, _)| s == "news") {
                    categories.push(("news".into(), "News".into()));
                }
                "news".into()
            }),
            tags: names,
            authors: if authors.is_empty() { vec!["Staff".into()] } else { authors },
            draft,
            featured: post.get("featured").is_some_and(|f| f.as_bool() == Some(true) || f.as_i64() == Some(1)),
            aliases: vec![format!("/{}", text(post, "slug"))],
            image,
            body: format!("{}\n", body.trim()),
        };
        counter.1 += 1;
        let written = if is_page { writer.page(item) } else { writer.post(item) };
        written.map_err(io)?;
    }
    writer.report.count("posts", posts.0, posts.1);
    writer.report.count("pages", pages.0, pages.1);
    writer.report.count("feature images", images, images);
    writer.report.count("tags", tags.len(), tags.len().saturating_sub(internal.min(tags.len())));
    for user in users.values() {
        let person = super::Person {
            name: plain_text(text(user, "name")),
            bio: plain_text(text(user, "bio")),
            avatar: Some(own(text(user, "profile_image"))),
            website: Some(text(user, "website").to_owned()),
            location: Some(plain_text(text(user, "location"))),
        };
        writer.author(&person).map_err(io)?;
    }
    writer.report.count("authors", users.len(), users.len());
    if internal > 0 {
        writer.report.construct("internal #tags on posts (left out)");
    }
    writer.report.notes.push(format!(
        "Ghost {version} export; authors' bios, pictures and websites are in authors/<slug>.md, for author pages"
    ));
    if let Some(folder) = images_folder {
        super::uploads::bring(folder, out, "/images/", &[], &mut writer.report);
    } else if moved_images.get() > 0 {
        writer.report.notes.push(
            "the old site's pictures (/content/images/… there) are now at /images/…: \
             copy the old site's content/images folder to public/images (or import again with --images)"
                .into(),
        );
    }
    writer.report.step("reading the export and writing the posts", started);
    let nav = settings
        .get("navigation")
        .and_then(|n| serde_json::from_str::<Vec<Value>>(n).ok())
        .unwrap_or_default()
        .iter()
        .map(|n| (plain_text(text(n, "label")), own(text(n, "url"))))
        .collect();
    let settings = Settings {
        name: plain_text(settings.get("title").copied().unwrap_or_default()),
        tagline: plain_text(settings.get("description").copied().unwrap_or_default()),
        base_url: base,
        locale: settings.get("locale").copied().unwrap_or("en").to_owned(),
        categories,
        privacy_url: None,
        nav,
    };
    writer.finish(&format!("the Ghost export {}", export.display()), settings).map_err(io)
}

/// A Lexical document (Ghost 5's editor) as HTML the build reads.
fn lexical(doc: &Value, report: &mut Report) -> String {
    let mut out = String::new();
    for node in doc.pointer("/root/children").and_then(Value::as_array).into_iter().flatten() {
        block(node, &mut out, report);
        out.push_str("\n\n");
    }
    out
}

/// A Mobiledoc document (Ghost 1 to 4's editor) as HTML the build reads; a Markdown card
/// stays Markdown.
fn mobiledoc(doc: &Value, report: &mut Report) -> String {
    fn array(v: Option<&Value>) -> &[Value] {
        v.and_then(Value::as_array).map_or(&[][..], Vec::as_slice)
    }
    let markups = array(doc.get("markups"));
    let atoms = array(doc.get("atoms"));
    let cards = array(doc.get("cards"));
    let nth = |list: &'_ [Value], i: Option<&Value>| {
        i.and_then(Value::as_u64).and_then(|i| list.get(usize::try_from(i).ok()?)).cloned()
    };
    // Markers: [kind (0 text, 1 atom), markups opened, how many close, text or atom index].
    let markers = |list: &[Value]| -> String {
        let mut out = String::new();
        let mut open: Vec<String> = Vec::new();
        for marker in list {
            let m = array(Some(marker));
            for index in array(m.get(1)) {
                let Some(markup) = nth(markups, Some(index)) else { continue };
                let tag = markup.get(0).and_then(Value::as_str).unwrap_or("span").to_ascii_lowercase();
                let tag = match tag.as_str() {
                    "a" | "strong" | "b" | "em" | "i" | "s" | "code" | "sup" | "sub" | "u" => tag,
                    _ => "span".to_owned(),
                };
                let attrs = array(markup.get(1));
                let href = attrs.chunks(2).find(|kv| kv.first().and_then(Value::as_str) == Some("href"));
                match (tag.as_str(), href.and_then(|kv| kv.get(1)).and_then(Value::as_str)) {
                    ("a", Some(h)) => out.push_str(&format!("<a href=\"{}\">", escape(h))),
                    _ => out.push_str(&format!("<{tag}>")),
                }
                open.push(tag);
            }
            match (m.first().and_then(Value::as_u64), m.get(3)) {
                (Some(1), index) => {
                    let atom = nth(atoms, index);
                    match atom.as_ref().and_then(|a| a.get(0)).and_then(Value::as_str) {
                        Some("soft-return") => out.push_str("<br>"),
                        _ => out.push_str(&escape(
                            atom.as_ref().and_then(|a| a.get(1)).and_then(Value::as_str).unwrap_or_default(),
                        )),
                    }
                }
                (_, Some(Value::String(t))) => out.push_str(&escape(t)),
                _ => {}
            }
            for _ in 0..m.get(2).and_then(Value::as_u64).unwrap_or(0) {
                if let Some(tag) = open.pop() {
                    out.push_str(&format!("</{tag}>"));
                }
            }
        }
        while let Some(tag) = open.pop() {
            out.push_str(&format!("</{tag}>"));
        }
        out
    };
    let mut out = String::new();
    for section in array(doc.get("sections")) {
        let s = array(Some(section));
        let tag = s.get(1).and_then(Value::as_str).unwrap_or("p").to_ascii_lowercase();
        match s.first().and_then(Value::as_u64) {
            Some(1) => {
                let tag = match tag.as_str() {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" => tag,
                    // Ghost's alternative quote, set large: a pull quote.
                    "pull-quote" | "aside" => "blockquote class=\"pullquote\"".to_owned(),
                    _ => "p".to_owned(),
                };
                let close = tag.split(' ').next().unwrap_or("p");
                out.push_str(&format!("<{tag}>{}</{close}>", markers(array(s.get(2)))));
            }
            Some(3) => {
                let tag = if tag == "ol" { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for item in array(s.get(2)) {
                    out.push_str(&format!("<li>{}</li>", markers(array(Some(item)))));
                }
                out.push_str(&format!("</{tag}>"));
            }
            Some(10) => {
                let card = nth(cards, s.get(1)).unwrap_or(Value::Null);
                let name = card.get(0).and_then(Value::as_str).unwrap_or_default();
                let payload = card.get(1).unwrap_or(&Value::Null);
                match name {
                    "markdown" | "card-markdown" => out.push_str(text(payload, "markdown")),
                    "html" => out.push_str(&autop(text(payload, "html"))),
                    "image" => out.push_str(&figure(payload)),
                    "gallery" => out.push_str(&gallery(payload)),
                    "code" => out.push_str(&code(payload)),
                    "hr" => out.push_str("<hr>"),
                    "embed" | "bookmark" => out.push_str(&format!("\n\n{}\n\n", text(payload, "url"))),
                    other => report.construct(format!("Mobiledoc card {other:?} (not carried)")),
                }
            }
            _ => {}
        }
        out.push_str("\n\n");
    }
    out
}

/// An image card or node (`src`, `alt`, `caption`; the same names in Lexical and
/// Mobiledoc) as a figure.
fn figure(card: &Value) -> String {
    let caption = plain_text(text(card, "caption"));
    let caption =
        if caption.is_empty() { String::new() } else { format!("<figcaption>{}</figcaption>", escape(&caption)) };
    // `cardWidth`: "wide" or "full" (Ghost's own classes, which the build reads).
    let class = match text(card, "cardWidth") {
        w @ ("wide" | "full") => format!(" class=\"kg-width-{w}\""),
        _ => String::new(),
    };
    let size =
        |name: &str| card.get(name).and_then(Value::as_u64).map(|n| format!(" {name}=\"{n}\"")).unwrap_or_default();
    format!(
        "<figure{class}><img src=\"{}\" alt=\"{}\"{}{}>{caption}</figure>",
        escape(text(card, "src")),
        escape(&plain_text(text(card, "alt"))),
        size("width"),
        size("height"),
    )
}

/// A gallery card or node (`images`, each as an image card, and one `caption`).
fn gallery(card: &Value) -> String {
    let mut out = String::from("<figure class=\"gallery\">");
    for image in card.get("images").and_then(Value::as_array).into_iter().flatten() {
        out.push_str(&figure(image));
    }
    let caption = plain_text(text(card, "caption"));
    if !caption.is_empty() {
        out.push_str(&format!("<figcaption>{}</figcaption>", escape(&caption)));
    }
    out.push_str("</figure>");
    out
}

/// A code card or node (`code`, `language`) as a listing the build highlights.
fn code(card: &Value) -> String {
    format!(
        "<pre><code class=\"language-{}\">{}</code></pre>",
        escape(text(card, "language")),
        escape(card.get("code").and_then(Value::as_str).unwrap_or_default())
    )
}

fn children(node: &Value, report: &mut Report) -> String {
    let mut out = String::new();
    for child in node.get("children").and_then(Value::as_array).into_iter().flatten() {
        inline(child, &mut out, report);
    }
    out
}

fn inline(node: &Value, out: &mut String, report: &mut Report) {
    match text(node, "type") {
        "text" | "extended-text" => {
            let format = node.get("format").and_then(Value::as_u64).unwrap_or(0);
            let mut s = escape(node.get("text").and_then(Value::as_str).unwrap_or_default());
            for (bit, tag) in [(16, "code"), (1, "strong"), (2, "em"), (4, "s"), (32, "sub"), (64, "sup")] {
                if format & bit != 0 {
                    s = format!("<{tag}>{s}</{tag}>");
                }
            }
            out.push_str(&s);
        }
        "linebreak" => out.push_str("<br>"),
        "link" | "autolink" => {
            out.push_str(&format!("<a href=\"{}\">{}</a>", escape(text(node, "url")), children(node, report)));
        }
        other => {
            out.push_str(&children(node, report));
            if !other.is_empty() {
                report.construct(format!("Lexical inline {other:?} (its text kept)"));
            }
        }
    }
}

fn block(node: &Value, out: &mut String, report: &mut Report) {
    match text(node, "type") {
        "paragraph" | "extended-paragraph" => out.push_str(&format!("<p>{}</p>", children(node, report))),
        "heading" | "extended-heading" => {
            let tag = match text(node, "tag") {
                t @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => t,
                _ => "h2",
            };
            out.push_str(&format!("<{tag}>{}</{tag}>", children(node, report)));
        }
        "quote" | "extended-quote" => {
            out.push_str(&format!("<blockquote><p>{}</p></blockquote>", children(node, report)))
        }
        // Ghost's alternative quote, set large: a pull quote.
        "aside" | "extended-aside" => {
            out.push_str(&format!("<blockquote class=\"pullquote\"><p>{}</p></blockquote>", children(node, report)))
        }
        "list" => {
            let tag = if text(node, "listType") == "number" { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>"));
            for item in node.get("children").and_then(Value::as_array).into_iter().flatten() {
                out.push_str(&format!("<li>{}</li>", children(item, report)));
            }
            out.push_str(&format!("</{tag}>"));
        }
        "image" => out.push_str(&figure(node)),
        "gallery" => out.push_str(&gallery(node)),
        "codeblock" => out.push_str(&code(node)),
        "horizontalrule" => out.push_str("<hr>"),
        "html" => out.push_str(&autop(text(node, "html"))),
        "embed" | "bookmark" => {
            // An address alone on a line: an embed where the build knows the provider.
            out.push_str(&format!("\n\n{}\n\n", text(node, "url")));
            report.construct(format!("Lexical {} card (kept as its address)", text(node, "type")));
        }
        other => {
            let inner = children(node, report);
            if !inner.is_empty() {
                out.push_str(&format!("<p>{inner}</p>"));
            }
            report.construct(format!("Lexical card {other:?} (not carried; any text kept)"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_lexical_documents_are_read() {
        assert_eq!(time("2021-03-24T04:34:10.000Z").as_deref(), Some("2021-03-24T04:34:10Z"));
        assert_eq!(time("2021-03-24T04:34:10.000+01:00").as_deref(), Some("2021-03-24T04:34:10+01:00"));
        assert_eq!(time("yesterday"), None);
        let doc: Value = serde_json::from_str(
            r#"{"root":{"children":[
              {"type":"paragraph","children":[{"type":"text","text":"Bold <b>","format":1},{"type":"linebreak"},
                {"type":"link","url":"https://example.com/","children":[{"type":"text","text":"link","format":0}]}]},
              {"type":"heading","tag":"h2","children":[{"type":"text","text":"Sub","format":0}]},
              {"type":"list","listType":"number","children":[{"type":"listitem","children":[{"type":"text","text":"one"}]}]},
              {"type":"image","src":"/i.png","alt":"An \"image\"","caption":"<span>Cap</span>"},
              {"type":"codeblock","code":"a < b","language":"rust"},
              {"type":"embed","url":"https://www.youtube.com/watch?v=x"},
              {"type":"paywall"}]}}"#,
        )
        .unwrap();
        let mut report = Report::default();
        let html = lexical(&doc, &mut report);
        assert!(
            html.contains("<p><strong>Bold &lt;b&gt;</strong><br><a href=\"https://example.com/\">link</a></p>"),
            "{html}"
        );
        assert!(html.contains("<h2>Sub</h2>") && html.contains("<ol><li>one</li></ol>"), "{html}");
        assert!(html.contains(
            "<figure><img src=\"/i.png\" alt=\"An &quot;image&quot;\"><figcaption>Cap</figcaption></figure>"
        ));
        assert!(html.contains("<pre><code class=\"language-rust\">a &lt; b</code></pre>"), "{html}");
        assert!(html.contains("\n\nhttps://www.youtube.com/watch?v=x\n\n"), "{html}");
        assert_eq!(report.constructs.get("Lexical card \"paywall\" (not carried; any text kept)"), Some(&1));
    }

    #[test]
    fn mobiledoc_documents_are_read() {
        let doc: Value = serde_json::from_str(
            r#"{"version":"0.3.1","atoms":[["soft-return","",{}]],
              "cards":[["markdown",{"markdown":"Some *Markdown*."}],["image",{"src":"/a.png","alt":"A","caption":"Cap"}],["mystery",{}]],
              "markups":[["a",["href","https://example.com/"]],["strong"]],
              "sections":[[1,"p",[[0,[],0,"Plain "],[0,[0,1],2,"bold link"],[1,[],0,0],[0,[],0,"<after>"]]],
                [10,0],[3,"ol",[[[0,[],0,"one"]],[[0,[],0,"two"]]]],[1,"h2",[[0,[],0,"Sub"]]],[10,1],[10,2]]}"#,
        )
        .unwrap();
        let mut report = Report::default();
        let html = mobiledoc(&doc, &mut report);
        assert!(
            html.contains(
                "<p>Plain <a href=\"https://example.com/\"><strong>bold link</strong></a><br>&lt;after&gt;</p>"
            ),
            "{html}"
        );
        assert!(html.contains("Some *Markdown*.") && html.contains("<ol><li>one</li><li>two</li></ol>"), "{html}");
        assert!(html.contains("<h2>Sub</h2>") && html.contains("<figcaption>Cap</figcaption>"), "{html}");
        assert_eq!(report.constructs.get("Mobiledoc card \"mystery\" (not carried)"), Some(&1));
    }
}
