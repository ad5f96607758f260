//! Interpretation, sign language and captions: who may put a booth on air, switch its
//! outgoing language, take relay, pause, and hand over; and the chair's floor language.
//!
//! Only one interpreter of a booth is on air at a time, and only one booth feeds a
//! language channel at a time (a bi-active booth working into its retour feeds that
//! language's channel): both interlocks refuse with `conflict`. Only a booth's own
//! interpreters (signers, captioners) act on it.

use super::{Rejection, require_chair};
use protocol::interpretation::HANDOVER_SECONDS;
use protocol::{
    Channel, ChannelId, ChannelKind, ErrorCode, Event, LanguageCode, MeetingState, Participant,
};

/// The booth `channel_id`, if `sender` works in it.
fn own_booth<'a>(
    state: &'a MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
) -> Result<&'a Channel, Rejection> {
    let channel = state.channel(channel_id).ok_or_else(|| {
        Rejection::new(
            ErrorCode::NotFound,
            format!("the meeting has no channel `{channel_id}`"),
        )
    })?;
    if !sender.role.works_channel() || sender.booth.as_ref() != Some(channel_id) {
        return Err(Rejection::forbidden(
            "the interpreters of this channel's booth can do this",
        ));
    }
    Ok(channel)
}

/// The booth, if `sender` is the one on air in it.
fn on_air_in<'a>(
    state: &'a MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
) -> Result<&'a Channel, Rejection> {
    let channel = own_booth(state, sender, channel_id)?;
    match &channel.on_air {
        Some(on_air) if on_air.participant == sender.id => Ok(channel),
        _ => Err(conflict("you are not on air")),
    }
}

/// Refuses when another booth already feeds `language`'s channel.
fn channel_free(
    state: &MeetingState,
    booth: &ChannelId,
    language: Option<&LanguageCode>,
) -> Result<(), Rejection> {
    match language.and_then(|language| state.feeding(language)) {
        Some(other) if &other.id != booth => Err(conflict(&format!(
            "the {} channel is on air from the {} booth",
            language.expect("fed"),
            other.id
        ))),
        _ => Ok(()),
    }
}

fn conflict(message: &str) -> Rejection {
    Rejection::new(ErrorCode::Conflict, message)
}

pub(super) fn set_on_air(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
    on_air: bool,
) -> Result<Event, Rejection> {
    let channel = own_booth(state, sender, channel_id)?;
    let on_air_now = channel.on_air.as_ref().map(|on_air| &on_air.participant);
    match (on_air, on_air_now) {
        (true, None) => {
            channel_free(state, channel_id, channel.output())?;
            Ok(Event::ChannelOnAir {
                channel: channel_id.clone(),
                participant: sender.id.clone(),
                name: sender.name.clone(),
            })
        }
        (true, Some(current)) if current == &sender.id => Err(conflict("you are already on air")),
        (true, Some(_)) => Err(conflict(
            "your booth partner is on air; ask for a handover or take over",
        )),
        (false, Some(current)) if current == &sender.id => Ok(Event::ChannelOffAir {
            channel: channel_id.clone(),
        }),
        (false, _) => Err(conflict("you are not on air")),
    }
}

pub(super) fn set_floor_language(
    state: &MeetingState,
    sender: &Participant,
    language: &LanguageCode,
) -> Result<Event, Rejection> {
    require_chair(sender)?;
    if !state.info.languages.contains(language) {
        return Err(Rejection::new(
            ErrorCode::NotFound,
            format!("`{language}` is not one of the meeting's languages"),
        ));
    }
    if state.floor_language.as_ref() == Some(language) {
        return Err(conflict("the floor already speaks this language"));
    }
    Ok(Event::FloorLanguageSet {
        language: language.clone(),
    })
}

pub(super) fn set_working_into(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
    language: Option<&LanguageCode>,
) -> Result<Event, Rejection> {
    let booth = own_booth(state, sender, channel_id)?;
    if language.is_some() && language != booth.retour.as_ref() {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            match &booth.retour {
                Some(retour) => format!("this booth's retour is {retour}"),
                None => "this booth has no retour".to_owned(),
            },
        ));
    }
    if booth.working_into.as_ref() == language {
        return Err(conflict("the booth already works into this language"));
    }
    if booth.on_air.is_some() {
        channel_free(state, channel_id, language.or(booth.language()))?;
    }
    Ok(Event::WorkingIntoSet {
        channel: channel_id.clone(),
        language: language.cloned(),
    })
}

pub(super) fn set_relay(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
    from: Option<&ChannelId>,
) -> Result<Event, Rejection> {
    let booth = own_booth(state, sender, channel_id)?;
    if let Some(from) = from {
        let is_booth = state.channel(from).is_some_and(|pivot| {
            matches!(pivot.kind, ChannelKind::Interpretation { .. }) && pivot.id != booth.id
        });
        if !is_booth {
            return Err(Rejection::new(
                ErrorCode::NotFound,
                format!("`{from}` is not another interpretation booth"),
            ));
        }
    }
    if booth.relay_from.as_ref() == from {
        return Err(conflict("the booth already takes this input"));
    }
    Ok(Event::RelaySet {
        channel: channel_id.clone(),
        from: from.cloned(),
    })
}

pub(super) fn set_paused(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
    paused: bool,
) -> Result<Event, Rejection> {
    let booth = on_air_in(state, sender, channel_id)?;
    if booth.paused == paused {
        return Err(conflict(if paused {
            "already paused"
        } else {
            "not paused"
        }));
    }
    Ok(Event::ChannelPaused {
        channel: channel_id.clone(),
        paused,
    })
}

pub(super) fn request_handover(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
) -> Result<Event, Rejection> {
    let booth = on_air_in(state, sender, channel_id)?;
    if booth.handover.is_some() {
        return Err(conflict("a handover is already asked for"));
    }
    Ok(Event::HandoverRequested {
        channel: channel_id.clone(),
        participant: sender.id.clone(),
        seconds: state.info.handover_seconds.unwrap_or(HANDOVER_SECONDS),
    })
}

pub(super) fn cancel_handover(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
) -> Result<Event, Rejection> {
    let booth = on_air_in(state, sender, channel_id)?;
    if booth.handover.is_none() {
        return Err(conflict("no handover is asked for"));
    }
    Ok(Event::HandoverCancelled {
        channel: channel_id.clone(),
        lapsed: false,
    })
}

pub(super) fn take_over(
    state: &MeetingState,
    sender: &Participant,
    channel_id: &ChannelId,
) -> Result<Event, Rejection> {
    let booth = own_booth(state, sender, channel_id)?;
    match &booth.on_air {
        None => Err(conflict("nobody is on air: go on air")),
        Some(on_air) if on_air.participant == sender.id => Err(conflict("you are on air")),
        Some(_) => Ok(Event::HandedOver {
            channel: channel_id.clone(),
            participant: sender.id.clone(),
            name: sender.name.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::decide;
    use super::super::test_support::{meeting, person, run};
    use protocol::{ChannelId, Command, ErrorCode, Event, LanguageCode, Role};

    fn on_air(channel: &str, on_air: bool) -> Command {
        Command::SetOnAir {
            channel: ChannelId::new(channel),
            on_air,
        }
    }

    fn booth(channel: &str) -> ChannelId {
        ChannelId::new(channel)
    }

    #[test]
    fn one_interpreter_per_booth_is_on_air_at_a_time() {
        let mut state = meeting();
        let first = person("fr-1", Role::Interpreter);
        let partner = person("fr-2", Role::Interpreter);
        run(&mut state, &first, on_air("fr", true));
        let channel = state.channel(&booth("fr")).unwrap();
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
        let relay = Command::SetRelay {
            channel: booth("en"),
            from: Some(booth("fr")),
        };
        assert_eq!(code(&french, relay), ErrorCode::Forbidden);
        let floor = Command::SetFloorLanguage {
            language: LanguageCode::new("fr"),
        };
        assert_eq!(code(&french, floor), ErrorCode::Forbidden);
    }

    #[test]
    fn a_handover_is_asked_by_the_one_on_air_and_taken_by_a_partner() {
        let mut state = meeting();
        let first = person("fr-1", Role::Interpreter);
        let partner = person("fr-2", Role::Interpreter);
        let take_over = Command::TakeOver {
            channel: booth("fr"),
        };
        let ask = Command::RequestHandover {
            channel: booth("fr"),
        };
        assert_eq!(
            decide(&state, &partner, &take_over).unwrap_err().code,
            ErrorCode::Conflict,
            "nobody to take over from"
        );
        run(&mut state, &first, on_air("fr", true));
        assert_eq!(
            decide(&state, &partner, &ask).unwrap_err().code,
            ErrorCode::Conflict,
            "only the one on air asks"
        );
        run(&mut state, &first, ask.clone());
        assert!(decide(&state, &first, &ask).is_err(), "asked once");
        run(
            &mut state,
            &first,
            Command::CancelHandover {
                channel: booth("fr"),
            },
        );
        run(&mut state, &first, ask);
        run(&mut state, &partner, take_over.clone());
        let fr = state.channel(&booth("fr")).unwrap();
        assert_eq!(fr.on_air.as_ref().unwrap().participant, partner.id);
        assert!(fr.handover.is_none());
        // Directly, without a request.
        run(&mut state, &first, take_over);
        let fr = state.channel(&booth("fr")).unwrap();
        assert_eq!(fr.on_air.as_ref().unwrap().participant, first.id);
    }

    #[test]
    fn a_bi_active_booth_feeds_its_retour_channel_and_the_channel_interlock_holds() {
        let mut state = meeting();
        // The simulation meeting's Arabic booth works into English as its retour.
        assert_eq!(
            state.channel(&booth("ar")).unwrap().retour,
            Some(LanguageCode::new("en"))
        );
        let arabic = person("ar-1", Role::Interpreter);
        let mut english = person("en-1", Role::Interpreter);
        english.booth = Some(booth("en"));
        let into = |language: Option<&str>| Command::SetWorkingInto {
            channel: booth("ar"),
            language: language.map(LanguageCode::new),
        };
        let mut arabic_booth = arabic.clone();
        arabic_booth.booth = Some(booth("ar"));
        assert_eq!(
            decide(&state, &arabic_booth, &into(Some("fr")))
                .unwrap_err()
                .code,
            ErrorCode::Invalid,
            "only the retour"
        );
        run(&mut state, &english, on_air("en", true));
        run(&mut state, &arabic_booth, on_air("ar", true));
        assert_eq!(
            decide(&state, &arabic_booth, &into(Some("en")))
                .unwrap_err()
                .code,
            ErrorCode::Conflict,
            "the English booth is on air into English"
        );
        run(&mut state, &english, on_air("en", false));
        run(&mut state, &arabic_booth, into(Some("en")));
        assert_eq!(
            state
                .feeding(&LanguageCode::new("en"))
                .map(|c| c.id.as_str()),
            Some("ar")
        );
        assert_eq!(
            decide(&state, &english, &on_air("en", true))
                .unwrap_err()
                .code,
            ErrorCode::Conflict,
            "the Arabic booth's retour feeds English"
        );
    }

    #[test]
    fn giving_the_floor_sets_the_floor_language_once() {
        let mut state = meeting();
        let chair = person("chair", Role::Chair);
        let attendee = person("a", Role::Attendee);
        run(&mut state, &chair, Command::next_item());
        run(
            &mut state,
            &attendee,
            Command::RaiseHand {
                kind: protocol::RequestKind::Intervention,
                question: None,
                note: None,
                language: Some(LanguageCode::new("ar")),
            },
        );
        let events = decide(&state, &chair, &Command::give_floor_next()).unwrap();
        assert!(matches!(
            events.last(),
            Some(Event::FloorLanguageSet { language }) if language.as_str() == "ar"
        ));
        run(&mut state, &chair, Command::give_floor_next());
        assert_eq!(state.floor_language, Some(LanguageCode::new("ar")));
        run(
            &mut state,
            &chair,
            Command::SetFloorLanguage {
                language: LanguageCode::new("fr"),
            },
        );
        assert_eq!(state.floor_language, Some(LanguageCode::new("fr")));
    }
}
