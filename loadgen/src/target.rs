//! The server under test, started as a child process on a free loopback port.

use crate::Target;
use crate::clients::{self, Socket, Tokens, Who};
use anyhow::{Context, Result, bail};
use protocol::Welcome;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The secret the server under test signs with; tokens are minted with it.
pub const SECRET: &str = "load-generator-secret-load-generator-secret-0123";
/// The meeting the clients join.
pub const MEETING: &str = "victim-assistance-2020";

/// A running server under test, killed when dropped.
pub struct Server {
    child: Child,
    /// Its WebSocket URL.
    pub ws_url: String,
    /// Its address.
    pub addr: std::net::SocketAddr,
    _data_dir: tempfile::TempDir,
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
    pub async fn start(target: Target, meeting: &std::path::Path) -> Result<Self> {
        let data_dir = tempfile::tempdir()?;
        let mut command = match target {
            Target::Ours => {
                let mut command = Command::new(sibling("server")?);
                command
                    .args(["serve", "--addr", "127.0.0.1:0", "--log", "warn"])
                    .arg("--meeting")
                    .arg(meeting)
                    .arg("--data-dir")
                    .arg(data_dir.path())
                    // The chair sends flat out in some scenarios; the defaults are for people.
                    .args([
                        "--commands-per-second",
                        "1000000",
                        "--command-burst",
                        "1000000",
                    ])
                    .env("MEETING_SECRET", SECRET);
                command
            }
            Target::Baseline => {
                let mut command = Command::new(std::env::current_exe()?);
                command.args(["baseline", "--addr", "127.0.0.1:0"]);
                command
            }
        };
        let mut child = command
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
        Ok(Self {
            child,
            ws_url: format!("ws://{addr}/ws"),
            addr,
            _data_dir: data_dir,
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
        clients::open_many(self.addr, &self.ws_url, first, count, sources, tokens).await
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

    /// The server's resident memory, in bytes.
    pub fn rss(&self) -> Option<u64> {
        let pid = self.child.id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }
}
