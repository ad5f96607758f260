//! The list of speakers as the page shows it: who may do what, the rows of the queue, the
//! viewer's own requests with their positions (their estimated waits:
//! [`Meeting::wait_ms`]), the chair's controls, and the commands the request form and the
//! buttons send.
//!
//! The order of the queue is the server's (folded by `protocol`); nothing here reorders
//! it. Everything is a pure function of the [`Meeting`] and the viewer, tested natively.

use crate::i18n::{self, Key};
use crate::model::{self, Meeting};
use protocol::limits::MAX_NOTE_CHARS;
use protocol::{
    Command, LanguageCode, MeetingState, Participant, ParticipantId, RequestId, RequestKind, Role,
};

/// Which parts of the list of speakers a role sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abilities {
    /// Asks for the floor: the request form and "your requests" (attendees, organisers).
    pub ask: bool,
    /// Manages the list: gives the floor, reorders, closes (the chair).
    pub chair: bool,
    /// Sees the whole list with every detail, notes included (the chair, organisers).
    pub full_list: bool,
}

impl Abilities {
    /// What `role` sees. The server refuses the others' commands anyway; this keeps the
    /// page from offering them.
    pub fn of(role: Role) -> Self {
        Self {
            ask: role.asks_for_floor(),
            chair: role.moderates(),
            full_list: role.sees_full_list(),
        }
    }
}

/// The command the hand button and the H shortcut send: withdraw the viewer's own
/// request when they have one, else ask for an intervention in their default language.
/// `None` when their role does not ask for the floor.
pub fn hand_command(meeting: &Meeting, me: &Participant) -> Option<Command> {
    if !Abilities::of(me.role).ask {
        return None;
    }
    Some(match model::own_request(&meeting.my_requests(me), me) {
        Some(own) => Command::LowerHand {
            request: Some(own.request.id),
        },
        None => Command::raise_hand(),
    })
}

/// The language a participant speaks unless they choose: their first language that the
/// meeting has, else the meeting's default (the server's rule for a request without one).
pub fn default_language(meeting: &MeetingState, me: &Participant) -> LanguageCode {
    me.languages
        .iter()
        .find(|language| meeting.info.languages.contains(language))
        .unwrap_or(&meeting.info.default_language)
        .clone()
}

/// The meeting's languages with their names, for the language selects.
pub fn language_options(meeting: &MeetingState) -> Vec<(LanguageCode, String)> {
    meeting
        .info
        .languages
        .iter()
        .map(|code| (code.clone(), i18n::language(code)))
        .collect()
}

/// The guiding questions of the item whose list is in use, numbered, for the question
/// select (requests go to that list, and name its item's questions).
pub fn question_options(meeting: &MeetingState) -> Vec<(u32, String)> {
    let Some(item) = meeting
        .active_item()
        .and_then(|item| meeting.item_position(item))
        .map(|index| &meeting.agenda[index])
    else {
        return Vec::new();
    };
    item.questions
        .iter()
        .zip(0..)
        .map(|(question, index)| {
            (
                index,
                i18n::question_numbered(index, model::localized(meeting, question)),
            )
        })
        .collect()
}

/// Whether a closed (or open) list takes requests of this kind: a closed one takes
/// points of order only.
pub fn kind_open(kind: RequestKind, closed: bool) -> bool {
    !closed || kind == RequestKind::PointOfOrder
}

/// What the request form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestDraft {
    /// What the floor is asked for.
    pub kind: RequestKind,
    /// For questions: the guiding question's 0-based index.
    pub question: Option<u32>,
    /// The language the viewer will speak.
    pub language: Option<LanguageCode>,
    /// The note for the chair, as typed.
    pub note: String,
}

/// Why the request form cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftError {
    /// The note is longer than [`MAX_NOTE_CHARS`].
    NoteTooLong,
}

impl DraftError {
    /// What to tell the viewer.
    pub fn message(self) -> String {
        match self {
            Self::NoteTooLong => i18n::note_too_long(MAX_NOTE_CHARS),
        }
    }
}

impl RequestDraft {
    /// The `raise_hand` the form sends: the question only for a question, the note on
    /// one line (line breaks and runs of spaces as one space, as the protocol wants it)
    /// and left out when empty.
    ///
    /// # Errors
    ///
    /// [`DraftError::NoteTooLong`] when the note has more than [`MAX_NOTE_CHARS`]
    /// characters.
    pub fn command(&self) -> Result<Command, DraftError> {
        let note = one_line(&self.note);
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(DraftError::NoteTooLong);
        }
        Ok(Command::RaiseHand {
            kind: self.kind,
            question: self.question.filter(|_| self.kind == RequestKind::Question),
            note: (!note.is_empty()).then_some(note),
            language: self.language.clone(),
        })
    }
}

/// How many characters a note has, as it is sent and the server counts them.
pub fn note_length(note: &str) -> usize {
    one_line(note).chars().count()
}

/// Text typed in a multi-line field as one line: every run of whitespace, line breaks
/// and tabs included, as one space, none at the ends.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One request in the queue, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QueueRow {
    /// The request.
    pub id: RequestId,
    /// Its 1-based position.
    pub position: u32,
    /// Who will speak.
    pub participant: ParticipantId,
    /// "Name (Delegation)".
    pub label: String,
    /// What for.
    pub kind: RequestKind,
    /// "in French".
    pub language: String,
    /// "Question 2: …", for a question on a guiding question.
    pub question: Option<String>,
    /// The note for the chair, to those who see notes.
    pub note: Option<String>,
    /// Made at registration, before the meeting.
    pub registered: bool,
    /// How many colleagues' same requests merged into it.
    pub also: usize,
    /// The viewer may act on it (theirs or their delegation's).
    pub mine: bool,
    /// The chair can move it up (it is below the points of order, not first after them).
    pub can_move_up: bool,
    /// The chair can move it down (not a point of order, not last).
    pub can_move_down: bool,
}

/// The requests of the list in use, in the server's order: all of them for a full state,
/// the first few for a summarised one.
pub fn queue_rows(meeting: &MeetingState, me: &Participant) -> Vec<QueueRow> {
    let Some(list) = meeting.active_list() else {
        return Vec::new();
    };
    let questions = question_options(meeting);
    let sees_notes = Abilities::of(me.role).full_list;
    let points_of_order = list.points_of_order();
    let length = usize::try_from(list.length)
        .unwrap_or(usize::MAX)
        .max(list.queue.len());
    list.queue
        .iter()
        .enumerate()
        .map(|(index, request)| {
            let mine = request.concerns(&me.id, me.delegation.as_deref());
            let movable = request.kind != RequestKind::PointOfOrder;
            QueueRow {
                id: request.id,
                position: u32::try_from(index + 1).unwrap_or(u32::MAX),
                participant: request.participant.clone(),
                label: i18n::name_with_delegation(&request.name, request.delegation.as_deref()),
                kind: request.kind,
                language: i18n::speaks_in(&request.language),
                question: request.question.and_then(|asked| {
                    questions
                        .iter()
                        .find(|(index, _)| *index == asked)
                        .map(|(_, text)| text.clone())
                }),
                note: request.note.clone().filter(|_| sees_notes || mine),
                registered: request.registered,
                also: request.also.len(),
                mine,
                can_move_up: movable && index > points_of_order,
                can_move_down: movable && index + 1 < length,
            }
        })
        .collect()
}

/// The chair's command to move a request one place up or down, when it can move so.
pub fn move_command(row: &QueueRow, up: bool) -> Option<Command> {
    let position = if up {
        row.can_move_up.then(|| row.position - 1)?
    } else {
        row.can_move_down.then(|| row.position + 1)?
    };
    Some(Command::MoveRequest {
        request: row.id,
        position,
    })
}

/// What everyone sees of the list in use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueSummary {
    /// How many requests wait.
    pub length: u32,
    /// How many of them are not shown (a summarised state shows the first few).
    pub more: u32,
    /// Only points of order are taken.
    pub closed: bool,
    /// First-time speakers go first.
    pub first_time_first: bool,
}

/// The summary of the list in use.
pub fn queue_summary(meeting: &MeetingState) -> QueueSummary {
    meeting
        .active_list()
        .map(|list| {
            let shown = u32::try_from(list.queue.len()).unwrap_or(u32::MAX);
            QueueSummary {
                length: list.length.max(shown),
                more: list.length.saturating_sub(shown),
                closed: list.closed,
                first_time_first: list.first_time_first,
            }
        })
        .unwrap_or_default()
}

/// One of the viewer's requests (theirs or their delegation's), as "your requests" shows
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MyRow {
    /// The request.
    pub id: RequestId,
    /// Its 1-based position; 1 means next.
    pub position: u32,
    /// What for.
    pub kind: RequestKind,
    /// Who will speak for it.
    pub speaker: String,
    /// The viewer asked for it (or merged into it): it is their own hand.
    pub own: bool,
    /// The viewer will be the one to speak.
    pub speaks: bool,
    /// The viewer can speak for it instead of the colleague who asked.
    pub can_claim: bool,
}

/// The viewer's requests, first in line first.
pub fn my_rows(meeting: &Meeting, me: &Participant) -> Vec<MyRow> {
    let mine = meeting.my_requests(me);
    let own = model::own_request(&mine, me).map(|own| own.request.id);
    let busy = model::has_floor(&meeting.state, me);
    mine.iter()
        .map(|mine| {
            let request = &mine.request;
            let speaks = request.participant == me.id;
            MyRow {
                id: request.id,
                position: mine.position,
                kind: request.kind,
                speaker: request.name.clone(),
                own: own == Some(request.id),
                speaks,
                can_claim: !speaks
                    && !busy
                    && own.is_none_or(|own| own == request.id)
                    && request.delegation.is_some()
                    && request.delegation == me.delegation,
            }
        })
        .collect()
}

/// What the chair's controls of the list and the floor can do now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChairState {
    /// How many requests wait (give floor to next, lower all hands).
    pub waiting: u32,
    /// The list is closed.
    pub closed: bool,
    /// First-time speakers go first.
    pub first_time_first: bool,
    /// Someone has the floor (end speech, pause).
    pub speaking: bool,
    /// The timer is paused (resume).
    pub paused: bool,
    /// The last speaker, when they can be put back at the top of the list (they neither
    /// speak nor wait).
    pub readd: Option<String>,
    /// The item's speaking-time limit in seconds, its own or the meeting's.
    pub speaking_time: Option<u32>,
    /// The limit is the meeting's default, not the item's own.
    pub speaking_time_is_default: bool,
}

/// The chair's controls' state for the list in use.
pub fn chair_state(meeting: &MeetingState) -> ChairState {
    let Some(list) = meeting.active_list() else {
        return ChairState::default();
    };
    let waits = |participant: &ParticipantId| {
        list.queue.iter().any(|request| {
            &request.participant == participant || request.also.contains(participant)
        })
    };
    let speaks = |participant: &ParticipantId| {
        meeting
            .floor
            .as_ref()
            .is_some_and(|speaker| &speaker.participant == participant)
    };
    ChairState {
        waiting: list.length,
        closed: list.closed,
        first_time_first: list.first_time_first,
        speaking: meeting.floor.is_some(),
        paused: meeting
            .floor
            .as_ref()
            .is_some_and(|speaker| speaker.paused_at.is_some()),
        readd: list
            .last_speaker
            .as_ref()
            .filter(|last| !waits(&last.participant) && !speaks(&last.participant))
            .map(|last| i18n::name_with_delegation(&last.name, last.delegation.as_deref())),
        speaking_time: meeting.speaking_time(&list.item),
        speaking_time_is_default: list.speaking_time_seconds.is_none(),
    }
}

/// The chair's `give_floor` to someone not in the list (a panelist, say).
///
/// # Errors
///
/// [`Key::NameRequired`] without a name.
pub fn give_floor_to_other(
    name: &str,
    delegation: &str,
    language: Option<LanguageCode>,
) -> Result<Command, Key> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Key::NameRequired);
    }
    let delegation = delegation.trim();
    Ok(Command::GiveFloor {
        request: None,
        participant: None,
        name: Some(name.to_owned()),
        delegation: (!delegation.is_empty()).then(|| delegation.to_owned()),
        language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::{folded, given, meeting, person, raised, raised_kind, request};
    use protocol::{Event, ItemId};

    #[test]
    fn roles_see_what_they_may_use() {
        let attendee = Abilities::of(Role::Attendee);
        assert!(attendee.ask && !attendee.chair && !attendee.full_list);
        let chair = Abilities::of(Role::Chair);
        assert!(!chair.ask && chair.chair && chair.full_list);
        let organiser = Abilities::of(Role::Organiser);
        assert!(organiser.ask && !organiser.chair && organiser.full_list);
        let interpreter = Abilities::of(Role::Interpreter);
        assert!(!interpreter.ask && !interpreter.chair && !interpreter.full_list);
    }

    #[test]
    fn the_hand_raises_an_intervention_and_withdraws_my_own_request() {
        let me = person("b", Role::Organiser, Some("Peru"));
        let empty = Meeting::new(meeting());
        assert_eq!(hand_command(&empty, &me), Some(Command::raise_hand()));
        let mine = Meeting::new(folded(&[
            raised(1, "a", None),
            raised(2, "b", Some("Peru")),
        ]));
        assert_eq!(
            hand_command(&mine, &me),
            Some(Command::LowerHand { request: Some(2) })
        );
        // A colleague's request is not my hand.
        let colleague = Meeting::new(folded(&[raised(1, "c", Some("Peru"))]));
        assert_eq!(hand_command(&colleague, &me), Some(Command::raise_hand()));
        let chair = person("chair", Role::Chair, None);
        assert_eq!(hand_command(&mine, &chair), None);
    }

    #[test]
    fn the_request_form_sends_what_it_holds() {
        let draft = RequestDraft {
            kind: RequestKind::Question,
            question: Some(1),
            language: Some(LanguageCode::new("fr")),
            note: "  On the\n\n budget\t 2021 ".into(),
        };
        assert_eq!(
            draft.command(),
            Ok(Command::RaiseHand {
                kind: RequestKind::Question,
                question: Some(1),
                note: Some("On the budget 2021".into()),
                language: Some(LanguageCode::new("fr")),
            })
        );
        let intervention = RequestDraft {
            kind: RequestKind::Intervention,
            note: "   ".into(),
            ..draft.clone()
        };
        assert_eq!(
            intervention.command(),
            Ok(Command::RaiseHand {
                kind: RequestKind::Intervention,
                question: None,
                note: None,
                language: Some(LanguageCode::new("fr")),
            }),
            "only questions name a guiding question"
        );
        let long = RequestDraft {
            note: "é".repeat(MAX_NOTE_CHARS + 1),
            ..draft.clone()
        };
        assert_eq!(long.command(), Err(DraftError::NoteTooLong));
        assert!(DraftError::NoteTooLong.message().contains("280"));
        let just = RequestDraft {
            note: "é".repeat(MAX_NOTE_CHARS),
            ..draft
        };
        assert!(just.command().is_ok(), "characters, not bytes, are counted");
        assert!(kind_open(RequestKind::PointOfOrder, true));
        assert!(!kind_open(RequestKind::Intervention, true));
        assert!(kind_open(RequestKind::Question, false));
    }

    #[test]
    fn languages_and_questions_come_from_the_meeting() {
        let state = meeting();
        let mut me = person("a", Role::Attendee, None);
        assert_eq!(default_language(&state, &me), LanguageCode::new("en"));
        me.languages = vec![LanguageCode::new("ar"), LanguageCode::new("fr")];
        assert_eq!(default_language(&state, &me), LanguageCode::new("fr"));
        assert_eq!(
            language_options(&state),
            [
                (LanguageCode::new("en"), "English".to_owned()),
                (LanguageCode::new("fr"), "French".to_owned())
            ]
        );
        // Before the meeting starts, requests go to the first item's list.
        assert_eq!(
            question_options(&state),
            [
                (0, "Question 1: \u{2068}Why?\u{2069}".to_owned()),
                (1, "Question 2: \u{2068}How?\u{2069}".to_owned())
            ]
        );
        let second = folded(&[Event::CurrentItemChanged {
            item: ItemId::new("two"),
            waiting: protocol::Waiting::Keep,
        }]);
        assert!(question_options(&second).is_empty());
    }

    #[test]
    fn the_queue_shows_details_and_where_requests_can_move() {
        let mut question = request("c", RequestKind::Question, Some("Chile"));
        question.id = 3;
        question.question = Some(1);
        question.note = Some("Budget".into());
        question.registered = true;
        let state = folded(&[
            raised(1, "a", None),
            raised_kind(2, "b", RequestKind::PointOfOrder, None),
            Event::FloorRequested {
                item: ItemId::new("one"),
                request: question,
                top: false,
            },
            Event::RequestMerged {
                item: ItemId::new("one"),
                request: 3,
                participant: ParticipantId::new("c-2"),
                name: "C 2".into(),
            },
        ]);
        let chair = person("chair", Role::Chair, None);
        let rows = queue_rows(&state, &chair);
        let ids: Vec<_> = rows.iter().map(|row| (row.id, row.position)).collect();
        assert_eq!(ids, [(2, 1), (1, 2), (3, 3)], "points of order first");
        let moves: Vec<_> = rows
            .iter()
            .map(|row| (row.can_move_up, row.can_move_down))
            .collect();
        assert_eq!(moves, [(false, false), (false, true), (true, false)]);
        assert_eq!(move_command(&rows[0], true), None);
        assert_eq!(
            move_command(&rows[1], false),
            Some(Command::MoveRequest {
                request: 1,
                position: 3
            })
        );
        assert_eq!(
            move_command(&rows[2], true),
            Some(Command::MoveRequest {
                request: 3,
                position: 2
            })
        );
        let row = &rows[2];
        assert_eq!(
            row.label,
            "\u{2068}Name of c\u{2069} (\u{2068}Chile\u{2069})"
        );
        assert_eq!(row.language, "in English");
        assert_eq!(
            row.question.as_deref(),
            Some("Question 2: \u{2068}How?\u{2069}")
        );
        assert_eq!(row.note.as_deref(), Some("Budget"));
        assert!(row.registered);
        assert_eq!(row.also, 1);
        // Notes are for the chair (and the requester's delegation).
        let other = person("x", Role::Attendee, None);
        assert_eq!(queue_rows(&state, &other)[2].note, None);
        let colleague = person("c-3", Role::Attendee, Some("Chile"));
        let row = &queue_rows(&state, &colleague)[2];
        assert!(row.mine);
        assert_eq!(row.note.as_deref(), Some("Budget"));
    }

    #[test]
    fn a_summary_tells_how_many_are_not_shown() {
        let events: Vec<Event> = (1..=5)
            .map(|id| raised(id, &format!("p{id}"), None))
            .chain([Event::ListClosed {
                item: ItemId::new("one"),
            }])
            .collect();
        let full = folded(&events);
        let summary = queue_summary(&full.summarised());
        assert_eq!(
            summary,
            QueueSummary {
                length: 5,
                more: 2,
                closed: true,
                first_time_first: false
            }
        );
        assert_eq!(queue_summary(&full).more, 0);
        let me = person("x", Role::Attendee, None);
        assert_eq!(queue_rows(&full.summarised(), &me).len(), 3);
    }

    #[test]
    fn my_requests_show_positions_waits_and_what_i_can_do() {
        let me = person("peru-2", Role::Organiser, Some("Peru"));
        let state = folded(&[
            raised(1, "a", None),
            raised_kind(2, "peru-1", RequestKind::Question, Some("Peru")),
            raised(3, "peru-2", Some("Peru")),
        ]);
        let rows = my_rows(&Meeting::new(state.clone()), &me);
        assert_eq!(
            rows,
            [
                MyRow {
                    id: 2,
                    position: 2,
                    kind: RequestKind::Question,
                    speaker: "Name of peru-1".into(),
                    own: false,
                    speaks: false,
                    can_claim: false,
                },
                MyRow {
                    id: 3,
                    position: 3,
                    kind: RequestKind::Intervention,
                    speaker: "Name of peru-2".into(),
                    own: true,
                    speaks: true,
                    can_claim: false,
                }
            ],
            "with a hand of my own, I cannot speak for another request"
        );
        let alone = folded(&[
            raised(1, "a", None),
            raised_kind(2, "peru-1", RequestKind::Question, Some("Peru")),
        ]);
        assert!(my_rows(&Meeting::new(alone), &me)[0].can_claim);

        // Before the meeting starts nobody knows when the first item's list begins: no
        // wait is estimated.
        assert_eq!(Meeting::new(state).wait_ms(3, 0), None);
        // Once it has started, a full state works the waits out: 3 minutes for each
        // request ahead.
        let started = Event::CurrentItemChanged {
            item: protocol::ItemId::new("one"),
            waiting: protocol::Waiting::Keep,
        };
        let state = folded(&[
            raised(1, "a", None),
            raised_kind(2, "peru-1", RequestKind::Question, Some("Peru")),
            raised(3, "peru-2", Some("Peru")),
            started.clone(),
        ]);
        let mine = Meeting::new(state);
        assert_eq!(mine.wait_ms(1, 0), Some(0));
        assert_eq!(mine.wait_ms(3, 0), Some(360_000));
        let speaking = folded(&[
            raised(1, "a", None),
            raised(2, "b", None),
            raised(3, "c", None),
            given(1, "a"),
            started,
        ]);
        // `given` folds at seq 4, at 4 000 ms; 2 minutes later 1 minute is left.
        assert_eq!(
            Meeting::new(speaking.clone()).wait_ms(2, 124_000),
            Some(60_000)
        );
        assert_eq!(
            Meeting::new(speaking.clone()).wait_ms(3, 124_000),
            Some(240_000)
        );
        let mut unlimited = speaking.clone();
        unlimited.info.speaking_time_seconds = None;
        assert_eq!(Meeting::new(unlimited).wait_ms(2, 124_000), None);

        // A summarised state shows the server's estimates, counted down while the speech
        // in progress has time left.
        let mut told = Meeting::new(speaking.summarised());
        let at = 64_000;
        let requests = speaking.requests_of(&ParticipantId::new("c"), None, at);
        assert_eq!(requests[0].estimated_wait_ms, Some(300_000));
        told.fold_your_requests(speaking.seq, at, requests);
        assert_eq!(told.wait_ms(3, at), Some(300_000));
        assert_eq!(told.wait_ms(3, 124_000), Some(240_000));
        assert_eq!(
            told.wait_ms(3, 900_000),
            Some(180_000),
            "the speech ran over"
        );
        assert_eq!(told.wait_ms(2, 124_000), None, "not the viewer's");
    }

    #[test]
    fn the_chair_sees_what_the_controls_can_do() {
        let state = folded(&[
            raised(1, "a", None),
            raised(2, "b", None),
            given(1, "a"),
            Event::FloorPaused,
        ]);
        let controls = chair_state(&state);
        assert_eq!(
            controls,
            ChairState {
                waiting: 1,
                closed: false,
                first_time_first: false,
                speaking: true,
                paused: true,
                readd: None,
                speaking_time: Some(180),
                speaking_time_is_default: true,
            }
        );
        let ended = folded(&[
            raised(1, "a", None),
            given(1, "a"),
            Event::FloorEnded,
            Event::SpeakingTimeSet {
                item: ItemId::new("one"),
                seconds: Some(60),
            },
            Event::FirstTimeFirstSet {
                item: ItemId::new("one"),
                on: true,
            },
        ]);
        let controls = chair_state(&ended);
        assert_eq!(controls.readd.as_deref(), Some("Name of a"));
        assert_eq!(controls.speaking_time, Some(60));
        assert!(!controls.speaking_time_is_default);
        assert!(controls.first_time_first);
        assert!(!controls.speaking);
    }

    #[test]
    fn the_floor_goes_to_someone_not_in_the_list_by_name() {
        assert_eq!(give_floor_to_other("  ", "", None), Err(Key::NameRequired));
        assert_eq!(
            give_floor_to_other(" Dr. Ana Ruiz ", " ", Some(LanguageCode::new("fr"))),
            Ok(Command::GiveFloor {
                request: None,
                participant: None,
                name: Some("Dr. Ana Ruiz".into()),
                delegation: None,
                language: Some(LanguageCode::new("fr")),
            })
        );
        assert_eq!(note_length("  abc "), 3);
    }
}
