//! A real signup endpoint for local runs and tests: `masthead-build signup-endpoint`.
//!
//! It speaks Masthead's JSON webhook (docs/CONTRACT.md, "Newsletter signup webhook") and
//! also accepts the same fields form-encoded. Each new signup is appended as one line of
//! JSON to a file; the answers are the ones a provider gives: new (pending confirmation),
//! already subscribed, invalid. It sends CORS headers so a site on another origin can
//! post to it.
//!
//! With `--faults`, `POST /_faults` scripts the next answers so tests can make it fail on
//! demand: `{"answers": ["500", "429", "slow:3000", "drop", "down:2000"]}` (an HTTP 500,
//! a 429 with Retry-After: 1, an answer held back for 3 s, a connection closed without an
//! answer, the port closed for 2 s so connections are refused). `DELETE /_faults` clears
//! them.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use masthead_model::signup::{form_decode, validate, Field, SignupInput};
use masthead_model::Topic;

use super::httpd::Outcome;
use crate::site::html::escape;
use serde_json::{json, Value};

/// Request bodies larger than this are refused (a signup is a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// What the endpoint knows: who is subscribed, and the answer given to each key.
pub struct State {
    log: PathBuf,
    topics: Option<HashSet<String>>,
    subscribed: HashSet<String>,
    answered: HashMap<String, Reply>,
    faults: VecDeque<String>,
    faults_enabled: bool,
}

/// An answer, before CORS headers are added.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<u32>,
}

fn reply(status: u16, body: Value) -> Reply {
    Reply { status, body, retry_after: None }
}

/// What the server loop must do besides answering.
#[derive(Debug, PartialEq)]
pub enum Action {
    Answer(Reply),
    /// Hold the answer back this long first.
    Delay(Duration, Reply),
    /// Close the connection without answering.
    Drop,
    /// Answer, then stop listening for this long.
    Down(Duration, Reply),
}

impl State {
    /// Opens (or creates) the log and reads who is already subscribed.
    pub fn open(log: &Path, topics: Option<HashSet<String>>, faults_enabled: bool) -> std::io::Result<State> {
        if let Some(dir) = log.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut subscribed = HashSet::new();
        let mut answered = HashMap::new();
        if let Ok(file) = File::open(log) {
            for line in BufReader::new(file).lines() {
                let Ok(entry) = serde_json::from_str::<Value>(&line?) else { continue };
                if let Some(email) = entry.get("email").and_then(Value::as_str) {
                    subscribed.insert(email.to_ascii_lowercase());
                }
                if let Some(key) = entry.get("idempotency_key").and_then(Value::as_str) {
                    answered.insert(key.to_owned(), pending());
                }
            }
        }
        Ok(State { log: log.to_owned(), topics, subscribed, answered, faults: VecDeque::new(), faults_enabled })
    }

    /// Handles one request. `content_type` and `key` come from the headers.
    pub fn handle(&mut self, method: &str, path: &str, content_type: &str, key: Option<&str>, body: &[u8]) -> Action {
        let path = path.split('?').next().unwrap_or_default();
        match (method, path) {
            ("OPTIONS", _) => Action::Answer(reply(204, Value::Null)),
            ("GET", "/health") => Action::Answer(reply(200, json!({"status": "ok"}))),
            ("POST", "/_faults") if self.faults_enabled => {
                let answers = serde_json::from_slice::<Value>(body)
                    .ok()
                    .and_then(|v| v.get("answers").cloned())
                    .and_then(|a| serde_json::from_value::<Vec<String>>(a).ok());
                match answers {
                    Some(answers) => {
                        self.faults.extend(answers);
                        Action::Answer(reply(200, json!({"queued": self.faults.len()})))
                    }
                    None => Action::Answer(reply(400, json!({"message": "expected {\"answers\": [\"500\", …]}"}))),
                }
            }
            ("DELETE", "/_faults") if self.faults_enabled => {
                self.faults.clear();
                Action::Answer(reply(200, json!({"queued": 0})))
            }
            ("POST", "/subscribe") => self.subscribe(content_type, key, body),
            (_, "/subscribe") => Action::Answer(reply(405, json!({"message": "use POST"}))),
            _ => Action::Answer(reply(404, json!({"message": "not found"}))),
        }
    }

    fn subscribe(&mut self, content_type: &str, key: Option<&str>, body: &[u8]) -> Action {
        match self.faults.pop_front() {
            None => Action::Answer(self.record(content_type, key, body)),
            Some(fault) => {
                let ms =
                    |prefix: &str| fault.strip_prefix(prefix).and_then(|n| n.parse().ok()).map(Duration::from_millis);
                if fault == "drop" {
                    Action::Drop
                } else if fault == "429" {
                    Action::Answer(Reply {
                        retry_after: Some(1),
                        ..reply(429, json!({"message": "Too many requests."}))
                    })
                } else if let Some(delay) = ms("slow:") {
                    Action::Delay(delay, self.record(content_type, key, body))
                } else if let Some(down) = ms("down:") {
                    Action::Down(down, reply(503, json!({"message": "Going down for a moment."})))
                } else {
                    let status = fault.parse().unwrap_or(500);
                    Action::Answer(reply(status, json!({"message": "Injected failure."})))
                }
            }
        }
    }

    /// Checks a signup and appends it to the log if it is new.
    fn record(&mut self, content_type: &str, key: Option<&str>, body: &[u8]) -> Reply {
        if body.len() > MAX_BODY_BYTES {
            return reply(413, json!({"status": "invalid", "message": "The request is too large."}));
        }
        let fields = if content_type.starts_with("application/x-www-form-urlencoded") {
            form_fields(&String::from_utf8_lossy(body))
        } else {
            match serde_json::from_slice::<Value>(body) {
                Ok(value @ Value::Object(_)) => value,
                _ => return invalid(None, "The request body is not a JSON object."),
            }
        };
        let key =
            key.map(str::to_owned).or_else(|| fields.get("idempotency_key").and_then(Value::as_str).map(str::to_owned));
        if let Some(previous) = key.as_ref().and_then(|k| self.answered.get(k)) {
            return previous.clone();
        }
        let answer = self.check_and_append(&fields, key.as_deref());
        if let Some(key) = key {
            if answer.status < 500 {
                self.answered.insert(key, answer.clone());
            }
        }
        answer
    }

    fn check_and_append(&mut self, fields: &Value, key: Option<&str>) -> Reply {
        let text = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or_default();
        let mut requested: Vec<String> = match fields.get("topics") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            Some(Value::String(one)) => vec![one.clone()],
            _ => Vec::new(),
        };
        let mut seen = HashSet::new();
        requested.retain(|t| seen.insert(t.clone()));
        // The topics offered, in the order the signup names them (so the log keeps that
        // order), then the site's others; without the site's settings, whatever is named.
        let mut offered = requested.clone();
        if let Some(known) = &self.topics {
            if let Some(unknown) = requested.iter().find(|t| !known.contains(*t)) {
                return invalid(Some(Field::Topics), &format!("Unknown newsletter {unknown:?}."));
            }
            let mut others: Vec<&String> = known.iter().filter(|t| !seen.contains(*t)).collect();
            others.sort();
            offered.extend(others.into_iter().cloned());
        }
        let offered: Vec<Topic> =
            offered.into_iter().map(|id| Topic { name: id.clone(), id, default: false, provider_id: None }).collect();
        let input = SignupInput {
            email: text("email").to_owned(),
            first_name: text("first_name").to_owned(),
            topics: requested,
            consent: matches!(fields.get("consent"), Some(Value::Bool(true))) || text("consent") == "yes",
        };
        // The same checks, and messages, as the reader's form.
        let signup = match validate(&input, &offered, text("consent_at")) {
            Ok(signup) => signup,
            Err(errors) => {
                let first = errors.first();
                return invalid(first.map(|e| e.field), first.map_or("", |e| e.message.as_str()));
            }
        };
        let (email, first_name, topics) = (signup.email, signup.first_name.unwrap_or_default(), signup.topics);
        if !self.subscribed.insert(email.to_ascii_lowercase()) {
            return reply(
                200,
                json!({"status": "already_subscribed", "message": "This address is already subscribed."}),
            );
        }
        let received_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        let line = json!({
            "email": email,
            "first_name": (!first_name.is_empty()).then_some(first_name),
            "topics": topics,
            "consent_at": text("consent_at"),
            "idempotency_key": key,
            "source": text("source"),
            "received_ms": received_ms,
        });
        let written = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .and_then(|mut f| f.write_all(format!("{line}\n").as_bytes()));
        if let Err(e) = written {
            self.subscribed.remove(&email.to_ascii_lowercase());
            eprintln!("signup-endpoint: cannot write {}: {e}", self.log.display());
            return reply(500, json!({"message": "The signup could not be stored."}));
        }
        pending()
    }
}

fn pending() -> Reply {
    reply(201, json!({"status": "pending", "message": "Check your inbox to confirm your subscription."}))
}

fn invalid(field: Option<Field>, message: &str) -> Reply {
    reply(422, json!({"status": "invalid", "field": field.map(Field::wire_name), "message": message}))
}

/// Form fields as the JSON document the webhook takes (`topics` repeated into a list).
fn form_fields(body: &str) -> Value {
    let mut object = serde_json::Map::new();
    let mut topics = Vec::new();
    for (name, value) in form_decode(body) {
        if name == "topics" {
            topics.push(Value::String(value));
        } else {
            object.insert(name, Value::String(value));
        }
    }
    object.insert("topics".into(), Value::Array(topics));
    Value::Object(object)
}

/// The topic ids of a site's settings (`site.toml`) as the webhook carries them (each
/// topic's `provider_id`, else its id), if the settings can be read.
pub fn site_topics(site_toml: &Path) -> Option<HashSet<String>> {
    let site = crate::content::load::load_site(site_toml).ok()?;
    Some(site.newsletter.topics.into_iter().map(|t| t.provider_id.unwrap_or(t.id)).collect())
}

/// Listens on `listen`; an address in use is an error of kind `AddrInUse`.
pub fn bind(listen: &str) -> std::io::Result<std::net::TcpListener> {
    std::net::TcpListener::bind(listen)
}

/// Serves until the process is stopped.
pub fn serve(listen: &str, state: State) -> std::io::Result<()> {
    serve_on(bind(listen)?, listen, state)
}

/// The most of a request body that is read; the endpoint refuses more than
/// `MAX_BODY_BYTES` of it with its own answer.
const READ_BODY_BYTES: usize = 1024 * 1024;

/// Serves on a listener already bound to `listen` until the process is stopped.
pub fn serve_on(listener: std::net::TcpListener, listen: &str, state: State) -> std::io::Result<()> {
    let state = Mutex::new(state);
    eprintln!("signup endpoint listening on http://{listen}/subscribe");
    super::httpd::serve(listener, READ_BODY_BYTES, move |request| {
        let header = |name: &str| request.header(name).map(str::to_owned);
        let origin = header("origin");
        let content_type = header("content-type").unwrap_or_default().to_ascii_lowercase();
        let key = header("idempotency-key");
        let (accept, referer) = (header("accept"), header("referer"));
        let (method, url, body) = (&request.method, &request.target, &request.body);
        // A browser that posted the form itself (no JavaScript, or sent before the app
        // had taken the page over) navigates to the answer: it gets a page, not JSON,
        // leading back to the page it signed up on (the form's `source`, else the
        // referrer, which browsers cut to the origin across sites).
        let back = accept.filter(|a| a.contains("text/html")).map(|_| {
            let posted = content_type.starts_with("application/x-www-form-urlencoded");
            let source = posted
                .then(|| form_decode(&String::from_utf8_lossy(body)))
                .and_then(|fields| fields.into_iter().find(|(k, _)| k == "source").map(|(_, v)| v));
            source.or(referer).filter(|r| r.starts_with("http://") || r.starts_with("https://"))
        });
        let action = state.lock().map_or(Action::Answer(reply(500, Value::Null)), |mut s| {
            s.handle(method, url, &content_type, key.as_deref(), body)
        });
        eprintln!("signup-endpoint: {method} {url} -> {}", describe(&action));
        let answer = |r: &Reply| match &back {
            Some(back) => page_reply(r, back.as_deref()),
            None => json_reply(r, origin.as_deref()),
        };
        match action {
            Action::Answer(r) => Outcome::Reply(answer(&r)),
            Action::Delay(delay, r) => Outcome::After(delay, json_reply(&r, origin.as_deref())),
            Action::Drop => Outcome::Drop,
            Action::Down(duration, r) => {
                eprintln!("signup endpoint down for {} ms", duration.as_millis());
                Outcome::Down(duration, json_reply(&r, origin.as_deref()))
            }
        }
    })
}

fn describe(action: &Action) -> String {
    match action {
        Action::Answer(r) => r.status.to_string(),
        Action::Delay(d, r) => format!("{} after {} ms", r.status, d.as_millis()),
        Action::Drop => "connection dropped".into(),
        Action::Down(d, _) => format!("503, then down for {} ms", d.as_millis()),
    }
}

/// The JSON answer, with the CORS headers the app's fetch needs.
fn json_reply(r: &Reply, origin: Option<&str>) -> super::httpd::Reply {
    let body = if r.body.is_null() { String::new() } else { r.body.to_string() };
    let mut reply = super::httpd::Reply::new(r.status, body)
        .header("Access-Control-Allow-Origin", origin.unwrap_or("*"))
        .header("Vary", "Origin")
        .header("Access-Control-Allow-Methods", "POST, OPTIONS")
        .header("Access-Control-Allow-Headers", "content-type, accept, idempotency-key")
        .header("Access-Control-Expose-Headers", "retry-after")
        .header("Access-Control-Max-Age", "600")
        .header("Cache-Control", "no-store");
    if !r.body.is_null() {
        reply = reply.header("Content-Type", "application/json");
    }
    if let Some(seconds) = r.retry_after {
        reply = reply.header("Retry-After", &seconds.to_string());
    }
    reply
}

/// The answer as a page, for a browser that posted the form itself: what happened, in the
/// words the app would show, and the way back to the page it came from.
fn answer_page(r: &Reply, back: Option<&str>) -> String {
    let message = r.body.get("message").and_then(Value::as_str).unwrap_or("The signup could not be recorded.");
    let title = match r.status {
        200..=299 => "Thank you",
        400..=499 => "Not signed up",
        _ => "Not signed up yet",
    };
    let back = back.map_or_else(String::new, |b| format!("<p><a href=\"{}\">Back to the site</a></p>", escape(b)));
    format!(
        "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>\
         <h1>{title}</h1><p role=\"status\">{}</p>{back}</html>\n",
        escape(message)
    )
}

fn page_reply(r: &Reply, back: Option<&str>) -> super::httpd::Reply {
    super::httpd::Reply::new(r.status, answer_page(r, back))
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(dir: &Path, faults: bool) -> State {
        let topics = ["breaking", "deals"].iter().map(|s| (*s).to_owned()).collect();
        State::open(&dir.join("signups.ndjson"), Some(topics), faults).unwrap()
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("masthead-endpoint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn answer(action: Action) -> Reply {
        match action {
            Action::Answer(r) | Action::Delay(_, r) | Action::Down(_, r) => r,
            Action::Drop => panic!("dropped"),
        }
    }

    const GOOD: &str = r#"{"email":"ada@example.com","first_name":"Ada","topics":["breaking"],"consent":true,"consent_at":"2026-11-27T08:00:00Z","idempotency_key":"k1","source":"/"}"#;

    fn post(s: &mut State, body: &str) -> Reply {
        answer(s.handle("POST", "/subscribe", "application/json", None, body.as_bytes()))
    }

    #[test]
    fn new_then_already_subscribed_then_replayed() {
        let dir = temp_dir("new");
        let mut s = state(&dir, false);
        let first = post(&mut s, GOOD);
        assert_eq!(first.status, 201);
        assert_eq!(first.body["status"], "pending");
        // The same key again gets the same answer; the log still has one line.
        assert_eq!(post(&mut s, GOOD), first);
        let other_key = GOOD.replace("\"k1\"", "\"k2\"").replace("ada@", "ADA@");
        let again = post(&mut s, &other_key);
        assert_eq!((again.status, again.body["status"].as_str()), (200, Some("already_subscribed")));
        let log = std::fs::read_to_string(dir.join("signups.ndjson")).unwrap();
        assert_eq!(log.lines().count(), 1);
        let line: Value = serde_json::from_str(log.trim()).unwrap();
        assert_eq!(line["email"], "ada@example.com");
        assert_eq!(line["topics"], json!(["breaking"]));
        assert_eq!(line["idempotency_key"], "k1");
        // A restart remembers both the address and the key.
        let mut restarted = state(&dir, false);
        assert_eq!(post(&mut restarted, GOOD).status, 201);
        assert_eq!(post(&mut restarted, &other_key).body["status"], "already_subscribed");
    }

    #[test]
    fn invalid_signups_name_the_field_and_record_nothing() {
        let dir = temp_dir("invalid");
        let mut s = state(&dir, false);
        for (body, field) in [
            (GOOD.replace("ada@example.com", "ada@"), "email"),
            (GOOD.replace("\"consent\":true", "\"consent\":false"), "consent"),
            (GOOD.replace("[\"breaking\"]", "[\"gossip\"]"), "topics"),
            (GOOD.replace("[\"breaking\"]", "[]"), "topics"),
            (GOOD.replace("\"Ada\"", &format!("\"{}\"", "x".repeat(101))), "first_name"),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (body, field))| (body.replace("\"k1\"", &format!("\"bad{i}\"")), field))
        {
            let r = post(&mut s, &body);
            assert_eq!((r.status, r.body["field"].as_str()), (422, Some(field)), "{body}");
        }
        assert_eq!(post(&mut s, "{not json").status, 422);
        assert_eq!(post(&mut s, &"x".repeat(MAX_BODY_BYTES + 1)).status, 413);
        assert!(!dir.join("signups.ndjson").exists());
    }

    #[test]
    fn form_encoded_signups_are_accepted() {
        let dir = temp_dir("form");
        let mut s = state(&dir, false);
        let body = "email=bo%40example.com&topics=breaking&topics=deals&consent=yes&idempotency_key=f1";
        let r = answer(s.handle("POST", "/subscribe", "application/x-www-form-urlencoded", None, body.as_bytes()));
        assert_eq!(r.status, 201);
        let log = std::fs::read_to_string(dir.join("signups.ndjson")).unwrap();
        assert!(log.contains(r#""topics":["breaking","deals"]"#), "{log}");
    }

    #[test]
    fn a_browser_that_posted_the_form_itself_gets_a_page_with_the_way_back() {
        let page = answer_page(&pending(), Some("https://thecircuit.example/2026/06/a?x=1&y=<2>"));
        assert!(page.contains("<h1>Thank you</h1>"), "{page}");
        assert!(page.contains("Check your inbox to confirm your subscription."), "{page}");
        assert!(
            page.contains(r#"<a href="https://thecircuit.example/2026/06/a?x=1&amp;y=&lt;2&gt;">Back to the site</a>"#)
        );
        let refused = answer_page(&invalid(Some(Field::Email), "<b>Not an address</b>"), None);
        assert!(refused.contains("<h1>Not signed up</h1>") && refused.contains("&lt;b&gt;Not an address"), "{refused}");
        assert!(!refused.contains("Back to the site"));
    }

    #[test]
    fn faults_are_scripted_only_when_enabled() {
        let dir = temp_dir("faults");
        let mut off = state(&dir, false);
        assert_eq!(answer(off.handle("POST", "/_faults", "", None, br#"{"answers":["500"]}"#)).status, 404);
        let mut s = state(&dir, true);
        s.handle(
            "POST",
            "/_faults",
            "application/json",
            None,
            br#"{"answers":["500","429","drop","slow:5","down:10"]}"#,
        );
        assert_eq!(post(&mut s, GOOD).status, 500);
        let busy = post(&mut s, GOOD);
        assert_eq!((busy.status, busy.retry_after), (429, Some(1)));
        assert_eq!(s.handle("POST", "/subscribe", "application/json", None, GOOD.as_bytes()), Action::Drop);
        assert!(matches!(
            s.handle("POST", "/subscribe", "application/json", None, GOOD.as_bytes()),
            Action::Delay(_, Reply { status: 201, .. })
        ));
        assert!(matches!(
            s.handle("POST", "/subscribe", "application/json", None, GOOD.as_bytes()),
            Action::Down(_, _)
        ));
        // The failures recorded nothing; the slow answer recorded the signup once.
        assert_eq!(std::fs::read_to_string(dir.join("signups.ndjson")).unwrap().lines().count(), 1);
        assert_eq!(post(&mut s, GOOD).status, 201, "replayed after the faults ran out");
        s.handle("POST", "/_faults", "application/json", None, br#"{"answers":["500"]}"#);
        s.handle("DELETE", "/_faults", "", None, b"");
        assert_eq!(post(&mut s, GOOD).status, 201);
    }

    #[test]
    fn the_server_answers_over_http_with_cors() {
        use std::io::Read;
        use std::net::{TcpListener, TcpStream};
        let dir = temp_dir("http");
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let listen = format!("127.0.0.1:{port}");
        let s = state(&dir, false);
        let addr = listen.clone();
        std::thread::spawn(move || serve(&addr, s));
        let send = |raw: String| -> String {
            for _ in 0..50 {
                if let Ok(mut stream) = TcpStream::connect(&listen) {
                    stream.write_all(raw.as_bytes()).unwrap();
                    let mut out = String::new();
                    stream.read_to_string(&mut out).unwrap();
                    return out;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            panic!("endpoint did not start");
        };
        let preflight = send(format!(
            "OPTIONS /subscribe HTTP/1.1\r\nHost: {listen}\r\nOrigin: http://127.0.0.1:4173\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n"
        ));
        assert!(preflight.starts_with("HTTP/1.1 204"), "{preflight}");
        assert!(preflight.contains("Access-Control-Allow-Origin: http://127.0.0.1:4173"), "{preflight}");
        assert!(preflight.to_ascii_lowercase().contains("idempotency-key"));
        let posted = send(format!(
            "POST /subscribe HTTP/1.1\r\nHost: {listen}\r\nContent-Type: application/json\r\nIdempotency-Key: h1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{GOOD}",
            GOOD.len()
        ));
        assert!(posted.starts_with("HTTP/1.1 201"), "{posted}");
        assert!(posted.contains(r#""status":"pending""#));
        let log = std::fs::read_to_string(dir.join("signups.ndjson")).unwrap();
        assert!(log.contains(r#""idempotency_key":"h1""#), "the header key wins: {log}");
    }
}
