//! Time on the client: the server's clock as estimated from what it sends, the
//! speaking-time countdown rendered from a [`Speaker`]'s timer, and reading a speaking
//! time typed by the chair.
//!
//! The server sends no message per second: a speech carries when it started, its limit
//! and its pauses, and every client counts down by itself once a second. Browsers'
//! clocks are off by seconds or minutes, so the countdown runs on the server's clock as
//! estimated by [`ServerClock`].

use crate::i18n::{self, Key};
use protocol::Speaker;

use protocol::limits::SPEAKING_TIME_RANGE;

/// The estimated difference between the server's clock and the browser's.
///
/// Every server time the client learns *as it happens* (an event's `at` received live,
/// a new speech's `since` in a fresh `queue` view) is at most the server's time at
/// arrival, since it was stamped before it travelled. So each such sample gives a lower
/// bound of the offset, and the largest seen is the best estimate. Times replayed after
/// a reconnect are old, would drag the estimate down, and are not samples.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ServerClock {
    /// Server minus browser, in milliseconds; `None` until the first sample, when the
    /// browser's clock is trusted as it is.
    offset_ms: Option<f64>,
}

impl ServerClock {
    /// Takes note of server time `server_ms` seen at browser time `local_ms`.
    pub fn observe(self, server_ms: u64, local_ms: f64) -> Self {
        let sample = server_ms as f64 - local_ms;
        Self {
            offset_ms: Some(self.offset_ms.map_or(sample, |offset| offset.max(sample))),
        }
    }

    /// The server's time, in milliseconds since the Unix epoch, at browser time `local_ms`.
    pub fn server_time(self, local_ms: f64) -> u64 {
        (local_ms + self.offset_ms.unwrap_or(0.0)).max(0.0) as u64
    }
}

/// The server time at which the floor changed between two `queue` views, if it did:
/// the start of a new speech, the start of a pause, or the end of one (worked out from
/// the pause's length). Views come within a coalescing interval of the change, so these
/// are samples for the [`ServerClock`].
pub fn floor_change_time(before: Option<&Speaker>, after: Option<&Speaker>) -> Option<u64> {
    let after = after?;
    let Some(before) = before
        .filter(|before| before.participant == after.participant && before.since == after.since)
    else {
        return Some(after.since);
    };
    match (before.paused_at, after.paused_at) {
        (None, Some(paused_at)) => Some(paused_at),
        (Some(paused_at), None) => {
            Some(paused_at + after.paused_ms.saturating_sub(before.paused_ms))
        }
        _ => None,
    }
}

/// What the countdown of a speech shows at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloorTimer {
    /// Milliseconds spoken, pauses excluded.
    pub spoken_ms: u64,
    /// Milliseconds left (negative once overrun), when there is a limit.
    pub remaining_ms: Option<i64>,
    /// Whether the chair paused the timer.
    pub paused: bool,
}

impl FloorTimer {
    /// The timer of `speaker` at server time `now`.
    pub fn of(speaker: &Speaker, now: u64) -> Self {
        Self {
            spoken_ms: speaker.spoken_ms(now),
            remaining_ms: speaker.remaining_ms(now),
            paused: speaker.paused_at.is_some(),
        }
    }

    /// Whether the speaker has gone past their limit.
    pub fn overrun(&self) -> bool {
        self.remaining_ms.is_some_and(|left| left < 0)
    }

    /// `data-state` of `#floor-timer`: `paused`, `overrun` or `running`.
    pub fn state(&self) -> &'static str {
        if self.paused {
            "paused"
        } else if self.overrun() {
            "overrun"
        } else {
            "running"
        }
    }

    /// "2:35 left", "+0:12 over", or "Speaking for 1:05" without a limit. Partial seconds
    /// count as whole ones, so that "0:00 left" shows only when the time is up.
    pub fn text(&self) -> String {
        match self.remaining_ms {
            None => i18n::speaking_for(self.spoken_ms / 1000),
            Some(left) if left < 0 => i18n::time_over(whole_seconds_up(left.unsigned_abs())),
            Some(left) => i18n::time_left(whole_seconds_up(left.unsigned_abs())),
        }
    }
}

fn whole_seconds_up(ms: u64) -> u64 {
    ms.div_ceil(1000)
}

/// Reads a speaking time as the chair types it: `3:00`, `0:45` or whole minutes (`3`).
/// Empty means the meeting's default (`Ok(None)`).
///
/// # Errors
///
/// [`Key::SpeakingTimeInvalid`] for anything else, or a time outside
/// [`SPEAKING_TIME_RANGE`].
pub fn parse_speaking_time(text: &str) -> Result<Option<u32>, Key> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = |part: &str| -> Result<u32, Key> {
        let part = part.trim();
        if part.is_empty() || !part.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(Key::SpeakingTimeInvalid);
        }
        part.parse().map_err(|_| Key::SpeakingTimeInvalid)
    };
    let seconds = match text.split_once(':') {
        Some((minutes, seconds)) => {
            let seconds = number(seconds)?;
            if seconds >= 60 {
                return Err(Key::SpeakingTimeInvalid);
            }
            number(minutes)?
                .checked_mul(60)
                .and_then(|minutes| minutes.checked_add(seconds))
        }
        None => number(text)?.checked_mul(60),
    }
    .ok_or(Key::SpeakingTimeInvalid)?;
    if SPEAKING_TIME_RANGE.contains(&seconds) {
        Ok(Some(seconds))
    } else {
        Err(Key::SpeakingTimeInvalid)
    }
}

/// A speaking time as the chair's field shows it: `3:00`.
pub fn format_speaking_time(seconds: Option<u32>) -> String {
    seconds.map_or_else(String::new, |seconds| i18n::clock_time(u64::from(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{ItemId, ParticipantId, RequestKind};

    fn speaker(since: u64, limit_seconds: Option<u32>) -> Speaker {
        Speaker {
            participant: ParticipantId::new("peru"),
            name: "Peru".into(),
            delegation: None,
            item: ItemId::new("one"),
            request: None,
            kind: RequestKind::Intervention,
            language: None,
            since,
            limit_seconds,
            paused_at: None,
            paused_ms: 0,
        }
    }

    #[test]
    fn the_clock_keeps_the_largest_lower_bound() {
        let clock = ServerClock::default();
        assert_eq!(
            clock.server_time(1000.0),
            1000,
            "no sample: the browser's clock"
        );
        // The server is 5 s ahead; samples arrive 100 ms and 20 ms after they were stamped.
        let clock = clock.observe(105_900, 101_000.0);
        assert_eq!(clock.server_time(101_000.0), 105_900);
        let clock = clock.observe(110_980, 106_000.0);
        assert_eq!(clock.server_time(106_000.0), 110_980);
        // A late sample does not drag the estimate down.
        let clock = clock.observe(100_000, 107_000.0);
        assert_eq!(clock.server_time(107_000.0), 111_980);
        // A browser ahead of the server.
        let behind = ServerClock::default().observe(50_000, 60_000.0);
        assert_eq!(behind.server_time(61_000.0), 51_000);
    }

    #[test]
    fn floor_changes_give_their_time() {
        let first = speaker(1_000, Some(60));
        assert_eq!(floor_change_time(None, Some(&first)), Some(1_000));
        assert_eq!(floor_change_time(Some(&first), Some(&first)), None);
        assert_eq!(floor_change_time(Some(&first), None), None);
        let mut paused = first.clone();
        paused.paused_at = Some(5_000);
        assert_eq!(floor_change_time(Some(&first), Some(&paused)), Some(5_000));
        let mut resumed = first.clone();
        resumed.paused_ms = 2_500;
        assert_eq!(
            floor_change_time(Some(&paused), Some(&resumed)),
            Some(7_500)
        );
        let next = speaker(9_000, Some(60));
        assert_eq!(floor_change_time(Some(&resumed), Some(&next)), Some(9_000));
    }

    #[test]
    fn the_countdown_shows_time_left_overrun_and_pauses() {
        let check = |speaker: &Speaker, now: u64, text: &str, state: &str| {
            let timer = FloorTimer::of(speaker, now);
            assert_eq!(
                (timer.text().as_str(), timer.state()),
                (text, state),
                "at {now}"
            );
        };
        let limited = speaker(10_000, Some(180));
        check(&limited, 10_000, "3:00 left", "running");
        check(&limited, 35_500, "2:35 left", "running");
        check(&limited, 190_000, "0:00 left", "running");
        check(&limited, 190_001, "+0:01 over", "overrun");
        check(&limited, 202_000, "+0:12 over", "overrun");
        let mut paused = limited.clone();
        paused.paused_at = Some(70_000);
        check(&paused, 500_000, "2:00 left", "paused");
        assert_eq!(FloorTimer::of(&paused, 500_000).remaining_ms, Some(120_000));
        let open = speaker(10_000, None);
        check(&open, 75_000, "Speaking for 1:05", "running");
        // A browser clock behind the speech's start shows no negative time.
        check(&open, 9_000, "Speaking for 0:00", "running");
    }

    #[test]
    fn speaking_times_are_read_as_minutes_and_seconds() {
        assert_eq!(parse_speaking_time(" 3:00 "), Ok(Some(180)));
        assert_eq!(parse_speaking_time("0:45"), Ok(Some(45)));
        assert_eq!(parse_speaking_time("2"), Ok(Some(120)));
        assert_eq!(parse_speaking_time(""), Ok(None));
        assert_eq!(parse_speaking_time("60:00"), Ok(Some(3600)));
        for bad in [
            "0:05",
            "61",
            "1:60",
            "abc",
            "-1",
            "1:",
            ":30",
            "1:2:3",
            "99999999999",
        ] {
            assert_eq!(
                parse_speaking_time(bad),
                Err(Key::SpeakingTimeInvalid),
                "{bad}"
            );
        }
        assert_eq!(format_speaking_time(Some(90)), "1:30");
        assert_eq!(format_speaking_time(None), "");
    }
}
