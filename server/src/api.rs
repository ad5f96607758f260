//! What every HTTP API shares: who is asking ([`Bearer`], the `Authorization: Bearer`
//! token, checked with the same keys and rules as `hello`'s) and how a request is refused
//! ([`Refusal`]: JSON `{"code": …, "message": …}` with the error codes of the WebSocket
//! protocol, never cached, and the RFC 6750 challenge on 401).
//!
//! Handlers take `Bearer` as an argument, or `Result<Bearer, Refusal>` when something
//! must be checked before the token (the speaker log answers an unknown file name with 404
//! before it looks at the token). Tokens are never logged.

use crate::app::{App, Hosted};
use crate::auth::Claims;
use crate::rules::Rejection;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use protocol::ErrorCode;
use serde_json::json;
use std::sync::Arc;

/// The checked claims of a request's bearer token: a participant's token for a meeting
/// this node hosts (or can host: created on another node), or an administrator's.
pub(crate) struct Bearer {
    /// What the token says.
    pub(crate) claims: Claims,
    /// The token's meeting, hosted here; `None` for an administrator's token.
    pub(crate) hosted: Option<Hosted>,
}

impl FromRequestParts<Arc<App>> for Bearer {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Refusal> {
        let Some(token) = bearer_token(&parts.headers) else {
            return Err(Refusal::unauthorized("a bearer token is required"));
        };
        let (claims, hosted) = app.authenticate(token).await.map_err(|error| {
            // The error says why, never what the token was.
            tracing::debug!(%error, "an API request's token was refused");
            Refusal::unauthorized("the token is not valid")
        })?;
        Ok(Self { claims, hosted })
    }
}

/// The token of an `Authorization: Bearer <token>` header (the scheme in any case).
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// A refused request: its status, code and message, answered as JSON.
#[derive(Debug)]
pub(crate) struct Refusal {
    status: StatusCode,
    code: ErrorCode,
    message: String,
}

impl Refusal {
    /// A refusal with any status and code.
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// 401: no token, or one that is not valid.
    pub(crate) fn unauthorized(message: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
    }

    /// 403: a valid token that does not allow this.
    pub(crate) fn forbidden(message: &str) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, message)
    }

    /// 404.
    pub(crate) fn not_found(message: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    /// 503: the log or the file system failed; trying again may work.
    pub(crate) fn unavailable(message: &str) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            message,
        )
    }
}

impl From<Rejection> for Refusal {
    /// A rejection from the meeting's rules, with its status.
    fn from(rejection: Rejection) -> Self {
        let status = match rejection.code {
            ErrorCode::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, rejection.code, rejection.message)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = json!({ "code": self.code, "message": self.message });
        let mut response = json_response(self.status, &body);
        if self.status == StatusCode::UNAUTHORIZED {
            // The challenge RFC 6750 asks for.
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// A JSON answer, never cached.
pub(crate) fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_token_is_read_from_the_authorization_header() {
        let with_authorization = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
            headers
        };
        assert_eq!(
            bearer_token(&with_authorization("Bearer abc.def")),
            Some("abc.def")
        );
        assert_eq!(
            bearer_token(&with_authorization("bearer  abc ")),
            Some("abc")
        );
        assert_eq!(bearer_token(&with_authorization("Basic abc")), None);
        assert_eq!(bearer_token(&with_authorization("Bearer ")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }

    #[tokio::test]
    async fn a_refusal_is_json_with_its_code_and_a_challenge_on_401() {
        let response = Refusal::unauthorized("the token is not valid").into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            body,
            json!({ "code": "unauthorized", "message": "the token is not valid" })
        );
        let forbidden = Refusal::forbidden("no").into_response();
        assert!(!forbidden.headers().contains_key(header::WWW_AUTHENTICATE));
    }
}
