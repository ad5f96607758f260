//! Accepting connections: the socket options, a bounded time to send a request's head,
//! and a cap on connections that have not yet said `hello`.
//!
//! A connection costs a file descriptor from its first byte, long before it has shown a
//! token. So a peer that opens sockets and sends nothing, or half a request and then
//! nothing (slowloris), must not be able to use up the server's descriptors:
//!
//! - a request's head must arrive within [`Limits::request_head_timeout`], else the
//!   connection is closed (hyper's header timeout, also while a kept-alive connection
//!   waits for its next request);
//! - every connection holds an [`Unheard`] token from accept until it says `hello` (or
//!   closes): at most [`Limits::unheard_per_address`] per peer address and
//!   [`Limits::unheard_total`] in all; one more is closed at once, and counted;
//! - both counts are in `/metrics` (`meeting_unheard_connections`,
//!   `meeting_refused_connections_total`).
//!
//! Behind a load balancer every connection comes from its address: raise the per-address
//! cap to the total there (`--max-unheard-per-address`).

use crate::limits::Limits;
use crate::metrics;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt as _;

/// Connections that have not said `hello` yet, by peer address.
pub(crate) struct Gate {
    /// Held only to count, never across `.await`.
    counts: Mutex<Counts>,
    per_address: usize,
    total: usize,
}

#[derive(Default)]
struct Counts {
    by_address: HashMap<IpAddr, usize>,
    total: usize,
}

/// One connection that has not said `hello` yet; dropping it (the connection said hello,
/// or closed) frees its place. Shared between the HTTP connection and, after the
/// WebSocket upgrade, the connection that waits for `hello`.
pub(crate) struct Unheard {
    gate: Arc<Gate>,
    address: IpAddr,
}

impl Gate {
    pub(crate) fn new(limits: &Limits) -> Arc<Self> {
        Arc::new(Self {
            counts: Mutex::default(),
            per_address: limits.unheard_per_address,
            total: limits.unheard_total,
        })
    }

    /// A place for a new connection from `address`, if the caps allow one.
    fn admit(self: &Arc<Self>, address: IpAddr) -> Option<Arc<Unheard>> {
        let mut counts = self
            .counts
            .lock()
            .expect("the gate's lock is never poisoned");
        let from_address = counts.by_address.get(&address).copied().unwrap_or(0);
        if counts.total >= self.total || from_address >= self.per_address {
            return None;
        }
        counts.total += 1;
        *counts.by_address.entry(address).or_default() += 1;
        metrics::unheard(counts.total);
        Some(Arc::new(Unheard {
            gate: self.clone(),
            address,
        }))
    }
}

impl Drop for Unheard {
    fn drop(&mut self) {
        let mut counts = self
            .gate
            .counts
            .lock()
            .expect("the gate's lock is never poisoned");
        counts.total -= 1;
        if let Some(count) = counts.by_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.by_address.remove(&self.address);
            }
        }
        metrics::unheard(counts.total);
    }
}

/// The [`Unheard`] place of the connection a request came on, for the WebSocket upgrade
/// to carry until `hello`: only held, never read, since dropping it is what counts.
#[derive(Clone)]
pub(crate) struct UnheardPlace(#[allow(dead_code)] Arc<Unheard>);

/// Serves `router` on every connection `listener` accepts, until `stopped` turns true;
/// then stops accepting and lets each HTTP connection finish its request.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: &Limits,
    gate: Arc<Gate>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = until_stopped(&mut stopped) => return,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of descriptors, say: wait a little rather than spin.
                tracing::warn!(%error, "cannot accept a connection");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(place) = gate.admit(peer.ip()) else {
            metrics::refused_connection();
            tracing::debug!(%peer, "too many connections that have not said hello");
            drop(stream);
            continue;
        };
        configure(&stream, limits.socket_send_buffer);
        let service = router
            .clone()
            .map_request(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request.extensions_mut().insert(UnheardPlace(place.clone()));
                request.extensions_mut().insert(PeerAddress(peer.ip()));
                request
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.request_head_timeout)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            .with_upgrades();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = until_stopped(&mut stopped) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
}

/// The address a request came from (the peer of its connection).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeerAddress(pub(crate) IpAddr);

/// Completes once `stopped` is true (or its sender is gone).
async fn until_stopped(stopped: &mut watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stopped| *stopped).await;
}

/// Bounds the socket's kernel send buffer, so that a client that stops reading is
/// noticed after that much (not the megabytes the kernel would otherwise buffer per
/// socket), and turns off Nagle's algorithm: writes are already batched (one flush per
/// batch of queue entries), so it would only delay the last frame of a long message
/// until the client acknowledged the first.
fn configure(stream: &TcpStream, send_buffer: usize) {
    if let Err(error) = socket2::SockRef::from(stream).set_send_buffer_size(send_buffer) {
        tracing::warn!(%error, "cannot bound the socket's send buffer");
    }
    if let Err(error) = stream.set_nodelay(true) {
        tracing::warn!(%error, "cannot turn off Nagle's algorithm");
    }
}
