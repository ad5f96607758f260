//! The actor on its own, under tokio's paused clock: the dead-air watchdog and handover
//! lapses happen at the right moment of (virtual) time, and notices reach only those they
//! concern.

use super::{ConnectionId, MeetingHandle, Restored, Subscription};
use crate::limits::Limits;
use crate::rules::test_support::person;
use crate::store::MemoryStore;
use protocol::{
    ChannelId, Command, Event, Listening, MeetingState, Notice, Participant, Role, ServerMessage,
};
use std::sync::Arc;
use std::time::Duration;

/// A joined connection: who, and what the actor sends it.
struct Seat {
    connection: ConnectionId,
    who: Arc<Participant>,
    subscription: Subscription,
    next_id: u64,
}

impl Seat {
    /// Everything received so far, decoded.
    fn received(&mut self) -> Vec<ServerMessage> {
        let mut received = Vec::new();
        while let Ok(frames) = self.subscription.messages.try_recv() {
            for frame in frames.iter() {
                received.push(ServerMessage::decode(frame).expect("server messages decode"));
            }
        }
        received
    }

    fn notices(&mut self) -> Vec<Notice> {
        self.received()
            .into_iter()
            .filter_map(|message| match message {
                ServerMessage::Notice(notice) => Some(notice),
                _ => None,
            })
            .collect()
    }

    /// Sends a command and waits (in virtual time) until it is answered; panics when it
    /// is refused.
    async fn run(&mut self, meeting: &MeetingHandle, command: Command) {
        self.next_id += 1;
        let id = self.next_id;
        meeting
            .command(self.connection, self.who.clone(), id, command)
            .await
            .unwrap();
        loop {
            let frames = self.subscription.messages.recv().await.expect("open");
            for frame in frames.iter() {
                match ServerMessage::decode(frame).unwrap() {
                    ServerMessage::Ack { id: acked, .. } if acked == id => return,
                    ServerMessage::Error {
                        id: Some(failed),
                        message,
                        ..
                    } if failed == id => {
                        panic!("refused: {message}")
                    }
                    _ => {}
                }
            }
        }
    }
}

fn meeting(dead_air_seconds: u32, handover_seconds: u32) -> MeetingState {
    let mut state = crate::rules::simulation::meeting();
    state.info.dead_air_seconds = Some(dead_air_seconds);
    state.info.handover_seconds = Some(handover_seconds);
    state
}

fn interpreter(id: &str, booth: &str) -> Participant {
    let mut who = person(id, Role::Interpreter);
    who.booth = Some(ChannelId::new(booth));
    who
}

async fn seat(meeting: &MeetingHandle, connection: ConnectionId, who: Participant) -> Seat {
    let joined = meeting
        .join(connection, who.clone(), 0, None, u64::MAX)
        .await
        .unwrap_or_else(|_| panic!("{} joins", who.id));
    Seat {
        connection,
        who: Arc::new(who),
        subscription: joined.subscription,
        next_id: 0,
    }
}

fn dead_air(notices: &[Notice]) -> Vec<String> {
    let mut channels: Vec<String> = notices
        .iter()
        .filter_map(|notice| match notice {
            Notice::DeadAir { channel, .. } => Some(channel.to_string()),
            _ => None,
        })
        .collect();
    channels.sort();
    channels
}

fn start(state: MeetingState) -> MeetingHandle {
    let restored = Restored {
        state,
        recent: Vec::new(),
    };
    MeetingHandle::spawn(
        restored,
        Arc::new(MemoryStore::default()),
        Limits::default(),
    )
    .0
}

#[tokio::test(start_paused = true)]
async fn the_watchdog_alerts_each_silent_booth_and_the_chair_once_after_the_delay() {
    let meeting = start(meeting(10, 60));
    let mut chair = seat(&meeting, 1, person("chair", Role::Chair)).await;
    let mut french = seat(&meeting, 2, interpreter("fr-1", "fr")).await;
    let mut spanish = seat(&meeting, 3, interpreter("es-1", "es")).await;
    let mut attendee = seat(&meeting, 4, person("kenya", Role::Attendee)).await;
    let mut arabic = seat(&meeting, 5, interpreter("ar-1", "ar")).await;
    chair.run(&meeting, Command::next_item()).await;
    attendee
        .run(
            &meeting,
            Command::RaiseHand {
                kind: protocol::RequestKind::Intervention,
                question: None,
                note: None,
                language: Some(protocol::LanguageCode::new("en")),
            },
        )
        .await;
    // The Arabic booth is on air; French and Spanish are not.
    arabic
        .run(
            &meeting,
            Command::SetOnAir {
                channel: ChannelId::new("ar"),
                on_air: true,
            },
        )
        .await;
    chair.run(&meeting, Command::give_floor_next()).await;
    for seat in [
        &mut chair,
        &mut french,
        &mut spanish,
        &mut attendee,
        &mut arabic,
    ] {
        seat.received();
    }

    tokio::time::sleep(Duration::from_millis(9_900)).await;
    assert!(dead_air(&chair.notices()).is_empty(), "not yet");
    assert!(dead_air(&french.notices()).is_empty(), "not yet");

    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        dead_air(&chair.notices()),
        ["es", "fr"],
        "the chair hears of both"
    );
    assert_eq!(dead_air(&french.notices()), ["fr"], "each booth of its own");
    assert_eq!(dead_air(&spanish.notices()), ["es"]);
    assert!(dead_air(&arabic.notices()).is_empty(), "on air");
    assert!(dead_air(&attendee.notices()).is_empty(), "not the audience");

    // Once per silence: nothing more while it lasts.
    tokio::time::sleep(Duration::from_secs(30)).await;
    assert!(dead_air(&chair.notices()).is_empty());

    // French comes on and goes off: a new silence, reported after the delay again.
    let on_air = |on: bool| Command::SetOnAir {
        channel: ChannelId::new("fr"),
        on_air: on,
    };
    french.run(&meeting, on_air(true)).await;
    french.run(&meeting, on_air(false)).await;
    tokio::time::sleep(Duration::from_millis(9_000)).await;
    assert!(dead_air(&french.notices()).is_empty());
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(dead_air(&french.notices()), ["fr"]);

    // No speech, no dead air.
    chair.run(&meeting, Command::EndFloor).await;
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert!(dead_air(&chair.notices()).is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_handover_request_lapses_after_its_countdown() {
    let meeting = start(meeting(10, 60));
    let mut first = seat(&meeting, 1, interpreter("fr-1", "fr")).await;
    let mut partner = seat(&meeting, 2, interpreter("fr-2", "fr")).await;
    let channel = || ChannelId::new("fr");
    first
        .run(
            &meeting,
            Command::SetOnAir {
                channel: channel(),
                on_air: true,
            },
        )
        .await;
    first
        .run(&meeting, Command::RequestHandover { channel: channel() })
        .await;
    partner.received();
    tokio::time::sleep(Duration::from_millis(59_900)).await;
    let lapsed = |messages: Vec<ServerMessage>| {
        messages.into_iter().any(|message| {
            matches!(message, ServerMessage::Event(envelope)
                if matches!(envelope.event, Event::HandoverCancelled { lapsed: true, .. }))
        })
    };
    assert!(!lapsed(partner.received()), "still asked for");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(lapsed(partner.received()), "lapsed at 60 s");
    // The first interpreter is still on air; asking again works.
    first
        .run(&meeting, Command::RequestHandover { channel: channel() })
        .await;
    partner
        .run(&meeting, Command::TakeOver { channel: channel() })
        .await;
}

#[tokio::test(start_paused = true)]
async fn an_interpreter_who_leaves_goes_off_air_and_the_listeners_are_told() {
    let meeting = start(meeting(10, 60));
    let mut french = seat(&meeting, 1, interpreter("fr-1", "fr")).await;
    let mut listener = seat(&meeting, 2, person("senegal", Role::Attendee)).await;
    let mut other = seat(&meeting, 3, person("peru", Role::Attendee)).await;
    let listen = |channel: &str| Listening {
        channel: Some(ChannelId::new(channel)),
        ..Listening::default()
    };
    meeting.listen(2, 1, listen("fr")).await.unwrap();
    meeting.listen(3, 1, listen("es")).await.unwrap();
    french
        .run(
            &meeting,
            Command::SetOnAir {
                channel: ChannelId::new("fr"),
                on_air: true,
            },
        )
        .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let told = listener.notices();
    assert!(
        told.contains(&Notice::Channel {
            channel: ChannelId::new("fr"),
            status: protocol::ChannelStatus::Live {
                booth: ChannelId::new("fr")
            }
        }),
        "{told:?}"
    );
    assert_eq!(
        other.notices(),
        [Notice::Hearing {
            channel: ChannelId::new("es"),
            status: Some(protocol::ChannelStatus::Unavailable),
            hears: Some(ChannelId::new("floor")),
            because: protocol::HearingReason::Floor,
        }],
        "the Spanish listener is told only what they hear after their listen"
    );
    meeting.leave(1).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let told = listener.notices();
    assert!(
        told.contains(&Notice::Channel {
            channel: ChannelId::new("fr"),
            status: protocol::ChannelStatus::Unavailable
        }),
        "{told:?}"
    );
    assert!(other.notices().is_empty());
}
