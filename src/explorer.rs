//! The archive explorer's state, shared by the archive page and the sidebar: the query
//! read from the URL, the explorer files fetched once each (catalogue, search shards,
//! list files), and the outcome of the current query, recomputed on every change.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use masthead_model::explorer::{answer, Answer, Arrived, Explorer, Matches, ShardLookup};
use masthead_model::query::ArchiveQuery;
use masthead_model::search::{
    proximity, shards_needed, suggestion, Language, ReadyText, ShardKey, ShardRef, TextQuery,
};
use masthead_model::{
    ArchiveIndex, CatalogueFile, ExplorerFiles, ListEntry, ListFile, PositionShard, SearchShard, SearchText,
};

use crate::api::{fetch_json, ApiError};
use crate::clock::{after, TimeoutHandle};
use crate::paths::ARCHIVE_PATH;
use crate::state::use_shared;

/// How long after the last change the counts beside the results follow it.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(120);

/// A fetched file: loading, here, or failed with the reason.
#[derive(Clone, Debug)]
pub enum Slot<T> {
    Loading,
    Ready(Arc<T>),
    Failed(ApiError),
}

/// Shared values compared by identity, so memos holding them stay cheap.
#[derive(Clone, Debug)]
pub struct ByRef<T>(pub Arc<T>);

impl<T> PartialEq for ByRef<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What the current view of the archive is waiting for, or shows.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Loading,
    Failed(ApiError),
    Ready(ByRef<Matches>),
}

/// A query and its view, once the reader has stopped changing it.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    pub query: Option<ArchiveQuery>,
    pub view: View,
}

impl Settled {
    /// The outcome, when there is one.
    pub fn outcome(&self) -> Option<Arc<Matches>> {
        match &self.view {
            View::Ready(o) => Some(o.0.clone()),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
pub struct ArchiveState {
    /// The filters in the address bar (only on the archive page).
    pub query: Memo<Option<ArchiveQuery>>,
    /// The current view. While its `Matches::to_reorder` is not empty, the order of the
    /// first results waits for those posts' texts.
    pub view: Memo<View>,
    /// The same view a moment after the reader stops typing: what the counts beside the
    /// results (sidebar months, choices) follow, so a keystroke repaints the results alone.
    pub settled: Memo<Settled>,
    /// True once the catalogue is here: the category, tag and author counts are known.
    pub counts_known: Memo<bool>,
    /// Bumped by Retry, so whatever fetches files asks again.
    pub generation: RwSignal<u32>,
    /// The query's words as the index reads them, and the index's language.
    pub words: Memo<(TextQuery, Language)>,
    /// A word of the query that finds nothing, and the word of the index it was likely
    /// meant to be.
    pub suggestion: Memo<Option<(String, String)>>,
    catalogue: RwSignal<Option<Slot<Explorer>>>,
    shards: RwSignal<HashMap<ShardKey, Slot<ShardFile>>>,
    lists: RwSignal<HashMap<u32, Slot<ListFile>>>,
    texts: RwSignal<HashMap<u32, Slot<ReadyText>>>,
}

/// A fetched file of the search index.
#[derive(Debug)]
pub enum ShardFile {
    Words(SearchShard),
    Positions(PositionShard),
}

pub fn use_archive() -> ArchiveState {
    expect_context::<ArchiveState>()
}

fn index_files(index: &ArchiveIndex) -> Option<&ExplorerFiles> {
    index.explorer.as_ref()
}

impl ArchiveState {
    /// Created once under the router; computes nothing until a page reads it.
    pub fn provide() {
        let shared = use_shared();
        let location = crate::router::use_location();
        let query = Memo::new(move |_| {
            (crate::paths::site_path(&location.pathname.get()).trim_end_matches('/') == ARCHIVE_PATH)
                .then(|| ArchiveQuery::parse(&location.search.get()))
        });
        let catalogue: RwSignal<Option<Slot<Explorer>>> = RwSignal::new(None);
        let shards: RwSignal<HashMap<ShardKey, Slot<ShardFile>>> = RwSignal::new(HashMap::new());
        let texts: RwSignal<HashMap<u32, Slot<ReadyText>>> = RwSignal::new(HashMap::new());
        let lists: RwSignal<HashMap<u32, Slot<ListFile>>> = RwSignal::new(HashMap::new());
        // Natively, the builder gives the list files of the first page, so the archive's
        // written page lists its stories.
        #[cfg(not(target_arch = "wasm32"))]
        lists.set(
            crate::source::given(|g| Some(g.lists.clone()))
                .unwrap_or_default()
                .into_iter()
                .map(|(n, file)| (n, Slot::Ready(Arc::new(file))))
                .collect(),
        );
        let index = Memo::new(move |_| shared.archive.get().map(|r| r.map(|i| ByRef(Arc::new(i)))));
        // The months alone answer date and text queries while the catalogue loads.
        let by_months = Memo::new(move |_| match index.get() {
            Some(Ok(i)) => Explorer::from_months(&i.0.months).ok().map(|e| ByRef(Arc::new(e))),
            _ => None,
        });
        // One view of the archive: the matching posts, and with `count` what each
        // choice would give (masthead_model::explorer::answer).
        let compute = move |query: Option<ArchiveQuery>, count: bool| {
            let Some(query) = query else { return View::Loading };
            let index = match index.get() {
                None => return View::Loading,
                Some(Err(e)) => return View::Failed(e),
                Some(Ok(index)) => index.0,
            };
            match answer(&query, &index, &Files { shards, catalogue, by_months }, count) {
                Answer::Waiting => View::Loading,
                Answer::Failed(error) => View::Failed(error),
                Answer::NoFiles => View::Failed(ApiError::Decode(
                    "archive/index.json names no explorer files, so the archive cannot be filtered.".into(),
                )),
                Answer::Ready(matches) => View::Ready(ByRef(Arc::new(matches))),
            }
        };
        let words = Memo::new(move |_| {
            let language = match index.get() {
                Some(Ok(i)) => i.0.explorer.as_ref().map_or(Language::None, |f| Language::from_name(&f.language)),
                _ => Language::None,
            };
            (query.with(|q| q.as_ref().map(|q| TextQuery::parse(&q.q, language))).unwrap_or_default(), language)
        });
        // The first results of a ranked query of two or more words are ordered again by how
        // closely each post holds the words together, once their texts are here; until
        // then the view says so (`Matches::to_reorder`) and its rows wait.
        let ranked = Memo::new(move |_| compute(query.get(), false));
        let view = Memo::new(move |_| match ranked.get() {
            View::Ready(matches) if !matches.0.to_reorder().is_empty() => texts.with(|map| {
                let wanted = matches.0.to_reorder();
                if wanted.iter().any(|id| matches!(map.get(id), None | Some(Slot::Loading))) {
                    return View::Ready(matches.clone());
                }
                words.with(|(words, _)| {
                    let closeness = |id: u32| match map.get(&id) {
                        Some(Slot::Ready(text)) => proximity(text, words),
                        _ => 0.0,
                    };
                    View::Ready(ByRef(Arc::new(matches.0.reordered(closeness))))
                })
            }),
            other => other,
        });

        let counts_known = Memo::new(move |_| matches!(catalogue.get(), Some(Slot::Ready(_))));
        let generation = RwSignal::new(0);
        // Settled from the start on the address's own query: the counts show at once (and
        // in the page the builder writes), and follow the reader's changes after SETTLE.
        let (settled_query, set_settled_query) = signal(query.get_untracked());
        let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        Effect::new(move |_| {
            let current = query.get();
            if let Some(timer) = pending.get_value() {
                timer.clear();
            }
            pending.set_value(after(SETTLE, move || set_settled_query.set(current)));
        });
        let settled = Memo::new(move |_| {
            let query = settled_query.get();
            Settled { view: compute(query.clone(), true), query }
        });
        let suggestion = Memo::new(move |_| {
            let Some(Ok(index)) = index.get() else { return None };
            let files = index.0.explorer.as_ref()?;
            words.with(|(query, _)| shards.with(|map| suggestion(query, &files.search, |k| ready(map, k))))
        });
        let state = ArchiveState {
            query,
            view,
            settled,
            counts_known,
            generation,
            words,
            suggestion,
            catalogue,
            shards,
            lists,
            texts,
        };

        // Fetch what the current query needs, each file once.
        Effect::new(move |_| {
            generation.track();
            let (Some(query), Some(Ok(index))) = (query.get(), index.get()) else { return };
            let Some(files) = index_files(&index.0) else { return };
            if !query.is_unfiltered() {
                state.want_catalogue(files);
            }
            let language = Language::from_name(&files.language);
            for key in shards_needed(&files.search, &TextQuery::parse(&query.q, language)) {
                state.want_shard(files, key);
            }
        });
        provide_context(state);
    }

    fn want_catalogue(self, files: &ExplorerFiles) {
        if self.catalogue.with_untracked(Option::is_some) {
            return;
        }
        self.catalogue.set(Some(Slot::Loading));
        let file = files.catalogue();
        let catalogue = self.catalogue;
        spawn_local(async move {
            let slot = match fetch_json::<CatalogueFile>(file).await {
                Ok(f) => match Explorer::from_file(&f) {
                    Ok(explorer) => Slot::Ready(Arc::new(explorer)),
                    Err(message) => Slot::Failed(ApiError::Decode(message)),
                },
                Err(e) => Slot::Failed(e.outdated_if_missing()),
            };
            catalogue.try_set(Some(slot));
        });
    }

    fn want_shard(self, files: &ExplorerFiles, key: ShardKey) {
        let map = self.shards;
        if map.with_untracked(|m| m.contains_key(&key)) {
            return;
        }
        map.update(|m| {
            m.insert(key, Slot::Loading);
        });
        let file = match key {
            ShardKey::Words(i) => files.search_file(i),
            ShardKey::Positions(i) => files.positions_file(i),
        };
        spawn_local(async move {
            let fetched = match key {
                ShardKey::Words(_) => fetch_json::<SearchShard>(file).await.map(ShardFile::Words),
                ShardKey::Positions(_) => fetch_json::<PositionShard>(file).await.map(ShardFile::Positions),
            };
            let slot = match fetched {
                Ok(value) => Slot::Ready(Arc::new(value)),
                Err(e) => Slot::Failed(e.outdated_if_missing()),
            };
            map.try_update(|m| {
                m.insert(key, slot);
            });
        });
    }

    /// Fetches the text files of these posts (what their result lines show), each made
    /// ready for excerpts once, as it arrives.
    pub fn want_texts(self, files: &ExplorerFiles, posts: &[u32]) {
        let language = Language::from_name(&files.language);
        for &id in posts {
            want(self.texts, id, files.text_file(id), move |text: SearchText| ReadyText::new(text, language));
        }
    }

    /// A post's text file: `None` while it loads.
    pub fn text(self, id: u32) -> Option<Result<Arc<ReadyText>, ApiError>> {
        self.texts.with(|map| match map.get(&id)? {
            Slot::Loading => None,
            Slot::Failed(e) => Some(Err(e.clone())),
            Slot::Ready(text) => Some(Ok(text.clone())),
        })
    }

    /// Fetches the list files that hold these posts.
    pub fn want_lists(self, files: &ExplorerFiles, posts: &[u32]) {
        for &id in posts {
            let (n, file) = files.list_file(id);
            want(self.lists, n, file, |list: ListFile| list);
        }
    }

    /// What a result line shows for post `id`: `None` while its list file loads.
    pub fn entry(self, files: &ExplorerFiles, id: u32) -> Option<Result<ListEntry, ApiError>> {
        let (n, _) = files.list_file(id);
        self.lists.with(|map| match map.get(&n)? {
            Slot::Loading => None,
            Slot::Failed(e) => Some(Err(e.clone())),
            Slot::Ready(list) => Some(
                id.checked_sub(list.first)
                    .and_then(|i| list.posts.get(i as usize))
                    .cloned()
                    .ok_or_else(|| ApiError::Decode(format!("list-{n}.json does not hold post number {id}."))),
            ),
        })
    }

    /// Forgets every failed file, so the next look asks the server again.
    pub fn retry(self) {
        if matches!(self.catalogue.get_untracked(), Some(Slot::Failed(_))) {
            self.catalogue.set(None);
        }
        self.shards.update(|m| m.retain(|_, s| !matches!(s, Slot::Failed(_))));
        self.lists.update(|m| m.retain(|_, s| !matches!(s, Slot::Failed(_))));
        self.texts.update(|m| m.retain(|_, s| !matches!(s, Slot::Failed(_))));
        self.generation.update(|g| *g += 1);
    }
}

/// The explorer's files as they arrive, for the model's `answer`: each signal is read
/// only when the query needs that file, so a view follows only what it used.
#[derive(Clone, Copy)]
struct Files {
    shards: RwSignal<HashMap<ShardKey, Slot<ShardFile>>>,
    catalogue: RwSignal<Option<Slot<Explorer>>>,
    by_months: Memo<Option<ByRef<Explorer>>>,
}

impl Arrived<ApiError> for Files {
    fn with_shards<R>(&self, f: impl for<'a> FnOnce(&'a ShardLookup<'a, ApiError>) -> R) -> R {
        self.shards.with(|map| {
            f(&|k| match map.get(&k)? {
                Slot::Ready(file) => Some(Ok(shard_ref(file))),
                Slot::Failed(e) => Some(Err(e)),
                Slot::Loading => None,
            })
        })
    }

    fn catalogue(&self) -> Option<Result<Arc<Explorer>, ApiError>> {
        match self.catalogue.get()? {
            Slot::Ready(explorer) => Some(Ok(explorer)),
            Slot::Failed(e) => Some(Err(e)),
            Slot::Loading => None,
        }
    }

    fn by_months(&self) -> Option<Arc<Explorer>> {
        self.by_months.get().map(|e| e.0)
    }
}

fn shard_ref(file: &ShardFile) -> ShardRef<'_> {
    match file {
        ShardFile::Words(s) => ShardRef::Words(s),
        ShardFile::Positions(p) => ShardRef::Positions(p),
    }
}

/// A file of the index when it has arrived.
fn ready(map: &HashMap<ShardKey, Slot<ShardFile>>, key: ShardKey) -> Option<ShardRef<'_>> {
    match map.get(&key)? {
        Slot::Ready(file) => Some(shard_ref(file)),
        _ => None,
    }
}

/// Fetches `file` once for `key`, and keeps what `ready` makes of it.
fn want<K, T, U>(map: RwSignal<HashMap<K, Slot<U>>>, key: K, file: String, ready: impl FnOnce(T) -> U + 'static)
where
    K: std::hash::Hash + Eq + Copy + Send + Sync + 'static,
    T: serde::de::DeserializeOwned + 'static,
    U: Send + Sync + 'static,
{
    if map.with_untracked(|m| m.contains_key(&key)) {
        return;
    }
    map.update(|m| {
        m.insert(key, Slot::Loading);
    });
    spawn_local(async move {
        let slot = match fetch_json::<T>(file).await {
            Ok(value) => Slot::Ready(Arc::new(ready(value))),
            // The explorer's folder is named after its content: a newer build replaced it.
            Err(e) => Slot::Failed(e.outdated_if_missing()),
        };
        map.try_update(|m| {
            m.insert(key, slot);
        });
    });
}
