//! The fold of interpretation (the floor language, on air, pause, retour, relay,
//! handovers) and what follows from it for listeners and booths: what each channel
//! delivers, what a listener hears, whom each booth takes relay from, dead air.

use super::MeetingState;
use crate::event::{ApplyError, Event};
use crate::ids::{ChannelId, LanguageCode};
use crate::interpretation::{
    BoothTask, Channel, ChannelKind, ChannelStatus, DEAD_AIR_SECONDS, Handover, HearingReason,
    Listening, Notice, OnAir,
};

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
    /// into its language, while that booth is on air, makes it idle too. Otherwise it
    /// takes relay from a pivot on air: a bi-active booth of the floor language whose
    /// retour it takes, else a booth that takes the floor language and works into a
    /// language it takes. A booth with nobody on air gives no relay, so it is never
    /// advised as a source; with no pivot on air the task says that no booth can give
    /// the floor ([`BoothTask::NoSource`]), and the plan changes (and each booth is told)
    /// as interpreters go on and off air.
    pub fn relay_plan(&self) -> Vec<(ChannelId, BoothTask)> {
        let Some(floor) = &self.floor_language else {
            return Vec::new();
        };
        let booths: Vec<&Channel> = self
            .channels
            .iter()
            .filter(|channel| channel.language().is_some())
            .collect();
        let on_air = |booth: &Channel| booth.on_air.is_some();
        let retour_booth = booths.iter().find(|booth| {
            booth.language() == Some(floor) && booth.retour.is_some() && on_air(booth)
        });
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
                                && on_air(pivot)
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
