//! The meeting-control service: one port serves the browser client and the `/ws`
//! WebSocket endpoint; each live meeting is an actor that owns its state.
//!
//! # Layout
//!
//! - [`run`]: the HTTP server (static client, `/ws`, `/healthz`, the speaker log under
//!   `/api/meetings/`) until shutdown.
//! - [`Config`]: everything `run` needs, built by `main.rs` from flags and environment.
//! - [`auth`]: JWT claims, minting invite tokens, checking them in `hello`.
//! - [`meeting_file`]: loading and checking the organiser's meeting file (TOML).
//! - [`meeting`]: the per-meeting actor: orders commands, keeps recent events, fans out.
//! - [`rules`]: pure decisions, one file per area: who may do what, and what it causes.
//! - `connection`: one WebSocket: hello, then commands in and events out.
//! - [`invites`]: invite links (the page URL with the token in its fragment).
//! - `meetings_api`: organisers create, update and close meetings on a running server
//!   (`/api/meetings`), with the meeting-file format.
//! - [`speaker_log`]: who spoke, when and for how long, folded from the event log and
//!   downloaded by the chair and organisers as JSON, CSV or Markdown.
//!
//! Only this crate knows about sockets; the meeting state and its fold live in `protocol`.

pub mod auth;
mod connection;
pub mod invites;
pub mod limits;
mod listener;
pub mod meeting;
pub mod meeting_file;
mod meetings_api;
mod metrics;
pub mod rules;
pub mod speaker_log;
mod static_files;
pub mod store;

use crate::auth::{Claims, Keys, Secret, TokenError};
use crate::limits::Limits;
use crate::meeting::MeetingHandle;
use crate::meeting_file::MeetingFile;
use crate::store::{EventStore, StoreError};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use hyper_util::rt::TokioIo;
use protocol::{MAX_MESSAGE_BYTES, MeetingId};
use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

/// Each connection's WebSocket read buffer. tungstenite's 128 KiB default would cost far
/// too much memory across tens of thousands of connections; clients send small commands
/// (a `hello` with its token is well under 1 KiB), and a longer message still fits, as
/// the buffer grows for it. The write side is [`connection::FRAGMENT_BYTES`].
const READ_BUFFER_BYTES: usize = 1024;

/// How long shutdown waits for the meetings to commit what they have in hand.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// What the server runs with.
#[derive(Clone)]
pub struct Config {
    /// The meetings to host.
    pub meetings: Vec<MeetingFile>,
    /// The secret that signs and checks tokens.
    pub secret: Secret,
    /// Where the meetings' events are kept.
    pub store: Arc<dyn EventStore>,
    /// The built browser client to serve at `/`, if any.
    pub static_dir: Option<PathBuf>,
    /// Origins (`scheme://host[:port]`) allowed to open `/ws` besides the server's own.
    pub allowed_origins: Vec<String>,
    /// Every limit the server enforces.
    pub limits: Limits,
    /// Where meetings created through the meetings API keep their files, to be hosted
    /// again after a restart. Without it, the API cannot create meetings.
    pub meetings_dir: Option<PathBuf>,
    /// The address people open, for the invite links the meetings API returns (by
    /// default `http://` and the request's `Host`).
    pub public_url: Option<String>,
    /// How long the invite links the meetings API returns are valid.
    pub invite_ttl: Duration,
}

impl Config {
    /// A configuration with the default limits, no static client and same-origin only.
    pub fn new(meetings: Vec<MeetingFile>, secret: Secret, store: Arc<dyn EventStore>) -> Self {
        Self {
            meetings,
            secret,
            store,
            static_dir: None,
            allowed_origins: Vec::new(),
            limits: Limits::default(),
            meetings_dir: None,
            public_url: None,
            invite_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A meeting could not be rebuilt from its log.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A meeting file in the meetings directory is unreadable or invalid, or names a
    /// meeting that is hosted already.
    #[error(transparent)]
    MeetingFile(#[from] meeting_file::MeetingFileError),
    /// Serving failed.
    #[error("serving failed: {0}")]
    Io(#[from] std::io::Error),
}

/// A meeting this server hosts.
#[derive(Clone)]
struct Hosted {
    handle: MeetingHandle,
    /// The file it was created from: what its log folds from (the speaker log needs it).
    file: Arc<MeetingFile>,
}

/// What every request handler shares.
struct App {
    keys: Keys,
    /// The hosted meetings. Read on every `hello`, written only when the meetings API
    /// creates one; never held across an await.
    meetings: RwLock<HashMap<MeetingId, Hosted>>,
    /// The event log, for reports and for meetings created while serving.
    store: Arc<dyn EventStore>,
    allowed_origins: Vec<String>,
    limits: Limits,
    meetings_dir: Option<PathBuf>,
    public_url: Option<String>,
    invite_ttl: Duration,
    /// The actors of meetings created while serving, awaited at shutdown.
    actors: Arc<Mutex<Vec<JoinHandle<()>>>>,
    /// Serialises the meetings API's creations, so that one id is created once.
    creating: tokio::sync::Mutex<()>,
    next_connection: AtomicU64,
    /// Flips to `true` when the server shuts down; connections then close with 1012.
    shutdown: watch::Receiver<bool>,
}

impl App {
    /// Checks a token for one of the meetings hosted here.
    fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        self.keys.verify(token, |meeting| self.is_hosted(meeting))
    }

    fn is_hosted(&self, meeting: &MeetingId) -> bool {
        self.meetings
            .read()
            .expect("the meetings lock is never poisoned")
            .contains_key(meeting)
    }

    /// A hosted meeting.
    fn meeting(&self, meeting: &MeetingId) -> Option<Hosted> {
        self.meetings
            .read()
            .expect("the meetings lock is never poisoned")
            .get(meeting)
            .cloned()
    }

    /// A hosted meeting, or one that another node created through the meetings API (its
    /// file is in the shared log), which this node then hosts too.
    async fn find_meeting(&self, meeting: &MeetingId) -> Option<Hosted> {
        if let Some(hosted) = self.meeting(meeting) {
            return Some(hosted);
        }
        let text = match self.store.saved_meeting(meeting).await {
            Ok(Some(text)) => text,
            Ok(None) => return None,
            Err(error) => {
                tracing::warn!(%meeting, %error, "cannot look for a meeting created elsewhere");
                return None;
            }
        };
        let _creating = self.creating.lock().await;
        if let Some(hosted) = self.meeting(meeting) {
            return Some(hosted);
        }
        let file = match MeetingFile::parse(std::path::Path::new("shared meeting file"), &text) {
            Ok(file) if file.info.id == *meeting => file,
            Ok(_) | Err(_) => {
                tracing::error!(%meeting, "a shared meeting file does not check");
                return None;
            }
        };
        let store = self.store.clone();
        let limits = self.limits.clone();
        let hosted = tokio::task::spawn_blocking(move || host(file, &store, &limits))
            .await
            .ok()?;
        match hosted {
            Ok((hosted, actor)) => {
                self.add(meeting, hosted.clone(), actor);
                tracing::info!(%meeting, "hosting a meeting created on another node");
                Some(hosted)
            }
            Err(error) => {
                tracing::error!(%meeting, %error, "cannot host a meeting created elsewhere");
                None
            }
        }
    }

    /// Hosts a meeting started while serving.
    fn add(&self, meeting: &MeetingId, hosted: Hosted, actor: JoinHandle<()>) {
        self.meetings
            .write()
            .expect("the meetings lock is never poisoned")
            .insert(meeting.clone(), hosted);
        self.actors
            .lock()
            .expect("the actors lock is never poisoned")
            .push(actor);
    }

    /// Checks a token and finds its meeting (hosting it here first when another node
    /// created it): for `hello` and for the HTTP endpoints.
    async fn authenticate(&self, token: &str) -> Result<(Claims, Option<Hosted>), TokenError> {
        // The signature and expiry first, so that nothing is looked up for a bad token.
        let claims = self.keys.verify(token, |_| true)?;
        let hosted = self.find_meeting(&claims.meeting()).await;
        if hosted.is_none() && claims.aud != auth::ADMIN_AUDIENCE {
            return Err(TokenError::UnknownMeeting);
        }
        Ok((claims, hosted))
    }
}

/// Starts the actor of `file`'s meeting, rebuilt from the log.
fn host(
    file: MeetingFile,
    store: &Arc<dyn EventStore>,
    limits: &Limits,
) -> Result<(Hosted, JoinHandle<()>), StoreError> {
    let restored = meeting::restore(&**store, file.initial_state(), limits)?;
    tracing::info!(meeting = %file.info.id, seq = restored.state.seq, "meeting restored");
    let (handle, actor) = MeetingHandle::spawn(restored, store.clone(), limits.clone());
    let hosted = Hosted {
        handle,
        file: Arc::new(file),
    };
    Ok((hosted, actor))
}

/// Rebuilds every meeting from the log, then serves on `listener` until `shutdown`
/// completes. Then it closes every WebSocket with 1012 (service restart), so that clients
/// reconnect and resume, and waits for the meetings to commit what they have in hand.
///
/// # Errors
///
/// When a meeting cannot be rebuilt from its log, or serving fails.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), RunError> {
    let (stop, stopped) = watch::channel(false);
    let mut files = config.meetings.clone();
    if let Some(dir) = &config.meetings_dir {
        for file in meetings_api::saved_meetings(dir)? {
            if files.iter().any(|given| given.info.id == file.info.id) {
                return Err(RunError::MeetingFile(
                    meeting_file::MeetingFileError::Invalid {
                        path: dir.join(format!("{}.toml", file.info.id)),
                        field: "id".into(),
                        message: format!(
                            "meeting `{}` is also given on the command line; remove one",
                            file.info.id
                        ),
                    },
                ));
            }
            files.push(file);
        }
    }
    let mut meetings = HashMap::new();
    let mut actors = Vec::new();
    for file in files {
        let id = file.info.id.clone();
        let (hosted, actor) = host(file, &config.store, &config.limits)?;
        meetings.insert(id, hosted);
        actors.push(actor);
    }
    let created_actors = Arc::new(Mutex::new(Vec::new()));
    let app = Arc::new(App {
        keys: Keys::new(&config.secret),
        meetings: RwLock::new(meetings),
        store: config.store.clone(),
        allowed_origins: config.allowed_origins.clone(),
        limits: config.limits.clone(),
        meetings_dir: config.meetings_dir.clone(),
        public_url: config.public_url.clone(),
        invite_ttl: config.invite_ttl,
        actors: created_actors.clone(),
        creating: tokio::sync::Mutex::new(()),
        next_connection: AtomicU64::new(1),
        shutdown: stopped.clone(),
    });
    let mut router = Router::new()
        .route("/ws", get(upgrade))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(|| async { metrics::render() }))
        .route(speaker_log::http::ROUTE, get(speaker_log::http::download))
        .route(meetings_api::LIST, get(meetings_api::list))
        .route(meetings_api::MEETING, put(meetings_api::put))
        .route(meetings_api::CLOSE, post(meetings_api::close));
    router = match &config.static_dir {
        Some(dir) => router.fallback(static_files::handler(dir)),
        None => router.fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "The browser client is not served by this server (no --static-dir).\n",
            )
        }),
    };
    let router = router.with_state(app.clone());
    let gate = listener::Gate::new(&config.limits);
    let stopping = tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    listener::serve(listener, router, &config.limits, gate, stopped).await;
    stopping.abort();
    // Connections see the signal and close; once the last handle on a meeting is gone
    // its actor commits what it holds and stops.
    actors.extend(std::mem::take(
        &mut *created_actors
            .lock()
            .expect("the actors lock is never poisoned"),
    ));
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        for actor in actors {
            let _ = actor.await;
        }
    })
    .await;
    if drained.is_err() {
        tracing::warn!("meetings did not stop within {SHUTDOWN_GRACE:?}");
    }
    Ok(())
}

/// Ready once every meeting is restored (which `run` does before serving), while the
/// event log can be written, and until shutdown begins.
async fn ready(State(app): State<Arc<App>>) -> Response {
    if *app.shutdown.borrow() {
        (StatusCode::SERVICE_UNAVAILABLE, "shutting down\n").into_response()
    } else if !app.store.is_ready() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the event log is out of reach\n",
        )
            .into_response()
    } else {
        "ready\n".into_response()
    }
}

/// The WebSocket upgrade (RFC 6455, section 4.2): the last place where the request's
/// headers are visible, so the `Origin` check happens here. The upgraded connection is
/// driven by tokio-tungstenite directly, so that a connection can write a large message
/// as several small frames (see `connection::FRAGMENT_BYTES`).
async fn upgrade(State(app): State<Arc<App>>, mut request: Request) -> Response {
    let headers = request.headers();
    if !origin_allowed(headers, &app.allowed_origins) {
        return (StatusCode::FORBIDDEN, "origin not allowed\n").into_response();
    }
    let has = |name: header::HeaderName, token: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|value| value.trim().eq_ignore_ascii_case(token))
    };
    if request.method() != Method::GET
        || !has(header::CONNECTION, "upgrade")
        || !has(header::UPGRADE, "websocket")
    {
        return (StatusCode::BAD_REQUEST, "expected a WebSocket upgrade\n").into_response();
    }
    if !has(header::SEC_WEBSOCKET_VERSION, "13") {
        return (
            StatusCode::UPGRADE_REQUIRED,
            [(header::SEC_WEBSOCKET_VERSION, "13")],
            "WebSocket version 13 is required\n",
        )
            .into_response();
    }
    let Some(key) = headers.get(header::SEC_WEBSOCKET_KEY) else {
        return (StatusCode::BAD_REQUEST, "Sec-WebSocket-Key is missing\n").into_response();
    };
    let accept = derive_accept_key(key.as_bytes());
    // The connection's place among those that have not said hello, held until it does.
    let unheard = request.extensions_mut().remove::<listener::UnheardPlace>();
    let upgraded = hyper::upgrade::on(&mut request);
    let connection = app.next_connection.fetch_add(1, Ordering::Relaxed);
    tokio::spawn(async move {
        match upgraded.await {
            Ok(upgraded) => {
                let config = WebSocketConfig::default()
                    .read_buffer_size(READ_BUFFER_BYTES)
                    .write_buffer_size(connection::FRAGMENT_BYTES)
                    .max_message_size(Some(MAX_MESSAGE_BYTES))
                    .max_frame_size(Some(MAX_MESSAGE_BYTES));
                let socket = WebSocketStream::from_raw_socket(
                    TokioIo::new(upgraded),
                    Role::Server,
                    Some(config),
                )
                .await;
                connection::serve(socket, app, connection, unheard).await;
            }
            Err(error) => tracing::debug!(%error, "the WebSocket upgrade failed"),
        }
    });
    (
        StatusCode::SWITCHING_PROTOCOLS,
        [
            (header::CONNECTION, "upgrade".to_owned()),
            (header::UPGRADE, "websocket".to_owned()),
            (header::SEC_WEBSOCKET_ACCEPT, accept),
        ],
    )
        .into_response()
}

/// Browsers always send `Origin` on WebSocket requests; other clients (tools, tests)
/// usually do not and are let through, since they cannot be used for cross-site attacks.
/// A browser page may connect from the server's own origin or an allowed one.
fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if allowed.iter().any(|allowed| allowed == origin) {
        return true;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    let origin_host = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    host.is_some() && origin_host == host
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
        }
        headers
    }

    #[test]
    fn same_origin_and_listed_origins_may_connect() {
        let allowed = vec!["https://meet.example.org".to_owned()];
        assert!(origin_allowed(&headers(None, "127.0.0.1:8080"), &[]));
        assert!(origin_allowed(
            &headers(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"),
            &[]
        ));
        assert!(origin_allowed(
            &headers(Some("https://meet.example.org"), "127.0.0.1:8080"),
            &allowed
        ));
        assert!(!origin_allowed(
            &headers(Some("http://evil.example"), "127.0.0.1:8080"),
            &allowed
        ));
        assert!(!origin_allowed(
            &headers(Some("http://127.0.0.1:9999"), "127.0.0.1:8080"),
            &[]
        ));
    }
}
