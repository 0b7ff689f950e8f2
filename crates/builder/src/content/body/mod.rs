//! A story's body: Markdown ([`markdown`]) and the raw HTML inside it ([`raw_html`]) to
//! the contract's typed blocks, with code listings highlighted at build time
//! ([`highlight`]), and what both build blocks with ([`blocks`]).

pub mod blocks;
pub mod highlight;
pub mod markdown;
pub mod raw_html;
