//! The WebSocket to the server: `hello` with the token, commands, and reconnecting with
//! exponential backoff, jitter and `since` so that nothing is missed.
//!
//! The browser's `WebSocket` is not `Send`, so it lives in a thread-local, never in a
//! signal. The token comes from the URL fragment of the invite link (`#token=…`), is kept
//! in `sessionStorage` so that a reload works, and is removed from the address bar.

use crate::session::{Session, Status};
use crate::text;
use leptos::prelude::Set;
use protocol::{ClientMessage, Command, Hello, PROTOCOL_VERSION, ServerMessage, close};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Where the token is kept between reloads of the tab.
const TOKEN_KEY: &str = "meeting-token";
/// The first reconnect waits about this long; each failure doubles it.
const FIRST_RETRY_MS: f64 = 500.0;
/// Reconnects never wait longer than this.
const MAX_RETRY_MS: f64 = 10_000.0;

struct Connection {
    session: Session,
    token: String,
    socket: Option<WebSocket>,
    /// Which socket the callbacks belong to; callbacks of older sockets are ignored.
    generation: u32,
    /// Failed attempts since the last welcome.
    attempts: u32,
    next_id: u64,
    /// The callbacks of the current socket, dropped with it.
    callbacks: Vec<Box<dyn std::any::Any>>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// Takes the token from the address bar (or the tab's storage) and connects.
pub fn start(session: Session) {
    let Some(token) = take_token() else {
        session.status.set(Status::Failed);
        session.problem.set(Some(text::NO_INVITE.to_owned()));
        return;
    };
    CONNECTION.with_borrow_mut(|connection| {
        *connection = Some(Connection {
            session,
            token,
            socket: None,
            generation: 0,
            attempts: 0,
            next_id: 1,
            callbacks: Vec::new(),
        });
    });
    connect();
}

/// Sends a command; its answer arrives as `ack` or `error`.
pub fn send(command: Command) {
    CONNECTION.with_borrow_mut(|connection| {
        let Some(connection) = connection else { return };
        let id = connection.next_id;
        connection.next_id += 1;
        let message = ClientMessage::Command { id, command }.encode();
        if let Some(socket) = &connection.socket
            && socket.ready_state() == WebSocket::OPEN
        {
            let _ = socket.send_with_str(&message);
        }
    });
}

/// Reads `#token=…` from the address bar, keeps it for reloads and removes it from the
/// URL; falls back to the token kept earlier in this tab.
fn take_token() -> Option<String> {
    let window = web_sys::window()?;
    let storage = window.session_storage().ok().flatten();
    let hash = window.location().hash().unwrap_or_default();
    if let Some(token) = hash
        .strip_prefix("#token=")
        .filter(|token| !token.is_empty())
    {
        if let Some(storage) = &storage {
            let _ = storage.set_item(TOKEN_KEY, token);
        }
        let location = window.location();
        let clean = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        return Some(token.to_owned());
    }
    storage.and_then(|storage| storage.get_item(TOKEN_KEY).ok().flatten())
}

fn socket_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}/ws", location.host().ok()?))
}

/// Opens a new socket and wires its callbacks.
fn connect() {
    let Some(url) = socket_url() else { return };
    let Ok(socket) = WebSocket::new(&url) else {
        schedule_reconnect();
        return;
    };
    CONNECTION.with_borrow_mut(|connection| {
        let Some(connection) = connection else { return };
        connection.generation += 1;
        let generation = connection.generation;

        let on_open = Closure::<dyn FnMut()>::new(move || on_open(generation));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                on_message(generation, &text);
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            on_close(generation, event.code(), &event.reason());
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        if let Some(old) = connection.socket.replace(socket) {
            old.set_onclose(None);
            let _ = old.close();
        }
        connection.callbacks = vec![Box::new(on_open), Box::new(on_message), Box::new(on_close)];
    });
}

/// Runs `f` on the connection if `generation` is still the current socket's.
fn current<R>(generation: u32, f: impl FnOnce(&mut Connection) -> R) -> Option<R> {
    CONNECTION.with_borrow_mut(|connection| {
        connection
            .as_mut()
            .filter(|connection| connection.generation == generation)
            .map(f)
    })
}

fn on_open(generation: u32) {
    current(generation, |connection| {
        let hello = ClientMessage::Hello(Hello {
            token: connection.token.clone(),
            protocol: PROTOCOL_VERSION,
            since: connection.session.last_seq(),
        });
        if let Some(socket) = &connection.socket {
            let _ = socket.send_with_str(&hello.encode());
        }
    });
}

fn on_message(generation: u32, text: &str) {
    let Some(session) = current(generation, |connection| connection.session) else {
        return;
    };
    let Ok(message) = ServerMessage::decode(text) else {
        return;
    };
    match message {
        ServerMessage::Welcome(welcome) => {
            session.you.set(Some(welcome.you));
            if let Some(meeting) = welcome.meeting {
                session.meeting.set(Some(*meeting));
            }
            session.status.set(Status::Connected);
            session.problem.set(None);
            current(generation, |connection| connection.attempts = 0);
        }
        ServerMessage::Event(envelope) => {
            if session.apply(&envelope).is_err() {
                // Lost track: start again from a fresh snapshot.
                session.meeting.set(None);
                resynchronise(generation);
            }
        }
        ServerMessage::Error { message, .. } => session.problem.set(Some(message)),
        ServerMessage::Ack { .. } | ServerMessage::TokenRefreshed { .. } => {}
    }
}

fn on_close(generation: u32, code: u16, reason: &str) {
    let Some(session) = current(generation, |connection| {
        connection.socket = None;
        connection.session
    }) else {
        return;
    };
    if close::should_reconnect(code) {
        session.status.set(Status::Reconnecting);
        schedule_reconnect();
    } else {
        session.status.set(Status::Failed);
        session.problem.set(Some(text::refused(reason)));
    }
}

/// Drops the current socket and connects again without `since`.
fn resynchronise(generation: u32) {
    current(generation, |connection| {
        if let Some(socket) = connection.socket.take() {
            socket.set_onclose(None);
            let _ = socket.close();
        }
    });
    connect();
}

/// Connects again after an exponentially growing delay with full jitter, so that a
/// thousand clients dropped at once do not all come back in the same millisecond.
fn schedule_reconnect() {
    let attempts = CONNECTION.with_borrow_mut(|connection| {
        connection.as_mut().map_or(0, |connection| {
            connection.attempts += 1;
            connection.attempts
        })
    });
    let ceiling =
        (FIRST_RETRY_MS * 2f64.powf(f64::from(attempts.saturating_sub(1)))).min(MAX_RETRY_MS);
    let delay = ceiling / 2.0 + js_sys::Math::random() * ceiling / 2.0;
    leptos::prelude::set_timeout(connect, std::time::Duration::from_millis(delay as u64));
}
