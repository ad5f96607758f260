//! The list of speakers: raising and lowering hands, giving and ending the floor.

use super::{Rejection, require_chair};
use protocol::{ErrorCode, Event, MeetingState, Participant, ParticipantId, Role};

pub(super) fn raise_hand(state: &MeetingState, sender: &Participant) -> Result<Event, Rejection> {
    if !matches!(sender.role, Role::Attendee | Role::Organiser) {
        return Err(Rejection::forbidden(
            "attendees and organisers ask for the floor",
        ));
    }
    if state.queue_position(&sender.id).is_some() {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "your hand is already raised",
        ));
    }
    if state
        .floor
        .as_ref()
        .is_some_and(|speaker| speaker.participant == sender.id)
    {
        return Err(Rejection::new(ErrorCode::Conflict, "you have the floor"));
    }
    Ok(Event::HandRaised {
        participant: sender.id.clone(),
        name: sender.name.clone(),
        delegation: sender.delegation.clone(),
    })
}

pub(super) fn lower_hand(
    state: &MeetingState,
    sender: &Participant,
    whose: Option<&ParticipantId>,
) -> Result<Event, Rejection> {
    let participant = match whose {
        Some(other) if other != &sender.id => {
            require_chair(sender)?;
            if state.queue_position(other).is_none() {
                return Err(Rejection::new(
                    ErrorCode::NotFound,
                    format!("`{other}` is not in the list of speakers"),
                ));
            }
            other.clone()
        }
        _ => {
            if state.queue_position(&sender.id).is_none() {
                return Err(Rejection::new(
                    ErrorCode::Conflict,
                    "your hand is not raised",
                ));
            }
            sender.id.clone()
        }
    };
    Ok(Event::HandLowered { participant })
}

pub(super) fn give_floor(
    state: &MeetingState,
    sender: &Participant,
    to: Option<&ParticipantId>,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    let request = match to {
        None => state
            .queue
            .first()
            .ok_or_else(|| Rejection::new(ErrorCode::Conflict, "the list of speakers is empty"))?,
        Some(participant) => state
            .queue_position(participant)
            .map(|position| &state.queue[position])
            .ok_or_else(|| {
                Rejection::new(
                    ErrorCode::NotFound,
                    format!("`{participant}` is not in the list of speakers"),
                )
            })?,
    };
    Ok(Event::FloorGiven {
        participant: request.participant.clone(),
        name: request.name.clone(),
        delegation: request.delegation.clone(),
    })
}

pub(super) fn end_floor(state: &MeetingState, sender: &Participant) -> Result<Event, Rejection> {
    require_chair(sender)?;
    if state.floor.is_none() {
        return Err(Rejection::new(ErrorCode::Conflict, "nobody has the floor"));
    }
    Ok(Event::FloorEnded)
}

#[cfg(test)]
mod tests {
    use super::super::decide;
    use super::super::test_support::{meeting, person, run};
    use protocol::{Command, ErrorCode, ParticipantId, Role};

    fn code_of(
        state: &protocol::MeetingState,
        sender: &protocol::Participant,
        command: Command,
    ) -> ErrorCode {
        decide(state, sender, &command).unwrap_err().code
    }

    #[test]
    fn attendees_queue_and_the_chair_gives_the_floor_in_order() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let (a, b) = (person("a", Role::Attendee), person("b", Role::Attendee));
        run(&mut state, &a, Command::RaiseHand);
        run(&mut state, &b, Command::RaiseHand);
        run(&mut state, &chair, Command::GiveFloor { participant: None });
        assert_eq!(state.floor.as_ref().unwrap().participant, a.id);
        run(
            &mut state,
            &chair,
            Command::GiveFloor {
                participant: Some(b.id.clone()),
            },
        );
        assert_eq!(state.floor.as_ref().unwrap().participant, b.id);
        assert!(state.queue.is_empty());
        run(&mut state, &chair, Command::EndFloor);
        assert!(state.floor.is_none());
    }

    #[test]
    fn hands_cannot_go_up_twice_or_come_down_when_not_raised() {
        let mut state = meeting();
        let a = person("a", Role::Attendee);
        assert_eq!(
            code_of(&state, &a, Command::LowerHand { participant: None }),
            ErrorCode::Conflict
        );
        run(&mut state, &a, Command::RaiseHand);
        assert_eq!(code_of(&state, &a, Command::RaiseHand), ErrorCode::Conflict);
        run(&mut state, &a, Command::LowerHand { participant: None });
        assert!(state.queue.is_empty());
    }

    #[test]
    fn only_the_chair_moderates_and_lowers_other_hands() {
        let mut state = meeting();
        let (a, b) = (person("a", Role::Attendee), person("b", Role::Attendee));
        let chair = person("chair", Role::Chair);
        run(&mut state, &a, Command::RaiseHand);
        for command in [
            Command::GiveFloor { participant: None },
            Command::EndFloor,
            Command::LowerHand {
                participant: Some(a.id.clone()),
            },
        ] {
            assert_eq!(code_of(&state, &b, command), ErrorCode::Forbidden);
        }
        assert_eq!(
            code_of(&state, &person("i", Role::Interpreter), Command::RaiseHand),
            ErrorCode::Forbidden
        );
        run(
            &mut state,
            &chair,
            Command::LowerHand {
                participant: Some(a.id.clone()),
            },
        );
        assert!(state.queue.is_empty());
    }

    #[test]
    fn the_chair_is_told_what_does_not_fit() {
        let state = meeting();
        let chair = person("chair", Role::Chair);
        assert_eq!(
            code_of(&state, &chair, Command::GiveFloor { participant: None }),
            ErrorCode::Conflict
        );
        assert_eq!(
            code_of(
                &state,
                &chair,
                Command::GiveFloor {
                    participant: Some(ParticipantId::new("ghost"))
                }
            ),
            ErrorCode::NotFound
        );
        assert_eq!(
            code_of(&state, &chair, Command::EndFloor),
            ErrorCode::Conflict
        );
    }
}
