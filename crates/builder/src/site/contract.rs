//! Writing the JSON contract: site, latest, archive index and months, posts, and the
//! archive explorer's files.

use std::path::Path;

use masthead_model::archive::{count_by_month, facet_counts, group_by_month};
use masthead_model::route::{TermKind, TERM_PAGE_SIZE};
use masthead_model::{ArchiveIndex, Latest, MonthShard, Summary, Term, TermShard, CONTRACT_VERSION};

use crate::content::load::{load, Publication};
use crate::diagnostic::BuildError;
use crate::memo::{Known, Memo};
use crate::site::output::{in_parallel, json_bytes, Writer};

/// How many posts `latest.json` carries (front page and Recent Posts).
pub const LATEST_COUNT: usize = 12;

/// Writes the contract into `out`, every file only if its bytes changed, and removes the
/// files an earlier build left there that this one does not make. Returns how many files
/// the contract has, besides the archive explorer's.
pub fn write(publication: &Publication, out: &Path) -> Result<usize, BuildError> {
    let memo = &mut Memo::default();
    let before = memo.outputs.remove(out).unwrap_or_default();
    let writer = Writer::new(out, &before);
    write_json(publication, &writer, "", &Known::default())?;
    let (_, _, files) = writer.finish(&[""]);
    Ok(files.keys().filter(|rel| !in_explorer_folder(rel)).count())
}

/// Whether a file of the contract is one of the archive explorer's (`archive/x<hash>/…`),
/// which the counts of contract files leave out.
pub(super) fn in_explorer_folder(rel: &str) -> bool {
    let rel = rel.trim_start_matches("content/");
    ["archive/x", "archive/s", "archive/t"]
        .iter()
        .any(|folder| rel.strip_prefix(folder).is_some_and(|rest| rest.contains('/')))
}

/// The JSON contract, under `prefix` in the writer's folder. Returns the files made from
/// the summaries alone (see [`Written::summary_files`]).
pub(super) fn write_json(
    publication: &Publication,
    out: &Writer,
    prefix: &str,
    known: &Known,
) -> Result<Vec<String>, BuildError> {
    out.put_json(&format!("{prefix}site.json"), &publication.site)?;
    let before = out.before();
    let mine = || before.summary_files.iter().filter(|rel| rel.starts_with(prefix));
    // The search index reads the bodies too: a changed body remakes it (and the archive
    // index, which names its folder), not the lists.
    let bodies_same = known.fresh.is_some_and(|fresh| fresh.is_empty());
    let index_rel = format!("{prefix}archive/index.json");
    let reusable = |rel: &&String| bodies_same || !(in_explorer_folder(rel) || **rel == index_rel);
    let kept = known.summaries_same && mine().next().is_some() && mine().filter(reusable).all(|rel| out.keep(rel));
    let language = masthead_model::search::Language::from_locale(&publication.site.locale);
    let mut summary_files = Vec::new();
    if kept {
        summary_files.extend(mine().filter(reusable).cloned());
        if !bodies_same {
            let summaries: Vec<Summary> = publication.posts.iter().map(|p| p.summary.clone()).collect();
            let (explorer, explorer_files) = write_explorer(&summaries, &publication.posts, language, out, prefix)?;
            out.put(&index_rel, &json_bytes(&archive_index(&summaries, explorer)))?;
            summary_files.push(index_rel.clone());
            summary_files.extend(explorer_files);
        }
    } else {
        let mut put_listed = |rel: String, bytes: Vec<u8>| {
            let rel = format!("{prefix}{rel}");
            out.put(&rel, &bytes)?;
            summary_files.push(rel);
            Ok::<(), BuildError>(())
        };
        let summaries: Vec<Summary> = publication.posts.iter().map(|p| p.summary.clone()).collect();
        // The newest featured story leads the front page, wherever it is in the list.
        let lead = summaries.iter().find(|s| s.featured).cloned();
        let latest =
            Latest { contract: CONTRACT_VERSION, posts: summaries.iter().take(LATEST_COUNT).cloned().collect(), lead };
        put_listed("latest.json".into(), json_bytes(&latest))?;
        // The front page shows the lead and the Latest list above its rows.
        let shown: Vec<&Summary> = latest.lead.iter().chain(&latest.posts).collect();
        let rows = crate::content::front_page::rows(&publication.front, &summaries, &shown);
        put_listed("front.json".into(), json_bytes(&crate::content::front_page::file(rows)))?;
        let (explorer, explorer_files) = write_explorer(&summaries, &publication.posts, language, out, prefix)?;
        put_listed("archive/index.json".into(), json_bytes(&archive_index(&summaries, explorer)))?;
        for shard in month_shards(&summaries) {
            put_listed(format!("archive/{}", shard.month.page_file(shard.page)), json_bytes(&shard))?;
        }
        for mut shard in term_shards(&summaries, &publication.site.categories, &publication.authors) {
            let Some(kind) = TermKind::from_segment(&shard.kind) else { continue };
            if kind == TermKind::Category {
                shard.description = publication.front.descriptions.get(&shard.term.slug).cloned();
            }
            put_listed(kind.shard_file(&shard.term.slug, shard.page), json_bytes(&shard))?;
        }
        summary_files.extend(explorer_files);
    }
    for page in &publication.pages {
        out.put_json(&format!("{prefix}pages/{}.json", page.slug), page)?;
    }
    in_parallel(&publication.posts, |post| {
        let rel = format!("{prefix}posts/{}.json", post.summary.slug);
        if known.post_unchanged(&post.summary.slug) && out.keep(&rel) {
            return Ok(());
        }
        out.put_json(&rel, post)
    })?;
    Ok(summary_files)
}

/// The pages of every month's stories, newest first, [`TERM_PAGE_SIZE`] to a page.
pub fn month_shards(summaries: &[Summary]) -> Vec<MonthShard> {
    let mut out = Vec::new();
    for (month, posts) in group_by_month(summaries) {
        let total = u32::try_from(posts.len()).unwrap_or(u32::MAX);
        let pages = u32::try_from(posts.len().div_ceil(TERM_PAGE_SIZE).max(1)).unwrap_or(u32::MAX);
        for (i, chunk) in posts.chunks(TERM_PAGE_SIZE).enumerate() {
            let page = u32::try_from(i + 1).unwrap_or(u32::MAX);
            out.push(MonthShard { contract: CONTRACT_VERSION, month, posts: chunk.to_vec(), page, pages, total });
        }
    }
    out
}

/// The pages of every section, tag and author: their stories newest first,
/// [`TERM_PAGE_SIZE`] to a page. A section of the site's settings with no story yet has
/// one empty page; the first page of an author with a profile carries it.
pub fn term_shards(summaries: &[Summary], sections: &[Term], profiles: &Profiles) -> Vec<TermShard> {
    use std::collections::BTreeMap;
    let mut sorted: Vec<&Summary> = summaries.iter().collect();
    sorted.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    let mut out = Vec::new();
    for kind in TermKind::ALL {
        let mut groups: BTreeMap<&str, (&Term, Vec<&Summary>)> = BTreeMap::new();
        if kind == TermKind::Category {
            for term in sections.iter().filter(|t| masthead_model::url::is_valid_slug(&t.slug)) {
                groups.insert(term.slug.as_str(), (term, Vec::new()));
            }
        }
        for s in &sorted {
            for term in kind.terms_of(s) {
                groups.entry(term.slug.as_str()).or_insert_with(|| (term, Vec::new())).1.push(s);
            }
        }
        for (term, posts) in groups.into_values() {
            let pages = posts.len().div_ceil(TERM_PAGE_SIZE).max(1);
            let profile = (kind == TermKind::Author).then(|| profiles.get(&term.slug)).flatten();
            let chunks: Vec<&[&Summary]> =
                if posts.is_empty() { vec![&[]] } else { posts.chunks(TERM_PAGE_SIZE).collect() };
            for (i, chunk) in chunks.into_iter().enumerate() {
                out.push(TermShard {
                    contract: CONTRACT_VERSION,
                    kind: kind.segment().to_owned(),
                    term: term.clone(),
                    page: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    pages: u32::try_from(pages).unwrap_or(u32::MAX),
                    total: u32::try_from(posts.len()).unwrap_or(u32::MAX),
                    posts: chunk.iter().map(|s| (*s).clone()).collect(),
                    profile: profile.filter(|_| i == 0).map(|(_, p)| p.clone()),
                    description: None,
                });
            }
        }
    }
    out
}

/// Author profiles by slug: (name, profile).
pub type Profiles = std::collections::BTreeMap<String, (String, masthead_model::Profile)>;

/// The archive explorer's files and their names, as written.
type ExplorerOut = (masthead_model::ExplorerFiles, Vec<String>);

/// Posts per archive list file: one unfiltered page of the archive is one file.
pub const LIST_SIZE: usize = masthead_model::query::PAGE_SIZE;

/// `archive/index.json`: the months, the facets and where the explorer's files are.
fn archive_index(summaries: &[Summary], explorer: masthead_model::ExplorerFiles) -> ArchiveIndex {
    ArchiveIndex {
        contract: CONTRACT_VERSION,
        total: u32::try_from(summaries.len()).unwrap_or(u32::MAX),
        months: count_by_month(summaries),
        categories: facet_counts(summaries, |p| vec![&p.category]),
        tags: facet_counts(summaries, |p| p.tags.iter().collect()),
        authors: facet_counts(summaries, |p| p.authors.iter().collect()),
        explorer: Some(explorer),
    }
}

/// The archive explorer's files: the catalogue and list files in a folder named after
/// their content (`archive/x…`), the search index in another (`archive/s…`), and the
/// posts' texts in a folder named after the posts' numbering (`archive/t…`, so a changed
/// body rewrites one of them). A reader never mixes two builds. Returns the files and
/// what the archive index says of them.
fn write_explorer(
    summaries: &[Summary],
    posts: &[masthead_model::Post],
    language: masthead_model::search::Language,
    out: &Writer,
    prefix: &str,
) -> Result<ExplorerOut, BuildError> {
    use masthead_model::explorer::{list_files, newest_first, Explorer};
    use masthead_model::search::{build_index, search_text, SearchDoc};
    let sorted = newest_first(summaries);
    let by_slug: std::collections::HashMap<&str, &masthead_model::Post> =
        posts.iter().map(|p| (p.summary.slug.as_str(), p)).collect();
    let mut lists: Vec<(String, Vec<u8>)> =
        vec![("catalogue.json".into(), json_bytes(&Explorer::from_posts(summaries).to_file()))];
    lists.extend(
        list_files(&sorted, LIST_SIZE).iter().enumerate().map(|(i, f)| (format!("list-{i}.json"), json_bytes(f))),
    );
    let docs: Vec<SearchDoc> = sorted
        .iter()
        .map(|s| by_slug.get(s.slug.as_str()).map_or_else(|| SearchDoc::of_summary(s), |p| SearchDoc::of_post(p)))
        .collect();
    let index = build_index(&docs, language);
    let mut search: Vec<(String, Vec<u8>)> =
        index.shards.iter().enumerate().map(|(i, s)| (format!("search-{i}.json"), json_bytes(s))).collect();
    search.extend(index.positions.iter().enumerate().map(|(i, s)| (format!("where-{i}.json"), json_bytes(s))));
    let texts: Vec<(String, Vec<u8>)> = sorted
        .iter()
        .enumerate()
        .filter_map(|(id, s)| {
            by_slug.get(s.slug.as_str()).map(|p| (format!("text-{id}.json"), json_bytes(&search_text(p))))
        })
        .collect();
    let numbering: Vec<(String, Vec<u8>)> = sorted.iter().map(|s| (s.slug.clone(), Vec::new())).collect();
    let mut written = Vec::new();
    let mut folders = Vec::new();
    for (letter, files, named_by) in [("x", &lists, &lists), ("s", &search, &search), ("t", &texts, &numbering)] {
        let folder = format!("archive/{letter}{:016x}", fnv(named_by));
        in_parallel(files, |(name, bytes)| out.put(&format!("{prefix}{folder}/{name}"), bytes))?;
        written.extend(files.iter().map(|(name, _)| format!("{prefix}{folder}/{name}")));
        folders.push(folder);
    }
    let [dir, search_dir, text_dir]: [String; 3] = folders.try_into().unwrap_or_default();
    Ok((
        masthead_model::ExplorerFiles {
            dir,
            list_size: LIST_SIZE as u32,
            search: index.first_words,
            language: language.name().to_owned(),
            search_dir,
            text_dir,
        },
        written,
    ))
}

/// FNV-1a over files' names and bytes: a folder's name changes whenever any of them does.
fn fnv(files: &[(String, Vec<u8>)]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in files.iter().flat_map(|(name, bytes)| name.as_bytes().iter().chain(bytes)) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Loads `content` and writes the contract into `out`; returns how many files were written.
pub fn build(content: &Path, out: &Path) -> Result<(Publication, usize), Vec<BuildError>> {
    let publication = load(content)?;
    let files = write(&publication, out).map_err(|e| vec![e])?;
    Ok((publication, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(slug: &str, day: u32, hour: u32) -> Summary {
        serde_json::from_value(serde_json::json!({
            "slug": slug, "title": slug, "standfirst": "",
            "published": format!("2026-03-{day:02}T{hour:02}:00:00Z"),
            "category": { "slug": "news", "name": "News" }, "authors": [], "tags": [], "reading_minutes": 1,
        }))
        .expect("a summary")
    }

    #[test]
    fn a_month_pages_by_twenty_newest_first_and_a_small_month_has_one_page() {
        let mut all: Vec<Summary> = (0..45).map(|i| story(&format!("s{i:02}"), 1 + i / 2, 8 + i % 2)).collect();
        all.push(
            serde_json::from_value(serde_json::json!({
                "slug": "feb", "title": "feb", "standfirst": "", "published": "2026-02-10T09:00:00Z",
                "category": { "slug": "news", "name": "News" }, "authors": [], "tags": [], "reading_minutes": 1,
            }))
            .unwrap(),
        );
        all.sort_by_key(|s| std::cmp::Reverse(s.published.unix()));
        let shards = month_shards(&all);
        let march: Vec<&MonthShard> = shards.iter().filter(|s| s.month.month == 3).collect();
        assert_eq!(march.iter().map(|s| s.posts.len()).collect::<Vec<_>>(), [20, 20, 5]);
        assert!(march.iter().all(|s| s.pages == 3 && s.total == 45));
        assert_eq!(march.iter().map(|s| s.page).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(march[0].posts[0].slug, "s44", "the newest first");
        assert_eq!(march[2].posts[4].slug, "s00", "the oldest last");
        let feb: Vec<&MonthShard> = shards.iter().filter(|s| s.month.month == 2).collect();
        assert_eq!(feb.len(), 1);
        assert_eq!((feb[0].page, feb[0].pages, feb[0].total), (1, 1, 1));
        // Read as a list page reads it.
        let list: masthead_model::ListShard = march[1].clone().into();
        assert_eq!((list.page, list.pages, list.total, list.posts.len()), (2, 3, 45, 20));
    }
}
