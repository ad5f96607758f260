//! The recent events, encoded, that a reconnecting client may resume from: bounded in
//! number ([`Limits::retention_events`]) and in age ([`Limits::retention_age`]). A client
//! whose last seq is older than the oldest kept gets a fresh snapshot instead.

use super::subscribers::Audience;
use crate::limits::Limits;
use crate::store::StoredEvent;
use protocol::ServerMessage;
use std::collections::VecDeque;
use tokio_tungstenite::tungstenite::Utf8Bytes;

/// One kept event.
pub(super) struct Kept {
    pub(super) seq: u64,
    /// Whether only managers get the event (not replayed to summaries).
    pub(super) managers_only: bool,
    /// Server time of the event, milliseconds since the Unix epoch.
    pub(super) at: u64,
    /// The event as sent, shared with the queues it went to.
    pub(super) bytes: Utf8Bytes,
}

/// Recent events, oldest first.
pub(super) struct History {
    kept: VecDeque<Kept>,
    /// The most events kept.
    max_events: usize,
    /// Events older than this (ms) are forgotten.
    max_age_ms: u64,
}

impl History {
    /// The history of a restored meeting: its most recent stored events.
    pub(super) fn restored(recent: Vec<StoredEvent>, limits: &Limits) -> Self {
        let kept = recent
            .into_iter()
            .map(|event| Kept {
                seq: event.seq,
                managers_only: ServerMessage::decode(&event.json).is_ok_and(|message| {
                    matches!(message, ServerMessage::Event(envelope) if envelope.event.for_managers_only())
                }),
                at: event.at,
                bytes: event.json.into(),
            })
            .collect();
        Self {
            kept,
            max_events: limits.retention_events,
            max_age_ms: u64::try_from(limits.retention_age.as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// Keeps a committed event, and forgets what is now beyond the bounds.
    pub(super) fn push(&mut self, kept: Kept, now_ms: u64) {
        self.kept.push_back(kept);
        self.forget_expired(now_ms);
    }

    /// Forgets the events beyond the bounds: the oldest first.
    pub(super) fn forget_expired(&mut self, now_ms: u64) {
        let oldest_kept = now_ms.saturating_sub(self.max_age_ms);
        while self.kept.len() > self.max_events
            || self.kept.front().is_some_and(|kept| kept.at < oldest_kept)
        {
            self.kept.pop_front();
        }
    }

    /// The encoded events after `since` for `audience`, if all of them are still kept
    /// (`seq` is where the meeting stands). A summary audience gets the events outside
    /// the list of speakers only (a view follows).
    pub(super) fn after(&self, since: u64, seq: u64, audience: Audience) -> Option<Vec<Utf8Bytes>> {
        if since > seq {
            return None;
        }
        if since == seq {
            return Some(Vec::new());
        }
        let oldest = self.kept.front()?.seq;
        if since + 1 < oldest {
            return None;
        }
        let skip = usize::try_from(since + 1 - oldest).ok()?;
        Some(
            self.kept
                .iter()
                .skip(skip)
                .filter(|kept| audience == Audience::Managers || !kept.managers_only)
                .map(|kept| kept.bytes.clone())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Audience, History, Kept};
    use crate::limits::Limits;
    use std::time::Duration;

    fn history(max_events: usize, max_age: Duration) -> History {
        let limits = Limits {
            retention_events: max_events,
            retention_age: max_age,
            ..Limits::default()
        };
        History::restored(Vec::new(), &limits)
    }

    fn kept(seq: u64, managers_only: bool, at: u64) -> Kept {
        Kept {
            seq,
            managers_only,
            at,
            bytes: format!("event {seq}").into(),
        }
    }

    fn texts(
        events: Option<Vec<tokio_tungstenite::tungstenite::Utf8Bytes>>,
    ) -> Option<Vec<String>> {
        events.map(|events| {
            events
                .iter()
                .map(|bytes| bytes.as_str().to_owned())
                .collect()
        })
    }

    #[test]
    fn resumes_from_what_is_kept_only() {
        let mut history = history(3, Duration::from_secs(60));
        for seq in 1..=5 {
            history.push(kept(seq, false, 1_000), 1_000);
        }
        // Events 3 to 5 are kept: a client at 2 may resume, a client at 1 may not.
        assert_eq!(
            texts(history.after(2, 5, Audience::Summary)),
            Some(vec!["event 3".into(), "event 4".into(), "event 5".into()])
        );
        assert_eq!(texts(history.after(1, 5, Audience::Summary)), None);
        // Up to date: nothing to replay. Ahead of the meeting: not this meeting's seq.
        assert_eq!(
            texts(history.after(5, 5, Audience::Summary)),
            Some(Vec::new())
        );
        assert_eq!(texts(history.after(6, 5, Audience::Summary)), None);
    }

    #[test]
    fn summaries_are_not_replayed_the_list_of_speakers() {
        let mut history = history(10, Duration::from_secs(60));
        history.push(kept(1, true, 0), 0);
        history.push(kept(2, false, 0), 0);
        assert_eq!(
            texts(history.after(0, 2, Audience::Summary)),
            Some(vec!["event 2".into()])
        );
        assert_eq!(
            texts(history.after(0, 2, Audience::Managers)),
            Some(vec!["event 1".into(), "event 2".into()])
        );
    }

    #[test]
    fn old_events_are_forgotten() {
        let mut history = history(10, Duration::from_secs(2));
        history.push(kept(1, false, 1_000), 1_000);
        history.push(kept(2, false, 2_500), 2_500);
        history.forget_expired(3_500);
        assert_eq!(texts(history.after(0, 2, Audience::Managers)), None);
        assert_eq!(
            texts(history.after(1, 2, Audience::Managers)),
            Some(vec!["event 2".into()])
        );
    }
}
