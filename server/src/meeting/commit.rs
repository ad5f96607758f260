//! The commit path: how decided events become durable and reach the subscribers.
//!
//! Every change goes through [`Actor::decide_and_commit`]: decide (folding the events into
//! the state), append them to the [`EventStore`](crate::store::EventStore) in one conditional write, and only once
//! that is durable [`Actor::publish`] them: every subscriber's queue, the history kept for
//! resuming clients, the coalesced views and the notices they call for. When the write
//! fails the state is put back and nothing is published; when another node wrote first
//! the actor catches up with its events ([`Actor::catch_up`], which publishes them the
//! same way) and decides again. Three kinds of change take this path: a batch of
//! commands ([`Actor::execute`]), an organiser's change to the whole meeting
//! ([`Actor::administer`]) and the events the meeting causes itself ([`Actor::emit`]).

use super::actor::Actor;
use super::history::Kept;
use super::requests::{Admin, AdminOutcome, Submitted};
use super::subscribers::{ConnectionId, Frames};
use crate::limits::MAX_CONFLICT_RETRIES;
use crate::metrics;
use crate::rules::{self, Rejection};
use crate::store::{AppendBatch, StoreError, StoredEvent};
use protocol::{Command, ErrorCode, Event, EventEnvelope, ParticipantId, ServerMessage, close};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Utf8Bytes;

/// An event folded into the state, encoded once, ready to store and send.
pub(super) struct Outgoing {
    stored: StoredEvent,
    /// Whether only managers get it (the list of speakers', the registry's).
    managers_only: bool,
    /// Whether the summary audience's view changes with it.
    changes_view: bool,
    /// A participant whose links before this generation stop working (revoked or
    /// replaced): their connections using one are closed.
    revokes: Option<(ParticipantId, u32)>,
}

impl Outgoing {
    fn new(envelope: &EventEnvelope, stored: StoredEvent) -> Self {
        let speakers = envelope.event.is_speakers_event();
        Self {
            managers_only: envelope.event.for_managers_only(),
            revokes: match &envelope.event {
                Event::LinkRevoked { participant, link }
                | Event::LinkReplaced { participant, link } => Some((participant.clone(), *link)),
                _ => None,
            },
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

/// One round of deciding: what the caller learns from it, and the events it folded into
/// the state (none when it changed nothing).
struct Round<T> {
    outcome: T,
    events: Vec<Outgoing>,
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

impl Actor {
    /// Decides and folds a batch of commands, stores the accepted ones' events in one
    /// write, and only then publishes them and answers every sender.
    pub(super) async fn execute(&mut self, batch: Vec<Submitted>) {
        let (mut decided, stored) = self
            .decide_and_commit(MAX_CONFLICT_RETRIES, |actor| actor.decide_batch(&batch))
            .await;
        if let Err(error) = stored {
            let unknown = matches!(error, StoreError::Unknown(_));
            for command in decided.iter_mut().filter(|command| command.outcome.is_ok()) {
                if unknown {
                    // Neither `ack` nor `unavailable` would be the truth: the senders of
                    // the accepted commands are closed with 1012 instead, and learn from
                    // the log, when they resume, whether their command took effect.
                    self.subscribers
                        .close(&command.connection, close::SERVICE_RESTART);
                }
                command.outcome = Err(unavailable());
            }
        }
        for (submitted, decided) in batch.iter().zip(&decided) {
            let code = decided
                .outcome
                .as_ref()
                .err()
                .map(|rejection| rejection.code);
            metrics::command(submitted.command.name(), code);
        }
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
            self.subscribers.send_to(connection, answers.into());
        }
        self.send_views_if_due();
    }

    /// Decides every command of a batch on the current state, folding the accepted ones.
    fn decide_batch(&mut self, batch: &[Submitted]) -> Round<Vec<Decided>> {
        let mut decided = Vec::with_capacity(batch.len());
        let mut events = Vec::new();
        for command in batch {
            // Acknowledged with the seq of the last event this command caused (the fold
            // has just reached it), not the batch's last.
            let outcome = self
                .decide_and_fold(&command.sender, &command.command)
                .map(|folded| {
                    events.extend(folded);
                    self.state.seq
                });
            decided.push(Decided {
                connection: command.connection,
                id: command.id,
                received: command.received,
                outcome,
            });
        }
        Round {
            outcome: decided,
            events,
        }
    }

    /// Decides and commits an organiser's change to the whole meeting (the meetings
    /// API), then publishes it like any command's events.
    pub(super) async fn administer(
        &mut self,
        by: &ParticipantId,
        action: &Admin,
    ) -> Result<AdminOutcome, Rejection> {
        let name = action.name();
        let (changed, stored) = self
            .decide_and_commit(MAX_CONFLICT_RETRIES, |actor| {
                let decided = match action {
                    Admin::Update(file) => rules::meeting::update(&actor.state, file),
                    Admin::Close => rules::meeting::close(&actor.state),
                    Admin::AddParticipants {
                        registrants,
                        wishes,
                    } => rules::participants::add(&actor.state, registrants.clone(), wishes),
                    Admin::Revoke {
                        participant,
                        known,
                        replace,
                    } => rules::participants::revoke(
                        &actor.state,
                        participant,
                        known.as_ref(),
                        *replace,
                    ),
                    Admin::Register(registration) => {
                        rules::participants::register(&actor.state, (**registration).clone())
                            .map(|event| vec![event])
                    }
                    Admin::Decide {
                        registration,
                        approve,
                    } => rules::participants::decide(&actor.state, *registration, *approve),
                };
                match decided.and_then(|decided| actor.fold(Some(by), decided, name)) {
                    Ok(events) => Round {
                        outcome: Ok(!events.is_empty()),
                        events,
                    },
                    Err(rejection) => Round {
                        outcome: Err(rejection),
                        events: Vec::new(),
                    },
                }
            })
            .await;
        match stored {
            Ok(()) => {}
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
        // An identical update, or closing a closed meeting, changes nothing.
        let changed = changed?;
        if changed {
            self.send_views_if_due();
            tracing::info!(meeting = %self.meeting, by = %by, seq = self.state.seq, "{name}");
        }
        let registry = &self.state.registry;
        let made = match action {
            Admin::Register(_) => registry.registrations.last().map(|made| made.id),
            Admin::Revoke { participant, .. } => registry
                .get(participant)
                .map(|registrant| u64::from(registrant.link)),
            _ => None,
        };
        Ok(AdminOutcome {
            seq: self.state.seq,
            changed,
            made,
        })
    }

    /// Stores and publishes events the meeting itself causes (no participant acts).
    pub(super) async fn emit(&mut self, events: Vec<Event>, name: &str) {
        let (_, stored) = self
            .decide_and_commit(0, |actor| Round {
                outcome: (),
                // Events that do not fold are logged by `fold` and not stored.
                events: actor.fold(None, events.clone(), name).unwrap_or_default(),
            })
            .await;
        // Another node did it first, or will: take what it wrote.
        if let Err(StoreError::Conflict { .. }) = stored {
            self.catch_up().await;
        }
    }

    /// The one way changes reach the log and the subscribers: `decide` folds events into
    /// the state; they are committed, then published. When another node wrote first the
    /// actor catches up with it and decides again, up to `retries` times; when the write
    /// fails the state is as before `decide`, nothing is published, and the error is
    /// returned with the last round's outcome.
    async fn decide_and_commit<T>(
        &mut self,
        retries: u32,
        mut decide: impl FnMut(&mut Self) -> Round<T>,
    ) -> (T, Result<(), StoreError>) {
        let mut attempts = 0;
        loop {
            let before = self.state.clone();
            let Round {
                outcome,
                mut events,
            } = decide(self);
            match self.commit(before, &mut events).await {
                Ok(()) => {
                    self.publish(&events);
                    return (outcome, Ok(()));
                }
                // Another node wrote first: take its events, then decide again on the
                // state they made.
                Err(StoreError::Conflict { .. }) if attempts < retries => {
                    attempts += 1;
                    self.catch_up().await;
                    // Nodes that lost together should not all come back together.
                    let jitter = u64::from(self.clock.elapsed().subsec_nanos() % 1_000);
                    tokio::time::sleep(Duration::from_micros(jitter * u64::from(attempts))).await;
                }
                Err(error) => return (outcome, Err(error)),
            }
        }
    }

    /// Decides one command and folds its events; the encoded events on success. A
    /// command's events fold all or none.
    fn decide_and_fold(
        &mut self,
        sender: &protocol::Participant,
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
        let at = self.clock.now_ms();
        let before = (decided.len() > 1).then(|| self.state.clone());
        let mut folded = Vec::with_capacity(decided.len());
        for event in decided {
            let envelope = self.state.next_envelope(at, actor.cloned(), event);
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

    /// Appends the folded `events` to the log in one conditional write; `Ok` once they
    /// are durable. When the write fails (or another node wrote first: `Conflict`) the
    /// state is put back to `before` and `events` is emptied.
    async fn commit(
        &mut self,
        before: protocol::MeetingState,
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
    pub(super) async fn catch_up(&mut self) {
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
    }

    /// Hands committed events to the subscribers, keeps them for clients that resume,
    /// schedules a view when the list of speakers changed, and sends the notices the new
    /// state calls for.
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
            .filter(|(event, _)| !event.managers_only)
            .map(|(_, bytes)| bytes.clone())
            .collect();
        self.subscribers.broadcast(&frames, &for_summaries);
        for (participant, link) in events.iter().filter_map(|event| event.revokes.as_ref()) {
            self.subscribers
                .close_links_before(participant, *link, close::LINK_REVOKED);
            tracing::info!(meeting = %self.meeting, participant = %participant, link, "link revoked");
        }
        // The list changed (or another item's list is now in use): a view is due, at
        // once if none went out in the last interval, else at the interval's end.
        if events.iter().any(|event| event.changes_view) {
            self.tick.view_changed = true;
        }
        if self.tick.view_changed {
            self.schedule_tick();
        }
        let now_ms = self.clock.now_ms();
        for (event, bytes) in events.iter().zip(frames.iter()) {
            let kept = Kept {
                seq: event.seq,
                managers_only: event.managers_only,
                at: event.at,
                bytes: bytes.clone(),
            };
            self.history.push(kept, now_ms);
        }
        self.announce_changes();
    }
}

/// The answer to accepted commands whose events could not be stored.
fn unavailable() -> Rejection {
    Rejection::new(
        ErrorCode::Unavailable,
        "the meeting cannot record changes right now; try again",
    )
}
