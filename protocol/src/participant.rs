//! Who takes part in a meeting and what their role lets them do.
//!
//! Every check of the kind "may this person …" or "does this person see …" that the
//! server's rules, its fan-out and the browser's views share is a method of [`Role`], so
//! that each question has one answer.

use crate::ids::{ChannelId, LanguageCode, ParticipantId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a participant may do in a meeting; carried in their token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Follows the meeting, raises a hand, listens to a channel.
    Attendee,
    /// Moderates: gives the floor and moves through the agenda.
    Chair,
    /// Works in an interpretation booth and puts its channel on air.
    Interpreter,
    /// Signs the meeting and announces when on screen.
    SignLanguageInterpreter,
    /// Writes the captions (CART) channel.
    Captioner,
    /// Prepares the meeting and watches who is connected.
    Organiser,
}

impl Role {
    /// Whether this role moderates the meeting (gives the floor, moves the agenda).
    pub fn moderates(self) -> bool {
        matches!(self, Self::Chair)
    }

    /// Whether this role asks for the floor (attendees, and organisers who speak).
    pub fn asks_for_floor(self) -> bool {
        matches!(self, Self::Attendee | Self::Organiser)
    }

    /// Whether this role sees the whole list of speakers, every entry and every event of
    /// it, because it manages the list or prepares the meeting. Everyone else gets the
    /// list as a summary (see [`crate::MeetingState::summarised`]).
    pub fn sees_full_list(self) -> bool {
        matches!(self, Self::Chair | Self::Organiser)
    }

    /// Whether this role works a channel (puts it on and off air).
    pub fn works_channel(self) -> bool {
        matches!(
            self,
            Self::Interpreter | Self::SignLanguageInterpreter | Self::Captioner
        )
    }

    /// The role as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Attendee => "attendee",
            Self::Chair => "chair",
            Self::Interpreter => "interpreter",
            Self::SignLanguageInterpreter => "sign_language_interpreter",
            Self::Captioner => "captioner",
            Self::Organiser => "organiser",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a participant is, as the server established from their token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Participant {
    /// Their id in this meeting.
    pub id: ParticipantId,
    /// Their display name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// The delegation they represent, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// For interpreters and signers: the channel of their booth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booth: Option<ChannelId>,
    /// The languages they work in or prefer, most preferred first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageCode>,
}
