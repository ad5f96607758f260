//! Opening many WebSocket connections fast, spread over loopback source addresses
//! (127.0.0.2, 127.0.0.3, …) so that tens of thousands of sockets never run out of
//! ephemeral ports on one source address.

use anyhow::{Context, Result, bail};
use futures_util::{SinkExt, StreamExt};
use protocol::{
    ClientMessage, Hello, MeetingId, PROTOCOL_VERSION, Participant, ParticipantId, Role,
    ServerMessage, Welcome,
};
use server::auth::{Keys, Secret};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// The secret the server under test signs with; tokens are minted with it.
pub const SECRET: &str = "load-generator-secret-load-generator-secret-0123";
/// The meeting the clients join.
pub const MEETING: &str = "victim-assistance-2020";

/// One client's socket.
pub type Socket = WebSocketStream<TcpStream>;

/// How many handshakes run at once.
const CONCURRENT_CONNECTS: usize = 256;

/// Mints tokens for load clients.
pub struct Tokens {
    keys: Keys,
    meeting: MeetingId,
}

impl Tokens {
    /// Tokens signed with the server under test's secret.
    pub fn new() -> Self {
        Self {
            keys: Keys::new(&Secret::new(SECRET).expect("the secret is long enough")),
            meeting: MeetingId::new(MEETING),
        }
    }

    /// A token for load client `index` (an attendee), or the chair.
    pub fn mint(&self, who: Who) -> String {
        let (id, role) = match who {
            Who::Attendee(index) => (format!("load-{index}"), Role::Attendee),
            Who::Chair => ("load-chair".to_owned(), Role::Chair),
        };
        let participant = Participant {
            name: id.clone(),
            id: ParticipantId::new(id),
            role,
            delegation: None,
            booth: None,
            languages: vec![],
        };
        self.keys
            .mint(&self.meeting, &participant, Duration::from_secs(3600))
    }
}

/// Who a load client is.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    /// Attendee number N.
    Attendee(usize),
    /// The chair.
    Chair,
}

/// Opens one connection from source address number `index % sources`.
///
/// # Errors
///
/// When the connection or the handshake fails.
pub async fn connect(addr: SocketAddr, url: &str, index: usize, sources: u8) -> Result<Socket> {
    let socket = TcpSocket::new_v4()?;
    let host = 2 + u8::try_from(index % usize::from(sources.max(1))).unwrap_or(0);
    socket.bind(SocketAddr::new(Ipv4Addr::new(127, 0, 0, host).into(), 0))?;
    let stream = socket.connect(addr).await.context("connect")?;
    stream.set_nodelay(true)?;
    let config = WebSocketConfig::default()
        .read_buffer_size(4096)
        .write_buffer_size(4096);
    let (socket, _) = tokio_tungstenite::client_async_with_config(url, stream, Some(config))
        .await
        .context("handshake")?;
    Ok(socket)
}

/// Says hello and waits for the welcome.
///
/// # Errors
///
/// When the server answers anything else or nothing within 30 s.
pub async fn hello(socket: &mut Socket, token: String, since: Option<u64>) -> Result<Welcome> {
    let hello = ClientMessage::Hello(Hello {
        token,
        protocol: PROTOCOL_VERSION,
        since,
    });
    socket.send(Message::text(hello.encode())).await?;
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(30), socket.next())
            .await
            .context("no welcome within 30 s")?
            .context("closed before the welcome")??;
        if let Message::Text(text) = frame {
            return match ServerMessage::decode(&text)? {
                ServerMessage::Welcome(welcome) => Ok(welcome),
                other => bail!("expected a welcome, got {other:?}"),
            };
        }
    }
}

/// Opens `count` connections (numbered from `first`), saying hello as attendees when
/// `tokens` is given (our server) or not at all (the baseline).
///
/// # Errors
///
/// The first connection that fails.
pub async fn open_many(
    addr: SocketAddr,
    url: &str,
    first: usize,
    count: usize,
    sources: u8,
    tokens: Option<&Tokens>,
) -> Result<Vec<Socket>> {
    let tokens: Vec<Option<String>> = (first..first + count)
        .map(|index| tokens.map(|tokens| tokens.mint(Who::Attendee(index))))
        .collect();
    let opened = futures_util::stream::iter(tokens.into_iter().enumerate())
        .map(|(offset, token)| async move {
            let mut socket = connect(addr, url, first + offset, sources).await?;
            if let Some(token) = token {
                hello(&mut socket, token, None).await?;
            }
            Ok::<_, anyhow::Error>(socket)
        })
        .buffer_unordered(CONCURRENT_CONNECTS)
        .collect::<Vec<_>>()
        .await;
    opened.into_iter().collect()
}

/// Closes every socket with a close frame and waits (at most 5 s each) until the server
/// has answered with its own and ended the connection.
pub async fn close_all(sockets: Vec<Socket>) {
    futures_util::stream::iter(sockets)
        .for_each_concurrent(CONCURRENT_CONNECTS * 4, |mut socket| async move {
            let _ = tokio::time::timeout(Duration::from_secs(5), async {
                let _ = socket.close(None).await;
                while let Some(Ok(_)) = socket.next().await {}
            })
            .await;
        })
        .await;
}

/// The `seq` of an `event` frame, read without decoding the whole message.
pub fn event_seq(text: &str) -> Option<u64> {
    let rest = text.strip_prefix(r#"{"type":"event","seq":"#)?;
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    rest[..end].parse().ok()
}

/// What a summary frame says, as far as the load generator cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSummary {
    /// A `queue` view: how many requests wait.
    Queue {
        /// The list's length.
        length: usize,
    },
    /// A `your_requests` message: whether the recipient has a request waiting.
    Mine {
        /// Whether any request is listed.
        waiting: bool,
    },
}

/// Reads a `queue` or `your_requests` frame; `None` for anything else.
pub fn summary_of(text: &str) -> Option<ListSummary> {
    if !text.starts_with(r#"{"type":"queue""#) && !text.starts_with(r#"{"type":"your_requests""#) {
        return None;
    }
    match ServerMessage::decode(text).ok()? {
        ServerMessage::Queue(view) => Some(ListSummary::Queue {
            length: view.list.map_or(0, |list| list.length as usize),
        }),
        ServerMessage::YourRequests { requests, .. } => Some(ListSummary::Mine {
            waiting: !requests.is_empty(),
        }),
        _ => None,
    }
}

/// Whether a frame is an `ack`.
pub fn is_ack(text: &str) -> bool {
    text.starts_with(r#"{"type":"ack""#)
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{Event, EventEnvelope};

    #[test]
    fn the_seq_is_read_from_real_event_frames() {
        let frame = ServerMessage::Event(EventEnvelope {
            seq: 4711,
            at: 1,
            actor: None,
            event: Event::FloorEnded,
        })
        .encode();
        assert_eq!(event_seq(&frame), Some(4711));
        assert_eq!(event_seq(r#"{"type":"ack","id":1,"seq":3}"#), None);
        assert!(is_ack(&ServerMessage::Ack { id: 1, seq: 2 }.encode()));
    }
}
