//! The Masthead builder: a folder of Markdown in; the JSON contract, feeds, sitemap and
//! per-article pages out. Also a generator of synthetic publications for tests and benchmarks.

pub mod compress;
pub mod deploy;
pub mod endpoint;
pub mod feeds;
pub mod generate;
pub mod html;
pub mod markdown;
pub mod pages;
pub mod publish;

pub use publish::{build, load, write, write_site, BuildError, Publication, SiteReport};
