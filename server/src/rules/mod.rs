//! The meeting's rules: which command, from whom, becomes which event.
//!
//! Deciding is pure: [`decide`] reads the state and the sender and returns the event to
//! append, or a [`Rejection`] with a stable code. The meeting actor appends and folds
//! what is decided; nothing here changes state. One file per area of the meeting.

mod agenda;
mod floor;
mod interpretation;
pub mod simulation;

use protocol::{Command, ErrorCode, Event, MeetingState, Participant};

/// A refused command: its wire code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The stable code.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
}

impl Rejection {
    /// A rejection with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    fn forbidden(what: &str) -> Self {
        Self::new(ErrorCode::Forbidden, format!("only {what}"))
    }
}

/// Decides what `command` from `sender` does to a meeting in `state`.
///
/// # Errors
///
/// A [`Rejection`] when the sender may not do this or the state does not allow it.
pub fn decide(
    state: &MeetingState,
    sender: &Participant,
    command: &Command,
) -> Result<Event, Rejection> {
    match command {
        Command::RaiseHand => floor::raise_hand(state, sender),
        Command::LowerHand { participant } => {
            floor::lower_hand(state, sender, participant.as_ref())
        }
        Command::GiveFloor { participant } => {
            floor::give_floor(state, sender, participant.as_ref())
        }
        Command::EndFloor => floor::end_floor(state, sender),
        Command::SetCurrentItem { item } => agenda::set_current_item(state, sender, item),
        Command::NextItem => agenda::next_item(state, sender),
        Command::PreviousItem => agenda::previous_item(state, sender),
        Command::SetOnAir { channel, on_air } => {
            interpretation::set_on_air(state, sender, channel, *on_air)
        }
    }
}

/// Refuses anyone but the chair.
fn require_chair(sender: &Participant) -> Result<(), Rejection> {
    if sender.role.moderates() {
        Ok(())
    } else {
        Err(Rejection::forbidden("the chair can do this"))
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use protocol::{ChannelId, EventEnvelope, MeetingState, Participant, ParticipantId, Role};

    pub use super::simulation::meeting;

    pub fn person(id: &str, role: Role) -> Participant {
        Participant {
            id: ParticipantId::new(id),
            name: id.to_uppercase(),
            role,
            delegation: None,
            booth: match role {
                Role::Interpreter => Some(ChannelId::new("fr")),
                _ => None,
            },
            languages: vec![],
        }
    }

    /// Decides and folds `command`, panicking when it is rejected.
    pub fn run(state: &mut MeetingState, sender: &Participant, command: protocol::Command) {
        let event = super::decide(state, sender, &command).expect("command accepted");
        let envelope = EventEnvelope {
            seq: state.seq + 1,
            at: 0,
            actor: Some(sender.id.clone()),
            event,
        };
        state.apply(&envelope).expect("decided events fold");
    }
}
