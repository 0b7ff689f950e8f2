//! The Masthead builder: a folder of Markdown in, the static JSON contract out.

pub mod markdown;
pub mod publish;

pub use publish::{build, load, write, BuildError, Publication};
