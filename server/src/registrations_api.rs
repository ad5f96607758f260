//! Self-registration (`docs/participants.md`, "Self-registration"): people register on the
//! meeting's registration page, organisers approve or decline them.
//!
//! - `GET /api/meetings/{meeting}/registration` (no token): what the registration page
//!   needs (title, languages, agenda items with their guiding questions); 404 unless the
//!   meeting takes registrations.
//! - `POST /api/meetings/{meeting}/registrations` (no token): records a pending
//!   registration; answers its id and a status key. Rate-limited per client address
//!   ([`Limits::registrations_per_minute`](crate::limits::Limits)).
//! - `GET /api/meetings/{meeting}/registrations/{id}?key=…`: where it stands, with the
//!   person's invite link once approved. Only the key of that registration opens it.
//! - `GET /api/meetings/{meeting}/registrations` (organisers): every registration.
//! - `POST /api/meetings/{meeting}/registrations/{id}/approve`, `…/decline` (organisers).
//!
//! The public routes never tell one registrant anything about another: the answer to a
//! registration does not depend on what others registered, and the participant id an
//! approved person gets is `reg-{id}`, made from nothing they typed.

use crate::api::{Bearer, Refusal, json_response};
use crate::app::{App, Hosted};
use crate::limits::REGISTRATION_ADDRESSES;
use crate::listener::PeerAddress;
use crate::meeting::Admin;
use crate::participants_api::{base_url, link_of, managed};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use protocol::limits::{MAX_NAME_CHARS, MAX_QUESTION_CHARS};
use protocol::{
    ErrorCode, FloorWish, ItemId, LanguageCode, MeetingId, Needs, Participant, ParticipantId,
    Registrant, Registration, RegistrationStatus, RequestKind, Role,
};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What the registration page needs.
pub(crate) const INFO: &str = "/api/meetings/{meeting}/registration";
/// Registering, and organisers' list.
pub(crate) const REGISTRATIONS: &str = "/api/meetings/{meeting}/registrations";
/// One registration's status.
pub(crate) const STATUS: &str = "/api/meetings/{meeting}/registrations/{id}";
/// Approving one registration.
pub(crate) const APPROVE: &str = "/api/meetings/{meeting}/registrations/{id}/approve";
/// Declining one registration.
pub(crate) const DECLINE: &str = "/api/meetings/{meeting}/registrations/{id}/decline";

/// Who records a registration in the meeting's log: the registration page.
const REGISTRATION_PAGE: &str = "registration-page";

/// A token bucket per client address: `per_minute` registrations in a burst, refilled
/// evenly over a minute; at most [`REGISTRATION_ADDRESSES`] addresses remembered.
#[derive(Debug, Default)]
pub(crate) struct RateLimit {
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimit {
    /// Takes one registration from `address`'s bucket, if there is one left.
    fn take(&self, address: IpAddr, per_minute: u32, now: Instant) -> bool {
        let capacity = f64::from(per_minute.max(1));
        let per_second = capacity / 60.0;
        let mut buckets = self
            .buckets
            .lock()
            .expect("the rate limit lock is never poisoned");
        let refilled = |(tokens, at): (f64, Instant)| {
            (tokens + now.duration_since(at).as_secs_f64() * per_second).min(capacity)
        };
        if !buckets.contains_key(&address) && buckets.len() >= REGISTRATION_ADDRESSES {
            // Forget the addresses whose buckets are full again: they are as new.
            buckets.retain(|_, bucket| refilled(*bucket) < capacity);
            if buckets.len() >= REGISTRATION_ADDRESSES {
                return false;
            }
        }
        let bucket = buckets.entry(address).or_insert((capacity, now));
        let tokens = refilled(*bucket);
        if tokens < 1.0 {
            *bucket = (tokens, now);
            return false;
        }
        *bucket = (tokens - 1.0, now);
        true
    }
}

/// A refusal that names the field at fault: 422 `invalid` with `field`.
fn field_error(field: &str, message: impl Into<String>) -> Response {
    json_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        &json!({ "code": ErrorCode::Invalid, "field": field, "message": message.into() }),
    )
}

/// The meeting `meeting` if it takes registrations (404 otherwise: the same answer as
/// for a meeting that does not exist).
async fn registering(app: &App, meeting: &str) -> Result<Hosted, Refusal> {
    let hosted = app
        .find_meeting(&MeetingId::new(meeting))
        .await
        .filter(|hosted| hosted.file.info.self_registration)
        .ok_or_else(|| Refusal::not_found("no meeting takes registrations here"))?;
    Ok(hosted)
}

/// `GET /api/meetings/{meeting}/registration`.
pub(crate) async fn info(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
) -> Result<Response, Refusal> {
    let hosted = registering(&app, &meeting).await?;
    let file = &hosted.file;
    let items: Vec<Value> = file
        .agenda
        .iter()
        .map(|item| json!({ "id": item.id, "title": item.title, "questions": item.questions }))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "meeting": file.info.id,
            "title": file.info.title,
            "languages": file.info.languages,
            "default_language": file.info.default_language,
            "items": items,
        }),
    ))
}

/// The floor asked for in a registration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FloorBody {
    item: String,
    #[serde(default)]
    kind: RequestKind,
    #[serde(default)]
    question: Option<u32>,
}

/// The body of `POST /api/meetings/{meeting}/registrations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    delegation: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    needs: Needs,
    #[serde(default)]
    floor: Option<FloorBody>,
    #[serde(default)]
    written_question: Option<String>,
}

/// Whether `email` looks like an e-mail address: one `@` with something before it and a
/// domain with a dot after it, no spaces.
pub(crate) fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Free text that may be left out: trimmed, `None` when empty.
fn optional(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// Checks a registration as the page sends it; the error names the field.
fn check(hosted: &Hosted, body: RegisterBody) -> Result<Registration, (String, String)> {
    let fail = |field: &str, message: String| Err((field.to_owned(), message));
    let text = |field: &str, value: &str, max: usize| {
        protocol::text::check(value, max).map_err(|error| (field.to_owned(), error.to_string()))
    };
    let name = body.name.trim().to_owned();
    if name.is_empty() {
        return fail("name", "a name is required".into());
    }
    text("name", &name, MAX_NAME_CHARS)?;
    let email = body.email.trim().to_owned();
    if email.is_empty() {
        return fail("email", "an e-mail address is required".into());
    }
    text("email", &email, MAX_NAME_CHARS)?;
    if !plausible_email(&email) {
        return fail("email", "not an e-mail address".into());
    }
    let delegation = optional(body.delegation);
    if let Some(delegation) = &delegation {
        text("delegation", delegation, MAX_NAME_CHARS)?;
    }
    let info = &hosted.file.info;
    if body.languages.is_empty() {
        return fail("languages", "choose at least one language".into());
    }
    let mut languages: Vec<LanguageCode> = Vec::new();
    for language in &body.languages {
        let Some(known) = info
            .languages
            .iter()
            .find(|known| known.as_str() == language)
        else {
            return fail(
                "languages",
                format!("`{language}` is not a language of this meeting"),
            );
        };
        if !languages.contains(known) {
            languages.push(known.clone());
        }
    }
    let written_question = optional(body.written_question);
    if let Some(question) = &written_question {
        text("written_question", question, MAX_QUESTION_CHARS)?;
    }
    let floor = match body.floor {
        None => None,
        Some(floor) => {
            let Some(item) = hosted
                .file
                .agenda
                .iter()
                .find(|item| item.id.as_str() == floor.item)
            else {
                return fail("floor.item", "the agenda has no such item".into());
            };
            if !matches!(
                floor.kind,
                RequestKind::Intervention | RequestKind::Question
            ) {
                return fail("floor.kind", "ask for an intervention or a question".into());
            }
            if let Some(question) = floor.question {
                if floor.kind != RequestKind::Question {
                    return fail(
                        "floor.question",
                        "a guiding question goes with a question".into(),
                    );
                }
                if usize::try_from(question).map_or(true, |index| index >= item.questions.len()) {
                    return fail(
                        "floor.question",
                        "the item has no such guiding question".into(),
                    );
                }
            }
            Some(FloorWish {
                item: ItemId::new(floor.item),
                kind: floor.kind,
                question: floor.question,
                language: None,
                note: None,
            })
        }
    };
    let registrant = Registrant {
        participant: Participant {
            // The rules give it its id, `reg-{id}`.
            id: ParticipantId::new("reg-0"),
            name,
            role: Role::Attendee,
            delegation,
            booth: None,
            languages,
        },
        email: Some(email),
        needs: body.needs,
        written_question,
        link: 0,
        revoked: false,
    };
    Ok(Registration {
        id: 0,
        registrant,
        floor,
        status: RegistrationStatus::Pending,
        at: unix_millis(),
    })
}

fn unix_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

/// `POST /api/meetings/{meeting}/registrations`.
pub(crate) async fn register(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    peer: Option<Extension<PeerAddress>>,
    body: String,
) -> Result<Response, Refusal> {
    let hosted = registering(&app, &meeting).await?;
    let address = peer.map_or(IpAddr::from([0, 0, 0, 0]), |Extension(peer)| peer.0);
    if !app
        .registration_rate
        .take(address, app.limits.registrations_per_minute, Instant::now())
    {
        return Err(Refusal::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "too many registrations from this address; try again in a minute",
        ));
    }
    let body: RegisterBody = serde_json::from_str(&body).map_err(|error| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Invalid,
            format!("the body is not a registration: {error}"),
        )
    })?;
    let registration = match check(&hosted, body) {
        Ok(registration) => registration,
        Err((field, message)) => return Ok(field_error(&field, message)),
    };
    let outcome = hosted
        .handle
        .administer(
            ParticipantId::new(REGISTRATION_PAGE),
            Admin::Register(Box::new(registration)),
        )
        .await?;
    let id = outcome
        .made
        .ok_or_else(|| Refusal::unavailable("the registration was not recorded; try again"))?;
    let key = app.keys.mint_registration(&hosted.file.info.id, id);
    Ok(json_response(
        StatusCode::CREATED,
        &json!({ "registration": id, "key": key }),
    ))
}

/// The status key of a request: `Authorization: Bearer <key>` (never in the address, so
/// that it stays out of access logs: once approved, it shows the invite link).
fn key_of(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default()
        .trim()
}

/// `GET /api/meetings/{meeting}/registrations/{id}` with the status key as a bearer token.
pub(crate) async fn status(
    State(app): State<Arc<App>>,
    Path((meeting, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let meeting = MeetingId::new(meeting);
    let made = app
        .keys
        .verify_registration(key_of(&headers), &meeting)
        .map_err(|_| Refusal::unauthorized("the key is not valid"))?;
    if id.parse::<u64>().ok() != Some(made) {
        return Err(Refusal::forbidden("the key is for another registration"));
    }
    let hosted = app
        .find_meeting(&meeting)
        .await
        .ok_or_else(|| Refusal::not_found("no such meeting"))?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    let registration = registry
        .registration(made)
        .ok_or_else(|| Refusal::not_found("no such registration"))?;
    let mut answer = json!({ "registration": made, "status": registration.status });
    if registration.status == RegistrationStatus::Approved
        && let Some(registrant) = registry.get(&registration.registrant.participant.id)
    {
        let base = base_url(&app, &headers);
        answer["url"] = link_of(&app, &meeting, &base, registrant).into();
    }
    Ok(json_response(StatusCode::OK, &answer))
}

/// `GET /api/meetings/{meeting}/registrations`.
pub(crate) async fn list(
    State(app): State<Arc<App>>,
    Path(meeting): Path<String>,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    let hosted = managed(&app, &claims, &meeting).await?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    Ok(json_response(
        StatusCode::OK,
        &json!({ "meeting": hosted.file.info.id, "registrations": registry.registrations }),
    ))
}

/// `POST /api/meetings/{meeting}/registrations/{id}/approve`.
pub(crate) async fn approve(
    State(app): State<Arc<App>>,
    Path((meeting, id)): Path<(String, String)>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    decide(&app, &headers, &claims, &meeting, &id, true).await
}

/// `POST /api/meetings/{meeting}/registrations/{id}/decline`.
pub(crate) async fn decline(
    State(app): State<Arc<App>>,
    Path((meeting, id)): Path<(String, String)>,
    headers: HeaderMap,
    Bearer { claims, .. }: Bearer,
) -> Result<Response, Refusal> {
    decide(&app, &headers, &claims, &meeting, &id, false).await
}

async fn decide(
    app: &App,
    headers: &HeaderMap,
    claims: &crate::auth::Claims,
    meeting: &str,
    id: &str,
    approve: bool,
) -> Result<Response, Refusal> {
    let hosted = managed(app, claims, meeting).await?;
    let id: u64 = id
        .parse()
        .map_err(|_| Refusal::not_found("no such registration"))?;
    let outcome = hosted
        .handle
        .administer(
            claims.who.id.clone(),
            Admin::Decide {
                registration: id,
                approve,
            },
        )
        .await?;
    let registry = hosted.handle.registry().await.map_err(|_| restarting())?;
    let registration = registry
        .registration(id)
        .ok_or_else(|| Refusal::not_found("no such registration"))?;
    let url = registry
        .get(&registration.registrant.participant.id)
        .filter(|_| registration.status == RegistrationStatus::Approved)
        .and_then(|registrant| {
            link_of(
                app,
                &hosted.file.info.id,
                &base_url(app, headers),
                registrant,
            )
        });
    Ok(json_response(
        StatusCode::OK,
        &json!({ "seq": outcome.seq, "registration": registration, "url": url }),
    ))
}

fn restarting() -> Refusal {
    Refusal::unavailable("the server is restarting; try again")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn e_mail_addresses_are_plausible_or_not() {
        assert!(plausible_email("ana@example.org"));
        assert!(plausible_email("a.b+c@sub.example.co"));
        for bad in [
            "",
            "ana",
            "@example.org",
            "ana@",
            "ana@example",
            "a b@x.org",
            "a@b@c.org",
            "a@.org",
            "a@x..org",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn the_rate_limit_refills_over_a_minute_per_address() {
        let limit = RateLimit::default();
        let start = Instant::now();
        let one = IpAddr::from([10, 0, 0, 1]);
        let two = IpAddr::from([10, 0, 0, 2]);
        for _ in 0..3 {
            assert!(limit.take(one, 3, start));
        }
        assert!(!limit.take(one, 3, start), "the burst is spent");
        assert!(limit.take(two, 3, start), "another address has its own");
        assert!(!limit.take(one, 3, start + Duration::from_secs(19)));
        assert!(
            limit.take(one, 3, start + Duration::from_secs(21)),
            "one refilled"
        );
    }
}
