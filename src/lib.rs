//! Masthead: a news publication's front end, rendered in the browser from static JSON.
//!
//! `main.rs` mounts the app and takes over the written page (`takeover.rs`, its own
//! module); the app, its routes and its components live here so tests can use them. Pure logic lives in the `masthead-model` crate.

// Content and networks fail in every way; the app and its logic must not panic over it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

pub mod api;
pub mod app;
pub mod clock;
pub mod components;
pub mod crash;
#[cfg(feature = "explorer")]
pub mod explorer;
pub mod head;
pub mod intl;
#[cfg(feature = "explorer")]
pub mod marks;
pub mod pages;
pub mod paths;
#[cfg(target_arch = "wasm32")]
mod prefetch;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
pub mod router;
pub mod share;
pub mod signup;
pub mod source;
pub mod state;
pub mod web;

pub use app::{App, AppProps};
