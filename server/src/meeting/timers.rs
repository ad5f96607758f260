//! What falls due between requests: the coalesced tick, handovers that lapse, the
//! dead-air watchdog, and interpreters who left while on air. The actor's loop sleeps
//! until [`Actor::next_wake`] and then calls [`Actor::wake`].

use super::actor::Actor;
use protocol::Event;
use tokio::time::Instant as TokioInstant;

impl Actor {
    /// When the actor must wake without a request: a view or presence is due, a handover
    /// lapses, or a silence reaches the watchdog's delay.
    pub(super) fn next_wake(&self) -> Option<TokioInstant> {
        let lapse = self
            .state
            .channels
            .iter()
            .filter_map(|channel| {
                channel
                    .handover
                    .as_ref()
                    .map(|handover| handover.expires_at)
            })
            .min();
        let dead_air = self.subscribers.booths.dead_air_due(&self.state);
        let timer = lapse
            .into_iter()
            .chain(dead_air)
            .min()
            .map(|ms| self.clock.instant_of(ms));
        self.tick.due.into_iter().chain(timer).min()
    }

    /// Does what is due: views and presence, lapsed handovers, dead-air alerts.
    pub(super) async fn wake(&mut self) {
        self.send_views_if_due();
        let now_ms = self.clock.now_ms();
        let lapsed: Vec<Event> = self
            .state
            .channels
            .iter()
            .filter(|channel| {
                channel
                    .handover
                    .as_ref()
                    .is_some_and(|handover| handover.expires_at <= now_ms)
            })
            .map(|channel| Event::HandoverCancelled {
                channel: channel.id.clone(),
                lapsed: true,
            })
            .collect();
        if !lapsed.is_empty() {
            self.emit(lapsed, "handover_lapsed").await;
        }
        self.release_absent().await;
        let alerts = self.subscribers.booths.dead_air_alerts(&self.state, now_ms);
        if !alerts.is_empty() {
            tracing::warn!(meeting = %self.meeting, alerts = alerts.len(), "dead air");
        }
        self.subscribers.route(alerts);
    }

    /// Takes off air the interpreters on air whose last connection to this node closed,
    /// so that listeners are told at once. (Only those seen leaving here: with several
    /// nodes, an interpreter connected elsewhere is not this node's to judge.)
    pub(super) async fn release_absent(&mut self) {
        let departed = self.subscribers.booths.take_departed();
        let absent: Vec<Event> = self
            .state
            .channels
            .iter()
            .filter(|channel| {
                channel.on_air.as_ref().is_some_and(|on_air| {
                    departed
                        .iter()
                        .any(|(booth, who)| booth == &channel.id && who == &on_air.participant)
                })
            })
            .map(|channel| Event::ChannelOffAir {
                channel: channel.id.clone(),
            })
            .collect();
        if !absent.is_empty() {
            self.emit(absent, "left_the_booth").await;
        }
    }
}
