//! The Masthead builder: a folder of Markdown in; the JSON contract, feeds, sitemap and
//! per-article pages out. Also the live preview's server, a generator of synthetic
//! publications for tests and benchmarks, and a local newsletter signup endpoint.

pub mod brand;
pub mod compress;
pub mod deploy;
pub mod endpoint;
pub mod feeds;
pub mod generate;
pub mod highlight;
pub mod html;
pub mod import;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod publish;
pub mod rawhtml;
pub mod serve;
pub mod signup_form;

pub use output::{Changes, Memo};
pub use publish::{
    build, build_site, load, load_with, write, write_site, write_site_with, BuildError, Publication, SiteReport,
};
