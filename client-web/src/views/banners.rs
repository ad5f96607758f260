//! Banners across the top of the page: the meeting has ended, the session is about to
//! end, and dead air (someone has the floor and no booth interprets into a language);
//! fixed at the top of the viewport, the connection lost and the messages about changes
//! that must be seen, not only heard (`Toasts`). Also what marks a clock as not current
//! while the connection is lost (`NotCurrent`, `stale`).

use crate::console;
use crate::i18n::{self, Key};
use crate::session::{Session, Toast};
use leptos::ev;
use leptos::prelude::*;
use protocol::ChannelId;
use std::time::Duration;

/// How long a message stays up at least: long enough to read.
const TOAST_FOR: Duration = Duration::from_secs(8);

/// While the pointer or the focus is on a message, it stays; it is looked at again this
/// often.
const TOAST_HELD_RECHECK: Duration = Duration::from_secs(2);

/// Fixed at the top of the viewport, over the page: the connection lost, then the
/// messages.
#[component]
pub fn AtTheTop() -> impl IntoView {
    view! {
        <div class="at-top">
            <Offline/>
            <Toasts/>
        </div>
    }
}

/// "Connection lost …", fixed at the top of the viewport while the connection is down
/// and a meeting is shown (it replaces nothing: the page stays, marked as not current).
/// The status region is always in the page, so that its text is announced when it
/// appears.
#[component]
fn Offline() -> impl IntoView {
    let session = Session::get();
    let offline = Memo::new(move |_| session.offline());
    view! {
        <div
            id="offline-banner"
            class="offline-banner"
            role="status"
            aria-atomic="true"
            data-offline=move || if offline.get() { "true" } else { "false" }
        >
            <Show when=move || offline.get()>
                <p>
                    <span class="dot" aria-hidden="true"></span>
                    {i18n::text(Key::Offline)}
                </p>
            </Show>
        </div>
    }
}

/// `data-stale` for a clock or an estimate: `"true"` while the connection is lost.
pub fn stale(session: Session) -> impl Fn() -> Option<&'static str> + Copy {
    move || session.offline().then_some("true")
}

/// "(not current)" next to a clock or an estimate while the connection is lost.
#[component]
pub fn NotCurrent() -> impl IntoView {
    let session = Session::get();
    view! {
        <Show when=move || session.offline()>
            <span class="not-current">{i18n::text(Key::NotCurrent)}</span>
        </Show>
    }
}

/// The messages shown at the top of the page (`#toasts`), newest last. None takes the
/// focus; each stays at least [`TOAST_FOR`], and as long as the pointer or the focus is
/// on it, and has a button to dismiss it; Escape dismisses them all. They are said
/// through the polite region when shown, so the list itself is not a live region.
#[component]
fn Toasts() -> impl IntoView {
    let session = Session::get();
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() != "Escape" || event.default_prevented() {
            return;
        }
        if session.toasts.with_untracked(|toasts| !toasts.is_empty()) {
            session.toasts.set(Vec::new());
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <div id="toasts" class="toasts">
            <For
                each=move || session.toasts.get()
                key=|toast| toast.serial
                children=move |toast| view! { <ToastMessage toast/> }
            />
        </div>
    }
}

/// One message, with its dismiss button.
#[component]
fn ToastMessage(toast: Toast) -> impl IntoView {
    let session = Session::get();
    let Toast { serial, text } = toast;
    // Pointer over it, focus in it: a message being read stays.
    let hovered = StoredValue::new(false);
    let focused = StoredValue::new(false);
    expire_later(session, serial, hovered, focused, TOAST_FOR);
    view! {
        <div
            class="toast"
            data-serial=serial.to_string()
            on:mouseenter=move |_| hovered.set_value(true)
            on:mouseleave=move |_| hovered.set_value(false)
            on:focusin=move |_| focused.set_value(true)
            on:focusout=move |_| focused.set_value(false)
        >
            <p class="toast-text">{text}</p>
            <button
                type="button"
                class="toast-dismiss"
                aria-label=i18n::text(Key::DismissMessage)
                on:click=move |_| session.dismiss(serial)
            >
                <span aria-hidden="true">"×"</span>
            </button>
        </div>
    }
}

/// Takes the message `serial` away after `after`, unless it is being read then (it is
/// looked at again later), or it is gone already.
fn expire_later(
    session: Session,
    serial: u64,
    hovered: StoredValue<bool>,
    focused: StoredValue<bool>,
    after: Duration,
) {
    set_timeout(
        move || {
            // Dismissed meanwhile (the component is gone): nothing to do.
            let (Some(hovered_now), Some(focused_now)) =
                (hovered.try_get_value(), focused.try_get_value())
            else {
                return;
            };
            if hovered_now || focused_now {
                expire_later(session, serial, hovered, focused, TOAST_HELD_RECHECK);
            } else {
                session.dismiss(serial);
            }
        },
        after,
    );
}

/// "This meeting has ended", once it has.
#[component]
pub fn MeetingClosed() -> impl IntoView {
    let session = Session::get();
    let closed = Memo::new(move |_| session.closed());
    view! {
        <Show when=move || closed.get()>
            <section id="meeting-closed" class="banner closed" aria-labelledby="meeting-closed-heading">
                <h2 id="meeting-closed-heading">{i18n::text(Key::MeetingEnded)}</h2>
                <p>{i18n::text(Key::MeetingEndedExplained)}</p>
            </section>
        </Show>
    }
}

/// "Your session ends in 5 minutes …": from ten minutes before the token expires until a
/// fresh invite link renews it, so that the viewer can act before being cut off.
#[component]
pub fn SessionEnding() -> impl IntoView {
    let session = Session::get();
    let minutes = Memo::new(move |_| {
        let ends_at = session.session_ends_at.get()?;
        crate::policy::session_minutes_left(session.server_now(), ends_at)
    });
    view! {
        <Show when=move || minutes.get().is_some()>
            <section id="session-ending" class="banner session-ending" role="status">
                <p>{move || minutes.get().map(i18n::session_ending)}</p>
            </section>
        </Show>
    }
}

/// The dead-air alerts received (the booth's, or every booth's for the chair), while
/// each silence goes on, with how long it has lasted.
#[component]
pub fn DeadAir() -> impl IntoView {
    let session = Session::get();
    let alerts = Memo::new(move |_| {
        let now = session.server_now();
        session.dead_air.with(|alerts| {
            session
                .with_meeting(|state| {
                    alerts
                        .iter()
                        .filter_map(|(channel, since)| {
                            console::dead_air_text(state, channel, *since, now)
                                .map(|text| (channel.clone(), text))
                        })
                        .collect::<Vec<(ChannelId, String)>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || alerts.with(|alerts| !alerts.is_empty())>
            <section id="dead-air" class="banner dead-air" aria-labelledby="dead-air-heading">
                <h2 id="dead-air-heading">{i18n::text(Key::DeadAirHeading)}</h2>
                <ul>
                    {move || {
                        alerts
                            .get()
                            .into_iter()
                            .map(|(channel, text)| view! { <li data-channel-id=channel.to_string()>{text}</li> })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
