//! One module per route.

#[cfg(feature = "explorer")]
mod archive;
#[cfg(not(feature = "explorer"))]
mod archive_handoff;
mod article;
mod home;
mod listing;
mod month;
mod not_found;
mod page;
mod term;
mod year;

#[cfg(feature = "explorer")]
pub use archive::ArchivePage;
#[cfg(not(feature = "explorer"))]
pub use archive_handoff::ArchivePage;
pub use article::ArticlePage;
pub use home::HomePage;
pub use month::MonthPage;
pub use not_found::{Missing, NotFound};
pub use page::StandalonePage;
pub use term::TermPage;
pub use year::YearPage;
