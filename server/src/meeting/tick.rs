//! When the coalesced tick is due, and what the last one told. However many hands go
//! up, each attendee gets at most one view of the list of speakers per
//! [`Limits::coalesce_interval`](crate::limits::Limits::coalesce_interval): the first
//! change after a quiet interval goes out at once, later ones at the interval's end.
//! What the tick sends is in `views.rs`.

use std::time::Duration;
use tokio::time::Instant as TokioInstant;

/// What estimated waits are worked out from besides positions: whether the meeting has
/// started (before, no wait is estimated), the list in use (its item's: a request
/// carried over to the next item may keep its id and position), the speech in progress
/// and the list's speaking-time limit. Clients count a wait down from these between two
/// `your_requests`; when they change, everyone waiting is told anew.
pub(super) type WaitBasis = (
    bool,
    Option<protocol::ItemId>,
    Option<protocol::Speaker>,
    Option<u32>,
);

/// When the coalesced tick (views, presence, roster) is due.
#[derive(Debug, Default)]
pub(super) struct Tick {
    /// When the tick is due, if anything waits for it.
    pub(super) due: Option<TokioInstant>,
    /// Whether the list of speakers changed since the last view (a tick may be due for
    /// the presence or roster only).
    pub(super) view_changed: bool,
    /// When the last tick went out.
    last: Option<TokioInstant>,
    /// What the estimated waits last told in `your_requests` were worked out from.
    pub(super) waits_told_from: WaitBasis,
}

impl Tick {
    /// Makes the tick due, if it is not already: now if none went out in the last
    /// `interval`, else at the interval's end.
    pub(super) fn schedule(&mut self, now: TokioInstant, interval: Duration) {
        if self.due.is_none() {
            let earliest = self.last.map_or(now, |last| last + interval);
            self.due = Some(earliest.max(now));
        }
    }

    /// Whether the tick is due at `now`.
    pub(super) fn is_due(&self, now: TokioInstant) -> bool {
        self.due.is_some_and(|due| due <= now)
    }

    /// Records that the tick went out at `now`.
    pub(super) fn done(&mut self, now: TokioInstant) {
        self.due = None;
        self.last = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::Tick;
    use std::time::Duration;
    use tokio::time::Instant;

    const INTERVAL: Duration = Duration::from_millis(50);

    #[test]
    fn the_first_change_after_a_quiet_interval_goes_out_at_once() {
        let now = Instant::now();
        let mut tick = Tick::default();
        tick.schedule(now, INTERVAL);
        assert!(tick.is_due(now));
        tick.done(now);
        assert!(!tick.is_due(now + INTERVAL * 10));
        // Long after the last tick: at once again.
        let later = now + INTERVAL * 10;
        tick.schedule(later, INTERVAL);
        assert_eq!(tick.due, Some(later));
    }

    #[test]
    fn changes_within_the_interval_wait_for_its_end() {
        let now = Instant::now();
        let mut tick = Tick::default();
        tick.schedule(now, INTERVAL);
        tick.done(now);
        let soon = now + Duration::from_millis(10);
        tick.schedule(soon, INTERVAL);
        assert_eq!(tick.due, Some(now + INTERVAL));
        assert!(!tick.is_due(soon));
        // A second change in the same interval does not move the tick.
        tick.schedule(soon + Duration::from_millis(5), INTERVAL);
        assert_eq!(tick.due, Some(now + INTERVAL));
        assert!(tick.is_due(now + INTERVAL));
    }
}
