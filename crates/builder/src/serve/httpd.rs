//! HTTP for the live preview and the signup endpoint alike: hyper (HTTP/1.1, connections
//! kept alive) on a tokio runtime of the server's own. Each request goes to a plain,
//! blocking handler on tokio's blocking pool, so a long poll (the preview's
//! `/_masthead/status`) holds a thread of that pool, never a connection beside it: a
//! browser opening six connections at once to load a page gets all six answered.
//!
//! A handler answers at once, or after a wait, or not at all (the connection is closed),
//! or answers and then takes the server down for a while (every connection closed and
//! the port refusing new ones): the signup endpoint's injected faults.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};

/// How long a connection may take to send a request's head, and sit idle between requests.
const IDLE: Duration = Duration::from_secs(60);

/// One request as the handler sees it.
pub(crate) struct Request {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    headers: Vec<(String, String)>,
    /// The body, up to the server's limit.
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value, by name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the handler answers.
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Reply { status, headers: Vec::new(), body: body.into() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// What the handler does with a request.
pub(crate) enum Outcome {
    /// Answers now.
    Reply(Reply),
    /// Answers after a wait.
    After(Duration, Reply),
    /// Closes the connection without an answer.
    Drop,
    /// Answers, then closes every connection and refuses new ones for a while.
    Down(Duration, Reply),
}

impl From<Reply> for Outcome {
    fn from(reply: Reply) -> Self {
        Outcome::Reply(reply)
    }
}

/// Serves `listener` until the process stops (or the listener fails), with request bodies
/// of at most `max_body` bytes (a longer one is answered 413).
pub(crate) fn serve<H>(listener: TcpListener, max_body: usize, handler: H) -> std::io::Result<()>
where
    H: Fn(&Request) -> Outcome + Send + Sync + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(accept(listener, max_body, Arc::new(handler)))
}

async fn accept<H>(listener: TcpListener, max_body: usize, handler: Arc<H>) -> std::io::Result<()>
where
    H: Fn(&Request) -> Outcome + Send + Sync + 'static,
{
    let address = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let mut listener = tokio::net::TcpListener::from_std(listener)?;
    // A connection whose answer takes the server down says for how long here; every open
    // connection watches `close` and ends when it changes.
    let (down, mut went_down) = tokio::sync::mpsc::unbounded_channel::<Duration>();
    let (close, closed) = tokio::sync::watch::channel(0u64);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(connection(stream, max_body, handler.clone(), down.clone(), closed.clone()));
            }
            Some(duration) = went_down.recv() => {
                drop(listener);
                close.send_modify(|n| *n += 1);
                tokio::time::sleep(duration).await;
                listener = rebind(address).await?;
            }
        }
    }
}

/// The same address again, once the port is free (a connection of the last one may hold
/// it for a moment).
async fn rebind(address: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let mut tries = 0;
    loop {
        match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => return Ok(listener),
            Err(_) if tries < 100 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn connection<H>(
    stream: tokio::net::TcpStream,
    max_body: usize,
    handler: Arc<H>,
    down: tokio::sync::mpsc::UnboundedSender<Duration>,
    mut closed: tokio::sync::watch::Receiver<u64>,
) where
    H: Fn(&Request) -> Outcome + Send + Sync + 'static,
{
    // Only a change after this connection opened closes it.
    let _ = closed.borrow_and_update();
    // Set by an answer that takes the server down: after this connection has sent it.
    let going_down: Arc<Mutex<Option<Duration>>> = Arc::default();
    let slot = going_down.clone();
    let service = service_fn(move |request| {
        let (handler, slot) = (handler.clone(), slot.clone());
        async move { answer(request, max_body, handler, slot).await }
    });
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(IDLE)
        .title_case_headers(true)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(served);
    tokio::select! {
        _ = &mut served => {}
        // The server went down: the connection closes with it.
        _ = closed.changed() => {}
    }
    let duration = going_down.lock().ok().and_then(|mut d| d.take());
    if let Some(duration) = duration {
        let _ = down.send(duration);
    }
}

/// The connection's answer to one request. An error closes the connection unanswered.
async fn answer<H>(
    request: hyper::Request<Incoming>,
    max_body: usize,
    handler: Arc<H>,
    going_down: Arc<Mutex<Option<Duration>>>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped>
where
    H: Fn(&Request) -> Outcome + Send + Sync + 'static,
{
    let (head, body) = request.into_parts();
    let body = match Limited::new(body, max_body).collect().await {
        Ok(body) => body.to_bytes().to_vec(),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            return Ok(response(Reply::new(413, "too large"), false));
        }
        Err(_) => return Ok(response(Reply::new(400, "bad request"), false)),
    };
    let request = Request {
        method: head.method.as_str().to_owned(),
        target: head.uri.path_and_query().map_or_else(|| head.uri.path().to_owned(), |p| p.as_str().to_owned()),
        headers: head
            .headers
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
        body,
    };
    let outcome = tokio::task::spawn_blocking(move || handler(&request))
        .await
        .unwrap_or_else(|_| Outcome::Reply(Reply::new(500, "the server failed on this request")));
    match outcome {
        Outcome::Reply(reply) => Ok(response(reply, false)),
        Outcome::After(wait, reply) => {
            tokio::time::sleep(wait).await;
            Ok(response(reply, false))
        }
        Outcome::Drop => Err(Dropped),
        Outcome::Down(duration, reply) => {
            if let Ok(mut slot) = going_down.lock() {
                *slot = Some(duration);
            }
            Ok(response(reply, true))
        }
    }
}

/// A connection closed without an answer, on purpose.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("closed without an answer")
    }
}

impl std::error::Error for Dropped {}

/// The reply as hyper sends it. Framing is hyper's to set, and a header that is not a
/// valid header (a line break in a value, say) is left out.
fn response(reply: Reply, close: bool) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    for (name, value) in &reply.headers {
        if ["content-length", "connection", "transfer-encoding"].iter().any(|n| name.eq_ignore_ascii_case(n)) {
            continue;
        }
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::try_from(value.as_str())) {
            headers.append(name, value);
        }
    }
    if close {
        headers.insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;

    fn start() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        std::thread::spawn(move || {
            serve(listener, 1024, |r: &Request| {
                let reply = Reply::new(
                    200,
                    format!("{} {} {} {}", r.method, r.target, r.header("x-test").unwrap_or("-"), r.body.len()),
                )
                .header("X-Evil", "a\r\nSet-Cookie: b")
                .header("Content-Type", "text/plain");
                match r.target.as_str() {
                    "/slow" => Outcome::After(Duration::from_millis(300), reply),
                    "/drop" => Outcome::Drop,
                    "/down" => Outcome::Down(Duration::from_millis(500), reply),
                    _ => reply.into(),
                }
            })
        });
        address
    }

    /// The next response's head, up to and with its blank line.
    fn read_head(reader: &mut impl BufRead) -> String {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                return head;
            }
            head.push_str(&line);
            if line == "\r\n" {
                return head;
            }
        }
    }

    /// Reads one response off a kept-alive connection: the head, then its body.
    fn response(reader: &mut BufReader<TcpStream>) -> (String, String) {
        let head = read_head(reader);
        let length: usize =
            head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).and_then(|v| v.trim().parse().ok()).unwrap();
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        (head, String::from_utf8(body).unwrap())
    }

    #[test]
    fn requests_on_one_connection_are_answered_in_order_and_many_connections_at_once() {
        let address = start();
        let stream = TcpStream::connect(&address).unwrap();
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        // Two requests sent at once (pipelined), the first with a body.
        writer
            .write_all(b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /b?c=d HTTP/1.1\r\nX-Test: yes\r\n\r\n")
            .unwrap();
        let (head, body) = response(&mut reader);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && !head.contains("Connection: close"), "{head}");
        assert!(!head.contains("Set-Cookie") && !head.contains("X-Evil"), "{head}");
        assert_eq!(body, "POST /a - 5");
        assert_eq!(response(&mut reader).1, "GET /b?c=d yes 0");
        // Twelve connections opened together, each answered, none waiting on another.
        let streams: Vec<TcpStream> = (0..12).map(|_| TcpStream::connect(&address).unwrap()).collect();
        for (i, s) in streams.iter().enumerate().rev() {
            let mut s = s;
            s.write_all(format!("GET /{i} HTTP/1.1\r\n\r\n").as_bytes()).unwrap();
        }
        for (i, s) in streams.into_iter().enumerate() {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            assert_eq!(response(&mut BufReader::new(s)).1, format!("GET /{i} - 0"));
        }
    }

    #[test]
    fn close_head_chunked_too_large_and_bad_requests_are_honoured() {
        let address = start();
        let exchange = |raw: &[u8]| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            stream.write_all(raw).unwrap();
            let mut all = String::new();
            let _ = stream.read_to_string(&mut all);
            all
        };
        let all = exchange(b"HEAD /x HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(all.starts_with("HTTP/1.1 200 OK") && all.ends_with("\r\n\r\n"), "{all}");
        let all = exchange(b"NOT A REQUEST\r\n\r\n");
        assert!(all.starts_with("HTTP/1.1 400"), "{all}");
        // A body of unknown length is read as the client sends it.
        let all = exchange(
            b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        );
        assert!(all.starts_with("HTTP/1.1 200") && all.ends_with("POST /c - 3"), "{all}");
        let big = format!("POST /d HTTP/1.1\r\nContent-Length: 2000\r\nConnection: close\r\n\r\n{}", "x".repeat(2000));
        let all = exchange(big.as_bytes());
        assert!(all.starts_with("HTTP/1.1 413"), "{all}");
    }

    #[test]
    fn a_handler_can_answer_late_drop_the_connection_or_take_the_server_down() {
        let address = start();
        let get = |path: &str| -> std::io::Result<String> {
            let mut stream = TcpStream::connect(&address)?;
            stream.set_read_timeout(Some(Duration::from_secs(5)))?;
            stream.write_all(format!("GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n").as_bytes())?;
            let mut all = String::new();
            stream.read_to_string(&mut all)?;
            Ok(all)
        };
        let started = std::time::Instant::now();
        assert!(get("/slow").unwrap().ends_with("GET /slow - 0"));
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert_eq!(get("/drop").unwrap_or_default(), "", "no answer");
        // Open before the server goes down: closed with it.
        let mut open = TcpStream::connect(&address).unwrap();
        open.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        assert!(get("/down").unwrap().ends_with("GET /down - 0"));
        std::thread::sleep(Duration::from_millis(100));
        assert!(get("/").is_err(), "refused while down");
        let mut rest = Vec::new();
        let _ = open.write_all(b"GET / HTTP/1.1\r\n\r\n");
        assert_eq!(open.read_to_end(&mut rest).unwrap_or(0), 0, "an open connection closed");
        std::thread::sleep(Duration::from_millis(700));
        let back = get("/");
        assert!(back.as_ref().is_ok_and(|a| a.ends_with("GET / - 0")), "back up: {back:?}");
    }
}
