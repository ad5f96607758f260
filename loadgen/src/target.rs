//! The server under test, started as child processes on free loopback ports: one node,
//! or several nodes sharing a Redis (also started here) with clients spread over them.

use crate::Target;
use crate::clients::{self, SECRET, Socket, Tokens, Who};
use anyhow::{Context, Result, bail};
use protocol::Welcome;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A running server under test (one node or several), killed when dropped.
pub struct Server {
    children: Vec<Child>,
    /// The first node's WebSocket URL (the chair's).
    pub ws_url: String,
    /// The first node's address.
    pub addr: std::net::SocketAddr,
    /// Every node's address and WebSocket URL.
    nodes: Vec<(std::net::SocketAddr, String)>,
    _redis: Option<Child>,
    _data_dirs: Vec<tempfile::TempDir>,
}

/// A free loopback port.
fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Starts `redis-server` (Debian's package) on a free loopback port, every write synced
/// like the SQLite log, and waits until it listens.
async fn start_redis(dir: &std::path::Path) -> Result<(Child, String)> {
    let port = free_port()?;
    let child = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .arg("--dir")
        .arg(dir)
        .args([
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
        ])
        .args(["--loglevel", "warning"])
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("start redis-server (Debian's redis-server package)")?;
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok((child, format!("redis://127.0.0.1:{port}/0")));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bail!("redis-server did not listen within 6 s")
}

fn sibling(name: &str) -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let path = exe.with_file_name(name);
    if !path.exists() {
        bail!(
            "{} is missing: build it first (`cargo build --release -p server -p loadgen`)",
            path.display()
        );
    }
    Ok(path)
}

impl Server {
    /// Starts `target` (ours hosting the `meeting` file) and waits until it listens.
    ///
    /// # Errors
    ///
    /// When the binary is missing or does not start within 30 s.
    pub async fn start(
        target: Target,
        meeting: &std::path::Path,
        nodes: usize,
        env: &[(String, String)],
    ) -> Result<Self> {
        let mut data_dirs = vec![tempfile::tempdir()?];
        let redis = if nodes > 1 {
            if target != Target::Ours {
                bail!("only our server runs as several nodes");
            }
            Some(start_redis(data_dirs[0].path()).await?)
        } else {
            None
        };
        let mut children = Vec::new();
        let mut addrs = Vec::new();
        for _ in 0..nodes.max(1) {
            let data_dir = tempfile::tempdir()?;
            let (child, addr) = start_one(
                target,
                meeting,
                data_dir.path(),
                redis.as_ref().map(|(_, url)| url.as_str()),
                env,
            )
            .await?;
            children.push(child);
            addrs.push((addr, format!("ws://{addr}/ws")));
            data_dirs.push(data_dir);
        }
        Ok(Self {
            children,
            ws_url: addrs[0].1.clone(),
            addr: addrs[0].0,
            nodes: addrs,
            _redis: redis.map(|(child, _)| child),
            _data_dirs: data_dirs,
        })
    }

    /// Opens `count` attendee connections numbered from `first`; with `tokens` (our
    /// server) each says hello, without (the baseline) none does.
    ///
    /// # Errors
    ///
    /// The first connection that fails.
    pub async fn open(
        &self,
        first: usize,
        count: usize,
        sources: u8,
        tokens: Option<&Tokens>,
    ) -> Result<Vec<Socket>> {
        // Contiguous shares, one per node, so that the sockets keep the clients' order.
        let share = count.div_ceil(self.nodes.len());
        let mut sockets = Vec::with_capacity(count);
        for (index, (addr, url)) in self.nodes.iter().enumerate() {
            let start = first + index * share;
            let end = (first + count).min(start + share);
            if start < end {
                sockets.extend(
                    clients::open_many(*addr, url, start, end - start, sources, tokens).await?,
                );
            }
        }
        Ok(sockets)
    }

    /// Connects as the chair and says hello.
    ///
    /// # Errors
    ///
    /// When the connection or the hello fails.
    pub async fn chair(&self, sources: u8, tokens: &Tokens) -> Result<(Socket, Welcome)> {
        let mut socket = clients::connect(self.addr, &self.ws_url, usize::MAX / 2, sources).await?;
        let welcome = clients::hello(&mut socket, tokens.mint(Who::Chair), None).await?;
        Ok((socket, welcome))
    }

    /// Connections the server still holds, all nodes together: those that said hello
    /// (`meeting_connections`) and those that have not (`meeting_unheard_connections`,
    /// less the request that reads the metrics). Ours only: the baseline has no metrics.
    ///
    /// # Errors
    ///
    /// When a node's `/metrics` cannot be read.
    pub async fn open_connections(&self) -> Result<u64> {
        let mut open = 0;
        for (addr, _) in &self.nodes {
            let text = http_get(*addr, "/metrics").await?;
            let value = |line: &str| -> u64 {
                line.rsplit(' ')
                    .next()
                    .and_then(|value| value.parse::<f64>().ok())
                    .map_or(0, |value| value as u64)
            };
            for line in text.lines() {
                if line.starts_with("meeting_connections{")
                    || line.starts_with("meeting_connections ")
                {
                    open += value(line);
                } else if line.starts_with("meeting_unheard_connections ") {
                    // This request is one of them while it is served.
                    open += value(line).saturating_sub(1);
                }
            }
        }
        Ok(open)
    }

    /// The process ids of the nodes.
    pub fn pids(&self) -> Vec<u32> {
        self.children.iter().filter_map(Child::id).collect()
    }

    /// The server's resident memory, in bytes (all nodes together, Redis aside).
    pub fn rss(&self) -> Option<u64> {
        self.children
            .iter()
            .map(|child| {
                let pid = child.id()?;
                let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
                let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
                let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(kib * 1024)
            })
            .sum()
    }
}

/// The body of a plain HTTP/1.0 GET of `path` (so that it comes whole, not chunked).
async fn http_get(addr: std::net::SocketAddr, path: &str) -> Result<String> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream
            .write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
            .await?;
        let mut response = String::new();
        stream.read_to_string(&mut response).await?;
        Ok::<_, anyhow::Error>(response)
    };
    let response = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .with_context(|| format!("no answer to GET {path} within 10 s"))??;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .context("an HTTP response without a body")?;
    if !head.starts_with("HTTP/1.0 200") && !head.starts_with("HTTP/1.1 200") {
        bail!(
            "GET {path}: {}",
            head.lines().next().unwrap_or("no status line")
        );
    }
    Ok(body.to_owned())
}

/// Starts one node of `target`, with `env` added to its environment, and waits until it
/// listens.
async fn start_one(
    target: Target,
    meeting: &std::path::Path,
    data_dir: &std::path::Path,
    redis: Option<&str>,
    env: &[(String, String)],
) -> Result<(Child, std::net::SocketAddr)> {
    let mut command = match target {
        Target::Ours => {
            let mut command = Command::new(sibling("server")?);
            command
                .args(["serve", "--addr", "127.0.0.1:0", "--log", "warn"])
                .arg("--meeting")
                .arg(meeting)
                .arg("--data-dir")
                .arg(data_dir)
                // The chair sends flat out in some scenarios; the defaults are for people.
                .args([
                    "--commands-per-second",
                    "1000000",
                    "--command-burst",
                    "1000000",
                ])
                // Tens of thousands of clients on a few loopback addresses connect at
                // once (a reconnect storm): the per-address cap is for the open internet.
                .args([
                    "--max-unheard-per-address",
                    "20000",
                    "--max-unheard",
                    "20000",
                ])
                .env("MEETING_SECRET", SECRET);
            if let Some(redis) = redis {
                command.args(["--store", redis]);
            }
            command
        }
        Target::Baseline => {
            let mut command = Command::new(std::env::current_exe()?);
            command.args(["baseline", "--addr", "127.0.0.1:0"]);
            command
        }
    };
    let mut child = command
        .envs(env.iter().map(|(key, value)| (key, value)))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .context("start the server under test")?;
    let mut lines = BufReader::new(child.stdout.take().context("stdout")?).lines();
    let addr = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await? {
            if let Some(addr) = line.strip_prefix("listening on ") {
                return Ok::<_, anyhow::Error>(addr.parse()?);
            }
        }
        bail!("the server exited before listening")
    })
    .await
    .context("the server did not start within 30 s")??;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok((child, addr))
}
