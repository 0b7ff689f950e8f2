//! Writing the whole served site: the contract, feeds, sitemap, one page per article and
//! the deploy files.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use masthead_model::archive::count_by_month;
use masthead_model::Site;

use super::contract::{in_explorer_folder, write_json};
use super::template;
use crate::content::load::{load_with, Publication};
use crate::diagnostic::{error, io_error, BuildError};
use crate::memo::{hash, Known, Memo, Written};
use crate::site::output::{in_parallel, Changes, Writer};

/// What `write_site` made.
#[derive(Debug, Default)]
pub struct SiteReport {
    /// Posts in the publication.
    pub posts: usize,
    pub json_files: usize,
    pub pages: usize,
    pub other_files: usize,
    /// What happened on disk: files written, left as they were, removed.
    pub changes: Changes,
    /// Milliseconds spent reading the content and writing the site.
    pub read_ms: u128,
    pub total_ms: u128,
    /// What the content has that was not carried: warnings, by file and line.
    pub warnings: Vec<BuildError>,
    /// Posts not in this build (drafts, scheduled, expired), each with why.
    pub left_out: Vec<(std::path::PathBuf, String)>,
    /// Stories not published as written because of their errors.
    pub held_back: Vec<crate::content::load::HeldBack>,
    /// The pictures' sized copies: encoded, from the cache.
    pub pictures: crate::pictures::Written,
    /// The files added, changed and removed.
    pub manifest: crate::site::output::Manifest,
    /// The hash of each written page's own styles, by page.
    pub(crate) page_styles: std::collections::HashMap<String, String>,
}

impl SiteReport {
    /// One line for the terminal.
    pub fn summary(&self, dist: &Path) -> String {
        let p = &self.pictures;
        let pictures = match (p.encoded, p.from_cache) {
            (0, 0) => String::new(),
            (encoded, cached) => format!(
                "; pictures: {encoded} encoded ({:.1} s on all cores), {cached} from the cache, {} copies",
                p.encode_ms as f64 / 1000.0,
                p.files
            ),
        };
        let held = match self.held_back.len() {
            0 => String::new(),
            n => {
                let kept = self.held_back.iter().filter(|h| h.last_good_kept).count();
                let kept = if kept > 0 { format!(" ({kept} as last built without errors)") } else { String::new() };
                format!("; {n} stor{} held back by errors{kept}", if n == 1 { "y" } else { "ies" })
            }
        };
        format!(
            "built {} posts into {}: {} JSON files, {} article pages, {} feeds and sitemap files; \
             {} written, {} unchanged, {} removed in {} ms (read {} ms){pictures}{held}",
            self.posts,
            dist.display(),
            self.json_files,
            self.pages,
            self.other_files,
            self.changes.written,
            self.changes.unchanged,
            self.changes.removed,
            self.total_ms,
            self.read_ms
        )
    }
}

/// Reads `content` and writes the site into `dist` ([`load_with`], [`write_site_with`]):
/// with a memo from an earlier build of the same folders, only what changed is read and
/// made again.
pub fn build_site(
    content: &Path,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
) -> Result<SiteReport, Vec<BuildError>> {
    let started = std::time::Instant::now();
    let mut publication = load_with(content, memo)?;
    let read_ms = started.elapsed().as_millis();
    let warnings = std::mem::take(&mut publication.warnings);
    let left_out = std::mem::take(&mut publication.left_out);
    let held_back = std::mem::take(&mut publication.held_back);
    let mut report = write_site_owned(publication, dist, explorer, memo).map_err(|e| vec![e])?;
    report.warnings.splice(0..0, warnings);
    report.left_out = left_out;
    report.held_back = held_back;
    report.read_ms = read_ms;
    report.total_ms = started.elapsed().as_millis();
    Ok(report)
}

/// [`write_site_with`] with nothing remembered: files already in `dist` are compared
/// before they are replaced.
pub fn write_site(publication: &Publication, dist: &Path, explorer: Option<&Path>) -> Result<SiteReport, BuildError> {
    write_site_with(publication, dist, explorer, &mut Memo::default())
}

/// Everything the site serves, into `dist`: the JSON contract under `content/`, the RSS,
/// Atom and JSON feeds, the sitemap and robots.txt, and, when `dist/index.html` is there
/// (after the release build), one page per article at its permalink and the deploy files.
/// `explorer` is the build of the archive page's bundle (see [`explorer_template`]).
/// Files are written only when their bytes change; what the memo's last build of `dist`
/// wrote and this one does not is removed, as is anything in `dist/content/` no build made.
pub fn write_site_with(
    publication: &Publication,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
) -> Result<SiteReport, BuildError> {
    // Nothing says this publication is the memo's last load: every file is made, and
    // compared with what was written.
    let (report, written) = write_site_inner(publication, dist, explorer, memo, false)?;
    memo.posts.previous.clear();
    memo.posts.previous_load = 0;
    memo.outputs.insert(dist.to_owned(), written);
    Ok(report)
}

/// [`write_site_with`] for the publication of the memo's last load: the posts that load
/// found unchanged keep their files without being made again, and the publication is
/// kept in the memo for the next load.
fn write_site_owned(
    publication: Publication,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
) -> Result<SiteReport, BuildError> {
    let (report, written) = write_site_inner(&publication, dist, explorer, memo, true)?;
    memo.outputs.insert(dist.to_owned(), written);
    memo.posts.previous = publication.posts.into_iter().map(|p| (p.summary.slug.clone(), p)).collect();
    memo.posts.previous_load = memo.posts.loads;
    memo.read.dirty.clear();
    Ok(report)
}

/// Writes the site; returns the report and the record of what was written. With
/// `from_last_load`, what the memo's last load found unchanged since the build that wrote
/// `dist` is taken as known. After a failed write the memo holds nothing for `dist`, so
/// the next build compares every file with the disk.
fn write_site_inner(
    publication: &Publication,
    dist: &Path,
    explorer: Option<&Path>,
    memo: &mut Memo,
    from_last_load: bool,
) -> Result<(SiteReport, Written), BuildError> {
    let before = memo.outputs.remove(dist).unwrap_or_default();
    let changes = memo
        .posts
        .changes
        .as_ref()
        .filter(|c| from_last_load && c.load == memo.posts.loads && before.load != 0 && before.load == c.since);
    let known = Known {
        fresh: changes.map(|c| &c.fresh),
        summaries_same: changes.is_some_and(|c| c.summaries_same)
            && before.site.as_ref() == Some(&publication.site)
            && before.lists_key == lists_key(publication),
    };
    let out = Writer::new(dist, &before);
    let (mut report, template, summary_files) = write_site_files(publication, dist, explorer, &out, &known)?;
    let (changes, manifest, files) = out.finish(&["content"]);
    report.changes = changes;
    report.manifest = manifest;
    report.posts = publication.posts.len();
    report.json_files = files.keys().filter(|rel| rel.starts_with("content/") && !in_explorer_folder(rel)).count();
    let written = Written {
        page_styles: std::mem::take(&mut report.page_styles),
        files,
        site: Some(publication.site.clone()),
        lists_key: lists_key(publication),
        template,
        summary_files,
        load: if from_last_load { memo.posts.loads } else { 0 },
    };
    // The last build's record can be large: freed beside the next step.
    std::thread::spawn(move || drop(before));
    Ok((report, written))
}

fn write_site_files(
    publication: &Publication,
    dist: &Path,
    explorer: Option<&Path>,
    out: &Writer,
    known: &Known,
) -> Result<(SiteReport, Option<String>, Vec<String>), BuildError> {
    use crate::site::feeds;
    let mut summary_files = write_json(publication, out, "content/", known)?;
    let mut report = SiteReport::default();
    let put = |rel: &str, bytes: &[u8]| out.put(rel, bytes).map_err(|e| e.message);
    // The clean original goes over the file the host's copy of public/ put there; it is not
    // the build's own file, so a later build that no longer shows it leaves it in place.
    let replace = |rel: &str, bytes: &[u8]| {
        let path = dist.join(rel.trim_start_matches('/'));
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        out.touched(rel, path.exists());
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, bytes))
            .map_err(|e| format!("its clean copy cannot be written to {} ({e})", path.display()))
    };
    let (pictures, problems) = crate::pictures::write_copies(&picture_srcs(publication), &put, &replace);
    report.pictures = pictures;
    report.warnings.extend(problems.into_iter().map(|(file, message)| error(&file, None, message)));
    let (site, posts) = (&publication.site, &publication.posts);
    let newest: Vec<&masthead_model::Post> = posts.iter().take(feeds::FEED_COUNT).collect();
    let mut feed_files = feeds::Channel::site(site).feeds(site, &newest).to_vec();
    // Each section, tag and author has its own three feeds, beside its first page.
    for (channel, posts) in feeds::term_channels(site, posts) {
        feed_files.extend(channel.feeds(site, &posts));
    }
    for (path, text) in &feed_files {
        out.put_text(path, text)?;
    }
    // The sitemap lists every post: made again only when a summary changed.
    let before = out.before();
    let sitemap_files: Vec<&String> = before.summary_files.iter().filter(|rel| !rel.starts_with("content/")).collect();
    if known.summaries_same && !sitemap_files.is_empty() && sitemap_files.iter().all(|rel| out.keep(rel)) {
        summary_files.extend(sitemap_files.into_iter().cloned());
    } else {
        let mut months: Vec<String> = count_by_month(&posts.iter().map(|p| p.summary.clone()).collect::<Vec<_>>())
            .iter()
            .flat_map(|m| (1..=month_page_count(m.count)).map(|page| m.month.page_path(page)))
            .collect();
        // The year pages, the standalone pages and every page of each section, tag and
        // author are listed with the month pages (no date of their own).
        let mut years: Vec<String> = posts.iter().map(|p| format!("/{}", p.summary.published.year())).collect();
        years.sort();
        years.dedup();
        months.extend(years);
        months.extend(site.pages.iter().map(|p| p.path()));
        let summaries: Vec<_> = posts.iter().map(|p| p.summary.clone()).collect();
        for shard in super::contract::term_shards(&summaries, &site.categories, &publication.authors) {
            if let Some(kind) = masthead_model::route::TermKind::from_segment(&shard.kind) {
                months.push(kind.path(&shard.term.slug, shard.page));
            }
        }
        for (name, text) in &feeds::sitemaps(site, posts, &months) {
            out.put_text(name, text)?;
            summary_files.push(name.trim_start_matches('/').to_owned());
        }
    }
    out.put_text("robots.txt", &feeds::robots(site))?;
    report.other_files = feed_files.len() + 1 + summary_files.iter().filter(|rel| !rel.starts_with("content/")).count();

    let index = dist.join("index.html");
    if !index.exists() {
        return Ok((report, None, summary_files));
    }
    let template = fs::read_to_string(&index).map_err(io_error(&index))?;
    crate::site::pages::check_template(&template).map_err(|m| error(&index, None, m.to_string()))?;
    let archive = explorer_template(dist, explorer)?;
    let Deploy { template, archive, css, headers } =
        write_deploy_files(site, publication, dist, &template, archive.as_deref(), out)?;
    // Each page with the part of the stylesheet its first paint needs; the hash of each
    // such part, by page, for `_headers` (a page kept as it was keeps its part).
    let styles = crate::site::critical::Styles::new(&css);
    let page_styles: std::sync::Mutex<HashMap<String, String>> = Default::default();
    let put_page = |rel: &str, page: &str| {
        let (page, hash) = styles.fill(page);
        if let (Some(hash), Ok(mut all)) = (hash, page_styles.lock()) {
            all.insert(rel.to_owned(), hash);
        }
        out.put_text(rel, &page)
    };
    let keep_page = |rel: &str| {
        let kept = out.keep(rel);
        if let (true, Some(hash), Ok(mut all)) = (kept, before.page_styles.get(rel), page_styles.lock()) {
            all.insert(rel.to_owned(), hash.clone());
        }
        kept
    };
    // Every page shows the header, sidebar and footer made from these, read back as the
    // browser reads them.
    let frame = read_frame(site, dist)?;
    let home = crate::site::pages::home_page(&template, &frame);
    put_page("index.html", &home)?;
    put_page("404.html", &crate::site::pages::not_found_page(&template, &frame))?;
    // A post unchanged since the last build, on the same site and frame (the front page
    // holds the sidebar's files), has the same page.
    let same_frame = before.site.as_ref() == Some(site) && before.template.as_ref() == Some(&home);
    in_parallel(posts, |post| {
        let rel = format!("{}/index.html", post.summary.permalink().trim_start_matches('/'));
        if same_frame && known.post_unchanged(&post.summary.slug) && keep_page(&rel) {
            return Ok(());
        }
        put_page(&rel, &crate::site::pages::article_page(&template, &frame, post))
    })?;
    for page in &publication.pages {
        put_page(&format!("{}/index.html", page.slug), &crate::site::pages::standalone_page(&template, &frame, page))?;
    }
    if let Some(archive) = archive {
        let lists = first_archive_lists(dist, &frame.archive)?;
        put_page(ARCHIVE_PAGE, &crate::site::pages::archive_page(&archive, &frame, lists))?;
    }
    // Each page of each month with stories.
    let month_pages: Vec<(masthead_model::YearMonth, u32)> = frame
        .archive
        .months
        .iter()
        .filter(|m| m.count > 0)
        .flat_map(|m| (1..=month_page_count(m.count)).map(move |page| (m.month, page)))
        .collect();
    in_parallel(&month_pages, |&(month, page)| {
        let file = format!("content/archive/{}", month.page_file(page));
        let shard: masthead_model::MonthShard = read_contract(dist, &file)?;
        let label = masthead::intl::format_month(month, &site.locale);
        let rel = format!("{}/index.html", month.page_path(page).trim_start_matches('/'));
        put_page(&rel, &crate::site::pages::month_page(&template, &frame, shard, &label))
    })?;
    // Each year with stories: its months, with their counts.
    let mut years: Vec<i32> = frame.archive.months.iter().filter(|m| m.count > 0).map(|m| m.month.year).collect();
    years.dedup();
    in_parallel(&years, |year| {
        put_page(&format!("{year}/index.html"), &crate::site::pages::year_page(&template, &frame, *year))
    })?;
    let terms: Vec<String> = summary_files.iter().filter(|rel| rel.starts_with("content/terms/")).cloned().collect();
    // A term page is made again only when a summary or the frame changed.
    let unchanged = same_frame && known.summaries_same;
    in_parallel(&terms, |file| {
        let shard: masthead_model::TermShard = read_contract(dist, file)?;
        let Some(kind) = masthead_model::route::TermKind::from_segment(&shard.kind) else { return Ok(()) };
        let rel = format!("{}/index.html", kind.path(&shard.term.slug, shard.page).trim_start_matches('/'));
        if unchanged && keep_page(&rel) {
            return Ok(());
        }
        put_page(&rel, &crate::site::pages::term_page(&template, &frame, shard))
    })?;
    let page_styles = page_styles.into_inner().unwrap_or_default();
    out.put_text("_headers", &headers.text(page_styles.values().cloned()))?;
    report.page_styles = page_styles;
    report.pages = posts.len();
    Ok((report, Some(home), summary_files))
}

/// How many pages a month of `count` stories has.
fn month_page_count(count: u32) -> u32 {
    count.div_ceil(masthead_model::route::TERM_PAGE_SIZE as u32).max(1)
}

/// The list files that hold the archive's first page of stories (newest first: the
/// explorer numbers posts from the newest).
fn first_archive_lists(
    dist: &Path,
    archive: &masthead_model::ArchiveIndex,
) -> Result<Vec<(u32, masthead_model::ListFile)>, BuildError> {
    let Some(files) = &archive.explorer else { return Ok(Vec::new()) };
    let total: u32 = archive.months.iter().map(|m| m.count).sum();
    let mut lists: Vec<(u32, masthead_model::ListFile)> = Vec::new();
    for id in 0..total.min(masthead_model::query::PAGE_SIZE as u32) {
        let (n, file) = files.list_file(id);
        if lists.iter().all(|(m, _)| *m != n) {
            lists.push((n, read_contract(dist, &format!("content/{file}"))?));
        }
    }
    Ok(lists)
}

/// A file of the contract as written into `dist`, decoded as the app decodes it.
fn read_contract<T: serde::de::DeserializeOwned>(dist: &Path, rel: &str) -> Result<T, BuildError> {
    let path = dist.join(rel);
    let text = fs::read_to_string(&path).map_err(io_error(&path))?;
    masthead_model::decode(rel, &text).map_err(|e| error(&path, None, e.to_string()))
}

fn read_frame(site: &Site, dist: &Path) -> Result<crate::site::pages::Frame, BuildError> {
    Ok(crate::site::pages::Frame {
        site: site.clone(),
        latest: read_contract(dist, "content/latest.json")?,
        front: read_contract(dist, "content/front.json")?,
        archive: read_contract(dist, "content/archive/index.json")?,
        signup_forms: crate::site::signup_form::SignupForms::for_site(&site.newsletter),
    })
}

/// The archive page's bundle leaves the reader's smaller: the release build makes it
/// separately (`trunk build --features explorer`, see the Makefile) and `explorer` names
/// that build's folder, whose index.html becomes the archive page and whose hashed files
/// are copied beside the reader's. Without it, the archive page of an earlier run in
/// `dist` (or copied there) is used again; with neither, the site has no archive page.
fn explorer_template(dist: &Path, explorer: Option<&Path>) -> Result<Option<String>, BuildError> {
    let read = |path: &Path| fs::read_to_string(path).map_err(io_error(path));
    let Some(dir) = explorer else {
        let page = dist.join(ARCHIVE_PAGE);
        return if page.exists() { read(&page).map(Some) } else { Ok(None) };
    };
    let index = dir.join("index.html");
    let html = read(&index)?;
    crate::site::pages::check_template(&html).map_err(|m| error(&index, None, m.to_string()))?;
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let Some(name) = entry.ok().and_then(|e| e.file_name().into_string().ok()) else { continue };
        let target = dist.join(&name);
        if crate::site::deploy::is_hashed_asset(&name) && !target.exists() {
            fs::copy(dir.join(&name), &target).map_err(io_error(&target))?;
        }
    }
    Ok(Some(html))
}

/// Where the archive page goes in the served folder.
const ARCHIVE_PAGE: &str = "archive/index.html";

/// The policy in index.html (for hosts without custom headers), `_headers` and
/// `_redirects`. Returns index.html with the policy, the template of every page, and the
/// archive page's template with it.
fn write_deploy_files(
    site: &Site,
    publication: &Publication,
    dist: &Path,
    index_html: &str,
    archive_html: Option<&str>,
    out: &Writer,
) -> Result<Deploy, BuildError> {
    use crate::site::deploy::{self, PolicyFor};
    let (posts, pages, moved) = (&publication.posts, &publication.pages, &publication.moved);
    let base = masthead_model::url::base_path(&site.base_url);
    let brand = &publication.brand;
    // Each template with the site's base, the app started after the first paint, the
    // brand, and the stylesheets written in (so the first paint waits for no other file).
    let template = |html: &str| {
        let html =
            template::with_brand(&crate::site::pages::app_after_paint(&template::with_base(html, &base)), brand, &base);
        template::with_critical_slot(&template::without_comments(&html), dist, &base)
    };
    let (index_html, css) = template(index_html);
    let archive_html = archive_html.map(|html| template(html).0);
    let styles = deploy::inline_style_hashes(&index_html);
    // One policy for every page: it allows the loader of either bundle.
    let mut hashes = deploy::inline_script_hashes(&index_html);
    for hash in archive_html.as_deref().map(deploy::inline_script_hashes).unwrap_or_default() {
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    // The frames the stories and pages embed: exactly those origins may be framed.
    let mut frames: Vec<String> = Vec::new();
    let mut add_frames = |body: &[masthead_model::Block]| {
        for block in body {
            if let masthead_model::Block::Embed(embed) = block {
                if let Some(origin) = embed.src.as_deref().and_then(masthead_model::embed::frame_origin) {
                    if !frames.contains(&origin) {
                        frames.push(origin);
                    }
                }
            }
        }
    };
    posts.iter().for_each(|p| add_frames(&p.body));
    pages.iter().for_each(|p| add_frames(&p.body));
    frames.sort();
    let meta_policy = deploy::content_security_policy_with(site, &hashes, &frames, &styles, PolicyFor::Meta);
    let html = template::with_csp_meta(&index_html, &meta_policy);
    let mut assets: Vec<String> = fs::read_dir(dist)
        .map_err(io_error(dist))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| deploy::is_hashed_asset(name))
        .collect();
    assets.sort();
    let mut years: Vec<String> = posts.iter().map(|p| p.summary.published.year().to_string()).collect();
    years.sort();
    years.dedup();
    let mut page_roots = years;
    page_roots.extend(site.pages.iter().map(|p| p.slug.clone()));
    if archive_html.is_some() {
        page_roots.push("archive".to_owned());
    }
    // `_headers` is written once the pages are, with the hash of each page's own styles.
    let headers = Headers { site: site.clone(), hashes, frames, styles, assets, page_roots, base: base.clone() };
    let moved_paths: Vec<(String, String)> = moved.iter().map(|(old, _, new)| (old.clone(), new.clone())).collect();
    out.put_text("_redirects", &deploy::redirects_file_with(&base, &moved_paths))?;
    // For hosts without redirect rules, a page at each old address that sends readers on.
    for (old, title, new) in moved {
        let to = masthead_model::url::with_base(&base, new);
        out.put_text(&format!("{}/index.html", old.trim_start_matches('/')), &deploy::moved_page(title, &to))?;
    }
    let archive_html = archive_html.map(|a| template::with_csp_meta(&a, &meta_policy));
    Ok(Deploy { template: html, archive: archive_html, css, headers })
}

/// What [`write_deploy_files`] leaves for the pages: their templates, the site's
/// stylesheets' text, and what `_headers` is made from.
struct Deploy {
    template: String,
    archive: Option<String>,
    css: String,
    headers: Headers,
}

/// `_headers`, but for the hashes of the pages' own styles.
struct Headers {
    site: Site,
    hashes: Vec<String>,
    frames: Vec<String>,
    styles: Vec<String>,
    assets: Vec<String>,
    page_roots: Vec<String>,
    base: String,
}

impl Headers {
    fn text(mut self, page_styles: impl IntoIterator<Item = String>) -> String {
        use crate::site::deploy::{self, PolicyFor};
        let mut pages: Vec<String> = page_styles.into_iter().collect();
        pages.sort();
        pages.dedup();
        self.styles.extend(pages);
        let policy = deploy::content_security_policy_with(
            &self.site,
            &self.hashes,
            &self.frames,
            &self.styles,
            PolicyFor::Header,
        );
        deploy::headers_file(&policy, &self.assets, &self.page_roots, &self.base)
    }
}
/// A hash of what the lists carry besides the summaries: the author profiles (on the first
/// page of an author's stories) and the front page's rows as `[front]` sets them. While it
/// and every summary are the same, so are those lists.
fn lists_key(publication: &crate::content::Publication) -> u64 {
    let mut bytes = serde_json::to_vec(&publication.authors).unwrap_or_default();
    let front = &publication.front;
    bytes.extend(serde_json::to_vec(&(&front.sections, front.stories, &front.descriptions)).unwrap_or_default());
    hash(&bytes)
}

/// The site paths of every picture the pages show (each one's `src` and first source),
/// for [`crate::pictures::write_copies`].
fn picture_srcs(publication: &Publication) -> Vec<String> {
    use masthead_model::{Block, Image};
    fn image(srcs: &mut Vec<String>, image: &Image) {
        srcs.push(image.src.clone());
        srcs.extend(image.sources.first().map(|s| s.src.clone()));
    }
    fn blocks(srcs: &mut Vec<String>, body: &[Block]) {
        for block in body {
            match block {
                Block::Image(i) => image(srcs, i),
                Block::Gallery { images, .. } => images.iter().for_each(|i| image(srcs, i)),
                Block::List { nested, .. } => nested.iter().for_each(|item| blocks(srcs, item)),
                _ => {}
            }
        }
    }
    let mut srcs = Vec::new();
    publication.site.logo.iter().for_each(|i| image(&mut srcs, i));
    for post in &publication.posts {
        post.summary.image.iter().for_each(|i| image(&mut srcs, i));
        blocks(&mut srcs, &post.body);
    }
    for page in &publication.pages {
        blocks(&mut srcs, &page.body);
    }
    for (_, profile) in publication.authors.values() {
        profile.avatar.iter().for_each(|i| image(&mut srcs, i));
        blocks(&mut srcs, &profile.bio);
    }
    srcs.sort();
    srcs.dedup();
    srcs
}
