//! How the rest of the server talks to a meeting's actor: [`MeetingHandle::spawn`] starts
//! the actor of a [`Restored`] meeting, and the handle's methods send it [`Request`]s.
//! What comes back to a connection goes to its
//! [`Subscription`](super::Subscription).

use super::actor::Actor;
use super::requests::{Admin, AdminOutcome, JoinError, Joined, MeetingClosed, Request, Submitted};
use super::restore::Restored;
use super::subscribers::ConnectionId;
use crate::limits::{INBOX_CAPACITY, Limits};
use crate::rules::Rejection;
use crate::store::EventStore;
use protocol::{Command, ErrorCode, Listening, Participant, ParticipantId, Registry};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{mpsc, oneshot};

/// A cheap-to-clone handle on a meeting's actor.
#[derive(Clone)]
pub struct MeetingHandle {
    inbox: mpsc::Sender<Request>,
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
        link: u32,
        since: Option<u64>,
        token_expires_at: u64,
    ) -> Result<Joined, JoinError> {
        let (reply, joined) = oneshot::channel();
        self.inbox
            .send(Request::Join {
                connection,
                participant,
                link,
                since,
                token_expires_at,
                reply,
            })
            .await
            .map_err(|_| JoinError::Closed)?;
        joined.await.map_err(|_| JoinError::Closed)?
    }

    /// Whether a token of generation `link` of `participant`'s invite link is still valid
    /// (neither revoked nor replaced).
    ///
    /// # Errors
    ///
    /// [`MeetingClosed`] when the actor has stopped.
    pub async fn accepts(
        &self,
        participant: ParticipantId,
        link: u32,
    ) -> Result<bool, MeetingClosed> {
        let (reply, answer) = oneshot::channel();
        self.inbox
            .send(Request::Accepts {
                participant,
                link,
                reply,
            })
            .await
            .map_err(|_| MeetingClosed)?;
        answer.await.map_err(|_| MeetingClosed)
    }

    /// The registry as it stands: who is invited, their links' generations, the
    /// self-registrations.
    ///
    /// # Errors
    ///
    /// [`MeetingClosed`] when the actor has stopped.
    pub async fn registry(&self) -> Result<Registry, MeetingClosed> {
        let (reply, answer) = oneshot::channel();
        self.inbox
            .send(Request::Registry { reply })
            .await
            .map_err(|_| MeetingClosed)?;
        answer.await.map_err(|_| MeetingClosed)
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
