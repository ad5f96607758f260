//! The live forecast: when the current item and the whole meeting will end, from the
//! time already used, the list of speakers and the speaking-time limits, and the hint
//! the chair gets when the list runs past the plan.
//!
//! It is a pure function of the state and the time, so that every client computes it
//! for itself as the state changes and the clock runs; nothing is sent for it.

use crate::agenda::ItemState;
use crate::state::MeetingState;

/// What the forecast says at one moment. Times are server times in milliseconds since
/// the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forecast {
    /// Milliseconds the current item has run.
    pub item_used_ms: u64,
    /// Its planned duration in milliseconds, if planned.
    pub item_planned_ms: Option<u64>,
    /// Milliseconds the current speech and the requests waiting will take at the
    /// speaking-time limit (`None` without a limit).
    pub list_ms: Option<u64>,
    /// When the current item is expected to end: when its plan runs out or when the
    /// list is through, whichever is later (the list alone without a plan).
    pub item_ends_at: Option<u64>,
    /// When the meeting is expected to end: the current item's end plus the planned
    /// durations of the items still to come (not done, not skipped).
    pub meeting_ends_at: Option<u64>,
    /// When the list runs past the plan: how many of the waiting requests still fit in
    /// the plan, and when the item ends if the chair closes the list now.
    pub close_now: Option<CloseNow>,
}

/// The chair's hint: "close the list now to finish this item by …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseNow {
    /// How many of the waiting requests fit in what is left of the plan.
    pub requests_that_fit: u32,
    /// When the item ends if the chair closes the list now (everyone waiting speaks).
    pub ends_at: u64,
    /// How far past the plan that is, in milliseconds.
    pub overrun_ms: u64,
}

/// The forecast for `state` at server time `now`; `None` before the meeting starts.
pub fn forecast(state: &MeetingState, now: u64) -> Option<Forecast> {
    let index = state.current_item_position()?;
    let item = &state.agenda[index];
    let item_used_ms = item.used_ms_at(now);
    let item_planned_ms = item
        .planned_minutes
        .map(|minutes| u64::from(minutes) * 60_000);
    let limit_ms = state
        .speaking_time(&item.id)
        .map(|seconds| u64::from(seconds) * 1000);
    let waiting = state
        .list(&item.id)
        .map_or(0, |list| u64::from(list.length));
    let speech_left_ms = state
        .floor
        .as_ref()
        .filter(|speaker| speaker.item == item.id)
        .and_then(|speaker| speaker.remaining_ms(now))
        .map_or(0, |left| u64::try_from(left).unwrap_or(0));
    let list_ms = limit_ms.map(|limit| speech_left_ms + waiting * limit);
    let plan_left_ms = item_planned_ms.map(|planned| planned.saturating_sub(item_used_ms));
    let item_ends_at = match (plan_left_ms, list_ms) {
        (Some(plan), Some(list)) => Some(now + plan.max(list)),
        (Some(plan), None) => Some(now + plan),
        (None, Some(list)) => Some(now + list),
        (None, None) => None,
    };
    let later_ms: Option<u64> = state.agenda[index + 1..]
        .iter()
        .filter(|later| matches!(later.state, ItemState::Upcoming))
        .map(|later| {
            later
                .planned_minutes
                .map(|minutes| u64::from(minutes) * 60_000)
        })
        .sum();
    let meeting_ends_at = item_ends_at.zip(later_ms).map(|(end, later)| end + later);
    let close_now = match (plan_left_ms, list_ms, limit_ms) {
        (Some(plan), Some(list), Some(limit)) if list > plan && limit > 0 => Some(CloseNow {
            requests_that_fit: u32::try_from(plan.saturating_sub(speech_left_ms) / limit)
                .unwrap_or(u32::MAX),
            ends_at: now + list,
            overrun_ms: list - plan,
        }),
        _ => None,
    };
    Some(Forecast {
        item_used_ms,
        item_planned_ms,
        list_ms,
        item_ends_at,
        meeting_ends_at,
        close_now,
    })
}
