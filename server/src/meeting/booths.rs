//! What the meeting actor keeps about interpretation beyond the meeting state: who is
//! connected to each booth and listening to each channel (the [`Presence`]), what each
//! channel delivered when its listeners were last told, each booth's task in the relay
//! plan, and which silences the dead-air watchdog has reported. From these it works out
//! the notices due and to whom ([`Route`]); the actor delivers them.

use protocol::{
    BoothTask, ChannelId, ChannelKind, ChannelPresence, ChannelStatus, Listening, MeetingState,
    Notice, ParticipantId, Presence,
};
use std::collections::{BTreeMap, HashMap};

/// Who a notice is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Route {
    /// Those who follow the channel (chosen, a fallback, or sign and captions asked for).
    Followers(ChannelId),
    /// The booth's interpreters.
    Booth(ChannelId),
    /// The booth's interpreters, the chair and the organisers.
    BoothAndManagers(ChannelId),
}

/// Who is connected, per channel: listeners (connections) and the booth's people
/// (participants, however many connections each has).
#[derive(Default)]
struct Tally {
    listeners: HashMap<ChannelId, u32>,
    workers: HashMap<ChannelId, HashMap<ParticipantId, u32>>,
}

impl Tally {
    fn listened(listening: &Listening) -> impl Iterator<Item = ChannelId> + '_ {
        listening
            .channel
            .iter()
            .cloned()
            .chain(listening.sign.then(|| ChannelId::new("sign")))
            .chain(listening.captions.then(|| ChannelId::new("captions")))
    }

    fn add(
        &mut self,
        booth: Option<&ChannelId>,
        participant: &ParticipantId,
        listening: &Listening,
    ) {
        for channel in Self::listened(listening) {
            *self.listeners.entry(channel).or_insert(0) += 1;
        }
        if let Some(booth) = booth {
            *self
                .workers
                .entry(booth.clone())
                .or_default()
                .entry(participant.clone())
                .or_insert(0) += 1;
        }
    }

    fn remove(
        &mut self,
        booth: Option<&ChannelId>,
        participant: &ParticipantId,
        listening: &Listening,
    ) {
        for channel in Self::listened(listening) {
            if let Some(count) = self.listeners.get_mut(&channel) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    self.listeners.remove(&channel);
                }
            }
        }
        if let Some(booth) = booth
            && let Some(people) = self.workers.get_mut(booth)
        {
            if let Some(count) = people.get_mut(participant) {
                *count -= 1;
                if *count == 0 {
                    people.remove(participant);
                }
            }
            if people.is_empty() {
                self.workers.remove(booth);
            }
        }
    }

    fn staffed(&self, channel: &ChannelId) -> bool {
        self.workers.contains_key(channel)
    }

    fn connected(&self, booth: &ChannelId, participant: &ParticipantId) -> bool {
        self.workers
            .get(booth)
            .is_some_and(|people| people.contains_key(participant))
    }

    fn presence(&self, state: &MeetingState, with_listeners: bool) -> Presence {
        Presence {
            channels: state
                .channels
                .iter()
                .filter_map(|channel| {
                    let interpreters = self
                        .workers
                        .get(&channel.id)
                        .map_or(0, |people| u32::try_from(people.len()).unwrap_or(u32::MAX));
                    let listeners = if with_listeners {
                        self.listeners.get(&channel.id).copied().unwrap_or(0)
                    } else {
                        0
                    };
                    (interpreters > 0 || listeners > 0).then(|| ChannelPresence {
                        channel: channel.id.clone(),
                        interpreters,
                        listeners,
                    })
                })
                .collect(),
        }
    }
}

/// The actor's interpretation bookkeeping.
#[derive(Default)]
pub(super) struct Booths {
    tally: Tally,
    /// What each channel delivered when its followers were last told.
    statuses: HashMap<ChannelId, ChannelStatus>,
    /// Each booth's task when it was last told.
    tasks: HashMap<ChannelId, BoothTask>,
    /// The booths relying on each pivot when it was last told.
    relying: BTreeMap<ChannelId, Vec<ChannelId>>,
    /// The silences reported: channel and since when.
    alerted: HashMap<ChannelId, u64>,
    /// The presence last sent to everyone, and with listener counts to the booths and
    /// managers.
    public: Presence,
    full: Presence,
    /// Whether the tally changed since the last presence went out.
    pub(super) dirty: bool,
    /// Booth people whose last connection here closed, not yet looked at.
    departed: Vec<(ChannelId, ParticipantId)>,
}

impl Booths {
    /// Starts from a restored state, so that its statuses and plan are not news.
    pub(super) fn new(state: &MeetingState) -> Self {
        let mut booths = Self::default();
        let _ = booths.changes(state);
        booths
    }

    /// Counts a connection in.
    pub(super) fn add(
        &mut self,
        booth: Option<&ChannelId>,
        participant: &ParticipantId,
        listening: &Listening,
    ) {
        self.tally.add(booth, participant, listening);
        self.dirty = true;
    }

    /// Counts a connection out.
    pub(super) fn remove(
        &mut self,
        booth: Option<&ChannelId>,
        participant: &ParticipantId,
        listening: &Listening,
    ) {
        self.tally.remove(booth, participant, listening);
        if let Some(booth) = booth
            && !self.tally.connected(booth, participant)
        {
            self.departed.push((booth.clone(), participant.clone()));
        }
        self.dirty = true;
    }

    /// The booth people whose last connection to this node closed since the last call.
    pub(super) fn take_departed(&mut self) -> Vec<(ChannelId, ParticipantId)> {
        std::mem::take(&mut self.departed)
    }

    /// The presence as it stands: for everyone (without listener counts) and for the
    /// booths and managers.
    pub(super) fn presence(&self, state: &MeetingState) -> (Presence, Presence) {
        (
            self.tally.presence(state, false),
            self.tally.presence(state, true),
        )
    }

    /// The presence messages due since the last ones: for everyone when who is staffed
    /// changed, for the booths and managers when any count changed.
    pub(super) fn presence_due(
        &mut self,
        state: &MeetingState,
    ) -> (Option<Presence>, Option<Presence>) {
        self.dirty = false;
        let (public, full) = self.presence(state);
        let public = (public != self.public).then(|| {
            self.public = public.clone();
            public
        });
        let full = (full != self.full).then(|| {
            self.full = full.clone();
            full
        });
        (public, full)
    }

    /// The notices due since the last call: channels whose status changed (to their
    /// followers), booths whose task changed, pivots whose dependants changed.
    pub(super) fn changes(&mut self, state: &MeetingState) -> Vec<(Route, Notice)> {
        let mut notices = Vec::new();
        for channel in &state.channels {
            if channel.kind == ChannelKind::Floor {
                continue;
            }
            let status = state.channel_status(channel, self.tally.staffed(&channel.id));
            if self.statuses.get(&channel.id) != Some(&status) {
                self.statuses.insert(channel.id.clone(), status.clone());
                notices.push((
                    Route::Followers(channel.id.clone()),
                    Notice::Channel {
                        channel: channel.id.clone(),
                        status,
                    },
                ));
            }
        }
        self.statuses
            .retain(|id, _| state.channels.iter().any(|channel| &channel.id == id));
        if let Some(floor_language) = &state.floor_language {
            let plan = state.relay_plan();
            let mut relying: BTreeMap<ChannelId, Vec<ChannelId>> = BTreeMap::new();
            for (booth, task) in &plan {
                if let BoothTask::Relay { pivot } = task {
                    relying
                        .entry(pivot.clone())
                        .or_default()
                        .push(booth.clone());
                }
                if self.tasks.get(booth) != Some(task) {
                    self.tasks.insert(booth.clone(), task.clone());
                    notices.push((
                        Route::Booth(booth.clone()),
                        Notice::Task {
                            booth: booth.clone(),
                            floor_language: floor_language.clone(),
                            task: task.clone(),
                        },
                    ));
                }
            }
            let pivots: Vec<ChannelId> =
                relying.keys().chain(self.relying.keys()).cloned().collect();
            for pivot in pivots {
                let now = relying.get(&pivot).cloned().unwrap_or_default();
                let before = self.relying.get(&pivot).cloned().unwrap_or_default();
                if now != before {
                    notices.push((
                        Route::Booth(pivot.clone()),
                        Notice::Pivot {
                            booth: pivot.clone(),
                            relying: now,
                        },
                    ));
                }
            }
            self.relying = relying;
        }
        // A silence that ended may be reported again when it comes back.
        self.alerted.retain(|id, since| {
            state
                .channel(id)
                .and_then(|channel| state.dead_air_since(channel))
                == Some(*since)
        });
        notices
    }

    /// What a listener following `listening` hears now, by what each channel's
    /// followers were last told (and the floor, which is always the original).
    pub(super) fn hearing(&self, state: &MeetingState, listening: &Listening) -> Notice {
        state.hearing(listening, |channel| {
            self.statuses
                .get(&channel.id)
                .cloned()
                .unwrap_or_else(|| state.channel_status(channel, self.tally.staffed(&channel.id)))
        })
    }

    /// What a booth's people should know on joining: its task and who relies on it.
    pub(super) fn briefing(&self, state: &MeetingState, booth: &ChannelId) -> Vec<Notice> {
        let mut briefing = Vec::new();
        if let (Some(floor_language), Some(task)) = (&state.floor_language, self.tasks.get(booth)) {
            briefing.push(Notice::Task {
                booth: booth.clone(),
                floor_language: floor_language.clone(),
                task: task.clone(),
            });
        }
        if let Some(relying) = self.relying.get(booth) {
            briefing.push(Notice::Pivot {
                booth: booth.clone(),
                relying: relying.clone(),
            });
        }
        briefing
    }

    /// When the next silence not yet reported reaches the watchdog's delay (server time).
    pub(super) fn dead_air_due(&self, state: &MeetingState) -> Option<u64> {
        state
            .channels
            .iter()
            .filter_map(|channel| {
                let since = state.dead_air_since(channel)?;
                (self.alerted.get(&channel.id) != Some(&since)).then_some(since)
            })
            .min()
            .map(|since| since + state.dead_air_ms())
    }

    /// The dead-air alerts due at server time `now`, each reported once per silence.
    pub(super) fn dead_air_alerts(
        &mut self,
        state: &MeetingState,
        now: u64,
    ) -> Vec<(Route, Notice)> {
        let mut alerts = Vec::new();
        for channel in &state.channels {
            let Some(since) = state.dead_air_since(channel) else {
                continue;
            };
            if now >= since + state.dead_air_ms() && self.alerted.get(&channel.id) != Some(&since) {
                self.alerted.insert(channel.id.clone(), since);
                alerts.push((
                    Route::BoothAndManagers(channel.id.clone()),
                    Notice::DeadAir {
                        channel: channel.id.clone(),
                        since,
                    },
                ));
            }
        }
        alerts
    }
}
