//! Known-item search natively, for tuning the ranking between runs of the browser bench:
//! the queries `scripts/bench-search.mjs` made for a corpus (it writes them to
//! `known-items.json` in its folder), run against an index built in memory, with the
//! code as it is now, from the corpus's text files (title, standfirst, author names,
//! subheadings and body; tag names are not in the text files). Orders the posts as the
//! archive does, texts of the first results included, and prints the share of queries
//! whose post comes first, in the first five and in the first ten. Asserts nothing.
//!   cargo run --release -p masthead-model --example known_item -- target/bench-search-30000

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use common::{read, Files};
use masthead_model::explorer::{answer, Answer, Explorer};
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{
    build_index, proximity, Field, Language, ReadyText, SearchDoc, TextQuery, PROXIMITY_DEPTH,
};
use masthead_model::{ArchiveIndex, SearchText};

#[derive(serde::Deserialize)]
struct KnownItem {
    q: String,
    url: String,
}

fn main() -> Result<(), String> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: known_item DIR")?);
    let content = dir.join("content");
    let queries: Vec<KnownItem> = read(&dir.join("known-items.json"))?;
    let mut archive: ArchiveIndex = read(&content.join("archive/index.json"))?;
    let files = archive.explorer.clone().ok_or("archive/index.json names no explorer files")?;
    let language = Language::from_name(&files.language);
    let t0 = Instant::now();
    let mut texts: Vec<SearchText> = Vec::with_capacity(archive.total as usize);
    for id in 0..archive.total {
        texts.push(read(&content.join(files.text_file(id)))?);
    }
    let docs: Vec<SearchDoc> = texts
        .iter()
        .map(|t| {
            let mut parts = vec![(Field::Title, t.entry.title.clone()), (Field::Standfirst, t.standfirst.clone())];
            parts.extend(t.entry.authors.iter().map(|a| (Field::Names, a.clone())));
            for s in &t.sections {
                if !s.heading.is_empty() {
                    parts.push((Field::Heading, s.heading.clone()));
                }
                parts.extend(s.text.lines().map(|l| (Field::Body, l.to_owned())));
            }
            SearchDoc { parts }
        })
        .collect();
    let t1 = Instant::now();
    let index = build_index(&docs, language);
    let t2 = Instant::now();
    println!(
        "{} posts: texts read in {:.1} s, index built in {:.1} s",
        texts.len(),
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64()
    );
    archive.explorer = Some(masthead_model::ExplorerFiles { search: index.first_words.clone(), ..files.clone() });
    let by_id: HashMap<String, u32> = texts.iter().enumerate().map(|(i, t)| (t.entry.permalink(), i as u32)).collect();
    let arrived = Files::of_index(index, Arc::new(Explorer::from_months(&archive.months)?));
    let mut ranks: Vec<usize> = Vec::new();
    let mut plain: Vec<usize> = Vec::new();
    let mut ready: HashMap<u32, ReadyText> = HashMap::new();
    for KnownItem { q, url } in &queries {
        let Some(&want) = by_id.get(url.as_str()) else { return Err(format!("{url}: no such post")) };
        let query = ArchiveQuery::parse(&format!("q={}", q.replace(' ', "+")));
        let Answer::Ready(matches) = answer(&query, &archive, &arrived, false) else {
            return Err(format!("{q}: no answer"));
        };
        let rank_of = |posts: &[u32]| posts.iter().position(|&p| p == want).map_or(usize::MAX, |r| r + 1);
        plain.push(rank_of(&matches.posts));
        // The texts the app fetches for the first results, and their order then.
        let words = TextQuery::parse(&query.q, language);
        for &id in matches.to_reorder() {
            let text = texts.get(id as usize).ok_or(format!("no text {id}"))?;
            ready.entry(id).or_insert_with(|| ReadyText::new(text.clone(), language));
        }
        let shown = matches.reordered(|id| ready.get(&id).map_or(0.0, |r| proximity(r, &words)));
        ranks.push(rank_of(&shown.posts));
    }
    let shares = |ranks: &[usize]| {
        let share = |k: usize| 100.0 * ranks.iter().filter(|&&r| r <= k).count() as f64 / ranks.len().max(1) as f64;
        format!("first {:>5.1}%, first five {:>5.1}%, first ten {:>5.1}%", share(1), share(5), share(10))
    };
    println!("ordered by the words' scores alone: {}", shares(&plain));
    for depth in [PROXIMITY_DEPTH, 30, 50, 100] {
        let n = plain.iter().filter(|&&r| r <= depth).count();
        println!("  of which in the first {depth}: {:.1}%", 100.0 * n as f64 / plain.len().max(1) as f64);
    }
    println!("the first {PROXIMITY_DEPTH} ordered again by proximity (as the app does): {}", shares(&ranks));
    println!("{} queries in {:.1} s", ranks.len(), t2.elapsed().as_secs_f64());
    Ok(())
}
