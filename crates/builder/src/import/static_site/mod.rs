//! Hugo and Jekyll sites (`import hugo DIR`, `import jekyll DIR`): the site's config
//! (`hugo.toml`, `config.toml`, `hugo.yaml`…; `_config.yml`) and its Markdown, with each
//! file's front matter read as the build reads it (Hugo's and Jekyll's own field names
//! included) and written back under Masthead's names, every post's old address (from the
//! permalink settings) kept as an alias, and the shortcodes and Liquid tags the build has
//! an answer for mapped: `figure`, `youtube`, `vimeo`, `tweet`/`x`, `highlight` and
//! `{% highlight %}`, `{% raw %}`, `{% post_url %}`; any other is named in the report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::ImportError;
use super::{Item, Picture, Report, Settings, Writer};
use crate::content::front_matter::{front_matter, split_front_matter};
use masthead_model::text::slugify;

mod addresses;
mod config;
mod files;
mod shortcodes;

use addresses::{own_path, own_paths, permalink, ref_key, relative_addresses};
pub use config::Flavor;
use config::{config, field, hugo_config_dir, hugo_content_dirs, hugo_menu};
use files::{copy_files, is_media, sources, url_of, Source};
use shortcodes::{hugo_shortcodes, liquid, markdown_words};

/// Imports the site in `dir` into `out`.
pub fn import(flavor: Flavor, dir: &Path, out: &Path) -> Result<(PathBuf, Report), ImportError> {
    let started = std::time::Instant::now();
    let io = |error: std::io::Error| ImportError::Write { folder: out.to_owned(), error };
    let (name, config_names): (&str, &[&str]) = match flavor {
        Flavor::Hugo => ("Hugo", &["hugo.toml", "config.toml", "hugo.yaml", "hugo.yml", "config.yaml", "config.yml"]),
        Flavor::Jekyll => ("Jekyll", &["_config.yml", "_config.yaml"]),
    };
    let (mut cfg, mut cfg_file) = config(dir, config_names);
    let mut early = Report::default();
    if flavor == Flavor::Hugo {
        let read = hugo_config_dir(dir, &mut cfg);
        if cfg_file.is_none() {
            cfg_file = read.first().cloned();
        }
        for file in read.iter().skip(usize::from(cfg_file.as_ref() == read.first())) {
            early.notes.push(format!("settings also read from {}", file.display()));
        }
    }
    let found = sources(flavor, dir, &cfg, &mut early);
    if cfg_file.is_none() && found.is_empty() {
        return Err(ImportError::Unreadable {
            file: dir.to_owned(),
            problem: format!(
                "not a {name} site (no {} and no Markdown where {name} keeps it)",
                config_names.join(", ")
            ),
        });
    }
    let base = match flavor {
        Flavor::Hugo => field(&cfg, &["baseURL"]).unwrap_or_default().trim_end_matches('/').to_owned(),
        Flavor::Jekyll => format!(
            "{}{}",
            field(&cfg, &["url"]).unwrap_or_default().trim_end_matches('/'),
            field(&cfg, &["baseurl"]).unwrap_or_default().trim_end_matches('/')
        ),
    };
    let pattern = match flavor {
        Flavor::Hugo => None,
        Flavor::Jekyll => Some(
            // The posts collection's own permalink wins over the site's.
            match field(&cfg, &["collections", "posts", "permalink"])
                .or_else(|| field(&cfg, &["permalink"]))
                .unwrap_or("date")
            {
                "date" => "/:categories/:year/:month/:day/:title:output_ext",
                "pretty" => "/:categories/:year/:month/:day/:title/",
                "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
                "none" => "/:categories/:title:output_ext",
                custom => custom,
            }
            .to_owned(),
        ),
    };
    let hugo_permalinks = cfg.get("permalinks").cloned().unwrap_or(Value::Null);
    let default_author = field(&cfg, &["params", "author"])
        .or_else(|| field(&cfg, &["author", "name"]))
        .or_else(|| field(&cfg, &["author"]))
        .unwrap_or("Staff")
        .to_owned();
    let mut writer = Writer::new(out).map_err(io)?;
    writer.report.notes.append(&mut early.notes);
    // The site's own files go to public/ beside the content folder, at their old addresses.
    let public = crate::content::images::public_dir(out);
    let content_root = match flavor {
        Flavor::Hugo => hugo_content_dirs(dir, &cfg).0,
        Flavor::Jekyll => dir.to_owned(),
    };
    // Each top-level folder of the site's own files, copied where its addresses map to
    // (a `content/` folder moves: see `own_path`).
    let (root, wanted): (PathBuf, fn(&Path) -> bool) = match flavor {
        Flavor::Hugo => (dir.join("static"), |_| true),
        Flavor::Jekyll => (dir.to_owned(), is_media),
    };
    let mut copied = 0;
    let mut refused = Vec::new();
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(&root).into_iter().flatten().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let skip = flavor == Flavor::Jekyll
            && (name.starts_with(['_', '.']) || matches!(name.as_str(), "node_modules" | "vendor"));
        if skip || (flavor == Flavor::Jekyll && !path.is_dir()) {
            continue;
        }
        if path.is_dir() && name == "content" {
            for sub in std::fs::read_dir(&path).into_iter().flatten().flatten().map(|e| e.path()) {
                let sub_name = sub.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let to = public.join(own_path(&format!("/content/{sub_name}/")).trim_start_matches('/'));
                let (n, mut r) = if sub.is_dir() { copy_files(&sub, &to, wanted) } else { (0, Vec::new()) };
                copied += n;
                refused.append(&mut r);
            }
            writer.report.notes.push(
                "the site's content/ folder is served at /images/ (content/images) and /content-files/ (the rest): \
                 the build keeps /content/ for its own files; the addresses in the posts were changed to match"
                    .into(),
            );
            continue;
        }
        let (n, mut r) = if path.is_dir() {
            copy_files(&path, &public.join(&name), wanted)
        } else if wanted(&path) {
            // A file at the top of Hugo's static/ folder.
            let target = public.join(&name);
            match std::fs::create_dir_all(&public).and_then(|()| std::fs::copy(&path, &target)) {
                Ok(_) => (1, Vec::new()),
                Err(e) => (0, vec![format!("{} could not be copied to {}: {e}", path.display(), target.display())]),
            }
        } else {
            (0, Vec::new())
        };
        copied += n;
        refused.append(&mut r);
    }
    if copied > 0 {
        writer
            .report
            .notes
            .push(format!("{copied} of the site's own files (pictures and documents) copied to {}", public.display()));
    }
    writer.report.notes.extend(refused);
    let mut categories: Vec<(String, String)> = Vec::new();
    let mut post_slugs: HashMap<String, (String, String)> = HashMap::new();
    let (mut posts, mut pages) = ((0, 0), (0, 0));
    // Jekyll's {% post_url 2024-05-01-title %} needs every post's new address: read them all first.
    let mut read: Vec<(Source, Map<String, Value>, String)> = Vec::new();
    for source in found {
        let counter = if source.page { &mut pages } else { &mut posts };
        counter.0 += 1;
        let id = source.file.strip_prefix(dir).unwrap_or(&source.file).display().to_string();
        let Ok(text) = std::fs::read_to_string(&source.file) else {
            writer.report.left_out.push(("file".into(), id, String::new(), "cannot be read as UTF-8 text".into()));
            continue;
        };
        let Some((format, front, body, _)) = split_front_matter(&text) else {
            let kind = if source.page { "page" } else { "post" };
            writer.report.left_out.push((kind.into(), id, String::new(), "no front matter (+++ or ---)".into()));
            continue;
        };
        let mut warnings = Vec::new();
        match front_matter(&source.file, format, front, &mut warnings, &[]) {
            Ok(map) => {
                for w in warnings {
                    writer.report.notes.push(format!("{id}: {}", w.message));
                }
                read.push((source, map, body.to_owned()));
            }
            Err(e) => writer.report.left_out.push(("file".into(), id, String::new(), e.message)),
        }
    }
    for (source, map, _) in &read {
        if let (false, Some(date)) =
            (source.page, map.get("published").and_then(Value::as_str).map(str::to_owned).or(source.name_date.clone()))
        {
            let slug = map.get("slug").and_then(Value::as_str).map_or_else(|| source.name_slug.clone(), str::to_owned);
            let stem = source.file.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            post_slugs.insert(stem, (date, slugify(&slug)));
        }
    }
    // Hugo's {{< ref >}}: every page's new address, by its path in content/ and by its name.
    let mut addresses: HashMap<String, String> = HashMap::new();
    if flavor == Flavor::Hugo {
        let content_root = hugo_content_dirs(dir, &cfg).0;
        for (source, map, _) in &read {
            let slug = map.get("slug").and_then(Value::as_str).map_or_else(|| source.name_slug.clone(), str::to_owned);
            let date = map.get("published").and_then(Value::as_str).filter(|d| d.len() >= 7);
            let address = match (source.page, date) {
                (false, Some(d)) => format!("/{}/{}/{}", &d[..4], &d[5..7], slugify(&slug)),
                _ => format!("/{}", slugify(&slug)),
            };
            let rel = source.file.strip_prefix(&content_root).unwrap_or(&source.file);
            let rel = rel.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/");
            addresses.insert(ref_key(&rel), address.clone());
            addresses.entry(source.name_slug.clone()).or_insert(address);
        }
    }
    for (source, map, body) in read {
        let id = source.file.strip_prefix(dir).unwrap_or(&source.file).display().to_string();
        let get =
            |k: &str| map.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let list = |k: &str| -> Vec<String> {
            map.get(k)
                .and_then(Value::as_array)
                .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        };
        let title = get("title").unwrap_or_else(|| {
            writer.report.notes.push(format!("{id} has no title: it is called after its file"));
            source.name_slug.replace('-', " ")
        });
        // A date the front matter writes that is no date: the file name's, as Jekyll does.
        let written_date = get("published");
        let unreadable = written_date.as_deref().filter(|d| masthead_model::Timestamp::parse(d).is_err());
        let published = match (unreadable, &source.name_date) {
            (Some(d), Some(from_name)) => {
                writer.report.construct(format!("{id}: date {d:?} is not a date: the file name's {from_name} is used"));
                Some(from_name.clone())
            }
            _ => written_date.or(source.name_date.clone()),
        };
        let mut page = source.page;
        let (published, draft) = match (published, source.page) {
            (Some(p), _) => (p, source.draft || map.get("draft").and_then(Value::as_bool) == Some(true)),
            (None, true) => (String::new(), false),
            (None, false) if source.draft => ("2000-01-01T00:00:00Z".to_owned(), true),
            // Hugo builds a page with no date (an about page, documentation): a standalone page.
            (None, false) => {
                writer.report.construct("an undated page (no date in the front matter): a standalone page");
                page = true;
                posts.0 -= 1;
                pages.0 += 1;
                (String::new(), false)
            }
        };
        let slug = get("slug").unwrap_or_else(|| source.name_slug.clone());
        let category_name = get("category").unwrap_or_else(|| "News".into());
        let category = slugify(&category_name);
        if !page && !categories.iter().any(|(s, _)| *s == category) {
            categories.push((category.clone(), category_name.clone()));
        }
        let mut aliases = list("aliases");
        if !page && !published.is_empty() {
            let old = match (flavor, &pattern) {
                (Flavor::Jekyll, Some(p)) => {
                    // Only the post's own categories are in its old address (none: no prefix).
                    let own: Vec<String> = get("category").into_iter().collect();
                    Some(permalink(p, &published, &slugify(&slug), "", &own, true))
                }
                _ => {
                    let p = field(&hugo_permalinks, &[source.section.as_str()])
                        .or_else(|| field(&hugo_permalinks, &["page", source.section.as_str()]))
                        .map_or_else(|| format!("/{}/:slug/", source.section), str::to_owned);
                    Some(permalink(&p, &published, &slugify(&slug), &source.section, &[], false))
                }
            };
            aliases.extend(old.and_then(|o| super::old_path(&o, "")));
        }
        let old_address = (!page && !published.is_empty()).then(|| aliases.last().cloned()).flatten();
        let image = map.get("image").and_then(Value::as_object).and_then(|i| {
            let src = own_path(i.get("src")?.as_str()?.trim());
            let alt = i.get("alt").and_then(Value::as_str).map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned);
            let alt = alt.unwrap_or_else(|| {
                writer.report.construct("cover image without alt text (the title is used)");
                title.clone()
            });
            let number = |k: &str| i.get(k).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok());
            Some(Picture {
                src,
                alt,
                caption: i.get("caption").and_then(Value::as_str).map(str::to_owned),
                width: number("width"),
                height: number("height"),
            })
        });
        // A byline written as Markdown (`[Name](https://…)`, `**Name**`): its words.
        let mut authors: Vec<String> =
            list("authors").iter().map(|a| markdown_words(a)).filter(|a| !a.is_empty()).collect();
        if authors.is_empty() {
            authors.push(default_author.clone());
        }
        let body = match flavor {
            Flavor::Hugo => hugo_shortcodes(&body, &addresses, &mut writer.report),
            Flavor::Jekyll => liquid(&body, &post_slugs, &cfg, &mut writer.report),
        };
        // Addresses relative to the old page (a bundle's `photo.jpeg`, `../another-post/`)
        // as site paths, resolved as the old site's browser did: from the page's folder.
        // The old page's address is the first alias (from the permalink settings).
        let base = match old_address.as_deref() {
            Some(old) if old.ends_with(".html") => format!("{}/", old.rsplit_once('/').map_or("", |(dir, _)| dir)),
            Some(old) => format!("{old}/"),
            None => {
                let rel = source.file.strip_prefix(&content_root).unwrap_or(&source.file);
                match &source.bundle {
                    Some(folder) => url_of(folder.strip_prefix(&content_root).unwrap_or(folder)),
                    None if page => url_of(&rel.with_extension("")),
                    None => url_of(rel.parent().unwrap_or(Path::new(""))),
                }
            }
        };
        let (body, resolved) = relative_addresses(&body, &base);
        let body = own_paths(&body);
        for _ in 0..resolved {
            writer.report.construct("an address relative to the old page (made a site path)");
        }
        if let Some(folder) = &source.bundle {
            let to = public.join(base.trim_start_matches('/'));
            let (copied, refused) = copy_files(folder, &to, |_| true);
            for _ in 0..copied {
                writer.report.construct("a page bundle's file (copied to public/ at its old address)");
            }
            writer.report.notes.extend(refused);
        }
        let item = Item {
            source_id: id,
            title,
            slug,
            published,
            updated: get("updated"),
            expires: get("expires"),
            standfirst: get("standfirst"),
            category,
            tags: list("tags"),
            authors,
            draft,
            featured: map.get("featured").and_then(Value::as_bool) == Some(true),
            aliases,
            image,
            body,
        };
        let counter = if page { &mut pages } else { &mut posts };
        counter.1 += 1;
        let written = if page { writer.page(item) } else { writer.post(item) };
        written.map_err(io)?;
    }
    writer.report.count("posts", posts.0, posts.1);
    writer.report.count("pages", pages.0, pages.1);
    match cfg_file {
        Some(f) => writer.report.notes.push(format!("settings read from {}", f.display())),
        None => writer
            .report
            .notes
            .push(format!("no {} found: the site's settings are placeholders", config_names.join(" or "))),
    }
    writer.report.step("reading the site and writing the posts", started);
    let settings = Settings {
        // The site's title, or its default language's (`[languages.en] title = …`).
        name: field(&cfg, &["title"])
            .or_else(|| {
                let language = field(&cfg, &["defaultContentLanguage"]).unwrap_or("en");
                field(&cfg, &["languages", language, "title"])
            })
            .unwrap_or_default()
            .to_owned(),
        tagline: field(&cfg, &["params", "description"])
            .or_else(|| field(&cfg, &["params", "subtitle"]))
            .or_else(|| field(&cfg, &["description"]))
            .unwrap_or_default()
            .to_owned(),
        base_url: base,
        locale: field(&cfg, &["languageCode"])
            .or_else(|| field(&cfg, &["lang"]))
            .or_else(|| field(&cfg, &["locale"]))
            .unwrap_or("en-US")
            .to_owned(),
        categories,
        privacy_url: None,
        nav: hugo_menu(&cfg),
    };
    writer.finish(&format!("the {name} site {}", dir.display()), settings).map_err(io)
}

/// Copies the pictures and files under `from` into `to` (a WordPress uploads folder):
/// (files copied or already there, notes on those that were not).
pub(crate) fn copy_uploads(from: &Path, to: &Path) -> (usize, Vec<String>) {
    files::copy_files(from, to, is_media)
}
