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
///
/// `KEYS[4]` is the batch's own key (`meeting:{id}:batch:{batch}`): the script records
/// there the seq it reached. When the key exists already the script writes nothing: it
/// answers `{1, seq}` for a batch that was written (the same request run twice), `{2, 0}`
/// for one that [`RESOLVE`] fenced off as abandoned.
const APPEND: &str = r"
local settled = redis.call('GET', KEYS[4])
if settled == 'abandoned' then
  return {2, 0}
elseif settled then
  return {1, tonumber(settled)}
end
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
redis.call('SET', KEYS[4], seq, 'EX', 86400)
redis.call('PUBLISH', KEYS[3], seq)
return {1, seq}
";

/// Settles the outcome of a batch whose reply was lost: `KEYS[1]` is its key. Returns the
/// seq it reached when it was written; otherwise marks it abandoned, so that the append
/// can no longer land if it is still on its way, and returns 0.
const RESOLVE: &str = r"
local written = redis.call('GET', KEYS[1])
if written then
  return tonumber(written)
end
redis.call('SET', KEYS[1], 'abandoned', 'EX', 86400)
return 0
";

/// How long a node keeps trying to learn whether a batch whose reply was lost was
/// written, before it gives up ([`StoreError::Unknown`]).
const RESOLVE_DEADLINE: Duration = Duration::from_secs(30);

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

fn batch_key(meeting: &MeetingId, batch: &str) -> String {
    format!("meeting:{meeting}:batch:{batch}")
}

/// Whether Redis may have run a request whose reply did not arrive: the connection
/// dropped or timed out after the request may have been sent. A refused connection or an
/// error reply means it did not run.
fn reply_may_be_lost(error: &redis::RedisError) -> bool {
    !error.is_connection_refusal()
        && (error.is_timeout() || error.is_connection_dropped() || error.is_io_error())
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
    resolve: Arc<redis::Script>,
    /// This node's batches are named `<node>-<count>`: unique across nodes and restarts.
    node: String,
    batches: Arc<std::sync::atomic::AtomicU64>,
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
            resolve: Arc::new(redis::Script::new(RESOLVE)),
            node: {
                let mut bytes = [0u8; 8];
                getrandom::fill(&mut bytes).expect("the OS provides randomness");
                format!("{:016x}", u64::from_le_bytes(bytes))
            },
            batches: Arc::default(),
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
        let resolve = self.resolve.clone();
        let number = self.batches.fetch_add(1, Ordering::Relaxed);
        let batch_id = format!("{}-{number}", self.node);
        Box::pin(async move {
            let meeting = batch.meeting;
            let batch_key = batch_key(&meeting, &batch_id);
            let mut invocation = script.prepare_invoke();
            invocation
                .key(events_key(&meeting))
                .key(snapshot_key(&meeting))
                .key(channel(&meeting))
                .key(&batch_key)
                .arg(batch.expected_last_seq)
                .arg(match (&batch.snapshot, batch.events.last()) {
                    (Some(snapshot), Some(last)) => format!("{}\n{snapshot}", last.seq),
                    _ => String::new(),
                });
            for event in &batch.events {
                invocation.arg(&event.json);
            }
            let (written, seq): (u8, u64) = match invocation.invoke_async(&mut connection).await {
                Ok(answer) => answer,
                Err(error) if reply_may_be_lost(&error) => {
                    tracing::warn!(%meeting, %error, "the reply to an append was lost: asking Redis");
                    return settle(&mut connection, &resolve, &batch_key).await;
                }
                Err(error) => return Err(unavailable(&error)),
            };
            match written {
                1 => Ok(()),
                0 => Err(StoreError::Conflict {
                    meeting,
                    expected: batch.expected_last_seq,
                    actual: seq,
                }),
                _ => Err(StoreError::Unavailable(
                    "the batch was abandoned before it arrived".into(),
                )),
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

/// Learns whether the batch at `batch_key`, whose reply was lost, was written: `Ok` when
/// it was, `Unavailable` when it was not (and then it never will be: [`RESOLVE`] fences it
/// off), [`StoreError::Unknown`] when Redis cannot be asked within [`RESOLVE_DEADLINE`].
async fn settle(
    connection: &mut ConnectionManager,
    resolve: &redis::Script,
    batch_key: &str,
) -> Result<(), StoreError> {
    let started = tokio::time::Instant::now();
    let mut pause = Duration::from_millis(50);
    loop {
        match resolve.key(batch_key).invoke_async::<u64>(connection).await {
            Ok(0) => {
                return Err(StoreError::Unavailable(
                    "the batch did not reach Redis".into(),
                ));
            }
            Ok(_) => return Ok(()),
            Err(error) if started.elapsed() >= RESOLVE_DEADLINE => {
                return Err(StoreError::Unknown(format!("redis: {error}")));
            }
            Err(_) => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(1));
            }
        }
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
