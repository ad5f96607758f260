//! A WebSocket spoken by hand over a real socket, for what a well-behaved client library
//! will not send: unmasked frames, reserved bits, unknown opcodes, invalid UTF-8, frames
//! far over the limit. It reads the server's frames just enough to find its close code.

use anyhow::{Context, Result, bail};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a read may wait.
const DEADLINE: Duration = Duration::from_secs(10);

/// The mask every frame sent here uses (any mask will do; the server unmasks).
const MASK: [u8; 4] = [0x12, 0x34, 0x56, 0x78];

/// An upgraded WebSocket connection, read and written as bytes.
pub struct RawSocket {
    stream: TcpStream,
    /// Bytes read and not yet parsed.
    buffer: Vec<u8>,
}

/// What the server sent until it closed.
#[derive(Debug, Default)]
pub struct Ending {
    /// The texts of its text messages (after reassembling continuations).
    pub texts: Vec<String>,
    /// The code of its close frame, if it sent one before the connection ended.
    pub close_code: Option<u16>,
}

impl RawSocket {
    /// Opens `/ws` on `addr` and completes the upgrade.
    ///
    /// # Errors
    ///
    /// When the server does not answer `101`.
    pub async fn connect(addr: SocketAddr) -> Result<Self> {
        let mut stream = TcpStream::connect(addr).await?;
        let request = format!(
            "GET /ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await?;
        let mut socket = Self {
            stream,
            buffer: Vec::new(),
        };
        let head = loop {
            if let Some(end) = socket.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&socket.buffer[..end]).into_owned();
                socket.buffer.drain(..end + 4);
                break head;
            }
            socket
                .fill()
                .await?
                .then_some(())
                .context("closed during the upgrade")?;
        };
        if !head.starts_with("HTTP/1.1 101") {
            bail!("no upgrade: {head}");
        }
        Ok(socket)
    }

    /// A frame with `first_byte` (FIN, RSV bits and opcode), masked or not.
    pub fn frame(first_byte: u8, payload: &[u8], masked: bool) -> Vec<u8> {
        let mut frame = vec![first_byte];
        let mask_bit = if masked { 0x80 } else { 0 };
        match payload.len() {
            length @ 0..=125 => frame.push(mask_bit | u8::try_from(length).expect("small")),
            length @ 126..=65535 => {
                frame.push(mask_bit | 126);
                frame.extend_from_slice(&u16::try_from(length).expect("fits").to_be_bytes());
            }
            length => {
                frame.push(mask_bit | 127);
                frame.extend_from_slice(&(length as u64).to_be_bytes());
            }
        }
        if masked {
            frame.extend_from_slice(&MASK);
            frame.extend(
                payload
                    .iter()
                    .enumerate()
                    .map(|(i, byte)| byte ^ MASK[i % 4]),
            );
        } else {
            frame.extend_from_slice(payload);
        }
        frame
    }

    /// A final, masked text frame.
    pub fn text(payload: &[u8]) -> Vec<u8> {
        Self::frame(0x81, payload, true)
    }

    /// Sends bytes as they are. A write that fails (the server closed first) is not an
    /// error: what the server said is read next.
    pub async fn send(&mut self, bytes: &[u8]) {
        let _ = self.stream.write_all(bytes).await;
    }

    /// Sends `hello` with `token`.
    pub async fn hello(&mut self, token: &str) {
        let hello = format!(
            r#"{{"type":"hello","protocol":{},"token":"{token}"}}"#,
            protocol::PROTOCOL_VERSION
        );
        self.send(&Self::text(hello.as_bytes())).await;
    }

    /// Reads more bytes; `false` at the end of the stream (or a reset).
    async fn fill(&mut self) -> Result<bool> {
        let mut chunk = [0u8; 8192];
        let read = tokio::time::timeout(DEADLINE, self.stream.read(&mut chunk))
            .await
            .context("the server neither sent nor closed")?;
        match read {
            Ok(0) | Err(_) => Ok(false),
            Ok(read) => {
                self.buffer.extend_from_slice(&chunk[..read]);
                Ok(true)
            }
        }
    }

    /// The next whole frame from the server: its opcode and payload; `None` when the
    /// connection ended first.
    async fn next_frame(&mut self) -> Result<Option<(u8, bool, Vec<u8>)>> {
        loop {
            if let Some((opcode, fin, payload, used)) = parse(&self.buffer) {
                self.buffer.drain(..used);
                return Ok(Some((opcode, fin, payload)));
            }
            if !self.fill().await? {
                return Ok(None);
            }
        }
    }

    /// Reads until the server's close frame or the end of the connection.
    ///
    /// # Errors
    ///
    /// When the server keeps the connection open, silent, for 10 s.
    pub async fn ending(mut self) -> Result<Ending> {
        let mut ending = Ending::default();
        let mut message = Vec::new();
        while let Some((opcode, fin, payload)) = self.next_frame().await? {
            match opcode {
                0x1 | 0x0 => {
                    message.extend_from_slice(&payload);
                    if fin {
                        ending
                            .texts
                            .push(String::from_utf8_lossy(&message).into_owned());
                        message.clear();
                    }
                }
                0x8 => {
                    ending.close_code =
                        (payload.len() >= 2).then(|| u16::from_be_bytes([payload[0], payload[1]]));
                    // Answer it, as a client does, and stop.
                    let close = Self::frame(0x88, &payload[..payload.len().min(2)], true);
                    let _ = self.stream.write_all(&close).await;
                    return Ok(ending);
                }
                _ => {}
            }
        }
        Ok(ending)
    }
}

/// One server frame at the start of `bytes`: opcode, FIN, payload and the bytes it took.
fn parse(bytes: &[u8]) -> Option<(u8, bool, Vec<u8>, usize)> {
    let (&first, &second) = (bytes.first()?, bytes.get(1)?);
    let (length, mut at) = match second & 0x7F {
        126 => (
            usize::from(u16::from_be_bytes([*bytes.get(2)?, *bytes.get(3)?])),
            4,
        ),
        127 => {
            let raw: [u8; 8] = bytes.get(2..10)?.try_into().ok()?;
            (usize::try_from(u64::from_be_bytes(raw)).ok()?, 10)
        }
        length => (usize::from(length), 2),
    };
    let mask = if second & 0x80 != 0 {
        let mask: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        at += 4;
        Some(mask)
    } else {
        None
    };
    let mut payload = bytes.get(at..at + length)?.to_vec();
    if let Some(mask) = mask {
        for (i, byte) in payload.iter_mut().enumerate() {
            *byte ^= mask[i % 4];
        }
    }
    Some((first & 0x0F, first & 0x80 != 0, payload, at + length))
}
