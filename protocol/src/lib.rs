//! The wire protocol of the meeting-control service and the pure meeting-state fold.
//!
//! Both the server and the browser client depend on this crate, so that they speak the
//! same messages and fold the same events with the same code. It performs no I/O and
//! compiles for `wasm32-unknown-unknown` as well as for the host.
//!
//! # Layout
//!
//! - [`ids`]: newtypes for every identifier on the wire (meetings, participants, agenda
//!   items, channels, languages).
//! - [`error`]: the closed set of wire error codes and the WebSocket close codes.
//! - [`text`]: the check every free-text field passes (length, no control or bidi-override
//!   characters).
//! - [`time`]: server times (ms since the Unix epoch) as calendar dates.
//! - [`limits`]: what a command or a meeting file may carry (lengths, ranges), for the
//!   server's checks and the browser's forms alike.
//! - [`participant`]: who takes part ([`Participant`]) and what their [`Role`] lets them
//!   do and see: the one answer to every "may this person …" that server and client share.
//! - [`speakers`]: the list of speakers: floor requests, their order, the speech timer.
//! - [`interpretation`]: channels and booths, relay, what a channel delivers, what a
//!   listener follows ([`Listening`]), notices and presence.
//! - [`info`]: the meeting's fixed description ([`MeetingInfo`]) and [`Localized`] texts.
//! - [`agenda`]: agenda items and where each stands.
//! - [`event`]: the [`Event`]s that change a meeting, each in its [`Area`], numbered in
//!   an [`EventEnvelope`].
//! - [`state`]: [`MeetingState`] and [`MeetingState::apply`], the fold: one file per
//!   area (speakers, agenda, interpretation), as the server's rules decide by area.
//! - [`forecast`]: when the current item and the meeting will end, and the chair's hint.
//! - [`messages`]: what clients send ([`ClientMessage`]) and what the server sends
//!   ([`ServerMessage`]), with [`ClientMessage::decode`] for clear decoding errors.
//!
//! Each module uses only those listed above it (`state` and `forecast` fold and query
//! the types; `messages` carries them), so the crate reads from the top down.
//!
//! # Conversation
//!
//! 1. The client opens `/ws` and sends `hello {token, protocol, since?}`.
//! 2. The server answers `welcome {you, meeting, seq, resumed}` (then, when resuming, the
//!    events the client missed) or `error {code, message}` followed by a close.
//! 3. The client sends commands, each with an `id`; the server answers `ack {id, seq}` or
//!    `error {id, code, message}`.
//! 4. Every accepted command becomes an `event {seq, at, event}`, `seq` counting 1, 2,
//!    3 … without gaps. The chair and organisers receive every event in order. Everyone
//!    else receives every event except those of the list of speakers, which reach them
//!    coalesced as `queue` views (the list's length, the next few, who has the floor)
//!    and `your_requests` (their own positions and estimated waits): see
//!    [`MeetingState::summarised`].

pub mod agenda;
pub mod error;
pub mod event;
pub mod forecast;
pub mod ids;
pub mod info;
pub mod interpretation;
pub mod limits;
pub mod messages;
pub mod participant;
pub mod registry;
pub mod speakers;
pub mod state;
pub mod text;
pub mod time;

pub use agenda::{AgendaItem, ItemState, Waiting};
pub use error::{ErrorCode, close};
pub use event::{ApplyError, Area, Event, EventEnvelope};
pub use ids::{ChannelId, ItemId, LanguageCode, MeetingId, ParticipantId};
pub use info::{Localized, MeetingInfo};
pub use interpretation::{
    BoothConfig, BoothTask, Channel, ChannelKind, ChannelPresence, ChannelStatus, Handover,
    HearingReason, Listening, Notice, OnAir, Presence,
};
pub use messages::{ClientMessage, Command, Connected, DecodeError, Hello, ServerMessage, Welcome};
pub use participant::{Participant, Role};
pub use registry::{
    FloorWish, Needs, Registrant, Registration, RegistrationId, RegistrationStatus, Registry,
};
pub use speakers::{
    FloorRequest, MyRequest, Owner, RequestId, RequestKind, Speaker, SpeakersList,
    estimated_wait_ms,
};
pub use state::{MeetingState, QueueView};

/// The version of this protocol. A client whose `hello` names another version gets
/// `unsupported_version` and is closed.
pub const PROTOCOL_VERSION: u32 = 1;

/// The largest WebSocket message, in bytes, that either side accepts.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
