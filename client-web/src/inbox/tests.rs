//! The inbox's decisions, driven the way the connection drives it: a server's state
//! changes, the client gets what its audience gets, and the effects are checked.

use super::*;
use crate::channels::tests::staffed;
use crate::i18n::Key;
use crate::model::tests::{given, meeting, meeting_with_booths, person, raised};
use protocol::{ChannelStatus, ErrorCode, MeetingState, Role, close};

/// The browser's clock when messages arrive, unless a test moves it.
const NOW: f64 = 1_000_000.0;

fn id(text: &str) -> ChannelId {
    ChannelId::new(text)
}

/// One client and the server it talks to.
struct Client {
    /// The server's full state.
    server: MeetingState,
    me: Participant,
    inbox: Inbox,
    known: Known,
    now: f64,
}

impl Client {
    /// `me` about to join `server`, with no choice of channel kept in the browser.
    fn new(server: MeetingState, me: Participant) -> Self {
        Self::with_saved(server, me, None)
    }

    fn with_saved(server: MeetingState, me: Participant, saved: Option<Listening>) -> Self {
        Self {
            server,
            me,
            inbox: Inbox::new(saved),
            known: Known::default(),
            now: NOW,
        }
    }

    /// The client gets `message`.
    fn receive(&mut self, message: ServerMessage) -> Vec<Effect> {
        self.inbox.on_message(&mut self.known, message, self.now)
    }

    /// Whether the viewer gets the summarised state.
    fn summarised(&self) -> bool {
        !matches!(self.me.role, Role::Chair | Role::Organiser)
    }

    /// A new socket is welcomed with a snapshot of the server's state.
    fn welcome(&mut self) -> Vec<Effect> {
        let state = if self.summarised() {
            self.server.summarised()
        } else {
            self.server.clone()
        };
        self.welcome_with(Some(state))
    }

    /// A new socket is welcomed with `meeting` (`None`: resumed).
    fn welcome_with(&mut self, meeting: Option<MeetingState>) -> Vec<Effect> {
        self.inbox.new_socket();
        self.receive(ServerMessage::Welcome(Welcome {
            protocol: protocol::PROTOCOL_VERSION,
            you: self.me.clone(),
            seq: self.server.seq,
            resumed: meeting.is_none(),
            token_expires_at: 4_000_000_000,
            meeting: meeting.map(Box::new),
        }))
    }

    /// The server folds `event` at server time `at`; the client gets what its audience
    /// gets: the event, or a queue view and its `your_requests`.
    fn happens_at(&mut self, event: Event, at: u64) -> Vec<Effect> {
        let envelope = self.server.next_envelope(at, None, event);
        self.server
            .apply(&envelope)
            .expect("the server's events fold");
        if self.summarised() && envelope.event.is_speakers_event() {
            let mut effects =
                self.receive(ServerMessage::Queue(Box::new(self.server.queue_view())));
            let requests = self
                .server
                .requests_of(&self.me.id, self.me.delegation.as_deref(), at);
            effects.extend(self.receive(ServerMessage::YourRequests {
                seq: self.server.seq,
                at,
                requests,
            }));
            effects
        } else {
            self.receive(ServerMessage::Event(envelope))
        }
    }

    fn happens(&mut self, event: Event) -> Vec<Effect> {
        let at = (self.server.seq + 1) * 1000;
        self.happens_at(event, at)
    }

    /// The viewer sends `command` (by the hand button when `hand`); its id.
    fn sends(&mut self, command: Command, hand: bool) -> u64 {
        let id = self.inbox.next_id();
        self.inbox.sent(command, hand);
        id
    }
}

/// The polite announcements among `effects` (those also shown, too).
fn said(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Announce(text) | Effect::Show(text) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// What `effects` show in a message at the top of the page.
fn shown(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Show(text) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn listening(channel: Option<&str>, fallbacks: &[&str]) -> Listening {
    Listening {
        channel: channel.map(id),
        fallbacks: fallbacks.iter().map(|fallback| id(fallback)).collect(),
        sign: false,
        captions: false,
    }
}

fn on_air(channel: &str) -> Event {
    Event::ChannelOnAir {
        channel: id(channel),
        participant: ParticipantId::new(format!("interp-{channel}")),
        name: format!("{channel} booth"),
    }
}

#[test]
fn a_welcome_resets_the_roster_shows_the_meeting_and_tells_what_the_viewer_hears() {
    let mut me = person("d", Role::Attendee, None);
    me.languages = vec![LanguageCode::new("fr")];
    let mut client = Client::new(meeting_with_booths(), me.clone());
    let effects = client.welcome();
    assert_eq!(
        effects,
        [
            Effect::ResetRoster,
            Effect::MeetingChanged,
            Effect::Connected,
            // Their first language's channel, as nothing is kept in this browser.
            Effect::SendListen(listening(Some("fr"), &[])),
        ]
    );
    assert_eq!(client.known.you, Some(me));
    assert_eq!(client.known.session_ends_at, Some(4_000_000_000));
    assert!(client.inbox.welcomed());
    // The welcome's presence changes nothing the viewer follows: nothing is sent again.
    assert_eq!(
        client.receive(ServerMessage::Presence(staffed(&["fr"]))),
        []
    );
    assert_eq!(client.known.presence, staffed(&["fr"]));
}

#[test]
fn the_welcomes_presence_settles_the_listener_quietly_and_later_ones_do_not() {
    let mut me = person("d", Role::Attendee, None);
    me.languages = vec![LanguageCode::new("fr")];
    let standby = ServerMessage::Notice(Notice::Channel {
        channel: id("fr"),
        status: ChannelStatus::Standby,
    });
    // The welcome's presence says the French booth is staffed (on standby): the
    // listener takes note without a word, so the server's notice is no news.
    let mut briefed = Client::new(meeting_with_booths(), me.clone());
    briefed.welcome();
    assert_eq!(
        briefed.receive(ServerMessage::Presence(staffed(&["fr"]))),
        []
    );
    assert_eq!(briefed.receive(standby.clone()), []);
    // After the welcome's presence, another one changes nothing the listener knows:
    // the change comes as a notice, which is announced.
    let mut later = Client::new(meeting_with_booths(), me);
    later.welcome();
    later.receive(ServerMessage::Presence(Presence::default()));
    assert_eq!(later.receive(ServerMessage::Presence(staffed(&["fr"]))), []);
    assert_eq!(said(&later.receive(standby)).len(), 1);
}

#[test]
fn a_gap_in_the_events_asks_for_a_fresh_snapshot() {
    let mut client = Client::new(meeting(), person("chair", Role::Chair, None));
    client.welcome();
    let known_seq = client.known.meeting.as_ref().map(|m| m.state.seq);
    assert_eq!(
        client.inbox.since(known_seq),
        known_seq,
        "resumes while on track"
    );
    // The server folds two events; the client misses the first.
    client
        .server
        .apply(&EventEnvelope {
            seq: 1,
            at: 1000,
            actor: None,
            event: raised(1, "a", None),
        })
        .expect("folds");
    let effects = client.happens(raised(2, "b", None));
    assert!(
        matches!(&effects[..], [Effect::Warn(warning), Effect::Resynchronise] if warning.ends_with("asking for a fresh snapshot")),
        "{effects:?}"
    );
    assert_eq!(
        client.inbox.since(known_seq),
        None,
        "the next hello asks for a snapshot"
    );
    assert!(
        !client.inbox.welcomed(),
        "nothing more is sent on the dropped socket"
    );
    // The fresh snapshot puts the client on track again.
    let effects = client.welcome();
    assert!(effects.contains(&Effect::MeetingChanged), "{effects:?}");
    let known_seq = client.known.meeting.as_ref().map(|m| m.state.seq);
    assert_eq!(known_seq, Some(2));
    assert_eq!(client.inbox.since(known_seq), Some(2));
}

#[test]
fn a_resumed_welcome_without_a_known_state_asks_for_one() {
    let mut client = Client::new(meeting(), person("chair", Role::Chair, None));
    assert_eq!(
        client.welcome_with(None),
        [Effect::ResetRoster, Effect::Resynchronise]
    );
    assert!(!client.inbox.welcomed());
    assert_eq!(client.inbox.since(None), None);
    // With a state, a resumed welcome is followed by the missed events.
    client.welcome();
    // The chair listens too: each new socket is told what they follow.
    assert_eq!(
        client.welcome_with(None),
        [
            Effect::ResetRoster,
            Effect::Connected,
            Effect::SendListen(Listening::default()),
        ]
    );
    assert!(said(&client.happens(raised(1, "a", None))).is_empty());
}

#[test]
fn an_event_seen_twice_changes_nothing() {
    let mut client = Client::new(meeting(), person("chair", Role::Chair, None));
    client.welcome();
    let effects = client.happens(raised(1, "a", None));
    assert_eq!(effects, [Effect::MeetingChanged]);
    let again = EventEnvelope {
        seq: 1,
        at: 1000,
        actor: None,
        event: raised(1, "a", None),
    };
    assert_eq!(client.receive(ServerMessage::Event(again)), []);
}

#[test]
fn live_events_tell_the_servers_clock_and_replayed_ones_do_not() {
    let mut client = Client::new(meeting(), person("chair", Role::Chair, None));
    client.welcome();
    // Missed while away: the client resumes from seq 0 and gets events 1 and 2 again.
    client
        .server
        .apply(&EventEnvelope {
            seq: 1,
            at: 5_000_000,
            actor: None,
            event: raised(1, "a", None),
        })
        .expect("folds");
    client.welcome_with(None);
    client.receive(ServerMessage::Event(EventEnvelope {
        seq: 1,
        at: 5_000_000,
        actor: None,
        event: raised(1, "a", None),
    }));
    assert_eq!(
        client.known.clock,
        ServerClock::default(),
        "a replayed time is old"
    );
    // Live: the server's clock is 2 s ahead of the browser's.
    client.happens_at(raised(2, "b", None), 1_002_000);
    assert_eq!(client.known.clock.server_time(NOW), 1_002_000);
}

#[test]
fn the_hand_button_is_released_once_the_viewers_own_request_is_seen() {
    let mut client = Client::new(meeting(), person("d", Role::Attendee, None));
    client.welcome();
    let id = client.sends(Command::raise_hand(), true);
    // Accepted as seq 1, whose view has not arrived yet: the button stays busy.
    assert_eq!(client.receive(ServerMessage::Ack { id, seq: 1 }), []);
    let effects = client.happens(raised(1, "d", None));
    assert_eq!(
        effects
            .iter()
            .filter(|effect| **effect == Effect::ReleaseHand)
            .count(),
        1,
        "{effects:?}"
    );
    assert_eq!(said(&effects), ["You are next in the queue."]);
}

#[test]
fn a_request_the_viewer_withdrew_is_told_apart_from_one_the_chair_removed() {
    let lowered = i18n::text(Key::HandLowered);
    let removed = i18n::text(Key::RequestRemoved);
    let mut client = Client::new(meeting(), person("d", Role::Attendee, None));
    client.welcome();
    client.happens(raised(1, "d", None));
    client.sends(Command::LowerHand { request: Some(1) }, false);
    let withdrawn = Event::RequestWithdrawn {
        item: protocol::ItemId::new("one"),
        request: 1,
    };
    assert_eq!(said(&client.happens(withdrawn)), [lowered]);

    client.happens(raised(2, "d", None));
    let removed_by_chair = Event::RequestWithdrawn {
        item: protocol::ItemId::new("one"),
        request: 2,
    };
    assert_eq!(said(&client.happens(removed_by_chair)), [removed]);
}

#[test]
fn requesters_are_shown_what_became_of_their_request_when_the_chair_moves_on() {
    use protocol::{ItemId, Waiting};
    for (waiting, expected) in [
        (
            Waiting::Keep,
            "\u{2069}. Your request stays on the list of “\u{2068}First\u{2069}”",
        ),
        (
            Waiting::Carry,
            "Your request was carried over to this item.",
        ),
        (
            Waiting::Close,
            "closed the list of “\u{2068}First\u{2069}”: your hand is lowered",
        ),
    ] {
        let mut server = meeting();
        let started = server.next_envelope(
            500,
            None,
            Event::CurrentItemChanged {
                item: ItemId::new("one"),
                waiting: Waiting::Keep,
            },
        );
        server.apply(&started).unwrap();
        let mut client = Client::new(server, person("d", Role::Attendee, None));
        client.welcome();
        client.happens(raised(1, "d", None));
        let mut bystander = Client::new(client.server.clone(), person("e", Role::Attendee, None));
        bystander.welcome();
        let moved = Event::CurrentItemChanged {
            item: ItemId::new("two"),
            waiting,
        };
        let effects = client.happens(moved.clone());
        let shown = shown(&effects);
        assert_eq!(shown.len(), 1, "{waiting:?}: {effects:?}");
        assert!(shown[0].starts_with("Item changed: "), "{shown:?}");
        assert!(shown[0].contains(expected), "{waiting:?}: {shown:?}");
        // Those without a request hear the item change only.
        let effects = bystander.happens(moved);
        assert_eq!(super::tests::shown(&effects), Vec::<&str>::new());
        assert_eq!(said(&effects).len(), 1, "{effects:?}");
        // What the server tells next: the carried request's new place in the new list.
        let requests = client.server.requests_of(&client.me.id, None, 3_000);
        assert_eq!(requests.len(), usize::from(waiting == Waiting::Carry));
        let effects = client.receive(ServerMessage::YourRequests {
            seq: client.server.seq,
            at: 3_000,
            requests,
        });
        if waiting == Waiting::Carry {
            assert_eq!(said(&effects), ["You are next in the queue."]);
        }
    }
}

#[test]
fn a_refused_command_is_told_and_releases_the_hand_button() {
    let mut client = Client::new(meeting(), person("d", Role::Attendee, None));
    client.welcome();
    let id = client.sends(Command::raise_hand(), true);
    let effects = client.receive(ServerMessage::Error {
        id: Some(id),
        code: ErrorCode::Forbidden,
        message: "Not now.".into(),
    });
    assert_eq!(
        effects,
        [
            Effect::ReleaseHand,
            Effect::Notify(i18n::command_refused(
                i18n::action(&Command::raise_hand()),
                "Not now."
            )),
        ]
    );
    // Answered once: the same id again, or an error about no command, is only logged.
    assert!(matches!(
        &client.inbox.refused(Some(id), "again".into())[..],
        [Effect::Warn(_)]
    ));
    // A refused withdrawal is forgotten: the request's later removal is the chair's.
    client.happens(raised(1, "d", None));
    let id = client.sends(Command::LowerHand { request: Some(1) }, false);
    client.inbox.refused(Some(id), "no".into());
    let removed = Event::RequestWithdrawn {
        item: protocol::ItemId::new("one"),
        request: 1,
    };
    assert_eq!(
        said(&client.happens(removed)),
        [i18n::text(Key::RequestRemoved)]
    );
}

#[test]
fn booth_notices_are_announced_once_and_not_while_the_welcome_briefs() {
    let mut client = Client::new(
        meeting_with_booths(),
        person("interp", Role::Interpreter, None),
    );
    let effects = client.welcome();
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::SendListen(_))),
        "a booth's people work a channel, they do not listen: {effects:?}"
    );
    let task = |task: BoothTask| {
        ServerMessage::Notice(Notice::Task {
            booth: id("fr"),
            floor_language: LanguageCode::new("en"),
            task,
        })
    };
    // The welcome's briefing: taken note of, not announced.
    assert_eq!(client.receive(task(BoothTask::Direct)), []);
    let pivot = |relying: &[&str]| {
        ServerMessage::Notice(Notice::Pivot {
            booth: id("fr"),
            relying: relying.iter().map(|booth| id(booth)).collect(),
        })
    };
    assert_eq!(client.receive(pivot(&["es"])), []);
    assert_eq!(client.known.relying, [id("es")]);
    client.receive(ServerMessage::Presence(Presence::default()));
    // News now: the same task again is not, a new one is.
    assert_eq!(client.receive(task(BoothTask::Direct)), []);
    let relay = BoothTask::Relay { pivot: id("ar") };
    let effects = client.receive(task(relay.clone()));
    assert_eq!(effects.len(), 1, "{effects:?}");
    assert!(matches!(&effects[0], Effect::Announce(_)));
    assert_eq!(client.known.task, Some((LanguageCode::new("en"), relay)));
    assert_eq!(said(&client.receive(pivot(&["es"]))).len(), 1);
    assert_eq!(
        client.receive(pivot(&[])),
        [],
        "nobody relies on the booth now"
    );
    assert!(client.known.relying.is_empty());
}

#[test]
fn dead_air_is_alerted_while_it_lasts() {
    let mut server = meeting_with_booths();
    let mut request =
        crate::model::tests::request("peru", protocol::RequestKind::Intervention, None);
    request.id = 1;
    request.language = LanguageCode::new("es");
    for event in [
        Event::FloorRequested {
            item: protocol::ItemId::new("one"),
            request,
            top: false,
        },
        given(1, "peru"),
    ] {
        server
            .apply(&server.next_envelope((server.seq + 1) * 1000, None, event))
            .expect("folds");
    }
    let mut client = Client::new(server, person("chair", Role::Chair, None));
    client.welcome();
    client.now = 14_000.0;
    let dead_air = |since: u64| {
        ServerMessage::Notice(Notice::DeadAir {
            channel: id("fr"),
            since,
        })
    };
    assert_eq!(
        client.receive(dead_air(2000)),
        [Effect::Alert(
            "No interpretation into French for 0:12 while the floor speaks.".into()
        )]
    );
    assert_eq!(client.known.dead_air, [(id("fr"), 2000)]);
    // A silence that is not the channel's current one is noted, not alerted.
    assert_eq!(client.receive(dead_air(3000)), []);
    assert_eq!(client.known.dead_air, [(id("fr"), 3000)]);
}

#[test]
fn a_channel_notice_is_announced_once_and_the_server_told_what_the_viewer_now_hears() {
    let saved = listening(Some("fr"), &["ar"]);
    let mut client = Client::with_saved(
        meeting_with_booths(),
        person("d", Role::Attendee, None),
        Some(saved.clone()),
    );
    client.welcome();
    client.receive(ServerMessage::Presence(staffed(&["fr", "ar"])));
    client.happens(on_air("ar"));
    let notice = ServerMessage::Notice(Notice::Channel {
        channel: id("ar"),
        status: ChannelStatus::Live { booth: id("ar") },
    });
    let effects = client.receive(notice.clone());
    assert_eq!(said(&effects).len(), 1, "{effects:?}");
    // Seen as well as heard: what the listener hears changed.
    assert_eq!(shown(&effects), said(&effects), "{effects:?}");
    assert_eq!(
        effects.last(),
        Some(&Effect::SendListen(listening(Some("ar"), &["fr"])))
    );
    assert_eq!(
        client.receive(notice),
        [],
        "the same notice again is no news"
    );
}

#[test]
fn a_changed_choice_of_channel_is_sent_once_and_only_when_welcomed() {
    let mut me = person("d", Role::Attendee, None);
    me.languages = vec![LanguageCode::new("fr")];
    let mut client = Client::new(meeting_with_booths(), me);
    let follower = |preference: Listening| {
        Follower::new(preference, &meeting_with_booths(), &Presence::default())
    };
    let floor_only = follower(Listening::default());
    assert_eq!(
        client.inbox.listening_changed(Some(&floor_only)),
        [],
        "not welcomed"
    );
    client.welcome();
    assert_eq!(
        client.inbox.listening_changed(Some(&floor_only)),
        [Effect::SendListen(Listening::default())]
    );
    assert_eq!(client.inbox.listening_changed(Some(&floor_only)), []);
    assert_eq!(client.inbox.listening_changed(None), []);
}

#[test]
fn a_closed_socket_reconnects_or_gives_up() {
    let mut client = Client::new(meeting(), person("d", Role::Attendee, None));
    client.welcome();
    let id = client.sends(Command::raise_hand(), true);
    // Closed soon after its welcome: the backoff keeps growing.
    assert_eq!(
        client.inbox.on_close(1006, NOW + 1_000.0),
        [Effect::ReleaseHand, Effect::Reconnect]
    );
    // What was sent on it is not answered any more.
    assert_eq!(client.receive(ServerMessage::Ack { id, seq: 1 }), []);
    // A connection that lasted starts the backoff again.
    client.welcome();
    assert_eq!(
        client
            .inbox
            .on_close(close::SERVICE_RESTART, NOW + 60_000.0),
        [Effect::ResetBackoff, Effect::ReleaseHand, Effect::Reconnect]
    );
    assert!(!client.inbox.welcomed());
    client.welcome();
    assert_eq!(
        client.inbox.on_close(close::UNAUTHORIZED, NOW + 60_000.0),
        [
            Effect::ResetBackoff,
            Effect::ReleaseHand,
            Effect::GiveUp {
                reason: Key::InvalidInvite,
                forget_token: true,
            },
        ]
    );
}

#[test]
fn the_page_says_it_is_up_to_date_once_the_briefing_after_a_loss_ends() {
    let up_to_date = i18n::text(Key::UpToDate);
    let mut client = Client::new(meeting(), person("chair", Role::Chair, None));
    // The first welcome is no recovery: nothing to say.
    client.welcome();
    assert_eq!(
        shown(&client.receive(ServerMessage::Presence(Presence::default()))),
        Vec::<&str>::new()
    );
    // Lost, then welcomed again: current once the briefing (ending with its presence)
    // is complete, not at the welcome, and said once.
    client.inbox.on_close(1006, NOW + 1_000.0);
    assert_eq!(shown(&client.welcome_with(None)), Vec::<&str>::new());
    client.happens(raised(1, "a", None));
    assert_eq!(
        shown(&client.receive(ServerMessage::Presence(Presence::default()))),
        [up_to_date]
    );
    assert_eq!(
        shown(&client.receive(ServerMessage::Presence(Presence::default()))),
        Vec::<&str>::new()
    );
    // A lost track of the meeting (a gap) too, once its fresh snapshot has arrived.
    client
        .server
        .apply(&EventEnvelope {
            seq: 2,
            at: 2000,
            actor: None,
            event: raised(2, "b", None),
        })
        .expect("folds");
    assert!(
        client
            .happens(raised(3, "c", None))
            .contains(&Effect::Resynchronise)
    );
    client.welcome();
    assert_eq!(
        shown(&client.receive(ServerMessage::Presence(Presence::default()))),
        [up_to_date]
    );
    // A session refused for good is not recovered: nothing to say.
    let mut refused = Client::new(meeting(), person("d", Role::Attendee, None));
    refused.welcome();
    refused.receive(ServerMessage::Presence(Presence::default()));
    refused.inbox.on_close(close::UNAUTHORIZED, NOW + 1_000.0);
    refused.welcome();
    assert_eq!(
        shown(&refused.receive(ServerMessage::Presence(Presence::default()))),
        Vec::<&str>::new()
    );
}

#[test]
fn rosters_and_renewed_tokens_are_passed_on() {
    let mut client = Client::new(meeting(), person("chair", Role::Chair, None));
    client.welcome();
    let left = vec![ParticipantId::new("gone")];
    assert_eq!(
        client.receive(ServerMessage::Roster {
            full: true,
            joined: Vec::new(),
            left: left.clone(),
        }),
        [Effect::UpdateRoster {
            full: true,
            joined: Vec::new(),
            left,
        }]
    );
    assert_eq!(
        client.receive(ServerMessage::TokenRefreshed {
            id: 3,
            expires_at: 4_100_000_000,
        }),
        []
    );
    assert_eq!(client.known.session_ends_at, Some(4_100_000_000));
}
