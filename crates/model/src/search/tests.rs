use super::excerpt::{best_window, Stemmed};
use super::*;
use crate::contract::{PositionShard, Post, SearchShard, SearchText, TextSection};
use crate::oracle::scan;
use proptest::prelude::*;

fn doc(title: &str, body: &str) -> SearchDoc {
    SearchDoc { parts: vec![(Field::Title, title.into()), (Field::Body, body.into())] }
}

fn index_of(docs: &[SearchDoc]) -> SearchIndex {
    build_index(docs, Language::English)
}

fn run(index: &SearchIndex, posts: usize, q: &str) -> Found {
    let query = TextQuery::parse(q, Language::English);
    lookup(&query, &index.first_words, posts, |k| match k {
        ShardKey::Words(i) => index.shards.get(i).map(ShardRef::Words),
        ShardKey::Positions(i) => index.positions.get(i).map(ShardRef::Positions),
    })
    .unwrap()
}

/// Post numbers, best first (ties: newest first).
fn ranked(found: &Found) -> Vec<u32> {
    let mut ids: Vec<(u32, f32)> = found.scores.clone();
    ids.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ids.into_iter().map(|(id, _)| id).collect()
}

#[test]
fn words_are_folded_split_and_placed() {
    assert_eq!(words("Don’t panic: Café-CPU 5, naïve!"), ["dont", "panic", "cafe", "cpu", "5", "naive"]);
    assert_eq!(words(&"x".repeat(100)), ["x".repeat(MAX_WORD_CHARS)]);
    assert!(words("  ,.;  ").is_empty());
    let text = "Zoë’s naïve";
    for t in tokens(text) {
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    assert_eq!(&text[tokens(text)[0].start..tokens(text)[0].end], "Zoë’s");
}

#[test]
fn unspaced_scripts_are_read_in_pairs() {
    let t = tokens("東京都 in Tokyo");
    let w: Vec<&str> = t.iter().map(|t| t.word.as_str()).collect();
    assert_eq!(w, ["東京", "京都", "都", "in", "tokyo"]);
    assert_eq!((t[1].start, t[1].end), (3, 9));
    assert_eq!(words("ภาษาไทย").len(), 7);
    // A run of a query is a phrase; a space starts another.
    let q = TextQuery::parse("東京 大阪", Language::English);
    assert_eq!(q.phrases, [vec![0, 1], vec![2, 3]]);
}

#[test]
fn stemming_finds_plurals_and_endings() {
    let en = Language::English;
    assert_eq!(en.stem("batteries"), en.stem("battery"));
    assert_eq!(en.stem("running"), "run");
    assert_eq!(en.stem("tested"), en.stem("tests"));
    assert_eq!(en.stem("5g"), "5g", "words with digits stay whole");
    assert_eq!(Language::None.stem("batteries"), "batteries");
    assert_eq!(Language::from_locale("en-GB"), Language::English);
    assert_eq!(Language::from_locale("ja-JP"), Language::None);
    assert_eq!(Language::from_name(Language::French.name()), Language::French);
    let index = index_of(&[doc("Batteries", "")]);
    assert_eq!(run(&index, 1, "battery").scores.len(), 1);
    assert_eq!(run(&index, 1, "BATTERY").scores.len(), 1);
}

#[test]
fn only_the_word_being_typed_finds_the_words_it_begins() {
    let docs = vec![doc("Theory of many oled screens today", ""), doc("The oled screen", ""), doc("Their screens", "")];
    let index = index_of(&docs);
    // The last word, with nothing after it, is still being typed: its beginnings count.
    assert_eq!(ranked(&run(&index, 3, "oled scre")), [1, 0]);
    // A word before it is whole ("the" does not find "theory" or "their")...
    assert_eq!(ranked(&run(&index, 3, "the ole")), [1]);
    // ...and so is the last one once a space or a closing quote follows it.
    assert_eq!(run(&index, 3, "scre ").scores.len(), 0);
    assert_eq!(run(&index, 3, "\"the oled\"").scores.len(), 1);
    let words =
        |q: &str| TextQuery::parse(q, Language::English).words.into_iter().map(|w| w.prefix).collect::<Vec<_>>();
    assert_eq!(words("the ole"), [false, true]);
    assert_eq!(words("the ole "), [false, false]);
    assert_eq!(words("ole the ole"), [true, false], "a word typed again at the end");
    assert_eq!(words("a"), [false], "one character is a whole word");
}

#[test]
fn the_title_outranks_the_standfirst_which_outranks_the_body() {
    let docs = vec![
        SearchDoc { parts: vec![(Field::Title, "Other".into()), (Field::Body, "The battery held up.".into())] },
        SearchDoc { parts: vec![(Field::Title, "Battery review".into()), (Field::Body, "It is good.".into())] },
        SearchDoc { parts: vec![(Field::Title, "Phones".into()), (Field::Standfirst, "The battery is big".into())] },
        doc("Unrelated", "Nothing here."),
    ];
    let index = index_of(&docs);
    assert_eq!(ranked(&run(&index, 4, "battery")), [1, 2, 0]);
}

#[test]
fn more_mentions_and_rarer_words_count_more_and_recency_breaks_ties() {
    let docs = vec![
        doc("A", "oled screen"),
        doc("B", "oled oled oled screen"),
        doc("C", "oled screen"),
        doc("D", "screen"),
        doc("E", "screen"),
    ];
    let index = index_of(&docs);
    // Post 1 says it most; 0 is newer than 2 with the same words.
    assert_eq!(ranked(&run(&index, 5, "oled")), [1, 0, 2]);
    // Every word must be found.
    assert_eq!(ranked(&run(&index, 5, "oled screen")), [1, 0, 2]);
    assert!(run(&index, 5, "oled nothing").scores.is_empty());
    // A word found whole counts more than one found by its beginning.
    let index = index_of(&[doc("x", "ole"), doc("y", "oled")]);
    assert_eq!(ranked(&run(&index, 2, "ole")), [0, 1]);
}

#[test]
fn a_word_in_most_posts_of_a_large_index_is_stored_without_weights_and_still_found() {
    // 4,000 posts: "oled" in 3,000 of them (once or three times), "battery" in 80, half of
    // them with "oled".
    let docs: Vec<SearchDoc> = (0..4_000)
        .map(|i| {
            let oled = match i % 4 {
                0 => "",
                1 => "oled oled oled",
                _ => "oled",
            };
            let battery = if i % 100 < 2 { "battery" } else { "" };
            doc("Story", &format!("{oled} screen {battery} review"))
        })
        .collect();
    let index = index_of(&docs);
    let posting = |word: &str| {
        let term = Language::English.stem(word);
        index.shards.iter().flat_map(|s| &s.words).find(|w| w.term == term).cloned().unwrap_or_else(|| panic!("{term}"))
    };
    assert!(posting("oled").weights.is_empty(), "3,000 of 4,000 posts: no weights");
    assert_eq!(posting("battery").weights.len(), 80);
    assert!(posting("battery").weights.iter().all(|w| (1..=WEIGHT_LEVELS).contains(w)));
    // Still found in every post that has it, and every word must still be found.
    assert_eq!(run(&index, 4_000, "oled").set.count(), 3_000);
    assert_eq!(run(&index, 4_000, "battery oled").set.count(), 40);
    assert_eq!(run(&index, 4_000, "battery").set.count(), 80);
    // Its posts count alike: recency orders them, though post 1 says it three times.
    let found = run(&index, 4_000, "oled");
    assert_eq!(ranked(&found)[..3], [1, 2, 3]);
    // A smaller index keeps every weight.
    let small = index_of(&docs[..1_000]);
    assert!(small.shards.iter().flat_map(|s| &s.words).all(|w| w.weights.len() == w.posts.len()));
}

#[test]
fn in_a_phrase_a_word_of_most_posts_stands_exactly_in_its_place() {
    // 4,000 posts, all with "the" (stored without weights); "state of the art" in order in
    // post 1 only. Words standing for any word would find posts 2 and 3 for "the state".
    let docs: Vec<SearchDoc> = (0..4_000)
        .map(|i| match i {
            1 => doc("Story", "the state of the art display"),
            2 => doc("Story", "the art of a state display"),
            3 => doc("Story", "a state of a fine art display the"),
            _ => doc("Story", "the screen review"),
        })
        .collect();
    let index = index_of(&docs);
    assert_eq!(ranked(&run(&index, 4_000, "\"state of the art\"")), [1]);
    assert_eq!(ranked(&run(&index, 4_000, "\"the state\"")), [1]);
    assert_eq!(ranked(&run(&index, 4_000, "\"of the art\"")), [1]);
    assert_eq!(run(&index, 4_000, "\"the screen\"").set.count(), 3_997);
}

#[test]
fn quoted_words_must_stand_together_in_order() {
    let docs = vec![
        doc("One", "The battery life is long."),
        doc("Two", "Life without a battery."),
        doc("Three", "Battery.\nLife"),
    ];
    let mut docs = docs;
    docs[2].parts = vec![(Field::Body, "Battery".into()), (Field::Body, "life".into())];
    let index = index_of(&docs);
    assert_eq!(run(&index, 3, "battery life").set.count(), 3);
    assert_eq!(ranked(&run(&index, 3, "\"battery life\"")), [0], "not across paragraphs, not reversed");
    assert_eq!(ranked(&run(&index, 3, "“batteries life”")), [0], "stemmed in phrases too");
    let query = TextQuery::parse("\"battery life\" review", Language::English);
    assert_eq!(query.phrases, [vec![0, 1]]);
    let needed = shards_needed(&index.first_words, &query);
    assert!(needed.iter().any(|k| matches!(k, ShardKey::Positions(_))));
    assert!(!shards_needed(&index.first_words, &TextQuery::parse("battery life", Language::English))
        .iter()
        .any(|k| matches!(k, ShardKey::Positions(_))));
}

#[test]
fn chinese_and_japanese_are_found_by_their_characters() {
    let docs = vec![doc("東京の天気", "今日は晴れです"), doc("京都", "寺がある"), doc("Other", "words")];
    let index = index_of(&docs);
    assert_eq!(ranked(&run(&index, 3, "東京")), [0]);
    assert_eq!(ranked(&run(&index, 3, "京都")), [1]);
    assert_eq!(run(&index, 3, "京").set.count(), 2, "one character finds every pair it begins");
    assert_eq!(ranked(&run(&index, 3, "晴れ")), [0]);
    assert!(run(&index, 3, "東都").scores.is_empty(), "the characters must be side by side");
}

#[test]
fn missing_shards_are_named() {
    let docs: Vec<SearchDoc> = (0..3000).map(|i| doc(&format!("word{i} common"), "")).collect();
    let index = index_of(&docs);
    assert!(index.shards.len() > 1, "3,000 distinct words fill more than one shard");
    let query = TextQuery::parse("word2999", Language::English);
    let missing = lookup(&query, &index.first_words, docs.len(), |_| None).unwrap_err();
    assert_eq!(missing.len(), 1);
    assert_eq!(ranked(&run(&index, docs.len(), "word2999")), [2999]);
}

#[test]
fn a_word_a_small_edit_away_is_suggested() {
    let index = index_of(&[doc("Battery", "batteries battery"), doc("Battle", "")]);
    let files = |k| match k {
        ShardKey::Words(i) => index.shards.get(i).map(ShardRef::Words),
        ShardKey::Positions(i) => index.positions.get(i).map(ShardRef::Positions),
    };
    let q = |s| TextQuery::parse(s, Language::English);
    assert_eq!(suggestion(&q("batery"), &index.first_words, files), Some(("batery".into(), "battery".into())));
    assert_eq!(suggestion(&q("battle"), &index.first_words, files), None, "found words need nothing");
    assert_eq!(suggestion(&q("zzzz"), &index.first_words, files), None);
    assert_eq!(replace_word("\"Batery life\" or BATERY", "batery", "battery"), "\"battery life\" or battery");
    assert!(within_one_edit("teh", "the") && within_one_edit("cat", "cast") && within_one_edit("cats", "cat"));
    assert!(!within_one_edit("cat", "dog") && !within_one_edit("cat", "cat"));
}

fn text(sections: &[(&str, &str, &str)]) -> SearchText {
    SearchText {
        contract: 1,
        entry: crate::ListEntry {
            slug: "s".into(),
            title: "T".into(),
            published: crate::Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
            category: "News".into(),
            authors: vec![],
        },
        standfirst: "A standfirst about phones.".into(),
        sections: sections
            .iter()
            .map(|(id, h, t)| TextSection { id: id.to_string(), heading: h.to_string(), text: t.to_string() })
            .collect(),
    }
}

fn shown(e: &Excerpt) -> String {
    e.pieces.iter().map(|(s, m)| if *m { format!("[{s}]") } else { s.clone() }).collect()
}

#[test]
fn the_excerpt_marks_the_words_in_the_best_section() {
    let long = "filler ".repeat(40);
    let t = text(&[
        ("", "", &format!("Intro about a battery. {long}")),
        ("battery-life", "Battery life", &format!("{long}The batteries gave a long life, longer than before. {long}")),
    ]);
    let q = TextQuery::parse("battery life", Language::English);
    let e = excerpt(&ReadyText::new(t.clone(), Language::English), &q).unwrap();
    assert_eq!(e.anchor.as_deref(), Some("battery-life"));
    assert_eq!(e.heading, "Battery life");
    let s = shown(&e);
    assert!(s.contains("The [batteries] gave a long [life], longer"), "{s}");
    assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    // Nothing in the body: the standfirst.
    let e =
        excerpt(&ReadyText::new(t.clone(), Language::English), &TextQuery::parse("phone", Language::English)).unwrap();
    assert_eq!((e.anchor.clone(), shown(&e)), (None, "A standfirst about [phones].".to_owned()));
    assert_eq!(
        excerpt(&ReadyText::new(t.clone(), Language::English), &TextQuery::parse("zebra", Language::English)),
        None
    );
}

#[test]
fn marks_never_split_a_character() {
    let t = text(&[("", "", "今日は東京都の天気です")]);
    let e =
        excerpt(&ReadyText::new(t.clone(), Language::English), &TextQuery::parse("東京", Language::English)).unwrap();
    assert_eq!(shown(&e), "今日は[東京]都の天気です");
    let e =
        excerpt(&ReadyText::new(t.clone(), Language::English), &TextQuery::parse("東京都", Language::English)).unwrap();
    assert_eq!(shown(&e), "今日は[東京都]の天気です");
    let e = excerpt(&ReadyText::new(t.clone(), Language::English), &TextQuery::parse("天", Language::English)).unwrap();
    assert_eq!(shown(&e), "今日は東京都の[天]気です");
    let t = text(&[("", "", "Ünïcode café’s CAFÉ")]);
    let e =
        excerpt(&ReadyText::new(t.clone(), Language::English), &TextQuery::parse("cafe", Language::English)).unwrap();
    assert_eq!(shown(&e), "Ünïcode [café’s] [CAFÉ]");
}

#[test]
fn a_post_is_read_whole() {
    let post: Post = serde_json::from_value(serde_json::json!({
        "contract": 1,
        "summary": {"slug": "s", "title": "Title", "standfirst": "Stand", "published": "2026-01-01T00:00:00Z",
            "category": {"slug": "news", "name": "News"}, "authors": [{"slug": "a", "name": "Ada"}], "tags": [], "reading_minutes": 1},
        "body": [
            {"type": "paragraph", "inlines": [{"type": "text", "text": "Opening words"}]},
            {"type": "heading", "level": 2, "id": "specs", "inlines": [{"type": "text", "text": "Specs"}]},
            {"type": "table", "align": [], "head": [[{"type": "text", "text": "Cell"}]], "rows": []},
            {"type": "code", "spans": [{"text": "fn main()"}]},
            {"type": "quote", "paragraphs": [[{"type": "text", "text": "Quoted"}]], "cite": "Grace"}
        ]
    }))
    .unwrap();
    let d = SearchDoc::of_post(&post);
    let all: Vec<String> = d.parts.iter().flat_map(|(_, t)| words(t)).collect();
    for w in ["title", "stand", "ada", "opening", "specs", "cell", "fn", "main", "quoted", "grace"] {
        assert!(all.contains(&w.to_owned()), "{w} in {all:?}");
    }
    assert!(d.parts.contains(&(Field::Heading, "Specs".into())));
    let t = search_text(&post);
    assert_eq!(t.sections.len(), 2);
    assert_eq!((t.sections[1].id.as_str(), t.sections[1].heading.as_str()), ("specs", "Specs"));
    assert!(t.sections[1].text.contains("fn main()") && t.sections[1].text.contains("Grace"));
}

#[test]
fn proximity_is_the_share_of_the_querys_neighbouring_pairs_side_by_side_in_order() {
    let ready = |body: &str| ReadyText::new(text(&[("", "", body)]), Language::English);
    let close = |body: &str, q: &str| proximity(&ready(body), &TextQuery::parse(q, Language::English));
    assert_eq!(close("The battery life was long.", "battery life"), 1.0);
    assert_eq!(close("The batteries' life was long.", "battery life"), 1.0, "stemmed");
    assert_eq!(close("Life with a battery.", "battery life"), 0.0, "apart");
    assert_eq!(close("Life battery.", "battery life"), 0.0, "in the other order");
    assert_eq!(close("The battery life was long.", "long battery life"), 0.5);
    assert_eq!(close("The battery life was long.", "battery"), 0.0, "one word has no pairs");
    assert_eq!(close("The battery life was long.", "life battery life"), 0.5, "repeats are pairs too");
    // The title and subheadings count; the last word is found by its beginning as typed.
    let t = text(&[("s", "Battery life tested", "Nothing here.")]);
    let r = ReadyText::new(t, Language::English);
    assert_eq!(proximity(&r, &TextQuery::parse("battery li", Language::English)), 1.0);
    assert_eq!(proximity(&r, &TextQuery::parse("life test", Language::English)), 1.0);
    // Unspaced scripts: neighbouring pairs of characters.
    assert_eq!(close("今日は東京都の天気です", "東京都"), 1.0);
}

#[test]
fn the_first_results_are_ordered_again_by_proximity() {
    // Post 0 (newest) has the words apart, post 1 side by side, post 2 none together and
    // one of them twice: by the words' scores 2, 0, 1; with proximity 1 comes first.
    let docs = [
        doc("One", "Battery news: the phone was on sale and its life was short."),
        doc("Two", "The phone had a short battery life and it was on sale."),
        doc("Three", "Battery news: battery prices and the life of the phone on sale."),
    ];
    let index = index_of(&docs);
    let found = run(&index, 3, "battery life");
    let mut posts = ranked(&found);
    assert_eq!(posts, [2, 0, 1]);
    let scores: Vec<f32> = posts.iter().map(|&p| found.score(p)).collect();
    let close = [0.0, 1.0, 0.0];
    rerank(&mut posts, &scores, |p| close[p as usize]);
    assert_eq!(posts, [1, 2, 0]);
    // Ties keep their order; nothing close changes nothing.
    let mut same = vec![5, 3, 4];
    rerank(&mut same, &[1.0, 1.0, 1.0], |_| 0.0);
    assert_eq!(same, [5, 3, 4]);
}

#[test]
fn deltas_round_trip() {
    let ids = [0, 3, 4, 100, 101];
    assert_eq!(delta_encode(&ids), [0, 3, 1, 96, 1]);
    assert_eq!(delta_decode(&delta_encode(&ids)).collect::<Vec<_>>(), ids);
    assert_eq!(delta_decode(&[u32::MAX, 5]).collect::<Vec<_>>(), [u32::MAX, u32::MAX]);
}

const VOCAB: &[&str] =
    &["open", "opera", "opened", "oled", "o", "5", "café", "cafeteria", "rocket", "zoë", "x", "東京", "京都", "runs"];

fn arb_docs() -> impl Strategy<Value = Vec<SearchDoc>> {
    prop::collection::vec(prop::collection::vec(prop::collection::vec(0..VOCAB.len(), 0..6), 1..4), 0..60).prop_map(
        |raw| {
            raw.into_iter()
                .map(|parts| SearchDoc {
                    parts: parts
                        .into_iter()
                        .enumerate()
                        .map(|(i, picks)| {
                            let field = if i == 0 { Field::Title } else { Field::Body };
                            (field, picks.iter().map(|&k| VOCAB[k]).collect::<Vec<_>>().join(" "))
                        })
                        .collect(),
                })
                .collect()
        },
    )
}

proptest! {
    #[test]
    fn the_index_finds_what_scanning_finds(docs in arb_docs(), q in "(op|o|5|caf|cafe|x|zoe|ro|run|open|opening|東|京都|\"| ){0,12}") {
        let index = index_of(&docs);
        let query = TextQuery::parse(&q, Language::English);
        prop_assume!(!query.is_empty());
        let found = run(&index, docs.len(), &q);
        for (id, d) in docs.iter().enumerate() {
            prop_assert_eq!(found.set.contains(id), scan(d, &query), "post {} {:?} query {:?}", id, d, q);
        }
        prop_assert_eq!(found.set.count(), found.scores.len());
    }

    #[test]
    fn tiny_shards_give_the_same_answers(docs in arb_docs()) {
        // One word per shard: beginnings must span shards.
        let whole = index_of(&docs);
        let mut split = SearchIndex { first_words: vec![], shards: vec![], positions: vec![] };
        for (shard, places) in whole.shards.iter().zip(&whole.positions) {
            for (w, p) in shard.words.iter().zip(&places.words) {
                split.first_words.push(w.term.clone());
                split.shards.push(SearchShard { contract: 1, words: vec![w.clone()] });
                split.positions.push(PositionShard { contract: 1, words: vec![p.clone()] });
            }
        }
        for q in ["o", "op", "ope", "caf", "5", "zz", "cafe op", "\"open oled\"", "京"] {
            let a = run(&whole, docs.len(), q);
            let b = run(&split, docs.len(), q);
            prop_assert_eq!(a.set, b.set, "{}", q);
        }
    }
}

#[test]
fn the_words_a_search_marks_on_its_article_are_those_it_found() {
    let mut t = text(&[("", "", "The battery lasted. Charging is slow; a charger helps. 東京都の電池。")]);
    t.entry.title = "Battery life".into();
    t.standfirst = "Batteries matter.".into();
    let q = TextQuery::parse("batteries 東京 charg", Language::English);
    let words = marked_words(&ReadyText::new(t, Language::English), &q);
    assert_eq!(words, ["battery", "batteries", "charging", "charger", "東京"]);
    let page = "BATTERY, Battery batteries; the Charger. 東京と東京都";
    let ranges = mark_ranges(page, &words);
    let marked: Vec<&str> = ranges.iter().map(|r| &page[r.clone()]).collect();
    assert_eq!(marked, ["BATTERY", "Battery", "batteries", "Charger", "東京", "東京"]);
    // Accents fold as in the index; a word inside another is not marked.
    assert_eq!(mark_ranges("Café cafe cafés", &["cafe".to_string()]), [0..5, 6..10]);
    assert_eq!(mark_ranges("anything", &[]), []);
    // The words run out at the limit.
    let many: String = (0..40).map(|i| format!("word{i} ")).collect();
    let t = text(&[("", "", &many)]);
    assert_eq!(
        marked_words(&ReadyText::new(t, Language::English), &TextQuery::parse("word", Language::English)).len(),
        MARKED_WORDS
    );
}

proptest::proptest! {
    #[test]
    fn marks_fall_on_character_boundaries(text in "\\PC{0,60}", word in "[a-zé東京]{1,3}") {
        let words = vec![word];
        for r in mark_ranges(&text, &words) {
            proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.start < r.end);
        }
    }
}

proptest::proptest! {
    /// The sliding window picks what scoring every window from scratch would: the most
    /// distinct query words, then the most words found, the first such window.
    #[test]
    fn the_excerpt_window_is_the_best_one(
        body in proptest::collection::vec(proptest::sample::select(vec!["cat", "cats", "dog", "bird", "the", "a", "catalog", "dot"]), 0..120),
        q in proptest::sample::select(vec!["cat", "cat dog", "dog bird cat", "do", "the cat", "\"the cat\"", "bi", "zebra"]),
    ) {
        let text = body.join(" ");
        let query = TextQuery::parse(q, Language::English);
        let words = Stemmed::all(&text, Language::English);
        let hits: Vec<Option<usize>> = words.iter().map(|w| w.found_by(&query)).collect();
        let mut naive = (0, 0);
        for start in 0..hits.len() {
            if hits[start].is_none() {
                continue;
            }
            let window = &hits[start..(start + EXCERPT_WORDS).min(hits.len())];
            let mut distinct: Vec<usize> = window.iter().flatten().copied().collect();
            let count = distinct.len();
            distinct.sort_unstable();
            distinct.dedup();
            let score = distinct.len() * 100 + count;
            if score > naive.0 {
                naive = (score, start);
            }
        }
        match best_window(&text, &words, &query) {
            None => proptest::prop_assert!(hits.iter().all(Option::is_none)),
            Some((score, (range, _))) => {
                proptest::prop_assert_eq!(score, naive.0);
                let from = naive.1.saturating_sub(EXCERPT_WORDS / 4);
                let start = if from == 0 { 0 } else { words[from].token.start };
                proptest::prop_assert_eq!(range.start, start);
            }
        }
    }
}
