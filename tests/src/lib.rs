//! Helpers for end-to-end tests: a real server on an ephemeral loopback port, and a small
//! WebSocket client that speaks the protocol.
//!
//! # Layout
//!
//! - [`TestServer`]: the real `server::run` on `127.0.0.1:0`, hosting the demo meeting.
//! - [`WsClient`]: a protocol client over a real socket, with deadlines on every read.
//!   Every text frame it receives is checked against `docs/protocol.schema.json`
//!   ([`check_server_message`]): a message the reference does not allow fails the test.
//! - [`browser`]: headless Chromium driven through chromedriver (WebDriver).
//! - [`proxy`]: a TCP proxy whose connections a test can cut.

pub mod a11y;
pub mod browser;
pub mod process;
pub mod proxy;
pub mod raw;

use anyhow::{Context, Result, anyhow, bail};
use futures_util::{SinkExt, StreamExt};
use protocol::{
    ClientMessage, Command, Connected, ErrorCode, EventEnvelope, Hello, Listening, MyRequest,
    Notice, PROTOCOL_VERSION, Participant, ParticipantId, Presence, QueueView, ServerMessage,
    Welcome,
};
use server::auth::{Claims, Keys, Secret};
use server::meeting_file::MeetingFile;
use server::store::SqliteStore;
use server::{Config, invites};
use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for any one message before failing.
pub const READ_DEADLINE: Duration = Duration::from_secs(5);

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_owned()
}

/// The demo meeting file, as `cargo xtask serve` loads it.
pub fn demo_meeting() -> MeetingFile {
    MeetingFile::load(&workspace_root().join("examples/demo-meeting.toml"))
        .expect("the demo meeting loads")
}

/// The protocol's JSON Schema (`docs/protocol.schema.json`, the reference clients are
/// written from) as a validator of server messages, compiled once per test process.
static SERVER_MESSAGE_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = workspace_root().join("docs/protocol.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
    let mut schema: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
    // The document describes both directions; what the server sends is `ServerMessage`.
    let root = schema.as_object_mut().expect("the schema is an object");
    root.remove("oneOf");
    root.insert("$ref".into(), "#/$defs/ServerMessage".into());
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|error| panic!("{} does not compile: {error}", path.display()))
});

/// Checks one text frame from the server against the protocol's JSON Schema.
///
/// # Errors
///
/// Every way in which the message does not conform, one per line, each with where in
/// the message it is.
pub fn check_server_message(text: &str) -> Result<(), String> {
    let message: serde_json::Value =
        serde_json::from_str(text).map_err(|error| format!("not JSON: {error}"))?;
    let evaluation = SERVER_MESSAGE_SCHEMA.evaluate(&message);
    if evaluation.flag().valid {
        return Ok(());
    }
    // Messages, events and notices are each one of several shapes told apart by a
    // constant (`type`, `notice`…): the errors of the shapes whose constant does not
    // match say nothing useful, so only those of the shape the message claims are told.
    let units = serde_json::to_value(evaluation.list()).expect("the evaluation serialises");
    let errors: Vec<(&str, &str, &serde_json::Map<String, serde_json::Value>)> = units["details"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|unit| {
            Some((
                unit["evaluationPath"].as_str()?,
                unit["instanceLocation"].as_str()?,
                unit["errors"].as_object()?,
            ))
        })
        .collect();
    let other_shapes: Vec<String> = errors
        .iter()
        .filter(|(_, _, errors)| errors.contains_key("const"))
        .filter_map(|(path, _, _)| Some(format!("{}/", path.rsplit_once("/properties/")?.0)))
        .collect();
    let told = |keep: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        errors
            .iter()
            .flat_map(|(path, at, errors)| {
                errors
                    .iter()
                    .filter(|(keyword, _)| keep(path, keyword))
                    .filter_map(|(_, error)| error.as_str().filter(|error| !error.is_empty()))
                    .map(move |error| format!("at `{at}`: {error}"))
            })
            .collect()
    };
    let explained = told(&|path, keyword| {
        keyword != "oneOf" && !other_shapes.iter().any(|shape| path.starts_with(shape))
    });
    Err(if explained.is_empty() {
        told(&|_, _| true)
    } else {
        explained
    }
    .join("\n"))
}

/// Decodes one text frame from the server, after checking it against the schema.
///
/// # Panics
///
/// When the frame does not conform to `docs/protocol.schema.json`: the server and the
/// reference disagree, which is a bug in one of them, never the test's to tolerate.
fn decode_server_frame(text: &str) -> Result<ServerMessage> {
    if let Err(errors) = check_server_message(text) {
        panic!(
            "the server sent a message that docs/protocol.schema.json does not allow:\n{text}\n{errors}"
        );
    }
    let message =
        ServerMessage::decode(text).with_context(|| format!("decode server message {text}"))?;
    // Nor a field that the protocol's types (and so the schema) do not know.
    let sent: serde_json::Value = serde_json::from_str(text)?;
    let known = serde_json::to_value(&message)?;
    assert!(
        sent == known,
        "the server sent more than the protocol's types describe:\n{text}\n{known}"
    );
    Ok(message)
}

/// A real server on an ephemeral loopback port, with its event log in a temporary
/// directory. Dropping it shuts the server down.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The keys its tokens are signed with.
    pub keys: Keys,
    /// The meeting it hosts.
    pub meeting: MeetingFile,
    data_dir: tempfile::TempDir,
    /// The configuration it runs with, kept for restarts.
    config: Config,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), server::RunError>>>,
}

impl TestServer {
    /// Starts a server hosting the demo meeting with default settings.
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// Starts a server hosting the demo meeting, after `adjust` has changed its config.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let meeting = demo_meeting();
        let data_dir = tempfile::tempdir().expect("a temporary data directory");
        let store = SqliteStore::open(data_dir.path()).expect("open the event log");
        let mut config = Config::new(vec![meeting], Secret::random(), Arc::new(store));
        config.meetings_dir = Some(data_dir.path().join("meetings"));
        adjust(&mut config);
        Self::launch(config, data_dir).await
    }

    async fn launch(config: Config, data_dir: tempfile::TempDir) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::run(listener, config.clone(), async {
            let _ = stopped.await;
        }));
        Self {
            addr,
            keys: Keys::new(&config.secret),
            meeting: config.meetings[0].clone(),
            data_dir,
            config,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    async fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .expect("the server task does not panic")
                .expect("the server stops cleanly");
        }
    }

    /// Shuts the server down gracefully, then starts a new one on the same event log
    /// with the same secret and settings (on another port).
    pub async fn restart(mut self) -> Self {
        self.shut_down().await;
        let store = SqliteStore::open(self.data_dir.path()).expect("reopen the event log");
        let mut config = self.config.clone();
        config.store = Arc::new(store);
        let data_dir = std::mem::replace(&mut self.data_dir, tempfile::tempdir().expect("tempdir"));
        Self::launch(config, data_dir).await
    }

    /// The directory of the server's event log.
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// The page URL.
    pub fn http_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The WebSocket URL.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    /// A demo participant by id.
    ///
    /// # Panics
    ///
    /// When the demo meeting has no such participant.
    pub fn participant(&self, id: &str) -> Participant {
        self.meeting
            .participants
            .iter()
            .find(|p| p.id.as_str() == id)
            .unwrap_or_else(|| panic!("the demo meeting has no participant `{id}`"))
            .clone()
    }

    /// The claims of a demo participant's token, valid for `lifetime` seconds from now
    /// (negative: expired that long ago), for tests that change a claim before signing.
    pub fn claims(&self, id: &str, lifetime: i64) -> Claims {
        let mut claims = Claims::new(&self.meeting.info.id, self.participant(id), Duration::ZERO);
        claims.exp = claims.iat.saturating_add_signed(lifetime);
        claims
    }

    /// A valid token for a demo participant.
    pub fn token(&self, id: &str) -> String {
        // Longer than the page's warning that a session is ending (ten minutes), as real
        // invite links are, so that the page shows what a participant normally sees.
        self.keys.mint(
            &self.meeting.info.id,
            &self.participant(id),
            Duration::from_secs(3600),
        )
    }

    /// The invite link of a demo participant, as `serve` prints it.
    pub fn invite(&self, id: &str) -> String {
        self.invite_via(&self.http_url(), id)
    }

    /// The invite link of a demo participant for a server reached at `base_url` (through
    /// a proxy, say).
    pub fn invite_via(&self, base_url: &str, id: &str) -> String {
        invites::for_meeting(
            &self.keys,
            &self.meeting,
            base_url,
            Duration::from_secs(600),
        )
        .into_iter()
        .find(|invite| invite.participant.id.as_str() == id)
        .expect("participant exists")
        .url
    }

    /// Connects and says hello as a demo participant; returns the client and its welcome.
    pub async fn join(&self, id: &str) -> (WsClient, Welcome) {
        let mut client = WsClient::connect(&self.ws_url()).await.expect("connect");
        let welcome = client.hello(&self.token(id), None).await.expect("welcome");
        (client, welcome)
    }

    /// A token for an attendee who is not in the meeting file: `id` of `delegation`
    /// (none when `None`), speaking Spanish.
    pub fn attendee_token(&self, id: &str, delegation: Option<&str>) -> String {
        let mut claims = self.claims("peru", 600);
        claims.who.id = protocol::ParticipantId::new(id.to_owned());
        claims.who.name = format!("Delegate {id}");
        claims.who.delegation = delegation.map(str::to_owned);
        self.keys.sign(&claims)
    }

    /// An administrator's token for the meetings API.
    pub fn admin_token(&self) -> String {
        self.keys.mint_admin(Duration::from_secs(600))
    }

    /// Connects and says hello with `token`.
    pub async fn join_with(&self, token: &str) -> (WsClient, Welcome) {
        let mut client = WsClient::connect(&self.ws_url()).await.expect("connect");
        let welcome = client.hello(token, None).await.expect("welcome");
        (client, welcome)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A call to the HTTP API of `server`'s meeting: `method` on `/api/meetings/{meeting}{path}`
/// with a JSON `body`, and `Authorization: Bearer {token}` when given.
pub async fn meeting_api(
    server: &TestServer,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> HttpResponse {
    let bearer = token.map(|token| format!("Bearer {token}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(bearer) = &bearer {
        headers.push(("Authorization", bearer));
    }
    let path = format!("/api/meetings/{}{path}", server.meeting.info.id);
    http_send(server.addr, method, &path, &headers, body).await
}

/// A minimal HTTP/1.1 GET over a real socket; the whole response, headers included.
///
/// # Panics
///
/// When the server cannot be reached.
pub async fn http_get(addr: SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("read");
    response
}

/// A protocol client over a real WebSocket.
pub struct WsClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Events that arrived while another method waited for something else.
    pending_events: VecDeque<EventEnvelope>,
    /// `queue` views that arrived while another method waited for something else.
    pending_views: VecDeque<QueueView>,
    /// `your_requests` lists that arrived while another method waited for something else.
    /// With the server time their estimated waits were worked out.
    pending_mine: VecDeque<(u64, Vec<MyRequest>)>,
    /// Notices that arrived while another method waited for something else.
    pending_notices: VecDeque<Notice>,
    /// The latest presence received.
    pub presence: Option<Presence>,
    /// Who is connected, as the `roster` messages received so far say (managers only).
    pub roster: BTreeMap<ParticipantId, Connected>,
}

/// What a client saw when the server closed its connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    /// The close code, if the server sent a close frame.
    pub code: Option<u16>,
    /// Protocol messages received before the close.
    pub before: Vec<ServerMessage>,
}

impl WsClient {
    /// A client on an open WebSocket, nothing read yet.
    fn over(socket: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Self {
            socket,
            next_id: 1,
            pending_events: VecDeque::new(),
            pending_views: VecDeque::new(),
            pending_mine: VecDeque::new(),
            pending_notices: VecDeque::new(),
            presence: None,
            roster: BTreeMap::new(),
        }
    }

    /// Opens a WebSocket to `url`.
    ///
    /// # Errors
    ///
    /// When the handshake fails.
    pub async fn connect(url: &str) -> Result<Self> {
        let (socket, _) =
            tokio::time::timeout(READ_DEADLINE, tokio_tungstenite::connect_async(url))
                .await
                .map_err(|_| anyhow!("no handshake with {url} within {READ_DEADLINE:?}"))?
                .with_context(|| format!("connect to {url}"))?;
        Ok(Self::over(socket))
    }

    /// Opens a WebSocket to `url` over a socket with a tiny receive buffer, so that a
    /// client that stops reading holds up the server's writes almost at once.
    ///
    /// # Errors
    ///
    /// When the connection or the handshake fails.
    pub async fn connect_with_small_buffer(addr: SocketAddr, url: &str) -> Result<Self> {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.set_recv_buffer_size(4096)?;
        let stream = socket.connect(addr).await?;
        let (socket, _) = tokio_tungstenite::client_async(url, MaybeTlsStream::Plain(stream))
            .await
            .with_context(|| format!("handshake with {url}"))?;
        Ok(Self::over(socket))
    }

    /// Sends a raw text frame.
    ///
    /// # Errors
    ///
    /// When the socket is closed.
    pub async fn send_text(&mut self, text: impl Into<String>) -> Result<()> {
        self.socket.send(Message::text(text.into())).await?;
        Ok(())
    }

    /// Says hello and waits for the welcome.
    ///
    /// # Errors
    ///
    /// When the server answers anything else.
    pub async fn hello(&mut self, token: &str, since: Option<u64>) -> Result<Welcome> {
        let hello = ClientMessage::Hello(Hello {
            token: token.to_owned(),
            protocol: PROTOCOL_VERSION,
            since,
        });
        self.send_text(hello.encode()).await?;
        let welcome = match self.recv().await? {
            ServerMessage::Welcome(welcome) => welcome,
            other => bail!("expected welcome, got {other:?}"),
        };
        // The welcome's company (missed events, views, the presence, a booth's briefing)
        // ends with the presence; keep what comes before it for the methods that wait.
        loop {
            match self.recv().await? {
                ServerMessage::Presence(presence) => {
                    self.presence = Some(presence);
                    break;
                }
                other => self.keep(other),
            }
        }
        Ok(welcome)
    }

    /// Sends a message as it is.
    ///
    /// # Errors
    ///
    /// When the socket is closed.
    pub async fn send_message(&mut self, message: &ClientMessage) -> Result<()> {
        self.send_text(message.encode()).await
    }

    /// Sends a command and returns its id.
    ///
    /// # Errors
    ///
    /// When the socket is closed.
    pub async fn send(&mut self, command: Command) -> Result<u64> {
        let id = self.next_id;
        self.next_id += 1;
        self.send_text(ClientMessage::Command { id, command }.encode())
            .await?;
        Ok(id)
    }

    /// The next protocol message, waiting at most [`READ_DEADLINE`].
    ///
    /// # Errors
    ///
    /// On timeout, on close, or when the frame is not a server message.
    pub async fn recv(&mut self) -> Result<ServerMessage> {
        let text = self.next_text().await?;
        decode_server_frame(&text)
    }

    /// The next protocol message as the JSON the server wrote (checked against the
    /// schema like every other), for tests of what is on the wire rather than what the
    /// protocol's types make of it.
    ///
    /// # Errors
    ///
    /// On timeout, on close, or when the frame is not a server message.
    pub async fn recv_json(&mut self) -> Result<serde_json::Value> {
        let text = self.next_text().await?;
        decode_server_frame(&text)?;
        Ok(serde_json::from_str(&text)?)
    }

    /// The next text frame, waiting at most [`READ_DEADLINE`].
    async fn next_text(&mut self) -> Result<String> {
        // One deadline for the whole wait: pings must not keep extending it.
        let deadline = tokio::time::Instant::now() + READ_DEADLINE;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .map_err(|_| anyhow!("no message within {READ_DEADLINE:?}"))?
                .ok_or_else(|| anyhow!("connection ended"))??;
            match frame {
                Message::Text(text) => return Ok(text.as_str().to_owned()),
                Message::Close(frame) => bail!("closed: {frame:?}"),
                _ => {}
            }
        }
    }

    /// Waits for the answer to the command sent with `id`; events that arrive meanwhile
    /// are kept for [`WsClient::next_event`].
    ///
    /// # Errors
    ///
    /// The server's error code and message when the command was refused.
    pub async fn ack_of(&mut self, id: u64) -> Result<u64, (ErrorCode, String)> {
        loop {
            match self.recv().await {
                Ok(ServerMessage::Ack { id: acked, seq }) if acked == id => return Ok(seq),
                Ok(ServerMessage::Error {
                    id: Some(failed),
                    code,
                    message,
                }) if failed == id => return Err((code, message)),
                Ok(other) => self.keep(other),
                Err(error) => return Err((ErrorCode::Internal, error.to_string())),
            }
        }
    }

    /// The WebSocket itself, for tests that send what no command is.
    pub fn into_socket(self) -> WebSocketStream<MaybeTlsStream<TcpStream>> {
        self.socket
    }

    /// A client on a WebSocket taken with [`WsClient::into_socket`].
    pub fn from_socket(socket: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Self::over(socket)
    }

    /// Sends a command and waits for its answer; events that arrive meanwhile are kept
    /// for [`WsClient::next_event`].
    ///
    /// # Errors
    ///
    /// The server's error code and message when the command is refused.
    pub async fn request(&mut self, command: Command) -> Result<u64, (ErrorCode, String)> {
        let id = self
            .send(command)
            .await
            .map_err(|e| (ErrorCode::Internal, e.to_string()))?;
        self.ack_of(id).await
    }

    /// Keeps an event, view or `your_requests` for the methods that wait for them.
    fn keep(&mut self, message: ServerMessage) {
        match message {
            ServerMessage::Event(envelope) => self.pending_events.push_back(envelope),
            ServerMessage::Queue(view) => self.pending_views.push_back(*view),
            ServerMessage::YourRequests { at, requests, .. } => {
                self.pending_mine.push_back((at, requests));
            }
            ServerMessage::Notice(notice) => self.pending_notices.push_back(notice),
            ServerMessage::Presence(presence) => self.presence = Some(presence),
            ServerMessage::Roster { full, joined, left } => {
                if full {
                    self.roster.clear();
                }
                for entry in joined {
                    self.roster.insert(entry.who.id.clone(), entry);
                }
                for participant in left {
                    self.roster.remove(&participant);
                }
            }
            _ => {}
        }
    }

    /// Receives until `take` accepts something from the pending buffers, keeping the
    /// rest; fails on an error message.
    async fn wait_for<T>(&mut self, mut take: impl FnMut(&mut Self) -> Option<T>) -> Result<T> {
        loop {
            if let Some(found) = take(self) {
                return Ok(found);
            }
            match self.recv().await? {
                ServerMessage::Ack { .. } => {}
                error @ ServerMessage::Error { .. } => bail!("got {error:?}"),
                other => self.keep(other),
            }
        }
    }

    /// The next event, passing over acks (views are kept for [`WsClient::next_view`]).
    ///
    /// # Errors
    ///
    /// On timeout or close, or when an error arrives instead.
    pub async fn next_event(&mut self) -> Result<EventEnvelope> {
        self.wait_for(|client| client.pending_events.pop_front())
            .await
    }

    /// The first notice, pending or to come, that satisfies `wanted`; notices before it
    /// are passed over.
    ///
    /// # Errors
    ///
    /// On timeout or close, or when an error arrives instead.
    pub async fn notice_where(&mut self, wanted: impl Fn(&Notice) -> bool) -> Result<Notice> {
        self.wait_for(|client| pop_first_where(&mut client.pending_notices, &wanted))
            .await
    }

    /// The notices received so far and not yet taken.
    pub fn notices_so_far(&mut self) -> Vec<Notice> {
        self.pending_notices.drain(..).collect()
    }

    /// Says what this participant follows, and waits for the answer and for what the
    /// server says they now hear, which comes right after it.
    ///
    /// # Errors
    ///
    /// When the server refuses it or does not answer, or when anything but the `hearing`
    /// notice follows the answer.
    pub async fn listen(&mut self, listening: Listening) -> Result<Notice> {
        let id = self.next_id;
        self.next_id += 1;
        self.send_text(ClientMessage::Listen { id, listening }.encode())
            .await?;
        loop {
            match self.recv().await? {
                ServerMessage::Ack { id: acked, .. } if acked == id => break,
                error @ ServerMessage::Error { .. } => bail!("got {error:?}"),
                other => self.keep(other),
            }
        }
        match self.recv().await? {
            ServerMessage::Notice(hearing @ Notice::Hearing { .. }) => Ok(hearing),
            other => bail!("expected what the listener hears right after the ack, got {other:?}"),
        }
    }

    /// Waits until the roster (as the `roster` messages say) satisfies `wanted`.
    ///
    /// # Errors
    ///
    /// On timeout or close.
    pub async fn roster_where(
        &mut self,
        wanted: impl Fn(&BTreeMap<ParticipantId, Connected>) -> bool,
    ) -> Result<BTreeMap<ParticipantId, Connected>> {
        self.wait_for(|client| wanted(&client.roster).then(|| client.roster.clone()))
            .await
    }

    /// Waits until a presence satisfying `wanted` has arrived (or had).
    ///
    /// # Errors
    ///
    /// On timeout or close.
    pub async fn presence_where(&mut self, wanted: impl Fn(&Presence) -> bool) -> Result<Presence> {
        self.wait_for(|client| client.presence.clone().filter(|presence| wanted(presence)))
            .await
    }

    /// The next `queue` view (events are kept for [`WsClient::next_event`]).
    ///
    /// # Errors
    ///
    /// On timeout or close, or when an error arrives instead.
    pub async fn next_view(&mut self) -> Result<QueueView> {
        self.wait_for(|client| client.pending_views.pop_front())
            .await
    }

    /// The first `queue` view, pending or to come, that satisfies `wanted`; views
    /// before it are passed over (they are coalesced, so how many come is not fixed).
    ///
    /// # Errors
    ///
    /// On timeout or close, or when an error arrives instead.
    pub async fn view_where(&mut self, wanted: impl Fn(&QueueView) -> bool) -> Result<QueueView> {
        self.wait_for(|client| pop_first_where(&mut client.pending_views, &wanted))
            .await
    }

    /// The first `your_requests` list, pending or to come, that satisfies `wanted`.
    ///
    /// # Errors
    ///
    /// On timeout or close, or when an error arrives instead.
    pub async fn mine_where(
        &mut self,
        wanted: impl Fn(&[MyRequest]) -> bool,
    ) -> Result<Vec<MyRequest>> {
        Ok(self.told_where(wanted).await?.1)
    }

    /// Like [`WsClient::mine_where`], with the server time (ms since the Unix epoch) the
    /// estimated waits were worked out at (`your_requests`' `at`).
    ///
    /// # Errors
    ///
    /// On timeout or close, or when an error arrives instead.
    pub async fn told_where(
        &mut self,
        wanted: impl Fn(&[MyRequest]) -> bool,
    ) -> Result<(u64, Vec<MyRequest>)> {
        self.wait_for(|client| pop_first_where(&mut client.pending_mine, |(_, mine)| wanted(mine)))
            .await
    }

    /// Reads until the server closes the connection.
    ///
    /// # Errors
    ///
    /// When the connection is still open after [`READ_DEADLINE`].
    pub async fn closed(mut self) -> Result<Closed> {
        let mut before = Vec::new();
        loop {
            let frame = tokio::time::timeout(READ_DEADLINE, self.socket.next())
                .await
                .map_err(|_| anyhow!("still open after {READ_DEADLINE:?}"))?;
            match frame {
                Some(Ok(Message::Text(text))) => before.push(decode_server_frame(&text)?),
                Some(Ok(Message::Close(frame))) => {
                    return Ok(Closed {
                        code: frame.map(|frame| u16::from(frame.code)),
                        before,
                    });
                }
                Some(Ok(_)) => {}
                None | Some(Err(_)) => return Ok(Closed { code: None, before }),
            }
        }
    }

    /// Reads everything still in flight, then the close; returns the close code. For a
    /// client that stopped reading: all it missed is read first.
    ///
    /// # Errors
    ///
    /// When the connection is still open after [`READ_DEADLINE`] of silence.
    pub async fn closed_after_draining(mut self) -> Result<Option<u16>> {
        loop {
            let frame = tokio::time::timeout(READ_DEADLINE, self.socket.next())
                .await
                .map_err(|_| anyhow!("still open after {READ_DEADLINE:?}"))?;
            match frame {
                Some(Ok(Message::Close(frame))) => {
                    return Ok(frame.map(|frame| u16::from(frame.code)));
                }
                Some(Ok(Message::Text(text))) => {
                    decode_server_frame(&text)?;
                }
                Some(Ok(_)) => {}
                None | Some(Err(_)) => return Ok(None),
            }
        }
    }

    /// Closes the connection from the client side.
    pub async fn close(mut self) {
        let _ = self.socket.close(None).await;
    }
}

/// Takes the first of `pending` that `wanted` accepts, dropping those before it (views
/// and `your_requests` are coalesced, so how many come before the awaited one varies).
fn pop_first_where<T>(pending: &mut VecDeque<T>, wanted: impl Fn(&T) -> bool) -> Option<T> {
    while let Some(next) = pending.pop_front() {
        if wanted(&next) {
            return Some(next);
        }
    }
    None
}

/// The participant id of an attendee in the demo meeting.
pub fn id(value: &str) -> ParticipantId {
    ParticipantId::new(value)
}

/// Who waits in the meeting's active list of speakers, in order, by participant id.
///
/// # Panics
///
/// When no list is active.
pub fn waiting(state: &protocol::MeetingState) -> Vec<String> {
    state
        .active_list()
        .expect("a list of speakers is active")
        .queue
        .iter()
        .map(|request| request.participant.to_string())
        .collect()
}

/// Attendee `burst-{number}`, who is in no meeting file: for tests that need many
/// participants at once, each with a token of their own.
pub fn numbered_attendee(number: usize) -> Participant {
    Participant {
        id: ParticipantId::new(format!("burst-{number}")),
        name: format!("Attendee {number}"),
        role: protocol::Role::Attendee,
        delegation: None,
        booth: None,
        languages: vec![],
    }
}

/// An HTTP response as [`http_request`] read it.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The headers in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body (chunked transfer coding removed), as text (invalid UTF-8 replaced).
    pub body: String,
    /// The body's bytes (chunked transfer coding removed).
    pub bytes: Vec<u8>,
}

impl HttpResponse {
    /// The body as JSON.
    ///
    /// # Panics
    ///
    /// When it is not JSON (the status and body are in the message).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {} {}", self.status, self.body))
    }

    /// The first value of header `name` (any case), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(header, _)| *header == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A minimal HTTP/1.1 GET over a real socket with extra request headers, parsed.
///
/// # Panics
///
/// When the server cannot be reached or the response is not HTTP.
pub async fn http_request(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> HttpResponse {
    http_send(addr, "GET", path, headers, "").await
}

/// A minimal HTTP/1.1 request with `method`, extra headers and a body (sent with its
/// length when not empty), parsed.
///
/// # Panics
///
/// When the server cannot be reached or the response is not HTTP.
pub async fn http_send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> HttpResponse {
    use std::fmt::Write as _;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        let _ = write!(request, "{name}: {value}\r\n");
    }
    if !body.is_empty() || method != "GET" {
        let _ = write!(request, "Content-Length: {}\r\n", body.len());
    }
    request.push_str("\r\n");
    request.push_str(body);
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("send");
    // To the end of the stream, or of the body its `Content-Length` announces (some
    // servers keep the connection open all the same).
    let mut raw = Vec::new();
    tokio::time::timeout(READ_DEADLINE, async {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            let read = stream.read(&mut buffer).await.expect("read");
            if read == 0 {
                break;
            }
            raw.extend_from_slice(&buffer[..read]);
            if let Some(split) = raw.windows(4).position(|window| window == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
                let length = head.lines().find_map(|line| {
                    line.strip_prefix("content-length:")
                        .and_then(|value| value.trim().parse::<usize>().ok())
                });
                if length.is_some_and(|length| raw.len() >= split + 4 + length) {
                    break;
                }
            }
        }
    })
    .await
    .expect("a response within the deadline");
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a header block");
    let head = std::str::from_utf8(&raw[..split]).expect("a UTF-8 header block");
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(name, value)| name == "transfer-encoding" && value.contains("chunked"));
    let bytes = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    HttpResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

/// Removes the chunked transfer coding from a body.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|window| window == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end]).expect("a chunk size line");
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        let after = &rest[line_end + 2..];
        body.extend_from_slice(&after[..size]);
        rest = after[size..]
            .strip_prefix(b"\r\n")
            .unwrap_or(&after[size..]);
    }
    body
}
