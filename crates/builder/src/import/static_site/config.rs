//! A Hugo or Jekyll site's settings: its config file (TOML, YAML or JSON) merged with Hugo's
//! config folder (`config/_default/`, `config/production/`), its content folder for the
//! default language, its main menu; settings read whatever the case of their keys.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Which system wrote the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Hugo,
    Jekyll,
}

/// A config file as JSON, whatever it was written in.
pub(super) fn config(dir: &Path, names: &[&str]) -> (Value, Option<PathBuf>) {
    for name in names {
        let file = dir.join(name);
        if let Some(value) = config_file(&file) {
            return (value, Some(file));
        }
    }
    (Value::Null, None)
}

/// One config file (TOML, YAML or JSON) as JSON; `None` when it cannot be read.
pub(super) fn config_file(file: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(file).ok()?;
    let value = match file.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::from_str::<toml::Table>(&text).ok().and_then(|t| serde_json::to_value(t).ok()),
        Some("json") => serde_json::from_str(&text).ok(),
        _ => serde_yaml_ng::from_str::<Value>(&text).ok(),
    };
    Some(value.unwrap_or(Value::Null))
}

/// `over` merged into `base`, key by key (tables merged, anything else replaced).
pub(super) fn merge(base: &mut Value, over: Value) {
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
pub(super) fn hugo_config_dir(dir: &Path, cfg: &mut Value) -> Vec<PathBuf> {
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
pub(super) fn hugo_content_dirs(dir: &Path, cfg: &Value) -> (PathBuf, Vec<(String, PathBuf)>) {
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
pub(super) fn field<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = v;
    for key in path {
        v = v.get(key).or_else(|| v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))?;
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// Hugo's `[[menu.main]]` (or `[[menus.main]]`) entries, by weight: (name, url).
pub(super) fn hugo_menu(cfg: &Value) -> Vec<(String, String)> {
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
