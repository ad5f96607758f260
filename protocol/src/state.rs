//! The meeting state and the events that change it.
//!
//! [`MeetingState::apply`] is the only way state changes, on the server and in the
//! browser alike. It is deterministic and atomic: an event that does not fit the state
//! returns an [`ApplyError`] and leaves the state exactly as it was.

use crate::ids::{ChannelId, ItemId, LanguageCode, MeetingId, ParticipantId};
use crate::interpretation::{BoothConfig, Handover};
use crate::messages::EventEnvelope;
use crate::speakers::{FloorRequest, MyRequest, RequestId, RequestKind, Speaker, SpeakersList};
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
    /// The default speaking-time limit in seconds; items may override it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time_seconds: Option<u32>,
    /// The most open requests one delegation may have in an item's list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_requests_per_delegation: Option<u32>,
    /// How the interpretation booths work (the languages they take, their retour) and
    /// where each channel's media is; channels without an entry take every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub booths: Vec<BoothConfig>,
    /// Seconds a language channel may stay without an interpreter while someone has the
    /// floor before the watchdog alerts its booth and the chair (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_air_seconds: Option<u32>,
    /// Seconds a handover request waits for a booth partner before it lapses (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover_seconds: Option<u32>,
}

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not discussed yet (or taken up again later).
    #[default]
    Upcoming,
    /// Being discussed: the current item.
    Live,
    /// Discussed.
    Done,
    /// Passed over.
    Skipped,
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
    /// The speaking-time limit for this item in seconds, overriding the meeting's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time_seconds: Option<u32>,
    /// Where the item stands.
    #[serde(default)]
    pub state: ItemState,
    /// Milliseconds it was the current item before, in earlier stretches.
    #[serde(default)]
    pub used_ms: u64,
    /// Server time (ms since the Unix epoch) it became the current item, while it is.
    #[serde(default)]
    pub live_since: Option<u64>,
}

impl AgendaItem {
    /// Milliseconds it has been the current item in all, at server time `now`.
    pub fn used_ms_at(&self, now: u64) -> u64 {
        self.used_ms + self.live_since.map_or(0, |since| now.saturating_sub(since))
    }
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
    #[serde(default)]
    pub on_air: Option<OnAir>,
    /// For a booth: the languages it interprets from (empty: every meeting language).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub works_from: Vec<LanguageCode>,
    /// For a bi-active booth: the other language it can work into (its retour).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retour: Option<LanguageCode>,
    /// While a bi-active booth works into its retour: that language (it then feeds that
    /// language's channel). `None`: into its own language.
    #[serde(default)]
    pub working_into: Option<LanguageCode>,
    /// The booth whose output this booth takes as its input (relay), if any.
    #[serde(default)]
    pub relay_from: Option<ChannelId>,
    /// Whether the interpreter on air has paused (muted; a signer off screen).
    #[serde(default)]
    pub paused: bool,
    /// A handover the interpreter on air asked for, until a partner takes it or it lapses.
    #[serde(default)]
    pub handover: Option<Handover>,
    /// Server time the channel last went off air, for the dead-air watchdog.
    #[serde(default)]
    pub off_air_since: Option<u64>,
    /// Where listeners get the channel's sound or picture, as the organisers set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
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
    /// again when the chair went back.
    CurrentItemChanged {
        /// The item now being discussed.
        item: ItemId,
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
///
/// The chair and organisers hold the full state. Everyone else holds a *summarised* one
/// (`summarised` is `true`): the list of speakers of the current item only, as a
/// [`SpeakersList::summary`], kept current by `queue` messages rather than by the
/// list's events, which they never receive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingState {
    /// The meeting's fixed description.
    pub info: MeetingInfo,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// The item being discussed, once the chair has moved to one.
    #[serde(default)]
    pub current_item: Option<ItemId>,
    /// The lists of speakers, one per agenda item (in a summarised state, the current
    /// item's only).
    pub lists: Vec<SpeakersList>,
    /// Who has the floor, if anyone.
    #[serde(default)]
    pub floor: Option<Speaker>,
    /// The id the next floor request will get (0 in a summarised state).
    pub next_request: RequestId,
    /// The channels listeners can follow.
    pub channels: Vec<Channel>,
    /// Server time (ms since the Unix epoch) the chair first opened an item.
    #[serde(default)]
    pub started_at: Option<u64>,
    /// The language spoken on the floor: set when the floor is given to someone who
    /// declared one, or by the chair. Booths that cannot work from it take relay.
    #[serde(default)]
    pub floor_language: Option<LanguageCode>,
    /// Server time (ms since the Unix epoch) the meeting was closed, once it is.
    #[serde(default)]
    pub closed_at: Option<u64>,
    /// The seq of the last event folded into this state (0 before any event).
    pub seq: u64,
    /// Whether this is a summarised state (see above).
    #[serde(default)]
    pub summarised: bool,
}

/// The list of speakers as those who do not manage it see it: sent to them (instead of
/// the list's events) whenever it changed, at most once per coalescing tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueueView {
    /// The seq of the last event this view includes.
    pub seq: u64,
    /// The current item's list (the first item's before the meeting starts), summarised.
    #[serde(default)]
    pub list: Option<SpeakersList>,
    /// Who has the floor, if anyone.
    #[serde(default)]
    pub floor: Option<Speaker>,
}

impl MeetingState {
    /// A meeting before any event: its agenda not started, every list of speakers empty
    /// and open, every channel on standby. The channels are the floor, one per language,
    /// sign language and captions.
    pub fn new(info: MeetingInfo, agenda: Vec<AgendaItem>) -> Self {
        let mut channels = vec![Channel::new("floor", ChannelKind::Floor)];
        channels.extend(info.languages.iter().map(Channel::interpretation));
        channels.push(Channel::new("sign", ChannelKind::SignLanguage));
        channels.push(Channel::new("captions", ChannelKind::Captions));
        for channel in &mut channels {
            channel.configure(&info.booths);
        }
        let lists = agenda
            .iter()
            .map(|item| SpeakersList::new(item.id.clone(), item.speaking_time_seconds))
            .collect();
        Self {
            info,
            agenda,
            current_item: None,
            lists,
            floor: None,
            next_request: 1,
            channels,
            started_at: None,
            floor_language: None,
            closed_at: None,
            seq: 0,
            summarised: false,
        }
    }

    /// Adds a request made at registration to `item`'s list, before any event: it gets
    /// the next id and its place by the rules, or merges into its delegation's request
    /// of the same kind.
    ///
    /// # Errors
    ///
    /// [`ApplyError::Inconsistent`] when the item is unknown or the participant already
    /// waits in that list.
    pub fn register(&mut self, item: &ItemId, mut request: FloorRequest) -> Result<(), ApplyError> {
        let id = self.next_request;
        let list = self
            .list_mut(item)
            .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
        if list.queue.iter().any(|waiting| {
            waiting.participant == request.participant
                || waiting.also.contains(&request.participant)
        }) {
            return Err(ApplyError::Inconsistent("already in the list"));
        }
        if let Some(same) = list.queue.iter_mut().find(|waiting| {
            waiting.delegation.is_some()
                && waiting.delegation == request.delegation
                && waiting.kind == request.kind
        }) {
            same.merge(request.participant, request.name);
            return Ok(());
        }
        request.id = id;
        request.registered = true;
        request.ensure_asked_by();
        list.insert(request, false);
        self.next_request += 1;
        Ok(())
    }

    /// This state as a participant who does not manage the list of speakers sees it.
    pub fn summarised(&self) -> Self {
        Self {
            info: self.info.clone(),
            agenda: self.agenda.clone(),
            current_item: self.current_item.clone(),
            lists: self
                .active_list()
                .map(SpeakersList::summary)
                .into_iter()
                .collect(),
            floor: self.floor.clone(),
            next_request: 0,
            channels: self.channels.clone(),
            started_at: self.started_at,
            floor_language: self.floor_language.clone(),
            closed_at: self.closed_at,
            seq: self.seq,
            summarised: true,
        }
    }

    /// The view of the list of speakers that summarised states get.
    pub fn queue_view(&self) -> QueueView {
        QueueView {
            seq: self.seq,
            list: self.active_list().map(SpeakersList::summary),
            floor: self.floor.clone(),
        }
    }

    /// Brings a summarised state's list of speakers up to date.
    ///
    /// # Errors
    ///
    /// [`ApplyError::Inconsistent`] when this state is not summarised, and
    /// [`ApplyError::OutOfOrder`] when the view is older than the state.
    pub fn apply_queue_view(&mut self, view: &QueueView) -> Result<(), ApplyError> {
        if !self.summarised {
            return Err(ApplyError::Inconsistent(
                "a full state gets events, not views",
            ));
        }
        if view.seq < self.seq {
            return Err(ApplyError::OutOfOrder {
                expected: self.seq,
                got: view.seq,
            });
        }
        self.lists = view.list.clone().into_iter().collect();
        self.floor = view.floor.clone();
        self.seq = view.seq;
        Ok(())
    }

    /// Folds one event into the state. On error the state is unchanged.
    ///
    /// A full state takes every event, in order without gaps. A summarised state takes
    /// every event except those of the list of speakers, in increasing order; its gaps
    /// are covered by [`QueueView`]s.
    ///
    /// # Errors
    ///
    /// [`ApplyError::OutOfOrder`] when `envelope.seq` is not the next one, and
    /// [`ApplyError::Inconsistent`] when the event does not fit the state.
    pub fn apply(&mut self, envelope: &EventEnvelope) -> Result<(), ApplyError> {
        let in_order = if self.summarised {
            envelope.seq > self.seq
        } else {
            envelope.seq == self.seq + 1
        };
        if !in_order {
            return Err(ApplyError::OutOfOrder {
                expected: self.seq + 1,
                got: envelope.seq,
            });
        }
        if self.summarised && envelope.event.is_speakers_event() {
            return Err(ApplyError::Inconsistent(
                "a summarised state gets the list of speakers as views",
            ));
        }
        if self.closed_at.is_some() {
            return Err(ApplyError::Inconsistent("the meeting is closed"));
        }
        let at = envelope.at;
        match &envelope.event {
            Event::FloorRequested { item, request, top } => {
                if request.id != self.next_request {
                    return Err(ApplyError::Inconsistent("request id out of order"));
                }
                let list = self.existing_list_mut(item)?;
                if list.queue.iter().any(|waiting| {
                    waiting.participant == request.participant
                        || waiting.also.contains(&request.participant)
                }) {
                    return Err(ApplyError::Inconsistent("already in the list"));
                }
                let mut request = request.clone();
                request.raised_at = at;
                request.ensure_asked_by();
                list.insert(request, *top);
                self.next_request += 1;
            }
            Event::RequestMerged {
                item,
                request,
                participant,
                name,
            } => {
                let list = self.existing_list_mut(item)?;
                let index = list.index_of(*request).ok_or(NOT_WAITING)?;
                // Events stored before they carried the name: the id stands in for it.
                let name = if name.is_empty() {
                    participant.to_string()
                } else {
                    name.clone()
                };
                list.queue[index].merge(participant.clone(), name);
            }
            Event::RequestClaimed {
                item,
                request,
                participant,
                name,
            } => {
                let list = self.existing_list_mut(item)?;
                let index = list.index_of(*request).ok_or(NOT_WAITING)?;
                list.queue[index].claim(participant.clone(), name.clone());
            }
            Event::RequestWithdrawn { item, request } => {
                self.existing_list_mut(item)?
                    .remove(*request)
                    .ok_or(NOT_WAITING)?;
            }
            Event::RequestMoved {
                item,
                request,
                position,
            } => {
                let list = self.existing_list_mut(item)?;
                let index = list.index_of(*request).ok_or(NOT_WAITING)?;
                let target = usize::try_from(*position).unwrap_or(usize::MAX);
                if list.queue[index].kind == RequestKind::PointOfOrder
                    || target <= list.points_of_order()
                    || target > list.queue.len()
                {
                    return Err(ApplyError::Inconsistent("position out of range"));
                }
                let moved = list.queue.remove(index);
                list.queue.insert(target - 1, moved);
            }
            Event::QueueCleared { item, count } => {
                let list = self.existing_list_mut(item)?;
                if list.queue.len() != usize::try_from(*count).unwrap_or(usize::MAX) {
                    return Err(ApplyError::Inconsistent("cleared count differs"));
                }
                list.queue.clear();
                list.length = 0;
            }
            Event::ListClosed { item } => self.existing_list_mut(item)?.closed = true,
            Event::ListReopened { item } => self.existing_list_mut(item)?.closed = false,
            Event::FirstTimeFirstSet { item, on } => {
                let list = self.existing_list_mut(item)?;
                list.first_time_first = *on;
                list.put_first_time_speakers_first();
            }
            Event::SpeakingTimeSet { item, seconds } => {
                self.existing_list_mut(item)?.speaking_time_seconds = *seconds;
            }
            Event::FloorGiven {
                participant,
                name,
                delegation,
                item,
                request,
                kind,
                language,
                limit_seconds,
            } => {
                if self.floor.is_some() {
                    return Err(ApplyError::Inconsistent("someone has the floor"));
                }
                let list = self.existing_list_mut(item)?;
                if let Some(request) = request {
                    list.remove(*request).ok_or(NOT_WAITING)?;
                }
                if list
                    .queue
                    .iter()
                    .any(|waiting| &waiting.participant == participant)
                {
                    return Err(ApplyError::Inconsistent(
                        "the speaker still waits in the list",
                    ));
                }
                let key = crate::speakers::Owner::of(participant, delegation.as_deref()).key();
                if !list.spoken.contains(&key) {
                    list.spoken.push(key);
                }
                list.put_first_time_speakers_first();
                self.floor = Some(Speaker {
                    participant: participant.clone(),
                    name: name.clone(),
                    delegation: delegation.clone(),
                    item: item.clone(),
                    request: *request,
                    kind: *kind,
                    language: language.clone(),
                    since: at,
                    limit_seconds: *limit_seconds,
                    paused_at: None,
                    paused_ms: 0,
                });
            }
            Event::FloorEnded => {
                let speaker = self.floor.take().ok_or(NOBODY_SPEAKS)?;
                if let Some(list) = self.list_mut(&speaker.item) {
                    list.last_speaker = Some(speaker.as_request(speaker.request.unwrap_or(0), at));
                }
            }
            Event::FloorPaused => {
                let speaker = self.floor.as_mut().ok_or(NOBODY_SPEAKS)?;
                if speaker.paused_at.is_some() {
                    return Err(ApplyError::Inconsistent("already paused"));
                }
                speaker.paused_at = Some(at.max(speaker.since));
            }
            Event::FloorResumed => {
                let speaker = self.floor.as_mut().ok_or(NOBODY_SPEAKS)?;
                let paused_at = speaker
                    .paused_at
                    .take()
                    .ok_or(ApplyError::Inconsistent("not paused"))?;
                speaker.paused_ms += at.saturating_sub(paused_at);
            }
            Event::CurrentItemChanged { item } => {
                let to = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                if self.agenda[to].state == ItemState::Skipped {
                    return Err(ApplyError::Inconsistent("the item is skipped"));
                }
                if let Some(from) = self.current_item_position() {
                    let left = &mut self.agenda[from];
                    left.used_ms = left.used_ms_at(at);
                    left.live_since = None;
                    left.state = if from < to {
                        ItemState::Done
                    } else {
                        ItemState::Upcoming
                    };
                }
                let opened = &mut self.agenda[to];
                opened.state = ItemState::Live;
                opened.live_since = Some(at);
                self.started_at.get_or_insert(at);
                self.current_item = Some(item.clone());
            }
            Event::ItemMarked { item, state } => {
                let index = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                if *state == ItemState::Live || self.current_item.as_ref() == Some(item) {
                    return Err(ApplyError::Inconsistent(
                        "the current item changes state by moving on",
                    ));
                }
                self.agenda[index].state = *state;
            }
            Event::ItemAdded { item, position } => {
                let index = usize::try_from(*position)
                    .unwrap_or(usize::MAX)
                    .wrapping_sub(1);
                if self.item_position(&item.id).is_some()
                    || index > self.agenda.len()
                    || item.state != ItemState::Upcoming
                    || item.used_ms != 0
                    || item.live_since.is_some()
                {
                    return Err(ApplyError::Inconsistent("the item cannot be added so"));
                }
                if !self.summarised {
                    self.lists.push(SpeakersList::new(
                        item.id.clone(),
                        item.speaking_time_seconds,
                    ));
                }
                self.agenda.insert(index, item.clone());
            }
            Event::ItemEdited {
                item,
                title,
                presenter,
                planned_minutes,
            } => {
                let index = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                let edited = &mut self.agenda[index];
                edited.title = title.clone();
                edited.presenter = presenter.clone();
                edited.planned_minutes = *planned_minutes;
            }
            Event::ItemMoved { item, position } => {
                let index = self
                    .item_position(item)
                    .ok_or(ApplyError::Inconsistent("unknown agenda item"))?;
                let target = usize::try_from(*position)
                    .unwrap_or(usize::MAX)
                    .wrapping_sub(1);
                if target >= self.agenda.len() {
                    return Err(ApplyError::Inconsistent("position out of range"));
                }
                let moved = self.agenda.remove(index);
                self.agenda.insert(target, moved);
            }
            Event::MeetingUpdated { info, agenda } => self.update(info, agenda)?,
            Event::MeetingClosed => {
                if self.closed_at.is_some() {
                    return Err(ApplyError::Inconsistent("the meeting is already closed"));
                }
                if self.floor.is_some() {
                    return Err(ApplyError::Inconsistent("someone has the floor"));
                }
                if let Some(index) = self.current_item_position() {
                    let item = &mut self.agenda[index];
                    item.used_ms = item.used_ms_at(at);
                    item.live_since = None;
                    item.state = ItemState::Done;
                }
                self.closed_at = Some(at);
            }
            Event::FloorLanguageSet { .. }
            | Event::WorkingIntoSet { .. }
            | Event::RelaySet { .. }
            | Event::ChannelPaused { .. }
            | Event::HandoverRequested { .. }
            | Event::HandoverCancelled { .. }
            | Event::HandedOver { .. }
            | Event::ChannelOnAir { .. }
            | Event::ChannelOffAir { .. } => self.apply_interpretation(&envelope.event, at)?,
        }
        self.seq = envelope.seq;
        Ok(())
    }

    /// Folds [`Event::MeetingUpdated`]: all or nothing (checks come first).
    fn update(&mut self, info: &MeetingInfo, agenda: &[AgendaItem]) -> Result<(), ApplyError> {
        if info.id != self.info.id {
            return Err(ApplyError::Inconsistent("another meeting's description"));
        }
        let mut ids: Vec<&ItemId> = agenda.iter().map(|item| &item.id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(ApplyError::Inconsistent("an item id appears twice"));
        }
        let kept = |id: &ItemId| agenda.iter().any(|item| &item.id == id);
        if self.current_item.as_ref().is_some_and(|item| !kept(item)) {
            return Err(ApplyError::Inconsistent(
                "the current item cannot be removed",
            ));
        }
        let removed_channel_on_air = self.channels.iter().any(|channel| {
            matches!(&channel.kind, ChannelKind::Interpretation { language }
                if !info.languages.contains(language) && channel.on_air.is_some())
        });
        if removed_channel_on_air {
            return Err(ApplyError::Inconsistent(
                "a removed language's channel is on air",
            ));
        }
        let mut updated = Vec::with_capacity(agenda.len());
        for item in agenda {
            let mut item = AgendaItem {
                state: ItemState::Upcoming,
                used_ms: 0,
                live_since: None,
                ..item.clone()
            };
            match self.item_position(&item.id) {
                Some(index) => {
                    let old = &self.agenda[index];
                    item.state = old.state;
                    item.used_ms = old.used_ms;
                    item.live_since = old.live_since;
                    if old.speaking_time_seconds != item.speaking_time_seconds
                        && let Some(list) = self.list_mut(&item.id)
                    {
                        list.speaking_time_seconds = item.speaking_time_seconds;
                    }
                }
                None if !self.summarised => self.lists.push(SpeakersList::new(
                    item.id.clone(),
                    item.speaking_time_seconds,
                )),
                None => {}
            }
            updated.push(item);
        }
        self.lists.retain(|list| kept(&list.item));
        self.agenda = updated;
        // The interpretation channels follow the new languages, in their order, where the
        // old ones stood; a kept language keeps its channel as it is.
        let old = std::mem::take(&mut self.channels);
        let interpretation_of = |language: &LanguageCode| {
            old.iter()
                .find(|channel| {
                    matches!(&channel.kind, ChannelKind::Interpretation { language: held } if held == language)
                })
                .cloned()
                .unwrap_or_else(|| Channel::interpretation(language))
        };
        let mut interpretation: Vec<Channel> =
            info.languages.iter().map(interpretation_of).collect();
        let mut channels = Vec::with_capacity(interpretation.len() + 3);
        for channel in &old {
            if matches!(channel.kind, ChannelKind::Interpretation { .. }) {
                channels.append(&mut interpretation);
            } else {
                channels.push(channel.clone());
            }
        }
        let at = channels.len().min(1);
        channels.splice(at..at, interpretation);
        for channel in &mut channels {
            channel.configure(&info.booths);
        }
        self.channels = channels;
        self.info = info.clone();
        Ok(())
    }

    /// The item whose list of speakers is in use: the current item, or the first before
    /// the meeting starts.
    pub fn active_item(&self) -> Option<&ItemId> {
        self.current_item
            .as_ref()
            .or_else(|| self.agenda.first().map(|item| &item.id))
    }

    /// The list of speakers in use (see [`Self::active_item`]).
    pub fn active_list(&self) -> Option<&SpeakersList> {
        self.list(self.active_item()?)
    }

    /// The list of speakers of `item`.
    pub fn list(&self, item: &ItemId) -> Option<&SpeakersList> {
        self.lists.iter().find(|list| &list.item == item)
    }

    fn list_mut(&mut self, item: &ItemId) -> Option<&mut SpeakersList> {
        self.lists.iter_mut().find(|list| &list.item == item)
    }

    fn existing_list_mut(&mut self, item: &ItemId) -> Result<&mut SpeakersList, ApplyError> {
        self.list_mut(item)
            .ok_or(ApplyError::Inconsistent("unknown agenda item"))
    }

    /// The speaking-time limit in seconds on `item`: its own, else the meeting's.
    pub fn speaking_time(&self, item: &ItemId) -> Option<u32> {
        self.list(item)
            .and_then(|list| list.speaking_time_seconds)
            .or(self.info.speaking_time_seconds)
    }

    /// The requests in the active list that `participant` of `delegation` may act on,
    /// with their 1-based positions and estimated waits at server time `now`. Empty in a
    /// summarised state, whose participants get theirs in `your_requests` messages.
    pub fn requests_of(
        &self,
        participant: &ParticipantId,
        delegation: Option<&str>,
        now: u64,
    ) -> Vec<MyRequest> {
        self.active_list()
            .map(|list| {
                list.queue
                    .iter()
                    .zip(1..)
                    .filter(|(request, _)| request.concerns(participant, delegation))
                    .map(|(request, position)| MyRequest {
                        position,
                        estimated_wait_ms: self.wait_ms(position, now),
                        request: request.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The estimated wait, in milliseconds at server time `now`, of the request at 1-based
    /// `position` in the list in use: the speech in progress's remaining time plus the
    /// list's speaking-time limit for each request ahead ([`crate::estimated_wait_ms`]).
    /// `None` when the list has no limit.
    pub fn wait_ms(&self, position: u32, now: u64) -> Option<u64> {
        let limit = self.active_item().and_then(|item| self.speaking_time(item));
        let current = self
            .floor
            .as_ref()
            .and_then(|speaker| speaker.remaining_ms(now));
        crate::speakers::estimated_wait_ms(position, limit, current)
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

    pub(crate) fn channel_mut(&mut self, id: &ChannelId) -> Option<&mut Channel> {
        self.channels.iter_mut().find(|channel| &channel.id == id)
    }
}

impl Event {
    /// Whether the event belongs to the list of speakers, which summarised states get
    /// as [`QueueView`]s instead.
    pub fn is_speakers_event(&self) -> bool {
        !matches!(
            self,
            Self::CurrentItemChanged { .. }
                | Self::ItemMarked { .. }
                | Self::ItemAdded { .. }
                | Self::ItemEdited { .. }
                | Self::ItemMoved { .. }
                | Self::MeetingUpdated { .. }
                | Self::MeetingClosed
                | Self::FloorLanguageSet { .. }
                | Self::WorkingIntoSet { .. }
                | Self::RelaySet { .. }
                | Self::ChannelPaused { .. }
                | Self::HandoverRequested { .. }
                | Self::HandoverCancelled { .. }
                | Self::HandedOver { .. }
                | Self::ChannelOnAir { .. }
                | Self::ChannelOffAir { .. }
        )
    }
}

const NOT_WAITING: ApplyError = ApplyError::Inconsistent("no such request in the list");
const NOBODY_SPEAKS: ApplyError = ApplyError::Inconsistent("nobody has the floor");

pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}
