//! One WebSocket connection: the `hello` handshake, then commands in and events out.
//!
//! The connection owns its socket. It reads with a deadline for `hello`, checks the token
//! and the protocol version, and joins the meeting. Then it `select!`s between the socket
//! (commands), its outbound queue (events, acks, errors), the heartbeat, the token's
//! expiry and the server's shutdown, so that when one ends the others do too.

use crate::App;
use crate::auth::{Claims, LEEWAY_SECONDS, unix_seconds};
use crate::limits::Limits;
use crate::meeting::{ConnectionId, JoinError, Joined, MeetingHandle, frames_len};
use crate::metrics;
use futures_util::{SinkExt, StreamExt};
use hyper_util::rt::TokioIo;
use protocol::{
    ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION, Participant, ServerMessage, close,
};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::time::{MissedTickBehavior, sleep_until};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tokio_tungstenite::tungstenite::{self, Bytes, Message, Utf8Bytes};

/// How many queue entries a connection writes before it flushes the socket.
const WRITE_BATCH: usize = 64;

/// The largest frame a connection writes, and the size of its write buffer: longer
/// messages (a `welcome` with the whole agenda in four languages is several KiB) go out
/// as continuation frames of this size, which every client reassembles. The write buffer
/// grows to hold the largest frame written and never shrinks, so without this one big
/// `welcome` cost every idle connection its size in memory for good.
pub(crate) const FRAGMENT_BYTES: usize = 1024;

/// An upgraded WebSocket.
pub(crate) type WebSocket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

/// The socket, read and written by the one task that serves it (not split in two: a
/// split socket takes a lock on every read and write, a measurable cost in fan-out).
type Sink = WebSocket;

/// Why a connection ends, and the close frame it sends (if any).
struct Ending {
    code: u16,
    reason: &'static str,
}

/// The server is going away (shutdown, or the meeting's actor has stopped): clients
/// reconnect and resume.
const RESTARTING: Ending = Ending {
    code: close::SERVICE_RESTART,
    reason: "server restarting",
};

/// How long a connection that sent its close frame waits for the client's before it
/// drops the socket.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// Serves one upgraded WebSocket until either side ends it.
pub(crate) async fn serve(socket: WebSocket, app: Arc<App>, connection: ConnectionId) {
    let mut socket = socket;
    converse(&mut socket, app, connection).await;
    // The closing handshake (RFC 6455, section 7.1.1): read on until the client's close
    // frame. Dropping the socket while the client's messages are still unread would make
    // the kernel reset the connection, and a reset can destroy our close frame (and its
    // code) before the client reads it.
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        while let Some(Ok(message)) = socket.next().await {
            if message.is_close() {
                break;
            }
        }
    })
    .await;
}

/// The conversation: `hello`, then the session, then the close frame when the server
/// ends it.
async fn converse(sink: &mut Sink, app: Arc<App>, connection: ConnectionId) {
    let mut shutdown = app.shutdown.clone();
    let limits = &app.limits;

    let first = tokio::select! {
        first = tokio::time::timeout(limits.hello_timeout, sink.next()) => first,
        _ = shutdown.changed() => {
            return close_with(sink, close::SERVICE_RESTART, "server restarting").await;
        }
    };
    let first = match first {
        Err(_) => {
            let reason = format!("say hello within {} s", limits.hello_timeout.as_secs_f32());
            return refuse(sink, close::HELLO_TIMEOUT, ErrorCode::Invalid, &reason).await;
        }
        Ok(None | Some(Err(_))) => return,
        Ok(Some(Ok(message))) => message,
    };
    metrics::message_in();
    let hello = match parse_hello(first) {
        Ok(hello) => hello,
        Err((code, close_code, message)) => {
            return refuse(sink, close_code, code, &message).await;
        }
    };
    if hello.protocol != PROTOCOL_VERSION {
        let message = format!(
            "this server speaks protocol {PROTOCOL_VERSION}, not {}",
            hello.protocol
        );
        let code = ErrorCode::UnsupportedVersion;
        return refuse(sink, close::UNSUPPORTED_VERSION, code, &message).await;
    }
    let (claims, hosted) = match app.authenticate(&hello.token).await {
        Ok(found) => found,
        Err(error) => {
            tracing::info!(connection, %error, "hello refused");
            let message = error.to_string();
            return refuse(sink, close::UNAUTHORIZED, ErrorCode::Unauthorized, &message).await;
        }
    };
    // An administrator's token names no meeting.
    let Some(meeting) = hosted.map(|hosted| hosted.handle) else {
        let message = "this token opens no meeting";
        return refuse(sink, close::UNAUTHORIZED, ErrorCode::Unauthorized, message).await;
    };
    let participant = Arc::new(claims.participant());
    let joined = meeting
        .join(connection, (*participant).clone(), hello.since, claims.exp)
        .await;
    let Joined {
        first,
        subscription,
    } = match joined {
        Ok(joined) => joined,
        Err(JoinError::Closed) => {
            return close_with(sink, close::SERVICE_RESTART, "server restarting").await;
        }
        Err(error @ JoinError::TooManyConnections(_)) => {
            let message = error.to_string();
            let close_code = close::TOO_MANY_CONNECTIONS;
            return refuse(sink, close_code, ErrorCode::RateLimited, &message).await;
        }
    };
    tracing::info!(
        connection,
        meeting = %claims.meeting(),
        participant = %participant.id,
        role = %participant.role,
        "joined"
    );
    metrics::connection(participant.role, 1);
    let mut session = Session {
        app: &app,
        connection,
        meeting: meeting.clone(),
        participant: participant.clone(),
        claims,
        sink,
        bucket: TokenBucket::new(limits),
        rate_limited_in_a_row: 0,
        last_heard: Instant::now(),
    };
    let ending = match session.send_all(first).await {
        Ok(()) => session.run(subscription).await,
        Err(_) => None,
    };
    if let Some(Ending { code, reason }) = ending {
        close_with(session.sink, code, reason).await;
    }
    metrics::connection(participant.role, -1);
    meeting.leave(connection).await;
    tracing::info!(connection, "left");
}

/// A joined connection.
struct Session<'a> {
    app: &'a App,
    connection: ConnectionId,
    meeting: MeetingHandle,
    participant: Arc<Participant>,
    claims: Claims,
    sink: &'a mut Sink,
    bucket: TokenBucket,
    rate_limited_in_a_row: u32,
    /// When the client last sent anything (pongs included).
    last_heard: Instant,
}

impl Session<'_> {
    /// Serves the connection until it ends; the close to send, if any.
    async fn run(&mut self, mut subscription: crate::meeting::Subscription) -> Option<Ending> {
        let limits = &self.app.limits;
        let mut shutdown = self.app.shutdown.clone();
        let mut heartbeat = tokio::time::interval(limits.heartbeat_interval);
        heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
        heartbeat.tick().await;
        // The timers and the shutdown signal live across iterations: a connection wakes
        // for every batch it is sent, and re-creating them on each wake (a timer-wheel
        // insert and a waker registration each) was a measurable share of fan-out.
        let mut expires = self.claims.exp;
        let expiry = sleep_until(token_deadline(expires));
        tokio::pin!(expiry);
        let shutting_down = shutdown.changed();
        tokio::pin!(shutting_down);
        loop {
            if self.claims.exp != expires {
                expires = self.claims.exp;
                expiry.as_mut().reset(token_deadline(expires));
            }
            tokio::select! {
                incoming = self.sink.next() => {
                    let message = match incoming {
                        Some(Ok(message)) => message,
                        Some(Err(error)) => {
                            tracing::info!(connection = self.connection, %error, "read failed");
                            return is_too_big(error).then_some(Ending {
                                code: close::MESSAGE_TOO_BIG,
                                reason: "message too big",
                            });
                        }
                        None => return None,
                    };
                    self.last_heard = Instant::now();
                    metrics::message_in();
                    // Boxed: commands are rare next to outgoing batches, and an inline
                    // future would make every idle connection carry its size.
                    match Box::pin(self.receive(message)).await {
                        Ok(()) => {}
                        Err(ending) => return ending,
                    }
                }
                outgoing = subscription.messages.recv() => match outgoing {
                    Some(first) => {
                        let mut batch = vec![first];
                        while batch.len() < WRITE_BATCH {
                            match subscription.messages.try_recv() {
                                Ok(next) => batch.push(next),
                                Err(_) => break,
                            }
                        }
                        let bytes = batch.iter().map(frames_len).sum();
                        subscription.queued_bytes.fetch_sub(bytes, Ordering::Relaxed);
                        let frames = batch.iter().flat_map(|frames| frames.iter().cloned()).collect();
                        if self.send_all(frames).await.is_err() {
                            return None;
                        }
                    }
                    None if subscription.overflowed.load(Ordering::Relaxed) => {
                        return Some(Ending { code: close::SLOW_CONSUMER, reason: "too slow to read" });
                    }
                    None => {
                        return Some(Ending { code: close::MEETING_CLOSED, reason: "meeting closed" });
                    }
                },
                _ = heartbeat.tick() => {
                    if self.last_heard.elapsed() > 2 * limits.heartbeat_interval {
                        return Some(Ending { code: close::HEARTBEAT_TIMEOUT, reason: "no heartbeat" });
                    }
                    if self.sink.send(Message::Ping(Default::default())).await.is_err() {
                        return None;
                    }
                }
                () = &mut expiry => {
                    let expired = error_message(None, ErrorCode::Unauthorized, "your token has expired");
                    let _ = self.sink.send(expired).await;
                    return Some(Ending { code: close::TOKEN_EXPIRED, reason: "token expired" });
                }
                _ = &mut shutting_down => return Some(RESTARTING),
            }
        }
    }

    /// Handles one message from the client; `Err` ends the connection.
    async fn receive(&mut self, message: Message) -> Result<(), Option<Ending>> {
        let text = match message {
            Message::Text(text) => text,
            Message::Binary(_) => {
                let error = error_message(
                    None,
                    ErrorCode::Invalid,
                    "send JSON text frames, not binary",
                );
                return self.reply(error).await;
            }
            // Reading never yields raw frames; pings are answered by tungstenite.
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => return Ok(()),
            Message::Close(_) => return Err(None),
        };
        if !self.bucket.take() {
            self.rate_limited_in_a_row += 1;
            if self.rate_limited_in_a_row >= self.app.limits.rate_limited_before_close {
                return Err(Some(Ending {
                    code: close::POLICY_VIOLATION,
                    reason: "too many messages",
                }));
            }
            let id = ClientMessage::decode(&text)
                .ok()
                .and_then(|message| match message {
                    ClientMessage::Command { id, .. }
                    | ClientMessage::RefreshToken { id, .. }
                    | ClientMessage::Listen { id, .. } => Some(id),
                    ClientMessage::Hello(_) => None,
                });
            let error = error_message(id, ErrorCode::RateLimited, "too many messages; slow down");
            return self.reply(error).await;
        }
        self.rate_limited_in_a_row = 0;
        match ClientMessage::decode(&text) {
            Ok(ClientMessage::Command { id, command }) => {
                let participant = self.participant.clone();
                self.meeting
                    .command(self.connection, participant, id, command)
                    .await
                    .map_err(|_| Some(RESTARTING))
            }
            Ok(ClientMessage::Listen { id, listening }) => self
                .meeting
                .listen(self.connection, id, listening)
                .await
                .map_err(|_| Some(RESTARTING)),
            Ok(ClientMessage::RefreshToken { id, token }) => {
                let answer = match self.refresh(&token) {
                    Ok(expires_at) => Message::Text(
                        ServerMessage::TokenRefreshed { id, expires_at }
                            .encode()
                            .into(),
                    ),
                    Err(message) => error_message(Some(id), ErrorCode::Unauthorized, &message),
                };
                self.reply(answer).await
            }
            Ok(ClientMessage::Hello(_)) => {
                self.reply(error_message(
                    None,
                    ErrorCode::Invalid,
                    "already said hello",
                ))
                .await
            }
            Err(error) => {
                self.reply(error_message(error.id, ErrorCode::Invalid, &error.message))
                    .await
            }
        }
    }

    /// Takes a fresh token for the same participant of the same meeting.
    fn refresh(&mut self, token: &str) -> Result<u64, String> {
        let fresh = self.app.verify(token).map_err(|error| error.to_string())?;
        if fresh.meeting() != self.claims.meeting() || fresh.sub != self.claims.sub {
            return Err("the fresh token is for someone else".to_owned());
        }
        if fresh.role != self.claims.role || fresh.booth != self.claims.booth {
            return Err("the fresh token changes the role; reconnect with it instead".to_owned());
        }
        self.claims = fresh;
        Ok(self.claims.exp)
    }

    async fn reply(&mut self, message: Message) -> Result<(), Option<Ending>> {
        metrics::messages_out(1);
        self.sink.send(message).await.map_err(|_| None)
    }

    async fn send_all(&mut self, messages: Vec<Utf8Bytes>) -> Result<(), tungstenite::Error> {
        metrics::messages_out(messages.len());
        for message in messages {
            for frame in fragments(message) {
                self.sink.feed(frame).await?;
            }
        }
        self.sink.flush().await
    }
}

/// A text message as frames of at most [`FRAGMENT_BYTES`]: itself when it fits, else a
/// text frame and continuation frames (RFC 6455, section 5.4). A fragment may end inside
/// a UTF-8 sequence; only the reassembled message has to be valid.
fn fragments(message: Utf8Bytes) -> Vec<Message> {
    if message.len() <= FRAGMENT_BYTES {
        return vec![Message::Text(message)];
    }
    let bytes = Bytes::from(message);
    let count = bytes.len().div_ceil(FRAGMENT_BYTES);
    (0..count)
        .map(|index| {
            let start = index * FRAGMENT_BYTES;
            let end = (start + FRAGMENT_BYTES).min(bytes.len());
            let opcode = if index == 0 {
                OpCode::Data(Data::Text)
            } else {
                OpCode::Data(Data::Continue)
            };
            Message::Frame(Frame::message(
                bytes.slice(start..end),
                opcode,
                index + 1 == count,
            ))
        })
        .collect()
}

/// The instant a token with expiry `exp` (Unix seconds) stops being accepted.
fn token_deadline(exp: u64) -> tokio::time::Instant {
    let left = (exp + LEEWAY_SECONDS).saturating_sub(unix_seconds());
    tokio::time::Instant::now() + Duration::from_secs(left)
}

/// A token bucket: `rate` tokens a second, at most `burst` saved up.
struct TokenBucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    last: Instant,
}

impl TokenBucket {
    fn new(limits: &Limits) -> Self {
        let burst = f64::from(limits.command_burst);
        Self {
            tokens: burst,
            rate: f64::from(limits.commands_per_second),
            burst,
            last: Instant::now(),
        }
    }

    /// Takes a token if there is one.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        let refill = now.duration_since(self.last).as_secs_f64() * self.rate;
        self.tokens = (self.tokens + refill).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The first message must be a `hello` text frame.
fn parse_hello(message: Message) -> Result<Hello, (ErrorCode, u16, String)> {
    let Message::Text(text) = message else {
        return Err((
            ErrorCode::Invalid,
            close::HELLO_EXPECTED,
            "the first message must be a `hello` text frame".to_owned(),
        ));
    };
    match ClientMessage::decode(&text) {
        Ok(ClientMessage::Hello(hello)) => Ok(hello),
        Ok(_) => Err((
            ErrorCode::Unauthorized,
            close::HELLO_EXPECTED,
            "say hello with your token first".to_owned(),
        )),
        Err(error) => Err((ErrorCode::Invalid, close::HELLO_EXPECTED, error.message)),
    }
}

/// Whether a read failed because the peer sent more than the size limits allow.
fn is_too_big(error: tungstenite::Error) -> bool {
    matches!(error, tungstenite::Error::Capacity(_))
}

fn error_message(id: Option<u64>, code: ErrorCode, message: &str) -> Message {
    let error = ServerMessage::Error {
        id,
        code,
        message: message.to_owned(),
    };
    Message::Text(error.encode().into())
}

/// Sends an error, then closes with `close_code`.
async fn refuse(sink: &mut Sink, close_code: u16, code: ErrorCode, message: &str) {
    let _ = sink.send(error_message(None, code, message)).await;
    close_with(sink, close_code, message).await;
}

async fn close_with(sink: &mut Sink, code: u16, reason: &str) {
    // Close reasons are limited to 123 bytes by RFC 6455.
    let reason: String = reason.chars().take(60).collect();
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: Utf8Bytes::from(reason),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_go_out_as_small_continuation_frames() {
        let short = Utf8Bytes::from("x".repeat(FRAGMENT_BYTES));
        assert!(matches!(&fragments(short.clone())[..], [Message::Text(text)] if *text == short));

        // Multi-byte characters straddle the frame boundaries.
        let long = "é€".repeat(FRAGMENT_BYTES);
        let frames = fragments(Utf8Bytes::from(long.as_str()));
        assert_eq!(frames.len(), (long.len()).div_ceil(FRAGMENT_BYTES));
        let mut reassembled = Vec::new();
        for (index, frame) in frames.iter().enumerate() {
            let Message::Frame(frame) = frame else {
                panic!("frame {index} is not a raw frame");
            };
            assert!(frame.payload().len() <= FRAGMENT_BYTES);
            let expected = if index == 0 {
                Data::Text
            } else {
                Data::Continue
            };
            assert_eq!(frame.header().opcode, OpCode::Data(expected));
            assert_eq!(frame.header().is_final, index + 1 == frames.len());
            reassembled.extend_from_slice(frame.payload());
        }
        assert_eq!(reassembled, long.as_bytes());
    }

    #[test]
    fn the_bucket_allows_a_burst_then_the_rate() {
        let limits = Limits {
            commands_per_second: 1,
            command_burst: 3,
            ..Limits::default()
        };
        let mut bucket = TokenBucket::new(&limits);
        assert!((0..3).all(|_| bucket.take()));
        assert!(!bucket.take());
        bucket.last -= Duration::from_millis(1100);
        assert!(bucket.take());
        assert!(!bucket.take());
    }
}
