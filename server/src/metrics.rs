//! Prometheus metrics, served at `/metrics` in the text exposition format.
//!
//! The metrics live in one process-wide registry; the functions below are what the rest
//! of the server calls, so that no other module knows about the metrics library.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use protocol::{ErrorCode, Role};
use std::sync::OnceLock;
use std::time::Duration;

type Labels = Vec<(&'static str, &'static str)>;

struct Metrics {
    registry: Registry,
    connections: Family<Labels, Gauge>,
    messages_in: Counter,
    messages_out: Counter,
    commands: Family<Labels, Counter>,
    fan_out_seconds: Histogram,
    store_commit_seconds: Histogram,
    slow_consumers: Counter,
    unheard: Gauge,
    refused_connections: Counter,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let mut registry = Registry::with_prefix("meeting");
        let connections = Family::<Labels, Gauge>::default();
        registry.register(
            "connections",
            "Open WebSocket connections that said hello, by role",
            connections.clone(),
        );
        let messages_in = Counter::default();
        registry.register(
            "messages_in",
            "WebSocket messages received from clients",
            messages_in.clone(),
        );
        let messages_out = Counter::default();
        registry.register(
            "messages_out",
            "WebSocket messages written to clients",
            messages_out.clone(),
        );
        let commands = Family::<Labels, Counter>::default();
        registry.register(
            "commands",
            "Commands by type and outcome (accepted, or the error code)",
            commands.clone(),
        );
        // From 0.5 ms to about 4 s.
        let buckets =
            || prometheus_client::metrics::histogram::exponential_buckets(0.0005, 2.0, 14);
        let fan_out_seconds = Histogram::new(buckets());
        registry.register(
            "fan_out_seconds",
            "Time from receiving a command to handing its event to every connection's queue",
            fan_out_seconds.clone(),
        );
        let store_commit_seconds = Histogram::new(buckets());
        registry.register(
            "store_commit_seconds",
            "Time to make one batch of events durable",
            store_commit_seconds.clone(),
        );
        let slow_consumers = Counter::default();
        registry.register(
            "slow_consumer_disconnects",
            "Connections closed because they did not read fast enough",
            slow_consumers.clone(),
        );
        let unheard = Gauge::default();
        registry.register(
            "unheard_connections",
            "Open connections that have not said hello yet (HTTP requests included)",
            unheard.clone(),
        );
        let refused_connections = Counter::default();
        registry.register(
            "refused_connections",
            "Connections closed at once because too many had not said hello yet",
            refused_connections.clone(),
        );
        Metrics {
            unheard,
            refused_connections,
            registry,
            connections,
            messages_in,
            messages_out,
            commands,
            fan_out_seconds,
            store_commit_seconds,
            slow_consumers,
        }
    })
}

/// The metrics in Prometheus' text format.
pub fn render() -> String {
    let mut text = String::new();
    encode(&mut text, &metrics().registry).expect("writing to a String does not fail");
    text
}

/// A connection of `role` said hello (`+1`) or closed (`-1`).
pub fn connection(role: Role, delta: i64) {
    metrics()
        .connections
        .get_or_create(&vec![("role", role.as_str())])
        .inc_by(delta);
}

/// A message arrived from a client.
pub fn message_in() {
    metrics().messages_in.inc();
}

/// `count` messages were written to a client.
pub fn messages_out(count: usize) {
    metrics().messages_out.inc_by(count as u64);
}

/// A command was decided: accepted (`None`) or rejected with a code.
pub fn command(name: &'static str, rejected: Option<ErrorCode>) {
    let outcome = rejected.map_or("accepted", ErrorCode::as_str);
    metrics()
        .commands
        .get_or_create(&vec![("command", name), ("outcome", outcome)])
        .inc();
}

/// A command's event reached every connection's queue `elapsed` after it arrived.
pub fn fan_out(elapsed: Duration) {
    metrics().fan_out_seconds.observe(elapsed.as_secs_f64());
}

/// One batch of events took `elapsed` to become durable.
pub fn store_commit(elapsed: Duration) {
    metrics()
        .store_commit_seconds
        .observe(elapsed.as_secs_f64());
}

/// A connection was dropped as a slow consumer.
pub fn slow_consumer() {
    metrics().slow_consumers.inc();
}

/// How many connections have not said hello yet.
pub fn unheard(count: usize) {
    metrics()
        .unheard
        .set(i64::try_from(count).unwrap_or(i64::MAX));
}

/// A connection was closed at once because too many had not said hello yet.
pub fn refused_connection() {
    metrics().refused_connections.inc();
}
