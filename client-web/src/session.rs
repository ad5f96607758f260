//! What the client knows: the meeting's state, who the viewer is and how the connection
//! is doing, as signals that the views read and the connection writes.

use crate::text;
use leptos::prelude::*;
use protocol::{ApplyError, Event, EventEnvelope, MeetingState, Participant};

/// The connection's state, shown in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Opening the first connection.
    Connecting,
    /// Joined the meeting and receiving events.
    Connected,
    /// Lost the connection; trying again.
    Reconnecting,
    /// Cannot join (no or refused invite); not trying again.
    Failed,
}

impl Status {
    /// The value of `data-state` on `#connection-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Connected => "connected",
            Self::Reconnecting => "reconnecting",
            Self::Failed => "failed",
        }
    }

    /// What the header says.
    pub fn label(self) -> &'static str {
        match self {
            Self::Connecting => text::CONNECTING,
            Self::Connected => text::CONNECTED,
            Self::Reconnecting => text::RECONNECTING,
            Self::Failed => "",
        }
    }
}

/// The client's shared state. Signals are `Copy`, so the whole struct is.
#[derive(Clone, Copy)]
pub struct Session {
    /// The meeting as folded from the server's snapshot and events.
    pub meeting: RwSignal<Option<MeetingState>>,
    /// Who the viewer is, from the server's `welcome`.
    pub you: RwSignal<Option<Participant>>,
    /// The connection's state.
    pub status: RwSignal<Status>,
    /// The latest announcement for screen readers (the `aria-live` region).
    pub announcement: RwSignal<String>,
    /// The latest problem to show (a refused command, a refused session).
    pub problem: RwSignal<Option<String>>,
}

impl Session {
    /// A session before anything is known.
    pub fn new() -> Self {
        Self {
            meeting: RwSignal::new(None),
            you: RwSignal::new(None),
            status: RwSignal::new(Status::Connecting),
            announcement: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
        }
    }

    /// The seq of the last event folded, to resume from after a reconnect.
    pub fn last_seq(&self) -> Option<u64> {
        self.meeting
            .with_untracked(|meeting| meeting.as_ref().map(|m| m.seq))
    }

    /// Folds an event into the meeting and announces what matters to the viewer.
    ///
    /// # Errors
    ///
    /// When the event does not follow the state: the client must resynchronise.
    pub fn apply(&self, envelope: &EventEnvelope) -> Result<(), ApplyError> {
        let mut result = Ok(());
        self.meeting.update(|meeting| {
            result = match meeting {
                Some(meeting) => meeting.apply(envelope),
                None => Err(ApplyError::Inconsistent("no snapshot yet")),
            };
        });
        result?;
        if let Some(announcement) = self.announcement_for(&envelope.event) {
            self.announcement.set(announcement);
        }
        Ok(())
    }

    fn announcement_for(&self, event: &Event) -> Option<String> {
        let me = self
            .you
            .with_untracked(|you| you.as_ref().map(|you| you.id.clone()))?;
        self.meeting.with_untracked(|meeting| {
            let meeting = meeting.as_ref()?;
            let language = &meeting.info.default_language;
            match event {
                Event::FloorGiven { participant, .. } if *participant == me => {
                    Some(text::YOU_HAVE_FLOOR.to_owned())
                }
                Event::FloorGiven { name, .. } => Some(text::floor_given(name)),
                Event::CurrentItemChanged { .. } => meeting
                    .current_agenda_item()
                    .map(|item| text::item_changed(item.title.get(language, language))),
                Event::ChannelOnAir { channel, name, .. } => meeting
                    .channel(channel)
                    .map(|found| text::channel_live(&text::channel(&found.kind), name)),
                Event::ChannelOffAir { channel } => meeting
                    .channel(channel)
                    .map(|found| text::channel_standby(&text::channel(&found.kind))),
                Event::HandRaised { participant, .. } if *participant == me => meeting
                    .queue_position(&me)
                    .map(|position| text::position(position + 1)),
                _ => None,
            }
        })
    }
}
