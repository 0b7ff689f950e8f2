//! Where a keystroke's time goes in the archive explorer, natively, on a real generated
//! publication: each query of `make bench-archive` typed a key at a time against the
//! files the browser would hold (index, search shards, the first page's texts), timing
//! each step the app runs per keystroke. Prints medians in microseconds; asserts nothing.
//!   cargo run --release -p masthead-model --example keystroke -- target/bench-archive-100000 [ROUNDS]

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use common::{read, Files, Shard};
use masthead_model::explorer::{answer, Answer, Arrived, Explorer};
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{
    excerpt, lookup, marked_words, proximity, shards_needed, suggestion, Language, ReadyText, ShardKey, TextQuery,
};
use masthead_model::{ArchiveIndex, SearchText};
use std::sync::Arc;

const QUERIES: &[&str] =
    &["battery", "oled review", "chip makers", "open source", "priya", "quiet laptop", "streaming", "regulators"];

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    if xs.is_empty() {
        return f64::NAN;
    }
    (xs[(xs.len() - 1) / 2] + xs[xs.len() / 2]) / 2.0
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: keystroke DIR [ROUNDS]")?);
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse().map_err(|_| "ROUNDS is a number"))?;
    let content = dir.join("content");
    let index: ArchiveIndex = read(&content.join("archive/index.json"))?;
    let files = index.explorer.clone().ok_or("archive/index.json names no explorer files")?;
    let language = Language::from_name(&files.language);
    let by_months = Arc::new(Explorer::from_months(&index.months)?);
    let mut arrived = Files { shards: HashMap::new(), by_months };
    let mut texts: HashMap<u32, ReadyText> = HashMap::new();
    let mut steps: Vec<(&str, Vec<f64>)> = [
        "parse",
        "lookup + order",
        "proximity (first 20)",
        "excerpts (10 rows)",
        "suggestion",
        "shards needed",
        "(lookup alone)",
    ]
    .map(|s| (s, Vec::new()))
    .into();
    let mut totals = Vec::new();
    let mut found_counts = Vec::new();
    let mut slowest: Vec<(f64, String, f64, f64)> = Vec::new();
    for round in 0..=rounds {
        for q in QUERIES {
            for end in 1..=q.len() {
                let typed = &q[..end];
                // Fetch what this keystroke needs first, as the browser would have (warm).
                for key in shards_needed(&files.search, &TextQuery::parse(typed, language)) {
                    if let std::collections::hash_map::Entry::Vacant(slot) = arrived.shards.entry(key) {
                        let shard = match key {
                            ShardKey::Words(i) => Shard::Words(read(&content.join(files.search_file(i)))?),
                            ShardKey::Positions(i) => Shard::Positions(read(&content.join(files.positions_file(i)))?),
                        };
                        slot.insert(shard);
                    }
                }
                let query = ArchiveQuery::parse(&format!("q={}", typed.replace(' ', "+")));
                let Answer::Ready(matches) = answer(&query, &index, &arrived, false) else {
                    return Err(format!("{typed}: no answer from the files fetched"));
                };
                let (page, _) = matches.page(1);
                for &id in page.iter().chain(matches.to_reorder()) {
                    if let std::collections::hash_map::Entry::Vacant(slot) = texts.entry(id) {
                        let text: SearchText = read(&content.join(files.text_file(id)))?;
                        slot.insert(ReadyText::new(text, language));
                    }
                }
                // Timed: what the app runs for this keystroke.
                let t0 = Instant::now();
                let words = TextQuery::parse(&query.q, language);
                let t1 = Instant::now();
                let Answer::Ready(matches) = answer(&query, &index, &arrived, false) else { unreachable!() };
                let t2 = Instant::now();
                let matches = if matches.to_reorder().is_empty() {
                    matches
                } else {
                    matches.reordered(|id| texts.get(&id).map_or(0.0, |t| proximity(t, &words)))
                };
                let t2b = Instant::now();
                let mut marked = 0;
                for id in matches.page(1).0 {
                    if let Some(text) = texts.get(id) {
                        marked += usize::from(excerpt(text, &words).is_some());
                        marked += marked_words(text, &words).len();
                    }
                }
                let t3 = Instant::now();
                let hint =
                    arrived.with_shards(|shard| suggestion(&words, &files.search, |k| shard(k).and_then(Result::ok)));
                let t4 = Instant::now();
                let needed = shards_needed(&files.search, &words).len();
                let t5 = Instant::now();
                let alone = arrived.with_shards(|shard| {
                    lookup(&words, &files.search, index.total as usize, |k| shard(k).and_then(Result::ok)).ok()
                });
                let t6 = Instant::now();
                std::hint::black_box((marked, hint, needed, alone));
                if round > 0 {
                    let us = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e6;
                    for (k, (a, b)) in
                        [(t0, t1), (t1, t2), (t2, t2b), (t2b, t3), (t3, t4), (t4, t5), (t5, t6)].into_iter().enumerate()
                    {
                        if let Some(step) = steps.get_mut(k) {
                            step.1.push(us(a, b));
                        }
                    }
                    totals.push(us(t0, t5));
                    found_counts.push(matches.posts.len() as f64);
                    slowest.push((us(t0, t5), typed.to_owned(), us(t1, t2), us(t2b, t3)));
                }
            }
        }
    }
    println!("{} posts, {} keystrokes timed ({} rounds)", index.total, totals.len(), rounds);
    for (name, times) in steps {
        let worst = times.iter().copied().fold(0.0, f64::max);
        println!("{name:<22} median {:>9.1} µs   worst {:>9.1} µs", median(times), worst);
    }
    println!("{:<22} median {:>9.1} µs", "all", median(totals));
    println!("posts found per keystroke: median {:.0}", median(found_counts));
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    slowest.dedup_by(|a, b| a.1 == b.1);
    println!("slowest keystrokes (all / lookup / excerpts, µs):");
    for (all, typed, lookup, excerpts) in slowest.iter().take(6) {
        println!("  {typed:<14} {all:>9.1} {lookup:>9.1} {excerpts:>9.1}");
    }
    Ok(())
}
