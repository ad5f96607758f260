//! The speaker log: who spoke, for which delegation, on which item, in which language and
//! for how long; and how long each agenda item took against its plan.
//!
//! The log is not kept in the live state. It is derived from the meeting's event log by
//! folding every event, from the meeting's initial state, with the same
//! [`MeetingState::apply`] the live meeting uses ([`SpeakerLog::fold`]). So it costs the
//! running meeting nothing, survives restarts with the log, and cannot disagree with
//! what the participants saw.
//!
//! # Layout
//!
//! - this file: the log's types and the pure fold that builds it.
//! - [`export`]: the log as JSON, as CSV (RFC 4180) and as a Markdown summary.
//! - `http`: `GET /api/meetings/{meeting}/speakers.{json,csv,md}`, for the chair and
//!   organisers only.

pub mod export;
pub(crate) mod http;

use crate::store::{StoreError, StoredEvent};
use protocol::{
    ApplyError, Event, EventEnvelope, ItemId, LanguageCode, MeetingId, MeetingState, ParticipantId,
    RequestId, RequestKind, ServerMessage, Speaker,
};
use std::time::{SystemTime, UNIX_EPOCH};

/// A meeting's speeches and agenda timing, as of one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerLog {
    /// The meeting.
    pub meeting: MeetingId,
    /// The meeting's title in its default language.
    pub title: String,
    /// The scheduled start, as the meeting file gives it (RFC 3339 with offset).
    pub scheduled_start: String,
    /// The meeting's IANA time zone; the exports themselves give times in UTC.
    pub time_zone: String,
    /// When the log was made (ms since the Unix epoch): the end of anything still going.
    pub generated_at: u64,
    /// The time of the meeting's first event, if it has any: the day it was held.
    pub first_event_at: Option<u64>,
    /// The time of the meeting's last event, if it has any.
    pub last_event_at: Option<u64>,
    /// Every agenda item, in agenda order, with when it was discussed.
    pub items: Vec<ItemTime>,
    /// Every speech in the order given, the one in progress (if any) last.
    pub speeches: Vec<Speech>,
}

/// When one agenda item was being discussed, against its plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTime {
    /// The item.
    pub id: ItemId,
    /// Its title in the meeting's default language.
    pub title: String,
    /// The planned duration, if planned.
    pub planned_minutes: Option<u32>,
    /// Each stretch during which it was the current item, in order. The chair may come
    /// back to an item, so there can be several.
    pub periods: Vec<Period>,
    /// Milliseconds it was current in all, the open period counted up to
    /// [`SpeakerLog::generated_at`].
    pub used_ms: u64,
}

/// A stretch of time during which an item was the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// When the item became current (ms since the Unix epoch).
    pub from: u64,
    /// When another item became current; `None` while this one still is.
    pub until: Option<u64>,
}

/// One speech: from the floor being given to it ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speech {
    /// Who spoke.
    pub participant: ParticipantId,
    /// Their display name at the time.
    pub name: String,
    /// The delegation they spoke for, if any.
    pub delegation: Option<String>,
    /// The agenda item they spoke on.
    pub item: ItemId,
    /// That item's title in the meeting's default language.
    pub item_title: String,
    /// The language they spoke, when known.
    pub language: Option<LanguageCode>,
    /// What the floor was asked for.
    pub kind: RequestKind,
    /// The request the speech answered; `None` when the chair gave the floor to someone
    /// who was not in the list.
    pub request: Option<RequestId>,
    /// When the floor was given (ms since the Unix epoch).
    pub start: u64,
    /// When the speech ended; `None` while it is still going.
    pub end: Option<u64>,
    /// Milliseconds spoken, pauses excluded (up to [`SpeakerLog::generated_at`] while in
    /// progress).
    pub spoken_ms: u64,
    /// Milliseconds the chair held the timer paused.
    pub paused_ms: u64,
    /// The speaking-time limit in seconds, if there was one.
    pub limit_seconds: Option<u32>,
}

impl Speech {
    /// A speech from the speaker who had the floor, as of `until`: ended then when
    /// `ended`, else still going.
    fn of(speaker: &Speaker, item_title: String, until: u64, ended: bool) -> Self {
        let until = until.max(speaker.since);
        let paused_now = speaker
            .paused_at
            .map_or(0, |paused_at| until.saturating_sub(paused_at));
        Self {
            participant: speaker.participant.clone(),
            name: speaker.name.clone(),
            delegation: speaker.delegation.clone(),
            item: speaker.item.clone(),
            item_title,
            language: speaker.language.clone(),
            kind: speaker.kind,
            request: speaker.request,
            start: speaker.since,
            end: ended.then_some(until),
            spoken_ms: speaker.spoken_ms(until),
            paused_ms: speaker.paused_ms + paused_now,
            limit_seconds: speaker.limit_seconds,
        }
    }

    /// Whether the speech was still going when the log was made.
    pub fn in_progress(&self) -> bool {
        self.end.is_none()
    }

    /// Whether the speech answered a request from the list of speakers.
    pub fn answered_request(&self) -> bool {
        self.request.is_some()
    }

    /// Milliseconds spoken beyond the limit (0 within it); `None` without a limit.
    pub fn overrun_ms(&self) -> Option<u64> {
        let limit_ms = u64::from(self.limit_seconds?) * 1000;
        Some(self.spoken_ms.saturating_sub(limit_ms))
    }
}

/// Why a meeting's speaker log could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SpeakerLogError {
    /// The event log could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A stored event is not a readable event message.
    #[error("the log of meeting `{meeting}` has an unreadable event at seq {seq}")]
    Unreadable {
        /// The meeting.
        meeting: MeetingId,
        /// The event's seq.
        seq: u64,
    },
    /// The events do not fold from the meeting's initial state (the meeting file's
    /// agenda or registrations changed after the meeting began, say).
    #[error("the log of meeting `{meeting}` does not fold at seq {seq}: {error}")]
    DoesNotFold {
        /// The meeting.
        meeting: MeetingId,
        /// The seq of the event that does not fit.
        seq: u64,
        /// Why it does not fit.
        error: ApplyError,
    },
}

impl SpeakerLog {
    /// Decodes a meeting's stored events (all of them, from seq 1) and folds them; see
    /// [`SpeakerLog::fold`].
    ///
    /// # Errors
    ///
    /// [`SpeakerLogError::Unreadable`] for an event that does not decode, and
    /// [`SpeakerLogError::DoesNotFold`] as for [`SpeakerLog::fold`].
    pub fn from_stored(
        initial: MeetingState,
        events: &[StoredEvent],
        now: u64,
    ) -> Result<Self, SpeakerLogError> {
        let envelopes = events
            .iter()
            .map(|stored| match ServerMessage::decode(&stored.json) {
                Ok(ServerMessage::Event(envelope)) => Ok(envelope),
                _ => Err(SpeakerLogError::Unreadable {
                    meeting: initial.info.id.clone(),
                    seq: stored.seq,
                }),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::fold(initial, &envelopes, now)
    }

    /// Folds a meeting's events, from seq 1 on, into its speaker log as of `now` (ms since
    /// the Unix epoch): a speech is recorded when it ends, from the speaker as the state
    /// held them just before; a speech still going at the end is recorded as in progress
    /// up to `now`; an item's period opens and closes with `current_item_changed`.
    ///
    /// # Errors
    ///
    /// [`SpeakerLogError::DoesNotFold`] when an event does not fit the state, as
    /// [`MeetingState::apply`] decides.
    pub fn fold(
        initial: MeetingState,
        events: &[EventEnvelope],
        now: u64,
    ) -> Result<Self, SpeakerLogError> {
        let mut state = initial;
        let default_language = state.info.default_language.clone();
        let mut log = Self {
            meeting: state.info.id.clone(),
            title: state
                .info
                .title
                .get(&default_language, &default_language)
                .to_owned(),
            scheduled_start: state.info.scheduled_start.clone(),
            time_zone: state.info.time_zone.clone(),
            generated_at: now,
            first_event_at: events.first().map(|envelope| envelope.at),
            last_event_at: events.last().map(|envelope| envelope.at),
            items: state
                .agenda
                .iter()
                .map(|item| ItemTime {
                    id: item.id.clone(),
                    title: item
                        .title
                        .get(&default_language, &default_language)
                        .to_owned(),
                    planned_minutes: item.planned_minutes,
                    periods: Vec::new(),
                    used_ms: 0,
                })
                .collect(),
            speeches: Vec::new(),
        };
        for envelope in events {
            // The speaker is read before the fold takes them off the floor.
            let ended = match (&envelope.event, &state.floor) {
                (Event::FloorEnded, Some(speaker)) => Some(Speech::of(
                    speaker,
                    log.item_title(&speaker.item),
                    envelope.at,
                    true,
                )),
                _ => None,
            };
            let previous_item = state.current_item.clone();
            state
                .apply(envelope)
                .map_err(|error| SpeakerLogError::DoesNotFold {
                    meeting: log.meeting.clone(),
                    seq: envelope.seq,
                    error,
                })?;
            log.speeches.extend(ended);
            if let Event::CurrentItemChanged { item, .. } = &envelope.event
                && previous_item.as_ref() != Some(item)
            {
                log.change_item(previous_item.as_ref(), item, envelope.at);
            }
        }
        if let Some(speaker) = &state.floor {
            let title = log.item_title(&speaker.item);
            log.speeches.push(Speech::of(speaker, title, now, false));
        }
        for item in &mut log.items {
            item.used_ms = item
                .periods
                .iter()
                .map(|period| {
                    period
                        .until
                        .unwrap_or(now.max(period.from))
                        .saturating_sub(period.from)
                })
                .sum();
        }
        Ok(log)
    }

    /// The title of agenda item `item` ("" for an item not on the agenda).
    fn item_title(&self, item: &ItemId) -> String {
        self.items
            .iter()
            .find(|candidate| &candidate.id == item)
            .map_or_else(String::new, |item| item.title.clone())
    }

    /// Closes the previous item's open period and opens one for `item`, at `at`.
    fn change_item(&mut self, previous: Option<&ItemId>, item: &ItemId, at: u64) {
        if let Some(open) = self
            .items
            .iter_mut()
            .filter(|candidate| Some(&candidate.id) == previous)
            .flat_map(|candidate| candidate.periods.last_mut())
            .find(|period| period.until.is_none())
        {
            open.until = Some(at);
        }
        if let Some(next) = self
            .items
            .iter_mut()
            .find(|candidate| &candidate.id == item)
        {
            next.periods.push(Period {
                from: at,
                until: None,
            });
        }
    }

    /// The speeches on `item`, in order.
    pub fn speeches_on<'a>(&'a self, item: &'a ItemId) -> impl Iterator<Item = &'a Speech> {
        self.speeches
            .iter()
            .filter(move |speech| &speech.item == item)
    }
}

/// Server time now, in milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use protocol::{AgendaItem, FloorRequest, Localized, MeetingInfo};
    use std::collections::BTreeMap;

    /// 2020-12-04T14:00:00Z, the demo meeting's start.
    pub(crate) const T0: u64 = 1_607_090_400_000;

    fn text(en: &str) -> Localized {
        Localized(BTreeMap::from([
            (LanguageCode::new("en"), en.to_owned()),
            (LanguageCode::new("fr"), format!("{en} (fr)")),
        ]))
    }

    fn item(id: &str, title: &str, planned_minutes: Option<u32>) -> AgendaItem {
        AgendaItem {
            id: ItemId::new(id),
            title: text(title),
            presenter: None,
            planned_minutes,
            questions: Vec::new(),
            speaking_time_seconds: None,
            state: protocol::ItemState::Upcoming,
            used_ms: 0,
            live_since: None,
        }
    }

    /// A meeting of two items with a 60-second speaking limit.
    pub(crate) fn initial() -> MeetingState {
        MeetingState::new(
            MeetingInfo {
                id: MeetingId::new("m1"),
                title: text("Budget"),
                languages: vec![LanguageCode::new("en"), LanguageCode::new("fr")],
                default_language: LanguageCode::new("en"),
                time_zone: "Europe/Zurich".into(),
                scheduled_start: "2020-12-04T15:00:00+01:00".into(),
                speaking_time_seconds: Some(60),
                max_requests_per_delegation: None,
                booths: vec![],
                dead_air_seconds: None,
                handover_seconds: None,
                self_registration: false,
            },
            vec![
                item("opening", "Opening", Some(5)),
                item("debate", "General debate", Some(1)),
            ],
        )
    }

    /// Builds envelopes with consecutive seqs.
    struct Events(Vec<EventEnvelope>);

    impl Events {
        fn at(&mut self, at: u64, event: Event) -> &mut Self {
            let seq = self.0.len() as u64 + 1;
            self.0.push(EventEnvelope {
                seq,
                at,
                actor: None,
                event,
            });
            self
        }
    }

    /// Someone who speaks in the test meeting.
    #[derive(Clone, Copy)]
    struct Who {
        id: &'static str,
        name: &'static str,
        delegation: Option<&'static str>,
    }

    const PERU: Who = Who {
        id: "peru",
        name: "Delegate of Peru",
        delegation: Some("Peru"),
    };
    const SENEGAL: Who = Who {
        id: "sn",
        name: "Ndiaye, \"Awa\"",
        delegation: Some("Senegal"),
    };
    const EU: Who = Who {
        id: "eu",
        name: "European Union",
        delegation: Some("European Union"),
    };
    const GUEST: Who = Who {
        id: "guest:Dr Lee",
        name: "Dr Lee",
        delegation: None,
    };

    fn request(item: &str, id: RequestId, who: Who, kind: RequestKind) -> Event {
        Event::FloorRequested {
            item: ItemId::new(item),
            request: FloorRequest {
                id,
                kind,
                participant: ParticipantId::new(who.id),
                name: who.name.into(),
                delegation: who.delegation.map(str::to_owned),
                language: LanguageCode::new("fr"),
                question: None,
                note: None,
                raised_at: 0,
                registered: false,
                also: Vec::new(),
                asked_by: Vec::new(),
            },
            top: false,
        }
    }

    fn given(who: Who, item: &str, request: Option<RequestId>, kind: RequestKind) -> Event {
        Event::FloorGiven {
            participant: ParticipantId::new(who.id),
            name: who.name.into(),
            delegation: who.delegation.map(str::to_owned),
            item: ItemId::new(item),
            request,
            kind,
            language: Some(LanguageCode::new("fr")),
            limit_seconds: Some(60),
        }
    }

    fn changed(item: &str) -> Event {
        Event::CurrentItemChanged {
            item: ItemId::new(item),
            waiting: protocol::Waiting::Keep,
        }
    }

    /// Two speeches on the opening (the second paused 10 s and overrun), a guest on the
    /// debate, and a point of order still going (and paused) at `T0 + 400 s`.
    pub(crate) fn meeting() -> Vec<EventEnvelope> {
        use RequestKind::{Intervention, PointOfOrder, Question};
        let s = |seconds: u64| T0 + seconds * 1000;
        let mut events = Events(Vec::new());
        events
            .at(s(0), changed("opening"))
            .at(s(1), request("opening", 1, PERU, Intervention))
            .at(s(2), request("opening", 2, SENEGAL, Question))
            .at(s(10), given(PERU, "opening", Some(1), Intervention))
            .at(s(55), Event::FloorEnded)
            .at(s(55), given(SENEGAL, "opening", Some(2), Question))
            .at(s(70), Event::FloorPaused)
            .at(s(80), Event::FloorResumed)
            .at(s(145), Event::FloorEnded)
            .at(s(200), changed("debate"))
            .at(s(210), given(GUEST, "debate", None, Intervention))
            .at(s(250), Event::FloorEnded)
            .at(s(300), request("debate", 3, EU, PointOfOrder))
            .at(s(310), given(EU, "debate", Some(3), PointOfOrder))
            .at(s(320), Event::FloorPaused);
        events.0
    }

    #[test]
    fn speeches_are_recorded_when_they_end_with_their_times() {
        let log = SpeakerLog::fold(initial(), &meeting(), T0 + 400_000).unwrap();
        let speeches: Vec<_> = log
            .speeches
            .iter()
            .map(|speech| {
                (
                    speech.participant.as_str(),
                    speech.item.as_str(),
                    speech.start - T0,
                    speech.end.map(|end| end - T0),
                    speech.spoken_ms,
                    speech.paused_ms,
                    speech.overrun_ms(),
                )
            })
            .collect();
        assert_eq!(
            speeches,
            [
                ("peru", "opening", 10_000, Some(55_000), 45_000, 0, Some(0)),
                (
                    "sn",
                    "opening",
                    55_000,
                    Some(145_000),
                    80_000,
                    10_000,
                    Some(20_000)
                ),
                (
                    "guest:Dr Lee",
                    "debate",
                    210_000,
                    Some(250_000),
                    40_000,
                    0,
                    Some(0)
                ),
                // Paused at 320 s and still paused at 400 s: 10 s spoken, 80 s paused.
                ("eu", "debate", 310_000, None, 10_000, 80_000, Some(0)),
            ]
        );
        let question = &log.speeches[1];
        assert_eq!(question.name, "Ndiaye, \"Awa\"");
        assert_eq!(question.delegation.as_deref(), Some("Senegal"));
        assert_eq!(question.item_title, "Opening");
        assert_eq!(question.kind, RequestKind::Question);
        assert_eq!(question.language, Some(LanguageCode::new("fr")));
        assert!(question.answered_request() && !question.in_progress());
        assert!(!log.speeches[2].answered_request());
        assert!(log.speeches[3].in_progress());
        assert_eq!(log.title, "Budget");
        assert_eq!(log.first_event_at, Some(T0));
        assert_eq!(log.last_event_at, Some(T0 + 320_000));
    }

    #[test]
    fn items_are_timed_from_becoming_current_to_the_next_change() {
        let log = SpeakerLog::fold(initial(), &meeting(), T0 + 400_000).unwrap();
        let opening = &log.items[0];
        assert_eq!(
            opening.periods,
            [Period {
                from: T0,
                until: Some(T0 + 200_000)
            }]
        );
        assert_eq!(opening.used_ms, 200_000);
        assert_eq!(opening.planned_minutes, Some(5));
        let debate = &log.items[1];
        assert_eq!(debate.title, "General debate");
        assert_eq!(
            debate.periods,
            [Period {
                from: T0 + 200_000,
                until: None
            }]
        );
        // Still current: counted up to the time of the log.
        assert_eq!(debate.used_ms, 200_000);
        assert_eq!(log.speeches_on(&debate.id).count(), 2);
    }

    #[test]
    fn coming_back_to_an_item_opens_another_period() {
        let mut events = Events(Vec::new());
        events
            .at(T0, changed("opening"))
            .at(T0 + 1_000, changed("debate"))
            .at(T0 + 3_000, changed("opening"))
            .at(T0 + 7_000, changed("debate"));
        let log = SpeakerLog::fold(initial(), &events.0, T0 + 8_000).unwrap();
        assert_eq!(log.items[0].periods.len(), 2);
        assert_eq!(log.items[0].used_ms, 1_000 + 4_000);
        assert_eq!(log.items[1].used_ms, 2_000 + 1_000);
    }

    #[test]
    fn a_meeting_without_events_has_an_empty_log() {
        let log = SpeakerLog::fold(initial(), &[], T0).unwrap();
        assert!(log.speeches.is_empty());
        assert!(log.items.iter().all(|item| item.periods.is_empty()));
        assert_eq!(log.first_event_at, None);
    }

    #[test]
    fn a_log_that_does_not_fold_is_an_error_not_a_guess() {
        let mut events = Events(Vec::new());
        events.at(T0, Event::FloorEnded);
        let error = SpeakerLog::fold(initial(), &events.0, T0).unwrap_err();
        assert!(matches!(error, SpeakerLogError::DoesNotFold { seq: 1, .. }));

        let stored = [StoredEvent {
            seq: 1,
            at: T0,
            json: "{\"type\":\"ack\",\"id\":1,\"seq\":1}".into(),
        }];
        let error = SpeakerLog::from_stored(initial(), &stored, T0).unwrap_err();
        assert!(matches!(error, SpeakerLogError::Unreadable { seq: 1, .. }));
    }

    #[test]
    fn stored_events_decode_and_fold_like_envelopes() {
        let events = meeting();
        let stored: Vec<_> = events
            .iter()
            .map(|envelope| StoredEvent {
                seq: envelope.seq,
                at: envelope.at,
                json: ServerMessage::Event(envelope.clone()).encode(),
            })
            .collect();
        assert_eq!(
            SpeakerLog::from_stored(initial(), &stored, T0 + 400_000).unwrap(),
            SpeakerLog::fold(initial(), &events, T0 + 400_000).unwrap()
        );
    }
}
