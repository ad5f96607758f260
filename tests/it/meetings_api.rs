//! The meetings API over real sockets: an administrator creates a meeting on a running
//! server, its people join at once, its organiser updates it while everyone follows, it
//! survives a restart, and it is closed. Who may do what, and bad files, are refused
//! with stable codes.

use protocol::{Command, ErrorCode, Event, ItemId, ItemState};
use serde_json::Value;
use tests::{HttpResponse, TestServer, http_send};

/// A small meeting: two languages, two items, a chair, an organiser and an attendee.
const BOARD: &str = r#"
id = "board-2026"
languages = ["en", "fr"]
default_language = "en"
time_zone = "Europe/Paris"
scheduled_start = "2026-12-01T10:00:00+01:00"
speaking_time_seconds = 120

[title]
en = "Board meeting"
fr = "Réunion du conseil"

[[agenda]]
id = "welcome"
planned_minutes = 5
title.en = "Welcome"
title.fr = "Bienvenue"

[[agenda]]
id = "budget"
planned_minutes = 30
title.en = "Budget"
title.fr = "Budget"

[[participants]]
id = "chair"
name = "Chair"
role = "chair"

[[participants]]
id = "organiser"
name = "Secretariat"
role = "organiser"

[[participants]]
id = "kenya"
name = "Delegate of Kenya"
role = "attendee"
delegation = "Kenya"
"#;

async fn put(server: &TestServer, meeting: &str, token: Option<&str>, body: &str) -> HttpResponse {
    let bearer = token.map(|token| format!("Bearer {token}"));
    let mut headers = vec![("Content-Type", "application/toml")];
    if let Some(bearer) = &bearer {
        headers.push(("Authorization", bearer));
    }
    http_send(
        server.addr,
        "PUT",
        &format!("/api/meetings/{meeting}"),
        &headers,
        body,
    )
    .await
}

async fn post_close(server: &TestServer, meeting: &str, token: &str) -> HttpResponse {
    let bearer = format!("Bearer {token}");
    http_send(
        server.addr,
        "POST",
        &format!("/api/meetings/{meeting}/close"),
        &[("Authorization", &bearer)],
        "",
    )
    .await
}

fn json(response: &HttpResponse) -> Value {
    assert_eq!(response.header("content-type"), Some("application/json"));
    serde_json::from_str(&response.body).expect("a JSON body")
}

/// The response's status and error code.
fn refusal(response: &HttpResponse) -> (u16, String) {
    let body = json(response);
    (
        response.status,
        body["code"].as_str().unwrap_or("").to_owned(),
    )
}

/// The token of `participant`'s invite link in a creation or update answer.
fn invite_token(answer: &Value, participant: &str) -> String {
    let invite = answer["invites"]
        .as_array()
        .expect("invites")
        .iter()
        .find(|invite| invite["participant"] == participant)
        .unwrap_or_else(|| panic!("an invite for {participant}"));
    let url = invite["url"].as_str().expect("a URL");
    url.split_once("#token=")
        .expect("the token in the fragment")
        .1
        .to_owned()
}

#[tokio::test]
async fn an_administrator_creates_a_meeting_that_people_join_at_once() {
    let server = TestServer::start().await;
    let admin = server.admin_token();

    // Refusals, in the order a caller meets them; none creates anything.
    assert_eq!(
        refusal(&put(&server, "board-2026", None, BOARD).await),
        (401, "unauthorized".into())
    );
    assert_eq!(
        refusal(&put(&server, "board-2026", Some("not.a.token"), BOARD).await),
        (401, "unauthorized".into())
    );
    for someone in ["peru", "organiser", "chair"] {
        let token = server.token(someone);
        assert_eq!(
            refusal(&put(&server, "board-2026", Some(&token), BOARD).await),
            (403, "forbidden".into()),
            "{someone} of another meeting may not create one"
        );
    }
    let mismatch = put(&server, "another-id", Some(&admin), BOARD).await;
    assert_eq!(refusal(&mismatch), (400, "invalid".into()));
    let broken = put(
        &server,
        "board-2026",
        Some(&admin),
        "id = \"board-2026\"\nlanguages = [",
    )
    .await;
    assert_eq!(refusal(&broken), (400, "invalid".into()));
    assert!(
        json(&broken)["message"]
            .as_str()
            .unwrap()
            .contains("line 2"),
        "{}",
        broken.body
    );
    // A name that would display as something else (a right-to-left override, written as
    // a TOML escape) is refused like any other impossible field, naming it.
    let hostile = BOARD.replace("name = \"Delegate of Kenya\"", "name = \"\\u202EDelegate\"");
    assert_ne!(hostile, BOARD);
    let hostile = put(&server, "board-2026", Some(&admin), &hostile).await;
    assert_eq!(refusal(&hostile), (422, "invalid".into()));
    let message = json(&hostile)["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("participants[2].name") && message.contains("U+202E"),
        "{message}"
    );
    let impossible = BOARD.replace("default_language = \"en\"", "default_language = \"de\"");
    let impossible = put(&server, "board-2026", Some(&admin), &impossible).await;
    assert_eq!(refusal(&impossible), (422, "invalid".into()));
    assert!(
        json(&impossible)["message"]
            .as_str()
            .unwrap()
            .contains("default_language"),
        "{}",
        impossible.body
    );
    assert!(
        !server.data_dir().join("meetings/board-2026.toml").exists(),
        "nothing refused is saved"
    );

    let created = put(&server, "board-2026", Some(&admin), BOARD).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let created = json(&created);
    assert_eq!(created["created"], true);
    assert_eq!(created["invites"].as_array().unwrap().len(), 3);
    assert!(server.data_dir().join("meetings/board-2026.toml").exists());

    let (_attendee, welcome) = server.join_with(&invite_token(&created, "kenya")).await;
    let meeting = welcome.meeting.expect("a snapshot");
    assert_eq!(meeting.info.id.as_str(), "board-2026");
    assert_eq!(meeting.agenda.len(), 2);
    assert_eq!(meeting.seq, 0);

    // The same file again changes nothing; the list shows both meetings.
    let again = put(&server, "board-2026", Some(&admin), BOARD).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(json(&again)["changed"], false);
    let bearer = format!("Bearer {admin}");
    let listed = http_send(
        server.addr,
        "GET",
        "/api/meetings",
        &[("Authorization", &bearer)],
        "",
    )
    .await;
    let ids: Vec<_> = json(&listed)["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|meeting| meeting["meeting"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["board-2026", "victim-assistance-2020"]);
    let organiser = format!("Bearer {}", server.token("organiser"));
    let listed = http_send(
        server.addr,
        "GET",
        "/api/meetings",
        &[("Authorization", &organiser)],
        "",
    )
    .await;
    assert_eq!(refusal(&listed), (403, "forbidden".into()));
}

#[tokio::test]
async fn the_organiser_updates_and_closes_a_meeting_while_everyone_follows() {
    let server = TestServer::start().await;
    let created = put(&server, "board-2026", Some(&server.admin_token()), BOARD).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let created = json(&created);
    let organiser = invite_token(&created, "organiser");
    let (mut chair, _) = server.join_with(&invite_token(&created, "chair")).await;
    let (mut attendee, _) = server.join_with(&invite_token(&created, "kenya")).await;
    chair.request(Command::next_item()).await.unwrap();
    for client in [&mut chair, &mut attendee] {
        assert!(matches!(
            client.next_event().await.unwrap().event,
            Event::CurrentItemChanged { .. }
        ));
    }

    // Another meeting's organiser may not touch it.
    let foreign = put(
        &server,
        "board-2026",
        Some(&server.token("organiser")),
        BOARD,
    )
    .await;
    assert_eq!(refusal(&foreign), (403, "forbidden".into()));

    // Rename an item, plan longer, add one at the end: one event, and everyone has it.
    let updated_file = BOARD
        .replace("title.en = \"Budget\"", "title.en = \"Budget for 2027\"")
        .replace("planned_minutes = 30", "planned_minutes = 45")
        + "\n[[agenda]]\nid = \"any-other-business\"\ntitle.en = \"Any other business\"\n";
    let updated = put(&server, "board-2026", Some(&organiser), &updated_file).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(json(&updated)["changed"], true);
    let event = attendee.next_event().await.unwrap();
    let Event::MeetingUpdated { agenda, .. } = &event.event else {
        panic!("expected the update, got {event:?}");
    };
    assert_eq!(agenda.len(), 3);
    assert_eq!(
        event.actor.as_ref().map(|actor| actor.as_str()),
        Some("organiser")
    );
    let chair_saw = chair.next_event().await.unwrap();
    assert!(matches!(chair_saw.event, Event::MeetingUpdated { .. }));

    // The item under discussion cannot be removed; nothing changes.
    let without_welcome = updated_file.replacen(
        "[[agenda]]\nid = \"welcome\"\nplanned_minutes = 5\ntitle.en = \"Welcome\"\ntitle.fr = \"Bienvenue\"\n",
        "",
        1,
    );
    assert_ne!(without_welcome, updated_file);
    let refused = put(&server, "board-2026", Some(&organiser), &without_welcome).await;
    assert_eq!(refusal(&refused), (409, "conflict".into()));

    // After a restart the meeting is hosted again, as updated, where it stood.
    drop((chair, attendee));
    let server = server.restart().await;
    let (mut chair, welcome) = server.join_with(&invite_token(&created, "chair")).await;
    let meeting = welcome.meeting.expect("a snapshot");
    assert_eq!(meeting.agenda.len(), 3);
    assert_eq!(
        meeting.agenda[1]
            .title
            .0
            .values()
            .next()
            .map(String::as_str),
        Some("Budget for 2027")
    );
    assert_eq!(meeting.agenda[1].planned_minutes, Some(45));
    assert_eq!(meeting.current_item, Some(ItemId::new("welcome")));
    let (mut attendee, _) = server.join_with(&invite_token(&created, "kenya")).await;

    // Closing: everyone is told, nothing more is taken, and closing again is harmless.
    let closed = post_close(&server, "board-2026", &organiser).await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(json(&closed)["changed"], true);
    assert!(matches!(
        attendee.next_event().await.unwrap().event,
        Event::MeetingClosed
    ));
    let (code, _) = chair.request(Command::next_item()).await.unwrap_err();
    assert_eq!(code, ErrorCode::Conflict);
    let again = post_close(&server, "board-2026", &organiser).await;
    assert_eq!(json(&again)["changed"], false);
    let (_late, welcome) = server.join_with(&invite_token(&created, "kenya")).await;
    let meeting = welcome.meeting.expect("a snapshot");
    assert!(meeting.closed_at.is_some(), "a late joiner sees it closed");
    assert_eq!(meeting.agenda[0].state, ItemState::Done);
    let refused = put(&server, "board-2026", Some(&organiser), BOARD).await;
    assert_eq!(refusal(&refused), (409, "conflict".into()));

    // Other meetings go on.
    let (mut demo_chair, _) = server.join("chair").await;
    demo_chair.request(Command::next_item()).await.unwrap();
    let unknown = post_close(&server, "no-such-meeting", &server.admin_token()).await;
    assert_eq!(refusal(&unknown), (404, "not_found".into()));
}
