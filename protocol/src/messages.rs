//! The messages on the wire: JSON text frames, each an object with a `type` field.

use crate::agenda::{ItemState, Waiting};
use crate::error::ErrorCode;
use crate::event::EventEnvelope;
use crate::ids::{ChannelId, ItemId, LanguageCode, ParticipantId};
use crate::info::Localized;
use crate::interpretation::Listening;
use crate::interpretation::{Notice, Presence};
use crate::participant::Participant;
use crate::speakers::{MyRequest, RequestId, RequestKind};
use crate::state::{MeetingState, QueueView};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The first message of every connection: who the client is and where it left off.
///
/// Like every client message, it may carry no field but its own (and `type`): a field
/// the server does not know is refused, so that a misspelt one is not silently ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Hello {
    /// The participant's JWT (from their invite link). A missing token reads as empty
    /// and is refused as `unauthorized`, like any other bad token.
    #[serde(default)]
    pub token: String,
    /// The protocol version the client speaks; see [`crate::PROTOCOL_VERSION`].
    pub protocol: u32,
    /// The last `seq` the client saw, when it reconnects; the server then sends what it
    /// missed instead of a snapshot where it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
}

/// A request to change the meeting. Requests are verbs; the events they cause are past
/// tense. A command carries its own fields, `type` and `id`, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Ask for the floor on the current item (the first, before the meeting starts).
    RaiseHand {
        /// What for; an intervention when absent.
        #[serde(default)]
        kind: RequestKind,
        /// For questions: the 0-based index of the item's guiding question.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        question: Option<u32>,
        /// A short note for the chair (at most 280 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// The language the speaker will use; their first language, else the meeting's
        /// default, when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<LanguageCode>,
    },
    /// Withdraw a request: one's own or one's delegation's; the chair may remove any.
    LowerHand {
        /// Which request; the sender's own when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request: Option<RequestId>,
    },
    /// Speak for one's delegation's request instead of the member who made it.
    ClaimRequest {
        /// The delegation's request.
        request: RequestId,
    },
    /// Chair: give the floor to a request, to a participant (in the list or not), or to
    /// the first in the list when neither is given. Ends the current speech, if any.
    GiveFloor {
        /// The request to answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request: Option<RequestId>,
        /// Someone to give the floor to: their request if they have one, else directly.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        participant: Option<ParticipantId>,
        /// The display name of someone not in the list (a panelist, say).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Their delegation, for someone not in the list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegation: Option<String>,
        /// The language they speak, for someone not in the list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<LanguageCode>,
    },
    /// Chair: end the current speech.
    EndFloor,
    /// Chair: pause the speaking-time countdown.
    PauseFloor,
    /// Chair: resume the speaking-time countdown.
    ResumeFloor,
    /// Chair: move a request to a 1-based position (below any points of order).
    MoveRequest {
        /// The request.
        request: RequestId,
        /// Its new 1-based position.
        position: u32,
    },
    /// Chair: lower every hand in the current list.
    ClearQueue,
    /// Chair: close the current list to new requests (points of order excepted).
    CloseList,
    /// Chair: reopen the current list.
    ReopenList,
    /// Chair: let first-time speakers go ahead of those who have spoken on the item.
    SetFirstTimeFirst {
        /// On or off.
        on: bool,
    },
    /// Chair: put the last speaker back at the top of the list.
    ReaddLastSpeaker,
    /// Chair: set the current item's speaking-time limit (absent: the meeting's default).
    SetSpeakingTime {
        /// The limit in seconds, from 10 to 3600.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds: Option<u32>,
    },
    /// Chair: move to an agenda item.
    SetCurrentItem {
        /// The item to discuss now.
        item: ItemId,
        /// What becomes of the requests waiting on the item left (absent: `keep`).
        #[serde(default, skip_serializing_if = "Waiting::is_keep")]
        waiting: Waiting,
    },
    /// Chair: move to the next agenda item (the first, before the meeting has started).
    NextItem {
        /// What becomes of the requests waiting on the item left (absent: `keep`).
        #[serde(default, skip_serializing_if = "Waiting::is_keep")]
        waiting: Waiting,
    },
    /// Chair: move back to the previous agenda item.
    PreviousItem {
        /// What becomes of the requests waiting on the item left (absent: `keep`).
        #[serde(default, skip_serializing_if = "Waiting::is_keep")]
        waiting: Waiting,
    },
    /// Chair: mark an item that is not current as done, skipped or upcoming again.
    MarkItem {
        /// The item.
        item: ItemId,
        /// `done`, `skipped` or `upcoming`.
        state: ItemState,
    },
    /// Chair: add an item to the agenda.
    AddItem {
        /// The new item's id: 1 to 64 lowercase letters, digits and dashes, unique in the
        /// agenda. (Named `item`, as `id` is the command's own.)
        item: ItemId,
        /// Its title in one or more of the meeting's languages.
        title: Localized,
        /// Who presents it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presenter: Option<String>,
        /// Its planned duration in minutes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        planned_minutes: Option<u32>,
        /// Its 1-based position; at the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<u32>,
    },
    /// Chair: change an item's title, presenter and planned duration (all three are
    /// replaced).
    EditItem {
        /// The item.
        item: ItemId,
        /// Its title in one or more of the meeting's languages.
        title: Localized,
        /// Who presents it; none when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presenter: Option<String>,
        /// Its planned duration in minutes; none when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        planned_minutes: Option<u32>,
    },
    /// Chair: move an item to a 1-based position in the agenda.
    MoveItem {
        /// The item.
        item: ItemId,
        /// Its new 1-based position.
        position: u32,
    },
    /// Interpreter: put their booth's channel on or off air.
    SetOnAir {
        /// The channel (the interpreter's booth).
        channel: ChannelId,
        /// On air (`true`) or off air (`false`).
        on_air: bool,
    },
    /// Chair: set the language spoken on the floor.
    SetFloorLanguage {
        /// The language.
        language: LanguageCode,
    },
    /// Interpreter of a bi-active booth: work into the booth's retour, or (`None`) into
    /// its own language again.
    SetWorkingInto {
        /// The booth.
        channel: ChannelId,
        /// The retour, or `None`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<LanguageCode>,
    },
    /// Interpreter: take relay from another booth, or (`None`) from the floor again.
    SetRelay {
        /// The interpreter's booth.
        channel: ChannelId,
        /// The pivot booth, or `None`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<ChannelId>,
    },
    /// The interpreter on air: pause (mute; a signer off screen) or go on again.
    SetPaused {
        /// The booth.
        channel: ChannelId,
        /// Paused or not.
        paused: bool,
    },
    /// The interpreter on air: ask a booth partner to take over (lapses after a minute).
    RequestHandover {
        /// The booth.
        channel: ChannelId,
    },
    /// The interpreter on air: withdraw the handover request.
    CancelHandover {
        /// The booth.
        channel: ChannelId,
    },
    /// A booth partner: take over the channel (accepting a handover request, or directly).
    TakeOver {
        /// The booth.
        channel: ChannelId,
    },
}

impl Command {
    /// Raise a hand for an intervention, in the speaker's default language.
    pub fn raise_hand() -> Self {
        Self::RaiseHand {
            kind: RequestKind::Intervention,
            question: None,
            note: None,
            language: None,
        }
    }

    /// Give the floor to the first in the list.
    pub fn give_floor_next() -> Self {
        Self::GiveFloor {
            request: None,
            participant: None,
            name: None,
            delegation: None,
            language: None,
        }
    }

    /// Move to the next agenda item, keeping the waiting requests on the item left.
    pub fn next_item() -> Self {
        Self::NextItem {
            waiting: Waiting::Keep,
        }
    }

    /// Move back to the previous agenda item, keeping the waiting requests on the item
    /// left.
    pub fn previous_item() -> Self {
        Self::PreviousItem {
            waiting: Waiting::Keep,
        }
    }

    /// Move to `item`, keeping the waiting requests on the item left.
    pub fn set_current_item(item: ItemId) -> Self {
        Self::SetCurrentItem {
            item,
            waiting: Waiting::Keep,
        }
    }

    /// The command's `type` on the wire.
    pub fn name(&self) -> &'static str {
        match self {
            Self::RaiseHand { .. } => "raise_hand",
            Self::LowerHand { .. } => "lower_hand",
            Self::ClaimRequest { .. } => "claim_request",
            Self::GiveFloor { .. } => "give_floor",
            Self::EndFloor => "end_floor",
            Self::PauseFloor => "pause_floor",
            Self::ResumeFloor => "resume_floor",
            Self::MoveRequest { .. } => "move_request",
            Self::ClearQueue => "clear_queue",
            Self::CloseList => "close_list",
            Self::ReopenList => "reopen_list",
            Self::SetFirstTimeFirst { .. } => "set_first_time_first",
            Self::ReaddLastSpeaker => "readd_last_speaker",
            Self::SetSpeakingTime { .. } => "set_speaking_time",
            Self::SetCurrentItem { .. } => "set_current_item",
            Self::NextItem { .. } => "next_item",
            Self::PreviousItem { .. } => "previous_item",
            Self::MarkItem { .. } => "mark_item",
            Self::AddItem { .. } => "add_item",
            Self::EditItem { .. } => "edit_item",
            Self::MoveItem { .. } => "move_item",
            Self::SetOnAir { .. } => "set_on_air",
            Self::SetFloorLanguage { .. } => "set_floor_language",
            Self::SetWorkingInto { .. } => "set_working_into",
            Self::SetRelay { .. } => "set_relay",
            Self::SetPaused { .. } => "set_paused",
            Self::RequestHandover { .. } => "request_handover",
            Self::CancelHandover { .. } => "cancel_handover",
            Self::TakeOver { .. } => "take_over",
        }
    }

    /// Whether the command has no fields of its own. (Serde lets such variants of an
    /// internally tagged enum through with any fields, so [`ClientMessage::decode`]
    /// checks them itself.)
    fn has_no_fields(&self) -> bool {
        matches!(
            self,
            Self::EndFloor
                | Self::PauseFloor
                | Self::ResumeFloor
                | Self::ClearQueue
                | Self::CloseList
                | Self::ReopenList
                | Self::ReaddLastSpeaker
        )
    }
}

/// A message from a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientMessage {
    /// `{"type":"hello", ...}`: the first message of a connection.
    Hello(Hello),
    /// `{"type":"refresh_token", "id": N, "token": "..."}`: a fresh token for the same
    /// participant, so that the session outlives the first token without reconnecting.
    /// The server answers `token_refreshed` or `error`.
    RefreshToken {
        /// Chosen by the client; echoed by the answer.
        id: u64,
        /// The fresh token.
        token: String,
    },
    /// `{"type":"listen", "id": N, "channel": "fr", "fallbacks": ["ar"], "sign": true}`:
    /// what the participant follows, so that notices about those channels reach them and
    /// the booths know their audience. Not a meeting event; the server answers `ack`,
    /// then what the participant now hears ([`Notice::Hearing`]).
    Listen {
        /// Chosen by the client; echoed by the answer.
        id: u64,
        /// What they follow.
        listening: Listening,
    },
    /// `{"type":"<command>", "id": N, ...}`: a command, with the id that the server's
    /// `ack` or `error` echoes.
    Command {
        /// Chosen by the client; echoed by the answer.
        id: u64,
        /// What to do.
        command: Command,
    },
}

/// Why a client message could not be decoded. It becomes an `invalid` error that echoes
/// the message's `id` when one could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The request id, when the message had a readable one.
    pub id: Option<u64>,
    /// What was wrong, for people.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

impl ClientMessage {
    /// Decodes one text frame.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] saying what is wrong: not JSON, not an object, no `type`, an
    /// unknown `type`, a command without a numeric `id`, or a missing or mistyped field.
    pub fn decode(text: &str) -> Result<Self, DecodeError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|error| DecodeError {
            id: None,
            message: format!("not valid JSON: {error}"),
        })?;
        let serde_json::Value::Object(mut object) = value else {
            return Err(DecodeError {
                id: None,
                message: "a message must be a JSON object".to_owned(),
            });
        };
        let id = object.get("id").and_then(serde_json::Value::as_u64);
        let Some(kind) = object
            .remove("type")
            .and_then(|kind| kind.as_str().map(str::to_owned))
        else {
            return Err(DecodeError {
                id,
                message: "a message needs a string field `type`".to_owned(),
            });
        };
        // Every field but `type` is the message's own from here; `id` is taken apart
        // for the messages that carry one, so that what is left is checked whole.
        let unknown = |object: &serde_json::Map<String, serde_json::Value>, known: &[&str]| {
            object
                .keys()
                .find(|key| !known.contains(&key.as_str()))
                .map(|key| format!("unknown field `{key}` in `{kind}`"))
        };
        if kind == "hello" {
            return Hello::deserialize(serde_json::Value::Object(object))
                .map(ClientMessage::Hello)
                .map_err(|error| DecodeError {
                    id,
                    message: format!("invalid hello: {error}"),
                });
        }
        object.remove("id");
        let invalid = |message: String| DecodeError { id, message };
        let needs_id = || DecodeError {
            id: None,
            message: format!("`{kind}` needs a numeric `id`"),
        };
        if kind == "refresh_token" {
            let id = id.ok_or_else(needs_id)?;
            if let Some(message) = unknown(&object, &["token"]) {
                return Err(invalid(message));
            }
            let token = object
                .get("token")
                .and_then(serde_json::Value::as_str)
                .ok_or_else(|| invalid("`refresh_token` needs a string `token`".to_owned()))?;
            return Ok(ClientMessage::RefreshToken {
                id,
                token: token.to_owned(),
            });
        }
        if kind == "listen" {
            let id = id.ok_or_else(needs_id)?;
            return Listening::deserialize(serde_json::Value::Object(object))
                .map(|listening| ClientMessage::Listen { id, listening })
                .map_err(|error| invalid(format!("invalid listen: {error}")));
        }
        let fields = object.clone();
        object.insert("type".to_owned(), kind.clone().into());
        let command = Command::deserialize(serde_json::Value::Object(object))
            .map_err(|error| invalid(format!("invalid command: {error}")))?;
        if command.has_no_fields()
            && let Some(message) = unknown(&fields, &[])
        {
            return Err(invalid(message));
        }
        let id = id.ok_or_else(needs_id)?;
        Ok(ClientMessage::Command { id, command })
    }

    /// Encodes the message as one JSON text frame.
    pub fn encode(&self) -> String {
        let value = match self {
            Self::Hello(hello) => {
                let mut value = serde_json::to_value(hello).expect("hello serialises");
                value["type"] = "hello".into();
                value
            }
            Self::RefreshToken { id, token } => {
                serde_json::json!({ "type": "refresh_token", "id": id, "token": token })
            }
            Self::Listen { id, listening } => {
                let mut value = serde_json::to_value(listening).expect("listen serialises");
                value["type"] = "listen".into();
                value["id"] = (*id).into();
                value
            }
            Self::Command { id, command } => {
                let mut value = serde_json::to_value(command).expect("commands serialise");
                value["id"] = (*id).into();
                value
            }
        };
        value.to_string()
    }
}

/// Someone connected to the meeting (in `roster`): who they are, as their token says,
/// and how many connections they have open (tabs, devices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Connected {
    /// Who they are.
    #[serde(flatten)]
    pub who: Participant,
    /// How many connections they have open.
    pub connections: u32,
}

/// The server's answer to a good `hello`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Welcome {
    /// The protocol version the server speaks.
    pub protocol: u32,
    /// Who the client is.
    pub you: Participant,
    /// The seq of the meeting's latest event at the time of the welcome.
    pub seq: u64,
    /// `true` when the client's `since` could be honoured: the events after it follow
    /// this message and `meeting` is absent. `false` when `meeting` is a fresh snapshot
    /// (no `since` was given, or the events after it are no longer kept).
    pub resumed: bool,
    /// When the session's token expires, in seconds since the Unix epoch. Send
    /// `refresh_token` before then to stay connected.
    pub token_expires_at: u64,
    /// The meeting's state at `seq`, unless `resumed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Box<MeetingState>>,
}

/// A message from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The answer to a good `hello`.
    Welcome(Welcome),
    /// A command was accepted; its event has `seq`.
    Ack {
        /// The command's id.
        id: u64,
        /// The seq of the event it caused.
        seq: u64,
    },
    /// The answer to `refresh_token`: the session now lasts until `expires_at`.
    TokenRefreshed {
        /// The request's id.
        id: u64,
        /// The new expiry, seconds since the Unix epoch.
        expires_at: u64,
    },
    /// A message was refused. Nothing changed.
    Error {
        /// The refused command's id, when it had one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<u64>,
        /// Why, as a stable code.
        code: ErrorCode,
        /// Why, for people.
        message: String,
    },
    /// Something happened in the meeting.
    Event(EventEnvelope),
    /// To summarised states only: the list of speakers as it now stands.
    Queue(Box<QueueView>),
    /// Only to those it concerns: a change of a channel they follow, a booth's task, a
    /// dead-air alert.
    Notice(Notice),
    /// Who is connected to each booth and listening to each channel, when it changes
    /// (listener counts go to the booths and the chair only).
    Presence(Presence),
    /// To the chair and organisers: who is connected. After the `welcome`, everyone
    /// (`full`); then, at most once per tick, the changes: `joined` replaces those
    /// participants' entries, `left` removes them.
    Roster {
        /// Whether `joined` is the whole roster (replace, don't merge).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        full: bool,
        /// Participants connected now, with their number of connections.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        joined: Vec<Connected>,
        /// Participants with no connection left.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        left: Vec<ParticipantId>,
    },
    /// To summarised states only: the requests of the recipient (and of their
    /// delegation), their positions and estimated waits, whenever these change: the
    /// requests or their positions, the item whose list is in use, the floor (given,
    /// ended, paused, resumed) or the speaking-time limit. Between two, a client counts each wait down with
    /// [`MyRequest::wait_ms_at`].
    YourRequests {
        /// The seq of the last event included.
        seq: u64,
        /// Server time (milliseconds since the Unix epoch) the estimated waits were
        /// worked out.
        at: u64,
        /// The requests, first in line first; empty when none wait.
        requests: Vec<MyRequest>,
    },
}

impl ServerMessage {
    /// Encodes the message as one JSON text frame.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("server messages serialise")
    }

    /// Decodes one text frame from the server.
    ///
    /// # Errors
    ///
    /// The JSON error when the frame is not a server message.
    pub fn decode(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event;

    #[test]
    fn commands_round_trip_with_their_id() {
        let message = ClientMessage::Command {
            id: 7,
            command: Command::GiveFloor {
                request: None,
                participant: Some(ParticipantId::new("att-colombia")),
                name: None,
                delegation: None,
                language: None,
            },
        };
        let text = message.encode();
        assert!(text.contains(r#""type":"give_floor""#), "{text}");
        assert!(text.contains(r#""id":7"#), "{text}");
        assert_eq!(ClientMessage::decode(&text).unwrap(), message);
    }

    /// Every command survives the wire with its request id: no command may have a field
    /// of its own named `id` or `type`.
    #[test]
    fn every_command_round_trips() {
        let item = || ItemId::new("discussion");
        let title = Localized([(LanguageCode::new("en"), "T".into())].into());
        let commands = vec![
            Command::raise_hand(),
            Command::LowerHand { request: Some(3) },
            Command::ClaimRequest { request: 3 },
            Command::give_floor_next(),
            Command::EndFloor,
            Command::PauseFloor,
            Command::ResumeFloor,
            Command::MoveRequest {
                request: 3,
                position: 2,
            },
            Command::ClearQueue,
            Command::CloseList,
            Command::ReopenList,
            Command::SetFirstTimeFirst { on: true },
            Command::ReaddLastSpeaker,
            Command::SetSpeakingTime { seconds: Some(90) },
            Command::set_current_item(item()),
            Command::SetCurrentItem {
                item: item(),
                waiting: Waiting::Carry,
            },
            Command::next_item(),
            Command::NextItem {
                waiting: Waiting::Close,
            },
            Command::previous_item(),
            Command::MarkItem {
                item: item(),
                state: ItemState::Skipped,
            },
            Command::AddItem {
                item: item(),
                title: title.clone(),
                presenter: Some("P".into()),
                planned_minutes: Some(5),
                position: Some(2),
            },
            Command::EditItem {
                item: item(),
                title,
                presenter: None,
                planned_minutes: Some(5),
            },
            Command::MoveItem {
                item: item(),
                position: 1,
            },
            Command::SetOnAir {
                channel: ChannelId::new("fr"),
                on_air: true,
            },
            Command::SetFloorLanguage {
                language: LanguageCode::new("ar"),
            },
            Command::SetWorkingInto {
                channel: ChannelId::new("ar"),
                language: Some(LanguageCode::new("en")),
            },
            Command::SetRelay {
                channel: ChannelId::new("fr"),
                from: Some(ChannelId::new("ar")),
            },
            Command::SetPaused {
                channel: ChannelId::new("sign"),
                paused: true,
            },
            Command::RequestHandover {
                channel: ChannelId::new("fr"),
            },
            Command::CancelHandover {
                channel: ChannelId::new("fr"),
            },
            Command::TakeOver {
                channel: ChannelId::new("fr"),
            },
        ];
        for (id, command) in (100..).zip(commands) {
            let message = ClientMessage::Command { id, command };
            let text = message.encode();
            assert_eq!(
                ClientMessage::decode(&text).as_ref(),
                Ok(&message),
                "{text}"
            );
        }
    }

    #[test]
    fn refresh_token_round_trips() {
        let message = ClientMessage::RefreshToken {
            id: 9,
            token: "fresh".into(),
        };
        assert_eq!(ClientMessage::decode(&message.encode()).unwrap(), message);
        let error = ClientMessage::decode(r#"{"type":"refresh_token","id":2}"#).unwrap_err();
        assert_eq!(error.id, Some(2));
    }

    #[test]
    fn listen_round_trips_and_says_what_it_follows() {
        let listening = Listening {
            channel: Some(ChannelId::new("fr")),
            fallbacks: vec![ChannelId::new("ar"), ChannelId::new("floor")],
            sign: true,
            captions: false,
        };
        let message = ClientMessage::Listen {
            id: 5,
            listening: listening.clone(),
        };
        assert_eq!(ClientMessage::decode(&message.encode()).unwrap(), message);
        assert!(listening.follows(&ChannelId::new("fr")));
        assert!(listening.follows(&ChannelId::new("ar")));
        assert!(listening.follows(&ChannelId::new("sign")));
        assert!(!listening.follows(&ChannelId::new("es")));
        assert!(!listening.follows(&ChannelId::new("captions")));
        let bare = ClientMessage::decode(r#"{"type":"listen","id":1}"#).unwrap();
        assert_eq!(
            bare,
            ClientMessage::Listen {
                id: 1,
                listening: Listening::default()
            }
        );
        let error = ClientMessage::decode(r#"{"type":"listen","channel":"fr"}"#).unwrap_err();
        assert!(error.message.contains("id"), "{}", error.message);
    }

    #[test]
    fn hello_round_trips() {
        let message = ClientMessage::Hello(Hello {
            token: "t".into(),
            protocol: 1,
            since: Some(4),
        });
        assert_eq!(ClientMessage::decode(&message.encode()).unwrap(), message);
    }

    #[test]
    fn decode_errors_say_what_is_wrong_and_keep_the_id() {
        let error = ClientMessage::decode("not json").unwrap_err();
        assert!(error.message.contains("not valid JSON"));
        assert_eq!(error.id, None);

        let error = ClientMessage::decode(r#"{"type":"fly_away","id":3}"#).unwrap_err();
        assert_eq!(error.id, Some(3));
        assert!(error.message.contains("fly_away"), "{}", error.message);

        let error = ClientMessage::decode(r#"{"type":"raise_hand"}"#).unwrap_err();
        assert!(error.message.contains("id"), "{}", error.message);
        assert_eq!(
            ClientMessage::decode(r#"{"type":"raise_hand","id":1}"#).unwrap(),
            ClientMessage::Command {
                id: 1,
                command: Command::raise_hand()
            }
        );
        let error = ClientMessage::decode(r#"{"type":"raise_hand","id":5,"kind":"filibuster"}"#)
            .unwrap_err();
        assert_eq!(error.id, Some(5));
        assert!(error.message.contains("id"), "{}", error.message);

        let error = ClientMessage::decode(r#"{"type":"set_current_item","id":4}"#).unwrap_err();
        assert_eq!(error.id, Some(4));
        assert!(error.message.contains("item"), "{}", error.message);

        assert!(ClientMessage::decode("[1,2]").is_err());
    }

    /// A field the server does not know is refused, in every client message, so that
    /// a misspelt one is not silently ignored; the error names it.
    #[test]
    fn unknown_fields_are_refused_by_name() {
        for (text, field, id) in [
            (
                r#"{"type":"hello","token":"t","protocol":1,"sinse":4}"#,
                "sinse",
                None,
            ),
            (
                r#"{"type":"hello","token":"t","protocol":1,"id":2}"#,
                "id",
                Some(2),
            ),
            (
                r#"{"type":"listen","id":3,"chanel":"fr"}"#,
                "chanel",
                Some(3),
            ),
            (
                r#"{"type":"refresh_token","id":4,"token":"t","ttl":60}"#,
                "ttl",
                Some(4),
            ),
            (
                r#"{"type":"raise_hand","id":5,"langauge":"fr"}"#,
                "langauge",
                Some(5),
            ),
            (r#"{"type":"end_floor","id":6,"now":true}"#, "now", Some(6)),
        ] {
            let error = ClientMessage::decode(text).unwrap_err();
            assert!(error.message.contains(field), "{text}: {}", error.message);
            assert_eq!(error.id, id, "{text}");
        }
        // `null` is as good as absent for an optional field.
        assert_eq!(
            ClientMessage::decode(r#"{"type":"hello","token":"t","protocol":1,"since":null}"#)
                .unwrap(),
            ClientMessage::Hello(Hello {
                token: "t".into(),
                protocol: 1,
                since: None
            })
        );
    }

    #[test]
    fn events_are_nested_under_their_envelope() {
        let message = ServerMessage::Event(EventEnvelope {
            seq: 3,
            at: 1000,
            actor: None,
            event: Event::FloorEnded,
        });
        let text = message.encode();
        assert_eq!(
            text,
            r#"{"type":"event","seq":3,"at":1000,"event":{"type":"floor_ended"}}"#
        );
        assert_eq!(ServerMessage::decode(&text).unwrap(), message);
    }
}
