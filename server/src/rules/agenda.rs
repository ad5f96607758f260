//! The agenda: moving the meeting from item to item, marking items done or skipped,
//! and changing the agenda during the meeting.

use super::{Rejection, require_chair};
use protocol::ids::{SLUG_RULE, is_slug};
use protocol::limits::{MAX_PLANNED_MINUTES, MAX_TITLE_CHARS};
use protocol::{
    AgendaItem, ErrorCode, Event, ItemId, ItemState, Localized, MeetingState, Participant, Waiting,
};

fn position_of(state: &MeetingState, item: &ItemId) -> Result<usize, Rejection> {
    state.item_position(item).ok_or_else(|| {
        Rejection::new(
            ErrorCode::NotFound,
            format!("the agenda has no item `{item}`"),
        )
    })
}

/// What the event records of the chair's choice for the waiting requests: `keep` when
/// none wait on the current item (nothing to carry or close, or the meeting has not
/// started).
fn settled(state: &MeetingState, waiting: Waiting) -> Waiting {
    let any_waiting = state
        .current_item
        .as_ref()
        .and_then(|item| state.list(item))
        .is_some_and(|list| !list.queue.is_empty());
    if any_waiting { waiting } else { Waiting::Keep }
}

pub(super) fn set_current_item(
    state: &MeetingState,
    sender: &Participant,
    item: &ItemId,
    waiting: Waiting,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let index = position_of(state, item)?;
    if state.current_item.as_ref() == Some(item) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "this item is already being discussed",
        ));
    }
    if state.agenda[index].state == ItemState::Skipped {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "this item is skipped; mark it upcoming first",
        ));
    }
    Ok(Event::CurrentItemChanged {
        item: item.clone(),
        waiting: settled(state, waiting),
    })
}

pub(super) fn next_item(
    state: &MeetingState,
    sender: &Participant,
    waiting: Waiting,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let item = state
        .next_open_item()
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "this is the last agenda item"))?;
    Ok(Event::CurrentItemChanged {
        item: item.id.clone(),
        waiting: settled(state, waiting),
    })
}

pub(super) fn previous_item(
    state: &MeetingState,
    sender: &Participant,
    waiting: Waiting,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let item = state
        .previous_open_item()
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "there is no previous agenda item"))?;
    Ok(Event::CurrentItemChanged {
        item: item.id.clone(),
        waiting: settled(state, waiting),
    })
}

pub(super) fn mark_item(
    state: &MeetingState,
    sender: &Participant,
    item: &ItemId,
    new_state: ItemState,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let index = position_of(state, item)?;
    if new_state == ItemState::Live {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            "an item goes live when the chair moves to it",
        ));
    }
    if state.current_item.as_ref() == Some(item) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "this item is being discussed; move on to mark it",
        ));
    }
    if state.agenda[index].state == new_state {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the item is already so",
        ));
    }
    Ok(Event::ItemMarked {
        item: item.clone(),
        state: new_state,
    })
}

/// What the chair gave for an item: its title, presenter and planned duration.
pub(super) struct ItemFields<'a> {
    pub title: &'a Localized,
    pub presenter: Option<&'a str>,
    pub planned_minutes: Option<u32>,
}

/// The fields, checked and tidied: titles trimmed, in the meeting's languages.
fn checked(
    state: &MeetingState,
    fields: &ItemFields<'_>,
) -> Result<(Localized, Option<String>, Option<u32>), Rejection> {
    let invalid = |message: String| Rejection::new(ErrorCode::Invalid, message);
    let mut title = Localized::default();
    for (language, text) in &fields.title.0 {
        if !state.info.languages.contains(language) {
            return Err(invalid(format!(
                "`{language}` is not a language of this meeting"
            )));
        }
        let text = text.trim();
        super::free_text(&format!("the title in `{language}`"), text, MAX_TITLE_CHARS)?;
        if !text.is_empty() {
            title.0.insert(language.clone(), text.to_owned());
        }
    }
    if title.0.is_empty() {
        return Err(invalid("give the title in at least one language".into()));
    }
    let presenter = fields
        .presenter
        .map(str::trim)
        .filter(|presenter| !presenter.is_empty());
    if let Some(presenter) = presenter {
        super::free_text("the presenter", presenter, MAX_TITLE_CHARS)?;
    }
    if fields
        .planned_minutes
        .is_some_and(|minutes| minutes == 0 || minutes > MAX_PLANNED_MINUTES)
    {
        return Err(invalid(format!(
            "a planned duration is from 1 to {MAX_PLANNED_MINUTES} minutes"
        )));
    }
    Ok((title, presenter.map(str::to_owned), fields.planned_minutes))
}

pub(super) fn add_item(
    state: &MeetingState,
    sender: &Participant,
    id: &ItemId,
    fields: ItemFields<'_>,
    position: Option<u32>,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    if !is_slug(id.as_str()) {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!("an item id must {SLUG_RULE}"),
        ));
    }
    if state.item_position(id).is_some() {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            format!("the agenda already has an item `{id}`"),
        ));
    }
    let last = u32::try_from(state.agenda.len() + 1).unwrap_or(u32::MAX);
    let position = position.unwrap_or(last);
    if !(1..=last).contains(&position) {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!("the position must be from 1 to {last}"),
        ));
    }
    let (title, presenter, planned_minutes) = checked(state, &fields)?;
    Ok(Event::ItemAdded {
        item: AgendaItem {
            id: id.clone(),
            title,
            presenter,
            planned_minutes,
            questions: Vec::new(),
            speaking_time_seconds: None,
            state: ItemState::Upcoming,
            used_ms: 0,
            live_since: None,
        },
        position,
    })
}

pub(super) fn edit_item(
    state: &MeetingState,
    sender: &Participant,
    item: &ItemId,
    fields: ItemFields<'_>,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let index = position_of(state, item)?;
    let (title, presenter, planned_minutes) = checked(state, &fields)?;
    let current = &state.agenda[index];
    if current.title == title
        && current.presenter == presenter
        && current.planned_minutes == planned_minutes
    {
        return Err(Rejection::new(ErrorCode::Conflict, "nothing changes"));
    }
    Ok(Event::ItemEdited {
        item: item.clone(),
        title,
        presenter,
        planned_minutes,
    })
}

pub(super) fn move_item(
    state: &MeetingState,
    sender: &Participant,
    item: &ItemId,
    position: u32,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let index = position_of(state, item)?;
    let last = u32::try_from(state.agenda.len()).unwrap_or(u32::MAX);
    if !(1..=last).contains(&position) {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!("the position must be from 1 to {last}"),
        ));
    }
    if usize::try_from(position - 1).ok() == Some(index) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "the item is already there",
        ));
    }
    Ok(Event::ItemMoved {
        item: item.clone(),
        position,
    })
}

#[cfg(test)]
mod tests {
    use super::super::decide;
    use super::super::test_support::{meeting, person, run};
    use protocol::{Command, ErrorCode, ItemId, Role};

    #[test]
    fn the_chair_walks_the_agenda_forwards_and_back() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let rejected = |state: &protocol::MeetingState, command: Command| {
            decide(state, &chair, &command).unwrap_err().code
        };
        assert_eq!(
            rejected(&state, Command::previous_item()),
            ErrorCode::Conflict
        );
        run(&mut state, &chair, Command::next_item());
        assert_eq!(state.current_item, Some(ItemId::new("one")));
        assert_eq!(
            rejected(&state, Command::previous_item()),
            ErrorCode::Conflict
        );
        run(&mut state, &chair, Command::next_item());
        run(&mut state, &chair, Command::next_item());
        assert_eq!(state.current_item, Some(ItemId::new("three")));
        assert_eq!(rejected(&state, Command::next_item()), ErrorCode::Conflict);
        run(&mut state, &chair, Command::previous_item());
        assert_eq!(state.current_item, Some(ItemId::new("two")));
        run(
            &mut state,
            &chair,
            Command::set_current_item(ItemId::new("one")),
        );
        assert_eq!(state.current_item, Some(ItemId::new("one")));
        assert_eq!(
            rejected(&state, Command::set_current_item(ItemId::new("one"))),
            ErrorCode::Conflict
        );
        assert_eq!(
            rejected(&state, Command::set_current_item(ItemId::new("nine"))),
            ErrorCode::NotFound
        );
    }

    #[test]
    fn the_event_records_the_choice_for_waiting_requests_only_when_some_wait() {
        use protocol::{Event, Waiting};
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let moved = |state: &protocol::MeetingState, command: Command| match decide(
            state, &chair, &command,
        )
        .unwrap()
        .as_slice()
        {
            [Event::CurrentItemChanged { waiting, .. }] => *waiting,
            other => panic!("unexpected {other:?}"),
        };
        // Before the meeting starts, nothing is left behind by the first move.
        let attendee = person("a", Role::Attendee);
        run(&mut state, &attendee, Command::raise_hand());
        let close = Command::NextItem {
            waiting: Waiting::Close,
        };
        assert_eq!(moved(&state, close.clone()), Waiting::Keep);
        run(&mut state, &chair, Command::next_item());
        assert_eq!(moved(&state, close.clone()), Waiting::Close);
        run(&mut state, &chair, close);
        assert_eq!(state.list(&ItemId::new("one")).unwrap().length, 0);
        // Nothing waits on "two": carrying is recorded as keeping.
        let carry = Command::PreviousItem {
            waiting: Waiting::Carry,
        };
        assert_eq!(moved(&state, carry), Waiting::Keep);
    }

    #[test]
    fn attendees_cannot_move_the_agenda() {
        let state = meeting();
        let attendee = person("a", Role::Attendee);
        for command in [Command::next_item(), Command::previous_item()] {
            assert_eq!(
                decide(&state, &attendee, &command).unwrap_err().code,
                ErrorCode::Forbidden
            );
        }
    }
}
