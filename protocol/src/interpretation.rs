//! Interpretation, sign language and captions: booths, what each channel delivers, and
//! which booth should take relay from which when the floor language changes.
//!
//! A *booth* is the channel of its language (`ar`, `en` …), `sign` or `captions`; its
//! interpreters put it on air one at a time. A bi-active booth may work into its retour
//! instead (the Arabic booth into English while the floor speaks Arabic): it then feeds
//! that language's channel. What a listener of a channel gets ([`ChannelStatus`]) follows
//! from the state and from whether the booth has anyone connected, which is not an event
//! but the server's [`Presence`].

use crate::ids::{ChannelId, LanguageCode, ParticipantId};
use serde::{Deserialize, Serialize};

/// How long a handover request waits for a partner before it lapses, by default.
pub const HANDOVER_SECONDS: u32 = 60;

/// The dead-air watchdog's default delay, in seconds.
pub const DEAD_AIR_SECONDS: u32 = 10;

/// What a channel carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChannelKind {
    /// The original sound of the room.
    Floor,
    /// Interpretation into one language.
    Interpretation {
        /// The language the booth speaks into this channel.
        language: LanguageCode,
    },
    /// Sign-language interpretation (for example International Sign).
    SignLanguage,
    /// Live captions.
    Captions,
}

/// A channel that listeners can follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Channel {
    /// The channel's id (`floor`, `ar`, `en`, `fr`, `es`, `sign`, `captions`).
    pub id: ChannelId,
    /// What the channel carries.
    #[serde(flatten)]
    pub kind: ChannelKind,
    /// The interpreter on air on this channel, if any. `None` means standby.
    #[serde(default)]
    pub on_air: Option<OnAir>,
    /// For a booth: the languages it interprets from (empty: every meeting language).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub works_from: Vec<LanguageCode>,
    /// For a bi-active booth: the other language it can work into (its retour).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retour: Option<LanguageCode>,
    /// While a bi-active booth works into its retour: that language (it then feeds that
    /// language's channel). `None`: into its own language.
    #[serde(default)]
    pub working_into: Option<LanguageCode>,
    /// The booth whose output this booth takes as its input (relay), if any.
    #[serde(default)]
    pub relay_from: Option<ChannelId>,
    /// Whether the interpreter on air has paused (muted; a signer off screen).
    #[serde(default)]
    pub paused: bool,
    /// A handover the interpreter on air asked for, until a partner takes it or it lapses.
    #[serde(default)]
    pub handover: Option<Handover>,
    /// Server time the channel last went off air, for the dead-air watchdog.
    #[serde(default)]
    pub off_air_since: Option<u64>,
    /// Where listeners get the channel's sound or picture, as the organisers set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}

/// Who is on air on a channel, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OnAir {
    /// The interpreter.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
    /// Server time (milliseconds since the Unix epoch) they went on air.
    pub since: u64,
}

/// What a participant follows: a channel, the channels to fall back to in order, and
/// whether they asked for sign language and captions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Listening {
    /// The channel they listen to now (`None`: the floor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelId>,
    /// The channels to fall back to, in order, when it stops delivering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fallbacks: Vec<ChannelId>,
    /// Whether they follow sign language.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sign: bool,
    /// Whether they follow captions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub captions: bool,
}

impl Listening {
    /// Whether notices about `channel` concern them.
    pub fn follows(&self, channel: &ChannelId) -> bool {
        self.channel.as_ref() == Some(channel)
            || self.fallbacks.contains(channel)
            || (self.sign && channel.as_str() == "sign")
            || (self.captions && channel.as_str() == "captions")
    }
}

/// How a booth works, from the meeting file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BoothConfig {
    /// The booth's channel.
    pub channel: ChannelId,
    /// The languages it interprets from (empty: every meeting language).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub works_from: Vec<LanguageCode>,
    /// The other language it can work into, if it is bi-active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retour: Option<LanguageCode>,
    /// Where listeners get the channel's sound or picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}

/// A handover the interpreter on air asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Handover {
    /// Who asked (the interpreter on air).
    pub from: ParticipantId,
    /// Server time it was asked.
    pub since: u64,
    /// Server time it lapses.
    pub expires_at: u64,
}

/// What the listeners of a channel get.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ChannelStatus {
    /// The floor itself: the speaker speaks this language (or it is the floor channel).
    Original,
    /// Interpreted live by `booth`.
    Live {
        /// The booth on air (its own, or a bi-active booth working into its retour).
        booth: ChannelId,
    },
    /// Interpreted by `booth`, which takes `from`'s interpretation as its input.
    Relay {
        /// The booth on air.
        booth: ChannelId,
        /// The pivot booth.
        from: ChannelId,
    },
    /// A signer changing over (sign language only).
    Swapping,
    /// The interpreter on air paused: listeners hear the floor meanwhile.
    Paused,
    /// No interpreter on air, one connected: listeners hear the floor.
    Standby,
    /// No interpreter connected.
    Unavailable,
}

impl ChannelStatus {
    /// Whether listeners get the channel's language (or sign, or captions) now.
    pub fn delivers(&self) -> bool {
        matches!(
            self,
            Self::Original | Self::Live { .. } | Self::Relay { .. }
        )
    }
}

/// What a booth should do while the floor speaks a language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum BoothTask {
    /// Interpret from the floor.
    Direct,
    /// The floor cannot be taken directly: take relay from `pivot`.
    Relay {
        /// The booth to take relay from.
        pivot: ChannelId,
    },
    /// The floor speaks the booth's language; a bi-active booth works into `into`.
    Retour {
        /// The booth's retour.
        into: LanguageCode,
    },
    /// Nothing to interpret: the floor speaks the booth's language, or another booth's
    /// retour covers its channel.
    Idle,
    /// No booth can give this booth the floor in a language it takes.
    NoSource,
}

/// Why a listener hears what they hear (in [`Notice::Hearing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingReason {
    /// Their channel delivers (the floor, when they named none).
    Chosen,
    /// Their channel does not deliver; the first of their fallbacks that does.
    Fallback,
    /// Neither their channel nor a fallback delivers: their channel carries the floor
    /// meanwhile.
    Floor,
    /// The meeting has no such channel to listen to (or it is sign language or
    /// captions, which are asked for besides), and no fallback delivers.
    Nothing,
}

/// A booth's interpreters and a channel's listeners connected now: not events, but the
/// server's count, sent whenever it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelPresence {
    /// The channel.
    pub channel: ChannelId,
    /// Its booth's interpreters (signers, captioners) connected.
    pub interpreters: u32,
    /// Participants listening to it (or watching, or reading) now.
    pub listeners: u32,
}

/// The presence of every channel's people.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Presence {
    /// One entry per channel with anyone connected or listening.
    pub channels: Vec<ChannelPresence>,
}

impl Presence {
    /// Whether `channel`'s booth has anyone connected.
    pub fn staffed(&self, channel: &ChannelId) -> bool {
        self.channels
            .iter()
            .any(|entry| &entry.channel == channel && entry.interpreters > 0)
    }

    /// How many listen to `channel`.
    pub fn listeners(&self, channel: &ChannelId) -> u32 {
        self.channels
            .iter()
            .find(|entry| &entry.channel == channel)
            .map_or(0, |entry| entry.listeners)
    }
}

/// A notice the server sends only to those it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// To those who follow `channel` (chosen, among their fallbacks, or asked for sign
    /// language or captions): what it now delivers.
    Channel {
        /// The channel.
        channel: ChannelId,
        /// Its status now.
        status: ChannelStatus,
    },
    /// To a booth's interpreters: what to do now that the floor speaks `floor_language`.
    Task {
        /// The booth.
        booth: ChannelId,
        /// The floor language.
        floor_language: LanguageCode,
        /// What to do.
        task: BoothTask,
    },
    /// To a pivot booth's interpreters: the booths that take relay from it.
    Pivot {
        /// The pivot booth.
        booth: ChannelId,
        /// The booths relying on it (empty: none any more).
        relying: Vec<ChannelId>,
    },
    /// To a booth's interpreters and the chair: someone has the floor and the channel has
    /// had no interpreter on air since `since`.
    DeadAir {
        /// The channel.
        channel: ChannelId,
        /// Server time the silence began.
        since: u64,
    },
    /// To a listener, right after each `listen` (after its `ack`): what they hear now
    /// and why. Later changes come as `channel` notices.
    Hearing {
        /// The channel they listen to (`floor` when `listen` named none).
        channel: ChannelId,
        /// What it delivers now; `None` for a channel the meeting does not have.
        status: Option<ChannelStatus>,
        /// The channel they hear: `channel`, a fallback, or `floor`; `None` for nothing.
        hears: Option<ChannelId>,
        /// Why.
        because: HearingReason,
    },
}

impl Channel {
    /// A channel with nobody on air and no configuration.
    pub fn new(id: &str, kind: ChannelKind) -> Self {
        Self {
            id: ChannelId::new(id),
            kind,
            on_air: None,
            works_from: Vec::new(),
            retour: None,
            working_into: None,
            relay_from: None,
            paused: false,
            handover: None,
            off_air_since: None,
            media_url: None,
        }
    }

    /// The interpretation channel into `language`.
    pub fn interpretation(language: &LanguageCode) -> Self {
        Self::new(
            language.as_str(),
            ChannelKind::Interpretation {
                language: language.clone(),
            },
        )
    }

    /// Takes this channel's entry of `booths` (or the defaults when it has none).
    pub fn configure(&mut self, booths: &[BoothConfig]) {
        let config = booths.iter().find(|booth| booth.channel == self.id);
        self.works_from = config.map(|c| c.works_from.clone()).unwrap_or_default();
        self.retour = config.and_then(|c| c.retour.clone());
        self.media_url = config.and_then(|c| c.media_url.clone());
        if self.working_into.is_some() && self.working_into != self.retour {
            self.working_into = None;
        }
    }

    /// The booth's own language, for an interpretation channel.
    pub fn language(&self) -> Option<&LanguageCode> {
        match &self.kind {
            ChannelKind::Interpretation { language } => Some(language),
            _ => None,
        }
    }

    /// The language this booth works into now.
    pub fn output(&self) -> Option<&LanguageCode> {
        self.working_into.as_ref().or(self.language())
    }

    /// Whether the booth interprets from `language`.
    pub fn takes(&self, language: &LanguageCode) -> bool {
        self.works_from.is_empty() || self.works_from.contains(language)
    }
}
