//! Who is subscribed to the meeting and who gets which bytes.
//!
//! Each connection has a bounded outbound queue. Everything the actor sends goes through
//! [`Subscribers::deliver`] (or [`Subscribers::send_to`], for one connection), which
//! offers a queue entry ([`Frames`]) and drops a subscriber whose queue is full (in
//! entries or in bytes): its connection then closes as a slow consumer, so that it never
//! slows the others nor grows memory without bound. The subscribers also keep, in step
//! with who is subscribed, who is connected to each booth and listening to each channel
//! ([`Booths`]) and who is connected at all ([`Roster`], which holds the one count of each
//! participant's connections).

use super::booths::{Booths, Route};
use super::roster::Roster;
use crate::limits::Limits;
use crate::metrics;
use protocol::{
    ChannelId, Listening, MyRequest, Notice, Participant, ParticipantId, ServerMessage, close,
};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Utf8Bytes;

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

/// How a subscriber follows the list of speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Audience {
    /// Every event: the chair and organisers.
    Managers,
    /// Summaries: everyone else.
    Summary,
}

impl Audience {
    /// The audience a participant belongs to.
    pub(super) fn of(participant: &Participant) -> Self {
        if participant.role.sees_full_list() {
            Self::Managers
        } else {
            Self::Summary
        }
    }

    /// Whether this audience, working in `booth` (if any), sees listener counts in
    /// `presence`: the booths' people and the managers do.
    pub(super) fn sees_counts(self, booth: Option<&ChannelId>) -> bool {
        booth.is_some() || self == Self::Managers
    }
}

/// One subscribed connection.
pub(super) struct Subscriber {
    /// Who, for the tallies and their own requests.
    pub(super) participant: ParticipantId,
    /// Their delegation, whose requests they may also act on.
    pub(super) delegation: Option<String>,
    /// Whether they get the list's events or its summaries.
    pub(super) audience: Audience,
    /// The booth they work in (interpreters, signers, captioners).
    pub(super) booth: Option<ChannelId>,
    /// What they follow.
    pub(super) listening: Listening,
    /// What was last sent in `your_requests` (summary audience).
    pub(super) told: Vec<MyRequest>,
    /// The generation of the invite link their token came from.
    pub(super) link: u32,
    /// The sending end of their outbound queue.
    queue: mpsc::Sender<Frames>,
    /// Shared with the connection: see [`Subscription::queued_bytes`].
    queued_bytes: Arc<AtomicUsize>,
    /// Shared with the connection: see [`Subscription::dropped_with`].
    dropped_with: Arc<AtomicU16>,
}

impl Subscriber {
    /// Whether they see listener counts in `presence`.
    pub(super) fn sees_counts(&self) -> bool {
        self.audience.sees_counts(self.booth.as_ref())
    }
}

/// The meeting's subscribers, by connection.
pub(super) struct Subscribers {
    by_connection: HashMap<ConnectionId, Subscriber>,
    /// Who is connected to each booth and listening to each channel, kept with them.
    pub(super) booths: Booths,
    /// Who is connected, for the managers; also the count of connections per
    /// participant, so that the cap on them costs one lookup per join rather than a scan
    /// of every connection (which made a reconnect storm quadratic).
    pub(super) roster: Roster,
    /// Entries that may wait in one outbound queue.
    outbound_messages: usize,
    /// Bytes that may wait in one outbound queue.
    outbound_bytes: usize,
}

impl Subscribers {
    /// Nobody yet, with the meeting's booths.
    pub(super) fn new(limits: &Limits, booths: Booths) -> Self {
        Self {
            by_connection: HashMap::new(),
            booths,
            roster: Roster::default(),
            outbound_messages: limits.outbound_messages,
            outbound_bytes: limits.outbound_bytes,
        }
    }

    /// How many connections `participant` has open.
    pub(super) fn connections_of(&self, participant: &ParticipantId) -> usize {
        self.roster.connections_of(participant)
    }

    /// Subscribes a connection of `who` and returns the receiving end of its queue.
    pub(super) fn subscribe(
        &mut self,
        connection: ConnectionId,
        who: &Participant,
        link: u32,
        audience: Audience,
        booth: Option<ChannelId>,
        told: Vec<MyRequest>,
    ) -> Subscription {
        let (queue, messages) = mpsc::channel(self.outbound_messages);
        let queued_bytes = Arc::new(AtomicUsize::new(0));
        let dropped_with = Arc::new(AtomicU16::new(0));
        let subscriber = Subscriber {
            participant: who.id.clone(),
            delegation: who.delegation.clone(),
            audience,
            booth,
            listening: Listening::default(),
            told,
            link,
            queue,
            queued_bytes: queued_bytes.clone(),
            dropped_with: dropped_with.clone(),
        };
        self.roster.arrive(who);
        self.booths.add(
            subscriber.booth.as_ref(),
            &subscriber.participant,
            &subscriber.listening,
        );
        if let Some(replaced) = self.by_connection.insert(connection, subscriber) {
            forget(&mut self.booths, &mut self.roster, &replaced);
        }
        Subscription {
            messages,
            queued_bytes,
            dropped_with,
        }
    }

    /// Unsubscribes a connection; the subscriber it was, if any.
    pub(super) fn remove(&mut self, connection: &ConnectionId) -> Option<Subscriber> {
        let removed = self.by_connection.remove(connection)?;
        forget(&mut self.booths, &mut self.roster, &removed);
        Some(removed)
    }

    /// Unsubscribes a connection and has it close with `code`.
    pub(super) fn close(&mut self, connection: &ConnectionId, code: u16) {
        if let Some(removed) = self.remove(connection) {
            removed.dropped_with.store(code, Ordering::Relaxed);
        }
    }

    /// Closes, with `code`, every connection of `participant` whose token came from a link
    /// generation before `link`: their link was revoked or replaced.
    pub(super) fn close_links_before(&mut self, participant: &ParticipantId, link: u32, code: u16) {
        let stale: Vec<ConnectionId> = self
            .by_connection
            .iter()
            .filter(|(_, subscriber)| {
                &subscriber.participant == participant && subscriber.link < link
            })
            .map(|(connection, _)| *connection)
            .collect();
        for connection in stale {
            self.close(&connection, code);
        }
    }

    /// Changes what a connection follows; `false` when it is not subscribed.
    pub(super) fn listen(&mut self, connection: &ConnectionId, listening: Listening) -> bool {
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

    /// Offers each subscriber what `frames_for` gives it (nothing for `None`), and drops
    /// those whose queue cannot take it.
    pub(super) fn deliver(
        &mut self,
        mut frames_for: impl FnMut(&mut Subscriber) -> Option<Frames>,
    ) {
        let outbound_bytes = self.outbound_bytes;
        let booths = &mut self.booths;
        let roster = &mut self.roster;
        self.by_connection.retain(|connection, subscriber| {
            let kept = match frames_for(subscriber) {
                Some(frames) => offer(outbound_bytes, *connection, subscriber, frames),
                None => true,
            };
            if !kept {
                forget(booths, roster, subscriber);
            }
            kept
        });
    }

    /// Offers frames to one connection, if it is subscribed.
    pub(super) fn send_to(&mut self, connection: ConnectionId, frames: Frames) {
        if let Some(subscriber) = self.by_connection.get(&connection)
            && !offer(self.outbound_bytes, connection, subscriber, frames)
        {
            self.remove(&connection);
        }
    }

    /// Offers committed events: all of them (`frames`) to managers, those outside the
    /// list of speakers (`for_summaries`) to the summary audience.
    pub(super) fn broadcast(&mut self, frames: &Frames, for_summaries: &Frames) {
        self.deliver(|subscriber| match subscriber.audience {
            Audience::Managers => Some(frames.clone()),
            Audience::Summary if for_summaries.is_empty() => None,
            Audience::Summary => Some(for_summaries.clone()),
        });
    }

    /// Delivers each notice, encoded once, to those it concerns only.
    pub(super) fn route(&mut self, notices: Vec<(Route, Notice)>) {
        if notices.is_empty() {
            return;
        }
        let encoded: Vec<(Route, Utf8Bytes)> = notices
            .into_iter()
            .map(|(route, notice)| (route, ServerMessage::Notice(notice).encode().into()))
            .collect();
        self.deliver(|subscriber| {
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
            (!frames.is_empty()).then(|| frames.into())
        });
    }
}

/// Counts a subscriber out of the tallies.
fn forget(booths: &mut Booths, roster: &mut Roster, subscriber: &Subscriber) {
    roster.depart(&subscriber.participant);
    booths.remove(
        subscriber.booth.as_ref(),
        &subscriber.participant,
        &subscriber.listening,
    );
}

/// Offers a queue entry to a subscriber; `false` when it must be dropped.
fn offer(
    outbound_bytes: usize,
    connection: ConnectionId,
    subscriber: &Subscriber,
    frames: Frames,
) -> bool {
    let size = frames_len(&frames);
    if subscriber.queued_bytes.load(Ordering::Relaxed) + size > outbound_bytes {
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

/// Marks a subscriber to close as a slow consumer; always `false` (drop it).
fn overflow(connection: ConnectionId, subscriber: &Subscriber) -> bool {
    tracing::warn!(connection, participant = %subscriber.participant, "outbound queue full: dropping a slow consumer");
    metrics::slow_consumer();
    subscriber
        .dropped_with
        .store(close::SLOW_CONSUMER, Ordering::Relaxed);
    false
}

#[cfg(test)]
mod tests {
    use super::{Audience, Subscribers};
    use crate::limits::Limits;
    use crate::meeting::booths::Booths;
    use crate::rules::test_support::person;
    use protocol::{Role, close};
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    fn subscribers(outbound_messages: usize, outbound_bytes: usize) -> Subscribers {
        let limits = Limits {
            outbound_messages,
            outbound_bytes,
            ..Limits::default()
        };
        Subscribers::new(&limits, Booths::default())
    }

    #[test]
    fn connections_are_counted_per_participant() {
        let mut subscribers = subscribers(8, 1024);
        let ada = person("ada", Role::Attendee);
        let _first = subscribers.subscribe(1, &ada, 0, Audience::Summary, None, Vec::new());
        let _second = subscribers.subscribe(2, &ada, 0, Audience::Summary, None, Vec::new());
        assert_eq!(subscribers.connections_of(&ada.id), 2);
        subscribers.remove(&1);
        assert_eq!(subscribers.connections_of(&ada.id), 1);
        // Subscribing a connection again replaces it rather than counting it twice.
        let _again = subscribers.subscribe(2, &ada, 0, Audience::Summary, None, Vec::new());
        assert_eq!(subscribers.connections_of(&ada.id), 1);
        subscribers.remove(&2);
        assert_eq!(subscribers.connections_of(&ada.id), 0);
    }

    #[test]
    fn a_full_queue_drops_its_subscriber_as_a_slow_consumer() {
        let mut subscribers = subscribers(1, 1024);
        let ada = person("ada", Role::Attendee);
        let subscription = subscribers.subscribe(1, &ada, 0, Audience::Summary, None, Vec::new());
        let frames: super::Frames = Arc::new(["hello".into()]);
        subscribers.deliver(|_| Some(frames.clone()));
        assert_eq!(subscription.queued_bytes.load(Ordering::Relaxed), 5);
        subscribers.deliver(|_| Some(frames.clone()));
        assert_eq!(subscribers.connections_of(&ada.id), 0);
        assert_eq!(
            subscription.dropped_with.load(Ordering::Relaxed),
            close::SLOW_CONSUMER
        );
    }

    #[test]
    fn summaries_get_the_events_outside_the_list_only() {
        let mut subscribers = subscribers(8, 1024);
        let chair = person("chair", Role::Chair);
        let ada = person("ada", Role::Attendee);
        let mut managers =
            subscribers.subscribe(1, &chair, 0, Audience::of(&chair), None, Vec::new());
        let mut summary = subscribers.subscribe(2, &ada, 0, Audience::of(&ada), None, Vec::new());
        let all: super::Frames = Arc::new(["list".into(), "agenda".into()]);
        let outside: super::Frames = Arc::new(["agenda".into()]);
        subscribers.broadcast(&all, &outside);
        let only_list: super::Frames = Arc::new(["list".into()]);
        let nothing: super::Frames = Arc::new([]);
        subscribers.broadcast(&only_list, &nothing);
        assert_eq!(managers.messages.try_recv().unwrap().len(), 2);
        assert_eq!(managers.messages.try_recv().unwrap().len(), 1);
        assert_eq!(&*summary.messages.try_recv().unwrap()[0], "agenda");
        assert!(summary.messages.try_recv().is_err());
    }
}
