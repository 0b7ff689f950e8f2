//! Series: stories that name the same `series` in their front matter, in reading order.
//! A story's `series_part` (1, 2, …) places it; stories without one follow the numbered
//! ones, oldest first. Each story's JSON carries the whole series, so its page can say
//! "Part 2 of 5" and list the other parts.

use std::collections::{BTreeMap, HashMap};

use masthead_model::text::slugify;
use masthead_model::{Series, SeriesPart, Summary};

/// One story's place in a series, as its front matter gives it.
pub struct Member<'a> {
    pub summary: &'a Summary,
    pub name: &'a str,
    pub part: Option<u32>,
}

/// Every story's series by its slug, and the problems found: (slug of the story, message).
/// Names are matched by their slug ("The Road Test" and "the road test" are one series);
/// the series takes the name its first part gives it.
pub fn series_all(members: &[Member]) -> (HashMap<String, Series>, Vec<(String, String)>) {
    let mut groups: BTreeMap<String, Vec<&Member>> = BTreeMap::new();
    for m in members {
        let key = slugify(m.name);
        if !key.is_empty() {
            groups.entry(key).or_default().push(m);
        }
    }
    let mut out = HashMap::new();
    let mut problems = Vec::new();
    for parts in groups.values_mut() {
        parts.sort_by(|a, b| {
            let number = |m: &Member| m.part.unwrap_or(u32::MAX);
            number(a)
                .cmp(&number(b))
                .then(a.summary.published.unix().cmp(&b.summary.published.unix()))
                .then(a.summary.slug.cmp(&b.summary.slug))
        });
        for pair in parts.windows(2) {
            if let (Some(n), Some(m)) = (pair[0].part, pair[1].part) {
                if n == m {
                    problems.push((
                        pair[1].summary.slug.clone(),
                        format!(
                            "series {:?}: {:?} and {:?} are both part {n}; they are ordered by date",
                            pair[0].name, pair[0].summary.title, pair[1].summary.title
                        ),
                    ));
                }
            }
        }
        let name = parts[0].name.trim().to_owned();
        let list: Vec<SeriesPart> =
            parts.iter().map(|m| SeriesPart { title: m.summary.title.clone(), path: m.summary.permalink() }).collect();
        for (i, m) in parts.iter().enumerate() {
            let part = u32::try_from(i + 1).unwrap_or(u32::MAX);
            out.insert(m.summary.slug.clone(), Series { name: name.clone(), part, parts: list.clone() });
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(slug: &str, day: u32) -> Summary {
        serde_json::from_value(serde_json::json!({
            "slug": slug, "title": format!("Title {slug}"), "standfirst": "",
            "published": format!("2026-03-{day:02}T09:00:00Z"),
            "category": { "slug": "news", "name": "News" }, "authors": [], "tags": [], "reading_minutes": 1,
        }))
        .expect("a summary")
    }

    #[test]
    fn numbered_parts_first_then_the_rest_oldest_first() {
        let (a, b, c, d) = (story("a", 1), story("b", 2), story("c", 3), story("d", 4));
        let members = [
            Member { summary: &d, name: "Road Test", part: Some(1) },
            Member { summary: &a, name: "road test", part: None },
            Member { summary: &c, name: "Road test", part: Some(2) },
            Member { summary: &b, name: "Road Test", part: None },
        ];
        let (series, problems) = series_all(&members);
        assert!(problems.is_empty());
        let of_b = &series["b"];
        assert_eq!(of_b.name, "Road Test", "the first part's name");
        assert_eq!(of_b.part, 4);
        let order: Vec<&str> = of_b.parts.iter().map(|p| p.path.rsplit('/').next().unwrap()).collect();
        assert_eq!(order, ["d", "c", "a", "b"]);
        assert_eq!(of_b.parts[0].title, "Title d");
        assert_eq!(of_b.parts[0].path, "/2026/03/d");
        assert_eq!(series["d"].part, 1);
        assert_eq!(series["c"].part, 2);
        assert!(series.values().all(|s| s.parts.len() == 4));
    }

    #[test]
    fn two_series_stay_apart_and_a_part_given_twice_is_reported() {
        let (a, b, c) = (story("a", 1), story("b", 2), story("c", 3));
        let members = [
            Member { summary: &a, name: "One", part: Some(2) },
            Member { summary: &b, name: "One", part: Some(2) },
            Member { summary: &c, name: "Two", part: None },
        ];
        let (series, problems) = series_all(&members);
        assert_eq!(series["c"].parts.len(), 1);
        assert_eq!(series["c"].part, 1);
        assert_eq!((series["a"].part, series["b"].part), (1, 2), "ties by date");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].1.contains("both part 2"), "{problems:?}");
    }
}
