//! The participants API: organisers see who is invited with their invite links, add
//! participants during the meeting, and revoke or replace a leaked link.
//!
//! - `GET /api/meetings/{meeting}/participants`: every participant (the meeting file's and
//!   those added since), each with their link's generation, whether it is revoked, and
//!   (unless revoked) a fresh invite link.
//! - `POST /api/meetings/{meeting}/participants` with `{"participants": [...],
//!   "requests": [...]}`: adds participants (or changes the details of those already
//!   there, matched by id), with the requests for the floor they made at registration;
//!   answers with their invite links.
//! - `POST /api/meetings/{meeting}/participants/{participant}/revoke`: the participant's
//!   link stops working at once: every connection using it closes with 4411
//!   (`LINK_REVOKED`) on every node, and their tokens are refused at `hello` and
//!   `refresh_token` until the link is replaced.
//! - `POST /api/meetings/{meeting}/participants/{participant}/replace`: revokes the old
//!   link and answers with a new one for the same participant, who keeps their requests
//!   and history.
//! - `POST /api/meetings/{meeting}/participants/import`: a registration tool's CSV export
//!   with an explicit column mapping (read and checked by `participants_csv`), imported
//!   as one change, or checked only (`dry_run`).
//! - `GET /api/meetings/{meeting}/participants/links.csv`: every participant's invite
//!   link, for a mail merge.
//!
//! All take an administrator's token or an organiser's token for the meeting, as the
//! meetings API does; errors are the same JSON (`docs/participants.md`).

use crate::api::{Bearer, Refusal, json_response};
use crate::app::{App, Hosted};
use crate::auth::Claims;
use crate::meeting::Admin;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use protocol::ids::is_slug;
use protocol::{
    ErrorCode, FloorWish, LanguageCode, MeetingId, Participant, ParticipantId, Registrant,
    Registry, Role,
};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// The participants of a meeting.
pub(crate) const PARTICIPANTS: &str = "/api/meetings/{meeting}/participants";
/// Revoking one participant's link.
pub(crate) const REVOKE: &str = "/api/meetings/{meeting}/participants/{participant}/revoke";
/// Replacing one participant's link.
pub(crate) const REPLACE: &str = "/api/meetings/{meeting}/participants/{participant}/replace";

/// Administrators may manage any meeting's participants; organisers their own meeting's.
pub(crate) fn may_manage(claims: &Claims, meeting: &MeetingId) -> Result<(), Refusal> {
    if claims.is_admin() || (claims.meeting() == *meeting && claims.who.role == Role::Organiser) {
        Ok(())
    } else {
        Err(Refusal::forbidden(
            "only an administrator or the meeting's organisers may manage its participants",
        ))
    }
}

/// The hosted meeting `meeting`, which `claims` may manage.
pub(crate) async fn managed(app: &App, claims: &Claims, meeting: &str) -> Result<Hosted, Refusal> {
    let meeting = MeetingId::new(meeting);
    may_manage(claims, &meeting)?;
    app.find_meeting(&meeting)
        .await
        .ok_or_else(|| Refusal::not_found("no such meeting"))
}

/// Where invite links point: the configured public address, else the address asked for.
pub(crate) fn base_url(app: &App, headers: &HeaderMap) -> String {
    app.public_url
        .clone()
        .unwrap_or_else(|| {
            let host = headers
                .get(header::HOST)
                .and_then(|host| host.to_str().ok())
                .unwrap_or("127.0.0.1");
            format!("http://{host}")
        })
        .trim_end_matches('/')
        .to_owned()
}

/// One participant as organisers manage them: the registry's entry, or the meeting file's
/// participant at link generation 0 when the registry does not know them.
#[derive(Debug, Clone)]
pub(crate) struct Invited {
    pub(crate) registrant: Registrant,
}

/// Everyone invited to `hosted`'s meeting: the registry's participants, then the meeting
/// file's that the registry does not know, in the file's order.
pub(crate) fn invited(hosted: &Hosted, registry: &Registry) -> Vec<Invited> {
    let mut all: Vec<Invited> = registry
        .registrants
        .iter()
        .map(|registrant| Invited {
            registrant: registrant.clone(),
        })
        .collect();
    for participant in &hosted.file.participants {
        if registry.get(&participant.id).is_none() {
            all.push(Invited {
                registrant: Registrant::new(participant.clone()),
            });
        }
    }
    all
}

/// A fresh invite link for `registrant`, unless their link is revoked.
pub(crate) fn link_of(
    app: &App,
    meeting: &MeetingId,
    base: &str,
    registrant: &Registrant,
) -> Option<String> {
    (!registrant.revoked).then(|| {
        let token = app.keys.mint_link(
            meeting,
            &registrant.participant,
            registrant.link,
            app.invite_ttl,
        );
        format!("{base}/#token={token}")
    })
}

/// One participant in an answer.
fn entry(registrant: &Registrant, url: Option<String>) -> Value {
    json!({
        "participant": registrant.participant,
        "email": registrant.email,
        "needs": registrant.needs,
        "written_question": registrant.written_question,
        "link": registrant.link,
        "revoked": registrant.revoked,
        "url": url,
    })
}

/// Everyone invited to `meeting` (which `claims` may manage), each with a fresh invite
/// link (none while revoked): what the list and the links file show.
async fn everyone(
    app: &App,
    claims: &Claims,
    meeting: &str,
    headers: &HeaderMap,
) -> Result<(MeetingId, Vec<(Registrant, Option<String>)>), Refusal> {
    let hosted = managed(app, claims, meeting).await?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    let meeting = hosted.file.info.id.clone();
    let base = base_url(app, headers);
    let linked = invited(&hosted, &registry)
        .into_iter()
        .map(|invited| {
            let url = link_of(app, &meeting, &base, &invited.registrant);
            (invited.registrant, url)
        })
        .collect();
    Ok((meeting, linked))
}

/// `GET /api/meetings/{meeting}/participants`.
pub(crate) async fn list(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    let (meeting, linked) = everyone(&app, &claims, &meeting, &headers).await?;
    let participants: Vec<Value> = linked
        .iter()
        .map(|(registrant, url)| entry(registrant, url.clone()))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({ "meeting": meeting, "participants": participants }),
    ))
}

/// A request for the floor made at registration, as the API takes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WishBody {
    participant: ParticipantId,
    #[serde(flatten)]
    wish: FloorWish,
}

/// The body of `POST /api/meetings/{meeting}/participants`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddBody {
    participants: Vec<Registrant>,
    #[serde(default)]
    requests: Vec<WishBody>,
}

/// `POST /api/meetings/{meeting}/participants`.
pub(crate) async fn add(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
    body: String,
) -> Result<Response, Refusal> {
    let hosted = managed(&app, &claims, &meeting).await?;
    let body: AddBody = serde_json::from_str(&body).map_err(|error| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Invalid,
            format!("the body is not a list of participants: {error}"),
        )
    })?;
    let info = &hosted.file.info;
    let mut registrants = Vec::with_capacity(body.participants.len());
    for (index, mut registrant) in body.participants.into_iter().enumerate() {
        check_registrant(&registrant, &info.languages)
            .map_err(|message| invalid(format!("participants[{index}]: {message}")))?;
        // Links are the server's to number.
        registrant.link = 0;
        registrant.revoked = false;
        registrants.push(registrant);
    }
    let wishes: Vec<(ParticipantId, FloorWish)> = body
        .requests
        .into_iter()
        .map(|body| (body.participant, body.wish))
        .collect();
    let added: Vec<ParticipantId> = registrants
        .iter()
        .map(|registrant| registrant.participant.id.clone())
        .collect();
    let outcome = hosted
        .handle
        .administer(
            claims.who.id.clone(),
            Admin::AddParticipants {
                registrants,
                wishes,
            },
        )
        .await?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    let base = base_url(&app, &headers);
    let participants: Vec<Value> = added
        .iter()
        .filter_map(|id| registry.get(id))
        .map(|registrant| entry(registrant, link_of(&app, &info.id, &base, registrant)))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({ "meeting": info.id, "seq": outcome.seq, "participants": participants }),
    ))
}

/// `POST /api/meetings/{meeting}/participants/{participant}/revoke`.
pub(crate) async fn revoke(
    State(app): State<Arc<App>>,
    Path((meeting, participant)): Path<(String, String)>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    change_link(&app, &headers, &claims, &meeting, &participant, false).await
}

/// `POST /api/meetings/{meeting}/participants/{participant}/replace`.
pub(crate) async fn replace(
    State(app): State<Arc<App>>,
    Path((meeting, participant)): Path<(String, String)>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    change_link(&app, &headers, &claims, &meeting, &participant, true).await
}

async fn change_link(
    app: &App,
    headers: &HeaderMap,
    claims: &Claims,
    meeting: &str,
    participant: &str,
    replace: bool,
) -> Result<Response, Refusal> {
    let hosted = managed(app, claims, meeting).await?;
    let id = ParticipantId::new(participant);
    let known = hosted
        .file
        .participants
        .iter()
        .find(|known| known.id == id)
        .cloned();
    let outcome = hosted
        .handle
        .administer(
            claims.who.id.clone(),
            Admin::Revoke {
                participant: id.clone(),
                known,
                replace,
            },
        )
        .await?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    let registrant = registry
        .get(&id)
        .ok_or_else(|| Refusal::not_found("no such participant"))?;
    let base = base_url(app, headers);
    let url = link_of(app, &hosted.file.info.id, &base, registrant);
    let mut answer = entry(registrant, url);
    answer["seq"] = outcome.seq.into();
    Ok(json_response(StatusCode::OK, &answer))
}

/// Checks a participant as organisers describe them: the rules of meeting files (an id of
/// lowercase letters, digits and dashes; a name; a booth exactly for the roles that work
/// one; the meeting's languages) and of free text.
pub(crate) fn check_registrant(
    registrant: &Registrant,
    languages: &[LanguageCode],
) -> Result<(), String> {
    use protocol::limits::{MAX_NAME_CHARS, MAX_QUESTION_CHARS};
    let participant: &Participant = &registrant.participant;
    if !is_slug(participant.id.as_str()) {
        return Err(format!("id: {}", protocol::ids::SLUG_RULE));
    }
    let text = |field: &str, value: &str, max: usize| {
        protocol::text::check(value, max).map_err(|error| format!("{field}: {error}"))
    };
    if participant.name.trim().is_empty() {
        return Err("name: must not be empty".to_owned());
    }
    text("name", &participant.name, MAX_NAME_CHARS)?;
    if let Some(delegation) = &participant.delegation {
        text("delegation", delegation, MAX_NAME_CHARS)?;
    }
    if let Some(email) = &registrant.email {
        text("email", email, MAX_NAME_CHARS)?;
        if !email.contains('@') {
            return Err("email: not an e-mail address".to_owned());
        }
    }
    if let Some(question) = &registrant.written_question {
        text("written_question", question, MAX_QUESTION_CHARS)?;
    }
    if participant.role.works_channel() != participant.booth.is_some() {
        return Err("booth: interpreters, signers and captioners have one; others none".to_owned());
    }
    if let Some(language) = participant
        .languages
        .iter()
        .find(|language| !languages.contains(language))
    {
        return Err(format!(
            "languages: `{language}` is not a language of this meeting"
        ));
    }
    Ok(())
}

fn invalid(message: String) -> Refusal {
    Refusal::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Invalid,
        message,
    )
}

fn restarting() -> Refusal {
    Refusal::unavailable("the server is restarting; try again")
}

/// Importing a registration tool's CSV export.
pub(crate) const IMPORT: &str = "/api/meetings/{meeting}/participants/import";
/// Every participant's invite link as CSV.
pub(crate) const LINKS: &str = "/api/meetings/{meeting}/participants/links.csv";
/// The largest import body: a few thousand registrants with long written questions, well
/// above the 2 MiB that other routes take.
pub(crate) const IMPORT_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The body of `POST /api/meetings/{meeting}/participants/import`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImportBody {
    csv: String,
    columns: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    valid_rows_only: bool,
    #[serde(default)]
    dry_run: bool,
}

/// `POST /api/meetings/{meeting}/participants/import`.
pub(crate) async fn import(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    Bearer { claims, .. }: Bearer,
    body: String,
) -> Result<Response, Refusal> {
    use crate::participants_csv::{Meeting, parse};
    let hosted = managed(&app, &claims, &meeting).await?;
    let body: ImportBody = serde_json::from_str(&body).map_err(|error| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Invalid,
            format!("the body is not an import (`csv`, `columns`): {error}"),
        )
    })?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    let taken = invited(&hosted, &registry)
        .into_iter()
        .map(|invited| invited.registrant.participant.id.as_str().to_owned())
        .collect();
    let checked = parse(
        &body.csv,
        &body.columns,
        &Meeting {
            languages: &hosted.file.info.languages,
            agenda: &hosted.file.agenda,
            taken,
        },
    );
    let requests = checked.rows.iter().filter(|row| row.wish.is_some()).count();
    let valid = checked.rows.len();
    let answer = |status: StatusCode, imported: usize, requests: usize, seq: Option<u64>| {
        let mut answer = json!({
            "imported": imported,
            "requests": requests,
            "valid": valid,
            "dry_run": body.dry_run,
            "errors": checked.errors,
        });
        if status != StatusCode::OK {
            answer["code"] = json!(ErrorCode::Invalid);
            answer["message"] = json!(format!(
                "{} row(s) of the file do not check; nothing was imported",
                checked.errors.len()
            ));
        }
        if let Some(seq) = seq {
            answer["seq"] = json!(seq);
        }
        json_response(status, &answer)
    };
    let mapping_wrong = checked.errors.iter().any(|error| error.line <= 1);
    if !checked.errors.is_empty() && (!body.valid_rows_only || mapping_wrong) {
        return Ok(answer(StatusCode::UNPROCESSABLE_ENTITY, 0, 0, None));
    }
    if body.dry_run || checked.rows.is_empty() {
        let imported = if body.dry_run { valid } else { 0 };
        let requests = if body.dry_run { requests } else { 0 };
        return Ok(answer(StatusCode::OK, imported, requests, None));
    }
    let mut registrants = Vec::with_capacity(valid);
    let mut wishes = Vec::with_capacity(requests);
    for row in &checked.rows {
        if let Some(wish) = &row.wish {
            wishes.push((row.registrant.participant.id.clone(), wish.clone()));
        }
        registrants.push(row.registrant.clone());
    }
    let outcome = hosted
        .handle
        .administer(
            claims.who.id.clone(),
            Admin::AddParticipants {
                registrants,
                wishes,
            },
        )
        .await?;
    tracing::info!(%meeting, participant = %claims.who.id, imported = valid, requests, "participants imported");
    Ok(answer(StatusCode::OK, valid, requests, Some(outcome.seq)))
}

/// `GET /api/meetings/{meeting}/participants/links.csv`.
pub(crate) async fn links(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    use axum::http::HeaderValue;
    use axum::response::IntoResponse;
    let (meeting, linked) = everyone(&app, &claims, &meeting, &headers).await?;
    let rows: Vec<[String; 7]> = linked
        .into_iter()
        .map(|(registrant, url)| {
            let participant = &registrant.participant;
            let languages: Vec<&str> = participant
                .languages
                .iter()
                .map(LanguageCode::as_str)
                .collect();
            [
                participant.id.as_str().to_owned(),
                participant.name.clone(),
                registrant.email.clone().unwrap_or_default(),
                participant.role.as_str().to_owned(),
                participant.delegation.clone().unwrap_or_default(),
                languages.join(";"),
                url.unwrap_or_default(),
            ]
        })
        .collect();
    let body = crate::participants_csv::links_csv(&rows);
    tracing::info!(%meeting, participant = %claims.who.id, links = rows.len(), "invite links downloaded");
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        )],
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Meeting ids are slugs: nothing in them needs quoting.
    if let Ok(disposition) =
        HeaderValue::from_str(&format!("attachment; filename=\"{meeting}-links.csv\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}
