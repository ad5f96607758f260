//! The WebSocket to the server: `hello` with the token, commands and their answers, the
//! meeting's events folded into the session, and reconnecting with exponential backoff,
//! jitter and `since` so that nothing is missed.
//!
//! The browser's `WebSocket` is not `Send`, so it lives in a thread-local, never in a
//! signal. Each socket gets a generation number; callbacks of an older socket find their
//! generation stale and do nothing. Sockets are only ever (re)opened from a timer, never
//! from inside one of the current socket's callbacks, because opening one drops the
//! previous socket's callbacks.

use crate::channels::{self, Follower};
use crate::console;
use crate::i18n::{self, Key};
use crate::invite;
use crate::model::{self, Fold, Meeting, Situation};
use crate::policy::{self, AfterClose, Backoff};
use crate::roster::Roster;
use crate::session::{Failure, Session, Status};
use crate::timing;
use leptos::prelude::*;
use protocol::{
    ClientMessage, Command, Event, EventEnvelope, Hello, Listening, MeetingState, MyRequest,
    Notice, PROTOCOL_VERSION, QueueView, RequestId, ServerMessage,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// A connection welcomed this long ago (milliseconds) counts as stable.
const STABLE_AFTER_MS: f64 = 10_000.0;

/// How many of the viewer's withdrawals are remembered, to tell them from the chair's.
const WITHDRAWALS_KEPT: usize = 16;

/// A command sent and not answered yet.
struct Pending {
    command: Command,
    /// Sent by the hand button or its shortcut, which waits for the answer.
    hand: bool,
}

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
    /// The meeting's seq at the current socket's welcome: events and views beyond it
    /// happen live, so their times are samples of the server's clock.
    welcome_seq: u64,
    /// Command ids count from 1 on each connection.
    next_id: u64,
    /// Commands sent on this socket and not answered yet.
    pending: HashMap<u64, Pending>,
    /// Requests the viewer asked to withdraw, most recent last, so that their leaving the
    /// list is announced as the viewer's doing rather than the chair's.
    withdrawn: Vec<RequestId>,
    /// A hand command was acknowledged with this seq, whose event has not arrived yet.
    hand_until_seq: Option<u64>,
    /// The next `hello` asks for a fresh snapshot instead of resuming (after a gap).
    fresh_snapshot: bool,
    /// What the last `listen` on this socket said (`None`: nothing yet), so that it is
    /// sent again only when it changes.
    listened: Option<Listening>,
    /// Welcomed, and the welcome's `presence` (its last message) not seen yet: what
    /// comes meanwhile is the welcome's briefing, not news.
    awaiting_presence: bool,
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
            welcome_seq: u64::MAX,
            next_id: 1,
            pending: HashMap::new(),
            withdrawn: Vec::new(),
            hand_until_seq: None,
            fresh_snapshot: false,
            listened: None,
            awaiting_presence: false,
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
    send_command(command, false);
}

/// Sends the hand button's command (raise or lower): the button ignores presses until
/// the server answered and the change is seen, so that a double press does not send a
/// contradiction.
pub fn send_hand(command: Command) {
    send_command(command, true);
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
        let id = connection.next_id;
        let text = ClientMessage::Command {
            id,
            command: command.clone(),
        }
        .encode();
        socket.send_with_str(&text).ok()?;
        connection.next_id += 1;
        if let Command::LowerHand {
            request: Some(request),
        } = &command
        {
            connection.withdrawn.push(*request);
            let excess = connection.withdrawn.len().saturating_sub(WITHDRAWALS_KEPT);
            connection.withdrawn.drain(..excess);
        }
        connection.pending.insert(id, Pending { command, hand });
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
        connection.next_id = 1;
        connection.pending.clear();
        connection.hand_until_seq = None;
        connection.welcome_seq = u64::MAX;
        connection.listened = None;
        connection.awaiting_presence = false;
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
                .with_untracked(|meeting| meeting.as_ref().map(|meeting| meeting.state.seq))
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
            // An error with a code newer than this client still answers its command.
            if let Some((id, message)) = model::unknown_error(text) {
                return refused(generation, session, id, message);
            }
            web_sys::console::warn_1(
                &format!("unreadable message from the server: {error}").into(),
            );
            return;
        }
    };
    match message {
        ServerMessage::Welcome(welcome) => {
            session.you.set(Some(welcome.you));
            session.session_ends_at.set(Some(welcome.token_expires_at));
            // The chair and organisers get the whole roster again after each welcome;
            // whoever else gets none.
            session.roster.set(Roster::default());
            match welcome.meeting {
                Some(state) => on_snapshot(generation, session, *state),
                // Resumed: the missed events follow. Without a state to resume (which a
                // correct server never causes), ask again for a snapshot.
                None if session.meeting.with_untracked(Option::is_none) => {
                    return resynchronise(generation);
                }
                None => {}
            }
            current(generation, |connection| {
                connection.welcomed_at = Some(js_sys::Date::now());
                connection.welcome_seq = welcome.seq;
                connection.fresh_snapshot = false;
                connection.listened = None;
                connection.awaiting_presence = true;
            });
            session.status.set(Status::Connected);
            session.failure.set(None);
            // Every new socket follows nothing until it says what it listens to.
            settle_listening(session);
            send_listen(generation);
        }
        ServerMessage::Presence(presence) => {
            session.presence.set(presence);
            let welcomed = current(generation, |connection| {
                std::mem::replace(&mut connection.awaiting_presence, false)
            });
            if welcomed == Some(true) {
                // The welcome's presence says who staffs the booths: what the viewer
                // hears follows from it. Later changes come as notices.
                settle_listening(session);
                send_listen(generation);
            }
        }
        ServerMessage::Notice(notice) => on_notice(generation, session, notice),
        ServerMessage::Event(envelope) => on_event(generation, session, &envelope),
        ServerMessage::Queue(view) => on_view(generation, session, &view),
        ServerMessage::YourRequests { seq, at, requests } => {
            on_your_requests(generation, session, seq, at, requests);
        }
        ServerMessage::Ack { id, seq } => {
            let Some(pending) = current(generation, |connection| {
                let pending = connection.pending.remove(&id)?;
                if pending.hand {
                    connection.hand_until_seq = Some(seq);
                }
                Some(pending)
            })
            .flatten() else {
                return;
            };
            if let Some(you) = session.you.get_untracked() {
                fold_and_announce(generation, session, None, |meeting| {
                    meeting.acknowledged(&pending.command, &you)
                });
            }
            release_hand_once_seen(generation, session);
        }
        ServerMessage::Error { id, code, message } => {
            refused(
                generation,
                session,
                id,
                model::refusal_reason(code, message),
            );
        }
        ServerMessage::Roster { full, joined, left } => {
            session
                .roster
                .update(|roster| roster.apply(full, joined, &left));
        }
        ServerMessage::TokenRefreshed { expires_at, .. } => {
            session.session_ends_at.set(Some(expires_at));
        }
    }
}

/// For roles that listen: starts following the viewer's choice (kept in this browser,
/// else their first language) as the meeting now delivers it, without announcing.
fn settle_listening(session: Session) {
    let Some(follower) = session
        .with_untracked(|meeting, you| {
            if !channels::listens(you.role) {
                return None;
            }
            let presence = session.presence.get_untracked();
            let mut follower = session.follower.get_untracked().unwrap_or_else(|| {
                let preference = Session::stored_listening()
                    .unwrap_or_else(|| channels::default_preference(&meeting.state, you));
                Follower::new(preference, &meeting.state, &presence)
            });
            let preference = channels::fit(&follower.preference, &meeting.state);
            follower.prefer(preference, &meeting.state, &presence);
            Some(follower)
        })
        .flatten()
    else {
        return;
    };
    session.follower.set(Some(follower));
}

/// Tells the server what the viewer follows, if that changed since the last `listen` on
/// this socket. Its `ack` needs no handling.
fn send_listen(generation: u32) {
    current(generation, |connection| {
        let Some(listening) = connection
            .session
            .follower
            .with_untracked(|follower| follower.as_ref().map(Follower::message))
        else {
            return;
        };
        if connection.listened.as_ref() == Some(&listening)
            || connection.session.status.get_untracked() != Status::Connected
        {
            return;
        }
        let Some(socket) = &connection.socket else {
            return;
        };
        let id = connection.next_id;
        let message = ClientMessage::Listen {
            id,
            listening: listening.clone(),
        };
        if socket.send_with_str(&message.encode()).is_ok() {
            connection.next_id += 1;
            connection.listened = Some(listening);
        }
    });
}

/// The viewer changed their choice of channel (the follower in the session is already
/// updated): tells the server.
pub fn listening_changed() {
    let generation = CONNECTION.with_borrow(|connection| connection.as_ref().map(|c| c.generation));
    if let Some(generation) = generation {
        send_listen(generation);
    }
}

/// A notice for this viewer: a channel they follow changed (announced, and followed to a
/// fallback or back), their booth's task or pivots, or dead air.
fn on_notice(generation: u32, session: Session, notice: Notice) {
    let briefing = current(generation, |connection| connection.awaiting_presence).unwrap_or(true);
    match notice {
        Notice::Channel { channel, status } => {
            let presence = session.presence.get_untracked();
            let said = session.meeting.with_untracked(|meeting| {
                let meeting = meeting.as_ref()?;
                session
                    .follower
                    .try_update(|follower| {
                        follower.as_mut().and_then(|follower| {
                            follower.notice(&meeting.state, &presence, &channel, &status)
                        })
                    })
                    .flatten()
            });
            if let Some(said) = said {
                session.announce(said);
            }
            send_listen(generation);
        }
        Notice::Task {
            booth,
            floor_language,
            task,
        } => {
            let said = session.with_meeting_untracked(|state| {
                console::task_text(state, &booth, &floor_language, &task)
            });
            let changed = session.task.with_untracked(|known| {
                known.as_ref() != Some(&(floor_language.clone(), task.clone()))
            });
            session.task.set(Some((floor_language, task)));
            if changed
                && !briefing
                && let Some(said) = said
            {
                session.announce(said);
            }
        }
        // What the viewer hears after their `listen`: the follower chose it, by the same
        // rule, and announces nothing for it.
        Notice::Hearing { .. } => {}
        Notice::Pivot { relying, .. } => {
            if !briefing && !relying.is_empty() {
                session.announce(i18n::relying(&relying));
            }
            session.relying.set(relying);
        }
        Notice::DeadAir { channel, since } => {
            let now = session
                .clock
                .get_untracked()
                .server_time(js_sys::Date::now());
            let said = session.with_meeting_untracked(|state| {
                console::dead_air_text(state, &channel, since, now)
            });
            session.dead_air.update(|alerts| {
                alerts.retain(|(known, _)| *known != channel);
                alerts.push((channel, since));
            });
            if let Some(Some(said)) = said {
                session.alert(said);
            }
        }
    }
}

/// A command was refused: the viewer is told which and why.
fn refused(generation: u32, session: Session, id: Option<u64>, reason: String) {
    let pending = id.and_then(|id| {
        current(generation, |connection| {
            let pending = connection.pending.remove(&id)?;
            if let Command::LowerHand {
                request: Some(request),
            } = &pending.command
            {
                connection
                    .withdrawn
                    .retain(|withdrawn| withdrawn != request);
            }
            Some(pending)
        })
        .flatten()
    });
    match pending {
        Some(pending) => {
            if pending.hand {
                session.hand_busy.set(false);
            }
            session.notify(i18n::command_refused(
                i18n::action(&pending.command),
                &reason,
            ));
        }
        // An error about the session itself (a refused hello) is followed by a close
        // whose code says what to do; a stray one is only logged.
        None => web_sys::console::warn_1(&format!("server error: {reason}").into()),
    }
}

/// Folds one message into the meeting with `fold` and announces what changed for the
/// viewer. A message that does not follow the state leads to a fresh snapshot.
fn fold_and_announce(
    generation: u32,
    session: Session,
    event: Option<&Event>,
    fold: impl FnOnce(&mut Meeting) -> Fold,
) {
    let you = session.you.get_untracked();
    let withdrawn =
        current(generation, |connection| connection.withdrawn.clone()).unwrap_or_default();
    let outcome = session.meeting.try_maybe_update(|meeting| {
        let Some(meeting) = meeting else {
            return (false, None);
        };
        let before = you.as_ref().map(|you| Situation::of(meeting, you));
        match fold(meeting) {
            Fold::Applied => {
                let said = you.as_ref().zip(before).and_then(|(you, before)| {
                    let after = Situation::of(meeting, you);
                    model::announcement(meeting, &before, &after, event, |request| {
                        withdrawn.contains(&request)
                    })
                });
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

/// A `welcome` with a fresh snapshot: it replaces what the client knew (announcing what
/// changed meanwhile, after a lost track), or is the first state.
fn on_snapshot(generation: u32, session: Session, state: MeetingState) {
    if session.meeting.with_untracked(Option::is_some) {
        fold_and_announce(generation, session, None, |meeting| {
            *meeting = Meeting::new(state);
            Fold::Applied
        });
    } else {
        session.meeting.set(Some(Meeting::new(state)));
    }
}

fn on_event(generation: u32, session: Session, envelope: &EventEnvelope) {
    let live = current(generation, |connection| {
        envelope.seq > connection.welcome_seq
    });
    if live == Some(true) {
        session.observe_server_time(envelope.at);
    }
    fold_and_announce(generation, session, Some(&envelope.event), |meeting| {
        meeting.fold_event(envelope)
    });
    // The channels follow the meeting's languages: the choice is fitted to them again.
    if matches!(envelope.event, Event::MeetingUpdated { .. }) {
        settle_listening(session);
        send_listen(generation);
    }
}

/// A `queue` view (summarised states): the list and the floor as they now stand. A new
/// speech or pause seen live also tells the server's time.
fn on_view(generation: u32, session: Session, view: &QueueView) {
    let live = current(generation, |connection| view.seq > connection.welcome_seq);
    let before = session
        .meeting
        .with_untracked(|meeting| meeting.as_ref().and_then(|m| m.state.floor.clone()));
    fold_and_announce(generation, session, None, |meeting| {
        meeting.fold_queue_view(view)
    });
    if live == Some(true)
        && let Some(at) = timing::floor_change_time(before.as_ref(), view.floor.as_ref())
    {
        session.observe_server_time(at);
    }
}

fn on_your_requests(
    generation: u32,
    session: Session,
    seq: u64,
    at: u64,
    requests: Vec<MyRequest>,
) {
    fold_and_announce(generation, session, None, |meeting| {
        meeting.fold_your_requests(seq, at, requests)
    });
}

/// Re-enables the hand button once the event of its acknowledged command is folded (or,
/// for a summarised state, a view that includes it), so that the button never offers to
/// raise a hand that is already up.
fn release_hand_once_seen(generation: u32, session: Session) {
    let seen = session
        .meeting
        .with_untracked(|meeting| meeting.as_ref().map_or(0, |meeting| meeting.state.seq));
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
