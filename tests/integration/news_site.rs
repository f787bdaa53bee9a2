//! A news site for the feed tests: a real HTTP server (axum on 127.0.0.1) serving the feeds and pages
//! of `tests/fixtures/web/`, with counters of what was asked and the misbehaviours the bot must survive
//! (errors, redirects into the private network, a 20 MB body, a gzip bomb).

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
};

use axum::{
    body::{Body, Bytes},
    extract::State,
    http::{HeaderMap, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

/// The 20 MB a hostile server sends.
pub const HUGE: u64 = 20 * 1024 * 1024;

/// A stored file: content type, body, and the charset to encode it in.
type File = (String, String, Option<&'static encoding_rs::Encoding>);

#[derive(Default)]
struct Site {
    /// Path → (content type, body, charset to encode the body in).
    files: Mutex<HashMap<String, File>>,
    hits: Mutex<HashMap<String, usize>>,
    conditional: AtomicUsize,
    not_modified: AtomicUsize,
    huge_sent: AtomicU64,
}

/// A running news site.
pub struct NewsSite {
    pub addr: SocketAddr,
    site: Arc<Site>,
    _server: tokio::task::JoinHandle<()>,
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/web/{name}", env!("CARGO_MANIFEST_DIR"))).expect("a fixture")
}

impl NewsSite {
    /// Starts the site with the four feeds and five articles of the fixtures.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a local port");
        let addr = listener.local_addr().expect("an address");
        let site = Arc::new(Site::default());
        let app = axum::Router::new().fallback(serve).with_state(site.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let news = NewsSite { addr, site, _server: server };
        for (path, name) in [
            ("/feeds/rss2.xml", "rss2.xml"),
            ("/feeds/rss1.rdf", "rss1.rdf"),
            ("/feeds/atom.xml", "atom.xml"),
            ("/feeds/feed.json", "feed.json"),
        ] {
            let kind = if name.ends_with("json") { "application/feed+json" } else { "application/xml" };
            news.put(path, kind, &fixture(&format!("feeds/{name}")));
        }
        for (path, name) in [
            ("/business/kenya-port.html", "kenya-port.html"),
            ("/mining/chile-lithium.html", "chile-lithium.html"),
            ("/power/norway-grid.html", "norway-grid.html"),
            ("/latam/peru-fishing.html", "peru-fishing.html"),
        ] {
            news.put(path, "text/html; charset=utf-8", &fixture(name));
        }
        news
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// Serves `body` (with `{base}` filled in) at `path`, as UTF-8.
    pub fn put(&self, path: &str, content_type: &str, body: &str) {
        self.put_encoded(path, content_type, body, None);
    }

    /// Serves `body` at `path`, encoded in `encoding` when given.
    pub fn put_encoded(&self, path: &str, kind: &str, body: &str, encoding: Option<&'static encoding_rs::Encoding>) {
        let body = body.replace("{base}", &self.base());
        self.site.files.lock().unwrap().insert(path.to_owned(), (kind.to_owned(), body, encoding));
    }

    /// Requests for `path` so far.
    pub fn hits(&self, path: &str) -> usize {
        self.site.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    /// Requests that carried `If-None-Match` or `If-Modified-Since`, and how many got a 304.
    pub fn conditional(&self) -> (usize, usize) {
        (self.site.conditional.load(Ordering::SeqCst), self.site.not_modified.load(Ordering::SeqCst))
    }

    /// Bytes of the 20 MB body the server got to write before the client hung up.
    pub fn huge_sent(&self) -> u64 {
        self.site.huge_sent.load(Ordering::SeqCst)
    }
}

/// Every request: the special paths, else a stored file with an ETag and Last-Modified.
async fn serve(State(site): State<Arc<Site>>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().to_owned();
    *site.hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    match path.as_str() {
        "/broken.xml" => return (StatusCode::INTERNAL_SERVER_ERROR, "upstream exploded").into_response(),
        "/busy.xml" => {
            return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "7200")], "slow down").into_response();
        }
        "/not-a-feed.xml" => {
            return ([(header::CONTENT_TYPE, "text/html")], "<html><body><h1>Welcome</h1></body></html>")
                .into_response();
        }
        "/to-metadata" => return redirect("http://169.254.169.254/latest/meta-data/"),
        "/loop" => return redirect("/loop"),
        "/huge" => return huge(site),
        "/bomb" => return bomb(),
        _ => {}
    }
    if let Some(target) = path.strip_prefix("/go") {
        // A public-looking link that bounces into this machine.
        let port =
            headers.get(header::HOST).and_then(|h| h.to_str().ok()).and_then(|h| h.rsplit(':').next()).unwrap_or("80");
        return redirect(&format!("http://127.0.0.1:{port}{target}"));
    }
    let Some((kind, body, encoding)) = site.files.lock().unwrap().get(&path).cloned() else {
        return (StatusCode::NOT_FOUND, "no such page").into_response();
    };
    let etag = format!("\"{:x}\"", body.len() * 31 + body.bytes().map(usize::from).sum::<usize>());
    let conditional = headers.contains_key(header::IF_NONE_MATCH) || headers.contains_key(header::IF_MODIFIED_SINCE);
    if conditional {
        site.conditional.fetch_add(1, Ordering::SeqCst);
        if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
            site.not_modified.fetch_add(1, Ordering::SeqCst);
            return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
        }
    }
    let bytes = match encoding {
        Some(encoding) => encoding.encode(&body).0.into_owned(),
        None => body.into_bytes(),
    };
    let last_modified = "Fri, 14 Mar 2025 06:00:00 GMT".to_owned();
    ([(header::CONTENT_TYPE, kind), (header::ETAG, etag), (header::LAST_MODIFIED, last_modified)], bytes)
        .into_response()
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_owned())]).into_response()
}

/// 20 MB of a page, streamed in 64 KB chunks, counting what was written.
fn huge(site: Arc<Site>) -> Response {
    let chunk = Bytes::from(vec![b'a'; 64 * 1024]);
    let chunks = HUGE / chunk.len() as u64;
    let stream = futures::stream::iter(0..chunks).map(move |_| {
        site.huge_sent.fetch_add(chunk.len() as u64, Ordering::SeqCst);
        Ok::<_, std::io::Error>(chunk.clone())
    });
    ([(header::CONTENT_TYPE, "text/html")], Body::from_stream(stream)).into_response()
}

/// 20 MB of zeros in a 20 KB gzip body.
fn bomb() -> Response {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..20 {
        encoder.write_all(&zeros).expect("compressing in memory");
    }
    let gzipped = encoder.finish().expect("compressing in memory");
    ([(header::CONTENT_TYPE, "text/html"), (header::CONTENT_ENCODING, "gzip")], gzipped).into_response()
}

use futures::StreamExt as _;
