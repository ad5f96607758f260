//! The event log: where each meeting's events are kept durably.
//!
//! [`EventStore`] is the seam between the meeting actors and storage. SQLite
//! ([`SqliteStore`]) is the embedded default; a networked log for several nodes can sit
//! behind the same trait, which is why appending is conditional: a batch is written only
//! if the meeting's last stored seq is still the one the writer expects (optimistic
//! concurrency, or fencing), never blindly.

mod memory;
mod redis;
mod sqlite;

pub use self::redis::RedisStore;
pub use memory::MemoryStore;
pub use sqlite::{DATABASE_FILE, SqliteStore};

use protocol::MeetingId;
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

/// One encoded event, as the log keeps it: the exact bytes sent to clients.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    /// The event's seq.
    pub seq: u64,
    /// Server time, milliseconds since the Unix epoch.
    pub at: u64,
    /// The `event` message as JSON text.
    pub json: String,
}

/// Events to append to one meeting's log, all or nothing.
#[derive(Debug, Clone)]
pub struct AppendBatch {
    /// The meeting.
    pub meeting: MeetingId,
    /// The seq the log must end at for the batch to be written.
    pub expected_last_seq: u64,
    /// The events, with seqs following `expected_last_seq` without gaps.
    pub events: Vec<StoredEvent>,
    /// A snapshot of the state after the last event, to save with it.
    pub snapshot: Option<String>,
}

/// What the log holds for a meeting: its latest snapshot and the events after it.
#[derive(Debug, Clone, Default)]
pub struct StoredMeeting {
    /// The latest snapshot: its seq and the state as JSON.
    pub snapshot: Option<(u64, String)>,
    /// The events after the snapshot (or all events when there is none), in order,
    /// preceded by up to the requested number of recent events before it.
    pub events: Vec<StoredEvent>,
}

/// Why the log refused or failed a write or a read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The meeting's log no longer ends at the expected seq: another writer got there
    /// first. Nothing was written.
    #[error("the log of meeting `{meeting}` ends at seq {actual}, not {expected}")]
    Conflict {
        /// The meeting.
        meeting: MeetingId,
        /// The seq the writer expected.
        expected: u64,
        /// The seq the log ends at.
        actual: u64,
    },
    /// The store could not be reached or written (disk full, I/O error, closed).
    /// Nothing was written.
    #[error("the event store is unavailable: {0}")]
    Unavailable(String),
    /// The store's reply was lost and it could not be asked afterwards: the batch may or
    /// may not be in the log. Only a shared store over the network can say this.
    #[error("whether the events were stored is unknown: {0}")]
    Unknown(String),
}

/// A future returned by [`EventStore::append`].
pub type AppendFuture = Pin<Box<dyn Future<Output = Result<(), StoreError>> + Send>>;

/// A future returned by [`EventStore::saved_meeting`].
pub type TextFuture = Pin<Box<dyn Future<Output = Result<Option<String>, StoreError>> + Send>>;

/// A future returned by [`EventStore::events_after`].
pub type EventsFuture = Pin<Box<dyn Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send>>;

/// A durable, append-only log of every meeting's events.
pub trait EventStore: Send + Sync + 'static {
    /// Appends `batch` if the meeting's log still ends at `batch.expected_last_seq`.
    /// The future completes once the events are durable (or refused).
    fn append(&self, batch: AppendBatch) -> AppendFuture;

    /// Reads a meeting's latest snapshot and the events after it, plus (for clients that
    /// resume) at least the `recent` last events even when they precede the snapshot.
    /// Used at start-up.
    ///
    /// # Errors
    ///
    /// [`StoreError::Unavailable`] when the log cannot be read.
    fn load(&self, meeting: &MeetingId, recent: usize) -> Result<StoredMeeting, StoreError>;

    /// Reads every event of a meeting, from seq 1 on, in order; empty for a meeting
    /// without events. For reports that need the whole history (the speaker log), not
    /// for start-up.
    ///
    /// This blocks on storage: call it from `tokio::task::spawn_blocking`, never on a
    /// runtime thread.
    ///
    /// # Errors
    ///
    /// [`StoreError::Unavailable`] when the log cannot be read.
    fn all_events(&self, meeting: &MeetingId) -> Result<Vec<StoredEvent>, StoreError>;

    /// The events of a meeting after `seq`, in order: for a node whose append was refused
    /// because another node's came first (a log shared by several nodes). A log with one
    /// writer never refuses, so the default (a blocking read) is only a fallback.
    fn events_after(&self, meeting: &MeetingId, seq: u64) -> EventsFuture {
        let events = self
            .all_events(meeting)
            .map(|events| events.into_iter().filter(|event| event.seq > seq).collect());
        Box::pin(std::future::ready(events))
    }

    /// Tells of appends to a meeting's log by other writers (each message: a seq the log
    /// has reached, or 0 for "look": after a lost connection, say). `None` for a log with
    /// one writer.
    fn watch(&self, _meeting: &MeetingId) -> Option<mpsc::UnboundedReceiver<u64>> {
        None
    }

    /// Keeps the file of a meeting created through the meetings API where every node
    /// finds it (a log shared by several nodes). A log with one writer has nothing to
    /// share: the node's meetings directory keeps the file.
    fn save_meeting(&self, _meeting: &MeetingId, _text: &str) -> AppendFuture {
        Box::pin(std::future::ready(Ok(())))
    }

    /// The file of a meeting that any node created, if any (see
    /// [`EventStore::save_meeting`]).
    fn saved_meeting(&self, _meeting: &MeetingId) -> TextFuture {
        Box::pin(std::future::ready(Ok(None)))
    }

    /// Whether the log can be written now (`/readyz`).
    fn is_ready(&self) -> bool {
        true
    }
}
