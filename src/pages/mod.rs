//! One module per route.

mod archive;
mod article;
mod home;
mod month;
mod not_found;

pub use archive::ArchivePage;
pub use article::ArticlePage;
pub use home::HomePage;
pub use month::MonthPage;
pub use not_found::{Missing, NotFound};
