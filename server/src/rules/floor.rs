//! The list of speakers: requests for the floor, the chair's management of the list,
//! and the speech in progress. Orders are decided by the fold (see
//! [`protocol::speakers`]); these rules decide who may do what.

use super::{Rejection, require_chair};
use protocol::limits::{MAX_NAME_CHARS, MAX_NOTE_CHARS, SPEAKING_TIME_RANGE};
use protocol::{
    ErrorCode, Event, FloorRequest, ItemId, LanguageCode, MeetingState, Participant, ParticipantId,
    RequestId, RequestKind, SpeakersList,
};

/// The list in use and its item.
fn active(state: &MeetingState) -> Result<(&ItemId, &SpeakersList), Rejection> {
    state
        .active_list()
        .map(|list| (&list.item, list))
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "the agenda has no items"))
}

fn find(list: &SpeakersList, id: RequestId) -> Result<&FloorRequest, Rejection> {
    list.index_of(id)
        .map(|index| &list.queue[index])
        .ok_or_else(|| {
            Rejection::new(
                ErrorCode::NotFound,
                format!("request {id} is not in the list of speakers"),
            )
        })
}

/// Whether `participant` waits in `list`, as a requester or merged into a request.
fn waits(list: &SpeakersList, participant: &ParticipantId) -> bool {
    list.queue
        .iter()
        .any(|request| &request.participant == participant || request.also.contains(participant))
}

fn has_floor(state: &MeetingState, participant: &ParticipantId) -> bool {
    state
        .floor
        .as_ref()
        .is_some_and(|speaker| &speaker.participant == participant)
}

fn meeting_language(
    state: &MeetingState,
    language: Option<&LanguageCode>,
) -> Result<Option<LanguageCode>, Rejection> {
    match language {
        Some(language) if !state.info.languages.contains(language) => Err(Rejection::new(
            ErrorCode::Invalid,
            format!("`{language}` is not a language of this meeting"),
        )),
        other => Ok(other.cloned()),
    }
}

/// The language a participant speaks when they do not say: their first language the
/// meeting has, else the meeting's default.
fn default_language(state: &MeetingState, sender: &Participant) -> LanguageCode {
    sender
        .languages
        .iter()
        .find(|language| state.info.languages.contains(language))
        .unwrap_or(&state.info.default_language)
        .clone()
}

/// A request's fields as the sender gave them.
pub(super) struct Ask<'a> {
    pub kind: RequestKind,
    pub question: Option<u32>,
    pub note: Option<&'a str>,
    pub language: Option<&'a LanguageCode>,
}

pub(super) fn raise_hand(
    state: &MeetingState,
    sender: &Participant,
    ask: Ask<'_>,
) -> Result<Vec<Event>, Rejection> {
    if !sender.role.asks_for_floor() {
        return Err(Rejection::forbidden(
            "attendees and organisers ask for the floor",
        ));
    }
    let (item, list) = active(state)?;
    let note = ask.note.map(str::trim).filter(|note| !note.is_empty());
    if let Some(note) = note {
        super::free_text("the note", note, MAX_NOTE_CHARS)?;
    }
    let language =
        meeting_language(state, ask.language)?.unwrap_or_else(|| default_language(state, sender));
    if let Some(question) = ask.question {
        if ask.kind != RequestKind::Question {
            return Err(Rejection::new(
                ErrorCode::Invalid,
                "only a question can name a guiding question",
            ));
        }
        let questions = state
            .agenda
            .iter()
            .find(|candidate| &candidate.id == item)
            .map_or(0, |item| item.questions.len());
        if usize::try_from(question).unwrap_or(usize::MAX) >= questions {
            return Err(Rejection::new(
                ErrorCode::NotFound,
                format!("this item has no guiding question {question}"),
            ));
        }
    }
    if has_floor(state, &sender.id) {
        return Err(Rejection::new(ErrorCode::Conflict, "you have the floor"));
    }
    if waits(list, &sender.id) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "you are already in the list of speakers",
        ));
    }
    let point_of_order = ask.kind == RequestKind::PointOfOrder;
    if list.closed && !point_of_order {
        return Err(Rejection::new(
            ErrorCode::ListClosed,
            "the list of speakers is closed; only points of order are taken",
        ));
    }
    if let Some(delegation) = sender.delegation.as_deref() {
        let ours = list
            .queue
            .iter()
            .filter(|request| request.delegation.as_deref() == Some(delegation));
        if let Some(same) = ours.clone().find(|request| request.kind == ask.kind) {
            return Ok(vec![Event::RequestMerged {
                item: item.clone(),
                request: same.id,
                participant: sender.id.clone(),
                name: sender.name.clone(),
            }]);
        }
        if let Some(cap) = state.info.max_requests_per_delegation
            && !point_of_order
            && ours
                .filter(|request| request.kind != RequestKind::PointOfOrder)
                .count()
                >= usize::try_from(cap).unwrap_or(usize::MAX)
        {
            return Err(Rejection::new(
                ErrorCode::LimitReached,
                format!("your delegation already has {cap} requests in the list"),
            ));
        }
    }
    Ok(vec![Event::FloorRequested {
        item: item.clone(),
        request: FloorRequest {
            id: state.next_request,
            kind: ask.kind,
            participant: sender.id.clone(),
            name: sender.name.clone(),
            delegation: sender.delegation.clone(),
            language,
            question: ask.question,
            note: note.map(str::to_owned),
            raised_at: 0,
            registered: false,
            also: Vec::new(),
            asked_by: vec![protocol::speakers::Member {
                participant: sender.id.clone(),
                name: sender.name.clone(),
            }],
        },
        top: false,
    }])
}

pub(super) fn lower_hand(
    state: &MeetingState,
    sender: &Participant,
    request: Option<RequestId>,
) -> Result<Vec<Event>, Rejection> {
    let (item, list) = active(state)?;
    let request = match request {
        Some(id) => {
            let request = find(list, id)?;
            if !sender.role.moderates()
                && !request.concerns(&sender.id, sender.delegation.as_deref())
            {
                return Err(Rejection::forbidden(
                    "the chair can remove someone else's request",
                ));
            }
            request
        }
        None => list
            .queue
            .iter()
            .find(|request| request.participant == sender.id || request.also.contains(&sender.id))
            .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "your hand is not raised"))?,
    };
    Ok(vec![Event::RequestWithdrawn {
        item: item.clone(),
        request: request.id,
    }])
}

pub(super) fn claim_request(
    state: &MeetingState,
    sender: &Participant,
    id: RequestId,
) -> Result<Vec<Event>, Rejection> {
    let (item, list) = active(state)?;
    let request = find(list, id)?;
    if request.delegation.is_none() || request.delegation != sender.delegation {
        return Err(Rejection::forbidden(
            "members of the request's delegation can speak for it",
        ));
    }
    if request.participant == sender.id {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "you already speak for it",
        ));
    }
    let elsewhere = list.queue.iter().any(|other| {
        other.id != id && (other.participant == sender.id || other.also.contains(&sender.id))
    });
    if elsewhere || has_floor(state, &sender.id) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "you already have another request or the floor",
        ));
    }
    Ok(vec![Event::RequestClaimed {
        item: item.clone(),
        request: id,
        participant: sender.id.clone(),
        name: sender.name.clone(),
    }])
}

/// Whom the chair gives the floor to.
pub(super) struct Recipient<'a> {
    pub request: Option<RequestId>,
    pub participant: Option<&'a ParticipantId>,
    pub name: Option<&'a str>,
    pub delegation: Option<&'a str>,
    pub language: Option<&'a LanguageCode>,
}

pub(super) fn give_floor(
    state: &MeetingState,
    sender: &Participant,
    to: Recipient<'_>,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    let limit_seconds = state.speaking_time(item);
    let name = to.name.map(str::trim).filter(|name| !name.is_empty());
    if let Some(name) = name {
        super::free_text("the name", name, MAX_NAME_CHARS)?;
    }
    if let Some(delegation) = to.delegation {
        super::free_text("the delegation", delegation, MAX_NAME_CHARS)?;
    }
    let from_request = |request: &FloorRequest, speaker: Option<&ParticipantId>| {
        // A member who asked for the request speaks under their own name, as the request
        // records it, whichever way the chair names them; the name the chair gives only
        // stands in when the request does not know the member's.
        let (participant, name) = match speaker {
            Some(member) if member != &request.participant => (
                member.clone(),
                request
                    .name_of(member)
                    .or(name)
                    .unwrap_or(member.as_str())
                    .to_owned(),
            ),
            _ => (request.participant.clone(), request.name.clone()),
        };
        Event::FloorGiven {
            participant,
            name,
            delegation: request.delegation.clone(),
            item: item.clone(),
            request: Some(request.id),
            kind: request.kind,
            language: Some(request.language.clone()),
            limit_seconds,
        }
    };
    let given = if let Some(id) = to.request {
        from_request(find(list, id)?, None)
    } else if let Some(participant) = to.participant
        && let Some(request) = list.queue.iter().find(|request| {
            &request.participant == participant || request.also.contains(participant)
        })
    {
        from_request(request, Some(participant))
    } else if to.participant.is_some() || name.is_some() {
        let Some(name) = name else {
            return Err(Rejection::new(
                ErrorCode::NotFound,
                "this participant is not in the list of speakers; give a name to give them the floor directly",
            ));
        };
        let participant = to
            .participant
            .cloned()
            .unwrap_or_else(|| ParticipantId::new(format!("guest:{name}")));
        Event::FloorGiven {
            participant,
            name: name.to_owned(),
            delegation: to.delegation.map(str::to_owned),
            item: item.clone(),
            request: None,
            kind: RequestKind::Intervention,
            language: meeting_language(state, to.language)?,
            limit_seconds,
        }
    } else {
        let first = list
            .queue
            .first()
            .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "the list of speakers is empty"))?;
        from_request(first, None)
    };
    let mut events = Vec::with_capacity(2);
    if state.floor.is_some() {
        events.push(Event::FloorEnded);
    }
    events.push(given);
    Ok(events)
}

pub(super) fn end_floor(
    state: &MeetingState,
    sender: &Participant,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    if state.floor.is_none() {
        return Err(Rejection::new(ErrorCode::Conflict, "nobody has the floor"));
    }
    Ok(vec![Event::FloorEnded])
}

pub(super) fn pause_floor(
    state: &MeetingState,
    sender: &Participant,
    pause: bool,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let speaker = state
        .floor
        .as_ref()
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "nobody has the floor"))?;
    match (pause, speaker.paused_at.is_some()) {
        (true, false) => Ok(vec![Event::FloorPaused]),
        (false, true) => Ok(vec![Event::FloorResumed]),
        (true, true) => Err(Rejection::new(
            ErrorCode::Conflict,
            "the timer is already paused",
        )),
        (false, false) => Err(Rejection::new(ErrorCode::Conflict, "the timer is running")),
    }
}

pub(super) fn move_request(
    state: &MeetingState,
    sender: &Participant,
    id: RequestId,
    position: u32,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    let request = find(list, id)?;
    if request.kind == RequestKind::PointOfOrder {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "points of order keep their order of arrival",
        ));
    }
    let lowest = list.points_of_order() + 1;
    let target = usize::try_from(position).unwrap_or(usize::MAX);
    if target < lowest || target > list.queue.len() {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!("the position must be from {lowest} to {}", list.queue.len()),
        ));
    }
    if list.index_of(id) == Some(target - 1) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the request is already there",
        ));
    }
    Ok(vec![Event::RequestMoved {
        item: item.clone(),
        request: id,
        position,
    }])
}

pub(super) fn clear_queue(
    state: &MeetingState,
    sender: &Participant,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    if list.queue.is_empty() {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the list of speakers is empty",
        ));
    }
    Ok(vec![Event::QueueCleared {
        item: item.clone(),
        count: u32::try_from(list.queue.len()).unwrap_or(u32::MAX),
    }])
}

pub(super) fn set_list_open(
    state: &MeetingState,
    sender: &Participant,
    open: bool,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    if list.closed != open {
        let already = if open { "open" } else { "closed" };
        return Err(Rejection::new(
            ErrorCode::Conflict,
            format!("the list of speakers is already {already}"),
        ));
    }
    let item = item.clone();
    Ok(vec![if open {
        Event::ListReopened { item }
    } else {
        Event::ListClosed { item }
    }])
}

pub(super) fn set_first_time_first(
    state: &MeetingState,
    sender: &Participant,
    on: bool,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    if list.first_time_first == on {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the list is already ordered so",
        ));
    }
    Ok(vec![Event::FirstTimeFirstSet {
        item: item.clone(),
        on,
    }])
}

pub(super) fn readd_last_speaker(
    state: &MeetingState,
    sender: &Participant,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    let last = list
        .last_speaker
        .as_ref()
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "nobody has spoken on this item yet"))?;
    if has_floor(state, &last.participant) || waits(list, &last.participant) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the last speaker has the floor or is already in the list",
        ));
    }
    let mut request = last.clone();
    request.id = state.next_request;
    if !state.info.languages.contains(&request.language) {
        request.language = state.info.default_language.clone();
    }
    Ok(vec![Event::FloorRequested {
        item: item.clone(),
        request,
        top: true,
    }])
}

pub(super) fn set_speaking_time(
    state: &MeetingState,
    sender: &Participant,
    seconds: Option<u32>,
) -> Result<Vec<Event>, Rejection> {
    require_chair(sender)?;
    let (item, list) = active(state)?;
    if let Some(seconds) = seconds
        && !SPEAKING_TIME_RANGE.contains(&seconds)
    {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!(
                "a speaking time is from {} to {} seconds",
                SPEAKING_TIME_RANGE.start(),
                SPEAKING_TIME_RANGE.end()
            ),
        ));
    }
    if list.speaking_time_seconds == seconds {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the speaking time is already so",
        ));
    }
    Ok(vec![Event::SpeakingTimeSet {
        item: item.clone(),
        seconds,
    }])
}

#[cfg(test)]
mod tests {
    use super::super::decide;
    use super::super::test_support::{meeting, person, run};
    use protocol::{Command, ErrorCode, MeetingState, Participant, RequestKind, Role};

    fn code_of(state: &MeetingState, sender: &Participant, command: Command) -> ErrorCode {
        decide(state, sender, &command).unwrap_err().code
    }

    fn ask(kind: RequestKind) -> Command {
        Command::RaiseHand {
            kind,
            question: None,
            note: None,
            language: None,
        }
    }

    fn delegate(id: &str, delegation: &str) -> Participant {
        let mut someone = person(id, Role::Attendee);
        someone.delegation = Some(delegation.into());
        someone
    }

    fn waiting(state: &MeetingState) -> Vec<&str> {
        state
            .active_list()
            .unwrap()
            .queue
            .iter()
            .map(|request| request.participant.as_str())
            .collect()
    }

    #[test]
    fn giving_the_floor_while_someone_speaks_ends_that_speech_first() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let (a, b) = (person("a", Role::Attendee), person("b", Role::Attendee));
        run(&mut state, &a, Command::raise_hand());
        run(&mut state, &b, Command::raise_hand());
        run(&mut state, &chair, Command::give_floor_next());
        let events = decide(&state, &chair, &Command::give_floor_next()).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0], protocol::Event::FloorEnded);
        run(&mut state, &chair, Command::give_floor_next());
        assert_eq!(state.floor.as_ref().unwrap().participant, b.id);
        assert_eq!(
            state
                .active_list()
                .unwrap()
                .last_speaker
                .as_ref()
                .unwrap()
                .participant,
            a.id
        );
    }

    #[test]
    fn a_delegation_merges_same_requests_and_is_capped() {
        let mut state = meeting(); // at most two requests per delegation
        let (one, two, three) = (
            delegate("p1", "Peru"),
            delegate("p2", "Peru"),
            delegate("p3", "Peru"),
        );
        run(&mut state, &one, ask(RequestKind::Intervention));
        let merged = decide(&state, &two, &ask(RequestKind::Intervention)).unwrap();
        assert!(matches!(
            merged[..],
            [protocol::Event::RequestMerged { .. }]
        ));
        run(&mut state, &two, ask(RequestKind::Question));
        assert_eq!(
            code_of(&state, &three, ask(RequestKind::RightOfReply)),
            ErrorCode::LimitReached
        );
        // Points of order are never capped.
        run(&mut state, &three, ask(RequestKind::PointOfOrder));
        assert_eq!(waiting(&state), ["p3", "p1", "p2"]);
    }

    #[test]
    fn a_closed_list_takes_points_of_order_only() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        run(&mut state, &chair, Command::CloseList);
        let a = person("a", Role::Attendee);
        assert_eq!(
            code_of(&state, &a, Command::raise_hand()),
            ErrorCode::ListClosed
        );
        run(&mut state, &a, ask(RequestKind::PointOfOrder));
        assert_eq!(
            code_of(&state, &chair, Command::CloseList),
            ErrorCode::Conflict
        );
    }

    #[test]
    fn points_of_order_cannot_be_moved_nor_passed() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        run(
            &mut state,
            &person("a", Role::Attendee),
            Command::raise_hand(),
        );
        run(
            &mut state,
            &person("p", Role::Attendee),
            ask(RequestKind::PointOfOrder),
        );
        let list = state.active_list().unwrap();
        let (point, other) = (list.queue[0].id, list.queue[1].id);
        let moving = |request, position| Command::MoveRequest { request, position };
        assert_eq!(
            code_of(&state, &chair, moving(point, 2)),
            ErrorCode::Conflict
        );
        assert_eq!(
            code_of(&state, &chair, moving(other, 1)),
            ErrorCode::Invalid
        );
        assert_eq!(
            code_of(&state, &chair, moving(other, 2)),
            ErrorCode::Conflict
        );
    }

    #[test]
    fn only_the_chair_manages_and_requests_need_a_speaking_role() {
        let mut state = meeting();
        let a = person("a", Role::Attendee);
        run(&mut state, &a, Command::raise_hand());
        let request = state.active_list().unwrap().queue[0].id;
        let b = person("b", Role::Attendee);
        for command in [
            Command::give_floor_next(),
            Command::EndFloor,
            Command::ClearQueue,
            Command::ReopenList,
            Command::SetFirstTimeFirst { on: true },
            Command::LowerHand {
                request: Some(request),
            },
        ] {
            assert_eq!(code_of(&state, &b, command), ErrorCode::Forbidden);
        }
        assert_eq!(
            code_of(
                &state,
                &person("i", Role::Interpreter),
                Command::raise_hand()
            ),
            ErrorCode::Forbidden
        );
        assert_eq!(
            code_of(&state, &a, Command::raise_hand()),
            ErrorCode::Conflict
        );
    }
}
