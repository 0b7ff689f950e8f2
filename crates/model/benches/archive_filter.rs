//! Pure archive filtering at 1,000, 10,000 and 100,000 posts:
//! `cargo bench -p masthead-model --bench archive_filter`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use masthead_model::query::{ArchiveQuery, Catalogue, Facet};
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
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let queries = [
        ("text", ArchiveQuery::parse("q=oled")),
        ("combined", ArchiveQuery::parse("year=2024&category=reviews&tag=ai&q=cafe")),
    ];
    let mut group = c.benchmark_group("archive_filter");
    for n in [1_000, 10_000, 100_000] {
        let posts = archive(n);
        // Prepared once when the archive loads, then every keystroke filters it.
        let catalogue = Catalogue::new(&posts);
        for (name, query) in &queries {
            group.bench_with_input(BenchmarkId::new(*name, n), &catalogue, |b, c| b.iter(|| c.filter(query).len()));
        }
        let query = &queries[1].1;
        group.bench_with_input(BenchmarkId::new("counts", n), &catalogue, |b, c| {
            b.iter(|| (c.month_counts(query).len(), c.facet_counts(query, Facet::Tag).len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
