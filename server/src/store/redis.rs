//! The event log in Redis, shared by several server nodes.
//!
//! Each meeting has a list of its events (`meeting:{id}:events`, element `n` is the
//! encoded event of seq `n + 1`), its latest snapshot (`meeting:{id}:snapshot`, the seq,
//! a newline, the state as JSON) and a channel (`meeting:{id}:appended`) on which every
//! append announces the seq it reached. Appending is one Lua script, so it is atomic on
//! the Redis server: the events go in only if the list still ends at the seq the writer
//! expects, else the writer learns the actual end ([`StoreError::Conflict`]), catches up
//! and decides again. That is how one authority at a time orders each meeting's
//! commands, whichever node they reach, with no seq used twice or skipped.
//!
//! Meetings created through the meetings API keep their files in the hash
//! `meetings:files`, so that every node can host them when their people arrive.
//!
//! Durability is Redis's: run it with `appendonly yes` and `appendfsync always` so that an
//! acknowledged event survives a Redis restart.
//!
//! When Redis is out of reach, appends fail (the meeting answers `unavailable` and
//! changes nothing), `/readyz` reports not ready, and the connections come back by
//! themselves (the connection manager reconnects; the subscription retries with backoff
//! and then tells every meeting to look for what it missed).

use super::{
    AppendBatch, AppendFuture, EventStore, EventsFuture, StoreError, StoredEvent, StoredMeeting,
    TextFuture,
};
use protocol::{MeetingId, ServerMessage};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

/// The conditional append: `KEYS` are the events list, the snapshot and the channel;
/// `ARGV` the expected last seq, the snapshot (empty for none) and the events. Returns
/// `{1, seq}` when written, `{0, actual}` when the list no longer ends where expected.
const APPEND: &str = r"
local last = redis.call('LLEN', KEYS[1])
if last ~= tonumber(ARGV[1]) then
  return {0, last}
end
for i = 3, #ARGV do
  redis.call('RPUSH', KEYS[1], ARGV[i])
end
local seq = last + #ARGV - 2
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2])
end
redis.call('PUBLISH', KEYS[3], seq)
return {1, seq}
";

/// The hash of the meeting files created through the meetings API, by meeting id.
const MEETING_FILES: &str = "meetings:files";

/// How long one Redis request may take before the store reports itself unavailable.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);

/// How often the store checks that Redis answers, for `/readyz`.
const HEALTH_INTERVAL: Duration = Duration::from_millis(500);

/// The longest wait between two attempts to subscribe again.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

type Watchers = Arc<Mutex<HashMap<MeetingId, Vec<mpsc::UnboundedSender<u64>>>>>;

/// A meeting's keys.
fn events_key(meeting: &MeetingId) -> String {
    format!("meeting:{meeting}:events")
}

fn snapshot_key(meeting: &MeetingId) -> String {
    format!("meeting:{meeting}:snapshot")
}

fn channel(meeting: &MeetingId) -> String {
    format!("meeting:{meeting}:appended")
}

/// The meeting of an `appended` channel.
fn meeting_of(channel: &str) -> Option<MeetingId> {
    channel
        .strip_prefix("meeting:")?
        .strip_suffix(":appended")
        .map(MeetingId::new)
}

fn unavailable(error: &redis::RedisError) -> StoreError {
    StoreError::Unavailable(format!("redis: {error}"))
}

/// The event log in Redis.
pub struct RedisStore {
    client: redis::Client,
    connection: ConnectionManager,
    script: Arc<redis::Script>,
    ready: Arc<AtomicBool>,
    watchers: Watchers,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedisStore(..)")
    }
}

impl RedisStore {
    /// Connects to Redis at `url` (`redis://host:port/db`) and starts watching the
    /// meetings' appends. Call it within a tokio runtime.
    ///
    /// # Errors
    ///
    /// [`StoreError::Unavailable`] when the address is wrong or Redis does not answer.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|error| unavailable(&error))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(RESPONSE_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_number_of_retries(1);
        let connection = client
            .get_connection_manager_with_config(config)
            .await
            .map_err(|error| unavailable(&error))?;
        let store = Self {
            client,
            connection,
            script: Arc::new(redis::Script::new(APPEND)),
            ready: Arc::new(AtomicBool::new(true)),
            watchers: Arc::default(),
        };
        tokio::spawn(health(store.connection.clone(), store.ready.clone()));
        tokio::spawn(subscribe(store.client.clone(), store.watchers.clone()));
        Ok(store)
    }

    /// A blocking connection, for reads at start-up and for reports.
    fn blocking(&self) -> Result<redis::Connection, StoreError> {
        let connection = self
            .client
            .get_connection_with_timeout(RESPONSE_TIMEOUT)
            .map_err(|error| unavailable(&error))?;
        connection
            .set_read_timeout(Some(RESPONSE_TIMEOUT))
            .map_err(|error| unavailable(&error))?;
        Ok(connection)
    }
}

/// Decodes list elements as events, the first being seq `first`.
fn decode(
    meeting: &MeetingId,
    first: u64,
    texts: Vec<String>,
) -> Result<Vec<StoredEvent>, StoreError> {
    texts
        .into_iter()
        .zip(first..)
        .map(|(json, seq)| match ServerMessage::decode(&json) {
            Ok(ServerMessage::Event(envelope)) if envelope.seq == seq => Ok(StoredEvent {
                seq,
                at: envelope.at,
                json,
            }),
            _ => Err(StoreError::Unavailable(format!(
                "the log of meeting `{meeting}` has an unreadable event at seq {seq}"
            ))),
        })
        .collect()
}

impl EventStore for RedisStore {
    fn append(&self, batch: AppendBatch) -> AppendFuture {
        let mut connection = self.connection.clone();
        let script = self.script.clone();
        Box::pin(async move {
            let meeting = batch.meeting;
            let mut invocation = script.prepare_invoke();
            invocation
                .key(events_key(&meeting))
                .key(snapshot_key(&meeting))
                .key(channel(&meeting))
                .arg(batch.expected_last_seq)
                .arg(match (&batch.snapshot, batch.events.last()) {
                    (Some(snapshot), Some(last)) => format!("{}\n{snapshot}", last.seq),
                    _ => String::new(),
                });
            for event in &batch.events {
                invocation.arg(&event.json);
            }
            let (written, seq): (u8, u64) = invocation
                .invoke_async(&mut connection)
                .await
                .map_err(|error| unavailable(&error))?;
            if written == 1 {
                Ok(())
            } else {
                Err(StoreError::Conflict {
                    meeting,
                    expected: batch.expected_last_seq,
                    actual: seq,
                })
            }
        })
    }

    fn load(&self, meeting: &MeetingId, recent: usize) -> Result<StoredMeeting, StoreError> {
        let mut connection = self.blocking()?;
        let snapshot: Option<String> = redis::cmd("GET")
            .arg(snapshot_key(meeting))
            .query(&mut connection)
            .map_err(|error| unavailable(&error))?;
        let snapshot = match snapshot {
            Some(text) => {
                let (seq, state) = text.split_once('\n').ok_or_else(|| {
                    StoreError::Unavailable(format!(
                        "the snapshot of meeting `{meeting}` is unreadable"
                    ))
                })?;
                let seq = seq.parse().map_err(|_| {
                    StoreError::Unavailable(format!(
                        "the snapshot of meeting `{meeting}` has no seq"
                    ))
                })?;
                Some((seq, state.to_owned()))
            }
            None => None,
        };
        let last: u64 = redis::cmd("LLEN")
            .arg(events_key(meeting))
            .query(&mut connection)
            .map_err(|error| unavailable(&error))?;
        let after = snapshot
            .as_ref()
            .map_or(0, |(seq, _)| *seq)
            .min(last.saturating_sub(recent as u64));
        let texts: Vec<String> = redis::cmd("LRANGE")
            .arg(events_key(meeting))
            .arg(after)
            .arg(-1)
            .query(&mut connection)
            .map_err(|error| unavailable(&error))?;
        let events = decode(meeting, after + 1, texts)?;
        Ok(StoredMeeting { snapshot, events })
    }

    fn all_events(&self, meeting: &MeetingId) -> Result<Vec<StoredEvent>, StoreError> {
        let mut connection = self.blocking()?;
        let texts: Vec<String> = redis::cmd("LRANGE")
            .arg(events_key(meeting))
            .arg(0)
            .arg(-1)
            .query(&mut connection)
            .map_err(|error| unavailable(&error))?;
        decode(meeting, 1, texts)
    }

    fn events_after(&self, meeting: &MeetingId, seq: u64) -> EventsFuture {
        let mut connection = self.connection.clone();
        let meeting = meeting.clone();
        Box::pin(async move {
            let texts: Vec<String> = redis::cmd("LRANGE")
                .arg(events_key(&meeting))
                .arg(seq)
                .arg(-1)
                .query_async(&mut connection)
                .await
                .map_err(|error| unavailable(&error))?;
            decode(&meeting, seq + 1, texts)
        })
    }

    fn watch(&self, meeting: &MeetingId) -> Option<mpsc::UnboundedReceiver<u64>> {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.watchers
            .lock()
            .expect("the watchers lock is never poisoned")
            .entry(meeting.clone())
            .or_default()
            .push(sender);
        Some(receiver)
    }

    fn save_meeting(&self, meeting: &MeetingId, text: &str) -> AppendFuture {
        let mut connection = self.connection.clone();
        let (meeting, text) = (meeting.to_string(), text.to_owned());
        Box::pin(async move {
            redis::cmd("HSET")
                .arg(MEETING_FILES)
                .arg(meeting)
                .arg(text)
                .query_async::<()>(&mut connection)
                .await
                .map_err(|error| unavailable(&error))
        })
    }

    fn saved_meeting(&self, meeting: &MeetingId) -> TextFuture {
        let mut connection = self.connection.clone();
        let meeting = meeting.to_string();
        Box::pin(async move {
            redis::cmd("HGET")
                .arg(MEETING_FILES)
                .arg(meeting)
                .query_async(&mut connection)
                .await
                .map_err(|error| unavailable(&error))
        })
    }

    fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }
}

/// Checks that Redis answers, for `/readyz`, until the store is dropped.
async fn health(mut connection: ConnectionManager, ready: Arc<AtomicBool>) {
    let mut was_ready = true;
    loop {
        tokio::time::sleep(HEALTH_INTERVAL).await;
        if Arc::strong_count(&ready) == 1 {
            return;
        }
        let answered = tokio::time::timeout(
            RESPONSE_TIMEOUT,
            redis::cmd("PING").query_async::<String>(&mut connection),
        )
        .await
        .is_ok_and(|pong| pong.is_ok());
        ready.store(answered, Ordering::Relaxed);
        if answered != was_ready {
            if answered {
                tracing::info!("redis answers again");
            } else {
                tracing::warn!("redis does not answer: not ready");
            }
            was_ready = answered;
        }
    }
}

/// Forwards every meeting's `appended` announcements to its watchers. When the
/// subscription breaks it tries again with backoff, then tells every watcher to look
/// (announcements made meanwhile were lost).
async fn subscribe(client: redis::Client, watchers: Watchers) {
    use futures_util::StreamExt as _;
    let mut backoff = Duration::from_millis(100);
    let mut first = true;
    loop {
        if Arc::strong_count(&watchers) == 1 {
            return;
        }
        let subscribed = async {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.psubscribe("meeting:*:appended").await?;
            Ok::<_, redis::RedisError>(pubsub)
        }
        .await;
        match subscribed {
            Ok(mut pubsub) => {
                backoff = Duration::from_millis(100);
                if !first {
                    tracing::info!("subscribed to the meetings' appends again");
                    announce(&watchers, None, 0);
                }
                first = false;
                let mut messages = pubsub.on_message();
                while let Some(message) = messages.next().await {
                    let Some(meeting) = meeting_of(message.get_channel_name()) else {
                        continue;
                    };
                    let seq = message.get_payload::<u64>().unwrap_or(0);
                    announce(&watchers, Some(&meeting), seq);
                }
                tracing::warn!("the subscription to the meetings' appends ended");
            }
            Err(error) => {
                tracing::warn!(%error, "cannot subscribe to the meetings' appends");
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Tells `meeting`'s watchers (every meeting's when `None`) that its log reached `seq`.
fn announce(watchers: &Watchers, meeting: Option<&MeetingId>, seq: u64) {
    let mut watchers = watchers
        .lock()
        .expect("the watchers lock is never poisoned");
    for (id, senders) in watchers.iter_mut() {
        if meeting.is_none_or(|meeting| meeting == id) {
            senders.retain(|sender| sender.send(seq).is_ok());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_name_their_meeting() {
        let meeting = MeetingId::new("victim-assistance-2020");
        assert_eq!(meeting_of(&channel(&meeting)), Some(meeting));
        assert_eq!(meeting_of("meeting:x:events"), None);
        assert_eq!(meeting_of("other:x:appended"), None);
    }
}
