//! RSS 2.0, Atom 1.0 and JSON Feed 1.1 with full article text, the sitemap and robots.txt.

use masthead_model::route::TermKind;
use masthead_model::{Post, Site, Term};
use serde_json::json;

use crate::site::html::{absolute, body_html, escape};

/// How many of the newest posts each feed carries.
pub const FEED_COUNT: usize = 20;
/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_LIMIT: usize = 50_000;

pub const RSS_PATH: &str = "/feed.xml";
pub const ATOM_PATH: &str = "/atom.xml";
pub const JSON_FEED_PATH: &str = "/feed.json";

/// What a feed is of: the whole site, or one section's, tag's or author's stories. Its
/// three files sit in `folder` (`""` for the site's, `/category/reviews` for a section's).
#[derive(Clone, Debug)]
pub struct Channel {
    pub title: String,
    pub description: String,
    /// The page the feed is of (`/`, `/category/reviews`).
    pub home: String,
    pub folder: String,
}

impl Channel {
    /// The whole site's feeds.
    pub fn site(site: &Site) -> Channel {
        Channel { title: site.name.clone(), description: site.tagline.clone(), home: "/".into(), folder: String::new() }
    }

    /// One section's, tag's or author's feeds, beside its first page.
    pub fn term(site: &Site, kind: TermKind, term: &Term) -> Channel {
        let home = kind.path(&term.slug, 1);
        Channel {
            title: format!("{} | {}", term.name, site.name),
            description: kind.description(&term.name),
            folder: home.trim_end_matches('/').to_owned(),
            home,
        }
    }

    pub fn rss_path(&self) -> String {
        format!("{}{RSS_PATH}", self.folder)
    }

    pub fn atom_path(&self) -> String {
        format!("{}{ATOM_PATH}", self.folder)
    }

    pub fn json_path(&self) -> String {
        format!("{}{JSON_FEED_PATH}", self.folder)
    }

    /// The `<link rel="alternate">` lines for a page's head.
    pub fn head_links(&self, base: &str) -> String {
        let title = escape(&self.title);
        [
            ("application/rss+xml", "RSS", self.rss_path()),
            ("application/atom+xml", "Atom", self.atom_path()),
            ("application/feed+json", "JSON Feed", self.json_path()),
        ]
        .iter()
        .map(|(kind, name, path)| {
            format!(
                "  <link rel=\"alternate\" type=\"{kind}\" title=\"{title} ({name})\" href=\"{}\">\n",
                escape(&absolute(base, path))
            )
        })
        .collect()
    }

    /// The three feeds: (path, text) pairs.
    pub fn feeds(&self, site: &Site, posts: &[&Post]) -> [(String, String); 3] {
        [
            (self.rss_path(), rss(site, self, posts)),
            (self.atom_path(), atom(site, self, posts)),
            (self.json_path(), json_feed(site, self, posts)),
        ]
    }
}

/// Each section's, tag's and author's newest `FEED_COUNT` posts (`posts` newest first),
/// with the channel they make. A section of the settings with no story yet has its
/// (empty) feeds too, so readers can follow it before its first story.
pub fn term_channels<'a>(site: &'a Site, posts: &'a [Post]) -> Vec<(Channel, Vec<&'a Post>)> {
    use std::collections::BTreeMap;
    let mut out = Vec::new();
    for kind in TermKind::ALL {
        let mut groups: BTreeMap<&str, (&Term, Vec<&Post>)> = BTreeMap::new();
        if kind == TermKind::Category {
            for term in site.categories.iter().filter(|t| masthead_model::url::is_valid_slug(&t.slug)) {
                groups.insert(term.slug.as_str(), (term, Vec::new()));
            }
        }
        for post in posts {
            for term in kind.terms_of(&post.summary) {
                let group = groups.entry(term.slug.as_str()).or_insert_with(|| (term, Vec::new()));
                if group.1.len() < FEED_COUNT {
                    group.1.push(post);
                }
            }
        }
        out.extend(groups.into_values().map(|(term, posts)| (Channel::term(site, kind, term), posts)));
    }
    out
}

/// `posts` newest first.
pub fn rss(site: &Site, channel: &Channel, posts: &[&Post]) -> String {
    let base = &site.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n",
    );
    out.push_str(&format!("<title>{}</title>\n", escape(&channel.title)));
    out.push_str(&format!("<link>{}</link>\n", escape(&absolute(base, &channel.home))));
    out.push_str(&format!("<description>{}</description>\n", escape(&channel.description)));
    out.push_str(&format!("<language>{}</language>\n", escape(&site.locale)));
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&absolute(base, &channel.rss_path()))
    ));
    if let Some(newest) = posts.first() {
        out.push_str(&format!("<lastBuildDate>{}</lastBuildDate>\n", newest.summary.published.rfc2822()));
    }
    for post in posts.iter().take(FEED_COUNT) {
        let s = &post.summary;
        let url = escape(&absolute(base, &s.permalink()));
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n<link>{url}</link>\n", escape(&s.title)));
        out.push_str(&format!("<guid isPermaLink=\"true\">{url}</guid>\n"));
        out.push_str(&format!("<pubDate>{}</pubDate>\n", s.published.rfc2822()));
        out.push_str(&format!("<description>{}</description>\n", escape(&s.standfirst)));
        out.push_str(&format!("<category>{}</category>\n", escape(&s.category.name)));
        for author in &s.authors {
            out.push_str(&format!("<dc:creator>{}</dc:creator>\n", escape(&author.name)));
        }
        out.push_str(&format!("<content:encoded>{}</content:encoded>\n", escape(&body_html(&post.body, base))));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

pub fn atom(site: &Site, channel: &Channel, posts: &[&Post]) -> String {
    let base = &site.base_url;
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let home = escape(&absolute(base, &channel.home));
    out.push_str(&format!("<id>{home}</id>\n"));
    out.push_str(&format!(
        "<title>{}</title>\n<subtitle>{}</subtitle>\n",
        escape(&channel.title),
        escape(&channel.description)
    ));
    out.push_str(&format!("<link rel=\"self\" href=\"{}\"/>\n", escape(&absolute(base, &channel.atom_path()))));
    out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n"));
    let updated = posts
        .iter()
        .take(FEED_COUNT)
        .map(|p| p.summary.updated.as_ref().unwrap_or(&p.summary.published))
        .max()
        .map(|t| t.as_str().to_owned())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    out.push_str(&format!("<updated>{updated}</updated>\n"));
    for post in posts.iter().take(FEED_COUNT) {
        let s = &post.summary;
        let url = escape(&absolute(base, &s.permalink()));
        out.push_str("<entry>\n");
        out.push_str(&format!("<id>{url}</id>\n<title>{}</title>\n", escape(&s.title)));
        out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
        out.push_str(&format!("<published>{}</published>\n", s.published));
        out.push_str(&format!("<updated>{}</updated>\n", s.updated.as_ref().unwrap_or(&s.published)));
        for author in &s.authors {
            out.push_str(&format!("<author><name>{}</name></author>\n", escape(&author.name)));
        }
        out.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            escape(&s.category.slug),
            escape(&s.category.name)
        ));
        out.push_str(&format!("<summary>{}</summary>\n", escape(&s.standfirst)));
        out.push_str(&format!("<content type=\"html\">{}</content>\n", escape(&body_html(&post.body, base))));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

pub fn json_feed(site: &Site, channel: &Channel, posts: &[&Post]) -> String {
    let base = &site.base_url;
    let items: Vec<serde_json::Value> = posts
        .iter()
        .take(FEED_COUNT)
        .map(|post| {
            let s = &post.summary;
            let url = absolute(base, &s.permalink());
            let mut item = json!({
                "id": url,
                "url": url,
                "title": s.title,
                "summary": s.standfirst,
                "content_html": body_html(&post.body, base),
                "date_published": s.published.as_str(),
                "authors": s.authors.iter().map(|a| json!({ "name": a.name })).collect::<Vec<_>>(),
                "tags": std::iter::once(&s.category.name).chain(s.tags.iter().map(|t| &t.name)).collect::<Vec<_>>(),
            });
            if let Some(updated) = &s.updated {
                item["date_modified"] = json!(updated.as_str());
            }
            if let Some(image) = &s.image {
                item["image"] = json!(absolute(base, &image.src));
            }
            item
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": absolute(base, &channel.home),
        "feed_url": absolute(base, &channel.json_path()),
        "description": channel.description,
        "language": site.locale,
        "items": items,
    });
    serde_json::to_string_pretty(&feed).unwrap_or_default()
}

/// The sitemap: one file, or an index of files of at most `SITEMAP_LIMIT` URLs each.
/// Returns (file name, contents) pairs; the first is always `sitemap.xml`.
pub fn sitemaps(site: &Site, posts: &[Post], months: &[String]) -> Vec<(String, String)> {
    let base = &site.base_url;
    let mut urls: Vec<(String, Option<String>)> =
        vec![(absolute(base, "/"), posts.first().map(|p| p.summary.published.as_str().to_owned()))];
    urls.extend(months.iter().map(|path| (absolute(base, path), None)));
    urls.extend(posts.iter().map(|p| {
        let s = &p.summary;
        (absolute(base, &s.permalink()), Some(s.updated.as_ref().unwrap_or(&s.published).as_str().to_owned()))
    }));
    let page = |chunk: &[(String, Option<String>)]| {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, lastmod) in chunk {
            out.push_str(&format!("<url><loc>{}</loc>", escape(loc)));
            if let Some(lastmod) = lastmod {
                out.push_str(&format!("<lastmod>{}</lastmod>", escape(lastmod)));
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if urls.len() <= SITEMAP_LIMIT {
        return vec![("sitemap.xml".into(), page(&urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", escape(&absolute(base, &format!("/{name}")))));
        files.push((name, page(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", absolute(&site.base_url, "/sitemap.xml"))
}
