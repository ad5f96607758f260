//! Every string the interface shows, in one place, so that Arabic, French and Spanish can
//! follow English by adding one table each.
//!
//! Fixed strings are looked up by [`Key`] with [`text`]. Strings with parameters are
//! templates in the same table, with `{name}` placeholders, filled by the small functions
//! below ([`queue_position`], [`item_changed`] …) so that callers never assemble sentences
//! from pieces (word order differs between languages).

use protocol::{ChannelKind, Command, ErrorCode, LanguageCode, Role};

/// A language the interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and for picking meeting texts.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
        }
    }

    /// The writing direction, for `<html dir>`: `rtl` once Arabic is added.
    pub fn dir(self) -> &'static str {
        match self {
            Self::En => "ltr",
        }
    }

    /// The tag as a [`LanguageCode`], to read a [`protocol::Localized`] text.
    pub fn code(self) -> LanguageCode {
        LanguageCode::new(self.tag())
    }
}

/// The language of the interface. Only English exists yet; choosing one (from the
/// participant's languages or a menu) comes with the first translation.
pub const UI: Lang = Lang::En;

/// A string of the interface. Variants documented with a template take parameters:
/// use the matching function of this module rather than [`text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // The English text below is each key's documentation.
pub enum Key {
    AppName,
    Connecting,
    Connected,
    Reconnecting,
    NotConnected,
    Joining,
    OpenInvite,
    OpenInviteExplained,
    InvalidInvite,
    SessionExpired,
    OutdatedClient,
    TooManyConnections,
    CannotJoin,
    CurrentItem,
    NotStarted,
    Presenter,
    PlannedMinutes,
    GuidingQuestions,
    Agenda,
    PreviousItem,
    NextItem,
    GoTo,
    GoToLabel,
    Floor,
    NobodyHasFloor,
    YouHaveFloor,
    SpeakingFor,
    GiveFloorNext,
    GiveFloor,
    GiveFloorLabel,
    EndSpeech,
    Speakers,
    QueueEmpty,
    QueueLength,
    QueueLengthOne,
    QueuePosition,
    RaiseHand,
    LowerHand,
    Remove,
    RemoveLabel,
    ShortcutHand,
    Channels,
    Live,
    LiveBy,
    Standby,
    YourBooth,
    GoOnAir,
    GoOffAir,
    YouAreOnAir,
    OtherOnAir,
    BoothOffAir,
    ChairControls,
    You,
    YouAreNext,
    HandLowered,
    HandLoweredByChair,
    SpeechEnded,
    FloorGivenTo,
    FloorGivenYouAreNext,
    NameWithDelegation,
    ItemChanged,
    ChannelLive,
    ChannelStandby,
    CommandRefused,
    NotSent,
    RoleAttendee,
    RoleChair,
    RoleInterpreter,
    RoleSignLanguageInterpreter,
    RoleCaptioner,
    RoleOrganiser,
    ChannelFloor,
    ChannelSignLanguage,
    ChannelCaptions,
    ErrorUnauthorized,
    ErrorForbidden,
    ErrorInvalid,
    ErrorNotFound,
    ErrorConflict,
    ErrorRateLimited,
    ErrorUnavailable,
    ErrorUnsupportedVersion,
    ErrorInternal,
    ActionRaiseHand,
    ActionLowerHand,
    ActionGiveFloor,
    ActionEndFloor,
    ActionChangeItem,
    ActionOnAir,
}

/// The string for `key` in the interface's language.
pub fn text(key: Key) -> &'static str {
    match UI {
        Lang::En => english(key),
    }
}

fn english(key: Key) -> &'static str {
    use Key::*;
    match key {
        AppName => "Meeting control",
        Connecting => "Connecting…",
        Connected => "Connected",
        Reconnecting => "Reconnecting…",
        NotConnected => "Not connected",
        Joining => "Joining the meeting…",
        OpenInvite => "Open your invite link",
        OpenInviteExplained => {
            "This page needs the personal invite link you received for the meeting. \
             Open that link to join."
        }
        InvalidInvite => {
            "Your invite link is not valid or has expired. \
             Ask the meeting's organiser for a new link."
        }
        SessionExpired => {
            "Your session has expired. Open your invite link again, \
             or ask the meeting's organiser for a new one."
        }
        OutdatedClient => "This page is out of date. Reload it to join the meeting.",
        TooManyConnections => {
            "The meeting is already open in too many of your tabs or devices. \
             Close one of them, then reload this page."
        }
        CannotJoin => "You cannot join the meeting",
        CurrentItem => "Now",
        NotStarted => "The meeting has not started yet.",
        Presenter => "Presented by {name}",
        PlannedMinutes => "{minutes} min",
        GuidingQuestions => "Guiding questions",
        Agenda => "Agenda",
        PreviousItem => "Previous item",
        NextItem => "Next item",
        GoTo => "Go to",
        GoToLabel => "Go to item: {title}",
        Floor => "Floor",
        NobodyHasFloor => "Nobody has the floor",
        YouHaveFloor => "You have the floor",
        SpeakingFor => "Speaking for {time}",
        GiveFloorNext => "Give floor to next",
        GiveFloor => "Give floor",
        GiveFloorLabel => "Give floor to {name}",
        EndSpeech => "End speech",
        Speakers => "List of speakers",
        QueueEmpty => "Nobody is waiting to speak.",
        QueueLength => "{count} people are waiting to speak.",
        QueueLengthOne => "1 person is waiting to speak.",
        QueuePosition => "You are number {position} in the queue.",
        RaiseHand => "Raise hand",
        LowerHand => "Lower hand",
        Remove => "Remove",
        RemoveLabel => "Remove {name} from the list of speakers",
        ShortcutHand => "Shortcut: H",
        Channels => "Channels",
        Live => "Live",
        LiveBy => "Live: {name}",
        Standby => "Standby",
        YourBooth => "Your booth: {channel}",
        GoOnAir => "Go on air",
        GoOffAir => "Go off air",
        YouAreOnAir => "You are on air",
        OtherOnAir => "{name} is on air on this channel",
        BoothOffAir => "Off air: the channel is on standby",
        ChairControls => "Chair controls",
        You => "You",
        YouAreNext => "You are next in the queue",
        HandLowered => "Your hand is lowered",
        HandLoweredByChair => "The chair lowered your hand",
        SpeechEnded => "Your speech has ended",
        FloorGivenTo => "{name} has the floor",
        FloorGivenYouAreNext => "{name} has the floor. You are next in the queue",
        NameWithDelegation => "{name} ({delegation})",
        ItemChanged => "Item changed: {title}",
        ChannelLive => "{channel} channel live",
        ChannelStandby => "{channel} channel on standby",
        CommandRefused => "{action}: {reason}",
        NotSent => "Not connected: your action was not sent. Try again once connected.",
        RoleAttendee => "Attendee",
        RoleChair => "Chair",
        RoleInterpreter => "Interpreter",
        RoleSignLanguageInterpreter => "Sign-language interpreter",
        RoleCaptioner => "Captioner",
        RoleOrganiser => "Organiser",
        ChannelFloor => "Floor",
        ChannelSignLanguage => "Sign language",
        ChannelCaptions => "Captions",
        ErrorUnauthorized => "you are not allowed in this meeting",
        ErrorForbidden => "your role cannot do that",
        ErrorInvalid => "the server did not understand the request",
        ErrorNotFound => "that no longer exists",
        ErrorConflict => "that does not fit the meeting as it is now",
        ErrorRateLimited => "too many actions at once; wait a moment",
        ErrorUnavailable => "the service is busy; try again",
        ErrorUnsupportedVersion => "this page is out of date; reload it",
        ErrorInternal => "something went wrong on the server",
        ActionRaiseHand => "Raise hand",
        ActionLowerHand => "Lower hand",
        ActionGiveFloor => "Give floor",
        ActionEndFloor => "End speech",
        ActionChangeItem => "Change item",
        ActionOnAir => "On air",
    }
}

/// The English name of a language, by its tag, in the interface's language.
fn language_name(tag: &str) -> Option<&'static str> {
    match (UI, tag) {
        (Lang::En, "ar") => Some("Arabic"),
        (Lang::En, "en") => Some("English"),
        (Lang::En, "fr") => Some("French"),
        (Lang::En, "es") => Some("Spanish"),
        (Lang::En, "ru") => Some("Russian"),
        (Lang::En, "zh") => Some("Chinese"),
        _ => None,
    }
}

/// Fills a template's `{name}` placeholders.
fn fill(key: Key, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(text(key).to_owned(), |template, (name, value)| {
            template.replace(&format!("{{{name}}}"), value)
        })
}

/// How a role is named on screen.
pub fn role(role: Role) -> &'static str {
    text(match role {
        Role::Attendee => Key::RoleAttendee,
        Role::Chair => Key::RoleChair,
        Role::Interpreter => Key::RoleInterpreter,
        Role::SignLanguageInterpreter => Key::RoleSignLanguageInterpreter,
        Role::Captioner => Key::RoleCaptioner,
        Role::Organiser => Key::RoleOrganiser,
    })
}

/// How a channel is named on screen: "Floor", "French", "Sign language", "Captions".
pub fn channel(kind: &ChannelKind) -> String {
    match kind {
        ChannelKind::Floor => text(Key::ChannelFloor).to_owned(),
        ChannelKind::Interpretation { language } => language_name(language.as_str())
            .map_or_else(|| language.as_str().to_owned(), str::to_owned),
        ChannelKind::SignLanguage => text(Key::ChannelSignLanguage).to_owned(),
        ChannelKind::Captions => text(Key::ChannelCaptions).to_owned(),
    }
}

/// Why the server refused a command, for people.
pub fn error_code(code: ErrorCode) -> &'static str {
    text(match code {
        ErrorCode::Unauthorized => Key::ErrorUnauthorized,
        ErrorCode::Forbidden => Key::ErrorForbidden,
        ErrorCode::Invalid => Key::ErrorInvalid,
        ErrorCode::NotFound => Key::ErrorNotFound,
        ErrorCode::Conflict => Key::ErrorConflict,
        ErrorCode::RateLimited => Key::ErrorRateLimited,
        ErrorCode::Unavailable => Key::ErrorUnavailable,
        ErrorCode::UnsupportedVersion => Key::ErrorUnsupportedVersion,
        ErrorCode::Internal => Key::ErrorInternal,
    })
}

/// What a command does, named as its button is, for messages about it.
pub fn action(command: &Command) -> Key {
    match command {
        Command::RaiseHand => Key::ActionRaiseHand,
        Command::LowerHand { .. } => Key::ActionLowerHand,
        Command::GiveFloor { .. } => Key::ActionGiveFloor,
        Command::EndFloor => Key::ActionEndFloor,
        Command::SetCurrentItem { .. } | Command::NextItem | Command::PreviousItem => {
            Key::ActionChangeItem
        }
        Command::SetOnAir { .. } => Key::ActionOnAir,
    }
}

/// "You are number 2 in the queue." (`position` counts from 1).
pub fn queue_position(position: usize) -> String {
    fill(Key::QueuePosition, &[("position", &position.to_string())])
}

/// How many people wait to speak, for the list's summary.
pub fn queue_length(count: usize) -> String {
    match count {
        0 => text(Key::QueueEmpty).to_owned(),
        1 => text(Key::QueueLengthOne).to_owned(),
        count => fill(Key::QueueLength, &[("count", &count.to_string())]),
    }
}

/// "Presented by Netherlands".
pub fn presenter(name: &str) -> String {
    fill(Key::Presenter, &[("name", name)])
}

/// "5 min".
pub fn planned_minutes(minutes: u32) -> String {
    fill(Key::PlannedMinutes, &[("minutes", &minutes.to_string())])
}

/// "Go to item: Opening remarks …", the accessible name of an agenda item's button.
pub fn go_to_label(title: &str) -> String {
    fill(Key::GoToLabel, &[("title", title)])
}

/// "Give floor to Colombia", the accessible name of a queue entry's button.
pub fn give_floor_label(name: &str) -> String {
    fill(Key::GiveFloorLabel, &[("name", name)])
}

/// "Remove Colombia from the list of speakers".
pub fn remove_label(name: &str) -> String {
    fill(Key::RemoveLabel, &[("name", name)])
}

/// "Speaking for 1:05", from whole seconds.
pub fn speaking_for(seconds: u64) -> String {
    let time = format!("{}:{:02}", seconds / 60, seconds % 60);
    fill(Key::SpeakingFor, &[("time", &time)])
}

/// "Live: Amira Haddad", a live channel's state with its interpreter.
pub fn live_by(name: &str) -> String {
    fill(Key::LiveBy, &[("name", name)])
}

/// "Your booth: French".
pub fn your_booth(channel: &str) -> String {
    fill(Key::YourBooth, &[("channel", channel)])
}

/// "Amira Haddad is on air on this channel".
pub fn other_on_air(name: &str) -> String {
    fill(Key::OtherOnAir, &[("name", name)])
}

/// "Colombia has the floor".
pub fn floor_given_to(name: &str) -> String {
    fill(Key::FloorGivenTo, &[("name", name)])
}

/// "Colombia has the floor. You are next in the queue".
pub fn floor_given_you_are_next(name: &str) -> String {
    fill(Key::FloorGivenYouAreNext, &[("name", name)])
}

/// "Delegate of Peru (Peru)", or the name alone when the delegation is the name or absent.
pub fn name_with_delegation(name: &str, delegation: Option<&str>) -> String {
    match delegation {
        Some(delegation) if delegation != name => fill(
            Key::NameWithDelegation,
            &[("name", name), ("delegation", delegation)],
        ),
        _ => name.to_owned(),
    }
}

/// "Item changed: Opening remarks by the European Union".
pub fn item_changed(title: &str) -> String {
    fill(Key::ItemChanged, &[("title", title)])
}

/// "French channel live".
pub fn channel_live(channel: &str) -> String {
    fill(Key::ChannelLive, &[("channel", channel)])
}

/// "French channel on standby".
pub fn channel_standby(channel: &str) -> String {
    fill(Key::ChannelStandby, &[("channel", channel)])
}

/// "Raise hand: your hand is already raised": a refused command and why.
pub fn command_refused(action: Key, reason: &str) -> String {
    fill(
        Key::CommandRefused,
        &[("action", text(action)), ("reason", reason)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled() {
        assert_eq!(queue_position(2), "You are number 2 in the queue.");
        assert_eq!(speaking_for(65), "Speaking for 1:05");
        assert_eq!(item_changed("Opening"), "Item changed: Opening");
        assert_eq!(
            command_refused(Key::ActionRaiseHand, "your hand is already raised"),
            "Raise hand: your hand is already raised"
        );
        assert_eq!(queue_length(0), "Nobody is waiting to speak.");
        assert_eq!(queue_length(1), "1 person is waiting to speak.");
        assert_eq!(queue_length(5), "5 people are waiting to speak.");
        assert_eq!(name_with_delegation("Ana", Some("Peru")), "Ana (Peru)");
        assert_eq!(name_with_delegation("Peru", Some("Peru")), "Peru");
        assert_eq!(name_with_delegation("Ana", None), "Ana");
    }

    #[test]
    fn channels_are_named_by_language() {
        let french = ChannelKind::Interpretation {
            language: LanguageCode::new("fr"),
        };
        assert_eq!(channel_live(&channel(&french)), "French channel live");
        let klingon = ChannelKind::Interpretation {
            language: LanguageCode::new("tlh"),
        };
        assert_eq!(channel(&klingon), "tlh");
    }

    #[test]
    fn no_template_keeps_a_placeholder() {
        let filled = [
            queue_position(1),
            queue_length(3),
            presenter("x"),
            planned_minutes(5),
            go_to_label("x"),
            give_floor_label("x"),
            remove_label("x"),
            speaking_for(1),
            live_by("x"),
            your_booth("x"),
            other_on_air("x"),
            floor_given_to("x"),
            floor_given_you_are_next("x"),
            name_with_delegation("x", Some("y")),
            item_changed("x"),
            channel_live("x"),
            channel_standby("x"),
            command_refused(Key::ActionOnAir, "x"),
        ];
        for text in filled {
            assert!(!text.contains('{'), "unfilled placeholder in {text:?}");
        }
    }
}
