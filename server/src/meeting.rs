//! One live meeting: a task that owns its state and serialises its commands (an actor).
//!
//! Connections talk to the actor through a [`MeetingHandle`]. The actor decides each
//! command with [`crate::rules::decide`], numbers the event, keeps it in its recent
//! history, folds it, encodes it to JSON once and hands the same bytes to every
//! subscriber's bounded outbound queue; then it acknowledges the command. A subscriber
//! whose queue is full is dropped (the connection closes it as a slow consumer) so that
//! it never slows the others nor grows memory without bound.

use crate::rules::{self, Rejection};
use axum::extract::ws::Utf8Bytes;
use protocol::{
    Command, ErrorCode, EventEnvelope, MeetingState, PROTOCOL_VERSION, Participant, ServerMessage,
    Welcome,
};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot};

/// How many messages may wait in one connection's outbound queue before the connection
/// counts as a slow consumer.
pub const OUTBOUND_QUEUE_MESSAGES: usize = 256;

/// How many commands may wait for a meeting's actor before senders wait.
const INBOX_CAPACITY: usize = 1024;

/// How long and how many recent events a meeting keeps so that reconnecting clients can
/// resume instead of reloading.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    /// Events older than this are forgotten.
    pub max_age: Duration,
    /// At most this many events are kept.
    pub max_events: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            max_age: Duration::from_secs(120),
            max_events: 1000,
        }
    }
}

/// Identifies one connection within the server.
pub type ConnectionId = u64;

/// The receiving end of a connection's outbound queue, with the flag the actor raises
/// when it drops the connection for falling behind.
pub struct Subscription {
    /// Encoded messages for this connection, in order.
    pub messages: mpsc::Receiver<Utf8Bytes>,
    /// Set when the actor dropped this subscriber because its queue overflowed.
    pub overflowed: Arc<AtomicBool>,
}

/// What a connection gets when it joins: its first messages and its subscription.
pub struct Joined {
    /// The `welcome`, then any events the client missed, to send before anything else.
    pub first: Vec<Utf8Bytes>,
    /// Everything after.
    pub subscription: Subscription,
}

enum Request {
    Join {
        connection: ConnectionId,
        participant: Participant,
        since: Option<u64>,
        reply: oneshot::Sender<Joined>,
    },
    Leave {
        connection: ConnectionId,
    },
    Command {
        connection: ConnectionId,
        sender: Arc<Participant>,
        id: u64,
        command: Command,
    },
}

/// A cheap-to-clone handle on a meeting's actor.
#[derive(Clone)]
pub struct MeetingHandle {
    inbox: mpsc::Sender<Request>,
}

/// The meeting's actor has stopped (the server is shutting down).
#[derive(Debug, thiserror::Error)]
#[error("the meeting is closed")]
pub struct MeetingClosed;

impl MeetingHandle {
    /// Starts the actor of a meeting in `state` on the current tokio runtime.
    pub fn spawn(state: MeetingState, retention: Retention) -> Self {
        let (inbox, requests) = mpsc::channel(INBOX_CAPACITY);
        let actor = Actor {
            state,
            retention,
            history: VecDeque::new(),
            subscribers: HashMap::new(),
        };
        tokio::spawn(actor.run(requests));
        Self { inbox }
    }

    /// Subscribes a connection and returns its welcome (a snapshot, or the events since
    /// `since` when they are still kept).
    ///
    /// # Errors
    ///
    /// [`MeetingClosed`] when the actor has stopped.
    pub async fn join(
        &self,
        connection: ConnectionId,
        participant: Participant,
        since: Option<u64>,
    ) -> Result<Joined, MeetingClosed> {
        let (reply, joined) = oneshot::channel();
        self.inbox
            .send(Request::Join {
                connection,
                participant,
                since,
                reply,
            })
            .await
            .map_err(|_| MeetingClosed)?;
        joined.await.map_err(|_| MeetingClosed)
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
            .send(Request::Command {
                connection,
                sender,
                id,
                command,
            })
            .await
            .map_err(|_| MeetingClosed)
    }

    /// Unsubscribes a connection. Best effort: a stopped actor has nobody to forget.
    pub async fn leave(&self, connection: ConnectionId) {
        let _ = self.inbox.send(Request::Leave { connection }).await;
    }
}

struct Subscriber {
    queue: mpsc::Sender<Utf8Bytes>,
    overflowed: Arc<AtomicBool>,
}

struct Kept {
    seq: u64,
    at: Instant,
    bytes: Utf8Bytes,
}

struct Actor {
    state: MeetingState,
    retention: Retention,
    /// Recent events, encoded, oldest first, for clients that resume.
    history: VecDeque<Kept>,
    subscribers: HashMap<ConnectionId, Subscriber>,
}

impl Actor {
    async fn run(mut self, mut requests: mpsc::Receiver<Request>) {
        while let Some(request) = requests.recv().await {
            match request {
                Request::Join {
                    connection,
                    participant,
                    since,
                    reply,
                } => {
                    let joined = self.join(connection, participant, since);
                    // A connection that went away meanwhile is simply not subscribed.
                    if reply.send(joined).is_err() {
                        self.subscribers.remove(&connection);
                    }
                }
                Request::Leave { connection } => {
                    self.subscribers.remove(&connection);
                }
                Request::Command {
                    connection,
                    sender,
                    id,
                    command,
                } => {
                    let answer = match self.execute(&sender, &command) {
                        Ok(seq) => ServerMessage::Ack { id, seq },
                        Err(rejection) => ServerMessage::Error {
                            id: Some(id),
                            code: rejection.code,
                            message: rejection.message,
                        },
                    };
                    self.send_to(connection, answer.encode().into());
                }
            }
        }
    }

    fn join(
        &mut self,
        connection: ConnectionId,
        participant: Participant,
        since: Option<u64>,
    ) -> Joined {
        self.forget_expired();
        let missed = since.and_then(|since| self.events_after(since));
        let resumed = missed.is_some();
        let welcome = ServerMessage::Welcome(Welcome {
            protocol: PROTOCOL_VERSION,
            you: participant,
            seq: self.state.seq,
            resumed,
            meeting: (!resumed).then(|| Box::new(self.state.clone())),
        });
        let mut first = vec![Utf8Bytes::from(welcome.encode())];
        first.extend(missed.unwrap_or_default());
        let (queue, messages) = mpsc::channel(OUTBOUND_QUEUE_MESSAGES);
        let overflowed = Arc::new(AtomicBool::new(false));
        self.subscribers.insert(
            connection,
            Subscriber {
                queue,
                overflowed: overflowed.clone(),
            },
        );
        Joined {
            first,
            subscription: Subscription {
                messages,
                overflowed,
            },
        }
    }

    /// The encoded events after `since`, if all of them are still kept.
    fn events_after(&self, since: u64) -> Option<Vec<Utf8Bytes>> {
        if since > self.state.seq {
            return None;
        }
        if since == self.state.seq {
            return Some(Vec::new());
        }
        let oldest = self.history.front()?.seq;
        if since + 1 < oldest {
            return None;
        }
        let skip = usize::try_from(since + 1 - oldest).ok()?;
        Some(
            self.history
                .iter()
                .skip(skip)
                .map(|kept| kept.bytes.clone())
                .collect(),
        )
    }

    fn execute(&mut self, sender: &Participant, command: &Command) -> Result<u64, Rejection> {
        let event = rules::decide(&self.state, sender, command)?;
        let envelope = EventEnvelope {
            seq: self.state.seq + 1,
            at: unix_millis(),
            actor: Some(sender.id.clone()),
            event,
        };
        if let Err(error) = self.state.apply(&envelope) {
            tracing::error!(%error, command = command.name(), "a decided event did not fold");
            return Err(Rejection::new(ErrorCode::Internal, "internal error"));
        }
        let bytes = Utf8Bytes::from(ServerMessage::Event(envelope).encode());
        self.history.push_back(Kept {
            seq: self.state.seq,
            at: Instant::now(),
            bytes: bytes.clone(),
        });
        self.forget_expired();
        self.broadcast(&bytes);
        Ok(self.state.seq)
    }

    fn forget_expired(&mut self) {
        while self.history.len() > self.retention.max_events
            || self
                .history
                .front()
                .is_some_and(|kept| kept.at.elapsed() > self.retention.max_age)
        {
            self.history.pop_front();
        }
    }

    fn broadcast(&mut self, bytes: &Utf8Bytes) {
        self.subscribers
            .retain(|connection, subscriber| offer(*connection, subscriber, bytes.clone()));
    }

    fn send_to(&mut self, connection: ConnectionId, bytes: Utf8Bytes) {
        if let Some(subscriber) = self.subscribers.get(&connection)
            && !offer(connection, subscriber, bytes)
        {
            self.subscribers.remove(&connection);
        }
    }
}

/// Offers a message to a subscriber; `false` when it must be dropped.
fn offer(connection: ConnectionId, subscriber: &Subscriber, bytes: Utf8Bytes) -> bool {
    match subscriber.queue.try_send(bytes) {
        Ok(()) => true,
        Err(mpsc::error::TrySendError::Full(_)) => {
            tracing::warn!(connection, "outbound queue full: dropping a slow consumer");
            subscriber.overflowed.store(true, Ordering::Relaxed);
            false
        }
        Err(mpsc::error::TrySendError::Closed(_)) => false,
    }
}

/// Milliseconds since the Unix epoch: the server time that events carry.
fn unix_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}
