//! The agenda: its items and where each stands. The fold of the agenda's events and the
//! queries over the whole agenda (the next open item, say) are in `state/agenda.rs`.

use crate::ids::ItemId;
use crate::info::Localized;
use serde::{Deserialize, Serialize};

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Not discussed yet (or taken up again later).
    #[default]
    Upcoming,
    /// Being discussed: the current item.
    Live,
    /// Discussed.
    Done,
    /// Passed over.
    Skipped,
}

/// What becomes of the requests still waiting on the item the chair leaves: the chair's
/// choice when moving on or back (`set_current_item`, `next_item`, `previous_item`),
/// recorded in [`crate::Event::CurrentItemChanged`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// They stay on the item left, and are taken up again if the chair returns to it.
    #[default]
    Keep,
    /// They join the new item's list, in their order, each where the new list's rules
    /// put it; one whose owner already waits there is not carried twice.
    Carry,
    /// They are closed: every waiting hand on the item left is lowered.
    Close,
}

impl Waiting {
    /// Whether this is the default, [`Waiting::Keep`] (left out on the wire).
    pub fn is_keep(&self) -> bool {
        *self == Self::Keep
    }
}

/// One item of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgendaItem {
    /// The item's id, stable for the whole meeting.
    pub id: ItemId,
    /// The item's title in the meeting's languages.
    pub title: Localized,
    /// Who presents the item (a person, a delegation), if anyone in particular.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// The planned duration in minutes, if planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_minutes: Option<u32>,
    /// Guiding questions discussed under this item, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Localized>,
    /// The speaking-time limit for this item in seconds, overriding the meeting's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time_seconds: Option<u32>,
    /// Where the item stands.
    #[serde(default)]
    pub state: ItemState,
    /// Milliseconds it was the current item before, in earlier stretches.
    #[serde(default)]
    pub used_ms: u64,
    /// Server time (ms since the Unix epoch) it became the current item, while it is.
    #[serde(default)]
    pub live_since: Option<u64>,
}

impl AgendaItem {
    /// Whether the chair can take this item up by moving on or back: any item not
    /// skipped.
    pub fn is_open(&self) -> bool {
        self.state != ItemState::Skipped
    }

    /// Milliseconds it has been the current item in all, at server time `now`.
    pub fn used_ms_at(&self, now: u64) -> u64 {
        self.used_ms + self.live_since.map_or(0, |since| now.saturating_sub(since))
    }
}
