//! The connection's rules, free of the browser so that they are unit-tested natively:
//! when to reconnect and how long to wait, and how the invite link carries the token.

use crate::i18n::Key;
use protocol::close;
use std::time::Duration;

/// The first reconnect waits up to this long; each failed attempt doubles it.
pub const FIRST_RETRY: Duration = Duration::from_millis(500);
/// Reconnects never wait longer than this.
pub const MAX_RETRY: Duration = Duration::from_secs(10);

/// Exponential backoff with jitter, reset by each successful `welcome`.
#[derive(Debug, Clone, Default)]
pub struct Backoff {
    /// Attempts since the last welcome.
    failures: u32,
}

impl Backoff {
    /// The wait before the next attempt, given a random number in `[0, 1)`. The ceiling
    /// doubles from [`FIRST_RETRY`] to [`MAX_RETRY`]; the wait is drawn from its upper
    /// half, so that clients dropped together (a server restart) do not all come back in
    /// the same millisecond, yet none retries in a tight loop.
    pub fn next_delay(&mut self, random: f64) -> Duration {
        let exponent = self.failures.min(16);
        self.failures = self.failures.saturating_add(1);
        let ceiling = FIRST_RETRY.saturating_mul(1 << exponent).min(MAX_RETRY);
        ceiling.mul_f64(0.5 + 0.5 * random.clamp(0.0, 1.0))
    }

    /// Forgets past failures (after a welcome).
    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

/// What to do after the server closed the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterClose {
    /// Try again later, resuming from the last seq seen.
    Reconnect,
    /// Stop: the person must act first. Carries what to tell them.
    GiveUp {
        /// The explanation to show.
        reason: Key,
        /// Whether the kept token is useless now (so a reload asks for the invite link).
        forget_token: bool,
    },
}

/// Decides from a WebSocket close code. Codes for which the protocol says not to
/// reconnect (a refused or expired token, an unsupported version, too many tabs) stop
/// with a clear message, so that the client never hammers the server in a loop.
pub fn after_close(code: u16) -> AfterClose {
    if close::should_reconnect(code) {
        return AfterClose::Reconnect;
    }
    let (reason, forget_token) = match code {
        close::UNAUTHORIZED => (Key::InvalidInvite, true),
        close::TOKEN_EXPIRED => (Key::SessionExpired, true),
        close::UNSUPPORTED_VERSION => (Key::OutdatedClient, false),
        close::TOO_MANY_CONNECTIONS => (Key::TooManyConnections, false),
        close::LINK_REVOKED => (Key::LinkRevoked, true),
        _ => (Key::CannotJoin, false),
    };
    AfterClose::GiveUp {
        reason,
        forget_token,
    }
}

/// The token in an invite link's fragment: `#token=…`, possibly among other
/// `&`-separated parameters. Browsers never send the fragment to the server.
pub fn token_from_fragment(fragment: &str) -> Option<&str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|token| !token.is_empty())
}

/// The fragment with the token removed (other parameters kept), for the address bar.
pub fn fragment_without_token(fragment: &str) -> String {
    let rest: Vec<&str> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("token="))
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!("#{}", rest.join("&"))
    }
}

/// How long before its token expires the page tells the viewer that their session is
/// ending, so that they open their invite link again (which renews it, `refresh_token`)
/// while it still works.
pub const SESSION_WARNING_SECONDS: u64 = 10 * 60;

/// Whole minutes left (at least 1 while any time is left, 0 after) in a session whose
/// token expires at `ends_at` (Unix seconds), at server time `now_ms`, once fewer than
/// [`SESSION_WARNING_SECONDS`] are left; `None` before.
pub fn session_minutes_left(now_ms: u64, ends_at: u64) -> Option<u64> {
    let left_ms = (ends_at * 1000).saturating_sub(now_ms);
    (left_ms <= SESSION_WARNING_SECONDS * 1000).then(|| left_ms.div_ceil(60_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_a_ceiling_with_jitter_and_resets() {
        let mut backoff = Backoff::default();
        let waits: Vec<u128> = (0..8)
            .map(|_| backoff.next_delay(1.0).as_millis())
            .collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
        backoff.reset();
        assert_eq!(backoff.next_delay(0.0).as_millis(), 250);
        assert_eq!(backoff.next_delay(0.5).as_millis(), 750);
        for _ in 0..100 {
            assert!(backoff.next_delay(0.99) <= MAX_RETRY);
        }
    }

    #[test]
    fn refusals_stop_and_other_closes_reconnect() {
        for code in [
            1000,
            1001,
            1006,
            1012,
            close::HEARTBEAT_TIMEOUT,
            close::SLOW_CONSUMER,
        ] {
            assert_eq!(after_close(code), AfterClose::Reconnect, "code {code}");
        }
        assert_eq!(
            after_close(close::UNAUTHORIZED),
            AfterClose::GiveUp {
                reason: Key::InvalidInvite,
                forget_token: true
            }
        );
        assert!(matches!(
            after_close(close::UNSUPPORTED_VERSION),
            AfterClose::GiveUp {
                reason: Key::OutdatedClient,
                ..
            }
        ));
        assert!(matches!(
            after_close(close::TOKEN_EXPIRED),
            AfterClose::GiveUp {
                forget_token: true,
                ..
            }
        ));
        assert!(matches!(
            after_close(close::TOO_MANY_CONNECTIONS),
            AfterClose::GiveUp { .. }
        ));
        assert_eq!(
            after_close(close::LINK_REVOKED),
            AfterClose::GiveUp {
                reason: Key::LinkRevoked,
                forget_token: true
            }
        );
    }

    #[test]
    fn the_token_is_read_from_the_fragment_and_removed() {
        assert_eq!(token_from_fragment("#token=abc.def"), Some("abc.def"));
        assert_eq!(token_from_fragment("#lang=fr&token=xyz"), Some("xyz"));
        assert_eq!(token_from_fragment("#token="), None);
        assert_eq!(token_from_fragment(""), None);
        assert_eq!(token_from_fragment("#agenda"), None);
        assert_eq!(fragment_without_token("#token=abc"), "");
        assert_eq!(fragment_without_token("#lang=fr&token=xyz"), "#lang=fr");
    }

    #[test]
    fn the_session_warning_starts_ten_minutes_before_the_token_expires() {
        let ends_at = 1_000_000;
        let at = |seconds_left: u64| (ends_at - seconds_left) * 1000;
        assert_eq!(session_minutes_left(at(601), ends_at), None);
        assert_eq!(session_minutes_left(at(600), ends_at), Some(10));
        assert_eq!(session_minutes_left(at(299), ends_at), Some(5));
        assert_eq!(session_minutes_left(at(1), ends_at), Some(1));
        assert_eq!(
            session_minutes_left(ends_at * 1000 + 3_000, ends_at),
            Some(0)
        );
    }
}
