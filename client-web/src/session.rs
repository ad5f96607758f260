//! What the client knows, as signals that the views read and the connection writes: the
//! meeting's state, who the viewer is, how the connection is doing, and what to tell them.

use crate::i18n::{self, Key};
use leptos::prelude::*;
use protocol::{MeetingState, Participant};
use std::time::Duration;

/// How long a refused command's message stays on screen.
const NOTICE_FOR: Duration = Duration::from_secs(8);

/// The connection's state: the `data-state` of `#connection-status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Opening the first connection.
    Connecting,
    /// Welcomed into the meeting and receiving its events.
    Connected,
    /// Lost the connection; trying again.
    Reconnecting,
    /// Not trying (no invite, or the server refused it for good).
    Failed,
}

impl Status {
    /// The value of `data-state` on `#connection-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connecting => "connecting",
            Self::Connected => "connected",
            Self::Reconnecting => "reconnecting",
            Self::Failed => "failed",
        }
    }

    /// What the header says.
    pub fn label(self) -> &'static str {
        i18n::text(match self {
            Self::Connecting => Key::Connecting,
            Self::Connected => Key::Connected,
            Self::Reconnecting => Key::Reconnecting,
            Self::Failed => Key::NotConnected,
        })
    }
}

/// Why the client cannot join: shown instead of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The page was opened without an invite link (and none is kept in this tab).
    NoInvite,
    /// The server refused the session; the key explains what to do.
    Refused(Key),
}

/// A short-lived message in the status area (a refused command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Tells notices apart, so that an old one's timer does not clear a newer one.
    pub serial: u64,
    /// The message.
    pub text: String,
}

/// The client's shared state. Signals are `Copy`, so the whole struct is; views get it
/// with [`Session::get`].
#[derive(Clone, Copy)]
pub struct Session {
    /// The meeting as folded from the server's snapshot and events.
    pub meeting: RwSignal<Option<MeetingState>>,
    /// Who the viewer is, from the server's `welcome`.
    pub you: RwSignal<Option<Participant>>,
    /// The connection's state.
    pub status: RwSignal<Status>,
    /// Set when the client gave up joining.
    pub failure: RwSignal<Option<Failure>>,
    /// The latest announcement for screen readers (the `aria-live` region).
    pub announcement: RwSignal<String>,
    /// The latest refused command, shown briefly.
    pub notice: RwSignal<Option<Notice>>,
    /// A raise/lower-hand command is on its way: the button ignores further presses
    /// until the server's answer, so a double press does not send a contradiction.
    pub hand_busy: RwSignal<bool>,
    /// The server's clock minus the browser's, in milliseconds, learnt from events
    /// (`None` before the first); speaking times are computed in server time.
    pub clock_offset: RwSignal<Option<f64>>,
    /// The browser's clock, in milliseconds, ticking every second for speaking times.
    pub now: RwSignal<f64>,
}

impl Session {
    /// A session before anything is known.
    pub fn new() -> Self {
        Self {
            meeting: RwSignal::new(None),
            you: RwSignal::new(None),
            status: RwSignal::new(Status::Connecting),
            failure: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            hand_busy: RwSignal::new(false),
            clock_offset: RwSignal::new(None),
            now: RwSignal::new(js_sys::Date::now()),
        }
    }

    /// The session provided by [`crate::App`].
    ///
    /// # Panics
    ///
    /// Outside the app's component tree.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Says `text` through the `aria-live` region. A repeat of the previous text gets a
    /// trailing no-break space, so that screen readers announce it again.
    pub fn announce(&self, text: String) {
        self.announcement.update(|current| {
            *current = if *current == text {
                format!("{text}\u{a0}")
            } else {
                text
            };
        });
    }

    /// Shows a message in the status area for a few seconds.
    pub fn notify(&self, text: String) {
        let serial = self
            .notice
            .with_untracked(|notice| notice.as_ref().map_or(1, |notice| notice.serial + 1));
        self.notice.set(Some(Notice { serial, text }));
        let notice = self.notice;
        set_timeout(
            move || {
                if notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.serial == serial)) {
                    notice.set(None);
                }
            },
            NOTICE_FOR,
        );
    }

    /// Learns the server's clock from an event's time. An event can only be older than
    /// the server's clock (replayed after a reconnect, or delayed), so each sample is a
    /// lower bound of the offset and the largest one seen is the best estimate.
    pub fn observe_server_time(&self, at_ms: u64) {
        let sample = at_ms as f64 - js_sys::Date::now();
        let best = self
            .clock_offset
            .get_untracked()
            .map_or(sample, |offset| offset.max(sample));
        if self.clock_offset.get_untracked() != Some(best) {
            self.clock_offset.set(Some(best));
        }
    }

    /// The server's clock now, in milliseconds since the Unix epoch, ticking every second.
    pub fn server_now(&self) -> f64 {
        self.now.get() + self.clock_offset.get().unwrap_or(0.0)
    }

    /// Runs `f` with the meeting and the viewer once both are known, tracking both.
    pub fn with<R>(&self, f: impl FnOnce(&MeetingState, &Participant) -> R) -> Option<R> {
        self.meeting.with(|meeting| {
            self.you
                .with(|you| meeting.as_ref().zip(you.as_ref()).map(|(m, y)| f(m, y)))
        })
    }

    /// Like [`Session::with`], without tracking: for event handlers.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&MeetingState, &Participant) -> R) -> Option<R> {
        self.meeting.with_untracked(|meeting| {
            self.you
                .with_untracked(|you| meeting.as_ref().zip(you.as_ref()).map(|(m, y)| f(m, y)))
        })
    }

    /// Runs `f` with the meeting once it is known, tracking it.
    pub fn with_meeting<R>(&self, f: impl FnOnce(&MeetingState) -> R) -> Option<R> {
        self.meeting.with(|meeting| meeting.as_ref().map(f))
    }
}
