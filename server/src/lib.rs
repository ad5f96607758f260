//! The meeting-control service: one port serves the browser client and the `/ws`
//! WebSocket endpoint; each live meeting is an actor that owns its state.
//!
//! # Layout
//!
//! - [`run`] (here): hosts every meeting, then serves the router (the built client,
//!   `/ws`, `/healthz`, `/readyz`, `/metrics`, the APIs under `/api/meetings/`) until
//!   shutdown. [`Config`]: everything `run` needs, built by `main.rs`.
//! - `listener`: the accept loop, socket options, the request-head timeout and the gate
//!   on connections that have not said `hello`.
//! - `app`: what every handler shares (`App`: keys, hosted meetings, the log, limits) and
//!   hosting a meeting.
//! - `upgrade`: the WebSocket upgrade of `/ws` and its `Origin` check.
//! - `connection`: one WebSocket: `hello`, then commands in and events out.
//! - [`meeting`]: the per-meeting actor: orders commands, commits them, fans them out.
//! - [`rules`]: pure decisions, one file per area: who may do what, and what it causes.
//! - `api`: what the HTTP APIs share: the `Bearer` extractor and the JSON `Refusal`.
//! - `meetings_api`: create, update and close meetings on a running server.
//! - `participants_api`, `registrations_api`: who is invited, their links, imports and
//!   self-registrations; `participants_csv`: reading registration exports and writing
//!   links as CSV.
//! - [`speaker_log`]: who spoke, when and for how long, folded from the event log and
//!   downloaded by the chair and organisers as JSON, CSV or Markdown.
//! - `static_files`: the built browser client, precompressed and cached.
//! - [`auth`]: JWT claims, minting tokens, checking them.
//! - [`meeting_file`]: loading and checking the organiser's meeting file (TOML).
//! - [`invites`]: invite links (the page URL with the token in its fragment).
//! - [`store`]: the event log: the `EventStore` trait, SQLite, Redis, memory.
//! - [`limits`]: every limit the server enforces. `metrics`: the Prometheus registry.
//!
//! No module imports from this one: handlers get what they share through `app`.
//!
//! Only this crate knows about sockets; the meeting state and its fold live in `protocol`.

mod api;
mod app;
pub mod auth;
mod connection;
pub mod invites;
pub mod limits;
mod listener;
pub mod meeting;
pub mod meeting_file;
mod meetings_api;
mod metrics;
mod participants_api;
mod participants_csv;
mod registrations_api;
pub mod rules;
pub mod speaker_log;
mod static_files;
pub mod store;
mod upgrade;

use crate::app::{App, host};
use crate::auth::{Keys, Secret};
use crate::limits::{Limits, SHUTDOWN_GRACE};
use crate::meeting_file::MeetingFile;
use crate::store::{EventStore, StoreError};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

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
        registration_rate: registrations_api::RateLimit::default(),
        actors: created_actors.clone(),
        creating: tokio::sync::Mutex::new(()),
        next_connection: AtomicU64::new(1),
        shutdown: stopped.clone(),
    });
    let mut router = Router::new()
        .route("/ws", get(upgrade::upgrade))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(|| async { metrics::render() }))
        .route(speaker_log::http::ROUTE, get(speaker_log::http::download))
        .route(meetings_api::LIST, get(meetings_api::list))
        .route(meetings_api::MEETING, put(meetings_api::put))
        .route(meetings_api::CLOSE, post(meetings_api::close))
        .route(
            participants_api::PARTICIPANTS,
            get(participants_api::list).post(participants_api::add),
        )
        .route(participants_api::REVOKE, post(participants_api::revoke))
        .route(participants_api::REPLACE, post(participants_api::replace))
        .route(registrations_api::INFO, get(registrations_api::info))
        .route(
            registrations_api::REGISTRATIONS,
            get(registrations_api::list).post(registrations_api::register),
        )
        .route(registrations_api::STATUS, get(registrations_api::status))
        .route(registrations_api::APPROVE, post(registrations_api::approve))
        .route(registrations_api::DECLINE, post(registrations_api::decline))
        .route(
            participants_api::IMPORT,
            post(participants_api::import).layer(axum::extract::DefaultBodyLimit::max(
                participants_api::IMPORT_BODY_BYTES,
            )),
        )
        .route(participants_api::LINKS, get(participants_api::links));
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
