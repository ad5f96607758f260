//! One live meeting: a task that owns its state and serialises its commands (an actor).
//!
//! Connections talk to the actor through a [`MeetingHandle`]. The actor takes the
//! commands waiting in its inbox as one batch, decides each with [`crate::rules::decide`]
//! and folds the accepted ones, appends their events to the [`EventStore`] in one
//! conditional write, and only once that is durable hands each event (encoded to JSON
//! once) to every subscriber's bounded outbound queue and answers the senders. If the
//! write fails the state is put back and the senders get `unavailable`: nothing is
//! acknowledged that is not stored, and nothing stored is lost.
//!
//! Each batch reaches each subscriber as one queue entry ([`Frames`]): the batch's events,
//! encoded once and shared by every subscriber, then that subscriber's own answers. So a
//! burst of a thousand raise-hands costs each connection one queue slot, not a thousand.
//! A subscriber whose queue is full (in entries or in bytes) is dropped, and its
//! connection closes as a slow consumer, so that it never slows the others nor grows
//! memory without bound.
//!
//! Fan-out goes by audience. The chair and organisers manage the list of speakers and
//! get every event as it is committed. Everyone else holds a summarised state: they get
//! every event outside the list of speakers, and the list itself as a `queue` view (its
//! length, the next few, who has the floor) plus, to those whose requests moved, a
//! `your_requests` message. Views are coalesced: however many hands go up, each
//! attendee gets at most one view per [`Limits::coalesce_interval`] (the first change
//! after a quiet interval goes out at once, later ones at the interval's end). So a show of
//! thousands of hands costs each attendee a few frames rather than one per hand.

mod booths;
mod roster;
#[cfg(test)]
mod tests;

use crate::limits::Limits;
use crate::meeting_file::MeetingFile;
use crate::metrics;
use crate::rules::{self, Rejection};
use crate::store::{AppendBatch, EventStore, StoreError, StoredEvent};
use booths::{Booths, Route};
use protocol::{
    ChannelId, Command, ErrorCode, Event, EventEnvelope, Listening, MeetingId, MeetingState,
    MyRequest, Notice, PROTOCOL_VERSION, Participant, ParticipantId, Presence, Role, ServerMessage,
    Welcome, close,
};
use roster::Roster;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant as TokioInstant;
use tokio_tungstenite::tungstenite::Utf8Bytes;

/// How many requests may wait for a meeting's actor before senders wait.
const INBOX_CAPACITY: usize = 4096;

/// How many times a batch is decided again after another node wrote first. Each round
/// one node's batch goes in, so under contention every node soon has its turn; the
/// bound only keeps a pathological case from waiting forever.
const MAX_CONFLICT_RETRIES: u32 = 30;

/// The most commands decided and committed together.
const MAX_COMMANDS_PER_BATCH: usize = 2048;

/// Identifies one connection within the server.
pub type ConnectionId = u64;

/// Text frames to write to a connection in order: one entry of its outbound queue.
/// Shared, not copied, when several connections get the same frames.
pub type Frames = Arc<[Utf8Bytes]>;

/// The bytes of a queue entry, for the outbound byte limit.
pub fn frames_len(frames: &Frames) -> usize {
    frames.iter().map(|frame| frame.as_str().len()).sum()
}

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

enum Request {
    Join {
        connection: ConnectionId,
        participant: Participant,
        since: Option<u64>,
        token_expires_at: u64,
        reply: oneshot::Sender<Result<Joined, JoinError>>,
    },
    Leave {
        connection: ConnectionId,
    },
    Command {
        connection: ConnectionId,
        sender: Arc<Participant>,
        id: u64,
        command: Command,
        received: Instant,
    },
    Admin {
        by: ParticipantId,
        action: Admin,
        reply: oneshot::Sender<Result<AdminOutcome, Rejection>>,
    },
    Listen {
        connection: ConnectionId,
        id: u64,
        listening: Listening,
    },
    /// Another writer appended to the meeting's log up to this seq (0: look).
    Appended(u64),
    /// Answered once every request before it is handled: the answers to a connection's
    /// earlier commands are then in its queue.
    Settle {
        reply: oneshot::Sender<()>,
    },
}

/// An organiser's change to a whole meeting, through the meetings API.
#[derive(Debug)]
pub enum Admin {
    /// Update the description and agenda from a new meeting file (same id).
    Update(Box<MeetingFile>),
    /// Close the meeting: it takes no more commands; its record stays.
    Close,
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
        let history = restored
            .recent
            .into_iter()
            .map(|event| Kept {
                seq: event.seq,
                speakers: ServerMessage::decode(&event.json).is_ok_and(|message| {
                    matches!(message, ServerMessage::Event(envelope) if envelope.event.is_speakers_event())
                }),
                at: event.at,
                bytes: event.json.into(),
            })
            .collect();
        let actor = Actor {
            meeting: restored.state.info.id.clone(),
            state: restored.state,
            store,
            limits,
            history,
            subscribers: Subscribers::default(),
            events_since_snapshot: 0,
            view_due: None,
            view_changed: false,
            last_view: None,
            waits_told_from: (None, None),
            epoch: (unix_millis(), TokioInstant::now()),
        };
        let mut actor = actor;
        actor.waits_told_from = actor.wait_basis();
        actor.subscribers.booths = Booths::new(&actor.state);
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
            .send(Request::Command {
                connection,
                sender,
                id,
                command,
                received: Instant::now(),
            })
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

/// How a subscriber follows the list of speakers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Audience {
    /// Every event: the chair and organisers.
    Managers,
    /// Summaries: everyone else.
    Summary,
}

impl Audience {
    fn of(participant: &Participant) -> Self {
        if participant.role.moderates() || participant.role == Role::Organiser {
            Self::Managers
        } else {
            Self::Summary
        }
    }
}

struct Subscriber {
    participant: ParticipantId,
    delegation: Option<String>,
    audience: Audience,
    /// The booth they work in (interpreters, signers, captioners).
    booth: Option<ChannelId>,
    /// What they follow.
    listening: Listening,
    /// What was last sent in `your_requests` (summary audience).
    told: Vec<MyRequest>,
    queue: mpsc::Sender<Frames>,
    queued_bytes: Arc<AtomicUsize>,
    dropped_with: Arc<AtomicU16>,
}

/// The meeting's subscribers, with a count of connections per participant, so that the
/// cap on connections per participant costs one lookup per join rather than a scan of
/// every connection (which made a reconnect storm quadratic).
#[derive(Default)]
struct Subscribers {
    by_connection: HashMap<ConnectionId, Subscriber>,
    per_participant: HashMap<ParticipantId, usize>,
    /// Who is connected to each booth and listening to each channel, kept with them.
    booths: Booths,
    /// Who is connected, for the managers.
    roster: Roster,
}

impl Subscribers {
    fn connections_of(&self, participant: &ParticipantId) -> usize {
        self.per_participant.get(participant).copied().unwrap_or(0)
    }

    fn insert(&mut self, connection: ConnectionId, subscriber: Subscriber, who: &Participant) {
        self.roster.arrive(who);
        *self
            .per_participant
            .entry(subscriber.participant.clone())
            .or_insert(0) += 1;
        self.booths.add(
            subscriber.booth.as_ref(),
            &subscriber.participant,
            &subscriber.listening,
        );
        if let Some(replaced) = self.by_connection.insert(connection, subscriber) {
            forget(
                &mut self.per_participant,
                &mut self.booths,
                &mut self.roster,
                &replaced,
            );
        }
    }

    fn remove(&mut self, connection: &ConnectionId) -> Option<Subscriber> {
        let removed = self.by_connection.remove(connection)?;
        forget(
            &mut self.per_participant,
            &mut self.booths,
            &mut self.roster,
            &removed,
        );
        Some(removed)
    }

    /// Changes what a connection follows; `false` when it is not subscribed.
    fn listen(&mut self, connection: &ConnectionId, listening: Listening) -> bool {
        let Some(subscriber) = self.by_connection.get_mut(connection) else {
            return false;
        };
        let booth = subscriber.booth.as_ref();
        self.booths
            .remove(booth, &subscriber.participant, &subscriber.listening);
        self.booths.add(booth, &subscriber.participant, &listening);
        subscriber.listening = listening;
        true
    }

    fn get(&self, connection: &ConnectionId) -> Option<&Subscriber> {
        self.by_connection.get(connection)
    }

    fn iter_mut(&mut self) -> impl Iterator<Item = (&ConnectionId, &mut Subscriber)> {
        self.by_connection.iter_mut()
    }

    /// Keeps the subscribers for which `keep` is true.
    fn retain(&mut self, mut keep: impl FnMut(&ConnectionId, &mut Subscriber) -> bool) {
        let per_participant = &mut self.per_participant;
        let booths = &mut self.booths;
        let roster = &mut self.roster;
        self.by_connection.retain(|connection, subscriber| {
            let kept = keep(connection, subscriber);
            if !kept {
                forget(per_participant, booths, roster, subscriber);
            }
            kept
        });
    }
}

/// Counts a subscriber out of the tallies.
fn forget(
    per_participant: &mut HashMap<ParticipantId, usize>,
    booths: &mut Booths,
    roster: &mut Roster,
    subscriber: &Subscriber,
) {
    forget_one(per_participant, &subscriber.participant);
    roster.depart(&subscriber.participant);
    booths.remove(
        subscriber.booth.as_ref(),
        &subscriber.participant,
        &subscriber.listening,
    );
}

fn forget_one(per_participant: &mut HashMap<ParticipantId, usize>, participant: &ParticipantId) {
    if let Some(count) = per_participant.get_mut(participant) {
        *count -= 1;
        if *count == 0 {
            per_participant.remove(participant);
        }
    }
}

/// What estimated waits are worked out from besides positions: the speech in progress
/// and the list's speaking-time limit. Clients count a wait down from these between two
/// `your_requests`; when they change, everyone waiting is told new estimates.
type WaitBasis = (Option<protocol::Speaker>, Option<u32>);

struct Kept {
    seq: u64,
    /// Whether the event belongs to the list of speakers (not replayed to summaries).
    speakers: bool,
    /// Server time of the event, milliseconds since the Unix epoch.
    at: u64,
    bytes: Utf8Bytes,
}

/// A command of the current batch and what became of it.
struct Decided {
    connection: ConnectionId,
    id: u64,
    received: Instant,
    /// The seq of the last event the command caused (the seq the meeting had reached
    /// when it caused none), or why it was refused.
    outcome: Result<u64, Rejection>,
}

struct Actor {
    meeting: MeetingId,
    state: MeetingState,
    store: Arc<dyn EventStore>,
    limits: Limits,
    /// Recent events, encoded, oldest first, for clients that resume.
    history: VecDeque<Kept>,
    subscribers: Subscribers,
    events_since_snapshot: usize,
    /// When the summary audience is due a view of the list of speakers, if it changed.
    view_due: Option<TokioInstant>,
    /// Whether the list of speakers changed since the last view (a tick may be due for
    /// the presence only).
    view_changed: bool,
    /// When the last view went out.
    last_view: Option<TokioInstant>,
    /// What the estimated waits last told in `your_requests` were worked out from.
    waits_told_from: WaitBasis,
    /// Server time (ms since the Unix epoch) and the runtime's clock when the actor
    /// started: event times follow the runtime's clock from there, so that timers and
    /// event times agree (also under a paused clock in tests).
    epoch: (u64, TokioInstant),
}

impl Actor {
    async fn run(mut self, mut requests: mpsc::Receiver<Request>) {
        let mut carried = None;
        loop {
            let request = match carried.take() {
                Some(request) => request,
                None => {
                    let next = match self.next_wake() {
                        Some(due) => tokio::select! {
                            request = requests.recv() => request,
                            () = tokio::time::sleep_until(due) => {
                                self.wake().await;
                                continue;
                            }
                        },
                        None => requests.recv().await,
                    };
                    match next {
                        Some(request) => request,
                        None => break,
                    }
                }
            };
            match request {
                Request::Join {
                    connection,
                    participant,
                    since,
                    token_expires_at,
                    reply,
                } => {
                    let joined = self.join(connection, participant, since, token_expires_at);
                    // A connection that went away meanwhile is simply not subscribed.
                    if reply.send(joined).is_err() {
                        self.subscribers.remove(&connection);
                    }
                }
                Request::Leave { connection } => {
                    let left = self.subscribers.remove(&connection);
                    if left.is_some_and(|left| left.booth.is_some()) {
                        self.release_absent().await;
                        self.announce_changes();
                    }
                    self.schedule_tick();
                }
                Request::Appended(seq) => {
                    if seq == 0 || seq > self.state.seq {
                        self.catch_up().await;
                    }
                }
                Request::Settle { reply } => {
                    let _ = reply.send(());
                }
                Request::Listen {
                    connection,
                    id,
                    listening,
                } => {
                    // The answer, then what the listener now hears and why.
                    let hearing = self.subscribers.booths.hearing(&self.state, &listening);
                    if self.subscribers.listen(&connection, listening) {
                        let ack = ServerMessage::Ack {
                            id,
                            seq: self.state.seq,
                        };
                        let hearing = ServerMessage::Notice(hearing);
                        self.send_to(
                            connection,
                            Arc::new([ack.encode().into(), hearing.encode().into()]),
                        );
                        self.schedule_tick();
                    }
                }
                Request::Admin { by, action, reply } => {
                    let _ = reply.send(self.administer(&by, &action).await);
                }
                Request::Command {
                    connection,
                    sender,
                    id,
                    command,
                    received,
                } => {
                    // Take every command already waiting, up to the first request that is
                    // not a command: joins must see committed state only.
                    let mut batch = vec![(connection, sender, id, command, received)];
                    while batch.len() < MAX_COMMANDS_PER_BATCH {
                        match requests.try_recv() {
                            Ok(Request::Command {
                                connection,
                                sender,
                                id,
                                command,
                                received,
                            }) => batch.push((connection, sender, id, command, received)),
                            Ok(other) => {
                                carried = Some(other);
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                    self.execute(batch).await;
                }
            }
        }
        if self.view_due.is_some() {
            self.send_views();
        }
        tracing::debug!(meeting = %self.meeting, "meeting actor stopped");
    }

    fn join(
        &mut self,
        connection: ConnectionId,
        participant: Participant,
        since: Option<u64>,
        token_expires_at: u64,
    ) -> Result<Joined, JoinError> {
        let open = self.subscribers.connections_of(&participant.id);
        if open >= self.limits.connections_per_participant {
            return Err(JoinError::TooManyConnections(
                self.limits.connections_per_participant,
            ));
        }
        self.forget_expired();
        let audience = Audience::of(&participant);
        let missed = since.and_then(|since| self.events_after(since, audience));
        let resumed = missed.is_some();
        let meeting = (!resumed).then(|| {
            Box::new(match audience {
                Audience::Managers => self.state.clone(),
                Audience::Summary => self.state.summarised(),
            })
        });
        let welcome = ServerMessage::Welcome(Welcome {
            protocol: PROTOCOL_VERSION,
            token_expires_at,
            you: participant.clone(),
            seq: self.state.seq,
            resumed,
            meeting,
        });
        let mut first = vec![Utf8Bytes::from(welcome.encode())];
        first.extend(missed.unwrap_or_default());
        let mut told = Vec::new();
        if audience == Audience::Summary {
            if resumed {
                first.push(
                    ServerMessage::Queue(Box::new(self.state.queue_view()))
                        .encode()
                        .into(),
                );
            }
            let now = self.now_ms();
            let mine =
                self.state
                    .requests_of(&participant.id, participant.delegation.as_deref(), now);
            if resumed || !mine.is_empty() {
                told.clone_from(&mine);
                first.push(self.your_requests(now, mine).into());
            }
        }
        let (queue, messages) = mpsc::channel(self.limits.outbound_messages);
        let queued_bytes = Arc::new(AtomicUsize::new(0));
        let dropped_with = Arc::new(AtomicU16::new(0));
        let booth = participant
            .booth
            .clone()
            .filter(|_| participant.role.works_channel());
        let sees_counts = booth.is_some() || audience == Audience::Managers;
        let who = participant.clone();
        self.subscribers.insert(
            connection,
            Subscriber {
                participant: participant.id,
                delegation: participant.delegation,
                audience,
                booth: booth.clone(),
                listening: Listening::default(),
                told,
                queue,
                queued_bytes: queued_bytes.clone(),
                dropped_with: dropped_with.clone(),
            },
            &who,
        );
        if audience == Audience::Managers {
            first.push(self.subscribers.roster.full().encode().into());
        }
        // For a booth's people what their booth should do, then (always last) who is
        // connected where.
        if let Some(booth) = &booth {
            for notice in self.subscribers.booths.briefing(&self.state, booth) {
                first.push(ServerMessage::Notice(notice).encode().into());
            }
        }
        let (public, full) = self.subscribers.booths.presence(&self.state);
        let presence = if sees_counts { full } else { public };
        first.push(ServerMessage::Presence(presence).encode().into());
        if booth.is_some() {
            // A booth newly staffed changes what its channel's followers get.
            self.announce_changes();
        }
        self.schedule_tick();
        Ok(Joined {
            first,
            subscription: Subscription {
                messages,
                queued_bytes,
                dropped_with,
            },
        })
    }

    /// The encoded events after `since` for `audience`, if all of them are still kept.
    /// A summary audience gets the events outside the list of speakers only (a view
    /// follows).
    fn events_after(&self, since: u64, audience: Audience) -> Option<Vec<Utf8Bytes>> {
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
                .filter(|kept| audience == Audience::Managers || !kept.speakers)
                .map(|kept| kept.bytes.clone())
                .collect(),
        )
    }

    /// Decides and folds a batch of commands, stores the accepted ones' events in one
    /// write, and only then broadcasts them and answers every sender.
    async fn execute(
        &mut self,
        batch: Vec<(ConnectionId, Arc<Participant>, u64, Command, Instant)>,
    ) {
        let mut attempts = 0;
        let (mut decided, mut events) = loop {
            let before = self.state.clone();
            let mut decided = Vec::with_capacity(batch.len());
            let mut events = Vec::new();
            for (connection, sender, id, command, received) in &batch {
                // Acknowledged with the seq of the last event this command caused (the
                // fold has just reached it), not the batch's last.
                let outcome = self.decide_and_fold(sender, command).map(|decided| {
                    events.extend(decided);
                    self.state.seq
                });
                decided.push(Decided {
                    connection: *connection,
                    id: *id,
                    received: *received,
                    outcome,
                });
            }
            match self.commit(before, &mut events).await {
                Ok(()) => break (decided, events),
                // Another node wrote first: take its events, then decide again on the
                // state they made.
                Err(StoreError::Conflict { .. }) if attempts < MAX_CONFLICT_RETRIES => {
                    attempts += 1;
                    self.catch_up().await;
                    // Nodes that lost together should not all come back together.
                    let jitter = u64::from(self.epoch.1.elapsed().subsec_nanos() % 1_000);
                    tokio::time::sleep(Duration::from_micros(jitter * u64::from(attempts))).await;
                }
                Err(StoreError::Unknown(_)) => {
                    // Neither `ack` nor `unavailable` would be the truth: the senders of
                    // the accepted commands are closed with 1012 instead, and learn from
                    // the log, when they resume, whether their command took effect.
                    for command in &mut decided {
                        if command.outcome.is_ok() {
                            if let Some(subscriber) = self.subscribers.get(&command.connection) {
                                subscriber
                                    .dropped_with
                                    .store(close::SERVICE_RESTART, Ordering::Relaxed);
                            }
                            self.subscribers.remove(&command.connection);
                            command.outcome = Err(unavailable());
                        }
                    }
                    break (decided, events);
                }
                Err(_) => {
                    for command in &mut decided {
                        if command.outcome.is_ok() {
                            command.outcome = Err(unavailable());
                        }
                    }
                    break (decided, events);
                }
            }
        };
        for ((_, _, _, command, _), decided) in batch.iter().zip(&decided) {
            let code = decided
                .outcome
                .as_ref()
                .err()
                .map(|rejection| rejection.code);
            metrics::command(command.name(), code);
        }
        let _ = &mut decided;
        let _ = &mut events;
        self.publish(&events);
        if !events.is_empty() {
            self.announce_changes();
        }
        self.forget_expired();
        // Each sender's answers, in the order of its commands, as one queue entry.
        let mut answers: HashMap<ConnectionId, Vec<Utf8Bytes>> = HashMap::new();
        for command in decided {
            let answer = match command.outcome {
                Ok(seq) => {
                    metrics::fan_out(command.received.elapsed());
                    ServerMessage::Ack {
                        id: command.id,
                        seq,
                    }
                }
                Err(rejection) => ServerMessage::Error {
                    id: Some(command.id),
                    code: rejection.code,
                    message: rejection.message,
                },
            };
            answers
                .entry(command.connection)
                .or_default()
                .push(answer.encode().into());
        }
        for (connection, answers) in answers {
            self.send_to(connection, answers.into());
        }
        if self.view_due.is_some_and(|due| due <= TokioInstant::now()) {
            self.send_views();
        }
    }

    /// Appends the folded `events` to the log in one conditional write; `Ok` once they
    /// are durable. When the write fails (or another node wrote first: `Conflict`) the
    /// state is put back to `before` and `events` is emptied.
    async fn commit(
        &mut self,
        before: MeetingState,
        events: &mut Vec<Outgoing>,
    ) -> Result<(), StoreError> {
        if events.is_empty() {
            return Ok(());
        }
        let snapshot = (self.events_since_snapshot + events.len() >= self.limits.snapshot_every)
            .then(|| serde_json::to_string(&self.state).expect("state serialises"));
        let append = AppendBatch {
            meeting: self.meeting.clone(),
            expected_last_seq: before.seq,
            // The log and the subscribers get the same bytes; cloning the batch here is
            // the price of a store API that owns what it writes.
            events: events.iter().map(|event| event.stored.clone()).collect(),
            snapshot: snapshot.clone(),
        };
        let started = Instant::now();
        let stored = self.store.append(append).await;
        metrics::store_commit(started.elapsed());
        match stored {
            Ok(()) => {
                self.events_since_snapshot = if snapshot.is_some() {
                    0
                } else {
                    self.events_since_snapshot + events.len()
                };
                Ok(())
            }
            Err(error) => {
                if matches!(error, StoreError::Conflict { .. }) {
                    tracing::debug!(meeting = %self.meeting, %error, "another node wrote first");
                } else {
                    tracing::error!(meeting = %self.meeting, %error, "could not store events");
                }
                self.state = before;
                events.clear();
                Err(error)
            }
        }
    }

    /// Folds and publishes the events that other nodes appended to the meeting's log
    /// since this node's state (a log shared by several nodes).
    async fn catch_up(&mut self) {
        let stored = match self.store.events_after(&self.meeting, self.state.seq).await {
            Ok(stored) => stored,
            Err(error) => {
                tracing::warn!(meeting = %self.meeting, %error, "cannot catch up");
                return;
            }
        };
        let mut caught = Vec::with_capacity(stored.len());
        for event in stored {
            let folded = match ServerMessage::decode(&event.json) {
                Ok(ServerMessage::Event(envelope)) => self
                    .state
                    .apply(&envelope)
                    .map(|()| Outgoing::new(&envelope, event)),
                _ => Err(protocol::ApplyError::Inconsistent("not an event")),
            };
            match folded {
                Ok(outgoing) => caught.push(outgoing),
                Err(error) => {
                    tracing::error!(meeting = %self.meeting, %error, "another node's event does not fold");
                    break;
                }
            }
        }
        self.events_since_snapshot += caught.len();
        self.publish(&caught);
        if !caught.is_empty() {
            self.announce_changes();
        }
    }

    /// Hands committed events to the subscribers, keeps them for clients that resume,
    /// and schedules a view when the list of speakers changed.
    fn publish(&mut self, events: &[Outgoing]) {
        if events.is_empty() {
            return;
        }
        let frames: Frames = events
            .iter()
            .map(|event| Utf8Bytes::from(event.json.as_str()))
            .collect();
        let for_summaries: Frames = events
            .iter()
            .zip(frames.iter())
            .filter(|(event, _)| !event.speakers)
            .map(|(_, bytes)| bytes.clone())
            .collect();
        self.broadcast(&frames, &for_summaries);
        // The list changed (or another item's list is now in use): a view is due, at
        // once if none went out in the last interval, else at the interval's end.
        if events.iter().any(|event| event.changes_view) {
            self.view_changed = true;
        }
        if self.view_due.is_none() && self.view_changed {
            let earliest = self.last_view.map_or_else(TokioInstant::now, |last| {
                last + self.limits.coalesce_interval
            });
            self.view_due = Some(earliest.max(TokioInstant::now()));
        }
        for (event, bytes) in events.iter().zip(frames.iter()) {
            self.history.push_back(Kept {
                seq: event.seq,
                speakers: event.speakers,
                at: event.at,
                bytes: bytes.clone(),
            });
        }
    }

    /// Decides and commits an organiser's change to the whole meeting (the meetings
    /// API), then publishes it like any command's events.
    async fn administer(
        &mut self,
        by: &ParticipantId,
        action: &Admin,
    ) -> Result<AdminOutcome, Rejection> {
        let name = match action {
            Admin::Update(_) => "update_meeting",
            Admin::Close => "close_meeting",
        };
        let mut attempts = 0;
        let events = loop {
            let decided = match action {
                Admin::Update(file) => rules::meeting::update(&self.state, file)?,
                Admin::Close => rules::meeting::close(&self.state)?,
            };
            if decided.is_empty() {
                return Ok(AdminOutcome {
                    seq: self.state.seq,
                    changed: false,
                });
            }
            let before = self.state.clone();
            let mut events = self.fold(Some(by), decided, name)?;
            match self.commit(before, &mut events).await {
                Ok(()) => break events,
                // Another node wrote first: take its events and decide again on them (the
                // change may even have been made there already).
                Err(StoreError::Conflict { .. }) if attempts < MAX_CONFLICT_RETRIES => {
                    attempts += 1;
                    self.catch_up().await;
                }
                Err(StoreError::Conflict { .. }) => {
                    self.catch_up().await;
                    return Err(Rejection::new(
                        ErrorCode::Unavailable,
                        "the meeting keeps changing meanwhile; try again",
                    ));
                }
                Err(StoreError::Unknown(_)) => {
                    return Err(Rejection::new(
                        ErrorCode::Internal,
                        "whether the change was stored is unknown (the event log did not \
                         answer); look at the meeting before trying again",
                    ));
                }
                Err(_) => return Err(unavailable()),
            }
        };
        self.publish(&events);
        self.announce_changes();
        if self.view_due.is_some_and(|due| due <= TokioInstant::now()) {
            self.send_views();
        }
        tracing::info!(meeting = %self.meeting, by = %by, seq = self.state.seq, "{name}");
        Ok(AdminOutcome {
            seq: self.state.seq,
            changed: true,
        })
    }

    /// Decides one command and folds its events; the encoded events on success. A
    /// command's events fold all or none.
    fn decide_and_fold(
        &mut self,
        sender: &Participant,
        command: &Command,
    ) -> Result<Vec<Outgoing>, Rejection> {
        let decided = rules::decide(&self.state, sender, command)?;
        self.fold(Some(&sender.id), decided, command.name())
    }

    /// Folds decided events, all or none; the encoded events on success.
    fn fold(
        &mut self,
        actor: Option<&ParticipantId>,
        decided: Vec<Event>,
        name: &str,
    ) -> Result<Vec<Outgoing>, Rejection> {
        let at = self.now_ms();
        let before = (decided.len() > 1).then(|| self.state.clone());
        let mut folded = Vec::with_capacity(decided.len());
        for event in decided {
            let envelope = EventEnvelope {
                seq: self.state.seq + 1,
                at,
                actor: actor.cloned(),
                event,
            };
            if let Err(error) = self.state.apply(&envelope) {
                tracing::error!(%error, command = name, "a decided event did not fold");
                if let Some(before) = before {
                    self.state = before;
                }
                return Err(Rejection::new(ErrorCode::Internal, "internal error"));
            }
            let stored = StoredEvent {
                seq: envelope.seq,
                at: envelope.at,
                json: ServerMessage::Event(envelope.clone()).encode(),
            };
            folded.push(Outgoing::new(&envelope, stored));
        }
        Ok(folded)
    }

    /// Sends the summary audience the list of speakers as it now stands: one view,
    /// encoded once, and to each whose requests or positions changed, theirs (to everyone
    /// waiting when what their estimated waits are worked out from changed).
    fn send_views(&mut self) {
        self.view_due = None;
        self.last_view = Some(TokioInstant::now());
        if self.subscribers.booths.dirty {
            self.send_presence();
        }
        if let Some(roster) = self.subscribers.roster.changes() {
            let frames: Frames = Arc::new([roster.encode().into()]);
            let limits = &self.limits;
            self.subscribers.retain(|connection, subscriber| {
                subscriber.audience != Audience::Managers
                    || offer(limits, *connection, subscriber, frames.clone())
            });
        }
        if !std::mem::take(&mut self.view_changed) {
            return;
        }
        let view: Utf8Bytes = ServerMessage::Queue(Box::new(self.state.queue_view()))
            .encode()
            .into();
        let view_only: Frames = Arc::new([view.clone()]);
        // Who may act on which waiting request, by participant and by delegation.
        let mut by_participant: HashMap<&ParticipantId, Vec<usize>> = HashMap::new();
        let mut by_delegation: HashMap<&str, Vec<usize>> = HashMap::new();
        let queue = self
            .state
            .active_list()
            .map_or(&[][..], |list| &list.queue[..]);
        for (index, request) in queue.iter().enumerate() {
            for who in std::iter::once(&request.participant).chain(&request.also) {
                by_participant.entry(who).or_default().push(index);
            }
            if let Some(delegation) = &request.delegation {
                by_delegation.entry(delegation).or_default().push(index);
            }
        }
        let seq = self.state.seq;
        let now = self.now_ms();
        let basis = self.wait_basis();
        let new_waits = basis != self.waits_told_from;
        self.waits_told_from = basis;
        let state = &self.state;
        let limits = &self.limits;
        let mut dropped = Vec::new();
        for (connection, subscriber) in self.subscribers.iter_mut() {
            if subscriber.audience != Audience::Summary {
                continue;
            }
            let mut indices: Vec<usize> = by_participant
                .get(&subscriber.participant)
                .into_iter()
                .chain(
                    subscriber
                        .delegation
                        .as_deref()
                        .and_then(|delegation| by_delegation.get(delegation)),
                )
                .flatten()
                .copied()
                .collect();
            indices.sort_unstable();
            indices.dedup();
            // Compared whole, so that a claim or a merge is told even when nobody moved.
            let unchanged = indices.len() == subscriber.told.len()
                && indices.iter().zip(&subscriber.told).all(|(&index, told)| {
                    told.position == position_of(index) && told.request == queue[index]
                })
                && (indices.is_empty() || !new_waits);
            let frames: Frames = if unchanged {
                view_only.clone()
            } else {
                let requests: Vec<MyRequest> = indices
                    .iter()
                    .map(|&index| MyRequest {
                        position: position_of(index),
                        estimated_wait_ms: state.wait_ms(position_of(index), now),
                        request: queue[index].clone(),
                    })
                    .collect();
                let personal = ServerMessage::YourRequests {
                    seq,
                    at: now,
                    requests: requests.clone(),
                }
                .encode();
                subscriber.told = requests;
                Arc::new([view.clone(), personal.into()])
            };
            if !offer(limits, *connection, subscriber, frames) {
                dropped.push(*connection);
            }
        }
        for connection in dropped {
            self.subscribers.remove(&connection);
        }
    }

    /// Server time now, in milliseconds since the Unix epoch, on the runtime's clock.
    fn now_ms(&self) -> u64 {
        let (epoch_ms, epoch) = self.epoch;
        epoch_ms + u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The runtime instant of server time `ms`.
    fn instant_of(&self, ms: u64) -> TokioInstant {
        let (epoch_ms, epoch) = self.epoch;
        epoch + Duration::from_millis(ms.saturating_sub(epoch_ms))
    }

    /// When the actor must wake without a request: a view or presence is due, a handover
    /// lapses, or a silence reaches the watchdog's delay.
    fn next_wake(&self) -> Option<TokioInstant> {
        let lapse = self
            .state
            .channels
            .iter()
            .filter_map(|channel| {
                channel
                    .handover
                    .as_ref()
                    .map(|handover| handover.expires_at)
            })
            .min();
        let dead_air = self.subscribers.booths.dead_air_due(&self.state);
        let timer = lapse
            .into_iter()
            .chain(dead_air)
            .min()
            .map(|ms| self.instant_of(ms));
        self.view_due.into_iter().chain(timer).min()
    }

    /// Does what is due: views and presence, lapsed handovers, dead-air alerts.
    async fn wake(&mut self) {
        let now = TokioInstant::now();
        if self.view_due.is_some_and(|due| due <= now) {
            self.send_views();
        }
        let now_ms = self.now_ms();
        let lapsed: Vec<Event> = self
            .state
            .channels
            .iter()
            .filter(|channel| {
                channel
                    .handover
                    .as_ref()
                    .is_some_and(|handover| handover.expires_at <= now_ms)
            })
            .map(|channel| Event::HandoverCancelled {
                channel: channel.id.clone(),
                lapsed: true,
            })
            .collect();
        if !lapsed.is_empty() {
            self.emit(lapsed, "handover_lapsed").await;
        }
        self.release_absent().await;
        let alerts = self.subscribers.booths.dead_air_alerts(&self.state, now_ms);
        if !alerts.is_empty() {
            tracing::warn!(meeting = %self.meeting, alerts = alerts.len(), "dead air");
        }
        self.route(alerts);
    }

    /// Stores and publishes events the meeting itself causes (no participant acts).
    async fn emit(&mut self, events: Vec<Event>, name: &str) {
        let before = self.state.clone();
        let Ok(mut folded) = self.fold(None, events, name) else {
            return;
        };
        match self.commit(before, &mut folded).await {
            Ok(()) => {
                self.publish(&folded);
                self.announce_changes();
            }
            // Another node did it first, or will: take what it wrote.
            Err(StoreError::Conflict { .. }) => self.catch_up().await,
            Err(_) => {}
        }
    }

    /// Takes off air the interpreters on air whose last connection to this node closed,
    /// so that listeners are told at once. (Only those seen leaving here: with several
    /// nodes, an interpreter connected elsewhere is not this node's to judge.)
    async fn release_absent(&mut self) {
        let departed = self.subscribers.booths.take_departed();
        let absent: Vec<Event> = self
            .state
            .channels
            .iter()
            .filter(|channel| {
                channel.on_air.as_ref().is_some_and(|on_air| {
                    departed
                        .iter()
                        .any(|(booth, who)| booth == &channel.id && who == &on_air.participant)
                })
            })
            .map(|channel| Event::ChannelOffAir {
                channel: channel.id.clone(),
            })
            .collect();
        if !absent.is_empty() {
            self.emit(absent, "left_the_booth").await;
        }
    }

    /// Sends the notices that the state and presence now call for.
    fn announce_changes(&mut self) {
        let notices = self.subscribers.booths.changes(&self.state);
        self.route(notices);
    }

    /// Delivers each notice, encoded once, to those it concerns only.
    fn route(&mut self, notices: Vec<(Route, Notice)>) {
        if notices.is_empty() {
            return;
        }
        let encoded: Vec<(Route, Utf8Bytes)> = notices
            .into_iter()
            .map(|(route, notice)| (route, ServerMessage::Notice(notice).encode().into()))
            .collect();
        let limits = &self.limits;
        self.subscribers.retain(|connection, subscriber| {
            let frames: Vec<Utf8Bytes> = encoded
                .iter()
                .filter(|(route, _)| match route {
                    Route::Followers(channel) => subscriber.listening.follows(channel),
                    Route::Booth(booth) => subscriber.booth.as_ref() == Some(booth),
                    Route::BoothAndManagers(booth) => {
                        subscriber.booth.as_ref() == Some(booth)
                            || subscriber.audience == Audience::Managers
                    }
                })
                .map(|(_, bytes)| bytes.clone())
                .collect();
            frames.is_empty() || offer(limits, *connection, subscriber, frames.into())
        });
    }

    /// Sends the presence that changed: to everyone when who is staffed changed, with
    /// listener counts to the booths and managers when any count changed.
    fn send_presence(&mut self) {
        let (public, full) = self.subscribers.booths.presence_due(&self.state);
        if public.is_none() && full.is_none() {
            return;
        }
        let encode = |presence: Presence| -> Frames {
            Arc::new([ServerMessage::Presence(presence).encode().into()])
        };
        let public = public.map(encode);
        let full = full.map(encode);
        let limits = &self.limits;
        self.subscribers.retain(|connection, subscriber| {
            let sees_counts =
                subscriber.booth.is_some() || subscriber.audience == Audience::Managers;
            let frames = if sees_counts { &full } else { &public };
            match frames {
                Some(frames) => offer(limits, *connection, subscriber, frames.clone()),
                None => true,
            }
        });
        // Staffing changes what channels deliver.
        self.announce_changes();
    }

    /// Schedules the coalesced tick (views, presence) if none is due.
    fn schedule_tick(&mut self) {
        if self.view_due.is_none() {
            let earliest = self.last_view.map_or_else(TokioInstant::now, |last| {
                last + self.limits.coalesce_interval
            });
            self.view_due = Some(earliest.max(TokioInstant::now()));
        }
    }

    fn your_requests(&self, at: u64, requests: Vec<MyRequest>) -> String {
        ServerMessage::YourRequests {
            seq: self.state.seq,
            at,
            requests,
        }
        .encode()
    }

    /// What the estimated waits are worked out from now.
    fn wait_basis(&self) -> WaitBasis {
        let limit = self
            .state
            .active_item()
            .and_then(|item| self.state.speaking_time(item));
        (self.state.floor.clone(), limit)
    }

    fn forget_expired(&mut self) {
        let oldest_kept = self.now_ms().saturating_sub(
            u64::try_from(self.limits.retention_age.as_millis()).unwrap_or(u64::MAX),
        );
        while self.history.len() > self.limits.retention_events
            || self
                .history
                .front()
                .is_some_and(|kept| kept.at < oldest_kept)
        {
            self.history.pop_front();
        }
    }

    /// Offers the batch's events to every subscriber: all of them to managers, those
    /// outside the list of speakers to the summary audience.
    fn broadcast(&mut self, frames: &Frames, for_summaries: &Frames) {
        let limits = &self.limits;
        self.subscribers.retain(|connection, subscriber| {
            let frames = match subscriber.audience {
                Audience::Managers => frames,
                Audience::Summary if for_summaries.is_empty() => return true,
                Audience::Summary => for_summaries,
            };
            offer(limits, *connection, subscriber, frames.clone())
        });
    }

    fn send_to(&mut self, connection: ConnectionId, frames: Frames) {
        if let Some(subscriber) = self.subscribers.get(&connection)
            && !offer(&self.limits, connection, subscriber, frames)
        {
            self.subscribers.remove(&connection);
        }
    }
}

/// An event of the current batch, stored and ready to send.
struct Outgoing {
    stored: StoredEvent,
    /// Whether it belongs to the list of speakers (managers only).
    speakers: bool,
    /// Whether the summary audience's view changes with it.
    changes_view: bool,
}

impl Outgoing {
    fn new(envelope: &EventEnvelope, stored: StoredEvent) -> Self {
        let speakers = envelope.event.is_speakers_event();
        Self {
            speakers,
            changes_view: speakers
                || matches!(
                    envelope.event,
                    Event::CurrentItemChanged { .. } | Event::MeetingUpdated { .. }
                ),
            stored,
        }
    }
}

impl std::ops::Deref for Outgoing {
    type Target = StoredEvent;

    fn deref(&self) -> &StoredEvent {
        &self.stored
    }
}

fn position_of(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Offers a message to a subscriber; `false` when it must be dropped.
fn offer(
    limits: &Limits,
    connection: ConnectionId,
    subscriber: &Subscriber,
    frames: Frames,
) -> bool {
    let size = frames_len(&frames);
    if subscriber.queued_bytes.load(Ordering::Relaxed) + size > limits.outbound_bytes {
        return overflow(connection, subscriber);
    }
    match subscriber.queue.try_send(frames) {
        Ok(()) => {
            subscriber.queued_bytes.fetch_add(size, Ordering::Relaxed);
            true
        }
        Err(mpsc::error::TrySendError::Full(_)) => overflow(connection, subscriber),
        Err(mpsc::error::TrySendError::Closed(_)) => false,
    }
}

fn overflow(connection: ConnectionId, subscriber: &Subscriber) -> bool {
    tracing::warn!(connection, participant = %subscriber.participant, "outbound queue full: dropping a slow consumer");
    metrics::slow_consumer();
    subscriber
        .dropped_with
        .store(close::SLOW_CONSUMER, Ordering::Relaxed);
    false
}

/// The answer to accepted commands whose events could not be stored.
fn unavailable() -> Rejection {
    Rejection::new(
        ErrorCode::Unavailable,
        "the meeting cannot record changes right now; try again",
    )
}

/// Milliseconds since the Unix epoch: the server time that events carry.
pub fn unix_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}
