//! What the preview's open tabs are told (`/_masthead/status`), and the condition their
//! long polls wait on.

use std::sync::{Arc, Condvar, Mutex};

use super::headers::HeaderRules;
use crate::diagnostic::BuildError;

/// What the open tabs are told (`/_masthead/status`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Status {
    /// The site's `_headers`, as the last content build wrote it.
    pub headers: Arc<HeaderRules>,
    /// Goes up with every change below; a long poll waits for it to move.
    pub version: u64,
    /// This server's start (a restarted server's counts start again).
    pub run: u64,
    /// Successful builds of the content, of the app, and stylesheet swaps.
    pub content: u64,
    pub app: u64,
    pub css: u64,
    /// What is being built right now, if anything.
    pub busy: Option<String>,
    /// The last build's problems (empty when it worked).
    pub problems: Vec<BuildError>,
    /// The site's folder in its addresses (`/`, or `/news/`).
    pub base: String,
}

/// The status and the condition the long polls wait on.
pub(crate) struct Live {
    pub status: Mutex<Status>,
    pub changed: Condvar,
}

impl Live {
    pub(crate) fn update(&self, change: impl FnOnce(&mut Status)) {
        if let Ok(mut status) = self.status.lock() {
            change(&mut status);
            status.version += 1;
        }
        self.changed.notify_all();
    }

    pub(crate) fn snapshot(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }
}
