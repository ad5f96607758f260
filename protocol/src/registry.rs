//! Who is invited: the participants organisers manage (from the meeting file, an import,
//! a late addition or an approved self-registration), each with the generation of their
//! invite link, and the self-registrations waiting for a decision.
//!
//! A link is a token minted for one participant and one link generation. Revoking a link
//! moves the participant to the next generation with no valid link; replacing it moves
//! them to the next generation and mints a link for it. A token is accepted only when its
//! generation is the participant's current one and the link is not revoked
//! ([`Registry::accepts`]). Participants the registry does not know (a meeting file's
//! participants before anything was done to their links) are at generation 0.
//!
//! The registry is part of the full state only (the chair's and organisers'); summarised
//! states hold none and never receive its events.

use crate::ids::{ItemId, LanguageCode, ParticipantId};
use crate::participant::Participant;
use crate::speakers::RequestKind;
use serde::{Deserialize, Serialize};

/// What a participant needs to follow the meeting, beyond a language channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Needs {
    /// Sign-language interpretation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sign_language: bool,
    /// Captions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub captions: bool,
}

impl Needs {
    /// Whether nothing is needed.
    pub fn is_empty(&self) -> bool {
        !self.sign_language && !self.captions
    }
}

/// The floor asked for at registration: on which item, for what, on which guiding
/// question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FloorWish {
    /// The agenda item.
    pub item: ItemId,
    /// What for.
    #[serde(default)]
    pub kind: RequestKind,
    /// For a question: the 0-based index of the item's guiding question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<u32>,
    /// The language they will speak, when it is not their first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageCode>,
    /// A note for the chair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One invited participant as organisers manage them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Registrant {
    /// Who they are (as their token says).
    pub participant: Participant,
    /// Where to send their link, if known. Only organisers and the chair see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// What they need besides a language channel.
    #[serde(default, skip_serializing_if = "Needs::is_empty")]
    pub needs: Needs,
    /// A written question sent with the registration, for the organisers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_question: Option<String>,
    /// The generation of their invite link: only a token of this generation is valid.
    #[serde(default)]
    pub link: u32,
    /// Whether their link is revoked (no token is valid until it is replaced).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
}

impl Registrant {
    /// A registrant at link generation 0 with nothing but who they are.
    pub fn new(participant: Participant) -> Self {
        Self {
            participant,
            email: None,
            needs: Needs::default(),
            written_question: None,
            link: 0,
            revoked: false,
        }
    }
}

/// The id of a self-registration, numbered by the meeting from 1.
pub type RegistrationId = u64;

/// Where a self-registration stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Waiting for the organisers.
    #[default]
    Pending,
    /// Approved: the person is a participant.
    Approved,
    /// Declined.
    Declined,
}

/// A person's registration through the meeting's registration page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Registration {
    /// Its id.
    pub id: RegistrationId,
    /// The person as they described themselves; `participant.id` is the id they get when
    /// approved, and `participant.role` is always `attendee`.
    pub registrant: Registrant,
    /// The floor they ask for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<FloorWish>,
    /// Where it stands.
    #[serde(default)]
    pub status: RegistrationStatus,
    /// Server time (ms since the Unix epoch) it was received.
    pub at: u64,
}

/// The participants organisers manage and the registrations waiting for them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Registry {
    /// The participants, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrants: Vec<Registrant>,
    /// Self-registrations, in the order received (decided ones too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrations: Vec<Registration>,
}

impl Registry {
    /// Whether the registry holds nothing.
    pub fn is_empty(&self) -> bool {
        self.registrants.is_empty() && self.registrations.is_empty()
    }

    /// The participant `id`, if registered.
    pub fn get(&self, id: &ParticipantId) -> Option<&Registrant> {
        self.registrants
            .iter()
            .find(|registrant| &registrant.participant.id == id)
    }

    /// The participant `id`, if registered, to change.
    pub fn get_mut(&mut self, id: &ParticipantId) -> Option<&mut Registrant> {
        self.registrants
            .iter_mut()
            .find(|registrant| &registrant.participant.id == id)
    }

    /// The registration `id`.
    pub fn registration(&self, id: RegistrationId) -> Option<&Registration> {
        self.registrations
            .iter()
            .find(|registration| registration.id == id)
    }

    /// Whether a token of link generation `link` for participant `id` is valid: the
    /// participant's current generation and not revoked; any participant the registry
    /// does not know is at generation 0.
    pub fn accepts(&self, id: &ParticipantId, link: u32) -> bool {
        match self.get(id) {
            Some(registrant) => !registrant.revoked && registrant.link == link,
            None => link == 0,
        }
    }

    /// The id the next self-registration gets (they are numbered in order from 1).
    pub fn next_registration(&self) -> RegistrationId {
        self.registrations
            .last()
            .map_or(1, |registration| registration.id + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participant::Role;

    fn registrant(id: &str) -> Registrant {
        Registrant::new(Participant {
            id: ParticipantId::new(id),
            name: id.to_uppercase(),
            role: Role::Attendee,
            delegation: None,
            booth: None,
            languages: Vec::new(),
        })
    }

    #[test]
    fn only_the_current_generation_of_a_link_that_is_not_revoked_is_accepted() {
        let mut registry = Registry::default();
        let peru = ParticipantId::new("peru");
        assert!(registry.accepts(&peru, 0), "unknown: generation 0");
        assert!(!registry.accepts(&peru, 1));
        registry.registrants.push(registrant("peru"));
        registry.get_mut(&peru).unwrap().link = 2;
        assert!(registry.accepts(&peru, 2));
        assert!(!registry.accepts(&peru, 1), "an older link");
        registry.get_mut(&peru).unwrap().revoked = true;
        assert!(!registry.accepts(&peru, 2), "revoked");
    }
}
