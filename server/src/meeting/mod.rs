//! One live meeting: a task that owns its state and serialises its commands (an actor).
//!
//! Connections talk to the actor through a [`MeetingHandle`]. The actor takes the
//! commands waiting in its inbox as one batch, decides each with [`crate::rules::decide`]
//! and folds the accepted ones, appends their events to the
//! [`EventStore`](crate::store::EventStore) in one conditional write, and only once that
//! is durable hands each event (encoded to JSON once) to every subscriber's bounded
//! outbound queue and answers the senders. If the write fails the state is put back and
//! the senders get `unavailable`: nothing is acknowledged that is not stored, and nothing
//! stored is lost.
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
//! attendee gets at most one view per
//! [`Limits::coalesce_interval`](crate::limits::Limits::coalesce_interval). So a show of
//! thousands of hands costs each attendee a few frames rather than one per hand.
//!
//! # Layout
//!
//! - `handle.rs`: the public face: [`MeetingHandle::spawn`] starts a meeting's actor,
//!   and the handle's methods (`join`, `command`, `listen`, `administer`, `settle`,
//!   `leave`) send it requests.
//! - `requests.rs`: what the handle asks of the actor, and what comes back to its
//!   callers ([`Joined`], [`JoinError`], [`AdminOutcome`], [`MeetingClosed`]).
//! - `restore.rs`: [`restore()`] rebuilds a meeting from its log at start.
//! - `actor.rs`: what the actor owns and its loop: takes commands as a batch, and
//!   handles joins (the `welcome` and first messages), leaves and `listen`.
//! - `commit.rs`: the one path every change takes: decide and fold, commit to the store
//!   (catching up with other nodes and deciding again when they wrote first), then
//!   publish. Used by command batches, organisers' changes and the meeting's own events.
//! - `subscribers.rs`: who is subscribed, in which audience, and who gets which bytes:
//!   every queue entry is offered there, and slow consumers are dropped there; a
//!   connection reads its queue through its [`Subscription`].
//! - `views.rs`: what the coalesced tick sends (`queue` views, `your_requests`,
//!   `presence`, the managers' `roster`) and the notices the state calls for.
//! - `tick.rs`: when the tick is due, and what estimated waits it last told.
//! - `timers.rs`: what falls due between requests: the tick, lapsed handovers, dead-air
//!   alerts, interpreters who left while on air.
//! - `history.rs`: the recent encoded events that clients resume from.
//! - `clock.rs`: server time on the runtime's clock, so that timers and event times agree
//!   (also under tokio's paused clock in `tests.rs`).
//! - `booths.rs`: who is connected to each booth and listening to each channel, what
//!   each channel's followers were last told, each booth's task, the silences reported;
//!   the notices due and to whom.
//! - `roster.rs`: who is connected (one entry per participant, with the one count of
//!   their connections) for the managers' `roster`.
//! - `tests.rs`: the actor on its own, under tokio's paused clock.

mod actor;
mod booths;
mod clock;
mod commit;
mod handle;
mod history;
mod requests;
mod restore;
mod roster;
mod subscribers;
#[cfg(test)]
mod tests;
mod tick;
mod timers;
mod views;

pub use clock::unix_millis;
pub use handle::MeetingHandle;
pub use requests::{Admin, AdminOutcome, JoinError, Joined, MeetingClosed};
pub use restore::{Restored, restore};
pub use subscribers::{ConnectionId, Frames, Subscription, frames_len};
