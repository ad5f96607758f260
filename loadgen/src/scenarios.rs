//! The scenarios. Each starts a fresh server, opens its clients, measures, checks what
//! must hold (no missed event, each hand exactly once) and prints one report.

use crate::clients::{self, ListSummary, Socket, Tokens, Who, event_seq, is_ack, summary_of};
use crate::stats::{Summary, machine, ms};
use crate::target::Server;
use crate::{RUN_DEADLINE, Target};
use anyhow::{Context, Result, bail, ensure};
use futures_util::{SinkExt, StreamExt};
use protocol::{ClientMessage, Command};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Open N connections, hold them, report memory per connection.
    Idle,
    /// N listeners; the chair sends M commands; time until the last listener has each.
    Fanout,
    /// N attendees raise hands within one second.
    Burst,
    /// N clients drop and reconnect with `since` while the meeting goes on.
    Reconnect,
    /// K cycles of opening N connections and closing them all; the server's memory after
    /// each.
    Cycles,
}

/// Options of `loadgen run`.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// The scenario.
    #[arg(long, value_enum)]
    scenario: Scenario,
    /// Which server to run against.
    #[arg(long, value_enum, default_value = "ours")]
    target: Target,
    /// How many clients.
    #[arg(long, short = 'n', default_value_t = 1000)]
    clients: usize,
    /// Fan-out: how many commands the chair sends (reconnect: how many happen while the
    /// clients are away).
    #[arg(long, default_value_t = 20)]
    commands: usize,
    /// Fan-out: milliseconds between the chair's commands; 0 sends flat out.
    #[arg(long, default_value_t = 250)]
    interval_ms: u64,
    /// Fan-out: extra clients that connect and never read (slow consumers).
    #[arg(long, default_value_t = 0)]
    slow: usize,
    /// The meeting file the server hosts (its id must be `victim-assistance-2020`).
    #[arg(long, default_value = "examples/demo-meeting.toml")]
    meeting: std::path::PathBuf,
    /// How many loopback source addresses (127.0.0.2 …) to spread the clients over.
    #[arg(long, default_value_t = 32)]
    sources: u8,
    /// How many server nodes (ours only): more than one share a Redis started for the
    /// run (Debian's `redis-server`), and the clients are spread evenly over them.
    #[arg(long, default_value_t = 1)]
    nodes: usize,
    /// Cycles: how many times N clients connect and all close.
    #[arg(long, default_value_t = 20)]
    cycles: usize,
    /// Cycles: milliseconds to wait once the server holds no connection, before its memory
    /// is read.
    #[arg(long, default_value_t = 1000)]
    settle_ms: u64,
    /// Cycles: each cycle's clients are new participants (numbered on from the last
    /// cycle's), rather than the same N participants every cycle.
    #[arg(long)]
    new_ids: bool,
    /// Cycles: seconds to keep the server running, with no connection, after the last
    /// cycle (its pid is printed, to look at it from outside), then read its memory again.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=120))]
    hold_s: u64,
    /// An environment variable for the server only, as KEY=VALUE (repeatable): for
    /// instance the C library's allocator tunables, `MALLOC_ARENA_MAX=2`.
    #[arg(long = "server-env", value_parser = key_value)]
    server_env: Vec<(String, String)>,
}

fn key_value(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not KEY=VALUE"))?;
    if key.is_empty() {
        return Err(format!("`{text}` has no KEY"));
    }
    Ok((key.to_owned(), value.to_owned()))
}

/// The most cycles one run may ask for (it still ends at [`RUN_DEADLINE`]: 40 cycles of
/// 10 000 clients take about 200 s here).
const MAX_CYCLES: usize = 200;

/// Runs one scenario within [`RUN_DEADLINE`].
pub async fn run(options: Options) -> Result<()> {
    println!("machine: {}", machine());
    println!(
        "scenario: {:?}, target: {:?}, clients: {}, nodes: {}",
        options.scenario, options.target, options.clients, options.nodes
    );
    for (key, value) in &options.server_env {
        println!("server environment: {key}={value}");
    }
    tokio::time::timeout(RUN_DEADLINE, async {
        match options.scenario {
            Scenario::Idle => idle(&options).await,
            Scenario::Fanout => fanout(&options).await,
            Scenario::Burst => burst(&options).await,
            Scenario::Reconnect => reconnect(&options).await,
            Scenario::Cycles => cycles(&options).await,
        }
    })
    .await
    .with_context(|| format!("the run did not finish within {RUN_DEADLINE:?}"))?
}

/// The chair's `index`-th command: first to the first item, then back and forth between
/// the first two, so that every command is accepted and makes one event.
fn agenda_step(index: usize) -> Command {
    if index == 0 || index % 2 == 1 {
        Command::next_item()
    } else {
        Command::previous_item()
    }
}

/// Starts the server under test the options ask for.
async fn start(options: &Options) -> Result<Server> {
    Server::start(
        options.target,
        &options.meeting,
        options.nodes,
        &options.server_env,
    )
    .await
}

fn tokens(target: Target) -> Option<Tokens> {
    (target == Target::Ours).then(Tokens::new)
}

async fn idle(options: &Options) -> Result<()> {
    let server = start(options).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = server.rss().context("read the server's memory")?;
    let started = Instant::now();
    let tokens = tokens(options.target);
    let sockets = server
        .open(0, options.clients, options.sources, tokens.as_ref())
        .await?;
    let connected = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = server.rss().context("read the server's memory")?;
    let per_connection = after.saturating_sub(before) / options.clients as u64;
    println!("connected {} in {}", sockets.len(), ms(connected));
    println!(
        "server RSS: {:.1} MiB before, {:.1} MiB after: {per_connection} bytes ({:.1} KiB) per connection",
        before as f64 / 1048576.0,
        after as f64 / 1048576.0,
        per_connection as f64 / 1024.0
    );
    println!(
        "| idle | {:?} | {} | {:.1} KiB/conn | connect all {} |",
        options.target,
        options.clients,
        per_connection as f64 / 1024.0,
        ms(connected)
    );
    Ok(())
}

/// Opens N connections and closes them all, K times, and reads the server's memory once
/// it has let each cycle's connections go. Memory kept for closed connections shows here,
/// and its shape tells a leak (about the same growth every cycle, without end) from what
/// the allocator keeps for reuse (growth in the first cycles, then flat).
async fn cycles(options: &Options) -> Result<()> {
    ensure!(
        (1..=MAX_CYCLES).contains(&options.cycles),
        "--cycles must be between 1 and {MAX_CYCLES}"
    );
    let server = start(options).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss = || server.rss().context("read the server's memory");
    let mib = |bytes: u64| bytes as f64 / 1048576.0;
    let change = |from: u64, to: u64| to as f64 / 1048576.0 - from as f64 / 1048576.0;
    let before = rss()?;
    println!("server RSS before: {:.1} MiB", mib(before));
    let tokens = tokens(options.target);
    let mut after = Vec::with_capacity(options.cycles);
    for cycle in 1..=options.cycles {
        let first = if options.new_ids {
            (cycle - 1) * options.clients
        } else {
            0
        };
        let started = Instant::now();
        let sockets = server
            .open(first, options.clients, options.sources, tokens.as_ref())
            .await?;
        let opened = started.elapsed();
        let open = rss()?;
        let started = Instant::now();
        clients::close_all(sockets).await;
        // Until the server holds none of them (ours counts them in `/metrics`).
        if options.target == Target::Ours {
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                let held = server.open_connections().await?;
                if held == 0 {
                    break;
                }
                ensure!(
                    Instant::now() < deadline,
                    "the server still holds {held} connections 30 s after the clients closed"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let closed = started.elapsed();
        tokio::time::sleep(Duration::from_millis(options.settle_ms)).await;
        let now = rss()?;
        let previous = after.last().copied().unwrap_or(before);
        println!(
            "cycle {cycle:>3}: {} open after {}: RSS {:.1} MiB; all closed after {}: RSS {:.1} MiB ({:+.2} MiB)",
            options.clients,
            ms(opened),
            mib(open),
            ms(closed),
            mib(now),
            change(previous, now)
        );
        after.push(now);
    }
    let (first, last) = (after[0], after[after.len() - 1]);
    let later = (options.cycles - 1) * options.clients;
    let half = options.cycles / 2;
    let half_start = after[after.len() - 1 - half];
    println!(
        "server RSS with no connection: {:.1} MiB before, {:.1} MiB after cycle 1, {:.1} MiB after cycle {}",
        mib(before),
        mib(first),
        mib(last),
        options.cycles
    );
    if later > 0 {
        let per_connection = (last as f64 - first as f64) / later as f64;
        let per_cycle = (last as f64 - half_start as f64) / half as f64 / 1024.0;
        println!(
            "after cycle 1: {:+.2} MiB over {later} more closed connections ({per_connection:+.1} bytes each); over the last {half} cycles {per_cycle:+.1} KiB per cycle",
            change(first, last)
        );
        println!(
            "| cycles | {:?} | {} | {} cycles | before {:.1} MiB | after 1 {:.1} MiB | after {} {:.1} MiB | {per_connection:+.1} B per closed connection after cycle 1 | last {half} cycles {per_cycle:+.1} KiB/cycle |",
            options.target,
            options.clients,
            options.cycles,
            mib(before),
            mib(first),
            options.cycles,
            mib(last)
        );
    }
    if options.hold_s > 0 {
        println!(
            "holding the server (pid {}) for {} s",
            server
                .pids()
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            options.hold_s
        );
        tokio::time::sleep(Duration::from_secs(options.hold_s)).await;
        println!("server RSS after holding: {:.1} MiB", mib(rss()?));
    }
    Ok(())
}

/// Per-seq arrival records shared by every reader.
struct Arrivals {
    origin: Instant,
    /// Per seq: how many clients have it.
    count: Vec<AtomicUsize>,
    /// Per seq: nanoseconds after `origin` when the last one got it.
    last: Vec<AtomicU64>,
    deliveries: AtomicUsize,
}

impl Arrivals {
    fn new(events: usize) -> Arc<Self> {
        Arc::new(Self {
            origin: Instant::now(),
            count: (0..=events).map(|_| AtomicUsize::new(0)).collect(),
            last: (0..=events).map(|_| AtomicU64::new(0)).collect(),
            deliveries: AtomicUsize::new(0),
        })
    }

    fn record(&self, seq: usize) {
        if let (Some(count), Some(last)) = (self.count.get(seq), self.last.get(seq)) {
            let now = self.origin.elapsed().as_nanos() as u64;
            count.fetch_add(1, Ordering::Relaxed);
            last.fetch_max(now, Ordering::Relaxed);
            self.deliveries.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn at(&self, nanos: u64) -> Instant {
        self.origin + Duration::from_nanos(nanos)
    }
}

/// Reads a listener's socket until it closes, recording events (ours: by seq; the
/// baseline: by the number the sender put in the text).
fn listen(
    mut socket: Socket,
    arrivals: Arc<Arrivals>,
    target: Target,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while let Some(Ok(frame)) = socket.next().await {
            if let Message::Text(text) = frame {
                let seq = match target {
                    Target::Ours => event_seq(&text),
                    Target::Baseline => text.parse().ok(),
                };
                if let Some(seq) = seq {
                    arrivals.record(seq as usize);
                }
            }
        }
    })
}

async fn fanout(options: &Options) -> Result<()> {
    let server = start(options).await?;
    let tokens = tokens(options.target);
    let listeners = server
        .open(0, options.clients, options.sources, tokens.as_ref())
        .await?;
    // Slow consumers: connected, then never read again.
    let _slow = server
        .open(
            options.clients,
            options.slow,
            options.sources,
            tokens.as_ref(),
        )
        .await?;
    let chair = match &tokens {
        Some(tokens) => server.chair(options.sources, tokens).await?.0,
        None => {
            clients::connect(server.addr, &server.ws_url, usize::MAX / 2, options.sources).await?
        }
    };
    let events = options.commands;
    let arrivals = Arrivals::new(events);
    let readers: Vec<_> = listeners
        .into_iter()
        .map(|socket| listen(socket, arrivals.clone(), options.target))
        .collect();
    let (mut chair_sink, mut chair_stream) = chair.split();
    // The chair reads its own answers so that it is never a slow consumer itself.
    tokio::spawn(async move { while let Some(Ok(_)) = chair_stream.next().await {} });
    tokio::time::sleep(Duration::from_millis(500)).await;

    let mut sent = Vec::with_capacity(events);
    let first_send = Instant::now();
    for index in 0..events {
        let text = match options.target {
            Target::Ours => ClientMessage::Command {
                id: index as u64 + 1,
                command: agenda_step(index),
            }
            .encode(),
            Target::Baseline => (index + 1).to_string(),
        };
        sent.push(Instant::now());
        chair_sink.send(Message::text(text)).await?;
        if options.interval_ms > 0 {
            tokio::time::sleep(Duration::from_millis(options.interval_ms)).await;
        }
    }
    let expected = options.clients * events;
    let deadline = Instant::now() + Duration::from_secs(120);
    while arrivals.deliveries.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let delivered = arrivals.deliveries.load(Ordering::Relaxed);
    let mut latencies = Vec::with_capacity(events);
    let mut last_arrival = first_send;
    for (index, sent_at) in sent.iter().enumerate() {
        let seq = index + 1;
        if arrivals.count[seq].load(Ordering::Relaxed) == options.clients {
            let at = arrivals.at(arrivals.last[seq].load(Ordering::Relaxed));
            last_arrival = last_arrival.max(at);
            latencies.push(at.saturating_duration_since(*sent_at));
        }
    }
    for reader in readers {
        reader.abort();
    }
    ensure!(
        delivered == expected,
        "only {delivered} of {expected} deliveries arrived within 120 s"
    );
    let summary = Summary::of(&mut latencies).context("no event reached every client")?;
    let elapsed = last_arrival.saturating_duration_since(first_send);
    let rate = delivered as f64 / elapsed.as_secs_f64();
    println!(
        "{events} events to {} clients ({} slow): last client has each event after p50 {}, p99 {}, max {}",
        options.clients,
        options.slow,
        ms(summary.p50),
        ms(summary.p99),
        ms(summary.max)
    );
    println!(
        "{delivered} deliveries in {}: {:.0} deliveries/s",
        ms(elapsed),
        rate
    );
    println!(
        "| fanout{} | {:?} | {} | interval {} ms | p50 {} | p99 {} | max {} | {:.0}/s |",
        if options.slow > 0 {
            format!(" +{} slow", options.slow)
        } else {
            String::new()
        },
        options.target,
        options.clients,
        options.interval_ms,
        ms(summary.p50),
        ms(summary.p99),
        ms(summary.max),
        rate
    );
    Ok(())
}

async fn burst(options: &Options) -> Result<()> {
    if options.target != Target::Ours {
        bail!("the burst scenario needs our server (raise-hand and its queue)");
    }
    let server = start(options).await?;
    let tokens = Tokens::new();
    let sockets = server
        .open(0, options.clients, options.sources, Some(&tokens))
        .await?;
    let hands = options.clients;
    let acked = Arc::new(AtomicUsize::new(0));
    let current = Arc::new(AtomicUsize::new(0));
    let last_ack = Arc::new(AtomicU64::new(0));
    let last_current = Arc::new(AtomicU64::new(0));
    let origin = Instant::now() + Duration::from_millis(200);
    let spread = Duration::from_secs(1);
    let tasks: Vec<_> = sockets
        .into_iter()
        .enumerate()
        .map(|(index, socket)| {
            let (acked, current) = (acked.clone(), current.clone());
            let (last_ack, last_current) = (last_ack.clone(), last_current.clone());
            tokio::spawn(async move {
                let (mut sink, mut stream) = socket.split();
                let at = origin + spread.mul_f64(index as f64 / hands as f64);
                let sender = tokio::spawn(async move {
                    tokio::time::sleep_until(at.into()).await;
                    let raise = ClientMessage::Command {
                        id: 1,
                        command: Command::raise_hand(),
                    };
                    let _ = sink.send(Message::text(raise.encode())).await;
                    sink
                });
                // Attendees see the list as coalesced views and their own position:
                // a client is current once it has a view with every hand and its
                // own position.
                let (mut full_view, mut positioned) = (false, false);
                while let Some(Ok(frame)) = stream.next().await {
                    let Message::Text(text) = frame else { continue };
                    let now = origin.elapsed().as_nanos() as u64;
                    if is_ack(&text) {
                        acked.fetch_add(1, Ordering::Relaxed);
                        last_ack.fetch_max(now, Ordering::Relaxed);
                        continue;
                    }
                    let was_current = full_view && positioned;
                    match summary_of(&text) {
                        Some(ListSummary::Queue { length }) => full_view |= length == hands,
                        Some(ListSummary::Mine { waiting }) => positioned |= waiting,
                        None => {}
                    }
                    if !was_current && full_view && positioned {
                        current.fetch_add(1, Ordering::Relaxed);
                        last_current.fetch_max(now, Ordering::Relaxed);
                    }
                }
                drop(sender);
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    while (acked.load(Ordering::Relaxed) < hands || current.load(Ordering::Relaxed) < hands)
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let acked_count = acked.load(Ordering::Relaxed);
    let current_count = current.load(Ordering::Relaxed);
    let nanos = |value: &AtomicU64| Duration::from_nanos(value.load(Ordering::Relaxed));
    // Check the queue through a fresh chair connection: every hand exactly once.
    let (_chair, welcome) = server.chair(options.sources, &tokens).await?;
    let state = welcome.meeting.context("a snapshot")?;
    let queue = &state.active_list().context("an agenda item")?.queue;
    let distinct: HashSet<_> = queue.iter().map(|request| &request.participant).collect();
    for task in tasks {
        task.abort();
    }
    println!(
        "{hands} hands within 1 s: {acked_count} acknowledged (last after {}), {current_count} clients current (last after {})",
        ms(nanos(&last_ack)),
        ms(nanos(&last_current))
    );
    println!(
        "queue: {} entries, {} distinct",
        queue.len(),
        distinct.len()
    );
    ensure!(
        distinct.len() == queue.len(),
        "a hand is in the queue twice"
    );
    ensure!(
        queue.len() == acked_count.max(queue.len()),
        "an acknowledged hand is missing"
    );
    println!(
        "| burst | Ours | {hands} | all acked {} | all current {} | queue {} / {} |",
        if acked_count == hands {
            ms(nanos(&last_ack))
        } else {
            format!("{acked_count} only")
        },
        if current_count == hands {
            ms(nanos(&last_current))
        } else {
            format!("{current_count} only in 60 s")
        },
        queue.len(),
        hands
    );
    Ok(())
}

async fn reconnect(options: &Options) -> Result<()> {
    if options.target != Target::Ours {
        bail!("the reconnect scenario needs our server (resume with `since`)");
    }
    let server = start(options).await?;
    let tokens = Tokens::new();
    let (chair, welcome) = server.chair(options.sources, &tokens).await?;
    let since = welcome.seq;
    let sockets = server
        .open(0, options.clients, options.sources, Some(&tokens))
        .await?;
    // Everyone drops.
    for mut socket in sockets {
        let _ = socket.close(None).await;
    }
    // The meeting goes on meanwhile.
    let missed = options.commands.max(1);
    let (mut chair_sink, mut chair_stream) = chair.split();
    for index in 0..missed {
        let message = ClientMessage::Command {
            id: index as u64 + 1,
            command: agenda_step(index),
        };
        chair_sink.send(Message::text(message.encode())).await?;
    }
    let mut acks = 0;
    while acks < missed {
        match chair_stream.next().await {
            Some(Ok(Message::Text(text))) if is_ack(&text) => acks += 1,
            Some(Ok(Message::Text(text))) if text.starts_with(r#"{"type":"error""#) => {
                bail!("the chair's command was refused: {text}")
            }
            Some(Ok(_)) => {}
            _ => bail!("the chair lost its connection"),
        }
    }
    // Everyone comes back with `since` and must get exactly what it missed.
    let started = Instant::now();
    let addr = server.addr;
    let url = server.ws_url.clone();
    let sources = options.sources;
    let tokens = Arc::new(tokens);
    let results = futures_util::stream::iter(0..options.clients)
        .map(|index| {
            let (url, tokens) = (url.clone(), tokens.clone());
            async move {
                let mut socket = clients::connect(addr, &url, index, sources).await?;
                let welcome =
                    clients::hello(&mut socket, tokens.mint(Who::Attendee(index)), Some(since))
                        .await?;
                ensure!(
                    welcome.resumed,
                    "client {index} got a snapshot, not a resume"
                );
                let mut expected = since + 1;
                while expected <= since + missed as u64 {
                    let frame = tokio::time::timeout(Duration::from_secs(60), socket.next())
                        .await
                        .context("missed events did not arrive")?
                        .context("closed")??;
                    if let Message::Text(text) = frame
                        && let Some(seq) = event_seq(&text)
                    {
                        ensure!(
                            seq == expected,
                            "client {index} got seq {seq}, expected {expected}"
                        );
                        expected += 1;
                    }
                }
                Ok::<_, anyhow::Error>((started.elapsed(), socket))
            }
        })
        .buffer_unordered(256)
        .collect::<Vec<_>>()
        .await;
    let mut times = Vec::with_capacity(results.len());
    let mut sockets = Vec::with_capacity(results.len());
    for result in results {
        let (time, socket) = result?;
        times.push(time);
        sockets.push(socket);
    }
    let summary = Summary::of(&mut times).context("nobody came back")?;
    println!(
        "{} clients reconnected and received the {missed} events they missed: p50 {}, p99 {}, all current after {}",
        options.clients,
        ms(summary.p50),
        ms(summary.p99),
        ms(summary.max)
    );
    println!(
        "| reconnect | Ours | {} | {missed} missed events | all current {} | none missed |",
        options.clients,
        ms(summary.max)
    );
    Ok(())
}
