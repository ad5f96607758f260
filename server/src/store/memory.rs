//! An event log in memory: the same conditional appends as the durable stores, nothing
//! kept across a restart. For the actor's own tests (which run under a paused clock,
//! where a writer thread would let time jump) and for trying the service out.

use super::{AppendBatch, AppendFuture, EventStore, StoreError, StoredEvent, StoredMeeting};
use protocol::MeetingId;
use std::collections::HashMap;
use std::sync::Mutex;

/// Each meeting's events and latest snapshot, in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    meetings: Mutex<HashMap<MeetingId, StoredMeeting>>,
}

impl EventStore for MemoryStore {
    fn append(&self, batch: AppendBatch) -> AppendFuture {
        let mut meetings = self
            .meetings
            .lock()
            .expect("the store lock is never poisoned");
        let stored = meetings.entry(batch.meeting.clone()).or_default();
        let last = stored.events.last().map_or(0, |event| event.seq);
        let result = if last == batch.expected_last_seq {
            if let (Some(snapshot), Some(event)) = (batch.snapshot, batch.events.last()) {
                stored.snapshot = Some((event.seq, snapshot));
            }
            stored.events.extend(batch.events);
            Ok(())
        } else {
            Err(StoreError::Conflict {
                meeting: batch.meeting,
                expected: batch.expected_last_seq,
                actual: last,
            })
        };
        Box::pin(std::future::ready(result))
    }

    fn load(&self, meeting: &MeetingId, _recent: usize) -> Result<StoredMeeting, StoreError> {
        let meetings = self
            .meetings
            .lock()
            .expect("the store lock is never poisoned");
        Ok(meetings.get(meeting).cloned().unwrap_or_default())
    }

    fn all_events(&self, meeting: &MeetingId) -> Result<Vec<StoredEvent>, StoreError> {
        Ok(self.load(meeting, 0)?.events)
    }
}
