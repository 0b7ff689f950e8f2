//! What the examples share: the search files a browser would hold, answered as the app's
//! `Arrived`, and reading a JSON file of a build.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use masthead_model::explorer::{Arrived, Explorer, ShardLookup};
use masthead_model::search::{SearchIndex, ShardKey, ShardRef};
use masthead_model::{PositionShard, SearchShard};

pub enum Shard {
    Words(SearchShard),
    Positions(PositionShard),
}

/// The shards held so far, and the explorer made from the index's months.
pub struct Files {
    pub shards: HashMap<ShardKey, Shard>,
    pub by_months: Arc<Explorer>,
}

impl Files {
    /// Every file of an index built in memory (known_item; keystroke reads files as a
    /// browser would fetch them).
    #[allow(dead_code)]
    pub fn of_index(index: SearchIndex, by_months: Arc<Explorer>) -> Self {
        let words = index.shards.into_iter().enumerate().map(|(i, s)| (ShardKey::Words(i), Shard::Words(s)));
        let places =
            index.positions.into_iter().enumerate().map(|(i, p)| (ShardKey::Positions(i), Shard::Positions(p)));
        Files { shards: words.chain(places).collect(), by_months }
    }
}

impl Arrived<String> for Files {
    fn with_shards<R>(&self, f: impl for<'a> FnOnce(&'a ShardLookup<'a, String>) -> R) -> R {
        let look = |k: ShardKey| {
            self.shards.get(&k).map(|s| {
                Ok(match s {
                    Shard::Words(w) => ShardRef::Words(w),
                    Shard::Positions(p) => ShardRef::Positions(p),
                })
            })
        };
        f(&look)
    }
    fn catalogue(&self) -> Option<Result<Arc<Explorer>, String>> {
        None
    }
    fn by_months(&self) -> Option<Arc<Explorer>> {
        Some(self.by_months.clone())
    }
}

pub fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}
