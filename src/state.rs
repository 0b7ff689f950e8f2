//! What every page shares, provided once by the root component (`crate::app`): the files
//! every first view needs (site, latest, archive index), the locale dates are drawn in,
//! and the story on screen. Pages and components read it; it names none of them.

use leptos::prelude::*;
use masthead_model::{Latest, Site};

use crate::api::Archive;
use crate::source::Source;

/// The files every first view needs, fetched once per visit and shared by all pages.
#[derive(Clone, Copy)]
pub struct Shared {
    pub site: Source<Site>,
    /// (locale, time zone), read by every date on a page: a memo, so a date neither
    /// clones the whole site settings nor re-renders unless they change.
    pub locale: Memo<(String, String)>,
    pub latest: Source<Latest>,
    pub archive: Source<Archive>,
    /// The publication's name before site.json arrives (or if it cannot).
    pub fallback_name: StoredValue<String>,
}

impl Shared {
    pub fn new(site: Source<Site>, latest: Source<Latest>, archive: Source<Archive>, fallback_name: String) -> Self {
        let locale = Memo::new(move |_| {
            site.get()
                .and_then(Result::ok)
                .map(|s| (s.locale, s.time_zone))
                .unwrap_or_else(|| ("en".into(), "UTC".into()))
        });
        Shared { site, locale, latest, archive, fallback_name: StoredValue::new(fallback_name) }
    }

    pub fn site(&self) -> Option<Site> {
        self.site.get().and_then(Result::ok)
    }

    pub fn name(&self) -> String {
        self.site().map(|s| s.name).unwrap_or_else(|| self.fallback_name.get_value())
    }

    /// (locale, time zone) for formatting dates; the browser's defaults until site.json is here.
    pub fn locale(&self) -> (String, String) {
        self.locale.get()
    }

    /// A page title: "Headline | The Circuit".
    pub fn title(&self, part: &str) -> String {
        format!("{part} | {}", self.name())
    }
}

pub fn use_shared() -> Shared {
    expect_context::<Shared>()
}

/// The story shown, once its post is here, for the header's nav to mark its section: its
/// slug and its section's slug, with a space between (neither has one), or empty.
#[derive(Clone, Copy)]
pub struct ShownStory(pub RwSignal<String>);
