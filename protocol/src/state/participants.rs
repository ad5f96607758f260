//! The fold of who is invited: participants added (or their details changed), links
//! revoked and replaced, self-registrations received and decided. Full states only.

use super::MeetingState;
use crate::event::{ApplyError, Event};
use crate::registry::RegistrationStatus;

impl MeetingState {
    /// Folds the events of who is invited.
    pub(super) fn apply_participants(&mut self, event: &Event) -> Result<(), ApplyError> {
        let registry = &mut self.registry;
        match event {
            Event::ParticipantsAdded { registrants } => {
                // One pass however many are added (an import brings thousands at once).
                let mut index: std::collections::HashMap<_, _> = registry
                    .registrants
                    .iter()
                    .enumerate()
                    .map(|(at, known)| (known.participant.id.clone(), at))
                    .collect();
                for registrant in registrants {
                    match index
                        .get(&registrant.participant.id)
                        .map(|&at| &mut registry.registrants[at])
                    {
                        Some(known) => {
                            known.participant = registrant.participant.clone();
                            known.email = registrant.email.clone();
                            known.needs = registrant.needs.clone();
                            known.written_question = registrant.written_question.clone();
                        }
                        None => {
                            index.insert(
                                registrant.participant.id.clone(),
                                registry.registrants.len(),
                            );
                            registry.registrants.push(registrant.clone());
                        }
                    }
                }
            }
            Event::LinkRevoked { participant, link }
            | Event::LinkReplaced { participant, link } => {
                let registrant = registry
                    .get_mut(participant)
                    .ok_or(ApplyError::Inconsistent("not a registered participant"))?;
                if *link != registrant.link + 1 {
                    return Err(ApplyError::Inconsistent("link generation out of order"));
                }
                registrant.link = *link;
                registrant.revoked = matches!(event, Event::LinkRevoked { .. });
            }
            Event::RegistrationReceived { registration } => {
                if registration.id != registry.next_registration()
                    || registration.status != RegistrationStatus::Pending
                {
                    return Err(ApplyError::Inconsistent("registration out of order"));
                }
                registry.registrations.push(registration.clone());
            }
            Event::RegistrationDecided {
                registration,
                status,
            } => {
                let approved = *status == RegistrationStatus::Approved;
                let found = registry
                    .registrations
                    .iter()
                    .position(|r| r.id == *registration)
                    .ok_or(ApplyError::Inconsistent("unknown registration"))?;
                let id = registry.registrations[found]
                    .registrant
                    .participant
                    .id
                    .clone();
                if *status == RegistrationStatus::Pending
                    || registry.registrations[found].status != RegistrationStatus::Pending
                    || (approved && registry.get(&id).is_none())
                {
                    return Err(ApplyError::Inconsistent(
                        "the registration cannot be so decided",
                    ));
                }
                registry.registrations[found].status = *status;
            }
            _ => return Err(ApplyError::Inconsistent("not an event of this area")),
        }
        Ok(())
    }
}
