//! One WebSocket connection: the `hello` handshake, then commands in and events out.
//!
//! The connection owns its socket. It reads with a deadline for `hello`, checks the token
//! and the protocol version, joins the meeting, and then `select!`s between the socket
//! (commands), its outbound queue (events, acks, errors) and the server's shutdown
//! signal, so that when one ends the others do too.

use crate::App;
use crate::meeting::{ConnectionId, Joined};
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::{SinkExt, StreamExt, stream::SplitSink};
use protocol::{ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION, ServerMessage, close};
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// How many queued messages a connection writes before it flushes the socket.
const WRITE_BATCH: usize = 64;

type Sink = SplitSink<WebSocket, Message>;

/// Serves one upgraded WebSocket until either side ends it.
pub(crate) async fn serve(socket: WebSocket, app: Arc<App>, connection: ConnectionId) {
    let (mut sink, mut stream) = socket.split();
    let mut shutdown = app.shutdown.clone();

    let hello = tokio::select! {
        first = tokio::time::timeout(app.hello_timeout, stream.next()) => match first {
            Err(_) => {
                let reason = format!("say hello within {} s", app.hello_timeout.as_secs_f32());
                return refuse(&mut sink, None, close::HELLO_TIMEOUT, ErrorCode::Invalid, &reason).await;
            }
            Ok(None | Some(Err(_))) => return,
            Ok(Some(Ok(message))) => message,
        },
        _ = shutdown.changed() => return close_with(&mut sink, close::SERVICE_RESTART, "server restarting").await,
    };
    let hello = match parse_hello(hello) {
        Ok(hello) => hello,
        Err((code, close_code, message)) => {
            return refuse(&mut sink, None, close_code, code, &message).await;
        }
    };
    if hello.protocol != PROTOCOL_VERSION {
        let message = format!(
            "this server speaks protocol {PROTOCOL_VERSION}, not {}",
            hello.protocol
        );
        return refuse(
            &mut sink,
            None,
            close::UNSUPPORTED_VERSION,
            ErrorCode::UnsupportedVersion,
            &message,
        )
        .await;
    }
    let claims = match app
        .keys
        .verify(&hello.token, |meeting| app.meetings.contains_key(meeting))
    {
        Ok(claims) => claims,
        Err(error) => {
            tracing::info!(connection, %error, "hello refused");
            return refuse(
                &mut sink,
                None,
                close::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                &error.to_string(),
            )
            .await;
        }
    };
    let meeting = app.meetings[&claims.meeting()].clone();
    let participant = Arc::new(claims.participant());
    let Ok(Joined {
        first,
        mut subscription,
    }) = meeting
        .join(connection, (*participant).clone(), hello.since)
        .await
    else {
        return close_with(&mut sink, close::SERVICE_RESTART, "server restarting").await;
    };
    tracing::info!(
        connection,
        meeting = %claims.meeting(),
        participant = %participant.id,
        role = %participant.role,
        "joined"
    );
    if send_all(&mut sink, first).await.is_err() {
        meeting.leave(connection).await;
        return;
    }

    loop {
        tokio::select! {
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => match ClientMessage::decode(&text) {
                    Ok(ClientMessage::Command { id, command }) => {
                        if meeting.command(connection, participant.clone(), id, command).await.is_err() {
                            close_with(&mut sink, close::SERVICE_RESTART, "server restarting").await;
                            break;
                        }
                    }
                    Ok(ClientMessage::Hello(_)) => {
                        let error = error_message(None, ErrorCode::Invalid, "already said hello");
                        if sink.send(error).await.is_err() { break; }
                    }
                    Err(error) => {
                        let error = error_message(error.id, ErrorCode::Invalid, &error.message);
                        if sink.send(error).await.is_err() { break; }
                    }
                },
                Some(Ok(Message::Binary(_))) => {
                    let error = error_message(None, ErrorCode::Invalid, "send JSON text frames, not binary");
                    if sink.send(error).await.is_err() { break; }
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_))) | None => break,
                Some(Err(error)) => {
                    tracing::info!(connection, %error, "read failed");
                    if is_too_big(error) {
                        close_with(&mut sink, close::MESSAGE_TOO_BIG, "message too big").await;
                    }
                    break;
                }
            },
            outgoing = subscription.messages.recv() => match outgoing {
                Some(first) => {
                    let mut batch = vec![first];
                    while batch.len() < WRITE_BATCH {
                        match subscription.messages.try_recv() {
                            Ok(next) => batch.push(next),
                            Err(_) => break,
                        }
                    }
                    if send_all(&mut sink, batch).await.is_err() { break; }
                }
                None => {
                    if subscription.overflowed.load(Ordering::Relaxed) {
                        close_with(&mut sink, close::SLOW_CONSUMER, "too slow to read").await;
                    } else {
                        close_with(&mut sink, close::MEETING_CLOSED, "meeting closed").await;
                    }
                    break;
                }
            },
            _ = shutdown.changed() => {
                close_with(&mut sink, close::SERVICE_RESTART, "server restarting").await;
                break;
            }
        }
    }
    meeting.leave(connection).await;
    tracing::info!(connection, "left");
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
        Ok(ClientMessage::Command { .. }) => Err((
            ErrorCode::Unauthorized,
            close::HELLO_EXPECTED,
            "say hello with your token first".to_owned(),
        )),
        Err(error) => Err((ErrorCode::Invalid, close::HELLO_EXPECTED, error.message)),
    }
}

/// Whether a read failed because the peer sent more than the size limits allow.
fn is_too_big(error: axum::Error) -> bool {
    error
        .into_inner()
        .downcast_ref::<tungstenite::Error>()
        .is_some_and(|error| matches!(error, tungstenite::Error::Capacity(_)))
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
async fn refuse(sink: &mut Sink, id: Option<u64>, close_code: u16, code: ErrorCode, message: &str) {
    let _ = sink.send(error_message(id, code, message)).await;
    close_with(sink, close_code, message).await;
}

async fn close_with(sink: &mut Sink, code: u16, reason: &str) {
    // Close reasons are limited to 123 bytes by RFC 6455.
    let reason: String = reason.chars().take(60).collect();
    let frame = CloseFrame {
        code,
        reason: Utf8Bytes::from(reason),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
}

async fn send_all(sink: &mut Sink, messages: Vec<Utf8Bytes>) -> Result<(), axum::Error> {
    for message in messages {
        sink.feed(Message::Text(message)).await?;
    }
    sink.flush().await
}
