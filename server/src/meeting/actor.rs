//! The actor itself: what it owns, its loop over the inbox, and the requests that are
//! not commands (joins with their welcome, leaves, `listen`, settling). Commands are
//! taken from the inbox as a batch and handed to the commit path (`commit.rs`); what
//! falls due between requests is done by `timers.rs`.

use super::booths::Booths;
use super::clock::Clock;
use super::history::History;
use super::requests::{JoinError, Joined, Request, Submitted};
use super::restore::Restored;
use super::subscribers::{Audience, ConnectionId, Subscribers};
use super::tick::Tick;
use crate::limits::{Limits, MAX_COMMANDS_PER_BATCH};
use crate::store::EventStore;
use protocol::{
    Listening, MeetingId, MeetingState, PROTOCOL_VERSION, Participant, ServerMessage, Welcome,
};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Utf8Bytes;

/// One meeting's authority: it alone changes the state, so no lock is needed.
pub(super) struct Actor {
    /// Which meeting, for the store and the logs.
    pub(super) meeting: MeetingId,
    /// The fold of every stored event (and, during a batch, of its decided ones).
    pub(super) state: MeetingState,
    /// The meeting's event log: nothing is sent before it holds it.
    pub(super) store: Arc<dyn EventStore>,
    /// The server's limits (queues, retention, coalescing, snapshots).
    pub(super) limits: Limits,
    /// Recent events, encoded, for clients that resume.
    pub(super) history: History,
    /// The connections to fan out to, with who is where.
    pub(super) subscribers: Subscribers,
    /// Events stored since the last snapshot: one is due every `snapshot_every`.
    pub(super) events_since_snapshot: usize,
    /// When the coalesced views, presence and roster are due, and what the last told.
    pub(super) tick: Tick,
    /// Server time, on the runtime's clock.
    pub(super) clock: Clock,
}

impl Actor {
    /// The actor of a restored meeting, with nobody subscribed yet.
    pub(super) fn new(restored: Restored, store: Arc<dyn EventStore>, limits: Limits) -> Self {
        let subscribers = Subscribers::new(&limits, Booths::new(&restored.state));
        let mut actor = Self {
            meeting: restored.state.info.id.clone(),
            history: History::restored(restored.recent, &limits),
            state: restored.state,
            store,
            limits,
            subscribers,
            events_since_snapshot: 0,
            tick: Tick::default(),
            clock: Clock::start(),
        };
        actor.tick.waits_told_from = actor.wait_basis();
        actor
    }

    /// Handles requests until every handle is dropped, then sends what is still due.
    pub(super) async fn run(mut self, mut requests: mpsc::Receiver<Request>) {
        let mut carried = None;
        loop {
            let request = match carried.take() {
                Some(request) => request,
                None => match self.next_request(&mut requests).await {
                    Some(request) => request,
                    None => break,
                },
            };
            match request {
                Request::Join {
                    connection,
                    participant,
                    link,
                    since,
                    token_expires_at,
                    reply,
                } => {
                    let joined = self.join(connection, participant, link, since, token_expires_at);
                    // A connection that went away meanwhile is simply not subscribed.
                    if reply.send(joined).is_err() {
                        self.subscribers.remove(&connection);
                    }
                }
                Request::Leave { connection } => self.leave(connection).await,
                Request::Accepts {
                    participant,
                    link,
                    reply,
                } => {
                    let _ = reply.send(self.state.registry.accepts(&participant, link));
                }
                Request::Appended(seq) => {
                    if seq == 0 || seq > self.state.seq {
                        self.catch_up().await;
                    }
                }
                Request::Registry { reply } => {
                    let _ = reply.send(self.state.registry.clone());
                }
                Request::Settle { reply } => {
                    let _ = reply.send(());
                }
                Request::Listen {
                    connection,
                    id,
                    listening,
                } => self.listen(connection, id, listening),
                Request::Admin { by, action, reply } => {
                    let _ = reply.send(self.administer(&by, &action).await);
                }
                Request::Command(first) => {
                    let (batch, next) = take_batch(first, &mut requests);
                    carried = next;
                    self.execute(batch).await;
                }
            }
        }
        if self.tick.due.is_some() {
            self.send_views();
        }
        tracing::debug!(meeting = %self.meeting, "meeting actor stopped");
    }

    /// Waits for the next request, doing what falls due meanwhile; `None` once every
    /// handle is dropped.
    async fn next_request(&mut self, requests: &mut mpsc::Receiver<Request>) -> Option<Request> {
        loop {
            let Some(due) = self.next_wake() else {
                return requests.recv().await;
            };
            tokio::select! {
                request = requests.recv() => return request,
                () = tokio::time::sleep_until(due) => self.wake().await,
            }
        }
    }

    /// Subscribes a connection and builds its first messages: the welcome (a snapshot,
    /// or the events it missed), its own requests, the roster, its booth's briefing and
    /// the presence.
    fn join(
        &mut self,
        connection: ConnectionId,
        participant: Participant,
        link: u32,
        since: Option<u64>,
        token_expires_at: u64,
    ) -> Result<Joined, JoinError> {
        if !self.state.registry.accepts(&participant.id, link) {
            return Err(JoinError::Revoked);
        }
        let open = self.subscribers.connections_of(&participant.id);
        if open >= self.limits.connections_per_participant {
            return Err(JoinError::TooManyConnections(
                self.limits.connections_per_participant,
            ));
        }
        self.history.forget_expired(self.clock.now_ms());
        let audience = Audience::of(&participant);
        let missed = since.and_then(|since| self.history.after(since, self.state.seq, audience));
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
        let told = if audience == Audience::Summary {
            self.summary_on_join(&participant, resumed, &mut first)
        } else {
            Vec::new()
        };
        let booth = participant
            .booth
            .clone()
            .filter(|_| participant.role.works_channel());
        let subscription = self.subscribers.subscribe(
            connection,
            &participant,
            link,
            audience,
            booth.clone(),
            told,
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
        let presence = if audience.sees_counts(booth.as_ref()) {
            full
        } else {
            public
        };
        first.push(ServerMessage::Presence(presence).encode().into());
        if booth.is_some() {
            // A booth newly staffed changes what its channel's followers get.
            self.announce_changes();
        }
        self.schedule_tick();
        Ok(Joined {
            first,
            subscription,
        })
    }

    /// Unsubscribes a connection. An interpreter's last connection leaving takes them
    /// off air, and changes what their channel delivers.
    async fn leave(&mut self, connection: ConnectionId) {
        let left = self.subscribers.remove(&connection);
        if left.is_some_and(|left| left.booth.is_some()) {
            self.release_absent().await;
            self.announce_changes();
        }
        self.schedule_tick();
    }

    /// Records what a connection follows and answers: the `ack`, then what the listener
    /// now hears and why.
    fn listen(&mut self, connection: ConnectionId, id: u64, listening: Listening) {
        let hearing = self.subscribers.booths.hearing(&self.state, &listening);
        if self.subscribers.listen(&connection, listening) {
            let ack = ServerMessage::Ack {
                id,
                seq: self.state.seq,
            };
            let hearing = ServerMessage::Notice(hearing);
            self.subscribers.send_to(
                connection,
                Arc::new([ack.encode().into(), hearing.encode().into()]),
            );
            self.schedule_tick();
        }
    }
}

/// Takes every command already waiting after `first`, up to the first request that is
/// not a command (joins must see committed state only), which is returned to be handled
/// next.
fn take_batch(
    first: Submitted,
    requests: &mut mpsc::Receiver<Request>,
) -> (Vec<Submitted>, Option<Request>) {
    let mut batch = vec![first];
    while batch.len() < MAX_COMMANDS_PER_BATCH {
        match requests.try_recv() {
            Ok(Request::Command(command)) => batch.push(command),
            Ok(other) => return (batch, Some(other)),
            Err(_) => break,
        }
    }
    (batch, None)
}
