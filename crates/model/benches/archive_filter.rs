//! One keystroke in the archive explorer (word lookup, filtering, month and facet counts)
//! at 1,000, 10,000 and 100,000 posts:
//! `cargo bench -p masthead-model --bench archive_filter`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use masthead_model::explorer::{newest_first, Explorer};
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{build_index, lookup, Language, SearchDoc, ShardKey, ShardRef, TextQuery};
use masthead_model::{Summary, Term, Timestamp};

const TOPICS: &[&str] = &["AI", "Chips", "Space", "Audio", "Cameras", "Batteries", "Privacy", "Cloud", "Wearables"];
const WORDS: &[&str] = &["open", "oled", "café", "rocket", "battery", "privacy", "quiet", "review", "deal", "model"];

/// A deterministic synthetic archive spread over 2016-01 to 2026-06.
fn archive(n: usize) -> Vec<Summary> {
    let mut seed = 42u64;
    let mut next = move |k: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % k
    };
    let term = |s: &str| Term { slug: masthead_model::text::slugify(s), name: s.to_owned() };
    (0..n)
        .map(|i| {
            let month = i * 126 / n.max(1);
            let (year, m) = (2016 + month / 12, 1 + month % 12);
            Summary {
                slug: format!("post-{i}"),
                title: format!("{} {} {}", WORDS[next(WORDS.len())], WORDS[next(WORDS.len())], i),
                standfirst: format!(
                    "The {} of {} and {}",
                    WORDS[next(WORDS.len())],
                    WORDS[next(WORDS.len())],
                    WORDS[next(WORDS.len())]
                ),
                published: Timestamp::parse(&format!("{year}-{m:02}-{:02}T10:00:00Z", 1 + next(28))).expect("valid"),
                updated: None,
                category: term(["News", "Reviews", "Opinion", "Deals", "Science"][next(5)]),
                tags: vec![term(TOPICS[next(TOPICS.len())]), term(TOPICS[next(TOPICS.len())])],
                authors: vec![term(["Ada Lovelace", "Grace Hopper", "Alan Turing", "Zoë Brontë"][next(4)])],
                image: None,
                reading_minutes: 3,
                featured: false,
                teaser: None,
                draft: false,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let queries = [
        ("unfiltered", ArchiveQuery::parse("")),
        ("text", ArchiveQuery::parse("q=oled")),
        ("combined", ArchiveQuery::parse("year=2024&category=reviews&tag=ai&q=cafe")),
    ];
    let mut group = c.benchmark_group("archive_filter");
    for n in [1_000, 10_000, 100_000] {
        let posts = archive(n);
        // What the browser holds once the catalogue and the query's shards are fetched.
        let explorer = Explorer::from_file(&Explorer::from_posts(&posts).to_file()).expect("consistent");
        let sorted: Vec<Summary> = newest_first(&posts).into_iter().cloned().collect();
        let docs: Vec<SearchDoc> = sorted.iter().map(SearchDoc::of_summary).collect();
        let index = build_index(&docs, Language::English);
        for (name, query) in &queries {
            // One keystroke: look the words up, then filter and count over the whole archive.
            group.bench_with_input(BenchmarkId::new(*name, n), &explorer, |b, e| {
                b.iter(|| {
                    let words = TextQuery::parse(&query.q, Language::English);
                    let text = (!words.is_empty()).then(|| {
                        lookup(&words, &index.first_words, n, |k| match k {
                            ShardKey::Words(i) => index.shards.get(i).map(ShardRef::Words),
                            ShardKey::Positions(i) => index.positions.get(i).map(ShardRef::Positions),
                        })
                        .expect("all shards")
                    });
                    let outcome = e.run(query, text.as_ref());
                    (outcome.posts.len(), outcome.months.len(), outcome.tags.len())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
