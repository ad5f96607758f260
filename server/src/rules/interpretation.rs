//! Interpretation channels: an interpreter puts their booth's channel on and off air.
//! Only one interpreter is on air per channel at a time (the interlock).

use super::Rejection;
use protocol::{ChannelId, ErrorCode, Event, MeetingState, Participant};

pub(super) fn set_on_air(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
    on_air: bool,
) -> Result<Event, Rejection> {
    let channel = state.channel(channel_id).ok_or_else(|| {
        Rejection::new(
            ErrorCode::NotFound,
            format!("the meeting has no channel `{channel_id}`"),
        )
    })?;
    if !sender.role.works_channel() || sender.booth.as_ref() != Some(channel_id) {
        return Err(Rejection::forbidden(
            "the interpreters of this channel's booth can put it on air",
        ));
    }
    let on_air_now = channel.on_air.as_ref().map(|on_air| &on_air.participant);
    match (on_air, on_air_now) {
        (true, None) => Ok(Event::ChannelOnAir {
            channel: channel_id.clone(),
            participant: sender.id.clone(),
            name: sender.name.clone(),
        }),
        (true, Some(current)) if current == &sender.id => Err(Rejection::new(
            ErrorCode::Conflict,
            "you are already on air",
        )),
        (true, Some(_)) => Err(Rejection::new(
            ErrorCode::Conflict,
            "your booth partner is on air; ask for a handover",
        )),
        (false, Some(current)) if current == &sender.id => Ok(Event::ChannelOffAir {
            channel: channel_id.clone(),
        }),
        (false, _) => Err(Rejection::new(ErrorCode::Conflict, "you are not on air")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::decide;
    use super::super::test_support::{meeting, person, run};
    use protocol::{ChannelId, Command, ErrorCode, Role};

    fn on_air(channel: &str, on_air: bool) -> Command {
        Command::SetOnAir {
            channel: ChannelId::new(channel),
            on_air,
        }
    }

    #[test]
    fn one_interpreter_per_booth_is_on_air_at_a_time() {
        let mut state = meeting();
        let first = person("fr-1", Role::Interpreter);
        let partner = person("fr-2", Role::Interpreter);
        run(&mut state, &first, on_air("fr", true));
        let channel = state.channel(&ChannelId::new("fr")).unwrap();
        assert_eq!(channel.on_air.as_ref().unwrap().participant, first.id);
        let rejected = |state: &protocol::MeetingState, who, command| {
            decide(state, who, &command).unwrap_err().code
        };
        assert_eq!(
            rejected(&state, &partner, on_air("fr", true)),
            ErrorCode::Conflict
        );
        assert_eq!(
            rejected(&state, &partner, on_air("fr", false)),
            ErrorCode::Conflict
        );
        run(&mut state, &first, on_air("fr", false));
        run(&mut state, &partner, on_air("fr", true));
    }

    #[test]
    fn only_the_booth_acts_on_its_channel() {
        let state = meeting();
        let french = person("fr-1", Role::Interpreter);
        let attendee = person("a", Role::Attendee);
        let code = |who, command| decide(&state, who, &command).unwrap_err().code;
        assert_eq!(code(&french, on_air("en", true)), ErrorCode::Forbidden);
        assert_eq!(code(&attendee, on_air("fr", true)), ErrorCode::Forbidden);
        assert_eq!(code(&french, on_air("tlh", true)), ErrorCode::NotFound);
    }
}
