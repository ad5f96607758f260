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
use crate::messages::Listening;
use crate::state::{ApplyError, Channel, ChannelKind, Event, MeetingState, OnAir};
use serde::{Deserialize, Serialize};

/// How long a handover request waits for a partner before it lapses, by default.
pub const HANDOVER_SECONDS: u32 = 60;

/// The dead-air watchdog's default delay, in seconds.
pub const DEAD_AIR_SECONDS: u32 = 10;

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

impl MeetingState {
    /// What a listener following `listening` hears now ([`Notice::Hearing`]), given what
    /// each channel delivers (`status`): their channel if it delivers, else the first of
    /// their fallbacks that does, else the floor through their channel; nothing when the
    /// meeting has no such channel to listen to and no fallback delivers.
    pub fn hearing(
        &self,
        listening: &Listening,
        status: impl Fn(&Channel) -> ChannelStatus,
    ) -> Notice {
        let chosen = listening
            .channel
            .clone()
            .unwrap_or_else(|| ChannelId::new("floor"));
        let audible = |id: &ChannelId| {
            self.channel(id).filter(|channel| {
                matches!(
                    channel.kind,
                    ChannelKind::Floor | ChannelKind::Interpretation { .. }
                )
            })
        };
        let own = self.channel(&chosen).map(&status);
        let delivers =
            |id: &ChannelId| audible(id).is_some_and(|channel| status(channel).delivers());
        let (hears, because) = if delivers(&chosen) {
            (Some(chosen.clone()), HearingReason::Chosen)
        } else if let Some(fallback) = listening.fallbacks.iter().find(|id| delivers(id)) {
            (Some(fallback.clone()), HearingReason::Fallback)
        } else if audible(&chosen).is_some() {
            (Some(ChannelId::new("floor")), HearingReason::Floor)
        } else {
            (None, HearingReason::Nothing)
        };
        Notice::Hearing {
            channel: chosen,
            status: own,
            hears,
            because,
        }
    }

    /// The interpretation booth on air into `language`, if any.
    pub fn feeding(&self, language: &LanguageCode) -> Option<&Channel> {
        self.channels
            .iter()
            .find(|channel| channel.on_air.is_some() && channel.output() == Some(language))
    }

    /// What the listeners of `channel` get, given whether its booth is staffed.
    pub fn channel_status(&self, channel: &Channel, staffed: bool) -> ChannelStatus {
        match &channel.kind {
            ChannelKind::Floor => ChannelStatus::Original,
            ChannelKind::Interpretation { language } => {
                if self.floor_language.as_ref() == Some(language) {
                    return ChannelStatus::Original;
                }
                match self.feeding(language) {
                    Some(booth) if booth.paused => ChannelStatus::Paused,
                    Some(booth) => match &booth.relay_from {
                        Some(from) => ChannelStatus::Relay {
                            booth: booth.id.clone(),
                            from: from.clone(),
                        },
                        None => ChannelStatus::Live {
                            booth: booth.id.clone(),
                        },
                    },
                    None if staffed => ChannelStatus::Standby,
                    None => ChannelStatus::Unavailable,
                }
            }
            ChannelKind::SignLanguage | ChannelKind::Captions => match &channel.on_air {
                Some(_) if channel.paused => ChannelStatus::Paused,
                Some(_)
                    if channel.handover.is_some() && channel.kind == ChannelKind::SignLanguage =>
                {
                    ChannelStatus::Swapping
                }
                Some(_) => ChannelStatus::Live {
                    booth: channel.id.clone(),
                },
                None if staffed => ChannelStatus::Standby,
                None => ChannelStatus::Unavailable,
            },
        }
    }

    /// What each interpretation booth should do while the floor speaks the current floor
    /// language (none before one is known), in channel order.
    ///
    /// A booth that takes the floor language works directly. One whose language is the
    /// floor's works into its retour if it has one, else is idle. Another booth's retour
    /// into its language makes it idle too. Otherwise it takes relay from a pivot: a
    /// bi-active booth of the floor language whose retour it takes, else a booth that
    /// takes the floor language and works into a language it takes.
    pub fn relay_plan(&self) -> Vec<(ChannelId, BoothTask)> {
        let Some(floor) = &self.floor_language else {
            return Vec::new();
        };
        let booths: Vec<&Channel> = self
            .channels
            .iter()
            .filter(|channel| channel.language().is_some())
            .collect();
        let retour_booth = booths
            .iter()
            .find(|booth| booth.language() == Some(floor) && booth.retour.is_some());
        booths
            .iter()
            .map(|booth| {
                let language = booth.language().expect("interpretation booths only");
                let task = if language == floor {
                    booth
                        .retour
                        .clone()
                        .map_or(BoothTask::Idle, |into| BoothTask::Retour { into })
                } else if retour_booth.is_some_and(|pivot| pivot.retour.as_ref() == Some(language))
                {
                    BoothTask::Idle
                } else if booth.takes(floor) {
                    BoothTask::Direct
                } else {
                    let retour_pivot = retour_booth.filter(|pivot| {
                        pivot.retour.as_ref().is_some_and(|into| booth.takes(into))
                    });
                    let direct_pivot = || {
                        booths.iter().find(|pivot| {
                            pivot.id != booth.id
                                && pivot.language() != Some(floor)
                                && pivot.takes(floor)
                                && pivot.language().is_some_and(|into| booth.takes(into))
                        })
                    };
                    match retour_pivot.or_else(direct_pivot) {
                        Some(pivot) => BoothTask::Relay {
                            pivot: pivot.id.clone(),
                        },
                        None => BoothTask::NoSource,
                    }
                };
                (booth.id.clone(), task)
            })
            .collect()
    }

    /// Since when `channel` has been dead air: someone has the floor (not paused), the
    /// channel's language is not the floor's, and no booth is on air into it. `None`
    /// when it is not.
    pub fn dead_air_since(&self, channel: &Channel) -> Option<u64> {
        let speaker = self
            .floor
            .as_ref()
            .filter(|speaker| speaker.paused_at.is_none())?;
        let language = channel.language()?;
        if self.floor_language.as_ref() == Some(language) {
            return None;
        }
        if self.feeding(language).is_some_and(|booth| !booth.paused) {
            return None;
        }
        Some(speaker.since.max(channel.off_air_since.unwrap_or(0)))
    }

    /// The dead-air watchdog's delay for this meeting, in milliseconds.
    pub fn dead_air_ms(&self) -> u64 {
        u64::from(self.info.dead_air_seconds.unwrap_or(DEAD_AIR_SECONDS)) * 1000
    }

    /// Folds the events of interpretation.
    pub(crate) fn apply_interpretation(
        &mut self,
        event: &Event,
        at: u64,
    ) -> Result<(), ApplyError> {
        const UNKNOWN: ApplyError = ApplyError::Inconsistent("unknown channel");
        const NOBODY: ApplyError = ApplyError::Inconsistent("nobody is on air");
        match event {
            Event::FloorLanguageSet { language } => {
                self.floor_language = Some(language.clone());
            }
            Event::WorkingIntoSet { channel, language } => {
                let booth = self.channel_mut(channel).ok_or(UNKNOWN)?;
                if language.is_some() && *language != booth.retour {
                    return Err(ApplyError::Inconsistent("not the booth's retour"));
                }
                booth.working_into = language.clone();
            }
            Event::RelaySet { channel, from } => {
                if from.as_ref() == Some(channel)
                    || from
                        .as_ref()
                        .is_some_and(|from| self.channel(from).is_none())
                {
                    return Err(ApplyError::Inconsistent("no such pivot"));
                }
                self.channel_mut(channel).ok_or(UNKNOWN)?.relay_from = from.clone();
            }
            Event::ChannelPaused { channel, paused } => {
                let channel = self.channel_mut(channel).ok_or(UNKNOWN)?;
                if channel.on_air.is_none() {
                    return Err(NOBODY);
                }
                channel.paused = *paused;
            }
            Event::HandoverRequested {
                channel,
                participant,
                seconds,
            } => {
                let channel = self.channel_mut(channel).ok_or(UNKNOWN)?;
                if channel.on_air.as_ref().map(|on_air| &on_air.participant) != Some(participant) {
                    return Err(ApplyError::Inconsistent(
                        "only the interpreter on air hands over",
                    ));
                }
                channel.handover = Some(Handover {
                    from: participant.clone(),
                    since: at,
                    expires_at: at + u64::from(*seconds) * 1000,
                });
            }
            Event::HandoverCancelled { channel, .. } => {
                let channel = self.channel_mut(channel).ok_or(UNKNOWN)?;
                channel
                    .handover
                    .take()
                    .ok_or(ApplyError::Inconsistent("no handover was asked for"))?;
            }
            Event::HandedOver {
                channel,
                participant,
                name,
            } => {
                let channel = self.channel_mut(channel).ok_or(UNKNOWN)?;
                let on_air = channel.on_air.as_ref().ok_or(NOBODY)?;
                if &on_air.participant == participant {
                    return Err(ApplyError::Inconsistent("already on air"));
                }
                channel.on_air = Some(OnAir {
                    participant: participant.clone(),
                    name: name.clone(),
                    since: at,
                });
                channel.handover = None;
                channel.paused = false;
            }
            Event::ChannelOnAir {
                channel,
                participant,
                name,
            } => {
                let channel = self.channel_mut(channel).ok_or(UNKNOWN)?;
                channel.on_air = Some(OnAir {
                    participant: participant.clone(),
                    name: name.clone(),
                    since: at,
                });
                channel.paused = false;
                channel.handover = None;
            }
            Event::ChannelOffAir { channel } => {
                let channel = self.channel_mut(channel).ok_or(UNKNOWN)?;
                channel.on_air = None;
                channel.paused = false;
                channel.handover = None;
                channel.off_air_since = Some(at);
            }
            _ => return Err(ApplyError::Inconsistent("not an interpretation event")),
        }
        Ok(())
    }
}
