//! The examples in docs/contract/ are real files of the contract: they must decode.

use std::path::Path;

use masthead_model::{decode, ArchiveIndex, Block, Latest, MonthShard, Post, Site};

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/contract").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_documented_example_decodes() {
    let site: Site = decode("site.json", &example("site.json")).unwrap();
    assert!(!site.newsletter.topics.is_empty());
    let latest: Latest = decode("latest.json", &example("latest.json")).unwrap();
    assert!(!latest.posts.is_empty());
    let index: ArchiveIndex = decode("archive/index.json", &example("archive-index.json")).unwrap();
    assert!(!index.months.is_empty());
    let month: MonthShard = decode("archive/2024-07.json", &example("archive-month.json")).unwrap();
    assert!(month.posts.iter().all(|p| p.published.year_month() == month.month));
    let post: Post = decode("posts/example.json", &example("post.json")).unwrap();
    for kind in ["paragraph", "heading", "quote", "list", "image"] {
        let found = post.body.iter().any(|b| {
            matches!(
                (kind, b),
                ("paragraph", Block::Paragraph { .. })
                    | ("heading", Block::Heading { .. })
                    | ("quote", Block::Quote { .. })
                    | ("list", Block::List { .. })
                    | ("image", Block::Image(_))
            )
        });
        assert!(found, "the example post shows no {kind} block");
    }
}

#[test]
fn a_block_type_from_a_newer_contract_is_skipped_not_fatal() {
    let text = example("post.json").replacen(r#""type": "list""#, r#""type": "table_of_the_future""#, 1);
    let post: Post = decode("posts/example.json", &text).unwrap();
    assert!(post.body.iter().any(|b| matches!(b, Block::Unsupported)));
}
