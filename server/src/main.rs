//! The `server` binary: parses flags and environment, binds, prints invite links and runs.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use server::auth::{Keys, Secret};
use server::limits::Limits;
use server::meeting_file::MeetingFile;
use server::store::{EventStore, RedisStore, SqliteStore};
use server::{Config, invites};
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The real-time control service for formal multilingual online meetings.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve meetings over HTTP and WebSocket, and print an invite link per participant.
    Serve(Box<ServeArgs>),
    /// Check a meeting file and report the first problem, without starting anything.
    CheckMeeting {
        /// The meeting file (TOML).
        file: PathBuf,
    },
    /// Print an invite link for every participant of a meeting file, signed with the
    /// secret a server runs with (so that the links work on it).
    Invites(InvitesArgs),
    /// Print an administrator's token for the meetings API (creating, updating and
    /// closing meetings on a running server), signed with that server's secret.
    AdminToken {
        #[command(flatten)]
        secret: SecretArgs,
        /// How long the token stays valid, in hours.
        #[arg(long, default_value_t = 12)]
        ttl_hours: u64,
    },
}

/// Which secret signs what a command mints: the one given, else the one a server keeps in
/// its data directory.
#[derive(Args)]
struct SecretArgs {
    /// The secret of the server the tokens are for (at least 32 bytes) [default: the one
    /// kept in the data directory's `secret` file].
    #[arg(long, env = "MEETING_SECRET", hide_env_values = true)]
    secret: Option<String>,
    /// The data directory of the server the tokens are for, whose `secret` file is read
    /// when no secret is given.
    #[arg(long, env = "MEETING_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
}

impl SecretArgs {
    /// The secret given, else the one in the data directory (never a new one: tokens
    /// signed with a secret no server has would open nothing).
    fn secret(&self) -> Result<Secret> {
        match &self.secret {
            Some(secret) => Secret::new(secret.as_bytes()).context("--secret"),
            None => {
                let path = self.data_dir.join(server::auth::SECRET_FILE);
                Secret::load(&path).with_context(|| {
                    format!(
                        "no --secret given and no secret kept in {}: give the server's \
                         --secret, or the --data-dir of a server that has run",
                        self.data_dir.display()
                    )
                })
            }
        }
    }
}

#[derive(Args)]
struct InvitesArgs {
    /// The meeting file (TOML).
    file: PathBuf,
    #[command(flatten)]
    secret: SecretArgs,
    /// Public URL of that server.
    #[arg(
        long,
        env = "MEETING_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    public_url: String,
    /// How long the links stay valid, in hours.
    #[arg(long, env = "MEETING_INVITE_TTL_HOURS", default_value_t = 24)]
    invite_ttl_hours: u64,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MEETING_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A meeting file to host; repeat the flag (or separate with commas) for several.
    /// Meetings created through the meetings API are kept under the data directory and
    /// hosted again without this flag.
    #[arg(long = "meeting", env = "MEETING_FILES", value_delimiter = ',')]
    meetings: Vec<PathBuf>,
    /// Directory for the durable event log (created if missing) and the meetings created
    /// through the meetings API.
    #[arg(long, env = "MEETING_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Where the event log is: `sqlite` (a file in the data directory, for one node) or
    /// a Redis address (`redis://127.0.0.1:6379/0`) shared by several nodes behind a
    /// load balancer.
    #[arg(long, env = "MEETING_STORE", default_value = "sqlite")]
    store: String,
    /// Directory of the built browser client, served at `/`.
    #[arg(long, env = "MEETING_STATIC_DIR")]
    static_dir: Option<PathBuf>,
    /// Secret that signs tokens. When absent, the one kept in the data directory's
    /// `secret` file (generated there on first start, readable by this user only), so that
    /// invite links keep working across restarts.
    #[arg(long, env = "MEETING_SECRET", hide_env_values = true)]
    secret: Option<String>,
    /// Public URL of the server, used in invite links [default: http://ADDR].
    #[arg(long, env = "MEETING_PUBLIC_URL")]
    public_url: Option<String>,
    /// Another origin allowed to open WebSockets (the server's own always is); repeatable.
    #[arg(
        long = "allowed-origin",
        env = "MEETING_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    allowed_origins: Vec<String>,
    /// Move the meetings' scheduled start to now (to the minute), for a demonstration.
    /// Applies to meetings whose log is still empty.
    #[arg(long)]
    start_now: bool,
    /// How long the printed invite links stay valid, in hours.
    #[arg(long, env = "MEETING_INVITE_TTL_HOURS", default_value_t = 24)]
    invite_ttl_hours: u64,
    /// How long a new connection may take to say hello, in seconds.
    #[arg(long, env = "MEETING_HELLO_TIMEOUT_SECS", default_value_t = 5)]
    hello_timeout_secs: u64,
    /// How often the server pings each connection, in seconds; a connection silent for
    /// two intervals is closed.
    #[arg(long, env = "MEETING_HEARTBEAT_SECS", default_value_t = 25)]
    heartbeat_secs: u64,
    /// How long missed events are kept for clients that reconnect, in seconds.
    #[arg(long, env = "MEETING_RETENTION_SECS", default_value_t = 120)]
    retention_secs: u64,
    /// How many missed events are kept for clients that reconnect.
    #[arg(long, env = "MEETING_RETENTION_EVENTS", default_value_t = 1000)]
    retention_events: usize,
    /// Commands a connection may send per second on average.
    #[arg(long, env = "MEETING_COMMANDS_PER_SECOND", default_value_t = Limits::default().commands_per_second)]
    commands_per_second: u32,
    /// Commands a connection may send in a burst above the average.
    #[arg(long, env = "MEETING_COMMAND_BURST", default_value_t = Limits::default().command_burst)]
    command_burst: u32,
    /// Connections one participant may have open to a meeting at once.
    #[arg(long, env = "MEETING_CONNECTIONS_PER_PARTICIPANT", default_value_t = Limits::default().connections_per_participant)]
    connections_per_participant: usize,
    /// How long a client may take to send an HTTP request's head, in seconds.
    #[arg(long, env = "MEETING_REQUEST_HEAD_TIMEOUT_SECS", default_value_t = Limits::default().request_head_timeout.as_secs())]
    request_head_timeout_secs: u64,
    /// Connections from one address that may be open before saying hello (raise it to
    /// `--max-unheard` behind a load balancer, whose address they all come from).
    #[arg(long, env = "MEETING_MAX_UNHEARD_PER_ADDRESS", default_value_t = Limits::default().unheard_per_address)]
    max_unheard_per_address: usize,
    /// Self-registrations one client address may send per minute.
    #[arg(long, env = "MEETING_REGISTRATIONS_PER_MINUTE", default_value_t = Limits::default().registrations_per_minute)]
    registrations_per_minute: u32,
    /// Connections that may be open before saying hello, from all addresses.
    #[arg(long, env = "MEETING_MAX_UNHEARD", default_value_t = Limits::default().unheard_total)]
    max_unheard: usize,
    /// Log filter (tracing's env-filter syntax, e.g. `info` or `server=debug`).
    #[arg(long, env = "MEETING_LOG", default_value = "info")]
    log: String,
    /// Write logs as JSON lines instead of text.
    #[arg(long, env = "MEETING_LOG_JSON")]
    log_json: bool,
}

#[tokio::main]
async fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Serve(args) => serve(*args).await,
        Command::CheckMeeting { file } => {
            let meeting = MeetingFile::load(&file)?;
            println!(
                "{}: ok: meeting `{}`, {} agenda items, {} participants, {} requests made at registration",
                file.display(),
                meeting.info.id,
                meeting.agenda.len(),
                meeting.participants.len(),
                meeting.requests.len()
            );
            Ok(())
        }
        Command::AdminToken { secret, ttl_hours } => {
            let secret = secret.secret()?;
            let ttl = Duration::from_secs(ttl_hours * 3600);
            quietly_when_unread(writeln!(
                std::io::stdout(),
                "{}",
                Keys::new(&secret).mint_admin(ttl)
            ))
        }
        Command::Invites(args) => {
            let meeting = MeetingFile::load(&args.file)?;
            let secret = args.secret.secret()?;
            let ttl = Duration::from_secs(args.invite_ttl_hours * 3600);
            quietly_when_unread(print_invites(
                &mut std::io::stdout().lock(),
                &Keys::new(&secret),
                &[meeting],
                &args.public_url,
                ttl,
            ))
        }
    }
}

/// A printing command's outcome: when its reader went away (`server invites … | head`),
/// it stops quietly, like other command-line tools, rather than failing.
fn quietly_when_unread(printed: std::io::Result<()>) -> Result<()> {
    match printed {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        printed => Ok(printed?),
    }
}

/// Writes an invite link per participant of each meeting.
fn print_invites(
    out: &mut impl std::io::Write,
    keys: &Keys,
    meetings: &[MeetingFile],
    base_url: &str,
    ttl: Duration,
) -> std::io::Result<()> {
    for meeting in meetings {
        writeln!(out, "\nMeeting `{}`: invite links", meeting.info.id)?;
        for invite in invites::for_meeting(keys, meeting, base_url, ttl) {
            let who = &invite.participant;
            let delegation = who
                .delegation
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<26} {}{}\n    {}",
                who.role.as_str(),
                who.name,
                delegation,
                invite.url
            )?;
        }
    }
    out.flush()
}

async fn serve(args: ServeArgs) -> Result<()> {
    let logs = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(&args.log))
        .with_writer(std::io::stderr);
    if args.log_json {
        logs.json().init();
    } else {
        logs.init();
    }
    let mut meetings = args
        .meetings
        .iter()
        .map(|path| MeetingFile::load(path))
        .collect::<Result<Vec<_>, _>>()?;
    if args.start_now {
        let minute = server::meeting::unix_millis() / 60_000 * 60_000;
        let now = protocol::time::rfc3339(minute);
        for meeting in &mut meetings {
            meeting.info.scheduled_start = now.replace(".000Z", "Z");
        }
    }
    let secret = match &args.secret {
        Some(secret) => Secret::new(secret.as_bytes()).context("--secret")?,
        None => {
            let (secret, path, created) = Secret::load_or_create(&args.data_dir)
                .context("keep the signing secret in the data directory")?;
            warn_when_readable_by_others(&path);
            if created {
                tracing::info!(path = %path.display(), "generated the signing secret and kept it");
            } else {
                tracing::info!(path = %path.display(), "signing with the secret kept");
            }
            if args.store != "sqlite" {
                tracing::warn!(
                    "several nodes must sign with one secret: give each the same --secret"
                );
            }
            secret
        }
    };
    let store: Arc<dyn EventStore> = if args.store == "sqlite" {
        Arc::new(
            SqliteStore::open(&args.data_dir)
                .with_context(|| format!("open the event log in {}", args.data_dir.display()))?,
        )
    } else if args.store.starts_with("redis://") || args.store.starts_with("rediss://") {
        Arc::new(
            RedisStore::connect(&args.store)
                .await
                .context("connect to the event log in Redis")?,
        )
    } else {
        anyhow::bail!(
            "--store is `sqlite` or a `redis://` address, not `{}`",
            args.store
        );
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    let base_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));

    let ttl = Duration::from_secs(args.invite_ttl_hours * 3600);
    let keys = Keys::new(&secret);
    // What is printed is for the person who started the server; when nobody reads it
    // (stdout closed), the server serves all the same.
    let _ = (|| {
        let mut out = std::io::stdout().lock();
        print_invites(&mut out, &keys, &meetings, &base_url, ttl)?;
        writeln!(
            out,
            "\nMeetings API ({base_url}/api/meetings), administrator token valid for 12 hours:\n  {}",
            keys.mint_admin(Duration::from_secs(12 * 3600))
        )?;
        writeln!(out, "\nServing on {base_url} (Ctrl-C to stop)")?;
        writeln!(out, "listening on {addr}")?;
        out.flush()
    })();

    let meetings_dir = args.data_dir.join("meetings");
    let mut config = Config::new(meetings, secret, store);
    config.meetings_dir = Some(meetings_dir);
    config.public_url = Some(base_url);
    config.invite_ttl = ttl;
    config.static_dir = args.static_dir;
    config.allowed_origins = args.allowed_origins;
    config.limits = Limits {
        hello_timeout: Duration::from_secs(args.hello_timeout_secs),
        heartbeat_interval: Duration::from_secs(args.heartbeat_secs.max(1)),
        retention_age: Duration::from_secs(args.retention_secs),
        retention_events: args.retention_events,
        commands_per_second: args.commands_per_second,
        command_burst: args.command_burst,
        connections_per_participant: args.connections_per_participant,
        request_head_timeout: Duration::from_secs(args.request_head_timeout_secs.max(1)),
        unheard_per_address: args.max_unheard_per_address,
        unheard_total: args.max_unheard,
        registrations_per_minute: args.registrations_per_minute.max(1),
        ..Limits::default()
    };
    server::run(listener, config, shutdown_signal()).await?;
    Ok(())
}

/// Warns when the secret file can be read by others than the server's user (its mode was
/// changed after the server wrote it).
fn warn_when_readable_by_others(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(metadata) = std::fs::metadata(path)
            && metadata.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                path = %path.display(),
                "the secret file can be read by other users: `chmod 600` it"
            );
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
