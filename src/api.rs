//! Fetching the static JSON contract: one place for every file, with a timeout, retries of
//! what is worth retrying, checks of the answer before it is decoded, each file once per
//! visit, and requests aborted when the page that asked for them goes away.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo_net::http::Request;
use masthead_model::retry;
use masthead_model::{decode, DecodeError, Latest, Post, Site};
use serde::de::DeserializeOwned;

use crate::clock::{now_ms, sleep, Timer};

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

/// How long a file may take, every attempt and wait together, before the reader is told.
pub const TIMEOUT_SECONDS: u32 = 15;

/// Retries of the JSON contract: three attempts at most, within the timeout, after waits
/// of up to 0.5 s, then 1 s (full jitter), for network failures, timeouts, 5xx and 429.
const POLICY: retry::Policy =
    retry::Policy { attempts: 3, budget_ms: TIMEOUT_SECONDS as u64 * 1000, base_ms: 500, cap_ms: 4_000 };

/// Aborts a request when its time is up or when it is dropped (the reader moved on);
/// dropping it also cancels the timer.
pub(crate) struct Deadline {
    controller: Option<web_sys::AbortController>,
    expired: Rc<Cell<bool>>,
    _timer: Timer,
}

impl Deadline {
    pub(crate) fn new(seconds: u32) -> Self {
        Deadline::in_millis(seconds.saturating_mul(1000))
    }

    fn in_millis(millis: u32) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let expired = Rc::new(Cell::new(false));
        let (flag, abort) = (expired.clone(), controller.clone());
        let timer = Timer::new(u64::from(millis), move || {
            flag.set(true);
            if let Some(c) = &abort {
                c.abort();
            }
        });
        Deadline { controller, expired, _timer: timer }
    }

    pub(crate) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(web_sys::AbortController::signal)
    }

    pub(crate) fn expired(&self) -> bool {
        self.expired.get()
    }

    /// How the attempt failed: a timeout if the deadline passed, else the network.
    fn failure(&self) -> retry::Failure {
        if self.expired.get() {
            retry::Failure::Timeout
        } else {
            retry::Failure::Network
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        // The timer is cancelled as it drops. Harmless once the answer is read; stops the download when it is not.
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

thread_local! {
    /// How many times each file has been asked for in this visit.
    static ATTEMPTS: RefCell<HashMap<String, u32>> = Default::default();
    /// Each file's text once it has arrived: a file is fetched once per visit, unless the
    /// reader asks for it again with Retry after a failure.
    static FETCHED: RefCell<HashMap<String, Rc<str>>> = Default::default();
    /// The fetches in progress by id: the request in flight (if one is), and whether the
    /// page that asked went away (see [`Cancel`]).
    static FLIGHTS: RefCell<HashMap<u64, Flight>> = Default::default();
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
    /// The files being fetched ahead (src/prefetch.rs): a page that asks for one waits for
    /// that request instead of making a second.
    static AHEAD: RefCell<std::collections::HashSet<String>> = Default::default();
}

#[derive(Default)]
struct Flight {
    request: Option<web_sys::AbortController>,
    cancelled: bool,
}

/// Ties a fetch to whatever asked for it: when that goes (the reader navigated away, so
/// the page and its resources are disposed), the request in flight is aborted and no
/// retry follows. The fetch's entry lives exactly as long as the fetch.
struct Cancel(u64);

impl Cancel {
    /// A fetch no page waits on (one made ahead): nothing cancels it.
    fn detached() -> Cancel {
        let id = NEXT_ID.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        FLIGHTS.with(|f| f.borrow_mut().insert(id, Flight::default()));
        Cancel(id)
    }

    fn on_cleanup() -> Cancel {
        let cancel = Cancel::detached();
        let id = cancel.0;
        leptos::prelude::on_cleanup(move || {
            let request = FLIGHTS.with(|f| {
                f.borrow_mut().get_mut(&id).and_then(|flight| {
                    flight.cancelled = true;
                    flight.request.take()
                })
            });
            if let Some(request) = request {
                request.abort();
            }
        });
        cancel
    }

    fn cancelled(&self) -> bool {
        FLIGHTS.with(|f| f.borrow().get(&self.0).is_some_and(|flight| flight.cancelled))
    }

    fn track(&self, deadline: &Deadline) {
        FLIGHTS.with(|f| {
            if let Some(flight) = f.borrow_mut().get_mut(&self.0) {
                flight.request = deadline.controller.clone();
            }
        });
    }
}

impl Drop for Cancel {
    fn drop(&mut self) {
        FLIGHTS.with(|f| f.borrow_mut().remove(&self.0));
    }
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

/// Fetches and decodes one file of the contract (see [`fetch_text`]). Only the decoding
/// depends on the file's type; the request is one function for all of them, so the wasm
/// carries it once rather than once per type. Call it where the request belongs (a
/// resource's fetcher): it is aborted when that is cleaned up.
pub fn fetch_json<T: DeserializeOwned>(file: String) -> impl std::future::Future<Output = Result<T, ApiError>> {
    let cancel = Cancel::on_cleanup();
    async move {
        let text = fetch_text(&file, &cancel).await?;
        let decoded = decode_text(&file, &text);
        if decoded.is_err() {
            // A damaged file is fetched again on Retry: it may have been fixed since.
            FETCHED.with(|f| f.borrow_mut().remove(&file));
        }
        decoded
    }
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
/// Network failures, timeouts, 5xx and 429 are tried again (see [`POLICY`]); the answer
/// is kept for the rest of the visit.
async fn fetch_text(file: &str, cancel: &Cancel) -> Result<Rc<str>, ApiError> {
    let started = now_ms();
    // A request made ahead for this file is answered first (or fails, and this one goes).
    while AHEAD.with(|a| a.borrow().contains(file)) && now_ms().saturating_sub(started) < POLICY.budget_ms {
        sleep(8).await;
    }
    if let Some(text) = FETCHED.with(|f| f.borrow().get(file).cloned()) {
        return Ok(text);
    }
    let mut failures = 0;
    loop {
        let remaining = (POLICY.budget_ms.saturating_sub(now_ms().saturating_sub(started))).max(1);
        let (failure, error) = match fetch_once(file, u32::try_from(remaining).unwrap_or(u32::MAX), cancel).await {
            Ok(text) => {
                let text: Rc<str> = text.into();
                FETCHED.with(|f| f.borrow_mut().insert(file.to_owned(), text.clone()));
                return Ok(text);
            }
            Err(failed) => failed,
        };
        failures += 1;
        let elapsed = now_ms().saturating_sub(started);
        let wait = failure.and_then(|f| POLICY.next_wait(f, failures, elapsed, js_sys::Math::random()));
        match wait {
            Some(wait) if !cancel.cancelled() => sleep(wait).await,
            _ => return Err(error),
        }
        if cancel.cancelled() {
            return Err(error);
        }
    }
}

/// One request within `millis`; a failure comes with what the retry policy needs to know
/// (`None`: not worth trying again).
async fn fetch_once(file: &str, millis: u32, cancel: &Cancel) -> Result<String, (Option<retry::Failure>, ApiError)> {
    let deadline = Deadline::in_millis(millis);
    cancel.track(&deadline);
    let failed = |deadline: &Deadline| {
        let failure = deadline.failure();
        let error = match failure {
            retry::Failure::Timeout => ApiError::Timeout { file: file.to_owned(), seconds: TIMEOUT_SECONDS },
            _ => ApiError::Network { file: file.to_owned() },
        };
        (Some(failure), error)
    };
    let response = Request::get(&attempt_url(file))
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|_| failed(&deadline))?;
    let status = response.status();
    if status == 404 || status == 410 {
        return Err((None, ApiError::NotFound { file: file.to_owned() }));
    }
    if !(200..300).contains(&status) {
        return Err((Some(retry::Failure::Status(status)), ApiError::Http { file: file.to_owned(), status }));
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.contains("text/html") {
        return Err((None, ApiError::NotFound { file: file.to_owned() }));
    }
    response.text().await.map_err(|_| failed(&deadline))
}

/// Fetches `file` into the visit's cache with no page waiting on it: one attempt, its
/// failure forgotten (a page that asks for the file later makes its own request).
/// `arrived` gets the size of the text. Nothing happens for a file already here or on
/// its way.
pub fn fetch_ahead(file: String, arrived: impl FnOnce(usize) + 'static) {
    let known = FETCHED.with(|f| f.borrow().contains_key(&file)) || AHEAD.with(|a| a.borrow().contains(&file));
    if known {
        return;
    }
    AHEAD.with(|a| a.borrow_mut().insert(file.clone()));
    leptos::task::spawn_local(async move {
        let cancel = Cancel::detached();
        if let Ok(text) = fetch_once(&file, TIMEOUT_SECONDS * 1000, &cancel).await {
            arrived(text.len());
            FETCHED.with(|f| f.borrow_mut().insert(file.clone(), text.into()));
        }
        AHEAD.with(|a| a.borrow_mut().remove(&file));
    });
}

// Plain functions returning the request, not `async fn`s: the request must be made (and
// tied to its page, see `Cancel`) when the resource asks for it, not when first polled.

pub fn site() -> impl std::future::Future<Output = Result<Site, ApiError>> {
    fetch_json("site.json".into())
}

pub fn latest() -> impl std::future::Future<Output = Result<Latest, ApiError>> {
    fetch_json("latest.json".into())
}

/// `archive/index.json` as this bundle reads it: the reader's bundle has no archive
/// explorer, so it skips the names of the explorer's files (and the code to decode them).
#[cfg(feature = "explorer")]
pub type Archive = masthead_model::ArchiveIndex;
#[cfg(not(feature = "explorer"))]
pub type Archive = masthead_model::ArchiveIndex<serde::de::IgnoredAny>;

pub fn archive_index() -> impl std::future::Future<Output = Result<Archive, ApiError>> {
    fetch_json("archive/index.json".into())
}

/// A list page's file (a month's, or a page of a term's), under `/content/`.
pub fn list(file: String) -> impl std::future::Future<Output = Result<masthead_model::ListShard, ApiError>> {
    fetch_json(file)
}

/// `slug` must already be checked with `masthead_model::url::is_valid_slug`.
pub fn post(slug: String) -> impl std::future::Future<Output = Result<Post, ApiError>> {
    fetch_json(format!("posts/{slug}.json"))
}

pub fn page(slug: String) -> impl std::future::Future<Output = Result<masthead_model::Page, ApiError>> {
    fetch_json(format!("pages/{slug}.json"))
}
