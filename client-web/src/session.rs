//! What the client knows, as signals that the views read and the connection writes: the
//! meeting's state, who the viewer is, how the connection is doing, and what to tell them.

use crate::agenda::MoveTo;
use crate::channels::Follower;
use crate::i18n::{self, Key, Lang};
use crate::inbox::{Effect, Known};
use crate::model::Meeting;
use crate::roster::Roster;
use crate::timing::ServerClock;
use leptos::prelude::*;
use protocol::{BoothTask, ChannelId, LanguageCode, MeetingState, Participant, Presence};
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

/// A message shown at the top of the page (see [`Session::show`]) until it has been
/// up long enough to read or the viewer dismisses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Tells messages apart, so that an old one's timer does not dismiss a newer one.
    pub serial: u64,
    /// The message, in the interface language it was shown in.
    pub text: String,
}

/// At most this many messages are shown at once; older ones give way.
const TOASTS_SHOWN: usize = 3;

/// The client's shared state. Signals are `Copy`, so the whole struct is; views get it
/// with [`Session::get`].
#[derive(Clone, Copy)]
pub struct Session {
    /// The meeting as folded from the server's snapshot, events, views and
    /// `your_requests`.
    pub meeting: RwSignal<Option<Meeting>>,
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
    /// Messages shown at the top of the page, oldest first.
    pub toasts: RwSignal<Vec<Toast>>,
    /// A raise/lower-hand command is on its way: the button ignores further presses
    /// until the server's answer, so a double press does not send a contradiction.
    pub hand_busy: RwSignal<bool>,
    /// The server's clock as estimated from what it sends; speaking times are counted
    /// in server time.
    pub clock: RwSignal<ServerClock>,
    /// The browser's clock, in milliseconds, ticking every second for speaking times.
    pub now: RwSignal<f64>,
    /// The interface language, as the viewer picked it; the page is drawn again when it
    /// changes (see [`crate::locale`]).
    pub language: RwSignal<Lang>,
    /// Who is connected to each booth and listening to each channel (the server's
    /// latest `presence`).
    pub presence: RwSignal<Presence>,
    /// For roles that listen: their choice of channel and the channel they follow now.
    pub follower: RwSignal<Option<Follower>>,
    /// For a booth's people: its task from the latest `task` notice, with the floor
    /// language it was for.
    pub task: RwSignal<Option<(LanguageCode, BoothTask)>>,
    /// For a pivot booth's people: the booths taking relay from it (the latest `pivot`
    /// notice).
    pub relying: RwSignal<Vec<ChannelId>>,
    /// Dead-air alerts received: each channel with the server time its silence began.
    pub dead_air: RwSignal<Vec<(ChannelId, u64)>>,
    /// The latest urgent announcement (the assertive `aria-live` region): dead air.
    pub alert: RwSignal<String>,
    /// For the chair and organisers: who is connected (the `roster` messages since the
    /// latest welcome).
    pub roster: RwSignal<Roster>,
    /// When the session's token expires (Unix seconds): from `welcome`, then from each
    /// `token_refreshed`.
    pub session_ends_at: RwSignal<Option<u64>>,
    /// For the chair: where they asked the meeting to go while requests wait on the
    /// current item, until they say what becomes of those requests; and the selector of
    /// the control they asked with, where the focus returns.
    pub moving_on: RwSignal<Option<(MoveTo, String)>>,
}

impl Session {
    /// A session before anything is known, its interface in `language`.
    pub fn new(language: Lang) -> Self {
        Self {
            meeting: RwSignal::new(None),
            you: RwSignal::new(None),
            status: RwSignal::new(Status::Connecting),
            failure: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            toasts: RwSignal::new(Vec::new()),
            hand_busy: RwSignal::new(false),
            moving_on: RwSignal::new(None),
            clock: RwSignal::new(ServerClock::default()),
            now: RwSignal::new(js_sys::Date::now()),
            language: RwSignal::new(language),
            presence: RwSignal::new(Presence::default()),
            follower: RwSignal::new(None),
            task: RwSignal::new(None),
            relying: RwSignal::new(Vec::new()),
            dead_air: RwSignal::new(Vec::new()),
            alert: RwSignal::new(String::new()),
            roster: RwSignal::new(Roster::default()),
            session_ends_at: RwSignal::new(None),
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

    /// Says `text` at once through the assertive `aria-live` region, interrupting what
    /// the screen reader was saying: for alerts that cannot wait (dead air).
    pub fn alert(&self, text: String) {
        self.alert.update(|current| {
            *current = if *current == text {
                format!("{text}\u{a0}")
            } else {
                text
            };
        });
    }

    /// Says `text` through the polite `aria-live` region and shows it in a message at the
    /// top of the page (`views::banners::Toasts` takes it away once read).
    pub fn show(&self, text: String) {
        self.announce(text.clone());
        self.toasts.update(|toasts| {
            let serial = toasts.last().map_or(1, |last| last.serial + 1);
            toasts.push(Toast { serial, text });
            let excess = toasts.len().saturating_sub(TOASTS_SHOWN);
            toasts.drain(..excess);
        });
    }

    /// Takes the message `serial` away, if it is still shown.
    pub fn dismiss(&self, serial: u64) {
        self.toasts
            .update(|toasts| toasts.retain(|toast| toast.serial != serial));
    }

    /// Whether the connection is lost while a meeting is shown: what the page shows may
    /// not be current, and clocks tick on without news.
    pub fn offline(&self) -> bool {
        self.status.get() == Status::Reconnecting && self.meeting.with(Option::is_some)
    }

    /// Whether the meeting is closed: nothing can be changed any more.
    pub fn closed(&self) -> bool {
        self.meeting.with(|meeting| {
            meeting
                .as_ref()
                .is_some_and(|meeting| meeting.state.closed_at.is_some())
        })
    }

    /// Lends what the client knows to `f` (the inbox folding one message) and shows
    /// again the parts that changed. The meeting is moved out and back, never copied: it
    /// can be large, and only `f`'s [`Effect::MeetingChanged`] tells that it changed.
    /// Nothing reads the signals meanwhile: `f` is pure, and views run later.
    pub fn lend(&self, f: impl FnOnce(&mut Known) -> Vec<Effect>) -> Vec<Effect> {
        let before = Known {
            meeting: None,
            you: self.you.get_untracked(),
            session_ends_at: self.session_ends_at.get_untracked(),
            clock: self.clock.get_untracked(),
            presence: self.presence.get_untracked(),
            follower: self.follower.get_untracked(),
            task: self.task.get_untracked(),
            relying: self.relying.get_untracked(),
            dead_air: self.dead_air.get_untracked(),
        };
        let mut known = Known {
            meeting: self.meeting.try_update_untracked(Option::take).flatten(),
            ..before.clone()
        };
        let effects = f(&mut known);
        if effects.contains(&Effect::MeetingChanged) {
            self.meeting.set(known.meeting);
        } else {
            self.meeting
                .update_untracked(|meeting| *meeting = known.meeting);
        }
        show(self.you, before.you, known.you);
        show(
            self.session_ends_at,
            before.session_ends_at,
            known.session_ends_at,
        );
        show(self.clock, before.clock, known.clock);
        show(self.presence, before.presence, known.presence);
        show(self.follower, before.follower, known.follower);
        show(self.task, before.task, known.task);
        show(self.relying, before.relying, known.relying);
        show(self.dead_air, before.dead_air, known.dead_air);
        effects
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

    /// The server's clock now, in milliseconds since the Unix epoch, ticking every second.
    pub fn server_now(&self) -> u64 {
        self.clock.get().server_time(self.now.get())
    }

    /// Runs `f` with the meeting and the viewer once both are known, tracking both.
    pub fn with<R>(&self, f: impl FnOnce(&Meeting, &Participant) -> R) -> Option<R> {
        self.meeting.with(|meeting| {
            self.you
                .with(|you| meeting.as_ref().zip(you.as_ref()).map(|(m, y)| f(m, y)))
        })
    }

    /// Like [`Session::with`], without tracking: for event handlers.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Meeting, &Participant) -> R) -> Option<R> {
        self.meeting.with_untracked(|meeting| {
            self.you
                .with_untracked(|you| meeting.as_ref().zip(you.as_ref()).map(|(m, y)| f(m, y)))
        })
    }

    /// Runs `f` with the meeting's state once it is known, tracking it.
    pub fn with_meeting<R>(&self, f: impl FnOnce(&MeetingState) -> R) -> Option<R> {
        self.meeting
            .with(|meeting| meeting.as_ref().map(|meeting| f(&meeting.state)))
    }
}

/// Sets `signal` to `after` if that differs from `before`, so that what shows it is
/// drawn again only when it changed.
fn show<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, before: T, after: T) {
    if before != after {
        signal.set(after);
    }
}
