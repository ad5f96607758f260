//! `GET /api/meetings/{meeting}/speakers.{json,csv,md}`: the speaker log as a download,
//! for the chair and organisers of that meeting.
//!
//! The token comes in `Authorization: Bearer <JWT>` and is checked with the same keys
//! and rules as in `hello`. Checks go in this order, so that nothing about a meeting is
//! told to someone without a valid token: an unknown file name is 404; then a missing,
//! invalid or expired token is 401; then an unknown meeting is 404; then a token for
//! another meeting, or of a role other than chair or organiser, is 403. Tokens are never
//! logged.

use super::SpeakerLog;
use super::export::Format;
use crate::App;
use crate::auth::bearer_token;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use protocol::MeetingId;
use std::sync::Arc;

/// The route, in axum's path syntax.
pub(crate) const ROUTE: &str = "/api/meetings/{meeting}/{file}";

/// The handler of [`ROUTE`].
pub(crate) async fn download(
    State(app): State<Arc<App>>,
    Path((meeting, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(format) = file
        .strip_prefix("speakers.")
        .and_then(Format::from_extension)
    else {
        return refusal(StatusCode::NOT_FOUND, "no such file\n");
    };
    let Some(token) = bearer_token(&headers) else {
        return unauthorized("a bearer token is required\n");
    };
    let (claims, hosted) = match app.authenticate(token).await {
        Ok(found) => found,
        Err(error) => {
            // The error says why, never what the token was.
            tracing::debug!(%error, "speaker log refused");
            return unauthorized("the token is not valid\n");
        }
    };
    let meeting = MeetingId::new(meeting);
    // The token's meeting is hosted (`authenticate` saw to it); the address may name
    // another.
    let found = match hosted {
        Some(hosted) if hosted.file.info.id == meeting => Some(hosted),
        _ => app.find_meeting(&meeting).await,
    };
    let Some(file) = found.map(|hosted| hosted.file) else {
        return refusal(StatusCode::NOT_FOUND, "no such meeting\n");
    };
    if claims.meeting() != meeting || !claims.role.sees_full_list() {
        return refusal(
            StatusCode::FORBIDDEN,
            "only the meeting's chair and organisers may download its speaker log\n",
        );
    }
    // Reading the whole log and folding it blocks: keep it off the runtime's threads.
    let store = app.store.clone();
    let made = tokio::task::spawn_blocking(move || {
        let events = store.all_events(&file.info.id)?;
        let log = SpeakerLog::from_stored(file.initial_state(), &events, super::now_ms())?;
        Ok::<_, super::SpeakerLogError>(format.render(&log))
    })
    .await;
    let body = match made {
        Ok(Ok(body)) => body,
        Ok(Err(error)) => {
            tracing::error!(%meeting, %error, "cannot make the speaker log");
            return refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "the speaker log is unavailable\n",
            );
        }
        Err(error) => {
            tracing::error!(%meeting, %error, "making the speaker log failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the speaker log is unavailable\n",
            );
        }
    };
    tracing::info!(%meeting, participant = %claims.sub, format = format.extension(), "speaker log downloaded");
    let disposition = format!(
        "attachment; filename=\"{}-speakers.{}\"",
        file_name_safe(meeting.as_str()),
        format.extension()
    );
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        )],
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(disposition) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// 401 with the challenge RFC 6750 asks for.
fn unauthorized(message: &'static str) -> Response {
    let mut response = refusal(StatusCode::UNAUTHORIZED, message);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// A refusal in plain text, never cached.
fn refusal(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        message,
    )
        .into_response()
}

/// A meeting id as it can appear in a quoted file name: anything but letters, digits,
/// `.`, `-` and `_` becomes `_`.
fn file_name_safe(id: &str) -> String {
    id.chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || matches!(character, '.' | '-' | '_') {
                character
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_ids_are_made_safe_for_file_names() {
        assert_eq!(file_name_safe("m-1_2.x\"/y"), "m-1_2.x__y");
    }
}
