//! The events that change a meeting, numbered and timed by the server, and why one may
//! not fold.

use crate::agenda::{AgendaItem, ItemState, Waiting};
use crate::ids::{ChannelId, ItemId, LanguageCode, ParticipantId};
use crate::info::{Localized, MeetingInfo};
use crate::registry::{Registrant, Registration, RegistrationId, RegistrationStatus};
use crate::speakers::{FloorRequest, RequestId, RequestKind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Something that happened in a meeting. Events are facts: names are past tense, and
/// each carries what a client needs to fold it without asking for more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A floor request joined an item's list of speakers, where the rules put it.
    FloorRequested {
        /// The agenda item.
        item: ItemId,
        /// The request; its `id` is the meeting's next request id.
        request: FloorRequest,
        /// Put at the top (below any points of order) rather than where the rules say:
        /// the chair re-added the last speaker.
        #[serde(default, skip_serializing_if = "is_false")]
        top: bool,
    },
    /// Another member of a delegation asked for the same: their request merged into the
    /// delegation's.
    RequestMerged {
        /// The agenda item.
        item: ItemId,
        /// The delegation's request.
        request: RequestId,
        /// Who asked again.
        participant: ParticipantId,
        /// Their display name (empty in events stored before it was recorded).
        #[serde(default)]
        name: String,
    },
    /// A member of the request's delegation will speak for it instead.
    RequestClaimed {
        /// The agenda item.
        item: ItemId,
        /// The request.
        request: RequestId,
        /// Who will now speak.
        participant: ParticipantId,
        /// Their display name.
        name: String,
    },
    /// A request left the list: withdrawn by its owner or removed by the chair.
    RequestWithdrawn {
        /// The agenda item.
        item: ItemId,
        /// The request.
        request: RequestId,
    },
    /// The chair moved a request (never above a point of order).
    RequestMoved {
        /// The agenda item.
        item: ItemId,
        /// The request.
        request: RequestId,
        /// Its new 1-based position.
        position: u32,
    },
    /// The chair lowered every hand on an item's list.
    QueueCleared {
        /// The agenda item.
        item: ItemId,
        /// How many requests were removed.
        count: u32,
    },
    /// The chair closed an item's list to new requests (points of order excepted).
    ListClosed {
        /// The agenda item.
        item: ItemId,
    },
    /// The chair reopened an item's list.
    ListReopened {
        /// The agenda item.
        item: ItemId,
    },
    /// The chair turned "first-time speakers first" on or off for an item.
    FirstTimeFirstSet {
        /// The agenda item.
        item: ItemId,
        /// On or off.
        on: bool,
    },
    /// The chair set an item's speaking-time limit (none: the meeting's default).
    SpeakingTimeSet {
        /// The agenda item.
        item: ItemId,
        /// The limit in seconds; absent for the meeting's default.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds: Option<u32>,
    },
    /// The chair gave the floor; the request it answers, if any, leaves the list. The
    /// speech starts at the event's time.
    FloorGiven {
        /// Who now has the floor.
        participant: ParticipantId,
        /// Their display name.
        name: String,
        /// Their delegation, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegation: Option<String>,
        /// The agenda item.
        item: ItemId,
        /// The request answered; absent for someone who was not in the list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request: Option<RequestId>,
        /// What the floor was asked for.
        #[serde(default)]
        kind: RequestKind,
        /// The language the speaker uses, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<LanguageCode>,
        /// The speaking-time limit in seconds, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit_seconds: Option<u32>,
    },
    /// The current speech ended; nobody has the floor.
    FloorEnded,
    /// The chair paused the speaking-time countdown.
    FloorPaused,
    /// The chair resumed the speaking-time countdown.
    FloorResumed,
    /// The chair moved the meeting to another agenda item (the first move starts the
    /// meeting). The item left becomes done when the new one comes after it, upcoming
    /// again when the chair went back. The requests still waiting on the item left stay
    /// there, move to the new item's list or are closed, as `waiting` says.
    CurrentItemChanged {
        /// The item now being discussed.
        item: ItemId,
        /// What became of the requests waiting on the item left (absent: `keep`).
        #[serde(default, skip_serializing_if = "Waiting::is_keep")]
        waiting: Waiting,
    },
    /// The chair marked an item that is not current as done, skipped or upcoming.
    ItemMarked {
        /// The item.
        item: ItemId,
        /// Its new state (never `live`: that is what `current_item_changed` does).
        state: ItemState,
    },
    /// The chair added an item to the agenda.
    ItemAdded {
        /// The new item (upcoming, never discussed).
        item: AgendaItem,
        /// Its 1-based position in the agenda.
        position: u32,
    },
    /// The chair changed an item's title, presenter or planned duration.
    ItemEdited {
        /// The item.
        item: ItemId,
        /// Its title in the meeting's languages.
        title: Localized,
        /// Who presents it, if anyone in particular.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presenter: Option<String>,
        /// Its planned duration in minutes, if planned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        planned_minutes: Option<u32>,
    },
    /// The chair moved an item to another place in the agenda.
    ItemMoved {
        /// The item.
        item: ItemId,
        /// Its new 1-based position.
        position: u32,
    },
    /// The organisers updated the meeting's description and agenda (the meetings API).
    /// Items are matched by id: a kept item keeps its state, time used and list of
    /// speakers; a new item starts upcoming with an empty list; an item left out is
    /// removed with its list. Channels follow the new languages.
    MeetingUpdated {
        /// The new description; its id is the meeting's.
        info: MeetingInfo,
        /// The new agenda, in order, as the organisers describe it (the items' states and
        /// times are not taken from here).
        agenda: Vec<AgendaItem>,
    },
    /// The meeting was closed: nothing changes any more, and its record stays readable.
    MeetingClosed,
    /// The language spoken on the floor changed (the floor was given to someone speaking
    /// it, or the chair set it).
    FloorLanguageSet {
        /// The language.
        language: LanguageCode,
    },
    /// A bi-active booth switched the language it works into.
    WorkingIntoSet {
        /// The booth.
        channel: ChannelId,
        /// Its retour, or `None` for its own language.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<LanguageCode>,
    },
    /// A booth chose the booth it takes relay from (or none: it works from the floor).
    RelaySet {
        /// The booth.
        channel: ChannelId,
        /// The pivot booth, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<ChannelId>,
    },
    /// The interpreter on air paused or went on again (a signer off screen or back).
    ChannelPaused {
        /// The channel.
        channel: ChannelId,
        /// Paused or not.
        paused: bool,
    },
    /// The interpreter on air asked a booth partner to take over.
    HandoverRequested {
        /// The channel.
        channel: ChannelId,
        /// Who asks.
        participant: ParticipantId,
        /// Seconds the request waits for a partner before it lapses.
        seconds: u32,
    },
    /// A handover request ended without a handover: withdrawn, or lapsed.
    HandoverCancelled {
        /// The channel.
        channel: ChannelId,
        /// Whether it lapsed (rather than being withdrawn).
        #[serde(default, skip_serializing_if = "is_false")]
        lapsed: bool,
    },
    /// A booth partner took over the channel (accepting a request, or directly).
    HandedOver {
        /// The channel.
        channel: ChannelId,
        /// The interpreter now on air.
        participant: ParticipantId,
        /// Their display name.
        name: String,
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
    /// Organisers added participants (an import, a late registrant, an approved
    /// registration), or changed the details of ones already there (matched by id: their
    /// link stays as it is).
    ParticipantsAdded {
        /// The participants, in order.
        registrants: Vec<Registrant>,
    },
    /// An organiser revoked a participant's invite link: every connection using it is
    /// closed, and no token of theirs is valid until the link is replaced.
    LinkRevoked {
        /// The participant.
        participant: ParticipantId,
        /// Their new link generation (the previous one plus one), which has no link yet.
        link: u32,
    },
    /// An organiser replaced a participant's invite link: tokens of earlier generations
    /// are refused (their connections closed); a new link of this generation was issued.
    LinkReplaced {
        /// The participant.
        participant: ParticipantId,
        /// Their new link generation (the previous one plus one).
        link: u32,
    },
    /// A person registered through the meeting's registration page.
    RegistrationReceived {
        /// The registration, pending.
        registration: Registration,
    },
    /// Organisers approved or declined a registration (an approval comes after the
    /// `participants_added` that makes the person a participant).
    RegistrationDecided {
        /// The registration.
        registration: RegistrationId,
        /// `approved` or `declined`.
        status: RegistrationStatus,
    },
}

/// The part of a meeting an event belongs to. Each area has its own fold (in `state/`),
/// and the events of the list of speakers reach summarised states as views instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// The list of speakers and the floor.
    Speakers,
    /// The agenda and the meeting as a whole.
    Agenda,
    /// Interpretation, sign language and captions.
    Interpretation,
    /// Who is invited: participants, their links and self-registrations (managers only).
    Participants,
}

impl Event {
    /// The area the event belongs to.
    pub fn area(&self) -> Area {
        match self {
            Self::FloorRequested { .. }
            | Self::RequestMerged { .. }
            | Self::RequestClaimed { .. }
            | Self::RequestWithdrawn { .. }
            | Self::RequestMoved { .. }
            | Self::QueueCleared { .. }
            | Self::ListClosed { .. }
            | Self::ListReopened { .. }
            | Self::FirstTimeFirstSet { .. }
            | Self::SpeakingTimeSet { .. }
            | Self::FloorGiven { .. }
            | Self::FloorEnded
            | Self::FloorPaused
            | Self::FloorResumed => Area::Speakers,
            Self::CurrentItemChanged { .. }
            | Self::ItemMarked { .. }
            | Self::ItemAdded { .. }
            | Self::ItemEdited { .. }
            | Self::ItemMoved { .. }
            | Self::MeetingUpdated { .. }
            | Self::MeetingClosed => Area::Agenda,
            Self::FloorLanguageSet { .. }
            | Self::WorkingIntoSet { .. }
            | Self::RelaySet { .. }
            | Self::ChannelPaused { .. }
            | Self::HandoverRequested { .. }
            | Self::HandoverCancelled { .. }
            | Self::HandedOver { .. }
            | Self::ChannelOnAir { .. }
            | Self::ChannelOffAir { .. } => Area::Interpretation,
            Self::ParticipantsAdded { .. }
            | Self::LinkRevoked { .. }
            | Self::LinkReplaced { .. }
            | Self::RegistrationReceived { .. }
            | Self::RegistrationDecided { .. } => Area::Participants,
        }
    }

    /// Whether only the chair and organisers (full states) receive the event: those of
    /// the list of speakers (which summarised states get as views) and of who is invited
    /// (which they do not get at all).
    pub fn for_managers_only(&self) -> bool {
        matches!(self.area(), Area::Speakers | Area::Participants)
    }

    /// Whether the event belongs to the list of speakers, which summarised states get
    /// as [`crate::QueueView`]s instead.
    pub fn is_speakers_event(&self) -> bool {
        self.area() == Area::Speakers
    }
}

/// One event of a meeting, numbered and timed by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EventEnvelope {
    /// The event's position in the meeting's log: 1, 2, 3 … with no gaps.
    pub seq: u64,
    /// Server time, milliseconds since the Unix epoch.
    pub at: u64,
    /// Who caused it, when a participant did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ParticipantId>,
    /// What happened.
    pub event: Event,
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

fn is_false(value: &bool) -> bool {
    !*value
}
