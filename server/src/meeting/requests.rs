//! What a [`MeetingHandle`](super::MeetingHandle) asks of the actor ([`Request`]) and
//! what comes back to its callers: a connection's [`Joined`] (or [`JoinError`]), an
//! organiser's [`AdminOutcome`], or [`MeetingClosed`] once the actor has stopped.

use super::subscribers::{ConnectionId, Subscription};
use crate::meeting_file::MeetingFile;
use crate::rules::Rejection;
use protocol::{
    Command, FloorWish, Listening, Participant, ParticipantId, Registrant, Registration,
    RegistrationId, Registry,
};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Utf8Bytes;

/// What a connection gets when it joins: its first messages and its subscription.
pub struct Joined {
    /// The `welcome`, then any events the client missed, to send before anything else.
    pub first: Vec<Utf8Bytes>,
    /// Everything after.
    pub subscription: Subscription,
}

/// Why a connection could not join.
#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    /// The actor has stopped (the server is shutting down).
    #[error("the meeting is closed")]
    Closed,
    /// The participant already has the most connections allowed.
    #[error("too many connections for this participant (at most {0})")]
    TooManyConnections(usize),
    /// The invite link the token came from was revoked or replaced.
    #[error("this invite link was revoked; ask the organisers for a new one")]
    Revoked,
}

/// The meeting's actor has stopped (the server is shutting down).
#[derive(Debug, thiserror::Error)]
#[error("the meeting is closed")]
pub struct MeetingClosed;

/// An organiser's change to a whole meeting, through the meetings API.
#[derive(Debug)]
pub enum Admin {
    /// Update the description and agenda from a new meeting file (same id).
    Update(Box<MeetingFile>),
    /// Close the meeting: it takes no more commands; its record stays.
    Close,
    /// Add participants (or change the details of those already there), with the requests
    /// for the floor they made at registration.
    AddParticipants {
        /// The participants.
        registrants: Vec<Registrant>,
        /// Their requests for the floor, by participant.
        wishes: Vec<(ParticipantId, FloorWish)>,
    },
    /// Revoke (or replace) a participant's invite link; `known` describes them when the
    /// registry does not know them yet (a meeting file's participant).
    Revoke {
        /// The participant.
        participant: ParticipantId,
        /// As the meeting file describes them, if it does.
        known: Option<Participant>,
        /// Whether a new link replaces the revoked one.
        replace: bool,
    },
    /// Record a self-registration.
    Register(Box<Registration>),
    /// Approve or decline a self-registration.
    Decide {
        /// The registration.
        registration: RegistrationId,
        /// Approve, or decline.
        approve: bool,
    },
}

impl Admin {
    /// The change's name in logs and error reports.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Self::Update(_) => "update_meeting",
            Self::Close => "close_meeting",
            Self::AddParticipants { .. } => "add_participants",
            Self::Revoke { replace: false, .. } => "revoke_link",
            Self::Revoke { replace: true, .. } => "replace_link",
            Self::Register(_) => "register",
            Self::Decide { .. } => "decide_registration",
        }
    }
}

/// What an [`Admin`] change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdminOutcome {
    /// The meeting's seq after the change.
    pub seq: u64,
    /// Whether anything changed (an identical update, or closing a closed meeting, does
    /// not).
    pub changed: bool,
    /// What the change made: a registration's id, or the participant's new link
    /// generation after a revocation or replacement.
    pub made: Option<u64>,
}

/// A command a connection submitted, as it waits in the actor's inbox and batch.
pub(super) struct Submitted {
    pub(super) connection: ConnectionId,
    pub(super) sender: Arc<Participant>,
    /// The client's request id, echoed in the answer.
    pub(super) id: u64,
    pub(super) command: Command,
    /// When the handle took it, for the fan-out latency metric.
    pub(super) received: Instant,
}

/// What the handle asks of the actor.
pub(super) enum Request {
    /// Subscribe a connection and answer with its welcome.
    Join {
        connection: ConnectionId,
        participant: Participant,
        link: u32,
        since: Option<u64>,
        token_expires_at: u64,
        reply: oneshot::Sender<Result<Joined, JoinError>>,
    },
    /// Whether a token of link generation `link` for `participant` is still valid.
    Accepts {
        participant: ParticipantId,
        link: u32,
        reply: oneshot::Sender<bool>,
    },
    /// Unsubscribe a connection.
    Leave { connection: ConnectionId },
    /// Decide a command; its answer goes to the connection's queue.
    Command(Submitted),
    /// Decide an organiser's change to the whole meeting.
    Admin {
        by: ParticipantId,
        action: Admin,
        reply: oneshot::Sender<Result<AdminOutcome, Rejection>>,
    },
    /// Record what a connection follows; its answer goes to the connection's queue.
    Listen {
        connection: ConnectionId,
        id: u64,
        listening: Listening,
    },
    /// Another writer appended to the meeting's log up to this seq (0: look).
    Appended(u64),
    /// The registry as it stands (for the participants API).
    Registry { reply: oneshot::Sender<Registry> },
    /// Answered once every request before it is handled: the answers to a connection's
    /// earlier commands are then in its queue.
    Settle { reply: oneshot::Sender<()> },
}
