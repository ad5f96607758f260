//! The agenda: moving the meeting from item to item.

use super::{Rejection, require_chair};
use protocol::{ErrorCode, Event, ItemId, MeetingState, Participant};

pub(super) fn set_current_item(
    state: &MeetingState,
    sender: &Participant,
    item: &ItemId,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    if state.item_position(item).is_none() {
        return Err(Rejection::new(
            ErrorCode::NotFound,
            format!("the agenda has no item `{item}`"),
        ));
    }
    if state.current_item.as_ref() == Some(item) {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "this item is already being discussed",
        ));
    }
    Ok(Event::CurrentItemChanged { item: item.clone() })
}

pub(super) fn next_item(state: &MeetingState, sender: &Participant) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let next = state.current_item_position().map_or(0, |index| index + 1);
    let item = state
        .agenda
        .get(next)
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "this is the last agenda item"))?;
    Ok(Event::CurrentItemChanged {
        item: item.id.clone(),
    })
}

pub(super) fn previous_item(
    state: &MeetingState,
    sender: &Participant,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let previous = state
        .current_item_position()
        .and_then(|index| index.checked_sub(1))
        .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "there is no previous agenda item"))?;
    Ok(Event::CurrentItemChanged {
        item: state.agenda[previous].id.clone(),
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
        assert_eq!(rejected(&state, Command::PreviousItem), ErrorCode::Conflict);
        run(&mut state, &chair, Command::NextItem);
        assert_eq!(state.current_item, Some(ItemId::new("one")));
        assert_eq!(rejected(&state, Command::PreviousItem), ErrorCode::Conflict);
        run(&mut state, &chair, Command::NextItem);
        run(&mut state, &chair, Command::NextItem);
        assert_eq!(state.current_item, Some(ItemId::new("three")));
        assert_eq!(rejected(&state, Command::NextItem), ErrorCode::Conflict);
        run(&mut state, &chair, Command::PreviousItem);
        assert_eq!(state.current_item, Some(ItemId::new("two")));
        run(
            &mut state,
            &chair,
            Command::SetCurrentItem {
                item: ItemId::new("one"),
            },
        );
        assert_eq!(state.current_item, Some(ItemId::new("one")));
        assert_eq!(
            rejected(
                &state,
                Command::SetCurrentItem {
                    item: ItemId::new("one")
                }
            ),
            ErrorCode::Conflict
        );
        assert_eq!(
            rejected(
                &state,
                Command::SetCurrentItem {
                    item: ItemId::new("nine")
                }
            ),
            ErrorCode::NotFound
        );
    }

    #[test]
    fn attendees_cannot_move_the_agenda() {
        let state = meeting();
        let attendee = person("a", Role::Attendee);
        for command in [Command::NextItem, Command::PreviousItem] {
            assert_eq!(
                decide(&state, &attendee, &command).unwrap_err().code,
                ErrorCode::Forbidden
            );
        }
    }
}
