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
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let value = if name.ends_with(".toml") {
            toml::from_str::<toml::Table>(&text).ok().and_then(|t| serde_json::to_value(t).ok())
        } else {
            serde_yaml_ng::from_str::<Value>(&text).ok()
        };
        return (value.unwrap_or(Value::Null), Some(file));
    }
    (Value::Null, None)
}

fn field<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = v;
    for key in path {
        v = v.get(key).or_else(|| v.get(key.to_lowercase()))?;
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
    page: bool,
    draft: bool,
    section: String,
    name_slug: String,
    name_date: Option<String>,
}

fn sources(flavor: Flavor, dir: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let stem = |f: &Path| f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    match flavor {
        Flavor::Hugo => {
            let content = dir.join("content");
            let mut files = Vec::new();
            markdown_files(&content, &mut files);
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
                    out.push(Source { file, page: false, draft, section: String::new(), name_slug, name_date });
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
                out.push(Source { file, page: true, draft: false, section: String::new(), name_slug, name_date: None });
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
    let (cfg, cfg_file) = config(dir, config_names);
    let found = sources(flavor, dir);
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
            match field(&cfg, &["permalink"]).unwrap_or("date") {
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
                    Some(permalink(p, &published, &slugify(&slug), "", std::slice::from_ref(&category_name), true))
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
        let image = map.get("image").and_then(Value::as_object).and_then(|i| {
            let src = i.get("src")?.as_str()?.trim().to_owned();
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
        let mut authors = list("authors");
        if authors.is_empty() {
            authors.push(default_author.clone());
        }
        let body = match flavor {
            Flavor::Hugo => hugo_shortcodes(&body, &mut writer.report),
            Flavor::Jekyll => liquid(&body, &post_slugs, &mut writer.report),
        };
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
        name: field(&cfg, &["title"]).unwrap_or_default().to_owned(),
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
fn hugo_shortcodes(text: &str, report: &mut Report) -> String {
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
fn liquid(text: &str, posts: &HashMap<String, (String, String)>, report: &mut Report) -> String {
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
            if inner.starts_with("site.baseurl") || inner.starts_with("site.url") {
                report.construct("{{ site.baseurl }} (dropped: the build's links are site paths)");
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
        let hugo = hugo_shortcodes(
            "A\n\n{{< figure src=\"/a.png\" alt=\"An A\" caption=\"Cap\" >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n\n\
             {{< tweet user=\"jack\" id=\"20\" >}}\n\n{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n\n{{% notice %}}Hi{{% /notice %}}",
            &mut report,
        );
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
        let jekyll = liquid(
            "See [this]({% post_url 2024-05-01-hello %}) and {{ site.baseurl }}/x.\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n{% include note.html %}",
            &posts,
            &mut report,
        );
        assert!(jekyll.contains("[this](/2024/05/hello) and /x."), "{jekyll}");
        assert!(jekyll.contains("```ruby\nputs 1\n```") && !jekyll.contains("include"), "{jekyll}");
        assert_eq!(report.constructs.get("{% include %} Liquid tag (not carried)"), Some(&1));
    }
}
