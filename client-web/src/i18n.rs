//! Every string the interface shows, in Arabic, English, French and Spanish.
//!
//! # Where the strings live
//!
//! The translations are [Fluent](https://projectfluent.org) files, one per language, in
//! `client-web/locales/` (`ar.ftl`, `en.ftl`, `fr.ftl`, `es.ftl`), compiled into the
//! client with `include_str!`. English is the reference; every file has the same
//! messages with the same variables (the unit tests check it, and that every file
//! parses and every message formats).
//!
//! Fixed strings are looked up by [`Key`] with [`text`]; each key names one Fluent
//! message ([`Key::id`]). Strings with parameters are messages with Fluent variables,
//! formatted by the small functions below ([`queue_position`], [`item_changed`] …), so
//! that callers never assemble sentences from pieces (word order differs between
//! languages). Counts are passed as numbers, so that messages choose their form with
//! Fluent's plural selectors (Arabic has six forms: zero, one, two, few, many, other).
//!
//! To add a string: add a message to all four files (the tests fail until it is in
//! every one), add a [`Key`] variant with its id, and, if it has variables, a function
//! here that fills them.
//!
//! # Language and direction
//!
//! The interface language is chosen at run time ([`set_ui`], [`ui`]); the browser part
//! of the crate picks it (a saved choice, else the browser's languages, else English:
//! [`Lang::choose`]) and draws the page again when it changes. Fluent's own isolation
//! marks are off; instead, values that come from people (names, delegations, titles,
//! notes, questions) are wrapped in Unicode isolates (FSI…PDI) where they go into a
//! sentence, so that an English name in an Arabic sentence (or the reverse) keeps its
//! place, also in attributes, `<option>`s and the tab's title ([`tab_title`]) where no
//! `<bdi>` can go. Numbers and the interface's own words are not wrapped. The views also
//! put names and titles shown on their own in `<bdi>` or `dir="auto"` elements.
//!
//! A button whose accessible name says more than its visible text (which item, which
//! speaker) has a name that begins with that text (WCAG 2.5.3, Label in Name): "Done"
//! is named "Done: mark Opening as done", in every language.

use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};
use protocol::{
    BoothTask, ChannelId, ChannelKind, ChannelStatus, Command, ErrorCode, LanguageCode,
    RequestKind, Role,
};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

/// A language the interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Arabic, written right to left.
    Ar,
    /// English, the reference translation and the fallback.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every interface language, in the order the language picker lists them.
    pub const ALL: [Self; 4] = [Self::Ar, Self::En, Self::Fr, Self::Es];

    /// The BCP 47 tag, for `<html lang>`, for saving the choice and for picking meeting
    /// texts.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::En => "en",
            Self::Fr => "fr",
            Self::Es => "es",
        }
    }

    /// The writing direction, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Self::Ar => "rtl",
            Self::En | Self::Fr | Self::Es => "ltr",
        }
    }

    /// The language's name in itself, as the language picker shows it whatever the
    /// interface language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Ar => "العربية",
            Self::En => "English",
            Self::Fr => "Français",
            Self::Es => "Español",
        }
    }

    /// The tag as a [`LanguageCode`], to read a [`protocol::Localized`] text.
    pub fn code(self) -> LanguageCode {
        LanguageCode::new(self.tag())
    }

    /// The interface language for a BCP 47 tag, by its primary subtag and ignoring case
    /// (`fr-CH` is French); `None` when the interface is not available in it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// The language to start in: the `saved` choice if it is one of ours, else the first
    /// of the browser's `preferred` languages that we have, else English.
    pub fn choose<'a>(saved: Option<&str>, preferred: impl IntoIterator<Item = &'a str>) -> Self {
        saved
            .and_then(Self::from_tag)
            .or_else(|| preferred.into_iter().find_map(Self::from_tag))
            .unwrap_or(Self::En)
    }

    /// The translation file, compiled in.
    fn source(self) -> &'static str {
        match self {
            Self::Ar => include_str!("../locales/ar.ftl"),
            Self::En => include_str!("../locales/en.ftl"),
            Self::Fr => include_str!("../locales/fr.ftl"),
            Self::Es => include_str!("../locales/es.ftl"),
        }
    }

    /// The place of this language in [`Lang::ALL`].
    fn index(self) -> usize {
        match self {
            Self::Ar => 0,
            Self::En => 1,
            Self::Fr => 2,
            Self::Es => 3,
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

// The page runs on one thread (and each native test on its own), so the interface
// language and the parsed translations are per thread. Bundles are parsed on first use.
thread_local! {
    static UI: Cell<Lang> = const { Cell::new(Lang::En) };
    static BUNDLES: [OnceCell<Bundle>; 4] = Default::default();
    /// Fixed strings already formatted, by language: [`text`] hands out `&'static str`s,
    /// each formatted (and leaked) once per language, at most a few hundred in all.
    static TEXTS: RefCell<HashMap<(Lang, Key), &'static str>> = RefCell::new(HashMap::new());
}

/// The language of the interface.
pub fn ui() -> Lang {
    UI.with(Cell::get)
}

/// Switches the interface language. What is drawn afterwards is in `lang`; the caller
/// draws the page again.
pub fn set_ui(lang: Lang) {
    UI.with(|ui| ui.set(lang));
}

/// Makes the bundle of `lang` from its file. A file with a syntax error still yields
/// the messages that parse; the unit tests make sure that none has one.
fn bundle(lang: Lang) -> Bundle {
    let resource = FluentResource::try_new(lang.source().to_owned())
        .unwrap_or_else(|(resource, _errors)| resource);
    let id: LanguageIdentifier = lang.tag().parse().expect("the interface's tags are valid");
    let mut bundle = FluentBundle::new(vec![id]);
    // Values from people are isolated by `user`; numbers and our own words need not be.
    bundle.set_use_isolating(false);
    // Message ids are unique within a file (the tests check), so nothing is overridden.
    let _ = bundle.add_resource(resource);
    bundle
}

fn with_bundle<R>(lang: Lang, f: impl FnOnce(&Bundle) -> R) -> R {
    BUNDLES.with(|bundles| f(bundles[lang.index()].get_or_init(|| bundle(lang))))
}

/// Message `id` of `lang` formatted with `args`; `None` when `lang` has no such message.
/// Problems (a missing variable, say) are added to `errors`; the text is still usable.
fn format_in(
    lang: Lang,
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<FluentError>,
) -> Option<String> {
    with_bundle(lang, |bundle| {
        let pattern = bundle.get_message(id)?.value()?;
        Some(bundle.format_pattern(pattern, args, errors).into_owned())
    })
}

/// Message `id` in the interface language, else in English, else the id itself.
fn format(id: &str, args: Option<&FluentArgs>) -> String {
    let mut errors = Vec::new();
    let text = format_in(ui(), id, args, &mut errors);
    #[cfg(test)]
    tests::record_problems(id, text.is_none(), &errors);
    text.or_else(|| format_in(Lang::En, id, args, &mut errors))
        .unwrap_or_else(|| id.to_owned())
}

/// Declares [`Key`] with the Fluent message id of each variant.
macro_rules! keys {
    ($($key:ident = $id:literal,)*) => {
        /// A string of the interface: one Fluent message, named by [`Key::id`]. Keys of
        /// messages with variables are used through the matching function of this
        /// module rather than [`text`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // The message in `locales/en.ftl` is each key's documentation.
        pub enum Key {
            $($key,)*
        }

        impl Key {
            /// Every key, so that the tests can check each has a message everywhere.
            pub const ALL: &'static [Self] = &[$(Self::$key,)*];

            /// The id of the key's message in the `locales/*.ftl` files.
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$key => $id,)*
                }
            }
        }
    };
}

keys! {
    AppName = "app-name",
    InterfaceLanguage = "interface-language",
    Connecting = "connecting",
    Connected = "connected",
    Reconnecting = "reconnecting",
    NotConnected = "not-connected",
    Offline = "offline",
    NotCurrent = "not-current",
    UpToDate = "up-to-date",
    DismissMessage = "dismiss-message",
    Joining = "joining",
    OpenInvite = "open-invite",
    OpenInviteExplained = "open-invite-explained",
    InvalidInvite = "invalid-invite",
    SessionExpired = "session-expired",
    SessionEnding = "session-ending",
    OutdatedClient = "outdated-client",
    TooManyConnections = "too-many-connections",
    LinkRevoked = "link-revoked",
    CannotJoin = "cannot-join",
    NotSent = "not-sent",
    ChairControls = "chair-controls",
    You = "you",
    Cancel = "cancel",
    DetailSeparator = "detail-separator",
    NameWithDelegation = "name-with-delegation",
    RoleAttendee = "role-attendee",
    RoleChair = "role-chair",
    RoleInterpreter = "role-interpreter",
    RoleSignLanguageInterpreter = "role-sign-language-interpreter",
    RoleCaptioner = "role-captioner",
    RoleOrganiser = "role-organiser",
    InLanguage = "in-language",
    SpeaksIn = "speaks-in",
    CurrentItem = "current-item",
    NotStarted = "not-started",
    Presenter = "presenter",
    PlannedMinutes = "planned-minutes",
    GuidingQuestions = "guiding-questions",
    Agenda = "agenda",
    PreviousItem = "previous-item",
    NextItem = "next-item",
    GoTo = "go-to",
    GoToLabel = "go-to-label",
    ItemUpcoming = "item-upcoming",
    ItemLive = "item-live",
    ItemDone = "item-done",
    ItemSkipped = "item-skipped",
    ItemUsedOf = "item-used-of",
    ItemUsed = "item-used",
    ItemOver = "item-over",
    ItemChanged = "item-changed",
    ItemAdded = "item-added",
    MarkDone = "mark-done",
    MarkDoneLabel = "mark-done-label",
    MarkSkipped = "mark-skipped",
    MarkSkippedLabel = "mark-skipped-label",
    MarkUpcoming = "mark-upcoming",
    MarkUpcomingLabel = "mark-upcoming-label",
    MoveItemUpLabel = "move-item-up-label",
    MoveItemDownLabel = "move-item-down-label",
    EditItem = "edit-item",
    EditItemLabel = "edit-item-label",
    ItemMore = "item-more",
    ItemMoreLabel = "item-more-label",
    ItemActionsLabel = "item-actions-label",
    ItemIdLabel = "item-id-label",
    ItemTitleLabel = "item-title-label",
    ItemPresenterLabel = "item-presenter-label",
    ItemMinutesLabel = "item-minutes-label",
    SaveItem = "save-item",
    AddItem = "add-item",
    AddItemSubmit = "add-item-submit",
    ItemIdInvalid = "item-id-invalid",
    ItemIdTaken = "item-id-taken",
    ItemTitleRequired = "item-title-required",
    ItemTitleTooLong = "item-title-too-long",
    ItemPresenterTooLong = "item-presenter-too-long",
    ItemMinutesInvalid = "item-minutes-invalid",
    Forecast = "forecast",
    ScheduledStart = "scheduled-start",
    StartedAt = "started-at",
    ItemEndsAt = "item-ends-at",
    MeetingEndsAt = "meeting-ends-at",
    ItemEndUnknown = "item-end-unknown",
    MeetingEndUnknown = "meeting-end-unknown",
    CloseListHint = "close-list-hint",
    TimesAreLocal = "times-are-local",
    Floor = "floor",
    NobodyHasFloor = "nobody-has-floor",
    YouHaveFloor = "you-have-floor",
    FloorGivenTo = "floor-given-to",
    SpeechEnded = "speech-ended",
    SpeakingFor = "speaking-for",
    TimeLeft = "time-left",
    TimeOver = "time-over",
    TimerPaused = "timer-paused",
    YourTimePaused = "your-time-paused",
    YourTimeResumed = "your-time-resumed",
    GiveFloorNext = "give-floor-next",
    GiveFloor = "give-floor",
    GiveFloorLabel = "give-floor-label",
    EndSpeech = "end-speech",
    PauseTimer = "pause-timer",
    ResumeTimer = "resume-timer",
    GiveFloorOther = "give-floor-other",
    OtherName = "other-name",
    OtherDelegation = "other-delegation",
    OtherLanguage = "other-language",
    LanguageNotStated = "language-not-stated",
    NameRequired = "name-required",
    Speakers = "speakers",
    QueueLength = "queue-length",
    QueueMore = "queue-more",
    QueueLabel = "queue-label",
    QueueNextLabel = "queue-next-label",
    ListIsClosed = "list-is-closed",
    FirstTimeFirstOn = "first-time-first-on",
    Registered = "registered",
    AlsoAsked = "also-asked",
    NoteForChair = "note-for-chair",
    ListClosedAnnounced = "list-closed-announced",
    ListReopenedAnnounced = "list-reopened-announced",
    AskForFloor = "ask-for-floor",
    RequestKindLabel = "request-kind-label",
    KindIntervention = "kind-intervention",
    KindQuestion = "kind-question",
    KindPointOfOrder = "kind-point-of-order",
    KindRightOfReply = "kind-right-of-reply",
    RequestQuestionLabel = "request-question-label",
    NoParticularQuestion = "no-particular-question",
    QuestionNumbered = "question-numbered",
    RequestLanguageLabel = "request-language-label",
    RequestNoteLabel = "request-note-label",
    NoteCount = "note-count",
    NoteTooLong = "note-too-long",
    RaiseHand = "raise-hand",
    LowerHand = "lower-hand",
    ShortcutHand = "shortcut-hand",
    YourRequests = "your-requests",
    QueuePosition = "queue-position",
    YouAreNext = "you-are-next",
    DelegationPosition = "delegation-position",
    DelegationNext = "delegation-next",
    EstimatedWait = "estimated-wait",
    EstimatedWaitShort = "estimated-wait-short",
    Withdraw = "withdraw",
    WithdrawLabel = "withdraw-label",
    ClaimRequest = "claim-request",
    ClaimRequestLabel = "claim-request-label",
    HandLowered = "hand-lowered",
    RequestRemoved = "request-removed",
    ManageList = "manage-list",
    MoveUp = "move-up",
    MoveUpLabel = "move-up-label",
    MoveDown = "move-down",
    MoveDownLabel = "move-down-label",
    Remove = "remove",
    RemoveLabel = "remove-label",
    CloseList = "close-list",
    ReopenList = "reopen-list",
    FirstTimeFirst = "first-time-first",
    ClearQueue = "clear-queue",
    ClearQueueConfirm = "clear-queue-confirm",
    ClearQueueYes = "clear-queue-yes",
    ReaddLastSpeaker = "readd-last-speaker",
    ReaddLastSpeakerLabel = "readd-last-speaker-label",
    SpeakingTime = "speaking-time",
    SpeakingTimeHint = "speaking-time-hint",
    SetSpeakingTime = "set-speaking-time",
    SpeakingTimeIs = "speaking-time-is",
    SpeakingTimeIsDefault = "speaking-time-is-default",
    NoSpeakingTime = "no-speaking-time",
    SpeakingTimeInvalid = "speaking-time-invalid",
    Channels = "channels",
    ChannelFloor = "channel-floor",
    ChannelSignLanguage = "channel-sign-language",
    ChannelCaptions = "channel-captions",
    ChannelLive = "channel-live",
    ChannelStandby = "channel-standby",
    YourBooth = "your-booth",
    GoOnAir = "go-on-air",
    GoOffAir = "go-off-air",
    YouAreOnAir = "you-are-on-air",
    OtherOnAir = "other-on-air",
    BoothOffAir = "booth-off-air",
    CommandRefused = "command-refused",
    ErrorUnauthorized = "error-unauthorized",
    ErrorForbidden = "error-forbidden",
    ErrorInvalid = "error-invalid",
    ErrorNotFound = "error-not-found",
    ErrorConflict = "error-conflict",
    ErrorListClosed = "error-list-closed",
    ErrorLimitReached = "error-limit-reached",
    ErrorRateLimited = "error-rate-limited",
    ErrorUnavailable = "error-unavailable",
    ErrorUnsupportedVersion = "error-unsupported-version",
    ErrorInternal = "error-internal",
    ActionRaiseHand = "action-raise-hand",
    ActionLowerHand = "action-lower-hand",
    ActionClaimRequest = "action-claim-request",
    ActionGiveFloor = "action-give-floor",
    ActionEndFloor = "action-end-floor",
    ActionPauseFloor = "action-pause-floor",
    ActionResumeFloor = "action-resume-floor",
    ActionMoveRequest = "action-move-request",
    ActionClearQueue = "action-clear-queue",
    ActionCloseList = "action-close-list",
    ActionReopenList = "action-reopen-list",
    ActionFirstTimeFirst = "action-first-time-first",
    ActionReaddLastSpeaker = "action-readd-last-speaker",
    ActionSpeakingTime = "action-speaking-time",
    ActionChangeItem = "action-change-item",
    ActionMarkItem = "action-mark-item",
    ActionAddItem = "action-add-item",
    ActionEditItem = "action-edit-item",
    ActionMoveItem = "action-move-item",
    ActionOnAir = "action-on-air",
    ActionFloorLanguage = "action-floor-language",
    ActionWorkingInto = "action-working-into",
    ActionRelay = "action-relay",
    ActionPauseChannel = "action-pause-channel",
    ActionRequestHandover = "action-request-handover",
    ActionCancelHandover = "action-cancel-handover",
    ActionTakeOver = "action-take-over",
    Listening = "listening",
    ListenChannelLabel = "listen-channel-label",
    FallbacksLabel = "fallbacks-label",
    FallbacksNone = "fallbacks-none",
    FallbackAddLabel = "fallback-add-label",
    FallbackAdd = "fallback-add",
    FallbackUpLabel = "fallback-up-label",
    FallbackDownLabel = "fallback-down-label",
    FallbackRemoveLabel = "fallback-remove-label",
    NeedSign = "need-sign",
    NeedCaptions = "need-captions",
    Hearing = "hearing",
    NowHearing = "now-hearing",
    HearingFloorInstead = "hearing-floor-instead",
    YouHearThis = "you-hear-this",
    MediaLink = "media-link",
    StatusOriginal = "status-original",
    StatusLive = "status-live",
    StatusRelay = "status-relay",
    StatusSwapping = "status-swapping",
    StatusPaused = "status-paused",
    StatusStandby = "status-standby",
    StatusUnavailable = "status-unavailable",
    StatusNotStarted = "status-not-started",
    SaidLive = "said-live",
    SaidRelay = "said-relay",
    SaidOriginal = "said-original",
    SaidSwapping = "said-swapping",
    SaidPaused = "said-paused",
    SaidStandby = "said-standby",
    SaidUnavailable = "said-unavailable",
    SaidBack = "said-back",
    BoothOf = "booth-of",
    BoothList = "booth-list",
    PauseChannel = "pause-channel",
    ResumeChannel = "resume-channel",
    BoothPaused = "booth-paused",
    WorkingIntoRetour = "working-into-retour",
    RelayLabel = "relay-label",
    RelayFloor = "relay-floor",
    Apply = "apply",
    RequestHandover = "request-handover",
    CancelHandover = "cancel-handover",
    AcceptHandover = "accept-handover",
    TakeOver = "take-over",
    HandoverWaiting = "handover-waiting",
    HandoverAsked = "handover-asked",
    TaskDirect = "task-direct",
    TaskRelay = "task-relay",
    TaskRetour = "task-retour",
    TaskIdleFloor = "task-idle-floor",
    TaskIdleCovered = "task-idle-covered",
    TaskNoSource = "task-no-source",
    Relying = "relying",
    Audience = "audience",
    ComingNextHeading = "coming-next-heading",
    ComingNext = "coming-next",
    DeadAirHeading = "dead-air-heading",
    DeadAir = "dead-air",
    FloorLanguageLabel = "floor-language-label",
    FloorLanguageUnset = "floor-language-unset",
    MeetingUpdated = "meeting-updated",
    MeetingEnded = "meeting-ended",
    MeetingEndedExplained = "meeting-ended-explained",
    Roster = "roster",
    RosterShow = "roster-show",
    RosterTotal = "roster-total",
    RosterPeople = "roster-people",
    RosterByRole = "roster-by-role",
    RosterByDelegation = "roster-by-delegation",
    RosterByLanguage = "roster-by-language",
    RosterColumnRole = "roster-column-role",
    RosterColumnDelegation = "roster-column-delegation",
    RosterColumnLanguage = "roster-column-language",
    RosterColumnPeople = "roster-column-people",
    RosterNoDelegation = "roster-no-delegation",
    RosterList = "roster-list",
    RosterFilterLabel = "roster-filter-label",
    RosterOrderLabel = "roster-order-label",
    RosterOrderName = "roster-order-name",
    RosterOrderDelegation = "roster-order-delegation",
    RosterOrderRole = "roster-order-role",
    RosterShown = "roster-shown",
    RosterNoMatch = "roster-no-match",
    RosterDevices = "roster-devices",
    RosterLanguages = "roster-languages",
    MoveOnQuestion = "move-on-question",
    MoveOnCarry = "move-on-carry",
    MoveOnKeep = "move-on-keep",
    MoveOnClose = "move-on-close",
    MoveOnCancel = "move-on-cancel",
    RequestKept = "request-kept",
    RequestCarried = "request-carried",
    RequestClosed = "request-closed",
    SpeakerLog = "speaker-log",
    SpeakerLogExplained = "speaker-log-explained",
    SpeakerLogFormat = "speaker-log-format",
    SpeakerLogCsv = "speaker-log-csv",
    SpeakerLogJson = "speaker-log-json",
    SpeakerLogMarkdown = "speaker-log-markdown",
    DownloadSpeakerLog = "download-speaker-log",
    SpeakerLogDownloaded = "speaker-log-downloaded",
    SpeakerLogExpired = "speaker-log-expired",
    SpeakerLogForbidden = "speaker-log-forbidden",
    SpeakerLogUnavailable = "speaker-log-unavailable",
    SpeakerLogOffline = "speaker-log-offline",
    SpeakerLogFailed = "speaker-log-failed",
    Participants = "participants",
    ParticipantsExplained = "participants-explained",
    ParticipantsSearchLabel = "participants-search-label",
    ParticipantsLoading = "participants-loading",
    ParticipantsNoMatch = "participants-no-match",
    ParticipantsShown = "participants-shown",
    ParticipantsFirstShown = "participants-first-shown",
    ParticipantLinkActive = "participant-link-active",
    ParticipantLinkRevoked = "participant-link-revoked",
    CopyLink = "copy-link",
    ShowLink = "show-link",
    RevokeLink = "revoke-link",
    ReplaceLink = "replace-link",
    CopyLinkLabel = "copy-link-label",
    ShowLinkLabel = "show-link-label",
    RevokeLinkLabel = "revoke-link-label",
    ReplaceLinkLabel = "replace-link-label",
    ParticipantLinkHeading = "participant-link-heading",
    ParticipantLinkHint = "participant-link-hint",
    LinkCopied = "link-copied",
    LinkCopyFailed = "link-copy-failed",
    RevokeConfirm = "revoke-confirm",
    ReplaceConfirm = "replace-confirm",
    LinkRevokedDone = "link-revoked-done",
    LinkReplacedDone = "link-replaced-done",
    ParticipantAdded = "participant-added",
    ParticipantsFailed = "participants-failed",
    ParticipantsOffline = "participants-offline",
    AddParticipant = "add-participant",
    AddParticipantExplained = "add-participant-explained",
    ParticipantName = "participant-name",
    ParticipantId = "participant-id",
    ParticipantIdHint = "participant-id-hint",
    ParticipantRole = "participant-role",
    ParticipantDelegation = "participant-delegation",
    ParticipantLanguages = "participant-languages",
    ParticipantEmail = "participant-email",
    ParticipantNeeds = "participant-needs",
    ParticipantSignLanguage = "participant-sign-language",
    ParticipantCaptions = "participant-captions",
    ParticipantWrittenQuestion = "participant-written-question",
    ParticipantNeedsList = "participant-needs-list",
    AddParticipantSubmit = "add-participant-submit",
    ParticipantErrorName = "participant-error-name",
    ParticipantErrorId = "participant-error-id",
    ParticipantErrorIdTaken = "participant-error-id-taken",
    ParticipantErrorEmail = "participant-error-email",
    ParticipantErrorDelegation = "participant-error-delegation",
    ParticipantErrorLanguages = "participant-error-languages",
    ImportHeading = "import-heading",
    ImportExplained = "import-explained",
    ImportFile = "import-file",
    ImportColumns = "import-columns",
    ImportSuggested = "import-suggested",
    ImportColumnNone = "import-column-none",
    ImportFieldId = "import-field-id",
    ImportFieldName = "import-field-name",
    ImportFieldEmail = "import-field-email",
    ImportFieldDelegation = "import-field-delegation",
    ImportFieldRole = "import-field-role",
    ImportFieldBooth = "import-field-booth",
    ImportFieldLanguages = "import-field-languages",
    ImportFieldSignLanguage = "import-field-sign-language",
    ImportFieldCaptions = "import-field-captions",
    ImportFieldFloor = "import-field-floor",
    ImportFieldItem = "import-field-item",
    ImportFieldKind = "import-field-kind",
    ImportFieldQuestion = "import-field-question",
    ImportFieldWrittenQuestion = "import-field-written-question",
    ImportCheck = "import-check",
    ImportRun = "import-run",
    ImportValidOnly = "import-valid-only",
    ImportNoName = "import-no-name",
    ImportUnreadable = "import-unreadable",
    ImportErrors = "import-errors",
    ImportChecked = "import-checked",
    ImportDone = "import-done",
    ImportRefused = "import-refused",
    ImportError = "import-error",
    ImportFailed = "import-failed",
    ImportOffline = "import-offline",
    DownloadLinks = "download-links",
    LinksDownloaded = "links-downloaded",
    LinksFailed = "links-failed",
}

/// A value of a message that an area names itself (see [`message`]).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A text from people: isolated.
    User(&'a str),
    /// One of the interface's own words.
    Ours(&'a str),
    /// A count or a number.
    Number(u64),
}

/// Message `id` in the interface language with `args`: for areas that keep their own
/// list of message ids (`registration::Text`) rather than a [`Key`] each.
pub fn message(id: &str, args: &[(&'static str, Arg<'_>)]) -> String {
    if args.is_empty() {
        return format(id, None);
    }
    let mut values = FluentArgs::new();
    for (name, value) in args {
        values.set(
            *name,
            match *value {
                Arg::User(text) => user(text),
                Arg::Ours(text) => FluentValue::from(text.to_owned()),
                Arg::Number(number) => FluentValue::from(number),
            },
        );
    }
    format(id, Some(&values))
}

/// Whether `lang`'s file has message `id` (for the tests of areas with their own ids).
pub fn has_message(lang: Lang, id: &str) -> bool {
    with_bundle(lang, |bundle| bundle.has_message(id))
}

/// The string for `key` in the interface's language.
pub fn text(key: Key) -> &'static str {
    let lang = ui();
    let known = TEXTS.with(|texts| texts.borrow().get(&(lang, key)).copied());
    known.unwrap_or_else(|| {
        let text: &'static str = Box::leak(format(key.id(), None).into_boxed_str());
        TEXTS.with(|texts| texts.borrow_mut().insert((lang, key), text));
        text
    })
}

/// Formats `key`'s message with its variables.
fn fill<'a>(key: Key, values: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>) -> String {
    let mut args = FluentArgs::new();
    for (name, value) in values {
        args.set(name, value);
    }
    format(key.id(), Some(&args))
}

/// A text from people (a name, a delegation, a title, a note, a question) as a value:
/// wrapped in Unicode isolates (FSI…PDI), so that its direction does not mix with the
/// sentence around it.
fn user(text: &str) -> FluentValue<'static> {
    FluentValue::from(format!("\u{2068}{text}\u{2069}"))
}

/// One of the interface's own words (a language's or a channel's name, a time) as a
/// value.
fn ours(text: &str) -> FluentValue<'_> {
    FluentValue::from(text)
}

/// A count, a position or a number of minutes, as a number so that messages can choose
/// their plural form by it.
fn number(value: impl Into<u64>) -> FluentValue<'static> {
    FluentValue::from(value.into())
}

/// How a meeting language is named on screen, in the interface language ("French",
/// "français", "الفرنسية"), or its tag when the interface has no name for it.
pub fn language(code: &LanguageCode) -> String {
    let id = format!("language-{}", code.as_str());
    let lang = ui();
    let mut errors = Vec::new();
    format_in(lang, &id, None, &mut errors)
        .filter(|_| errors.is_empty())
        .unwrap_or_else(|| code.as_str().to_owned())
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

/// A channel's name standing on its own, as a list's entry or an option: capitalised as
/// a label is ("Français", "Francés"), where a sentence would say "français".
pub fn channel_label(kind: &ChannelKind) -> String {
    let name = channel(kind);
    let mut characters = name.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => name,
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
        Command::SetCurrentItem { .. }
        | Command::NextItem { .. }
        | Command::PreviousItem { .. } => Key::ActionChangeItem,
        Command::MarkItem { .. } => Key::ActionMarkItem,
        Command::AddItem { .. } => Key::ActionAddItem,
        Command::EditItem { .. } => Key::ActionEditItem,
        Command::MoveItem { .. } => Key::ActionMoveItem,
        Command::SetOnAir { .. } => Key::ActionOnAir,
        Command::SetFloorLanguage { .. } => Key::ActionFloorLanguage,
        Command::SetWorkingInto { .. } => Key::ActionWorkingInto,
        Command::SetRelay { .. } => Key::ActionRelay,
        Command::SetPaused { .. } => Key::ActionPauseChannel,
        Command::RequestHandover { .. } => Key::ActionRequestHandover,
        Command::CancelHandover { .. } => Key::ActionCancelHandover,
        Command::TakeOver { .. } => Key::ActionTakeOver,
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
    fill(Key::QueuePosition, [("position", number(position))])
}

/// "Your delegation's request is number 4 in the queue (Ana speaks)."; at position 1,
/// "Your delegation is next (Ana speaks)."
pub fn delegation_position(position: u32, speaker: &str) -> String {
    if position == 1 {
        fill(Key::DelegationNext, [("name", user(speaker))])
    } else {
        fill(
            Key::DelegationPosition,
            [("position", number(position)), ("name", user(speaker))],
        )
    }
}

/// How many people wait to speak, for the list's summary ("Nobody is waiting to
/// speak." for none).
pub fn queue_length(count: usize) -> String {
    fill(Key::QueueLength, [("count", FluentValue::from(count))])
}

/// "and 12 more", after the first few of a long list.
pub fn queue_more(count: usize) -> String {
    fill(Key::QueueMore, [("count", FluentValue::from(count))])
}

/// "Estimated wait: about 4 min", or "less than a minute".
pub fn estimated_wait(wait_ms: u64) -> String {
    if wait_ms < 60_000 {
        return text(Key::EstimatedWaitShort).to_owned();
    }
    let minutes = (wait_ms + 30_000) / 60_000;
    fill(Key::EstimatedWait, [("minutes", number(minutes))])
}

/// "Speaking for 1:05", from whole seconds.
pub fn speaking_for(seconds: u64) -> String {
    fill(Key::SpeakingFor, [("time", ours(&clock_time(seconds)))])
}

/// "2:35 left", from whole seconds.
pub fn time_left(seconds: u64) -> String {
    fill(Key::TimeLeft, [("time", ours(&clock_time(seconds)))])
}

/// "+0:12 over", from whole seconds of overrun.
pub fn time_over(seconds: u64) -> String {
    fill(Key::TimeOver, [("time", ours(&clock_time(seconds)))])
}

/// "in French": the language a speaker uses.
pub fn speaks_in(code: &LanguageCode) -> String {
    fill(Key::SpeaksIn, [("language", ours(&language(code)))])
}

/// "Question 2: How …?", a guiding question by its 0-based index.
pub fn question_numbered(index: u32, question: &str) -> String {
    fill(
        Key::QuestionNumbered,
        [("number", number(index + 1)), ("text", user(question))],
    )
}

/// "12 of 280 characters", under the note field.
pub fn note_count(count: usize, max: usize) -> String {
    fill(
        Key::NoteCount,
        [
            ("count", FluentValue::from(count)),
            ("max", FluentValue::from(max)),
        ],
    )
}

/// "The note is longer than 280 characters."
pub fn note_too_long(max: usize) -> String {
    fill(Key::NoteTooLong, [("max", FluentValue::from(max))])
}

/// "Note: …", a request's note as the chair sees it.
pub fn note_for_chair(note: &str) -> String {
    fill(Key::NoteForChair, [("note", user(note))])
}

/// "Your session ends in 5 minutes. Open your invite link again …", before the token
/// expires.
pub fn session_ending(minutes: u64) -> String {
    fill(
        Key::SessionEnding,
        [("minutes", FluentValue::from(minutes))],
    )
}

/// "2 colleagues also asked": members of the delegation whose requests merged into one.
pub fn also_asked(count: usize) -> String {
    fill(Key::AlsoAsked, [("count", FluentValue::from(count))])
}

/// "Lower all 5 raised hands? …", the confirmation of clearing the list.
pub fn clear_queue_confirm(count: usize) -> String {
    fill(
        Key::ClearQueueConfirm,
        [("count", FluentValue::from(count))],
    )
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
            fill(key, [("time", ours(&clock_time(u64::from(seconds))))])
        }
    }
}

/// The browser tab's title: the meeting's title (isolated, as it comes from people)
/// and the application's name, "Annual Conference · Meeting control"; the application's
/// name alone before a meeting is shown.
pub fn tab_title(meeting_title: Option<&str>) -> String {
    match meeting_title {
        Some(title) => format!("\u{2068}{title}\u{2069} · {}", text(Key::AppName)),
        None => text(Key::AppName).to_owned(),
    }
}

/// "Withdraw the request: Point of order".
pub fn withdraw_label(kind: RequestKind) -> String {
    fill(Key::WithdrawLabel, [("kind", ours(request_kind(kind)))])
}

/// "Speak for my delegation instead of Ana".
pub fn claim_label(name: &str) -> String {
    fill(Key::ClaimRequestLabel, [("name", user(name))])
}

/// "Presented by Netherlands".
pub fn presenter(name: &str) -> String {
    fill(Key::Presenter, [("name", user(name))])
}

/// "5 min".
pub fn planned_minutes(minutes: u32) -> String {
    fill(Key::PlannedMinutes, [("minutes", number(minutes))])
}

/// "Go to item: Opening remarks …", the accessible name of an agenda item's button.
pub fn go_to_label(title: &str) -> String {
    fill(Key::GoToLabel, [("title", user(title))])
}

/// "Give the floor to Colombia", the accessible name of a queue entry's button.
pub fn give_floor_label(name: &str) -> String {
    fill(Key::GiveFloorLabel, [("name", user(name))])
}

/// "Up: move Colombia up the list" (the visible label first, WCAG 2.5.3).
pub fn move_up_label(name: &str) -> String {
    fill(Key::MoveUpLabel, [("name", user(name))])
}

/// "Down: move Colombia down the list".
pub fn move_down_label(name: &str) -> String {
    fill(Key::MoveDownLabel, [("name", user(name))])
}

/// "Remove Colombia from the list of speakers".
pub fn remove_label(name: &str) -> String {
    fill(Key::RemoveLabel, [("name", user(name))])
}

/// "Re-add last speaker: Colombia, at the top of the list".
pub fn readd_label(name: &str) -> String {
    fill(Key::ReaddLastSpeakerLabel, [("name", user(name))])
}

/// "Your booth: French".
pub fn your_booth(channel: &str) -> String {
    fill(Key::YourBooth, [("channel", ours(channel))])
}

/// "Amira Haddad is on air on this channel".
pub fn other_on_air(name: &str) -> String {
    fill(Key::OtherOnAir, [("name", user(name))])
}

/// "Colombia has the floor."
pub fn floor_given_to(name: &str) -> String {
    fill(Key::FloorGivenTo, [("name", user(name))])
}

/// "Delegate of Peru (Peru)", or the name alone when the delegation is the name or absent.
pub fn name_with_delegation(name: &str, delegation: Option<&str>) -> String {
    match delegation {
        Some(delegation) if delegation != name => fill(
            Key::NameWithDelegation,
            [("name", user(name)), ("delegation", user(delegation))],
        ),
        _ => name.to_owned(),
    }
}

/// Details of one thing in a row: "in French · Question 2: … · Registered".
pub fn details(parts: &[String]) -> String {
    parts.join(text(Key::DetailSeparator))
}

/// "3 requests wait on “Opening”. What becomes of them?", the chair's question when
/// moving on.
pub fn move_on_question(count: usize, item: &str) -> String {
    fill(
        Key::MoveOnQuestion,
        [("count", FluentValue::from(count)), ("item", user(item))],
    )
}

/// One of the chair's answers that names an item: "Carry over to “Discussion”", "Keep
/// on “Opening”"; or what a requester is told became of their request ("Your request
/// stays on the list of “Opening”").
pub fn about_item(key: Key, item: &str) -> String {
    fill(key, [("item", user(item))])
}

/// "Needs: Sign-language interpretation, Captions", on a participant's row.
pub fn needs_list(needs: &str) -> String {
    fill(Key::ParticipantNeedsList, [("needs", ours(needs))])
}

/// "Written question: How will the fund report to survivors?", on a participant's row.
pub fn written_question(question: &str) -> String {
    fill(
        Key::ParticipantWrittenQuestion,
        [("question", user(question))],
    )
}

/// "Item changed: Opening remarks by the European Union".
pub fn item_changed(title: &str) -> String {
    fill(Key::ItemChanged, [("title", user(title))])
}

/// "12:30 of 80:00": the time the current item has used against its plan.
pub fn item_used_of(used: &str, planned: &str) -> String {
    fill(
        Key::ItemUsedOf,
        [("used", ours(used)), ("planned", ours(planned))],
    )
}

/// "12:30 used": the time the current item has used, without a plan.
pub fn item_used(time: &str) -> String {
    fill(Key::ItemUsed, [("time", ours(time))])
}

/// "+2:10 over": how far the current item has run past its plan.
pub fn item_over(time: &str) -> String {
    fill(Key::ItemOver, [("time", ours(time))])
}

/// "(in French)": the note on a meeting text shown in another language than wanted.
pub fn in_language(language: &str) -> String {
    fill(Key::InLanguage, [("language", ours(language))])
}

/// "Scheduled start: 15:00".
pub fn scheduled_start(time: &str) -> String {
    fill(Key::ScheduledStart, [("time", ours(time))])
}

/// "Started at 15:04".
pub fn started_at(time: &str) -> String {
    fill(Key::StartedAt, [("time", ours(time))])
}

/// "This item ends at about 16:10".
pub fn item_ends_at(time: &str) -> String {
    fill(Key::ItemEndsAt, [("time", ours(time))])
}

/// "The meeting ends at about 18:00".
pub fn meeting_ends_at(time: &str) -> String {
    fill(Key::MeetingEndsAt, [("time", ours(time))])
}

/// "Close the list now to finish this item by 16:10 (3 of 5 waiting fit)".
pub fn close_list_hint(time: &str, fit: u32, waiting: u32) -> String {
    fill(
        Key::CloseListHint,
        [
            ("time", ours(time)),
            ("fit", number(fit)),
            ("waiting", number(waiting)),
        ],
    )
}

/// "Done: mark Opening as done", "Skip: Opening", "Up: move Opening up the agenda",
/// "Edit: Opening", "More actions: Opening": the accessible names of an agenda item's
/// buttons (and "Actions: Opening", of the group its disclosure unfolds), `key` being
/// one of those labels. Each begins with the button's visible text (WCAG 2.5.3, Label
/// in Name).
pub fn item_action_label(key: Key, title: &str) -> String {
    fill(key, [("title", user(title))])
}

/// "Speaker log saved as m1-speakers.csv.", once the download is handed to the browser.
pub fn speaker_log_downloaded(file: &str) -> String {
    fill(Key::SpeakerLogDownloaded, [("file", ours(file))])
}

/// "The speaker log could not be downloaded (error 500).", for an answer the client has
/// no better words for.
pub fn speaker_log_failed(status: u16) -> String {
    fill(Key::SpeakerLogFailed, [("status", number(status))])
}

/// "Checked: 12 rows can be imported; 2 problems need attention.": a dry run's answer.
pub fn import_checked(valid: u64, errors: u64) -> String {
    fill(
        Key::ImportChecked,
        [("valid", number(valid)), ("errors", number(errors))],
    )
}

/// "Imported 12 participants (3 asked for the floor); 2 rows left out.".
pub fn import_done(imported: u64, requests: u64, errors: u64) -> String {
    fill(
        Key::ImportDone,
        [
            ("imported", number(imported)),
            ("requests", number(requests)),
            ("errors", number(errors)),
        ],
    )
}

/// "Nothing was imported: 2 problems need attention.".
pub fn import_refused(errors: u64) -> String {
    fill(Key::ImportRefused, [("errors", number(errors))])
}

/// "Line 17, Languages: `de` is not a language of this meeting": one problem of a file,
/// `field` already named in the interface language, `message` the server's.
pub fn import_error(line: u64, field: &str, message: &str) -> String {
    fill(
        Key::ImportError,
        [
            ("line", number(line)),
            ("field", ours(field)),
            ("message", user(message)),
        ],
    )
}

/// "The request failed (error 500). Nothing was imported.".
pub fn import_failed(status: u16) -> String {
    fill(Key::ImportFailed, [("status", number(status))])
}

/// "Invite links saved as m1-links.csv.".
pub fn links_downloaded(file: &str) -> String {
    fill(Key::LinksDownloaded, [("file", ours(file))])
}

/// "The invite links could not be downloaded (error 500).".
pub fn links_failed(status: u16) -> String {
    fill(Key::LinksFailed, [("status", number(status))])
}

/// "Title in French": the title field of the item forms.
pub fn item_title_label(language: &LanguageCode) -> String {
    fill(
        Key::ItemTitleLabel,
        [("language", ours(&self::language(language)))],
    )
}

/// "Item added: Any other business".
pub fn item_added(title: &str) -> String {
    fill(Key::ItemAdded, [("title", user(title))])
}

/// "French channel live".
pub fn channel_live(channel: &str) -> String {
    fill(Key::ChannelLive, [("channel", ours(channel))])
}

/// "French channel on standby".
pub fn channel_standby(channel: &str) -> String {
    fill(Key::ChannelStandby, [("channel", ours(channel))])
}

/// "Raise hand: your hand is already raised": a refused command and why.
pub fn command_refused(action: Key, reason: &str) -> String {
    fill(
        Key::CommandRefused,
        [("action", ours(text(action))), ("reason", ours(reason))],
    )
}

/// How a channel is spoken of in sentences: its kind (`floor`, `interpretation`, `sign`,
/// `captions`, for the messages' selectors) and, for an interpretation channel, its
/// language's name.
fn channel_values(kind: &ChannelKind) -> [(&'static str, FluentValue<'static>); 2] {
    let (tag, name) = match kind {
        ChannelKind::Floor => ("floor", String::new()),
        ChannelKind::Interpretation { language: code } => ("interpretation", language(code)),
        ChannelKind::SignLanguage => ("sign", String::new()),
        ChannelKind::Captions => ("captions", String::new()),
    };
    [
        ("kind", FluentValue::from(tag)),
        ("language", FluentValue::from(name)),
    ]
}

/// A booth named in a sentence ("Arabic booth", "cabine arabe", "المقصورة العربية"): its
/// own message when the interface has one for its language, else "Booth: German".
pub fn booth(id: &ChannelId) -> String {
    let lang = ui();
    let mut errors = Vec::new();
    format_in(lang, &format!("booth-{}", id.as_str()), None, &mut errors)
        .filter(|_| errors.is_empty())
        .unwrap_or_else(|| {
            fill(
                Key::BoothOf,
                [("language", ours(&language(&LanguageCode::new(id.as_str()))))],
            )
        })
}

/// Several booths in a sentence: "French booth, Spanish booth".
pub fn booths(ids: &[ChannelId]) -> String {
    let names: Vec<String> = ids.iter().map(booth).collect();
    names.join(text(Key::BoothList))
}

/// What a channel delivers, as its row in the channel list says it: "Live", "Live, via
/// relay from the Arabic booth", "Standby: you hear the floor" …
pub fn channel_status(kind: &ChannelKind, status: &ChannelStatus) -> String {
    match status {
        ChannelStatus::Original => text(Key::StatusOriginal).to_owned(),
        ChannelStatus::Live { .. } => text(Key::StatusLive).to_owned(),
        ChannelStatus::Relay { from, .. } => {
            fill(Key::StatusRelay, [("booth", ours(&booth(from)))])
        }
        ChannelStatus::Swapping => text(Key::StatusSwapping).to_owned(),
        ChannelStatus::Paused => text(Key::StatusPaused).to_owned(),
        ChannelStatus::Standby => fill(Key::StatusStandby, channel_values(kind)),
        ChannelStatus::Unavailable => text(Key::StatusUnavailable).to_owned(),
    }
}

/// What a listener is told when a channel they follow changes: "French interpretation
/// paused.", "Captions are available.", "Sign language interpreter is swapping." …
pub fn channel_said(kind: &ChannelKind, status: &ChannelStatus) -> String {
    let language = || match kind {
        ChannelKind::Interpretation { language: code } => language(code),
        _ => String::new(),
    };
    match status {
        ChannelStatus::Original => fill(Key::SaidOriginal, [("language", ours(&language()))]),
        ChannelStatus::Live { .. } => fill(Key::SaidLive, channel_values(kind)),
        ChannelStatus::Relay { from, .. } => fill(
            Key::SaidRelay,
            [
                ("language", ours(&language())),
                ("booth", ours(&booth(from))),
            ],
        ),
        ChannelStatus::Swapping => text(Key::SaidSwapping).to_owned(),
        ChannelStatus::Paused => fill(Key::SaidPaused, channel_values(kind)),
        ChannelStatus::Standby => fill(Key::SaidStandby, channel_values(kind)),
        ChannelStatus::Unavailable => fill(Key::SaidUnavailable, channel_values(kind)),
    }
}

/// "French interpretation is back.": the listener's chosen channel delivers again after
/// a pause.
pub fn channel_back(language_code: &LanguageCode) -> String {
    fill(
        Key::SaidBack,
        [("language", ours(&language(language_code)))],
    )
}

/// "You hear the French channel." / "You hear the floor."
pub fn hearing(kind: &ChannelKind) -> String {
    fill(Key::Hearing, channel_values(kind))
}

/// "The Spanish channel gives nothing now: you hear the floor.": what a listener hears
/// when the channel they follow delivers nothing and no fallback does.
pub fn hearing_floor_instead(code: &LanguageCode) -> String {
    fill(
        Key::HearingFloorInstead,
        [("language", FluentValue::from(language(code)))],
    )
}

/// "You now hear the Arabic channel." / "You now hear the floor."
pub fn now_hearing(kind: &ChannelKind) -> String {
    fill(Key::NowHearing, channel_values(kind))
}

/// "Up: move Arabic up the fallbacks", "Remove Arabic from the fallbacks": the
/// accessible names of a fallback's buttons, `key` being one of those labels.
pub fn fallback_label(key: Key, channel: &str) -> String {
    fill(key, [("channel", ours(channel))])
}

/// "Open the French channel": the link to a channel's sound or picture.
pub fn media_link(channel: &str) -> String {
    fill(Key::MediaLink, [("channel", ours(channel))])
}

/// "Work into the retour (English)": the bi-active booth's switch.
pub fn working_into_retour(retour: &LanguageCode) -> String {
    fill(
        Key::WorkingIntoRetour,
        [("language", ours(&language(retour)))],
    )
}

/// "Waiting for your booth partner: 0:42 left", to the interpreter who asked.
pub fn handover_waiting(seconds: u64) -> String {
    fill(Key::HandoverWaiting, [("time", ours(&clock_time(seconds)))])
}

/// "Amira asks you to take over: 0:42 left", to the booth partner.
pub fn handover_asked(name: &str, seconds: u64) -> String {
    fill(
        Key::HandoverAsked,
        [("name", user(name)), ("time", ours(&clock_time(seconds)))],
    )
}

/// What a booth should do while the floor speaks `floor`: "The floor speaks Arabic: take
/// relay from the Arabic booth." `booth` is the booth's own language, for "Idle: the
/// Arabic booth's retour covers English."; `covering` the booth whose retour covers it.
pub fn booth_task(
    floor: &LanguageCode,
    task: &BoothTask,
    own: Option<&LanguageCode>,
    covering: Option<&ChannelId>,
) -> String {
    let floor_name = || ours_owned(language(floor));
    match task {
        BoothTask::Direct => fill(Key::TaskDirect, [("floor", floor_name())]),
        BoothTask::Relay { pivot } => fill(
            Key::TaskRelay,
            [("floor", floor_name()), ("pivot", ours_owned(booth(pivot)))],
        ),
        BoothTask::Retour { into } => {
            fill(Key::TaskRetour, [("language", ours_owned(language(into)))])
        }
        BoothTask::Idle => match (own, covering) {
            (Some(own), Some(covering)) if own != floor => fill(
                Key::TaskIdleCovered,
                [
                    ("pivot", ours_owned(booth(covering))),
                    ("language", ours_owned(language(own))),
                ],
            ),
            _ => fill(Key::TaskIdleFloor, [("floor", floor_name())]),
        },
        BoothTask::NoSource => fill(Key::TaskNoSource, [("floor", floor_name())]),
    }
}

/// "These booths take relay from you: French booth, Spanish booth."
pub fn relying(booths_relying: &[ChannelId]) -> String {
    fill(
        Key::Relying,
        [
            ("count", FluentValue::from(booths_relying.len())),
            ("booths", ours_owned(booths(booths_relying))),
        ],
    )
}

/// "31 people listen to your channel."
pub fn audience(count: u32) -> String {
    fill(Key::Audience, [("count", number(count))])
}

/// "Next speaker: Peru will speak Spanish."
pub fn coming_next(name: &str, language_code: &LanguageCode) -> String {
    fill(
        Key::ComingNext,
        [
            ("name", user(name)),
            ("language", ours_owned(language(language_code))),
        ],
    )
}

/// "No interpretation into Spanish for 0:12 while the floor speaks."
pub fn dead_air(language_code: &LanguageCode, seconds: u64) -> String {
    fill(
        Key::DeadAir,
        [
            ("language", ours_owned(language(language_code))),
            ("time", ours_owned(clock_time(seconds))),
        ],
    )
}

/// "5 people are connected." ("Nobody is connected." for none): the roster's total.
pub fn roster_total(count: usize) -> String {
    fill(Key::RosterTotal, [("count", FluentValue::from(count))])
}

/// "3 people": a count in the roster's tables by role, delegation and language.
pub fn roster_people(count: usize) -> String {
    fill(Key::RosterPeople, [("count", FluentValue::from(count))])
}

/// "Showing 2 people of 5.": what the roster's filter lets through.
pub fn roster_shown(count: usize, total: usize) -> String {
    fill(
        Key::RosterShown,
        [
            ("count", FluentValue::from(count)),
            ("total", FluentValue::from(total)),
        ],
    )
}

/// "2 devices": someone connected from several tabs or devices.
pub fn roster_devices(count: u32) -> String {
    fill(Key::RosterDevices, [("count", number(count))])
}

/// "Languages: French, English": the languages someone listed, named in the interface
/// language, most preferred first.
pub fn roster_languages(codes: &[LanguageCode]) -> String {
    let names: Vec<String> = codes.iter().map(language).collect();
    fill(
        Key::RosterLanguages,
        [("languages", ours_owned(names.join(text(Key::BoothList))))],
    )
}

/// "Matching: 3 of 2000.": what the participants card's search lets through.
pub fn participants_shown(count: usize, total: usize) -> String {
    fill(
        Key::ParticipantsShown,
        [
            ("count", FluentValue::from(count)),
            ("total", FluentValue::from(total)),
        ],
    )
}

/// "Copy link: Ana Pérez", "Revoke link: Ana Pérez" …: the accessible names of a
/// participant's buttons, `key` being one of those labels; each begins with the button's
/// visible text. Also "Invite link of Ana Pérez", "Revoke the link of Ana Pérez? …" and
/// the other messages about one participant.
pub fn about_participant(key: Key, name: &str) -> String {
    fill(key, [("name", user(name))])
}

/// "The participants could not be loaded or changed (error 500).".
pub fn participants_failed(status: u16) -> String {
    fill(Key::ParticipantsFailed, [("status", number(status))])
}

/// One of the interface's own words, owned.
fn ours_owned(text: String) -> FluentValue<'static> {
    FluentValue::from(text)
}

#[cfg(test)]
mod tests;
