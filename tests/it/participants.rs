//! The participants API over real sockets: organisers list who is invited with their
//! links, add a late registrant who joins at once, and revoke or replace a leaked link:
//! open connections using it close with `LINK_REVOKED` within a second, the old token is
//! refused at `hello` and at `refresh_token`, and a replaced link works.

use protocol::{ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION, close};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tests::{HttpResponse, TestServer, WsClient};

async fn call(
    server: &TestServer,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> HttpResponse {
    tests::meeting_api(server, method, path, Some(token), body).await
}

fn json(response: &HttpResponse) -> Value {
    response.json()
}

/// The close code a `hello` with `token` gets.
async fn refused_with(server: &TestServer, token: &str) -> Option<u16> {
    let mut client = WsClient::connect(&server.ws_url()).await.unwrap();
    let hello = ClientMessage::Hello(Hello {
        token: token.to_owned(),
        protocol: PROTOCOL_VERSION,
        since: None,
    });
    client.send_message(&hello).await.unwrap();
    client.closed().await.unwrap().code
}

/// The token inside an invite link.
fn token_of(url: &str) -> String {
    url.split_once("#token=")
        .expect("an invite link")
        .1
        .to_owned()
}

#[tokio::test]
async fn organisers_list_participants_with_links_and_add_a_late_registrant() {
    let server = TestServer::start().await;
    let organiser = server.token("organiser");
    let listed = call(&server, "GET", "/participants", &organiser, "").await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let listed = json(&listed);
    let participants = listed["participants"].as_array().unwrap();
    let peru = participants
        .iter()
        .find(|entry| entry["participant"]["id"] == "peru")
        .expect("the meeting file's participants are listed");
    assert_eq!(peru["link"], 0);
    let (_, welcome) = server
        .join_with(&token_of(peru["url"].as_str().unwrap()))
        .await;
    assert_eq!(welcome.you.id.as_str(), "peru");

    // A late registrant with a request for the floor on the discussion: they join at once,
    // and their request made at registration is in the list.
    let late = json!({
        "participants": [{
            "participant": {"id": "ghana", "name": "Delegate of Ghana", "role": "attendee",
                             "delegation": "Ghana", "languages": ["en"]},
            "email": "ghana@example.org",
            "needs": {"captions": true}
        }],
        "requests": [{"participant": "ghana", "item": "discussion", "kind": "question", "question": 1}]
    });
    let added = call(
        &server,
        "POST",
        "/participants",
        &organiser,
        &late.to_string(),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let added = json(&added);
    let url = added["participants"][0]["url"].as_str().unwrap().to_owned();
    let (_, welcome) = server.join_with(&token_of(&url)).await;
    assert_eq!(welcome.you.name, "Delegate of Ghana");
    let (_, chair) = server.join("chair").await;
    let state = chair.meeting.unwrap();
    let discussion = state.list(&protocol::ItemId::new("discussion")).unwrap();
    let ghana = discussion
        .queue
        .iter()
        .find(|request| request.participant.as_str() == "ghana")
        .expect("the late registrant's request is in the list");
    assert!(ghana.registered);
    assert_eq!(ghana.question, Some(1));
    assert_eq!(
        state
            .registry
            .get(&protocol::ParticipantId::new("ghana"))
            .unwrap()
            .email
            .as_deref(),
        Some("ghana@example.org")
    );

    // Attendees never see the registry.
    let (_, attendee) = server.join("senegal").await;
    assert!(attendee.meeting.unwrap().registry.is_empty());

    // Refused: a bad participant (with the field named), and anyone but organisers.
    let bad = json!({"participants": [{"participant": {"id": "Bad Id", "name": "X", "role": "attendee"}}]});
    let refused = call(
        &server,
        "POST",
        "/participants",
        &organiser,
        &bad.to_string(),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        json(&refused)["message"]
            .as_str()
            .unwrap()
            .contains("participants[0]: id")
    );
    let refused = call(&server, "GET", "/participants", &server.token("chair"), "").await;
    assert_eq!(refused.status, 403);
    assert_eq!(json(&refused)["code"], "forbidden");
}

#[tokio::test]
async fn a_revoked_link_is_cut_off_at_once_and_a_replaced_one_works() {
    let server = TestServer::start().await;
    let organiser = server.token("organiser");
    let old = server.token("peru");
    let (mut open, _) = server.join_with(&old).await;
    let (mut other_tab, _) = server.join_with(&old).await;
    let (bystander, _) = server.join("senegal").await;

    let started = Instant::now();
    let revoked = call(&server, "POST", "/participants/peru/revoke", &organiser, "").await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let revoked = json(&revoked);
    assert_eq!(revoked["revoked"], true);
    assert!(
        revoked["url"].is_null(),
        "a revoked link has no replacement"
    );
    for tab in [&mut open, &mut other_tab] {
        let closed = std::mem::replace(tab, WsClient::connect(&server.ws_url()).await.unwrap())
            .closed()
            .await
            .unwrap();
        assert_eq!(closed.code, Some(close::LINK_REVOKED));
    }
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // Others stay.
    drop(bystander);

    // The old token is refused at hello, with the same code.
    assert_eq!(refused_with(&server, &old).await, Some(close::LINK_REVOKED));

    // Replaced: a new link for the same participant works, the old one still does not.
    let replaced = call(
        &server,
        "POST",
        "/participants/peru/replace",
        &organiser,
        "",
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    let replaced = json(&replaced);
    assert_eq!(replaced["link"], 2);
    let fresh = token_of(replaced["url"].as_str().unwrap());
    let (mut joined, welcome) = server.join_with(&fresh).await;
    assert_eq!(welcome.you.id.as_str(), "peru");
    assert_eq!(refused_with(&server, &old).await, Some(close::LINK_REVOKED));
    // Nor may the old token be slipped in as a refresh.
    joined
        .send_message(&ClientMessage::RefreshToken {
            id: 5,
            token: old.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        joined.ack_of(5).await.unwrap_err().0,
        ErrorCode::Unauthorized
    );

    // The revocation survives a restart: the old token stays refused, the new one works.
    let server = server.restart().await;
    assert_eq!(refused_with(&server, &old).await, Some(close::LINK_REVOKED));
    server.join_with(&fresh).await;
    let unknown = call(
        &server,
        "POST",
        "/participants/nobody/revoke",
        &organiser,
        "",
    )
    .await;
    assert_eq!(unknown.status, 404);
}
