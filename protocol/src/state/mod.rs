//! The meeting state and its fold.
//!
//! [`MeetingState::apply`] is the only way state changes, on the server and in the
//! browser alike. It is deterministic and atomic: an event that does not fit the state
//! returns an [`ApplyError`] and leaves the state exactly as it was.
//!
//! # Layout
//!
//! - `mod.rs` (here): [`MeetingState`], [`QueueView`], the summarised state, the order
//!   checks of [`MeetingState::apply`] and its dispatch by [`Area`], and the queries
//!   every area shares (the list in use, positions, the next envelope).
//! - `speakers.rs`: the fold of the list of speakers and the floor.
//! - `agenda.rs`: the fold of the agenda and of the meeting as a whole (update, close),
//!   and the agenda's queries (the next and previous open items).
//! - `interpretation.rs`: the fold of interpretation, and what each channel delivers,
//!   what a listener hears, the relay plan and dead air.
//! - `participants.rs`: the fold of who is invited (participants, links, registrations).

mod agenda;
mod interpretation;
mod participants;
mod speakers;

use crate::agenda::AgendaItem;
use crate::event::{ApplyError, Area, Event, EventEnvelope};
use crate::ids::{ChannelId, ItemId, LanguageCode, ParticipantId};
use crate::info::MeetingInfo;
use crate::interpretation::{Channel, ChannelKind};
use crate::registry::Registry;
use crate::speakers::{FloorRequest, MyRequest, RequestId, Speaker, SpeakersList};
use serde::{Deserialize, Serialize};

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
    /// Who is invited and who asked to be (full states only: empty in a summarised one).
    #[serde(default, skip_serializing_if = "Registry::is_empty")]
    pub registry: Registry,
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
            registry: Registry::default(),
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
            registry: Registry::default(),
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
        if self.summarised && envelope.event.for_managers_only() {
            return Err(ApplyError::Inconsistent(
                "a summarised state gets neither the list of speakers' events nor the registry's",
            ));
        }
        if self.closed_at.is_some() {
            return Err(ApplyError::Inconsistent("the meeting is closed"));
        }
        let at = envelope.at;
        match envelope.event.area() {
            Area::Speakers => self.apply_speakers(&envelope.event, at)?,
            Area::Agenda => self.apply_agenda(&envelope.event, at)?,
            Area::Interpretation => self.apply_interpretation(&envelope.event, at)?,
            Area::Participants => self.apply_participants(&envelope.event)?,
        }
        self.seq = envelope.seq;
        Ok(())
    }

    /// The envelope `event` gets when it is folded next into this state: the next seq, at
    /// server time `at`, caused by `actor`.
    pub fn next_envelope(
        &self,
        at: u64,
        actor: Option<ParticipantId>,
        event: Event,
    ) -> EventEnvelope {
        EventEnvelope {
            seq: self.seq + 1,
            at,
            actor,
            event,
        }
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
    /// `None` when the list has no limit, and before the meeting starts: requests made
    /// then wait for the first item, and when that begins is not known.
    pub fn wait_ms(&self, position: u32, now: u64) -> Option<u64> {
        self.started_at?;
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
