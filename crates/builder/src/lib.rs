//! The Masthead builder: a folder of Markdown in; the JSON contract, feeds, sitemap and
//! every page as HTML out. The data goes one way: [`content`] reads `content/` into one
//! `Publication`, [`site`] writes the served site from it. Beside them: [`import`] brings
//! a publication over from another system, [`serve`] is the live preview (with the local
//! newsletter signup endpoint), [`generate`] makes synthetic publications for tests and
//! benchmarks, and [`diagnostic`] is the one problem report they all give.

pub mod content;
pub mod diagnostic;
pub mod generate;
pub mod import;
pub mod memo;
pub mod pictures;
pub mod serve;
pub mod site;

pub use content::{load, load_with, Publication};
pub use diagnostic::BuildError;
pub use memo::{Memo, Options};
pub use site::output::Changes;
pub use site::{build, build_site, write, write_site, write_site_with, SiteReport};
