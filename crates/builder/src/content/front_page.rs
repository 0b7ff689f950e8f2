//! The front page's rows (`front.json`): after the lead and the Latest list, a row per
//! section with its newest stories and a link to the rest, as `[front]` in site.toml sets
//! them:
//!
//! ```toml
//! [front]
//! sections = ["news", "reviews", "opinion"]   # which, in this order (default: every section)
//! stories = 4                                  # how many each (default 4, at most 12)
//! ```

use std::collections::HashSet;

use masthead_model::{ListShard, Summary, Term, CONTRACT_VERSION};
use serde::Deserialize;

/// Stories in a row unless `[front] stories` says otherwise.
pub const DEFAULT_STORIES: usize = 4;
/// The most a row may show.
pub const MAX_STORIES: usize = 12;

/// `[front]`, checked: the sections of the rows, in order, and how many stories each shows;
/// and each section's description (`description` in its `[[categories]]` entry), which its
/// pages show under its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontSettings {
    pub sections: Vec<Term>,
    pub stories: usize,
    pub descriptions: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontToml {
    sections: Option<Vec<String>>,
    stories: Option<i64>,
}

/// Reads `[front]` of the site's settings against its sections (`[[categories]]`); without
/// it, every section in the settings' order, [`DEFAULT_STORIES`] each. Every problem is a
/// message naming the setting.
pub fn parse(site_toml: &str, categories: &[Term]) -> Result<FrontSettings, Vec<String>> {
    let table: toml::Table = toml::from_str(site_toml).map_err(|e| vec![e.message().to_owned()])?;
    let raw = match table.get("front").cloned() {
        None => FrontToml { sections: None, stories: None },
        Some(value) => value.try_into().map_err(|e: toml::de::Error| vec![format!("[front]: {}", e.message())])?,
    };
    let mut errors = Vec::new();
    let stories = match raw.stories {
        None => DEFAULT_STORIES,
        Some(n) if (1..=MAX_STORIES as i64).contains(&n) => n as usize,
        Some(n) => {
            errors.push(format!("front.stories is {n}: a row shows from 1 to {MAX_STORIES} stories"));
            DEFAULT_STORIES
        }
    };
    let sections = match raw.sections {
        None => categories.to_vec(),
        Some(names) => {
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            for name in names {
                let found = categories.iter().find(|c| c.slug == name || c.name == name);
                match found {
                    Some(term) if seen.insert(term.slug.clone()) => out.push(term.clone()),
                    Some(_) => errors.push(format!("front.sections lists {name:?} twice")),
                    None => {
                        let known: Vec<&str> = categories.iter().map(|c| c.slug.as_str()).collect();
                        errors.push(format!(
                            "front.sections names {name:?}, which is not a section of [[categories]] ({})",
                            if known.is_empty() { "there are none".to_owned() } else { known.join(", ") }
                        ));
                    }
                }
            }
            out
        }
    };
    let mut descriptions = std::collections::BTreeMap::new();
    for entry in table.get("categories").and_then(toml::Value::as_array).into_iter().flatten() {
        let (Some(slug), Some(text)) = (entry.get("slug").and_then(toml::Value::as_str), entry.get("description"))
        else {
            continue;
        };
        match text.as_str().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")) {
            Some(text) if text.chars().count() <= 300 => {
                if !text.is_empty() {
                    descriptions.insert(slug.to_owned(), text);
                }
            }
            Some(_) => errors.push(format!("the description of section {slug:?} is over 300 characters")),
            None => errors.push(format!("the description of section {slug:?} must be text")),
        }
    }
    if errors.is_empty() {
        Ok(FrontSettings { sections, stories, descriptions })
    } else {
        Err(errors)
    }
}

/// One section's row: the section and its stories, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontRow {
    pub term: Term,
    pub posts: Vec<Summary>,
}

/// `front.json`, a list file (`kind = "front"`) whose stories are the rows' in row order:
/// each row's stories together, newest first, so that the front page reads its rows by
/// their stories' sections with the decoder every list page has.
pub fn file(rows: Vec<FrontRow>) -> ListShard {
    let posts: Vec<Summary> = rows.into_iter().flat_map(|r| r.posts).collect();
    let total = u32::try_from(posts.len()).unwrap_or(u32::MAX);
    ListShard {
        contract: CONTRACT_VERSION,
        month: None,
        kind: Some("front".into()),
        term: None,
        page: 1,
        pages: 1,
        total,
        posts,
        profile: None,
        description: None,
    }
}

/// The rows: for each section of `settings`, its newest `stories` stories among `summaries`
/// (newest first) that the front page does not already show above the rows (`shown`: the
/// lead and the Latest list). A section with none left has no row.
pub fn rows(settings: &FrontSettings, summaries: &[Summary], shown: &[&Summary]) -> Vec<FrontRow> {
    let above: HashSet<&str> = shown.iter().map(|s| s.slug.as_str()).collect();
    settings
        .sections
        .iter()
        .filter_map(|term| {
            let posts: Vec<Summary> = summaries
                .iter()
                .filter(|s| s.category.slug == term.slug && !above.contains(s.slug.as_str()))
                .take(settings.stories)
                .cloned()
                .collect();
            (!posts.is_empty()).then(|| FrontRow { term: term.clone(), posts })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(slug: &str, name: &str) -> Term {
        Term { slug: slug.into(), name: name.into() }
    }

    fn sections() -> Vec<Term> {
        vec![term("news", "News"), term("reviews", "Reviews"), term("opinion", "Opinion")]
    }

    fn story(slug: &str, category: &str, day: u32) -> Summary {
        let s: Summary = serde_json::from_value(serde_json::json!({
            "slug": slug, "title": slug, "standfirst": "", "published": format!("2026-03-{day:02}T09:00:00Z"),
            "category": { "slug": category, "name": category }, "authors": [], "tags": [], "reading_minutes": 1,
        }))
        .expect("a summary");
        s
    }

    #[test]
    fn without_settings_every_section_in_order_four_each() {
        let front = parse("name = \"x\"\n", &sections()).unwrap();
        assert_eq!(front.sections, sections());
        assert_eq!(front.stories, DEFAULT_STORIES);
    }

    #[test]
    fn section_descriptions_are_read_as_plain_text_and_checked() {
        let toml =
            "[[categories]]\nslug = \"news\"\nname = \"News\"\ndescription = \"What happened,\\n  and why.\"\n\n\
                    [[categories]]\nslug = \"reviews\"\nname = \"Reviews\"\n";
        let front = parse(toml, &sections()).unwrap();
        assert_eq!(front.descriptions.get("news").map(String::as_str), Some("What happened, and why."));
        assert!(!front.descriptions.contains_key("reviews"));
        let long =
            format!("[[categories]]\nslug = \"news\"\nname = \"News\"\ndescription = \"{}\"\n", "word ".repeat(70));
        assert!(parse(&long, &sections()).unwrap_err()[0].contains("over 300 characters"));
        let number = "[[categories]]\nslug = \"news\"\nname = \"News\"\ndescription = 3\n";
        assert!(parse(number, &sections()).unwrap_err()[0].contains("must be text"));
    }

    #[test]
    fn sections_by_slug_or_name_in_the_order_given() {
        let front = parse("[front]\nsections = [\"opinion\", \"News\"]\nstories = 2\n", &sections()).unwrap();
        assert_eq!(front.sections, vec![term("opinion", "Opinion"), term("news", "News")]);
        assert_eq!(front.stories, 2);
    }

    #[test]
    fn unknown_section_twice_listed_and_bad_counts_are_refused_with_every_reason() {
        let errors =
            parse("[front]\nsections = [\"sport\", \"news\", \"news\"]\nstories = 40\n", &sections()).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("\"sport\"") && e.contains("news, reviews, opinion")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("twice")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("from 1 to 12")), "{errors:?}");
        assert!(parse("[front]\nstories = 0\n", &sections()).is_err());
        let unknown = parse("[front]\nsection = [\"news\"]\n", &sections()).unwrap_err();
        assert!(unknown[0].contains("section"), "{unknown:?}");
    }

    #[test]
    fn rows_take_each_sections_newest_not_shown_above_and_skip_empty_sections() {
        let all: Vec<Summary> =
            (1..=9).rev().map(|d| story(&format!("s{d}"), if d % 3 == 0 { "reviews" } else { "news" }, d)).collect();
        let front = FrontSettings { sections: sections(), stories: 2, ..Default::default() };
        let shown: Vec<&Summary> = all.iter().take(2).collect(); // s9 (reviews), s8 (news)
        let rows = rows(&front, &all, &shown);
        assert_eq!(rows.len(), 2, "opinion has no stories: no row");
        let slugs = |r: &FrontRow| r.posts.iter().map(|p| p.slug.clone()).collect::<Vec<_>>();
        assert_eq!(rows[0].term.slug, "news");
        assert_eq!(slugs(&rows[0]), ["s7", "s5"]);
        assert_eq!(rows[1].term.slug, "reviews");
        assert_eq!(slugs(&rows[1]), ["s6", "s3"]);
    }
}
