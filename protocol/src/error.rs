//! The closed set of error codes on the wire and the WebSocket close codes the server uses.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a request failed. The set is closed and documented; anything the server cannot
/// classify is reported as [`ErrorCode::Internal`] without internal detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The token is missing, malformed, expired, wrongly signed or for another meeting.
    Unauthorized,
    /// The participant's role may not perform this command.
    Forbidden,
    /// The message is not valid JSON, has an unknown type or lacks a field.
    Invalid,
    /// The command names something that does not exist (an item, a participant, a channel).
    NotFound,
    /// The command does not fit the current state (the hand is already raised, say).
    Conflict,
    /// The list of speakers is closed to new requests (points of order are still taken).
    ListClosed,
    /// A cap was reached (for example a delegation's open requests).
    LimitReached,
    /// Too many commands in too short a time.
    RateLimited,
    /// The service cannot take the command now; retrying later may succeed.
    Unavailable,
    /// The client speaks a protocol version this server does not.
    UnsupportedVersion,
    /// Something went wrong on the server.
    Internal,
}

impl ErrorCode {
    /// Every code, for documentation and its tests.
    pub const ALL: [Self; 11] = [
        Self::Unauthorized,
        Self::Forbidden,
        Self::Invalid,
        Self::NotFound,
        Self::Conflict,
        Self::ListClosed,
        Self::LimitReached,
        Self::RateLimited,
        Self::Unavailable,
        Self::UnsupportedVersion,
        Self::Internal,
    ];

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::Invalid => "invalid",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::ListClosed => "list_closed",
            Self::LimitReached => "limit_reached",
            Self::RateLimited => "rate_limited",
            Self::Unavailable => "unavailable",
            Self::UnsupportedVersion => "unsupported_version",
            Self::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// WebSocket close codes sent by the server. Codes in 4000–4999 are this protocol's own.
/// A client reconnects (with backoff and `since`) after any code except
/// [`close::UNAUTHORIZED`], [`close::TOKEN_EXPIRED`], [`close::UNSUPPORTED_VERSION`] and
/// [`close::TOO_MANY_CONNECTIONS`], which need the person to act first.
pub mod close {
    /// The client broke the WebSocket protocol (an unmasked frame, reserved bits, an
    /// unknown opcode, a bad continuation): RFC 6455 "protocol error".
    pub const PROTOCOL_ERROR: u16 = 1002;
    /// A text message was not valid UTF-8 (RFC 6455 "invalid frame payload data").
    pub const INVALID_PAYLOAD: u16 = 1007;
    /// A message exceeded [`crate::MAX_MESSAGE_BYTES`] (RFC 6455 "message too big").
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    /// The client kept sending after being rate limited, whatever it sent (text, binary
    /// or pings): RFC 6455 "policy violation".
    pub const POLICY_VIOLATION: u16 = 1008;
    /// The server is restarting; reconnect and resume (RFC 6455 "service restart").
    pub const SERVICE_RESTART: u16 = 1012;
    /// The client answered neither pings nor anything else for two heartbeat intervals.
    pub const HEARTBEAT_TIMEOUT: u16 = 4002;
    /// The client sent something other than `hello` as its first message.
    pub const HELLO_EXPECTED: u16 = 4400;
    /// The `hello` was refused: the token is not valid for a meeting on this server.
    pub const UNAUTHORIZED: u16 = 4401;
    /// The session's token expired and no fresh one was sent in time.
    pub const TOKEN_EXPIRED: u16 = 4403;
    /// The client did not send `hello` in time.
    pub const HELLO_TIMEOUT: u16 = 4408;
    /// The participant already has the most connections allowed to this meeting.
    pub const TOO_MANY_CONNECTIONS: u16 = 4409;
    /// The meeting this connection belonged to was closed on the server.
    pub const MEETING_CLOSED: u16 = 4410;
    /// The client's protocol version is not supported.
    pub const UNSUPPORTED_VERSION: u16 = 4426;
    /// The client did not read its messages fast enough and its queue overflowed.
    pub const SLOW_CONSUMER: u16 = 4429;
    /// An organiser revoked or replaced the invite link this connection's token came from;
    /// its tokens are refused from now on (a replaced link's new token works).
    pub const LINK_REVOKED: u16 = 4411;

    /// Every close code above with its name, for documentation and clients.
    pub const ALL: [(u16, &str); 15] = [
        (PROTOCOL_ERROR, "PROTOCOL_ERROR"),
        (INVALID_PAYLOAD, "INVALID_PAYLOAD"),
        (MESSAGE_TOO_BIG, "MESSAGE_TOO_BIG"),
        (POLICY_VIOLATION, "POLICY_VIOLATION"),
        (SERVICE_RESTART, "SERVICE_RESTART"),
        (HEARTBEAT_TIMEOUT, "HEARTBEAT_TIMEOUT"),
        (HELLO_EXPECTED, "HELLO_EXPECTED"),
        (UNAUTHORIZED, "UNAUTHORIZED"),
        (TOKEN_EXPIRED, "TOKEN_EXPIRED"),
        (HELLO_TIMEOUT, "HELLO_TIMEOUT"),
        (TOO_MANY_CONNECTIONS, "TOO_MANY_CONNECTIONS"),
        (MEETING_CLOSED, "MEETING_CLOSED"),
        (UNSUPPORTED_VERSION, "UNSUPPORTED_VERSION"),
        (SLOW_CONSUMER, "SLOW_CONSUMER"),
        (LINK_REVOKED, "LINK_REVOKED"),
    ];

    /// Whether a client should reconnect by itself after this close code: not when the
    /// person must act first (a new invite link, a newer client, fewer tabs).
    pub fn should_reconnect(code: u16) -> bool {
        !matches!(
            code,
            UNAUTHORIZED
                | TOKEN_EXPIRED
                | UNSUPPORTED_VERSION
                | TOO_MANY_CONNECTIONS
                | LINK_REVOKED
        )
    }
}
