//! How the rest of the server talks to a meeting's actor: [`restore`] rebuilds a meeting
//! from its log, [`MeetingHandle::spawn`] starts its actor, and the handle's methods send
//! it [`Request`]s. What comes back goes to a connection's [`Subscription`].

use super::actor::Actor;
use super::subscribers::{ConnectionId, Frames};
use crate::limits::{INBOX_CAPACITY, Limits};
use crate::meeting_file::MeetingFile;
use crate::rules::Rejection;
use crate::store::{EventStore, StoreError, StoredEvent};
use protocol::{
    Command, ErrorCode, Listening, MeetingState, Participant, ParticipantId, ServerMessage,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, AtomicUsize};
use std::time::Instant;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Utf8Bytes;

/// The receiving end of a connection's outbound queue.
pub struct Subscription {
    /// Encoded messages for this connection, in order.
    pub messages: mpsc::Receiver<Frames>,
    /// Bytes queued and not yet written; the connection subtracts what it writes.
    pub queued_bytes: Arc<AtomicUsize>,
    /// The close code the connection should send when the actor drops it (0: the
    /// meeting closed): `SLOW_CONSUMER` when its queue overflowed, `SERVICE_RESTART` when
    /// the outcome of one of its commands is unknown and it should resume to learn it.
    pub dropped_with: Arc<AtomicU16>,
}

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
}

impl Admin {
    /// The change's name in logs and error reports.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Self::Update(_) => "update_meeting",
            Self::Close => "close_meeting",
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
        since: Option<u64>,
        token_expires_at: u64,
        reply: oneshot::Sender<Result<Joined, JoinError>>,
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
    /// Answered once every request before it is handled: the answers to a connection's
    /// earlier commands are then in its queue.
    Settle { reply: oneshot::Sender<()> },
}

/// A cheap-to-clone handle on a meeting's actor.
#[derive(Clone)]
pub struct MeetingHandle {
    inbox: mpsc::Sender<Request>,
}

/// A meeting's state as rebuilt from its log, ready to go live.
pub struct Restored {
    /// The state after the last stored event.
    pub state: MeetingState,
    /// The most recent stored events, oldest first, for clients that resume.
    pub recent: Vec<StoredEvent>,
}

/// Rebuilds a meeting from its log: its latest snapshot (or `initial` when there is
/// none) and the events after it.
///
/// # Errors
///
/// When the log cannot be read or does not fold (a damaged log is never ignored).
pub fn restore(
    store: &dyn EventStore,
    initial: MeetingState,
    limits: &Limits,
) -> Result<Restored, StoreError> {
    let meeting = initial.info.id.clone();
    let stored = store.load(&meeting, limits.retention_events)?;
    let damaged =
        |why: String| StoreError::Unavailable(format!("the log of meeting `{meeting}` {why}"));
    let mut state = match &stored.snapshot {
        Some((seq, json)) => {
            let state: MeetingState = serde_json::from_str(json)
                .map_err(|error| damaged(format!("has an unreadable snapshot: {error}")))?;
            if state.seq != *seq {
                return Err(damaged(format!(
                    "has a snapshot at {} filed as {seq}",
                    state.seq
                )));
            }
            state
        }
        None => initial,
    };
    // Events up to the snapshot are there for resuming clients only; fold the rest.
    let folded_up_to = state.seq;
    for event in stored
        .events
        .iter()
        .filter(|event| event.seq > folded_up_to)
    {
        let Ok(ServerMessage::Event(envelope)) = ServerMessage::decode(&event.json) else {
            return Err(damaged(format!(
                "has an unreadable event at seq {}",
                event.seq
            )));
        };
        state
            .apply(&envelope)
            .map_err(|error| damaged(format!("does not fold at seq {}: {error}", event.seq)))?;
    }
    let keep = stored.events.len().saturating_sub(limits.retention_events);
    let recent = stored.events.into_iter().skip(keep).collect();
    Ok(Restored { state, recent })
}

impl MeetingHandle {
    /// Starts the actor of a restored meeting on the current tokio runtime. The returned
    /// join handle completes once every handle is dropped and the last batch is committed.
    pub fn spawn(
        restored: Restored,
        store: Arc<dyn EventStore>,
        limits: Limits,
    ) -> (Self, tokio::task::JoinHandle<()>) {
        let (inbox, requests) = mpsc::channel(INBOX_CAPACITY);
        // A log shared with other nodes tells of their appends; the actor catches up.
        // (A weak sender, so that the actor still stops when the last handle goes.)
        if let Some(mut appended) = store.watch(&restored.state.info.id) {
            let inbox = inbox.downgrade();
            tokio::spawn(async move {
                while let Some(seq) = appended.recv().await {
                    let Some(inbox) = inbox.upgrade() else {
                        return;
                    };
                    if inbox.send(Request::Appended(seq)).await.is_err() {
                        return;
                    }
                }
            });
        }
        let actor = Actor::new(restored, store, limits);
        let task = tokio::spawn(actor.run(requests));
        (Self { inbox }, task)
    }

    /// Subscribes a connection and returns its welcome (a snapshot, or the events since
    /// `since` when they are still kept).
    ///
    /// # Errors
    ///
    /// [`JoinError`] when the meeting is closed or the participant has too many
    /// connections.
    pub async fn join(
        &self,
        connection: ConnectionId,
        participant: Participant,
        since: Option<u64>,
        token_expires_at: u64,
    ) -> Result<Joined, JoinError> {
        let (reply, joined) = oneshot::channel();
        self.inbox
            .send(Request::Join {
                connection,
                participant,
                since,
                token_expires_at,
                reply,
            })
            .await
            .map_err(|_| JoinError::Closed)?;
        joined.await.map_err(|_| JoinError::Closed)?
    }

    /// Submits a command. Its `ack` or `error` arrives on the connection's subscription.
    ///
    /// # Errors
    ///
    /// [`MeetingClosed`] when the actor has stopped.
    pub async fn command(
        &self,
        connection: ConnectionId,
        sender: Arc<Participant>,
        id: u64,
        command: Command,
    ) -> Result<(), MeetingClosed> {
        self.inbox
            .send(Request::Command(Submitted {
                connection,
                sender,
                id,
                command,
                received: Instant::now(),
            }))
            .await
            .map_err(|_| MeetingClosed)
    }

    /// Applies an organiser's change to the whole meeting, once it is durable.
    ///
    /// # Errors
    ///
    /// A [`Rejection`] when the change does not fit the meeting (or cannot be stored
    /// now: `unavailable`), or [`MeetingClosed`] as its code `unavailable` when the actor
    /// has stopped.
    pub async fn administer(
        &self,
        by: ParticipantId,
        action: Admin,
    ) -> Result<AdminOutcome, Rejection> {
        let (reply, outcome) = oneshot::channel();
        let stopped = || Rejection::new(ErrorCode::Unavailable, "the meeting is not running");
        self.inbox
            .send(Request::Admin { by, action, reply })
            .await
            .map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?
    }

    /// Records what a connection follows; its `ack` arrives on its subscription.
    ///
    /// # Errors
    ///
    /// [`MeetingClosed`] when the actor has stopped.
    pub async fn listen(
        &self,
        connection: ConnectionId,
        id: u64,
        listening: Listening,
    ) -> Result<(), MeetingClosed> {
        self.inbox
            .send(Request::Listen {
                connection,
                id,
                listening,
            })
            .await
            .map_err(|_| MeetingClosed)
    }

    /// Completes once the actor has handled everything sent to it before: every command
    /// this connection submitted earlier is then decided and stored, and its answer is in
    /// the connection's queue (for a connection about to close, so that what was accepted
    /// is also acknowledged).
    pub async fn settle(&self) {
        let (reply, settled) = oneshot::channel();
        if self.inbox.send(Request::Settle { reply }).await.is_ok() {
            let _ = settled.await;
        }
    }

    /// Unsubscribes a connection. Best effort: a stopped actor has nobody to forget.
    pub async fn leave(&self, connection: ConnectionId) {
        let _ = self.inbox.send(Request::Leave { connection }).await;
    }
}
