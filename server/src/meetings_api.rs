//! The meetings API: organisers create, update and close meetings on a running server,
//! with the format of meeting files (`docs/meeting-file.md`), no restart needed.
//!
//! - `GET /api/meetings`: the hosted meetings. Administrator token.
//! - `PUT /api/meetings/{meeting}` with a meeting file as the body: creates the meeting
//!   (`201`, administrator token) or updates its description and agenda (`200`,
//!   administrator token or an organiser's token for that meeting). The answer lists an
//!   invite link for each participant of the file.
//! - `POST /api/meetings/{meeting}/close`: closes the meeting (same tokens as updating).
//!   A closed meeting takes no more commands; people can still join to see how it ended,
//!   and its speaker log stays available.
//!
//! Tokens come as `Authorization: Bearer <JWT>`; administrator tokens are minted with
//! `server admin-token` (see [`crate::auth::Keys::mint_admin`]). Errors are JSON,
//! `{"code": …, "message": …}`, with the codes of the WebSocket protocol: `unauthorized`
//! (401), `forbidden` (403), `not_found` (404), `invalid` (400 or 422 for a file that does
//! not check, with its line and field), `conflict` (409), `unavailable` (503).
//!
//! A created meeting's file is saved in the meetings directory before the meeting is
//! hosted, and hosted again from there after a restart; an update or a close is an event
//! in the meeting's log like any other, so it survives a crash once answered.

use crate::api::{Bearer, Refusal, json_response};
use crate::app::{App, host};
use crate::auth::Claims;
use crate::meeting::{Admin, AdminOutcome};
use crate::meeting_file::{MeetingFile, MeetingFileError};
use crate::participants_api;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use protocol::{ErrorCode, MeetingId, Registry, Role};
use serde_json::json;
use std::io::Write as _;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

/// The list route.
pub(crate) const LIST: &str = "/api/meetings";
/// One meeting's route (create or update).
pub(crate) const MEETING: &str = "/api/meetings/{meeting}";
/// The route that closes a meeting.
pub(crate) const CLOSE: &str = "/api/meetings/{meeting}/close";

/// Why a creation failed when the log or the file system did.
const CANNOT_CREATE: &str = "the meeting cannot be created right now; try again";

/// The extension of saved meeting files.
const EXTENSION: &str = "toml";

/// `GET /api/meetings`.
pub(crate) async fn list(
    State(app): State<Arc<App>>,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    if !claims.is_admin() {
        return Err(Refusal::forbidden(
            "only an administrator may list the meetings",
        ));
    }
    let mut hosted: Vec<_> = app
        .meetings
        .read()
        .expect("the meetings lock is never poisoned")
        .values()
        .map(|hosted| hosted.file.info.clone())
        .collect();
    hosted.sort_by(|a, b| a.id.cmp(&b.id));
    let meetings: Vec<_> = hosted
        .iter()
        .map(|info| json!({ "meeting": info.id, "title": info.title }))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({ "meetings": meetings }),
    ))
}

/// `PUT /api/meetings/{meeting}`.
pub(crate) async fn put(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
    body: String,
) -> Result<Response, Refusal> {
    let meeting = MeetingId::new(meeting);
    // An organiser's token is only valid while its meeting is hosted, so creating takes
    // an administrator.
    may_change(&claims, &meeting)?;
    let file = MeetingFile::parse(FsPath::new("request body"), &body)
        .map_err(|error| file_refusal(&error))?;
    if file.info.id != meeting {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Invalid,
            format!(
                "the file describes meeting `{}`, but the address names `{meeting}`",
                file.info.id
            ),
        ));
    }
    // Creations are serialised; updates go through the meeting's actor, which orders them.
    let existing = app.find_meeting(&meeting).await;
    let creating = match existing {
        Some(_) => None,
        None => Some(app.creating.lock().await),
    };
    if let Some(hosted) = existing.or_else(|| app.meeting(&meeting)) {
        drop(creating);
        let by = claims.who.id.clone();
        let update = Admin::Update(Box::new(file.clone()));
        let outcome = hosted.handle.administer(by, update).await?;
        // Links follow the registry: a replaced link's generation, none while revoked.
        let registry = hosted.handle.registry().await.unwrap_or_default();
        return Ok(answer(
            &app,
            &headers,
            StatusCode::OK,
            (&file, &registry),
            false,
            outcome,
        ));
    }
    let Some(dir) = app.meetings_dir.clone() else {
        return Err(Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "this server keeps no meeting files, so it cannot create meetings",
        ));
    };
    let store = app.store.clone();
    let limits = app.limits.clone();
    let text = body.clone();
    let id = meeting.clone();
    // The log and the file system block: keep them off the runtime's threads.
    tokio::task::spawn_blocking(move || {
        let stored = store.load(&id, 1).map_err(|error| {
            tracing::error!(%error, "cannot read the event log");
            Refusal::unavailable(CANNOT_CREATE)
        })?;
        if stored.snapshot.is_some() || !stored.events.is_empty() {
            return Err(Refusal::new(
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                "the event log already holds a meeting with this id; choose another id",
            ));
        }
        save(&dir, &id, &text).map_err(|error| {
            tracing::error!(%error, "cannot save a meeting file");
            Refusal::unavailable(CANNOT_CREATE)
        })?;
        Ok::<_, Refusal>(())
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "creating a meeting failed");
        Refusal::unavailable(CANNOT_CREATE)
    })??;
    // Where the other nodes find it (nothing to do with one node).
    app.store
        .save_meeting(&meeting, &body)
        .await
        .map_err(|error| {
            tracing::error!(%error, "cannot share a meeting file");
            Refusal::unavailable(CANNOT_CREATE)
        })?;
    let store = app.store.clone();
    let to_host = file.clone();
    let created = tokio::task::spawn_blocking(move || {
        host(to_host, &store, &limits).map_err(|error| {
            tracing::error!(%error, "cannot host a new meeting");
            Refusal::unavailable(CANNOT_CREATE)
        })
    })
    .await;
    let (hosted, actor) = created.map_err(|error| {
        tracing::error!(%error, "creating a meeting failed");
        Refusal::unavailable(CANNOT_CREATE)
    })??;
    app.add(&meeting, hosted, actor);
    drop(creating);
    tracing::info!(%meeting, by = %claims.who.id, "meeting created");
    // The log held nothing for this id: the meeting starts at seq 0.
    let outcome = AdminOutcome {
        seq: 0,
        changed: true,
        made: None,
    };
    Ok(answer(
        &app,
        &headers,
        StatusCode::CREATED,
        (&file, &Registry::default()),
        true,
        outcome,
    ))
}

/// `POST /api/meetings/{meeting}/close`.
pub(crate) async fn close(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    let meeting = MeetingId::new(meeting);
    may_change(&claims, &meeting)?;
    let Some(hosted) = app.find_meeting(&meeting).await else {
        return Err(Refusal::not_found("no such meeting"));
    };
    let by = claims.who.id.clone();
    let outcome = hosted.handle.administer(by, Admin::Close).await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "meeting": meeting,
            "closed": true,
            "changed": outcome.changed,
            "seq": outcome.seq,
        }),
    ))
}

/// The meetings saved in `dir` by earlier creations, in the order of their ids.
///
/// # Errors
///
/// When the directory cannot be read or a file in it does not check.
pub(crate) fn saved_meetings(dir: &FsPath) -> Result<Vec<MeetingFile>, MeetingFileError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(MeetingFileError::Read {
                path: dir.to_owned(),
                source,
            });
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == EXTENSION))
        .collect();
    paths.sort();
    paths.iter().map(|path| MeetingFile::load(path)).collect()
}

/// Writes a created meeting's file durably: to a temporary file, synced, then renamed
/// into place (so a crash leaves either no file or the whole file).
fn save(dir: &FsPath, meeting: &MeetingId, text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{meeting}.{EXTENSION}"));
    let partial = dir.join(format!(".{meeting}.{EXTENSION}.partial"));
    let mut file = std::fs::File::create(&partial)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&partial, &path)?;
    std::fs::File::open(dir)?.sync_all()
}

/// Administrators may change any meeting; organisers their own.
fn may_change(claims: &Claims, meeting: &MeetingId) -> Result<(), Refusal> {
    if claims.is_admin() || (claims.meeting() == *meeting && claims.who.role == Role::Organiser) {
        Ok(())
    } else {
        Err(Refusal::forbidden(
            "only an administrator or the meeting's organisers may change it",
        ))
    }
}

/// The answer to a creation or an update: what happened and the invite links of the
/// file's participants (of their link's current generation in `registry`; `null` while
/// revoked).
fn answer(
    app: &App,
    headers: &HeaderMap,
    status: StatusCode,
    (file, registry): (&MeetingFile, &Registry),
    created: bool,
    outcome: AdminOutcome,
) -> Response {
    let base_url = participants_api::base_url(app, headers);
    let invites: Vec<_> = file
        .participants
        .iter()
        .map(|participant| {
            let registrant = registry
                .get(&participant.id)
                .cloned()
                .unwrap_or_else(|| protocol::Registrant::new(participant.clone()));
            let url = participants_api::link_of(app, &file.info.id, &base_url, &registrant);
            json!({
                "participant": participant.id,
                "name": participant.name,
                "role": participant.role,
                "delegation": participant.delegation,
                "url": url,
            })
        })
        .collect();
    json_response(
        status,
        &json!({
            "meeting": file.info.id,
            "created": created,
            "changed": outcome.changed,
            "seq": outcome.seq,
            "invites": invites,
        }),
    )
}

/// A file that does not check: 400 when it is not TOML of the right shape, 422 when it
/// describes an impossible meeting. The message names the line or the field.
fn file_refusal(error: &MeetingFileError) -> Refusal {
    let status = match error {
        MeetingFileError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::BAD_REQUEST,
    };
    Refusal::new(status, ErrorCode::Invalid, error.to_string())
}
