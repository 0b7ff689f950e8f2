//! Masthead's JSON contract and every piece of logic that needs no browser.
//!
//! The builder writes these types and the app reads them, so the contract cannot drift
//! between writer and reader. Nothing here depends on Leptos or web-sys: it is tested
//! natively in milliseconds.

// Content and networks fail in every way; the app and its logic must not panic over it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

pub mod archive;
pub mod bitset;
pub mod contract;
pub mod decode;
pub mod embed;
pub mod explorer;
#[cfg(test)]
pub(crate) mod oracle;
pub mod prefetch;
pub mod query;
pub mod related;
pub mod retry;
pub mod route;
pub mod search;
pub mod signup;
pub mod text;
pub mod theme;
pub mod time;
pub mod url;

pub use contract::*;
pub use decode::{decode, DecodeError};
pub use time::{Timestamp, YearMonth};

/// The version of the JSON contract this code reads and writes. Every file carries it in
/// its `contract` field; a file with another version is refused with a clear message.
pub const CONTRACT_VERSION: u32 = 1;
