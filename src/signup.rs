//! Delivering newsletter signups: the queue in localStorage, the request over the network
//! (fetch, or a script element for Mailchimp's JSONP), and retries. The rules (what to
//! send, what an answer means, when to try again) are in `masthead_model::signup`.

use std::collections::HashMap;
use std::time::Duration;

use gloo_net::http::Request;
use leptos::prelude::*;
use masthead_model::signup::provider::{Context, Provider};
use masthead_model::signup::{HttpAnswer, HttpRequest, Outcome, Progress, Queue, Queued, Signup, Transport};
use masthead_model::Topic;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::Deadline;
use crate::clock::{after, now_ms, TimeoutHandle, Timer};

/// Where the queue is kept in the reader's browser.
const STORAGE_KEY: &str = "masthead.signups";
/// How long one attempt may take.
const TIMEOUT_SECONDS: u32 = 10;

/// The signup service, shared by every form on the page.
#[derive(Clone, Copy)]
pub struct Signups {
    settings: StoredValue<Option<(Provider, Vec<Topic>)>>,
    progress: RwSignal<HashMap<String, Progress>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Signups {
    /// Creates the service and starts delivering what an earlier visit left waiting, once
    /// the site settings say where to send it, and again whenever the browser comes online.
    pub fn provide(site: crate::source::Source<masthead_model::Site>) -> Self {
        let this = Signups {
            settings: StoredValue::new(None),
            progress: RwSignal::new(HashMap::new()),
            timer: StoredValue::new(None),
        };
        Effect::new(move |_| {
            let Some(Ok(site)) = site.get() else { return };
            let provider = site.newsletter.provider.filter(|p| p.check().is_ok());
            this.settings.set_value(provider.map(|p| (p, site.newsletter.topics)));
            this.flush();
        });
        if crate::web::window().is_some() {
            let online = window_event_listener(leptos::ev::online, move |_| this.retry_now());
            on_cleanup(move || online.remove());
        }
        provide_context(this);
        this
    }

    /// The provider, if the site has one that is set up correctly.
    pub fn provider(&self) -> Option<Provider> {
        self.settings.with_value(|s| s.as_ref().map(|(p, _)| p.clone()))
    }

    pub fn progress(&self, key: &str) -> Option<Progress> {
        self.progress.with(|p| p.get(key).cloned())
    }

    /// Queues a checked signup and sends it. Returns the key it travels under (an earlier
    /// key if the same address is already waiting).
    pub fn submit(&self, signup: Signup) -> String {
        let mut queue = load();
        let now = now_ms();
        let key = queue.add(signup, &new_key(), now);
        // Submitting again is asking for it to go now, even if it was waiting to retry.
        queue.wake(now);
        save(&queue);
        self.progress.update(|p| {
            p.insert(key.clone(), Progress::Sending);
        });
        self.flush();
        key
    }

    /// Tries every waiting signup now, whatever its backoff says.
    pub fn retry_now(&self) {
        let mut queue = load();
        queue.wake(now_ms());
        save(&queue);
        self.flush();
    }

    /// Sends what is due, then sets a timer for what is due later.
    fn flush(&self) {
        let Some((provider, topics)) = self.settings.get_value() else { return };
        let mut queue = load();
        let due = queue.take_due(now_ms());
        save(&queue);
        for entry in due {
            let this = *self;
            let (provider, topics) = (provider.clone(), topics.clone());
            self.progress.update(|p| {
                p.insert(entry.key.clone(), Progress::Sending);
            });
            leptos::task::spawn_local(async move {
                let outcome = attempt(&provider, &topics, &entry).await;
                let mut queue = load();
                queue.record(&entry.key, &outcome, now_ms(), js_sys::Math::random());
                let stored = save(&queue);
                let progress = match outcome {
                    Outcome::Retry { reason, .. } => Progress::Waiting { reason, stored },
                    outcome => Progress::Finished(outcome),
                };
                this.progress.update(|p| {
                    p.insert(entry.key.clone(), progress);
                });
                this.schedule(&queue);
            });
        }
        self.schedule(&queue);
    }

    fn schedule(&self, queue: &Queue) {
        if let Some(Some(old)) = self.timer.try_update_value(Option::take) {
            old.clear();
        }
        let Some(due) = queue.next_due_ms() else { return };
        let wait = Duration::from_millis(due.saturating_sub(now_ms()).max(50));
        let this = *self;
        if let Some(handle) = after(wait, move || this.flush()) {
            self.timer.set_value(Some(handle));
        }
    }
}

pub fn use_signups() -> Option<Signups> {
    use_context::<Signups>()
}

/// One attempt at delivering a signup.
async fn attempt(provider: &Provider, topics: &[Topic], entry: &Queued) -> Outcome {
    let source = crate::web::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let request = provider.request(&entry.signup, Context { topics, key: &entry.key, source: &source });
    match carry(&request).await {
        Ok((status, body, retry_after)) => {
            provider.interpret(HttpAnswer { status, body: &body, retry_after: retry_after.as_deref() })
        }
        Err(reason) => Outcome::Retry { after_ms: None, reason },
    }
}

/// Carries a request over the network: (status, body, Retry-After), or why it failed.
async fn carry(request: &HttpRequest) -> Result<(u16, String, Option<String>), String> {
    if let Transport::Jsonp { callback_param } = request.transport {
        return jsonp(&request.url, callback_param).await.map(|body| (0, body, None));
    }
    let deadline = Deadline::new(TIMEOUT_SECONDS);
    let mut builder = Request::post(&request.url).abort_signal(deadline.signal().as_ref());
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if request.transport == Transport::NoCors {
        builder = builder.mode(web_sys::RequestMode::NoCors);
    }
    let failed = |deadline: &Deadline| {
        if deadline.expired() {
            format!("the mailing list did not answer within {TIMEOUT_SECONDS} seconds")
        } else {
            "you seem to be offline, or the mailing list cannot be reached".to_owned()
        }
    };
    let sent = match &request.body {
        Some(body) => builder.body(body.as_str()).map_err(|e| e.to_string())?.send().await,
        None => builder.send().await,
    };
    let response = sent.map_err(|_| failed(&deadline))?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.unwrap_or_default();
    Ok((status, body, retry_after))
}

/// JSONP: a script element whose answer calls a global function with the result. The
/// function is the resolver of a promise; a load error or the deadline rejects it.
pub async fn jsonp(url: &str, callback_param: &str) -> Result<String, String> {
    let window = crate::web::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let name = format!("mastheadJsonp{}", new_key().replace('-', ""));
    let script: web_sys::HtmlScriptElement =
        document.create_element("script").map_err(|_| "cannot create a script")?.unchecked_into();
    let separator = if url.contains('?') { '&' } else { '?' };
    script.set_src(&format!("{url}{separator}{callback_param}={name}"));
    let mut timer = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str(&name), &resolve);
        script.set_onerror(Some(&reject));
        timer = Some(Timer::new(u64::from(TIMEOUT_SECONDS) * 1000, move || {
            let _ = reject.call0(&JsValue::NULL);
        }));
    });
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    script.remove();
    let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str(&name));
    drop(timer);
    match result {
        Ok(value) => Ok(js_sys::JSON::stringify(&value).map(String::from).unwrap_or_default()),
        Err(_) => Err("the mailing list could not be reached".into()),
    }
}

fn storage() -> Option<web_sys::Storage> {
    crate::web::window()?.local_storage().ok()?
}

thread_local! {
    /// The queue when the browser keeps no storage (private windows, storage turned off):
    /// it then lasts as long as the page.
    static MEMORY: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn load() -> Queue {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let text = stored.or_else(|| MEMORY.with(|m| m.borrow().clone())).unwrap_or_default();
    Queue::parse(&text)
}

/// Saves the queue; false if it could only be kept in memory.
fn save(queue: &Queue) -> bool {
    let text = queue.to_json();
    let stored = storage().is_some_and(|s| s.set_item(STORAGE_KEY, &text).is_ok());
    MEMORY.with(|m| *m.borrow_mut() = Some(text));
    stored
}

/// A fresh idempotency key: a version 4 UUID from the browser's cryptographic random
/// source (`crypto.randomUUID()`, 122 random bits).
fn new_key() -> String {
    crate::web::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_else(|| {
        // Only where the page is not a secure context (crypto.randomUUID needs one).
        let part = || format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        format!("{}-{}-{}-{}", part(), part(), part(), part())
    })
}
