//! What the fold tests share.

use protocol::{Event, MeetingState};

/// Folds `events` one by one with seqs following the state's, checking each succeeds.
/// Event `n` happens at `n` seconds.
pub fn check(state: &mut MeetingState, events: Vec<Event>) {
    for event in events {
        let envelope = state.next_envelope(1_000 * (state.seq + 1), None, event);
        state.apply(&envelope).unwrap();
    }
}
