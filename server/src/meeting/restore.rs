//! Rebuilding a meeting from its log when the server starts (or first hosts it): the
//! latest snapshot and the events after it, folded, and the most recent events kept for
//! clients that resume.

use crate::limits::Limits;
use crate::store::{EventStore, StoreError, StoredEvent};
use protocol::{MeetingState, ServerMessage};

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
