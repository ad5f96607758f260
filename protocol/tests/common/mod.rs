//! What the fold tests share.

use protocol::{Event, EventEnvelope, MeetingState};

/// Folds `events` one by one with seqs following the state's, checking each succeeds.
/// Event `n` happens at `n` seconds.
pub fn check(state: &mut MeetingState, events: Vec<Event>) {
    for event in events {
        let envelope = EventEnvelope {
            seq: state.seq + 1,
            at: 1_000 * (state.seq + 1),
            actor: None,
            event,
        };
        state.apply(&envelope).unwrap();
    }
}
