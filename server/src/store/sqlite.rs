//! The SQLite event log: one database file in the data directory, in WAL mode, written by
//! one thread that commits many batches (from every meeting) in one transaction, so that
//! a burst of a thousand raise-hands costs a few fsyncs rather than a thousand.

use super::{AppendBatch, AppendFuture, EventStore, StoreError, StoredEvent, StoredMeeting};
use crate::limits::MAX_BATCHES_PER_COMMIT;
use protocol::MeetingId;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "meetings.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    meeting TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    json    TEXT NOT NULL,
    PRIMARY KEY (meeting, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
    meeting TEXT PRIMARY KEY,
    seq     INTEGER NOT NULL,
    state   TEXT NOT NULL
);
";

struct Job {
    batch: AppendBatch,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The SQLite event log.
pub struct SqliteStore {
    path: PathBuf,
    writer: mpsc::Sender<Job>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the log in `data_dir` and starts its writer thread.
    ///
    /// # Errors
    ///
    /// When the directory or the database cannot be created or opened.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|error| {
            StoreError::Unavailable(format!("cannot create {}: {error}", data_dir.display()))
        })?;
        let path = data_dir.join(DATABASE_FILE);
        let connection = open_connection(&path)?;
        connection.execute_batch(SCHEMA).map_err(unavailable)?;
        let (writer, jobs) = mpsc::channel();
        std::thread::Builder::new()
            .name("event-log-writer".into())
            .spawn(move || write_loop(connection, jobs))
            .map_err(|error| StoreError::Unavailable(error.to_string()))?;
        Ok(Self { path, writer })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(unavailable)?;
    // WAL lets start-up reads run beside the writer; FULL makes each commit durable
    // across power loss, not only across a crash of this process.
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 2000;",
        )
        .map_err(unavailable)?;
    Ok(connection)
}

fn unavailable(error: rusqlite::Error) -> StoreError {
    StoreError::Unavailable(error.to_string())
}

impl EventStore for SqliteStore {
    fn append(&self, batch: AppendBatch) -> AppendFuture {
        let (done, result) = oneshot::channel();
        let sent = self.writer.send(Job { batch, done });
        Box::pin(async move {
            if sent.is_err() {
                return Err(StoreError::Unavailable("the writer has stopped".into()));
            }
            result
                .await
                .unwrap_or_else(|_| Err(StoreError::Unavailable("the writer has stopped".into())))
        })
    }

    fn load(&self, meeting: &MeetingId, recent: usize) -> Result<StoredMeeting, StoreError> {
        let connection = open_connection(&self.path)?;
        let snapshot: Option<(u64, String)> = connection
            .query_row(
                "SELECT seq, state FROM snapshots WHERE meeting = ?1",
                [meeting.as_str()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(unavailable)?;
        let last: u64 = connection
            .query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM events WHERE meeting = ?1",
                [meeting.as_str()],
                |row| row.get(0),
            )
            .map_err(unavailable)?;
        let after = snapshot
            .as_ref()
            .map_or(0, |(seq, _)| *seq)
            .min(last.saturating_sub(recent as u64));
        let events = events_after(&connection, meeting, after)?;
        Ok(StoredMeeting { snapshot, events })
    }

    fn all_events(&self, meeting: &MeetingId) -> Result<Vec<StoredEvent>, StoreError> {
        let connection = open_connection(&self.path)?;
        events_after(&connection, meeting, 0)
    }
}

/// A meeting's events with seqs above `after`, in order.
fn events_after(
    connection: &Connection,
    meeting: &MeetingId,
    after: u64,
) -> Result<Vec<StoredEvent>, StoreError> {
    let mut statement = connection
        .prepare("SELECT seq, at, json FROM events WHERE meeting = ?1 AND seq > ?2 ORDER BY seq")
        .map_err(unavailable)?;
    statement
        .query_map(params![meeting.as_str(), after], |row| {
            Ok(StoredEvent {
                seq: row.get(0)?,
                at: row.get(1)?,
                json: row.get(2)?,
            })
        })
        .map_err(unavailable)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(unavailable)
}

/// The writer thread: takes every job waiting, commits them in one transaction, answers
/// each. Ends when the store is dropped.
fn write_loop(mut connection: Connection, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < MAX_BATCHES_PER_COMMIT {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        match commit(&mut connection, &group) {
            Ok(outcomes) => {
                for (job, outcome) in group.into_iter().zip(outcomes) {
                    let _ = job.done.send(outcome);
                }
            }
            Err(error) => {
                tracing::error!(%error, "event log commit failed");
                for job in group {
                    let _ = job
                        .done
                        .send(Err(StoreError::Unavailable(error.to_string())));
                }
            }
        }
    }
}

/// Writes a group of batches in one transaction. A batch whose meeting's log has moved
/// on is refused without writing anything; the others are written.
fn commit(
    connection: &mut Connection,
    group: &[Job],
) -> Result<Vec<Result<(), StoreError>>, rusqlite::Error> {
    let transaction =
        connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(group.len());
    {
        let mut last_seq = transaction
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM events WHERE meeting = ?1")?;
        let mut insert = transaction.prepare_cached(
            "INSERT INTO events (meeting, seq, at, json) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut snapshot = transaction.prepare_cached(
            "INSERT INTO snapshots (meeting, seq, state) VALUES (?1, ?2, ?3)
             ON CONFLICT (meeting) DO UPDATE SET seq = excluded.seq, state = excluded.state",
        )?;
        for Job { batch, .. } in group {
            let meeting = batch.meeting.as_str();
            let actual: u64 = last_seq.query_row([meeting], |row| row.get(0))?;
            if actual != batch.expected_last_seq {
                outcomes.push(Err(StoreError::Conflict {
                    meeting: batch.meeting.clone(),
                    expected: batch.expected_last_seq,
                    actual,
                }));
                continue;
            }
            for event in &batch.events {
                insert.execute(params![meeting, event.seq, event.at, event.json])?;
            }
            if let (Some(state), Some(last)) = (&batch.snapshot, batch.events.last()) {
                snapshot.execute(params![meeting, last.seq, state])?;
            }
            outcomes.push(Ok(()));
        }
    }
    transaction.commit()?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: u64) -> StoredEvent {
        StoredEvent {
            seq,
            at: seq * 10,
            json: format!(r#"{{"seq":{seq}}}"#),
        }
    }

    fn batch(meeting: &str, after: u64, seqs: std::ops::RangeInclusive<u64>) -> AppendBatch {
        AppendBatch {
            meeting: MeetingId::new(meeting),
            expected_last_seq: after,
            events: seqs.map(event).collect(),
            snapshot: None,
        }
    }

    #[tokio::test]
    async fn appends_are_durable_and_fenced_by_the_last_seq() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = SqliteStore::open(dir.path()).unwrap();
            store.append(batch("a", 0, 1..=3)).await.unwrap();
            store.append(batch("b", 0, 1..=1)).await.unwrap();
            let stale = store.append(batch("a", 2, 3..=3)).await;
            assert!(matches!(
                stale,
                Err(StoreError::Conflict {
                    expected: 2,
                    actual: 3,
                    ..
                })
            ));
            let mut with_snapshot = batch("a", 3, 4..=5);
            with_snapshot.snapshot = Some("state at 5".into());
            store.append(with_snapshot).await.unwrap();
            store.append(batch("a", 5, 6..=6)).await.unwrap();
        }
        // Reopened: everything acknowledged is there, from the snapshot on.
        let store = SqliteStore::open(dir.path()).unwrap();
        let a = store.load(&MeetingId::new("a"), 0).unwrap();
        assert_eq!(a.snapshot, Some((5, "state at 5".to_owned())));
        assert_eq!(a.events.iter().map(|e| e.seq).collect::<Vec<_>>(), [6]);
        let a = store.load(&MeetingId::new("a"), 3).unwrap();
        assert_eq!(
            a.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [4, 5, 6]
        );
        // Every event, snapshot or not.
        let all = store.all_events(&MeetingId::new("a")).unwrap();
        assert_eq!(
            all.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6]
        );
        assert_eq!(all[0].at, 10);
        assert!(store.all_events(&MeetingId::new("c")).unwrap().is_empty());
        let b = store.load(&MeetingId::new("b"), 10).unwrap();
        assert!(b.snapshot.is_none());
        assert_eq!(b.events.len(), 1);
        assert!(
            store
                .load(&MeetingId::new("c"), 10)
                .unwrap()
                .events
                .is_empty()
        );
    }

    #[tokio::test]
    async fn concurrent_batches_share_commits() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(SqliteStore::open(dir.path()).unwrap());
        let appends: Vec<_> = (0..200)
            .map(|i| store.append(batch(&format!("m{i}"), 0, 1..=1)))
            .collect();
        for append in appends {
            append.await.unwrap();
        }
        for i in [0, 199] {
            let meeting = store.load(&MeetingId::new(format!("m{i}")), 0).unwrap();
            assert_eq!(meeting.events.len(), 1);
        }
    }
}
