//! Whole-text search: the words of a post (title, standfirst, subheadings, tag and author
//! names, and every word of the body: paragraphs, captions, quotes and their citations,
//! code, table cells), the sharded index the builder writes, and ranked look-up of a
//! query in the shards a browser has fetched.
//!
//! Words are folded (case, common accents) and stemmed for the site's language
//! ("batteries" and "battery" are one word). Languages written without spaces (Chinese,
//! Japanese, Thai…) are indexed as overlapping pairs of characters, which a query's run
//! must find side by side. A query word of one character finds that whole word ("5",
//! "x"); a longer one also finds every word it begins ("ole" finds "oled"). Every word
//! of a query must be found; words in quotes must stand side by side, in order.
//!
//! Ranking is BM25F: each post's weight for a word (its share of the title, standfirst,
//! subheadings, names and body, each field weighted and normalised by its length) is
//! computed by the builder and stored as 1..=15 (`WEIGHT_LEVELS`); the reader's side
//! multiplies by the word's rarity and adds a gentle boost for recent posts. A word in
//! more than half the posts (and in 2,000 or more) stores no weights: each of its posts
//! counts the middle level.
//!
//! By job: [`tokens`] (words), [`query`] (a query's words and phrases), [`index`] (the
//! index the builder writes), [`lookup`] (ranked look-up), [`suggest`] ("did you mean"),
//! [`excerpt`] (the excerpt under a result) and [`proximity`] (closeness reranking).

pub mod excerpt;
pub mod index;
pub mod lookup;
pub mod proximity;
pub mod query;
pub mod suggest;
pub mod tokens;

pub use excerpt::*;
pub use index::*;
pub use lookup::*;
pub use proximity::*;
pub use query::*;
pub use suggest::*;
pub use tokens::*;

#[cfg(test)]
mod tests;
