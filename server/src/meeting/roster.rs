//! Who is connected to a meeting, for the chair's and the organisers' view: one entry per
//! participant with their number of connections, and the changes since the managers were
//! last told, sent as `roster` deltas at most once per tick. Its count of each
//! participant's connections is the one the cap on connections per participant reads.

use protocol::{Connected, Participant, ParticipantId, ServerMessage};
use std::collections::{BTreeSet, HashMap};

/// The connected participants and the changes not yet sent.
#[derive(Default)]
pub(super) struct Roster {
    people: HashMap<ParticipantId, Connected>,
    changed: BTreeSet<ParticipantId>,
}

impl Roster {
    /// Counts a connection of `who` in.
    pub(super) fn arrive(&mut self, who: &Participant) {
        self.people
            .entry(who.id.clone())
            .and_modify(|entry| entry.connections += 1)
            .or_insert_with(|| Connected {
                who: who.clone(),
                connections: 1,
            });
        self.changed.insert(who.id.clone());
    }

    /// Counts a connection of `participant` out.
    pub(super) fn depart(&mut self, participant: &ParticipantId) {
        if let Some(entry) = self.people.get_mut(participant) {
            entry.connections = entry.connections.saturating_sub(1);
            if entry.connections == 0 {
                self.people.remove(participant);
            }
            self.changed.insert(participant.clone());
        }
    }

    /// How many connections `participant` has open.
    pub(super) fn connections_of(&self, participant: &ParticipantId) -> usize {
        self.people.get(participant).map_or(0, |entry| {
            usize::try_from(entry.connections).unwrap_or(usize::MAX)
        })
    }

    /// Everyone connected, ordered by name: the first `roster` a manager gets.
    pub(super) fn full(&self) -> ServerMessage {
        let mut joined: Vec<Connected> = self.people.values().cloned().collect();
        joined.sort_by(|a, b| a.who.name.cmp(&b.who.name).then(a.who.id.cmp(&b.who.id)));
        ServerMessage::Roster {
            full: true,
            joined,
            left: Vec::new(),
        }
    }

    /// The changes since the last call: who is connected now (with their count) and who
    /// left.
    pub(super) fn changes(&mut self) -> Option<ServerMessage> {
        if self.changed.is_empty() {
            return None;
        }
        let mut joined = Vec::new();
        let mut left = Vec::new();
        for participant in std::mem::take(&mut self.changed) {
            match self.people.get(&participant) {
                Some(entry) => joined.push(entry.clone()),
                None => left.push(participant),
            }
        }
        Some(ServerMessage::Roster {
            full: false,
            joined,
            left,
        })
    }
}
