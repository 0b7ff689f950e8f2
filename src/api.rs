//! Fetching the static JSON contract: one place, typed errors.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use masthead_model::{decode, ArchiveIndex, DecodeError, Latest, MonthShard, Post, Site, YearMonth};
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Why a file could not be shown. The reader is told which of these happened.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("The network is unreachable or the server did not answer ({file}).")]
    Network { file: String },
    #[error("Loading {file} took longer than {seconds} seconds.")]
    Timeout { file: String, seconds: u32 },
    #[error("{file} does not exist on the server.")]
    NotFound { file: String },
    #[error("The server answered {file} with an error (HTTP {status}).")]
    Http { file: String, status: u16 },
    #[error("{0}")]
    Decode(String),
    /// A file named after the build that made it is gone: a newer deploy replaced it.
    #[error("{file} belongs to an earlier version of this site, replaced since this page was opened.")]
    Outdated { file: String },
}

impl ApiError {
    /// What the reader can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            ApiError::Network { .. } => "Check your connection, then try again.",
            ApiError::Timeout { .. } => "The connection is slow or the server is busy. Try again.",
            ApiError::Http { status, .. } if *status >= 500 || *status == 429 => {
                "The server is having trouble. Try again in a moment."
            }
            ApiError::NotFound { .. } | ApiError::Http { .. } => "The file may have moved. Try again later.",
            ApiError::Decode(_) => "The publication's data is damaged; the editors need to fix it.",
            ApiError::Outdated { .. } => "A new version of this site is available: reload the page.",
        }
    }
}

impl ApiError {
    /// For files whose names carry their build's hash: missing means replaced.
    pub fn outdated_if_missing(self) -> Self {
        match self {
            ApiError::NotFound { file } => ApiError::Outdated { file },
            other => other,
        }
    }
}

/// The address of a file of the contract on the host.
pub fn content_url(file: &str) -> String {
    crate::paths::href(&masthead_model::url::content_path(file))
}

/// How long a file may take, headers and body together, before the reader is told.
pub const TIMEOUT_SECONDS: u32 = 15;

/// Aborts a request when its time is up; dropping it cancels the timer.
pub(crate) struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    expired: Rc<Cell<bool>>,
    _on_expiry: Closure<dyn FnMut()>,
}

impl Deadline {
    pub(crate) fn new(seconds: u32) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let expired = Rc::new(Cell::new(false));
        let (flag, abort) = (expired.clone(), controller.clone());
        let on_expiry = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            if let Some(c) = &abort {
                c.abort();
            }
        });
        let millis = i32::try_from(seconds.saturating_mul(1000)).unwrap_or(i32::MAX);
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(on_expiry.as_ref().unchecked_ref(), millis).ok()
        });
        Deadline { controller, timer, expired, _on_expiry: on_expiry }
    }

    pub(crate) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(web_sys::AbortController::signal)
    }

    pub(crate) fn expired(&self) -> bool {
        self.expired.get()
    }

    /// The error for a failed request: a timeout if the deadline passed, else a network error.
    fn error(&self, file: &str) -> ApiError {
        if self.expired.get() {
            ApiError::Timeout { file: file.to_owned(), seconds: TIMEOUT_SECONDS }
        } else {
            ApiError::Network { file: file.to_owned() }
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(window), Some(timer)) = (web_sys::window(), self.timer) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

thread_local! {
    /// How many times each file has been asked for in this visit.
    static ATTEMPTS: std::cell::RefCell<std::collections::HashMap<String, u32>> = Default::default();
}

/// The address to fetch: the file itself the first time, so the `<link rel="preload">`
/// answers it; on a retry, the same file with `?attempt=N`, so the browser makes a new
/// request instead of waiting again on a preload that is stuck or failed. Static hosts
/// serve files whatever the query string.
fn attempt_url(file: &str) -> String {
    let attempt = ATTEMPTS.with(|a| {
        let mut a = a.borrow_mut();
        let n = a.entry(file.to_owned()).or_insert(0);
        *n += 1;
        *n
    });
    match attempt {
        1 => content_url(file),
        n => format!("{}?attempt={n}", content_url(file)),
    }
}

/// Fetches and decodes one file of the contract, within `TIMEOUT_SECONDS`. Only the
/// decoding depends on the file's type; the request is one function for all of them, so
/// the wasm carries it once rather than once per type.
pub async fn fetch_json<T: DeserializeOwned>(file: String) -> Result<T, ApiError> {
    let text = fetch_text(&file).await?;
    decode_text(&file, &text)
}

fn decode_text<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ApiError> {
    decode(file, text).map_err(decode_error)
}

fn decode_error(e: DecodeError) -> ApiError {
    match e {
        DecodeError::NotJson { file } => ApiError::NotFound { file },
        other => ApiError::Decode(other.to_string()),
    }
}

/// The body of one file of the contract, checked: a success status, and not an HTML page
/// (many static hosts answer a missing file with the app's index.html and status 200).
async fn fetch_text(file: &str) -> Result<String, ApiError> {
    let deadline = Deadline::new(TIMEOUT_SECONDS);
    let response = Request::get(&attempt_url(file))
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|_| deadline.error(file))?;
    let status = response.status();
    if status == 404 || status == 410 {
        return Err(ApiError::NotFound { file: file.to_owned() });
    }
    if !(200..300).contains(&status) {
        return Err(ApiError::Http { file: file.to_owned(), status });
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.contains("text/html") {
        return Err(ApiError::NotFound { file: file.to_owned() });
    }
    response.text().await.map_err(|_| deadline.error(file))
}

pub async fn site() -> Result<Site, ApiError> {
    fetch_json("site.json".into()).await
}

pub async fn latest() -> Result<Latest, ApiError> {
    fetch_json("latest.json".into()).await
}

pub async fn archive_index() -> Result<ArchiveIndex, ApiError> {
    fetch_json("archive/index.json".into()).await
}

pub async fn month(month: YearMonth) -> Result<MonthShard, ApiError> {
    fetch_json(format!("archive/{}", month.shard_file())).await
}

/// `slug` must already be checked with `masthead_model::url::is_valid_slug`.
pub async fn post(slug: String) -> Result<Post, ApiError> {
    fetch_json(format!("posts/{slug}.json")).await
}
