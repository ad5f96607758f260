//! The list of speakers over real WebSockets against the real server: ordering, the
//! chair's actions, delegations, registration, the speech timer, and what each audience
//! receives.

use protocol::{
    Command, ErrorCode, Event, ItemId, LanguageCode, MeetingState, RequestId, RequestKind,
};
use std::time::Duration;
use tests::{TestServer, WsClient, id, waiting};

fn ask(kind: RequestKind) -> Command {
    Command::RaiseHand {
        kind,
        question: None,
        note: None,
        language: None,
    }
}

fn give_request(request: RequestId) -> Command {
    Command::GiveFloor {
        request: Some(request),
        participant: None,
        name: None,
        delegation: None,
        language: None,
    }
}

/// The chair's current full state, through a fresh connection.
async fn chair_view(server: &TestServer) -> MeetingState {
    let (_, welcome) = server.join("chair").await;
    let state = *welcome.meeting.expect("a snapshot");
    assert!(!state.summarised);
    state
}

fn request_of(state: &MeetingState, who: &str) -> RequestId {
    state
        .active_list()
        .unwrap()
        .queue
        .iter()
        .find(|request| request.participant.as_str() == who || request.also.contains(&id(who)))
        .unwrap_or_else(|| panic!("{who} has no request"))
        .id
}

#[tokio::test]
async fn the_server_orders_the_list_with_points_of_order_on_top() {
    let server = TestServer::start().await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    let (mut senegal, _) = server.join("senegal").await;
    let (mut eu, _) = server.join("eu").await;
    peru.request(ask(RequestKind::Intervention)).await.unwrap();
    colombia
        .request(Command::RaiseHand {
            kind: RequestKind::Question,
            question: None,
            note: Some("  On funding for rural areas  ".into()),
            language: Some(LanguageCode::new("es")),
        })
        .await
        .unwrap();
    senegal
        .request(ask(RequestKind::PointOfOrder))
        .await
        .unwrap();
    eu.request(ask(RequestKind::RightOfReply)).await.unwrap();
    eu.request(ask(RequestKind::Intervention))
        .await
        .unwrap_err();

    let state = chair_view(&server).await;
    assert_eq!(waiting(&state), ["senegal", "peru", "colombia", "eu"]);
    let colombian = &state.active_list().unwrap().queue[2];
    assert_eq!(colombian.kind, RequestKind::Question);
    assert_eq!(
        colombian.note.as_deref(),
        Some("On funding for rural areas")
    );
    assert_eq!(colombian.language, LanguageCode::new("es"));
    // Senegal speaks French: the request says so without being told.
    assert_eq!(
        state.active_list().unwrap().queue[0].language,
        LanguageCode::new("fr")
    );

    // Each requester is told their position; the first is next.
    let mine = colombia
        .mine_where(|mine| mine.first().is_some_and(|mine| mine.position == 3))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    senegal
        .mine_where(|mine| mine.first().is_some_and(|mine| mine.position == 1))
        .await
        .unwrap();
}

#[tokio::test]
async fn bad_requests_get_clear_codes_and_change_nothing() {
    let server = TestServer::start().await;
    let (mut peru, _) = server.join("peru").await;
    let (mut interpreter, _) = server.join("interp-fr").await;
    let refusals = [
        (
            Command::RaiseHand {
                kind: RequestKind::Question,
                question: None,
                note: None,
                language: Some(LanguageCode::new("de")),
            },
            ErrorCode::Invalid,
        ),
        (
            Command::RaiseHand {
                kind: RequestKind::Intervention,
                question: Some(0),
                note: None,
                language: None,
            },
            ErrorCode::Invalid,
        ),
        (
            Command::RaiseHand {
                kind: RequestKind::Question,
                question: Some(0),
                note: None,
                language: None,
            },
            ErrorCode::NotFound,
        ),
        (
            Command::RaiseHand {
                kind: RequestKind::Intervention,
                question: None,
                note: Some("x".repeat(281)),
                language: None,
            },
            ErrorCode::Invalid,
        ),
        (Command::LowerHand { request: None }, ErrorCode::Conflict),
        (
            Command::LowerHand { request: Some(99) },
            ErrorCode::NotFound,
        ),
        (Command::ClaimRequest { request: 1 }, ErrorCode::NotFound),
        (Command::ClearQueue, ErrorCode::Forbidden),
        (Command::CloseList, ErrorCode::Forbidden),
        (Command::PauseFloor, ErrorCode::Forbidden),
        (Command::ReaddLastSpeaker, ErrorCode::Forbidden),
        (
            Command::MoveRequest {
                request: 1,
                position: 1,
            },
            ErrorCode::Forbidden,
        ),
        (
            Command::SetSpeakingTime { seconds: Some(60) },
            ErrorCode::Forbidden,
        ),
    ];
    for (command, code) in refusals {
        let name = command.name();
        assert_eq!(peru.request(command).await.unwrap_err().0, code, "{name}");
    }
    assert_eq!(
        interpreter
            .request(Command::raise_hand())
            .await
            .unwrap_err()
            .0,
        ErrorCode::Forbidden
    );
    assert_eq!(chair_view(&server).await.seq, 0, "nothing changed");
}

#[tokio::test]
async fn the_chair_moves_removes_clears_and_readds() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let mut attendees = Vec::new();
    for who in ["peru", "colombia", "senegal", "eu"] {
        let (mut client, _) = server.join(who).await;
        client.request(Command::raise_hand()).await.unwrap();
        // Each is told their position (changes within one coalescing interval may
        // reach them as one).
        client.mine_where(|mine| !mine.is_empty()).await.unwrap();
        attendees.push(client);
    }
    let state = chair_view(&server).await;
    let eu = request_of(&state, "eu");
    chair
        .request(Command::MoveRequest {
            request: eu,
            position: 1,
        })
        .await
        .unwrap();
    assert_eq!(
        waiting(&chair_view(&server).await),
        ["eu", "peru", "colombia", "senegal"]
    );
    let (code, message) = chair
        .request(Command::MoveRequest {
            request: eu,
            position: 9,
        })
        .await
        .unwrap_err();
    assert_eq!(code, ErrorCode::Invalid);
    assert!(message.contains("from 1 to 4"), "{message}");

    // Remove one request; then the chair sees who waits and moves on.
    let colombia = request_of(&state, "colombia");
    chair
        .request(Command::LowerHand {
            request: Some(colombia),
        })
        .await
        .unwrap();
    attendees[1]
        .mine_where(<[_]>::is_empty)
        .await
        .expect("colombia is told the request is gone");
    chair.request(Command::give_floor_next()).await.unwrap();
    chair.request(Command::EndFloor).await.unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["peru", "senegal"]);

    // Lower all hands, and the chair sees how many went down.
    let seq = chair.request(Command::ClearQueue).await.unwrap();
    loop {
        let event = chair.next_event().await.unwrap();
        if event.seq == seq {
            assert_eq!(
                event.event,
                Event::QueueCleared {
                    item: ItemId::new("opening-eu"),
                    count: 2
                }
            );
            break;
        }
    }
    assert_eq!(
        chair.request(Command::ClearQueue).await.unwrap_err().0,
        ErrorCode::Conflict
    );

    // Re-add the last speaker (eu) at the top, above a newcomer.
    attendees[0].request(Command::raise_hand()).await.unwrap();
    chair.request(Command::ReaddLastSpeaker).await.unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["eu", "peru"]);
    assert_eq!(
        chair
            .request(Command::ReaddLastSpeaker)
            .await
            .unwrap_err()
            .0,
        ErrorCode::Conflict,
        "not twice"
    );
}

#[tokio::test]
async fn a_closed_list_refuses_requests_except_points_of_order() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    chair.request(Command::CloseList).await.unwrap();
    colombia
        .view_where(|view| view.list.as_ref().is_some_and(|list| list.closed))
        .await
        .expect("attendees see the list closed");
    let (code, message) = peru.request(Command::raise_hand()).await.unwrap_err();
    assert_eq!(code, ErrorCode::ListClosed);
    assert!(message.contains("closed"), "{message}");
    peru.request(ask(RequestKind::PointOfOrder)).await.unwrap();
    chair.request(Command::ReopenList).await.unwrap();
    colombia.request(Command::raise_hand()).await.unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["peru", "colombia"]);
}

#[tokio::test]
async fn first_time_speakers_can_go_first() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    peru.request(Command::raise_hand()).await.unwrap();
    chair.request(Command::give_floor_next()).await.unwrap();
    chair.request(Command::EndFloor).await.unwrap();
    peru.request(Command::raise_hand()).await.unwrap();
    colombia.request(Command::raise_hand()).await.unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["peru", "colombia"]);
    chair
        .request(Command::SetFirstTimeFirst { on: true })
        .await
        .unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["colombia", "peru"]);
    peru.mine_where(|mine| mine.first().is_some_and(|mine| mine.position == 2))
        .await
        .expect("peru is told of the new position");
    // Turned off again, the list keeps the order it has: nobody moves back.
    chair
        .request(Command::SetFirstTimeFirst { on: false })
        .await
        .unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["colombia", "peru"]);
}

/// An attendee is told their position and estimated wait as the server works them out
/// (a client need not know the rule), and told again when the floor changes; before the
/// meeting starts, their position only.
#[tokio::test]
async fn attendees_are_told_their_position_and_estimated_wait() {
    const LIMIT_MS: u64 = 180_000; // The demo meeting's speaking time.
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    let (mut senegal, _) = server.join("senegal").await;
    // Before the meeting starts a hand waits for the first item, and nobody knows when
    // that begins: a position, no estimate.
    peru.request(Command::raise_hand()).await.unwrap();
    let (_, mine) = peru
        .told_where(|mine| mine.first().is_some_and(|mine| mine.position == 1))
        .await
        .unwrap();
    assert_eq!(mine[0].estimated_wait_ms, None, "not started: no estimate");
    // Once the first item opens (with the hand in its list), the estimate comes.
    chair.request(Command::next_item()).await.unwrap();
    peru.told_where(|mine| {
        mine.first()
            .is_some_and(|mine| mine.estimated_wait_ms == Some(0))
    })
    .await
    .expect("peru is told the estimate once the meeting starts");
    colombia.request(Command::raise_hand()).await.unwrap();
    senegal.request(Command::raise_hand()).await.unwrap();

    // Nobody speaks: two speaking times ahead.
    let (_, mine) = senegal
        .told_where(|mine| mine.first().is_some_and(|mine| mine.position == 3))
        .await
        .unwrap();
    assert_eq!(mine[0].estimated_wait_ms, Some(2 * LIMIT_MS));

    // Peru speaks: what is left of Peru's speech, then Colombia's.
    let peruvian = request_of(&chair_view(&server).await, "peru");
    chair.request(give_request(peruvian)).await.unwrap();
    let floor = senegal
        .view_where(|view| view.floor.is_some())
        .await
        .unwrap()
        .floor
        .unwrap();
    let (at, mine) = senegal
        .told_where(|mine| mine.first().is_some_and(|mine| mine.position == 2))
        .await
        .unwrap();
    assert!(at >= floor.since, "{at} {floor:?}");
    let left = LIMIT_MS - (at - floor.since);
    assert_eq!(mine[0].estimated_wait_ms, Some(left + LIMIT_MS));

    // Paused, nobody moves, but the wait stops shrinking: a new estimate is told.
    chair.request(Command::PauseFloor).await.unwrap();
    let (paused_at, mine) = senegal
        .told_where(|mine| mine.first().is_some_and(|mine| mine.position == 2))
        .await
        .unwrap();
    assert!(paused_at >= at);
    let paused = chair_view(&server).await.floor.unwrap();
    let pause = paused.paused_at.expect("paused");
    assert_eq!(
        mine[0].estimated_wait_ms,
        Some(LIMIT_MS - (pause - paused.since) + LIMIT_MS)
    );
}

#[tokio::test]
async fn the_floor_goes_to_a_request_or_to_someone_outside_the_list_and_its_timer_runs() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut colombia, _) = server.join("colombia").await;
    peru.request(Command::raise_hand()).await.unwrap();
    colombia.request(Command::raise_hand()).await.unwrap();
    let colombian = request_of(&chair_view(&server).await, "colombia");
    chair.request(give_request(colombian)).await.unwrap();
    let view = peru.view_where(|view| view.floor.is_some()).await.unwrap();
    let speaker = view.floor.unwrap();
    assert_eq!(speaker.participant, id("colombia"));
    assert_eq!(speaker.limit_seconds, Some(180), "the meeting's default");
    assert_eq!(speaker.language, Some(LanguageCode::new("es")));

    chair.request(Command::PauseFloor).await.unwrap();
    assert_eq!(
        chair.request(Command::PauseFloor).await.unwrap_err().0,
        ErrorCode::Conflict
    );
    let paused = peru
        .view_where(|view| view.floor.as_ref().is_some_and(|f| f.paused_at.is_some()))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(30)).await;
    chair.request(Command::ResumeFloor).await.unwrap();
    let resumed = peru
        .view_where(|view| view.floor.as_ref().is_some_and(|f| f.paused_at.is_none()))
        .await
        .unwrap()
        .floor
        .unwrap();
    assert!(resumed.paused_ms >= 30, "{resumed:?}");
    assert_eq!(resumed.since, paused.floor.unwrap().since);

    // A panelist who is not in the list; the current speech ends first.
    chair
        .request(Command::SetSpeakingTime { seconds: Some(5) })
        .await
        .unwrap_err();
    chair
        .request(Command::SetSpeakingTime { seconds: Some(90) })
        .await
        .unwrap();
    let seq = chair
        .request(Command::GiveFloor {
            request: None,
            participant: None,
            name: Some("Dr. Amal Haddad, panelist".into()),
            delegation: None,
            language: Some(LanguageCode::new("ar")),
        })
        .await
        .unwrap();
    let mut events = Vec::new();
    while events
        .last()
        .is_none_or(|event: &protocol::EventEnvelope| event.seq < seq)
    {
        events.push(chair.next_event().await.unwrap());
    }
    // The speech under way ends, the panelist speaks, and the floor now speaks Arabic.
    let last: Vec<&Event> = events.iter().rev().take(3).map(|e| &e.event).collect();
    assert!(matches!(last[2], Event::FloorEnded));
    assert!(
        matches!(last[1], Event::FloorGiven { name, request: None, limit_seconds: Some(90), .. } if name.starts_with("Dr. Amal"))
    );
    assert!(matches!(last[0], Event::FloorLanguageSet { language } if language.as_str() == "ar"));
    assert_eq!(
        waiting(&chair_view(&server).await),
        ["peru"],
        "peru still waits"
    );
}

#[tokio::test]
async fn a_delegation_owns_its_requests() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    let (mut peru, _) = server.join("peru").await;
    let (mut peru_2, _) = server
        .join_with(&server.attendee_token("peru-2", Some("Peru")))
        .await;
    let (mut peru_3, _) = server
        .join_with(&server.attendee_token("peru-3", Some("Peru")))
        .await;
    peru.request(Command::raise_hand()).await.unwrap();
    // The same request from a colleague merges into it.
    peru_2.request(Command::raise_hand()).await.unwrap();
    let state = chair_view(&server).await;
    let list = state.active_list().unwrap();
    assert_eq!(list.length, 1);
    assert_eq!(list.queue[0].also, [id("peru-2")]);
    // Any member sees it as theirs, and may speak for it.
    let request = list.queue[0].id;
    let mine = peru_3
        .mine_where(|mine| !mine.is_empty())
        .await
        .expect("the delegation's request concerns every member");
    assert_eq!(mine[0].request.id, request);
    peru_3
        .request(Command::ClaimRequest { request })
        .await
        .unwrap();
    assert_eq!(waiting(&chair_view(&server).await), ["peru-3"]);
    // Another kind is another request; the cap of two then holds.
    peru.request(ask(RequestKind::Question)).await.unwrap();
    // (peru-2 still stands behind the first request, so may not ask again.)
    let (code, _) = peru_2
        .request(ask(RequestKind::RightOfReply))
        .await
        .unwrap_err();
    assert_eq!(code, ErrorCode::Conflict);
    let (mut peru_4, _) = server
        .join_with(&server.attendee_token("peru-4", Some("Peru")))
        .await;
    let (code, message) = peru_4
        .request(ask(RequestKind::RightOfReply))
        .await
        .unwrap_err();
    assert_eq!(code, ErrorCode::LimitReached, "{message}");
    // Another delegation may not touch it.
    let (mut colombia, _) = server.join("colombia").await;
    assert_eq!(
        colombia
            .request(Command::LowerHand {
                request: Some(request)
            })
            .await
            .unwrap_err()
            .0,
        ErrorCode::Forbidden
    );
    // The chair gives the floor to the member who claimed it.
    chair.request(give_request(request)).await.unwrap();
    let state = chair_view(&server).await;
    assert_eq!(state.floor.unwrap().participant, id("peru-3"));
}

#[tokio::test]
async fn two_members_of_a_delegation_acting_at_once_leave_one_consistent_request() {
    let server = TestServer::start().await;
    let one = server.attendee_token("fiji-1", Some("Fiji"));
    let two = server.attendee_token("fiji-2", Some("Fiji"));
    let (mut first, _) = server.join_with(&one).await;
    let (mut second, _) = server.join_with(&two).await;

    // Both raise at the same moment: one request, the other merged into it.
    let (a, b) = tokio::join!(
        first.request(Command::raise_hand()),
        second.request(Command::raise_hand())
    );
    assert!(a.is_ok() && b.is_ok(), "{a:?} {b:?}");
    let state = chair_view(&server).await;
    let list = state.active_list().unwrap();
    assert_eq!(list.length, 1);
    assert_eq!(list.queue[0].also.len(), 1);
    let request = list.queue[0].id;

    // Both withdraw it at the same moment: exactly one succeeds.
    let withdraw = Command::LowerHand {
        request: Some(request),
    };
    let (a, b) = tokio::join!(first.request(withdraw.clone()), second.request(withdraw));
    let outcomes = [a.map_err(|e| e.0), b.map_err(|e| e.0)];
    assert_eq!(
        outcomes.iter().filter(|outcome| outcome.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(outcomes.contains(&Err(ErrorCode::NotFound)), "{outcomes:?}");
    assert_eq!(chair_view(&server).await.active_list().unwrap().length, 0);

    // One claims while the other withdraws: whichever comes first, the list is
    // consistent (the request is either gone or spoken for by the claimant).
    first.request(Command::raise_hand()).await.unwrap();
    second.request(Command::raise_hand()).await.unwrap();
    let request = request_of(&chair_view(&server).await, "fiji-1");
    let (claimed, withdrawn) = tokio::join!(
        second.request(Command::ClaimRequest { request }),
        first.request(Command::LowerHand {
            request: Some(request)
        })
    );
    let state = chair_view(&server).await;
    let list = state.active_list().unwrap();
    match (claimed, withdrawn) {
        (Ok(_), Ok(_)) => assert_eq!(list.length, 0, "claimed, then withdrawn"),
        (Err(_), Ok(_)) => assert_eq!(list.length, 0, "withdrawn before the claim"),
        other => panic!("the withdrawal by a member always succeeds: {other:?}"),
    }
}

#[tokio::test]
async fn requests_made_at_registration_are_in_the_list_when_its_item_opens() {
    let server = TestServer::start().await;
    let (mut chair, _) = server.join("chair").await;
    for _ in 0..3 {
        chair.request(Command::next_item()).await.unwrap();
    }
    let state = chair_view(&server).await;
    assert_eq!(state.active_item(), Some(&ItemId::new("discussion")));
    let list = state.active_list().unwrap();
    assert_eq!(waiting(&state), ["also", "senegal"]);
    assert!(list.queue.iter().all(|request| request.registered));
    assert_eq!(list.queue[0].question, Some(4));
    assert_eq!(list.queue[0].language, LanguageCode::new("ar"));

    // The requester learns their position on joining.
    let mut also = WsClient::connect(&server.ws_url()).await.unwrap();
    let welcome = also.hello(&server.token("also"), None).await.unwrap();
    assert_eq!(welcome.meeting.unwrap().active_list().unwrap().length, 2);
    let mine = also.mine_where(|mine| !mine.is_empty()).await.unwrap();
    assert_eq!(mine[0].position, 1);
}

#[tokio::test]
async fn a_show_of_hands_reaches_attendees_as_a_few_coalesced_views() {
    const HANDS: usize = 40;
    let server = TestServer::start_with(|config| {
        config.limits.coalesce_interval = Duration::from_millis(200);
    })
    .await;
    let (mut chair, _) = server.join("chair").await;
    let (mut watcher, _) = server.join("colombia").await;
    let mut hands = Vec::new();
    for index in 0..HANDS {
        let token = server.attendee_token(&format!("hand-{index}"), None);
        hands.push(server.join_with(&token).await.0);
    }
    // Everyone raises at once; then all acks are collected.
    for hand in &mut hands {
        hand.send(Command::raise_hand()).await.unwrap();
    }
    for hand in &mut hands {
        hand.mine_where(|mine| !mine.is_empty()).await.unwrap();
    }
    // The chair sees every request as an event …
    let mut raised = 0;
    while raised < HANDS {
        if matches!(
            chair.next_event().await.unwrap().event,
            Event::FloorRequested { .. }
        ) {
            raised += 1;
        }
    }
    // … an attendee sees far fewer views, the last of them complete.
    let mut views = 0;
    loop {
        let view = watcher.next_view().await.unwrap();
        views += 1;
        let list = view.list.unwrap();
        assert!(list.queue.len() <= protocol::speakers::SUMMARY_NEXT);
        if list.length as usize == HANDS {
            break;
        }
    }
    assert!(views < HANDS / 4, "{views} views for {HANDS} hands");
    // The chair lowers them all in one action.
    chair.request(Command::ClearQueue).await.unwrap();
    watcher
        .view_where(|view| view.list.as_ref().is_some_and(|list| list.length == 0))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_attendee_who_stops_reading_views_is_cut_off_as_a_slow_consumer() {
    let server = TestServer::start_with(|config| {
        config.limits.coalesce_interval = Duration::from_millis(1);
        config.limits.outbound_messages = 8;
        config.limits.commands_per_second = 1_000_000;
        config.limits.command_burst = 1_000_000;
    })
    .await;
    let (mut chair, _) = server.join("chair").await;
    // A long name makes each view about 8 KiB, so that the socket buffers fill soon.
    let mut long_name = server.claims("peru", 600);
    long_name.who.name = "Delegate of Peru ".repeat(8 * 1024 / 17);
    let (mut peru, _) = server.join_with(&server.keys.sign(&long_name)).await;
    let mut slow = WsClient::connect_with_small_buffer(server.addr, &server.ws_url())
        .await
        .unwrap();
    slow.hello(&server.token("senegal"), None).await.unwrap();
    let (mut watcher, _) = server.join("colombia").await;
    // Every cycle changes the list twice, a millisecond apart or more: a view each.
    for _ in 0..40 {
        peru.request(Command::raise_hand()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(2)).await;
        chair.request(Command::ClearQueue).await.unwrap();
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // The reading attendee is current; the one who never read is closed.
    watcher
        .view_where(|view| view.list.as_ref().is_some_and(|list| list.length == 0))
        .await
        .unwrap();
    let closed = slow.closed_after_draining().await.unwrap();
    assert_eq!(closed, Some(protocol::close::SLOW_CONSUMER));
}

/// A delegation of three: the head asks, the deputy's same request merges into it. The
/// chair gives the floor to the deputy by participant id: the deputy speaks under their
/// own name, in the event, the attendees' views and the speaker log. After a claim the
/// request still names everyone who asked.
#[tokio::test]
async fn a_merged_member_given_the_floor_by_id_speaks_under_their_own_name() {
    let server = TestServer::start().await;
    let member = |id: &str, name: &str| {
        let mut claims = server.claims("peru", 600);
        claims.who.id = protocol::ParticipantId::new(id.to_owned());
        claims.who.name = name.to_owned();
        claims.who.delegation = Some("Kenya".into());
        server.keys.sign(&claims)
    };
    let (mut chair, _) = server.join("chair").await;
    chair.request(Command::next_item()).await.unwrap();
    let (mut head, _) = server
        .join_with(&member("kenya-head", "Head of the delegation of Kenya"))
        .await;
    let (mut deputy, _) = server
        .join_with(&member("kenya-deputy", "Deputy head of Kenya"))
        .await;
    let (mut third, _) = server
        .join_with(&member("kenya-third", "Third member of Kenya"))
        .await;
    let (mut attendee, _) = server.join("colombia").await;
    head.request(Command::raise_hand()).await.unwrap();
    deputy.request(Command::raise_hand()).await.unwrap();

    // A claim by the third member: they speak for it; the deputy still stands behind
    // it, the head no longer does, and both are still named on it.
    let request = request_of(&chair_view(&server).await, "kenya-head");
    third
        .request(Command::ClaimRequest { request })
        .await
        .unwrap();
    let state = chair_view(&server).await;
    let waiting = &state.active_list().unwrap().queue[0];
    assert_eq!(waiting.participant, id("kenya-third"));
    assert_eq!(waiting.also, [id("kenya-deputy")]);
    let asked: Vec<&str> = waiting.asked_by.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        asked,
        ["Head of the delegation of Kenya", "Deputy head of Kenya"]
    );

    // The floor to the deputy, by participant id.
    chair
        .request(Command::GiveFloor {
            request: None,
            participant: Some(id("kenya-deputy")),
            name: None,
            delegation: None,
            language: None,
        })
        .await
        .unwrap();
    let given = loop {
        let envelope = chair.next_event().await.unwrap();
        if let Event::FloorGiven {
            participant, name, ..
        } = envelope.event
        {
            break (participant, name);
        }
    };
    assert_eq!(
        given,
        (id("kenya-deputy"), "Deputy head of Kenya".to_owned())
    );
    let view = attendee
        .view_where(|view| view.floor.is_some())
        .await
        .unwrap();
    assert_eq!(view.floor.unwrap().name, "Deputy head of Kenya");
    chair.request(Command::EndFloor).await.unwrap();
    let log = tests::http_request(
        server.addr,
        &format!("/api/meetings/{}/speakers.csv", server.meeting.info.id),
        &[(
            "Authorization",
            &format!("Bearer {}", server.token("chair")),
        )],
    )
    .await;
    assert_eq!(log.status, 200);
    // The participant column holds the id, the name column the name.
    assert!(
        log.body
            .contains(",kenya-deputy,Deputy head of Kenya,Kenya,"),
        "{}",
        log.body
    );
}
