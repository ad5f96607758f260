//! Who is connected, for the chair and the organisers: a full roster after the welcome,
//! then the changes (with each participant's number of connections), and nothing of it to
//! anyone else.

use protocol::Role;
use tests::{TestServer, WsClient, id};

#[tokio::test]
async fn the_organisers_see_who_is_connected_by_role_delegation_and_language() {
    let server = TestServer::start().await;
    let (_booth, _) = server.join("interp-fr").await;
    let (mut organiser, _) = server.join("organiser").await;
    let roster = organiser
        .roster_where(|roster| roster.len() == 2)
        .await
        .unwrap();
    let booth = &roster[&id("interp-fr")];
    assert_eq!(booth.who.role, Role::Interpreter);
    assert_eq!(booth.who.booth.as_ref().map(|b| b.as_str()), Some("fr"));
    assert_eq!(booth.who.languages[0].as_str(), "fr");
    assert!(roster.contains_key(&id("organiser")), "themselves too");

    // A delegate on two devices counts once, with two connections.
    let (mut laptop, _) = server.join("peru").await;
    let (phone, _) = server.join("peru").await;
    let roster = organiser
        .roster_where(|roster| roster.get(&id("peru")).is_some_and(|p| p.connections == 2))
        .await
        .unwrap();
    let peru = &roster[&id("peru")];
    assert_eq!(peru.who.delegation.as_deref(), Some("Peru"));
    assert_eq!(peru.who.role, Role::Attendee);
    phone.close().await;
    organiser
        .roster_where(|roster| roster.get(&id("peru")).is_some_and(|p| p.connections == 1))
        .await
        .unwrap();

    // Attendees get no roster at all.
    laptop
        .request(protocol::Command::raise_hand())
        .await
        .unwrap();
    assert!(laptop.roster.is_empty());
    laptop.close().await;
    organiser
        .roster_where(|roster| !roster.contains_key(&id("peru")))
        .await
        .unwrap();

    // The chair gets it too, from the start.
    let mut chair = WsClient::connect(&server.ws_url()).await.unwrap();
    chair.hello(&server.token("chair"), None).await.unwrap();
    let roster = chair
        .roster_where(|roster| roster.len() == 3)
        .await
        .unwrap();
    assert!(roster.contains_key(&id("chair")));
}
