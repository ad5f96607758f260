//! The meeting state and the events that change it.
//!
//! [`MeetingState::apply`] is the only way state changes, on the server and in the
//! browser alike. It is deterministic and atomic: an event that does not fit the state
//! returns an [`ApplyError`] and leaves the state exactly as it was.

use crate::ids::{ChannelId, ItemId, LanguageCode, MeetingId, ParticipantId};
use crate::messages::EventEnvelope;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What a participant may do in a meeting; carried in their token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Follows the meeting, raises a hand, listens to a channel.
    Attendee,
    /// Moderates: gives the floor and moves through the agenda.
    Chair,
    /// Works in an interpretation booth and puts its channel on air.
    Interpreter,
    /// Signs the meeting and announces when on screen.
    SignLanguageInterpreter,
    /// Writes the captions (CART) channel.
    Captioner,
    /// Prepares the meeting and watches who is connected.
    Organiser,
}

impl Role {
    /// Whether this role moderates the meeting (gives the floor, moves the agenda).
    pub fn moderates(self) -> bool {
        matches!(self, Self::Chair)
    }

    /// Whether this role works a channel (puts it on and off air).
    pub fn works_channel(self) -> bool {
        matches!(
            self,
            Self::Interpreter | Self::SignLanguageInterpreter | Self::Captioner
        )
    }

    /// The role as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Attendee => "attendee",
            Self::Chair => "chair",
            Self::Interpreter => "interpreter",
            Self::SignLanguageInterpreter => "sign_language_interpreter",
            Self::Captioner => "captioner",
            Self::Organiser => "organiser",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text in several languages, keyed by language tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<LanguageCode, String>);

impl Localized {
    /// The text in `language`, else in `fallback`, else in any language, else "".
    pub fn get(&self, language: &LanguageCode, fallback: &LanguageCode) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// Whether the text exists in `language` itself (not through a fallback).
    pub fn has(&self, language: &LanguageCode) -> bool {
        self.0.contains_key(language)
    }
}

/// The fixed description of a meeting, from its meeting file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingInfo {
    /// The meeting's id; tokens for it carry it as their audience.
    pub id: MeetingId,
    /// The meeting's title in its languages.
    pub title: Localized,
    /// The languages the meeting is interpreted into, in display order.
    pub languages: Vec<LanguageCode>,
    /// The language texts fall back to when a translation is missing.
    pub default_language: LanguageCode,
    /// The IANA time zone the meeting is scheduled in (for example `Europe/Geneva`).
    pub time_zone: String,
    /// The scheduled start, RFC 3339 with offset (for example `2020-12-04T15:00:00+01:00`).
    pub scheduled_start: String,
}

/// One item of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgendaItem {
    /// The item's id, stable for the whole meeting.
    pub id: ItemId,
    /// The item's title in the meeting's languages.
    pub title: Localized,
    /// Who presents the item (a person, a delegation), if anyone in particular.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// The planned duration in minutes, if planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_minutes: Option<u32>,
    /// Guiding questions discussed under this item, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Localized>,
}

/// What a channel carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChannelKind {
    /// The original sound of the room.
    Floor,
    /// Interpretation into one language.
    Interpretation {
        /// The language the booth speaks into this channel.
        language: LanguageCode,
    },
    /// Sign-language interpretation (for example International Sign).
    SignLanguage,
    /// Live captions.
    Captions,
}

/// A channel that listeners can follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Channel {
    /// The channel's id (`floor`, `ar`, `en`, `fr`, `es`, `sign`, `captions`).
    pub id: ChannelId,
    /// What the channel carries.
    #[serde(flatten)]
    pub kind: ChannelKind,
    /// The interpreter on air on this channel, if any. `None` means standby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_air: Option<OnAir>,
}

/// Who is on air on a channel, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OnAir {
    /// The interpreter.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
    /// Server time (milliseconds since the Unix epoch) they went on air.
    pub since: u64,
}

/// A raised hand waiting in the list of speakers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FloorRequest {
    /// Who asks for the floor.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
    /// Their delegation, if they belong to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// Server time (milliseconds since the Unix epoch) the hand went up.
    pub raised_at: u64,
}

/// The person who has the floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Speaker {
    /// Who speaks.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
    /// Their delegation, if they belong to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// Server time (milliseconds since the Unix epoch) the floor was given.
    pub since: u64,
}

/// Something that happened in a meeting. Events are facts: names are past tense, and
/// each carries what a client needs to fold it without asking for more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A participant joined the end of the list of speakers.
    HandRaised {
        /// Who raised the hand.
        participant: ParticipantId,
        /// Their display name.
        name: String,
        /// Their delegation, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegation: Option<String>,
    },
    /// A participant left the list of speakers (they lowered their hand, or the chair did).
    HandLowered {
        /// Whose hand went down.
        participant: ParticipantId,
    },
    /// The chair gave the floor to a participant; they leave the list of speakers.
    FloorGiven {
        /// Who now has the floor.
        participant: ParticipantId,
        /// Their display name.
        name: String,
        /// Their delegation, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegation: Option<String>,
    },
    /// The current speech ended; nobody has the floor.
    FloorEnded,
    /// The chair moved the meeting to another agenda item.
    CurrentItemChanged {
        /// The item now being discussed.
        item: ItemId,
    },
    /// An interpreter went on air on a channel.
    ChannelOnAir {
        /// The channel.
        channel: ChannelId,
        /// The interpreter.
        participant: ParticipantId,
        /// Their display name.
        name: String,
    },
    /// The channel went off air (standby: listeners hear the floor).
    ChannelOffAir {
        /// The channel.
        channel: ChannelId,
    },
}

/// Why an event could not be folded into a state. The server never produces such events;
/// a client that sees one has lost track and must ask for a fresh snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// The event's `seq` is not the next one.
    OutOfOrder {
        /// The seq the state expected.
        expected: u64,
        /// The seq the event carried.
        got: u64,
    },
    /// The event does not fit the state (it names an unknown item, say).
    Inconsistent(&'static str),
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OutOfOrder { expected, got } => {
                write!(f, "event out of order: expected seq {expected}, got {got}")
            }
            Self::Inconsistent(why) => write!(f, "event does not fit the state: {why}"),
        }
    }
}

impl std::error::Error for ApplyError {}

/// Everything a client needs to show a meeting: the fold of all its events so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingState {
    /// The meeting's fixed description.
    pub info: MeetingInfo,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// The item being discussed, once the chair has moved to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_item: Option<ItemId>,
    /// The list of speakers, in the order the server decided.
    pub queue: Vec<FloorRequest>,
    /// Who has the floor, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Speaker>,
    /// The channels listeners can follow.
    pub channels: Vec<Channel>,
    /// The seq of the last event folded into this state (0 before any event).
    pub seq: u64,
}

impl MeetingState {
    /// A meeting before any event: its agenda not started, nobody in the queue, every
    /// channel on standby. The channels are the floor, one per language, sign language
    /// and captions.
    pub fn new(info: MeetingInfo, agenda: Vec<AgendaItem>) -> Self {
        let mut channels = vec![Channel {
            id: ChannelId::new("floor"),
            kind: ChannelKind::Floor,
            on_air: None,
        }];
        channels.extend(info.languages.iter().map(|language| Channel {
            id: ChannelId::new(language.as_str()),
            kind: ChannelKind::Interpretation {
                language: language.clone(),
            },
            on_air: None,
        }));
        channels.push(Channel {
            id: ChannelId::new("sign"),
            kind: ChannelKind::SignLanguage,
            on_air: None,
        });
        channels.push(Channel {
            id: ChannelId::new("captions"),
            kind: ChannelKind::Captions,
            on_air: None,
        });
        Self {
            info,
            agenda,
            current_item: None,
            queue: Vec::new(),
            floor: None,
            channels,
            seq: 0,
        }
    }

    /// Folds one event into the state. On error the state is unchanged.
    ///
    /// # Errors
    ///
    /// [`ApplyError::OutOfOrder`] when `envelope.seq` is not `self.seq + 1`, and
    /// [`ApplyError::Inconsistent`] when the event does not fit the state.
    pub fn apply(&mut self, envelope: &EventEnvelope) -> Result<(), ApplyError> {
        if envelope.seq != self.seq + 1 {
            return Err(ApplyError::OutOfOrder {
                expected: self.seq + 1,
                got: envelope.seq,
            });
        }
        let at = envelope.at;
        match &envelope.event {
            Event::HandRaised {
                participant,
                name,
                delegation,
            } => {
                if self.queue_position(participant).is_some() {
                    return Err(ApplyError::Inconsistent("hand already raised"));
                }
                self.queue.push(FloorRequest {
                    participant: participant.clone(),
                    name: name.clone(),
                    delegation: delegation.clone(),
                    raised_at: at,
                });
            }
            Event::HandLowered { participant } => {
                let position = self
                    .queue_position(participant)
                    .ok_or(ApplyError::Inconsistent("hand not raised"))?;
                self.queue.remove(position);
            }
            Event::FloorGiven {
                participant,
                name,
                delegation,
            } => {
                if let Some(position) = self.queue_position(participant) {
                    self.queue.remove(position);
                }
                self.floor = Some(Speaker {
                    participant: participant.clone(),
                    name: name.clone(),
                    delegation: delegation.clone(),
                    since: at,
                });
            }
            Event::FloorEnded => {
                if self.floor.take().is_none() {
                    return Err(ApplyError::Inconsistent("nobody has the floor"));
                }
            }
            Event::CurrentItemChanged { item } => {
                if self.item_position(item).is_none() {
                    return Err(ApplyError::Inconsistent("unknown agenda item"));
                }
                self.current_item = Some(item.clone());
            }
            Event::ChannelOnAir {
                channel,
                participant,
                name,
            } => {
                let channel = self
                    .channel_mut(channel)
                    .ok_or(ApplyError::Inconsistent("unknown channel"))?;
                channel.on_air = Some(OnAir {
                    participant: participant.clone(),
                    name: name.clone(),
                    since: at,
                });
            }
            Event::ChannelOffAir { channel } => {
                let channel = self
                    .channel_mut(channel)
                    .ok_or(ApplyError::Inconsistent("unknown channel"))?;
                channel.on_air = None;
            }
        }
        self.seq = envelope.seq;
        Ok(())
    }

    /// The 0-based position of `participant` in the list of speakers.
    pub fn queue_position(&self, participant: &ParticipantId) -> Option<usize> {
        self.queue
            .iter()
            .position(|request| &request.participant == participant)
    }

    /// The 0-based position of `item` in the agenda.
    pub fn item_position(&self, item: &ItemId) -> Option<usize> {
        self.agenda
            .iter()
            .position(|candidate| &candidate.id == item)
    }

    /// The position of the current item in the agenda, if the meeting has started.
    pub fn current_item_position(&self) -> Option<usize> {
        self.current_item
            .as_ref()
            .and_then(|item| self.item_position(item))
    }

    /// The item being discussed, if the meeting has started.
    pub fn current_agenda_item(&self) -> Option<&AgendaItem> {
        self.current_item_position()
            .map(|index| &self.agenda[index])
    }

    /// The channel with this id.
    pub fn channel(&self, id: &ChannelId) -> Option<&Channel> {
        self.channels.iter().find(|channel| &channel.id == id)
    }

    fn channel_mut(&mut self, id: &ChannelId) -> Option<&mut Channel> {
        self.channels.iter_mut().find(|channel| &channel.id == id)
    }
}
