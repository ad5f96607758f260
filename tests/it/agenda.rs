//! The live agenda over real WebSockets: moving through it, marking, adding, editing
//! and moving items; only the chair may; everyone follows; a late joiner sees it all.

use protocol::{Command, ErrorCode, Event, ItemId, ItemState, LanguageCode, Localized};
use tests::TestServer;

fn title(language: &str, text: &str) -> Localized {
    Localized([(LanguageCode::new(language), text.to_owned())].into())
}

fn ids(state: &protocol::MeetingState) -> Vec<(String, ItemState)> {
    state
        .agenda
        .iter()
        .map(|item| (item.id.to_string(), item.state))
        .collect()
}

#[tokio::test]
async fn the_chair_changes_the_agenda_and_everyone_follows() {
    use ItemState::{Done, Live, Skipped, Upcoming};
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut attendee, _) = server.join("peru").await;

    chair.request(Command::NextItem).await.unwrap();
    chair
        .request(Command::MarkItem {
            item: ItemId::new("opening-president"),
            state: Skipped,
        })
        .await
        .unwrap();
    // "Next" passes over the skipped item.
    chair.request(Command::NextItem).await.unwrap();
    chair
        .request(Command::AddItem {
            item: ItemId::new("survivors"),
            title: title("en", "  Survivors speak  "),
            presenter: Some("ALSO".into()),
            planned_minutes: Some(15),
            position: Some(4),
        })
        .await
        .unwrap();
    chair
        .request(Command::EditItem {
            item: ItemId::new("survivors"),
            title: title("fr", "Les survivants prennent la parole"),
            presenter: Some("ALSO".into()),
            planned_minutes: Some(20),
        })
        .await
        .unwrap();
    chair
        .request(Command::MoveItem {
            item: ItemId::new("closing"),
            position: 5,
        })
        .await
        .unwrap();

    // Attendees get the agenda's events (they are not the list of speakers').
    let mut kinds = Vec::new();
    while kinds.len() < 6 {
        kinds.push(attendee.next_event().await.unwrap().event);
    }
    assert!(matches!(kinds[3], Event::ItemAdded { position: 4, .. }));

    // A late joiner's snapshot has it all.
    let (_, late) = server.join("colombia").await;
    let state = late.meeting.unwrap();
    assert_eq!(
        ids(&state),
        [
            ("opening-eu".to_owned(), Done),
            ("opening-president".to_owned(), Skipped),
            ("discussion".to_owned(), Live),
            ("survivors".to_owned(), Upcoming),
            ("closing".to_owned(), Upcoming),
            ("conclusions".to_owned(), Upcoming),
        ]
    );
    let survivors = &state.agenda[3];
    assert_eq!(survivors.planned_minutes, Some(20));
    assert!(survivors.title.has(&LanguageCode::new("fr")));
    assert!(state.started_at.is_some());
    assert!(state.agenda[0].used_ms > 0 || state.agenda[0].live_since.is_none());
    // And the new item has its own list of speakers, which the chair can open.
    chair
        .request(Command::SetCurrentItem {
            item: ItemId::new("survivors"),
        })
        .await
        .unwrap();
    attendee.request(Command::raise_hand()).await.unwrap();
}

#[tokio::test]
async fn only_the_chair_changes_the_agenda_and_bad_changes_are_refused() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut organiser, _) = server.join("organiser").await;
    let add = |id: &str, text: &str| Command::AddItem {
        item: ItemId::new(id),
        title: title("en", text),
        presenter: None,
        planned_minutes: None,
        position: None,
    };
    for command in [
        add("extra", "Extra"),
        Command::MarkItem {
            item: ItemId::new("closing"),
            state: ItemState::Skipped,
        },
        Command::MoveItem {
            item: ItemId::new("closing"),
            position: 1,
        },
    ] {
        let name = command.name();
        assert_eq!(
            organiser.request(command).await.unwrap_err().0,
            ErrorCode::Forbidden,
            "{name}"
        );
    }
    chair.request(Command::NextItem).await.unwrap();
    let refusals = [
        (add("Not An Id", "x"), ErrorCode::Invalid),
        (add("discussion", "Twice"), ErrorCode::Conflict),
        (add("extra", "   "), ErrorCode::Invalid),
        (
            Command::AddItem {
                item: ItemId::new("extra"),
                title: title("de", "Extra"),
                presenter: None,
                planned_minutes: None,
                position: None,
            },
            ErrorCode::Invalid,
        ),
        (
            Command::AddItem {
                item: ItemId::new("extra"),
                title: title("en", "Extra"),
                presenter: None,
                planned_minutes: Some(0),
                position: None,
            },
            ErrorCode::Invalid,
        ),
        (
            Command::MarkItem {
                item: ItemId::new("opening-eu"),
                state: ItemState::Done,
            },
            ErrorCode::Conflict,
        ),
        (
            Command::MarkItem {
                item: ItemId::new("closing"),
                state: ItemState::Live,
            },
            ErrorCode::Invalid,
        ),
        (
            Command::MoveItem {
                item: ItemId::new("closing"),
                position: 9,
            },
            ErrorCode::Invalid,
        ),
        (
            Command::EditItem {
                item: ItemId::new("nope"),
                title: title("en", "x"),
                presenter: None,
                planned_minutes: None,
            },
            ErrorCode::NotFound,
        ),
    ];
    for (command, code) in refusals {
        let name = command.name();
        assert_eq!(chair.request(command).await.unwrap_err().0, code, "{name}");
    }
    let (_, welcome) = server.join("chair").await;
    assert_eq!(
        welcome.meeting.unwrap().seq,
        1,
        "only the first move happened"
    );
}
