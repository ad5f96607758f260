//! The baseline: the least a WebSocket broadcast server can do. Every text message any
//! client sends is sent, as the same bytes, to every connected client. No auth, no
//! state, no storage; 4 KiB socket buffers like ours. It tells how much of a figure is
//! the machine and the WebSocket library, and how much is our server.

use anyhow::{Context, Result};
use futures_util::{SinkExt, StreamExt};
use std::io::Write as _;
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// Serves until killed. Prints `listening on ADDR` once ready.
pub async fn serve(addr: &str) -> Result<()> {
    let listener = TcpListener::bind(addr).await.context("bind")?;
    println!("listening on {}", listener.local_addr()?);
    std::io::stdout().flush()?;
    let (everyone, _) = broadcast::channel::<Message>(4096);
    loop {
        let (stream, _) = listener.accept().await?;
        let everyone = everyone.clone();
        tokio::spawn(async move {
            let config = WebSocketConfig::default()
                .read_buffer_size(4096)
                .write_buffer_size(4096);
            let Ok(socket) =
                tokio_tungstenite::accept_async_with_config(stream, Some(config)).await
            else {
                return;
            };
            let (mut sink, mut stream) = socket.split();
            let mut inbox = everyone.subscribe();
            loop {
                tokio::select! {
                    incoming = stream.next() => match incoming {
                        Some(Ok(message @ Message::Text(_))) => {
                            let _ = everyone.send(message);
                        }
                        Some(Ok(_)) => {}
                        _ => break,
                    },
                    outgoing = inbox.recv() => match outgoing {
                        Ok(message) => {
                            if sink.send(message).await.is_err() {
                                break;
                            }
                        }
                        Err(broadcast::error::RecvError::Lagged(_)) => break,
                        Err(broadcast::error::RecvError::Closed) => break,
                    },
                }
            }
        });
    }
}
