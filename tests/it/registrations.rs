//! Self-registration over real sockets: the registration page's routes take no token and
//! answer only for meetings that take registrations; bad input is refused with the field
//! named; one address may register only a few times a minute; the status key opens its
//! own registration and nothing else (not `hello`, not someone else's registration);
//! approving makes the person a participant whose link joins, with their request for the
//! floor in the item's list marked as made at registration; declining says so.

use serde_json::{Value, json};
use tests::{HttpResponse, TestServer, http_send};

const MEETING: &str = "victim-assistance-2020";

async fn call(
    server: &TestServer,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> HttpResponse {
    let bearer = token.map(|token| format!("Bearer {token}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(bearer) = &bearer {
        headers.push(("Authorization", bearer));
    }
    http_send(
        server.addr,
        method,
        &format!("/api/meetings/{MEETING}{path}"),
        &headers,
        body,
    )
    .await
}

fn json(response: &HttpResponse) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {} {}", response.status, response.body))
}

/// A server whose demo meeting takes registrations, `per_minute` of them per address.
async fn registering(per_minute: u32) -> TestServer {
    TestServer::start_with(|config| {
        config.meetings[0].info.self_registration = true;
        config.limits.registrations_per_minute = per_minute;
    })
    .await
}

fn ana() -> Value {
    json!({
        "name": "Ana Pérez", "email": "ana@example.org", "delegation": "Peru",
        "languages": ["es", "en"], "needs": {"captions": true},
        "floor": {"item": "discussion", "kind": "question", "question": 1},
        "written_question": "¿Cómo informará el fondo a las víctimas?"
    })
}

async fn register(server: &TestServer, body: &Value) -> HttpResponse {
    call(server, "POST", "/registrations", None, &body.to_string()).await
}

async fn status(server: &TestServer, id: &Value, key: &str) -> HttpResponse {
    call(
        server,
        "GET",
        &format!("/registrations/{id}?key={key}"),
        None,
        "",
    )
    .await
}

#[tokio::test]
async fn a_meeting_without_self_registration_takes_none() {
    let server = TestServer::start().await;
    let info = call(&server, "GET", "/registration", None, "").await;
    assert_eq!(info.status, 404, "{}", info.body);
    let refused = register(&server, &ana()).await;
    assert_eq!(refused.status, 404, "{}", refused.body);
    let unknown = http_send(
        server.addr,
        "GET",
        "/api/meetings/no-such-meeting/registration",
        &[],
        "",
    )
    .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn the_registration_page_gets_the_meeting_and_bad_input_names_its_field() {
    let server = registering(100).await;
    let info = call(&server, "GET", "/registration", None, "").await;
    assert_eq!(info.status, 200, "{}", info.body);
    let info = json(&info);
    assert_eq!(info["languages"], json!(["ar", "en", "fr", "es"]));
    let discussion = info["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == "discussion")
        .expect("the agenda's items");
    assert!(!discussion["questions"].as_array().unwrap().is_empty());
    assert!(
        !info.to_string().contains("peru") && !info.to_string().contains("email"),
        "nothing about participants"
    );

    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = ana();
        change(&mut body);
        body
    };
    let cases: Vec<(Value, &str)> = vec![
        (with(&|body| body["name"] = json!("  ")), "name"),
        (
            with(&|body| {
                body.as_object_mut().unwrap().remove("email");
            }),
            "email",
        ),
        (
            with(&|body| body["email"] = json!("ana.example.org")),
            "email",
        ),
        (
            with(&|body| body["email"] = json!("ana@localhost")),
            "email",
        ),
        (with(&|body| body["languages"] = json!([])), "languages"),
        (with(&|body| body["languages"] = json!(["de"])), "languages"),
        (
            with(&|body| body["delegation"] = json!("Peru\u{202E}")),
            "delegation",
        ),
        (with(&|body| body["name"] = json!("Ana\u{0007}")), "name"),
        (
            with(&|body| body["written_question"] = json!("x".repeat(1001))),
            "written_question",
        ),
        (
            with(&|body| body["floor"]["item"] = json!("nowhere")),
            "floor.item",
        ),
        (
            with(&|body| body["floor"]["question"] = json!(99)),
            "floor.question",
        ),
        (
            with(&|body| body["floor"]["kind"] = json!("point_of_order")),
            "floor.kind",
        ),
    ];
    for (body, field) in cases {
        let refused = register(&server, &body).await;
        assert_eq!(refused.status, 422, "{field}: {}", refused.body);
        let refused = json(&refused);
        assert_eq!(refused["code"], "invalid");
        assert_eq!(refused["field"], field, "{refused}");
    }
    let shapeless = call(&server, "POST", "/registrations", None, "[1, 2]").await;
    assert_eq!(shapeless.status, 400, "{}", shapeless.body);

    // Nothing was recorded.
    let organiser = server.token("organiser");
    let listed = call(&server, "GET", "/registrations", Some(&organiser), "").await;
    assert_eq!(json(&listed)["registrations"], json!([]));
}

#[tokio::test]
async fn one_address_registers_only_a_few_times_a_minute() {
    let server = registering(3).await;
    for _ in 0..3 {
        let made = register(&server, &ana()).await;
        assert_eq!(made.status, 201, "{}", made.body);
    }
    let refused = register(&server, &ana()).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(json(&refused)["code"], "rate_limited");
}

#[tokio::test]
async fn an_approved_registrant_joins_with_their_request_and_keys_open_nothing_else() {
    let server = registering(10).await;
    let made = register(&server, &ana()).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let made = json(&made);
    let (id, key) = (
        made["registration"].clone(),
        made["key"].as_str().unwrap().to_owned(),
    );
    let other = json(
        &register(
            &server,
            &json!({"name": "Bo", "email": "bo@example.org", "languages": ["en"]}),
        )
        .await,
    );
    let (other_id, other_key) = (
        other["registration"].clone(),
        other["key"].as_str().unwrap().to_owned(),
    );
    assert_ne!(id, other_id);

    let pending = status(&server, &id, &key).await;
    assert_eq!(pending.status, 200, "{}", pending.body);
    assert_eq!(json(&pending)["status"], "pending");
    assert!(json(&pending).get("url").is_none());

    // Keys open their own registration only; other answers do not depend on others.
    assert_eq!(status(&server, &other_id, &key).await.status, 403);
    assert_eq!(status(&server, &id, &other_key).await.status, 403);
    assert_eq!(status(&server, &json!(999), &key).await.status, 403);
    assert_eq!(status(&server, &id, "not-a-key").await.status, 401);
    assert_eq!(status(&server, &id, "").await.status, 401);
    let forged = format!("{}x", &key[..key.len() - 1]);
    assert_eq!(status(&server, &id, &forged).await.status, 401);
    let other_meeting = http_send(
        server.addr,
        "GET",
        &format!("/api/meetings/board-2026/registrations/{id}?key={key}"),
        &[],
        "",
    )
    .await;
    assert_eq!(other_meeting.status, 401);
    // A key is not a token: no meeting opens with it, nor any API.
    let mut client = tests::WsClient::connect(&server.ws_url()).await.unwrap();
    assert!(
        client.hello(&key, None).await.is_err(),
        "hello refuses a key"
    );
    assert_eq!(
        call(&server, "GET", "/registrations", Some(&key), "")
            .await
            .status,
        401
    );

    // Organisers only list and decide.
    let organiser = server.token("organiser");
    for token in [None, Some(server.token("peru"))] {
        let listed = call(&server, "GET", "/registrations", token.as_deref(), "").await;
        assert!(matches!(listed.status, 401 | 403), "{}", listed.status);
        let approved = call(
            &server,
            "POST",
            &format!("/registrations/{id}/approve"),
            token.as_deref(),
            "",
        )
        .await;
        assert!(matches!(approved.status, 401 | 403), "{}", approved.status);
    }
    let listed = json(&call(&server, "GET", "/registrations", Some(&organiser), "").await);
    let listed = listed["registrations"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["registrant"]["participant"]["name"], "Ana Pérez");
    assert_eq!(listed[0]["registrant"]["email"], "ana@example.org");

    let approved = call(
        &server,
        "POST",
        &format!("/registrations/{id}/approve"),
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    let again = call(
        &server,
        "POST",
        &format!("/registrations/{id}/approve"),
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(again.status, 409, "{}", again.body);
    let declined = call(
        &server,
        "POST",
        &format!("/registrations/{other_id}/decline"),
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(declined.status, 200, "{}", declined.body);
    let missing = call(
        &server,
        "POST",
        "/registrations/999/approve",
        Some(&organiser),
        "",
    )
    .await;
    assert_eq!(missing.status, 404, "{}", missing.body);

    let approved = json(&status(&server, &id, &key).await);
    assert_eq!(approved["status"], "approved");
    let url = approved["url"]
        .as_str()
        .expect("the invite link")
        .to_owned();
    let token = url.split_once("#token=").unwrap().1;
    let (_, welcome) = server.join_with(token).await;
    assert_eq!(welcome.you.id.as_str(), format!("reg-{id}"));
    assert_eq!(welcome.you.name, "Ana Pérez");
    assert_eq!(welcome.you.role, protocol::Role::Attendee);
    let declined = json(&status(&server, &other_id, &other_key).await);
    assert_eq!(declined["status"], "declined");
    assert!(declined.get("url").is_none());

    let (_, chair) = server.join("chair").await;
    let state = chair.meeting.unwrap();
    let request = state
        .list(&protocol::ItemId::new("discussion"))
        .unwrap()
        .queue
        .iter()
        .find(|request| request.participant.as_str() == format!("reg-{id}"))
        .expect("the registrant's request is in the list")
        .clone();
    assert!(request.registered);
    assert_eq!(request.question, Some(1));
    assert_eq!(request.kind, protocol::RequestKind::Question);
}

#[tokio::test]
async fn a_closed_meeting_takes_no_registrations() {
    let server = registering(10).await;
    let admin = server.admin_token();
    let closed = http_send(
        server.addr,
        "POST",
        &format!("/api/meetings/{MEETING}/close"),
        &[("Authorization", &format!("Bearer {admin}"))],
        "",
    )
    .await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    let refused = register(&server, &ana()).await;
    assert!(
        matches!(refused.status, 403 | 404 | 409),
        "{} {}",
        refused.status,
        refused.body
    );
}
