//! The meeting as this client knows it ([`Meeting`]: the folded state, plus the viewer's
//! own requests when the state is summarised), how each server message folds into it, and
//! what the page derives from it for the viewer (their requests and waits, their booth,
//! where the agenda's moves lead). What is worth announcing is `announce.rs`.
//!
//! Pure functions of the protocol's types, so that they are unit-tested natively; the
//! connection feeds them and the views only read them.

use crate::i18n;
use protocol::{
    ApplyError, Channel, Command, Event, EventEnvelope, Localized, MeetingState, MyRequest,
    Participant, QueueView, RequestId,
};

/// The meeting as this client knows it.
///
/// The chair and organisers hold the full state and find their requests in it. Everyone
/// else holds a summarised state, which shows only the first few requests; their own
/// requests and positions come separately, in `your_requests` messages, kept here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// The folded state (summarised or full).
    pub state: MeetingState,
    /// The last `your_requests` (summarised states only).
    told: Told,
}

/// The last `your_requests`: the seq it was current at, the server time its estimated
/// waits were worked out, and the viewer's requests with their positions and waits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Told {
    seq: u64,
    at: u64,
    requests: Vec<MyRequest>,
}

/// How a message from the server fitted what the client knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fold {
    /// The message was folded in.
    Applied,
    /// Nothing to do: already folded (its seq is not newer), or not meant for this kind
    /// of state.
    Duplicate,
    /// The message does not follow the state: a fresh snapshot is needed.
    LostTrack(ApplyError),
}

impl Meeting {
    /// The meeting from a `welcome` snapshot. A summarised snapshot knows none of the
    /// viewer's requests until a `your_requests` arrives (it follows at once if any).
    pub fn new(state: MeetingState) -> Self {
        Self {
            told: Told {
                seq: state.seq,
                ..Told::default()
            },
            state,
        }
    }

    /// Folds an event, telling duplicates (harmless) from gaps (the client must ask for a
    /// fresh snapshot).
    pub fn fold_event(&mut self, envelope: &EventEnvelope) -> Fold {
        if envelope.seq <= self.state.seq {
            return Fold::Duplicate;
        }
        if let Err(error) = self.state.apply(envelope) {
            return Fold::LostTrack(error);
        }
        if self.state.summarised && matches!(envelope.event, Event::CurrentItemChanged { .. }) {
            // The requests told were in the previous item's list. The server tells the
            // new list's (if any) with the next view.
            self.told.requests.clear();
        }
        Fold::Applied
    }

    /// Folds a `queue` view into a summarised state. The view also refreshes those of the
    /// viewer's requests it shows, so that they agree with the list until the matching
    /// `your_requests` arrives.
    pub fn fold_queue_view(&mut self, view: &QueueView) -> Fold {
        if !self.state.summarised || view.seq < self.state.seq {
            return Fold::Duplicate;
        }
        if let Err(error) = self.state.apply_queue_view(view) {
            return Fold::LostTrack(error);
        }
        if let Some(list) = &view.list {
            for mine in &mut self.told.requests {
                if let Some(index) = list.index_of(mine.request.id) {
                    mine.request = list.queue[index].clone();
                    mine.position = u32::try_from(index + 1).unwrap_or(u32::MAX);
                }
            }
        }
        Fold::Applied
    }

    /// Folds a `your_requests` message into a summarised state: its requests as of `seq`,
    /// their estimated waits worked out at server time `at`.
    pub fn fold_your_requests(&mut self, seq: u64, at: u64, requests: Vec<MyRequest>) -> Fold {
        if !self.state.summarised || seq < self.told.seq {
            return Fold::Duplicate;
        }
        self.told = Told { seq, at, requests };
        Fold::Applied
    }

    /// Takes note of the server's acceptance of one of the viewer's commands that changes
    /// a request without moving it (a request merged into their delegation's, or claimed
    /// from a colleague), so that the page shows it at once rather than with the next
    /// `your_requests`, up to a coalescing interval later. The change is the one the fold
    /// makes; [`Fold::Duplicate`] when there is none to make.
    pub fn acknowledged(&mut self, command: &Command, me: &Participant) -> Fold {
        if !self.state.summarised {
            return Fold::Duplicate;
        }
        let requests = &mut self.told.requests;
        let changed = match command {
            Command::RaiseHand { kind, .. } => {
                let waiting = requests.iter().any(|mine| asked_by(&mine.request, me));
                match requests.iter_mut().find(|mine| {
                    mine.request.kind == *kind
                        && mine.request.delegation.is_some()
                        && mine.request.delegation == me.delegation
                }) {
                    Some(same) if !waiting => {
                        same.request.also.push(me.id.clone());
                        true
                    }
                    _ => false,
                }
            }
            Command::ClaimRequest { request } => {
                match requests.iter_mut().find(|mine| mine.request.id == *request) {
                    Some(mine) if mine.request.participant != me.id => {
                        mine.request.also.retain(|member| member != &me.id);
                        mine.request.participant = me.id.clone();
                        mine.request.name = me.name.clone();
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if changed {
            Fold::Applied
        } else {
            Fold::Duplicate
        }
    }

    /// The requests in the list in use that the viewer may act on (theirs, their
    /// delegation's), first in line first, with 1-based positions. (Their estimated
    /// waits change with time: [`Meeting::wait_ms`].)
    pub fn my_requests(&self, me: &Participant) -> Vec<MyRequest> {
        if self.state.summarised {
            self.told.requests.clone()
        } else {
            self.state
                .requests_of(&me.id, me.delegation.as_deref(), 0)
                .into_iter()
                .map(|mine| MyRequest {
                    estimated_wait_ms: None,
                    ..mine
                })
                .collect()
        }
    }

    /// The estimated wait of the viewer's request `id` at server time `now`: the
    /// server's, counted down since it was told, in a summarised state; worked out from
    /// the full list otherwise. `None` without a speaking-time limit or such a request.
    pub fn wait_ms(&self, id: RequestId, now: u64) -> Option<u64> {
        if self.state.summarised {
            self.told
                .requests
                .iter()
                .find(|mine| mine.request.id == id)?
                .wait_ms_at(self.told.at, now, self.state.floor.as_ref())
        } else {
            let list = self.state.active_list()?;
            let index = list.index_of(id)?;
            self.state
                .wait_ms(u32::try_from(index + 1).unwrap_or(u32::MAX), now)
        }
    }
}

/// Whether the viewer asked for this request themselves (rather than a colleague of their
/// delegation): they are its speaker or merged into it.
fn asked_by(request: &protocol::FloorRequest, me: &Participant) -> bool {
    request.participant == me.id || request.also.contains(&me.id)
}

/// The viewer's own request among theirs: the one they asked for (or merged into).
/// A participant waits at most once in a list.
pub fn own_request<'a>(requests: &'a [MyRequest], me: &Participant) -> Option<&'a MyRequest> {
    requests.iter().find(|mine| asked_by(&mine.request, me))
}

/// A meeting text (title, question) in the interface's current language, else the
/// meeting's default language.
pub fn localized<'a>(meeting: &MeetingState, text: &'a Localized) -> &'a str {
    text.get(&i18n::ui().code(), &meeting.info.default_language)
}

/// Whether the viewer has the floor.
pub fn has_floor(meeting: &MeetingState, me: &Participant) -> bool {
    meeting
        .floor
        .as_ref()
        .is_some_and(|speaker| speaker.participant == me.id)
}

/// The state of an interpreter's booth channel, as seen by that interpreter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booth {
    /// Nobody is on air: listeners of the channel hear the floor.
    OffAir,
    /// The viewer is on air.
    OnAirByMe,
    /// A colleague is on air (a hand-over is due, or they share the booth).
    OnAirByOther(String),
}

/// The viewer's booth channel and its state, for roles that work a channel.
pub fn booth<'a>(meeting: &'a MeetingState, me: &Participant) -> Option<(&'a Channel, Booth)> {
    if !me.role.works_channel() {
        return None;
    }
    let channel = meeting.channel(me.booth.as_ref()?)?;
    let state = match &channel.on_air {
        None => Booth::OffAir,
        Some(on_air) if on_air.participant == me.id => Booth::OnAirByMe,
        Some(on_air) => Booth::OnAirByOther(on_air.name.clone()),
    };
    Some((channel, state))
}

/// The command the on-air toggle sends: off air when the viewer is on air, on air
/// otherwise.
pub fn on_air_command(meeting: &MeetingState, me: &Participant) -> Option<Command> {
    let (channel, state) = booth(meeting, me)?;
    Some(Command::SetOnAir {
        channel: channel.id.clone(),
        on_air: state != Booth::OnAirByMe,
    })
}

/// What the chair's agenda buttons can do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaMoves {
    /// There is an item before the current one.
    pub previous: bool,
    /// There is an item after the current one (or the meeting has not started).
    pub next: bool,
}

/// Whether "Previous item" and "Next item" lead anywhere. Like the server, both pass
/// over skipped items.
pub fn agenda_moves(meeting: &MeetingState) -> AgendaMoves {
    AgendaMoves {
        previous: meeting.previous_open_item().is_some(),
        next: meeting.next_open_item().is_some(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::announce::{Situation, announcement};
    use protocol::{
        AgendaItem, BoothConfig, ChannelId, FloorRequest, ItemId, LanguageCode, MeetingId,
        MeetingInfo, ParticipantId, RequestKind, Role,
    };

    pub(crate) fn text(en: &str) -> Localized {
        Localized([(LanguageCode::new("en"), en.to_owned())].into())
    }

    /// A meeting of two items, the first with two guiding questions, in English and
    /// French, with a 3-minute speaking time.
    pub(crate) fn meeting() -> MeetingState {
        let info = MeetingInfo {
            id: MeetingId::new("m"),
            title: text("Meeting"),
            languages: vec![LanguageCode::new("en"), LanguageCode::new("fr")],
            default_language: LanguageCode::new("en"),
            time_zone: "Europe/Zurich".into(),
            scheduled_start: "2020-12-04T15:00:00+01:00".into(),
            speaking_time_seconds: Some(180),
            max_requests_per_delegation: None,
            booths: Vec::new(),
            dead_air_seconds: None,
            handover_seconds: None,
            self_registration: false,
        };
        let item = |id: &str, title: &str, questions: &[&str]| AgendaItem {
            id: ItemId::new(id),
            title: text(title),
            presenter: None,
            planned_minutes: None,
            questions: questions.iter().map(|q| text(q)).collect(),
            speaking_time_seconds: None,
            state: protocol::ItemState::Upcoming,
            used_ms: 0,
            live_since: None,
        };
        MeetingState::new(
            info,
            vec![
                item("one", "First", &["Why?", "How?"]),
                item("two", "Second", &[]),
            ],
        )
    }

    /// The same meeting in Arabic, English, French and Spanish, its booths working as the
    /// demo meeting's do: the Arabic booth bi-active into English, no other booth taking
    /// Arabic.
    pub(crate) fn meeting_with_booths() -> MeetingState {
        let plain = meeting();
        let code = |tag: &str| LanguageCode::new(tag);
        let booth = |channel: &str, from: [&str; 2], retour: Option<&str>| BoothConfig {
            channel: ChannelId::new(channel),
            works_from: from.map(code).to_vec(),
            retour: retour.map(code),
            media_url: None,
        };
        let mut info = plain.info.clone();
        info.languages = ["ar", "en", "fr", "es"].map(code).to_vec();
        info.booths = vec![
            booth("ar", ["en", "fr"], Some("en")),
            booth("en", ["fr", "es"], None),
            booth("fr", ["en", "es"], None),
            booth("es", ["en", "fr"], None),
        ];
        MeetingState::new(info, plain.agenda)
    }

    /// An attendee (or other role) `id`, of `delegation` if any.
    pub(crate) fn person(id: &str, role: Role, delegation: Option<&str>) -> Participant {
        Participant {
            id: ParticipantId::new(id),
            name: format!("Name of {id}"),
            role,
            delegation: delegation.map(str::to_owned),
            booth: (role == Role::Interpreter).then(|| ChannelId::new("fr")),
            languages: Vec::new(),
        }
    }

    /// A request by `who` of `delegation`, with an id to be set by the caller.
    pub(crate) fn request(who: &str, kind: RequestKind, delegation: Option<&str>) -> FloorRequest {
        FloorRequest {
            id: 0,
            kind,
            participant: ParticipantId::new(who),
            name: format!("Name of {who}"),
            delegation: delegation.map(str::to_owned),
            language: LanguageCode::new("en"),
            question: None,
            note: None,
            raised_at: 0,
            registered: false,
            also: Vec::new(),
            asked_by: Vec::new(),
        }
    }

    /// A full state after `events`, each at `at` = 1000 × its seq.
    pub(crate) fn folded(events: &[Event]) -> MeetingState {
        let mut state = meeting();
        for event in events {
            let envelope = state.next_envelope((state.seq + 1) * 1000, None, event.clone());
            state.apply(&envelope).expect("the test's events fold");
        }
        state
    }

    /// `who` raises a hand for an intervention (request ids count from 1 in `events`).
    pub(crate) fn raised(id: u64, who: &str, delegation: Option<&str>) -> Event {
        raised_kind(id, who, RequestKind::Intervention, delegation)
    }

    /// `who` asks for the floor for `kind`, as request `id`.
    pub(crate) fn raised_kind(
        id: u64,
        who: &str,
        kind: RequestKind,
        delegation: Option<&str>,
    ) -> Event {
        let mut request = request(who, kind, delegation);
        request.id = id;
        Event::FloorRequested {
            item: ItemId::new("one"),
            request,
            top: false,
        }
    }

    /// The chair gives the floor for request `id` to `who`.
    pub(crate) fn given(id: u64, who: &str) -> Event {
        Event::FloorGiven {
            participant: ParticipantId::new(who),
            name: format!("Name of {who}"),
            delegation: None,
            item: ItemId::new("one"),
            request: Some(id),
            kind: RequestKind::Intervention,
            language: None,
            limit_seconds: Some(180),
        }
    }

    #[test]
    fn duplicates_are_skipped_and_gaps_detected() {
        let mut meeting = Meeting::new(self::meeting());
        let envelope = |seq| EventEnvelope {
            seq,
            at: 0,
            actor: None,
            event: Event::CurrentItemChanged {
                item: ItemId::new("one"),
                waiting: protocol::Waiting::Keep,
            },
        };
        assert_eq!(meeting.fold_event(&envelope(1)), Fold::Applied);
        assert_eq!(meeting.fold_event(&envelope(1)), Fold::Duplicate);
        assert!(matches!(
            meeting.fold_event(&envelope(3)),
            Fold::LostTrack(ApplyError::OutOfOrder {
                expected: 2,
                got: 3
            })
        ));
        assert_eq!(meeting.state.seq, 1);
    }

    /// A summarised client: folds views and `your_requests` and announces from them.
    struct Summarised {
        full: MeetingState,
        meeting: Meeting,
        me: Participant,
        said: Vec<String>,
    }

    impl Summarised {
        fn new(me: Participant) -> Self {
            let full = self::meeting();
            Self {
                meeting: Meeting::new(full.summarised()),
                full,
                me,
                said: Vec::new(),
            }
        }

        /// The server folds `event`; the client gets what its audience gets.
        fn happens(&mut self, event: Event) {
            let envelope = self
                .full
                .next_envelope((self.full.seq + 1) * 1000, None, event.clone());
            self.full
                .apply(&envelope)
                .expect("the server's events fold");
            let before = Situation::of(&self.meeting, &self.me);
            if event.for_managers_only() {
                let view = self.full.queue_view();
                assert_eq!(self.meeting.fold_queue_view(&view), Fold::Applied);
                let mine =
                    self.full
                        .requests_of(&self.me.id, self.me.delegation.as_deref(), envelope.at);
                self.meeting
                    .fold_your_requests(self.full.seq, envelope.at, mine);
            } else {
                assert_eq!(self.meeting.fold_event(&envelope), Fold::Applied);
            }
            let after = Situation::of(&self.meeting, &self.me);
            self.said.extend(announcement(
                &self.meeting,
                &before,
                &after,
                Some(&event),
                |_| false,
            ));
        }
    }

    #[test]
    fn a_summarised_state_follows_views_and_your_requests() {
        let mut client = Summarised::new(person("d", Role::Attendee, None));
        for (id, who) in [(1, "a"), (2, "b"), (3, "c"), (4, "d")] {
            client.happens(raised(id, who, None));
        }
        // Four waiting: all four shown, rather than three and "1 more".
        let list = client.meeting.state.active_list().unwrap();
        assert_eq!((list.queue.len(), list.length), (4, 4));
        client.happens(raised(5, "e", None));
        let list = client.meeting.state.active_list().unwrap();
        assert_eq!((list.queue.len(), list.length), (3, 5));
        let mine = client.meeting.my_requests(&client.me);
        assert_eq!(mine.len(), 1);
        assert_eq!((mine[0].request.id, mine[0].position), (4, 4));
        assert_eq!(client.said, ["You are number 4 in the queue."]);
        client.happens(given(1, "a"));
        client.happens(Event::FloorEnded);
        client.happens(given(2, "b"));
        assert_eq!(
            client.said.last().map(String::as_str),
            Some("\u{2068}Name of b\u{2069} has the floor.")
        );
        client.happens(Event::FloorEnded);
        client.happens(given(3, "c"));
        assert_eq!(
            client.said.last().map(String::as_str),
            Some("\u{2068}Name of c\u{2069} has the floor. You are next in the queue.")
        );
        client.happens(Event::FloorEnded);
        client.happens(given(4, "d"));
        assert_eq!(
            client.said.last().map(String::as_str),
            Some("You have the floor.")
        );
        assert!(client.meeting.my_requests(&client.me).is_empty());
        assert_eq!(client.meeting.state.seq, client.full.seq);
    }

    #[test]
    fn a_summarised_state_forgets_requests_of_another_item() {
        let mut client = Summarised::new(person("a", Role::Attendee, None));
        client.happens(raised(1, "a", None));
        assert_eq!(client.meeting.my_requests(&client.me).len(), 1);
        client.happens(Event::CurrentItemChanged {
            item: ItemId::new("two"),
            waiting: protocol::Waiting::Keep,
        });
        assert!(client.meeting.my_requests(&client.me).is_empty());
        // Until the next view, the new item's list is unknown.
        assert!(client.meeting.state.active_list().is_none());
        assert_eq!(
            client.meeting.fold_queue_view(&client.full.queue_view()),
            Fold::Applied
        );
        assert_eq!(
            client.meeting.state.active_list().map(|list| &list.item),
            Some(&ItemId::new("two"))
        );
    }

    #[test]
    fn stale_views_and_requests_are_ignored() {
        let mut client = Summarised::new(person("a", Role::Attendee, None));
        client.happens(raised(1, "a", None));
        let old_view = client.full.queue_view();
        client.happens(Event::RequestWithdrawn {
            item: ItemId::new("one"),
            request: 1,
        });
        assert_eq!(client.meeting.fold_queue_view(&old_view), Fold::Duplicate);
        let stale = vec![MyRequest {
            position: 1,
            estimated_wait_ms: None,
            request: request("a", RequestKind::Intervention, None),
        }];
        assert_eq!(
            client.meeting.fold_your_requests(0, 0, stale),
            Fold::Duplicate
        );
        assert!(client.meeting.my_requests(&client.me).is_empty());
        // A full state takes neither.
        let mut full = Meeting::new(client.full.clone());
        assert_eq!(
            full.fold_queue_view(&client.full.queue_view()),
            Fold::Duplicate
        );
        assert_eq!(full.fold_your_requests(99, 0, Vec::new()), Fold::Duplicate);
    }

    #[test]
    fn merges_and_claims_are_noted_when_acknowledged() {
        let me = person("peru-2", Role::Attendee, Some("Peru"));
        let mut client = Summarised::new(me.clone());
        for id in 1..=3 {
            client.happens(raised(id, &format!("other-{id}"), None));
        }
        client.happens(raised(4, "peru-1", Some("Peru")));
        let mine = client.meeting.my_requests(&me);
        assert_eq!(mine.len(), 1, "the delegation's request is mine to act on");
        assert_eq!(own_request(&mine, &me), None, "but I did not ask");
        // I ask for the same: the server merges it (and repeats no `your_requests`,
        // since nothing moved).
        let before = Situation::of(&client.meeting, &me);
        assert_eq!(
            client.meeting.acknowledged(&Command::raise_hand(), &me),
            Fold::Applied
        );
        let mine = client.meeting.my_requests(&me);
        assert_eq!(own_request(&mine, &me).map(|m| m.request.id), Some(4));
        let after = Situation::of(&client.meeting, &me);
        assert_eq!(
            announcement(&client.meeting, &before, &after, None, |_| false).as_deref(),
            Some("You are number 4 in the queue.")
        );
        assert_eq!(
            client.meeting.acknowledged(&Command::raise_hand(), &me),
            Fold::Duplicate,
            "merged once"
        );
        assert_eq!(
            client
                .meeting
                .acknowledged(&Command::ClaimRequest { request: 4 }, &me),
            Fold::Applied
        );
        let mine = client.meeting.my_requests(&me);
        assert_eq!(mine[0].request.participant, me.id);
        assert!(mine[0].request.also.is_empty());
    }
}
