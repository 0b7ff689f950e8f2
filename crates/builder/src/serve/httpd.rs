//! The preview's HTTP/1.1 connections: a thread for each, requests parsed by `httparse`,
//! kept alive between requests until the browser closes them or they are idle too long.
//!
//! Why not tiny_http, which the signup endpoint uses: its connection pool can lose a
//! connection. When two connections arrive while its one idle thread has been woken but
//! not yet run, the second one's task waits in the queue until some other connection
//! closes, and a browser keeps its connections open. A fresh browser opening six at once to
//! load a page hit it about one start in five (the page never finished loading: its last
//! two stylesheets were read by the server only after the browser gave up). Here every
//! connection has its own thread from the moment it is accepted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// How long a kept-alive connection may sit idle before it is closed.
const IDLE: Duration = Duration::from_secs(60);
/// The most a request's head (request line and headers) may take.
const MAX_HEAD: usize = 64 * 1024;
/// The most of a request body that is read (the preview's requests carry none).
const MAX_BODY: u64 = 1024 * 1024;

/// One request as the handler sees it.
pub(crate) struct Request {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    headers: Vec<(String, String)>,
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

/// Accepts connections until the process stops; each is served on a thread of its own.
pub(crate) fn serve<H>(listener: TcpListener, handler: H)
where
    H: Fn(&Request) -> Reply + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handler = handler.clone();
        std::thread::spawn(move || {
            let _ = connection(stream, &*handler);
        });
    }
}

/// Serves the requests of one connection, in order, until it closes.
fn connection(stream: TcpStream, handler: &dyn Fn(&Request) -> Reply) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let Some(head) = read_head(&mut reader)? else { return Ok(()) };
        let mut slots = [httparse::EMPTY_HEADER; 96];
        let mut parsed = httparse::Request::new(&mut slots);
        let request = match parsed.parse(&head) {
            Ok(httparse::Status::Complete(_)) => Request {
                method: parsed.method.unwrap_or("GET").to_owned(),
                target: parsed.path.unwrap_or("/").to_owned(),
                headers: parsed
                    .headers
                    .iter()
                    .map(|h| (h.name.to_owned(), String::from_utf8_lossy(h.value).into_owned()))
                    .collect(),
            },
            _ => {
                write_reply(&mut writer, &Reply::new(400, "bad request"), false, true)?;
                return Ok(());
            }
        };
        let http10 = parsed.version == Some(0);
        // A body is read past (and dropped); one whose length is not given up front is
        // refused, since the next request's start could not be found.
        if request.header("transfer-encoding").is_some() {
            write_reply(&mut writer, &Reply::new(411, "length required"), false, true)?;
            return Ok(());
        }
        let length = request.header("content-length").and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(0);
        if length > MAX_BODY {
            write_reply(&mut writer, &Reply::new(413, "too large"), false, true)?;
            return Ok(());
        }
        std::io::copy(&mut (&mut reader).take(length), &mut std::io::sink())?;
        let connection = request.header("connection").map(str::to_ascii_lowercase).unwrap_or_default();
        let close = connection.contains("close") || (http10 && !connection.contains("keep-alive"));
        let reply = handler(&request);
        write_reply(&mut writer, &reply, request.method == "HEAD", close)?;
        if close {
            return Ok(());
        }
    }
}

/// The next request's head, up to and with its blank line; `None` when the connection
/// closed (or sat idle) between requests.
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        match reader.read_until(b'\n', &mut head) {
            Ok(0) => return if head.is_empty() { Ok(None) } else { Err(std::io::ErrorKind::UnexpectedEof.into()) },
            Ok(_) => {}
            Err(e)
                if head.is_empty()
                    && matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
        // Blank lines before a request line are allowed (RFC 9112, 2.2).
        if head.len() - before <= 2 && head[before..].iter().all(|b| *b == b'\r' || *b == b'\n') {
            if before == 0 {
                head.clear();
                continue;
            }
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
}

fn write_reply(out: &mut impl Write, reply: &Reply, head_only: bool, close: bool) -> std::io::Result<()> {
    let mut text = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        // Framing is this module's to set; and no header may carry a line break.
        if ["content-length", "connection", "transfer-encoding"].iter().any(|n| name.eq_ignore_ascii_case(n))
            || name.contains(['\r', '\n', ':'])
            || value.contains(['\r', '\n'])
        {
            continue;
        }
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    text.push_str(if close { "Connection: close\r\n\r\n" } else { "Connection: keep-alive\r\n\r\n" });
    let mut bytes = text.into_bytes();
    if !head_only && reply.status != 304 && reply.status != 204 {
        bytes.extend_from_slice(&reply.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        411 => "Length Required",
        413 => "Content Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        std::thread::spawn(move || {
            serve(listener, |r: &Request| {
                Reply::new(200, format!("{} {} {}", r.method, r.target, r.header("x-test").unwrap_or("-")))
                    .header("X-Evil", "a\r\nSet-Cookie: b")
                    .header("Content-Type", "text/plain")
            });
        });
        address
    }

    /// Reads one response off a kept-alive connection: the head, then its body.
    fn response(reader: &mut BufReader<TcpStream>) -> (String, String) {
        let head = String::from_utf8(read_head(reader).unwrap().unwrap()).unwrap();
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
        // Two requests sent at once (pipelined), the first with a body to skip.
        writer
            .write_all(b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /b?c=d HTTP/1.1\r\nX-Test: yes\r\n\r\n")
            .unwrap();
        let (head, body) = response(&mut reader);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && head.contains("Connection: keep-alive"), "{head}");
        assert!(!head.contains("Set-Cookie") && !head.contains("X-Evil"), "{head}");
        assert_eq!(body, "POST /a -");
        assert_eq!(response(&mut reader).1, "GET /b?c=d yes");
        // Twelve connections opened together, each answered, none waiting on another.
        let streams: Vec<TcpStream> = (0..12).map(|_| TcpStream::connect(&address).unwrap()).collect();
        for (i, s) in streams.iter().enumerate().rev() {
            let mut s = s;
            s.write_all(format!("GET /{i} HTTP/1.1\r\n\r\n").as_bytes()).unwrap();
        }
        for (i, s) in streams.into_iter().enumerate() {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            assert_eq!(response(&mut BufReader::new(s)).1, format!("GET /{i} -"));
        }
    }

    #[test]
    fn close_head_and_bad_requests_are_honoured() {
        let address = start();
        let mut stream = TcpStream::connect(&address).unwrap();
        stream.write_all(b"HEAD /x HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut all = String::new();
        stream.read_to_string(&mut all).unwrap();
        assert!(
            all.starts_with("HTTP/1.1 200 OK") && all.contains("Connection: close") && all.ends_with("\r\n\r\n"),
            "{all}"
        );
        let mut stream = TcpStream::connect(&address).unwrap();
        stream.write_all(b"NOT A REQUEST\r\n\r\n").unwrap();
        let mut all = String::new();
        stream.read_to_string(&mut all).unwrap();
        assert!(all.starts_with("HTTP/1.1 400"), "{all}");
        let mut stream = TcpStream::connect(&address).unwrap();
        stream.write_all(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").unwrap();
        let mut all = String::new();
        stream.read_to_string(&mut all).unwrap();
        assert!(all.starts_with("HTTP/1.1 411"), "{all}");
    }
}
