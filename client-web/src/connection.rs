//! The WebSocket to the server: `hello` with the token, commands and their answers, and
//! reconnecting with exponential backoff, jitter and `since` so that nothing is missed.
//! What each message means is decided by [`crate::inbox`]: this file decodes frames,
//! lends the session's state to the inbox, and performs the [`Effect`]s it returns.
//!
//! The browser's `WebSocket` is not `Send`, so it lives in a thread-local, never in a
//! signal. Each socket gets a generation number; callbacks of an older socket find their
//! generation stale and do nothing. Sockets are only ever (re)opened from a timer, never
//! from inside one of the current socket's callbacks, because opening one drops the
//! previous socket's callbacks.

use crate::announce;
use crate::i18n::{self, Key};
use crate::inbox::{Effect, Inbox};
use crate::invite;
use crate::policy::Backoff;
use crate::roster::Roster;
use crate::session::{Failure, Session, Status};
use crate::speakers;
use crate::storage;
use leptos::prelude::*;
use protocol::{ClientMessage, Command, Hello, Listening, PROTOCOL_VERSION, ServerMessage};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

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
    /// What the connection remembers between messages, and decides from them.
    inbox: Inbox,
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
            inbox: Inbox::new(storage::listening()),
        });
    });
    // Coming back online should not wait for the backoff.
    let _ = window_event_listener(leptos::ev::online, |_| reconnect_after(Duration::ZERO));
    // A fresh invite link opened in this tab renews the session without reconnecting.
    let _ = window_event_listener(leptos::ev::hashchange, |_| refresh_token());
    connect();
}

/// Takes a fresh token from the address bar: later `hello`s use it, a connected session
/// sends it as `refresh_token` so that it outlives the old token, and a page that gave up
/// (its link revoked, its session expired) joins again with it.
fn refresh_token() {
    let Some(token) = invite::from_link() else {
        return;
    };
    let rejoin = CONNECTION.with_borrow_mut(|connection| {
        let Some(connection) = connection.as_mut() else {
            return false;
        };
        connection.token = token.clone();
        let status = connection.session.status.get_untracked();
        if status == Status::Failed && connection.socket.is_none() {
            // Given up (a revoked link, say): a new link joins again.
            connection.session.failure.set(None);
            connection.session.status.set(Status::Connecting);
            return true;
        }
        if status != Status::Connected {
            return false;
        }
        if let Some(socket) = &connection.socket {
            let id = connection.inbox.take_id();
            let _ = socket.send_with_str(&ClientMessage::RefreshToken { id, token }.encode());
        }
        false
    });
    if rejoin {
        connect();
    }
}

/// The participant's token as the connection has it now (the latest invite link's), for
/// the few HTTP requests the page makes itself (the speaker log); `None` without one.
pub fn token() -> Option<String> {
    CONNECTION.with(|connection| {
        connection
            .borrow()
            .as_ref()
            .map(|connection| connection.token.clone())
    })
}

/// Sends a command; its answer arrives as `ack` (its event follows) or `error` (shown in
/// the status area). Not connected, the command is not queued: the viewer is told, since
/// a hand raised minutes later would surprise everyone.
pub fn send(command: Command) {
    send_command(command, false);
}

/// Sends the hand button's command (raise or lower): the button ignores presses until
/// the server answered and the change is seen, so that a double press does not send a
/// contradiction.
pub fn send_hand(command: Command) {
    send_command(command, true);
}

/// Raises or lowers the viewer's hand (the button and its shortcut); `false` when their
/// role does not ask for the floor. Presses while the previous one is on its way are
/// ignored.
pub fn toggle_hand(session: Session) -> bool {
    if session.meeting.with_untracked(|meeting| {
        meeting
            .as_ref()
            .is_some_and(|meeting| meeting.state.closed_at.is_some())
    }) {
        return false;
    }
    let Some(command) = session.with_untracked(speakers::hand_command).flatten() else {
        return false;
    };
    if !session.hand_busy.get_untracked() {
        send_hand(command);
    }
    true
}

fn send_command(command: Command, hand: bool) {
    // Every command of a closed meeting is refused: say so rather than send it.
    if let Some(session) = session()
        && session.meeting.with_untracked(|meeting| {
            meeting
                .as_ref()
                .is_some_and(|m| m.state.closed_at.is_some())
        })
    {
        session.notify(i18n::text(Key::MeetingEnded).to_owned());
        return;
    }
    let sent = CONNECTION.with_borrow_mut(|connection| {
        let connection = connection.as_mut()?;
        if connection.session.status.get_untracked() != Status::Connected {
            return None;
        }
        let socket = connection.socket.as_ref()?;
        let id = connection.inbox.next_id();
        let text = ClientMessage::Command {
            id,
            command: command.clone(),
        }
        .encode();
        socket.send_with_str(&text).ok()?;
        connection.inbox.sent(command, hand);
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
        connection.inbox.new_socket();
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
        let known_seq = connection
            .session
            .meeting
            .with_untracked(|meeting| meeting.as_ref().map(|meeting| meeting.state.seq));
        let hello = ClientMessage::Hello(Hello {
            token: connection.token.clone(),
            protocol: PROTOCOL_VERSION,
            since: connection.inbox.since(known_seq),
        });
        if let Some(socket) = &connection.socket {
            let _ = socket.send_with_str(&hello.encode());
        }
    });
}

/// One frame from the server: folded by the inbox into what the session knows, then
/// acted on.
fn on_message(generation: u32, text: &str) {
    let Some(session) = current(generation, |connection| connection.session) else {
        return;
    };
    let now = js_sys::Date::now();
    let effects = match ServerMessage::decode(text) {
        Ok(message) => session.lend(|known| {
            current(generation, |connection| {
                connection.inbox.on_message(known, message, now)
            })
            .unwrap_or_default()
        }),
        // An error with a code newer than this client still answers its command.
        Err(error) => match announce::unknown_error(text) {
            Some((id, reason)) => current(generation, |connection| {
                connection.inbox.refused(id, reason)
            })
            .unwrap_or_default(),
            None => {
                web_sys::console::warn_1(
                    &format!("unreadable message from the server: {error}").into(),
                );
                return;
            }
        },
    };
    perform(generation, session, effects);
}

/// The viewer changed their choice of channel (the follower in the session is already
/// updated): tells the server.
pub fn listening_changed() {
    let Some((generation, session)) = CONNECTION.with_borrow(|connection| {
        connection
            .as_ref()
            .map(|connection| (connection.generation, connection.session))
    }) else {
        return;
    };
    let effects = session
        .follower
        .with_untracked(|follower| {
            current(generation, |connection| {
                connection.inbox.listening_changed(follower.as_ref())
            })
        })
        .unwrap_or_default();
    perform(generation, session, effects);
}

fn on_close(generation: u32, code: u16) {
    let Some((session, effects)) = current(generation, |connection| {
        connection.socket = None;
        let effects = connection.inbox.on_close(code, js_sys::Date::now());
        (connection.session, effects)
    }) else {
        return;
    };
    perform(generation, session, effects);
}

/// Does what the inbox decided, in order.
fn perform(generation: u32, session: Session, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            // Already shown: `Session::lend` draws the meeting again when it changed.
            Effect::MeetingChanged => {}
            Effect::Announce(text) => session.announce(text),
            Effect::Alert(text) => session.alert(text),
            Effect::Show(text) => session.show(text),
            Effect::Notify(text) => session.notify(text),
            Effect::Warn(text) => web_sys::console::warn_1(&text.into()),
            Effect::Connected => {
                session.status.set(Status::Connected);
                session.failure.set(None);
            }
            Effect::SendListen(listening) => send_listen(generation, listening),
            Effect::ReleaseHand => session.hand_busy.set(false),
            Effect::ResetRoster => session.roster.set(Roster::default()),
            Effect::UpdateRoster { full, joined, left } => {
                session
                    .roster
                    .update(|roster| roster.apply(full, joined, &left));
            }
            Effect::Resynchronise => resynchronise(generation, session),
            Effect::ResetBackoff => {
                current(generation, |connection| connection.backoff.reset());
            }
            Effect::Reconnect => {
                session.status.set(Status::Reconnecting);
                schedule_reconnect();
            }
            Effect::GiveUp {
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
}

/// Sends `listen` on the current socket. Its `ack` needs no handling.
fn send_listen(generation: u32, listening: Listening) {
    current(generation, |connection| {
        let Some(socket) = &connection.socket else {
            return;
        };
        let id = connection.inbox.take_id();
        let _ = socket.send_with_str(&ClientMessage::Listen { id, listening }.encode());
    });
}

/// Lost track of the meeting: drops the socket and connects again for a fresh snapshot.
fn resynchronise(generation: u32, session: Session) {
    let dropped = current(generation, |connection| {
        if let Some(socket) = connection.socket.take() {
            detach(&socket);
        }
    });
    if dropped.is_none() {
        return;
    }
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
