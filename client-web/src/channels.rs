//! The channels as a listener follows them: what each delivers now, the channel they
//! chose and their ordered fallbacks, which one they actually hear, what `listen` tells
//! the server, and what they are told when a channel they follow changes.
//!
//! The viewer's choice is a [`Listening`] whose `channel` is the *preferred* channel
//! (`None`: the floor) and whose `fallbacks` are the channels to switch to, in order, when
//! it stops delivering. A [`Follower`] keeps that choice and the channel followed now. It
//! falls back and comes back only on the server's channel notices (and, silently, when the
//! viewer changes the choice or a session starts), so that each switch is announced once.

use crate::i18n;
use protocol::{
    Channel, ChannelId, ChannelKind, ChannelStatus, Listening, MeetingState, Participant, Presence,
    Role,
};
use std::collections::BTreeMap;

/// The floor channel's id.
pub const FLOOR: &str = "floor";

/// The floor channel's id, as a [`ChannelId`].
pub fn floor() -> ChannelId {
    ChannelId::new(FLOOR)
}

/// Whether a role chooses a channel to listen to (everyone but the booths' people, who
/// work one).
pub fn listens(role: Role) -> bool {
    !role.works_channel()
}

/// What `id` delivers now, given who is connected to its booth; `None` for a channel the
/// meeting does not have.
pub fn status(state: &MeetingState, presence: &Presence, id: &ChannelId) -> Option<ChannelStatus> {
    let channel = state.channel(id)?;
    Some(state.channel_status(channel, presence.staffed(id)))
}

/// The value of a channel row's `data-status`.
pub fn status_name(status: &ChannelStatus) -> &'static str {
    match status {
        ChannelStatus::Original => "original",
        ChannelStatus::Live { .. } => "live",
        ChannelStatus::Relay { .. } => "relay",
        ChannelStatus::Swapping => "swapping",
        ChannelStatus::Paused => "paused",
        ChannelStatus::Standby => "standby",
        ChannelStatus::Unavailable => "unavailable",
    }
}

/// Whether a listener can choose to hear the channel: the floor and the interpretation
/// channels (sign language and captions are asked for besides).
pub fn audible(channel: &Channel) -> bool {
    matches!(
        channel.kind,
        ChannelKind::Floor | ChannelKind::Interpretation { .. }
    )
}

/// The channel a listener prefers.
pub fn preferred(preference: &Listening) -> ChannelId {
    preference.channel.clone().unwrap_or_else(floor)
}

/// The preferred channel, then the fallbacks: the order in which channels are tried.
fn candidates(preference: &Listening) -> Vec<ChannelId> {
    let mut all = vec![preferred(preference)];
    for fallback in &preference.fallbacks {
        if !all.contains(fallback) {
            all.push(fallback.clone());
        }
    }
    all
}

/// The choice for someone who has made none: the channel of their first language that
/// the meeting is interpreted into, else the floor; no fallbacks.
pub fn default_preference(state: &MeetingState, me: &Participant) -> Listening {
    let channel = me.languages.iter().find_map(|language| {
        state
            .channels
            .iter()
            .find(|channel| channel.language() == Some(language) && audible(channel))
            .map(|channel| channel.id.clone())
    });
    Listening {
        channel,
        ..Listening::default()
    }
}

/// A stored choice made to fit the meeting: channels it does not have (or that cannot be
/// heard) are dropped, and so are repeats and the preferred channel among the fallbacks.
pub fn fit(preference: &Listening, state: &MeetingState) -> Listening {
    let audible_here = |id: &ChannelId| state.channel(id).is_some_and(audible);
    let channel = preference
        .channel
        .clone()
        .filter(|id| audible_here(id) && id.as_str() != FLOOR);
    let chosen = channel.clone().unwrap_or_else(floor);
    let mut fallbacks: Vec<ChannelId> = Vec::new();
    for fallback in &preference.fallbacks {
        if audible_here(fallback) && *fallback != chosen && !fallbacks.contains(fallback) {
            fallbacks.push(fallback.clone());
        }
    }
    Listening {
        channel,
        fallbacks,
        sign: preference.sign,
        captions: preference.captions,
    }
}

/// The choice with `id` as the preferred channel (it leaves the fallbacks).
pub fn choose(preference: &Listening, id: &ChannelId) -> Listening {
    Listening {
        channel: (id.as_str() != FLOOR).then(|| id.clone()),
        fallbacks: preference
            .fallbacks
            .iter()
            .filter(|fallback| *fallback != id)
            .cloned()
            .collect(),
        ..preference.clone()
    }
}

/// The choice with `id` added at the end of the fallbacks (unless it is the preferred
/// channel or already there).
pub fn add_fallback(preference: &Listening, id: &ChannelId) -> Listening {
    let mut changed = preference.clone();
    if preferred(preference) != *id && !preference.fallbacks.contains(id) {
        changed.fallbacks.push(id.clone());
    }
    changed
}

/// The choice without `id` among the fallbacks.
pub fn remove_fallback(preference: &Listening, id: &ChannelId) -> Listening {
    let mut changed = preference.clone();
    changed.fallbacks.retain(|fallback| fallback != id);
    changed
}

/// The choice with the fallback `id` one place earlier (`up`) or later; unchanged at the
/// ends.
pub fn move_fallback(preference: &Listening, id: &ChannelId, up: bool) -> Listening {
    let mut changed = preference.clone();
    if let Some(index) = changed.fallbacks.iter().position(|fallback| fallback == id) {
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|&next| next < changed.fallbacks.len())
        };
        if let Some(other) = other {
            changed.fallbacks.swap(index, other);
        }
    }
    changed
}

/// The channels that can still be added as fallbacks, in the meeting's order.
pub fn fallback_options(preference: &Listening, state: &MeetingState) -> Vec<ChannelId> {
    let taken = candidates(preference);
    state
        .channels
        .iter()
        .filter(|channel| audible(channel) && !taken.contains(&channel.id))
        .map(|channel| channel.id.clone())
        .collect()
}

/// The channel to hear: the preferred one if it delivers, else the first fallback that
/// does, else the preferred one (whose listeners hear the floor meanwhile).
fn first_delivering(
    preference: &Listening,
    status: impl Fn(&ChannelId) -> Option<ChannelStatus>,
) -> ChannelId {
    candidates(preference)
        .into_iter()
        .find(|id| status(id).is_some_and(|status| status.delivers()))
        .unwrap_or_else(|| preferred(preference))
}

/// A listener's choice and the channel they follow now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower {
    /// What they chose: the preferred channel, the fallbacks, sign language, captions.
    pub preference: Listening,
    /// The channel they hear now.
    pub following: ChannelId,
    /// What each channel delivered when last seen, to tell a return after a pause.
    known: BTreeMap<ChannelId, ChannelStatus>,
}

impl Follower {
    /// A follower of `preference`, hearing what the meeting delivers now.
    pub fn new(preference: Listening, state: &MeetingState, presence: &Presence) -> Self {
        let mut follower = Self {
            following: preferred(&preference),
            preference,
            known: BTreeMap::new(),
        };
        follower.settle(state, presence);
        follower
    }

    /// Follows what the meeting delivers now, without announcing: when a session starts
    /// (the server only sends notices about changes).
    pub fn settle(&mut self, state: &MeetingState, presence: &Presence) {
        self.known = state
            .channels
            .iter()
            .map(|channel| {
                (
                    channel.id.clone(),
                    state.channel_status(channel, presence.staffed(&channel.id)),
                )
            })
            .collect();
        self.following = first_delivering(&self.preference, |id| self.known.get(id).cloned());
    }

    /// Whether the channel followed delivers now. When it does not (nothing of the choice
    /// delivers), the listener hears the floor through it.
    pub fn delivers(&self) -> bool {
        self.known
            .get(&self.following)
            .is_some_and(ChannelStatus::delivers)
    }

    /// The viewer changed their choice.
    pub fn prefer(&mut self, preference: Listening, state: &MeetingState, presence: &Presence) {
        self.preference = preference;
        self.settle(state, presence);
    }

    /// What `listen` says: the channel heard now, every other channel of the choice as a
    /// fallback (so that the server tells when the preferred one returns), sign language
    /// and captions. The floor is sent as no channel.
    pub fn message(&self) -> Listening {
        Listening {
            channel: (self.following.as_str() != FLOOR).then(|| self.following.clone()),
            fallbacks: candidates(&self.preference)
                .into_iter()
                .filter(|id| *id != self.following)
                .collect(),
            sign: self.preference.sign,
            captions: self.preference.captions,
        }
    }

    /// The server says that `channel` now delivers `status`: follows the first channel of
    /// the choice that delivers, and says what changed for the viewer ("French
    /// interpretation paused. You now hear the Arabic channel."), if anything did.
    pub fn notice(
        &mut self,
        state: &MeetingState,
        presence: &Presence,
        channel: &ChannelId,
        status: &ChannelStatus,
    ) -> Option<String> {
        let previous = self.known.insert(channel.clone(), status.clone());
        if previous.as_ref() == Some(status) {
            return None;
        }
        let kind = state.channel(channel)?.kind.clone();
        let preferred = preferred(&self.preference);
        let before = self.following.clone();
        let after = first_delivering(&self.preference, |id| {
            if id == channel {
                Some(status.clone())
            } else {
                self::status(state, presence, id)
            }
        });
        self.following = after.clone();

        let mut said = Vec::new();
        let mut back = false;
        match &kind {
            ChannelKind::SignLanguage if self.preference.sign => {
                said.push(i18n::channel_said(&kind, status));
            }
            ChannelKind::Captions if self.preference.captions => {
                said.push(i18n::channel_said(&kind, status));
            }
            ChannelKind::SignLanguage | ChannelKind::Captions => {}
            ChannelKind::Floor | ChannelKind::Interpretation { .. } => {
                if *channel == preferred
                    && status.delivers()
                    && before != preferred
                    && previous == Some(ChannelStatus::Paused)
                    && let ChannelKind::Interpretation { language } = &kind
                {
                    back = true;
                    said.push(i18n::channel_back(language));
                } else if *channel == preferred || *channel == before || *channel == after {
                    said.push(i18n::channel_said(&kind, status));
                }
            }
        }
        if after != before
            && !back
            && let Some(now) = state.channel(&after)
        {
            said.push(i18n::now_hearing(&now.kind));
        }
        (!said.is_empty()).then(|| said.join(" "))
    }
}

/// What the listener hears now, in words that agree with the channel list beside it: the
/// channel they follow when it delivers, else the floor (never "you hear the Spanish
/// channel" beside Spanish's "unavailable").
pub fn hearing(follower: &Follower, state: &MeetingState) -> Option<String> {
    let channel = state.channel(&follower.following)?;
    Some(match &channel.kind {
        ChannelKind::Interpretation { language } if !follower.delivers() => {
            i18n::hearing_floor_instead(language)
        }
        kind => i18n::hearing(kind),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::tests::{meeting_with_booths, person};
    use protocol::{ChannelPresence, Event, ParticipantId};

    fn id(text: &str) -> ChannelId {
        ChannelId::new(text)
    }

    /// A presence with one person in the booth of each of `channels`.
    pub(crate) fn staffed(channels: &[&str]) -> Presence {
        Presence {
            channels: channels
                .iter()
                .map(|channel| ChannelPresence {
                    channel: id(channel),
                    interpreters: 1,
                    listeners: 0,
                })
                .collect(),
        }
    }

    fn apply(state: &mut MeetingState, event: Event) {
        let envelope = state.next_envelope((state.seq + 1) * 1000, None, event);
        state.apply(&envelope).expect("the test's events fold");
    }

    fn on_air(channel: &str) -> Event {
        Event::ChannelOnAir {
            channel: id(channel),
            participant: ParticipantId::new(format!("interp-{channel}")),
            name: format!("{channel} booth"),
        }
    }

    fn paused(channel: &str, paused: bool) -> Event {
        Event::ChannelPaused {
            channel: id(channel),
            paused,
        }
    }

    /// French, then Arabic, then the floor.
    fn french_first() -> Listening {
        Listening {
            channel: Some(id("fr")),
            fallbacks: vec![id("ar"), floor()],
            sign: false,
            captions: false,
        }
    }

    /// The notice the server sends about `channel` after the state changed.
    fn told(
        follower: &mut Follower,
        state: &MeetingState,
        presence: &Presence,
        channel: &str,
    ) -> Option<String> {
        let status = status(state, presence, &id(channel)).expect("a channel");
        follower.notice(state, presence, &id(channel), &status)
    }

    #[test]
    fn what_is_heard_agrees_with_what_the_channel_delivers() {
        let mut state = meeting_with_booths();
        let spanish_only = Listening {
            channel: Some(id("es")),
            fallbacks: vec![],
            sign: false,
            captions: false,
        };
        // Nobody in the Spanish booth and no fallback: the floor, said so.
        let follower = Follower::new(spanish_only.clone(), &state, &staffed(&[]));
        assert_eq!(
            hearing(&follower, &state).as_deref(),
            Some("The Spanish channel gives nothing now: you hear the floor.")
        );
        // An interpreter on air: the Spanish channel.
        apply(&mut state, on_air("es"));
        let presence = staffed(&["es"]);
        let mut follower = Follower::new(spanish_only, &state, &presence);
        assert_eq!(
            hearing(&follower, &state).as_deref(),
            Some("You hear the Spanish channel.")
        );
        // Paused, with no fallback: the floor again.
        apply(&mut state, paused("es", true));
        told(&mut follower, &state, &presence, "es");
        assert_eq!(
            hearing(&follower, &state).as_deref(),
            Some("The Spanish channel gives nothing now: you hear the floor.")
        );
    }

    #[test]
    fn a_listener_falls_back_in_order_and_comes_back() {
        let mut state = meeting_with_booths();
        let presence = staffed(&["fr", "ar"]);
        apply(&mut state, on_air("ar"));
        let mut follower = Follower::new(french_first(), &state, &presence);
        assert_eq!(follower.following, id("ar"), "French is on standby");
        assert_eq!(
            follower.message(),
            Listening {
                channel: Some(id("ar")),
                fallbacks: vec![id("fr"), floor()],
                sign: false,
                captions: false,
            }
        );

        apply(&mut state, on_air("fr"));
        assert_eq!(
            told(&mut follower, &state, &presence, "fr").as_deref(),
            Some("French interpretation is live. You now hear the French channel.")
        );
        assert_eq!(follower.message().channel, Some(id("fr")));

        apply(&mut state, paused("fr", true));
        assert_eq!(
            told(&mut follower, &state, &presence, "fr").as_deref(),
            Some("French interpretation paused. You now hear the Arabic channel.")
        );
        assert_eq!(follower.following, id("ar"));

        // Arabic stops too: the floor is the last fallback.
        apply(&mut state, Event::ChannelOffAir { channel: id("ar") });
        assert_eq!(
            told(&mut follower, &state, &presence, "ar").as_deref(),
            Some("Arabic interpretation is on standby. You now hear the floor.")
        );
        assert_eq!(follower.message().channel, None, "the floor is no channel");

        apply(&mut state, paused("fr", false));
        assert_eq!(
            told(&mut follower, &state, &presence, "fr").as_deref(),
            Some("French interpretation is back.")
        );
        assert_eq!(follower.following, id("fr"));
        // The same notice again says nothing.
        assert_eq!(told(&mut follower, &state, &presence, "fr"), None);
    }

    #[test]
    fn without_a_delivering_fallback_the_listener_stays_and_hears_the_floor() {
        let mut state = meeting_with_booths();
        let presence = staffed(&["fr"]);
        let preference = Listening {
            channel: Some(id("fr")),
            fallbacks: vec![id("ar")],
            ..Listening::default()
        };
        apply(&mut state, on_air("fr"));
        let mut follower = Follower::new(preference, &state, &presence);
        apply(&mut state, paused("fr", true));
        assert_eq!(
            told(&mut follower, &state, &presence, "fr").as_deref(),
            Some("French interpretation paused.")
        );
        assert_eq!(follower.following, id("fr"));
        // Nobody left in the Arabic booth: its change is not the listener's concern.
        assert_eq!(
            follower.notice(
                &state,
                &Presence::default(),
                &id("ar"),
                &ChannelStatus::Unavailable
            ),
            None
        );
    }

    #[test]
    fn relay_original_sign_and_captions_are_announced() {
        let mut state = meeting_with_booths();
        let presence = staffed(&["fr", "sign"]);
        let preference = Listening {
            channel: Some(id("fr")),
            fallbacks: Vec::new(),
            sign: true,
            captions: true,
        };
        apply(&mut state, on_air("fr"));
        let mut follower = Follower::new(preference, &state, &presence);
        apply(
            &mut state,
            Event::RelaySet {
                channel: id("fr"),
                from: Some(id("ar")),
            },
        );
        assert_eq!(
            told(&mut follower, &state, &presence, "fr").as_deref(),
            Some("French interpretation is live, via relay from the Arabic booth.")
        );
        apply(
            &mut state,
            Event::FloorLanguageSet {
                language: protocol::LanguageCode::new("fr"),
            },
        );
        assert_eq!(
            told(&mut follower, &state, &presence, "fr").as_deref(),
            Some("The floor speaks French: you hear the original.")
        );
        apply(&mut state, on_air("sign"));
        assert_eq!(
            told(&mut follower, &state, &presence, "sign").as_deref(),
            Some("Sign language interpretation is on screen.")
        );
        apply(
            &mut state,
            Event::HandoverRequested {
                channel: id("sign"),
                participant: ParticipantId::new("interp-sign"),
                seconds: 60,
            },
        );
        assert_eq!(
            told(&mut follower, &state, &presence, "sign").as_deref(),
            Some("Sign language interpreter is swapping.")
        );
        apply(&mut state, on_air("captions"));
        assert_eq!(
            told(&mut follower, &state, &presence, "captions").as_deref(),
            Some("Captions are available.")
        );
        let mut not_asked = Follower::new(french_first(), &state, &presence);
        apply(&mut state, paused("captions", true));
        assert_eq!(told(&mut not_asked, &state, &presence, "captions"), None);
    }

    #[test]
    fn the_choice_is_edited_and_fitted_to_the_meeting() {
        let state = meeting_with_booths();
        let me = person("senegal", Role::Attendee, None);
        let mut me_fr = me.clone();
        me_fr.languages = vec![protocol::LanguageCode::new("fr")];
        assert_eq!(default_preference(&state, &me_fr).channel, Some(id("fr")));
        assert_eq!(default_preference(&state, &me).channel, None);

        let choice = choose(&Listening::default(), &id("fr"));
        let choice = add_fallback(&choice, &id("ar"));
        let choice = add_fallback(&choice, &floor());
        let choice = add_fallback(&choice, &id("fr"));
        assert_eq!(choice.fallbacks, [id("ar"), floor()], "fr is the preferred");
        let moved = move_fallback(&choice, &floor(), true);
        assert_eq!(moved.fallbacks, [floor(), id("ar")]);
        assert_eq!(move_fallback(&moved, &floor(), true), moved, "at the top");
        assert_eq!(move_fallback(&moved, &id("ar"), false), moved, "at the end");
        assert_eq!(remove_fallback(&moved, &floor()).fallbacks, [id("ar")]);
        assert_eq!(fallback_options(&choice, &state), [id("en"), id("es")]);
        // Choosing a fallback as the preferred channel takes it out of the fallbacks.
        assert_eq!(choose(&choice, &id("ar")).fallbacks, [floor()]);
        assert_eq!(choose(&choice, &floor()).channel, None);

        let stored = Listening {
            channel: Some(id("de")),
            fallbacks: vec![id("ar"), id("sign"), id("ar"), id("xx"), floor()],
            sign: true,
            captions: false,
        };
        assert_eq!(
            fit(&stored, &state),
            Listening {
                channel: None,
                fallbacks: vec![id("ar")],
                sign: true,
                captions: false,
            },
            "unknown channels go, and the floor is the preferred channel now"
        );
    }
}
