//! The server binary and Redis as separate processes on loopback ports, for tests that
//! kill them (SIGKILL), restart them, or run several server nodes side by side.

use crate::workspace_root;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command as Process};

/// The secret every server process here signs tokens with.
pub const SECRET: &str = "crash-test-secret-crash-test-secret-0123456789";

/// A one-item meeting file, `pop-up`, whose item is titled `title`: for the meetings API.
fn pop_up_meeting(title: &str) -> String {
    format!(
        "id = \"pop-up\"\nlanguages = [\"en\"]\ndefault_language = \"en\"\n\
         time_zone = \"UTC\"\nscheduled_start = \"2026-12-01T10:00:00Z\"\n\
         title.en = \"Pop-up meeting\"\n\n[[agenda]]\nid = \"only\"\ntitle.en = \"{title}\"\n"
    )
}

/// Creates or updates the one-item meeting `pop-up`, whose item is titled `title`, with
/// a `PUT` of its meeting file to the meetings API at `addr`, as the administrator whose
/// token is `admin`.
pub async fn put_pop_up(addr: SocketAddr, admin: &str, title: &str) -> crate::HttpResponse {
    let authorization = format!("Bearer {admin}");
    crate::http_send(
        addr,
        "PUT",
        "/api/meetings/pop-up",
        &[("Authorization", &authorization)],
        &pop_up_meeting(title),
    )
    .await
}

/// How long a process may take to start.
const START_DEADLINE: Duration = Duration::from_secs(30);

/// The `server` binary next to this test's own, brought up to date once per run (cargo
/// does not rebuild another package's binary for a test, and a stale one would test old
/// code).
///
/// # Panics
///
/// When the build fails.
pub fn server_binary() -> PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    let exe = std::env::current_exe().expect("the test knows where it is");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps");
    BUILT.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["build", "-p", "server", "--bin", "server"])
            .current_dir(workspace_root())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the server failed");
    });
    profile_dir.join("server")
}

/// A server process with the demo meeting on a free loopback port.
pub struct ServerProcess {
    child: Child,
    /// Its WebSocket address.
    pub ws_url: String,
    /// What it printed before it listened: the invite links and the administrator's token.
    pub printed: Vec<String>,
}

impl ServerProcess {
    /// Starts one on `data_dir`, logging nothing.
    pub async fn start(data_dir: &Path) -> Self {
        Self::start_logging(data_dir, "warn", Stdio::null()).await
    }

    /// Starts one on `data_dir`, logging at `level` to `logs`.
    pub async fn start_logging(data_dir: &Path, level: &str, logs: Stdio) -> Self {
        Self::start_with(data_dir, level, logs, &[]).await
    }

    /// Starts one on `data_dir` with `extra` arguments to `serve`.
    ///
    /// # Panics
    ///
    /// When it does not start listening within 30 s.
    pub async fn start_with(data_dir: &Path, level: &str, logs: Stdio, extra: &[&str]) -> Self {
        Self::start_as(data_dir, "127.0.0.1:0", Some(SECRET), level, logs, extra).await
    }

    /// Starts one on `data_dir` listening on `addr`, signing with `secret` (`None`: the
    /// server's own, kept in the data directory), with `extra` arguments to `serve`.
    ///
    /// # Panics
    ///
    /// When it does not start listening within 30 s.
    pub async fn start_as(
        data_dir: &Path,
        addr: &str,
        secret: Option<&str>,
        level: &str,
        logs: Stdio,
        extra: &[&str],
    ) -> Self {
        let mut command = Process::new(server_binary());
        command
            .args(["serve", "--addr", addr, "--meeting"])
            .arg(workspace_root().join("examples/demo-meeting.toml"))
            .args(extra)
            .arg("--data-dir")
            .arg(data_dir)
            .env("MEETING_LOG", level)
            .stdout(Stdio::piped())
            .stderr(logs)
            .kill_on_drop(true);
        match secret {
            Some(secret) => command.env("MEETING_SECRET", secret),
            None => command.env_remove("MEETING_SECRET"),
        };
        let mut child = command.spawn().expect("start the server");
        let mut lines = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
        let mut printed = Vec::new();
        let addr = tokio::time::timeout(START_DEADLINE, async {
            while let Some(line) = lines.next_line().await.expect("read stdout") {
                if let Some(addr) = line.strip_prefix("listening on ") {
                    return addr.to_owned();
                }
                printed.push(line);
            }
            panic!("the server exited before listening");
        })
        .await
        .expect("the server starts within 30 s");
        // Keep draining stdout so that the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            child,
            ws_url: format!("ws://{addr}/ws"),
            printed,
        }
    }

    /// The invite link it printed for the participant whose role and name start with
    /// `who` (as `server` prints them: `chair    Ambassador …`).
    ///
    /// # Panics
    ///
    /// When it printed none.
    pub fn invite_link(&self, who: &str) -> String {
        let at = self
            .printed
            .iter()
            .position(|line| line.trim_start().starts_with(who))
            .unwrap_or_else(|| panic!("no invite printed for `{who}`: {:?}", self.printed));
        self.printed[at + 1].trim().to_owned()
    }

    /// The address it listens on.
    ///
    /// # Panics
    ///
    /// Never for a started server.
    pub fn addr(&self) -> SocketAddr {
        let addr = self
            .ws_url
            .trim_start_matches("ws://")
            .trim_end_matches("/ws");
        addr.parse().expect("a socket address")
    }

    /// Kills it with SIGKILL and waits until it is gone.
    ///
    /// # Panics
    ///
    /// When it cannot be killed or reaped within 10 s.
    pub async fn kill(mut self) {
        self.child.start_kill().expect("SIGKILL the server");
        tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .expect("the killed server is reaped within 10 s")
            .expect("reap the server");
    }
}

/// A free loopback port (bound and released; another process could take it in between,
/// which loopback tests accept).
///
/// # Panics
///
/// When no port can be bound.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A real `redis-server` (Debian's package) on a loopback port, keeping its data in a
/// temporary directory with every write synced (`appendfsync always`), so that it can be
/// stopped and started again without losing what it acknowledged.
pub struct RedisProcess {
    child: Option<Child>,
    /// Its port.
    pub port: u16,
    dir: tempfile::TempDir,
}

impl RedisProcess {
    /// Starts one.
    ///
    /// # Panics
    ///
    /// When `redis-server` is missing or does not answer within 30 s.
    pub async fn start() -> Self {
        let mut redis = Self {
            child: None,
            port: free_port(),
            dir: tempfile::tempdir().expect("a directory for Redis"),
        };
        redis.run().await;
        redis
    }

    /// The address servers connect to.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    async fn run(&mut self) {
        let child = Process::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .arg("--dir")
            .arg(self.dir.path())
            .args([
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
            ])
            .args(["--protected-mode", "no", "--loglevel", "warning"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start redis-server (Debian's redis-server package)");
        self.child = Some(child);
        let started = tokio::time::Instant::now();
        while !self.answers().await {
            assert!(
                started.elapsed() < START_DEADLINE,
                "redis-server does not answer"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether it answers `PING`.
    pub async fn answers(&self) -> bool {
        let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await else {
            return false;
        };
        if stream.write_all(b"PING\r\n").await.is_err() {
            return false;
        }
        let mut answer = [0; 7];
        matches!(
            tokio::time::timeout(Duration::from_secs(1), stream.read_exact(&mut answer)).await,
            Ok(Ok(_))
        ) && &answer == b"+PONG\r\n"
    }

    /// Kills it (SIGKILL): what it acknowledged is in its append-only file.
    ///
    /// # Panics
    ///
    /// When it cannot be reaped within 10 s.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            tokio::time::timeout(Duration::from_secs(10), child.wait())
                .await
                .expect("redis-server is reaped within 10 s")
                .expect("reap redis-server");
        }
    }

    /// Starts it again on the same port and data.
    pub async fn restart(&mut self) {
        self.kill().await;
        self.run().await;
    }
}

/// nginx (Debian's package) running `deploy/nginx.conf` in front of `nodes`, on its own
/// loopback port, with its files in a temporary directory.
pub struct NginxProcess {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl NginxProcess {
    /// Starts it with the repository's configuration, its `listen` and upstream `server`
    /// lines pointed at a free port and at `nodes`.
    ///
    /// # Panics
    ///
    /// When nginx is missing or does not answer within 30 s.
    pub async fn start(nodes: &[SocketAddr]) -> Self {
        let port = free_port();
        let config = std::fs::read_to_string(workspace_root().join("deploy/nginx.conf"))
            .expect("deploy/nginx.conf");
        let upstream: String = nodes
            .iter()
            .map(|node| format!("        server {node};\n"))
            .collect();
        let mut written = String::new();
        let mut upstream_written = false;
        for line in config.lines() {
            if line.trim_end().ends_with("# node") {
                if !upstream_written {
                    written.push_str(&upstream);
                    upstream_written = true;
                }
            } else if line.trim_end().ends_with("# public") {
                written.push_str(&format!("        listen 127.0.0.1:{port};\n"));
            } else {
                written.push_str(line);
                written.push('\n');
            }
        }
        assert!(
            upstream_written,
            "deploy/nginx.conf marks its upstream lines"
        );
        let dir = tempfile::tempdir().expect("a directory for nginx");
        let path = dir.path().join("nginx.conf");
        std::fs::write(&path, written).expect("write the configuration");
        let child = Process::new("nginx")
            .arg("-c")
            .arg(&path)
            .arg("-p")
            .arg(dir.path())
            // One process (no workers to outlive it when the test kills it).
            .args(["-g", "daemon off; master_process off; user root;"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start nginx (Debian's nginx package)");
        let started = tokio::time::Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(started.elapsed() < START_DEADLINE, "nginx does not listen");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self {
            child,
            port,
            _dir: dir,
        }
    }

    /// Its WebSocket address.
    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}/ws", self.port)
    }
}

impl Drop for NginxProcess {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}
