//! `GET /api/meetings/{meeting}/speakers.{json,csv,md}`: the speaker log as a download,
//! for the chair and organisers of that meeting.
//!
//! The token comes in `Authorization: Bearer <JWT>` ([`Bearer`]), and refusals are the
//! JSON of every HTTP API ([`Refusal`]). Checks go in this order, so that nothing about a
//! meeting is told to someone without a valid token: an unknown file name is 404; then a
//! missing, invalid or expired token is 401; then an unknown meeting is 404; then a token
//! for another meeting, or of a role that does not see the whole list of speakers (the
//! chair's and organisers' do), is 403.

use super::SpeakerLog;
use super::export::Format;
use crate::api::{Bearer, Refusal};
use crate::app::App;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use protocol::{ErrorCode, MeetingId};
use std::sync::Arc;

/// The route, in axum's path syntax.
pub(crate) const ROUTE: &str = "/api/meetings/{meeting}/{file}";

/// The handler of [`ROUTE`].
pub(crate) async fn download(
    State(app): State<Arc<App>>,
    Path((meeting, file)): Path<(String, String)>,
    bearer: Result<Bearer, Refusal>,
) -> Result<Response, Refusal> {
    let Some(format) = file
        .strip_prefix("speakers.")
        .and_then(Format::from_extension)
    else {
        return Err(Refusal::not_found("no such file"));
    };
    let Bearer { claims, hosted } = bearer?;
    let meeting = MeetingId::new(meeting);
    // The token's meeting is hosted (the extractor saw to it); the address may name
    // another.
    let found = match hosted {
        Some(hosted) if hosted.file.info.id == meeting => Some(hosted),
        _ => app.find_meeting(&meeting).await,
    };
    let Some(file) = found.map(|hosted| hosted.file) else {
        return Err(Refusal::not_found("no such meeting"));
    };
    if claims.meeting() != meeting || !claims.who.role.sees_full_list() {
        return Err(Refusal::forbidden(
            "only the meeting's chair and organisers may download its speaker log",
        ));
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
            return Err(Refusal::unavailable("the speaker log is unavailable"));
        }
        Err(error) => {
            tracing::error!(%meeting, %error, "making the speaker log failed");
            return Err(Refusal::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "the speaker log is unavailable",
            ));
        }
    };
    tracing::info!(%meeting, participant = %claims.who.id, format = format.extension(), "speaker log downloaded");
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
    Ok(response)
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
