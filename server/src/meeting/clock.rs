//! The meeting's server time. Event times follow the runtime's clock from the moment the
//! actor started, so that its timers (coalescing, handover lapses, the dead-air watchdog)
//! and the times its events carry agree, also under tokio's paused clock in tests.

use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant as TokioInstant;

/// Milliseconds since the Unix epoch: the server time that events carry.
pub fn unix_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

/// Server time (ms since the Unix epoch) and the runtime's clock, taken together once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clock {
    /// Server time when the actor started.
    epoch_ms: u64,
    /// The runtime's clock at the same moment.
    epoch: TokioInstant,
}

impl Clock {
    /// A clock that starts now.
    pub(super) fn start() -> Self {
        Self {
            epoch_ms: unix_millis(),
            epoch: TokioInstant::now(),
        }
    }

    /// Server time now, in milliseconds since the Unix epoch, on the runtime's clock.
    pub(super) fn now_ms(&self) -> u64 {
        self.epoch_ms + u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The runtime instant of server time `ms` (the start, for times before it).
    pub(super) fn instant_of(&self, ms: u64) -> TokioInstant {
        self.epoch + Duration::from_millis(ms.saturating_sub(self.epoch_ms))
    }

    /// How long the actor has run, on the runtime's clock.
    pub(super) fn elapsed(&self) -> Duration {
        self.epoch.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::Clock;
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn server_time_follows_the_runtime_clock() {
        let clock = Clock::start();
        let started = clock.now_ms();
        tokio::time::advance(Duration::from_millis(1_500)).await;
        assert_eq!(clock.now_ms(), started + 1_500);
        assert_eq!(clock.elapsed(), Duration::from_millis(1_500));
    }

    #[tokio::test(start_paused = true)]
    async fn instants_and_server_times_agree() {
        let clock = Clock::start();
        let at = clock.now_ms() + 250;
        assert_eq!(
            clock.instant_of(at) - clock.instant_of(clock.now_ms()),
            Duration::from_millis(250)
        );
        // A time before the start is the start: a timer for it fires at once.
        assert_eq!(clock.instant_of(0), clock.instant_of(clock.now_ms()));
    }
}
