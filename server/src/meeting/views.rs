//! What the actor sends besides the events themselves: the coalesced tick (the `queue`
//! view and `your_requests` for the summary audience, `presence`, the managers' `roster`)
//! and the `notice`s that the state calls for.
//! When the tick is due is kept by [`Tick`](super::tick::Tick).

use super::actor::Actor;
use super::subscribers::{Audience, Frames};
use super::tick::WaitBasis;
use protocol::{MyRequest, Participant, ParticipantId, Presence, ServerMessage};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::time::Instant as TokioInstant;
use tokio_tungstenite::tungstenite::Utf8Bytes;

impl Actor {
    /// Schedules the coalesced tick (views, presence, roster) if none is due.
    pub(super) fn schedule_tick(&mut self) {
        self.tick
            .schedule(TokioInstant::now(), self.limits.coalesce_interval);
    }

    /// Sends the tick now if it is due.
    pub(super) fn send_views_if_due(&mut self) {
        if self.tick.is_due(TokioInstant::now()) {
            self.send_views();
        }
    }

    /// Sends what the tick coalesced: the presence and roster that changed, and the list
    /// of speakers as it now stands if it changed.
    pub(super) fn send_views(&mut self) {
        self.tick.done(TokioInstant::now());
        if self.subscribers.booths.dirty {
            self.send_presence();
        }
        if let Some(roster) = self.subscribers.roster.changes() {
            let frames: Frames = Arc::new([roster.encode().into()]);
            self.subscribers.deliver(|subscriber| {
                (subscriber.audience == Audience::Managers).then(|| frames.clone())
            });
        }
        if std::mem::take(&mut self.tick.view_changed) {
            self.send_queue_views();
        }
    }

    /// Sends the summary audience the list of speakers as it now stands: one view,
    /// encoded once, and to each whose requests or positions changed, theirs (to everyone
    /// waiting when what their estimated waits are worked out from changed).
    fn send_queue_views(&mut self) {
        let view: Utf8Bytes = ServerMessage::Queue(Box::new(self.state.queue_view()))
            .encode()
            .into();
        let view_only: Frames = Arc::new([view.clone()]);
        // Who may act on which waiting request, by participant and by delegation.
        let mut by_participant: HashMap<&ParticipantId, Vec<usize>> = HashMap::new();
        let mut by_delegation: HashMap<&str, Vec<usize>> = HashMap::new();
        let queue = self
            .state
            .active_list()
            .map_or(&[][..], |list| &list.queue[..]);
        for (index, request) in queue.iter().enumerate() {
            for who in std::iter::once(&request.participant).chain(&request.also) {
                by_participant.entry(who).or_default().push(index);
            }
            if let Some(delegation) = &request.delegation {
                by_delegation.entry(delegation).or_default().push(index);
            }
        }
        let seq = self.state.seq;
        let now = self.clock.now_ms();
        let basis = self.wait_basis();
        let new_waits = basis != self.tick.waits_told_from;
        self.tick.waits_told_from = basis;
        let state = &self.state;
        self.subscribers.deliver(|subscriber| {
            if subscriber.audience != Audience::Summary {
                return None;
            }
            let mut indices: Vec<usize> = by_participant
                .get(&subscriber.participant)
                .into_iter()
                .chain(
                    subscriber
                        .delegation
                        .as_deref()
                        .and_then(|delegation| by_delegation.get(delegation)),
                )
                .flatten()
                .copied()
                .collect();
            indices.sort_unstable();
            indices.dedup();
            // Compared whole, so that a claim or a merge is told even when nobody moved.
            let unchanged = indices.len() == subscriber.told.len()
                && indices.iter().zip(&subscriber.told).all(|(&index, told)| {
                    told.position == position_of(index) && told.request == queue[index]
                })
                && (indices.is_empty() || !new_waits);
            if unchanged {
                return Some(view_only.clone());
            }
            let requests: Vec<MyRequest> = indices
                .iter()
                .map(|&index| MyRequest {
                    position: position_of(index),
                    estimated_wait_ms: state.wait_ms(position_of(index), now),
                    request: queue[index].clone(),
                })
                .collect();
            let personal = ServerMessage::YourRequests {
                seq,
                at: now,
                requests: requests.clone(),
            }
            .encode();
            subscriber.told = requests;
            Some(Arc::new([view.clone(), personal.into()]))
        });
    }

    /// Sends the presence that changed: to everyone when who is staffed changed, with
    /// listener counts to the booths and managers when any count changed.
    fn send_presence(&mut self) {
        let (public, full) = self.subscribers.booths.presence_due(&self.state);
        if public.is_none() && full.is_none() {
            return;
        }
        let encode = |presence: Presence| -> Frames {
            Arc::new([ServerMessage::Presence(presence).encode().into()])
        };
        let public = public.map(encode);
        let full = full.map(encode);
        self.subscribers.deliver(|subscriber| {
            if subscriber.sees_counts() {
                full.clone()
            } else {
                public.clone()
            }
        });
        // Staffing changes what channels deliver.
        self.announce_changes();
    }

    /// Sends the notices that the state and presence now call for.
    pub(super) fn announce_changes(&mut self) {
        let notices = self.subscribers.booths.changes(&self.state);
        self.subscribers.route(notices);
    }

    /// Adds to a joining summary subscriber's first messages its view of the list when it
    /// resumed (the events it missed left the list out), and its own requests when it
    /// resumed or has any; what it was told of them.
    pub(super) fn summary_on_join(
        &self,
        participant: &Participant,
        resumed: bool,
        first: &mut Vec<Utf8Bytes>,
    ) -> Vec<MyRequest> {
        if resumed {
            first.push(
                ServerMessage::Queue(Box::new(self.state.queue_view()))
                    .encode()
                    .into(),
            );
        }
        let now = self.clock.now_ms();
        let mine = self
            .state
            .requests_of(&participant.id, participant.delegation.as_deref(), now);
        if !resumed && mine.is_empty() {
            return Vec::new();
        }
        let your_requests = ServerMessage::YourRequests {
            seq: self.state.seq,
            at: now,
            requests: mine.clone(),
        };
        first.push(your_requests.encode().into());
        mine
    }

    /// What the estimated waits are worked out from now.
    pub(super) fn wait_basis(&self) -> WaitBasis {
        let limit = self
            .state
            .active_item()
            .and_then(|item| self.state.speaking_time(item));
        (
            self.state.started_at.is_some(),
            self.state.active_item().cloned(),
            self.state.floor.clone(),
            limit,
        )
    }
}

/// The 1-based position of a queue index.
fn position_of(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}
