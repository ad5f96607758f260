//! The WebSocket to the server: `hello` with the token, commands and their answers, the
//! meeting's events folded into the session, and reconnecting with exponential backoff,
//! jitter and `since` so that nothing is missed.
//!
//! The browser's `WebSocket` is not `Send`, so it lives in a thread-local, never in a
//! signal. Each socket gets a generation number; callbacks of an older socket find their
//! generation stale and do nothing. Sockets are only ever (re)opened from a timer, never
//! from inside one of the current socket's callbacks, because opening one drops the
//! previous socket's callbacks.

use crate::i18n::{self, Key};
use crate::invite;
use crate::model::{self, Before, Fold};
use crate::policy::{self, AfterClose, Backoff};
use crate::session::{Failure, Session, Status};
use leptos::prelude::*;
use protocol::{ClientMessage, Command, EventEnvelope, Hello, PROTOCOL_VERSION, ServerMessage};
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// A connection welcomed this long ago (milliseconds) counts as stable.
const STABLE_AFTER_MS: f64 = 10_000.0;

/// The current socket's event handlers, kept alive as long as the socket is current.
struct Callbacks {
    _open: Closure<dyn FnMut()>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _close: Closure<dyn FnMut(CloseEvent)>,
}

struct Connection {
    session: Session,
    /// The participant's token, sent in every `hello`.
    token: String,
    socket: Option<WebSocket>,
    callbacks: Option<Callbacks>,
    /// Which socket is current; callbacks of older sockets are ignored.
    generation: u32,
    /// Which scheduled reconnect is current; an earlier timer that fires late is ignored.
    retry: u32,
    backoff: Backoff,
    /// When the current socket was welcomed (browser clock, milliseconds).
    welcomed_at: Option<f64>,
    /// Command ids count from 1 on each connection.
    next_id: u64,
    /// Commands sent on this socket and not answered yet.
    pending: HashMap<u64, Command>,
    /// A hand command was acknowledged with this seq, whose event has not arrived yet.
    hand_until_seq: Option<u64>,
    /// The next `hello` asks for a fresh snapshot instead of resuming (after a gap).
    fresh_snapshot: bool,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// Takes the token from the invite link (or this tab's storage) and connects; without a
/// token, tells the viewer to open their invite link.
pub fn start(session: Session) {
    let Some(token) = invite::take() else {
        session.status.set(Status::Failed);
        session.failure.set(Some(Failure::NoInvite));
        return;
    };
    CONNECTION.with_borrow_mut(|connection| {
        *connection = Some(Connection {
            session,
            token,
            socket: None,
            callbacks: None,
            generation: 0,
            retry: 0,
            backoff: Backoff::default(),
            welcomed_at: None,
            next_id: 1,
            pending: HashMap::new(),
            hand_until_seq: None,
            fresh_snapshot: false,
        });
    });
    // Coming back online should not wait for the backoff.
    let _ = window_event_listener(leptos::ev::online, |_| reconnect_after(Duration::ZERO));
    // A fresh invite link opened in this tab renews the session without reconnecting.
    let _ = window_event_listener(leptos::ev::hashchange, |_| refresh_token());
    connect();
}

/// Takes a fresh token from the address bar: later `hello`s use it, and a connected
/// session sends it as `refresh_token` so that it outlives the old token.
fn refresh_token() {
    let Some(token) = invite::from_link() else {
        return;
    };
    CONNECTION.with_borrow_mut(|connection| {
        let Some(connection) = connection.as_mut() else {
            return;
        };
        connection.token = token.clone();
        if connection.session.status.get_untracked() != Status::Connected {
            return;
        }
        if let Some(socket) = &connection.socket {
            let id = connection.next_id;
            connection.next_id += 1;
            let _ = socket.send_with_str(&ClientMessage::RefreshToken { id, token }.encode());
        }
    });
}

/// Sends a command; its answer arrives as `ack` (its event follows) or `error` (shown in
/// the status area). Not connected, the command is not queued: the viewer is told, since
/// a hand raised minutes later would surprise everyone.
pub fn send(command: Command) {
    let hand = is_own_hand(&command);
    let sent = CONNECTION.with_borrow_mut(|connection| {
        let connection = connection.as_mut()?;
        if connection.session.status.get_untracked() != Status::Connected {
            return None;
        }
        let socket = connection.socket.as_ref()?;
        let id = connection.next_id;
        let text = ClientMessage::Command {
            id,
            command: command.clone(),
        }
        .encode();
        socket.send_with_str(&text).ok()?;
        connection.next_id += 1;
        connection.pending.insert(id, command);
        Some(connection.session)
    });
    match sent {
        Some(session) if hand => session.hand_busy.set(true),
        Some(_) => {}
        None => {
            if let Some(session) = session() {
                session.notify(i18n::text(Key::NotSent).to_owned());
            }
        }
    }
}

/// Whether a command raises or lowers the sender's own hand (what the hand button sends).
fn is_own_hand(command: &Command) -> bool {
    matches!(
        command,
        Command::RaiseHand | Command::LowerHand { participant: None }
    )
}

fn session() -> Option<Session> {
    CONNECTION.with_borrow(|connection| connection.as_ref().map(|c| c.session))
}

fn socket_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    // The token never goes into the URL (URLs end up in logs): it goes in `hello`.
    Some(format!("{scheme}://{}/ws", location.host().ok()?))
}

/// Opens a new socket, replacing (and closing) the current one.
fn connect() {
    let Some(url) = socket_url() else { return };
    let socket = match WebSocket::new(&url) {
        Ok(socket) => socket,
        Err(error) => {
            web_sys::console::warn_2(&"cannot open the WebSocket:".into(), &error);
            schedule_reconnect();
            return;
        }
    };
    CONNECTION.with_borrow_mut(|connection| {
        let Some(connection) = connection else { return };
        connection.generation += 1;
        let generation = connection.generation;
        let open = Closure::<dyn FnMut()>::new(move || on_open(generation));
        let message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                on_message(generation, &text);
            }
        });
        let close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            on_close(generation, event.code());
        });
        socket.set_onopen(Some(open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(close.as_ref().unchecked_ref()));
        if let Some(old) = connection.socket.replace(socket) {
            detach(&old);
        }
        connection.callbacks = Some(Callbacks {
            _open: open,
            _message: message,
            _close: close,
        });
        connection.next_id = 1;
        connection.pending.clear();
        connection.hand_until_seq = None;
    });
}

/// Closes a socket that is no longer current, without hearing from it again.
fn detach(socket: &WebSocket) {
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onclose(None);
    let _ = socket.close();
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
        let since = if connection.fresh_snapshot {
            None
        } else {
            connection
                .session
                .meeting
                .with_untracked(|meeting| meeting.as_ref().map(|meeting| meeting.seq))
        };
        let hello = ClientMessage::Hello(Hello {
            token: connection.token.clone(),
            protocol: PROTOCOL_VERSION,
            since,
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
    let message = match ServerMessage::decode(text) {
        Ok(message) => message,
        Err(error) => {
            web_sys::console::warn_1(
                &format!("unreadable message from the server: {error}").into(),
            );
            return;
        }
    };
    match message {
        ServerMessage::Welcome(welcome) => {
            session.you.set(Some(welcome.you));
            match welcome.meeting {
                Some(meeting) => session.meeting.set(Some(*meeting)),
                // Resumed: the missed events follow. Without a state to resume (which a
                // correct server never causes), ask again for a snapshot.
                None if session.meeting.with_untracked(Option::is_none) => {
                    return resynchronise(generation);
                }
                None => {}
            }
            current(generation, |connection| {
                connection.welcomed_at = Some(js_sys::Date::now());
                connection.fresh_snapshot = false;
            });
            session.status.set(Status::Connected);
            session.failure.set(None);
        }
        ServerMessage::Event(envelope) => on_event(generation, session, &envelope),
        ServerMessage::Ack { id, seq } => {
            let hand = current(generation, |connection| {
                let command = connection.pending.remove(&id)?;
                is_own_hand(&command).then(|| connection.hand_until_seq = Some(seq))
            })
            .flatten();
            if hand.is_some() {
                release_hand_once_seen(generation, session);
            }
        }
        ServerMessage::Error { id, code, message } => {
            let command = id.and_then(|id| {
                current(generation, |connection| connection.pending.remove(&id)).flatten()
            });
            let reason = if message.is_empty() {
                i18n::error_code(code).to_owned()
            } else {
                message
            };
            match command {
                Some(command) => {
                    if is_own_hand(&command) {
                        session.hand_busy.set(false);
                    }
                    session.notify(i18n::command_refused(i18n::action(&command), &reason));
                }
                // An error about the session itself (a refused hello) is followed by a
                // close whose code says what to do; a stray one is only logged.
                None => web_sys::console::warn_1(&format!("server error: {code}: {reason}").into()),
            }
        }
        ServerMessage::TokenRefreshed { .. } => {}
    }
}

fn on_event(generation: u32, session: Session, envelope: &EventEnvelope) {
    session.observe_server_time(envelope.at);
    let you = session.you.get_untracked();
    let outcome = session.meeting.try_maybe_update(|meeting| {
        let Some(meeting) = meeting else {
            return (false, None);
        };
        let before = you.as_ref().map(|you| Before::of(meeting, you));
        match model::fold(meeting, envelope) {
            Fold::Applied => {
                let said = you
                    .as_ref()
                    .zip(before)
                    .and_then(|(you, before)| model::announcement(meeting, envelope, before, you));
                (true, Some(Ok(said)))
            }
            Fold::Duplicate => (false, None),
            Fold::LostTrack(error) => (false, Some(Err(error))),
        }
    });
    match outcome.flatten() {
        Some(Ok(said)) => {
            if let Some(said) = said {
                session.announce(said);
            }
            release_hand_once_seen(generation, session);
        }
        Some(Err(error)) => {
            web_sys::console::warn_1(&format!("{error}: asking for a fresh snapshot").into());
            resynchronise(generation);
        }
        None => {}
    }
}

/// Re-enables the hand button once the event of its acknowledged command is folded, so
/// that the button never offers to raise a hand that is already up.
fn release_hand_once_seen(generation: u32, session: Session) {
    let seen = session
        .meeting
        .with_untracked(|meeting| meeting.as_ref().map_or(0, |meeting| meeting.seq));
    let released = current(generation, |connection| {
        let due = connection.hand_until_seq.is_some_and(|seq| seen >= seq);
        if due {
            connection.hand_until_seq = None;
        }
        due
    });
    if released == Some(true) {
        session.hand_busy.set(false);
    }
}

fn on_close(generation: u32, code: u16) {
    let Some(session) = current(generation, |connection| {
        // Only a connection that lasted resets the backoff: a server that welcomes and
        // then drops every client at once must not be hammered twice a second.
        if connection
            .welcomed_at
            .take()
            .is_some_and(|at| js_sys::Date::now() - at > STABLE_AFTER_MS)
        {
            connection.backoff.reset();
        }
        connection.socket = None;
        connection.pending.clear();
        connection.hand_until_seq = None;
        connection.session
    }) else {
        return;
    };
    session.hand_busy.set(false);
    match policy::after_close(code) {
        AfterClose::Reconnect => {
            session.status.set(Status::Reconnecting);
            schedule_reconnect();
        }
        AfterClose::GiveUp {
            reason,
            forget_token,
        } => {
            if forget_token {
                invite::forget();
            }
            session.status.set(Status::Failed);
            session.failure.set(Some(Failure::Refused(reason)));
        }
    }
}

/// Lost track of the meeting: drops the socket and connects again for a fresh snapshot.
fn resynchronise(generation: u32) {
    let Some(session) = current(generation, |connection| {
        connection.fresh_snapshot = true;
        if let Some(socket) = connection.socket.take() {
            detach(&socket);
        }
        connection.session
    }) else {
        return;
    };
    session.status.set(Status::Reconnecting);
    reconnect_after(Duration::ZERO);
}

/// Connects again after the backoff's next delay.
fn schedule_reconnect() {
    let delay = CONNECTION.with_borrow_mut(|connection| {
        connection
            .as_mut()
            .map(|connection| connection.backoff.next_delay(js_sys::Math::random()))
    });
    if let Some(delay) = delay {
        reconnect_after(delay);
    }
}

/// Connects after `delay`, unless a later call supersedes this one or a socket is open.
fn reconnect_after(delay: Duration) {
    let Some(retry) = CONNECTION.with_borrow_mut(|connection| {
        let connection = connection.as_mut()?;
        // Nothing to do while a socket is open or opening, or after giving up.
        if connection.socket.is_some()
            || connection.session.status.get_untracked() == Status::Failed
        {
            return None;
        }
        connection.retry += 1;
        Some(connection.retry)
    }) else {
        return;
    };
    set_timeout(
        move || {
            let due = CONNECTION.with_borrow(|connection| {
                connection.as_ref().is_some_and(|connection| {
                    connection.retry == retry && connection.socket.is_none()
                })
            });
            if due {
                connect();
            }
        },
        delay,
    );
}
