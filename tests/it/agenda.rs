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

    chair.request(Command::next_item()).await.unwrap();
    chair
        .request(Command::MarkItem {
            item: ItemId::new("opening-president"),
            state: Skipped,
        })
        .await
        .unwrap();
    // "Next" passes over the skipped item.
    chair.request(Command::next_item()).await.unwrap();
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
        .request(Command::set_current_item(ItemId::new("survivors")))
        .await
        .unwrap();
    attendee.request(Command::raise_hand()).await.unwrap();
}

/// The requests still waiting on the item the chair leaves stay there, go along or are
/// closed, as the chair says; requesters are told through `your_requests`, and the
/// choice survives a restart.
#[tokio::test]
async fn waiting_requests_stay_go_along_or_close_as_the_chair_says() {
    use protocol::Waiting;
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    chair.request(Command::next_item()).await.unwrap();
    peru.request(Command::raise_hand()).await.unwrap();
    colombia.request(Command::raise_hand()).await.unwrap();
    colombia
        .mine_where(|mine| mine.first().is_some_and(|mine| mine.position == 2))
        .await
        .unwrap();

    // Carried over: the requests are on the next item's list, in their order.
    chair
        .request(Command::NextItem {
            waiting: Waiting::Carry,
        })
        .await
        .unwrap();
    let moved = loop {
        let envelope = colombia.next_event().await.unwrap();
        if let Event::CurrentItemChanged { item, waiting } = envelope.event
            && item.as_str() != "opening-eu"
        {
            break (item, waiting);
        }
    };
    assert_eq!(moved, (ItemId::new("opening-president"), Waiting::Carry));
    let view = colombia
        .view_where(|view| {
            view.list
                .as_ref()
                .is_some_and(|list| list.item.as_str() == "opening-president")
        })
        .await
        .unwrap();
    assert_eq!(view.list.as_ref().map(|list| list.length), Some(2));
    // (Told again because the item changed, even at the same position.)
    let mine = colombia.mine_where(|mine| !mine.is_empty()).await.unwrap();
    assert_eq!(mine[0].position, 2);

    // Kept: they wait on the item left, out of use, and are taken up again on return.
    chair.request(Command::next_item()).await.unwrap();
    colombia.mine_where(<[_]>::is_empty).await.unwrap();
    chair.request(Command::previous_item()).await.unwrap();
    let mine = colombia.mine_where(|mine| !mine.is_empty()).await.unwrap();
    assert_eq!(mine[0].position, 2);

    // Closed: moving back and forth again finds nobody waiting.
    chair
        .request(Command::NextItem {
            waiting: Waiting::Close,
        })
        .await
        .unwrap();
    colombia.mine_where(<[_]>::is_empty).await.unwrap();

    // A choice the protocol does not know is refused, and changes nothing.
    let raw = r#"{"type":"previous_item","id":99,"waiting":"sideways"}"#;
    chair.send_text(raw).await.unwrap();
    let (code, _) = chair.ack_of(99).await.unwrap_err();
    assert_eq!(code, ErrorCode::Invalid);

    let check = |state: protocol::MeetingState| {
        assert_eq!(state.current_item, Some(ItemId::new("discussion")));
        for item in ["opening-eu", "opening-president"] {
            let list = state.list(&ItemId::new(item)).unwrap();
            assert_eq!(list.length, 0, "{item}");
        }
        // The discussion's list holds only the requests taken at registration.
        let discussion = state.list(&ItemId::new("discussion")).unwrap();
        assert!(discussion.queue.iter().all(|request| request.registered));
    };
    check(*server.join("chair").await.1.meeting.unwrap());
    let server = server.restart().await;
    check(*server.join("chair").await.1.meeting.unwrap());
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
    chair.request(Command::next_item()).await.unwrap();
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
