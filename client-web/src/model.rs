//! What the page derives from the folded [`MeetingState`] and the viewer: their place in
//! the queue, what their buttons do, and which changes are worth announcing to them.
//!
//! Pure functions of the protocol's types, so that they are unit-tested natively; the
//! views only read them.

use crate::i18n::{self, Key, UI};
use protocol::{
    ApplyError, Channel, ChannelId, Command, Event, EventEnvelope, Localized, MeetingState,
    Participant, Role,
};

/// A meeting text (title, question) in the interface's language, else the meeting's
/// default language.
pub fn localized<'a>(meeting: &MeetingState, text: &'a Localized) -> &'a str {
    text.get(&UI.code(), &meeting.info.default_language)
}

/// Whether this role asks for the floor (the server refuses a raised hand from others).
pub fn can_raise_hand(role: Role) -> bool {
    matches!(role, Role::Attendee | Role::Organiser)
}

/// The viewer's 0-based position in the list of speakers, if their hand is up.
pub fn my_position(meeting: &MeetingState, me: &Participant) -> Option<usize> {
    meeting.queue_position(&me.id)
}

/// Whether the viewer has the floor.
pub fn has_floor(meeting: &MeetingState, me: &Participant) -> bool {
    meeting
        .floor
        .as_ref()
        .is_some_and(|speaker| speaker.participant == me.id)
}

/// The command the raise-hand button sends: lower when raised, raise otherwise. `None`
/// when the viewer's role does not ask for the floor.
pub fn hand_command(meeting: &MeetingState, me: &Participant) -> Option<Command> {
    if !can_raise_hand(me.role) {
        return None;
    }
    Some(if my_position(meeting, me).is_some() {
        Command::LowerHand { participant: None }
    } else {
        Command::RaiseHand
    })
}

/// The state of an interpreter's booth channel, as seen by that interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booth {
    /// Nobody is on air: listeners of the channel hear the floor.
    OffAir,
    /// The viewer is on air.
    OnAirByMe,
    /// A colleague is on air (a hand-over is due, or they share the booth).
    OnAirByOther(String),
}

/// The viewer's booth channel and its state, for roles that work a channel.
pub fn booth<'a>(meeting: &'a MeetingState, me: &Participant) -> Option<(&'a Channel, Booth)> {
    if !me.role.works_channel() {
        return None;
    }
    let channel = meeting.channel(me.booth.as_ref()?)?;
    let state = match &channel.on_air {
        None => Booth::OffAir,
        Some(on_air) if on_air.participant == me.id => Booth::OnAirByMe,
        Some(on_air) => Booth::OnAirByOther(on_air.name.clone()),
    };
    Some((channel, state))
}

/// The command the on-air toggle sends: off air when the viewer is on air, on air
/// otherwise.
pub fn on_air_command(meeting: &MeetingState, me: &Participant) -> Option<Command> {
    let (channel, state) = booth(meeting, me)?;
    Some(Command::SetOnAir {
        channel: channel.id.clone(),
        on_air: state != Booth::OnAirByMe,
    })
}

/// What the chair's agenda buttons can do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaMoves {
    /// There is an item before the current one.
    pub previous: bool,
    /// There is an item after the current one (or the meeting has not started).
    pub next: bool,
}

/// Whether "Previous item" and "Next item" lead anywhere.
pub fn agenda_moves(meeting: &MeetingState) -> AgendaMoves {
    match meeting.current_item_position() {
        None => AgendaMoves {
            previous: false,
            next: !meeting.agenda.is_empty(),
        },
        Some(position) => AgendaMoves {
            previous: position > 0,
            next: position + 1 < meeting.agenda.len(),
        },
    }
}

/// How an event from the server fitted the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fold {
    /// The event was folded in.
    Applied,
    /// The event was already folded (its seq is not newer): nothing to do.
    Duplicate,
    /// The event does not follow the state: a fresh snapshot is needed.
    LostTrack(ApplyError),
}

/// Folds an event into the meeting, telling duplicates (harmless) from gaps (the client
/// must ask for a fresh snapshot).
pub fn fold(meeting: &mut MeetingState, envelope: &EventEnvelope) -> Fold {
    if envelope.seq <= meeting.seq {
        return Fold::Duplicate;
    }
    match meeting.apply(envelope) {
        Ok(()) => Fold::Applied,
        Err(error) => Fold::LostTrack(error),
    }
}

/// What the viewer's situation was before an event, to tell what changed for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Before {
    /// Their 0-based position in the queue.
    pub position: Option<usize>,
    /// Whether they had the floor.
    pub had_floor: bool,
}

impl Before {
    /// Takes note of the viewer's situation.
    pub fn of(meeting: &MeetingState, me: &Participant) -> Self {
        Self {
            position: my_position(meeting, me),
            had_floor: has_floor(meeting, me),
        }
    }
}

/// Announces what an event, just folded into `meeting`, means for the viewer, for the
/// page's `aria-live` region. `None` when it is not worth interrupting them.
pub fn announcement(
    meeting: &MeetingState,
    envelope: &EventEnvelope,
    before: Before,
    me: &Participant,
) -> Option<String> {
    let mine = |participant: &protocol::ParticipantId| *participant == me.id;
    let channel_name = |id: &ChannelId| meeting.channel(id).map(|c| i18n::channel(&c.kind));
    let moved_to_front = || {
        before.position.is_some_and(|position| position > 0) && my_position(meeting, me) == Some(0)
    };
    match &envelope.event {
        Event::FloorGiven { participant, .. } if mine(participant) => {
            Some(i18n::text(Key::YouHaveFloor).to_owned())
        }
        Event::FloorGiven { name, .. } => Some(if moved_to_front() {
            i18n::floor_given_you_are_next(name)
        } else {
            i18n::floor_given_to(name)
        }),
        Event::FloorEnded if before.had_floor => Some(i18n::text(Key::SpeechEnded).to_owned()),
        Event::FloorEnded => None,
        Event::HandRaised { participant, .. } if mine(participant) => {
            my_position(meeting, me).map(|position| i18n::queue_position(position + 1))
        }
        Event::HandRaised { .. } => None,
        Event::HandLowered { participant } if mine(participant) => {
            let by_me = envelope.actor.as_ref().is_none_or(mine);
            let key = if by_me {
                Key::HandLowered
            } else {
                Key::HandLoweredByChair
            };
            Some(i18n::text(key).to_owned())
        }
        Event::HandLowered { .. } => {
            moved_to_front().then(|| i18n::text(Key::YouAreNext).to_owned())
        }
        Event::CurrentItemChanged { .. } => meeting
            .current_agenda_item()
            .map(|item| i18n::item_changed(localized(meeting, &item.title))),
        Event::ChannelOnAir { channel, .. } => {
            channel_name(channel).map(|c| i18n::channel_live(&c))
        }
        Event::ChannelOffAir { channel } => {
            channel_name(channel).map(|c| i18n::channel_standby(&c))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{AgendaItem, ItemId, LanguageCode, MeetingId, MeetingInfo, ParticipantId};

    fn text(en: &str) -> Localized {
        Localized([(LanguageCode::new("en"), en.to_owned())].into())
    }

    fn meeting() -> MeetingState {
        let info = MeetingInfo {
            id: MeetingId::new("m"),
            title: text("Meeting"),
            languages: vec![LanguageCode::new("en"), LanguageCode::new("fr")],
            default_language: LanguageCode::new("en"),
            time_zone: "Europe/Zurich".into(),
            scheduled_start: "2020-12-04T15:00:00+01:00".into(),
        };
        let item = |id: &str, title: &str| AgendaItem {
            id: ItemId::new(id),
            title: text(title),
            presenter: None,
            planned_minutes: None,
            questions: Vec::new(),
        };
        MeetingState::new(info, vec![item("one", "First"), item("two", "Second")])
    }

    fn person(id: &str, role: Role) -> Participant {
        Participant {
            id: ParticipantId::new(id),
            name: format!("Name of {id}"),
            role,
            delegation: None,
            booth: (role == Role::Interpreter).then(|| ChannelId::new("fr")),
            languages: Vec::new(),
        }
    }

    /// Folds `events` as `actor`, then returns what `viewer` hears about the last one.
    fn check(
        events: &[(Option<&str>, Event)],
        viewer: &Participant,
    ) -> (MeetingState, Option<String>) {
        let mut state = meeting();
        let mut said = None;
        for (actor, event) in events {
            let envelope = EventEnvelope {
                seq: state.seq + 1,
                at: 0,
                actor: actor.map(ParticipantId::new),
                event: event.clone(),
            };
            let before = Before::of(&state, viewer);
            assert_eq!(fold(&mut state, &envelope), Fold::Applied);
            said = announcement(&state, &envelope, before, viewer);
        }
        (state, said)
    }

    fn raised(id: &str) -> (Option<&str>, Event) {
        (
            Some(id),
            Event::HandRaised {
                participant: ParticipantId::new(id),
                name: format!("Name of {id}"),
                delegation: None,
            },
        )
    }

    fn given(id: &str) -> (Option<&'static str>, Event) {
        (
            Some("chair"),
            Event::FloorGiven {
                participant: ParticipantId::new(id),
                name: format!("Name of {id}"),
                delegation: None,
            },
        )
    }

    #[test]
    fn a_raised_hand_tells_its_position_and_flips_the_button() {
        let me = person("b", Role::Attendee);
        let (state, said) = check(&[raised("a"), raised("b")], &me);
        assert_eq!(said.as_deref(), Some("You are number 2 in the queue."));
        assert_eq!(
            hand_command(&state, &me),
            Some(Command::LowerHand { participant: None })
        );
        let (state, said) = check(&[raised("a")], &me);
        assert_eq!(said, None, "others' hands are not announced");
        assert_eq!(hand_command(&state, &me), Some(Command::RaiseHand));
    }

    #[test]
    fn the_floor_is_announced_and_the_next_speaker_is_told() {
        let me = person("b", Role::Attendee);
        let (_, said) = check(&[raised("a"), raised("b"), given("a")], &me);
        assert_eq!(
            said.as_deref(),
            Some("Name of a has the floor. You are next in the queue")
        );
        let (state, said) = check(&[raised("a"), raised("b"), given("b")], &me);
        assert_eq!(said.as_deref(), Some("You have the floor"));
        assert!(has_floor(&state, &me));
        let (_, said) = check(
            &[raised("b"), given("b"), (Some("chair"), Event::FloorEnded)],
            &me,
        );
        assert_eq!(said.as_deref(), Some("Your speech has ended"));
    }

    #[test]
    fn the_chair_lowering_a_hand_is_told_apart() {
        let me = person("b", Role::Attendee);
        let lowered = |actor| {
            (
                Some(actor),
                Event::HandLowered {
                    participant: ParticipantId::new("b"),
                },
            )
        };
        let (_, said) = check(&[raised("b"), lowered("chair")], &me);
        assert_eq!(said.as_deref(), Some("The chair lowered your hand"));
        let (_, said) = check(&[raised("b"), lowered("b")], &me);
        assert_eq!(said.as_deref(), Some("Your hand is lowered"));
    }

    #[test]
    fn agenda_moves_and_channels_are_announced() {
        let me = person("b", Role::Attendee);
        let item = |id: &str| {
            (
                Some("chair"),
                Event::CurrentItemChanged {
                    item: ItemId::new(id),
                },
            )
        };
        let (state, said) = check(&[item("one")], &me);
        assert_eq!(said.as_deref(), Some("Item changed: First"));
        assert_eq!(
            agenda_moves(&state),
            AgendaMoves {
                previous: false,
                next: true
            }
        );
        let (state, _) = check(&[item("one"), item("two")], &me);
        assert_eq!(
            agenda_moves(&state),
            AgendaMoves {
                previous: true,
                next: false
            }
        );
        let on_air = (
            Some("fr-1"),
            Event::ChannelOnAir {
                channel: ChannelId::new("fr"),
                participant: ParticipantId::new("fr-1"),
                name: "Name of fr-1".into(),
            },
        );
        let (_, said) = check(std::slice::from_ref(&on_air), &me);
        assert_eq!(said.as_deref(), Some("French channel live"));
        let off_air = (
            Some("fr-1"),
            Event::ChannelOffAir {
                channel: ChannelId::new("fr"),
            },
        );
        let (_, said) = check(&[on_air, off_air], &me);
        assert_eq!(said.as_deref(), Some("French channel on standby"));
    }

    #[test]
    fn interpreters_toggle_their_booth() {
        let me = person("fr-1", Role::Interpreter);
        let (state, _) = check(&[], &me);
        assert_eq!(booth(&state, &me).map(|(_, b)| b), Some(Booth::OffAir));
        assert_eq!(
            on_air_command(&state, &me),
            Some(Command::SetOnAir {
                channel: ChannelId::new("fr"),
                on_air: true
            })
        );
        assert_eq!(hand_command(&state, &me), None);
        let colleague = (
            Some("fr-2"),
            Event::ChannelOnAir {
                channel: ChannelId::new("fr"),
                participant: ParticipantId::new("fr-2"),
                name: "Name of fr-2".into(),
            },
        );
        let (state, _) = check(&[colleague], &me);
        assert_eq!(
            booth(&state, &me).map(|(_, b)| b),
            Some(Booth::OnAirByOther("Name of fr-2".into()))
        );
        let attendee = person("b", Role::Attendee);
        assert_eq!(on_air_command(&state, &attendee), None);
    }

    #[test]
    fn duplicates_are_skipped_and_gaps_detected() {
        let mut state = meeting();
        let envelope = |seq| EventEnvelope {
            seq,
            at: 0,
            actor: None,
            event: Event::CurrentItemChanged {
                item: ItemId::new("one"),
            },
        };
        assert_eq!(fold(&mut state, &envelope(1)), Fold::Applied);
        assert_eq!(fold(&mut state, &envelope(1)), Fold::Duplicate);
        assert!(matches!(
            fold(&mut state, &envelope(3)),
            Fold::LostTrack(ApplyError::OutOfOrder {
                expected: 2,
                got: 3
            })
        ));
        assert_eq!(state.seq, 1);
    }
}
