//! A deterministic simulation of a meeting driven by arbitrary bytes, for fuzzing and for
//! regression tests of what fuzzing found. Each step reads a few bytes as "who does what",
//! decides it with the real rules and folds the event with the real fold, then checks the
//! invariants that must hold whatever happens.

use super::decide;
use protocol::{
    AgendaItem, ChannelId, Command, EventEnvelope, ItemId, LanguageCode, Localized, MeetingId,
    MeetingInfo, MeetingState, Participant, ParticipantId, Role,
};
use std::collections::HashSet;

/// A broken invariant: what happened, at which step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

/// The cast: a chair, attendees (two of one delegation), an organiser and interpreters
/// (two in the French booth, one in the Arabic booth).
fn cast() -> Vec<Participant> {
    let person = |id: &str, role, delegation: Option<&str>, booth: Option<&str>| Participant {
        id: ParticipantId::new(id),
        name: id.to_uppercase(),
        role,
        delegation: delegation.map(str::to_owned),
        booth: booth.map(ChannelId::new),
        languages: vec![],
    };
    vec![
        person("chair", Role::Chair, Some("Thailand"), None),
        person("peru-1", Role::Attendee, Some("Peru"), None),
        person("peru-2", Role::Attendee, Some("Peru"), None),
        person("senegal", Role::Attendee, Some("Senegal"), None),
        person("organiser", Role::Organiser, None, None),
        person("fr-1", Role::Interpreter, None, Some("fr")),
        person("fr-2", Role::Interpreter, None, Some("fr")),
        person("ar-1", Role::Interpreter, None, Some("ar")),
    ]
}

/// The simulated meeting: four languages, three agenda items, nothing happened yet.
pub fn meeting() -> MeetingState {
    let info = MeetingInfo {
        id: MeetingId::new("simulation"),
        title: Localized::default(),
        languages: ["ar", "en", "fr", "es"].map(LanguageCode::new).to_vec(),
        default_language: LanguageCode::new("en"),
        time_zone: "UTC".into(),
        scheduled_start: "2020-12-04T14:00:00Z".into(),
    };
    let agenda = ["one", "two", "three"]
        .map(|id| AgendaItem {
            id: ItemId::new(id),
            title: Localized::default(),
            presenter: None,
            planned_minutes: None,
            questions: vec![],
        })
        .to_vec();
    MeetingState::new(info, agenda)
}

/// Reads one command from two bytes; unknown ids and channels are deliberate, so that
/// refusals are exercised too.
fn command(kind: u8, argument: u8, cast: &[Participant]) -> Command {
    let someone = || cast[usize::from(argument) % cast.len()].id.clone();
    let channels = [
        "floor", "ar", "en", "fr", "es", "sign", "captions", "klingon",
    ];
    let channel = || ChannelId::new(channels[usize::from(argument) % channels.len()]);
    let items = ["one", "two", "three", "nine"];
    match kind % 10 {
        0 => Command::RaiseHand,
        1 => Command::LowerHand { participant: None },
        2 => Command::LowerHand {
            participant: Some(someone()),
        },
        3 => Command::GiveFloor { participant: None },
        4 => Command::GiveFloor {
            participant: Some(someone()),
        },
        5 => Command::EndFloor,
        6 => Command::SetCurrentItem {
            item: ItemId::new(items[usize::from(argument) % items.len()]),
        },
        7 => Command::NextItem,
        8 => Command::PreviousItem,
        _ => Command::SetOnAir {
            channel: channel(),
            on_air: argument < 128,
        },
    }
}

/// Runs the meeting through the steps encoded in `bytes` (three bytes a step: who, what,
/// argument) and returns its final state.
///
/// # Errors
///
/// The first [`Violation`] of an invariant.
pub fn run(bytes: &[u8]) -> Result<MeetingState, Violation> {
    let cast = cast();
    let mut state = meeting();
    for (step, chunk) in bytes.chunks_exact(3).enumerate() {
        let sender = &cast[usize::from(chunk[0]) % cast.len()];
        let command = command(chunk[1], chunk[2], &cast);
        let before = state.clone();
        match decide(&state, sender, &command) {
            Ok(event) => {
                let envelope = EventEnvelope {
                    seq: state.seq + 1,
                    at: step as u64,
                    actor: Some(sender.id.clone()),
                    event,
                };
                state.apply(&envelope).map_err(|error| {
                    Violation(format!(
                        "step {step}: {command:?} by {}: decided event does not fold: {error}",
                        sender.id
                    ))
                })?;
                if state.seq != before.seq + 1 {
                    return Err(Violation(format!(
                        "step {step}: seq did not advance by one"
                    )));
                }
            }
            Err(_) if state != before => {
                return Err(Violation(format!(
                    "step {step}: a refused command changed the state"
                )));
            }
            Err(_) => {}
        }
        check_invariants(&state).map_err(|why| {
            Violation(format!("step {step}: {command:?} by {}: {why}", sender.id))
        })?;
    }
    let text = serde_json::to_string(&state).expect("states serialise");
    let back: MeetingState = serde_json::from_str(&text).expect("snapshots deserialise");
    if back != state {
        return Err(Violation(
            "the snapshot does not survive a JSON round trip".into(),
        ));
    }
    Ok(state)
}

/// The invariants of any meeting state, whatever happened before.
///
/// # Errors
///
/// A description of the first broken invariant.
pub fn check_invariants(state: &MeetingState) -> Result<(), String> {
    let mut seen = HashSet::new();
    for request in &state.queue {
        if !seen.insert(&request.participant) {
            return Err(format!("{} is in the queue twice", request.participant));
        }
    }
    if let Some(speaker) = &state.floor
        && seen.contains(&speaker.participant)
    {
        return Err(format!(
            "{} has the floor and is in the queue",
            speaker.participant
        ));
    }
    if let Some(item) = &state.current_item
        && state.item_position(item).is_none()
    {
        return Err(format!("the current item {item} is not on the agenda"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scripted_meeting_runs_and_keeps_its_invariants() {
        // peru-1 raises, senegal raises, the chair gives the floor to the next, fr-1 goes on air.
        let state = run(&[1, 0, 0, 3, 0, 0, 0, 3, 0, 5, 9, 3]).unwrap();
        assert_eq!(state.floor.as_ref().unwrap().participant.as_str(), "peru-1");
        assert_eq!(state.queue.len(), 1);
        assert!(
            state
                .channel(&ChannelId::new("fr"))
                .unwrap()
                .on_air
                .is_some()
        );
    }

    #[test]
    fn the_invariant_check_catches_a_duplicate() {
        let mut state = meeting();
        let request = protocol::FloorRequest {
            participant: ParticipantId::new("a"),
            name: "A".into(),
            delegation: None,
            raised_at: 0,
        };
        state.queue = vec![request.clone(), request];
        assert!(check_invariants(&state).is_err());
    }
}
