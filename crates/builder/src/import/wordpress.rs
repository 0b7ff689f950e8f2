//! WordPress's own export (WXR: Tools → Export), read as a stream (quick-xml) in two
//! passes, so an export of any size is never held whole: the first collects the site, its
//! authors, categories and attachments; the second writes each post and page as it is read.
//!
//! Status: `publish` is a post, `future` a scheduled post (left out until its time),
//! `draft` and `pending` drafts; `private`, `trash`, `auto-draft` and other types are left
//! out and counted. Sticky posts are featured. Each post's old permalink is an alias. Bodies:
//! the block editor's `<!-- wp:… -->` comments are dropped (an embed block becomes its
//! address alone on a line), the classic editor's blank-line paragraphs become `<p>`s,
//! `[caption]` a figure, `[embed]` an address on its own line, `[gallery]` its images as
//! figures; other shortcodes keep their text and are named in the report.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::Event;

use super::error::ImportError;
use super::wordpress_body::body;
use super::{old_path, plain_text, Item, Picture, Settings, Writer};

/// One `<item>`: its direct children's text, its categories and its post meta.
#[derive(Debug, Default)]
struct Raw {
    fields: HashMap<String, String>,
    /// (domain, nicename, name)
    terms: Vec<(String, String, String)>,
    meta: Vec<(String, String)>,
}

impl Raw {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |s| s.trim())
    }
    fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())
    }
}

/// The channel's own fields and its authors, categories.
#[derive(Debug, Default)]
struct Channel {
    fields: HashMap<String, String>,
    /// login → display name
    authors: HashMap<String, String>,
    /// (nicename, name)
    categories: Vec<(String, String)>,
    /// term id → (nicename, name), for menus that point at a category.
    category_ids: HashMap<String, (String, String)>,
    tags: usize,
    /// Whether the file is an RSS document at all.
    seen_rss: bool,
}

/// Reads every item of the export, calling `each` on it; returns the channel, and the
/// problem that stopped the reading early, if one did (the items before it were read).
fn read(
    file: &Path,
    each: impl FnMut(Raw) -> std::io::Result<()>,
) -> Result<(Channel, Option<ImportError>), ImportError> {
    let mut channel = Channel::default();
    match read_into(file, &mut channel, each) {
        Ok(()) => Ok((channel, None)),
        Err(e) if channel.seen_rss => Ok((channel, Some(e))),
        Err(e) => Err(e),
    }
}

fn read_into(
    file: &Path,
    channel: &mut Channel,
    mut each: impl FnMut(Raw) -> std::io::Result<()>,
) -> Result<(), ImportError> {
    let handle = std::fs::File::open(file).map_err(|e| ImportError::Read { file: file.to_owned(), error: e })?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::with_capacity(1 << 16, handle));
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut item: Option<Raw> = None;
    let mut author: HashMap<String, String> = HashMap::new();
    let mut term: (String, String) = Default::default();
    let mut term_id = String::new();
    let mut meta: (String, String) = Default::default();
    let mut pending_attrs: (String, String) = Default::default();
    let mut buf = Vec::new();
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event_into(&mut buf).map_err(|e| ImportError::Unreadable {
            file: file.to_owned(),
            problem: format!(
                "not a readable WordPress export at byte {position}: {e} (the items before it were read; \
                     is the file cut short, or not UTF-8?)"
            ),
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                if name == "rss" {
                    channel.seen_rss = true;
                }
                if name == "item" && stack.last().is_some_and(|p| p == "channel") {
                    item = Some(Raw::default());
                }
                if name == "category" {
                    let attr = |key: &str| {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == key)
                            .and_then(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
                            })
                            .unwrap_or_default()
                    };
                    pending_attrs = (attr("domain"), attr("nicename"));
                }
                stack.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => text.push_str(match r.into_inner().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let parent = stack.last().map(String::as_str).unwrap_or_default();
                let value = std::mem::take(&mut text);
                match (parent, name.as_str()) {
                    ("channel", "item") => {
                        if let Some(raw) = item.take() {
                            each(raw).map_err(ImportError::Writing)?;
                        }
                    }
                    ("channel", "wp:author") => {
                        let login = author.remove("wp:author_login").unwrap_or_default();
                        let display =
                            author.remove("wp:author_display_name").map(|d| plain_text(&d)).filter(|d| !d.is_empty());
                        channel.authors.insert(login.trim().to_owned(), display.unwrap_or_else(|| login.clone()));
                        author.clear();
                    }
                    ("wp:author", field) => {
                        author.insert(field.to_owned(), value);
                    }
                    ("channel", "wp:category") => {
                        let term = std::mem::take(&mut term);
                        channel.category_ids.insert(std::mem::take(&mut term_id).trim().to_owned(), term.clone());
                        channel.categories.push(term);
                    }
                    ("wp:category", "wp:term_id") => term_id = value,
                    ("wp:category", "wp:category_nicename") => term.0 = value.trim().to_owned(),
                    ("wp:category", "wp:cat_name") => term.1 = plain_text(&value),
                    ("channel", "wp:tag") => channel.tags += 1,
                    ("channel", field) => {
                        channel.fields.insert(field.to_owned(), value);
                    }
                    ("item", "category") => {
                        if let Some(raw) = item.as_mut() {
                            let (domain, nicename) = std::mem::take(&mut pending_attrs);
                            raw.terms.push((domain, nicename, plain_text(&value)));
                        }
                    }
                    ("item", "wp:postmeta") => {
                        if let Some(raw) = item.as_mut() {
                            raw.meta.push(std::mem::take(&mut meta));
                        }
                    }
                    ("wp:postmeta", "wp:meta_key") => meta.0 = value,
                    ("wp:postmeta", "wp:meta_value") => meta.1 = value,
                    ("item", field) => {
                        if let Some(raw) = item.as_mut() {
                            raw.fields.insert(field.to_owned(), value);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !channel.seen_rss {
        return Err(ImportError::Unreadable {
            file: file.to_owned(),
            problem: "not a WordPress export (no <rss> element); export one from Tools → Export".into(),
        });
    }
    if !stack.is_empty() {
        return Err(ImportError::Unreadable {
            file: file.to_owned(),
            problem: format!(
                "the export ends inside <{}>: it is cut short (the items before were read)",
                stack.join("><")
            ),
        });
    }
    Ok(())
}

/// An attachment, as a post's featured image or a gallery's picture.
fn attachment(raw: &Raw) -> Picture {
    let metadata = raw.meta("_wp_attachment_metadata").unwrap_or_default();
    // PHP's serialised array: `s:5:"width";i:1200;s:6:"height";i:630;`
    let number = |key: &str| {
        let at = metadata.find(&format!("\"{key}\";i:"))? + key.len() + 5;
        metadata.get(at..)?.split(';').next()?.parse::<u32>().ok().filter(|n| *n > 0)
    };
    let caption = plain_text(raw.get("excerpt:encoded"));
    Picture {
        src: raw.get("wp:attachment_url").to_owned(),
        alt: plain_text(raw.meta("_wp_attachment_image_alt").unwrap_or_default()),
        caption: (!caption.is_empty()).then_some(caption),
        width: number("width"),
        height: number("height"),
    }
}

/// `2019-05-03 10:20:30` (GMT) as RFC 3339; `None` for WordPress's empty date.
fn gmt(date: &str) -> Option<String> {
    let d = date.trim();
    let ok = d.len() == 19 && !d.starts_with("0000") && d.as_bytes().get(10) == Some(&b' ');
    ok.then(|| format!("{}T{}Z", &d[..10], &d[11..]))
}

/// Imports `export` into `out`; the report says what came over.
pub fn import(export: &Path, out: &Path) -> Result<(std::path::PathBuf, super::Report), ImportError> {
    import_with(export, out, None)
}

/// [`import`], with a copy of the site's `wp-content/uploads` folder brought along
/// ([`super::uploads`]).
pub fn import_with(
    export: &Path,
    out: &Path,
    uploads: Option<&Path>,
) -> Result<(std::path::PathBuf, super::Report), ImportError> {
    let io = |error: std::io::Error| ImportError::Write { folder: out.to_owned(), error };
    let started = std::time::Instant::now();
    // First pass: attachments (for featured images and galleries) and counts.
    let mut pictures: HashMap<String, Picture> = HashMap::new();
    // Each post's attachments (by the post's id), for a `[gallery]` that names none.
    let mut attached: HashMap<String, Vec<String>> = HashMap::new();
    // For the menu: each post's and page's address, and the menus' entries.
    let mut addresses: HashMap<String, (String, String)> = HashMap::new();
    let mut menus: HashMap<String, Vec<(i64, String, String)>> = HashMap::new();
    let (channel, broken) = read(export, |raw| {
        let id = raw.get("wp:post_id").to_owned();
        match raw.get("wp:post_type") {
            "attachment" => {
                let parent = raw.get("wp:post_parent").trim().to_owned();
                if !parent.is_empty() && parent != "0" {
                    attached.entry(parent).or_default().push(id.clone());
                }
                pictures.insert(id, attachment(&raw));
            }
            kind @ ("post" | "page") => {
                let slug = masthead_model::url::percent_decode(raw.get("wp:post_name"));
                let date = gmt(raw.get("wp:post_date_gmt")).unwrap_or_default();
                let href = match kind {
                    "page" => format!("/{slug}"),
                    _ => {
                        format!("/{}/{}/{slug}", date.get(..4).unwrap_or_default(), date.get(5..7).unwrap_or_default())
                    }
                };
                addresses.insert(id, (plain_text(raw.get("title")), href));
            }
            "nav_menu_item" => {
                let menu = raw.terms.iter().find(|(d, _, _)| d == "nav_menu").map(|t| t.1.clone()).unwrap_or_default();
                let order = raw.get("wp:menu_order").parse().unwrap_or(0);
                let object = raw.meta("_menu_item_object").unwrap_or_default();
                let object_id = raw.meta("_menu_item_object_id").unwrap_or_default().to_owned();
                let (label, href) = match raw.meta("_menu_item_type").unwrap_or_default() {
                    "custom" => (String::new(), raw.meta("_menu_item_url").unwrap_or_default().to_owned()),
                    "taxonomy" if object == "category" => (String::new(), format!("category:{object_id}")),
                    "post_type" => (String::new(), format!("object:{object_id}")),
                    _ => return Ok(()),
                };
                let label = if raw.get("title").is_empty() { label } else { plain_text(raw.get("title")) };
                menus.entry(menu).or_default().push((order, label, href));
            }
            _ => {}
        }
        Ok(())
    })?;
    // The menu with the most entries is the main one (an export does not say which).
    let mut menu = menus.into_values().max_by_key(Vec::len).unwrap_or_default();
    menu.sort_by_key(|(order, _, _)| *order);
    let base = channel.fields.get("link").map_or("", |s| s.trim()).trim_end_matches('/').to_owned();
    let export_date =
        channel.fields.get("pubDate").and_then(|d| rfc2822(d)).unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let mut writer = Writer::new(out).map_err(io)?;
    let mut categories: Vec<(String, String)> = Vec::new();
    let mut add_category = |slug: &str, name: &str| -> String {
        let slug = if masthead_model::url::is_valid_slug(slug) {
            slug.to_owned()
        } else {
            masthead_model::text::slugify(name)
        };
        let slug = if slug.is_empty() { "uncategorized".to_owned() } else { slug };
        if !categories.iter().any(|(s, _)| *s == slug) {
            categories.push((slug.clone(), if name.trim().is_empty() { slug.clone() } else { name.trim().to_owned() }));
        }
        slug
    };
    for (slug, name) in &channel.categories {
        add_category(slug, name);
    }
    let (mut posts, mut pages, mut other) = ((0, 0), (0, 0), HashMap::<String, usize>::new());
    let mut featured_images = 0;
    let (_, _) = read(export, |raw| {
        let kind = raw.get("wp:post_type").to_owned();
        let is_post = kind == "post";
        if !is_post && kind != "page" {
            if kind != "attachment" {
                *other.entry(if kind.is_empty() { "untyped".into() } else { kind }).or_default() += 1;
            }
            return Ok(());
        }
        let counter = if is_post { &mut posts } else { &mut pages };
        counter.0 += 1;
        let id = format!("#{}", raw.get("wp:post_id"));
        let title = plain_text(raw.get("title"));
        let status = raw.get("wp:status");
        let draft = match status {
            "publish" | "future" => false,
            "draft" | "pending" => true,
            other => {
                let why = if other.is_empty() { "no status".to_owned() } else { format!("status {other}") };
                writer.report.left_out.push((kind.clone(), id, title, why));
                return Ok(());
            }
        };
        let title = if title.is_empty() {
            writer.report.notes.push(format!("{kind} {id} has no title: it is called \"Untitled {id}\""));
            format!("Untitled {id}")
        } else {
            title
        };
        let published =
            gmt(raw.get("wp:post_date_gmt")).or_else(|| gmt(raw.get("wp:post_date"))).unwrap_or_else(|| {
                writer
                    .report
                    .notes
                    .push(format!("{kind} {id} {title:?} has no date: it is a draft dated {export_date}"));
                export_date.clone()
            });
        let draft = draft || published == export_date && gmt(raw.get("wp:post_date")).is_none();
        let updated = gmt(raw.get("wp:post_modified_gmt")).filter(|u| *u > published);
        let login = raw.get("dc:creator");
        let author = channel.authors.get(login).cloned().unwrap_or_else(|| login.to_owned());
        let author = if author.trim().is_empty() { "Staff".to_owned() } else { author };
        let mut category = None;
        let mut tags = Vec::new();
        for (domain, nicename, name) in &raw.terms {
            match domain.as_str() {
                "category" if category.is_none() => category = Some(add_category(nicename, name)),
                "category" | "post_tag" if !name.is_empty() => tags.push(name.clone()),
                _ => {}
            }
        }
        let excerpt = plain_text(raw.get("excerpt:encoded"));
        let image = raw.meta("_thumbnail_id").and_then(|t| pictures.get(t)).cloned().filter(|p| !p.src.is_empty());
        let image = image.map(|mut p| {
            featured_images += 1;
            if p.alt.is_empty() {
                p.alt = title.clone();
                writer.report.construct("featured image without alt text (the title is used)");
            }
            p
        });
        let own = attached.get(raw.get("wp:post_id")).map_or(&[][..], Vec::as_slice);
        let body = body(raw.get("content:encoded"), &pictures, own, &mut writer.report);
        let item = Item {
            source_id: id,
            title,
            slug: masthead_model::url::percent_decode(raw.get("wp:post_name")),
            published,
            updated,
            expires: None,
            standfirst: (!excerpt.is_empty()).then_some(excerpt),
            category: category.unwrap_or_else(|| add_category("uncategorized", "Uncategorized")),
            tags,
            authors: vec![author],
            draft,
            featured: raw.get("wp:is_sticky") == "1",
            aliases: old_path(raw.get("link"), &base).into_iter().collect(),
            image,
            body,
        };
        counter.1 += 1;
        if is_post {
            writer.post(item)
        } else {
            writer.page(item)
        }
    })?;
    writer.report.count("posts", posts.0, posts.1);
    writer.report.count("pages", pages.0, pages.1);
    writer.report.count("images (attachments)", pictures.len(), featured_images);
    writer.report.count("categories", channel.categories.len(), categories.len());
    let mut names: Vec<&String> = channel.authors.values().collect();
    names.sort();
    for name in names {
        writer.author(&super::Person { name: name.clone(), ..super::Person::default() }).map_err(io)?;
    }
    writer.report.count("authors", channel.authors.len(), channel.authors.len());
    writer.report.count("tags", channel.tags, channel.tags);
    for (kind, n) in other {
        writer.report.count("other entries (menus, custom types…)", n, 0);
        writer.report.construct(format!("entries of type {kind} (not carried)"));
    }
    writer
        .report
        .notes
        .push("author bios and avatars are not in a WordPress export: write them once author pages exist".into());
    if let Some(e) = &broken {
        writer.report.notes.push(format!("the export could not be read to its end: {e}"));
    }
    writer.report.step("reading the export and writing the posts (two streaming passes)", started);
    let settings = Settings {
        name: plain_text(channel.fields.get("title").map_or("", String::as_str)),
        tagline: plain_text(channel.fields.get("description").map_or("", String::as_str)),
        base_url: base.clone(),
        locale: channel.fields.get("language").map_or("en-US", |l| l.trim()).to_owned(),
        categories,
        privacy_url: None,
        nav: menu
            .into_iter()
            .filter_map(|(_, label, href)| {
                if let Some(id) = href.strip_prefix("object:") {
                    let (title, href) = addresses.get(id)?;
                    Some((if label.is_empty() { title.clone() } else { label }, href.clone()))
                } else if let Some(id) = href.strip_prefix("category:") {
                    let (slug, name) = channel.category_ids.get(id)?;
                    Some((if label.is_empty() { name.clone() } else { label }, format!("/archive?category={slug}")))
                } else {
                    Some((label, href))
                }
            })
            .collect(),
    };
    if let Some(uploads) = uploads {
        let site = channel.fields.get("wp:base_site_url").map_or("", |s| s.trim());
        super::uploads::bring(uploads, out, super::uploads::UPLOADS, &[base.as_str(), site], &mut writer.report);
    }
    let (path, report) = writer.finish(&format!("the WordPress export {}", export.display()), settings).map_err(io)?;
    match broken {
        Some(e) => Err(ImportError::Partial {
            cause: Box::new(e),
            posts: posts.1,
            pages: pages.1,
            folder: out.to_owned(),
            report: path,
        }),
        None => Ok((path, report)),
    }
}

/// An RSS date (`Tue, 03 Dec 2024 10:20:30 +0000`) as RFC 3339, for the export's own date.
fn rfc2822(date: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = date.split_whitespace().collect();
    let [_, day, month, year, time, ..] = parts.as_slice() else { return None };
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let day: u32 = day.parse().ok()?;
    Some(format!("{year}-{month:02}-{day:02}T{time}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_attachment_sizes_are_read() {
        assert_eq!(gmt("2019-05-03 10:20:30").as_deref(), Some("2019-05-03T10:20:30Z"));
        assert_eq!(gmt("0000-00-00 00:00:00"), None);
        assert_eq!(rfc2822("Tue, 03 Dec 2024 10:20:30 +0000").as_deref(), Some("2024-12-03T10:20:30Z"));
        let mut raw = Raw::default();
        raw.meta.push(("_wp_attachment_metadata".into(), "a:2:{s:5:\"width\";i:1200;s:6:\"height\";i:630;}".into()));
        let p = attachment(&raw);
        assert_eq!((p.width, p.height), (Some(1200), Some(630)));
    }
}
