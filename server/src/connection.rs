//! One WebSocket connection: the `hello` handshake, then commands in and events out.
//!
//! The connection owns its socket. It reads with a deadline for `hello`, checks the token
//! and the protocol version, and joins the meeting. Then it `select!`s between the socket
//! (commands), its outbound queue (events, acks, errors), the heartbeat, the token's
//! expiry and the server's shutdown, so that when one ends the others do too.

use crate::app::App;
use crate::auth::{Claims, LEEWAY_SECONDS, unix_seconds};
use crate::limits::Limits;
use crate::limits::{CLOSE_GRACE, DRAIN_BYTES, FRAGMENT_BYTES, WRITE_BATCH};
use crate::listener::UnheardPlace;
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
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::time::{MissedTickBehavior, sleep_until};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tokio_tungstenite::tungstenite::{self, Bytes, Message, Utf8Bytes};

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

/// Serves one upgraded WebSocket until either side ends it.
///
/// `unheard` is the connection's place among those that have not said `hello` yet (see
/// `listener`), given up once its `hello` is accepted.
pub(crate) async fn serve(
    socket: WebSocket,
    app: Arc<App>,
    connection: ConnectionId,
    unheard: Option<UnheardPlace>,
) {
    let mut socket = socket;
    converse(&mut socket, app, connection, unheard).await;
    // Boxed: the closing handshake's state (a 4 KiB drain buffer among it) would
    // otherwise be part of this task's future, so every idle connection would carry it.
    Box::pin(close_handshake(&mut socket)).await;
}

/// After the conversation: the rest of the closing handshake.
async fn close_handshake(socket: &mut WebSocket) {
    // The closing handshake (RFC 6455, section 7.1.1): read on until the client's close
    // frame. Dropping the socket while the client's messages are still unread would make
    // the kernel reset the connection, and a reset can destroy our close frame (and its
    // code) before the client reads it. When what follows cannot be read as frames (the
    // rest of a 10 MiB frame, a protocol error), it is read as bytes and dropped, up to a
    // bound, until the client closes.
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        loop {
            match socket.next().await {
                Some(Ok(message)) if message.is_close() => return,
                Some(Ok(_)) => {}
                Some(Err(
                    tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed,
                ))
                | None => return,
                Some(Err(_)) => break,
            }
        }
        let raw = socket.get_mut();
        let mut buffer = [0u8; 4096];
        let mut drained = 0;
        while drained < DRAIN_BYTES {
            match raw.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => drained += read,
            }
        }
    })
    .await;
    // A clean end of the stream after the close frame (FIN, not a reset).
    let _ = socket.get_mut().shutdown().await;
}

/// The conversation: `hello`, then the session, then the close frame when the server
/// ends it.
async fn converse(
    sink: &mut Sink,
    app: Arc<App>,
    connection: ConnectionId,
    unheard: Option<UnheardPlace>,
) {
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
        Ok(None) => return,
        Ok(Some(Err(error))) => {
            if let Some(Ending { code, reason }) = ending_for(&error) {
                close_with(sink, code, reason).await;
            }
            return;
        }
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
    // A valid token: the connection has said hello.
    drop(unheard);
    // An administrator's token names no meeting.
    let Some(meeting) = hosted.map(|hosted| hosted.handle) else {
        let message = "this token opens no meeting";
        return refuse(sink, close::UNAUTHORIZED, ErrorCode::Unauthorized, message).await;
    };
    let participant = Arc::new(claims.who.clone());
    let joined = meeting
        .join(
            connection,
            (*participant).clone(),
            claims.link,
            hello.since,
            claims.exp,
        )
        .await;
    let Joined {
        first,
        subscription,
    } = match joined {
        Ok(joined) => joined,
        Err(JoinError::Closed) => {
            return close_with(sink, close::SERVICE_RESTART, "server restarting").await;
        }
        Err(error @ JoinError::Revoked) => {
            tracing::info!(connection, participant = %participant.id, "hello refused: link revoked");
            let message = error.to_string();
            let close_code = close::LINK_REVOKED;
            return refuse(sink, close_code, ErrorCode::Unauthorized, &message).await;
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
                            let ending = ending_for(&error)?;
                            return Some(Box::pin(self.settle(&mut subscription, ending)).await);
                        }
                        None => return None,
                    };
                    self.last_heard = Instant::now();
                    metrics::message_in();
                    // Boxed: commands are rare next to outgoing batches, and an inline
                    // future would make every idle connection carry its size.
                    match Box::pin(self.receive(message)).await {
                        Ok(()) => {}
                        Err(Some(ending)) => {
                            return Some(Box::pin(self.settle(&mut subscription, ending)).await);
                        }
                        Err(None) => return None,
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
                    None => {
                        return Some(match subscription.dropped_with.load(Ordering::Relaxed) {
                            close::SLOW_CONSUMER => Ending { code: close::SLOW_CONSUMER, reason: "too slow to read" },
                            close::SERVICE_RESTART => Ending { code: close::SERVICE_RESTART, reason: "resume to learn the outcome" },
                            close::LINK_REVOKED => Ending { code: close::LINK_REVOKED, reason: "invite link revoked" },
                            _ => Ending { code: close::MEETING_CLOSED, reason: "meeting closed" },
                        });
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

    /// Before the server closes a connection for something the client sent: what the
    /// meeting accepted from it so far is also acknowledged. Waits (briefly) until the
    /// actor has handled every earlier command, sends the answers queued by then, and
    /// returns `ending`.
    async fn settle(
        &mut self,
        subscription: &mut crate::meeting::Subscription,
        ending: Ending,
    ) -> Ending {
        let settled = tokio::time::timeout(CLOSE_GRACE, self.meeting.settle()).await;
        if settled.is_err() {
            tracing::warn!(
                connection = self.connection,
                "the meeting did not settle in time"
            );
        }
        let mut frames = Vec::new();
        while let Ok(entry) = subscription.messages.try_recv() {
            subscription
                .queued_bytes
                .fetch_sub(frames_len(&entry), Ordering::Relaxed);
            frames.extend(entry.iter().cloned());
        }
        let _ = self.send_all(frames).await;
        ending
    }

    /// Handles one message from the client; `Err` ends the connection.
    async fn receive(&mut self, message: Message) -> Result<(), Option<Ending>> {
        if message.is_close() {
            return Err(None);
        }
        // Every frame counts against the bucket, whatever it is: a flood of binary frames
        // or pings costs the server as much as one of commands.
        let within_rate = self.bucket.take();
        if within_rate {
            self.rate_limited_in_a_row = 0;
        } else {
            self.rate_limited_in_a_row += 1;
            if self.rate_limited_in_a_row >= self.app.limits.rate_limited_before_close {
                return Err(Some(Ending {
                    code: close::POLICY_VIOLATION,
                    reason: "too many messages",
                }));
            }
        }
        let text = match message {
            Message::Text(text) => text,
            Message::Binary(_) if within_rate => {
                let error = error_message(
                    None,
                    ErrorCode::Invalid,
                    "send JSON text frames, not binary",
                );
                return self.reply(error).await;
            }
            // Pings are answered by tungstenite; pongs answer ours; reading never yields
            // raw frames.
            Message::Binary(_) | Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {
                if within_rate {
                    return Ok(());
                }
                let error =
                    error_message(None, ErrorCode::RateLimited, "too many messages; slow down");
                return self.reply(error).await;
            }
            Message::Close(_) => return Err(None),
        };
        if !within_rate {
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
                let answer = match self.refresh(&token).await {
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
    async fn refresh(&mut self, token: &str) -> Result<u64, String> {
        let fresh = self.app.verify(token).map_err(|error| error.to_string())?;
        if fresh.meeting() != self.claims.meeting() || fresh.who.id != self.claims.who.id {
            return Err("the fresh token is for someone else".to_owned());
        }
        if fresh.who.role != self.claims.who.role || fresh.who.booth != self.claims.who.booth {
            return Err("the fresh token changes the role; reconnect with it instead".to_owned());
        }
        let accepted = self
            .meeting
            .accepts(fresh.who.id.clone(), fresh.link)
            .await
            .unwrap_or(false);
        if !accepted {
            return Err(
                "this invite link was revoked; ask the organisers for a new one".to_owned(),
            );
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

/// The close a read error calls for (RFC 6455, section 7.4.1), so that the client
/// learns why; `None` when the connection is already gone.
fn ending_for(error: &tungstenite::Error) -> Option<Ending> {
    match error {
        tungstenite::Error::Capacity(_) => Some(Ending {
            code: close::MESSAGE_TOO_BIG,
            reason: "message too big",
        }),
        tungstenite::Error::Utf8(_) => Some(Ending {
            code: close::INVALID_PAYLOAD,
            reason: "text is not valid UTF-8",
        }),
        tungstenite::Error::Protocol(_) => Some(Ending {
            code: close::PROTOCOL_ERROR,
            reason: "WebSocket protocol error",
        }),
        _ => None,
    }
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
