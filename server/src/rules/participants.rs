//! Who is invited, as organisers change it through the participants API: participants
//! added (an import, a late registrant, an approved self-registration) with the requests
//! for the floor they made when registering; links revoked and replaced; self-registrations
//! received and decided.
//!
//! Requests made at registration join their item's list as during the meeting, marked as
//! made at registration: a second request of the same kind from the same delegation
//! merges into the first, and someone already waiting on the item is not added twice.

use super::Rejection;
use super::meeting::refuse_when_closed;
use crate::limits::{MAX_PARTICIPANTS, MAX_REGISTRATIONS};
use protocol::{
    ErrorCode, Event, FloorRequest, FloorWish, MeetingState, Participant, ParticipantId,
    Registrant, Registration, RegistrationId, RegistrationStatus,
};

/// The events that add `registrants` (or change the details of those already there) and
/// the requests for the floor they made at registration.
///
/// # Errors
///
/// `conflict` when the meeting is closed; `invalid` when a request names an item that is
/// not on the agenda or someone who is not among `registrants`.
pub fn add(
    state: &MeetingState,
    registrants: Vec<Registrant>,
    wishes: &[(ParticipantId, FloorWish)],
) -> Result<Vec<Event>, Rejection> {
    add_within(state, registrants, wishes, MAX_PARTICIPANTS)
}

/// [`add`], with at most `most` participants in the registry afterwards.
fn add_within(
    state: &MeetingState,
    registrants: Vec<Registrant>,
    wishes: &[(ParticipantId, FloorWish)],
    most: usize,
) -> Result<Vec<Event>, Rejection> {
    refuse_when_closed(state)?;
    let known: std::collections::HashSet<&ParticipantId> = state
        .registry
        .registrants
        .iter()
        .map(|registrant| &registrant.participant.id)
        .collect();
    let new: std::collections::HashSet<&ParticipantId> = registrants
        .iter()
        .map(|registrant| &registrant.participant.id)
        .filter(|id| !known.contains(id))
        .collect();
    let new = new.len();
    if state.registry.registrants.len() + new > most {
        return Err(Rejection::new(
            ErrorCode::Invalid,
            format!(
                "a meeting has at most {most} participants; it has {} and {new} would be added",
                state.registry.registrants.len()
            ),
        ));
    }
    let mut scratch = state.clone();
    let mut events = Vec::new();
    let added = Event::ParticipantsAdded {
        registrants: registrants.clone(),
    };
    fold(&mut scratch, &added)?;
    events.push(added);
    for (who, wish) in wishes {
        let Some(registrant) = registrants.iter().find(|r| &r.participant.id == who) else {
            return Err(Rejection::new(
                ErrorCode::Invalid,
                format!("`{who}` asks for the floor but is not among those added"),
            ));
        };
        if let Some(event) = registered_request(&scratch, &registrant.participant, wish)? {
            fold(&mut scratch, &event)?;
            events.push(event);
        }
    }
    Ok(events)
}

/// The event that puts the floor `wish` of `participant` in its item's list as a request
/// made at registration: a new request, a merge into their delegation's, or none when they
/// already wait there.
fn registered_request(
    state: &MeetingState,
    participant: &Participant,
    wish: &FloorWish,
) -> Result<Option<Event>, Rejection> {
    let list = state.list(&wish.item).ok_or_else(|| {
        Rejection::new(
            ErrorCode::Invalid,
            format!("the agenda has no item `{}`", wish.item),
        )
    })?;
    if list.queue.iter().any(|waiting| {
        waiting.participant == participant.id || waiting.also.contains(&participant.id)
    }) {
        return Ok(None);
    }
    if let Some(same) = list.queue.iter().find(|waiting| {
        waiting.delegation.is_some()
            && waiting.delegation == participant.delegation
            && waiting.kind == wish.kind
    }) {
        return Ok(Some(Event::RequestMerged {
            item: wish.item.clone(),
            request: same.id,
            participant: participant.id.clone(),
            name: participant.name.clone(),
        }));
    }
    let language = wish
        .language
        .clone()
        .or_else(|| participant.languages.first().cloned())
        .unwrap_or_else(|| state.info.default_language.clone());
    Ok(Some(Event::FloorRequested {
        item: wish.item.clone(),
        request: FloorRequest {
            id: state.next_request,
            kind: wish.kind,
            participant: participant.id.clone(),
            name: participant.name.clone(),
            delegation: participant.delegation.clone(),
            language,
            question: wish.question,
            note: wish.note.clone(),
            raised_at: 0,
            registered: true,
            also: Vec::new(),
            asked_by: Vec::new(),
        },
        top: false,
    }))
}

/// Folds `event` into a scratch copy of the state, as the actor will fold it.
fn fold(scratch: &mut MeetingState, event: &Event) -> Result<(), Rejection> {
    let envelope = scratch.next_envelope(0, None, event.clone());
    scratch.apply(&envelope).map_err(|error| {
        Rejection::new(
            ErrorCode::Invalid,
            format!("the change does not fit the meeting: {error}"),
        )
    })
}

/// The participant `id` as the registry knows them, else as `known` (a meeting file's
/// participant, added to the registry first).
fn registered(
    state: &MeetingState,
    id: &ParticipantId,
    known: Option<&Participant>,
) -> Result<(u32, Option<Event>), Rejection> {
    if let Some(registrant) = state.registry.get(id) {
        return Ok((registrant.link, None));
    }
    let participant = known.ok_or_else(|| {
        Rejection::new(
            ErrorCode::NotFound,
            format!("the meeting has no participant `{id}`"),
        )
    })?;
    Ok((
        0,
        Some(Event::ParticipantsAdded {
            registrants: vec![Registrant::new(participant.clone())],
        }),
    ))
}

/// The events that revoke (`replace`: replace) the invite link of participant `id`
/// (`known`: as the meeting file describes them, when the registry does not know them yet).
///
/// # Errors
///
/// `conflict` when the meeting is closed; `not_found` for an unknown participant.
pub fn revoke(
    state: &MeetingState,
    id: &ParticipantId,
    known: Option<&Participant>,
    replace: bool,
) -> Result<Vec<Event>, Rejection> {
    refuse_when_closed(state)?;
    let (link, added) = registered(state, id, known)?;
    let link = link + 1;
    let participant = id.clone();
    Ok(added
        .into_iter()
        .chain(std::iter::once(if replace {
            Event::LinkReplaced { participant, link }
        } else {
            Event::LinkRevoked { participant, link }
        }))
        .collect())
}

/// The event that records a self-registration: its id is the meeting's next, the
/// participant id it asks for `reg-{id}`, its status pending.
///
/// # Errors
///
/// `conflict` when the meeting is closed, does not take registrations, or the id asked
/// for is taken.
pub fn register(state: &MeetingState, registration: Registration) -> Result<Event, Rejection> {
    register_within(state, registration, MAX_REGISTRATIONS)
}

/// [`register`], with at most `most` registrations in all.
fn register_within(
    state: &MeetingState,
    mut registration: Registration,
    most: usize,
) -> Result<Event, Rejection> {
    refuse_when_closed(state)?;
    if !state.info.self_registration {
        return Err(Rejection::new(
            ErrorCode::Forbidden,
            "this meeting does not take registrations",
        ));
    }
    if state.registry.registrations.len() >= most {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            "this meeting takes no more registrations",
        ));
    }
    registration.id = state.registry.next_registration();
    // The id they get when approved says nothing about them (nor about anyone else).
    registration.registrant.participant.id = ParticipantId::new(format!("reg-{}", registration.id));
    registration.status = RegistrationStatus::Pending;
    Ok(Event::RegistrationReceived { registration })
}

/// The events that approve (make the person a participant, with their request for the
/// floor) or decline registration `id`.
///
/// # Errors
///
/// `not_found` for an unknown registration; `conflict` when it was decided already or the
/// id it asks for is someone else's.
pub fn decide(
    state: &MeetingState,
    id: RegistrationId,
    approve: bool,
) -> Result<Vec<Event>, Rejection> {
    refuse_when_closed(state)?;
    let registration = state.registry.registration(id).ok_or_else(|| {
        Rejection::new(
            ErrorCode::NotFound,
            format!("there is no registration {id}"),
        )
    })?;
    if registration.status != RegistrationStatus::Pending {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            format!("registration {id} was decided already"),
        ));
    }
    let decided = |status| Event::RegistrationDecided {
        registration: id,
        status,
    };
    if !approve {
        return Ok(vec![decided(RegistrationStatus::Declined)]);
    }
    let participant = &registration.registrant.participant;
    if state.registry.get(&participant.id).is_some() {
        return Err(Rejection::new(
            ErrorCode::Conflict,
            format!(
                "`{}` is already a participant; decline this registration or ask the person to register under another name",
                participant.id
            ),
        ));
    }
    let wishes: Vec<(ParticipantId, FloorWish)> = registration
        .floor
        .iter()
        .map(|wish| (participant.id.clone(), wish.clone()))
        .collect();
    let mut events = add(state, vec![registration.registrant.clone()], &wishes)?;
    events.push(decided(RegistrationStatus::Approved));
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::meeting;
    use super::*;
    use protocol::{ItemId, Registry, RequestKind, Role};

    fn attendee(id: &str, delegation: Option<&str>) -> Registrant {
        Registrant::new(Participant {
            id: ParticipantId::new(id),
            name: id.to_uppercase(),
            role: Role::Attendee,
            delegation: delegation.map(str::to_owned),
            booth: None,
            languages: Vec::new(),
        })
    }

    fn apply(state: &mut MeetingState, events: Vec<Event>) {
        for event in events {
            let envelope = state.next_envelope(state.seq + 1, None, event);
            state.apply(&envelope).expect("decided events fold");
        }
    }

    fn wish(item: &str) -> FloorWish {
        FloorWish {
            item: ItemId::new(item),
            kind: RequestKind::Intervention,
            question: None,
            language: None,
            note: None,
        }
    }

    #[test]
    fn added_participants_bring_their_requests_merged_by_delegation() {
        let mut state = meeting();
        let events = add(
            &state,
            vec![
                attendee("a", Some("D")),
                attendee("b", Some("D")),
                attendee("c", None),
            ],
            &[
                (ParticipantId::new("a"), wish("two")),
                (ParticipantId::new("b"), wish("two")),
                (ParticipantId::new("c"), wish("two")),
            ],
        )
        .unwrap();
        apply(&mut state, events);
        let list = state.list(&ItemId::new("two")).unwrap();
        assert_eq!(list.length, 2, "b merged into a's delegation request");
        assert!(list.queue.iter().all(|request| request.registered));
        assert_eq!(state.registry.registrants.len(), 3);
        // Added again with new details: one entry each, the requests not doubled.
        let mut renamed = attendee("c", None);
        renamed.participant.name = "Céline".into();
        let events = add(
            &state,
            vec![renamed],
            &[(ParticipantId::new("c"), wish("two"))],
        )
        .unwrap();
        apply(&mut state, events);
        assert_eq!(state.registry.registrants.len(), 3);
        assert_eq!(
            state
                .registry
                .get(&ParticipantId::new("c"))
                .unwrap()
                .participant
                .name,
            "Céline"
        );
        assert_eq!(state.list(&ItemId::new("two")).unwrap().length, 2);
        let refused = add(&state, vec![], &[(ParticipantId::new("x"), wish("two"))]);
        assert_eq!(refused.unwrap_err().code, ErrorCode::Invalid);
    }

    #[test]
    fn a_meeting_takes_so_many_participants_and_registrations_and_no_more() {
        let mut state = meeting();
        let events = add_within(
            &state,
            vec![attendee("a", None), attendee("b", None)],
            &[],
            3,
        )
        .unwrap();
        apply(&mut state, events);
        // Changing those already there does not count; two more would.
        assert!(
            add_within(
                &state,
                vec![attendee("a", None), attendee("c", None)],
                &[],
                3
            )
            .is_ok()
        );
        let refused = add_within(
            &state,
            vec![attendee("c", None), attendee("d", None)],
            &[],
            3,
        );
        assert_eq!(refused.unwrap_err().code, ErrorCode::Invalid);

        state.info.self_registration = true;
        let registration = Registration {
            id: 0,
            registrant: attendee("r", None),
            floor: None,
            status: RegistrationStatus::Pending,
            at: 5,
        };
        for _ in 0..2 {
            let event = register_within(&state, registration.clone(), 2).unwrap();
            apply(&mut state, vec![event]);
        }
        assert_eq!(state.registry.next_registration(), 3);
        let refused = register_within(&state, registration, 2);
        assert_eq!(refused.unwrap_err().code, ErrorCode::Conflict);
    }

    #[test]
    fn revoking_and_replacing_move_the_link_on() {
        let mut state = meeting();
        let file_participant = attendee("f", None).participant;
        let id = ParticipantId::new("f");
        assert_eq!(
            revoke(&state, &id, None, false).unwrap_err().code,
            ErrorCode::NotFound
        );
        let events = revoke(&state, &id, Some(&file_participant), false).unwrap();
        apply(&mut state, events);
        assert!(!state.registry.accepts(&id, 0));
        assert!(!state.registry.accepts(&id, 1), "revoked: no link at all");
        let events = revoke(&state, &id, None, true).unwrap();
        apply(&mut state, events);
        assert!(state.registry.accepts(&id, 2));
        assert!(!state.registry.accepts(&id, 0));
        assert_eq!(state.registry.registrants.len(), 1);
        assert!(Registry::default().accepts(&id, 0));
    }

    #[test]
    fn a_registration_is_approved_once_or_declined() {
        let mut state = meeting();
        let registration = Registration {
            id: 0,
            registrant: attendee("r", None),
            floor: Some(wish("one")),
            status: RegistrationStatus::Pending,
            at: 5,
        };
        assert_eq!(
            register(&state, registration.clone()).unwrap_err().code,
            ErrorCode::Forbidden
        );
        state.info.self_registration = true;
        let received = register(&state, registration.clone()).unwrap();
        let events = vec![received];
        apply(&mut state, events);
        let second = register(&state, registration).unwrap();
        let events = vec![second];
        apply(&mut state, events);
        let events = decide(&state, 1, true).unwrap();
        apply(&mut state, events);
        assert!(
            state.registry.get(&ParticipantId::new("reg-1")).is_some(),
            "the id is made from the registration's, never from the person's data"
        );
        assert_eq!(state.list(&ItemId::new("one")).unwrap().length, 1);
        assert_eq!(
            decide(&state, 1, false).unwrap_err().code,
            ErrorCode::Conflict
        );
        // Someone an organiser added under the id already: approving is refused.
        let events = add(&state, vec![attendee("reg-2", None)], &[]).unwrap();
        apply(&mut state, events);
        assert_eq!(
            decide(&state, 2, true).unwrap_err().code,
            ErrorCode::Conflict
        );
        let events = decide(&state, 2, false).unwrap();
        apply(&mut state, events);
        assert_eq!(
            state.registry.registration(2).unwrap().status,
            RegistrationStatus::Declined
        );
        assert_eq!(
            decide(&state, 9, true).unwrap_err().code,
            ErrorCode::NotFound
        );
    }
}
