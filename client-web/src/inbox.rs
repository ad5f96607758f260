//! The client's inbox: what each message from the server changes in what the client
//! knows, and what the page and the socket must then do about it. This is the update
//! step of the Elm architecture: [`Inbox::on_message`] folds one message into [`Known`]
//! and returns [`Effect`]s; `connection.rs` decodes frames, calls it and performs the
//! effects, and decides nothing itself.
//!
//! Pure, so that every decision the connection takes is unit-tested natively: a gap in
//! the events leads to a fresh snapshot, a welcome resets the roster and, once its
//! presence arrives, tells the server what the viewer listens to, a notice is announced
//! once, the hand button is released when the viewer's own change is seen, a close code
//! means reconnecting or giving up.
//!
//! # Layout
//!
//! - [`Known`]: what the client knows and shows (the meeting, the viewer, presence, the
//!   followed channel, the booth's task…), lent by the session's signals for one message.
//! - [`Inbox`]: what the connection remembers between messages: the commands not
//!   answered yet, the viewer's withdrawals, the seq the hand button waits for, whether
//!   the welcome's briefing is still arriving, what `listen` last said.
//! - [`Effect`]: what the browser part does after a message: announce, alert, show, send
//!   `listen`, resynchronise, release the hand button, reset the roster, reconnect…

use crate::announce::{self, Situation};
use crate::channels::{self, Follower};
use crate::console;
use crate::i18n::{self, Key};
use crate::model::{Fold, Meeting};
use crate::policy::{self, AfterClose};
use crate::timing::{self, ServerClock};
use protocol::{
    BoothTask, ChannelId, Command, Connected, Event, EventEnvelope, LanguageCode, Listening,
    Notice, Participant, ParticipantId, Presence, QueueView, RequestId, ServerMessage, Welcome,
};
use std::collections::HashMap;

/// A connection welcomed this long ago (milliseconds) counts as stable.
const STABLE_AFTER_MS: f64 = 10_000.0;

/// How many of the viewer's withdrawals are remembered, to tell them from the chair's.
const WITHDRAWALS_KEPT: usize = 16;

/// What the client knows and shows, as plain values. The browser keeps each part in a
/// signal, for the views; it lends them to the inbox for one message and shows again
/// the parts that changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    /// The meeting as folded from the server's snapshot, events, views and
    /// `your_requests`.
    pub meeting: Option<Meeting>,
    /// Who the viewer is, from the server's `welcome`.
    pub you: Option<Participant>,
    /// When the session's token expires (Unix seconds).
    pub session_ends_at: Option<u64>,
    /// The server's clock as estimated from what it sends.
    pub clock: ServerClock,
    /// Who is connected to each booth and listening to each channel.
    pub presence: Presence,
    /// For roles that listen: their choice of channel and the channel they follow now.
    pub follower: Option<Follower>,
    /// For a booth's people: its task from the latest `task` notice, with the floor
    /// language it was for.
    pub task: Option<(LanguageCode, BoothTask)>,
    /// For a pivot booth's people: the booths taking relay from it.
    pub relying: Vec<ChannelId>,
    /// Dead-air alerts received: each channel with the server time its silence began.
    pub dead_air: Vec<(ChannelId, u64)>,
}

/// What the browser part does after a message, in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The meeting changed: whatever shows it is drawn again.
    MeetingChanged,
    /// Says the text through the polite `aria-live` region.
    Announce(String),
    /// Says the text at once through the assertive `aria-live` region (dead air).
    Alert(String),
    /// Says the text through the polite `aria-live` region and shows it in a message at
    /// the top of the page that stays until read or dismissed: a change that must be seen,
    /// not only heard (what the listener hears changed; the page is up to date again).
    Show(String),
    /// Shows the text in the status area for a few seconds (a refused command).
    Notify(String),
    /// Logs the text as a warning in the browser's console.
    Warn(String),
    /// Welcomed: the connection is up and nothing has failed.
    Connected,
    /// Tells the server what the viewer follows (`listen`).
    SendListen(Listening),
    /// The hand button takes presses again.
    ReleaseHand,
    /// Forgets who is connected: the chair and organisers get the whole roster again
    /// after each welcome, everyone else gets none.
    ResetRoster,
    /// Folds a `roster` message into who is connected.
    UpdateRoster {
        /// Whether `joined` is the whole roster.
        full: bool,
        /// Participants connected now.
        joined: Vec<Connected>,
        /// Participants with no connection left.
        left: Vec<ParticipantId>,
    },
    /// Lost track of the meeting: drop the socket and connect again at once for a fresh
    /// snapshot.
    Resynchronise,
    /// The connection lasted: the reconnect backoff starts again from its shortest wait.
    ResetBackoff,
    /// The connection closed: connect again after the backoff's next wait.
    Reconnect,
    /// The server refused the session for good: stop, and tell the viewer why.
    GiveUp {
        /// The explanation to show.
        reason: Key,
        /// Whether the kept token is useless now.
        forget_token: bool,
    },
}

/// A command sent and not answered yet.
#[derive(Debug, Clone)]
struct Pending {
    command: Command,
    /// Sent by the hand button or its shortcut, which waits for the answer.
    hand: bool,
}

/// What the connection remembers between messages. Most of it is per socket and starts
/// again with [`Inbox::new_socket`].
#[derive(Debug, Clone)]
pub struct Inbox {
    /// The viewer's choice of channel as kept in this browser, for when they first
    /// follow one.
    saved_listening: Option<Listening>,
    /// Welcomed on the current socket: commands and `listen` can be sent.
    welcomed: bool,
    /// When the current socket was welcomed (browser clock, milliseconds).
    welcomed_at: Option<f64>,
    /// The meeting's seq at the current socket's welcome: events and views beyond it
    /// happen live, so their times are samples of the server's clock.
    welcome_seq: u64,
    /// Command ids count from 1 on each socket.
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
    /// The connection was lost (or the meeting's track) since the last complete
    /// briefing: what the page shows may be out of date until the next one ends.
    lost: bool,
}

impl Inbox {
    /// An inbox before the first socket; `saved_listening` is the viewer's choice of
    /// channel kept in this browser, if any.
    pub fn new(saved_listening: Option<Listening>) -> Self {
        Self {
            saved_listening,
            welcomed: false,
            welcomed_at: None,
            welcome_seq: u64::MAX,
            next_id: 1,
            pending: HashMap::new(),
            withdrawn: Vec::new(),
            hand_until_seq: None,
            fresh_snapshot: false,
            listened: None,
            awaiting_presence: false,
            lost: false,
        }
    }

    /// A new socket opens: nothing sent on it yet, nothing heard.
    pub fn new_socket(&mut self) {
        self.welcomed = false;
        self.next_id = 1;
        self.pending.clear();
        self.hand_until_seq = None;
        self.welcome_seq = u64::MAX;
        self.listened = None;
        self.awaiting_presence = false;
    }

    /// Whether commands can be sent: the current socket was welcomed.
    pub fn welcomed(&self) -> bool {
        self.welcomed
    }

    /// The `since` of the next `hello`: the seq the client knows, unless it lost track
    /// and needs a fresh snapshot.
    pub fn since(&self, known_seq: Option<u64>) -> Option<u64> {
        if self.fresh_snapshot { None } else { known_seq }
    }

    /// The id the next message sent on this socket gets.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    /// The id for a message whose answer needs no handling (`listen`, `refresh_token`).
    pub fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Takes note of a command sent with [`Inbox::next_id`]; `hand` when the hand button
    /// sent it. A withdrawal is remembered, so that the request's leaving is announced as
    /// the viewer's doing.
    pub fn sent(&mut self, command: Command, hand: bool) {
        let id = self.take_id();
        if let Command::LowerHand {
            request: Some(request),
        } = &command
        {
            self.withdrawn.push(*request);
            let excess = self.withdrawn.len().saturating_sub(WITHDRAWALS_KEPT);
            self.withdrawn.drain(..excess);
        }
        self.pending.insert(id, Pending { command, hand });
    }

    /// Folds one message from the server into `known`, at browser time `now`
    /// (milliseconds); what the browser part must do about it.
    pub fn on_message(
        &mut self,
        known: &mut Known,
        message: ServerMessage,
        now: f64,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        match message {
            ServerMessage::Welcome(welcome) => self.on_welcome(known, welcome, now, &mut effects),
            ServerMessage::Presence(presence) => {
                known.presence = presence;
                // The welcome's presence says who staffs the booths: what the viewer
                // hears follows from it. Later changes come as notices.
                if std::mem::replace(&mut self.awaiting_presence, false) {
                    self.settle_listening(known);
                    self.send_listen(known.follower.as_ref(), &mut effects);
                    // The briefing is complete: after a loss, the page is current again.
                    if std::mem::replace(&mut self.lost, false) {
                        effects.push(Effect::Show(i18n::text(Key::UpToDate).to_owned()));
                    }
                }
            }
            ServerMessage::Notice(notice) => self.on_notice(known, notice, now, &mut effects),
            ServerMessage::Event(envelope) => self.on_event(known, &envelope, now, &mut effects),
            ServerMessage::Queue(view) => self.on_view(known, &view, now, &mut effects),
            ServerMessage::YourRequests { seq, at, requests } => {
                self.fold(known, None, &mut effects, |meeting| {
                    meeting.fold_your_requests(seq, at, requests)
                });
            }
            ServerMessage::Ack { id, seq } => {
                let Some(pending) = self.pending.remove(&id) else {
                    return effects;
                };
                if pending.hand {
                    self.hand_until_seq = Some(seq);
                }
                if let Some(you) = known.you.clone() {
                    self.fold(known, None, &mut effects, |meeting| {
                        meeting.acknowledged(&pending.command, &you)
                    });
                }
                self.release_hand_once_seen(known, &mut effects);
            }
            ServerMessage::Error { id, code, message } => {
                effects = self.refused(id, announce::refusal_reason(code, message));
            }
            ServerMessage::Roster { full, joined, left } => {
                effects.push(Effect::UpdateRoster { full, joined, left });
            }
            ServerMessage::TokenRefreshed { expires_at, .. } => {
                known.session_ends_at = Some(expires_at);
            }
        }
        effects
    }

    /// The server refused the command `id` (or, without one, the session) for `reason`:
    /// the viewer is told which command and why.
    pub fn refused(&mut self, id: Option<u64>, reason: String) -> Vec<Effect> {
        let Some(pending) = id.and_then(|id| self.pending.remove(&id)) else {
            // An error about the session itself (a refused hello) is followed by a close
            // whose code says what to do; a stray one is only logged.
            return vec![Effect::Warn(format!("server error: {reason}"))];
        };
        if let Command::LowerHand {
            request: Some(request),
        } = &pending.command
        {
            self.withdrawn.retain(|withdrawn| withdrawn != request);
        }
        let mut effects = Vec::new();
        if pending.hand {
            effects.push(Effect::ReleaseHand);
        }
        effects.push(Effect::Notify(i18n::command_refused(
            i18n::action(&pending.command),
            &reason,
        )));
        effects
    }

    /// The current socket closed with `code` at browser time `now`: commands on it will
    /// not be answered; reconnect, or give up when the code says so.
    pub fn on_close(&mut self, code: u16, now: f64) -> Vec<Effect> {
        let mut effects = Vec::new();
        // Only a connection that lasted resets the backoff: a server that welcomes and
        // then drops every client at once must not be hammered twice a second.
        if self
            .welcomed_at
            .take()
            .is_some_and(|at| now - at > STABLE_AFTER_MS)
        {
            effects.push(Effect::ResetBackoff);
        }
        self.welcomed = false;
        self.pending.clear();
        self.hand_until_seq = None;
        effects.push(Effect::ReleaseHand);
        effects.push(match policy::after_close(code) {
            AfterClose::Reconnect => {
                self.lost = true;
                Effect::Reconnect
            }
            AfterClose::GiveUp {
                reason,
                forget_token,
            } => Effect::GiveUp {
                reason,
                forget_token,
            },
        });
        effects
    }

    /// The viewer changed their choice of channel (`follower` already says so): tells
    /// the server, if that changes what it was told.
    pub fn listening_changed(&mut self, follower: Option<&Follower>) -> Vec<Effect> {
        let mut effects = Vec::new();
        self.send_listen(follower, &mut effects);
        effects
    }

    fn on_welcome(
        &mut self,
        known: &mut Known,
        welcome: Welcome,
        now: f64,
        effects: &mut Vec<Effect>,
    ) {
        known.you = Some(welcome.you);
        known.session_ends_at = Some(welcome.token_expires_at);
        effects.push(Effect::ResetRoster);
        match welcome.meeting {
            // A fresh snapshot replaces what the client knew, announcing what changed
            // meanwhile (after a lost track), or is the first state.
            Some(state) if known.meeting.is_some() => {
                self.fold(known, None, effects, |meeting| {
                    *meeting = Meeting::new(*state);
                    Fold::Applied
                });
            }
            Some(state) => {
                known.meeting = Some(Meeting::new(*state));
                effects.push(Effect::MeetingChanged);
            }
            // Resumed: the missed events follow. Without a state to resume (which a
            // correct server never causes), ask again for a snapshot.
            None if known.meeting.is_none() => return self.resynchronise(effects),
            None => {}
        }
        self.welcomed = true;
        self.welcomed_at = Some(now);
        self.welcome_seq = welcome.seq;
        self.fresh_snapshot = false;
        self.listened = None;
        self.awaiting_presence = true;
        effects.push(Effect::Connected);
        // Every new socket follows nothing until it says what it listens to.
        self.settle_listening(known);
        self.send_listen(known.follower.as_ref(), effects);
    }

    /// A notice for this viewer: a channel they follow changed (announced, and followed to
    /// a fallback or back), their booth's task or pivots, or dead air.
    fn on_notice(
        &mut self,
        known: &mut Known,
        notice: Notice,
        now: f64,
        effects: &mut Vec<Effect>,
    ) {
        let briefing = self.awaiting_presence;
        match notice {
            Notice::Channel { channel, status } => {
                let said = known
                    .meeting
                    .as_ref()
                    .zip(known.follower.as_mut())
                    .and_then(|(meeting, follower)| {
                        follower.notice(&meeting.state, &known.presence, &channel, &status)
                    });
                // What the viewer hears changed: shown as well as said.
                effects.extend(said.map(Effect::Show));
                self.send_listen(known.follower.as_ref(), effects);
            }
            Notice::Task {
                booth,
                floor_language,
                task,
            } => {
                let said = known.meeting.as_ref().map(|meeting| {
                    console::task_text(&meeting.state, &booth, &floor_language, &task)
                });
                let told = Some((floor_language, task));
                let changed = known.task != told;
                known.task = told;
                if changed && !briefing {
                    effects.extend(said.map(Effect::Announce));
                }
            }
            // What the viewer hears after their `listen`: the follower chose it, by the
            // same rule, and announces nothing for it.
            Notice::Hearing { .. } => {}
            Notice::Pivot { relying, .. } => {
                if !briefing && !relying.is_empty() {
                    effects.push(Effect::Announce(i18n::relying(&relying)));
                }
                known.relying = relying;
            }
            Notice::DeadAir { channel, since } => {
                let now = known.clock.server_time(now);
                let said = known.meeting.as_ref().and_then(|meeting| {
                    console::dead_air_text(&meeting.state, &channel, since, now)
                });
                known.dead_air.retain(|(silent, _)| *silent != channel);
                known.dead_air.push((channel, since));
                effects.extend(said.map(Effect::Alert));
            }
        }
    }

    fn on_event(
        &mut self,
        known: &mut Known,
        envelope: &EventEnvelope,
        now: f64,
        effects: &mut Vec<Effect>,
    ) {
        if envelope.seq > self.welcome_seq {
            known.clock = known.clock.observe(envelope.at, now);
        }
        self.fold(known, Some(&envelope.event), effects, |meeting| {
            meeting.fold_event(envelope)
        });
        // The channels follow the meeting's languages: the choice is fitted to them again.
        if matches!(envelope.event, Event::MeetingUpdated { .. }) {
            self.settle_listening(known);
            self.send_listen(known.follower.as_ref(), effects);
        }
    }

    /// A `queue` view (summarised states): the list and the floor as they now stand. A
    /// new speech or pause seen live also tells the server's time.
    fn on_view(
        &mut self,
        known: &mut Known,
        view: &QueueView,
        now: f64,
        effects: &mut Vec<Effect>,
    ) {
        let before = known
            .meeting
            .as_ref()
            .and_then(|meeting| meeting.state.floor.clone());
        self.fold(known, None, effects, |meeting| {
            meeting.fold_queue_view(view)
        });
        if view.seq > self.welcome_seq
            && let Some(at) = timing::floor_change_time(before.as_ref(), view.floor.as_ref())
        {
            known.clock = known.clock.observe(at, now);
        }
    }

    /// Folds one message into the meeting with `fold` and announces what changed for the
    /// viewer (`event` is the event folded, if one was). A message that does not follow
    /// the state leads to a fresh snapshot.
    fn fold(
        &mut self,
        known: &mut Known,
        event: Option<&Event>,
        effects: &mut Vec<Effect>,
        fold: impl FnOnce(&mut Meeting) -> Fold,
    ) {
        let Some(meeting) = known.meeting.as_mut() else {
            return;
        };
        let you = known.you.as_ref();
        let before = you.map(|you| Situation::of(meeting, you));
        let (said, shown) = match fold(meeting) {
            Fold::Applied => you.zip(before).map_or((None, None), |(you, before)| {
                let after = Situation::of(meeting, you);
                let said = announce::announcement(meeting, &before, &after, event, |request| {
                    self.withdrawn.contains(&request)
                });
                let shown = announce::left_behind(meeting, &before, &after, event);
                (said, shown)
            }),
            Fold::Duplicate => return,
            Fold::LostTrack(error) => {
                effects.push(Effect::Warn(format!(
                    "{error}: asking for a fresh snapshot"
                )));
                return self.resynchronise(effects);
            }
        };
        effects.push(Effect::MeetingChanged);
        // What became of the viewer's request is shown with what was said, in one
        // message, so that neither is cut off by the other.
        match shown {
            Some(shown) => effects.push(Effect::Show(said.map_or(shown.clone(), |said| {
                let stop = if said.ends_with(['.', '!', '?']) {
                    ""
                } else {
                    "."
                };
                format!("{said}{stop} {shown}")
            }))),
            None => effects.extend(said.map(Effect::Announce)),
        }
        self.release_hand_once_seen(known, effects);
    }

    /// Lost track of the meeting: the next `hello` asks for a fresh snapshot, and nothing
    /// more is sent on this socket.
    fn resynchronise(&mut self, effects: &mut Vec<Effect>) {
        self.fresh_snapshot = true;
        self.welcomed = false;
        self.lost = true;
        effects.push(Effect::Resynchronise);
    }

    /// Re-enables the hand button once the event of its acknowledged command is folded
    /// (or, for a summarised state, a view that includes it), so that the button never
    /// offers to raise a hand that is already up.
    fn release_hand_once_seen(&mut self, known: &Known, effects: &mut Vec<Effect>) {
        let seen = known
            .meeting
            .as_ref()
            .map_or(0, |meeting| meeting.state.seq);
        if self.hand_until_seq.is_some_and(|seq| seen >= seq) {
            self.hand_until_seq = None;
            effects.push(Effect::ReleaseHand);
        }
    }

    /// For roles that listen: starts following the viewer's choice (kept in this
    /// browser, else their first language) as the meeting now delivers it, without
    /// announcing.
    fn settle_listening(&self, known: &mut Known) {
        let (Some(meeting), Some(you)) = (&known.meeting, &known.you) else {
            return;
        };
        if !channels::listens(you.role) {
            return;
        }
        let state = &meeting.state;
        let follower = known.follower.get_or_insert_with(|| {
            let preference = self
                .saved_listening
                .clone()
                .unwrap_or_else(|| channels::default_preference(state, you));
            Follower::new(preference, state, &known.presence)
        });
        let preference = channels::fit(&follower.preference, state);
        follower.prefer(preference, state, &known.presence);
    }

    /// Tells the server what the viewer follows, if that changed since the last `listen`
    /// on this socket.
    fn send_listen(&mut self, follower: Option<&Follower>, effects: &mut Vec<Effect>) {
        let Some(listening) = follower.map(Follower::message) else {
            return;
        };
        if !self.welcomed || self.listened.as_ref() == Some(&listening) {
            return;
        }
        self.listened = Some(listening.clone());
        effects.push(Effect::SendListen(listening));
    }
}

#[cfg(test)]
mod tests;
