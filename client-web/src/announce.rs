//! What is worth announcing to the viewer: their situation ([`Situation`]) before and
//! after each server message, what the live regions say about the change
//! ([`announcement`]), and the words for a refused command or an error the client cannot
//! decode.
//!
//! Pure functions of the model, unit-tested natively; the inbox calls them.

use crate::i18n::{self, Key};
use crate::model::{Meeting, has_floor, localized, own_request};
use protocol::{
    ChannelId, Event, ItemId, MeetingState, Participant, ParticipantId, RequestId, Waiting,
};

/// What the viewer's situation is, taken before and after each message from the server,
/// so that what changed for them can be announced whatever message brought the change
/// (an event for a full state; a view or `your_requests` for a summarised one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    /// The item whose list is in use.
    item: Option<ItemId>,
    /// The viewer's own request and its 1-based position.
    own: Option<(RequestId, u32)>,
    /// The speech in progress: who, since when, and their name.
    speech: Option<(ParticipantId, u64, String)>,
    /// Whether the viewer speaks.
    speaking: bool,
    /// Whether the speech's timer is paused.
    paused: bool,
    /// Whether the list in use is closed.
    closed: bool,
    /// Whether the viewer works a channel: booths hear of every channel going on and off
    /// air, listeners of the channels they follow only (from the server's notices).
    works_channel: bool,
}

impl Situation {
    /// Takes note of the viewer's situation.
    pub fn of(meeting: &Meeting, me: &Participant) -> Self {
        let state = &meeting.state;
        Self {
            item: state.active_item().cloned(),
            own: own_request(&meeting.my_requests(me), me)
                .map(|mine| (mine.request.id, mine.position)),
            speech: state.floor.as_ref().map(|speaker| {
                (
                    speaker.participant.clone(),
                    speaker.since,
                    i18n::name_with_delegation(&speaker.name, speaker.delegation.as_deref()),
                )
            }),
            speaking: has_floor(state, me),
            paused: state
                .floor
                .as_ref()
                .is_some_and(|speaker| speaker.paused_at.is_some()),
            closed: state.active_list().is_some_and(|list| list.closed),
            works_channel: me.role.works_channel(),
        }
    }
}

/// What changed for the viewer between two situations, as one text for the page's
/// `aria-live` region; `None` when nothing is worth interrupting them. `event` is the
/// event that caused the change, when one did (channels and the agenda are announced
/// from their events); `withdrawn_by_me` tells whether the viewer asked to withdraw a
/// request (so that its leaving is not reported as the chair's doing).
pub fn announcement(
    meeting: &Meeting,
    before: &Situation,
    after: &Situation,
    event: Option<&Event>,
    withdrawn_by_me: impl Fn(RequestId) -> bool,
) -> Option<String> {
    let state = &meeting.state;
    let mut said: Vec<String> = Vec::new();
    match event {
        Some(Event::CurrentItemChanged { .. }) => said.extend(
            state
                .current_agenda_item()
                .map(|item| i18n::item_changed(localized(state, &item.title))),
        ),
        Some(Event::ItemAdded { item, .. }) => {
            said.push(i18n::item_added(localized(state, &item.title)));
        }
        Some(Event::ChannelOnAir { channel, .. }) if after.works_channel => {
            said.extend(channel_name(state, channel).map(|c| i18n::channel_live(&c)));
        }
        Some(Event::ChannelOffAir { channel }) if after.works_channel => {
            said.extend(channel_name(state, channel).map(|c| i18n::channel_standby(&c)));
        }
        Some(Event::MeetingUpdated { .. }) => {
            said.push(i18n::text(Key::MeetingUpdated).to_owned());
        }
        Some(Event::MeetingClosed) => said.push(i18n::text(Key::MeetingEnded).to_owned()),
        _ => {}
    }

    let same_speech = |a: &Option<(ParticipantId, u64, String)>,
                       b: &Option<(ParticipantId, u64, String)>| {
        a.as_ref().map(|(who, since, _)| (who, since))
            == b.as_ref().map(|(who, since, _)| (who, since))
    };
    if !same_speech(&before.speech, &after.speech) {
        if after.speaking {
            said.push(i18n::text(Key::YouHaveFloor).to_owned());
        } else {
            if before.speaking {
                said.push(i18n::text(Key::SpeechEnded).to_owned());
            }
            if let Some((_, _, name)) = &after.speech {
                said.push(i18n::floor_given_to(name));
            }
        }
    } else if after.speaking && before.paused != after.paused {
        said.push(
            i18n::text(if after.paused {
                Key::YourTimePaused
            } else {
                Key::YourTimeResumed
            })
            .to_owned(),
        );
    }

    if before.item == after.item {
        match (before.own, after.own) {
            (Some((id, _)), None) if !after.speaking => said.push(
                i18n::text(if withdrawn_by_me(id) {
                    Key::HandLowered
                } else {
                    Key::RequestRemoved
                })
                .to_owned(),
            ),
            (before_own, Some((id, position))) => {
                let new = before_own.is_none_or(|(before_id, _)| before_id != id);
                let moved_to_front = before_own.is_some_and(|(_, before)| before != 1);
                if position == 1 && (new || moved_to_front) {
                    said.push(i18n::text(Key::YouAreNext).to_owned());
                } else if new {
                    said.push(i18n::queue_position(position));
                }
            }
            _ => {}
        }
        if before.closed != after.closed {
            said.push(
                i18n::text(if after.closed {
                    Key::ListClosedAnnounced
                } else {
                    Key::ListReopenedAnnounced
                })
                .to_owned(),
            );
        }
    }
    (!said.is_empty()).then(|| said.join(" "))
}

/// What became of the viewer's request when the chair moved on from its item (kept
/// there, carried over, or closed), for a message that stays in view: the request
/// leaves what the viewer sees, so this must be seen, not only heard. `None` unless the
/// viewer had a request on the item left.
pub fn left_behind(
    meeting: &Meeting,
    before: &Situation,
    after: &Situation,
    event: Option<&Event>,
) -> Option<String> {
    let Some(Event::CurrentItemChanged { waiting, .. }) = event else {
        return None;
    };
    before.own?;
    let left = before
        .item
        .as_ref()
        .filter(|left| Some(*left) != after.item.as_ref())?;
    let state = &meeting.state;
    let title = state
        .agenda
        .iter()
        .find(|item| &item.id == left)
        .map(|item| localized(state, &item.title))?;
    Some(match waiting {
        Waiting::Keep => i18n::about_item(Key::RequestKept, title),
        Waiting::Carry => i18n::text(Key::RequestCarried).to_owned(),
        Waiting::Close => i18n::about_item(Key::RequestClosed, title),
    })
}

fn channel_name(meeting: &MeetingState, id: &ChannelId) -> Option<String> {
    meeting
        .channel(id)
        .map(|channel| i18n::channel(&channel.kind))
}

/// Why the server refused a command, for people: its message, or the code's text when
/// it sent none.
pub fn refusal_reason(code: protocol::ErrorCode, message: String) -> String {
    if message.trim().is_empty() {
        i18n::error_code(code).to_owned()
    } else {
        message
    }
}

/// An `error` frame this client cannot decode (a code newer than it): its id and
/// message, so that the refused command is still answered and the server's explanation
/// shown.
pub fn unknown_error(text: &str) -> Option<(Option<u64>, String)> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("type")?.as_str()? != "error" {
        return None;
    }
    let message = value
        .get("message")
        .and_then(serde_json::Value::as_str)
        .filter(|message| !message.trim().is_empty())
        .or_else(|| value.get("code").and_then(serde_json::Value::as_str))?;
    Some((
        value.get("id").and_then(serde_json::Value::as_u64),
        message.to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::{folded, given, meeting, person, raised, text};
    use crate::model::{AgendaMoves, Booth, Fold, agenda_moves, booth, on_air_command};
    use protocol::{AgendaItem, Command, EventEnvelope, Role};

    /// Folds `events` into a full state one by one as `viewer` sees them; what they
    /// hear about the last one.
    fn check(events: &[Event], viewer: &Participant) -> (Meeting, Option<String>) {
        let mut meeting = Meeting::new(self::meeting());
        let mut said = None;
        for event in events {
            let envelope =
                meeting
                    .state
                    .next_envelope((meeting.state.seq + 1) * 1000, None, event.clone());
            let before = Situation::of(&meeting, viewer);
            assert_eq!(meeting.fold_event(&envelope), Fold::Applied);
            let after = Situation::of(&meeting, viewer);
            said = announcement(&meeting, &before, &after, Some(event), |_| false);
        }
        (meeting, said)
    }

    #[test]
    fn a_raised_hand_tells_its_position() {
        let me = person("b", Role::Organiser, None);
        let (_, said) = check(&[raised(1, "a", None), raised(2, "b", None)], &me);
        assert_eq!(said.as_deref(), Some("You are number 2 in the queue."));
        let (_, said) = check(&[raised(1, "b", None)], &me);
        assert_eq!(said.as_deref(), Some("You are next in the queue."));
        let (_, said) = check(&[raised(1, "a", None)], &me);
        assert_eq!(said, None, "others' hands are not announced");
    }

    #[test]
    fn the_floor_is_announced_and_the_next_speaker_is_told() {
        let me = person("b", Role::Organiser, None);
        let hands = [raised(1, "a", None), raised(2, "b", None)];
        let (_, said) = check(&[hands[0].clone(), hands[1].clone(), given(1, "a")], &me);
        assert_eq!(
            said.as_deref(),
            Some("\u{2068}Name of a\u{2069} has the floor. You are next in the queue.")
        );
        let (meeting, said) = check(&[hands[0].clone(), hands[1].clone(), given(2, "b")], &me);
        assert_eq!(said.as_deref(), Some("You have the floor."));
        assert!(has_floor(&meeting.state, &me));
        let alone = raised(1, "b", None);
        let (_, said) = check(&[alone.clone(), given(1, "b"), Event::FloorPaused], &me);
        assert_eq!(said.as_deref(), Some("Your speaking time is paused."));
        let (_, said) = check(&[alone, given(1, "b"), Event::FloorEnded], &me);
        assert_eq!(said.as_deref(), Some("Your speech has ended."));
    }

    #[test]
    fn a_withdrawn_request_says_who_withdrew_it() {
        let me = person("b", Role::Organiser, None);
        let mut meeting = Meeting::new(folded(&[raised(1, "b", None)]));
        let before = Situation::of(&meeting, &me);
        let withdrawn = Event::RequestWithdrawn {
            item: ItemId::new("one"),
            request: 1,
        };
        let envelope = EventEnvelope {
            seq: 2,
            at: 2000,
            actor: None,
            event: withdrawn.clone(),
        };
        assert_eq!(meeting.fold_event(&envelope), Fold::Applied);
        let after = Situation::of(&meeting, &me);
        let said = |mine: bool| announcement(&meeting, &before, &after, Some(&withdrawn), |_| mine);
        assert_eq!(said(true).as_deref(), Some("Your hand is lowered."));
        assert_eq!(
            said(false).as_deref(),
            Some("Your request was removed from the list of speakers.")
        );
    }

    #[test]
    fn closing_the_list_and_moving_the_agenda_are_announced() {
        let me = person("b", Role::Attendee, None);
        let closed = Event::ListClosed {
            item: ItemId::new("one"),
        };
        let (_, said) = check(std::slice::from_ref(&closed), &me);
        assert_eq!(said.as_deref(), Some("The list of speakers is closed."));
        let reopened = Event::ListReopened {
            item: ItemId::new("one"),
        };
        let (_, said) = check(&[closed, reopened], &me);
        assert_eq!(said.as_deref(), Some("The list of speakers is open again."));
        let item = |id: &str| Event::CurrentItemChanged {
            item: ItemId::new(id),
            waiting: protocol::Waiting::Keep,
        };
        let (meeting, said) = check(&[item("one")], &me);
        assert_eq!(said.as_deref(), Some("Item changed: \u{2068}First\u{2069}"));
        assert_eq!(
            agenda_moves(&meeting.state),
            AgendaMoves {
                previous: false,
                next: true
            }
        );
        let (meeting, _) = check(&[item("one"), item("two")], &me);
        assert_eq!(
            agenda_moves(&meeting.state),
            AgendaMoves {
                previous: true,
                next: false
            }
        );
        let skip_two = Event::ItemMarked {
            item: ItemId::new("two"),
            state: protocol::ItemState::Skipped,
        };
        let (meeting, _) = check(&[item("one"), skip_two], &me);
        assert_eq!(
            agenda_moves(&meeting.state),
            AgendaMoves {
                previous: false,
                next: false
            },
            "skipped items are passed over"
        );
        let added = Event::ItemAdded {
            item: AgendaItem {
                id: ItemId::new("aob"),
                title: text("Any other business"),
                presenter: None,
                planned_minutes: Some(10),
                questions: Vec::new(),
                speaking_time_seconds: None,
                state: protocol::ItemState::Upcoming,
                used_ms: 0,
                live_since: None,
            },
            position: 3,
        };
        let (meeting, said) = check(&[item("one"), added], &me);
        assert_eq!(
            said.as_deref(),
            Some("Item added: \u{2068}Any other business\u{2069}")
        );
        assert_eq!(meeting.state.agenda.len(), 3);
    }

    #[test]
    fn channels_are_announced_and_interpreters_toggle_their_booth() {
        let me = person("fr-1", Role::Interpreter, None);
        let on_air = Event::ChannelOnAir {
            channel: ChannelId::new("fr"),
            participant: ParticipantId::new("fr-2"),
            name: "Name of fr-2".into(),
        };
        let (meeting, said) = check(std::slice::from_ref(&on_air), &me);
        assert_eq!(said.as_deref(), Some("French channel live"));
        assert_eq!(
            booth(&meeting.state, &me).map(|(_, b)| b),
            Some(Booth::OnAirByOther("Name of fr-2".into()))
        );
        let off_air = Event::ChannelOffAir {
            channel: ChannelId::new("fr"),
        };
        let (meeting, said) = check(&[on_air.clone(), off_air], &me);
        assert_eq!(said.as_deref(), Some("French channel on standby"));
        assert_eq!(
            on_air_command(&meeting.state, &me),
            Some(Command::SetOnAir {
                channel: ChannelId::new("fr"),
                on_air: true
            })
        );
        let attendee = person("b", Role::Attendee, None);
        assert_eq!(on_air_command(&meeting.state, &attendee), None);
        // Listeners hear of the channels they follow from the server's notices instead.
        let (_, said) = check(std::slice::from_ref(&on_air), &attendee);
        assert_eq!(said, None);
    }

    #[test]
    fn an_updated_and_a_closed_meeting_are_announced() {
        let me = person("b", Role::Attendee, None);
        let updated = Event::MeetingUpdated {
            info: self::meeting().info,
            agenda: self::meeting().agenda,
        };
        let (_, said) = check(std::slice::from_ref(&updated), &me);
        assert_eq!(said.as_deref(), Some("The agenda was updated."));
        let (meeting, said) = check(&[updated, Event::MeetingClosed], &me);
        assert_eq!(said.as_deref(), Some("This meeting has ended."));
        assert!(meeting.state.closed_at.is_some());
    }

    #[test]
    fn undecodable_errors_still_give_their_message() {
        assert_eq!(
            unknown_error(r#"{"type":"error","id":4,"code":"list_frozen","message":"frozen"}"#),
            Some((Some(4), "frozen".to_owned()))
        );
        assert_eq!(
            unknown_error(r#"{"type":"error","code":"list_frozen"}"#),
            Some((None, "list_frozen".to_owned()))
        );
        assert_eq!(unknown_error(r#"{"type":"event"}"#), None);
        assert_eq!(unknown_error("garbage"), None);
        assert_eq!(
            refusal_reason(protocol::ErrorCode::ListClosed, String::new()),
            "the list of speakers is closed; only points of order are taken"
        );
    }
}
