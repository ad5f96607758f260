//! The organisers' changes to a whole meeting, made through the meetings API rather than
//! by commands: updating its description and agenda from a new meeting file, and closing
//! it.
//!
//! An update may reorder, edit, add and remove items, but never rewrites what happened:
//! it may not remove the item under discussion, an item already discussed, or an item
//! whose list has requests waiting, nor a language whose channel is on air. Requests in
//! the new file are not read: those made at registration were taken when the meeting was
//! created.

use super::Rejection;
use crate::meeting_file::MeetingFile;
use protocol::{AgendaItem, ChannelKind, ErrorCode, Event, ItemState, MeetingState};

/// The events that bring `state` to the description and agenda of `file`; none when
/// nothing differs.
///
/// # Errors
///
/// `conflict` when the meeting is closed or the update would remove what must stay;
/// `invalid` when the file describes another meeting.
pub fn update(state: &MeetingState, file: &MeetingFile) -> Result<Vec<Event>, Rejection> {
    refuse_when_closed(state)?;
    if file.info.id != state.info.id {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!(
                "the file describes meeting `{}`, not `{}`",
                file.info.id, state.info.id
            ),
        ));
    }
    for item in &state.agenda {
        if file.agenda.iter().any(|kept| kept.id == item.id) {
            continue;
        }
        let id = &item.id;
        if state.current_item.as_ref() == Some(id)
            || state
                .floor
                .as_ref()
                .is_some_and(|speaker| &speaker.item == id)
        {
            return Err(conflict(format!(
                "item `{id}` is being discussed and cannot be removed; move on first"
            )));
        }
        if item.state == ItemState::Done {
            return Err(conflict(format!(
                "item `{id}` has been discussed and stays in the record"
            )));
        }
        if let Some(list) = state.list(id).filter(|list| !list.queue.is_empty()) {
            return Err(conflict(format!(
                "item `{id}` has {} request(s) for the floor waiting; clear its list first",
                list.queue.len()
            )));
        }
    }
    for channel in &state.channels {
        if let ChannelKind::Interpretation { language } = &channel.kind
            && !file.info.languages.contains(language)
            && channel.on_air.is_some()
        {
            return Err(conflict(format!(
                "the {language} channel is on air; it can be removed once it is off air"
            )));
        }
    }
    let as_described = |item: &AgendaItem| AgendaItem {
        state: ItemState::Upcoming,
        used_ms: 0,
        live_since: None,
        ..item.clone()
    };
    let unchanged = state.info == file.info
        && state.agenda.len() == file.agenda.len()
        && state
            .agenda
            .iter()
            .zip(&file.agenda)
            .all(|(held, described)| as_described(held) == as_described(described));
    if unchanged {
        return Ok(Vec::new());
    }
    Ok(vec![Event::MeetingUpdated {
        info: file.info.clone(),
        agenda: file.agenda.iter().map(as_described).collect(),
    }])
}

/// The events that close the meeting (ending the speech under way first); none when it
/// is closed already.
///
/// # Errors
///
/// None yet; the signature leaves room for refusals.
pub fn close(state: &MeetingState) -> Result<Vec<Event>, Rejection> {
    if state.closed_at.is_some() {
        return Ok(Vec::new());
    }
    let mut events = Vec::with_capacity(2);
    if state.floor.is_some() {
        events.push(Event::FloorEnded);
    }
    events.push(Event::MeetingClosed);
    Ok(events)
}

/// Refuses any change to a closed meeting.
pub(super) fn refuse_when_closed(state: &MeetingState) -> Result<(), Rejection> {
    match state.closed_at {
        Some(_) => Err(conflict("the meeting is closed".to_owned())),
        None => Ok(()),
    }
}

fn conflict(message: String) -> Rejection {
    Rejection::new(ErrorCode::Conflict, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{meeting, person, run};
    use protocol::{Command, ItemId, Role};

    fn file_of(state: &MeetingState) -> MeetingFile {
        MeetingFile {
            info: state.info.clone(),
            agenda: state.agenda.clone(),
            participants: vec![],
            requests: vec![],
        }
    }

    #[test]
    fn an_identical_file_changes_nothing_and_an_edit_is_one_event() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        run(&mut state, &chair, Command::next_item());
        assert_eq!(update(&state, &file_of(&state)), Ok(vec![]));
        let mut file = file_of(&state);
        file.agenda[1].planned_minutes = Some(99);
        let events = update(&state, &file).unwrap();
        assert!(matches!(&events[..], [Event::MeetingUpdated { agenda, .. }]
            if agenda[1].planned_minutes == Some(99) && agenda[0].state == ItemState::Upcoming));
    }

    #[test]
    fn what_happened_cannot_be_removed() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let attendee = person("kenya", Role::Attendee);
        run(&mut state, &chair, Command::next_item());
        let current = state.current_item.clone().unwrap();
        let without = |state: &MeetingState, id: &ItemId| {
            let mut file = file_of(state);
            file.agenda.retain(|item| &item.id != id);
            file
        };
        let refused = update(&state, &without(&state, &current)).unwrap_err();
        assert_eq!(refused.code, ErrorCode::Conflict);
        assert!(refused.message.contains("being discussed"), "{refused:?}");

        run(&mut state, &chair, Command::next_item());
        let refused = update(&state, &without(&state, &current)).unwrap_err();
        assert!(
            refused.message.contains("stays in the record"),
            "{refused:?}"
        );

        let later = state.agenda.last().unwrap().id.clone();
        assert!(update(&state, &without(&state, &later)).is_ok());

        // Before the meeting starts, hands go up on the first item.
        let mut waiting = meeting();
        run(&mut waiting, &attendee, Command::raise_hand());
        let first = waiting.agenda[0].id.clone();
        let refused = update(&waiting, &without(&waiting, &first)).unwrap_err();
        assert!(refused.message.contains("waiting"), "{refused:?}");

        let mut other = file_of(&state);
        other.info.id = protocol::MeetingId::new("another");
        assert_eq!(update(&state, &other).unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn closing_ends_the_speech_and_a_closed_meeting_takes_nothing() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let attendee = person("kenya", Role::Attendee);
        run(&mut state, &chair, Command::next_item());
        run(&mut state, &attendee, Command::raise_hand());
        run(&mut state, &chair, Command::give_floor_next());
        let events = close(&state).unwrap();
        assert_eq!(events, vec![Event::FloorEnded, Event::MeetingClosed]);
        for event in events {
            let envelope = state.next_envelope(state.seq + 1, None, event);
            state.apply(&envelope).unwrap();
        }
        assert_eq!(close(&state), Ok(vec![]), "closing twice is harmless");
        assert_eq!(
            crate::rules::decide(&state, &chair, &Command::next_item())
                .unwrap_err()
                .code,
            ErrorCode::Conflict
        );
        assert!(update(&state, &file_of(&state)).is_err());
    }
}
