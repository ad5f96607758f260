//! The header (meeting title, the viewer, the connection) and the notices below it.

use crate::i18n::{self, Key};
use crate::model;
use crate::session::Session;
use leptos::prelude::*;

/// The meeting's title, who the viewer is, and the connection's state.
#[component]
pub fn Header() -> impl IntoView {
    let session = Session::get();
    let title = Memo::new(move |_| {
        session
            .with_meeting(|meeting| model::localized(meeting, &meeting.info.title).to_owned())
            .unwrap_or_else(|| i18n::text(Key::AppName).to_owned())
    });
    let you = Memo::new(move |_| session.you.get());
    let status = Memo::new(move |_| session.status.get());
    view! {
        <header class="top">
            <h1 id="meeting-title">{move || title.get()}</h1>
            <p id="you">
                {move || you.get().map(|you| {
                    // A delegation's own representative is named after it: say it once.
                    let delegation = you.delegation.filter(|delegation| *delegation != you.name);
                    view! {
                        <span class="you-name">{you.name}</span>
                        {delegation.map(|delegation| view! {
                            <span class="you-delegation">{delegation}</span>
                        })}
                        <span class="badge">{i18n::role(you.role)}</span>
                    }
                })}
            </p>
            <p
                id="connection-status"
                role="status"
                data-state=move || status.get().as_str()
                class=move || format!("status {}", status.get().as_str())
            >
                <span class="dot" aria-hidden="true"></span>
                {move || status.get().label()}
            </p>
        </header>
    }
}

/// The status area for refused commands and the `aria-live` region that announces
/// important changes to screen-reader users.
#[component]
pub fn Notices() -> impl IntoView {
    let session = Session::get();
    view! {
        <div id="notice" class="notice" role="status">
            {move || session.notice.get().map(|notice| notice.text)}
        </div>
        <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true">
            {move || session.announcement.get()}
        </div>
    }
}
