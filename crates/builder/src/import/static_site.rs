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
use crate::site::html::escape;
use masthead_model::text::slugify;

/// Which system wrote the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Hugo,
    Jekyll,
}

/// A config file as JSON, whatever it was written in.
fn config(dir: &Path, names: &[&str]) -> (Value, Option<PathBuf>) {
    for name in names {
        let file = dir.join(name);
        if let Some(value) = config_file(&file) {
            return (value, Some(file));
        }
    }
    (Value::Null, None)
}

/// One config file (TOML, YAML or JSON) as JSON; `None` when it cannot be read.
fn config_file(file: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(file).ok()?;
    let value = match file.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::from_str::<toml::Table>(&text).ok().and_then(|t| serde_json::to_value(t).ok()),
        Some("json") => serde_json::from_str(&text).ok(),
        _ => serde_yaml_ng::from_str::<Value>(&text).ok(),
    };
    Some(value.unwrap_or(Value::Null))
}

/// `over` merged into `base`, key by key (tables merged, anything else replaced).
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

/// Hugo's config folder (`config/_default/`, then `config/production/` over it), merged
/// over the root config file: `hugo.toml` or `config.toml` in it is the config itself, any
/// other file the table of its name (`params.toml` is `[params]`); a file for one
/// language (`params.en.toml`) counts for the site's default language only. Returns the
/// files read.
fn hugo_config_dir(dir: &Path, cfg: &mut Value) -> Vec<PathBuf> {
    let mut read = Vec::new();
    if !cfg.is_object() {
        *cfg = Value::Object(Map::new());
    }
    for env in ["_default", "production"] {
        let Ok(entries) = std::fs::read_dir(dir.join("config").join(env)) else { continue };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        // The config itself first, so the default language is known for the others.
        files.sort_by_key(|f| !matches!(f.file_stem().and_then(|s| s.to_str()), Some("hugo" | "config")));
        for file in files {
            let Some(stem) = file.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else { continue };
            let Some(value) = config_file(&file) else { continue };
            let default_language = field(cfg, &["defaultContentLanguage"]).unwrap_or("en").to_owned();
            let (key, language) = stem.split_once('.').map_or((stem.as_str(), None), |(k, l)| (k, Some(l)));
            if language.is_some_and(|l| l != default_language) {
                continue;
            }
            if matches!(key, "hugo" | "config") {
                merge(cfg, value);
            } else {
                let mut table = Map::new();
                table.insert(key.to_owned(), value);
                merge(cfg, Value::Object(table));
            }
            read.push(file);
        }
    }
    read
}

/// Hugo's content folder for the site's default language (`content/en/`, or the
/// language's `contentDir`), and the other languages' folders, which are not imported.
fn hugo_content_dirs(dir: &Path, cfg: &Value) -> (PathBuf, Vec<(String, PathBuf)>) {
    let default_language = field(cfg, &["defaultContentLanguage"]).unwrap_or("en").to_owned();
    let languages: Vec<(String, Option<String>)> = cfg
        .get("languages")
        .and_then(Value::as_object)
        .map(|l| l.iter().map(|(code, v)| (code.clone(), field(v, &["contentDir"]).map(str::to_owned))).collect())
        .unwrap_or_default();
    let folder = |code: &str, content_dir: &Option<String>| match content_dir {
        Some(d) => dir.join(d),
        None => dir.join("content").join(code),
    };
    let mut main = dir.join("content");
    let mut others = Vec::new();
    for (code, content_dir) in &languages {
        let f = folder(code, content_dir);
        if !f.is_dir() || f == dir.join("content") {
            continue;
        }
        if *code == default_language {
            main = f;
        } else {
            others.push((code.clone(), f));
        }
    }
    // No languages set, but the content in a folder named for the default one.
    if languages.is_empty() && dir.join("content").join(&default_language).is_dir() {
        main = dir.join("content").join(&default_language);
    }
    (main, others)
}

/// A text setting by its path; Hugo's keys are read whatever their case (`baseURL`,
/// `baseUrl`, `baseurl`).
fn field<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = v;
    for key in path {
        v = v.get(key).or_else(|| v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))?;
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// Every Markdown file under `dir`, sorted.
fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "md" | "markdown")) {
            out.push(path);
        }
    }
    out.sort();
}

/// One file to import: where it is, whether it is a page, its section (Hugo), and the
/// date and slug its name gives (Jekyll's `2024-05-01-title.md`).
struct Source {
    file: PathBuf,
    /// The folder of a Hugo leaf bundle (`posts/x/` of `posts/x/index.md`), whose other
    /// files are the post's own pictures and files.
    bundle: Option<PathBuf>,
    page: bool,
    draft: bool,
    section: String,
    name_slug: String,
    name_date: Option<String>,
}

fn sources(flavor: Flavor, dir: &Path, cfg: &Value, report: &mut Report) -> Vec<Source> {
    let mut out = Vec::new();
    let stem = |f: &Path| f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    match flavor {
        Flavor::Hugo => {
            let (content, others) = hugo_content_dirs(dir, cfg);
            let mut files = Vec::new();
            markdown_files(&content, &mut files);
            for (code, folder) in others {
                let mut theirs = Vec::new();
                markdown_files(&folder, &mut theirs);
                // Files of other languages inside the main folder are theirs, not its.
                files.retain(|f| !f.starts_with(&folder));
                if !theirs.is_empty() {
                    report.notes.push(format!(
                        "{} files in the language {code} ({}) were not imported: a publication has one language; import them into a publication of their own",
                        theirs.len(),
                        folder.display()
                    ));
                }
            }
            for file in files {
                let name = stem(&file);
                if name.starts_with('_') {
                    continue;
                }
                let rel: Vec<String> = file
                    .strip_prefix(&content)
                    .map(|r| r.iter().map(|p| p.to_string_lossy().into_owned()).collect())
                    .unwrap_or_default();
                // A leaf bundle (`posts/x/index.md`) is named by its folder.
                let bundle = name == "index" && rel.len() >= 2;
                let name_slug = if bundle { rel[rel.len() - 2].clone() } else { name };
                let depth = rel.len() - usize::from(bundle);
                out.push(Source {
                    bundle: bundle.then(|| file.parent().map(Path::to_path_buf)).flatten(),
                    page: depth <= 1,
                    draft: false,
                    section: if depth > 1 { rel[0].clone() } else { String::new() },
                    name_slug,
                    name_date: None,
                    file,
                });
            }
        }
        Flavor::Jekyll => {
            for (folder, draft) in [("_posts", false), ("_drafts", true)] {
                let mut files = Vec::new();
                markdown_files(&dir.join(folder), &mut files);
                for file in files {
                    let name = stem(&file);
                    let dated = name.len() > 11
                        && name.as_bytes().get(4) == Some(&b'-')
                        && name.as_bytes().get(7) == Some(&b'-')
                        && name.as_bytes().get(10) == Some(&b'-');
                    let (name_date, name_slug) = if dated {
                        (Some(format!("{}T00:00:00Z", &name[..10])), name[11..].to_owned())
                    } else {
                        (None, name)
                    };
                    out.push(Source {
                        file,
                        bundle: None,
                        page: false,
                        draft,
                        section: String::new(),
                        name_slug,
                        name_date,
                    });
                }
            }
            let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
                .filter(|p| {
                    !matches!(
                        stem(p).to_ascii_lowercase().as_str(),
                        "readme" | "index" | "404" | "changelog" | "license"
                    )
                })
                .collect();
            pages.sort();
            for file in pages {
                let name_slug = stem(&file);
                out.push(Source {
                    file,
                    bundle: None,
                    page: true,
                    draft: false,
                    section: String::new(),
                    name_slug,
                    name_date: None,
                });
            }
        }
    }
    out
}

/// The old address of a post from a permalink pattern (`/:year/:month/:title/`).
fn permalink(pattern: &str, date: &str, slug: &str, section: &str, categories: &[String], html_ext: bool) -> String {
    let mut out = pattern.to_owned();
    let cats = categories.iter().map(|c| slugify(c)).collect::<Vec<_>>().join("/");
    for (token, value) in [
        (":year", date.get(..4).unwrap_or_default().to_owned()),
        (":month", date.get(5..7).unwrap_or_default().to_owned()),
        (":day", date.get(8..10).unwrap_or_default().to_owned()),
        (":slug", slug.to_owned()),
        (":title", slug.to_owned()),
        (":filename", slug.to_owned()),
        (":contentbasename", slug.to_owned()),
        (":sections", section.to_owned()),
        (":section", section.to_owned()),
        (":categories", cats),
        (":output_ext", if html_ext { ".html".to_owned() } else { String::new() }),
    ] {
        out = out.replace(token, &value);
    }
    let mut path = String::new();
    for part in out.split('/').filter(|p| !p.is_empty()) {
        path.push('/');
        path.push_str(part);
    }
    path
}

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

/// Hugo's `[[menu.main]]` (or `[[menus.main]]`) entries, by weight: (name, url).
fn hugo_menu(cfg: &Value) -> Vec<(String, String)> {
    let entries = cfg.pointer("/menu/main").or_else(|| cfg.pointer("/menus/main")).and_then(Value::as_array);
    let mut menu: Vec<(i64, String, String)> = entries
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let name = field(e, &["name"])?.to_owned();
            let url = field(e, &["url"]).or_else(|| field(e, &["pageRef"]))?.to_owned();
            let url = if url.starts_with('/') || url.contains("://") { url } else { format!("/{url}") };
            Some((e.get("weight").and_then(Value::as_i64).unwrap_or(0), name, url))
        })
        .collect();
    menu.sort_by_key(|(weight, _, _)| *weight);
    menu.into_iter().map(|(_, name, url)| (name, url)).collect()
}

/// The value of `key="…"` (or the first bare argument when `key` is empty) in a
/// shortcode's or tag's arguments.
fn argument(args: &str, key: &str) -> Option<String> {
    if key.is_empty() {
        let first = args.split_whitespace().next()?;
        return (!first.contains('=')).then(|| first.trim_matches('"').to_owned());
    }
    let at = args.find(&format!("{key}="))? + key.len() + 1;
    let rest = &args[at..];
    match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next().map(str::to_owned),
        _ => rest.split_whitespace().next().map(str::to_owned),
    }
}

/// Hugo's shortcodes (`{{< name args >}}` and `{{% name args %}}`) the build has an answer for.
fn hugo_shortcodes(text: &str, addresses: &HashMap<String, String>, report: &mut Report) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [rest.find("{{<"), rest.find("{{%")].into_iter().flatten().min();
        let Some(at) = next else { break };
        out.push_str(&rest[..at]);
        let close = if rest[at..].starts_with("{{<") { ">}}" } else { "%}}" };
        let Some(end) = rest[at..].find(close).map(|e| at + e + 3) else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let inner = rest[at + 3..end - 3].trim();
        rest = &rest[end..];
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let name = name.trim_start_matches('/');
        match name {
            // A link to another page of the site, by its path in content/: its new address.
            "ref" | "relref" => {
                let target = argument(args, "").or_else(|| argument(args, "path")).unwrap_or_default();
                let (path, anchor) = target.split_once('#').map_or((target.as_str(), ""), |(p, a)| (p, a));
                let key = ref_key(path);
                let name_only = key.rsplit('/').next().unwrap_or_default().to_owned();
                match addresses.get(&key).or_else(|| addresses.get(&name_only)) {
                    Some(address) => {
                        out.push_str(address);
                        if !anchor.is_empty() {
                            out.push('#');
                            out.push_str(anchor);
                        }
                        report.construct(format!("{{{{< {name} >}}}} (the page's new address)"));
                    }
                    None if path.is_empty() && !anchor.is_empty() => {
                        out.push('#');
                        out.push_str(anchor);
                        report.construct(format!("{{{{< {name} >}}}} (an anchor on the same page)"));
                    }
                    None => report.construct(format!("{{{{< {name} >}}}} to a page that is not in the site (dropped)")),
                }
            }
            "figure" => {
                let src = argument(args, "src").unwrap_or_default();
                let alt = argument(args, "alt").or_else(|| argument(args, "title")).unwrap_or_default();
                let caption = argument(args, "caption")
                    .or_else(|| argument(args, "title"))
                    .map(|c| format!("<figcaption>{}</figcaption>", escape(&c)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "\n\n<figure><img src=\"{}\" alt=\"{}\">{caption}</figure>\n\n",
                    escape(&src),
                    escape(&alt)
                ));
                report.construct("{{< figure >}} (a figure)");
            }
            "youtube" | "vimeo" => {
                let id = argument(args, "id").or_else(|| argument(args, "")).unwrap_or_default();
                let url = if name == "youtube" {
                    format!("https://www.youtube.com/watch?v={id}")
                } else {
                    format!("https://vimeo.com/{id}")
                };
                out.push_str(&format!("\n\n{url}\n\n"));
                report.construct(format!("{{{{< {name} >}}}} (an embed)"));
            }
            "tweet" | "x" => {
                let user = argument(args, "user").unwrap_or_else(|| "x".into());
                let id = argument(args, "id").or_else(|| argument(args, "")).unwrap_or_default();
                out.push_str(&format!("\n\nhttps://x.com/{user}/status/{id}\n\n"));
                report.construct("{{< tweet >}} (an embed)");
            }
            "highlight" if !inner.starts_with('/') => {
                let language = argument(args, "").unwrap_or_default();
                let close_tag = rest.find("{{< /highlight >}}").or_else(|| rest.find("{{</highlight>}}"));
                let (code, after) = match close_tag {
                    Some(c) => (&rest[..c], &rest[c..].split_once("}}").map_or("", |(_, a)| a)),
                    None => (rest, &""),
                };
                out.push_str(&format!("\n```{language}\n{}\n```\n", code.trim_matches('\n')));
                rest = after;
                report.construct("{{< highlight >}} (a code block)");
            }
            other => {
                if !inner.starts_with('/') {
                    report.construct(format!("{{{{< {other} >}}}} shortcode (not carried)"));
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// Jekyll's Liquid tags the build has an answer for; `{{ … }}` output is dropped.
fn liquid(text: &str, posts: &HashMap<String, (String, String)>, cfg: &Value, report: &mut Report) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [rest.find("{%"), rest.find("{{")].into_iter().flatten().min();
        let Some(at) = next else { break };
        out.push_str(&rest[..at]);
        let tag = rest[at..].starts_with("{%");
        let close = if tag { "%}" } else { "}}" };
        let Some(end) = rest[at..].find(close).map(|e| at + e + 2) else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let inner = rest[at + 2..end - 2].trim().trim_matches('-').trim();
        rest = &rest[end..];
        if !tag {
            // `{{ site.repository }}`: the value _config.yml gives it (a filter after `|` is
            // not applied).
            let variable = inner.split('|').next().unwrap_or_default().trim();
            let configured =
                variable.strip_prefix("site.").filter(|name| !matches!(*name, "baseurl" | "url")).and_then(|name| {
                    let path: Vec<&str> = name.split('.').collect();
                    field(cfg, &path)
                });
            if inner.starts_with("site.baseurl") || inner.starts_with("site.url") {
                report.construct("{{ site.baseurl }} (dropped: the build's links are site paths)");
            } else if let Some(value) = configured {
                out.push_str(value);
                report.construct("{{ site.… }} (the value in _config.yml)");
            } else {
                report.construct(format!(
                    "Liquid output {{{{ {} }}}} (not carried)",
                    inner.split_whitespace().next().unwrap_or_default()
                ));
            }
            continue;
        }
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        match name {
            "highlight" => {
                let language = args.split_whitespace().next().unwrap_or_default();
                let (code, after) = match rest.find("{% endhighlight %}") {
                    Some(c) => (&rest[..c], &rest[c + "{% endhighlight %}".len()..]),
                    None => (rest, ""),
                };
                out.push_str(&format!("\n```{language}\n{}\n```\n", code.trim_matches('\n')));
                rest = after;
                report.construct("{% highlight %} (a code block)");
            }
            "raw" | "endraw" => {}
            // jekyll-oembed and its kin: the address alone on a line, which the build makes
            // an embed where it knows the site.
            "oembed" | "embed" | "youtube" | "vimeo" | "video" => {
                let address = args.split_whitespace().next().unwrap_or_default().trim_matches(['"', '\'']);
                let url = if address.starts_with("http") {
                    address.to_owned()
                } else if name == "youtube" && !address.is_empty() {
                    format!("https://www.youtube.com/watch?v={address}")
                } else if name == "vimeo" && !address.is_empty() {
                    format!("https://vimeo.com/{address}")
                } else {
                    String::new()
                };
                if url.is_empty() {
                    report.construct(format!("{{% {name} %}} without an address (not carried)"));
                } else {
                    out.push_str(&format!("\n\n{url}\n\n"));
                    report.construct(format!("{{% {name} %}} (its address, an embed where the build knows the site)"));
                }
            }
            "post_url" => match posts.get(args.trim()) {
                Some((date, slug)) => {
                    out.push_str(&format!(
                        "/{}/{}/{slug}",
                        date.get(..4).unwrap_or_default(),
                        date.get(5..7).unwrap_or_default()
                    ));
                    report.construct("{% post_url %} (the post's new address)");
                }
                None => report
                    .construct(format!("{{% post_url {} %}} to a post that is not in the site (dropped)", args.trim())),
            },
            other => report.construct(format!("{{% {other} %}} Liquid tag (not carried)")),
        }
    }
    out.push_str(rest);
    out
}

/// The words of a line of Markdown, without its marks.
fn markdown_words(text: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(text) {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(&t);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's path in content/ as `{{< ref >}}` names it, in one form: no leading `/`, no
/// `.md`, no `/index` or `/_index` (`/posts/x/index.md` and `posts/x` are `posts/x`).
fn ref_key(path: &str) -> String {
    let p = path.trim().trim_matches('/');
    let p = p.strip_suffix(".md").or_else(|| p.strip_suffix(".markdown")).unwrap_or(p);
    let p = p.strip_suffix("/index").or_else(|| p.strip_suffix("/_index")).unwrap_or(p);
    p.to_owned()
}

/// A site path of the old site's own files as the new site serves them: `/content/` is the
/// build's own folder, so `/content/images/…` (Ghost's pictures, in sites that came from
/// it) is `/images/…` and any other `/content/…` is `/content-files/…`.
fn own_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("/content/images/") {
        format!("/images/{rest}")
    } else if let Some(rest) = path.strip_prefix("/content/") {
        format!("/content-files/{rest}")
    } else {
        path.to_owned()
    }
}

/// [`own_path`] for every address in a body (Markdown targets, HTML attributes), code
/// left as it is.
fn own_paths(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced || line.starts_with("    ") || line.starts_with('\t') || !line.contains("/content/") {
            out.push_str(line);
            continue;
        }
        let mut changed = line.to_owned();
        for open in ["(", "\"", "'", "<"] {
            changed = changed.replace(&format!("{open}/content/images/"), &format!("{open}/images/"));
            changed = changed.replace(&format!("{open}/content/"), &format!("{open}/content-files/"));
        }
        out.push_str(&changed);
    }
    out
}

/// A site path for a folder relative to the content root: `posts/x` is `/posts/x/`.
fn url_of(rel: &Path) -> String {
    let mut url = String::from("/");
    for part in rel.iter() {
        url.push_str(&part.to_string_lossy());
        url.push('/');
    }
    url
}

/// Pictures, sound, video and documents, by their extension: what a Jekyll site's folders
/// hold for its pages.
fn is_media(file: &Path) -> bool {
    file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "png"
                | "jpg"
                | "jpeg"
                | "gif"
                | "webp"
                | "avif"
                | "svg"
                | "ico"
                | "bmp"
                | "tif"
                | "tiff"
                | "pdf"
                | "mp3"
                | "mp4"
                | "webm"
                | "ogg"
                | "m4a"
                | "mov"
                | "zip"
                | "csv"
        )
    })
}

/// Copies every file under `from` (but Markdown) that `wanted` takes into `to`, keeping
/// the folders. A file already in `to` with other bytes is not replaced: it is named in
/// the returned notes. Returns (files copied or already there, notes).
fn copy_files(from: &Path, to: &Path, wanted: fn(&Path) -> bool) -> (usize, Vec<String>) {
    let mut copied = 0;
    let mut notes = Vec::new();
    let Ok(entries) = std::fs::read_dir(from) else { return (0, notes) };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let Some(name) = path.file_name() else { continue };
        let target = to.join(name);
        if path.is_dir() {
            let (n, mut more) = copy_files(&path, &target, wanted);
            copied += n;
            notes.append(&mut more);
            continue;
        }
        let markdown = path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "md" | "markdown"));
        if markdown || !wanted(&path) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            notes.push(format!("{} could not be read: not copied", path.display()));
            continue;
        };
        match std::fs::read(&target) {
            Ok(existing) if existing == bytes => copied += 1,
            Ok(_) => notes.push(format!(
                "{} is already in {} with other contents: not replaced",
                path.display(),
                target.display()
            )),
            Err(_) => {
                let written = std::fs::create_dir_all(to).and_then(|()| std::fs::write(&target, &bytes));
                match written {
                    Ok(()) => copied += 1,
                    Err(e) => {
                        notes.push(format!("{} could not be copied to {}: {e}", path.display(), target.display()))
                    }
                }
            }
        }
    }
    (copied, notes)
}

/// Whether an address is relative to the page it is on (no scheme, not a site path, not a
/// fragment or a template's placeholder).
fn is_relative(address: &str) -> bool {
    let a = address.trim();
    !a.is_empty()
        && !a.starts_with(['/', '#', '?', '{', '<', '%'])
        && !a.split('/').next().unwrap_or_default().contains(':')
}

/// `target` resolved against the folder `base` (`/posts/x/`), as a site path.
fn resolve(base: &str, target: &str) -> String {
    let (path, rest) = match target.find(['#', '?']) {
        Some(at) => target.split_at(at),
        None => (target, ""),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && out.len() > 1 {
        out.push('/');
    }
    out.push_str(rest);
    out
}

/// Every relative address in Markdown links and images (`](photo.jpeg)`) and in HTML
/// `src` and `href` attributes, resolved against `base`. Returns the text and how many
/// were resolved. Code is left as it is.
fn relative_addresses(text: &str, base: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced || line.starts_with("    ") || line.starts_with('\t') {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        loop {
            let next = ["](", "src=\"", "href=\""]
                .iter()
                .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
                .min_by_key(|(at, _)| *at);
            let Some((at, len)) = next else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..at + len]);
            rest = &rest[at + len..];
            let end = rest.find(|c: char| c == ')' || c == '"' || c.is_whitespace()).unwrap_or(rest.len());
            let target = &rest[..end];
            let (open, inner) = match target.strip_prefix('<') {
                Some(inner) => ("<", inner.trim_end_matches('>')),
                None => ("", target),
            };
            if is_relative(inner) && !inner.starts_with('`') {
                out.push_str(open);
                out.push_str(&resolve(base, inner));
                if !open.is_empty() {
                    out.push('>');
                }
                count += 1;
            } else {
                out.push_str(target);
            }
            rest = &rest[end..];
        }
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks_make_old_addresses() {
        assert_eq!(
            permalink(
                "/:categories/:year/:month/:day/:title:output_ext",
                "2024-05-01T00:00:00Z",
                "hi",
                "",
                &["Tech News".into()],
                true
            ),
            "/tech-news/2024/05/01/hi.html"
        );
        assert_eq!(permalink("/:year/:month/:slug/", "2024-05-01T00:00:00Z", "hi", "posts", &[], false), "/2024/05/hi");
        assert_eq!(permalink("/:section/:slug/", "", "hi", "posts", &[], false), "/posts/hi");
    }

    #[test]
    fn shortcodes_and_liquid_tags_are_mapped_or_named() {
        let mut report = Report::default();
        let mut addresses = HashMap::new();
        addresses.insert("posts/other".to_owned(), "/2024/05/other".to_owned());
        addresses.insert("other".to_owned(), "/2024/05/other".to_owned());
        let hugo = hugo_shortcodes(
            "A\n\n{{< figure src=\"/a.png\" alt=\"An A\" caption=\"Cap\" >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n\n\
             {{< tweet user=\"jack\" id=\"20\" >}}\n\n{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n\n{{% notice %}}Hi{{% /notice %}}\n\n\
             [one]({{< ref \"/posts/other.md\" >}}), [two]({{< relref \"other#part\" >}}), [three]({{< ref \"#here\" >}}), [four]({{< ref \"gone\" >}})",
            &addresses,
            &mut report,
        );
        assert!(hugo.contains("[one](/2024/05/other), [two](/2024/05/other#part), [three](#here), [four]()"), "{hugo}");
        assert_eq!(report.constructs.get("{{< ref >}} to a page that is not in the site (dropped)"), Some(&1));
        assert!(
            hugo.contains("<figure><img src=\"/a.png\" alt=\"An A\"><figcaption>Cap</figcaption></figure>"),
            "{hugo}"
        );
        assert!(hugo.contains("\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"), "{hugo}");
        assert!(hugo.contains("\n\nhttps://x.com/jack/status/20\n\n"), "{hugo}");
        assert!(hugo.contains("```go\nfmt.Println(1)\n```"), "{hugo}");
        assert!(hugo.contains("Hi") && !hugo.contains("notice"), "{hugo}");
        assert_eq!(report.constructs.get("{{< notice >}} shortcode (not carried)"), Some(&1));
        let mut posts = HashMap::new();
        posts.insert("2024-05-01-hello".to_owned(), ("2024-05-01T00:00:00Z".to_owned(), "hello".to_owned()));
        let cfg = serde_json::json!({ "repository": "https://github.com/jekyll/jekyll", "author": { "name": "Jay" } });
        let jekyll = liquid(
            "See [this]({% post_url 2024-05-01-hello %}) and {{ site.baseurl }}/x.\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% include note.html %}\n\n\
             [let us know]({{ site.repository }}/issues) by {{ site.author.name }}; {{ site.missing }}.\n\n\
             {% oembed https://www.youtube.com/watch?v=dQw4w9WgXcQ %}",
            &posts,
            &cfg,
            &mut report,
        );
        assert!(jekyll.contains("[this](/2024/05/hello) and /x."), "{jekyll}");
        assert!(jekyll.contains("```ruby\nputs 1\n```") && !jekyll.contains("include"), "{jekyll}");
        assert_eq!(report.constructs.get("{% include %} Liquid tag (not carried)"), Some(&1));
        assert!(jekyll.contains("[let us know](https://github.com/jekyll/jekyll/issues) by Jay; ."), "{jekyll}");
        assert_eq!(report.constructs.get("Liquid output {{ site.missing }} (not carried)"), Some(&1));
        assert!(jekyll.contains("\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"), "{jekyll}");
        assert_eq!(markdown_words("[Jane Doe](https://example.org/jane)"), "Jane Doe");
        assert_eq!(markdown_words("**Joe** _Bloggs_"), "Joe Bloggs");
    }
}
