//! A TCP proxy on a loopback port whose connections a test can cut, to drop a browser's
//! WebSocket as a flaky network would, and keep it out for a while; or that loses one
//! reply on its way back (the server did the work, the client never hears of it).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;

/// Forwards every connection to `upstream` until cut.
pub struct Proxy {
    /// Where the proxy listens.
    pub addr: SocketAddr,
    blocked: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<AbortHandle>>>,
    accept: AbortHandle,
    /// The start of the next reply to lose, with its connection.
    lose: Arc<Mutex<Option<Vec<u8>>>>,
}

impl Proxy {
    /// Starts a proxy to `upstream` on a free loopback port.
    ///
    /// # Panics
    ///
    /// When no loopback port can be bound.
    pub async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the proxy");
        let addr = listener.local_addr().expect("proxy address");
        let blocked = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let lose: Arc<Mutex<Option<Vec<u8>>>> = Arc::default();
        let accept = {
            let blocked = blocked.clone();
            let connections = connections.clone();
            let lose = lose.clone();
            tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    if blocked.load(Ordering::SeqCst) {
                        drop(client);
                        continue;
                    }
                    let lose = lose.clone();
                    let task = tokio::spawn(async move {
                        if let Ok(server) = TcpStream::connect(upstream).await {
                            forward(client, server, lose).await;
                        }
                    });
                    connections.lock().unwrap().push(task.abort_handle());
                }
            })
            .abort_handle()
        };
        Self {
            addr,
            blocked,
            connections,
            accept,
            lose,
        }
    }

    /// Loses the next reply that starts with `prefix`: the server's answer is dropped
    /// and its connection cut, as when the network fails right after the server acted.
    pub fn lose_next_reply_starting_with(&self, prefix: &[u8]) {
        *self.lose.lock().unwrap() = Some(prefix.to_vec());
    }

    /// Whether the reply asked for with [`Proxy::lose_next_reply_starting_with`] was lost.
    pub fn lost(&self) -> bool {
        self.lose.lock().unwrap().is_none()
    }

    /// Cuts every open connection and refuses new ones until [`Proxy::restore`].
    pub fn cut(&self) {
        self.blocked.store(true, Ordering::SeqCst);
        for connection in self.connections.lock().unwrap().drain(..) {
            connection.abort();
        }
    }

    /// Lets connections through again.
    pub fn restore(&self) {
        self.blocked.store(false, Ordering::SeqCst);
    }
}

/// Copies bytes both ways until either side closes, or until a reply to lose passes.
async fn forward(client: TcpStream, server: TcpStream, lose: Arc<Mutex<Option<Vec<u8>>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let up = tokio::io::copy(&mut client_read, &mut server_write);
    let down = async {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = match server_read.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(read) => read,
            };
            {
                let mut lose = lose.lock().unwrap();
                if lose
                    .as_ref()
                    .is_some_and(|prefix| buffer[..read].starts_with(prefix))
                {
                    *lose = None;
                    return;
                }
            }
            if client_write.write_all(&buffer[..read]).await.is_err() {
                return;
            }
        }
    };
    tokio::select! {
        _ = up => {}
        () = down => {}
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
        self.cut();
    }
}
