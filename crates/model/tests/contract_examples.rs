//! The examples in docs/contract/ are real files of the contract: they must decode.

use std::path::Path;

use masthead_model::explorer::Explorer;
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{excerpt, lookup, Language, ReadyText, ShardKey, ShardRef, TextQuery};
use masthead_model::{
    decode, ArchiveIndex, Block, CatalogueFile, Latest, ListFile, MonthShard, PositionShard, Post, SearchShard,
    SearchText, Site,
};

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
    // The explorer's files, read the way the archive page reads them.
    let files = index.explorer.expect("the example index names its explorer files");
    let catalogue: CatalogueFile = decode("catalogue.json", &example("archive-catalogue.json")).unwrap();
    let explorer = Explorer::from_file(&catalogue).unwrap();
    let list: ListFile = decode("list-0.json", &example("archive-list.json")).unwrap();
    assert_eq!(list.posts.len(), explorer.len());
    let shard: SearchShard = decode("search-2.json", &example("archive-search.json")).unwrap();
    let positions: PositionShard = decode("where-2.json", &example("archive-where.json")).unwrap();
    assert_eq!(positions.words.len(), shard.words.len());
    let language = Language::from_name(&files.language);
    assert_eq!(language, Language::English);
    let words = TextQuery::parse("Open", language);
    let text = lookup(&words, &files.search, explorer.len(), |k| match k {
        ShardKey::Words(2) => Some(ShardRef::Words(&shard)),
        ShardKey::Positions(2) => Some(ShardRef::Positions(&positions)),
        _ => None,
    })
    .unwrap();
    assert!(files.search_file(2).starts_with(&files.search_dir) && files.text_file(2).starts_with(&files.text_dir));
    let post_text: SearchText = decode("text-2.json", &example("archive-text.json")).unwrap();
    let cut = excerpt(&ReadyText::new(post_text, language), &TextQuery::parse("scores", language)).unwrap();
    assert_eq!(cut.anchor.as_deref(), Some("what-is-tested"));
    assert!(cut.pieces.contains(&("scoring".to_owned(), true)), "{:?}", cut.pieces);
    let found = explorer.run(&ArchiveQuery::parse("q=open&category=reviews"), Some(&text));
    let titles: Vec<&str> = found.posts.iter().map(|&id| list.posts[id as usize].title.as_str()).collect();
    assert_eq!(titles, ["Open model developers form a shared safety testing group"]);

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
