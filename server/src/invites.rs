//! Invite links: the page URL with the participant's token in the fragment
//! (`https://host/#token=…`). Browsers never send the fragment to the server, so tokens
//! stay out of access logs; the client reads it and removes it from the address bar.

use crate::auth::Keys;
use crate::meeting_file::MeetingFile;
use protocol::{MeetingId, Participant};
use std::time::Duration;

/// One participant's way into a meeting.
#[derive(Debug, Clone)]
pub struct Invite {
    /// The meeting.
    pub meeting: MeetingId,
    /// Who the link is for.
    pub participant: Participant,
    /// The link itself.
    pub url: String,
}

/// Mints an invite for every participant of `meeting`, valid for `ttl`.
pub fn for_meeting(
    keys: &Keys,
    meeting: &MeetingFile,
    base_url: &str,
    ttl: Duration,
) -> Vec<Invite> {
    let base_url = base_url.trim_end_matches('/');
    meeting
        .participants
        .iter()
        .map(|participant| {
            let token = keys.mint(&meeting.info.id, participant, ttl);
            Invite {
                meeting: meeting.info.id.clone(),
                participant: participant.clone(),
                url: format!("{base_url}/#token={token}"),
            }
        })
        .collect()
}
