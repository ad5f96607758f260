//! Every string the interface shows, in one place, so that Arabic, French and Spanish can
//! follow English by adding one table each.
//!
//! Fixed strings are looked up by [`Key`] with [`text`]. Strings with parameters are
//! templates in the same table, with `{name}` placeholders, filled by the small functions
//! below ([`queue_position`], [`item_changed`] …) so that callers never assemble sentences
//! from pieces (word order differs between languages).

use protocol::{ChannelKind, Command, ErrorCode, LanguageCode, RequestKind, Role};

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
    ItemUpcoming,
    ItemLive,
    ItemDone,
    ItemSkipped,
    ItemUsedOf,
    ItemUsed,
    ItemOver,
    InLanguage,
    ScheduledStart,
    StartedAt,
    Forecast,
    ItemEndsAt,
    MeetingEndsAt,
    ItemEndUnknown,
    MeetingEndUnknown,
    CloseListHint,
    TimesAreLocal,
    MarkDone,
    MarkDoneLabel,
    MarkSkipped,
    MarkSkippedLabel,
    MarkUpcoming,
    MarkUpcomingLabel,
    MoveItemUpLabel,
    MoveItemDownLabel,
    EditItem,
    EditItemLabel,
    ItemIdLabel,
    ItemTitleLabel,
    ItemPresenterLabel,
    ItemMinutesLabel,
    SaveItem,
    AddItem,
    AddItemSubmit,
    ItemIdInvalid,
    ItemIdTaken,
    ItemTitleRequired,
    ItemTitleTooLong,
    ItemPresenterTooLong,
    ItemMinutesInvalid,
    ItemAdded,
    Floor,
    NobodyHasFloor,
    YouHaveFloor,
    SpeakingFor,
    TimeLeft,
    TimeOver,
    TimerPaused,
    SpeaksIn,
    GiveFloorNext,
    GiveFloor,
    GiveFloorLabel,
    EndSpeech,
    PauseTimer,
    ResumeTimer,
    GiveFloorOther,
    OtherName,
    OtherDelegation,
    OtherLanguage,
    LanguageNotStated,
    NameRequired,
    Speakers,
    QueueEmpty,
    QueueLength,
    QueueLengthOne,
    QueueMore,
    QueueLabel,
    QueueNextLabel,
    QueuePosition,
    ListIsClosed,
    FirstTimeFirstOn,
    AskForFloor,
    RequestKindLabel,
    KindIntervention,
    KindQuestion,
    KindPointOfOrder,
    KindRightOfReply,
    RequestQuestionLabel,
    NoParticularQuestion,
    QuestionNumbered,
    RequestLanguageLabel,
    RequestNoteLabel,
    NoteCount,
    NoteTooLong,
    RaiseHand,
    LowerHand,
    ShortcutHand,
    YourRequests,
    DelegationPosition,
    DelegationNext,
    EstimatedWait,
    EstimatedWaitShort,
    Withdraw,
    WithdrawLabel,
    ClaimRequest,
    ClaimRequestLabel,
    Registered,
    AlsoAskedOne,
    AlsoAskedMany,
    NoteForChair,
    MoveUp,
    MoveUpLabel,
    MoveDown,
    MoveDownLabel,
    Remove,
    RemoveLabel,
    ManageList,
    CloseList,
    ReopenList,
    FirstTimeFirst,
    ClearQueue,
    ClearQueueConfirmOne,
    ClearQueueConfirmMany,
    ClearQueueYes,
    Cancel,
    ReaddLastSpeaker,
    ReaddLastSpeakerLabel,
    SpeakingTime,
    SpeakingTimeHint,
    SetSpeakingTime,
    SpeakingTimeIs,
    SpeakingTimeIsDefault,
    NoSpeakingTime,
    SpeakingTimeInvalid,
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
    RequestRemoved,
    SpeechEnded,
    FloorGivenTo,
    ListClosedAnnounced,
    ListReopenedAnnounced,
    YourTimePaused,
    YourTimeResumed,
    NameWithDelegation,
    DetailSeparator,
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
    ErrorListClosed,
    ErrorLimitReached,
    ErrorRateLimited,
    ErrorUnavailable,
    ErrorUnsupportedVersion,
    ErrorInternal,
    ActionRaiseHand,
    ActionLowerHand,
    ActionClaimRequest,
    ActionGiveFloor,
    ActionEndFloor,
    ActionPauseFloor,
    ActionResumeFloor,
    ActionMoveRequest,
    ActionClearQueue,
    ActionCloseList,
    ActionReopenList,
    ActionFirstTimeFirst,
    ActionReaddLastSpeaker,
    ActionSpeakingTime,
    ActionChangeItem,
    ActionMarkItem,
    ActionAddItem,
    ActionEditItem,
    ActionMoveItem,
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
        ItemUpcoming => "Upcoming",
        ItemLive => "Now",
        ItemDone => "Done",
        ItemSkipped => "Skipped",
        ItemUsedOf => "{used} of {planned}",
        ItemUsed => "{time} used",
        ItemOver => "+{time} over",
        InLanguage => "(in {language})",
        ScheduledStart => "Scheduled start: {time}",
        StartedAt => "Started at {time}",
        Forecast => "Forecast",
        ItemEndsAt => "This item ends at about {time}",
        MeetingEndsAt => "The meeting ends at about {time}",
        ItemEndUnknown => "This item's end cannot be forecast yet",
        MeetingEndUnknown => "The meeting's end cannot be forecast yet",
        CloseListHint => {
            "Close the list now to finish this item by {time} ({fit} of {waiting} waiting fit)"
        }
        TimesAreLocal => "Times are in your time zone.",
        MarkDone => "Done",
        MarkDoneLabel => "Mark as done: {title}",
        MarkSkipped => "Skip",
        MarkSkippedLabel => "Skip: {title}",
        MarkUpcoming => "Upcoming",
        MarkUpcomingLabel => "Mark as upcoming again: {title}",
        MoveItemUpLabel => "Move up: {title}",
        MoveItemDownLabel => "Move down: {title}",
        EditItem => "Edit",
        EditItemLabel => "Edit: {title}",
        ItemIdLabel => "Id (lowercase letters, digits and dashes)",
        ItemTitleLabel => "Title in {language}",
        ItemPresenterLabel => "Presented by (optional)",
        ItemMinutesLabel => "Planned minutes (optional)",
        SaveItem => "Save",
        AddItem => "Add an item",
        AddItemSubmit => "Add item",
        ItemIdInvalid => "Use 1 to 64 lowercase letters, digits and dashes for the id.",
        ItemIdTaken => "Another item already has this id.",
        ItemTitleRequired => "Enter a title.",
        ItemTitleTooLong => "The title is longer than 200 characters.",
        ItemPresenterTooLong => "The presenter is longer than 200 characters.",
        ItemMinutesInvalid => "Enter whole minutes from 1 to 600, or leave it empty.",
        ItemAdded => "Item added: {title}",
        Floor => "Floor",
        NobodyHasFloor => "Nobody has the floor",
        YouHaveFloor => "You have the floor.",
        SpeakingFor => "Speaking for {time}",
        TimeLeft => "{time} left",
        TimeOver => "+{time} over",
        TimerPaused => "Timer paused",
        SpeaksIn => "in {language}",
        GiveFloorNext => "Give floor to next",
        GiveFloor => "Give floor",
        GiveFloorLabel => "Give floor to {name}",
        EndSpeech => "End speech",
        PauseTimer => "Pause timer",
        ResumeTimer => "Resume timer",
        GiveFloorOther => "Give the floor to someone not in the list",
        OtherName => "Name",
        OtherDelegation => "Delegation (optional)",
        OtherLanguage => "Language",
        LanguageNotStated => "Not stated",
        NameRequired => "Enter the name of the person who will speak.",
        Speakers => "List of speakers",
        QueueEmpty => "Nobody is waiting to speak.",
        QueueLength => "{count} people are waiting to speak.",
        QueueLengthOne => "1 person is waiting to speak.",
        QueueMore => "and {count} more",
        QueueLabel => "Requests to speak, in order",
        QueueNextLabel => "Next in line",
        QueuePosition => "You are number {position} in the queue.",
        ListIsClosed => "The list of speakers is closed: only points of order are taken.",
        FirstTimeFirstOn => "Those who have not spoken on this item yet go first.",
        AskForFloor => "Ask for the floor",
        RequestKindLabel => "Request",
        KindIntervention => "Intervention",
        KindQuestion => "Question",
        KindPointOfOrder => "Point of order",
        KindRightOfReply => "Right of reply",
        RequestQuestionLabel => "On the guiding question",
        NoParticularQuestion => "No particular question",
        QuestionNumbered => "Question {number}: {text}",
        RequestLanguageLabel => "I will speak in",
        RequestNoteLabel => "Note for the chair (optional)",
        NoteCount => "{count} of {max} characters",
        NoteTooLong => "The note is longer than {max} characters.",
        RaiseHand => "Raise hand",
        LowerHand => "Lower hand",
        ShortcutHand => "Shortcut: H",
        YourRequests => "Your requests",
        DelegationPosition => {
            "Your delegation's request is number {position} in the queue ({name} speaks)."
        }
        DelegationNext => "Your delegation is next ({name} speaks).",
        EstimatedWait => "Estimated wait: about {minutes} min",
        EstimatedWaitShort => "Estimated wait: less than a minute",
        Withdraw => "Withdraw",
        WithdrawLabel => "Withdraw the request: {kind}",
        ClaimRequest => "Speak for my delegation",
        ClaimRequestLabel => "Speak for my delegation instead of {name}",
        Registered => "Registered",
        AlsoAskedOne => "1 colleague also asked",
        AlsoAskedMany => "{count} colleagues also asked",
        NoteForChair => "Note: {note}",
        MoveUp => "Up",
        MoveUpLabel => "Move {name} up",
        MoveDown => "Down",
        MoveDownLabel => "Move {name} down",
        Remove => "Remove",
        RemoveLabel => "Remove {name} from the list of speakers",
        ManageList => "Manage the list",
        CloseList => "Close the list",
        ReopenList => "Reopen the list",
        FirstTimeFirst => "First-time speakers first",
        ClearQueue => "Lower all hands",
        ClearQueueConfirmOne => "Lower the 1 raised hand? The request leaves the list.",
        ClearQueueConfirmMany => "Lower all {count} raised hands? Every request leaves the list.",
        ClearQueueYes => "Yes, lower all hands",
        Cancel => "Cancel",
        ReaddLastSpeaker => "Re-add last speaker",
        ReaddLastSpeakerLabel => "Put {name} back at the top of the list",
        SpeakingTime => "Speaking time (minutes:seconds)",
        SpeakingTimeHint => "Leave empty for the meeting's default.",
        SetSpeakingTime => "Set",
        SpeakingTimeIs => "Speaking time: {time}",
        SpeakingTimeIsDefault => "Speaking time: {time} (the meeting's default)",
        NoSpeakingTime => "No speaking-time limit",
        SpeakingTimeInvalid => "Enter a time such as 3:00, from 0:10 to 60:00.",
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
        YouAreNext => "You are next in the queue.",
        HandLowered => "Your hand is lowered.",
        RequestRemoved => "Your request was removed from the list of speakers.",
        SpeechEnded => "Your speech has ended.",
        FloorGivenTo => "{name} has the floor.",
        ListClosedAnnounced => "The list of speakers is closed.",
        ListReopenedAnnounced => "The list of speakers is open again.",
        YourTimePaused => "Your speaking time is paused.",
        YourTimeResumed => "Your speaking time runs again.",
        NameWithDelegation => "{name} ({delegation})",
        DetailSeparator => " · ",
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
        ErrorListClosed => "the list of speakers is closed; only points of order are taken",
        ErrorLimitReached => "your delegation already has as many requests as allowed",
        ErrorRateLimited => "too many actions at once; wait a moment",
        ErrorUnavailable => "the service is busy; try again",
        ErrorUnsupportedVersion => "this page is out of date; reload it",
        ErrorInternal => "something went wrong on the server",
        ActionRaiseHand => "Raise hand",
        ActionLowerHand => "Lower hand",
        ActionClaimRequest => "Speak for my delegation",
        ActionGiveFloor => "Give floor",
        ActionEndFloor => "End speech",
        ActionPauseFloor => "Pause timer",
        ActionResumeFloor => "Resume timer",
        ActionMoveRequest => "Move request",
        ActionClearQueue => "Lower all hands",
        ActionCloseList => "Close the list",
        ActionReopenList => "Reopen the list",
        ActionFirstTimeFirst => "First-time speakers first",
        ActionReaddLastSpeaker => "Re-add last speaker",
        ActionSpeakingTime => "Speaking time",
        ActionChangeItem => "Change item",
        ActionMarkItem => "Mark item",
        ActionAddItem => "Add item",
        ActionEditItem => "Edit item",
        ActionMoveItem => "Move item",
        ActionOnAir => "On air",
    }
}

/// The name of a language, by its tag, in the interface's language.
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

/// How a meeting language is named on screen: "French", or its tag when unknown.
pub fn language(code: &LanguageCode) -> String {
    language_name(code.as_str()).map_or_else(|| code.as_str().to_owned(), str::to_owned)
}

/// Fills a template's `{name}` placeholders.
fn fill(key: Key, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(text(key).to_owned(), |template, (name, value)| {
            template.replace(&format!("{{{name}}}"), value)
        })
}

/// Picks the singular or the plural key by `count`. Languages with more plural forms
/// (Arabic has six) will extend this with their own rule.
fn plural(count: usize, one: Key, many: Key) -> String {
    if count == 1 {
        text(one).to_owned()
    } else {
        fill(many, &[("count", &count.to_string())])
    }
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

/// How a kind of floor request is named on screen.
pub fn request_kind(kind: RequestKind) -> &'static str {
    text(match kind {
        RequestKind::Intervention => Key::KindIntervention,
        RequestKind::Question => Key::KindQuestion,
        RequestKind::PointOfOrder => Key::KindPointOfOrder,
        RequestKind::RightOfReply => Key::KindRightOfReply,
    })
}

/// How a channel is named on screen: "Floor", "French", "Sign language", "Captions".
pub fn channel(kind: &ChannelKind) -> String {
    match kind {
        ChannelKind::Floor => text(Key::ChannelFloor).to_owned(),
        ChannelKind::Interpretation { language: code } => language(code),
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
        ErrorCode::ListClosed => Key::ErrorListClosed,
        ErrorCode::LimitReached => Key::ErrorLimitReached,
        ErrorCode::RateLimited => Key::ErrorRateLimited,
        ErrorCode::Unavailable => Key::ErrorUnavailable,
        ErrorCode::UnsupportedVersion => Key::ErrorUnsupportedVersion,
        ErrorCode::Internal => Key::ErrorInternal,
    })
}

/// What a command does, named as its button is, for messages about it.
pub fn action(command: &Command) -> Key {
    match command {
        Command::RaiseHand { .. } => Key::ActionRaiseHand,
        Command::LowerHand { .. } => Key::ActionLowerHand,
        Command::ClaimRequest { .. } => Key::ActionClaimRequest,
        Command::GiveFloor { .. } => Key::ActionGiveFloor,
        Command::EndFloor => Key::ActionEndFloor,
        Command::PauseFloor => Key::ActionPauseFloor,
        Command::ResumeFloor => Key::ActionResumeFloor,
        Command::MoveRequest { .. } => Key::ActionMoveRequest,
        Command::ClearQueue => Key::ActionClearQueue,
        Command::CloseList => Key::ActionCloseList,
        Command::ReopenList => Key::ActionReopenList,
        Command::SetFirstTimeFirst { .. } => Key::ActionFirstTimeFirst,
        Command::ReaddLastSpeaker => Key::ActionReaddLastSpeaker,
        Command::SetSpeakingTime { .. } => Key::ActionSpeakingTime,
        Command::SetCurrentItem { .. } | Command::NextItem | Command::PreviousItem => {
            Key::ActionChangeItem
        }
        Command::MarkItem { .. } => Key::ActionMarkItem,
        Command::AddItem { .. } => Key::ActionAddItem,
        Command::EditItem { .. } => Key::ActionEditItem,
        Command::MoveItem { .. } => Key::ActionMoveItem,
        Command::SetOnAir { .. } => Key::ActionOnAir,
    }
}

/// "1:05" from whole seconds; "1:02:05" from an hour on.
pub fn clock_time(seconds: u64) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// "You are number 2 in the queue." (`position` counts from 1).
pub fn queue_position(position: u32) -> String {
    fill(Key::QueuePosition, &[("position", &position.to_string())])
}

/// "Your delegation's request is number 4 in the queue (Ana speaks)."; at position 1,
/// "Your delegation is next (Ana speaks)."
pub fn delegation_position(position: u32, speaker: &str) -> String {
    if position == 1 {
        fill(Key::DelegationNext, &[("name", speaker)])
    } else {
        fill(
            Key::DelegationPosition,
            &[("position", &position.to_string()), ("name", speaker)],
        )
    }
}

/// How many people wait to speak, for the list's summary.
pub fn queue_length(count: usize) -> String {
    match count {
        0 => text(Key::QueueEmpty).to_owned(),
        1 => text(Key::QueueLengthOne).to_owned(),
        count => fill(Key::QueueLength, &[("count", &count.to_string())]),
    }
}

/// "and 12 more", after the first few of a long list.
pub fn queue_more(count: usize) -> String {
    fill(Key::QueueMore, &[("count", &count.to_string())])
}

/// "Estimated wait: about 4 min", or "less than a minute".
pub fn estimated_wait(wait_ms: u64) -> String {
    if wait_ms < 60_000 {
        return text(Key::EstimatedWaitShort).to_owned();
    }
    let minutes = (wait_ms + 30_000) / 60_000;
    fill(Key::EstimatedWait, &[("minutes", &minutes.to_string())])
}

/// "Speaking for 1:05", from whole seconds.
pub fn speaking_for(seconds: u64) -> String {
    fill(Key::SpeakingFor, &[("time", &clock_time(seconds))])
}

/// "2:35 left", from whole seconds.
pub fn time_left(seconds: u64) -> String {
    fill(Key::TimeLeft, &[("time", &clock_time(seconds))])
}

/// "+0:12 over", from whole seconds of overrun.
pub fn time_over(seconds: u64) -> String {
    fill(Key::TimeOver, &[("time", &clock_time(seconds))])
}

/// "in French": the language a speaker uses.
pub fn speaks_in(code: &LanguageCode) -> String {
    fill(Key::SpeaksIn, &[("language", &language(code))])
}

/// "Question 2: How …?", a guiding question by its 0-based index.
pub fn question_numbered(index: u32, question: &str) -> String {
    fill(
        Key::QuestionNumbered,
        &[("number", &(index + 1).to_string()), ("text", question)],
    )
}

/// "12 of 280 characters", under the note field.
pub fn note_count(count: usize, max: usize) -> String {
    fill(
        Key::NoteCount,
        &[("count", &count.to_string()), ("max", &max.to_string())],
    )
}

/// "The note is longer than 280 characters."
pub fn note_too_long(max: usize) -> String {
    fill(Key::NoteTooLong, &[("max", &max.to_string())])
}

/// "Note: …", a request's note as the chair sees it.
pub fn note_for_chair(note: &str) -> String {
    fill(Key::NoteForChair, &[("note", note)])
}

/// "2 colleagues also asked": members of the delegation whose requests merged into one.
pub fn also_asked(count: usize) -> String {
    plural(count, Key::AlsoAskedOne, Key::AlsoAskedMany)
}

/// "Lower all 5 raised hands? …", the confirmation of clearing the list.
pub fn clear_queue_confirm(count: usize) -> String {
    plural(count, Key::ClearQueueConfirmOne, Key::ClearQueueConfirmMany)
}

/// "Speaking time: 3:00", with "(the meeting's default)" when the item does not set its
/// own; "No speaking-time limit" without one.
pub fn speaking_time(seconds: Option<u32>, is_default: bool) -> String {
    match seconds {
        None => text(Key::NoSpeakingTime).to_owned(),
        Some(seconds) => {
            let key = if is_default {
                Key::SpeakingTimeIsDefault
            } else {
                Key::SpeakingTimeIs
            };
            fill(key, &[("time", &clock_time(u64::from(seconds)))])
        }
    }
}

/// "Withdraw the request: Point of order".
pub fn withdraw_label(kind: RequestKind) -> String {
    fill(Key::WithdrawLabel, &[("kind", request_kind(kind))])
}

/// "Speak for my delegation instead of Ana".
pub fn claim_label(name: &str) -> String {
    fill(Key::ClaimRequestLabel, &[("name", name)])
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

/// "Move Colombia up".
pub fn move_up_label(name: &str) -> String {
    fill(Key::MoveUpLabel, &[("name", name)])
}

/// "Move Colombia down".
pub fn move_down_label(name: &str) -> String {
    fill(Key::MoveDownLabel, &[("name", name)])
}

/// "Remove Colombia from the list of speakers".
pub fn remove_label(name: &str) -> String {
    fill(Key::RemoveLabel, &[("name", name)])
}

/// "Put Colombia back at the top of the list".
pub fn readd_label(name: &str) -> String {
    fill(Key::ReaddLastSpeakerLabel, &[("name", name)])
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

/// "Colombia has the floor."
pub fn floor_given_to(name: &str) -> String {
    fill(Key::FloorGivenTo, &[("name", name)])
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

/// Details of one thing in a row: "in French · Question 2: … · Registered".
pub fn details(parts: &[String]) -> String {
    parts.join(text(Key::DetailSeparator))
}

/// "Item changed: Opening remarks by the European Union".
pub fn item_changed(title: &str) -> String {
    fill(Key::ItemChanged, &[("title", title)])
}

/// "12:30 of 80:00": the time the current item has used against its plan.
pub fn item_used_of(used: &str, planned: &str) -> String {
    fill(Key::ItemUsedOf, &[("used", used), ("planned", planned)])
}

/// "12:30 used": the time the current item has used, without a plan.
pub fn item_used(time: &str) -> String {
    fill(Key::ItemUsed, &[("time", time)])
}

/// "+2:10 over": how far the current item has run past its plan.
pub fn item_over(time: &str) -> String {
    fill(Key::ItemOver, &[("time", time)])
}

/// "(in French)": the note on a meeting text shown in another language than wanted.
pub fn in_language(language: &str) -> String {
    fill(Key::InLanguage, &[("language", language)])
}

/// "Scheduled start: 15:00".
pub fn scheduled_start(time: &str) -> String {
    fill(Key::ScheduledStart, &[("time", time)])
}

/// "Started at 15:04".
pub fn started_at(time: &str) -> String {
    fill(Key::StartedAt, &[("time", time)])
}

/// "This item ends at about 16:10".
pub fn item_ends_at(time: &str) -> String {
    fill(Key::ItemEndsAt, &[("time", time)])
}

/// "The meeting ends at about 18:00".
pub fn meeting_ends_at(time: &str) -> String {
    fill(Key::MeetingEndsAt, &[("time", time)])
}

/// "Close the list now to finish this item by 16:10 (3 of 5 waiting fit)".
pub fn close_list_hint(time: &str, fit: u32, waiting: u32) -> String {
    fill(
        Key::CloseListHint,
        &[
            ("time", time),
            ("fit", &fit.to_string()),
            ("waiting", &waiting.to_string()),
        ],
    )
}

/// "Mark as done: Opening", "Skip: Opening", "Mark as upcoming again: Opening", "Move
/// up: Opening", "Edit: Opening": the accessible names of an agenda item's buttons,
/// `key` being one of those labels.
pub fn item_action_label(key: Key, title: &str) -> String {
    fill(key, &[("title", title)])
}

/// "Title in French": the title field of the item forms.
pub fn item_title_label(language: &LanguageCode) -> String {
    fill(
        Key::ItemTitleLabel,
        &[("language", &self::language(language))],
    )
}

/// "Item added: Any other business".
pub fn item_added(title: &str) -> String {
    fill(Key::ItemAdded, &[("title", title)])
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
        assert_eq!(time_left(155), "2:35 left");
        assert_eq!(time_over(12), "+0:12 over");
        assert_eq!(clock_time(3725), "1:02:05");
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
        assert_eq!(also_asked(1), "1 colleague also asked");
        assert_eq!(also_asked(3), "3 colleagues also asked");
        assert!(clear_queue_confirm(7).contains("all 7"));
        assert_eq!(question_numbered(0, "Why?"), "Question 1: Why?");
        assert_eq!(speaks_in(&LanguageCode::new("es")), "in Spanish");
        assert_eq!(
            delegation_position(1, "Ana"),
            "Your delegation is next (Ana speaks)."
        );
    }

    #[test]
    fn waits_are_rounded_to_minutes() {
        assert_eq!(estimated_wait(59_999), "Estimated wait: less than a minute");
        assert_eq!(estimated_wait(60_000), "Estimated wait: about 1 min");
        assert_eq!(estimated_wait(150_000), "Estimated wait: about 3 min");
    }

    #[test]
    fn speaking_times_say_where_they_come_from() {
        assert_eq!(speaking_time(None, true), "No speaking-time limit");
        assert_eq!(speaking_time(Some(180), false), "Speaking time: 3:00");
        assert_eq!(
            speaking_time(Some(90), true),
            "Speaking time: 1:30 (the meeting's default)"
        );
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
    fn every_kind_and_error_has_a_text() {
        for kind in RequestKind::ALL {
            assert!(!request_kind(kind).is_empty());
        }
        for code in ErrorCode::ALL {
            assert!(!error_code(code).is_empty());
        }
    }

    #[test]
    fn no_template_keeps_a_placeholder() {
        let filled = [
            queue_position(1),
            delegation_position(1, "x"),
            delegation_position(3, "x"),
            queue_length(3),
            queue_more(3),
            estimated_wait(600_000),
            presenter("x"),
            planned_minutes(5),
            go_to_label("x"),
            give_floor_label("x"),
            move_up_label("x"),
            move_down_label("x"),
            remove_label("x"),
            readd_label("x"),
            speaking_for(1),
            time_left(1),
            time_over(1),
            speaks_in(&LanguageCode::new("fr")),
            question_numbered(1, "x"),
            note_count(1, 2),
            note_too_long(2),
            note_for_chair("x"),
            also_asked(2),
            clear_queue_confirm(2),
            speaking_time(Some(60), true),
            speaking_time(Some(60), false),
            withdraw_label(RequestKind::Question),
            claim_label("x"),
            live_by("x"),
            your_booth("x"),
            other_on_air("x"),
            floor_given_to("x"),
            name_with_delegation("x", Some("y")),
            item_changed("x"),
            channel_live("x"),
            channel_standby("x"),
            command_refused(Key::ActionOnAir, "x"),
            item_used_of("x", "y"),
            item_used("x"),
            item_over("x"),
            in_language("x"),
            scheduled_start("x"),
            started_at("x"),
            item_ends_at("x"),
            meeting_ends_at("x"),
            close_list_hint("x", 1, 2),
            item_action_label(Key::MarkDoneLabel, "x"),
            item_action_label(Key::MarkSkippedLabel, "x"),
            item_action_label(Key::MarkUpcomingLabel, "x"),
            item_action_label(Key::MoveItemUpLabel, "x"),
            item_action_label(Key::MoveItemDownLabel, "x"),
            item_action_label(Key::EditItemLabel, "x"),
            item_title_label(&LanguageCode::new("fr")),
            item_added("x"),
        ];
        for text in filled {
            assert!(!text.contains('{'), "unfilled placeholder in {text:?}");
        }
    }
}
