//! The WebSocket upgrade of `/ws` (RFC 6455, section 4.2), done by hand with hyper and
//! tokio-tungstenite so that a connection can write a large message as several small
//! frames (see [`FRAGMENT_BYTES`]); and the `Origin` check, which must happen here, the
//! last place where the request's headers are visible.

use crate::app::App;
use crate::connection;
use crate::limits::{FRAGMENT_BYTES, READ_BUFFER_BYTES};
use crate::listener;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::TokioIo;
use protocol::MAX_MESSAGE_BYTES;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

/// The WebSocket upgrade (RFC 6455, section 4.2): the last place where the request's
/// headers are visible, so the `Origin` check happens here. The upgraded connection is
/// driven by tokio-tungstenite directly, so that a connection can write a large message
/// as several small frames .
pub(crate) async fn upgrade(State(app): State<Arc<App>>, mut request: Request) -> Response {
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
                    .write_buffer_size(FRAGMENT_BYTES)
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
