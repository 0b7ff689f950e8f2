//! Reusable views, named for what readers see.

pub mod article_body;
pub mod date;
pub mod layout;
pub mod newsletter;
pub mod post_card;
pub mod sidebar;
pub mod status;
