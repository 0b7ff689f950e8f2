//! Reading `content/` into one [`Publication`]: the site's settings, every post ([`post`],
//! its body by [`body`]), the standalone pages, the authors, the series, the front page's
//! rows and the sizes of the site's own images, checked, with every problem reported.
//! Nothing here writes the site; `crate::site` does, from what this returns.

pub mod assemble;
pub mod authors;
pub mod body;
pub mod brand;
pub mod check;
pub mod files;
pub mod front_matter;
pub mod front_page;
pub mod images;
pub mod load;
pub mod post;
pub mod series;
pub mod standalone;

pub use assemble::RELATED_COUNT;
pub use load::{load, load_with, Publication};
pub use post::{parse_post, Parsed};
