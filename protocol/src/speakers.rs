//! The list of speakers: floor requests, one queue per agenda item, the speech in
//! progress and its timer.
//!
//! The order of a queue is decided here, in the fold, so that every client that folds
//! the same events sees the same order:
//!
//! - points of order go to the top, among themselves in order of arrival;
//! - the rest are first come, first served, unless the list puts first-time speakers
//!   first: then those whose delegation (or, without one, who) has not yet spoken on
//!   the item go ahead of those who have, each group in its own order;
//! - the chair may move a request (never above a point of order) or re-add the last
//!   speaker at the top, below any points of order.

use crate::ids::{ItemId, LanguageCode, ParticipantId};
use serde::{Deserialize, Serialize};

/// Identifies a floor request within its meeting: 1, 2, 3 … in order of creation.
pub type RequestId = u64;

/// How many requests at the head of a queue a summary shows: these, or one more when that
/// one is the last (a line "and 1 more" would take the place that request needs).
pub const SUMMARY_NEXT: usize = 3;

/// What a participant asks the floor for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A statement on the item.
    #[default]
    Intervention,
    /// A question, optionally on one of the item's guiding questions.
    Question,
    /// A point of order: goes to the top of the list.
    PointOfOrder,
    /// A right of reply.
    RightOfReply,
}

impl RequestKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 4] = [
        Self::Intervention,
        Self::Question,
        Self::PointOfOrder,
        Self::RightOfReply,
    ];

    /// The kind as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Intervention => "intervention",
            Self::Question => "question",
            Self::PointOfOrder => "point_of_order",
            Self::RightOfReply => "right_of_reply",
        }
    }
}

/// A request for the floor, waiting in an item's list of speakers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FloorRequest {
    /// The request's id.
    pub id: RequestId,
    /// What the floor is asked for.
    pub kind: RequestKind,
    /// Who will speak.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
    /// The delegation the request belongs to, if any: any accredited member of it may
    /// withdraw the request or speak for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// The language the speaker will use, so that interpreters know what comes.
    pub language: LanguageCode,
    /// For questions: the 0-based index of the item's guiding question it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<u32>,
    /// A short note for the chair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Server time (milliseconds since the Unix epoch) the request was made.
    pub raised_at: u64,
    /// Whether it was made at registration, before the meeting.
    #[serde(default, skip_serializing_if = "is_false")]
    pub registered: bool,
    /// Other members of the delegation whose same request merged into this one, who
    /// stand behind it (and so may not ask for the same again).
    #[serde(default)]
    pub also: Vec<ParticipantId>,
    /// Everyone who asked for this request, with their names, in the order they asked
    /// (the first requester first). A claim does not change it: the request keeps naming
    /// everyone who asked. (Absent from requests stored before it existed: then it is the
    /// speaker alone.)
    #[serde(default)]
    pub asked_by: Vec<Member>,
}

/// A participant named on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Member {
    /// Their id.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
}

impl FloorRequest {
    /// The display name of `participant` when the request names them: the speaker, or
    /// anyone who asked for it.
    pub fn name_of(&self, participant: &ParticipantId) -> Option<&str> {
        if &self.participant == participant {
            return Some(&self.name);
        }
        self.asked_by
            .iter()
            .find(|member| &member.participant == participant)
            .map(|member| member.name.as_str())
    }

    /// Records that `participant`, called `name`, asked for the same request (their own
    /// merged into it).
    pub fn merge(&mut self, participant: ParticipantId, name: String) {
        self.ensure_asked_by();
        self.also.push(participant.clone());
        self.asked_by.push(Member { participant, name });
    }

    /// `participant`, called `name`, now speaks for the request. Whoever spoke for it
    /// before no longer stands behind it (they may ask for something else), and stays
    /// named among those who asked ([`FloorRequest::asked_by`]).
    pub fn claim(&mut self, participant: ParticipantId, name: String) {
        self.ensure_asked_by();
        self.participant = participant;
        self.name = name;
        self.also.retain(|member| member != &self.participant);
    }

    /// A request stored before `asked_by` existed names its speaker there.
    pub fn ensure_asked_by(&mut self) {
        if self.asked_by.is_empty() {
            self.asked_by.push(Member {
                participant: self.participant.clone(),
                name: self.name.clone(),
            });
        }
    }

    /// Who owns the request: its delegation, or the participant when they have none.
    pub fn owner(&self) -> Owner<'_> {
        Owner::of(&self.participant, self.delegation.as_deref())
    }

    /// Whether `participant` of `delegation` may act on this request (withdraw it, speak
    /// for it): the requester, or any member of the request's delegation.
    pub fn concerns(&self, participant: &ParticipantId, delegation: Option<&str>) -> bool {
        &self.participant == participant
            || self.also.contains(participant)
            || (self.delegation.is_some() && self.delegation.as_deref() == delegation)
    }
}

/// Who a request belongs to, for merging, caps and "has already spoken".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner<'a> {
    /// A delegation, whoever of it asks.
    Delegation(&'a str),
    /// A participant without a delegation.
    Participant(&'a str),
}

impl<'a> Owner<'a> {
    /// The owner of what `participant` of `delegation` asks for.
    pub fn of(participant: &'a ParticipantId, delegation: Option<&'a str>) -> Self {
        match delegation {
            Some(delegation) => Self::Delegation(delegation),
            None => Self::Participant(participant.as_str()),
        }
    }

    /// The key kept in [`SpeakersList::spoken`]: `delegation:NAME` or `participant:ID`.
    pub fn key(self) -> String {
        match self {
            Self::Delegation(name) => format!("delegation:{name}"),
            Self::Participant(id) => format!("participant:{id}"),
        }
    }
}

/// The list of speakers of one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SpeakersList {
    /// The agenda item.
    pub item: ItemId,
    /// The waiting requests, in the order the server decided. In a summary, only the
    /// first [`SUMMARY_NEXT`] (all of them when only one more waits).
    pub queue: Vec<FloorRequest>,
    /// How many requests wait in all (more than `queue` holds in a summary).
    pub length: u32,
    /// Whether the list is closed to new requests (points of order excepted).
    #[serde(default)]
    pub closed: bool,
    /// Whether first-time speakers go ahead of those who have spoken on this item.
    #[serde(default)]
    pub first_time_first: bool,
    /// The speaking-time limit for this item in seconds, overriding the meeting's.
    #[serde(default)]
    pub speaking_time_seconds: Option<u32>,
    /// Who has spoken on this item ([`Owner::key`]s, in order of first speech). Empty
    /// in summaries.
    #[serde(default)]
    pub spoken: Vec<String>,
    /// The last speech's request, which the chair can put back at the top. `None` in
    /// summaries.
    #[serde(default)]
    pub last_speaker: Option<FloorRequest>,
}

impl SpeakersList {
    /// An empty, open list for `item`.
    pub fn new(item: ItemId, speaking_time_seconds: Option<u32>) -> Self {
        Self {
            item,
            queue: Vec::new(),
            length: 0,
            closed: false,
            first_time_first: false,
            speaking_time_seconds,
            spoken: Vec::new(),
            last_speaker: None,
        }
    }

    /// The 0-based index of request `id` in the queue.
    pub fn index_of(&self, id: RequestId) -> Option<usize> {
        self.queue.iter().position(|request| request.id == id)
    }

    /// How many points of order lead the queue.
    pub fn points_of_order(&self) -> usize {
        self.queue
            .iter()
            .take_while(|request| request.kind == RequestKind::PointOfOrder)
            .count()
    }

    /// Whether the owner of `request` has already spoken on this item.
    pub fn has_spoken(&self, owner: Owner<'_>) -> bool {
        let key = owner.key();
        self.spoken.iter().any(|spoken| spoken == &key)
    }

    /// Where a new request goes by the rules (or at the top when `top`).
    pub fn insertion_index(&self, request: &FloorRequest, top: bool) -> usize {
        let after_points_of_order = self.points_of_order();
        if request.kind == RequestKind::PointOfOrder || top {
            return after_points_of_order;
        }
        if self.first_time_first && !self.has_spoken(request.owner()) {
            return self.queue[after_points_of_order..]
                .iter()
                .position(|waiting| self.has_spoken(waiting.owner()))
                .map_or(self.queue.len(), |offset| after_points_of_order + offset);
        }
        self.queue.len()
    }

    /// Inserts `request` where the rules put it.
    pub(crate) fn insert(&mut self, request: FloorRequest, top: bool) {
        let index = self.insertion_index(&request, top);
        self.queue.insert(index, request);
        self.length = self.queue.len() as u32;
    }

    /// Removes request `id`; `None` when it is not waiting.
    pub(crate) fn remove(&mut self, id: RequestId) -> Option<FloorRequest> {
        let index = self.index_of(id)?;
        let request = self.queue.remove(index);
        self.length = self.queue.len() as u32;
        Some(request)
    }

    /// When first-time speakers go first: moves requests of those who have spoken
    /// behind those who have not, keeping each group's order (points of order stay on
    /// top).
    pub(crate) fn put_first_time_speakers_first(&mut self) {
        if !self.first_time_first {
            return;
        }
        let points = self.points_of_order();
        let rest = self.queue.split_off(points);
        let (repeat, first): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|request| self.has_spoken(request.owner()));
        self.queue.extend(first);
        self.queue.extend(repeat);
    }

    /// This list as those who do not manage it see it: the first few requests and the
    /// length, without the record of who has spoken.
    pub fn summary(&self) -> Self {
        Self {
            item: self.item.clone(),
            queue: if self.queue.len() <= SUMMARY_NEXT + 1 {
                self.queue.clone()
            } else {
                self.queue[..SUMMARY_NEXT].to_vec()
            },
            length: self.length,
            closed: self.closed,
            first_time_first: self.first_time_first,
            speaking_time_seconds: self.speaking_time_seconds,
            spoken: Vec::new(),
            last_speaker: None,
        }
    }
}

/// The speech in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Speaker {
    /// Who speaks.
    pub participant: ParticipantId,
    /// Their display name.
    pub name: String,
    /// Their delegation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// The agenda item they speak on.
    pub item: ItemId,
    /// The request they speak for; absent when the chair gave the floor to someone who
    /// was not in the list (a panelist, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestId>,
    /// What they asked the floor for.
    #[serde(default)]
    pub kind: RequestKind,
    /// The language they speak, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageCode>,
    /// Server time (milliseconds since the Unix epoch) the floor was given.
    pub since: u64,
    /// The speaking-time limit in seconds, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_seconds: Option<u32>,
    /// Server time the timer was paused, while it is.
    #[serde(default)]
    pub paused_at: Option<u64>,
    /// Milliseconds spent paused before the current pause.
    #[serde(default)]
    pub paused_ms: u64,
}

impl Speaker {
    /// Milliseconds spoken at server time `now`, pauses excluded.
    pub fn spoken_ms(&self, now: u64) -> u64 {
        let until = self.paused_at.unwrap_or(now).max(self.since);
        (until - self.since).saturating_sub(self.paused_ms)
    }

    /// Milliseconds left at `now` (negative once overrun), when there is a limit.
    pub fn remaining_ms(&self, now: u64) -> Option<i64> {
        let limit = i64::from(self.limit_seconds?) * 1000;
        Some(limit - i64::try_from(self.spoken_ms(now)).unwrap_or(i64::MAX))
    }

    /// The request this speech answers, as it can be put back in a list.
    pub fn as_request(&self, id: RequestId, at: u64) -> FloorRequest {
        FloorRequest {
            id,
            kind: self.kind,
            participant: self.participant.clone(),
            name: self.name.clone(),
            delegation: self.delegation.clone(),
            language: self
                .language
                .clone()
                .unwrap_or_else(|| LanguageCode::new("")),
            question: None,
            note: None,
            raised_at: at,
            registered: false,
            also: Vec::new(),
            asked_by: Vec::new(),
        }
    }
}

/// A request of mine (or my delegation's) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MyRequest {
    /// 1-based position in the queue; 1 means "you are next".
    pub position: u32,
    /// The estimated wait in milliseconds at the time it was worked out (the `at` of
    /// `your_requests`): the speech in progress's remaining time plus one speaking-time
    /// limit per request ahead ([`estimated_wait_ms`]). `None` when the list has no
    /// speaking-time limit.
    #[serde(default)]
    pub estimated_wait_ms: Option<u64>,
    /// The request.
    pub request: FloorRequest,
}

impl MyRequest {
    /// The estimated wait at server time `now`, from the one worked out at `at` while
    /// `floor` had the floor (as it still has: the server tells a new estimate when the
    /// floor changes): less the time the speech in progress used meanwhile, which stops
    /// counting when it pauses or runs out of time.
    pub fn wait_ms_at(&self, at: u64, now: u64, floor: Option<&Speaker>) -> Option<u64> {
        let left = |time: u64| {
            floor
                .and_then(|speaker| speaker.remaining_ms(time))
                .map_or(0, |left| u64::try_from(left).unwrap_or(0))
        };
        let used = left(at).saturating_sub(left(now.max(at)));
        self.estimated_wait_ms
            .map(|estimate| estimate.saturating_sub(used))
    }
}

/// The estimated wait, in milliseconds, of the request at 1-based `position`: the
/// current speech's remaining time (none when overrun) plus one speaking-time limit for
/// each request ahead. `None` without a limit.
pub fn estimated_wait_ms(
    position: u32,
    limit_seconds: Option<u32>,
    current_remaining_ms: Option<i64>,
) -> Option<u64> {
    let per_speaker = u64::from(limit_seconds?) * 1000;
    let current = current_remaining_ms.map_or(0, |left| u64::try_from(left).unwrap_or(0));
    Some(current + u64::from(position.saturating_sub(1)) * per_speaker)
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(
        id: RequestId,
        kind: RequestKind,
        who: &str,
        delegation: Option<&str>,
    ) -> FloorRequest {
        FloorRequest {
            id,
            kind,
            participant: ParticipantId::new(who),
            name: who.into(),
            delegation: delegation.map(str::to_owned),
            language: LanguageCode::new("en"),
            question: None,
            note: None,
            raised_at: id,
            registered: false,
            also: vec![],
            asked_by: vec![],
        }
    }

    fn ids(list: &SpeakersList) -> Vec<RequestId> {
        list.queue.iter().map(|request| request.id).collect()
    }

    #[test]
    fn points_of_order_go_to_the_top_in_order_of_arrival() {
        let mut list = SpeakersList::new(ItemId::new("one"), None);
        list.insert(request(1, RequestKind::Intervention, "a", None), false);
        list.insert(request(2, RequestKind::PointOfOrder, "b", None), false);
        list.insert(request(3, RequestKind::Question, "c", None), false);
        list.insert(request(4, RequestKind::PointOfOrder, "d", None), false);
        assert_eq!(ids(&list), [2, 4, 1, 3]);
        list.insert(request(5, RequestKind::Intervention, "e", None), true);
        assert_eq!(ids(&list), [2, 4, 5, 1, 3]);
        assert_eq!(list.length, 5);
    }

    #[test]
    fn first_time_speakers_go_ahead_of_repeat_speakers() {
        let mut list = SpeakersList::new(ItemId::new("one"), None);
        list.spoken.push(Owner::Delegation("Peru").key());
        list.insert(
            request(1, RequestKind::Intervention, "peru", Some("Peru")),
            false,
        );
        list.insert(
            request(2, RequestKind::Intervention, "chile", Some("Chile")),
            false,
        );
        assert_eq!(ids(&list), [1, 2]);
        list.first_time_first = true;
        list.put_first_time_speakers_first();
        assert_eq!(ids(&list), [2, 1]);
        list.insert(
            request(3, RequestKind::Intervention, "fiji", Some("Fiji")),
            false,
        );
        list.insert(
            request(4, RequestKind::Question, "peru-2", Some("Peru")),
            false,
        );
        assert_eq!(ids(&list), [2, 3, 1, 4]);
    }

    #[test]
    fn the_timer_excludes_pauses_and_shows_overrun() {
        let mut speaker = Speaker {
            participant: ParticipantId::new("a"),
            name: "A".into(),
            delegation: None,
            item: ItemId::new("one"),
            request: None,
            kind: RequestKind::Intervention,
            language: None,
            since: 10_000,
            limit_seconds: Some(60),
            paused_at: Some(40_000),
            paused_ms: 5_000,
        };
        assert_eq!(speaker.spoken_ms(99_000), 25_000);
        speaker.paused_at = None;
        assert_eq!(speaker.remaining_ms(80_000), Some(-5_000));
        assert_eq!(estimated_wait_ms(3, Some(60), Some(-5_000)), Some(120_000));
        assert_eq!(estimated_wait_ms(1, Some(60), Some(30_000)), Some(30_000));
        assert_eq!(estimated_wait_ms(2, None, Some(30_000)), None);
    }

    #[test]
    fn a_told_wait_counts_down_while_the_speech_in_progress_has_time_left() {
        // Told at 70 s: 20 s left of the speech (since 10 s, 5 s paused, 75 s limit), and
        // one request of 60 s ahead.
        let mut speaker = Speaker {
            participant: ParticipantId::new("a"),
            name: "A".into(),
            delegation: None,
            item: ItemId::new("one"),
            request: None,
            kind: RequestKind::Intervention,
            language: None,
            since: 10_000,
            limit_seconds: Some(75),
            paused_at: None,
            paused_ms: 5_000,
        };
        let told = |speaker: &Speaker, at: u64| MyRequest {
            position: 2,
            estimated_wait_ms: estimated_wait_ms(2, Some(60), speaker.remaining_ms(at)),
            request: request(1, RequestKind::Intervention, "b", None),
        };
        let mine = told(&speaker, 70_000);
        assert_eq!(mine.estimated_wait_ms, Some(80_000));
        assert_eq!(
            mine.wait_ms_at(70_000, 70_000, Some(&speaker)),
            Some(80_000)
        );
        assert_eq!(
            mine.wait_ms_at(70_000, 85_000, Some(&speaker)),
            Some(65_000)
        );
        // Past the limit, the speech uses nobody's time but its own.
        assert_eq!(
            mine.wait_ms_at(70_000, 200_000, Some(&speaker)),
            Some(60_000)
        );
        // Paused at 80 s (a new estimate is told then), it uses none.
        speaker.paused_at = Some(80_000);
        let paused = told(&speaker, 85_000);
        assert_eq!(paused.estimated_wait_ms, Some(70_000));
        assert_eq!(
            paused.wait_ms_at(85_000, 200_000, Some(&speaker)),
            Some(70_000)
        );
        // Nobody speaking, or no limit: the estimate as told.
        assert_eq!(mine.wait_ms_at(70_000, 200_000, None), Some(80_000));
        let unlimited = MyRequest {
            estimated_wait_ms: None,
            ..mine
        };
        assert_eq!(unlimited.wait_ms_at(70_000, 200_000, Some(&speaker)), None);
    }
}
