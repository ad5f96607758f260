//! The header (meeting title, the viewer, the connection, the interface language) and
//! the notices below it.

use super::focus;
use crate::i18n::{self, Key, Lang};
use crate::locale;
use crate::model;
use crate::session::Session;
use leptos::prelude::*;

/// The meeting's title, who the viewer is, the connection's state and the language
/// picker.
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
            <h1 id="meeting-title"><bdi>{move || title.get()}</bdi></h1>
            <p id="you">
                {move || you.get().map(|you| {
                    // A delegation's own representative is named after it: say it once.
                    let delegation = you.delegation.filter(|delegation| *delegation != you.name);
                    view! {
                        <bdi class="you-name">{you.name}</bdi>
                        {delegation.map(|delegation| view! {
                            <bdi class="you-delegation">{delegation}</bdi>
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
            <LanguagePicker/>
        </header>
    }
}

/// The interface language: each language named in itself. Picking one remembers it,
/// turns the document's direction and draws the page again in it; the connection and
/// everything known about the meeting stay.
#[component]
fn LanguagePicker() -> impl IntoView {
    let session = Session::get();
    let current = session.language.get_untracked();
    let pick = move |event| {
        let Some(lang) = Lang::from_tag(&event_target_value(&event)) else {
            return;
        };
        if lang == session.language.get_untracked() {
            return;
        }
        locale::save(lang);
        locale::apply(lang);
        session.language.set(lang);
        // The picker is drawn anew with the page: the focus stays on it.
        request_animation_frame(|| {
            focus("#ui-language");
        });
    };
    view! {
        <p class="ui-language">
            <label for="ui-language">{i18n::text(Key::InterfaceLanguage)}</label>
            <select id="ui-language" on:change=pick>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| view! {
                        <option
                            value=lang.tag()
                            lang=lang.tag()
                            dir=lang.dir()
                            selected=lang == current
                        >
                            {lang.native_name()}
                        </option>
                    })
                    .collect_view()}
            </select>
        </p>
    }
}

/// The status area for refused commands, the polite `aria-live` region that announces
/// important changes to screen-reader users, and the assertive one for alerts that cannot
/// wait (dead air).
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
        <div id="alerter" class="visually-hidden" aria-live="assertive" aria-atomic="true">
            {move || session.alert.get()}
        </div>
    }
}
