//! Tests of the meeting-state fold through its public API: one or more for every event.

use protocol::{
    AgendaItem, ApplyError, ChannelId, Event, EventEnvelope, FloorRequest, ItemId, LanguageCode,
    Localized, MeetingId, MeetingInfo, MeetingState, ParticipantId, RequestId, RequestKind,
};

mod common;
use common::check;

fn meeting() -> MeetingState {
    let info = MeetingInfo {
        id: MeetingId::new("m"),
        title: Localized::default(),
        languages: ["ar", "en", "fr", "es"].map(LanguageCode::new).to_vec(),
        default_language: LanguageCode::new("en"),
        time_zone: "Europe/Geneva".into(),
        scheduled_start: "2020-12-04T15:00:00+01:00".into(),
        speaking_time_seconds: Some(180),
        max_requests_per_delegation: None,
        booths: vec![],
        dead_air_seconds: None,
        handover_seconds: None,
        self_registration: false,
    };
    let agenda = ["opening", "discussion", "closing"]
        .map(|id| AgendaItem {
            id: ItemId::new(id),
            title: Localized::default(),
            presenter: None,
            planned_minutes: None,
            questions: vec![],
            speaking_time_seconds: (id == "discussion").then_some(120),
            state: protocol::ItemState::Upcoming,
            used_ms: 0,
            live_since: None,
        })
        .to_vec();
    MeetingState::new(info, agenda)
}

fn opening() -> ItemId {
    ItemId::new("opening")
}

fn request(id: RequestId, who: &str, kind: RequestKind, delegation: Option<&str>) -> FloorRequest {
    FloorRequest {
        id,
        kind,
        participant: ParticipantId::new(who),
        name: who.to_uppercase(),
        delegation: delegation.map(str::to_owned),
        language: LanguageCode::new("en"),
        question: None,
        note: None,
        raised_at: 0,
        registered: false,
        also: vec![],
        asked_by: vec![],
    }
}

/// A request by `who` with the state's next id.
fn raised(state: &MeetingState, who: &str, kind: RequestKind) -> Event {
    Event::FloorRequested {
        item: opening(),
        request: request(state.next_request, who, kind, None),
        top: false,
    }
}

fn raise(state: &mut MeetingState, who: &str, kind: RequestKind) {
    let event = raised(state, who, kind);
    check(state, vec![event]);
}

fn given(who: &str, request: Option<RequestId>) -> Event {
    Event::FloorGiven {
        participant: ParticipantId::new(who),
        name: who.to_uppercase(),
        delegation: None,
        item: opening(),
        request,
        kind: RequestKind::Intervention,
        language: Some(LanguageCode::new("fr")),
        limit_seconds: Some(60),
    }
}

fn queue(state: &MeetingState) -> Vec<&str> {
    state
        .list(&opening())
        .unwrap()
        .queue
        .iter()
        .map(|request| request.participant.as_str())
        .collect()
}

fn id_of(state: &MeetingState, who: &str) -> RequestId {
    state
        .list(&opening())
        .unwrap()
        .queue
        .iter()
        .find(|request| request.participant.as_str() == who)
        .unwrap()
        .id
}

#[test]
fn a_new_meeting_has_a_list_per_item_and_a_channel_per_language() {
    let state = meeting();
    let ids: Vec<&str> = state.channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["floor", "ar", "en", "fr", "es", "sign", "captions"]);
    assert!(state.channels.iter().all(|c| c.on_air.is_none()));
    assert_eq!(state.lists.len(), 3);
    assert_eq!(state.active_item(), Some(&opening()));
    assert_eq!(state.speaking_time(&opening()), Some(180));
    assert_eq!(state.speaking_time(&ItemId::new("discussion")), Some(120));
    assert_eq!((state.seq, state.next_request), (0, 1));
}

#[test]
fn requests_queue_in_arrival_order_with_points_of_order_on_top() {
    let mut state = meeting();
    raise(&mut state, "a", RequestKind::Intervention);
    raise(&mut state, "b", RequestKind::Question);
    raise(&mut state, "c", RequestKind::PointOfOrder);
    raise(&mut state, "d", RequestKind::RightOfReply);
    raise(&mut state, "e", RequestKind::PointOfOrder);
    assert_eq!(queue(&state), ["c", "e", "a", "b", "d"]);
    let list = state.list(&opening()).unwrap();
    assert_eq!(list.length, 5);
    assert_eq!(
        list.queue[2].raised_at, 1_000,
        "the event's time, not the request's"
    );
    assert_eq!(state.next_request, 6);
    let mine = state.requests_of(&ParticipantId::new("b"), None, 1_000);
    assert_eq!((mine.len(), mine[0].position), (1, 4));
}

#[test]
fn giving_the_floor_takes_the_request_out_and_starts_the_timer() {
    let mut state = meeting();
    raise(&mut state, "a", RequestKind::Intervention);
    raise(&mut state, "b", RequestKind::Intervention);
    let b = id_of(&state, "b");
    check(&mut state, vec![given("b", Some(b))]);
    assert_eq!(queue(&state), ["a"]);
    let speaker = state.floor.clone().unwrap();
    assert_eq!((speaker.participant.as_str(), speaker.since), ("b", 3_000));
    assert_eq!(speaker.remaining_ms(10_000), Some(53_000));
    let list = state.list(&opening()).unwrap();
    assert_eq!(list.spoken, ["participant:b"]);

    check(&mut state, vec![Event::FloorPaused]);
    assert_eq!(state.floor.as_ref().unwrap().paused_at, Some(4_000));
    check(&mut state, vec![Event::FloorResumed]);
    let speaker = state.floor.clone().unwrap();
    assert_eq!((speaker.paused_at, speaker.paused_ms), (None, 1_000));
    assert_eq!(speaker.spoken_ms(10_000), 6_000);

    check(&mut state, vec![Event::FloorEnded]);
    assert_eq!(state.floor, None);
    let last = state
        .list(&opening())
        .unwrap()
        .last_speaker
        .clone()
        .unwrap();
    assert_eq!((last.participant.as_str(), last.id), ("b", b));
}

#[test]
fn the_floor_can_go_to_someone_not_in_the_list() {
    let mut state = meeting();
    raise(&mut state, "a", RequestKind::Intervention);
    check(&mut state, vec![given("panelist", None)]);
    assert_eq!(queue(&state), ["a"]);
    assert_eq!(state.floor.as_ref().unwrap().request, None);
}

#[test]
fn the_chair_reorders_clears_closes_and_readds() {
    let mut state = meeting();
    for who in ["a", "b", "c"] {
        raise(&mut state, who, RequestKind::Intervention);
    }
    raise(&mut state, "p", RequestKind::PointOfOrder);
    let c = id_of(&state, "c");
    check(
        &mut state,
        vec![Event::RequestMoved {
            item: opening(),
            request: c,
            position: 2,
        }],
    );
    assert_eq!(queue(&state), ["p", "c", "a", "b"]);
    let a = id_of(&state, "a");
    check(
        &mut state,
        vec![Event::RequestWithdrawn {
            item: opening(),
            request: a,
        }],
    );
    assert_eq!(queue(&state), ["p", "c", "b"]);

    check(
        &mut state,
        vec![
            Event::ListClosed { item: opening() },
            Event::SpeakingTimeSet {
                item: opening(),
                seconds: Some(90),
            },
        ],
    );
    let list = state.list(&opening()).unwrap();
    assert!(list.closed);
    assert_eq!(state.speaking_time(&opening()), Some(90));
    check(&mut state, vec![Event::ListReopened { item: opening() }]);
    assert!(!state.list(&opening()).unwrap().closed);

    let b = id_of(&state, "b");
    check(&mut state, vec![given("b", Some(b)), Event::FloorEnded]);
    check(
        &mut state,
        vec![Event::QueueCleared {
            item: opening(),
            count: 2,
        }],
    );
    assert!(queue(&state).is_empty());
    let mut again = state
        .list(&opening())
        .unwrap()
        .last_speaker
        .clone()
        .unwrap();
    again.id = state.next_request;
    raise(&mut state, "x", RequestKind::Intervention);
    again.id = state.next_request;
    check(
        &mut state,
        vec![Event::FloorRequested {
            item: opening(),
            request: again,
            top: true,
        }],
    );
    assert_eq!(queue(&state), ["b", "x"]);
}

#[test]
fn first_time_speakers_first_reorders_the_list() {
    let mut state = meeting();
    raise(&mut state, "a", RequestKind::Intervention);
    let a = id_of(&state, "a");
    check(&mut state, vec![given("a", Some(a)), Event::FloorEnded]);
    raise(&mut state, "a", RequestKind::Intervention);
    raise(&mut state, "b", RequestKind::Intervention);
    assert_eq!(queue(&state), ["a", "b"]);
    check(
        &mut state,
        vec![Event::FirstTimeFirstSet {
            item: opening(),
            on: true,
        }],
    );
    assert_eq!(queue(&state), ["b", "a"]);
    raise(&mut state, "c", RequestKind::Intervention);
    assert_eq!(queue(&state), ["b", "c", "a"]);
}

#[test]
fn delegation_members_merge_into_and_claim_their_request() {
    let mut state = meeting();
    let event = Event::FloorRequested {
        item: opening(),
        request: request(1, "peru-1", RequestKind::Intervention, Some("Peru")),
        top: false,
    };
    check(&mut state, vec![event]);
    check(
        &mut state,
        vec![Event::RequestMerged {
            item: opening(),
            request: 1,
            participant: ParticipantId::new("peru-2"),
            name: "Peru 2".into(),
        }],
    );
    let waiting = &state.list(&opening()).unwrap().queue[0];
    assert_eq!(waiting.also, [ParticipantId::new("peru-2")]);
    assert_eq!(
        waiting.name_of(&ParticipantId::new("peru-2")),
        Some("Peru 2")
    );
    assert!(waiting.concerns(&ParticipantId::new("peru-3"), Some("Peru")));
    assert!(!waiting.concerns(&ParticipantId::new("chile"), Some("Chile")));
    check(
        &mut state,
        vec![Event::RequestClaimed {
            item: opening(),
            request: 1,
            participant: ParticipantId::new("peru-2"),
            name: "Peru 2".into(),
        }],
    );
    // The one who claimed speaks for it; the first requester no longer stands behind it,
    // and the request still names everyone who asked.
    let waiting = &state.list(&opening()).unwrap().queue[0];
    assert_eq!(waiting.participant.as_str(), "peru-2");
    assert_eq!(waiting.name, "Peru 2");
    assert!(waiting.also.is_empty());
    let asked: Vec<(&str, &str)> = waiting
        .asked_by
        .iter()
        .map(|member| (member.participant.as_str(), member.name.as_str()))
        .collect();
    assert_eq!(asked, [("peru-1", "PERU-1"), ("peru-2", "Peru 2")]);
    assert_eq!(
        waiting.name_of(&ParticipantId::new("peru-1")),
        Some("PERU-1")
    );
}

#[test]
fn registered_requests_are_in_the_list_before_any_event() {
    let mut state = meeting();
    state
        .register(
            &opening(),
            request(0, "senegal", RequestKind::Question, None),
        )
        .unwrap();
    assert!(
        state
            .register(
                &opening(),
                request(0, "senegal", RequestKind::Question, None)
            )
            .is_err()
    );
    let list = state.list(&opening()).unwrap();
    assert!(list.queue[0].registered);
    assert_eq!((list.queue[0].id, state.next_request, state.seq), (1, 2, 0));
}

#[test]
fn agenda_and_channels_follow_their_events() {
    let mut state = meeting();
    check(
        &mut state,
        vec![
            Event::CurrentItemChanged {
                item: ItemId::new("discussion"),
                waiting: protocol::Waiting::Keep,
            },
            Event::ChannelOnAir {
                channel: ChannelId::new("fr"),
                participant: ParticipantId::new("interp-fr"),
                name: "French booth".into(),
            },
        ],
    );
    assert_eq!(
        state.current_agenda_item().unwrap().id.as_str(),
        "discussion"
    );
    assert_eq!(state.active_item(), Some(&ItemId::new("discussion")));
    assert_eq!(state.current_item_position(), Some(1));
    let french = state.channel(&ChannelId::new("fr")).unwrap();
    assert_eq!(
        french.on_air.as_ref().unwrap().participant.as_str(),
        "interp-fr"
    );

    check(
        &mut state,
        vec![Event::ChannelOffAir {
            channel: ChannelId::new("fr"),
        }],
    );
    assert!(
        state
            .channel(&ChannelId::new("fr"))
            .unwrap()
            .on_air
            .is_none()
    );
}

#[test]
fn events_that_do_not_fit_leave_the_state_unchanged() {
    let mut state = meeting();
    raise(&mut state, "a", RequestKind::Intervention);
    raise(&mut state, "p", RequestKind::PointOfOrder);
    let a = id_of(&state, "a");
    let p = id_of(&state, "p");
    let before = state.clone();
    let mut twice = raised(&state, "a", RequestKind::Question);
    let stale = Event::FloorRequested {
        item: opening(),
        request: request(1, "z", RequestKind::Intervention, None),
        top: false,
    };
    let bad = vec![
        twice.clone(),
        stale,
        Event::RequestWithdrawn {
            item: opening(),
            request: 99,
        },
        Event::RequestMoved {
            item: opening(),
            request: a,
            position: 1,
        },
        Event::RequestMoved {
            item: opening(),
            request: p,
            position: 2,
        },
        Event::QueueCleared {
            item: opening(),
            count: 5,
        },
        given("a", None),
        Event::FloorEnded,
        Event::FloorPaused,
        Event::FloorResumed,
        Event::ListClosed {
            item: ItemId::new("nope"),
        },
        Event::CurrentItemChanged {
            item: ItemId::new("nope"),
            waiting: protocol::Waiting::Keep,
        },
        Event::ChannelOffAir {
            channel: ChannelId::new("klingon"),
        },
    ];
    if let Event::FloorRequested { item, .. } = &mut twice {
        *item = ItemId::new("nope");
    }
    for event in bad.into_iter().chain([twice]) {
        let envelope = EventEnvelope {
            seq: 3,
            at: 0,
            actor: None,
            event,
        };
        let outcome = state.apply(&envelope);
        assert!(
            matches!(outcome, Err(ApplyError::Inconsistent(_))),
            "{envelope:?}: {outcome:?}"
        );
        assert_eq!(state, before);
    }
}

#[test]
fn events_must_come_in_seq_order() {
    let mut state = meeting();
    let envelope = EventEnvelope {
        seq: 2,
        at: 0,
        actor: None,
        event: raised(&state, "a", RequestKind::Intervention),
    };
    assert_eq!(
        state.apply(&envelope),
        Err(ApplyError::OutOfOrder {
            expected: 1,
            got: 2
        })
    );
    assert_eq!(state, meeting());
}

#[test]
fn a_summarised_state_follows_views_and_skips_list_events() {
    let mut full = meeting();
    for who in ["a", "b", "c", "d", "e"] {
        raise(&mut full, who, RequestKind::Intervention);
    }
    let mut summarised = full.summarised();
    assert_eq!(summarised.lists.len(), 1);
    let list = &summarised.lists[0];
    assert_eq!((list.queue.len(), list.length), (3, 5));

    let a = id_of(&full, "a");
    check(&mut full, vec![given("a", Some(a))]);
    check(
        &mut full,
        vec![Event::CurrentItemChanged {
            item: ItemId::new("discussion"),
            waiting: protocol::Waiting::Keep,
        }],
    );
    // The list's event is not for summarised states …
    let list_event = EventEnvelope {
        seq: 6,
        at: 0,
        actor: None,
        event: given("b", None),
    };
    assert!(summarised.apply(&list_event).is_err());
    // … but the next other event is, after the gap …
    let item_changed = EventEnvelope {
        seq: 7,
        at: 7_000,
        actor: None,
        event: Event::CurrentItemChanged {
            item: ItemId::new("discussion"),
            waiting: protocol::Waiting::Keep,
        },
    };
    summarised.apply(&item_changed).unwrap();
    assert!(summarised.apply(&item_changed).is_err(), "not twice");
    // … and the view brings the list up to date.
    let view = full.queue_view();
    summarised.apply_queue_view(&view).unwrap();
    assert_eq!(summarised, full.summarised());
    assert!(full.clone().apply_queue_view(&view).is_err());
    let mut older = view.clone();
    older.seq = 3;
    assert!(summarised.apply_queue_view(&older).is_err());
}

#[test]
fn snapshots_survive_a_json_round_trip() {
    let mut state = meeting();
    raise(&mut state, "a", RequestKind::Question);
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: ItemId::new("opening"),
            waiting: protocol::Waiting::Keep,
        }],
    );
    let text = serde_json::to_string(&state).unwrap();
    let back: MeetingState = serde_json::from_str(&text).unwrap();
    assert_eq!(back, state);
    let summary = state.summarised();
    let back: MeetingState =
        serde_json::from_str(&serde_json::to_string(&summary).unwrap()).unwrap();
    assert_eq!(back, summary);
}

fn discussion() -> ItemId {
    ItemId::new("discussion")
}

fn items(state: &MeetingState) -> Vec<(&str, protocol::ItemState)> {
    state
        .agenda
        .iter()
        .map(|item| (item.id.as_str(), item.state))
        .collect()
}

#[test]
fn moving_through_the_agenda_marks_items_and_counts_their_time() {
    use protocol::ItemState::{Done, Live, Upcoming};
    let mut state = meeting();
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: opening(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    assert_eq!(state.started_at, Some(1_000));
    assert_eq!(state.agenda[0].live_since, Some(1_000));
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: discussion(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    assert_eq!(
        items(&state),
        [
            ("opening", Done),
            ("discussion", Live),
            ("closing", Upcoming)
        ]
    );
    assert_eq!(state.agenda[0].used_ms, 1_000, "from 1 s to 2 s");
    assert_eq!(state.agenda[1].used_ms_at(5_000), 3_000);
    // Going back makes the item left upcoming again, and time adds up.
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: opening(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    assert_eq!(
        items(&state),
        [
            ("opening", Live),
            ("discussion", Upcoming),
            ("closing", Upcoming)
        ]
    );
    assert_eq!(state.agenda[1].used_ms, 1_000);
    assert_eq!(state.agenda[0].used_ms_at(4_000), 2_000);
    assert_eq!(state.started_at, Some(1_000), "the meeting started once");
}

fn waiting_on(state: &MeetingState, item: &ItemId) -> Vec<String> {
    state
        .list(item)
        .unwrap()
        .queue
        .iter()
        .map(|request| request.participant.to_string())
        .collect()
}

#[test]
fn moving_on_keeps_carries_or_closes_the_waiting_requests() {
    use protocol::Waiting::{Carry, Close, Keep};
    let moved = |item: ItemId, waiting| Event::CurrentItemChanged { item, waiting };
    let mut state = meeting();
    check(&mut state, vec![moved(opening(), Keep)]);
    raise(&mut state, "a", RequestKind::Intervention);
    raise(&mut state, "b", RequestKind::Intervention);
    // Kept: the requests stay on the item left, and are there again on coming back.
    check(&mut state, vec![moved(discussion(), Keep)]);
    assert_eq!(waiting_on(&state, &opening()), ["a", "b"]);
    assert!(waiting_on(&state, &discussion()).is_empty());
    check(&mut state, vec![moved(opening(), Keep)]);
    assert_eq!(state.active_list().unwrap().length, 2);

    // Carried: they join the new item's list behind those already there, in their
    // order; one whose owner already waits there is not carried twice.
    let b_there = Event::FloorRequested {
        item: discussion(),
        request: request(state.next_request, "b", RequestKind::Intervention, None),
        top: false,
    };
    check(&mut state, vec![b_there]);
    raise(&mut state, "c", RequestKind::Intervention);
    check(&mut state, vec![moved(discussion(), Carry)]);
    assert!(waiting_on(&state, &opening()).is_empty());
    assert_eq!(state.list(&opening()).unwrap().length, 0);
    assert_eq!(waiting_on(&state, &discussion()), ["b", "a", "c"]);
    assert_eq!(state.active_list().unwrap().length, 3);

    // Closed: every waiting hand on the item left is lowered.
    check(&mut state, vec![moved(ItemId::new("closing"), Close)]);
    assert!(waiting_on(&state, &discussion()).is_empty());
    assert_eq!(state.list(&discussion()).unwrap().length, 0);
}

#[test]
fn a_summarised_state_leaves_the_lists_to_the_views_when_moving_on() {
    let mut full = meeting();
    check(
        &mut full,
        vec![Event::CurrentItemChanged {
            item: opening(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    raise(&mut full, "a", RequestKind::Intervention);
    let mut summary = full.summarised();
    let envelope = full.next_envelope(
        1_000 * (full.seq + 1),
        None,
        Event::CurrentItemChanged {
            item: discussion(),
            waiting: protocol::Waiting::Carry,
        },
    );
    full.apply(&envelope).unwrap();
    summary.apply(&envelope).unwrap();
    assert_eq!(waiting_on(&full, &discussion()), ["a"]);
    assert_eq!(summary.current_item, Some(discussion()));
}

#[test]
fn the_chair_marks_adds_edits_and_moves_items() {
    use protocol::ItemState::{Skipped, Upcoming};
    let mut state = meeting();
    check(
        &mut state,
        vec![Event::ItemMarked {
            item: ItemId::new("closing"),
            state: Skipped,
        }],
    );
    assert_eq!(state.agenda[2].state, Skipped);
    let added = protocol::AgendaItem {
        id: ItemId::new("survivors"),
        title: Localized([(LanguageCode::new("en"), "Survivors speak".into())].into()),
        presenter: None,
        planned_minutes: Some(15),
        questions: vec![],
        speaking_time_seconds: None,
        state: Upcoming,
        used_ms: 0,
        live_since: None,
    };
    check(
        &mut state,
        vec![Event::ItemAdded {
            item: added.clone(),
            position: 2,
        }],
    );
    assert_eq!(
        state
            .agenda
            .iter()
            .map(|item| item.id.as_str())
            .collect::<Vec<_>>(),
        ["opening", "survivors", "discussion", "closing"]
    );
    assert!(state.list(&added.id).is_some(), "the new item has its list");
    check(
        &mut state,
        vec![
            Event::ItemEdited {
                item: added.id.clone(),
                title: Localized([(LanguageCode::new("fr"), "Les survivants".into())].into()),
                presenter: Some("ALSO".into()),
                planned_minutes: None,
            },
            Event::ItemMoved {
                item: added.id.clone(),
                position: 4,
            },
        ],
    );
    let moved = state.agenda.last().unwrap();
    assert_eq!(moved.id, added.id);
    assert_eq!(moved.presenter.as_deref(), Some("ALSO"));
    assert_eq!(moved.planned_minutes, None);
    assert!(moved.title.has(&LanguageCode::new("fr")));
    assert!(!moved.title.has(&LanguageCode::new("en")));

    // What does not fit changes nothing.
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: opening(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    let before = state.clone();
    for event in [
        Event::ItemMarked {
            item: opening(),
            state: Skipped,
        },
        Event::ItemMarked {
            item: discussion(),
            state: protocol::ItemState::Live,
        },
        Event::CurrentItemChanged {
            item: ItemId::new("closing"),
            waiting: protocol::Waiting::Keep,
        },
        Event::ItemAdded {
            item: added.clone(),
            position: 1,
        },
        Event::ItemMoved {
            item: opening(),
            position: 9,
        },
        Event::ItemEdited {
            item: ItemId::new("nope"),
            title: Localized::default(),
            presenter: None,
            planned_minutes: None,
        },
    ] {
        let envelope = state.next_envelope(0, None, event);
        assert!(state.apply(&envelope).is_err(), "{envelope:?}");
        assert_eq!(state, before);
    }
}

#[test]
fn the_forecast_adds_the_list_to_the_plan_and_hints_to_close_the_list() {
    use protocol::forecast::{CloseNow, forecast};
    let mut state = meeting();
    assert_eq!(forecast(&state, 0), None, "not started");
    // The discussion (120 s speeches) is planned for 10 minutes; closing for 5.
    state.agenda[1].planned_minutes = Some(10);
    state.agenda[2].planned_minutes = Some(5);
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: discussion(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    let started = 1_000;
    // Four minutes in, nobody waits: the plan decides.
    let now = started + 240_000;
    let quiet = forecast(&state, now).unwrap();
    assert_eq!(quiet.item_used_ms, 240_000);
    assert_eq!(quiet.list_ms, Some(0));
    assert_eq!(quiet.item_ends_at, Some(started + 600_000));
    assert_eq!(quiet.meeting_ends_at, Some(started + 600_000 + 300_000));
    assert_eq!(quiet.close_now, None);

    // Four requests wait: 8 minutes of speeches against 6 left of the plan.
    for who in ["a", "b", "c", "d"] {
        let event = Event::FloorRequested {
            item: discussion(),
            request: request(state.next_request, who, RequestKind::Intervention, None),
            top: false,
        };
        check(&mut state, vec![event]);
    }
    let busy = forecast(&state, now).unwrap();
    assert_eq!(busy.list_ms, Some(480_000));
    assert_eq!(busy.item_ends_at, Some(now + 480_000));
    assert_eq!(busy.meeting_ends_at, Some(now + 480_000 + 300_000));
    assert_eq!(
        busy.close_now,
        Some(CloseNow {
            requests_that_fit: 3,
            ends_at: now + 480_000,
            overrun_ms: 120_000,
        })
    );
    // Skipped items no longer count towards the meeting's end.
    check(
        &mut state,
        vec![Event::ItemMarked {
            item: ItemId::new("closing"),
            state: protocol::ItemState::Skipped,
        }],
    );
    assert_eq!(
        forecast(&state, now).unwrap().meeting_ends_at,
        Some(now + 480_000)
    );
}

#[test]
fn an_update_keeps_items_by_id_and_follows_the_new_languages() {
    let mut state = meeting();
    check(
        &mut state,
        vec![
            Event::FloorRequested {
                item: discussion(),
                request: request(1, "kenya", RequestKind::Intervention, None),
                top: false,
            },
            Event::CurrentItemChanged {
                item: opening(),
                waiting: protocol::Waiting::Keep,
            },
            Event::CurrentItemChanged {
                item: discussion(),
                waiting: protocol::Waiting::Keep,
            },
            Event::ChannelOnAir {
                channel: ChannelId::new("fr"),
                participant: ParticipantId::new("booth-fr"),
                name: "Booth".into(),
            },
        ],
    );
    let mut info = state.info.clone();
    info.title = Localized([(LanguageCode::new("en"), "Renamed".into())].into());
    info.languages = ["fr", "en", "ru"].map(LanguageCode::new).to_vec();
    let mut agenda = state.agenda.clone();
    // As a meeting file describes them: no state, no time.
    for item in &mut agenda {
        item.state = protocol::ItemState::Upcoming;
        item.used_ms = 0;
        item.live_since = None;
    }
    agenda.remove(2); // closing
    agenda[1].speaking_time_seconds = Some(90);
    agenda[1].planned_minutes = Some(45);
    let mut added = agenda[0].clone();
    added.id = ItemId::new("survivors");
    agenda.insert(0, added);
    check(&mut state, vec![Event::MeetingUpdated { info, agenda }]);

    let ids: Vec<_> = state.agenda.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(ids, ["survivors", "opening", "discussion"]);
    assert_eq!(state.info.title.0.len(), 1);
    let opening_item = &state.agenda[1];
    assert_eq!(opening_item.state, protocol::ItemState::Done, "state kept");
    assert_eq!(opening_item.used_ms, 1_000, "time used kept");
    let live = &state.agenda[2];
    assert_eq!(live.state, protocol::ItemState::Live);
    assert_eq!(live.live_since, Some(3_000));
    assert_eq!(live.planned_minutes, Some(45));
    assert_eq!(state.current_item, Some(discussion()));
    let list = state.list(&discussion()).unwrap();
    assert_eq!(list.queue.len(), 1, "the list and its request are kept");
    assert_eq!(
        list.speaking_time_seconds,
        Some(90),
        "the new limit applies"
    );
    assert!(state.list(&ItemId::new("survivors")).is_some());
    assert!(state.list(&ItemId::new("closing")).is_none());
    let channels: Vec<_> = state.channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(channels, ["floor", "fr", "en", "ru", "sign", "captions"]);
    assert!(
        state
            .channel(&ChannelId::new("fr"))
            .unwrap()
            .on_air
            .is_some(),
        "a kept channel stays on air"
    );

    // Refused, and nothing changes: the current item removed, another meeting, an id
    // twice, a language removed while its channel is on air.
    let before = state.clone();
    let mut without_current = state.info.clone();
    without_current.languages = state.info.languages.clone();
    let items = |ids: &[&str]| -> Vec<AgendaItem> {
        ids.iter()
            .map(|id| AgendaItem {
                id: ItemId::new(*id),
                ..state.agenda[0].clone()
            })
            .collect()
    };
    let mut other = state.info.clone();
    other.id = MeetingId::new("other");
    let mut no_french = state.info.clone();
    no_french.languages = vec![LanguageCode::new("en")];
    for event in [
        Event::MeetingUpdated {
            info: without_current,
            agenda: items(&["opening"]),
        },
        Event::MeetingUpdated {
            info: other,
            agenda: items(&["opening", "discussion"]),
        },
        Event::MeetingUpdated {
            info: state.info.clone(),
            agenda: items(&["opening", "discussion", "opening"]),
        },
        Event::MeetingUpdated {
            info: no_french,
            agenda: items(&["opening", "discussion"]),
        },
    ] {
        let envelope = state.next_envelope(9_000, None, event);
        assert!(state.apply(&envelope).is_err(), "{envelope:?}");
        assert_eq!(state, before);
    }
}

#[test]
fn a_closed_meeting_counts_the_live_item_done_and_takes_no_more_events() {
    let mut state = meeting();
    check(
        &mut state,
        vec![Event::CurrentItemChanged {
            item: opening(),
            waiting: protocol::Waiting::Keep,
        }],
    );
    check(&mut state, vec![Event::MeetingClosed]);
    assert_eq!(state.closed_at, Some(2_000));
    assert_eq!(state.agenda[0].state, protocol::ItemState::Done);
    assert_eq!(state.agenda[0].used_ms, 1_000);
    assert_eq!(state.agenda[0].live_since, None);
    assert!(
        state.summarised().closed_at.is_some(),
        "attendees see it too"
    );
    let before = state.clone();
    for event in [
        Event::MeetingClosed,
        Event::CurrentItemChanged {
            item: discussion(),
            waiting: protocol::Waiting::Keep,
        },
    ] {
        let envelope = state.next_envelope(9_000, None, event);
        assert!(state.apply(&envelope).is_err());
        assert_eq!(state, before);
    }
}
