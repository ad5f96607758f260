//! The page's areas, one file each. Each view reads the [`crate::session::Session`] from
//! the context and sends commands through [`crate::connection::send`].
//!
//! # DOM contract
//!
//! The end-to-end browser tests (`tests/tests/browser.rs`) find things by these ids and
//! attributes; keep them stable:
//!
//! - `#connection-status[data-state]`: `connecting`, `connected`, `reconnecting` or
//!   `failed`. `#meeting-title`. `#you`: the viewer's name and role.
//! - `#current-item[data-item-id]` (empty before the meeting starts), whose text contains
//!   the item's title; `#questions`, its guiding questions; `#agenda li[data-item-id]`, the current one with
//!   `aria-current="step"`.
//! - `#raise-hand[aria-pressed]`, `#my-position` (only while in the queue), `#queue
//!   li[data-participant-id]` with the name in its text.
//! - `#floor[data-participant-id]` (empty when nobody speaks); `#my-floor-status`, present
//!   exactly while the viewer has the floor.
//! - Chair only: `#give-floor-next`, `#end-floor`, `#previous-item`, `#next-item`,
//!   `button.give-floor` in each queue entry, `button.go-to` in each agenda item.
//! - `#channels li[data-channel-id][data-state]`, the state `live` or `standby`;
//!   interpreters' `#on-air-toggle[aria-pressed]`.
//! - `#announcer`: the `aria-live` region; `#notice`: refused commands.
//!
//! Buttons whose action does not fit the moment are `aria-disabled` rather than
//! `disabled`, so that keyboard focus is not lost when the state changes under it.

mod agenda;
mod booth;
mod channels;
mod floor;
mod header;
mod speakers;

pub use agenda::{Agenda, CurrentItem, Questions};
pub use booth::Booth;
pub use channels::Channels;
pub use floor::Floor;
pub use header::{Header, Notices};
pub use speakers::Speakers;

use crate::session::Session;
use leptos::prelude::*;

/// Whether the viewer chairs the meeting; it never changes during a session.
fn is_chair(session: Session) -> Memo<bool> {
    Memo::new(move |_| {
        session
            .you
            .with(|you| you.as_ref().is_some_and(|you| you.role.moderates()))
    })
}

/// `aria-disabled` for a button: present (`"true"`) only when the action does not fit.
fn aria_disabled(disabled: bool) -> Option<&'static str> {
    disabled.then_some("true")
}

/// `aria-pressed` for a toggle button.
fn aria_pressed(pressed: bool) -> &'static str {
    if pressed { "true" } else { "false" }
}
