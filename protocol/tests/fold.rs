//! Tests of the meeting-state fold through its public API.

use protocol::{
    AgendaItem, ApplyError, ChannelId, Event, EventEnvelope, ItemId, LanguageCode, Localized,
    MeetingId, MeetingInfo, MeetingState, ParticipantId,
};

fn meeting() -> MeetingState {
    let info = MeetingInfo {
        id: MeetingId::new("m"),
        title: Localized::default(),
        languages: ["ar", "en", "fr", "es"].map(LanguageCode::new).to_vec(),
        default_language: LanguageCode::new("en"),
        time_zone: "Europe/Geneva".into(),
        scheduled_start: "2020-12-04T15:00:00+01:00".into(),
    };
    let agenda = ["opening", "discussion", "closing"]
        .map(|id| AgendaItem {
            id: ItemId::new(id),
            title: Localized::default(),
            presenter: None,
            planned_minutes: None,
            questions: vec![],
        })
        .to_vec();
    MeetingState::new(info, agenda)
}

/// Folds `events` one by one with seqs following the state's, checking each succeeds.
fn check(state: &mut MeetingState, events: Vec<Event>) {
    for event in events {
        let envelope = EventEnvelope {
            seq: state.seq + 1,
            at: 1_000 * (state.seq + 1),
            actor: None,
            event,
        };
        state.apply(&envelope).unwrap();
    }
}

fn raised(id: &str) -> Event {
    Event::HandRaised {
        participant: ParticipantId::new(id),
        name: id.to_uppercase(),
        delegation: None,
    }
}

fn queue(state: &MeetingState) -> Vec<&str> {
    state
        .queue
        .iter()
        .map(|request| request.participant.as_str())
        .collect()
}

#[test]
fn a_new_meeting_has_a_channel_per_language_plus_floor_sign_and_captions() {
    let state = meeting();
    let ids: Vec<&str> = state.channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["floor", "ar", "en", "fr", "es", "sign", "captions"]);
    assert!(state.channels.iter().all(|c| c.on_air.is_none()));
    assert_eq!(state.seq, 0);
}

#[test]
fn hands_queue_in_arrival_order_and_giving_the_floor_takes_them_out() {
    let mut state = meeting();
    check(&mut state, vec![raised("a"), raised("b"), raised("c")]);
    assert_eq!(queue(&state), ["a", "b", "c"]);
    assert_eq!(state.queue[1].raised_at, 2_000);

    check(
        &mut state,
        vec![Event::FloorGiven {
            participant: ParticipantId::new("b"),
            name: "B".into(),
            delegation: None,
        }],
    );
    assert_eq!(queue(&state), ["a", "c"]);
    let speaker = state.floor.as_ref().unwrap();
    assert_eq!(speaker.participant.as_str(), "b");
    assert_eq!(speaker.since, 4_000);

    check(
        &mut state,
        vec![
            Event::FloorEnded,
            Event::HandLowered {
                participant: ParticipantId::new("a"),
            },
        ],
    );
    assert_eq!(state.floor, None);
    assert_eq!(queue(&state), ["c"]);
    assert_eq!(state.seq, 6);
}

#[test]
fn agenda_and_channels_follow_their_events() {
    let mut state = meeting();
    check(
        &mut state,
        vec![
            Event::CurrentItemChanged {
                item: ItemId::new("discussion"),
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
    check(&mut state, vec![raised("a")]);
    let before = state.clone();
    let bad = [
        (2, raised("a")),
        (
            2,
            Event::HandLowered {
                participant: ParticipantId::new("zz"),
            },
        ),
        (2, Event::FloorEnded),
        (
            2,
            Event::CurrentItemChanged {
                item: ItemId::new("nope"),
            },
        ),
        (
            2,
            Event::ChannelOffAir {
                channel: ChannelId::new("klingon"),
            },
        ),
    ];
    for (seq, event) in bad {
        let envelope = EventEnvelope {
            seq,
            at: 0,
            actor: None,
            event,
        };
        assert!(matches!(
            state.apply(&envelope),
            Err(ApplyError::Inconsistent(_))
        ));
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
        event: raised("a"),
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
fn snapshots_survive_a_json_round_trip() {
    let mut state = meeting();
    check(
        &mut state,
        vec![
            raised("a"),
            Event::CurrentItemChanged {
                item: ItemId::new("opening"),
            },
        ],
    );
    let text = serde_json::to_string(&state).unwrap();
    let back: MeetingState = serde_json::from_str(&text).unwrap();
    assert_eq!(back, state);
}
