//! Every limit the server enforces, in one place: those an operator may set ([`Limits`],
//! with their defaults and flags in `main.rs`), then the fixed ones, named constants that
//! the code and its tests share. Each has a test that crosses it.

use std::time::Duration;

/// The limits a server runs with.
#[derive(Debug, Clone)]
pub struct Limits {
    /// How long a new connection may take to say `hello`.
    pub hello_timeout: Duration,
    /// How often the server pings each connection. A connection that has sent nothing
    /// (not even a pong) for two intervals is closed.
    pub heartbeat_interval: Duration,
    /// Events older than this are no longer kept for clients that resume.
    pub retention_age: Duration,
    /// At most this many recent events are kept for clients that resume.
    pub retention_events: usize,
    /// Messages that may wait in one connection's outbound queue.
    pub outbound_messages: usize,
    /// Bytes that may wait in one connection's outbound queue.
    pub outbound_bytes: usize,
    /// The kernel's send buffer for each connection's socket. Bounded so that a client
    /// that stops reading is noticed after this much, not after the megabytes the kernel
    /// would otherwise buffer per socket (memory that tens of thousands of connections
    /// cannot afford).
    pub socket_send_buffer: usize,
    /// Connections one participant may have open to a meeting at once.
    pub connections_per_participant: usize,
    /// Commands per second a connection may send, on average.
    pub commands_per_second: u32,
    /// Commands a connection may send in a burst above the average rate.
    pub command_burst: u32,
    /// Commands refused for rate in a row after which the connection is closed.
    pub rate_limited_before_close: u32,
    /// A snapshot of the state is stored after this many events, so that start-up never
    /// replays an unbounded log.
    pub snapshot_every: usize,
    /// How long a client may take to send a request's head (the request line and
    /// headers); also how long a kept-alive HTTP connection may wait for its next one.
    pub request_head_timeout: Duration,
    /// Connections from one address that may be open without having said `hello`.
    pub unheard_per_address: usize,
    /// Connections that may be open without having said `hello`, from all addresses.
    pub unheard_total: usize,
    /// The summary audience (everyone but the chair and organisers) gets at most one view
    /// of the list of speakers per this interval, however many requests change in it.
    pub coalesce_interval: Duration,
    /// Self-registrations one client address may send per minute (a token bucket of this
    /// size, refilled evenly over the minute). Behind a load balancer every request comes
    /// from its address: raise it there.
    pub registrations_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            hello_timeout: Duration::from_secs(5),
            heartbeat_interval: Duration::from_secs(25),
            retention_age: Duration::from_secs(120),
            retention_events: 1000,
            outbound_messages: 256,
            outbound_bytes: 1024 * 1024,
            socket_send_buffer: 64 * 1024,
            connections_per_participant: 4,
            commands_per_second: 10,
            command_burst: 20,
            rate_limited_before_close: 50,
            snapshot_every: 1000,
            coalesce_interval: Duration::from_millis(50),
            request_head_timeout: Duration::from_secs(5),
            unheard_per_address: 1000,
            unheard_total: 10_000,
            registrations_per_minute: 5,
        }
    }
}

/// The most client addresses the self-registration rate limit remembers at once; when
/// that many have registered within the last minute, further addresses are refused until
/// some buckets refill.
pub(crate) const REGISTRATION_ADDRESSES: usize = 10_000;

/// The most participants the registry of one meeting holds (the meeting file's, imports,
/// late additions and approved registrations together).
pub const MAX_PARTICIPANTS: usize = 20_000;

/// The most self-registrations one meeting takes (pending and decided together), so that
/// a flood from many addresses cannot grow its log without end.
pub const MAX_REGISTRATIONS: usize = 20_000;

// Fixed limits of connections and of the server as a whole.

/// Each connection's WebSocket read buffer. tungstenite's 128 KiB default would cost far
/// too much memory across tens of thousands of connections; clients send small commands
/// (a `hello` with its token is well under 1 KiB), and a longer message still fits, as
/// the buffer grows for it. The write side is [`FRAGMENT_BYTES`].
pub(crate) const READ_BUFFER_BYTES: usize = 1024;

/// The largest frame a connection writes, and the size of its write buffer: longer
/// messages (a `welcome` with the whole agenda in four languages is several KiB) go out
/// as continuation frames of this size, which every client reassembles. The write buffer
/// grows to hold the largest frame written and never shrinks, so without this one big
/// `welcome` cost every idle connection its size in memory for good.
pub(crate) const FRAGMENT_BYTES: usize = 1024;

/// How many queue entries a connection writes before it flushes the socket.
pub(crate) const WRITE_BATCH: usize = 64;

/// How long a connection that sent its close frame waits for the client's before it
/// drops the socket.
pub(crate) const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// The most bytes read and dropped while waiting for a client's close frame.
pub(crate) const DRAIN_BYTES: usize = 16 * 1024 * 1024;

/// How many batches (of all meetings) the SQLite writer commits in one transaction.
pub(crate) const MAX_BATCHES_PER_COMMIT: usize = 1024;

/// How long shutdown waits for the meetings to commit what they have in hand.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

// The meeting actor's own bounds (`meeting/`). They are not settings: they keep a
// pathological case bounded, and no deployment has needed to change them.

/// How many requests may wait for a meeting's actor before senders wait.
pub(crate) const INBOX_CAPACITY: usize = 4096;

/// How many times a batch is decided again after another node wrote first. Each round
/// one node's batch goes in, so under contention every node soon has its turn; the
/// bound only keeps a pathological case from waiting forever.
pub(crate) const MAX_CONFLICT_RETRIES: u32 = 30;

/// The most commands decided and committed together.
pub(crate) const MAX_COMMANDS_PER_BATCH: usize = 2048;
