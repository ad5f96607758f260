//! The meeting's rules: which command, from whom, becomes which event.
//!
//! Deciding is pure: [`decide`] reads the state and the sender and returns the event to
//! append, or a [`Rejection`] with a stable code. The meeting actor appends and folds
//! what is decided; nothing here changes state. One file per area of the meeting.

mod agenda;
mod floor;
mod interpretation;
pub mod meeting;
pub mod participants;
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

/// Checks a free-text field (`what`: "a note", "a title") with [`protocol::text::check`]:
/// `invalid` when it is too long or holds control or bidi-override characters.
fn free_text(what: &str, text: &str, max_chars: usize) -> Result<(), Rejection> {
    protocol::text::check(text, max_chars)
        .map_err(|error| Rejection::new(ErrorCode::Invalid, format!("{what} {error}")))
}

/// Decides what `command` from `sender` does to a meeting in `state`: the events to
/// append, in order (giving the floor while someone speaks ends that speech first).
///
/// # Errors
///
/// A [`Rejection`] when the sender may not do this or the state does not allow it.
pub fn decide(
    state: &MeetingState,
    sender: &Participant,
    command: &Command,
) -> Result<Vec<Event>, Rejection> {
    meeting::refuse_when_closed(state)?;
    let one = |event: Result<Event, Rejection>| event.map(|event| vec![event]);
    match command {
        Command::RaiseHand {
            kind,
            question,
            note,
            language,
        } => floor::raise_hand(
            state,
            sender,
            floor::Ask {
                kind: *kind,
                question: *question,
                note: note.as_deref(),
                language: language.as_ref(),
            },
        ),
        Command::LowerHand { request } => floor::lower_hand(state, sender, *request),
        Command::ClaimRequest { request } => floor::claim_request(state, sender, *request),
        Command::GiveFloor {
            request,
            participant,
            name,
            delegation,
            language,
        } => floor::give_floor(
            state,
            sender,
            floor::Recipient {
                request: *request,
                participant: participant.as_ref(),
                name: name.as_deref(),
                delegation: delegation.as_deref(),
                language: language.as_ref(),
            },
        ),
        Command::EndFloor => floor::end_floor(state, sender),
        Command::PauseFloor => floor::pause_floor(state, sender, true),
        Command::ResumeFloor => floor::pause_floor(state, sender, false),
        Command::MoveRequest { request, position } => {
            floor::move_request(state, sender, *request, *position)
        }
        Command::ClearQueue => floor::clear_queue(state, sender),
        Command::CloseList => floor::set_list_open(state, sender, false),
        Command::ReopenList => floor::set_list_open(state, sender, true),
        Command::SetFirstTimeFirst { on } => floor::set_first_time_first(state, sender, *on),
        Command::ReaddLastSpeaker => floor::readd_last_speaker(state, sender),
        Command::SetSpeakingTime { seconds } => floor::set_speaking_time(state, sender, *seconds),
        Command::SetCurrentItem { item, waiting } => {
            one(agenda::set_current_item(state, sender, item, *waiting))
        }
        Command::NextItem { waiting } => one(agenda::next_item(state, sender, *waiting)),
        Command::PreviousItem { waiting } => one(agenda::previous_item(state, sender, *waiting)),
        Command::MarkItem { item, state: to } => one(agenda::mark_item(state, sender, item, *to)),
        Command::AddItem {
            item: id,
            title,
            presenter,
            planned_minutes,
            position,
        } => one(agenda::add_item(
            state,
            sender,
            id,
            agenda::ItemFields {
                title,
                presenter: presenter.as_deref(),
                planned_minutes: *planned_minutes,
            },
            *position,
        )),
        Command::EditItem {
            item,
            title,
            presenter,
            planned_minutes,
        } => one(agenda::edit_item(
            state,
            sender,
            item,
            agenda::ItemFields {
                title,
                presenter: presenter.as_deref(),
                planned_minutes: *planned_minutes,
            },
        )),
        Command::MoveItem { item, position } => {
            one(agenda::move_item(state, sender, item, *position))
        }
        Command::SetOnAir { channel, on_air } => {
            one(interpretation::set_on_air(state, sender, channel, *on_air))
        }
        Command::SetFloorLanguage { language } => {
            one(interpretation::set_floor_language(state, sender, language))
        }
        Command::SetWorkingInto { channel, language } => one(interpretation::set_working_into(
            state,
            sender,
            channel,
            language.as_ref(),
        )),
        Command::SetRelay { channel, from } => one(interpretation::set_relay(
            state,
            sender,
            channel,
            from.as_ref(),
        )),
        Command::SetPaused { channel, paused } => {
            one(interpretation::set_paused(state, sender, channel, *paused))
        }
        Command::RequestHandover { channel } => {
            one(interpretation::request_handover(state, sender, channel))
        }
        Command::CancelHandover { channel } => {
            one(interpretation::cancel_handover(state, sender, channel))
        }
        Command::TakeOver { channel } => one(interpretation::take_over(state, sender, channel)),
    }
    .map(|events| with_floor_language(state, events))
}

/// Giving the floor to someone who declared a language makes it the floor language (an
/// event of its own, so that every audience follows it, not only those who get the list
/// of speakers' events).
fn with_floor_language(state: &MeetingState, mut events: Vec<Event>) -> Vec<Event> {
    let spoken = events.iter().find_map(|event| match event {
        Event::FloorGiven {
            language: Some(language),
            ..
        } => Some(language.clone()),
        _ => None,
    });
    if let Some(language) = spoken
        && state.floor_language.as_ref() != Some(&language)
    {
        events.push(Event::FloorLanguageSet { language });
    }
    events
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
    use protocol::{ChannelId, MeetingState, Participant, ParticipantId, Role};

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
        let events = super::decide(state, sender, &command).expect("command accepted");
        for event in events {
            let envelope = state.next_envelope(state.seq + 1, Some(sender.id.clone()), event);
            state.apply(&envelope).expect("decided events fold");
        }
    }
}
