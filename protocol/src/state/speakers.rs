//! The fold of the list of speakers and the floor: requests joining, merging, moving and
//! leaving each item's list (whose order [`crate::speakers`] decides), and the speech in
//! progress.

use super::MeetingState;
use crate::event::{ApplyError, Event};
use crate::ids::ItemId;
use crate::speakers::{FloorRequest, RequestId, RequestKind, Speaker};

const NOT_WAITING: ApplyError = ApplyError::Inconsistent("no such request in the list");
const NOBODY_SPEAKS: ApplyError = ApplyError::Inconsistent("nobody has the floor");

impl MeetingState {
    /// Folds the events of the list of speakers and the floor.
    pub(super) fn apply_speakers(&mut self, event: &Event, at: u64) -> Result<(), ApplyError> {
        match event {
            Event::FloorRequested { item, request, top } => {
                if request.id != self.next_request {
                    return Err(ApplyError::Inconsistent("request id out of order"));
                }
                let list = self.existing_list_mut(item)?;
                if list.queue.iter().any(|waiting| {
                    waiting.participant == request.participant
                        || waiting.also.contains(&request.participant)
                }) {
                    return Err(ApplyError::Inconsistent("already in the list"));
                }
                let mut request = request.clone();
                request.raised_at = at;
                request.ensure_asked_by();
                list.insert(request, *top);
                self.next_request += 1;
            }
            Event::RequestMerged {
                item,
                request,
                participant,
                name,
            } => {
                // Events stored before they carried the name: the id stands in for it.
                let name = if name.is_empty() {
                    participant.to_string()
                } else {
                    name.clone()
                };
                self.waiting_mut(item, *request)?
                    .merge(participant.clone(), name);
            }
            Event::RequestClaimed {
                item,
                request,
                participant,
                name,
            } => {
                self.waiting_mut(item, *request)?
                    .claim(participant.clone(), name.clone());
            }
            Event::RequestWithdrawn { item, request } => {
                self.existing_list_mut(item)?
                    .remove(*request)
                    .ok_or(NOT_WAITING)?;
            }
            Event::RequestMoved {
                item,
                request,
                position,
            } => {
                let list = self.existing_list_mut(item)?;
                let index = list.index_of(*request).ok_or(NOT_WAITING)?;
                let target = usize::try_from(*position).unwrap_or(usize::MAX);
                if list.queue[index].kind == RequestKind::PointOfOrder
                    || target <= list.points_of_order()
                    || target > list.queue.len()
                {
                    return Err(ApplyError::Inconsistent("position out of range"));
                }
                let moved = list.queue.remove(index);
                list.queue.insert(target - 1, moved);
            }
            Event::QueueCleared { item, count } => {
                let list = self.existing_list_mut(item)?;
                if list.queue.len() != usize::try_from(*count).unwrap_or(usize::MAX) {
                    return Err(ApplyError::Inconsistent("cleared count differs"));
                }
                list.queue.clear();
                list.length = 0;
            }
            Event::ListClosed { item } => self.existing_list_mut(item)?.closed = true,
            Event::ListReopened { item } => self.existing_list_mut(item)?.closed = false,
            Event::FirstTimeFirstSet { item, on } => {
                let list = self.existing_list_mut(item)?;
                list.first_time_first = *on;
                list.put_first_time_speakers_first();
            }
            Event::SpeakingTimeSet { item, seconds } => {
                self.existing_list_mut(item)?.speaking_time_seconds = *seconds;
            }
            Event::FloorGiven {
                participant,
                name,
                delegation,
                item,
                request,
                kind,
                language,
                limit_seconds,
            } => {
                if self.floor.is_some() {
                    return Err(ApplyError::Inconsistent("someone has the floor"));
                }
                let list = self.existing_list_mut(item)?;
                if let Some(request) = request {
                    list.remove(*request).ok_or(NOT_WAITING)?;
                }
                if list
                    .queue
                    .iter()
                    .any(|waiting| &waiting.participant == participant)
                {
                    return Err(ApplyError::Inconsistent(
                        "the speaker still waits in the list",
                    ));
                }
                let key = crate::speakers::Owner::of(participant, delegation.as_deref()).key();
                if !list.spoken.contains(&key) {
                    list.spoken.push(key);
                }
                list.put_first_time_speakers_first();
                self.floor = Some(Speaker {
                    participant: participant.clone(),
                    name: name.clone(),
                    delegation: delegation.clone(),
                    item: item.clone(),
                    request: *request,
                    kind: *kind,
                    language: language.clone(),
                    since: at,
                    limit_seconds: *limit_seconds,
                    paused_at: None,
                    paused_ms: 0,
                });
            }
            Event::FloorEnded => {
                let speaker = self.floor.take().ok_or(NOBODY_SPEAKS)?;
                if let Some(list) = self.list_mut(&speaker.item) {
                    list.last_speaker = Some(speaker.as_request(speaker.request.unwrap_or(0), at));
                }
            }
            Event::FloorPaused => {
                let speaker = self.floor.as_mut().ok_or(NOBODY_SPEAKS)?;
                if speaker.paused_at.is_some() {
                    return Err(ApplyError::Inconsistent("already paused"));
                }
                speaker.paused_at = Some(at.max(speaker.since));
            }
            Event::FloorResumed => {
                let speaker = self.floor.as_mut().ok_or(NOBODY_SPEAKS)?;
                let paused_at = speaker
                    .paused_at
                    .take()
                    .ok_or(ApplyError::Inconsistent("not paused"))?;
                speaker.paused_ms += at.saturating_sub(paused_at);
            }
            _ => return Err(ApplyError::Inconsistent("not an event of this area")),
        }
        Ok(())
    }

    /// The request `request` waiting in `item`'s list.
    fn waiting_mut(
        &mut self,
        item: &ItemId,
        request: RequestId,
    ) -> Result<&mut FloorRequest, ApplyError> {
        let list = self.existing_list_mut(item)?;
        let index = list.index_of(request).ok_or(NOT_WAITING)?;
        Ok(&mut list.queue[index])
    }
}
