//! The chair's management of the list in use: close and reopen it, first-time speakers
//! first, re-add the last speaker, lower all hands (after a confirmation that says how
//! many), and the item's speaking time.

use super::{aria_disabled, aria_pressed, focus, is_chair};
use crate::connection;
use crate::i18n::{self, Key};
use crate::session::Session;
use crate::speakers;
use crate::timing;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::Command;

/// The chair's card for the list in use.
#[component]
pub fn ListControls() -> impl IntoView {
    let session = Session::get();
    let chair = is_chair(session);
    view! {
        <Show when=move || chair.get()>
            <section class="card list-controls" aria-labelledby="list-controls-heading">
                <h2 id="list-controls-heading">{i18n::text(Key::ManageList)}</h2>
                <ListButtons/>
                <SpeakingTime/>
            </section>
        </Show>
    }
}

#[component]
fn ListButtons() -> impl IntoView {
    let session = Session::get();
    let state = Memo::new(move |_| {
        session
            .with_meeting(speakers::chair_state)
            .unwrap_or_default()
    });
    let closed = move || state.with(|state| state.closed);
    let first_time_first = move || state.with(|state| state.first_time_first);
    let waiting = move || state.with(|state| state.waiting);
    let readd = move || state.with(|state| state.readd.clone());
    let confirming = RwSignal::new(false);
    // Nothing left to clear (someone else cleared it, the last hand went down): the
    // question no longer makes sense.
    Effect::new(move |_| {
        if waiting() == 0 && confirming.get_untracked() {
            confirming.set(false);
        }
    });
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let cancel = move || {
        confirming.set(false);
        focus("#clear-queue");
    };
    view! {
        <div class="controls" role="group" aria-label=i18n::text(Key::ChairControls)>
            <button
                id="close-list"
                aria-disabled=move || aria_disabled(closed())
                on:click=move |_| {
                    if !closed() {
                        connection::send(Command::CloseList);
                        focus("#reopen-list");
                    }
                }
            >
                {i18n::text(Key::CloseList)}
            </button>
            <button
                id="reopen-list"
                aria-disabled=move || aria_disabled(!closed())
                on:click=move |_| {
                    if closed() {
                        connection::send(Command::ReopenList);
                        focus("#close-list");
                    }
                }
            >
                {i18n::text(Key::ReopenList)}
            </button>
            <button
                id="first-time-first"
                aria-pressed=move || aria_pressed(first_time_first())
                on:click=move |_| {
                    connection::send(Command::SetFirstTimeFirst { on: !first_time_first() })
                }
            >
                {i18n::text(Key::FirstTimeFirst)}
            </button>
            <button
                id="readd-last-speaker"
                aria-disabled=move || aria_disabled(readd().is_none())
                aria-label=move || readd().map(|name| i18n::readd_label(&name))
                on:click=move |_| {
                    if readd().is_some() {
                        connection::send(Command::ReaddLastSpeaker);
                    }
                }
            >
                {i18n::text(Key::ReaddLastSpeaker)}
            </button>
            <button
                id="clear-queue"
                class="danger"
                aria-disabled=move || aria_disabled(waiting() == 0)
                aria-expanded=move || if confirming.get() { "true" } else { "false" }
                aria-controls="clear-queue-confirmation"
                on:click=move |_| {
                    if waiting() > 0 {
                        confirming.set(true);
                    }
                }
            >
                {i18n::text(Key::ClearQueue)}
            </button>
        </div>
        <Show when=move || confirming.get()>
            <div
                id="clear-queue-confirmation"
                class="confirmation"
                role="group"
                aria-labelledby="clear-queue-question"
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        cancel();
                    }
                }
            >
                <p id="clear-queue-question">
                    {move || i18n::clear_queue_confirm(waiting() as usize)}
                </p>
                <div class="controls">
                    <button
                        id="clear-queue-confirm"
                        class="danger primary"
                        node_ref=confirm_button
                        on:click=move |_| {
                            connection::send(Command::ClearQueue);
                            confirming.set(false);
                            focus("#clear-queue");
                        }
                    >
                        {i18n::text(Key::ClearQueueYes)}
                    </button>
                    <button id="clear-queue-cancel" on:click=move |_| cancel()>
                        {i18n::text(Key::Cancel)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// The item's speaking time: shown, and set as `m:ss`, whole minutes, or empty for the
/// meeting's default.
#[component]
fn SpeakingTime() -> impl IntoView {
    let session = Session::get();
    let state = Memo::new(move |_| {
        session
            .with_meeting(speakers::chair_state)
            .unwrap_or_default()
    });
    // The item's own limit, which the field starts from (empty: the meeting's default).
    let own = Memo::new(move |_| {
        state.with(|state| {
            (!state.speaking_time_is_default)
                .then_some(state.speaking_time)
                .flatten()
        })
    });
    // Kept when the page is drawn again in another language, with the limit the field
    // was last filled from: the field follows the item's limit when that changes, and
    // keeps what the chair typed otherwise.
    let (draft, error, filled_from) = super::unsent("speaking-time", || {
        (
            RwSignal::new(String::new()),
            RwSignal::new(None::<Key>),
            RwSignal::new(None),
        )
    });
    Effect::new(move |_| {
        let own = own.get();
        if filled_from.get_untracked() != Some(own) {
            filled_from.set(Some(own));
            draft.set(timing::format_speaking_time(own));
        }
    });
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        match timing::parse_speaking_time(&draft.get_untracked()) {
            Ok(seconds) => {
                error.set(None);
                if seconds != own.get_untracked() {
                    connection::send(Command::SetSpeakingTime { seconds });
                }
            }
            Err(key) => {
                error.set(Some(key));
                focus("#speaking-time");
            }
        }
    };
    view! {
        <form id="speaking-time-form" class="form inline" on:submit=submit novalidate>
            <p id="speaking-time-current">
                {move || state.with(|state| i18n::speaking_time(state.speaking_time, state.speaking_time_is_default))}
            </p>
            <div class="field">
                <label for="speaking-time">{i18n::text(Key::SpeakingTime)}</label>
                <div class="field-row">
                    <input
                        id="speaking-time"
                        type="text"
                        inputmode="numeric"
                        size="6"
                        autocomplete="off"
                        aria-describedby="speaking-time-hint speaking-time-error"
                        aria-invalid=move || error.get().map(|_| "true")
                        prop:value=move || draft.get()
                        on:input=move |event| {
                            draft.set(event_target_value(&event));
                            error.set(None);
                        }
                    />
                    <button id="set-speaking-time" type="submit">
                        {i18n::text(Key::SetSpeakingTime)}
                    </button>
                </div>
                <p id="speaking-time-hint" class="details">{i18n::text(Key::SpeakingTimeHint)}</p>
                <p id="speaking-time-error" class="field-error" role="alert">
                    {move || error.get().map(i18n::text)}
                </p>
            </div>
        </form>
    }
}
