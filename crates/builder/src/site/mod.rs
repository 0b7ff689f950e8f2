//! Writing the served site from a [`Publication`](crate::content::Publication): the JSON
//! contract ([`contract`]), every page as HTML ([`pages`], with [`html`] for the blocks
//! outside the app), the feeds and sitemaps ([`feeds`]), what the host needs besides the
//! files ([`deploy`]), the written newsletter forms ([`signup_form`]), the output folder
//! with what changed ([`output`]) and precompressed copies ([`compress`]). [`served`] runs
//! them in order.

pub mod compress;
pub mod contract;
pub mod critical;
pub mod deploy;
pub mod feeds;
pub mod hosts;
pub mod html;
pub mod output;
pub mod pages;
pub mod served;
pub mod signup_form;
pub mod template;

pub use contract::{build, write, LATEST_COUNT, LIST_SIZE};
pub use served::{build_site, write_site, write_site_with, SiteReport};
