//! A deterministic simulation of a meeting driven by arbitrary bytes, for fuzzing, for
//! property tests and for regression tests of what fuzzing found. Each step reads three
//! bytes as "who does what", decides it with the real rules and folds the events with the
//! real fold, then checks the invariants that must hold whatever happens. Alongside, a
//! summarised copy of the state (what attendees hold) is kept current the way the server
//! keeps it (events outside the list of speakers, and a view after each step) and must
//! always equal the summary of the full state.

use super::decide;
use protocol::{
    AgendaItem, ChannelId, Command, ItemId, ItemState, LanguageCode, Localized, MeetingId,
    MeetingInfo, MeetingState, Participant, ParticipantId, RequestKind, Waiting,
};
use std::collections::HashSet;

/// A broken invariant: what happened, at which step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

/// The cast: a chair, attendees (three of one delegation), an organiser and
/// interpreters (two in the French booth, one in the Arabic booth).
pub fn cast() -> Vec<Participant> {
    let person = |id: &str, role, delegation: Option<&str>, booth: Option<&str>| Participant {
        id: ParticipantId::new(id),
        name: id.to_uppercase(),
        role,
        delegation: delegation.map(str::to_owned),
        booth: booth.map(ChannelId::new),
        languages: vec![LanguageCode::new("es")],
    };
    use protocol::Role::{Attendee, Chair, Interpreter, Organiser};
    vec![
        person("chair", Chair, Some("Thailand"), None),
        person("peru-1", Attendee, Some("Peru"), None),
        person("peru-2", Attendee, Some("Peru"), None),
        person("peru-3", Attendee, Some("Peru"), None),
        person("senegal", Attendee, Some("Senegal"), None),
        person("survivor", Attendee, None, None),
        person("expert", Attendee, None, None),
        person("organiser", Organiser, None, None),
        person("fr-1", Interpreter, None, Some("fr")),
        person("fr-2", Interpreter, None, Some("fr")),
        person("ar-1", Interpreter, None, Some("ar")),
    ]
}

/// The simulated meeting: four languages, three agenda items (the second with two
/// guiding questions), three-minute speeches, at most two requests per delegation.
pub fn meeting() -> MeetingState {
    let info = MeetingInfo {
        id: MeetingId::new("simulation"),
        title: Localized::default(),
        languages: ["ar", "en", "fr", "es"].map(LanguageCode::new).to_vec(),
        default_language: LanguageCode::new("en"),
        time_zone: "UTC".into(),
        scheduled_start: "2020-12-04T14:00:00Z".into(),
        speaking_time_seconds: Some(180),
        max_requests_per_delegation: Some(2),
        // The Arabic booth is bi-active (retour into English) and does not take Spanish.
        booths: vec![protocol::BoothConfig {
            channel: ChannelId::new("ar"),
            works_from: ["en", "fr"].map(LanguageCode::new).to_vec(),
            retour: Some(LanguageCode::new("en")),
            media_url: None,
        }],
        dead_air_seconds: None,
        handover_seconds: None,
        self_registration: false,
    };
    let agenda = ["one", "two", "three"]
        .map(|id| AgendaItem {
            id: ItemId::new(id),
            title: Localized::default(),
            presenter: None,
            planned_minutes: None,
            questions: if id == "two" {
                vec![Localized::default(), Localized::default()]
            } else {
                vec![]
            },
            speaking_time_seconds: None,
            state: protocol::ItemState::Upcoming,
            used_ms: 0,
            live_since: None,
        })
        .to_vec();
    MeetingState::new(info, agenda)
}

/// Reads one command from two bytes; unknown ids, channels and languages are
/// deliberate, so that refusals are exercised too.
fn command(
    kind: u8,
    argument: u8,
    sender: &Participant,
    cast: &[Participant],
    state: &MeetingState,
) -> Command {
    let index = usize::from(argument);
    let someone = || cast[index % cast.len()].id.clone();
    // A request id near those in use: mostly real ones, sometimes not.
    let request = || {
        state
            .next_request
            .saturating_sub(1 + u64::from(argument % 8))
    };
    let channels = [
        "floor", "ar", "en", "fr", "es", "sign", "captions", "klingon",
    ];
    // Interpreters mostly act on their own booth, sometimes on any channel.
    let channel = || match &sender.booth {
        Some(booth) if !argument.is_multiple_of(4) => booth.clone(),
        _ => ChannelId::new(channels[index % channels.len()]),
    };
    let items = ["one", "two", "three", "nine"];
    let languages = ["ar", "en", "fr", "es", "xx"];
    let item = || ItemId::new(items[index % items.len()]);
    let title = || {
        Localized(
            [(
                LanguageCode::new(languages[index % 5]),
                format!("Item {argument}"),
            )]
            .into_iter()
            .collect(),
        )
    };
    match kind % 31 {
        0 | 1 => Command::RaiseHand {
            kind: RequestKind::ALL[index % 4],
            question: argument
                .is_multiple_of(5)
                .then_some(u32::from(argument % 3)),
            note: argument.is_multiple_of(7).then(|| "n".repeat(index * 2)),
            language: argument
                .is_multiple_of(3)
                .then(|| LanguageCode::new(languages[index % 5])),
        },
        2 => Command::LowerHand { request: None },
        3 => Command::LowerHand {
            request: Some(request()),
        },
        4 => Command::ClaimRequest { request: request() },
        5 => Command::give_floor_next(),
        6 => Command::GiveFloor {
            request: Some(request()),
            participant: None,
            name: None,
            delegation: None,
            language: None,
        },
        7 => Command::GiveFloor {
            request: None,
            participant: Some(someone()),
            name: argument.is_multiple_of(2).then(|| "Guest".to_owned()),
            delegation: None,
            language: None,
        },
        8 => Command::EndFloor,
        9 => Command::PauseFloor,
        10 => Command::ResumeFloor,
        11 => Command::MoveRequest {
            request: request(),
            position: u32::from(argument % 6),
        },
        12 => Command::ClearQueue,
        13 => Command::CloseList,
        14 => Command::ReopenList,
        15 => Command::SetFirstTimeFirst {
            on: argument.is_multiple_of(2),
        },
        16 => Command::ReaddLastSpeaker,
        17 => Command::SetSpeakingTime {
            seconds: (!argument.is_multiple_of(4)).then_some(u32::from(argument) * 4),
        },
        20 => Command::MarkItem {
            item: item(),
            state: [
                ItemState::Done,
                ItemState::Skipped,
                ItemState::Upcoming,
                ItemState::Live,
            ][index % 4],
        },
        21 => Command::AddItem {
            item: ItemId::new(["four", "five", "two", "Bad Id"][index % 4]),
            title: title(),
            presenter: None,
            planned_minutes: Some(u32::from(argument % 20)),
            position: (!argument.is_multiple_of(3)).then_some(u32::from(argument % 6)),
        },
        22 => Command::EditItem {
            item: item(),
            title: title(),
            presenter: argument.is_multiple_of(2).then(|| "Chair".to_owned()),
            planned_minutes: Some(u32::from(argument % 90)),
        },
        23 => Command::MoveItem {
            item: item(),
            position: u32::from(argument % 6),
        },
        18 => {
            let waiting = [Waiting::Keep, Waiting::Carry, Waiting::Close][(index / 3) % 3];
            match argument % 3 {
                0 => Command::SetCurrentItem {
                    item: ItemId::new(items[index % items.len()]),
                    waiting,
                },
                1 => Command::NextItem { waiting },
                _ => Command::PreviousItem { waiting },
            }
        }
        24 => Command::SetFloorLanguage {
            language: LanguageCode::new(languages[index % languages.len()]),
        },
        25 => Command::SetWorkingInto {
            channel: channel(),
            language: (index / 8)
                .is_multiple_of(2)
                .then(|| LanguageCode::new(languages[(index / 16) % 3])),
        },
        26 => Command::SetRelay {
            channel: channel(),
            from: (!argument.is_multiple_of(4))
                .then(|| ChannelId::new(channels[(index / 8) % channels.len()])),
        },
        27 => Command::SetPaused {
            channel: channel(),
            paused: argument < 128,
        },
        28 => Command::RequestHandover { channel: channel() },
        29 => Command::CancelHandover { channel: channel() },
        30 => Command::TakeOver { channel: channel() },
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
    run_counting(bytes, &mut |_| {})
}

/// [`run`], calling `accepted` with the name of each accepted command.
///
/// # Errors
///
/// The first [`Violation`] of an invariant.
pub fn run_counting(
    bytes: &[u8],
    accepted: &mut dyn FnMut(&'static str),
) -> Result<MeetingState, Violation> {
    let cast = cast();
    let mut state = meeting();
    let mut summarised = state.summarised();
    for (step, chunk) in bytes.chunks_exact(3).enumerate() {
        let sender = &cast[usize::from(chunk[0]) % cast.len()];
        let command = command(chunk[1], chunk[2], sender, &cast, &state);
        let before = state.clone();
        let fail =
            |why: String| Violation(format!("step {step}: {command:?} by {}: {why}", sender.id));
        match decide(&state, sender, &command) {
            Ok(events) => {
                if events.is_empty() {
                    return Err(fail("an accepted command decided no event".into()));
                }
                accepted(command.name());
                for event in events {
                    let envelope =
                        state.next_envelope(1_000 * step as u64, Some(sender.id.clone()), event);
                    state
                        .apply(&envelope)
                        .map_err(|error| fail(format!("decided event does not fold: {error}")))?;
                    if !envelope.event.is_speakers_event() {
                        summarised.apply(&envelope).map_err(|error| {
                            fail(format!("a summarised state refused an event: {error}"))
                        })?;
                    }
                }
            }
            Err(_) if state != before => {
                return Err(fail("a refused command changed the state".into()));
            }
            Err(_) => {}
        }
        summarised
            .apply_queue_view(&state.queue_view())
            .map_err(|error| fail(format!("a summarised state refused a view: {error}")))?;
        if summarised != state.summarised() {
            return Err(fail("the summarised state differs from the summary".into()));
        }
        check_invariants(&state).map_err(fail)?;
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
    for language in &state.info.languages {
        let feeding = state
            .channels
            .iter()
            .filter(|channel| channel.on_air.is_some() && channel.output() == Some(language))
            .count();
        if feeding > 1 {
            return Err(format!("{feeding} booths feed the {language} channel"));
        }
    }
    for channel in &state.channels {
        if channel.handover.is_some() && channel.on_air.is_none() {
            return Err(format!("{} has a handover but nobody on air", channel.id));
        }
    }
    let mut ids = HashSet::new();
    for list in &state.lists {
        let mut seen = HashSet::new();
        for request in &list.queue {
            for who in std::iter::once(&request.participant).chain(&request.also) {
                if !seen.insert(who) {
                    return Err(format!("{who} is twice in the list of {}", list.item));
                }
            }
            if !ids.insert(request.id) || request.id >= state.next_request || request.id == 0 {
                return Err(format!("request id {} is reused or unassigned", request.id));
            }
        }
        if usize::try_from(list.length).ok() != Some(list.queue.len()) {
            return Err(format!("the list of {} miscounts its length", list.item));
        }
        let points = list.points_of_order();
        if list.queue[points..]
            .iter()
            .any(|request| request.kind == RequestKind::PointOfOrder)
        {
            return Err(format!(
                "a point of order is below another request in {}",
                list.item
            ));
        }
        if !list.queue[..points].is_sorted_by_key(|request| request.id) {
            return Err(format!(
                "points of order out of arrival order in {}",
                list.item
            ));
        }
        if let Some(speaker) = &state.floor
            && speaker.item == list.item
            && seen.contains(&speaker.participant)
        {
            return Err(format!(
                "{} has the floor and is in the list",
                speaker.participant
            ));
        }
    }
    for participant in cast() {
        let mine = state.requests_of(&participant.id, participant.delegation.as_deref(), 0);
        let positions: Vec<u32> = mine.iter().map(|mine| mine.position).collect();
        let list = state.active_list().map_or(&[][..], |list| &list.queue[..]);
        for (position, mine) in positions.iter().zip(&mine) {
            let index = usize::try_from(*position).unwrap_or(0).wrapping_sub(1);
            if list.get(index).map(|request| request.id) != Some(mine.request.id) {
                return Err(format!("{}'s position {position} is wrong", participant.id));
            }
        }
    }
    if let Some(item) = &state.current_item
        && state.item_position(item).is_none()
    {
        return Err(format!("the current item {item} is not on the agenda"));
    }
    for item in &state.agenda {
        let current = state.current_item.as_ref() == Some(&item.id);
        if current != (item.state == ItemState::Live) || current != item.live_since.is_some() {
            return Err(format!(
                "item {} is live without being current, or the reverse",
                item.id
            ));
        }
        if state.list(&item.id).is_none() {
            return Err(format!("item {} has no list of speakers", item.id));
        }
    }
    if state.lists.len() != state.agenda.len() {
        return Err("a list of speakers belongs to no item".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_scripted_meeting_runs_and_keeps_its_invariants() {
        // peru-1 raises, senegal raises, the chair gives the floor to the next, fr-1 goes on air.
        let state = run(&[1, 0, 1, 4, 0, 1, 0, 5, 0, 8, 19, 3]).unwrap();
        assert_eq!(state.floor.as_ref().unwrap().participant.as_str(), "peru-1");
        assert_eq!(state.active_list().unwrap().queue.len(), 1);
        assert!(
            state
                .channel(&ChannelId::new("fr"))
                .unwrap()
                .on_air
                .is_some()
        );
    }

    #[test]
    fn the_invariant_check_catches_a_duplicate_and_a_misplaced_point_of_order() {
        let mut state = meeting();
        let cast = cast();
        run_command(&mut state, &cast[5], Command::raise_hand());
        let list = &mut state.lists[0];
        list.queue.push(list.queue[0].clone());
        list.length = 2;
        assert!(check_invariants(&state).unwrap_err().contains("twice"));

        let mut state = meeting();
        run_command(&mut state, &cast[5], Command::raise_hand());
        let point_of_order = Command::RaiseHand {
            kind: RequestKind::PointOfOrder,
            question: None,
            note: None,
            language: None,
        };
        run_command(&mut state, &cast[6], point_of_order);
        state.lists[0].queue.swap(0, 1);
        assert!(
            check_invariants(&state)
                .unwrap_err()
                .contains("point of order")
        );
    }

    /// The random runs below are only worth something if they reach the interesting
    /// states: every command is accepted somewhere, and lists grow long.
    #[test]
    fn random_runs_exercise_every_command() {
        let mut seed: u64 = 0x5eed;
        let mut accepted = std::collections::BTreeMap::new();
        let mut longest = 0;
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..900)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (seed >> 33) as u8
                })
                .collect();
            let state = run_counting(&bytes, &mut |name| {
                *accepted.entry(name).or_insert(0) += 1;
            })
            .unwrap();
            longest = longest.max(
                state
                    .lists
                    .iter()
                    .map(|list| list.queue.len())
                    .max()
                    .unwrap_or(0),
            );
        }
        let names = [
            "raise_hand",
            "lower_hand",
            "claim_request",
            "give_floor",
            "end_floor",
            "pause_floor",
            "resume_floor",
            "move_request",
            "clear_queue",
            "close_list",
            "reopen_list",
            "set_first_time_first",
            "readd_last_speaker",
            "set_speaking_time",
            "set_current_item",
            "next_item",
            "previous_item",
            "set_on_air",
            "set_floor_language",
            "set_working_into",
            "set_relay",
            "set_paused",
            "request_handover",
            "cancel_handover",
            "take_over",
            "mark_item",
            "add_item",
            "edit_item",
            "move_item",
        ];
        for name in names {
            assert!(
                accepted.get(name).copied().unwrap_or(0) > 0,
                "{name} never accepted: {accepted:?}"
            );
        }
        assert!(longest >= 4, "lists never grew: {longest}");
    }

    fn run_command(state: &mut MeetingState, sender: &Participant, command: Command) {
        super::super::test_support::run(state, sender, command);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Random sequences of commands by random roles keep every invariant: nobody
        /// twice in a list, points of order on top in arrival order, positions that
        /// match the list, the speaker not in the list, refused commands change nothing,
        /// and the attendees' summarised state always equals the summary.
        #[test]
        fn random_meetings_keep_the_invariants(bytes in proptest::collection::vec(any::<u8>(), 0..900)) {
            if let Err(Violation(why)) = run(&bytes) {
                prop_assert!(false, "{}", why);
            }
        }
    }
}
