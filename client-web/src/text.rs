//! Every string the interface shows, in one place.

use protocol::{ChannelKind, Role};

/// How a role is named on screen.
pub fn role(role: Role) -> &'static str {
    match role {
        Role::Attendee => "Attendee",
        Role::Chair => "Chair",
        Role::Interpreter => "Interpreter",
        Role::SignLanguageInterpreter => "Sign-language interpreter",
        Role::Captioner => "Captioner",
        Role::Organiser => "Organiser",
    }
}

/// The English name of a language tag.
pub fn language(tag: &str) -> &str {
    match tag {
        "ar" => "Arabic",
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        other => other,
    }
}

/// How a channel is named on screen.
pub fn channel(kind: &ChannelKind) -> String {
    match kind {
        ChannelKind::Floor => "Floor (original)".to_owned(),
        ChannelKind::Interpretation { language: tag } => language(tag.as_str()).to_owned(),
        ChannelKind::SignLanguage => "Sign language".to_owned(),
        ChannelKind::Captions => "Captions".to_owned(),
    }
}

pub const CONNECTING: &str = "Connecting…";
pub const CONNECTED: &str = "Connected";
pub const RECONNECTING: &str = "Reconnecting…";
pub const NO_INVITE: &str = "Open your invite link to join the meeting.";
pub const AGENDA: &str = "Agenda";
pub const NOT_STARTED: &str = "The meeting has not started yet.";
pub const GUIDING_QUESTIONS: &str = "Guiding questions";
pub const PREVIOUS_ITEM: &str = "Previous item";
pub const NEXT_ITEM: &str = "Next item";
pub const GO_TO: &str = "Go to";
pub const FLOOR: &str = "Floor";
pub const NOBODY_HAS_FLOOR: &str = "Nobody has the floor";
pub const YOU_HAVE_FLOOR: &str = "You have the floor";
pub const GIVE_FLOOR_NEXT: &str = "Give floor to next";
pub const GIVE_FLOOR: &str = "Give floor";
pub const END_SPEECH: &str = "End speech";
pub const SPEAKERS: &str = "List of speakers";
pub const QUEUE_EMPTY: &str = "Nobody is waiting to speak.";
pub const RAISE_HAND: &str = "Raise hand";
pub const LOWER_HAND: &str = "Lower hand";
pub const REMOVE: &str = "Remove";
pub const SHORTCUT_HAND: &str = "Shortcut: H";
pub const CHANNELS: &str = "Channels";
pub const LIVE: &str = "Live";
pub const STANDBY: &str = "Standby";
pub const GO_ON_AIR: &str = "Go on air";
pub const GO_OFF_AIR: &str = "Go off air";
pub const YOUR_BOOTH: &str = "Your booth";

/// "You are number N in the queue".
pub fn position(position: usize) -> String {
    if position == 1 {
        "You are number 1 in the queue: you are next.".to_owned()
    } else {
        format!("You are number {position} in the queue.")
    }
}

/// Announced when the agenda moves.
pub fn item_changed(title: &str) -> String {
    format!("Now on the agenda: {title}")
}

/// Announced when a channel goes live.
pub fn channel_live(channel: &str, interpreter: &str) -> String {
    format!("{channel} channel live ({interpreter})")
}

/// Announced when a channel goes to standby.
pub fn channel_standby(channel: &str) -> String {
    format!("{channel} channel on standby")
}

/// Announced when someone else gets the floor.
pub fn floor_given(name: &str) -> String {
    format!("{name} has the floor")
}

/// Shown when the server refused the session for good.
pub fn refused(reason: &str) -> String {
    format!("The meeting cannot be joined: {reason}")
}
