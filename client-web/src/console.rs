//! The console of an interpreter, sign-language interpreter or captioner: what their
//! booth is doing, which controls fit the moment (pause, retour, relay, handover), the
//! commands those send, and the booth's briefing (its task while the floor speaks a
//! language, who takes relay from it, who speaks next, dead air).

use crate::i18n;
use crate::model::{self, Booth};
use protocol::{
    BoothTask, ChannelId, ChannelKind, Command, Handover, LanguageCode, MeetingState, Participant,
};

/// The viewer's booth as their console shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Console {
    /// The booth's channel.
    pub channel: ChannelId,
    /// What the channel carries.
    pub kind: ChannelKind,
    /// Who is on air.
    pub state: Booth,
    /// Whether the interpreter on air paused.
    pub paused: bool,
    /// The booth's retour, if it is bi-active.
    pub retour: Option<LanguageCode>,
    /// Whether it works into its retour now.
    pub into_retour: bool,
    /// The booth it takes relay from, if any.
    pub relay_from: Option<ChannelId>,
    /// The other interpretation booths, which it could take relay from.
    pub pivots: Vec<ChannelId>,
    /// The handover asked for, if any.
    pub handover: Option<Handover>,
}

/// What the handover button does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoverAction {
    /// On air, nothing asked: ask the partner to take over.
    Request,
    /// On air, asked: withdraw the request.
    Cancel,
    /// A partner is on air and asks: take over from them.
    Accept,
    /// A partner is on air and asks nothing: take over anyway.
    TakeOver,
}

impl Console {
    /// The viewer's console, for roles that work a channel.
    pub fn of(state: &MeetingState, me: &Participant) -> Option<Self> {
        let (channel, on_air) = model::booth(state, me)?;
        let pivots = if channel.language().is_some() {
            state
                .channels
                .iter()
                .filter(|other| other.id != channel.id && other.language().is_some())
                .map(|other| other.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        Some(Self {
            channel: channel.id.clone(),
            kind: channel.kind.clone(),
            state: on_air,
            paused: channel.paused,
            retour: channel.retour.clone(),
            into_retour: channel.working_into.is_some(),
            relay_from: channel.relay_from.clone(),
            pivots,
            handover: channel.handover.clone(),
        })
    }

    /// Whether the viewer is on air.
    pub fn mine(&self) -> bool {
        self.state == Booth::OnAirByMe
    }

    /// Whether the booth interprets a language (rather than signing or captioning):
    /// only such booths work into a retour or take relay.
    pub fn interprets(&self) -> bool {
        matches!(self.kind, ChannelKind::Interpretation { .. })
    }

    /// Pause, or go on after a pause: only the interpreter on air.
    pub fn pause_command(&self) -> Option<Command> {
        self.mine().then(|| Command::SetPaused {
            channel: self.channel.clone(),
            paused: !self.paused,
        })
    }

    /// Switch between the booth's own language and its retour.
    pub fn working_into_command(&self) -> Option<Command> {
        let retour = self.retour.clone()?;
        Some(Command::SetWorkingInto {
            channel: self.channel.clone(),
            language: (!self.into_retour).then_some(retour),
        })
    }

    /// Take relay from `from` (`None`: the floor).
    pub fn relay_command(&self, from: Option<ChannelId>) -> Option<Command> {
        let known = from.as_ref().is_none_or(|from| self.pivots.contains(from));
        (self.interprets() && known && from != self.relay_from).then(|| Command::SetRelay {
            channel: self.channel.clone(),
            from,
        })
    }

    /// What the handover button does now; `None` while nobody is on air (the on-air
    /// button is the way in).
    pub fn handover_action(&self) -> Option<HandoverAction> {
        match (&self.state, &self.handover) {
            (Booth::OnAirByMe, None) => Some(HandoverAction::Request),
            (Booth::OnAirByMe, Some(_)) => Some(HandoverAction::Cancel),
            (Booth::OnAirByOther(_), Some(_)) => Some(HandoverAction::Accept),
            (Booth::OnAirByOther(_), None) => Some(HandoverAction::TakeOver),
            (Booth::OffAir, _) => None,
        }
    }

    /// The command of the handover button.
    pub fn handover_command(&self) -> Option<Command> {
        let channel = self.channel.clone();
        Some(match self.handover_action()? {
            HandoverAction::Request => Command::RequestHandover { channel },
            HandoverAction::Cancel => Command::CancelHandover { channel },
            HandoverAction::Accept | HandoverAction::TakeOver => Command::TakeOver { channel },
        })
    }

    /// The countdown of the handover asked for, at server time `now`: "Waiting for your
    /// booth partner: 0:42 left" or "Amira asks you to take over: 0:42 left", with the
    /// milliseconds left (never below zero).
    pub fn countdown(&self, now: u64) -> Option<(String, u64)> {
        let handover = self.handover.as_ref()?;
        // The estimated server clock may lag a little: never more than the whole wait.
        let left_ms = handover
            .expires_at
            .saturating_sub(now)
            .min(handover.expires_at.saturating_sub(handover.since));
        let seconds = left_ms.div_ceil(1000);
        let text = match &self.state {
            Booth::OnAirByMe => i18n::handover_waiting(seconds),
            Booth::OnAirByOther(name) => i18n::handover_asked(name, seconds),
            Booth::OffAir => return None,
        };
        Some((text, left_ms))
    }
}

/// What the booth should do while the floor speaks `floor`, for its people: "The floor
/// speaks Arabic: take relay from the Arabic booth."
pub fn task_text(
    state: &MeetingState,
    booth: &ChannelId,
    floor: &LanguageCode,
    task: &BoothTask,
) -> String {
    let own = state.channel(booth).and_then(|channel| channel.language());
    // The bi-active booth of the floor language whose retour covers this booth.
    let covering = state
        .channels
        .iter()
        .find(|channel| channel.language() == Some(floor) && channel.retour.as_ref() == own)
        .map(|channel| &channel.id);
    i18n::booth_task(floor, task, own, covering)
}

/// The booth's task as the meeting stands, for when no `task` notice came yet.
pub fn planned_task(state: &MeetingState, booth: &ChannelId) -> Option<(LanguageCode, BoothTask)> {
    let floor = state.floor_language.clone()?;
    state
        .relay_plan()
        .into_iter()
        .find(|(id, _)| id == booth)
        .map(|(_, task)| (floor, task))
}

/// Who speaks next and in which language: the first request of the list in use.
pub fn coming_next(state: &MeetingState) -> Option<String> {
    let next = state.active_list()?.queue.first()?;
    Some(i18n::coming_next(
        &i18n::name_with_delegation(&next.name, next.delegation.as_deref()),
        &next.language,
    ))
}

/// A dead-air alert, while the silence it reported goes on: "No interpretation into
/// Spanish for 0:12 while the floor speaks." `None` once it ended.
pub fn dead_air_text(
    state: &MeetingState,
    channel: &ChannelId,
    since: u64,
    now: u64,
) -> Option<String> {
    let silent = state.channel(channel)?;
    if state.dead_air_since(silent) != Some(since) {
        return None;
    }
    let language = silent.language()?;
    Some(i18n::dead_air(
        language,
        now.saturating_sub(since).div_ceil(1000),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::{meeting_with_booths, person};
    use protocol::{Event, ItemId, ParticipantId, RequestKind, Role};

    fn id(text: &str) -> ChannelId {
        ChannelId::new(text)
    }

    fn apply(state: &mut MeetingState, event: Event) {
        let envelope = state.next_envelope((state.seq + 1) * 1000, None, event);
        state.apply(&envelope).expect("the test's events fold");
    }

    fn interpreter(who: &str, booth: &str) -> Participant {
        let mut me = person(who, Role::Interpreter, None);
        me.booth = Some(id(booth));
        me
    }

    #[test]
    fn the_console_offers_what_fits_and_hands_over() {
        let mut state = meeting_with_booths();
        let me = interpreter("fr-1", "fr");
        let partner = interpreter("fr-2", "fr");
        let console = Console::of(&state, &me).expect("a booth");
        assert_eq!(
            console.handover_action(),
            None,
            "off air: the on-air button"
        );
        assert_eq!(console.pause_command(), None);
        assert_eq!(
            console.working_into_command(),
            None,
            "French is not bi-active"
        );
        assert_eq!(console.pivots, [id("ar"), id("en"), id("es")]);
        assert_eq!(
            console.relay_command(Some(id("ar"))),
            Some(Command::SetRelay {
                channel: id("fr"),
                from: Some(id("ar"))
            })
        );
        assert_eq!(console.relay_command(None), None, "already from the floor");
        assert_eq!(console.relay_command(Some(id("sign"))), None);

        apply(
            &mut state,
            Event::ChannelOnAir {
                channel: id("fr"),
                participant: ParticipantId::new("fr-1"),
                name: "Name of fr-1".into(),
            },
        );
        let console = Console::of(&state, &me).unwrap();
        assert_eq!(console.handover_action(), Some(HandoverAction::Request));
        assert_eq!(
            console.pause_command(),
            Some(Command::SetPaused {
                channel: id("fr"),
                paused: true
            })
        );
        let theirs = Console::of(&state, &partner).unwrap();
        assert_eq!(theirs.handover_action(), Some(HandoverAction::TakeOver));
        assert_eq!(theirs.pause_command(), None);

        apply(
            &mut state,
            Event::HandoverRequested {
                channel: id("fr"),
                participant: ParticipantId::new("fr-1"),
                seconds: 60,
            },
        );
        // Asked at 2 000 ms, lapsing at 62 000 ms.
        let console = Console::of(&state, &me).unwrap();
        assert_eq!(
            console.handover_command(),
            Some(Command::CancelHandover { channel: id("fr") })
        );
        assert_eq!(
            console.countdown(20_500),
            Some((
                "Waiting for your booth partner: 0:42 left".to_owned(),
                41_500
            ))
        );
        let theirs = Console::of(&state, &partner).unwrap();
        assert_eq!(theirs.handover_action(), Some(HandoverAction::Accept));
        assert_eq!(
            theirs.handover_command(),
            Some(Command::TakeOver { channel: id("fr") })
        );
        assert_eq!(
            theirs.countdown(0).map(|(_, left)| left),
            Some(60_000),
            "a lagging clock shows no more than the whole wait"
        );
        assert_eq!(
            theirs.countdown(70_000),
            Some((
                "\u{2068}Name of fr-1\u{2069} asks you to take over: 0:00 left".to_owned(),
                0
            ))
        );
    }

    #[test]
    fn a_bi_active_booth_switches_into_its_retour() {
        let mut state = meeting_with_booths();
        let me = interpreter("ar-1", "ar");
        let console = Console::of(&state, &me).unwrap();
        assert_eq!(
            console.working_into_command(),
            Some(Command::SetWorkingInto {
                channel: id("ar"),
                language: Some(LanguageCode::new("en"))
            })
        );
        apply(
            &mut state,
            Event::WorkingIntoSet {
                channel: id("ar"),
                language: Some(LanguageCode::new("en")),
            },
        );
        let console = Console::of(&state, &me).unwrap();
        assert!(console.into_retour);
        assert_eq!(
            console.working_into_command(),
            Some(Command::SetWorkingInto {
                channel: id("ar"),
                language: None
            })
        );
    }

    #[test]
    fn tasks_say_what_to_do_when_the_floor_speaks_arabic() {
        let mut state = meeting_with_booths();
        apply(
            &mut state,
            Event::FloorLanguageSet {
                language: LanguageCode::new("ar"),
            },
        );
        fn said(state: &MeetingState, booth: &str) -> String {
            let (floor, task) = planned_task(state, &id(booth)).expect("a task");
            task_text(state, &id(booth), &floor, &task)
        }
        // Nobody in the Arabic booth: never "take relay from" a booth that gives nothing.
        assert_eq!(
            said(&state, "fr"),
            "The floor speaks Arabic: no booth can give you the floor."
        );
        apply(
            &mut state,
            Event::ChannelOnAir {
                channel: id("ar"),
                participant: ParticipantId::new("ar-1"),
                name: "Name of ar-1".into(),
            },
        );
        assert_eq!(
            said(&state, "fr"),
            "The floor speaks Arabic: take relay from the Arabic booth."
        );
        assert_eq!(said(&state, "ar"), "Work into English (retour).");
        assert_eq!(
            said(&state, "en"),
            "Idle: the Arabic booth’s retour covers English."
        );
        assert_eq!(
            i18n::relying(&[id("fr"), id("es")]),
            "These booths take relay from you: French booth, Spanish booth."
        );
        apply(
            &mut state,
            Event::FloorLanguageSet {
                language: LanguageCode::new("fr"),
            },
        );
        assert_eq!(said(&state, "fr"), "Idle: the floor speaks French.");
        assert_eq!(
            said(&state, "es"),
            "The floor speaks French: interpret from the floor."
        );
    }

    #[test]
    fn the_next_speaker_and_dead_air_are_told() {
        let mut state = meeting_with_booths();
        assert_eq!(coming_next(&state), None);
        let mut request = crate::model::tests::request("peru", RequestKind::Intervention, None);
        request.id = 1;
        request.language = LanguageCode::new("es");
        apply(
            &mut state,
            Event::FloorRequested {
                item: ItemId::new("one"),
                request,
                top: false,
            },
        );
        assert_eq!(
            coming_next(&state).as_deref(),
            Some("Next speaker: \u{2068}Name of peru\u{2069}, who will speak Spanish.")
        );
        apply(&mut state, crate::model::tests::given(1, "peru"));
        // The floor speaks nothing known: every language channel is silent from 2 s.
        let french = state.channel(&id("fr")).unwrap().clone();
        assert_eq!(state.dead_air_since(&french), Some(2000));
        assert_eq!(
            dead_air_text(&state, &id("fr"), 2000, 14_000).as_deref(),
            Some("No interpretation into French for 0:12 while the floor speaks.")
        );
        apply(
            &mut state,
            Event::ChannelOnAir {
                channel: id("fr"),
                participant: ParticipantId::new("fr-1"),
                name: "Name of fr-1".into(),
            },
        );
        assert_eq!(dead_air_text(&state, &id("fr"), 2000, 15_000), None);
    }
}
